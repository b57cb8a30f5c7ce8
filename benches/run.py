#!/usr/bin/env python3
"""healthprobe against curl, wget and a raw-socket GET, in one run on this machine.

    python3 benches/run.py            # full run (about 2 minutes once built), see BENCHMARKS.md
    python3 benches/run.py --quick    # a few runs of each: a smoke test of the benchmark itself
    python3 benches/run.py --static   # also the static build (glibc linked in, for scratch images)

It builds the release binary (`cargo build --release --locked`) and benches/raw-get (raw-get and
bench-server), starts its own loopback servers (bench-server for plain HTTP, benches/server.py for
HTTPS with a CA and a certificate made at run time by openssl), and measures, alternating the
commands round by round:

  * the start-to-exit wall time and peak RSS of one probe, over http and https;
  * the same as the body grows from 1 kB to 100 MB (default 1 MiB cap, and --max-body 200MiB);
  * a fan-out to 1,000 loopback URLs in one healthprobe call against xargs -P 64 over curl;
  * the stripped binary size.

A timed run is one posix_spawn + wait4, with the wall time taken around both. Peak RSS comes from
separate runs under GNU time (`/usr/bin/time -f %M`; for xargs, the largest of xargs and its
curls): a child spawned by Python starts out with Python's memory, and Linux carries that
high-water mark across exec into ru_maxrss, so wait4's figure would be Python's, not the
command's. Every command runs with stdout and stderr on /dev/null and a clean environment (PATH,
an empty HOME, LANG), so no proxy, CA-bundle or rc-file setting of the caller reaches curl or
wget.

The report (Markdown) goes to stdout and to --out (default target/bench/latest.md), with the raw
figures as JSON beside it. Exit status: 0 when every command behaved as expected (targets met or
not, unless --strict), 1 when a command failed or, with --strict, a target was missed.
"""

import argparse
import datetime
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The targets of issue 9, as ratios measured in the same run.
TARGET_HTTP_VS_RAW = 1.3  # single probe, plain http: healthprobe / raw-get, at most
TARGET_HTTPS_VS_CURL = 0.1  # single probe, https: healthprobe / curl, at most
TARGET_RSS_VS_CURL = 0.35  # peak RSS: healthprobe / curl, at most
TARGET_BINARY_BYTES = 3_000_000  # stripped binary, at most (3 MB, decimal)
TARGET_FANOUT_SPEEDUP = 50  # 1,000 URLs: (xargs -P 64 + curl) / healthprobe -j 64, at least

FANOUT_URLS = 1000
FANOUT_JOBS = 64
BODY_SIZES = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

FULL = {"http": 400, "https": 200, "body_small": 40, "body_10m": 15, "body_100m": 6,
        "fanout_rounds": 5, "fanout_hp_per_round": 3, "warmup": 10, "hyperfine": 200, "rss": 10}
QUICK = {"http": 5, "https": 5, "body_small": 2, "body_10m": 2, "body_100m": 1,
         "fanout_rounds": 1, "fanout_hp_per_round": 2, "warmup": 1, "hyperfine": 0, "rss": 2}
GNU_TIME = "/usr/bin/time"


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run_text(argv, **kw):
    try:
        return subprocess.run(argv, capture_output=True, text=True, **kw).stdout.strip()
    except OSError:
        return ""


# ---------------------------------------------------------------- one measured run


