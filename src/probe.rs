//! The HTTP edge: one shared client, and one target turned into one [`Observation`].
//!
//! The client is built once per run with rustls on the ring provider and compiled-in web PKI
//! roots, so HTTPS works in scratch images with no CA bundle, and nothing is read from disk at
//! start-up. The root store is only built when some target is HTTPS. Errors are classified into
//! [`FailureKind`]s here, because reqwest's own top-level text ("error sending request") tells an
//! operator nothing; the useful part lives deep in the cause chain.

use std::error::Error as StdError;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, HeaderValue, USER_AGENT};
use reqwest::{Client, NoProxy, Proxy, Url, redirect};

use crate::observation::{FailureKind, Observation, RequestSeen, Response, TransportFailure};
use crate::plan::{ProbeOptions, ProxyEnv};
use crate::units::{format_duration, format_size};

/// Sent so that services which negotiate pick their health document format.
const ACCEPT_VALUE: &str = "application/health+json, application/json;q=0.9, */*;q=0.1";

/// Redirects followed before a chain is judged a loop.
const MAX_REDIRECTS: usize = 5;

/// Builds a client; the run shares one among all targets that connect alike (same connect
/// timeout and trust anchors), since reqwest sets those per client, not per request.
pub fn build_client(
    connect_timeout: Duration,
    extra_roots: &[rustls::pki_types::CertificateDer<'static>],
    needs_tls: bool,
    proxies: &ProxyEnv,
) -> anyhow::Result<Client> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    // Ignored if already installed; reqwest looks the default up in a few places.
    let _ =
        rustls::crypto::CryptoProvider::install_default(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    if needs_tls {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for certificate in extra_roots {
            roots.add(certificate.clone()).map_err(|e| {
                anyhow::anyhow!("a --cacert certificate cannot be used as a trust anchor: {e}")
            })?;
        }
    }
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];

    let mut builder = Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(connect_timeout)
        .redirect(redirect::Policy::limited(MAX_REDIRECTS))
        .pool_max_idle_per_host(0)
        .tls_info(needs_tls)
        .tcp_nodelay(true);
    builder = match proxy_for_non_loopback(proxies) {
        Some(proxy) => builder.proxy(proxy),
        None => builder.no_proxy(),
    };
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

/// Probes one URL once. Never fails: whatever happened is in the observation.
pub async fn probe(client: &Client, url: &Url, options: &ProbeOptions) -> Observation {
    let request = RequestSeen {
        method: "GET".into(),
        url: crate::redact::url(url),
        headers: vec![
            ("user-agent".into(), options.user_agent.clone()),
            ("accept".into(), ACCEPT_VALUE.into()),
        ],
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
    };
    // reqwest's timeout covers connect, headers and body; the outer one is a guard so that no
    // code path, ours included, can outlive the user's bound by more than a moment.
    let guard = options.timeout + Duration::from_millis(250);
    let exchange = exchange(client, url, options, &mut observation);
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

async fn exchange(
    client: &Client,
    url: &Url,
    options: &ProbeOptions,
    observation: &mut Observation,
) {
    let started = Instant::now();
    let sent = client
        .get(url.clone())
        .timeout(options.timeout)
        .header(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE))
        .header(USER_AGENT, &options.user_agent)
        .send()
        .await;
    let mut response = match sent {
        Ok(response) => response,
        Err(err) => {
            observation.failure = Some(classify(&err, url, options, false));
            return;
        }
    };
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
                observation.failure = Some(classify(&err, url, options, true));
                return;
            }
        }
    }
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
fn classify(
    err: &reqwest::Error,
    url: &Url,
    options: &ProbeOptions,
    after_headers: bool,
) -> TransportFailure {
    let peer = peer(url);
    let causes = Causes::of(err);
    let failure = |kind, message: String| TransportFailure { kind, message };

    if err.is_redirect() {
        return failure(
            FailureKind::Redirect,
            format!("too many redirects (more than {MAX_REDIRECTS}; a redirect loop?)"),
        );
    }
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
                    format_duration(options.connect_timeout)
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
    if err.is_connect() {
        return failure(
            FailureKind::Connect,
            format!("cannot connect to {peer}: {}", causes.innermost),
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

fn describe_tls(err: &rustls::Error) -> String {
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
pub fn body_too_large_message(cap: usize) -> String {
    format!(
        "response body larger than {} (raise --max-body to read it)",
        format_size(cap as u64)
    )
}

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
