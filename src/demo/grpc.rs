//! The demo's gRPC endpoint: the gRPC Health Checking Protocol v1 over HTTP/2 without TLS, on
//! the demo's own port (a connection that opens with the HTTP/2 preface is handed here). The
//! server is serving; of its two services, `orders` is SERVING and `payments` NOT_SERVING, so
//! that `List` shows a failing service the way a real server would.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use http_body_util::BodyExt;
use hyper::body::{Body, Bytes, Frame, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use hyper::{Request, Response};
use tokio::net::TcpStream;

use crate::grpc::{HealthCheckRequest, HealthCheckResponse, HealthListResponse, ServingStatus};

/// The services the demo's server reports, and their states (`""` is the whole server).
const SERVICES: &[(&str, ServingStatus)] = &[
    ("", ServingStatus::Serving),
    ("orders", ServingStatus::Serving),
    ("payments", ServingStatus::NotServing),
];

/// Serves one HTTP/2 connection.
pub async fn serve(stream: TcpStream) {
    let io = hyper_util::rt::TokioIo::new(stream);
    let service = hyper::service::service_fn(answer);
    let _ = hyper::server::conn::http2::Builder::new(hyper_util::rt::TokioExecutor::new())
        .max_concurrent_streams(16)
        .serve_connection(io, service)
        .await;
}

async fn answer(request: Request<Incoming>) -> Result<Response<Unary>, Infallible> {
    let path = request.uri().path().to_string();
    let Some(method) = path
        .strip_prefix('/')
        .and_then(|p| p.strip_prefix(crate::grpc::SERVICE))
        .and_then(|p| p.strip_prefix('/'))
    else {
        return Ok(status_only(12, "unknown service"));
    };
    let method = method.to_string();
    // A unary request is small: read at most 4 KiB of it.
    let body = match http_body_util::Limited::new(request.into_body(), 4096)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(status_only(3, "request too large")),
    };
    let message = match method.as_str() {
        "List" => {
            let statuses: BTreeMap<String, HealthCheckResponse> = SERVICES
                .iter()
                .map(|(name, status)| {
                    let status = *status as i32;
                    (name.to_string(), HealthCheckResponse { status })
                })
                .collect();
            crate::grpc::frame(&HealthListResponse { statuses })
        }
        "Check" => {
            let asked = crate::grpc::unframe(&body)
                .ok()
                .and_then(|m| <HealthCheckRequest as prost::Message>::decode(m).ok());
            let Some(asked) = asked else {
                return Ok(status_only(3, "not a HealthCheckRequest"));
            };
            match SERVICES.iter().find(|(name, _)| *name == asked.service) {
                Some((_, status)) => crate::grpc::frame(&HealthCheckResponse {
                    status: *status as i32,
                }),
                None => return Ok(status_only(5, "unknown service")),
            }
        }
        _ => return Ok(status_only(12, "method not implemented")),
    };
    Ok(grpc_response(Unary {
        message: Some(Bytes::from(message)),
        trailers: Some(trailers(0, "")),
    }))
}

/// A gRPC answer with no message: the status in the trailers.
fn status_only(code: u32, message: &'static str) -> Response<Unary> {
    grpc_response(Unary {
        message: None,
        trailers: Some(trailers(code, message)),
    })
}

fn grpc_response(body: Unary) -> Response<Unary> {
    let mut response = Response::new(body);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/grpc"));
    response
}

fn trailers(code: u32, message: &'static str) -> HeaderMap {
    let mut trailers = HeaderMap::new();
    trailers.insert("grpc-status", HeaderValue::from(code));
    if !message.is_empty() {
        trailers.insert("grpc-message", HeaderValue::from_static(message));
    }
    trailers
}

/// A unary gRPC body: one message, then the trailers that carry the status.
pub struct Unary {
    message: Option<Bytes>,
    trailers: Option<HeaderMap>,
}

impl Body for Unary {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if let Some(message) = self.message.take() {
            return Poll::Ready(Some(Ok(Frame::data(message))));
        }
        Poll::Ready(self.trailers.take().map(|t| Ok(Frame::trailers(t))))
    }

    fn is_end_stream(&self) -> bool {
        self.message.is_none() && self.trailers.is_none()
    }
}
