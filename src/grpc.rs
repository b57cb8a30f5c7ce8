//! The gRPC edge: one `grpc://` or `grpcs://` target turned into one [`Observation`] through
//! the gRPC Health Checking Protocol v1 (`grpc.health.v1.Health`).
//!
//! A call is an HTTP/2 POST over the same reqwest client as HTTP targets (so `--cacert`,
//! `--cert`/`--key`, `--insecure`, `--tls-min`, `--resolve` and `--tls-server-name` all apply),
//! framed as gRPC frames it: a flag byte, a length, a protobuf message. The messages are
//! prost's. The status is the `grpc-status` of the trailers, or of the headers when the server
//! answers with trailers only.
//!
//! Without `--grpc-service` or `--grpc-list`, healthprobe asks `List` first, because it names
//! every service with its state, like `/readyz?verbose`; a server that does not implement it
//! (UNIMPLEMENTED, as most do today) is asked `Check` for the whole server on the same
//! connection. The answer is recorded in protobuf's JSON form, always in `List`'s shape
//! (`{"statuses":{"SERVICE":{"status":"SERVING"}}}`, `""` being the whole server), so that one
//! reader, `--assert` and `-v` see one document whichever call was made.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use http_body_util::BodyExt;
use reqwest::header::{CONTENT_TYPE, HeaderValue, USER_AGENT};
use reqwest::{Client, Url};

use crate::observation::{
    FailureKind, GrpcCall, Observation, Protocol, RequestSeen, Response, TransportFailure,
};
use crate::request::{Auth, ProbeOptions};
use crate::units::format_duration;

/// `grpc.health.v1.HealthCheckRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct HealthCheckRequest {
    #[prost(string, tag = "1")]
    pub service: String,
}

/// `grpc.health.v1.HealthCheckResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct HealthCheckResponse {
    #[prost(enumeration = "ServingStatus", tag = "1")]
    pub status: i32,
}

/// `grpc.health.v1.HealthListRequest`.
#[derive(Clone, PartialEq, prost::Message)]
struct HealthListRequest {}

/// `grpc.health.v1.HealthListResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct HealthListResponse {
    #[prost(btree_map = "string, message", tag = "1")]
    pub statuses: BTreeMap<String, HealthCheckResponse>,
}

/// `grpc.health.v1.HealthCheckResponse.ServingStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum ServingStatus {
    Unknown = 0,
    Serving = 1,
    NotServing = 2,
    ServiceUnknown = 3,
}

/// The protobuf enum's name for a status number; a number the protocol does not define is kept
/// as written, so that the reader treats it as a word it does not know, never as OK.
fn status_name(value: i32) -> String {
    match ServingStatus::try_from(value) {
        Ok(ServingStatus::Unknown) => "UNKNOWN".into(),
        Ok(ServingStatus::Serving) => "SERVING".into(),
        Ok(ServingStatus::NotServing) => "NOT_SERVING".into(),
        Ok(ServingStatus::ServiceUnknown) => "SERVICE_UNKNOWN".into(),
        Err(_) => value.to_string(),
    }
}

pub const SERVICE: &str = "grpc.health.v1.Health";
const UNIMPLEMENTED: u32 = 12;

/// Which call was made: what it asks about and how its answer reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rpc<'a> {
    Check(&'a str),
    List,
}

impl Rpc<'_> {
    fn name(self) -> &'static str {
        match self {
            Rpc::Check(_) => "Check",
            Rpc::List => "List",
        }
    }
}

/// The service named by `?service=` in the URL, else by `--grpc-service`; empty for the whole
/// server.
pub fn service_of(url: &Url, configured: Option<&str>) -> String {
    url.query_pairs()
        .find(|(key, _)| key == "service")
        .map(|(_, value)| value.into_owned())
        .or_else(|| configured.map(str::to_string))
        .unwrap_or_default()
}

