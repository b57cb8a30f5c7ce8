//! What `serve` reads from a request before it probes anything: the `/probe` query, the target
//! URL in it, the allow-list it is checked against (its rules come from the config), and the
//! `Authorization` header. Any input gives an answer without panicking; a refused URL's reason
//! is one line, and the URL as shown never carries its password.
//!
//! `serve` reads the query in a private function over hyper's request type, which cannot be
//! made outside a connection, so the first-of-each-name loop of `parameters` (src/serve/mod.rs)
//! is repeated here over the same decoder; the target URL is read by the real
//! `parse_target_url`, taken out of src/plan/settings.rs by build.rs.
//!
//! Input: lines; the first is the query string, the second the `Authorization` header, the
//! third a bearer token and the rest allow-list rules.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/allow.rs"]
mod allow;
#[allow(dead_code, unused_imports)]
#[path = "../../src/serve/auth.rs"]
mod auth;
#[allow(dead_code, unused_imports)]
#[path = "../../src/error.rs"]
mod error;
#[allow(dead_code, unused_imports)]
#[path = "../../src/redact.rs"]
mod redact;
#[allow(dead_code, unused_imports)]
#[path = "../../src/text.rs"]
mod text;

/// `parse_target_url` and what it uses, as src/plan/settings.rs has them.
#[allow(dead_code)]
mod target_url {
    use crate::error::UsageError;
    use reqwest::Url;
    include!(concat!(env!("OUT_DIR"), "/target_url.rs"));
}

/// The query's parameters, first of each name (as `serve`'s `parameters`).
fn parameters(query: &str) -> Vec<(String, String)> {
    let mut seen: Vec<(String, String)> = Vec::new();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if !seen.iter().any(|(n, _)| *n == name) {
            seen.push((name.into_owned(), value.into_owned()));
        }
    }
    seen
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let query = lines.next().unwrap_or("");
    let authorization = lines.next().unwrap_or("");
    let token = lines.next().unwrap_or("");
    let rules: Vec<String> = lines.map(str::to_string).collect();

    let bearer = auth::Required::Bearer(redact::Secret::new(token));
    assert!(bearer.admits(Some(format!("Bearer {token}").as_bytes())));
    let _ = bearer.admits(Some(authorization.as_bytes()));
    let basic = auth::Required::Basic {
        user: token.to_string(),
        password: redact::Secret::new(authorization),
    };
    let _ = basic.admits(Some(authorization.as_bytes()));

    let allow = allow::AllowList::new(&rules, Vec::new(), false);
    if let Err(err) = &allow {
        assert!(!err.contains(['\n', '\r']), "{err:?}");
    }
    let parameters = parameters(query);
    let Some((_, target)) = parameters.iter().find(|(name, _)| name == "target") else {
        return;
    };
    match target_url::parse_target_url(target) {
        Ok(url) => {
            let shown = redact::url(&url);
            // The password's place shows the mask (the rest is the user's own text).
            if url.password().is_some()
                && let Ok(again) = reqwest::Url::parse(&shown)
            {
                assert_eq!(again.password(), Some("***"), "{shown:?}");
            }
            if let Ok(allow) = &allow {
                let _ = allow.allows(&url);
            }
            let exact = allow::AllowList::new(&[], vec![url.as_str().to_string()], false);
            assert!(exact.is_ok_and(|list| list.allows(&url)), "{url}");
        }
        Err(err) => {
            let err = err.0;
            assert!(!err.contains(['\n', '\r']), "{err:?}");
            // A password given in the URL is cut from the message even when it does not parse.
            if let Some((scheme, after)) = target.trim().split_once("://")
                && !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && let Some((userinfo, rest)) = after.rsplit_once('@')
                && !userinfo.contains(['/', '?', '#', '\\'])
                && let Some((user, password)) = userinfo.split_once(':')
                && password.len() >= 6
                && password.contains(|c: char| c.is_ascii_digit())
                && !password.contains('*')
                && !rest.contains(password)
                && !user.contains(password)
            {
                assert!(!err.contains(password), "{err:?}");
            }
        }
    }
});
