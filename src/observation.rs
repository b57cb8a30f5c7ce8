//! What one probe saw, as plain data: no judgement lives here.
//!
//! A failing service is a result, not an error, so a refused connection or a timeout is recorded
//! as a [`TransportFailure`] beside whatever part of the response did arrive.

use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Observation {
    /// The response, when its status line and headers arrived.
    pub response: Option<Response>,
    /// Why the exchange did not complete; may coexist with `response` when the body failed.
    pub failure: Option<TransportFailure>,
    /// From the start of the request to the end of the body (or the failure).
    pub elapsed: Duration,
    /// The peer actually reached, which names the replica behind a load-balanced name.
    pub remote: Option<SocketAddr>,
    /// The request as sent, for verbose output (headers already redacted).
    pub request: RequestSeen,
    /// How many times the request was sent (`--retries`); this observation is the last.
    pub attempts: u32,
    /// When this (last) attempt started, by the wall clock, for reports.
    pub started_at: std::time::SystemTime,
    /// The URLs redirected to, in order, redacted; empty when the first answer was final.
    pub redirects: Vec<String>,
}

impl Observation {
    /// A target that was never (or never completely) probed, for a reason of healthprobe's own:
    /// the `--deadline` passed before its turn, or the run was interrupted.
    pub fn unprobed(url: &str, kind: FailureKind, message: String) -> Observation {
        Observation {
            response: None,
            failure: Some(TransportFailure { kind, message }),
            elapsed: Duration::ZERO,
            remote: None,
            request: RequestSeen {
                method: "GET".into(),
                url: url.to_string(),
                headers: Vec::new(),
            },
            attempts: 0,
            started_at: std::time::SystemTime::now(),
            redirects: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct RequestSeen {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub version: String,
    /// As received: secrets included, so that rules can match them. Renderers redact.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body was longer than `--max-body`; `body` holds only its first part.
    pub body_capped: bool,
    pub time_to_headers: Duration,
    /// The server's leaf certificate (DER) on HTTPS.
    pub peer_certificate: Option<Vec<u8>>,
}

/// The kinds of transport failure an operator needs to tell apart at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    Dns,
    Refused,
    ConnectTimeout,
    Connect,
    Tls,
    Timeout,
    Reset,
    Closed,
    TruncatedBody,
    Protocol,
    Redirect,
    Other,
    /// Not the service's doing: the `--deadline` passed before the target's turn.
    NotProbed,
    /// Not the service's doing: the run was interrupted (Ctrl-C) before the answer came.
    Interrupted,
}

impl FailureKind {
    /// A stable short name, used as a key in machine-readable reports.
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::Dns => "dns",
            FailureKind::Refused => "refused",
            FailureKind::ConnectTimeout => "connect-timeout",
            FailureKind::Connect => "connect",
            FailureKind::Tls => "tls",
            FailureKind::Timeout => "timeout",
            FailureKind::Reset => "reset",
            FailureKind::Closed => "closed",
            FailureKind::TruncatedBody => "truncated-body",
            FailureKind::Protocol => "protocol",
            FailureKind::Redirect => "redirect",
            FailureKind::Other => "other",
            FailureKind::NotProbed => "not-probed",
            FailureKind::Interrupted => "interrupted",
        }
    }
}

impl FailureKind {
    /// Failures that say nothing about the service: they make a target UNKNOWN, not CRITICAL.
    pub fn is_ours(self) -> bool {
        matches!(self, FailureKind::NotProbed | FailureKind::Interrupted)
    }

    /// Failures a retry a moment later may not see again (`--retries`).
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            FailureKind::Refused
                | FailureKind::ConnectTimeout
                | FailureKind::Connect
                | FailureKind::Timeout
                | FailureKind::Reset
                | FailureKind::Closed
                | FailureKind::TruncatedBody
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportFailure {
    pub kind: FailureKind,
    /// One line, already free of URLs and secrets.
    pub message: String,
}

/// What the body was read as: the health document, and the service version wherever it came
/// from (the document, `--version-path`, or `--version-url`).
#[derive(Debug, Clone)]
pub struct Reading {
    /// `None` when there was no body to read (no response, or a body over the cap).
    pub document: Option<crate::health::Interpretation>,
    pub version: VersionFound,
    /// The body's JSON value for the `--metric` and `--assert` rules, or why there is none
    /// ("no complete body was received", serde_json's reason).
    pub json: Result<serde_json::Value, String>,
    /// The server certificate's expiry on HTTPS, or why it could not be read.
    pub certificate: Option<Result<CertExpiry, String>>,
}

/// When the server certificate expires, and how much of it was left when the probe ran.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CertExpiry {
    pub not_after: i64,
    pub days_left: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionFound {
    /// The version and where it was read.
    Found(String, VersionSource),
    /// Why no version is known, in a few words.
    Missing(String),
}

/// Where a service version was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionSource {
    /// The body of `--version-url`.
    VersionUrl,
    /// `--version-path` in the target's body.
    VersionPath,
    /// Where the recognised health format keeps it.
    HealthDocument,
    /// A top-level `version` field of a body that is no known health format.
    Body,
}

impl VersionSource {
    pub fn name(self) -> &'static str {
        match self {
            VersionSource::VersionUrl => "version-url",
            VersionSource::VersionPath => "version-path",
            VersionSource::HealthDocument => "health-document",
            VersionSource::Body => "body",
        }
    }
}

impl VersionFound {
    pub fn value(&self) -> Option<&str> {
        match self {
            VersionFound::Found(version, _) => Some(version),
            VersionFound::Missing(_) => None,
        }
    }
}

/// Why a body over `--max-body` was not read, in one line.
pub fn body_too_large_message(cap: usize) -> String {
    format!(
        "response body larger than {} (raise --max-body to read it)",
        crate::units::format_size(cap as u64)
    )
}
