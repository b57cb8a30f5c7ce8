//! alexliesenfeld/health (Go): `{"status": "up|down|unknown", "info"?: {...}, "details"?: {name:
//! {"status", "timestamp", "error"?}}}`. `unknown` means the periodic checks have not run yet.
//! The version is `info.version` when the application sets one. Each check's state is read at
//! `details.<name>.status`.

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{
    Format, HealthDoc, Origin, child_path, field, object, reason_in, text_of, version_at,
    word_part, words,
};

/// A lower-case up/down/unknown (Spring writes capitals), with nothing but `info` and
/// `details` besides.
pub(super) fn looks_like(obj: &Map) -> bool {
    obj.get("status")
        .and_then(Value::as_str)
        .is_some_and(|word| matches!(word, "up" | "down" | "unknown"))
        && obj.iter().all(|(key, value)| match key.as_str() {
            "status" | "timestamp" => true,
            "info" => value.is_object(),
            "details" => value
                .as_object()
                .is_some_and(|details| details.values().all(Value::is_object)),
            _ => false,
        })
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let raw = field(obj, "status")
        .and_then(text_of)
        .ok_or("no `status` field")?;
    let mut doc = HealthDoc::new(Format::AlexLiesenfeld, words::state(&raw), Some(raw));
    doc.explanation.status = Some(Origin::new("$.status", "state word"));
    doc.version = version_at(obj, &["info", "version"]);
    if doc.version.is_some() {
        doc.explanation.version = Some("$.info.version".into());
    }
    if let Some(Value::Object(details)) = field(obj, "details") {
        for (name, check) in details {
            let Some(check) = check.as_object() else {
                continue;
            };
            let at = child_path("$.details", name);
            let mut component = word_part(name, check, &at, "status");
            component.reason = reason_in(check, &["error", "message"]);
            component.since = field(check, "timestamp").and_then(text_of);
            keep_part(&mut doc.components, component);
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{origins, read, status_origin};
    const CONTENT_TYPE: &str = "application/json; charset=utf-8";

    use crate::health::{Format, Health};

    #[test]
    fn bare_up() {
        let doc = read(CONTENT_TYPE, 200, r#"{"status":"up"}"#);
        assert_eq!(
            (doc.format, doc.health),
            (Format::AlexLiesenfeld, Health::Ok)
        );
    }

    #[test]
    fn down_with_details_and_info_version() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"down","info":{"version":"2.7.1","env":"stage"},"details":{
            "ldap":{"status":"up","timestamp":"2033-01-01T01:01:01Z"},
            "vault":{"status":"down","timestamp":"2033-01-01T01:01:02Z","error":"permission denied"}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::AlexLiesenfeld, Health::Critical)
        );
        assert_eq!(doc.version.as_deref(), Some("2.7.1"));
        let vault = &doc.components[1];
        assert_eq!(
            (vault.name.as_str(), vault.health),
            ("vault", Health::Critical)
        );
        assert_eq!(vault.reason.as_deref(), Some("permission denied"));
        assert_eq!(vault.since.as_deref(), Some("2033-01-01T01:01:02Z"));
        assert_eq!(doc.components[0].health, Health::Ok);
    }

    #[test]
    fn origins_are_each_details_status_and_the_info_version() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"down","info":{"version":"2.7.1"},"details":{
            "vault":{"status":"down","timestamp":"x"},"key-store":{"timestamp":"x"}}}"#,
        );
        assert_eq!(status_origin(&doc), ("$.status", "state word"));
        assert_eq!(doc.explanation.version.as_deref(), Some("$.info.version"));
        let origins = origins(&doc.components);
        assert_eq!(
            origins,
            [
                ("$.details.vault.status", "state word"),
                ("$.details['key-store']", "no state word"),
            ]
        );
        let bare = read(CONTENT_TYPE, 200, r#"{"status":"up"}"#);
        assert_eq!(bare.explanation.version, None);
    }

    #[test]
    fn unknown_before_first_run() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"unknown","details":{"vault":{"status":"unknown","timestamp":"x"}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::AlexLiesenfeld, Health::Unknown)
        );
        assert_eq!(doc.components[0].health, Health::Unknown);
    }
}
