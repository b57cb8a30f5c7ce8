//! Values taken out of response bodies: the service version (from the health document, a
//! JSONPath, or a `/version`-style body). Pure functions of the body and what was recognised.

use crate::json::Value;
use serde_json_path::JsonPath;

use crate::health::Interpretation;
use crate::observation::{VersionFound, VersionSource};

/// Longest version string kept; a "version" longer than this is not one.
const MAX_VERSION_CHARS: usize = 64;

/// Finds the service version in a body (`json` is its JSON value, `None` when it is not JSON):
/// at `path` when given, otherwise where the recognised health format keeps it, otherwise in a
/// top-level `version` field (as a `/version` endpoint serves it). `place` names the body in
/// messages ("the body", "the body of http://host/version"): when nothing is found, the reason
/// says where it looked, what that body holds, and which option would help.
pub fn version(
    json: Option<&Value>,
    path: Option<&JsonPath>,
    document: Option<&Interpretation>,
    place: Place<'_>,
) -> VersionFound {
    let origin = place;
    let place_text = place.to_string();
    let place = &place_text;
    let missing = |why: String| VersionFound::Missing(why);
    if let Some(path) = path {
        let Some(value) = json else {
            return missing(format!("{place} is not JSON, so {path} cannot apply"));
        };
        // The JSONPath engine reads serde_json's values: a copy, made only for this flag.
        let copy = value.to_serde();
        let segments = crate::rules::budget::descendant_segments(&path.to_string());
        if let Err(why) = crate::rules::budget::check(segments, &copy) {
            return missing(format!("--version-path {path} not evaluated: {why}"));
        }
        let nodes = path.query(&copy).all();
        return match nodes.as_slice() {
            [] => missing(format!(
                "{path} matched nothing in {place}{}",
                contents_hint(value)
            )),
            [node] => match serde_scalar_text(node) {
                Some(text) => VersionFound::Found(text, VersionSource::VersionPath),
                None => missing(format!("{path} is not a string or number in {place}")),
            },
            more => missing(format!(
                "{path} matched {} values in {place}, not one",
                more.len()
            )),
        };
    }
    if let Some(Interpretation::Doc(doc)) = document
        && let Some(version) = doc.version.as_deref().and_then(clean)
    {
        return VersionFound::Found(version, VersionSource::HealthDocument);
    }
    // No document, or one of a format without a version: where products keep theirs (a
    // `/version` endpoint's body, `build.version`, `buildInfo.tag`...).
    let top_level = json
        .and_then(crate::health::generic::service_version)
        .and_then(|(version, _)| clean(&version));
    if let Some(version) = top_level {
        return VersionFound::Found(version, VersionSource::Body);
    }
    let what = match document {
        Some(Interpretation::Doc(doc)) => format!("the {} document", doc.format.name()),
        _ => place.to_string(),
    };
    let puter = matches!(document, Some(Interpretation::Doc(doc))
        if doc.format == crate::health::Format::Puter);
    if puter {
        return missing(format!(
            "{what} carries no version; Puter serves its version at /version: add \
             --version-url /version"
        ));
    }
    // A body fetched from --version-url is already the place the user chose.
    let elsewhere = match origin {
        Place::Body => "; or give --version-url where the service serves its version",
        Place::VersionUrl(_) => "",
    };
    match json {
        Some(value) => missing(format!(
            "{what} carries no version{}{elsewhere}",
            contents_hint(value)
        )),
        None => missing(format!(
            "{what} carries no version and is not JSON{elsewhere}"
        )),
    }
}

/// Which body a version is looked for in, for messages.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// The target's own response.
    Body,
    /// The body `--version-url` fetched, by its redacted URL.
    VersionUrl(&'a str),
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Body => f.write_str("the body"),
            Place::VersionUrl(url) => write!(f, "the body of {url}"),
        }
    }
}

/// `: its top-level keys are a, b, c; point at it with --version-path '$.build.tag'`: what a
/// JSON body holds, and a path to the first value named like a version when there is one.
fn contents_hint(value: &Value) -> String {
    let mut hint = format!(": {}", crate::text::json_top(value));
    if value.is_object() {
        match version_like(value, "$", 0) {
            Some(path) => hint.push_str(&format!(
                "; if the version is at {path}, add --version-path '{path}'"
            )),
            None => hint.push_str("; --version-path can point at the version"),
        }
    }
    hint
}

