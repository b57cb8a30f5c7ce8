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

use crate::plan::Target;

/// What the demo shows, in the order it is probed: (path, what it demonstrates).
const ENDPOINTS: &[(&str, &str)] = &[
    ("/healthcheck", "healthy"),
    ("/slow", "slow"),
    ("/failing", "failing"),
];

/// The response time thresholds the demo applies when the user gives none, chosen so that
/// `/slow` lands between them.
pub const DEFAULT_WARNING: &str = "0.2";
pub const DEFAULT_CRITICAL: &str = "1";

/// How long `/slow` takes to answer.
const SLOW_DELAY: Duration = Duration::from_millis(300);

pub async fn serve() -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(answer(stream));
        }
    });
    Ok(address)
}

pub fn targets(address: SocketAddr) -> Vec<Target> {
    ENDPOINTS
        .iter()
        .map(|(path, _)| {
            let url = Url::parse(&format!("http://{address}{path}")).expect("demo URLs are valid");
            Target::from_url(url)
        })
        .collect()
}

pub fn banner(address: SocketAddr) -> String {
    let endpoints = ENDPOINTS
        .iter()
        .map(|(path, what)| format!("{path} ({what})"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("demo service on http://{address}: {endpoints}")
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
    let (status, body) = match path {
        "/healthcheck" => ("200 OK", r#"{"ok":true,"version":"1.4.2"}"#),
        "/slow" => {
            tokio::time::sleep(SLOW_DELAY).await;
            ("200 OK", r#"{"ok":true,"version":"1.4.2"}"#)
        }
        "/failing" => (
            "503 Service Unavailable",
            r#"{"ok":false,"error":"database connection refused"}"#,
        ),
        _ => ("404 Not Found", r#"{"error":"not found"}"#),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}
