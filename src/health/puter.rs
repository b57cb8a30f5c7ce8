//! HeyPuter/puter `GET /healthcheck`: `{"ok": bool, "failed"?: [names], "degraded"?: [names]}`.
//!
//! `ok:false` is Critical whatever the HTTP status (servers before 26.05 answer it with 200);
//! 207, or a `degraded` list, is Warning; `failed` names are Critical components and `degraded`
//! names Warning ones. `draining` in `failed` is the prepare-shutdown state: it is reported as a
//! maintenance component, and when it is the only failure the document's state is Maintenance.
//! The boot-order fallback body, plain text `ok`, is detected as Kubernetes in automatic mode
//! (the two are the same word); forcing `puter` reads it as Puter.
//!
//! Each component is read at its place in its list (`$.failed[0]`); the document's state at
//! `ok`, except that a Warning under `ok:true` comes from the `degraded` list or the 207.

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{Component, Ctx, Format, Health, HealthDoc, Origin, field, index_path, object};

const DRAINING: &str = "draining";

/// An object whose keys are only `ok` (a boolean, required), `failed` and `degraded` (arrays of
/// strings).
pub(super) fn looks_like(obj: &Map) -> bool {
    matches!(obj.get("ok"), Some(Value::Bool(_)))
        && obj.iter().all(|(key, value)| match key.as_str() {
            "ok" => true,
            "failed" | "degraded" => value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string)),
            _ => false,
        })
}

pub(super) fn parse(value: &Value, ctx: &Ctx) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let Some(Value::Bool(ok)) = field(obj, "ok") else {
        return Err("no boolean `ok` field".into());
    };
    let failed = names(obj, "failed");
    let degraded = names(obj, "degraded");

    let mut components = Vec::with_capacity(failed.len() + degraded.len());
    for (index, name) in failed.iter().enumerate() {
        let health = if name == DRAINING {
            Health::Maintenance
        } else {
            Health::Critical
        };
        let mut component = Component::new(name.clone(), health, "failed");
        component.origin = Origin::new(index_path("$.failed", index), "listed as trouble");
        keep_part(&mut components, component);
    }
    for (index, name) in degraded.iter().enumerate() {
        let mut component = Component::new(name.clone(), Health::Warning, "degraded");
        component.origin = Origin::new(index_path("$.degraded", index), "listed as degraded");
        keep_part(&mut components, component);
    }

    let draining = failed.iter().any(|name| name == DRAINING);
    let health = if *ok {
        if ctx.http_status == 207 || !degraded.is_empty() {
            Health::Warning
        } else {
            Health::Ok
        }
    } else if draining && failed.iter().all(|name| name == DRAINING) {
        Health::Maintenance
    } else {
        Health::Critical
    };
    let origin = if *ok && !degraded.is_empty() {
        Origin::new("$.degraded", "listed as degraded")
    } else if *ok && health == Health::Warning {
        Origin::new("", "HTTP status")
    } else {
        Origin::new("$.ok", "boolean flag")
    };
    let mut doc = HealthDoc::new(Format::Puter, health, Some(format!("ok:{ok}")));
    doc.explanation.status = Some(origin);
    doc.components = components;
    if draining {
        doc.maintenance = Some(DRAINING.into());
    }
    Ok(doc)
}

/// The fallback answer when the health service is missing: `ok` as plain text.
pub(super) fn parse_text(text: &str) -> Result<HealthDoc, String> {
    let word = text.trim();
    if word.eq_ignore_ascii_case("ok") {
        let mut doc = HealthDoc::new(Format::Puter, Health::Ok, Some(word.into()));
        // Plain text has no path: the whole body is the word.
        doc.explanation.status = Some(Origin::new("", "state word"));
        Ok(doc)
    } else {
        Err("plain-text body other than `ok`".into())
    }
}