/// The path of the first scalar whose key names a version (`version`, `release`, `tag`,
/// `build`), breadth by document order, at most a few levels down.
fn version_like(value: &Value, at: &str, depth: usize) -> Option<String> {
    let Value::Object(map) = value else {
        return None;
    };
    let looks_like = |key: &str| {
        let key = key.to_ascii_lowercase();
        ["version", "release", "tag"]
            .iter()
            .any(|w| key.contains(w))
    };
    for (key, inner) in map {
        if looks_like(key) && scalar_text(inner).is_some() {
            return Some(crate::health::child_path(at, key));
        }
    }
    if depth >= 3 {
        return None;
    }
    map.iter().find_map(|(key, inner)| {
        version_like(inner, &crate::health::child_path(at, key), depth + 1)
    })
}

/// [`scalar_text`] for a value the JSONPath engine found.
fn serde_scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => clean(text),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => clean(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn clean(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= MAX_VERSION_CHARS).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::{FormatChoice, interpret};

    fn path(text: &str) -> JsonPath {
        JsonPath::parse(text).unwrap()
    }

    /// `version` over a body given as bytes, read the way a run reads it.
    fn version(body: &[u8], path: Option<&JsonPath>, doc: Option<&Interpretation>) -> VersionFound {
        let json = crate::json::parse(body, crate::json::Reading::LastWins)
            .ok()
            .map(|(value, _)| value);
        super::version(json.as_ref(), path, doc, Place::Body)
    }

    #[test]
    fn json_path_picks_the_one_value_it_names() {
        let body = br#"{"build":{"version":"2.4.1"},"n":3}"#;
        assert_eq!(
            version(body, Some(&path("$.build.version")), None),
            VersionFound::Found("2.4.1".into(), VersionSource::VersionPath)
        );
        assert_eq!(
            version(body, Some(&path("$.n")), None),
            VersionFound::Found("3".into(), VersionSource::VersionPath)
        );
    }

    #[test]
    fn json_path_that_matches_nothing_or_many_says_so() {
        let body = br#"{"a":[{"v":"1"},{"v":"2"}],"o":{}}"#;
        let found = |p: &str| version(body, Some(&path(p)), None);
        assert!(
            matches!(found("$.missing"), VersionFound::Missing(w) if w.contains("matched nothing"))
        );
        assert!(
            matches!(found("$.a[*].v"), VersionFound::Missing(w) if w.contains("matched 2 values"))
        );
        assert!(matches!(found("$.o"), VersionFound::Missing(w) if w.contains("not a string")));
        assert!(
            matches!(version(b"ok", Some(&path("$.v")), None), VersionFound::Missing(w) if w.contains("not JSON"))
        );
    }

    #[test]
    fn the_documents_own_version_is_used_without_a_path() {
        let body = br#"{"status":"pass","version":"1","releaseId":"1.2.3"}"#;
        let doc = interpret(
            Some("application/health+json"),
            200,
            body,
            FormatChoice::Auto,
        );
        assert!(matches!(
            version(body, None, Some(&doc)),
            VersionFound::Found(_, VersionSource::HealthDocument)
        ));
    }

    #[test]
    fn a_version_endpoint_body_gives_its_top_level_version() {
        let body = br#"{"version":"26.07","environment":"prod"}"#;
        assert_eq!(
            version(body, None, None),
            VersionFound::Found("26.07".into(), VersionSource::Body)
        );
    }

    #[test]
    fn no_version_anywhere_is_missing_with_a_reason() {
        assert!(matches!(
            version(br#"{"ok":true}"#, None, None),
            VersionFound::Missing(_)
        ));
        let absurd = format!(r#"{{"version":"{}"}}"#, "9".repeat(100));
        assert!(matches!(
            version(absurd.as_bytes(), None, None),
            VersionFound::Missing(_)
        ));
    }
}
