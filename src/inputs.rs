//! Reading the files a user names (config, tokens, request bodies, header files, CA bundles,
//! client certificates and keys): each with a size cap suited to its kind, and never a hang.
//!
//! A regular file is checked against its cap before it is read. Anything else (a pipe, as
//! `--config <(generate)` gives; a device such as `/dev/zero`; a FIFO nobody writes to) is read
//! on a thread of its own, at most one byte past the cap, and waited for only until the run's
//! deadline or [`SPECIAL_FILE_WAIT`]: a FIFO with no writer would otherwise block `open` for
//! ever, and a device would never end.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::UsageError;
use crate::units::{format_duration, format_size};

/// What a file is for, which decides how large it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `--config`: 100,000 targets fit in a few MB.
    Config,
    /// `--bearer-token-file`, `--web-bearer-token-file`: a token, not a document.
    Token,
    /// `--data @FILE`: a request body.
    Data,
    /// `-H @FILE`: header lines.
    Headers,
    /// `--cacert`: a CA bundle (the web PKI's is about 200 KB).
    CaBundle,
    /// `--cert`, `--key`, `--web-tls-cert`, `--web-tls-key`: a chain or a key.
    Credential,
}

impl Kind {
    /// The most bytes a file of this kind may hold.
    pub fn cap(self) -> u64 {
        match self {
            Kind::Config => 32 << 20,
            Kind::Token => 64 << 10,
            Kind::Data => 16 << 20,
            Kind::Headers => 1 << 20,
            Kind::CaBundle => 8 << 20,
            Kind::Credential => 1 << 20,
        }
    }
}

/// How long a pipe or device may take to give its content when no deadline is set.
pub const SPECIAL_FILE_WAIT: Duration = Duration::from_secs(10);

/// When the process started: `--deadline` counts from here, reading inputs included.
static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
/// The run's deadline, once the command line has given it.
static DEADLINE: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Notes the process start; the first call wins. `main` calls it before anything else.
pub fn mark_start() -> Instant {
    *STARTED.get_or_init(Instant::now)
}

/// Sets the run's deadline, `limit` after the process started.
pub fn set_deadline(limit: Duration) -> Instant {
    let until = mark_start() + limit;
    *DEADLINE.get_or_init(|| until)
}

/// The run's deadline, when one is set.
pub fn deadline() -> Option<Instant> {
    DEADLINE.get().copied()
}

/// Reads `path` for `flag` (named in messages), bounded by its kind's cap and, for anything but
/// a regular file, by the run's deadline or [`SPECIAL_FILE_WAIT`].
pub fn read(path: &Path, flag: &str, kind: Kind) -> Result<Vec<u8>, UsageError> {
    let until = deadline();
    let shown = path.display();
    let cap = kind.cap();
    let too_large = || {
        UsageError(format!(
            "{flag} {shown} is larger than {}, the most a {flag} file may hold",
            format_size(cap)
        ))
    };
    let meta = std::fs::metadata(path)
        .map_err(|e| UsageError(format!("cannot read {flag} {shown}: {e}")))?;
    if meta.is_dir() {
        return Err(UsageError(format!(
            "{flag} {shown} is a directory, not a file"
        )));
    }
    if meta.is_file() {
        if meta.len() > cap {
            return Err(too_large());
        }
        let data = read_capped(path, cap)
            .map_err(|e| UsageError(format!("cannot read {flag} {shown}: {e}")))?;
        return if data.len() as u64 > cap {
            Err(too_large())
        } else {
            Ok(data)
        };
    }
    // A pipe or a device: on a thread, so that a FIFO without a writer cannot hold the run.
    let (sender, receiver) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = sender.send(read_capped(&owned, cap));
    });
    let wait = until.map_or(SPECIAL_FILE_WAIT, |until| {
        until.saturating_duration_since(Instant::now())
    });
    match receiver.recv_timeout(wait) {
        Ok(Ok(data)) if data.len() as u64 > cap => Err(too_large()),
        Ok(Ok(data)) => Ok(data),
        Ok(Err(e)) => Err(UsageError(format!("cannot read {flag} {shown}: {e}"))),
        Err(_) => Err(UsageError(format!(
            "{flag} {shown} gave no end of file within {} (a pipe nobody writes to, or a \
             device?); name a regular file",
            format_duration(wait)
        ))),
    }
}

/// At most `cap + 1` bytes of `path`: one past the cap tells "too large" from "just fits".
fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    std::fs::File::open(path)?
        .take(cap + 1)
        .read_to_end(&mut data)?;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("hp-inputs-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_file_within_its_cap_is_read_whole() {
        let path = temp("token", b"abc\n");
        assert_eq!(
            read(&path, "--bearer-token-file", Kind::Token).unwrap(),
            b"abc\n"
        );
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_file_over_its_cap_is_refused_naming_the_cap() {
        let path = temp("big", &vec![b'x'; (Kind::Token.cap() + 1) as usize]);
        let err = read(&path, "--bearer-token-file", Kind::Token).unwrap_err();
        assert!(err.0.contains("larger than 64 KiB"), "{}", err.0);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_directory_is_refused() {
        let err = read(&std::env::temp_dir(), "--config", Kind::Config).unwrap_err();
        assert!(err.0.contains("is a directory"), "{}", err.0);
    }

    #[test]
    fn an_endless_device_stops_at_the_cap() {
        let started = Instant::now();
        let err = read(Path::new("/dev/zero"), "--data @FILE", Kind::Token).unwrap_err();
        assert!(err.0.contains("larger than"), "{}", err.0);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
