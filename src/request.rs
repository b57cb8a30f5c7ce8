//! The HTTP edge's own types: what is sent (method, headers, body, authentication) and how a
//! client connects (timeouts, trust, client certificate, TLS version, proxy, `--resolve`). The
//! plan fills them from the command line and the config; the prober and TLS read them, and know
//! nothing of where they came from.

use std::time::Duration;

use clap::ValueEnum;
use reqwest::Url;

use crate::redact::Secret;
use crate::statuses::StatusSet;

/// The request method (`-X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Method {
    Get,
    Head,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
        }
    }
}

/// The oldest TLS version accepted (`--tls-min`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum TlsVersion {
    #[value(name = "1.2")]
    Tls12,
    #[value(name = "1.3")]
    Tls13,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProbeOptions {
    /// Bound on the whole exchange, redirects included.
    pub timeout: Duration,
    /// Where redirects may lead (`serve`'s allow-list); `None` follows any.
    pub redirects_allowed: Option<std::sync::Arc<crate::allow::AllowList>>,
    pub max_body: usize,
    pub request: RequestSpec,
    pub client: ClientSettings,
    pub grpc: GrpcOptions,
    pub socket: SocketOptions,
}

/// How a `grpc://` or `grpcs://` target is asked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GrpcOptions {
    /// `Check` this service (`--grpc-service`; `?service=` in the URL wins).
    pub service: Option<String>,
    /// `--grpc-list`: `None` asks `List` and falls back to `Check` on a server that does not
    /// implement it; `Some(true)` asks `List` only, `Some(false)` `Check` only.
    pub list: Option<bool>,
}

/// What a `tcp://` or `tls://` target is sent once connected, and what it must answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SocketOptions {
    /// `--send`, with its escapes already turned into bytes.
    pub send: Option<Vec<u8>>,
    /// `--expect-banner`: read until this matches what arrived.
    pub banner: Option<Banner>,
}

/// A regular expression that what a server sends must match (`--expect-banner`).
#[derive(Debug, Clone)]
pub struct Banner(pub regex::Regex);

impl PartialEq for Banner {
    fn eq(&self, other: &Banner) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

/// What is sent, hop after hop.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSpec {
    pub method: Method,
    /// `-H` headers, in order, each marked whether its value is secret.
    pub headers: Vec<SentHeader>,
    pub body: Option<Vec<u8>>,
    pub auth: Option<Auth>,
    pub user_agent: String,
    pub host_header: Option<String>,
    /// Follow redirects, at most this many (`None` with `--no-follow`).
    pub max_redirects: Option<u32>,
}

/// A header healthprobe sends. Its value is always held as a [`Secret`]; `sensitive` says
/// whether it may be shown.
#[derive(Debug, Clone, PartialEq)]
pub struct SentHeader {
    pub name: String,
    pub value: Secret,
    pub sensitive: bool,
}

impl SentHeader {
    /// The value as output may show it.
    pub fn shown(&self) -> String {
        if self.sensitive {
            crate::redact::header_value("authorization", self.value.expose())
        } else {
            self.value.expose().to_string()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    Basic {
        user: String,
        password: Option<Secret>,
    },
    Bearer(Secret),
}

/// Everything that is set per HTTP client rather than per request: targets that agree on all
/// of it share one client.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientSettings {
    pub connect_timeout: Duration,
    /// Trust anchors from `--cacert`, added to the compiled-in roots.
    pub extra_roots: Vec<rustls::pki_types::CertificateDer<'static>>,
    pub identity: Option<ClientIdentity>,
    pub insecure: bool,
    pub tls_min: TlsVersion,
    /// Also trust the system's certificate store, read the first time a certificate is not
    /// signed by a compiled-in root.
    pub system_certs: bool,
    /// `--resolve` overrides that apply to this target's host and port.
    pub resolve: Vec<(String, std::net::SocketAddr)>,
    pub unix_socket: Option<std::path::PathBuf>,
    pub proxy: ProxyChoice,
    pub http2_prior_knowledge: bool,
    /// `--tls-server-name`: the name the server's certificate is checked against, instead of
    /// the URL's host (a target reached by address, or through a tunnel).
    pub tls_server_name: Option<String>,
}

/// A client certificate and its key (`--cert`, `--key`), as DER.
#[derive(Clone, PartialEq)]
pub struct ClientIdentity {
    pub chain: Vec<rustls::pki_types::CertificateDer<'static>>,
    /// PKCS#8, PKCS#1 or SEC1 DER, as the PEM file held it.
    pub key: Vec<u8>,
    pub key_kind: KeyKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Pkcs8,
    Pkcs1,
    Sec1,
}

impl std::fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ClientIdentity({} certificates, key ***)",
            self.chain.len()
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProxyChoice {
    /// The proxy variables of the environment, for non-loopback targets.
    Environment,
    /// `--no-proxy`.
    None,
    /// `--proxy URL`.
    Url(Url),
}

/// When one probe is tried again before it is judged (`--retries`), and which answers a
/// `--wait` may wait out.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    pub retries: u32,
    pub delay: Duration,
    /// Statuses the user called transient besides 502, 503 and 504 (`--retry-on`).
    pub also: Option<StatusSet>,
}

impl RetryPolicy {
    /// A transient HTTP status: one a retry or a little more waiting can change.
    pub fn transient_status(&self, code: u16) -> bool {
        matches!(code, 502..=504) || self.also.as_ref().is_some_and(|set| set.contains(code))
    }
}

/// Proxy settings from the environment, applied to non-loopback targets only.
#[derive(Debug, Clone, Default)]
pub struct ProxyEnv {
    pub http: Option<Url>,
    pub https: Option<Url>,
    pub all: Option<Url>,
    pub no_proxy: Option<String>,
}

/// A target's name from its URL: host, port, path and query (sensitive values masked), without
/// scheme or credentials; other schemes than HTTP's keep theirs, since the same port may be
/// probed each way. The query stays because `/health` and `/health?verbose` are different
/// checks of one service.
pub fn name_of(url: &Url) -> String {
    let host = url.host_str().unwrap_or("");
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let query = crate::redact::query(url)
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    if !matches!(url.scheme(), "http" | "https") {
        return format!("{}://{host}{port}{query}", url.scheme());
    }
    format!("{host}{port}{}{query}", url.path())
}
