//! Reading the files options name (`--cacert`, `--cert`, `-H @FILE`, tokens), each once.

use crate::error::UsageError;
use crate::inputs::Kind;
use crate::redact::Secret;

/// A secret kept in a file (a token): its text, trimmed; an empty file is a mistake.
pub fn read_secret_file(path: &std::path::Path, flag: &str) -> Result<Secret, UsageError> {
    let token = Files::default()
        .text(path, flag, Kind::Token)?
        .trim()
        .to_string();
    if token.is_empty() {
        return Err(UsageError(format!("{flag} {} is empty", path.display())));
    }
    Ok(Secret::new(token))
}

/// Files named by options (`--cacert`, `--cert`, `-H @FILE`, ...), each read once however many
/// targets name it.
#[derive(Default)]
pub(super) struct Files {
    read: Vec<(std::path::PathBuf, Vec<u8>)>,
}

impl Files {
    pub(super) fn bytes(
        &mut self,
        path: &std::path::Path,
        flag: &str,
        kind: Kind,
    ) -> Result<Vec<u8>, UsageError> {
        if let Some((_, data)) = self.read.iter().find(|(p, _)| p == path) {
            return Ok(data.clone());
        }
        let data = crate::inputs::read(path, flag, kind)?;
        self.read.push((path.to_path_buf(), data.clone()));
        Ok(data)
    }

    pub(super) fn text(
        &mut self,
        path: &std::path::Path,
        flag: &str,
        kind: Kind,
    ) -> Result<String, UsageError> {
        let data = self.bytes(path, flag, kind)?;
        String::from_utf8(data)
            .map_err(|_| UsageError(format!("{flag} {} is not UTF-8 text", path.display())))
    }

    /// Every certificate in a PEM file. A file without any is a mistake worth stopping for,
    /// not an empty trust list.
    pub(super) fn certificates(
        &mut self,
        path: &std::path::Path,
        flag: &str,
    ) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, UsageError> {
        use rustls::pki_types::pem::PemObject;
        let kind = if flag == "--cacert" {
            Kind::CaBundle
        } else {
            Kind::Credential
        };
        let data = self.bytes(path, flag, kind)?;
        let shown = path.display();
        let certificates = rustls::pki_types::CertificateDer::pem_slice_iter(&data)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| UsageError(format!("{flag} {shown} is not a valid PEM file: {e}")))?;
        if certificates.is_empty() {
            return Err(UsageError(format!(
                "{flag} {shown} holds no PEM certificate"
            )));
        }
        Ok(certificates)
    }
}
