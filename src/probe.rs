//! The HTTP edge: one shared client, and one target turned into one [`Observation`].
//!
//! The client is built once per run with rustls on the ring provider and compiled-in web PKI
//! roots, so HTTPS works in scratch images with no CA bundle, and nothing is read from disk at
//! start-up. The root store is only built when some target is HTTPS. Errors are classified into
//! [`FailureKind`]s here, because reqwest's own top-level text ("error sending request") tells an
//! operator nothing; the useful part lives deep in the cause chain.

use std::error::Error as StdError;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, CONTENT_TYPE, HOST, HeaderValue, USER_AGENT};
use reqwest::{Client, NoProxy, Proxy, Url, redirect};

use crate::observation::{FailureKind, Observation, RequestSeen, Response, TransportFailure};
use crate::request::{
    Auth, ClientSettings, Method, ProbeOptions, ProxyChoice, ProxyEnv, RequestSpec,
};
use crate::units::format_duration;

/// Sent so that services which negotiate pick their health document format.
const ACCEPT_VALUE: &str = "application/health+json, application/json;q=0.9, */*;q=0.1";

/// Builds a client; the run shares one among all targets whose [`ClientSettings`] agree, since
/// reqwest sets those per client, not per request. Redirects are followed by [`probe`] itself,
/// hop by hop, so that credentials can be withheld from other hosts and a loop reported whole.
pub fn build_client(
    settings: &ClientSettings,
    needs_tls: bool,
    proxies: &ProxyEnv,
) -> anyhow::Result<Client> {
    // Ignored if already installed; reqwest looks the default up in a few places.
    let _ =
        rustls::crypto::CryptoProvider::install_default(rustls::crypto::ring::default_provider());
    let alpn = if settings.http2_prior_knowledge {
        crate::tls::Alpn::Http2
    } else {
        crate::tls::Alpn::Http
    };
    let tls = crate::tls::client_config(settings, needs_tls, alpn)?;
    let mut builder = Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(settings.connect_timeout)
        .redirect(redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .tls_info(needs_tls)
        .tcp_nodelay(true);
    for (host, address) in &settings.resolve {
        builder = builder.resolve(host, *address);
    }
    if settings.http2_prior_knowledge {
        builder = builder.http2_prior_knowledge();
    }
    builder = match &settings.proxy {
        ProxyChoice::Environment => match proxy_for_non_loopback(proxies) {
            Some(proxy) => builder.proxy(proxy),
            None => builder.no_proxy(),
        },
        ProxyChoice::None => builder.no_proxy(),
        ProxyChoice::Url(url) => builder.proxy(Proxy::all(url.clone())?),
    };
    #[cfg(unix)]
    if let Some(path) = &settings.unix_socket {
        builder = builder.unix_socket(path.clone());
    }
    Ok(builder.build()?)
}

/// Environment proxies apply to remote targets only: a health probe of 127.0.0.1 that detours
/// through a corporate proxy would test the proxy, not the service.
fn proxy_for_non_loopback(env: &ProxyEnv) -> Option<Proxy> {
    if env.http.is_none() && env.https.is_none() && env.all.is_none() {
        return None;
    }
    let env_for_closure = env.clone();
    let proxy = Proxy::custom(move |url: &Url| {
        if is_loopback(url) {
            return None;
        }
        let chosen = match url.scheme() {
            "https" => env_for_closure.https.as_ref(),
            _ => env_for_closure.http.as_ref(),
        };
        chosen.or(env_for_closure.all.as_ref()).cloned()
    });
    Some(proxy.no_proxy(env.no_proxy.as_deref().and_then(NoProxy::from_string)))
}

/// True for URLs whose host is a loopback address or a `localhost` name.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        None => false,
    }
}