class Cmd:
    def __init__(self, label, argv, expect=0, stdin=None, env=None):
        self.label, self.argv, self.expect, self.stdin, self.env = label, argv, expect, stdin, env
        self.wall = []  # seconds
        self.rss = []  # KiB
        self.codes = []

    def record_rss(self, env, scratch):
        """One run under GNU time, for the peak RSS alone (its wall time is not used)."""
        if not os.access(GNU_TIME, os.X_OK):
            return
        out = os.path.join(scratch, "rss.txt")
        argv = [GNU_TIME, "-f", "%M", "-o", out] + self.argv
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, self.stdin or os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        ]
        pid = os.posix_spawn(GNU_TIME, argv, self.env or env, file_actions=actions)
        os.waitpid(pid, 0)
        with open(out) as f:
            self.rss.append(int(f.read().split()[-1]))

    def spawn(self, env):
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, self.stdin or os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        ]
        started = time.perf_counter_ns()
        pid = os.posix_spawn(self.argv[0], self.argv, self.env or env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = (time.perf_counter_ns() - started) / 1e9
        return wall, os.waitstatus_to_exitcode(status)

    def record(self, env):
        wall, code = self.spawn(env)
        self.wall.append(wall)
        self.codes.append(code)

    def check(self, env):
        """One run with stderr captured, so that a broken command says why."""
        stdin = open(self.stdin) if self.stdin else subprocess.DEVNULL
        r = subprocess.run(self.argv, stdin=stdin, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=self.env or env, text=True)
        if r.returncode != self.expect:
            raise SystemExit(
                f"[bench] {self.label}: exit {r.returncode}, expected {self.expect}\n"
                f"  command: {' '.join(self.argv[:6])}{' ...' if len(self.argv) > 6 else ''}\n"
                f"  stderr: {r.stderr.strip()[:2000]}"
            )

    def stats(self):
        w = sorted(self.wall)
        q = statistics.quantiles(w, n=10, method="inclusive") if len(w) > 1 else [w[0]] * 9
        return {
            "label": self.label,
            "runs": len(w),
            "median_ms": statistics.median(w) * 1e3,
            "p10_ms": q[0] * 1e3,
            "p90_ms": q[8] * 1e3,
            "min_ms": w[0] * 1e3,
            "stdev_ms": (statistics.stdev(w) * 1e3) if len(w) > 1 else 0.0,
            "rss_mib": statistics.median(self.rss) / 1024 if self.rss else None,
            "rss_max_mib": max(self.rss) / 1024 if self.rss else None,
            "rss_runs": len(self.rss),
            "codes": sorted(set(self.codes)),
            "unexpected": sum(1 for c in self.codes if c != self.expect),
        }


def measure(cmds, rounds, warmup, env, rss_runs=0, scratch=None):
    """Round-robin: every round runs each command once, in an order rotated each round, so that
    a slow patch of the machine lands on all commands alike."""
    for cmd in cmds:
        cmd.check(env)
    for i in range(warmup):
        for cmd in cmds:
            cmd.spawn(env)
    gc.disable()
    try:
        for i in range(rounds):
            k = i % len(cmds)
            for cmd in cmds[k:] + cmds[:k]:
                cmd.record(env)
    finally:
        gc.enable()
    for i in range(rss_runs):
        for cmd in cmds:
            cmd.record_rss(env, scratch)
    return {cmd.label: cmd.stats() for cmd in cmds}


# ---------------------------------------------------------------- setup


def build(args):
    if args.healthprobe:
        hp = os.path.abspath(args.healthprobe)
    else:
        hp = os.path.join(ROOT, "target", "release", "healthprobe")
    raw_target = os.path.join(ROOT, "target", "bench", "raw-get")
    raw = os.path.join(raw_target, "release", "raw-get")
    server = os.path.join(raw_target, "release", "bench-server")
    started = time.monotonic()
    if not args.no_build:
        if not args.healthprobe:
            log("cargo build --release --locked")
            subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, check=True)
        log("cargo build --release (benches/raw-get)")
        env = dict(os.environ, CARGO_TARGET_DIR=raw_target)
        subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                        os.path.join(HERE, "raw-get", "Cargo.toml")], env=env, check=True)
    for path in (hp, raw, server):
        if not os.access(path, os.X_OK):
            raise SystemExit(f"[bench] {path} is missing; run without --no-build")
    return hp, raw, server, time.monotonic() - started


STATIC = "healthprobe, static build"
STATIC_TARGET = "x86_64-unknown-linux-gnu"


