//! The gRPC Health Checking Protocol (`grpc.health.v1`), as healthprobe records a call: the
//! `List` answer in protobuf's JSON form, `{"statuses":{"orders":{"status":"SERVING"}}}`; a
//! `Check` is recorded in the same shape under the service it asked about, `""` being the
//! whole server.
//!
//! * `SERVING` is OK, `NOT_SERVING` CRITICAL, `SERVICE_UNKNOWN` CRITICAL (the server does not
//!   know the service), `UNKNOWN` unknown;
//! * every named service is a component, so `--ignore-component`, `--noncritical` and
//!   `--require-component` apply to services;
//! * the document's state is the worst of the whole server's and every service's, an
//!   `UNKNOWN` included: a server that cannot tell is not OK.

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{Component, Format, Health, HealthDoc, Origin, child_path, field, object};

/// A `statuses` map of services to `{"status": WORD}` and nothing else.
pub(super) fn looks_like(obj: &Map) -> bool {
    let Some(Value::Object(statuses)) = obj.get("statuses") else {
        return false;
    };
    obj.len() == 1
        && statuses.values().all(|entry| {
            entry
                .as_object()
                .is_some_and(|e| e.len() == 1 && e.get("status").is_some_and(Value::is_string))
        })
}

/// A serving status in healthprobe's vocabulary, with a reason where the word alone is terse.
fn serving(word: &str) -> (Health, Option<&'static str>) {
    match word {
        "SERVING" => (Health::Ok, None),
        "NOT_SERVING" => (Health::Critical, None),
        "SERVICE_UNKNOWN" => (
            Health::Critical,
            Some("the server does not know this service"),
        ),
        "UNKNOWN" => (Health::Unknown, None),
        other => (super::words::state(other), None),
    }
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let statuses = field(obj, "statuses")
        .and_then(Value::as_object)
        .ok_or("no `statuses` map of services")?;
    if statuses.is_empty() {
        return Err("the `statuses` map names no service".into());
    }
    let mut server: Option<(Health, String)> = None;
    let mut components = Vec::new();
    for (name, entry) in statuses {
        let word = entry
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("UNKNOWN")
            .to_string();
        let (health, reason) = serving(&word);
        if name.is_empty() {
            server = Some((health, word));
            continue;
        }
        let mut component = Component::new(name.as_str(), health, word);
        component.reason = reason.map(str::to_string);
        component.origin = Origin::new(
            format!("{}.status", child_path("$.statuses", name)),
            "serving status",
        );
        keep_part(&mut components, component);
    }
    let worst_service = components.iter().map(|c| c.health).reduce(Health::worst);
    let (health, raw, origin) = match (&server, worst_service) {
        (Some((own, word)), services) => {
            let health = services.map_or(*own, |s| own.worst(s));
            // The word that decided: the server's own, or the worst service's.
            let word = if health == *own {
                word.clone()
            } else {
                components
                    .iter()
                    .find(|c| c.health == health)
                    .map(|c| c.raw_status.clone())
                    .unwrap_or_else(|| word.clone())
            };
            let origin = if health == *own {
                Origin::new("$.statuses[''].status", "serving status")
            } else {
                Origin::new("", "the worst of the server's state and its services'")
            };
            (health, word, origin)
        }
        (None, Some(services)) => {
            let word = components
                .iter()
                .find(|c| c.health == services)
                .map(|c| c.raw_status.clone())
                .unwrap_or_default();
            (services, word, Origin::new("", "derived from its services"))
        }
        (None, None) => unreachable!("a non-empty map has a server or a service"),
    };
    let mut doc = HealthDoc::new(Format::Grpc, health, Some(raw));
    // A single service asked with Check: name it in the document's own reason too.
    if server.is_none()
        && let [only] = components.as_slice()
        && only.health != Health::Ok
    {
        doc.reason = Some(format!("service {} is {}", only.name, only.raw_status));
    } else if let Some(unknown) = components.iter().find(|c| c.health == Health::Unknown)
        && health == Health::Unknown
    {
        doc.reason = Some(format!("service {} is UNKNOWN", unknown.name));
    }
    doc.explanation.status = Some(origin);
    doc.components = components;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use crate::health::testing::read;
    use crate::health::{Format, Health};

    const JSON: &str = "application/json";

    #[test]
    fn a_serving_server_is_ok_and_has_no_components() {
        let doc = read(JSON, 200, r#"{"statuses":{"":{"status":"SERVING"}}}"#);
        assert_eq!((doc.format, doc.health), (Format::Grpc, Health::Ok));
        assert_eq!(doc.raw_status.as_deref(), Some("SERVING"));
        assert!(doc.components.is_empty());
    }

    #[test]
    fn every_listed_service_is_a_component_with_its_state() {
        let doc = read(
            JSON,
            200,
            r#"{"statuses":{"":{"status":"SERVING"},"orders":{"status":"NOT_SERVING"},
                "billing":{"status":"SERVING"},"ghost":{"status":"SERVICE_UNKNOWN"}}}"#,
        );
        assert_eq!(doc.format, Format::Grpc);
        assert_eq!(doc.health, Health::Critical);
        let states: Vec<(&str, Health)> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert!(states.contains(&("orders", Health::Critical)));
        assert!(states.contains(&("billing", Health::Ok)));
        assert!(states.contains(&("ghost", Health::Critical)));
        let ghost = doc.components.iter().find(|c| c.name == "ghost").unwrap();
        assert!(ghost.reason.as_deref().unwrap().contains("does not know"));
        assert_eq!(ghost.origin.path, "$.statuses.ghost.status");
    }

    #[test]
    fn an_unknown_service_makes_the_document_unknown_and_named() {
        let doc = read(
            JSON,
            200,
            r#"{"statuses":{"":{"status":"SERVING"},"orders":{"status":"UNKNOWN"}}}"#,
        );
        assert_eq!(doc.health, Health::Unknown);
        assert_eq!(doc.reason.as_deref(), Some("service orders is UNKNOWN"));
    }

    #[test]
    fn a_status_number_the_protocol_does_not_define_is_never_ok() {
        let doc = read(JSON, 200, r#"{"statuses":{"":{"status":"7"}}}"#);
        assert_ne!(doc.health, Health::Ok);
    }

    #[test]
    fn a_single_checked_service_is_named_in_the_reason() {
        let doc = read(
            JSON,
            200,
            r#"{"statuses":{"orders":{"status":"NOT_SERVING"}}}"#,
        );
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(doc.reason.as_deref(), Some("service orders is NOT_SERVING"));
    }
}
