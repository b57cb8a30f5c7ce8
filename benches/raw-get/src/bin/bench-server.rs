//! `bench-server`: the plain-HTTP loopback server of benches/run.py (std only, no TLS).
//!
//! Listens on 127.0.0.1 on an ephemeral port, prints `{"http": PORT}` on one line, then serves
//! until killed. A fixed pool of threads blocks in accept(); each reads a request head and writes
//! a pre-built HTTP/1.1 response with Content-Length and `Connection: close`, then waits for the
//! client to hang up (see the end of `serve`):
//!
//! * `/size/N`: a JSON health document of exactly N bytes (`{"status":"UP","pad":"xxx..."}`);
//! * any other path: a small Spring Boot style health document.
//!
//! Written in Rust rather than Python so that the server is not what a fan-out of 1,000
//! requests waits for (benches/server.py, which serves HTTPS, is several times slower).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const SMALL: &[u8] = br#"{"status":"UP","components":{"db":{"status":"UP","details":{"database":"PostgreSQL"}},"diskSpace":{"status":"UP"},"ping":{"status":"UP"}}}"#;
// More than the 64 connections a fan-out keeps open: a worker stays with its connection until
// the client hangs up.
const WORKERS: usize = 96;

type Cache = Arc<Mutex<Option<(usize, Arc<Vec<u8>>)>>>;

fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("local address").port();
    let small = Arc::new(response(SMALL));
    let cache: Cache = Arc::new(Mutex::new(None));
    let mut workers = Vec::new();
    for _ in 0..WORKERS {
        let listener = listener.try_clone().expect("clone the listener");
        let (small, cache) = (small.clone(), cache.clone());
        workers.push(std::thread::spawn(move || {
            loop {
                if let Ok((stream, _)) = listener.accept() {
                    // A client that hangs up early (a capped body) is not an error.
                    let _ = serve(stream, &small, &cache);
                }
            }
        }));
    }
    println!("{{\"http\": {port}}}");
    std::io::stdout().flush().expect("stdout");
    for worker in workers {
        let _ = worker.join();
    }
}

fn serve(mut stream: TcpStream, small: &[u8], cache: &Cache) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 || head.len() > 65536 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let path = head
        .split(|&b| b == b' ')
        .nth(1)
        .and_then(|p| std::str::from_utf8(p).ok())
        .unwrap_or("/");
    match path
        .strip_prefix("/size/")
        .and_then(|n| n.parse::<usize>().ok())
    {
        Some(size) => {
            let whole = sized(size, cache);
            stream.write_all(&whole)?;
        }
        None => stream.write_all(small)?,
    }
    // No TIME_WAIT on either side: wait until the client, having read the whole response, hangs
    // up, then close with a reset (SO_LINGER 0) instead of a FIN. Whichever side closes first
    // with a FIN keeps the connection in TIME_WAIT for a minute, and tens of thousands of those
    // (a full run makes about 35,000 connections) make every later connect() slower: fan-out
    // figures drifted from 90 to 170 ms through a run. The client has its response by then, so
    // the reset tells it nothing it acts on.
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    while stream.read(&mut buf)? > 0 {}
    linger_zero(&stream);
    Ok(())
}

/// `setsockopt(SO_LINGER, {on, 0})`: std's `set_linger` is still unstable.
fn linger_zero(stream: &TcpStream) {
    use std::os::fd::AsRawFd;
    #[repr(C)]
    struct Linger {
        onoff: i32,
        seconds: i32,
    }
    unsafe extern "C" {
        fn setsockopt(fd: i32, level: i32, name: i32, value: *const Linger, len: u32) -> i32;
    }
    const SOL_SOCKET: i32 = 1;
    const SO_LINGER: i32 = 13;
    let value = Linger {
        onoff: 1,
        seconds: 0,
    };
    // SAFETY: a valid socket descriptor and a pointer to a live, correctly sized struct linger.
    unsafe {
        setsockopt(
            stream.as_raw_fd(),
            SOL_SOCKET,
            SO_LINGER,
            &value,
            std::mem::size_of::<Linger>() as u32,
        );
    }
}

/// The whole response (head and body) for a body of `size` bytes; one size is kept at a time.
fn sized(size: usize, cache: &Cache) -> Arc<Vec<u8>> {
    let mut slot = cache.lock().expect("cache lock");
    if let Some((cached, whole)) = slot.as_ref()
        && *cached == size
    {
        return whole.clone();
    }
    *slot = None; // free the previous body before building the next one
    let (open, close) = (&b"{\"status\":\"UP\",\"pad\":\""[..], &b"\"}"[..]);
    let mut body = Vec::with_capacity(size.max(open.len() + close.len()));
    body.extend_from_slice(open);
    body.resize(size.saturating_sub(close.len()).max(open.len()), b'x');
    body.extend_from_slice(close);
    let whole = Arc::new(response(&body));
    *slot = Some((size, whole.clone()));
    whole
}

fn response(body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}
