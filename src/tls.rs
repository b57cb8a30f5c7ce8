//! The rustls configuration of a client: which roots are trusted, the oldest version accepted,
//! a client certificate for mutual TLS, and `--insecure`.
//!
//! Trust is layered so that start-up pays only for what a run needs: the compiled-in web PKI
//! roots (plus `--cacert`) are always there, so HTTPS works in images without a CA bundle; the
//! system's certificate store (for corporate CAs) is read only the first time a server's
//! certificate is not signed by one of those roots, and never for plain-http runs.

use std::sync::{Arc, OnceLock};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::request::{ClientIdentity, ClientSettings, KeyKind, TlsVersion};

/// Which application protocols a client offers in the handshake (ALPN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alpn {
    /// HTTP/2 or HTTP/1.1, whichever the server prefers.
    Http,
    /// HTTP/2 only: gRPC, and `--http2-prior-knowledge`.
    Http2,
    /// None: a bare `tls://` connection, whose protocol is not HTTP.
    None,
}

/// The rustls configuration for a client with these settings. `needs_tls` is false when none
/// of the client's targets uses TLS: then no root store is built at all.
pub fn client_config(
    settings: &ClientSettings,
    needs_tls: bool,
    alpn: Alpn,
) -> anyhow::Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let versions: &[&rustls::SupportedProtocolVersion] = match settings.tls_min {
        TlsVersion::Tls12 => &[&rustls::version::TLS13, &rustls::version::TLS12],
        TlsVersion::Tls13 => &[&rustls::version::TLS13],
    };
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(versions)?;
    let builder = if !needs_tls {
        // No target of this client uses TLS: nothing to trust, and no root store to build.
        builder.with_root_certificates(RootCertStore::empty())
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(verifier(settings, provider)?)
    };
    let mut config = match &settings.identity {
        Some(identity) => builder
            .with_client_auth_cert(identity.chain.clone(), private_key(identity))
            .map_err(|e| anyhow::anyhow!("the --cert/--key pair cannot be used: {e}"))?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = match alpn {
        Alpn::Http => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
        Alpn::Http2 => vec![b"h2".to_vec()],
        Alpn::None => Vec::new(),
    };
    Ok(config)
}

/// How a server's certificate is checked: against the compiled-in roots, `--cacert` and (on
/// an unknown issuer) the system's store; not at all with `--insecure`; and against
/// `--tls-server-name` instead of the host when one is given.
fn verifier(
    settings: &ClientSettings,
    provider: Arc<CryptoProvider>,
) -> anyhow::Result<Arc<dyn ServerCertVerifier>> {
    let verifier: Arc<dyn ServerCertVerifier> = if settings.insecure {
        Arc::new(AcceptAnyCertificate {
            provider: provider.clone(),
        })
    } else {
        let mut roots = RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for certificate in &settings.extra_roots {
            roots.add(certificate.clone()).map_err(|e| {
                anyhow::anyhow!("a --cacert certificate cannot be used as a trust anchor: {e}")
            })?;
        }
        let roots = Arc::new(roots);
        let primary =
            WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone()).build()?;
        if settings.system_certs {
            Arc::new(WithSystemRoots {
                primary,
                roots,
                provider: provider.clone(),
                system: OnceLock::new(),
            })
        } else {
            primary
        }
    };
    Ok(match &settings.tls_server_name {
        Some(name) => Arc::new(CheckedAs {
            name: ServerName::try_from(name.clone())
                .map_err(|e| anyhow::anyhow!("--tls-server-name {name}: {e}"))?,
            inner: verifier,
        }),
        None => verifier,
    })
}

/// The rustls name a server is checked against: `--tls-server-name` when given, else the host.
pub fn server_name(settings: &ClientSettings, host: &str) -> Result<ServerName<'static>, String> {
    let name = settings.tls_server_name.as_deref().unwrap_or(host);
    let name = name.trim_start_matches('[').trim_end_matches(']');
    ServerName::try_from(name.to_string())
        .map_err(|e| format!("'{name}' is not a valid TLS server name ({e})"))
}

/// `--tls-server-name`: the certificate is checked against this name, whatever name or address
/// the connection was made to.
#[derive(Debug)]
struct CheckedAs {
    name: ServerName<'static>,
    inner: Arc<dyn ServerCertVerifier>,
}

impl ServerCertVerifier for CheckedAs {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.inner
            .verify_server_cert(end_entity, intermediates, &self.name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

fn private_key(identity: &ClientIdentity) -> PrivateKeyDer<'static> {
    let der = identity.key.clone();
    match identity.key_kind {
        KeyKind::Pkcs8 => PrivateKeyDer::Pkcs8(der.into()),
        KeyKind::Pkcs1 => PrivateKeyDer::Pkcs1(der.into()),
        KeyKind::Sec1 => PrivateKeyDer::Sec1(der.into()),
    }
}

/// Verifies against the compiled-in roots and `--cacert`; on an unknown issuer, against the
/// system's store too, which is read once, the first time it is needed.
#[derive(Debug)]
struct WithSystemRoots {
    primary: Arc<WebPkiServerVerifier>,
    roots: Arc<RootCertStore>,
    provider: Arc<CryptoProvider>,
    /// `None` once read when the system has no usable certificates.
    system: OnceLock<Option<Arc<WebPkiServerVerifier>>>,
}

impl WithSystemRoots {
    fn system(&self) -> Option<&Arc<WebPkiServerVerifier>> {
        self.system
            .get_or_init(|| {
                let found = rustls_native_certs::load_native_certs();
                if found.certs.is_empty() {
                    return None;
                }
                let mut roots = (*self.roots).clone();
                let (_added, _ignored) = roots.add_parsable_certificates(found.certs);
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), self.provider.clone())
                    .build()
                    .ok()
            })
            .as_ref()
    }
}

impl ServerCertVerifier for WithSystemRoots {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let first = self.primary.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        match first {
            Err(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)) => {
                match self.system() {
                    Some(system) => system.verify_server_cert(
                        end_entity,
                        intermediates,
                        server_name,
                        ocsp_response,
                        now,
                    ),
                    None => first,
                }
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.primary.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.primary.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.primary.supported_verify_schemes()
    }
}

/// `--insecure`: any certificate is accepted, but the handshake's signatures are still checked,
/// so the connection is at least with the holder of the certificate it showed.
#[derive(Debug)]
struct AcceptAnyCertificate {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