/// The strings in the array under `key` (non-strings are written as JSON).
fn names(obj: &Map, key: &str) -> Vec<String> {
    field(obj, key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|item| match item {
                    Value::String(name) => name.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{read, status_origin};
    const CONTENT_TYPE: &str = "application/json; charset=utf-8";

    use crate::health::{Format, FormatChoice, Health, HealthDoc, Interpretation, interpret};

    fn names(doc: &HealthDoc) -> Vec<(&str, Health)> {
        doc.components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect()
    }

    #[test]
    fn healthy() {
        let doc = read(CONTENT_TYPE, 200, r#"{"ok":true}"#);
        assert_eq!(doc.format, Format::Puter);
        assert_eq!(doc.health, Health::Ok);
        assert_eq!(doc.raw_status.as_deref(), Some("ok:true"));
        assert!(doc.components.is_empty());
        assert_eq!(doc.version, None);
        assert_eq!(doc.maintenance, None);
    }

    #[test]
    fn failures_with_503_are_critical_components() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"ok":false,"failed":["db-ping","ws-attached"]}"#,
        );
        assert_eq!(doc.format, Format::Puter);
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(
            names(&doc),
            [
                ("db-ping", Health::Critical),
                ("ws-attached", Health::Critical)
            ]
        );
        assert_eq!(doc.components[0].raw_status, "failed");
    }

    #[test]
    fn ok_false_with_200_is_still_critical() {
        // Puter before 26.05 answered failures with 200.
        let doc = read(
            CONTENT_TYPE,
            200,
            r#"{"ok":false,"failed":["thumbs-ping"]}"#,
        );
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(names(&doc), [("thumbs-ping", Health::Critical)]);
    }

    #[test]
    fn demoted_failures_with_207_are_warning() {
        let doc = read(
            CONTENT_TYPE,
            207,
            r#"{"ok":true,"degraded":["cache-ping"]}"#,
        );
        assert_eq!(doc.health, Health::Warning);
        assert_eq!(names(&doc), [("cache-ping", Health::Warning)]);
        assert_eq!(doc.components[0].raw_status, "degraded");
        // 207 alone is a warning too.
        assert_eq!(
            super::parse(
                &crate::json::Value::from(serde_json::json!({"ok": true})),
                &crate::health::Ctx {
                    http_status: 207,
                    media_type: None,
                    words: &Default::default(),
                    hints: Default::default(),
                    keep_all: false,
                }
            )
            .map(|d| d.health),
            Ok(Health::Warning)
        );
    }

    #[test]
    fn mixed_failed_and_degraded() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"ok":false,"failed":["ws-attached"],"degraded":["db-ping"]}"#,
        );
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(
            names(&doc),
            [
                ("ws-attached", Health::Critical),
                ("db-ping", Health::Warning)
            ]
        );
    }

    #[test]
    fn origins_are_each_names_place_in_its_list_and_the_ok_flag() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"ok":false,"failed":["ws-attached","draining"],"degraded":["db-ping"]}"#,
        );
        let origins: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.origin.path.as_str(), c.origin.rule))
            .collect();
        assert_eq!(
            origins,
            [
                ("ws-attached", "$.failed[0]", "listed as trouble"),
                ("draining", "$.failed[1]", "listed as trouble"),
                ("db-ping", "$.degraded[0]", "listed as degraded"),
            ]
        );
        assert_eq!(status_origin(&doc), ("$.ok", "boolean flag"));
        // Under `ok:true`, a Warning is the degraded list's, or the 207's.
        let degraded = read(
            CONTENT_TYPE,
            207,
            r#"{"ok":true,"degraded":["cache-ping"]}"#,
        );
        let status = degraded.explanation.status.clone().unwrap_or_default();
        assert_eq!(
            (status.path.as_str(), status.rule),
            ("$.degraded", "listed as degraded")
        );
        let multi = read(CONTENT_TYPE, 207, r#"{"ok":true}"#);
        assert_eq!(multi.health, Health::Warning);
        let status = multi.explanation.status.clone().unwrap_or_default();
        assert_eq!((status.path.as_str(), status.rule), ("", "HTTP status"));
    }

    #[test]
    fn draining_is_maintenance() {
        let doc = read(CONTENT_TYPE, 503, r#"{"ok":false,"failed":["draining"]}"#);
        assert_eq!(doc.format, Format::Puter);
        assert_eq!(doc.health, Health::Maintenance);
        assert_eq!(doc.maintenance.as_deref(), Some("draining"));
        assert_eq!(names(&doc), [("draining", Health::Maintenance)]);

        let doc = super::super::interpret(
            None,
            503,
            br#"{"ok":false,"failed":["loop-stale","draining"]}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(doc.maintenance.as_deref(), Some("draining"));
    }

    #[test]
    fn plain_ok_fallback() {
        // Automatic detection calls the bare word Kubernetes (same meaning); forcing Puter works.
        let auto = interpret(
            Some("text/html; charset=utf-8"),
            200,
            b"ok",
            FormatChoice::Auto,
        );
        let Interpretation::Doc(auto) = auto else {
            panic!("{auto:?}")
        };
        assert_eq!((auto.format, auto.health), (Format::Kubernetes, Health::Ok));
        let forced = interpret(
            Some("text/html; charset=utf-8"),
            200,
            b"ok",
            FormatChoice::Forced(Format::Puter),
        );
        let Interpretation::Doc(forced) = forced else {
            panic!("{forced:?}")
        };
        assert_eq!((forced.format, forced.health), (Format::Puter, Health::Ok));
    }

    #[test]
    fn extra_keys_are_not_puter() {
        let doc = read(CONTENT_TYPE, 200, r#"{"ok":true,"version":"9.1"}"#);
        assert_eq!(doc.format, Format::Generic);
        assert_eq!(doc.health, Health::Ok);
        assert_eq!(doc.version.as_deref(), Some("9.1"));
    }

    #[test]
    fn a_rate_limit_body_is_an_error_named_by_its_text() {
        let out = interpret(
            Some("application/json"),
            429,
            br#"{"error":"Slow down.","code":"too_many_requests"}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = &out else {
            panic!("{out:?}")
        };
        assert_eq!(
            (doc.format, doc.health),
            (Format::Generic, Health::Critical)
        );
        assert_eq!(doc.reason.as_deref(), Some("Slow down."));
    }
}
