//! Terminus, both flavours:
//!
//! * @nestjs/terminus: `{"status": "ok|error|shutting_down", "info": {...}, "error": {...},
//!   "details": {name: {"status": "up|down", "message"?...}}}`;
//! * @godaddy/terminus: `{"status": "ok"}`, `{"status": "ok", "info": X, "details": X}` with
//!   free-form X (or X merged at the top with `verbatim`), and on failure
//!   `{"status": "error", "error": C, "details": C}` with free-form causes C.
//!
//! Indicators are the `details` (or `info`/`error`) entries that carry a `status`; GoDaddy's
//! free-form `error` keys are Critical components of their own. `shutting_down` is Maintenance.
//! The version is `info.version` or a top-level `version` when the application adds one.
//! An indicator is read at its `status` (`$.details.cache.status`), a free-form cause where
//! `error` lists it (`$.error.ledger`, `$.error[0]`).

use crate::health::keep_part;
use std::collections::HashSet;

use crate::json::{Map, Value};

use super::{
    Component, Format, Health, HealthDoc, Origin, child_path, field, index_path, object, reason_in,
    reason_value, text_of, version_at, words,
};

const REASONS: &[&str] = &["message", "error", "reason", "cause", "statusText"];

/// `ok`, `error` or `shutting_down` with an `info`, `error` or `details` object (or array), or
/// `shutting_down` alone.
pub(super) fn looks_like(obj: &Map) -> bool {
    let Some(status) = obj.get("status").and_then(Value::as_str) else {
        return false;
    };
    match words::normalise(status).as_str() {
        "shuttingdown" => true,
        "ok" | "error" => ["info", "error", "details"]
            .iter()
            .any(|key| obj.get(key).is_some_and(|v| v.is_object() || v.is_array())),
        _ => false,
    }
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let raw = field(obj, "status")
        .and_then(text_of)
        .ok_or("no `status` field")?;
    let mut doc = HealthDoc::new(Format::Terminus, words::state(&raw), Some(raw));
    doc.explanation.status = Some(Origin::new("$.status", "state word"));
    let version = version_at(obj, &["info", "version"])
        .map(|found| (found, "$.info.version"))
        .or_else(|| version_at(obj, &["version"]).map(|found| (found, "$.version")));
    if let Some((found, at)) = version {
        doc.version = Some(found);
        doc.explanation.version = Some(at.into());
    }

    let mut seen = HashSet::new();
    for key in ["details", "info", "error"] {
        if let Some(Value::Object(indicators)) = field(obj, key) {
            for (name, value) in indicators {
                if let Some(indicator) = value.as_object()
                    && let Some(raw) = field(indicator, "status").and_then(text_of)
                    && seen.insert(name.as_str())
                {
                    let mut component = Component::new(name, words::state(&raw), raw);
                    let at = child_path(&child_path("$", key), name);
                    component.origin = Origin::new(child_path(&at, "status"), "state word");
                    component.reason = reason_in(indicator, REASONS);
                    keep_part(&mut doc.components, component);
                }
            }
        }
    }
    // GoDaddy's free-form causes.
    match field(obj, "error") {
        Some(Value::Object(causes)) => {
            for (name, cause) in causes {
                if seen.insert(name.as_str()) {
                    let mut component = Component::new(name, Health::Critical, "error");
                    let at = child_path("$.error", name);
                    component.origin = Origin::new(at, "listed as trouble");
                    component.reason = reason_value(cause, 0);
                    keep_part(&mut doc.components, component);
                }
            }
        }
        Some(Value::Array(causes)) => {
            for (index, cause) in causes.iter().enumerate() {
                let name = cause
                    .as_object()
                    .and_then(|c| {
                        ["name", "id", "key", "type"]
                            .iter()
                            .find_map(|k| field(c, k))
                    })
                    .and_then(text_of)
                    .unwrap_or_else(|| format!("error #{}", index + 1));
                let mut component = Component::new(name, Health::Critical, "error");
                let at = index_path("$.error", index);
                component.origin = Origin::new(at, "listed as trouble");
                component.reason = reason_value(cause, 0);
                keep_part(&mut doc.components, component);
            }
        }
        Some(Value::String(error)) => doc.reason = super::fold(error),
        _ => {}
    }
    if doc.health == Health::Maintenance {
        doc.maintenance = doc.raw_status.clone();
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{read, status_origin};
    const CONTENT_TYPE: &str = "application/json; charset=utf-8";

    use crate::health::{Format, FormatChoice, Health, HealthDoc, Interpretation};

    fn found(doc: &HealthDoc) -> Vec<(&str, Health)> {
        doc.components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect()
    }

    #[test]
    fn nest_ok() {
        let doc = read(
            CONTENT_TYPE,
            200,
            r#"{"status":"ok","info":{"cache":{"status":"up"}},"error":{},"details":{"cache":{"status":"up"}}}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::Terminus, Health::Ok));
        assert_eq!(found(&doc), [("cache", Health::Ok)]);
        assert_eq!(doc.version, None);
    }

    #[test]
    fn nest_error() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"error","info":{"cache":{"status":"up"}},
            "error":{"billing-api":{"status":"down","message":"connect ECONNREFUSED\n127.0.0.1:9","statusCode":502}},
            "details":{"cache":{"status":"up"},"billing-api":{"status":"down","message":"connect ECONNREFUSED\n127.0.0.1:9","statusCode":502}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::Terminus, Health::Critical)
        );
        assert_eq!(
            found(&doc),
            [("cache", Health::Ok), ("billing-api", Health::Critical)]
        );
        assert_eq!(doc.components[1].raw_status, "down");
        assert_eq!(
            doc.components[1].reason.as_deref(),
            Some("connect ECONNREFUSED 127.0.0.1:9")
        );
    }

    #[test]
    fn origins_are_each_indicators_status_and_each_listed_cause() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"error","info":{"cache":{"status":"up"},"version":"1.2"},
            "error":{"billing-api":{"status":"down"},"ledger":"connection reset"},
            "details":{"billing-api":{"status":"down"}}}"#,
        );
        let origins: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.origin.path.as_str(), c.origin.rule))
            .collect();
        assert_eq!(
            origins,
            [
                (
                    "billing-api",
                    "$.details['billing-api'].status",
                    "state word"
                ),
                ("cache", "$.info.cache.status", "state word"),
                ("ledger", "$.error.ledger", "listed as trouble"),
            ]
        );
        assert_eq!(status_origin(&doc), ("$.status", "state word"));
        assert_eq!(doc.explanation.version.as_deref(), Some("$.info.version"));
        let listed = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"error","version":"0.0.7","error":[{"message":"a"},{"name":"MongoError"}]}"#,
        );
        assert_eq!(listed.explanation.version.as_deref(), Some("$.version"));
        assert_eq!(listed.components[1].origin.path, "$.error[1]");
        assert_eq!(listed.components[1].origin.rule, "listed as trouble");
    }

    #[test]
    fn nest_shutting_down() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"shutting_down","details":{}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::Terminus, Health::Maintenance)
        );
        assert_eq!(doc.maintenance.as_deref(), Some("shutting_down"));
    }

    #[test]
    fn godaddy_info_version() {
        let doc = read(
            CONTENT_TYPE,
            200,
            r#"{"status":"ok","info":{"version":"4.5.6","uptime":12},"details":{"version":"4.5.6","uptime":12}}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::Terminus, Health::Ok));
        assert_eq!(doc.version.as_deref(), Some("4.5.6"));
        assert!(doc.components.is_empty(), "{:?}", doc.components);
    }

    #[test]
    fn godaddy_verbatim_and_default() {
        // Merged at the top (`verbatim`) or bare: nothing Terminus-specific, read generically.
        let doc = read(CONTENT_TYPE, 200, r#"{"status":"ok","version":"0.0.7"}"#);
        assert_eq!(doc.health, Health::Ok);
        assert_eq!(doc.version.as_deref(), Some("0.0.7"));
        let doc = super::super::interpret(None, 503, br#"{"status":"error"}"#, FormatChoice::Auto);
        assert!(matches!(
            doc,
            Interpretation::Doc(HealthDoc {
                health: Health::Critical,
                ..
            })
        ));
        let forced = super::super::interpret(
            None,
            200,
            br#"{"status":"ok","version":"0.0.7"}"#,
            FormatChoice::Forced(Format::Terminus),
        );
        let Interpretation::Doc(forced) = forced else {
            panic!()
        };
        assert_eq!(
            (forced.format, forced.version.as_deref()),
            (Format::Terminus, Some("0.0.7"))
        );
    }

    #[test]
    fn godaddy_free_form_causes() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"error","error":{"ledger":"connection reset","queue":{"depth":9001}},"details":{"ledger":"connection reset","queue":{"depth":9001}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::Terminus, Health::Critical)
        );
        assert_eq!(
            found(&doc),
            [("ledger", Health::Critical), ("queue", Health::Critical)]
        );
        assert_eq!(
            doc.components[0].reason.as_deref(),
            Some("connection reset")
        );
        assert_eq!(
            doc.components[1].reason.as_deref(),
            Some(r#"{"depth":9001}"#)
        );
    }

    #[test]
    fn godaddy_error_array_and_custom_words() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"status":"error","error":[{"name":"MongoError","message":"topology destroyed"},{"message":"second"}]}"#,
        );
        assert_eq!(
            found(&doc),
            [
                ("MongoError", Health::Critical),
                ("error #2", Health::Critical)
            ]
        );
        assert_eq!(
            doc.components[0].reason.as_deref(),
            Some("topology destroyed")
        );
        let forced = super::super::interpret(
            None,
            503,
            br#"{"status":"failed","error":"boom"}"#,
            FormatChoice::Forced(Format::Terminus),
        );
        let Interpretation::Doc(forced) = forced else {
            panic!()
        };
        assert_eq!(forced.health, Health::Critical);
        assert_eq!(forced.reason.as_deref(), Some("boom"));
    }
}