/// Asks one gRPC server for its health. Never fails: whatever happened is in the observation.
pub async fn probe(client: &Client, url: &Url, options: &ProbeOptions) -> Observation {
    let service = service_of(url, options.grpc.service.as_deref());
    let first = match (service.is_empty(), options.grpc.list) {
        (false, _) | (true, Some(false)) => Rpc::Check(&service),
        (true, _) => Rpc::List,
    };
    let may_fall_back = first == Rpc::List && options.grpc.list.is_none();
    let started = Instant::now();
    let mut observation = Observation {
        response: None,
        failure: None,
        elapsed: Duration::ZERO,
        remote: None,
        request: seen_request(url, first, options),
        attempts: 1,
        started_at: std::time::SystemTime::now(),
        redirects: Vec::new(),
    };
    let guard = options.timeout + Duration::from_millis(250);
    let exchange = async {
        call(client, url, first, options, started, &mut observation).await;
        let unimplemented = matches!(
            &observation.response,
            Some(Response { protocol: Protocol::Grpc(call), .. }) if call.code == UNIMPLEMENTED
        );
        if may_fall_back && unimplemented && observation.failure.is_none() {
            // A server without List (grpc/proposal#468) still answers Check.
            observation.response = None;
            observation.request = seen_request(url, Rpc::Check(""), options);
            call(
                client,
                url,
                Rpc::Check(""),
                options,
                started,
                &mut observation,
            )
            .await;
        }
    };
    if tokio::time::timeout(guard, exchange).await.is_err() {
        observation.failure = Some(TransportFailure {
            kind: FailureKind::Timeout,
            message: format!(
                "timeout after {} waiting for the gRPC answer",
                format_duration(options.timeout)
            ),
        });
    }
    observation.elapsed = started.elapsed();
    observation
}

/// The call as verbose output shows it.
fn seen_request(url: &Url, rpc: Rpc<'_>, options: &ProbeOptions) -> RequestSeen {
    let spec = &options.request;
    let mut headers = vec![
        ("content-type".to_string(), "application/grpc".to_string()),
        ("te".to_string(), "trailers".to_string()),
        ("user-agent".to_string(), spec.user_agent.clone()),
    ];
    match &spec.auth {
        Some(Auth::Basic { .. }) => headers.push(("authorization".into(), "Basic ***".into())),
        Some(Auth::Bearer(_)) => headers.push(("authorization".into(), "Bearer ***".into())),
        None if !url.username().is_empty() => {
            headers.push(("authorization".into(), "Basic ***".into()));
        }
        None => {}
    }
    headers.extend(spec.headers.iter().map(|h| (h.name.clone(), h.shown())));
    let mut shown = crate::redact::url(url);
    if let Some(query) = shown.find('?') {
        shown.truncate(query);
    }
    let what = match rpc {
        Rpc::Check(service) => format!("{{service: \"{}\"}}", crate::text::one_line(service, 80)),
        Rpc::List => "{}".to_string(),
    };
    RequestSeen {
        method: "POST".into(),
        url: format!(
            "{}/{SERVICE}/{} {what}",
            shown.trim_end_matches('/'),
            rpc.name()
        ),
        headers,
    }
}

/// The HTTP/2 address of the server: `http` for `grpc://`, `https` for `grpcs://`.
fn endpoint(url: &Url, rpc: Rpc<'_>) -> Result<Url, String> {
    let scheme = if url.scheme() == "grpcs" {
        "https"
    } else {
        "http"
    };
    let host = url.host_str().unwrap_or_default();
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Url::parse(&format!("{scheme}://{host}{port}/{SERVICE}/{}", rpc.name()))
        .map_err(|e| format!("cannot call {host}{port}: {e}"))
}

/// A message framed as gRPC sends it: not compressed, its length, its bytes.
pub fn frame(message: &impl prost::Message) -> Vec<u8> {
    let body = message.encode_to_vec();
    let mut framed = Vec::with_capacity(5 + body.len());
    framed.push(0);
    framed.extend_from_slice(&u32::try_from(body.len()).unwrap_or(u32::MAX).to_be_bytes());
    framed.extend_from_slice(&body);
    framed
}

/// `grpc-timeout`: at most eight digits, in milliseconds.
fn grpc_timeout(left: Duration) -> String {
    format!("{}m", left.as_millis().clamp(1, 99_999_999))
}