def build_static(args):
    """The static build of the README: glibc linked in, for scratch images."""
    path = os.path.join(ROOT, "target", STATIC_TARGET, "release", "healthprobe")
    if not args.no_build:
        log(f"cargo build --release --locked --target {STATIC_TARGET} (+crt-static)")
        env = dict(os.environ, RUSTFLAGS="-C target-feature=+crt-static")
        subprocess.run(["cargo", "build", "--release", "--locked", "--target", STATIC_TARGET],
                       cwd=ROOT, env=env, check=True)
    if not os.access(path, os.X_OK):
        raise SystemExit(f"[bench] {path} is missing; run --static without --no-build")
    return path


def stripped_size(path, work):
    if not shutil.which("strip"):
        return os.path.getsize(path)
    copy = os.path.join(work, "stripped")
    subprocess.run(["strip", "-o", copy, path], check=True)
    size = os.path.getsize(copy)
    os.remove(copy)
    return size


def make_certificates(work):
    """A throwaway CA and a leaf for 127.0.0.1 and localhost (ECDSA P-256), or None."""
    openssl = shutil.which("openssl")
    if not openssl:
        return None
    ca_key, ca, key, csr, cert = (os.path.join(work, n) for n in
                                  ("ca.key", "ca.pem", "leaf.key", "leaf.csr", "leaf.pem"))
    ext = os.path.join(work, "leaf.ext")
    with open(ext, "w") as f:
        f.write("basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n")
    steps = [
        ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", ca_key],
        ["req", "-x509", "-new", "-key", ca_key, "-out", ca, "-days", "2", "-subj",
         "/CN=healthprobe bench CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key],
        ["req", "-new", "-key", key, "-out", csr, "-subj", "/CN=127.0.0.1"],
        ["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
         "-out", cert, "-days", "2", "-extfile", ext],
    ]
    for step in steps:
        subprocess.run([openssl] + step, check=True, capture_output=True)
    found = {"ca": ca, "cert": cert, "key": key}
    # What curl loads when it trusts the public roots as healthprobe always does (its compiled-in
    # webpki roots), plus the bench CA: the system bundle with the CA appended.
    system = "/etc/ssl/certs/ca-certificates.crt"
    if os.path.exists(system):
        found["bundle"] = os.path.join(work, "system-plus-ca.pem")
        with open(found["bundle"], "w") as out:
            out.write(open(system).read() + "\n" + open(ca).read())
    return found


def start_servers(bench_server, certs):
    """bench-server for plain http; benches/server.py (Python's ssl) for https."""
    servers, ports = [], {}
    plain = subprocess.Popen([bench_server], stdout=subprocess.PIPE, text=True)
    servers.append(plain)
    ports["http"] = json.loads(plain.stdout.readline())["http"]
    ports["https"] = None
    if certs:
        argv = [sys.executable, os.path.join(HERE, "server.py"), "--cert", certs["cert"],
                "--key", certs["key"]]
        tls = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
        servers.append(tls)
        ports["https"] = json.loads(tls.stdout.readline())["https"]
    return servers, ports


def cpu_busy_seconds():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds():
    import resource

    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def proc_cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def machine():
    lscpu = run_text(["lscpu"]).splitlines()
    keep = ("Architecture", "CPU(s):", "Model name", "Thread(s) per core", "Core(s) per socket",
            "Hypervisor vendor", "L3 cache")
    first_line = lambda argv: run_text(argv).splitlines()[0] if run_text(argv) else "not found"
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": run_text(["nproc"]),
        "cpu": [line for line in lscpu if line.startswith(keep)],
        "kernel": platform.release(),
        "rustc": first_line(["rustc", "--version"]),
        "curl": first_line(["curl", "--version"]),
        "wget": first_line(["wget", "--version"]) if shutil.which("wget") else "not installed",
        "openssl": first_line(["openssl", "version"]) if shutil.which("openssl") else "not installed",
        "hyperfine": first_line(["hyperfine", "--version"]) if shutil.which("hyperfine") else "not installed",
        "python": platform.python_version(),
    }


