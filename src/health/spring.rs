//! Spring Boot Actuator `health`, every shape:
//!
//! * 2.2+ (v3): children under `components`, to any depth; leaf data under `details`.
//! * 2.0-2.1 (v2): children under `details`, mixed with plain data; a `details` value that is an
//!   object with a `status` is a child.
//! * 1.x: children are sibling keys of `status`, mixed with flattened data.
//!
//! One walker reads all three: a node's children are the objects carrying a `status` found
//! under `components`, under `details`, or next to its own `status`. UP is Ok, DOWN Critical,
//! OUT_OF_SERVICE Maintenance, UNKNOWN Unknown; custom codes get the shared vocabulary's
//! meaning (`FATAL` is Critical), or are Unrecognised. There is no service version
//! (a component's `details.version` is a dependency's). Every state is read at its node's
//! `status` (or `status.code`), and each component records that path.

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{
    Component, Format, HealthDoc, MAX_DEPTH, Origin, child_path, field, object, reason_in, words,
};

const CONTAINERS: [&str; 2] = ["components", "details"];

/// 2.2+: a status and a `components` object.
pub(super) fn looks_like_v3(obj: &Map) -> bool {
    status_of(obj).is_some() && obj.get("components").is_some_and(Value::is_object)
}

/// 1.x and 2.0-2.1: an upper-case status (Spring writes its codes in capitals) that is one of
/// Spring's words or comes with child objects carrying statuses; or the root `groups` list.
pub(super) fn looks_like_legacy(obj: &Map) -> bool {
    let Some(status) = status_of(obj) else {
        return false;
    };
    if obj.get("groups").is_some_and(Value::is_array) {
        return true;
    }
    let upper = status.chars().any(char::is_alphabetic) && !status.chars().any(char::is_lowercase);
    let spring_word = matches!(
        words::normalise(&status).as_str(),
        "up" | "down" | "outofservice" | "unknown"
    );
    // Beside its status a Spring node holds only Spring's own keys and child nodes: a document
    // with other fields (`{"status":"UP","database":"DOWN"}`, Solr's `responseHeader` and
    // `message`) is another format, and the generic reader reads every field of it.
    let only_spring_keys = obj.iter().all(|(key, value)| {
        matches!(
            key.as_str(),
            "status" | "description" | "details" | "components" | "groups"
        ) || is_node(value).is_some()
    });
    upper && only_spring_keys && (spring_word || has_children(obj))
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let raw = status_of(obj).ok_or("no `status` field")?;
    let mut doc = HealthDoc::new(Format::SpringBoot, words::state(&raw), Some(raw));
    doc.explanation.status = Some(status_origin(obj, "$"));
    doc.components = children(obj, "$", 1);
    doc.reason = reason(obj);
    Ok(doc)
}

/// A node's status code: a string, or `{"code": ...}` as some serialisers write `Status`.
/// Spring's codes are strings; a number under `status` is someone else's code.
fn status_of(obj: &Map) -> Option<String> {
    match obj.get("status")? {
        Value::Object(status) => status
            .get("code")
            .and_then(Value::as_str)
            .map(str::to_string),
        Value::String(code) => Some(code.to_string()),
        _ => None,
    }
}

/// Where [`status_of`] read the node at `path`: its `status`, or the `code` inside it.
fn status_origin(obj: &Map, path: &str) -> Origin {
    let status = child_path(path, "status");
    let at = if obj.get("status").is_some_and(Value::is_object) {
        child_path(&status, "code")
    } else {
        status
    };
    Origin::new(at, "state word")
}

fn is_node<'v>(value: &'v Value<'v>) -> Option<&'v Map<'v>> {
    value.as_object().filter(|obj| status_of(obj).is_some())
}

fn has_children(obj: &Map) -> bool {
    obj.iter().any(|(key, value)| {
        key != "status"
            && (is_node(value).is_some()
                || (CONTAINERS.contains(&key.as_str())
                    && value
                        .as_object()
                        .is_some_and(|container| container.values().any(|v| is_node(v).is_some()))))
    })
}

/// The child nodes of `obj`, found at `path` (see the module documentation), depth-limited.
fn children(obj: &Map, path: &str, depth: usize) -> Vec<Component> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (key, value) in obj {
        if key == "status" {
            continue;
        }
        if let Some(child) = is_node(value) {
            keep_part(&mut out, node(key, child, &child_path(path, key), depth));
        } else if CONTAINERS.contains(&key.as_str())
            && let Some(container) = value.as_object()
        {
            let here = child_path(path, key);
            for (name, value) in container {
                if let Some(child) = is_node(value) {
                    keep_part(&mut out, node(name, child, &child_path(&here, name), depth));
                }
            }
        }
    }
    out
}

