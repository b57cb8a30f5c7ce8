#!/usr/bin/env bash
# Static glibc build for scratch images: build it, then prove it probes a loopback server with an
# empty environment and from inside an empty chroot, by IP and by `localhost`.
#
#   sudo bash benches/static-check.sh        (chroot needs root; everything else does not)
#
# Builds target/x86_64-unknown-linux-gnu/release/healthprobe with
#   RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked --target x86_64-unknown-linux-gnu
# (the explicit --target keeps the static flags off build scripts and proc macros, and the output
# away from target/release), starts python3's http.server on 127.0.0.1 and, when openssl is
# there, a TLS server from benches/server.py, and checks:
#
#   required  env -i healthprobe http://127.0.0.1:PORT/          (no PATH, HOME, proxy, anything)
#   required  env -i healthprobe http://localhost:PORT/          (the host's /etc/hosts)
#   required  empty chroot (the binary alone), http://127.0.0.1:PORT/
#   required  chroot with only /etc/hosts (as Docker writes it), http://localhost:PORT/
#   required  chroot with the CA file only, https://127.0.0.1:PORT/ --cacert /ca.pem
#   observed  empty chroot, http://localhost:PORT/  (no /etc/hosts: expected to fail, reported)
#
# Exit 0 when every required check passes, 1 otherwise. Name resolution in a static glibc binary:
# getaddrinfo still reads /etc/nsswitch.conf (absent: glibc's default, dns then files), and the
# `files` (/etc/hosts) and `dns` (/etc/resolv.conf) services are built into glibc 2.34 and later;
# any other NSS module (mdns, myhostname, resolve, sss, ldap) would have to be dlopen()ed from
# the same glibc version, so in a scratch image it is simply not there.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s.%N)
target=x86_64-unknown-linux-gnu
bin=target/$target/release/healthprobe

echo "== build: RUSTFLAGS=\"-C target-feature=+crt-static\" cargo build --release --locked --target $target"
RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked --target "$target" 2>&1 |
  grep -v '^\s*Compiling ' || true
[ -x "$bin" ] || { echo "FAIL: $bin was not built"; exit 1; }
built=$(date +%s.%N)
echo "   $(stat -c %s "$bin") bytes; $(file -b "$bin" 2>/dev/null | cut -d, -f1-2 || true)"
# A static binary has no program interpreter (ld-linux) to ask for.
if LC_ALL=C readelf -l "$bin" | grep -q 'program interpreter'; then
  echo "FAIL: $bin is dynamically linked:"; ldd "$bin" || true; exit 1
fi

work=$(mktemp -d /tmp/healthprobe-static.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Plain HTTP: python3's http.server on an ephemeral port, serving one small health document.
mkdir -p "$work/www"
printf '{"status":"UP","components":{"db":{"status":"UP"}}}' >"$work/www/health.json"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/www" >"$work/http.log" 2>&1 &
pids+=($!)
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$work/http.log" | head -n1)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "FAIL: http.server did not start"; cat "$work/http.log"; exit 1; }

# HTTPS: a throwaway CA and leaf from openssl, served by benches/server.py (Python's ssl).
tls_port=""
if command -v openssl >/dev/null; then
  (
    cd "$work"
    openssl ecparam -name prime256v1 -genkey -noout -out ca.key
    openssl req -x509 -new -key ca.key -out ca.pem -days 2 -subj "/CN=static-check CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign"
    openssl ecparam -name prime256v1 -genkey -noout -out leaf.key
    openssl req -new -key leaf.key -out leaf.csr -subj "/CN=127.0.0.1"
    printf 'basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' >leaf.ext
    openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem \
      -days 2 -extfile leaf.ext
  ) >/dev/null 2>&1
  python3 -u benches/server.py --cert "$work/leaf.pem" --key "$work/leaf.key" >"$work/tls.port" &
  pids+=($!)
  for _ in $(seq 100); do
    tls_port=$(sed -n 's/.*"https": \([0-9]*\).*/\1/p' "$work/tls.port")
    [ -n "$tls_port" ] && break
    sleep 0.05
  done
fi

failures=0
check() { # check required|observed NAME COMMAND...
  local kind=$1 name=$2
  shift 2
  local out code=0
  out=$("$@" 2>&1) || code=$?
  local first
  first=$(printf '%s\n' "$out" | head -n1)
  if [ "$code" -eq 0 ]; then
    echo "ok    $name: $first"
  elif [ "$kind" = observed ]; then
    echo "note  $name (exit $code, expected): $first"
  else
    echo "FAIL  $name (exit $code): $out"
    failures=$((failures + 1))
  fi
}

echo "== probes (server on 127.0.0.1:$port${tls_port:+, TLS on 127.0.0.1:$tls_port})"
abs=$(pwd)/$bin
check required "env -i, by IP" env -i "$abs" --color never "http://127.0.0.1:$port/health.json"
check required "env -i, localhost (host /etc/hosts)" env -i "$abs" --color never "http://localhost:$port/health.json"

if [ "$(id -u)" -ne 0 ]; then
  echo "FAIL  the chroot checks need root (run with sudo)"
  exit 1
fi
chroot=$(command -v chroot) || { echo "FAIL  chroot is not installed (coreutils)"; exit 1; }
empty=$work/empty
mkdir -p "$empty"
cp "$bin" "$empty/healthprobe"
check required "empty chroot, by IP" env -i "$chroot" "$empty" /healthprobe --color never "http://127.0.0.1:$port/health.json"
check observed "empty chroot, localhost without /etc/hosts" env -i "$chroot" "$empty" /healthprobe --color never "http://localhost:$port/health.json"

hosts=$work/hosts
mkdir -p "$hosts/etc"
cp "$bin" "$hosts/healthprobe"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$hosts/etc/hosts"
check required "chroot with /etc/hosts only, localhost" env -i "$chroot" "$hosts" /healthprobe --color never "http://localhost:$port/health.json"

if [ -n "$tls_port" ]; then
  cp "$work/ca.pem" "$empty/ca.pem"
  check required "empty chroot + CA file, https by IP" env -i "$chroot" "$empty" /healthprobe --color never --cacert /ca.pem "https://127.0.0.1:$tls_port/health"
else
  echo "skip  https (openssl is not installed)"
fi

ended=$(date +%s.%N)
awk -v s="$started" -v b="$built" -v e="$ended" -v f="$failures" 'BEGIN {
  printf "== %s: build %.1f s, checks %.1f s\n", (f == 0 ? "passed" : f " FAILED"), b - s, e - b }'
[ "$failures" -eq 0 ]
