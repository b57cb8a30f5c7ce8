//! Who may use `serve`: with `--web-user` or `--web-bearer-token-file`, every request must carry
//! those credentials (basic or bearer `Authorization`), or it gets 401. Comparisons take the same
//! time whatever the bytes, so a guess cannot be timed.

use crate::redact::Secret;

/// What the listener requires of every request.
#[derive(Debug, Clone, Default)]
pub enum Required {
    #[default]
    Nothing,
    Basic {
        user: String,
        password: Secret,
    },
    Bearer(Secret),
}

impl Required {
    /// Whether a request with this `Authorization` header value (if any) may pass.
    pub fn admits(&self, authorization: Option<&[u8]>) -> bool {
        let given = authorization.unwrap_or_default();
        match self {
            Required::Nothing => true,
            Required::Bearer(token) => {
                let expected = format!("Bearer {}", token.expose());
                same(given, expected.as_bytes())
            }
            Required::Basic { user, password } => {
                let credentials = format!("{user}:{}", password.expose());
                let expected = format!("Basic {}", crate::redact::base64(credentials.as_bytes()));
                same(given, expected.as_bytes())
            }
        }
    }

    /// The `WWW-Authenticate` challenge of a 401.
    pub fn challenge(&self) -> Option<&'static str> {
        match self {
            Required::Nothing => None,
            Required::Basic { .. } => Some("Basic realm=\"healthprobe\""),
            Required::Bearer(_) => Some("Bearer realm=\"healthprobe\""),
        }
    }

    /// The secrets to keep out of every output.
    pub fn secrets(&self) -> Vec<Secret> {
        match self {
            Required::Nothing => Vec::new(),
            Required::Basic { user, password } => vec![
                password.clone(),
                Secret::new(crate::redact::base64(
                    format!("{user}:{}", password.expose()).as_bytes(),
                )),
            ],
            Required::Bearer(token) => vec![token.clone()],
        }
    }
}

/// Equal bytes, compared in time that depends only on the lengths.
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut difference = u8::from(a.len() != b.len());
    for (x, y) in a.iter().zip(b.iter().cycle()) {
        difference |= x ^ y;
    }
    difference == 0 && !b.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_right_credentials_pass() {
        let basic = Required::Basic {
            user: "prom".into(),
            password: Secret::new("s3cret"),
        };
        assert!(basic.admits(Some(b"Basic cHJvbTpzM2NyZXQ=")));
        assert!(!basic.admits(Some(b"Basic cHJvbTpzM2NyZXU=")));
        assert!(!basic.admits(None));
        assert!(!basic.admits(Some(b"")));
        let bearer = Required::Bearer(Secret::new("tok"));
        assert!(bearer.admits(Some(b"Bearer tok")));
        assert!(!bearer.admits(Some(b"Bearer to")));
        assert!(!bearer.admits(Some(b"Bearer tokk")));
        assert!(Required::Nothing.admits(None));
    }
}
