//! `healthprobe demo`: a small sample service on an ephemeral 127.0.0.1 port, probed through the
//! same code path as a real run, so a newcomer sees real output with nothing else running.
//!
//! The server is deliberately tiny (one request per connection, `Connection: close`): it only
//! has to answer healthprobe itself.

use std::net::SocketAddr;
use std::time::Duration;

use reqwest::Url;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

mod grpc;

use crate::cli::{TargetOptions, Threshold};
use crate::range::Range;
use crate::target::{Settings, Target};

/// One endpoint of the sample service.
struct Endpoint {
    path: &'static str,
    shows: &'static str,
    status: &'static str,
    content_type: &'static str,
    body: &'static str,
    delay: Duration,
}

/// What the demo serves, in the order it is probed: one endpoint per kind of answer, each in a
/// different health format so the output shows detection, versions and component trees.
const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        path: "/healthcheck",
        shows: "healthy, Puter style",
        status: "200 OK",
        content_type: "application/json; charset=utf-8",
        body: r#"{"ok":true}"#,
        delay: Duration::ZERO,
    },
    Endpoint {
        path: "/health",
        shows: "degraded dependency, IETF health+json",
        status: "200 OK",
        content_type: "application/health+json",
        body: r#"{"status":"pass","version":"3","releaseId":"3.2.0","checks":{"postgres:responseTime":[{"status":"pass","observedValue":4,"observedUnit":"ms"}],"cache:connections":[{"status":"warn","observedValue":94,"observedUnit":"%","output":"connection pool 94% used","time":"2026-11-25T03:12:09Z"}]}}"#,
        delay: Duration::ZERO,
    },
    Endpoint {
        path: "/slow",
        shows: "slow",
        status: "200 OK",
        content_type: "application/json",
        body: r#"{"status":"UP"}"#,
        delay: SLOW_DELAY,
    },
    Endpoint {
        path: "/actuator/health",
        shows: "failing database, Spring Boot",
        status: "503 Service Unavailable",
        content_type: "application/vnd.spring-boot.actuator.v3+json",
        body: r#"{"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"org.postgresql.util.PSQLException: Connection to db:5432 refused"}},"diskSpace":{"status":"UP"},"ping":{"status":"UP"}}}"#,
        delay: Duration::ZERO,
    },
];

/// The response time thresholds (seconds) the demo applies when the user gives none, chosen
/// so that `/slow` lands between them.
const DEFAULT_WARNING: f64 = 0.2;
const DEFAULT_CRITICAL: f64 = 1.0;

/// The demo's options: the user's, with its own response time thresholds where the user gave
/// none (an explicit empty `-w ""` still unsets them).
pub fn options(mut options: TargetOptions) -> TargetOptions {
    options
        .warning
        .get_or_insert(Threshold(Some(Range::at_most(DEFAULT_WARNING))));
    options
        .critical
        .get_or_insert(Threshold(Some(Range::at_most(DEFAULT_CRITICAL))));
    options
}

/// How long `/slow` takes to answer.
const SLOW_DELAY: Duration = Duration::from_millis(300);

pub async fn serve() -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                if opens_with_http2(&stream).await {
                    grpc::serve(stream).await;
                } else {
                    answer(stream).await;
                }
            });
        }
    });
    Ok(address)
}

/// Whether a connection starts with the HTTP/2 preface (`PRI * HTTP/2.0`): a gRPC client.
async fn opens_with_http2(stream: &TcpStream) -> bool {
    let mut first = [0u8; 3];
    let peeked = async {
        loop {
            match stream.peek(&mut first).await {
                Ok(n) if n >= first.len() => return true,
                Ok(0) | Err(_) => return false,
                Ok(_) => tokio::time::sleep(Duration::from_millis(5)).await,
            }
        }
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(2), peeked).await,
        Ok(true)
    ) && &first == b"PRI"
}

pub fn targets(address: SocketAddr, settings: &Settings) -> Vec<Target> {
    let http = ENDPOINTS.iter().map(|endpoint| {
        Url::parse(&format!("http://{address}{}", endpoint.path)).expect("demo URLs are valid")
    });
    let grpc = Url::parse(&format!("grpc://{address}")).expect("demo URLs are valid");
    http.chain(std::iter::once(grpc))
        .map(|url| Target::new(url, settings.clone()))
        .collect()
}

pub fn banner(address: SocketAddr) -> String {
    let endpoints = ENDPOINTS
        .iter()
        .map(|endpoint| format!("{} ({})", endpoint.path, endpoint.shows))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "demo service on http://{address}: {endpoints}; and gRPC health on grpc://{address} \
         (payments NOT_SERVING)"
    )
}

async fn answer(mut stream: TcpStream) {
    let mut head = Vec::with_capacity(512);
    let mut buffer = [0u8; 1024];
    // Read the request head only; a client that never finishes it is dropped after a moment.
    let read_head = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 8192 {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return false,
                Ok(n) => head.extend_from_slice(&buffer[..n]),
            }
        }
        true
    };
    if !matches!(
        tokio::time::timeout(Duration::from_secs(2), read_head).await,
        Ok(true)
    ) {
        return;
    }
    let request_line = String::from_utf8_lossy(&head);
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let Some(endpoint) = ENDPOINTS.iter().find(|e| e.path == path) else {
        let _ = stream
            .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .await;
        return;
    };
    tokio::time::sleep(endpoint.delay).await;
    let (status, content_type, body) = (endpoint.status, endpoint.content_type, endpoint.body);
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}
