//! Redaction of secrets in everything healthprobe prints.
//!
//! Operators paste tokens into command lines and CI logs are public, so every place that shows a
//! URL or a header goes through here: URL passwords (and bare user tokens), sensitive query
//! parameters and credential-bearing headers are replaced by `***` before they reach any output.

use reqwest::Url;

const MASK: &str = "***";

/// Query parameters whose values are credentials often enough that they are always masked.
const SENSITIVE_QUERY_KEYS: &[&str] = &[
    "access_token",
    "api_key",
    "apikey",
    "auth",
    "key",
    "password",
    "secret",
    "sig",
    "signature",
    "token",
];

/// The URL as it may be shown: `https://user:***@host/path?token=***`.
pub fn url(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some(MASK));
    } else if !shown.username().is_empty() {
        // A lone user part is usually a token (https://TOKEN@host).
        let _ = shown.set_username(MASK);
    }
    if shown.query().is_some() {
        let pairs: Vec<(String, String)> = shown
            .query_pairs()
            .map(|(k, v)| {
                let masked = is_sensitive_query_key(&k);
                (
                    k.into_owned(),
                    if masked {
                        MASK.to_string()
                    } else {
                        v.into_owned()
                    },
                )
            })
            .collect();
        shown.query_pairs_mut().clear().extend_pairs(pairs);
    }
    shown.to_string().replace("%2A%2A%2A", MASK)
}

fn is_sensitive_query_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SENSITIVE_QUERY_KEYS
        .iter()
        .any(|s| key == *s || key.ends_with(&format!("_{s}")) || key.ends_with(&format!("-{s}")))
}

/// True for headers that carry credentials or session state.
pub fn is_sensitive_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie"
    ) || [
        "token", "secret", "api-key", "apikey", "password", "session",
    ]
    .iter()
    .any(|word| name.contains(word))
}

/// A header value as it may be shown: sensitive values keep only their auth scheme
/// (`Bearer ***`), so the reader still learns which kind of credential was sent.
pub fn header_value(name: &str, value: &str) -> String {
    if !is_sensitive_header(name) {
        return value.to_string();
    }
    match value.split_once(' ') {
        Some((scheme, _))
            if name.eq_ignore_ascii_case("authorization")
                || name.eq_ignore_ascii_case("proxy-authorization") =>
        {
            format!("{scheme} {MASK}")
        }
        _ => MASK.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn url_passwords_are_masked_and_users_kept() {
        let shown = url(&u("https://admin:hunter2@example.test/health"));
        assert_eq!(shown, "https://admin:***@example.test/health");
    }

    #[test]
    fn lone_user_tokens_are_masked() {
        let shown = url(&u("https://ghp_abc123@example.test/health"));
        assert!(!shown.contains("ghp_abc123"), "{shown}");
        assert!(shown.starts_with("https://***@example.test"), "{shown}");
    }

    #[test]
    fn sensitive_query_parameters_are_masked_and_others_kept() {
        let shown = url(&u(
            "http://h.test/health?verbose=1&token=s3cr3t&x_api_key=k&access_token=t",
        ));
        assert!(!shown.contains("s3cr3t") && !shown.contains("=k&") && !shown.contains("=t"));
        assert!(
            shown.contains("verbose=1") && shown.contains("token=***"),
            "{shown}"
        );
    }

    #[test]
    fn plain_urls_are_unchanged() {
        assert_eq!(
            url(&u("http://127.0.0.1:8080/healthz")),
            "http://127.0.0.1:8080/healthz"
        );
    }

    #[test]
    fn credential_headers_keep_only_their_scheme() {
        assert_eq!(
            header_value("Authorization", "Bearer abc.def"),
            "Bearer ***"
        );
        assert_eq!(
            header_value("authorization", "Basic dXNlcjpwdw=="),
            "Basic ***"
        );
        assert_eq!(header_value("Cookie", "sid=1"), "***");
        assert_eq!(header_value("X-Auth-Token", "t0k3n"), "***");
        assert_eq!(header_value("X-Api-Key", "k"), "***");
        assert_eq!(
            header_value("Content-Type", "application/json"),
            "application/json"
        );
    }
}