/// Probes one URL once, following redirects as the request says. Never fails: whatever
/// happened is in the observation.
pub async fn probe(client: &Client, url: &Url, options: &ProbeOptions) -> Observation {
    let spec = &options.request;
    let mut headers = vec![
        ("user-agent".to_string(), spec.user_agent.clone()),
        ("accept".to_string(), ACCEPT_VALUE.to_string()),
    ];
    if let Some(host) = &spec.host_header {
        headers.push(("host".into(), host.clone()));
    }
    match &spec.auth {
        Some(Auth::Basic { .. }) => headers.push(("authorization".into(), "Basic ***".into())),
        Some(Auth::Bearer(_)) => headers.push(("authorization".into(), "Bearer ***".into())),
        None => {}
    }
    headers.extend(spec.headers.iter().map(|h| (h.name.clone(), h.shown())));
    let request = RequestSeen {
        method: spec.method.as_str().into(),
        url: crate::redact::url(url),
        headers,
    };
    let started = Instant::now();
    let mut observation = Observation {
        response: None,
        failure: None,
        elapsed: Duration::ZERO,
        remote: None,
        request,
        attempts: 1,
        started_at: std::time::SystemTime::now(),
        redirects: Vec::new(),
    };
    // reqwest's timeout covers connect, headers and body of each hop; the outer one bounds the
    // whole exchange, so that no code path, ours included, can outlive the user's bound by more
    // than a moment.
    let guard = options.timeout + Duration::from_millis(250);
    let exchange = exchange(client, url, options, started, &mut observation);
    if tokio::time::timeout(guard, exchange).await.is_err() {
        observation.failure = Some(TransportFailure {
            kind: FailureKind::Timeout,
            message: format!(
                "timeout after {}{}",
                format_duration(options.timeout),
                phase(observation.response.is_some())
            ),
        });
    }
    observation.elapsed = started.elapsed();
    observation
}

/// Scheme, host and port: credentials go only where the user sent them.
fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_ascii_lowercase),
        url.port_or_known_default(),
    )
}

/// One request of the exchange, with the user's headers and credentials only for the origin
/// the user named.
fn request(
    client: &Client,
    url: &Url,
    method: Method,
    body: Option<&[u8]>,
    spec: &RequestSpec,
    same_origin: bool,
    timeout: Duration,
) -> reqwest::RequestBuilder {
    let method = match method {
        Method::Get => reqwest::Method::GET,
        Method::Head => reqwest::Method::HEAD,
        Method::Post => reqwest::Method::POST,
    };
    let mut builder = client
        .request(method, url.clone())
        .timeout(timeout.max(Duration::from_millis(1)))
        .header(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE))
        .header(USER_AGENT, &spec.user_agent);
    if same_origin {
        if let Some(host) = &spec.host_header {
            builder = builder.header(HOST, host);
        }
        builder = match &spec.auth {
            Some(Auth::Basic { user, password }) => {
                builder.basic_auth(user, password.as_ref().map(|p| p.expose()))
            }
            Some(Auth::Bearer(token)) => builder.bearer_auth(token.expose()),
            None => builder,
        };
    }
    let mut typed = false;
    for header in &spec.headers {
        if same_origin || !header.sensitive {
            typed |= header.name.eq_ignore_ascii_case("content-type");
            builder = builder.header(header.name.as_str(), header.value.expose());
        }
    }
    if let Some(body) = body {
        if !typed {
            let json = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
            let kind = if json {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            };
            builder = builder.header(CONTENT_TYPE, kind);
        }
        builder = builder.body(body.to_vec());
    }
    builder
}

/// A redirect chain for a message: redacted, and at most five hops shown.
fn chain(hops: &[Url], last: &Url) -> String {
    let mut all: Vec<String> = hops.iter().map(crate::request::name_of).collect();
    all.push(crate::request::name_of(last));
    if all.len() > 5 {
        let tail = all.split_off(all.len() - 2);
        all.truncate(2);
        all.push("…".into());
        all.extend(tail);
    }
    all.join(" → ")
}

