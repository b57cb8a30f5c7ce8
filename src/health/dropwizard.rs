//! Dropwizard (Metrics) HealthCheckServlet: a top-level map `name -> {"healthy": bool,
//! "message"?, "error"?: {type, message, stack, cause?}, "duration"?: ms, "timestamp"?, ...}`.
//! There is no top-level state: it is derived (any unhealthy check is Critical). `{}` (sent with
//! 501 when nothing is registered) is Unknown. Each check's state is its `healthy` flag
//! (`$.deadlocks.healthy`).

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{
    Component, Format, Health, HealthDoc, Observed, Origin, child_path, field, number_of, object,
    reason_in, text_of, words,
};

/// A non-empty object whose every value is an object with a boolean `healthy`.
pub(super) fn looks_like(obj: &Map) -> bool {
    !obj.is_empty()
        && obj.values().all(|value| {
            value
                .as_object()
                .is_some_and(|check| matches!(check.get("healthy"), Some(Value::Bool(_))))
        })
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let mut doc = HealthDoc::new(Format::Dropwizard, Health::Unknown, None);
    for (name, check) in obj {
        let Some(check) = check.as_object() else {
            continue;
        };
        let Some(raw) = field(check, "healthy").and_then(text_of) else {
            continue;
        };
        let mut component = Component::new(name, words::state(&raw), raw);
        let at = child_path(&child_path("$", name), "healthy");
        component.origin = Origin::new(at, "boolean flag");
        component.reason = reason_in(check, &["message", "error"]);
        component.since = field(check, "timestamp").and_then(text_of);
        if let Some(ms) = field(check, "duration").and_then(number_of) {
            doc.observations.push(Observed {
                label: format!("{name}:duration"),
                value: ms,
                unit: "ms".into(),
            });
        }
        keep_part(&mut doc.components, component);
    }
    if doc.components.is_empty() && !obj.is_empty() {
        return Err("no entry with a `healthy` field".into());
    }
    doc.health = Health::worst_known(doc.components.iter().map(|c| c.health));
    doc.explanation.status = Some(Origin::new("$", "derived from its parts"));
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{json, origins, status_origin};
    use crate::health::{Format, FormatChoice, Health, Interpretation, interpret};

    #[test]
    fn old_minimal_shape() {
        let doc = json(
            200,
            r#"{"deadlocks":{"healthy":true},"ledger-db":{"healthy":true,"message":"primary reachable"}}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::Dropwizard, Health::Ok));
        assert_eq!(doc.raw_status, None);
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health, c.raw_status.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("deadlocks", Health::Ok, "true"),
                ("ledger-db", Health::Ok, "true")
            ]
        );
    }

    #[test]
    fn unhealthy_with_error_duration_and_timestamp() {
        let doc = json(
            500,
            r#"{"deadlocks":{"healthy":true,"duration":1,"timestamp":"2032-03-03T03:03:03.333Z"},
            "search":{"healthy":false,"message":"index missing","duration":17,"timestamp":"2032-03-03T03:03:03.334Z",
              "error":{"type":"java.lang.IllegalStateException","message":"index missing","stack":["a","b"]}},
            "mailer":{"healthy":false,"error":{"type":"java.io.IOException","message":"smtp\ndown"}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::Dropwizard, Health::Critical)
        );
        let search = doc.components.iter().find(|c| c.name == "search").unwrap();
        assert_eq!(
            (search.health, search.raw_status.as_str()),
            (Health::Critical, "false")
        );
        assert_eq!(search.reason.as_deref(), Some("index missing"));
        assert_eq!(search.since.as_deref(), Some("2032-03-03T03:03:03.334Z"));
        let mailer = doc.components.iter().find(|c| c.name == "mailer").unwrap();
        assert_eq!(mailer.reason.as_deref(), Some("smtp down"));
        let readings: Vec<_> = doc
            .observations
            .iter()
            .map(|o| (o.label.as_str(), o.value, o.unit.as_str()))
            .collect();
        assert_eq!(
            readings,
            [
                ("deadlocks:duration", 1.0, "ms"),
                ("search:duration", 17.0, "ms")
            ]
        );
    }

    #[test]
    fn origins_are_each_healthy_flag_and_the_state_is_derived() {
        let doc = json(
            500,
            r#"{"deadlocks":{"healthy":true},"ledger-db":{"healthy":false,"message":"gone"}}"#,
        );
        let origins = origins(&doc.components);
        assert_eq!(
            origins,
            [
                ("$.deadlocks.healthy", "boolean flag"),
                ("$['ledger-db'].healthy", "boolean flag")
            ]
        );
        assert_eq!(status_origin(&doc), ("$", "derived from its parts"));
        assert_eq!(doc.explanation.version, None);
    }

    #[test]
    fn nothing_registered() {
        let doc = json(501, "{}");
        assert_eq!(
            (doc.format, doc.health),
            (Format::Dropwizard, Health::Unknown)
        );
        assert!(doc.components.is_empty());
        // `{}` with any other status is no health document.
        let out = interpret(Some("application/json"), 200, b"{}", FormatChoice::Auto);
        assert!(matches!(out, Interpretation::Unrecognised(_)), "{out:?}");
    }
}
