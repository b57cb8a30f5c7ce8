//! hellofresh/health-go: `{"status": "OK" | "Partially Available" | "Unavailable", "timestamp",
//! "failures"?: {name: message}, "system"?: {version: <Go runtime>, ...}, "component": {"name",
//! "version"}}`. Only failing checks appear, in `failures`: Warning ones under Partially
//! Available (checks marked SkipOnErr), Critical ones under Unavailable. The service version is
//! `component.version`; `system.version` is the Go runtime's. A failing check is read where
//! `failures` lists it (`$.failures.kafka`).

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{
    Component, Format, Health, HealthDoc, Origin, child_path, field, object, reason_value, text_of,
    version_at, words,
};

/// A health-go status word with `component`, `failures` or `system`.
pub(super) fn looks_like(obj: &Map) -> bool {
    obj.get("status")
        .and_then(Value::as_str)
        .is_some_and(|word| {
            matches!(
                words::normalise(word).as_str(),
                "ok" | "partiallyavailable" | "unavailable"
            )
        })
        && ["component", "failures", "system"]
            .iter()
            .any(|key| obj.get(key).is_some_and(Value::is_object))
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let raw = field(obj, "status")
        .and_then(text_of)
        .ok_or("no `status` field")?;
    let health = words::state(&raw);
    let mut doc = HealthDoc::new(Format::HelloFresh, health, Some(raw));
    doc.explanation.status = Some(Origin::new("$.status", "state word"));
    doc.version = version_at(obj, &["component", "version"]);
    if doc.version.is_some() {
        doc.explanation.version = Some("$.component.version".into());
    }
    let failing = if health == Health::Critical {
        Health::Critical
    } else {
        Health::Warning
    };
    if let Some(Value::Object(failures)) = field(obj, "failures") {
        for (name, message) in failures {
            let mut component = Component::new(name, failing, "failed");
            component.origin = Origin::new(child_path("$.failures", name), "listed as trouble");
            component.reason = reason_value(message, 0);
            keep_part(&mut doc.components, component);
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{json, origins, status_origin};
    use crate::health::{Format, Health};

    #[test]
    fn ok() {
        let doc = json(
            200,
            r#"{"status":"OK","timestamp":"2030-01-01T00:00:00Z",
            "system":{"version":"go1.22.1","goroutines_count":9},"component":{"name":"orders","version":"3.1.4"}}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::HelloFresh, Health::Ok));
        assert_eq!(
            doc.version.as_deref(),
            Some("3.1.4"),
            "component.version, not the Go runtime"
        );
        assert!(doc.components.is_empty());
    }

    #[test]
    fn partially_available_is_warning() {
        let doc = json(
            200,
            r#"{"status":"Partially Available","failures":{"kafka":"Timeout during health check"},
            "system":{"version":"go1.22.1"},"component":{"name":"orders","version":"3.1.4"}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::HelloFresh, Health::Warning)
        );
        assert_eq!(doc.components.len(), 1);
        assert_eq!(
            (doc.components[0].name.as_str(), doc.components[0].health),
            ("kafka", Health::Warning)
        );
        assert_eq!(
            doc.components[0].reason.as_deref(),
            Some("Timeout during health check")
        );
    }

    #[test]
    fn unavailable_is_critical() {
        let doc = json(
            503,
            r#"{"status":"Unavailable","failures":{"postgres":"dial tcp: refused"},"component":{"name":"orders","version":"v0.1"}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::HelloFresh, Health::Critical)
        );
        assert_eq!(doc.components[0].health, Health::Critical);
        assert_eq!(doc.version.as_deref(), Some("v0.1"));
    }

    #[test]
    fn origins_are_the_failures_entry_and_the_component_version() {
        let doc = json(
            503,
            r#"{"status":"Unavailable","failures":{"postgres":"refused","kafka:eu":"slow"},
            "system":{"version":"go1.22.1"},"component":{"name":"orders","version":"v0.1"}}"#,
        );
        let origins = origins(&doc.components);
        assert_eq!(
            origins,
            [
                ("$.failures.postgres", "listed as trouble"),
                ("$.failures['kafka:eu']", "listed as trouble")
            ]
        );
        assert_eq!(status_origin(&doc), ("$.status", "state word"));
        assert_eq!(
            doc.explanation.version.as_deref(),
            Some("$.component.version")
        );
        let unversioned = json(200, r#"{"status":"OK","system":{"version":"go1.22.1"}}"#);
        assert_eq!(unversioned.format, Format::HelloFresh);
        assert_eq!(unversioned.explanation.version, None);
    }
}
