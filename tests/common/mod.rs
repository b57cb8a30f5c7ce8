//! The test harness: a real HTTP/1.1 server on 127.0.0.1 (std only, one thread per connection),
//! canned handlers for every way a service can behave or misbehave, and a `healthprobe()`
//! command that runs the real binary in a clean environment.
//!
//! Nothing here talks to anything but 127.0.0.1.

pub mod grpc;
pub mod serve;
pub mod tls;

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// reqwest's top-level error text, which tells an operator nothing; healthprobe must never print
/// it.
pub const RAW_REQWEST_ERROR: &str = "error sending request";

/// No connection thread lives longer than this, whatever its handler asked for.
const MAX_HOLD: Duration = Duration::from_secs(10);

/// The head of one HTTP request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names are lower-cased.
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

type Handler = dyn Fn(Request, &mut TcpStream) + Send + Sync + 'static;
type RawHandler = dyn Fn(&mut TcpStream) + Send + Sync + 'static;

/// A server on an ephemeral 127.0.0.1 port; it stops accepting when dropped.
pub struct Server {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Serves every connection by reading one request head and handing it to `handler`; the
    /// connection is closed when the handler returns.
    pub fn start<F>(handler: F) -> Server
    where
        F: Fn(Request, &mut TcpStream) + Send + Sync + 'static,
    {
        let handler: Arc<Handler> = Arc::new(handler);
        Server::spawn(move |stream: &mut TcpStream| {
            if let Some(request) = read_request(stream) {
                handler(request, stream);
            }
        })
    }

    /// Serves every connection with `handler` without reading the request first.
    pub fn start_raw<F>(handler: F) -> Server
    where
        F: Fn(&mut TcpStream) + Send + Sync + 'static,
    {
        Server::spawn(handler)
    }

    fn spawn<F>(handler: F) -> Server
    where
        F: Fn(&mut TcpStream) + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let hits = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<RawHandler> = Arc::new(handler);
        let (hits_in, stop_in) = (hits.clone(), stop.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop_in.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                hits_in.fetch_add(1, Ordering::SeqCst);
                let handler = handler.clone();
                thread::spawn(move || {
                    // Bounds every blocking read and write, so no thread outlives MAX_HOLD much.
                    let _ = stream.set_read_timeout(Some(MAX_HOLD));
                    let _ = stream.set_write_timeout(Some(MAX_HOLD));
                    handler(&mut stream);
                });
            }
        });
        Server { addr, hits, stop }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `127.0.0.1:PORT`, for building URLs with credentials or checking target names.
    pub fn authority(&self) -> String {
        self.addr.to_string()
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Connections accepted so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag and ends.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

/// Reads a request head (up to the blank line); `None` if the client went away first.
fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > 64 * 1024 {
            return None;
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return None,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next()?.split_whitespace();
    let method = request_line.next()?.to_string();
    let path = request_line.next()?.to_string();
    let headers = lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Request {
        method,
        path,
        headers,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Whatever",
    }
}

/// Writes a complete `Connection: close` response. A Content-Length is added unless `headers`
/// has one; 204 and 304 get none, as HTTP requires.
pub fn respond(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let has_length = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
    if !has_length && !matches!(status, 204 | 304) {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    let _ = stream.write_all(&bytes);
    let _ = stream.flush();
}

/// Answers every request with `status` and `body`.
pub fn fixed(status: u16, body: &str) -> impl Fn(Request, &mut TcpStream) + Send + Sync + use<> {
    let body = body.as_bytes().to_vec();
    move |_request, stream| respond(stream, status, &[], &body)
}

/// Answers with `status` and these extra headers.
pub fn with_headers(
    status: u16,
    headers: &'static [(&'static str, &'static str)],
) -> impl Fn(Request, &mut TcpStream) + Send + Sync {
    move |_request, stream| respond(stream, status, headers, b"{\"ok\":true}")
}

/// Waits `delay` before answering 200.
pub fn delayed(delay: Duration) -> impl Fn(Request, &mut TcpStream) + Send + Sync {
    move |_request, stream| {
        thread::sleep(delay);
        respond(stream, 200, &[], b"{\"ok\":true}");
    }
}

/// Writes `bytes` as they are, then closes the connection (after reading the request, so the
/// close is a clean FIN and not a reset).
pub fn raw(bytes: impl Into<Vec<u8>>) -> impl Fn(Request, &mut TcpStream) + Send + Sync {
    let bytes = bytes.into();
    move |_request, stream| {
        let _ = stream.write_all(&bytes);
        let _ = stream.flush();
        let _ = stream.shutdown(Shutdown::Both);
    }
}

/// Accepts and reads the request, then never answers. The thread ends as soon as the client
/// hangs up, and after `hold` (at most MAX_HOLD) at the latest.
pub fn never_answer(hold: Duration) -> impl Fn(Request, &mut TcpStream) + Send + Sync {
    move |_request, stream| {
        let deadline = Instant::now() + hold.min(MAX_HOLD);
        let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
        let mut buffer = [0u8; 256];
        while Instant::now() < deadline {
            match stream.read(&mut buffer) {
                Ok(0) => return,
                Ok(_) => {}
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(_) => return,
            }
        }
    }
}

/// Closes the connection without reading what the client sent, once the request is there: with
/// unread data in its receive buffer, the kernel answers the close with a TCP reset (RST).
pub fn reset(stream: &mut TcpStream) {
    let mut probe = [0u8; 1];
    let _ = stream.peek(&mut probe);
    // Leave the client time to finish writing its request, so that it waits for the answer.
    thread::sleep(Duration::from_millis(50));
}

/// A 127.0.0.1 port on which nothing listens (it was free a moment ago).
pub fn refused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// The real binary with an empty environment: no proxy, CA, colour, locale or HEALTHPROBE_*
/// setting of this machine reaches it. Tests that need a variable set it explicitly.
pub fn healthprobe() -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("healthprobe");
    command.env_clear();
    command.timeout(Duration::from_secs(30));
    command
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr_bytes: Vec<u8>,
    pub elapsed: Duration,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {} after {:?}\n--- stdout ---\n{}--- stderr ---\n{}--------------",
            self.code, self.elapsed, self.stdout, self.stderr
        )
    }
}

