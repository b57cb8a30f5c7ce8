//! The errors that mean healthprobe itself cannot do what it was asked: a failing service is a
//! result, never one of these.

use std::fmt;

/// A mistake in what the user asked for; printed as one line, exit 3 (UNKNOWN).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
