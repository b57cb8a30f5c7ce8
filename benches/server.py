#!/usr/bin/env python3
"""HTTPS loopback server for benches/run.py (plain HTTP is benches/raw-get's bench-server).

    python3 benches/server.py [--cert CERT --key KEY]

Listens on 127.0.0.1 on ephemeral ports: plain HTTP always, HTTPS with --cert and --key. Prints
one JSON line {"http": PORT, "https": PORT|null} once the sockets listen, then serves until
killed. Every response is HTTP/1.1 with Content-Length and `Connection: close`:

    /size/N   a JSON health document of exactly N bytes ({"status":"UP","pad":"xxx..."})
    anything  a small JSON health document (the same for every path, so /svc/17 works too)

A fixed pool of threads blocks in accept() on each socket, reads the request head and writes a
pre-built response: no per-request parsing beyond the path, so the server adds as little as a
Python server can to each client's time (it runs in its own process, away from the timing loop).
"""

import argparse
import json
import os
import socket
import ssl
import sys
import threading

SMALL = (
    b'{"status":"UP","components":{"db":{"status":"UP","details":{"database":"PostgreSQL"}},'
    b'"diskSpace":{"status":"UP"},"ping":{"status":"UP"}}}'
)
WORKERS = 24

_bodies = {}
_bodies_lock = threading.Lock()


def body_of_size(n):
    with _bodies_lock:
        body = _bodies.get(n)
        if body is None:
            head, tail = b'{"status":"UP","pad":"', b'"}'
            pad = max(0, n - len(head) - len(tail))
            body = head + b"x" * pad + tail
            _bodies.clear()  # keep at most one large body alive
            _bodies[n] = body
        return body


def head_for(body):
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n"
    )


def handle(conn):
    conn.settimeout(10)
    request = b""
    while b"\r\n\r\n" not in request:
        chunk = conn.recv(4096)
        if not chunk:
            return
        request += chunk
        if len(request) > 65536:
            return
    parts = request.split(b"\r\n", 1)[0].split(b" ")
    path = parts[1] if len(parts) > 1 else b"/"
    if path.startswith(b"/size/"):
        try:
            body = body_of_size(int(path[len(b"/size/"):]))
        except ValueError:
            body = SMALL
    else:
        body = SMALL
    if len(body) < 65536:
        conn.sendall(head_for(body) + body)
    else:
        conn.sendall(head_for(body))
        view = memoryview(body)
        step = 1 << 20
        for at in range(0, len(view), step):
            conn.sendall(view[at : at + step])


def worker(listener, context):
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            continue
        try:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if context is not None:
                conn = context.wrap_socket(conn, server_side=True)
            handle(conn)
        except (OSError, ssl.SSLError):
            pass  # a client that stopped reading (a capped body) or failed its handshake
        finally:
            try:
                conn.close()
            except OSError:
                pass


def listen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(4096)
    return s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()

    plain = listen()
    tls, context = None, None
    if args.cert and args.key:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        context.set_alpn_protocols(["http/1.1"])
        tls = listen()
    for listener, ctx in [(plain, None), (tls, context)]:
        if listener is None:
            continue
        for _ in range(WORKERS):
            threading.Thread(target=worker, args=(listener, ctx), daemon=True).start()
    ports = {"http": plain.getsockname()[1], "https": tls.getsockname()[1] if tls else None}
    sys.stdout.write(json.dumps(ports) + "\n")
    sys.stdout.flush()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