/// One unary call; fills the observation's response or failure.
async fn call(
    client: &Client,
    url: &Url,
    rpc: Rpc<'_>,
    options: &ProbeOptions,
    started: Instant,
    observation: &mut Observation,
) {
    let endpoint = match endpoint(url, rpc) {
        Ok(endpoint) => endpoint,
        Err(message) => {
            observation.failure = Some(TransportFailure {
                kind: FailureKind::Other,
                message,
            });
            return;
        }
    };
    let spec = &options.request;
    let left = options
        .timeout
        .saturating_sub(started.elapsed())
        .max(Duration::from_millis(1));
    let body = match rpc {
        Rpc::Check(service) => frame(&HealthCheckRequest {
            service: service.to_string(),
        }),
        Rpc::List => frame(&HealthListRequest {}),
    };
    let mut builder = client
        .post(endpoint.clone())
        .timeout(left)
        .header(CONTENT_TYPE, HeaderValue::from_static("application/grpc"))
        .header("te", HeaderValue::from_static("trailers"))
        .header("grpc-timeout", grpc_timeout(left))
        .header(USER_AGENT, &spec.user_agent);
    builder = match &spec.auth {
        Some(Auth::Basic { user, password }) => {
            builder.basic_auth(user, password.as_ref().map(|p| p.expose()))
        }
        Some(Auth::Bearer(token)) => builder.bearer_auth(token.expose()),
        // Credentials in the URL (grpc://user:pass@host:port) are basic auth, as for http://.
        None if !url.username().is_empty() => {
            let user = percent_decode(url.username());
            builder.basic_auth(user, url.password().map(percent_decode))
        }
        None => builder,
    };
    for header in &spec.headers {
        // gRPC metadata keys are lower case; HTTP/2 would refuse anything else.
        builder = builder.header(header.name.to_ascii_lowercase(), header.value.expose());
    }
    let response = match builder.body(body).send().await {
        Ok(response) => response,
        Err(err) => {
            let failure = crate::probe::classify(&err, &endpoint, options, false);
            observation.failure = Some(if url.scheme() == "grpcs" {
                client_certificate_hint(failure, options)
            } else {
                not_http2_hint(failure, url)
            });
            return;
        }
    };
    observation.remote = response.remote_addr();
    let status = response.status().as_u16();
    let version = format!("{:?}", response.version());
    let peer_certificate = response
        .extensions()
        .get::<reqwest::tls::TlsInfo>()
        .and_then(|info| info.peer_certificate())
        .map(<[u8]>::to_vec);
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), value)
        })
        .collect();
    let time_to_headers = started.elapsed();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let peer = peer(url);
    if !content_type.starts_with("application/grpc") {
        let shown = if content_type.is_empty() {
            "no Content-Type".to_string()
        } else {
            format!("Content-Type {}", crate::text::one_line(&content_type, 60))
        };
        observation.failure = Some(TransportFailure {
            kind: FailureKind::Protocol,
            message: format!(
                "{peer} answered the gRPC call with {} and {shown}, not a gRPC answer: is it \
                 an HTTP endpoint? (use http:// or https:// for one)",
                crate::evaluate::status_line(status)
            ),
        });
        return;
    }
    // The message, then the trailers; a trailers-only answer has neither.
    let mut http: hyper::Response<reqwest::Body> = response.into();
    let cap = options.max_body.saturating_add(5);
    let mut message = Vec::new();
    let mut capped = false;
    let mut trailers = None;
    while let Some(frame) = http.body_mut().frame().await {
        match frame {
            Ok(frame) => match frame.into_data() {
                Ok(data) => {
                    let room = cap.saturating_sub(message.len());
                    if data.len() > room {
                        message.extend_from_slice(&data[..room]);
                        capped = true;
                        break;
                    }
                    message.extend_from_slice(&data);
                }
                Err(frame) => {
                    if let Ok(map) = frame.into_trailers() {
                        trailers = Some(map);
                    }
                }
            },
            Err(err) => {
                observation.failure = Some(TransportFailure {
                    kind: FailureKind::TruncatedBody,
                    message: format!(
                        "the gRPC answer from {peer} was cut short: {}",
                        crate::text::one_line(&err.to_string(), 200)
                    ),
                });
                return;
            }
        }
    }
    if let Some(trailers) = &trailers {
        headers.extend(trailers.iter().map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), value)
        }));
    }
    let field = |name: &str| {
        trailers
            .as_ref()
            .and_then(|t| t.get(name))
            .or_else(|| http.headers().get(name))
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let code = if capped {
        None
    } else {
        match field("grpc-status") {
            Some(text) => match text.trim().parse::<u32>() {
                Ok(code) => Some(code),
                Err(_) => {
                    observation.failure = Some(TransportFailure {
                        kind: FailureKind::Protocol,
                        message: format!(
                            "{peer} sent an invalid grpc-status '{}'",
                            crate::text::one_line(&text, 40)
                        ),
                    });
                    return;
                }
            },
            None => {
                observation.failure = Some(TransportFailure {
                    kind: FailureKind::Protocol,
                    message: format!("the gRPC answer from {peer} ended without a grpc-status"),
                });
                return;
            }
        }
    };
    let grpc_message = field("grpc-message").map(|m| {
        let decoded = percent_decode(&m);
        crate::text::one_line(&decoded, 200)
    });
    let service = match rpc {
        Rpc::Check(service) => service.to_string(),
        Rpc::List => String::new(),
    };
    let mut seen = Response {
        status,
        version,
        headers,
        body: Vec::new(),
        body_capped: capped,
        time_to_headers,
        peer_certificate,
        protocol: Protocol::Grpc(GrpcCall {
            rpc: rpc.name(),
            service,
            code: code.unwrap_or(0),
            message: grpc_message,
        }),
    };
    if code == Some(0) {
        match decode(rpc, &message) {
            Ok(json) => seen.body = json,
            Err(why) => {
                observation.failure = Some(TransportFailure {
                    kind: FailureKind::Protocol,
                    message: format!("{peer}: {why}"),
                });
            }
        }
    }
    observation.response = Some(seen);
}

