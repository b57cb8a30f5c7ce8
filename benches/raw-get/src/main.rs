//! `raw-get http://HOST:PORT/PATH`: one HTTP/1.1 GET over a std TcpStream, body to stdout.
//! Reads the body up to its Content-Length (to EOF without one), then hangs up, as curl does.
//! Exit 0 on a 2xx status line, 1 otherwise, 2 on a usage or I/O error. No TLS, no redirects,
//! no chunked decoding: this is a floor to measure against, not a client.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: raw-get http://HOST:PORT/PATH");
        return ExitCode::from(2);
    };
    match get(&url) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("raw-get: {err}");
            ExitCode::from(2)
        }
    }
}

fn get(url: &str) -> std::io::Result<bool> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| std::io::Error::other("only http:// URLs"))?;
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    let mut stream = TcpStream::connect(authority)?;
    stream.set_nodelay(true)?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: raw-get\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes())?;

    let mut buf = vec![0u8; 64 * 1024];
    let mut head = Vec::new();
    let mut out = std::io::stdout().lock();
    let mut ok = None;
    let mut left = usize::MAX; // body bytes still to come
    while left > 0 {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if ok.is_none() {
            head.extend_from_slice(&buf[..n]);
            if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                ok = Some(head.starts_with(b"HTTP/1.1 2") || head.starts_with(b"HTTP/1.0 2"));
                left = content_length(&head[..end]).unwrap_or(usize::MAX);
                let body = &head[end + 4..];
                let take = body.len().min(left);
                out.write_all(&body[..take])?;
                left -= take;
            }
        } else {
            let take = n.min(left);
            out.write_all(&buf[..take])?;
            left -= take;
        }
    }
    out.flush()?;
    Ok(ok.unwrap_or(false))
}

fn content_length(head: &[u8]) -> Option<usize> {
    let head = std::str::from_utf8(head).ok()?;
    head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("content-length") {
            value.trim().parse().ok()
        } else {
            None
        }
    })
}
