//! MicroProfile Health: 2.0+ `{"status": "UP|DOWN", "checks": [{"name", "status", "data"?}]}`;
//! 1.0 used `outcome` at the top and `state` in each check. Quarkus serves the same. Each check
//! is read at its index in `checks` (`$.checks[0].status`, 1.0 `$.checks[0].state`).

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{
    Component, Format, HealthDoc, Origin, child_path, field, index_path, object, reason_in,
    text_of, words,
};

/// Keys in a check's `data` that explain a failure (`rootCause` is in the spec's example).
const DATA_REASONS: &[&str] = &[
    "rootCause",
    "cause",
    "error",
    "exception",
    "message",
    "reason",
];

/// A `checks` array of named checks with a `status` (2.0+) or `outcome` (1.0) at the top.
pub(super) fn looks_like(obj: &Map) -> bool {
    let Some(Value::Array(checks)) = obj.get("checks") else {
        return false;
    };
    (obj.contains_key("status") || obj.contains_key("outcome"))
        && checks.iter().all(|check| {
            check
                .as_object()
                .is_some_and(|check| check.contains_key("name") && !check.contains_key("id"))
        })
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let (raw, key) =
        state_in(obj, ["status", "outcome"]).ok_or("no `status` (or 1.0 `outcome`) field")?;
    let checks = field(obj, "checks")
        .and_then(Value::as_array)
        .ok_or("no `checks` array")?;
    let mut doc = HealthDoc::new(Format::MicroProfile, words::state(&raw), Some(raw));
    doc.explanation.status = Some(Origin::new(child_path("$", key), "state word"));
    let checks = checks
        .iter()
        .enumerate()
        .filter_map(|(i, check)| check.as_object().map(|c| (index_path("$.checks", i), c)));
    // Unnamed checks are numbered among the objects, as they are read.
    for (index, (at, check)) in checks.enumerate() {
        let name = field(check, "name")
            .and_then(text_of)
            .unwrap_or_else(|| format!("check #{}", index + 1));
        let (raw, origin) = match state_in(check, ["status", "state"]) {
            Some((raw, key)) => (raw, Origin::new(child_path(&at, key), "state word")),
            None => (String::new(), Origin::new(at, "no state word")),
        };
        let mut component = Component::new(name, words::state(&raw), raw);
        component.origin = origin;
        component.reason = field(check, "data")
            .and_then(Value::as_object)
            .and_then(|data| reason_in(data, DATA_REASONS));
        keep_part(&mut doc.components, component);
    }
    Ok(doc)
}

/// The state under the first of `keys` present (a state that is no text is none), and that key.
fn state_in(obj: &Map, keys: [&'static str; 2]) -> Option<(String, &'static str)> {
    let key = keys.into_iter().find(|key| field(obj, key).is_some())?;
    field(obj, key).and_then(text_of).map(|raw| (raw, key))
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{json, status_origin};
    use crate::health::{Format, FormatChoice, Health, HealthDoc, Interpretation};

    #[test]
    fn v2_up_with_data() {
        let doc = json(
            200,
            r#"{"status":"UP","checks":[{"name":"pool","status":"UP","data":{"size":8,"mode":"x"}}]}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::MicroProfile, Health::Ok));
        assert_eq!(doc.components.len(), 1);
        assert_eq!(doc.components[0].name, "pool");
        assert_eq!(doc.components[0].reason, None);
    }

    #[test]
    fn v2_down_with_root_cause() {
        let doc = json(
            500,
            r#"{"status":"DOWN","checks":[
            {"name":"org.acme.LedgerCheck","status":"DOWN","data":{"rootCause":"socket\nclosed"}},
            {"name":"other","status":"UP"}]}"#,
        );
        assert_eq!(doc.format, Format::MicroProfile);
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(doc.components[0].name, "org.acme.LedgerCheck");
        assert_eq!(doc.components[0].health, Health::Critical);
        assert_eq!(doc.components[0].raw_status, "DOWN");
        assert_eq!(doc.components[0].reason.as_deref(), Some("socket closed"));
        assert_eq!(doc.components[1].health, Health::Ok);
        assert_eq!(doc.version, None);
    }

    #[test]
    fn empty_checks_down() {
        let doc = json(503, r#"{"status":"DOWN","checks":[]}"#);
        assert_eq!(
            (doc.format, doc.health),
            (Format::MicroProfile, Health::Critical)
        );
        assert!(doc.components.is_empty());
    }

    #[test]
    fn v1_outcome_and_state() {
        let doc = json(
            503,
            r#"{"outcome":"DOWN","checks":[{"name":"alpha","state":"DOWN","data":{"k":"v"}},{"name":"beta","state":"UP"}]}"#,
        );
        assert_eq!(doc.format, Format::MicroProfile);
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(doc.raw_status.as_deref(), Some("DOWN"));
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(found, [("alpha", Health::Critical), ("beta", Health::Ok)]);
        let doc = super::super::interpret(
            None,
            200,
            br#"{"outcome":"UP","checks":[]}"#,
            FormatChoice::Auto,
        );
        assert!(
            matches!(
                doc,
                Interpretation::Doc(HealthDoc {
                    format: Format::MicroProfile,
                    health: Health::Ok,
                    ..
                })
            ),
            "{doc:?}"
        );
    }

    #[test]
    fn origins_are_each_checks_index_in_both_versions() {
        let doc = json(
            503,
            r#"{"status":"DOWN","checks":[{"name":"pool","status":"UP"},{"name":"ledger","status":"DOWN"}]}"#,
        );
        assert_eq!(status_origin(&doc), ("$.status", "state word"));
        let ledger = &doc.components[1].origin;
        assert_eq!(
            (ledger.path.as_str(), ledger.rule),
            ("$.checks[1].status", "state word")
        );
        let v1 = json(
            503,
            r#"{"outcome":"DOWN","checks":[{"name":"alpha","state":"DOWN"},{"name":"beta"}]}"#,
        );
        assert_eq!(
            v1.explanation.status.map(|s| s.path),
            Some("$.outcome".to_string())
        );
        let origins: Vec<_> = v1
            .components
            .iter()
            .map(|c| (c.origin.path.as_str(), c.origin.rule))
            .collect();
        assert_eq!(
            origins,
            [
                ("$.checks[0].state", "state word"),
                ("$.checks[1]", "no state word")
            ]
        );
    }
}