async fn exchange(
    client: &Client,
    url: &Url,
    options: &ProbeOptions,
    started: Instant,
    observation: &mut Observation,
) {
    let spec = &options.request;
    let home = origin(url);
    let mut current = url.clone();
    let mut method = spec.method;
    let mut body = spec.body.clone();
    let mut hops: Vec<Url> = Vec::new();
    let redirect_failure = |message: String| TransportFailure {
        kind: FailureKind::Redirect,
        message,
    };
    let mut response = loop {
        let left = options.timeout.saturating_sub(started.elapsed());
        let same_origin = origin(&current) == home;
        let sent = request(
            client,
            &current,
            method,
            body.as_deref(),
            spec,
            same_origin,
            left,
        )
        .send()
        .await;
        let response = match sent {
            Ok(response) => response,
            Err(err) => {
                let failure = classify(&err, &current, options, false);
                observation.failure = Some(if spec.max_redirects.is_some() || hops.is_empty() {
                    http2_only_hint(failure, &current)
                } else {
                    failure
                });
                return;
            }
        };
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let (Some(max), true, Some(location)) = (
            spec.max_redirects,
            matches!(status, 301 | 302 | 303 | 307 | 308),
            location,
        ) else {
            break response;
        };
        let Ok(next) = current.join(&location) else {
            observation.failure = Some(redirect_failure(format!(
                "HTTP {status} redirect to an invalid Location '{}'",
                crate::text::one_line(&location, 80)
            )));
            return;
        };
        if !matches!(next.scheme(), "http" | "https") {
            observation.failure = Some(redirect_failure(format!(
                "HTTP {status} redirect to a {}: URL, which healthprobe does not follow",
                crate::text::one_line(next.scheme(), 20)
            )));
            return;
        }
        if let Some(allowed) = &options.redirects_allowed
            && !allowed.allows(&next)
        {
            observation.failure = Some(redirect_failure(format!(
                "HTTP {status} redirect to {}, which the allow-list does not accept",
                crate::redact::url(&next)
            )));
            return;
        }
        hops.push(current.clone());
        if hops.contains(&next) {
            observation.failure = Some(redirect_failure(format!(
                "redirect loop: {}",
                chain(&hops, &next)
            )));
            return;
        }
        if hops.len() > max as usize {
            observation.failure = Some(redirect_failure(format!(
                "too many redirects (more than {max}): {}",
                chain(&hops, &next)
            )));
            return;
        }
        // As browsers and curl do: 303, and 301/302 after a POST, continue with a GET.
        if status == 303 || (matches!(status, 301 | 302) && method == Method::Post) {
            method = Method::Get;
            body = None;
        }
        current = next;
    };
    observation.redirects = hops
        .iter()
        .skip(1)
        .chain(std::iter::once(&current))
        .filter(|_| !hops.is_empty())
        .map(crate::redact::url)
        .collect();
    observation.remote = response.remote_addr();
    observation.response = Some(Response {
        status: response.status().as_u16(),
        version: format!("{:?}", response.version()),
        headers: response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_string(), value)
            })
            .collect(),
        body: Vec::new(),
        body_capped: false,
        time_to_headers: started.elapsed(),
        peer_certificate: response
            .extensions()
            .get::<reqwest::tls::TlsInfo>()
            .and_then(|info| info.peer_certificate())
            .map(<[u8]>::to_vec),
        protocol: crate::observation::Protocol::Http,
    });
    let seen = observation.response.as_mut().expect("just set");
    let cap = options.max_body;
    if response
        .content_length()
        .is_some_and(|len| len > cap as u64)
    {
        // No need to read what we would throw away.
        seen.body_capped = true;
        return;
    }
    // A declared length is room made once: a body grown by doubling holds up to twice itself.
    if let Some(len) = response.content_length() {
        seen.body.reserve_exact(len as usize);
    }
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = cap - seen.body.len();
                if chunk.len() > room {
                    seen.body.extend_from_slice(&chunk[..room]);
                    seen.body_capped = true;
                    return;
                }
                seen.body.extend_from_slice(&chunk);
            }
            Ok(None) => return,
            Err(err) => {
                observation.failure = Some(classify(&err, &current, options, true));
                return;
            }
        }
    }
}

