//! Consul:
//!
//! * agent local service health, `/v1/agent/health/service/id/:id` (an object) and
//!   `/name/:name` (an array of them): `{"AggregatedStatus": "passing|warning|critical|
//!   maintenance", "Service": {...}, "Checks": [{"CheckID", "Name", "Status", "Output",
//!   "Notes", ...}]}`; with `?format=text` just the word;
//! * catalog health, `/v1/health/service/:name` (an array of `{"Node", "Service", "Checks"}`)
//!   and `/v1/health/checks|state/...` (an array of checks).
//!
//! Components are the checks, named by `CheckID` (prefixed with the node when checks come from
//! several nodes). Maintenance mode is a critical check `_service_maintenance:<id>` or
//! `_node_maintenance`, reported as a Maintenance component (read at its `CheckID`). Versions
//! only live in operator metadata, so none is reported. A check's state is read at its `Status`
//! (`$.Checks[1].Status`, `$[0].Checks[1].Status` in an array of answers); the document's at
//! the worst `AggregatedStatus`, or derived from the checks when there is none.

use crate::health::keep_part;
use std::collections::HashSet;

use crate::json::{Map, Value};

use super::{
    Component, Format, Health, HealthDoc, Origin, child_path, field, index_path, reason_in,
    text_of, words,
};

pub(super) fn looks_like_object(obj: &Map) -> bool {
    obj.contains_key("AggregatedStatus")
}

/// A non-empty array of agent answers, catalog entries (`Checks` with `Node` or `Service`), or
/// checks (`CheckID` and `Status`).
pub(super) fn looks_like_array(items: &[Value]) -> bool {
    !items.is_empty()
        && items.iter().all(|item| {
            item.as_object().is_some_and(|obj| {
                obj.contains_key("AggregatedStatus")
                    || (obj.get("Checks").is_some_and(Value::is_array)
                        && (obj.contains_key("Node") || obj.contains_key("Service")))
                    || (obj.contains_key("CheckID") && obj.contains_key("Status"))
            })
        })
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    // Each object with its path: `$` for an object, `$[i]` for the items of an array.
    let items: Vec<(String, &Map)> = match value {
        Value::Object(obj) => vec![("$".into(), obj)],
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| item.as_object().map(|obj| (index_path("$", i), obj)))
            .collect(),
        _ => return Err("the body is neither a JSON object nor an array".into()),
    };
    let mut aggregated: Option<(Health, String, String)> = None;
    let mut checks: Vec<(String, &Map)> = Vec::new();
    let mut recognised = false;
    for (at, item) in &items {
        if let Some(raw) = field(item, "AggregatedStatus").and_then(text_of) {
            recognised = true;
            let health = words::state(&raw);
            if aggregated
                .as_ref()
                .is_none_or(|(worst, _, _)| health.severity() > worst.severity())
            {
                aggregated = Some((health, raw, child_path(at, "AggregatedStatus")));
            }
        }
        if let Some(Value::Array(list)) = field(item, "Checks") {
            recognised = true;
            let list_at = child_path(at, "Checks");
            checks.extend(
                list.iter().enumerate().filter_map(|(i, check)| {
                    check.as_object().map(|c| (index_path(&list_at, i), c))
                }),
            );
        } else if item.contains_key("CheckID") || item.contains_key("Status") {
            recognised = true;
            checks.push((at.clone(), item));
        }
    }
    if !recognised {
        return Err("no `AggregatedStatus`, `Checks` or check objects".into());
    }

    let nodes: HashSet<&str> = checks
        .iter()
        .filter_map(|(_, check)| field(check, "Node").and_then(Value::as_str))
        .collect();
    let mut maintenance = None;
    let mut components = Vec::with_capacity(checks.len());
    for (index, (at, check)) in checks.iter().enumerate() {
        let (id, id_key) = ["CheckID", "Name"]
            .iter()
            .find_map(|key| field(check, key).and_then(text_of).map(|id| (id, *key)))
            .unwrap_or_else(|| (format!("check #{}", index + 1), ""));
        let raw = field(check, "Status").and_then(text_of);
        let mut origin = match raw {
            Some(_) => Origin::new(child_path(at, "Status"), "state word"),
            None => Origin::new(at.as_str(), "no state word"),
        };
        let raw = raw.unwrap_or_default();
        let mut health = words::state(&raw);
        let mode = if id.starts_with("_service_maintenance") {
            Some("service maintenance")
        } else if id.starts_with("_node_maintenance") {
            Some("node maintenance")
        } else {
            None
        };
        if let Some(mode) = mode {
            health = Health::Maintenance;
            maintenance.get_or_insert(mode);
            // The check's name decides, whatever its `Status` says.
            origin = Origin::new(child_path(at, id_key), "maintenance check");
        }
        let name = match field(check, "Node").and_then(Value::as_str) {
            Some(node) if nodes.len() > 1 => format!("{node}/{id}"),
            _ => id,
        };
        let mut component = Component::new(name, health, raw);
        component.reason = reason_in(check, &["Output", "Notes"]);
        component.origin = origin;
        keep_part(&mut components, component);
    }

    let (health, raw, origin) = match aggregated {
        Some((health, raw, at)) => (health, Some(raw), Origin::new(at, "state word")),
        None => (
            Health::worst_known(components.iter().map(|c| c.health)),
            None,
            Origin::new("$", "derived from its parts"),
        ),
    };
    let mut doc = HealthDoc::new(Format::Consul, health, raw);
    doc.explanation.status = Some(origin);
    doc.components = components;
    doc.maintenance = match (maintenance, health) {
        (Some(mode), _) => Some(mode.into()),
        (None, Health::Maintenance) => Some("maintenance".into()),
        _ => None,
    };
    Ok(doc)
}

