#!/usr/bin/env python3
"""Peak memory and reading time against the size of a health document, healthprobe beside curl.

    python3 benches/memory.py           # 64 KiB, 1 MiB and 8 MiB documents, 5 runs each
    python3 benches/memory.py --quick   # 1 run each: a smoke test of the benchmark itself

Each document is a Spring Boot health document of many components: one-member ones
(`"c000001":{"status":"UP"}`, 26 bytes each), the same all DOWN (a reader keeps more failing
ones), and components with a `details` object (three objects in 48 bytes, the shape that costs
a reader the most for its size). They are served from
loopback by a Python server in this process, with Content-Length, and read by

  * healthprobe (the release build, `--max-body 64MiB`), judging the whole document;
  * curl -sf -o /dev/null, which only fetches it: the cost of the bytes alone.

Peak RSS comes from GNU time (`/usr/bin/time -f %M`): a child spawned by Python starts out with
Python's memory, and Linux carries that high-water mark across exec into ru_maxrss, so the
child's own wait4 figure would be Python's. The floor is each tool's peak for a 15-byte document;
the table gives the peak above the floor, its ratio to the body size (healthprobe promises at
most 8 x), and healthprobe's wall time, whose growth per byte shows that reading stays linear.

The report (Markdown) goes to stdout; exit status 1 when a healthprobe run failed or went over
8 x the body.
"""

import argparse
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GNU_TIME = "/usr/bin/time"
SIZES = [("64 KiB", 64 * 1024), ("1 MiB", 1024 * 1024), ("8 MiB", 8 * 1024 * 1024)]
BOUND = 8  # peak RSS over the floor, at most this many times the body


def document(size, state):
    """A Spring Boot document of about `size` bytes, every component in `state`; with
    `UP+details`, each component also has a `details` object (three objects a component)."""
    head, tail = b'{"status":"UP","components":{', b"}}"
    if state == "UP+details":
        item = b'"c%06d":{"status":"UP","details":{"a":1,"b":"x"}}'
    else:
        item = b'"c%06d":{"status":"' + state.encode() + b'"}'
    one = len(item % 0) + 1
    count = max(1, (size - len(head) - len(tail)) // one)
    parts = b",".join(item % i for i in range(count))
    return head + parts + tail, count


class Handler(http.server.BaseHTTPRequestHandler):
    bodies = {}

    def do_GET(self):
        body = self.bodies.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(bodies):
    Handler.bodies = bodies
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def clean_env():
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tempfile.gettempdir(),
            "LANG": "C.UTF-8"}


def measure(argv):
    """(peak RSS in bytes, wall seconds, exit code) of one run under GNU time."""
    with tempfile.NamedTemporaryFile("r") as out:
        started = time.perf_counter()
        done = subprocess.run([GNU_TIME, "-f", "%M", "-o", out.name, *argv], env=clean_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        kib = int(out.read().strip().splitlines()[-1])
    return kib * 1024, wall, done.returncode


def median_of(runs, argv):
    results = [measure(argv) for _ in range(runs)]
    codes = {code for _, _, code in results}
    return (statistics.median(r for r, _, _ in results),
            statistics.median(w for _, w, _ in results), codes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run of each")
    parser.add_argument("--binary", help="healthprobe to measure (default: build the release)")
    args = parser.parse_args()
    runs = 1 if args.quick else 5
    if not os.path.exists(GNU_TIME):
        sys.exit(f"{GNU_TIME} is missing (Debian: apt-get install time)")
    binary = args.binary
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT,
                       check=True)
        binary = os.path.join(ROOT, "target", "release", "healthprobe")
    curl = shutil.which("curl")

    bodies = {"/floor": b'{"status":"UP"}'}
    shapes = {}
    for label, size in SIZES:
        for state in ("UP", "DOWN", "UP+details"):
            body, count = document(size, state)
            path = f"/{size}/{state}"
            bodies[path] = body
            shapes[(label, state)] = (path, len(body), count)
    port = serve(bodies)
    url = f"http://127.0.0.1:{port}"

    def hp(path):
        return [binary, "--max-body", "64MiB", "--timeout", "30s", url + path]

    def cu(path):
        return [curl, "-sf", "-o", "/dev/null", url + path]

    hp_floor, _, _ = median_of(runs, hp("/floor"))
    cu_floor = median_of(runs, cu("/floor"))[0] if curl else None
    rows, failed = [], False
    for (label, state), (path, length, count) in shapes.items():
        rss, wall, codes = median_of(runs, hp(path))
        expected = {2} if state == "DOWN" else {0}
        over = rss - hp_floor
        ratio = over / length
        if codes != expected or ratio > BOUND:
            failed = True
        curl_over = None
        if curl:
            curl_over = median_of(runs, cu(path))[0] - cu_floor
        rows.append((label, state, length, count, over, ratio, wall, curl_over, codes))

    print(f"healthprobe `{binary}`, {runs} run(s) each, medians; floors: healthprobe "
          f"{hp_floor / 1e6:.1f} MB" + (f", curl {cu_floor / 1e6:.1f} MB" if curl else ""))
    print()
    print("| body | components | healthprobe peak over floor | x body | read and judged in "
          "| µs per KiB | curl (fetch only) over floor |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for label, state, length, count, over, ratio, wall, curl_over, codes in rows:
        per_kib = wall / (length / 1024) * 1e6
        curl_text = f"{curl_over / 1e6:.1f} MB" if curl_over is not None else "-"
        note = "" if codes <= {0, 2} else f" (exit {sorted(codes)})"
        print(f"| {label} ({length:,} B) | {count:,} {state} | {over / 1e6:.1f} MB | "
              f"{ratio:.1f} | {wall * 1000:.0f} ms{note} | {per_kib:.1f} | {curl_text} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
