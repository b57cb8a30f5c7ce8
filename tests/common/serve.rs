//! `healthprobe serve` as a child process on an ephemeral loopback port, and a small HTTP client
//! to talk to it: the port is read from its `listening` log line, every stderr line is kept for
//! assertions, and the process is stopped (SIGTERM, then killed) when the handle is dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A running `healthprobe serve`.
pub struct Served {
    child: Option<Child>,
    /// `127.0.0.1:PORT`.
    pub address: String,
    log: Arc<Mutex<Vec<String>>>,
}

/// One HTTP answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub code: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of the sample `series` (`probe_success`, `x{a="b"}`) in an exposition body.
    pub fn sample(&self, series: &str) -> Option<f64> {
        self.body.lines().find_map(|line| {
            let rest = line.strip_prefix(series)?;
            rest.strip_prefix(' ')?.trim().parse().ok()
        })
    }
}

/// Starts `healthprobe serve ARGS --listen 127.0.0.1:0` with exactly the environment `env`.
pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Served {
    let mut command = Command::new(env!("CARGO_BIN_EXE_healthprobe"));
    command
        .env_clear()
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("healthprobe serve starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    let log = Arc::new(Mutex::new(Vec::new()));
    let (found, address) = std::sync::mpsc::channel();
    {
        let log = log.clone();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains("msg=listening")
                    && let Some(address) = line
                        .split_whitespace()
                        .find_map(|field| field.strip_prefix("address="))
                {
                    let _ = found.send(address.to_string());
                }
                log.lock().unwrap().push(line);
            }
        });
    }
    let address = match address.recv_timeout(Duration::from_secs(15)) {
        Ok(address) => address,
        Err(_) => {
            let _ = child.kill();
            let status = child.wait().ok();
            thread::sleep(Duration::from_millis(100));
            panic!(
                "serve did not start ({status:?}); its log:\n{}",
                log.lock().unwrap().join("\n")
            );
        }
    };
    Served {
        child: Some(child),
        address,
        log,
    }
}

impl Served {
    /// `GET path` with `headers`.
    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        request(&self.address, "GET", path, headers)
    }

    /// `POST path`.
    pub fn post(&self, path: &str) -> Answer {
        request(&self.address, "POST", path, &[])
    }

    /// The log lines so far.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Waits until a log line contains `needle` (at most 10 s).
    pub fn wait_for_log(&self, needle: &str) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if self.log().iter().any(|l| l.contains(needle)) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("no log line with {needle:?}:\n{}", self.log().join("\n"));
    }

    /// Sends `signal` (a nix signal) to the process.
    pub fn signal(&self, signal: nix::sys::signal::Signal) {
        let pid = self.child.as_ref().expect("running").id();
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(i32::try_from(pid).expect("a pid")),
            signal,
        )
        .expect("the signal is sent");
    }

    /// Stops with SIGTERM and returns how the process ended (at most 15 s).
    pub fn stop(mut self) -> ExitStatus {
        self.signal(nix::sys::signal::Signal::SIGTERM);
        let mut child = self.child.take().expect("running");
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait().expect("waitable") {
                return status;
            }
            if started.elapsed() > Duration::from_secs(15) {
                let _ = child.kill();
                panic!("serve did not stop within 15 s of SIGTERM");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One HTTP/1.1 request on its own connection; the answer read to its end.
pub fn request(address: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    try_request(address, method, path, headers).expect("connects to the server")
}

/// [`request`], or `None` when the server does not accept the connection (not up yet).
pub fn try_request(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> Option<Answer> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .expect("the request is sent");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let code = lines
        .next()
        .and_then(|status| status.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Answer {
        code,
        headers,
        body: body.to_string(),
    })
}