/// `?format=text`: the aggregated word alone.
pub(super) fn parse_text(text: &str) -> Result<HealthDoc, String> {
    let word = text.trim();
    let consul_word = matches!(
        words::normalise(word).as_str(),
        "passing" | "warning" | "critical" | "maintenance"
    );
    if !consul_word {
        return Err("not passing, warning, critical or maintenance".into());
    }
    if !word.chars().all(char::is_alphabetic) {
        return Err("not a single Consul status word".into());
    }
    let mut doc = HealthDoc::new(Format::Consul, words::state(word), Some(word.into()));
    // Plain text has no path: the whole body is the word.
    doc.explanation.status = Some(Origin::new("", "state word"));
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{json, status_origin};
    use crate::health::{Format, FormatChoice, Health, HealthDoc, Interpretation, interpret};

    const CRITICAL: &str = r#"{"AggregatedStatus":"critical","Service":{"ID":"api-7","Service":"api","Meta":{}},
        "Checks":[{"Node":"n1","CheckID":"service:api-7","Name":"api http","Status":"critical","Notes":"",
                   "Output":"HTTP GET http://10.0.0.7/health: 500\nbody"},
                  {"Node":"n1","CheckID":"serfHealth","Name":"Serf","Status":"passing","Output":"Agent alive"}]}"#;

    #[test]
    fn agent_object() {
        let doc = json(503, CRITICAL);
        assert_eq!((doc.format, doc.health), (Format::Consul, Health::Critical));
        assert_eq!(doc.raw_status.as_deref(), Some("critical"));
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(
            found,
            [
                ("service:api-7", Health::Critical),
                ("serfHealth", Health::Ok)
            ]
        );
        assert_eq!(
            doc.components[0].reason.as_deref(),
            Some("HTTP GET http://10.0.0.7/health: 500 body")
        );
        assert_eq!(doc.version, None);
        let passing = doc_passing();
        assert_eq!((passing.health, passing.components.len()), (Health::Ok, 0));
    }

    fn doc_passing() -> HealthDoc {
        json(
            200,
            r#"{"AggregatedStatus":"passing","Service":{"ID":"api-6"},"Checks":[]}"#,
        )
    }

    #[test]
    fn agent_array_by_name() {
        let body = format!(
            r#"[{{"AggregatedStatus":"warning","Service":{{"ID":"api-6"}},"Checks":[{{"Node":"n1","CheckID":"service:api-6","Status":"warning","Output":"slow"}}]}},{CRITICAL}]"#
        );
        let doc = json(503, &body);
        assert_eq!((doc.format, doc.health), (Format::Consul, Health::Critical));
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(
            found,
            [
                ("service:api-6", Health::Warning),
                ("service:api-7", Health::Critical),
                ("serfHealth", Health::Ok)
            ]
        );
    }

    #[test]
    fn warning_and_maintenance() {
        let doc = json(429, r#"{"AggregatedStatus":"warning","Checks":[]}"#);
        assert_eq!(doc.health, Health::Warning);
        let doc = json(
            503,
            r#"{"AggregatedStatus":"maintenance","Checks":[
            {"CheckID":"_service_maintenance:api-7","Status":"critical","Notes":"deploying v2"}]}"#,
        );
        assert_eq!(doc.health, Health::Maintenance);
        assert_eq!(doc.maintenance.as_deref(), Some("service maintenance"));
        assert_eq!(doc.components[0].health, Health::Maintenance);
        assert_eq!(doc.components[0].reason.as_deref(), Some("deploying v2"));
        let doc = super::super::interpret(
            None,
            503,
            br#"[{"Node":"n2","CheckID":"_node_maintenance","Status":"critical"}]"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(doc.format, Format::Consul);
        assert_eq!(doc.maintenance.as_deref(), Some("node maintenance"));
    }

    #[test]
    fn catalog_entries_from_several_nodes() {
        let doc = json(
            200,
            r#"[{"Node":{"Node":"a"},"Service":{"ID":"x"},"Checks":[{"Node":"a","CheckID":"serfHealth","Status":"passing"}]},
                              {"Node":{"Node":"b"},"Service":{"ID":"x"},"Checks":[{"Node":"b","CheckID":"serfHealth","Status":"critical"}]}]"#,
        );
        assert_eq!(doc.format, Format::Consul);
        assert_eq!(doc.raw_status, None);
        assert_eq!(doc.health, Health::Critical);
        let names: Vec<_> = doc.components.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a/serfHealth", "b/serfHealth"]);
    }

    #[test]
    fn origins_are_each_checks_status_and_the_aggregated_status() {
        let doc = json(503, CRITICAL);
        assert_eq!(status_origin(&doc), ("$.AggregatedStatus", "state word"));
        let serf = &doc.components[1].origin;
        assert_eq!(
            (serf.path.as_str(), serf.rule),
            ("$.Checks[1].Status", "state word")
        );
        assert_eq!(doc.explanation.version, None);
        // In an array of answers, the worst answer's status decides.
        let answers = json(
            503,
            &format!(
                r#"[{{"AggregatedStatus":"warning","Checks":[{{"CheckID":"a","Status":"warning"}}]}},{CRITICAL}]"#
            ),
        );
        assert_eq!(
            answers.explanation.status.map(|s| s.path),
            Some("$[1].AggregatedStatus".to_string())
        );
        assert_eq!(answers.components[0].origin.path, "$[0].Checks[0].Status");
        assert_eq!(answers.components[2].origin.path, "$[1].Checks[1].Status");
        // Checks alone: the state is derived; a maintenance check is read at its ID.
        let checks = json(
            503,
            r#"[{"Node":"n2","CheckID":"_node_maintenance","Status":"critical"},
                {"Node":"n2","CheckID":"serfHealth","Status":"passing"}]"#,
        );
        let status = checks.explanation.status.clone().unwrap_or_default();
        assert_eq!(
            (status.path.as_str(), status.rule),
            ("$", "derived from its parts")
        );
        let origins: Vec<_> = checks
            .components
            .iter()
            .map(|c| (c.origin.path.as_str(), c.origin.rule))
            .collect();
        assert_eq!(
            origins,
            [
                ("$[0].CheckID", "maintenance check"),
                ("$[1].Status", "state word")
            ]
        );
    }

    #[test]
    fn text_format() {
        for (word, health) in [
            ("passing", Health::Ok),
            ("warning", Health::Warning),
            ("critical\n", Health::Critical),
            ("maintenance", Health::Maintenance),
        ] {
            let out = interpret(Some("text/plain"), 503, word.as_bytes(), FormatChoice::Auto);
            let Interpretation::Doc(doc) = out else {
                panic!("{out:?}")
            };
            assert_eq!((doc.format, doc.health), (Format::Consul, health), "{word}");
        }
    }
}
