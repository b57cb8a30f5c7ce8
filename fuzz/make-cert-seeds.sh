#!/usr/bin/env bash
# Writes the `cert` target's seed corpus, fuzz/seeds/cert/: real certificates made with openssl,
# in DER (what a TLS handshake hands over) and PEM (what --cacert and --cert files hold): RSA,
# ECDSA and Ed25519 keys; a chain; v1 and v3; UTCTime and GeneralizedTime dates; expired and
# not yet valid; a subject and issuer long enough for multi-byte DER lengths. The files are
# committed; rerun this only to change them (the keys are new each time).
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/seeds/cert"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p "$out"
rm -f "$out"/*.der "$out"/*.pem

# A minimal CA for `openssl ca`, the one command that takes arbitrary start and end dates.
touch index.txt
echo 01 >serial
cat >ca.cnf <<'CNF'
[ ca ]
default_ca = d
[ d ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = default
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = optional
organizationName = optional
organizationalUnitName = optional
countryName = optional
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_leaf ]
basicConstraints = CA:false
subjectAltName = DNS:service.test, DNS:*.service.test, IP:127.0.0.1
extendedKeyUsage = serverAuth
CNF

key() { # NAME ALGORITHM...
  local name=$1
  shift
  openssl genpkey "$@" -out "$name.key" 2>/dev/null
}

# sign NAME SUBJECT START END EXTENSIONS [ISSUER]: NAME.pem, signed by ISSUER (itself when none).
sign() {
  local name=$1 subject=$2 start=$3 end=$4 ext=$5 issuer=${6:-}
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr" 2>/dev/null
  local ext_args=()
  [ "$ext" = none ] || ext_args=(-extensions "$ext")
  if [ -z "$issuer" ]; then
    openssl ca -batch -config ca.cnf -selfsign -keyfile "$name.key" -in "$name.csr" \
      -startdate "$start" -enddate "$end" "${ext_args[@]}" -notext -out "$name.pem" 2>/dev/null
  else
    openssl ca -batch -config ca.cnf -cert "$issuer.pem" -keyfile "$issuer.key" -in "$name.csr" \
      -startdate "$start" -enddate "$end" "${ext_args[@]}" -notext -out "$name.pem" 2>/dev/null
  fi
}

der() { openssl x509 -in "$1.pem" -outform DER -out "$out/$2.der"; }

key rsa-root -algorithm RSA -pkeyopt rsa_keygen_bits:2048
sign rsa-root "/C=XX/O=Fuzz Test/CN=Fuzz RSA Root" 20240101000000Z 20440101000000Z v3_ca
der rsa-root rsa2048-root-v3
cp rsa-root.pem "$out/rsa2048-root-v3.pem"

key ec-int -algorithm EC -pkeyopt ec_paramgen_curve:P-256
sign ec-int "/O=Fuzz Test/CN=Fuzz ECDSA Intermediate" 20240101000000Z 20340101000000Z v3_ca rsa-root
key ec-leaf -algorithm EC -pkeyopt ec_paramgen_curve:P-256
sign ec-leaf "/CN=service.test" 20250101000000Z 20270101000000Z v3_leaf ec-int
der ec-leaf ecdsa-p256-leaf
# The chain as a server sends it, leaf first, in one PEM file.
cat ec-leaf.pem ec-int.pem rsa-root.pem >"$out/ecdsa-chain-leaf-first.pem"

key ed -algorithm ED25519
# Expired, and v1 (no extensions: no version field at all).
sign ed "/CN=expired.test" 19990101000000Z 20000101000000Z none
der ed ed25519-expired-v1

key p384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
# Dates from 2050 on are GeneralizedTime; this one is not valid yet.
sign p384 "/CN=future.test" 20510101000000Z 20991231235959Z v3_leaf
der p384 ecdsa-p384-generalized-time
cp p384.pem "$out/ecdsa-p384-generalized-time.pem"

key long -algorithm RSA -pkeyopt rsa_keygen_bits:1024
ou=""
for i in $(seq 1 24); do ou="$ou/OU=organisational unit number $i of a very long distinguished name"; done
sign long "/C=XX/O=Fuzz Test$ou/CN=long-names.service.test" 20240101000000Z 20350101000000Z v3_leaf
der long rsa-long-names

ls -l "$out"