/// Runs `healthprobe ARGS` in the clean environment.
pub fn run(args: &[&str]) -> Run {
    run_cmd(healthprobe().args(args))
}

/// Runs `healthprobe ARGS` with exactly these environment variables.
pub fn run_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = healthprobe();
    command.args(args);
    for (name, value) in env {
        command.env(name, value);
    }
    run_cmd(&mut command)
}

pub fn run_cmd(command: &mut Command) -> Run {
    let started = Instant::now();
    let output = command.output().expect("healthprobe runs");
    let elapsed = started.elapsed();
    Run {
        code: output
            .status
            .code()
            .expect("exited, not killed by a signal"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout_bytes: output.stdout,
        stderr_bytes: output.stderr,
        elapsed,
    }
}

impl Run {
    /// Asserts the exit code, showing everything the run printed when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(self.code, expected, "wrong exit code\n{self:?}");
        self
    }

    /// Asserts that stdout contains every one of `needles`.
    #[track_caller]
    pub fn stdout_has(&self, needles: &[&str]) -> &Run {
        for needle in needles {
            assert!(
                self.stdout.contains(needle),
                "stdout lacks {needle:?}\n{self:?}"
            );
        }
        self
    }

    /// Asserts that stdout or stderr contains every one of `needles`.
    #[track_caller]
    pub fn output_has(&self, needles: &[&str]) -> &Run {
        for needle in needles {
            assert!(
                self.stdout.contains(needle) || self.stderr.contains(needle),
                "output lacks {needle:?}\n{self:?}"
            );
        }
        self
    }

    /// Asserts that neither stdout nor stderr contains `needle`.
    #[track_caller]
    pub fn nowhere(&self, needle: &str) -> &Run {
        assert!(
            !self.stdout.contains(needle) && !self.stderr.contains(needle),
            "output contains {needle:?}\n{self:?}"
        );
        self
    }

    /// The non-empty lines of stdout.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }

    /// The one stdout line that mentions `needle`.
    #[track_caller]
    pub fn line_with(&self, needle: &str) -> &str {
        let found: Vec<&str> = self.stdout.lines().filter(|l| l.contains(needle)).collect();
        assert_eq!(found.len(), 1, "want one line with {needle:?}\n{self:?}");
        found[0]
    }

    /// Asserts the UNKNOWN usage-error shape: `code`, nothing on stdout, and exactly one stderr
    /// line that starts with `healthprobe: ` and mentions `needle`.
    #[track_caller]
    pub fn usage_error(&self, code: i32, needle: &str) -> &Run {
        self.code(code);
        assert!(self.stdout.is_empty(), "usage error wrote stdout\n{self:?}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "want one stderr line\n{self:?}");
        assert!(
            lines[0].starts_with("healthprobe: "),
            "stderr line lacks the prefix\n{self:?}"
        );
        assert!(
            lines[0].contains(needle),
            "stderr lacks {needle:?}\n{self:?}"
        );
        self
    }
}

/// `application/json`, the Content-Type most health endpoints send.
pub const JSON: &str = "application/json";

/// Answers every request with `status`, a `Content-Type` of `content_type` (none when it is
/// empty) and `body`.
pub fn serve(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> impl Fn(Request, &mut TcpStream) + Send + Sync + use<> {
    let content_type = content_type.to_string();
    let body = body.to_vec();
    move |_request, stream| {
        let headers: &[(&str, &str)] = if content_type.is_empty() {
            &[]
        } else {
            &[("Content-Type", &content_type)]
        };
        respond(stream, status, headers, &body);
    }
}

/// Answers each request path (query string ignored) with its row of `(path, status,
/// content type, body)`; any other path gets a 404.
pub fn routes(
    table: &[(&str, u16, &str, &str)],
) -> impl Fn(Request, &mut TcpStream) + Send + Sync + use<> {
    let table: Vec<(String, u16, String, Vec<u8>)> = table
        .iter()
        .map(|(path, status, content_type, body)| {
            (
                path.to_string(),
                *status,
                content_type.to_string(),
                body.as_bytes().to_vec(),
            )
        })
        .collect();
    move |request, stream| {
        let path = request.path.split('?').next().unwrap_or_default();
        match table.iter().find(|(p, ..)| p == path) {
            Some((_, status, content_type, body)) => respond(
                stream,
                *status,
                &[("Content-Type", content_type.as_str())],
                body,
            ),
            None => respond(stream, 404, &[], b"not found"),
        }
    }
}

/// Serves `body` with `status` and `content_type` on a fresh server and runs `healthprobe ARGS
/// URL` against it once.
pub fn probe(status: u16, content_type: &str, body: &str, args: &[&str]) -> Run {
    let server = Server::start(serve(status, content_type, body.as_bytes()));
    let url = server.url("/health");
    let mut all = args.to_vec();
    all.push(&url);
    run(&all)
}

/// Answers `failing` with an empty body for the first `times` requests, then 200 with `body`:
/// a service that becomes healthy a few requests after a deploy.
pub fn healthy_after(
    times: usize,
    failing: u16,
    body: &str,
) -> impl Fn(Request, &mut TcpStream) + Send + Sync + use<> {
    let seen = AtomicUsize::new(0);
    let body = body.as_bytes().to_vec();
    move |_request, stream| {
        if seen.fetch_add(1, Ordering::SeqCst) < times {
            respond(stream, failing, &[], b"");
        } else {
            respond(stream, 200, &[("Content-Type", JSON)], &body);
        }
    }
}

/// A file in the temporary directory with this content, removed on drop.
pub struct TempFile {
    pub path: std::path::PathBuf,
}

impl TempFile {
    pub fn new(name: &str, content: &str) -> TempFile {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "healthprobe-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::write(&path, content).expect("write a temporary file");
        TempFile { path }
    }

    pub fn path(&self) -> &str {
        self.path.to_str().expect("temporary paths are UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// GNU time measures the child it forks itself: a child forked from this test process would
/// start out with the test process's memory, which Linux carries across exec into ru_maxrss.
pub const GNU_TIME: &str = "/usr/bin/time";

/// Peak RSS in bytes, exit code and wall time of `healthprobe ARGS`, run by GNU time in an empty
/// environment.
pub fn peak_rss(args: &[&str]) -> (u64, i32, Duration) {
    assert!(
        std::path::Path::new(GNU_TIME).exists(),
        "{GNU_TIME} is needed to measure peak RSS (Debian: apt-get install time)"
    );
    let out = tempfile_path();
    let started = Instant::now();
    let status = std::process::Command::new(GNU_TIME)
        .args(["-f", "%M", "-o", &out])
        .arg(env!("CARGO_BIN_EXE_healthprobe"))
        .args(args)
        .env_clear()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("GNU time runs");
    let elapsed = started.elapsed();
    let text = std::fs::read_to_string(&out).expect("GNU time wrote its figure");
    let _ = std::fs::remove_file(&out);
    let kib: u64 = text
        .lines()
        .last()
        .and_then(|line| line.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS in {text:?}"));
    // GNU time reports the child's code as its own.
    (kib * 1024, status.code().expect("exited"), elapsed)
}

fn tempfile_path() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir()
        .join(format!("healthprobe-rss-{}-{n}", std::process::id()))
        .to_string_lossy()
        .into_owned()
}