# ---------------------------------------------------------------- the benchmark


def hyperfine_check(commands, runs, env, work):
    """hyperfine -N over the same commands (run after another, not alternated): a cross-check
    of the spawn + wait4 loop's figures by a tool that times commands its own way."""
    out = os.path.join(work, "hyperfine.json")
    argv = ["hyperfine", "-N", "--style", "none", "--warmup", "20", "--runs", str(runs),
            "--export-json", out]
    for label, command in commands:
        argv += ["-n", label, " ".join(command)]
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = json.load(open(out))["results"]
    return {r["command"]: {"median_ms": r["median"] * 1e3, "stddev_ms": (r["stddev"] or 0) * 1e3,
                           "runs": len(r["times"])} for r in results}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few runs of each (smoke test)")
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "bench", "latest.md"),
                        help="Markdown report path (JSON is written beside it)")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--healthprobe", metavar="PATH",
                        help="measure this healthprobe binary instead of target/release's")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--static", action="store_true",
                        help="also build and measure the static build (README, Performance)")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL

    hp, raw, bench_server, build_seconds = build(args)
    static_hp = build_static(args) if args.static else None
    log(f"binaries ready ({build_seconds:.0f} s)")
    work = tempfile.mkdtemp(prefix="healthprobe-bench-")
    home = os.path.join(work, "home")
    os.mkdir(home)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"}
    curl = shutil.which("curl")
    wget = shutil.which("wget")
    if not curl:
        raise SystemExit("[bench] curl is not installed: it is what healthprobe is measured against")
    certs = make_certificates(work)
    if not certs:
        log("openssl is not installed: the https part is skipped")
    if not os.access(GNU_TIME, os.X_OK):
        log(f"{GNU_TIME} is not installed (Debian package 'time'): peak RSS is not measured")
    servers, ports = start_servers(bench_server, certs)
    info = machine()
    info["load_before"] = open("/proc/loadavg").read().split()[:3]
    wall_started, busy_started, own_started = time.monotonic(), cpu_busy_seconds(), own_cpu_seconds()
    result = {"machine": info, "quick": args.quick, "healthprobe": hp}

    try:
        http = f"http://127.0.0.1:{ports['http']}/health"

        # ---- one probe, plain http
        log(f"single probe, http ({plan['http']} rounds)")
        cmds = [
            Cmd("healthprobe", [hp, http]),
            *([Cmd(STATIC, [static_hp, http])] if static_hp else []),
            Cmd("raw-get", [raw, http]),
            Cmd("curl -sf", [curl, "-sf", http]),
        ]
        if wget:
            cmds.append(Cmd("wget -q -O-", [wget, "-q", "-O-", http]))
        cmds.append(Cmd("/bin/true (spawn floor)", ["/bin/true"]))
        result["http"] = measure(cmds, plan["http"], plan["warmup"], env, plan["rss"], work)

        # ---- one probe, https
        if certs:
            https = f"https://127.0.0.1:{ports['https']}/health"
            log(f"single probe, https ({plan['https']} rounds)")
            cmds = [
                Cmd("healthprobe", [hp, "--cacert", certs["ca"], https]),
                *([Cmd(STATIC, [static_hp, "--cacert", certs["ca"], https])] if static_hp else []),
                Cmd("curl -sf", [curl, "-sf", "--cacert", certs["ca"], https]),
            ]
            if certs.get("bundle"):
                cmds.append(Cmd("curl -sf, system roots + CA", [curl, "-sf", "--cacert", certs["bundle"], https]))
            if wget:
                cmds.append(Cmd("wget -q -O-", [wget, "-q", "-O-", "--ca-certificate=" + certs["ca"], https]))
            result["https"] = measure(cmds, plan["https"], plan["warmup"], env, plan["rss"], work)

        # ---- hyperfine cross-check
        if plan["hyperfine"] and shutil.which("hyperfine"):
            log(f"hyperfine -N cross-check ({plan['hyperfine']} runs each)")
            result["hyperfine"] = hyperfine_check(
                [("healthprobe", [hp, http]), ("raw-get", [raw, http]), ("curl -sf", [curl, "-sf", http])],
                plan["hyperfine"], env, work)

        # ---- body size
        log("body size sweep")
        result["body"] = {}
        for size in BODY_SIZES:
            url = f"http://127.0.0.1:{ports['http']}/size/{size}"
            rounds = plan["body_100m"] if size >= 100_000_000 else (
                plan["body_10m"] if size >= 10_000_000 else plan["body_small"])
            capped = 2 if size > 1 << 20 else 0  # a body past the 1 MiB cap is CRITICAL
            cmds = [
                Cmd("healthprobe", [hp, url], expect=capped),
                Cmd("healthprobe --max-body 200MiB", [hp, "--max-body", "200MiB", url]),
                Cmd("curl -sf", [curl, "-sf", url]),
                Cmd("raw-get", [raw, url]),
            ]
            result["body"][size] = measure(cmds, rounds, min(plan["warmup"], 2), env,
                                           min(plan["rss"], 3), work)

        # ---- fan-out
        log(f"fan-out to {FANOUT_URLS} URLs ({plan['fanout_rounds']} rounds)")
        urls = [f"http://127.0.0.1:{ports['http']}/svc/{i}" for i in range(FANOUT_URLS)]
        url_file = os.path.join(work, "urls.txt")
        with open(url_file, "w") as f:
            f.write("\n".join(urls) + "\n")
        xargs = Cmd(f"xargs -P {FANOUT_JOBS} -n 1 curl -sf",
                    [shutil.which("xargs"), "-P", str(FANOUT_JOBS), "-n", "1", curl, "-sf", "-o", os.devnull],
                    stdin=url_file)
        fan_hp = Cmd(f"healthprobe -j {FANOUT_JOBS}", [hp, "-j", str(FANOUT_JOBS)] + urls)
        fan_curl = Cmd(f"curl -sf -Z --parallel-max {FANOUT_JOBS} (one process)",
                       [curl, "-sf", "-Z", "--parallel-max", str(FANOUT_JOBS)] + urls)
        for cmd in (xargs, fan_hp, fan_curl):
            cmd.check(env)
        gc.disable()
        for _ in range(plan["fanout_rounds"]):
            xargs.record(env)
            for _ in range(plan["fanout_hp_per_round"]):
                fan_hp.record(env)
                fan_curl.record(env)
        gc.enable()
        for cmd in (xargs, fan_hp, fan_curl):
            cmd.record_rss(env, work)
        result["fanout"] = {c.label: c.stats() for c in (fan_hp, xargs, fan_curl)}

        # ---- binary size
        size_as_built = os.path.getsize(hp)
        stripped = stripped_size(hp, work)
        libcurl = ""
        for line in run_text(["ldd", curl]).splitlines():
            if "libcurl" in line and "=>" in line:
                libcurl = line.split("=>")[1].split("(")[0].strip()
        result["binary"] = {
            "as_built": size_as_built,
            "stripped": stripped,
            "curl": os.path.getsize(curl),
            "libcurl": os.path.getsize(os.path.realpath(libcurl)) if libcurl else None,
            "libcurl_path": os.path.realpath(libcurl) if libcurl else None,
        }
        if static_hp:
            result["binary"]["static_stripped"] = stripped_size(static_hp, work)
    finally:
        server_cpu = sum(proc_cpu_seconds(s.pid) for s in servers)
        for s in servers:
            s.kill()
            s.wait()
        shutil.rmtree(work, ignore_errors=True)

    wall = time.monotonic() - wall_started
    foreign = cpu_busy_seconds() - busy_started - (own_cpu_seconds() - own_started)
    info["load_after"] = open("/proc/loadavg").read().split()[:3]
    info["measure_seconds"] = round(wall, 1)
    info["build_seconds"] = round(build_seconds, 1)
    info["server_cpu_seconds"] = round(server_cpu, 2)
    # Busy CPU time of everything that was not this run, as a share of one core.
    info["other_load_cores"] = round(max(0.0, foreign) / wall, 2)

    targets = evaluate(result)
    result["targets"] = targets
    report = render(result)
    print(report)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(report)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump(result, f, indent=1, default=str)
    log(f"report written to {os.path.relpath(args.out)} ({wall:.0f} s of measuring)")

    unexpected = sum(s["unexpected"] for group in ("http", "https") for s in result.get(group, {}).values())
    unexpected += sum(s["unexpected"] for sizes in result["body"].values() for s in sizes.values())
    unexpected += sum(s["unexpected"] for s in result["fanout"].values())
    if unexpected:
        log(f"{unexpected} runs exited with an unexpected code (see the tables)")
        return 1
    if args.strict and not all(t["met"] for t in targets):
        return 1
    return 0