/// An HTTP/1 request to a server that speaks only HTTP/2 (a gRPC server, most often) gets HTTP/2
/// frames back, which no HTTP/1 parser reads: say what the port most likely is.
fn http2_only_hint(mut failure: TransportFailure, url: &Url) -> TransportFailure {
    let lower = failure.message.to_ascii_lowercase();
    let frames_back = matches!(failure.kind, FailureKind::Protocol | FailureKind::Other)
        && (lower.contains("unexpected message")
            || lower.contains("invalid http version")
            || lower.contains("http/2"));
    if frames_back {
        failure.message.push_str(&format!(
            ": it answered in HTTP/2 frames, as an HTTP/2-only server does (gRPC? use \
             grpc://{} for its health service, or --http2-prior-knowledge for HTTP/2)",
            peer(url)
        ));
    }
    failure
}

/// Text that says whether a failure happened before or after the headers arrived.
fn phase(after_headers: bool) -> &'static str {
    if after_headers {
        " while reading the body"
    } else {
        " waiting for a response"
    }
}

/// Turns reqwest's error into one line an operator can act on, by walking the cause chain for
/// the io, TLS and HTTP parser errors that say what actually happened.
pub(crate) fn classify(
    err: &reqwest::Error,
    url: &Url,
    options: &ProbeOptions,
    after_headers: bool,
) -> TransportFailure {
    let peer = peer(url);
    let causes = Causes::of(err);
    let failure = |kind, message: String| TransportFailure { kind, message };

    if let Some(tls) = causes.tls {
        return failure(
            FailureKind::Tls,
            format!("TLS error with {peer}: {}", describe_tls(tls)),
        );
    }
    if err.is_timeout() || causes.io_kind == Some(std::io::ErrorKind::TimedOut) {
        return if err.is_connect() {
            failure(
                FailureKind::ConnectTimeout,
                format!(
                    "connect timeout after {} to {peer}",
                    format_duration(options.client.connect_timeout)
                ),
            )
        } else {
            failure(
                FailureKind::Timeout,
                format!(
                    "timeout after {}{}",
                    format_duration(options.timeout),
                    phase(after_headers)
                ),
            )
        };
    }
    if err.is_dns() || causes.dns {
        let host = url.host_str().unwrap_or("?");
        return failure(FailureKind::Dns, format!("DNS lookup failed for {host}"));
    }
    use std::io::ErrorKind as Io;
    match causes.io_kind {
        Some(Io::ConnectionRefused) => {
            return failure(
                FailureKind::Refused,
                format!("connection refused by {peer}"),
            );
        }
        Some(Io::ConnectionReset | Io::ConnectionAborted | Io::BrokenPipe) => {
            return failure(
                FailureKind::Reset,
                format!("connection reset by {peer}{}", phase(after_headers)),
            );
        }
        _ => {}
    }
    // A plain-HTTP server on an https:// port reads the ClientHello as a bad request and hangs
    // up: the handshake ends without a word of TLS.
    let handshake_cut = causes.innermost.contains("handshake eof")
        || (err.is_connect()
            && url.scheme() == "https"
            && causes.io_kind == Some(Io::UnexpectedEof));
    if handshake_cut {
        return failure(
            FailureKind::Tls,
            format!(
                "TLS error with {peer}: the server closed the connection during the handshake: \
                 did not speak TLS (a plain-HTTP port? use http://)"
            ),
        );
    }
    if err.is_connect() {
        return failure(
            FailureKind::Connect,
            format!("cannot connect to {peer}: {}", causes.innermost),
        );
    }
    if causes
        .innermost
        .to_ascii_lowercase()
        .contains("invalid chunk")
    {
        return failure(
            FailureKind::Protocol,
            format!("invalid chunked encoding in the body: {}", causes.innermost),
        );
    }
    if after_headers || err.is_body() || err.is_decode() {
        return failure(
            FailureKind::TruncatedBody,
            format!("response body truncated: {}", causes.innermost),
        );
    }
    if causes.incomplete {
        return failure(
            FailureKind::Closed,
            format!("{peer} closed the connection before sending a complete response"),
        );
    }
    if causes.parse {
        return failure(
            FailureKind::Protocol,
            format!(
                "{peer} did not answer with valid HTTP: {}",
                causes.innermost
            ),
        );
    }
    failure(
        FailureKind::Other,
        format!("request to {peer} failed: {}", causes.innermost),
    )
}

