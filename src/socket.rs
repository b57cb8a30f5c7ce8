//! The bare-port edge: a `tcp://` or `tls://` target turned into one [`Observation`], for
//! services with no health endpoint and for CI jobs that wait for a port to accept.
//!
//! `tcp://` succeeds when a connection is accepted; `tls://` when the handshake completes with
//! full verification (the same trust, client certificate and `--tls-server-name` as HTTPS), so
//! that the certificate's expiry and chain are checked on any port. Either may send `--send`
//! once connected and read until what arrived matches `--expect-banner`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Url;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::observation::{
    FailureKind, Observation, Protocol, RequestSeen, Response, TransportFailure,
};
use crate::request::ProbeOptions;
use crate::units::format_duration;

/// Connects to one port (and shakes hands, for `tls://`). Never fails: whatever happened is in
/// the observation.
pub async fn probe(url: &Url, options: &ProbeOptions) -> Observation {
    let started = Instant::now();
    let mut observation = Observation {
        response: None,
        failure: None,
        elapsed: Duration::ZERO,
        remote: None,
        request: RequestSeen {
            method: url.scheme().to_ascii_uppercase(),
            url: crate::redact::url(url),
            headers: Vec::new(),
        },
        attempts: 1,
        started_at: std::time::SystemTime::now(),
        redirects: Vec::new(),
    };
    let guard = options.timeout + Duration::from_millis(250);
    let exchange = exchange(url, options, started, &mut observation);
    if tokio::time::timeout(guard, exchange).await.is_err() {
        observation.failure = Some(TransportFailure {
            kind: FailureKind::Timeout,
            message: format!("timeout after {}", format_duration(options.timeout)),
        });
    }
    observation.elapsed = started.elapsed();
    observation
}

fn failure(kind: FailureKind, message: String) -> TransportFailure {
    TransportFailure { kind, message }
}

/// `host:port` as messages name it.
fn peer(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or("?"),
        url.port().unwrap_or_default()
    )
}

async fn exchange(
    url: &Url,
    options: &ProbeOptions,
    started: Instant,
    observation: &mut Observation,
) {
    let peer = peer(url);
    let host = url
        .host_str()
        .unwrap_or_default()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = url.port().unwrap_or_default();
    let addresses = match addresses(&host, port, options).await {
        Ok(addresses) => addresses,
        Err(failure) => {
            observation.failure = Some(failure);
            return;
        }
    };
    let connect_timeout = options.client.connect_timeout.min(options.timeout);
    let (stream, remote) = match connect(&addresses, connect_timeout, &peer).await {
        Ok(connected) => connected,
        Err(failure) => {
            observation.failure = Some(failure);
            return;
        }
    };
    observation.remote = Some(remote);
    let _ = stream.set_nodelay(true);
    if url.scheme() == "tls" {
        let config = match crate::tls::client_config(&options.client, true, crate::tls::Alpn::None)
        {
            Ok(config) => config,
            Err(err) => {
                observation.failure = Some(failure(FailureKind::Tls, err.to_string()));
                return;
            }
        };
        let name = match crate::tls::server_name(&options.client, &host) {
            Ok(name) => name,
            Err(why) => {
                observation.failure = Some(failure(FailureKind::Tls, why));
                return;
            }
        };
        let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
        let left = options.timeout.saturating_sub(started.elapsed());
        let stream = match tokio::time::timeout(left, connector.connect(name, stream)).await {
            Ok(Ok(stream)) => stream,
            Ok(Err(err)) => {
                observation.failure = Some(handshake_failure(&err, &peer));
                return;
            }
            Err(_) => {
                observation.failure = Some(failure(
                    FailureKind::Timeout,
                    format!(
                        "timeout after {} during the TLS handshake with {peer}",
                        format_duration(options.timeout)
                    ),
                ));
                return;
            }
        };
        let (_, connection) = stream.get_ref();
        let version = connection
            .protocol_version()
            .map_or("TLS".to_string(), tls_version_name);
        let peer_certificate = connection
            .peer_certificates()
            .and_then(|chain| chain.first())
            .map(|der| der.as_ref().to_vec());
        let response = answered(Protocol::Tls { version }, started, peer_certificate);
        converse(stream, options, started, response, &peer, observation).await;
    } else {
        let response = answered(Protocol::Tcp, started, None);
        converse(stream, options, started, response, &peer, observation).await;
    }
}

fn answered(protocol: Protocol, started: Instant, peer_certificate: Option<Vec<u8>>) -> Response {
    let version = match &protocol {
        Protocol::Tls { version } => version.clone(),
        _ => "TCP".to_string(),
    };
    Response {
        status: 0,
        version,
        headers: Vec::new(),
        body: Vec::new(),
        body_capped: false,
        time_to_headers: started.elapsed(),
        peer_certificate,
        protocol,
    }
}

/// `TLS 1.3`, as operators write it.
fn tls_version_name(version: rustls::ProtocolVersion) -> String {
    match version {
        rustls::ProtocolVersion::TLSv1_2 => "TLS 1.2".into(),
        rustls::ProtocolVersion::TLSv1_3 => "TLS 1.3".into(),
        other => format!("{other:?}"),
    }
}

