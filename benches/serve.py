#!/usr/bin/env python3
"""`healthprobe serve` against Debian's prometheus-blackbox-exporter, in one run on this machine.

    python3 benches/serve.py                 # full run (about 3 minutes once built)
    python3 benches/serve.py --quick         # short runs: a smoke test of the benchmark itself
    python3 benches/serve.py --soak 1000000  # also: memory over a million probes of serve

Both probers get the same loopback targets (benches/raw-get's bench-server, a small Spring Boot
style document on every path, so that every path is a distinct target) and the same client load:
wrk (Debian's package) asking `/probe?target=...` for targets picked at random among 1,000 or
10,000 distinct URLs, 16 connections. Each prober is pinned to CPU 0 with taskset (blackbox with
GOMAXPROCS=1), wrk and the targets to CPU 1, so that the figures are per core. The probers run
one after the other, in alternating order round by round.

Measured: probes per second, the p50 and p99 latency wrk reports, and each prober's peak RSS
(VmHWM). With --soak N, serve alone answers N probes while its RSS is sampled.

The report (Markdown) goes to stdout and to --out (default target/bench/serve.md).
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import run as bench  # noqa: E402  the builds and the machine description of benches/run.py

CONNECTIONS = 16


def log(message):
    print(f"[serve-bench] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=10.0):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"[serve-bench] nothing listens on {port}")


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def start_healthprobe(hp, port, work):
    config = os.path.join(work, "serve.toml")
    with open(config, "w") as f:
        f.write('[serve]\nallow = ["127.0.0.1/32"]\n[defaults]\ntimeout = "5s"\n')
    argv = ["taskset", "-c", "0", hp, "serve", "--config", config,
            "--listen", f"127.0.0.1:{port}", "--max-in-flight", "256"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"PATH": os.environ.get("PATH", "/usr/bin")})
    wait_for_port(port)
    return proc, ""


def start_blackbox(port, work):
    config = os.path.join(work, "blackbox.yml")
    with open(config, "w") as f:
        f.write("modules:\n  http_2xx:\n    prober: http\n    timeout: 5s\n"
                "    http:\n      preferred_ip_protocol: ip4\n")
    argv = ["taskset", "-c", "0", "prometheus-blackbox-exporter", f"--config.file={config}",
            f"--web.listen-address=127.0.0.1:{port}", "--log.level=error"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"PATH": os.environ.get("PATH", "/usr/bin"),
                                 "GOMAXPROCS": "1"})
    wait_for_port(port)
    return proc, "&module=http_2xx"


def lua_script(work, target_port, distinct, module_query):
    """A wrk script asking /probe for one of `distinct` targets at random."""
    path = os.path.join(work, f"targets-{distinct}.lua")
    with open(path, "w") as f:
        f.write("local paths = {}\n")
        f.write(f"for i = 1, {distinct} do\n")
        f.write(f"  paths[i] = '/probe?target=http%3A%2F%2F127.0.0.1%3A{target_port}"
                f"%2Ft%2F' .. i .. '{module_query}'\n")
        f.write("end\n")
        f.write("math.randomseed(42)\n")
        f.write("request = function()\n  return wrk.format('GET', paths[math.random(#paths)])\n"
                "end\n")
    return path


def run_wrk(port, script, seconds):
    argv = ["taskset", "-c", "1", "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s",
            "--latency", "-s", script, f"http://127.0.0.1:{port}"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "p50_ms": percentile(50), "p99_ms": percentile(99),
            "errors": int(non2xx.group(1)) if non2xx else 0}


def check_probe(port, target_port, module_query):
    """One probe by hand: the target must come out healthy."""
    import urllib.request
    url = (f"http://127.0.0.1:{port}/probe?target=http%3A%2F%2F127.0.0.1%3A{target_port}"
           f"%2Ft%2F1{module_query}")
    body = urllib.request.urlopen(url, timeout=10).read().decode()
    if not re.search(r"^probe_success 1$", body, re.M):
        raise SystemExit(f"[serve-bench] a probe through {url} did not succeed:\n{body}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--soak", type=int, default=0, metavar="N")
    parser.add_argument("--healthprobe")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "bench", "serve.md"))
    args = parser.parse_args()
    for tool in ("wrk", "taskset", "prometheus-blackbox-exporter"):
        if not shutil.which(tool):
            raise SystemExit(f"[serve-bench] {tool} is missing: apt-get install wrk "
                             "prometheus-blackbox-exporter (taskset is in util-linux)")
    hp, _raw, bench_server, _ = bench.build(args)
    seconds = 3 if args.quick else 10
    rounds = 1 if args.quick else 3
    results = {}
    with tempfile.TemporaryDirectory() as work:
        target = subprocess.Popen(["taskset", "-c", "1", bench_server], stdout=subprocess.PIPE,
                                  text=True)
        target_port = json.loads(target.stdout.readline())["http"]
        probers = {"healthprobe serve": lambda p: start_healthprobe(hp, p, work),
                   "blackbox_exporter": lambda p: start_blackbox(p, work)}
        try:
            for round_ in range(rounds):
                order = list(probers) if round_ % 2 == 0 else list(reversed(probers))
                for name in order:
                    port = free_port()
                    proc, module_query = probers[name](port)
                    try:
                        check_probe(port, target_port, module_query)
                        for distinct in (1000, 10000):
                            script = lua_script(work, target_port, distinct, module_query)
                            run_wrk(port, script, 1)  # warm-up
                            log(f"round {round_ + 1}: {name}, {distinct} targets")
                            figures = run_wrk(port, script, seconds)
                            results.setdefault(name, {}).setdefault(distinct, []).append(figures)
                        rss = peak_rss_mib(proc.pid)
                        results[name].setdefault("rss", []).append(rss)
                    finally:
                        proc.terminate()
                        proc.wait(timeout=30)
            soak = soak_run(hp, target_port, work, args.soak) if args.soak else None
        finally:
            target.terminate()
    report = render(results, soak, seconds, rounds)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(report)
    print(report)


def soak_run(hp, target_port, work, total):
    """serve alone answers `total` probes; its RSS is sampled as it goes."""
    port = free_port()
    proc, _ = start_healthprobe(hp, port, work)
    script = lua_script(work, target_port, 10000, "")
    samples = []
    done = 0
    try:
        samples.append((0, rss_mib(proc.pid)))
        while done < total:
            figures = run_wrk(port, script, 10)
            done += int(figures["rps"] * 10)
            samples.append((done, rss_mib(proc.pid)))
            log(f"soak: {done} probes, RSS {samples[-1][1]:.1f} MiB")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return samples


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def render(results, soak, seconds, rounds):
    m = bench.machine()
    lines = ["# healthprobe serve against blackbox_exporter", ""]
    lines.append(f"{m['date']}; `python3 benches/serve.py`; {m['nproc']} CPUs, kernel "
                 f"{m['kernel']}; {m['rustc']}; blackbox_exporter "
                 f"{bench.run_text(['prometheus-blackbox-exporter', '--version']).splitlines()[0]}.")
    lines.append("")
    lines.append(f"Each prober pinned to one core; wrk with {CONNECTIONS} connections on the other "
                 f"core; {rounds} rounds of {seconds} s per figure, medians.")
    lines.append("")
    lines.append("| prober | targets | probes/s (per core) | p50 ms | p99 ms | non-2xx |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    summary = {}
    for name, by in results.items():
        for distinct in (1000, 10000):
            runs = by[distinct]
            rps = median([r["rps"] for r in runs])
            p50 = median([r["p50_ms"] for r in runs])
            p99 = median([r["p99_ms"] for r in runs])
            errors = sum(r["errors"] for r in runs)
            summary[(name, distinct)] = rps
            lines.append(f"| {name} | {distinct:,} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | "
                         f"{errors} |")
    lines.append("")
    lines.append("| prober | peak RSS MiB (median of rounds) |")
    lines.append("| --- | ---: |")
    rss = {name: median(by["rss"]) for name, by in results.items()}
    for name, value in rss.items():
        lines.append(f"| {name} | {value:.1f} |")
    lines.append("")
    hp, bb = "healthprobe serve", "blackbox_exporter"
    for distinct in (1000, 10000):
        if (hp, distinct) in summary and (bb, distinct) in summary:
            ratio = summary[(hp, distinct)] / summary[(bb, distinct)]
            lines.append(f"Throughput ratio at {distinct:,} targets: healthprobe / blackbox = "
                         f"{ratio:.2f} x (target: at least 2 x).")
    if hp in rss and bb in rss:
        lines.append(f"Peak RSS ratio: healthprobe / blackbox = {rss[hp] / rss[bb]:.2f} x "
                     "(target: below 1 x).")
    if soak:
        lines.append("")
        lines.append("## Memory over a long run (serve alone, 10,000 distinct targets)")
        lines.append("")
        lines.append("| probes answered | RSS MiB |")
        lines.append("| ---: | ---: |")
        for done, value in soak:
            lines.append(f"| {done:,} | {value:.1f} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