# ---------------------------------------------------------------- verdicts and report


def evaluate(r):
    t = []

    def add(name, value, limit, met, shown, how):
        t.append({"target": name, "value": value, "limit": limit, "met": met, "shown": shown, "how": how})

    h = r["http"]
    ratio = h["healthprobe"]["median_ms"] / h["raw-get"]["median_ms"]
    add("single probe, http: wall time vs raw-socket GET", ratio, TARGET_HTTP_VS_RAW,
        ratio <= TARGET_HTTP_VS_RAW, f"{ratio:.2f} x", f"at most {TARGET_HTTP_VS_RAW} x")
    if "https" in r:
        s = r["https"]
        ratio = s["healthprobe"]["median_ms"] / s["curl -sf"]["median_ms"]
        add("single probe, https: wall time vs `curl --cacert CA`", ratio, TARGET_HTTPS_VS_CURL,
            ratio <= TARGET_HTTPS_VS_CURL, f"{ratio:.3f} x", f"at most {TARGET_HTTPS_VS_CURL} x")
        bundle = "curl -sf, system roots + CA"
        if bundle in s:
            ratio = s["healthprobe"]["median_ms"] / s[bundle]["median_ms"]
            add("single probe, https: wall time vs curl trusting the system roots + CA", ratio,
                TARGET_HTTPS_VS_CURL, ratio <= TARGET_HTTPS_VS_CURL, f"{ratio:.3f} x",
                f"at most {TARGET_HTTPS_VS_CURL} x")
    for group in ("http", "https"):
        if group in r and r[group]["healthprobe"]["rss_mib"]:
            g = r[group]
            ratio = g["healthprobe"]["rss_mib"] / g["curl -sf"]["rss_mib"]
            add(f"peak RSS vs curl ({group})", ratio, TARGET_RSS_VS_CURL, ratio <= TARGET_RSS_VS_CURL,
                f"{ratio:.2f} x", f"at most {TARGET_RSS_VS_CURL} x")
    b = r["binary"]["stripped"]
    add("stripped binary size", b, TARGET_BINARY_BYTES, b <= TARGET_BINARY_BYTES,
        f"{b:,} bytes ({b / 1e6:.2f} MB)", f"at most {TARGET_BINARY_BYTES:,} bytes")
    if STATIC in h:
        ratio = h[STATIC]["median_ms"] / h["raw-get"]["median_ms"]
        add("static build: single probe, http, vs raw-socket GET", ratio, TARGET_HTTP_VS_RAW,
            ratio <= TARGET_HTTP_VS_RAW, f"{ratio:.2f} x", f"at most {TARGET_HTTP_VS_RAW} x")
        for group in ("http", "https"):
            if group in r and r[group][STATIC]["rss_mib"]:
                g = r[group]
                ratio = g[STATIC]["rss_mib"] / g["curl -sf"]["rss_mib"]
                add(f"static build: peak RSS vs curl ({group})", ratio, TARGET_RSS_VS_CURL,
                    ratio <= TARGET_RSS_VS_CURL, f"{ratio:.2f} x", f"at most {TARGET_RSS_VS_CURL} x")
        b = r["binary"]["static_stripped"]
        add("static build: stripped binary size", b, TARGET_BINARY_BYTES, b <= TARGET_BINARY_BYTES,
            f"{b:,} bytes ({b / 1e6:.2f} MB)", f"at most {TARGET_BINARY_BYTES:,} bytes")
    f = r["fanout"]
    hp_key = next(k for k in f if k.startswith("healthprobe"))
    x_key = next(k for k in f if k.startswith("xargs"))
    ratio = f[x_key]["median_ms"] / f[hp_key]["median_ms"]
    add(f"{FANOUT_URLS}-URL fan-out: xargs + curl vs healthprobe", ratio, TARGET_FANOUT_SPEEDUP,
        ratio >= TARGET_FANOUT_SPEEDUP, f"{ratio:.0f} x faster", f"at least {TARGET_FANOUT_SPEEDUP} x")
    return t


