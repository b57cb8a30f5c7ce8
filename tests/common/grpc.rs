//! Real gRPC health servers for tests, on 127.0.0.1 ephemeral ports:
//!
//! * tonic's own health service (`tonic-health`), in a thread of the test process, with any
//!   serving states, plain or TLS (with a private CA made at test time) or mutual TLS. It
//!   implements `Check` and `Watch` but not `List`: a real server that lacks `List`.
//! * grpcio's health servicer (Python's `grpcio-health-checking`, on gRPC's C core), in a
//!   child process (`tests/fixtures/grpc_health_server.py`). Its generated service declares
//!   `List`; the fixture answers it from the servicer's own status map.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;

use tonic::transport::{Certificate, Identity, Server, ServerTlsConfig};
use tonic_health::ServingStatus;

use super::tls::Pki;

/// How a tonic health server is set up.
#[derive(Default)]
pub struct Setup<'a> {
    /// The whole server's state (`""`); SERVING when not given.
    pub server: Option<ServingStatus>,
    /// Named services and their states.
    pub services: &'a [(&'a str, ServingStatus)],
    /// Serve TLS with this PKI's server certificate.
    pub tls: Option<&'a Pki>,
    /// With `tls`: require a client certificate signed by the PKI's CA.
    pub mutual: bool,
}

/// A running tonic health server; stopped on drop.
pub struct TonicHealth {
    pub port: u16,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl TonicHealth {
    pub fn start(setup: Setup<'_>) -> TonicHealth {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let tls = setup.tls.map(|pki| {
            let cert = std::fs::read(&pki.server_cert_file).unwrap();
            let key = std::fs::read(&pki.server_key_file).unwrap();
            let mut config = ServerTlsConfig::new().identity(Identity::from_pem(cert, key));
            if setup.mutual {
                let ca = std::fs::read(&pki.ca_file).unwrap();
                config = config.client_ca_root(Certificate::from_pem(ca));
            }
            config
        });
        let server = setup.server;
        let services: Vec<(String, ServingStatus)> = setup
            .services
            .iter()
            .map(|(name, status)| (name.to_string(), *status))
            .collect();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, is_ready) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let (reporter, service) = tonic_health::server::health_reporter();
                if let Some(status) = server {
                    reporter.set_service_status("", status).await;
                }
                for (name, status) in services {
                    reporter.set_service_status(name, status).await;
                }
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
                let mut builder = Server::builder();
                if let Some(tls) = tls {
                    builder = builder.tls_config(tls).unwrap();
                }
                ready.send(()).unwrap();
                builder
                    .add_service(service)
                    .serve_with_incoming_shutdown(incoming, async {
                        let _ = stopped.await;
                    })
                    .await
                    .unwrap();
            });
        });
        is_ready.recv().unwrap();
        TonicHealth {
            port,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn url(&self, scheme: &str) -> String {
        format!("{scheme}://127.0.0.1:{}", self.port)
    }
}

impl Drop for TonicHealth {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A running grpcio health server (Python, gRPC's C core) that answers `List`; killed on drop.
pub struct GrpcioHealth {
    pub port: u16,
    child: Child,
}

impl GrpcioHealth {
    /// `statuses` are `SERVICE=STATE` pairs; `=STATE` sets the whole server's.
    pub fn start(statuses: &[&str]) -> GrpcioHealth {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/grpc_health_server.py"
        );
        let mut child = Command::new("python3")
            .arg(script)
            .args(statuses)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .env_remove("http_proxy")
            .env_remove("https_proxy")
            .env_remove("grpc_proxy")
            .spawn()
            .expect("python3 runs the grpcio health server (tests/fixtures)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().unwrap_or_else(|_| {
            let _ = child.kill();
            panic!(
                "the grpcio health server did not start (is grpcio-health-checking installed? \
                 .ci/run installs it): {line:?}"
            )
        });
        GrpcioHealth { port, child }
    }

    pub fn url(&self) -> String {
        format!("grpc://127.0.0.1:{}", self.port)
    }
}

impl Drop for GrpcioHealth {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
