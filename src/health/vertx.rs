//! Vert.x Health Checks: `{"checks": [{"id", "status": "UP|DOWN", "data"?, "checks"?: [...]}],
//! "outcome": "UP|DOWN", "status"?: same}`; groups nest their own `checks`. A procedure that
//! failed or timed out carries `data.cause`. Each procedure is read at its index, group by group
//! (`$.checks[0].checks[1].status`).

use crate::json::{Map, Value};

use super::{
    Component, Format, HealthDoc, MAX_DEPTH, Origin, child_path, field, first_field, index_path,
    object, reason_in, text_of, words,
};

const DATA_REASONS: &[&str] = &["cause", "error", "message", "reason", "exception"];

/// A `checks` array whose entries have an `id`, or `outcome` and `status` both at the top.
pub(super) fn looks_like(obj: &Map) -> bool {
    let Some(Value::Array(checks)) = obj.get("checks") else {
        return false;
    };
    let has_id = |check: &Value| check.as_object().is_some_and(|c| c.contains_key("id"));
    if checks.iter().any(has_id) {
        return true;
    }
    obj.contains_key("outcome")
        && obj.contains_key("status")
        && checks.iter().all(|check| {
            check
                .as_object()
                .is_some_and(|c| !c.contains_key("name") && !c.contains_key("state"))
        })
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let (raw, key) = state_in(obj).ok_or("no `outcome` or `status` field")?;
    let checks = field(obj, "checks")
        .and_then(Value::as_array)
        .ok_or("no `checks` array")?;
    let mut doc = HealthDoc::new(Format::VertX, words::state(&raw), Some(raw));
    doc.explanation.status = Some(Origin::new(child_path("$", key), "state word"));
    doc.components = nodes(checks, "$.checks", 1);
    doc.reason = field(obj, "data")
        .and_then(Value::as_object)
        .and_then(|data| reason_in(data, DATA_REASONS));
    Ok(doc)
}

/// The state under `status`, else `outcome` (a state that is no text is none), and that key.
fn state_in(obj: &Map) -> Option<(String, &'static str)> {
    let key = ["status", "outcome"]
        .into_iter()
        .find(|key| field(obj, key).is_some())?;
    field(obj, key).and_then(text_of).map(|raw| (raw, key))
}

/// The procedures of the `checks` array at `path`; unnamed ones are numbered among the objects.
fn nodes(checks: &[Value], path: &str, depth: usize) -> Vec<Component> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let mut out = Vec::new();
    let checks = checks
        .iter()
        .enumerate()
        .filter_map(|(i, check)| check.as_object().map(|c| (index_path(path, i), c)))
        .enumerate();
    for (index, (at, check)) in checks {
        let component = {
            let name = first_field(check, &["id", "name"])
                .and_then(text_of)
                .unwrap_or_else(|| format!("check #{}", index + 1));
            let (raw, origin) = match state_in(check) {
                Some((raw, key)) => (raw, Origin::new(child_path(&at, key), "state word")),
                None => (String::new(), Origin::new(at.as_str(), "no state word")),
            };
            let mut component = Component::new(name, words::state(&raw), raw);
            component.origin = origin;
            component.reason = field(check, "data")
                .and_then(Value::as_object)
                .and_then(|data| reason_in(data, DATA_REASONS));
            if let Some(Value::Array(children)) = field(check, "checks") {
                component.children = nodes(children, &child_path(&at, "checks"), depth + 1);
            }
            component
        };
        crate::health::keep_part(&mut out, component);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{read, status_origin};
    const CONTENT_TYPE: &str = "application/json;charset=UTF-8";

    use crate::health::{Format, Health};

    #[test]
    fn flat_down() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"checks":[{"id":"first","status":"UP"},
            {"id":"second","status":"DOWN","data":{"cause":"Timeout","other":1}}],
            "outcome":"DOWN","status":"DOWN"}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::VertX, Health::Critical));
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(found, [("first", Health::Ok), ("second", Health::Critical)]);
        assert_eq!(doc.components[1].reason.as_deref(), Some("Timeout"));
    }

    #[test]
    fn nested_groups() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"checks":[{"id":"storage","status":"DOWN","checks":[
              {"id":"s3","status":"UP"},{"id":"nfs","status":"DOWN"}]},
            {"id":"cpu","status":"UP"}],"outcome":"DOWN"}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::VertX, Health::Critical));
        assert_eq!(doc.raw_status.as_deref(), Some("DOWN"));
        let storage = &doc.components[0];
        assert_eq!(storage.name, "storage");
        let nested: Vec<_> = storage
            .children
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(nested, [("s3", Health::Ok), ("nfs", Health::Critical)]);
    }

    #[test]
    fn no_procedures() {
        let doc = read(
            CONTENT_TYPE,
            200,
            r#"{"checks":[],"outcome":"UP","status":"UP"}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::VertX, Health::Ok));
    }

    #[test]
    fn origins_follow_groups_down_by_index() {
        let doc = read(
            CONTENT_TYPE,
            503,
            r#"{"checks":[{"id":"storage","status":"DOWN","checks":[
              {"id":"s3","status":"UP"},{"id":"nfs","status":"DOWN"}]},
            {"id":"cpu","outcome":"UP"}],"outcome":"DOWN"}"#,
        );
        assert_eq!(status_origin(&doc), ("$.outcome", "state word"));
        let nfs = &doc.components[0].children[1].origin;
        assert_eq!(
            (nfs.path.as_str(), nfs.rule),
            ("$.checks[0].checks[1].status", "state word")
        );
        assert_eq!(doc.components[0].origin.path, "$.checks[0].status");
        assert_eq!(doc.components[1].origin.path, "$.checks[1].outcome");
    }
}
