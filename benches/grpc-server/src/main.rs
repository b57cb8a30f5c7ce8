//! `grpc-server [PORT]`: tonic's health service (`grpc.health.v1.Health`, the whole server
//! SERVING) and `GET /healthz/ready` answering `{"status":"UP"}`, both over h2c on 127.0.0.1.
//! Prints the port on one line, then serves until killed.

use std::convert::Infallible;
use std::future::{Ready, ready};
use std::task::{Context, Poll};

use tonic::body::Body;
use tonic::server::NamedService;
use tonic::transport::Server;

/// `GET /healthz/...`: tonic routes `/{NAME}/*` to a named service, so this one is `healthz`.
#[derive(Clone)]
struct Healthz;

impl NamedService for Healthz {
    const NAME: &'static str = "healthz";
}

impl tower_service::Service<http::Request<Body>> for Healthz {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<Body>) -> Self::Future {
        let response = http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(Body::new(String::from(r#"{"status":"UP"}"#)))
            .expect("a valid response");
        ready(Ok(response))
    }
}

#[tokio::main]
async fn main() {
    let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    println!("{}", listener.local_addr().unwrap().port());
    let (_reporter, health) = tonic_health::server::health_reporter();
    // Small answers go out at once (no Nagle delay waiting for the client's ACK).
    let incoming = tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true));
    Server::builder()
        .add_service(health)
        .add_service(Healthz)
        .serve_with_incoming(incoming)
        .await
        .unwrap();
}