fn node(name: &str, obj: &Map, path: &str, depth: usize) -> Component {
    let raw = status_of(obj).unwrap_or_default();
    let mut component = Component::new(name, words::state(&raw), raw);
    component.reason = reason(obj);
    component.origin = status_origin(obj, path);
    component.children = children(obj, path, depth + 1);
    component
}

/// `details.error` (what Spring writes for an indicator that threw), or the flattened 1.x
/// `error`, or the node's `description`.
fn reason(obj: &Map) -> Option<String> {
    const KEYS: &[&str] = &["error", "exception", "message", "reason"];
    field(obj, "details")
        .and_then(Value::as_object)
        .and_then(|details| reason_in(details, KEYS))
        .or_else(|| reason_in(obj, KEYS))
        .or_else(|| reason_in(obj, &["description"]))
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{read, tree};
    use crate::health::{Format, FormatChoice, Health, HealthDoc, Interpretation, interpret};

    #[test]
    fn anonymous_summary() {
        let doc = read(
            "application/vnd.spring-boot.actuator.v3+json",
            200,
            r#"{"status":"UP"}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::SpringBoot, Health::Ok));
        let doc = super::super::interpret(
            Some("application/json"),
            503,
            br#"{"status":"DOWN"}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(
            (doc.format, doc.health),
            (Format::SpringBoot, Health::Critical)
        );
        assert_eq!(doc.raw_status.as_deref(), Some("DOWN"));
        assert!(doc.components.is_empty());
    }

    #[test]
    fn v3_nested_components() {
        let body = r#"{
          "status": "DOWN",
          "groups": ["liveness", "readiness"],
          "components": {
            "queues": {"status": "DOWN", "components": {
                "eu-west": {"status": "UP", "details": {"version": "4.2"}},
                "eu-north": {"status": "DOWN", "details": {"error": "java.net.ConnectException: refused\n\tat x"}}
            }},
            "jdbc": {"status": "UP", "details": {"database": "Maria", "validationQuery": "isValid()"}},
            "ping": {"status": "UNKNOWN"},
            "custom": {"status": "FATAL", "description": "it broke"},
            "odd": {"status": "SPARKLY"}
          }
        }"#;
        let doc = read("application/vnd.spring-boot.actuator.v3+json", 503, body);
        assert_eq!(doc.format, Format::SpringBoot);
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(
            doc.version, None,
            "a dependency's version is not the service's"
        );
        assert_eq!(
            tree(&doc.components),
            [
                "queues=Critical",
                "queues/eu-west=Ok",
                "queues/eu-north=Critical",
                "jdbc=Ok",
                "ping=Unknown",
                "custom=Critical",
                "odd=Unrecognised",
            ]
        );
        assert_eq!(doc.components[3].reason.as_deref(), Some("it broke"));
        assert_eq!(doc.components[3].raw_status, "FATAL");
        let north = &doc.components[0].children[1];
        assert_eq!(
            north.reason.as_deref(),
            Some("java.net.ConnectException: refused at x")
        );
        // Detected from the shape too.
        let plain = super::super::interpret(
            Some("application/json"),
            503,
            body.as_bytes(),
            FormatChoice::Auto,
        );
        assert!(matches!(
            plain,
            Interpretation::Doc(HealthDoc {
                format: Format::SpringBoot,
                ..
            })
        ));
    }

    #[test]
    fn v2_details_mix_children_and_data() {
        let body = r#"{"status":"DOWN","details":{"note":"hi",
            "outer":{"status":"DOWN","details":{"flag":true,
                "inner-a":{"status":"UP"},
                "inner-b":{"status":"DOWN","details":{"error":"no route"}}}},
            "other":{"status":"UP","details":{"count":3}}}}"#;
        let doc = read("application/vnd.spring-boot.actuator.v2+json", 503, body);
        assert_eq!(doc.format, Format::SpringBoot);
        assert_eq!(
            tree(&doc.components),
            [
                "outer=Critical",
                "outer/inner-a=Ok",
                "outer/inner-b=Critical",
                "other=Ok"
            ]
        );
        assert_eq!(
            doc.components[0].children[1].reason.as_deref(),
            Some("no route")
        );
        let plain = super::super::interpret(
            Some("application/json"),
            503,
            body.as_bytes(),
            FormatChoice::Auto,
        );
        assert!(matches!(
            plain,
            Interpretation::Doc(HealthDoc {
                format: Format::SpringBoot,
                ..
            })
        ));
    }

    #[test]
    fn v1_sibling_children() {
        let body = r#"{"status":"DOWN","hello":"there",
            "mail":{"status":"DOWN","host":"smtp.test","error":"auth failed",
                "primary":{"status":"UP"},"secondary":{"status":"DOWN","x":1}},
            "disk":{"status":"UP","free":123}}"#;
        let doc = read(
            "application/vnd.spring-boot.actuator.v1+json;charset=UTF-8",
            503,
            body,
        );
        assert_eq!(doc.format, Format::SpringBoot);
        assert_eq!(
            tree(&doc.components),
            [
                "mail=Critical",
                "mail/primary=Ok",
                "mail/secondary=Critical",
                "disk=Ok"
            ]
        );
        assert_eq!(doc.components[0].reason.as_deref(), Some("auth failed"));
        // Without Spring's Content-Type, a root field Spring never writes (`hello`) is no
        // evidence of Spring: the generic reader takes it, and reads the same tree.
        let plain = read("application/json", 503, body);
        assert_eq!(plain.format, Format::Generic);
        assert_eq!(tree(&plain.components), tree(&doc.components));
        let without = body.replace(r#""hello":"there","#, "");
        let spring = read("application/json", 503, &without);
        assert_eq!(spring.format, Format::SpringBoot);
    }

    #[test]
    fn origins_are_the_status_of_each_node_in_every_shape() {
        let v3 = read(
            "application/vnd.spring-boot.actuator.v3+json",
            503,
            r#"{"status":"DOWN","components":{"queues":{"status":"DOWN","components":{
                "eu-north":{"status":"DOWN"}}}}}"#,
        );
        let status = v3.explanation.status.clone().unwrap_or_default();
        assert_eq!(
            (status.path.as_str(), status.rule),
            ("$.status", "state word")
        );
        let queues = &v3.components[0];
        assert_eq!(queues.origin.path, "$.components.queues.status");
        let north = &queues.children[0].origin;
        assert_eq!(
            (north.path.as_str(), north.rule),
            (
                "$.components.queues.components['eu-north'].status",
                "state word"
            )
        );
        assert_eq!(v3.explanation.version, None);
        let v2 = read(
            "application/vnd.spring-boot.actuator.v2+json",
            503,
            r#"{"status":"DOWN","details":{"outer":{"status":"DOWN","details":{
                "inner-b":{"status":"DOWN"}}}}}"#,
        );
        assert_eq!(
            v2.components[0].children[0].origin.path,
            "$.details.outer.details['inner-b'].status"
        );
        let v1 = read(
            "application/vnd.spring-boot.actuator.v1+json",
            503,
            r#"{"status":"DOWN","mail":{"status":"DOWN","secondary":{"status":{"code":"DOWN"}}}}"#,
        );
        assert_eq!(v1.components[0].origin.path, "$.mail.status");
        assert_eq!(
            v1.components[0].children[0].origin.path,
            "$.mail.secondary.status.code"
        );
    }

    #[test]
    fn out_of_service_is_maintenance() {
        let doc = read(
            "application/json",
            503,
            r#"{"status":"OUT_OF_SERVICE","components":{"readinessState":{"status":"OUT_OF_SERVICE"}}}"#,
        );
        assert_eq!(doc.format, Format::SpringBoot);
        assert_eq!(doc.health, Health::Maintenance);
        assert_eq!(doc.maintenance.as_deref(), Some("OUT_OF_SERVICE"));
        assert_eq!(doc.components[0].health, Health::Maintenance);
        // A maintenance component under an UP root is reported as well.
        let doc = super::super::interpret(
            Some("application/json"),
            200,
            br#"{"status":"UP","components":{"ssl":{"status":"OUT_OF_SERVICE"}}}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(doc.health, Health::Ok);
        assert_eq!(doc.maintenance.as_deref(), Some("ssl OUT_OF_SERVICE"));
    }

    #[test]
    fn words_ignore_case_and_punctuation_when_forced() {
        let doc = super::super::interpret(
            None,
            200,
            br#"{"status":"out-of-service"}"#,
            FormatChoice::Forced(Format::SpringBoot),
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(doc.health, Health::Maintenance);
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit() {
        let mut body = String::from(r#"{"status":"UP"}"#);
        for _ in 0..100 {
            body = format!(r#"{{"status":"UP","components":{{"c":{body}}}}}"#);
        }
        // Past serde_json's recursion limit: malformed.
        let out = interpret(
            Some("application/json"),
            200,
            body.as_bytes(),
            FormatChoice::Auto,
        );
        assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
        let mut body = String::from(r#"{"status":"UP"}"#);
        for _ in 0..60 {
            body = format!(r#"{{"status":"UP","components":{{"c":{body}}}}}"#);
        }
        let doc = read("application/json", 200, &body);
        let mut depth = 0;
        let mut level = &doc.components;
        while let Some(first) = level.first() {
            depth += 1;
            level = &first.children;
        }
        assert!(depth <= crate::health::MAX_DEPTH + 1, "{depth}");
    }
}