/// The addresses to try: a `--resolve` override for this host and port, else the resolver's.
async fn addresses(
    host: &str,
    port: u16,
    options: &ProbeOptions,
) -> Result<Vec<SocketAddr>, TransportFailure> {
    let overridden: Vec<SocketAddr> = options
        .client
        .resolve
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(host))
        .map(|(_, address)| SocketAddr::new(address.ip(), port))
        .collect();
    if !overridden.is_empty() {
        return Ok(overridden);
    }
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let lookup = tokio::net::lookup_host((host, port));
    match tokio::time::timeout(options.client.connect_timeout, lookup).await {
        Ok(Ok(found)) => {
            let found: Vec<SocketAddr> = found.collect();
            if found.is_empty() {
                Err(failure(
                    FailureKind::Dns,
                    format!("DNS lookup found no address for {host}"),
                ))
            } else {
                Ok(found)
            }
        }
        Ok(Err(_)) => Err(failure(
            FailureKind::Dns,
            format!("DNS lookup failed for {host}"),
        )),
        Err(_) => Err(failure(
            FailureKind::ConnectTimeout,
            format!(
                "connect timeout after {}: DNS lookup of {host} did not finish",
                format_duration(options.client.connect_timeout)
            ),
        )),
    }
}

/// Connects to the first address that accepts, within the connect timeout for all of them.
async fn connect(
    addresses: &[SocketAddr],
    timeout: Duration,
    peer: &str,
) -> Result<(TcpStream, SocketAddr), TransportFailure> {
    let attempt = async {
        let mut last = None;
        for address in addresses {
            match TcpStream::connect(address).await {
                Ok(stream) => return Ok((stream, *address)),
                Err(err) => last = Some(err),
            }
        }
        Err(last)
    };
    match tokio::time::timeout(timeout, attempt).await {
        Ok(Ok(connected)) => Ok(connected),
        Ok(Err(err)) => {
            let kind = err.as_ref().map(std::io::Error::kind);
            Err(match kind {
                Some(std::io::ErrorKind::ConnectionRefused) => failure(
                    FailureKind::Refused,
                    format!("connection refused by {peer}"),
                ),
                Some(std::io::ErrorKind::TimedOut) => failure(
                    FailureKind::ConnectTimeout,
                    format!("connect timeout to {peer}"),
                ),
                _ => failure(
                    FailureKind::Connect,
                    format!(
                        "cannot connect to {peer}: {}",
                        err.map_or("no address".to_string(), |e| e.to_string())
                    ),
                ),
            })
        }
        Err(_) => Err(failure(
            FailureKind::ConnectTimeout,
            format!(
                "connect timeout after {} to {peer}",
                format_duration(timeout)
            ),
        )),
    }
}

/// Why a handshake failed, in the words HTTPS failures use.
fn handshake_failure(err: &std::io::Error, peer: &str) -> TransportFailure {
    let tls = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    let message = match (tls, err.kind()) {
        (Some(tls), _) => crate::probe::describe_tls(tls),
        (None, std::io::ErrorKind::UnexpectedEof) => {
            "the server closed the connection during the handshake: did not speak TLS".into()
        }
        (None, std::io::ErrorKind::ConnectionReset) => {
            "the server reset the connection during the handshake: did not speak TLS".into()
        }
        (None, _) => format!("handshake failed: {err}"),
    };
    failure(
        FailureKind::Tls,
        format!("TLS error with {peer}: {message}"),
    )
}

/// Sends `--send` and reads until `--expect-banner` matches; records what arrived.
async fn converse<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    options: &ProbeOptions,
    started: Instant,
    mut response: Response,
    peer: &str,
    observation: &mut Observation,
) {
    let socket = &options.socket;
    if let Some(send) = &socket.send
        && let Err(err) = stream.write_all(send).await
    {
        observation.failure = Some(failure(
            FailureKind::Reset,
            format!("{peer} closed the connection before it took what --send sends ({err})"),
        ));
        observation.response = Some(response);
        return;
    }
    if let Some(banner) = &socket.banner {
        let cap = options.max_body;
        let mut buffer = [0u8; 4096];
        let outcome = loop {
            if banner.0.is_match(&String::from_utf8_lossy(&response.body)) {
                break None;
            }
            if response.body.len() >= cap {
                response.body_capped = true;
                break Some(format!("read {cap} bytes"));
            }
            let left = options.timeout.saturating_sub(started.elapsed());
            match tokio::time::timeout(left, stream.read(&mut buffer)).await {
                Ok(Ok(0)) => break Some("the connection was closed".to_string()),
                Ok(Ok(read)) => {
                    let room = cap - response.body.len();
                    response.body.extend_from_slice(&buffer[..read.min(room)]);
                }
                Ok(Err(err)) => break Some(format!("reading failed ({err})")),
                Err(_) => break Some(format!("{} passed", format_duration(options.timeout))),
            }
        };
        if let Some(why) = outcome {
            let received = if response.body.is_empty() {
                "nothing arrived".to_string()
            } else {
                format!(
                    "received '{}'",
                    crate::text::one_line(&String::from_utf8_lossy(&response.body), 80)
                )
            };
            observation.failure = Some(failure(
                FailureKind::Banner,
                format!(
                    "no answer matching /{}/ from {peer}: {why}; {received}",
                    banner.0.as_str()
                ),
            ));
        }
    }
    // A polite close (close_notify on TLS), but never waited on for long.
    let _ = tokio::time::timeout(Duration::from_millis(100), stream.shutdown()).await;
    observation.response = Some(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_versions_are_named_as_operators_write_them() {
        assert_eq!(
            tls_version_name(rustls::ProtocolVersion::TLSv1_3),
            "TLS 1.3"
        );
        assert_eq!(
            tls_version_name(rustls::ProtocolVersion::TLSv1_2),
            "TLS 1.2"
        );
    }

    #[test]
    fn peers_are_named_by_host_and_port() {
        let url = Url::parse("tcp://db.internal:5432").unwrap();
        assert_eq!(peer(&url), "db.internal:5432");
    }
}