/// The answer's message in protobuf's JSON form, in `List`'s shape.
fn decode(rpc: Rpc<'_>, framed: &[u8]) -> Result<Vec<u8>, String> {
    let message = unframe(framed)?;
    let statuses: BTreeMap<String, String> = match rpc {
        Rpc::Check(service) => {
            let answer = <HealthCheckResponse as prost::Message>::decode(message)
                .map_err(|e| format!("the answer is not a HealthCheckResponse ({e})"))?;
            BTreeMap::from([(service.to_string(), status_name(answer.status))])
        }
        Rpc::List => {
            let answer = <HealthListResponse as prost::Message>::decode(message)
                .map_err(|e| format!("the answer is not a HealthListResponse ({e})"))?;
            answer
                .statuses
                .into_iter()
                .map(|(name, response)| (name, status_name(response.status)))
                .collect()
        }
    };
    // {"statuses":{"NAME":{"status":"SERVING"},...}}, written out: the names are a map's keys,
    // each once.
    let mut json = String::from("{\"statuses\":{");
    for (index, (name, status)) in statuses.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        crate::json::write_string(&mut json, name);
        json.push_str(":{\"status\":");
        crate::json::write_string(&mut json, status);
        json.push('}');
    }
    json.push_str("}}");
    Ok(json.into_bytes())
}

/// The one message of a unary answer, without its five-byte frame header.
pub fn unframe(framed: &[u8]) -> Result<&[u8], String> {
    let Some((&flag, rest)) = framed.split_first() else {
        return Err("the gRPC answer carries no message".into());
    };
    if flag != 0 {
        return Err(
            "the gRPC message is compressed, although healthprobe offered no \
                    compression"
                .into(),
        );
    }
    let (length, message) = rest
        .split_first_chunk::<4>()
        .ok_or("the gRPC message frame is cut short")?;
    let length = u32::from_be_bytes(*length) as usize;
    message.get(..length).ok_or_else(|| {
        format!(
            "the gRPC message is cut short ({} of {length} bytes)",
            message.len()
        )
    })
}