/// The facts worth knowing from an error's cause chain.
struct Causes<'a> {
    io_kind: Option<std::io::ErrorKind>,
    tls: Option<&'a rustls::Error>,
    dns: bool,
    incomplete: bool,
    parse: bool,
    innermost: String,
}

impl<'a> Causes<'a> {
    fn of(err: &'a reqwest::Error) -> Self {
        let mut causes = Causes {
            io_kind: None,
            tls: None,
            dns: false,
            incomplete: false,
            parse: false,
            innermost: String::new(),
        };
        let mut current: Option<&(dyn StdError + 'static)> = Some(err);
        while let Some(cause) = current {
            if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                causes.io_kind.get_or_insert(io.kind());
                // io errors nest (hyper-util wraps the TLS layer's io::Error in another), and
                // `source()` skips the wrapped error itself, so descend by hand.
                let mut wrapped = io.get_ref();
                while let Some(inner) = wrapped {
                    if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
                        causes.tls = Some(tls);
                    }
                    wrapped = inner
                        .downcast_ref::<std::io::Error>()
                        .and_then(std::io::Error::get_ref);
                }
            }
            if let Some(tls) = cause.downcast_ref::<rustls::Error>() {
                causes.tls = Some(tls);
            }
            if let Some(hyper) = cause.downcast_ref::<hyper::Error>() {
                causes.incomplete |= hyper.is_incomplete_message();
                causes.parse |= hyper.is_parse();
            }
            let text = cause.to_string();
            causes.dns |= text.starts_with("dns error");
            // The innermost message is the most specific; keep it without any URL reqwest adds.
            if !text.contains("://") {
                causes.innermost = text;
            }
            current = cause.source();
        }
        if causes.innermost.is_empty() {
            causes.innermost = "unknown error".into();
        }
        causes
    }
}

pub(crate) fn describe_tls(err: &rustls::Error) -> String {
    use rustls::CertificateError as Cert;
    match err {
        rustls::Error::InvalidCertificate(cert) => match cert {
            Cert::UnknownIssuer => "certificate signed by an unknown issuer".into(),
            Cert::Expired => "certificate has expired".into(),
            Cert::ExpiredContext { not_after, .. } => {
                let not_after = i64::try_from(not_after.as_secs()).unwrap_or(i64::MAX);
                format!(
                    "certificate expired on {}",
                    crate::cert::format_utc(not_after)
                )
            }
            Cert::NotValidYet | Cert::NotValidYetContext { .. } => {
                "certificate is not valid yet".into()
            }
            Cert::NotValidForName | Cert::NotValidForNameContext { .. } => {
                "certificate is not valid for this host name".into()
            }
            Cert::Revoked => "certificate has been revoked".into(),
            Cert::BadSignature => "certificate has a bad signature".into(),
            Cert::Other(other) => format!("invalid certificate ({other})"),
            other => format!("invalid certificate ({other:?})"),
        },
        rustls::Error::InvalidMessage(_) | rustls::Error::InappropriateMessage { .. } => {
            format!("the server did not speak TLS ({err})")
        }
        other => format!("handshake failed: {other}"),
    }
}

fn peer(url: &Url) -> String {
    let host = url.host_str().unwrap_or("?");
    match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// The message used when a body was larger than the cap.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_recognised() {
        for url in [
            "http://127.0.0.1:1/",
            "http://127.1.2.3/",
            "http://[::1]:8080/",
            "http://localhost/",
            "http://LOCALHOST./x",
            "http://api.localhost/",
        ] {
            assert!(is_loopback(&Url::parse(url).unwrap()), "{url}");
        }
        for url in [
            "http://10.0.0.1/",
            "http://example.test/",
            "http://localhost.example/",
        ] {
            assert!(!is_loopback(&Url::parse(url).unwrap()), "{url}");
        }
    }
}
