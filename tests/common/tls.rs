//! HTTPS for tests: a private CA and a server certificate generated at test time (with any
//! validity period, including expired), the CA written to a PEM file for `--cacert`, and a
//! rustls server on 127.0.0.1 that answers like the plain harness does.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, date_time_ymd};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

const DAY: u64 = 86_400;

/// A CA, a server certificate it signed, a client certificate it signed (for mutual TLS), and
/// PEM files for the CA and the client certificate and key (removed on drop).
pub struct Pki {
    pub ca_file: PathBuf,
    pub client_cert_file: PathBuf,
    pub client_key_file: PathBuf,
    /// The server's chain (leaf first) and key, for a server that reads PEM files.
    pub server_cert_file: PathBuf,
    pub server_key_file: PathBuf,
    ca: CertificateDer<'static>,
    chain: Vec<CertificateDer<'static>>,
    key: PrivatePkcs8KeyDer<'static>,
}

impl Drop for Pki {
    fn drop(&mut self) {
        for file in [
            &self.ca_file,
            &self.client_cert_file,
            &self.client_key_file,
            &self.server_cert_file,
            &self.server_key_file,
        ] {
            let _ = std::fs::remove_file(file);
        }
    }
}

/// How a [`TlsServer`] differs from a plain one.
#[derive(Debug, Clone, Copy, Default)]
pub struct TlsOptions {
    /// Refuse clients that do not present a certificate signed by the test CA.
    pub require_client_cert: bool,
    /// Speak TLS 1.2 only.
    pub tls12_only: bool,
}

/// The time since the Unix epoch of the moment `days` from now (negative for the past).
fn days_from_now(days: f64) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    Duration::from_secs_f64((now + days * DAY as f64).max(0.0))
}

impl Pki {
    /// A server certificate for `names` valid from 30 days ago until `days_left` from now.
    pub fn new(names: &[&str], days_left: f64) -> Pki {
        let epoch = date_time_ymd(1970, 1, 1);
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "healthprobe test CA");
        ca_params.not_before = epoch + days_from_now(-60.0);
        ca_params.not_after = epoch + days_from_now(3650.0);
        let ca_key = KeyPair::generate().unwrap();
        let ca_cert = ca_params.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca_params, ca_key);

        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut leaf_params = CertificateParams::new(names).unwrap();
        leaf_params.not_before = epoch + days_from_now(-30.0);
        leaf_params.not_after = epoch + days_from_now(days_left);
        let leaf_key = KeyPair::generate().unwrap();
        let leaf_cert = leaf_params.signed_by(&leaf_key, &issuer).unwrap();

        let mut client_params =
            CertificateParams::new(vec!["healthprobe-client".to_string()]).unwrap();
        client_params
            .distinguished_name
            .push(DnType::CommonName, "healthprobe test client");
        client_params.not_before = epoch + days_from_now(-1.0);
        client_params.not_after = epoch + days_from_now(30.0);
        let client_key = KeyPair::generate().unwrap();
        let client_cert = client_params.signed_by(&client_key, &issuer).unwrap();

        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let file = |what: &str| {
            std::env::temp_dir().join(format!(
                "healthprobe-test-{what}-{}-{n}.pem",
                std::process::id()
            ))
        };
        let (ca_file, client_cert_file, client_key_file) =
            (file("ca"), file("client-cert"), file("client-key"));
        let (server_cert_file, server_key_file) = (file("server-cert"), file("server-key"));
        std::fs::write(&ca_file, ca_cert.pem()).unwrap();
        std::fs::write(&client_cert_file, client_cert.pem()).unwrap();
        std::fs::write(&client_key_file, client_key.serialize_pem()).unwrap();
        std::fs::write(
            &server_cert_file,
            format!("{}{}", leaf_cert.pem(), ca_cert.pem()),
        )
        .unwrap();
        std::fs::write(&server_key_file, leaf_key.serialize_pem()).unwrap();
        Pki {
            ca_file,
            client_cert_file,
            client_key_file,
            server_cert_file,
            server_key_file,
            ca: ca_cert.der().clone(),
            chain: vec![leaf_cert.der().clone(), ca_cert.der().clone()],
            key: PrivatePkcs8KeyDer::from(leaf_key.serialize_der()),
        }
    }

    /// A server configuration with this certificate that offers these ALPN protocols.
    pub fn server_config(&self, alpn: &[&[u8]]) -> rustls::ServerConfig {
        let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            self.chain.clone(),
            PrivateKeyDer::Pkcs8(self.key.clone_key()),
        )
        .unwrap();
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        config
    }

    pub fn ca_path(&self) -> &Path {
        &self.ca_file
    }
}

/// An HTTPS server on 127.0.0.1 that answers every request with `status` and `body`.
pub struct TlsServer {
    addr: SocketAddr,
}

impl TlsServer {
    pub fn start(pki: &Pki, status: u16, body: &'static str) -> TlsServer {
        TlsServer::start_with(pki, TlsOptions::default(), status, body)
    }

    pub fn start_with(
        pki: &Pki,
        options: TlsOptions,
        status: u16,
        body: &'static str,
    ) -> TlsServer {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let versions: &[&rustls::SupportedProtocolVersion] = if options.tls12_only {
            &[&rustls::version::TLS12]
        } else {
            &[&rustls::version::TLS13, &rustls::version::TLS12]
        };
        let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(versions)
            .unwrap();
        let builder = if options.require_client_cert {
            let mut roots = rustls::RootCertStore::empty();
            roots.add(pki.ca.clone()).unwrap();
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider,
            )
            .build()
            .unwrap();
            builder.with_client_cert_verifier(verifier)
        } else {
            builder.with_no_client_auth()
        };
        let config = builder
            .with_single_cert(pki.chain.clone(), PrivateKeyDer::Pkcs8(pki.key.clone_key()))
            .unwrap();
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(tcp) = stream else { return };
                let config = config.clone();
                thread::spawn(move || {
                    let _ = tcp.set_read_timeout(Some(Duration::from_secs(10)));
                    let Ok(connection) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let mut tls = rustls::StreamOwned::new(connection, tcp);
                    let mut head = Vec::new();
                    let mut buffer = [0u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match tls.read(&mut buffer) {
                            Ok(0) | Err(_) => return, // e.g. the client rejected our certificate
                            Ok(n) => head.extend_from_slice(&buffer[..n]),
                        }
                    }
                    let response = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = tls.write_all(response.as_bytes());
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                });
            }
        });
        TlsServer { addr }
    }

    pub fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{path}", self.addr.port())
    }

    /// `127.0.0.1:PORT`, for tls:// URLs.
    pub fn authority(&self) -> String {
        format!("127.0.0.1:{}", self.addr.port())
    }
}
