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
    /// What kind of answer this is, which decides how its status is judged.
    pub protocol: Protocol,
}

impl Response {
    /// Whether the body is a document to read: an HTTP body, or the message of a gRPC call
    /// that succeeded. What a bare port sent is a banner, and a failed gRPC call has no message.
    pub fn carries_document(&self) -> bool {
        match &self.protocol {
            Protocol::Http => true,
            Protocol::Grpc(call) => call.code == 0,
            Protocol::Tcp | Protocol::Tls { .. } => false,
        }
    }
}

/// The protocol an answer came over. HTTP answers are judged by their status code; a gRPC call
/// by the status the server gave in `grpc-status`; a bare connection by having been accepted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Protocol {
    #[default]
    Http,
    /// A call of the gRPC Health Checking Protocol. `body` then holds the response message in
    /// protobuf's JSON form, always in the shape of `List`'s answer.
    Grpc(GrpcCall),
    /// `tcp://`: the connection was accepted.
    Tcp,
    /// `tls://`: the connection was accepted and the handshake completed, in this version.
    Tls { version: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrpcCall {
    /// `Check` or `List`.
    pub rpc: &'static str,
    /// The service asked about (`Check`); empty for the whole server.
    pub service: String,
    /// The gRPC status code (`grpc-status`), 0 for OK.
    pub code: u32,
    /// `grpc-message`, percent-decoded and folded to one line.
    pub message: Option<String>,
}

/// The name of a gRPC status code, as the gRPC documentation spells it.
pub fn grpc_code_name(code: u32) -> &'static str {
    match code {
        0 => "OK",
        1 => "CANCELLED",
        2 => "UNKNOWN",
        3 => "INVALID_ARGUMENT",
        4 => "DEADLINE_EXCEEDED",
        5 => "NOT_FOUND",
        6 => "ALREADY_EXISTS",
        7 => "PERMISSION_DENIED",
        8 => "RESOURCE_EXHAUSTED",
        9 => "FAILED_PRECONDITION",
        10 => "ABORTED",
        11 => "OUT_OF_RANGE",
        12 => "UNIMPLEMENTED",
        13 => "INTERNAL",
        14 => "UNAVAILABLE",
        15 => "DATA_LOSS",
        16 => "UNAUTHENTICATED",
        _ => "an unassigned code",
    }
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
    /// `--expect-banner`: the server did not send what was expected.
    Banner,
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
            FailureKind::Banner => "banner",
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
                | FailureKind::Banner
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
    /// ("no complete body was received", serde_json's reason). Kept only when a rule reads it,
    /// and shared: a parsed document is many times the size of its text, and a run judges the
    /// same reading more than once.
    pub json: Result<std::sync::Arc<serde_json::Value>, String>,
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