def fmt_rss(v):
    return "n/a" if v is None else f"{v:.1f}"


def fmt_ms(v):
    return f"{v:.2f}" if v < 100 else f"{v:.0f}"


def timing_table(group, ratio_to, extra_ratio=None):
    lines = ["| command | median ms | p10 | p90 | stdev | peak RSS MiB | runs | exit | vs " + ratio_to +
             (f" | vs {extra_ratio}" if extra_ratio else "") + " |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |" + (" ---: |" if extra_ratio else "")]
    base = group[ratio_to]["median_ms"]
    extra = group[extra_ratio]["median_ms"] if extra_ratio else None
    for s in group.values():
        codes = ",".join(str(c) for c in s["codes"]) + (f" ({s['unexpected']} unexpected)" if s["unexpected"] else "")
        row = (f"| `{s['label']}` | {fmt_ms(s['median_ms'])} | {fmt_ms(s['p10_ms'])} | {fmt_ms(s['p90_ms'])} | "
               f"{fmt_ms(s['stdev_ms'])} | {fmt_rss(s['rss_mib'])} | {s['runs']} | {codes} | {s['median_ms'] / base:.2f} x |")
        if extra_ratio:
            row += f" {s['median_ms'] / extra:.2f} x |"
        lines.append(row)
    return "\n".join(lines)


