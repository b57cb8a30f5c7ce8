#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into DIR/<target>/ (run-all.sh calls it).

The seeds are made from what the repository already holds, so nothing is kept twice: the real
products' health documents of tests/corpus (as `health`, `rules` and `grpc` inputs), the example
config files, and the rules, values and URLs the README documents. The `cert` seeds are real
certificates, committed in seeds/cert/ (made by make-cert-seeds.sh)."""

import os
import shutil
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def write(out, target, name, data):
    path = os.path.join(out, target)
    os.makedirs(path, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(path, name), "wb") as f:
        f.write(data)


def corpus_cases():
    """(file, http status, content type, body) of tests/corpus/EXPECTED.tsv."""
    base = os.path.join(ROOT, "tests", "corpus")
    with open(os.path.join(base, "EXPECTED.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            with open(os.path.join(base, "bodies", cols[0]), "rb") as body:
                content_type = None if cols[5] == "-" else cols[5]
                yield cols[0], int(cols[4]), content_type, body.read()


def health(out):
    # Control byte 0x87: a head is there, the Content-Type is its first line, format auto.
    for name, status, content_type, body in corpus_cases():
        head = (content_type or "").encode() + b"\0"
        write(out, "health", name, b"\x87" + struct.pack(">H", status - 100) + head + body)
    # The options that point the generic reader: a status path, a component path, own words.
    write(out, "health", "paths-and-words",
          b"\x81\x00\x64" + b"\n$.state\n$.deps.*\nAMBER\nsparkly\0"
          + b'{"state":"AMBER","deps":{"db":{"s":"sparkly"}}}')
    write(out, "health", "plain-lines", b"\x04\x01\x93" + b"db: ok\ncache: warn slow\nqueue: down\n")


def rules(out):
    bodies = [body for _, _, _, body in corpus_cases()][:40]
    rule_texts = [
        (0, "db_ms=$.checks['db:responseTime'][0].observedValue;100;500;ms"),
        (0, "heap=$.mem.heap;@10:20;~:100;B"),
        (1, '$.status == "UP"'),
        (1, "$.components.db.details.database =~ ^Postgre"),
        (1, "$.checks[?@.status == 'fail'] !exists"),
        (1, "$.items[?match(@.name, 'a.*')] exists"),
        (2, "$.uptime >= 3600"),
        (2, '$.version != "1.0"'),
        (3, "content-type: ^application/json"),
        (4, '"status":"(UP|ok)"'),
    ]
    for i, body in enumerate(bodies):
        which, rule = rule_texts[i % len(rule_texts)]
        write(out, "rules", f"{i:03}", bytes([which]) + rule.encode() + b"\n" + body)
    write(out, "rules", "headers", b"\x03x-version: ^2\\.\ncontent-type: text/plain\nx-version: 2.4.1\n")


def config(out):
    for rel in ["examples/probes.toml", "examples/serve/serve.toml"]:
        with open(os.path.join(ROOT, rel), "rb") as f:
            write(out, "config", os.path.basename(rel), f.read())
    write(out, "config", "interpolated",
          '[defaults]\nheader = ["Authorization: Bearer ${TOKEN}"]\n'
          '[[target]]\nurl = "https://${HOST}/health?token=$${literal}"\n'
          'expect-version = "~(${TOKEN}"\n')
    write(out, "config", "unset", '[[target]]\nurl = "http://a/${MISSING}"\n')


def args(out):
    values = {
        0: "DEGRADED=warning", 1: "@10:20", 2: "x=$.a;5;10;ms", 3: "$.a == 1",
        4: "$.b exists", 5: "x-a: ^b", 6: "ok", 7: "^SSH-2\\.0", 8: "spring-boot",
        9: "redis-*", 10: ">=2.4, <3", 11: "$.checks[*].status", 12: "1m30s",
        13: "30d", 14: "Authorization: Bearer abc123", 15: "user:s3cret",
        16: "api.test:443:10.0.0.7", 17: "junit=report.xml", 18: "2/3", 19: "1MiB",
        20: "2xx,404", 21: "yes",
    }
    for which, text in values.items():
        write(out, "args", f"{which:02}", bytes([which]) + text.encode())
    write(out, "args", "argv", bytes([22]) + b"-w\n0.5\n--timeout\n3 s\nhttp://localhost/health")
    write(out, "args", "argv-serve", bytes([23]) + b"serve\n--config\nserve.toml\n--web-user\na:b")


def serve(out):
    write(out, "serve", "allowed", "target=https%3A%2F%2Fapi.internal.example.com%2Fhealth&module=spring\n"
          "Bearer t0ken\nt0ken\nhttps://*.internal.example.com/*\n10.0.0.0/8\n::1/128")
    write(out, "serve", "credentials", "target=http://user:pa55word@10.1.2.3:8080/x?token=abc&debug=true\n"
          "Basic dXNlcjpwYXNz\nuser\n10.0.0.0/8")
    write(out, "serve", "grpc", "target=grpc://[::1]:50051&module=grpc\n\n\n::1/128")


def grpc(out):
    def frame(message):
        return b"\0" + struct.pack(">I", len(message)) + message

    def check_response(status):
        return b"\x08" + bytes([status]) if status else b""

    def entry(service, status):
        inner = check_response(status)
        body = b"\x0a" + bytes([len(service)]) + service + b"\x12" + bytes([len(inner)]) + inner
        return b"\x0a" + bytes([len(body)]) + body

    write(out, "grpc", "check-serving", b"\x01orders\n" + frame(check_response(1)))
    write(out, "grpc", "check-empty", b"\x03\n" + frame(b""))
    write(out, "grpc", "list", b"\x00" + frame(entry(b"", 1) + entry(b"orders", 2) + entry(b"odd", 9)))
    write(out, "grpc", "message", b"\x00disk%20full%3A 90%")


def small(out):
    for target, texts in {
        "range": ["10", "10:", "~:10", "10:20", "@10:20", "-1e3:1e3"],
        "units": ["3s", "1m30s", "500ms", "2h", "1MiB", "64KB"],
        "statuses": ["200", "2xx", "200-299,404", "!5xx"],
        "version": [">=2.4, <3\n2.4.1", "~1.2\nv1.2.9-rc1", "^0.3\n0.3.0+build"],
    }.items():
        for i, text in enumerate(texts):
            write(out, target, f"{i:02}", text)


def cert(out):
    src = os.path.join(HERE, "seeds", "cert")
    os.makedirs(os.path.join(out, "cert"), exist_ok=True)
    for name in os.listdir(src):
        shutil.copy(os.path.join(src, name), os.path.join(out, "cert", name))


def main():
    out = sys.argv[1]
    for make in [health, rules, config, args, serve, grpc, small, cert]:
        make(out)


if __name__ == "__main__":
    main()