/// `grpc-message` is percent-encoded (gRPC over HTTP/2, "Responses").
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn peer(url: &Url) -> String {
    let host = url.host_str().unwrap_or("?");
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// Under TLS 1.3 a server that requires a client certificate checks it after the handshake and
/// closes the connection, before HTTP/2 has read anything: name the likely cause.
fn client_certificate_hint(
    mut failure: TransportFailure,
    options: &ProbeOptions,
) -> TransportFailure {
    if options.client.identity.is_some() {
        return failure;
    }
    // When the server's alert arrives before the connection closes, it says so itself.
    if failure.message.contains("CertificateRequired") {
        failure.kind = FailureKind::Tls;
        failure.message = format!(
            "{}: the server requires a client certificate (--cert and --key present one)",
            failure.message
        );
        return failure;
    }
    let closed = matches!(
        failure.kind,
        FailureKind::Other | FailureKind::Closed | FailureKind::Reset
    ) && failure.message.contains("closed");
    if closed {
        failure.kind = FailureKind::Tls;
        failure.message.push_str(
            " right after the TLS handshake, as a server that requires a client certificate \
             does (--cert and --key present one)",
        );
    }
    failure
}

/// A server that does not speak HTTP/2 (an HTTP/1 server on the port) breaks the connection
/// preface: it resets, closes, or answers bytes h2 cannot read. Say what the port most likely
/// is rather than leave the operator with an h2 error.
fn not_http2_hint(mut failure: TransportFailure, url: &Url) -> TransportFailure {
    let lower = failure.message.to_ascii_lowercase();
    let broken_preface = match failure.kind {
        FailureKind::Protocol | FailureKind::Closed | FailureKind::Reset => true,
        FailureKind::Other => {
            lower.contains("http2") || lower.contains("h2") || lower.contains("frame")
        }
        _ => false,
    };
    if broken_preface {
        failure.kind = FailureKind::Protocol;
        failure.message = format!(
            "{}: the server did not answer in HTTP/2, which gRPC needs (an HTTP/1 server? use \
             http://{} for one)",
            failure.message,
            peer(url)
        );
    }
    failure
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_request_frames_the_service_name_as_protobuf() {
        let framed = frame(&HealthCheckRequest {
            service: "db".into(),
        });
        // flag 0, length 4, field 1 (string) of length 2, "db"
        assert_eq!(framed, vec![0, 0, 0, 0, 4, 0x0a, 2, b'd', b'b']);
        assert_eq!(frame(&HealthListRequest {}), vec![0, 0, 0, 0, 0]);
    }

    #[test]
    fn list_answers_read_as_json_with_every_service_and_its_status_name() {
        let answer = HealthListResponse {
            statuses: BTreeMap::from([
                ("".to_string(), HealthCheckResponse { status: 1 }),
                ("orders".to_string(), HealthCheckResponse { status: 2 }),
                ("odd".to_string(), HealthCheckResponse { status: 9 }),
            ]),
        };
        let json = decode(Rpc::List, &frame(&answer)).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"statuses": {
                "": {"status": "SERVING"},
                "odd": {"status": "9"},
                "orders": {"status": "NOT_SERVING"},
            }})
        );
    }

    #[test]
    fn check_answers_read_in_the_shape_of_list_under_the_service_asked() {
        let json = decode(
            Rpc::Check("billing"),
            &frame(&HealthCheckResponse { status: 3 }),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(json).unwrap(),
            r#"{"statuses":{"billing":{"status":"SERVICE_UNKNOWN"}}}"#
        );
        // proto3 leaves a zero field out: an empty message is UNKNOWN, not SERVING.
        let json = decode(Rpc::Check(""), &[0, 0, 0, 0, 0]).unwrap();
        assert_eq!(
            String::from_utf8(json).unwrap(),
            r#"{"statuses":{"":{"status":"UNKNOWN"}}}"#
        );
    }

    #[test]
    fn broken_frames_are_reasons_not_panics() {
        assert!(unframe(&[]).unwrap_err().contains("no message"));
        assert!(
            unframe(&[1, 0, 0, 0, 0])
                .unwrap_err()
                .contains("compressed")
        );
        assert!(unframe(&[0, 0, 0]).unwrap_err().contains("cut short"));
        assert!(unframe(&[0, 0, 0, 0, 9, 1]).unwrap_err().contains("1 of 9"));
        assert!(
            decode(Rpc::List, &[0, 0, 0, 0, 2, 0xff, 0xff])
                .unwrap_err()
                .contains("not a HealthListResponse")
        );
    }

    #[test]
    fn grpc_messages_are_percent_decoded() {
        assert_eq!(percent_decode("disk%20full%3A 90%"), "disk full: 90%");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }

    #[test]
    fn timeouts_are_sent_in_milliseconds_within_eight_digits() {
        assert_eq!(grpc_timeout(Duration::from_millis(2500)), "2500m");
        assert_eq!(grpc_timeout(Duration::ZERO), "1m");
        assert_eq!(grpc_timeout(Duration::from_secs(10_000_000)), "99999999m");
    }

    #[test]
    fn the_service_comes_from_the_url_before_the_option() {
        let url = Url::parse("grpc://h:1?service=query").unwrap();
        assert_eq!(service_of(&url, Some("flag")), "query");
        let url = Url::parse("grpc://h:1").unwrap();
        assert_eq!(service_of(&url, Some("flag")), "flag");
        assert_eq!(service_of(&url, None), "");
    }
}
