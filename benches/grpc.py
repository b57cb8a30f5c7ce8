#!/usr/bin/env python3
"""A gRPC health probe against an HTTP probe of the same server, over the same transport.

    python3 benches/grpc.py             # 300 alternated rounds (about a minute once built)
    python3 benches/grpc.py --quick     # a few rounds: a smoke test of the benchmark itself

benches/grpc-server is one tonic server on 127.0.0.1 that answers, over HTTP/2 without TLS
(h2c), both tonic's own gRPC health service and `GET /healthz/ready` with `{"status":"UP"}`.
Each round runs, in a rotated order, one process of:

  * healthprobe --http2-prior-knowledge http://.../healthz/ready   (the HTTP probe)
  * healthprobe --grpc-list=false grpc://...                       (a gRPC Check probe)
  * healthprobe grpc://...                                         (the default: List, then Check,
                                                                    since tonic lacks List)
  * curl --http2-prior-knowledge http://.../healthz/ready          (a peer, for reference)

and takes each one's start-to-exit wall time (posix_spawn + wait4, as benches/run.py does), then
the peak RSS of a few runs under GNU time. The report (Markdown) goes to stdout and to --out
(default target/bench/grpc.md). The target of issue 15: a gRPC Check probe costs at most 1.5 x the
HTTP probe. Exit 0 when every command answered as expected, 1 otherwise (or, with --strict, when
the target is missed).
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from run import Cmd, log, measure, run_text  # noqa: E402

TARGET_GRPC_VS_HTTP = 1.5


def build(args):
    hp = os.path.join(ROOT, "target", "release", "healthprobe")
    server_target = os.path.join(ROOT, "target", "bench", "grpc-server")
    server = os.path.join(server_target, "release", "grpc-server")
    if not args.no_build:
        log("cargo build --release --locked")
        subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, check=True)
        log("cargo build --release (benches/grpc-server)")
        env = dict(os.environ, CARGO_TARGET_DIR=server_target)
        subprocess.run(["cargo", "build", "--release", "--quiet", "--locked", "--manifest-path",
                        os.path.join(HERE, "grpc-server", "Cargo.toml")], env=env, check=True)
    for path in (hp, server):
        if not os.access(path, os.X_OK):
            raise SystemExit(f"[bench] {path} is missing; run without --no-build")
    return hp, server


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "bench", "grpc.md"))
    args = parser.parse_args()
    rounds, rss_runs = (10, 2) if args.quick else (args.rounds, 20)

    hp, server_bin = build(args)
    server = subprocess.Popen([server_bin], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        http = f"http://127.0.0.1:{port}/healthz/ready"
        grpc = f"grpc://127.0.0.1:{port}"
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tempfile.gettempdir(),
               "LANG": "C.UTF-8"}
        cmds = [
            Cmd("healthprobe, HTTP over h2c", [hp, "--http2-prior-knowledge", http]),
            Cmd("healthprobe, gRPC Check", [hp, "--grpc-list=false", grpc]),
            Cmd("healthprobe, gRPC default (List, then Check)", [hp, grpc]),
            Cmd("curl, HTTP over h2c", ["/usr/bin/curl", "-sf", "-o", "/dev/null",
                                        "--http2-prior-knowledge", http]),
        ]
        with tempfile.TemporaryDirectory() as scratch:
            log(f"{rounds} rounds of {len(cmds)} commands")
            results = measure(cmds, rounds, 3, env, rss_runs=rss_runs, scratch=scratch)
    finally:
        server.kill()
        server.wait()

    http_ms = results[cmds[0].label]["median_ms"]
    check_ms = results[cmds[1].label]["median_ms"]
    ratio = check_ms / http_ms
    size = os.path.getsize(hp)
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"`python3 benches/grpc.py` ({rounds} rounds), {when}, {platform.machine()}, "
        f"{run_text(['rustc', '--version'])}, one tonic server answering both over h2c.",
        "",
        "| command | median ms | p10 ms | p90 ms | peak RSS MiB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for cmd in cmds:
        r = results[cmd.label]
        rss = f"{r['rss_mib']:.1f}" if r["rss_mib"] else "-"
        lines.append(f"| {cmd.label} | {r['median_ms']:.2f} | {r['p10_ms']:.2f} | "
                     f"{r['p90_ms']:.2f} | {rss} |")
    default_ratio = results[cmds[2].label]["median_ms"] / http_ms
    met = "yes" if ratio <= TARGET_GRPC_VS_HTTP else "no"
    lines += [
        "",
        "| target | measured | limit | met |",
        "| --- | ---: | --- | --- |",
        f"| gRPC Check probe / HTTP probe, same server and transport | {ratio:.2f} x | "
        f"at most {TARGET_GRPC_VS_HTTP} x | {met} |",
        f"| gRPC default (List, then Check) / HTTP probe | {default_ratio:.2f} x | | |",
        "",
        f"Stripped binary: {size:,} bytes.",
    ]
    report = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(report)
    print(report)
    unexpected = sum(r["unexpected"] for r in results.values())
    if unexpected:
        log(f"{unexpected} runs exited with an unexpected code")
        return 1
    return 1 if args.strict and met == "no" else 0


if __name__ == "__main__":
    sys.exit(main())