def render(r):
    m = r["machine"]
    out = []
    w = out.append
    w(f"# healthprobe benchmark{' (--quick: a smoke test, too few runs to quote)' if r['quick'] else ''}")
    w("")
    flags = (" --quick" if r["quick"] else "") + (" --static" if "static_stripped" in r["binary"] else "")
    if r["healthprobe"] != os.path.join(ROOT, "target", "release", "healthprobe"):
        flags += f" --healthprobe {os.path.relpath(r['healthprobe'], ROOT)}"
    w(f"{m['date']}; `python3 benches/run.py{flags}`; "
      f"{m['nproc']} CPUs, kernel {m['kernel']}; {m['rustc']}.")
    w("")
    w("## Targets (issue 9)")
    w("")
    w("| target | measured | limit | met |")
    w("| --- | ---: | --- | --- |")
    for t in r["targets"]:
        w(f"| {t['target']} | {t['shown']} | {t['limit_text'] if 'limit_text' in t else t['how']} | {'yes' if t['met'] else '**no**'} |")
    w("")
    h = r["http"]
    w(f"Also: healthprobe / curl over http = {h['healthprobe']['median_ms'] / h['curl -sf']['median_ms']:.2f} x "
      f"(design budget: at most 1 x). Every figure includes spawning the process: "
      f"`/bin/true` costs {h['/bin/true (spawn floor)']['median_ms']:.2f} ms the same way.")
    w("")
    w("## One probe, plain http (small JSON body, 127.0.0.1)")
    w("")
    w(timing_table(h, "healthprobe", "curl -sf"))
    w("")
    if "https" in r:
        w("## One probe, https (ECDSA P-256 leaf, CA passed with --cacert / --ca-certificate)")
        w("")
        w(timing_table(r["https"], "healthprobe", "curl -sf"))
        w("")
    if "hyperfine" in r:
        w("Cross-check with `hyperfine -N` (plain http, commands run one after another, not alternated):")
        w("")
        w("| command | median ms | stddev | runs |")
        w("| --- | ---: | ---: | ---: |")
        for label, s in r["hyperfine"].items():
            w(f"| `{label}` | {s['median_ms']:.2f} | {s['stddev_ms']:.2f} | {s['runs']} |")
        w("")
    w("## Body size (plain http; median wall ms / median peak RSS MiB)")
    w("")
    labels = list(next(iter(r["body"].values())).keys())
    w("| body | " + " | ".join(f"`{label}`" for label in labels) + " |")
    w("| ---: |" + " ---: |" * len(labels))
    for size, group in r["body"].items():
        cells = []
        for label in labels:
            s = group[label]
            code = "" if s["codes"] == [0] else f" (exit {','.join(map(str, s['codes']))})"
            cells.append(f"{fmt_ms(s['median_ms'])} ms / {fmt_rss(s['rss_mib'])}{code}")
        w(f"| {human_size(int(size))} | " + " | ".join(cells) + " |")
    w("")
    w("healthprobe exits 2 (CRITICAL, body too large) past its default 1 MiB cap, and stops reading; "
      "curl and raw-get stream the body to /dev/null.")
    w("")
    w(f"## Fan-out: {FANOUT_URLS} loopback URLs, {FANOUT_JOBS} at a time")
    w("")
    w("| command | median ms | min | max | peak RSS MiB (largest process) | runs |")
    w("| --- | ---: | ---: | ---: | ---: | ---: |")
    for s in r["fanout"].values():
        w(f"| `{s['label']}` | {fmt_ms(s['median_ms'])} | {fmt_ms(s['min_ms'])} | "
          f"{fmt_ms(max(s['p90_ms'], s['median_ms']))} | {fmt_rss(s['rss_max_mib'])} | {s['runs']} |")
    w("")
    f = r["fanout"]
    hp_key = next(k for k in f if k.startswith("healthprobe"))
    w("Ratios: " + ", ".join(f"`{k}` / healthprobe = {v['median_ms'] / f[hp_key]['median_ms']:.1f} x"
                             for k, v in f.items() if k != hp_key) + ".")
    w("")
    b = r["binary"]
    w("## Binary")
    w("")
    w(f"healthprobe, stripped: {b['stripped']:,} bytes ({b['stripped'] / 1e6:.2f} MB, "
      f"{b['stripped'] / 2**20:.2f} MiB); as built: {b['as_built']:,} bytes.")
    if "static_stripped" in b:
        w(f"The static build, stripped: {b['static_stripped']:,} bytes ({b['static_stripped'] / 1e6:.2f} MB).")
    if b["libcurl"]:
        w(f"For information only, not comparable: /usr/bin/curl is {b['curl']:,} bytes and links "
          f"{b['libcurl_path']} ({b['libcurl']:,} bytes) plus OpenSSL and a dozen other shared libraries.")
    w("")
    w("## Machine")
    w("")
    for line in m["cpu"]:
        w(f"    {' '.join(line.split())}")
    w("")
    w(f"Tools: {m['curl'].split(' (')[0]}; {m['wget'].split(' built')[0]}; {m['openssl']}; "
      f"{m['hyperfine']}; Python {m['python']}.")
    w(f"Load average before / after: {' '.join(m['load_before'])} / {' '.join(m['load_after'])}; "
      f"CPU used by other processes during the run: {m['other_load_cores']} cores on average "
      f"(the loopback server: {m['server_cpu_seconds']} s). Measuring took {m['measure_seconds']} s "
      f"(build {m['build_seconds']} s).")
    w("")
    return "\n".join(out)


def human_size(n):
    for unit, factor in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= factor:
            return f"{n // factor} {unit}"
    return f"{n} B"


if __name__ == "__main__":
    sys.exit(main())
