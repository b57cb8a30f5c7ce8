//! IETF "Health Check Response Format for HTTP APIs" (draft-inadarei-api-health-check,
//! `application/health+json`), current draft and the older shapes still in the wild:
//!
//! * `-06`: `status`, `version`, `releaseId`, `output`, and `checks` = an object of
//!   `"component:measurement"` -> array of entries (one per node) with `status`, `output`,
//!   `time`, `observedValue`, `observedUnit`.
//! * drafts 00-01 and inadarei/maikai: `details` instead of `checks`, `releaseID`/`serviceID`,
//!   `metricValue`/`metricUnit`, and one object per key instead of an array.
//!
//! A key reported by several nodes is one component whose state is the worst of its nodes, read
//! at that node's `status` (`$.checks['db:responseTime'][1].status`). Keys are matched
//! case-insensitively, so paths spell them as the document does (`releaseID`).

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{
    Component, Format, Health, HealthDoc, NOT_RUNNING, Observed, Origin, child_path, field,
    first_field, fold, index_path, member_path, number_of, object, reason_in, text_of, version_at,
    words,
};

/// A status, and either IETF-only words, identifiers, a `checks` object, or `details` entries
/// shaped like health+json checks.
pub(super) fn looks_like(obj: &Map) -> bool {
    let Some(status) = field(obj, "status").and_then(Value::as_str) else {
        return false;
    };
    if is_ietf_word(status) {
        return true;
    }
    if ["releaseId", "releaseID", "serviceId", "serviceID"]
        .iter()
        .any(|key| obj.contains_key(key))
    {
        return true;
    }
    // `checks` (or the older `details`) shaped like health+json's: every entry an array of
    // check objects, or one check object with a pass/warn/fail status. A `checks` object of
    // other shapes is some other dialect, read by the generic reader.
    ["checks", "details"].iter().any(|key| {
        obj.get(key)
            .and_then(Value::as_object)
            .is_some_and(|entries| {
                !entries.is_empty()
                    && entries.values().all(|entry| match entry {
                        Value::Array(items) => items.iter().all(Value::is_object),
                        Value::Object(entry) => entry
                            .get("status")
                            .and_then(Value::as_str)
                            .is_some_and(is_ietf_word),
                        _ => false,
                    })
            })
    })
}

/// pass, warn, fail: the words no other format uses.
fn is_ietf_word(word: &str) -> bool {
    matches!(words::normalise(word).as_str(), "pass" | "warn" | "fail")
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let raw = field(obj, "status")
        .and_then(text_of)
        .ok_or("no `status` field")?;
    let mut doc = HealthDoc::new(Format::HealthJson, words::state(&raw), Some(raw));
    doc.explanation.status = Some(Origin::new(member_path(obj, "$", "status"), "state word"));
    if let Some((version, at)) = ["version", "releaseId", "releaseID"]
        .iter()
        .find_map(|key| version_at(obj, &[*key]).map(|v| (v, member_path(obj, "$", key))))
    {
        doc.version = Some(version);
        doc.explanation.version = Some(at);
    }
    doc.reason = field(obj, "output").and_then(Value::as_str).and_then(fold);

    let checks = ["checks", "details"]
        .iter()
        .find_map(|key| field(obj, key).map(|value| (value, member_path(obj, "$", key))));
    match checks {
        Some((Value::Object(checks), at)) => {
            for (key, value) in checks {
                let here = child_path(&at, key);
                let entries: Vec<(String, &Map)> = match value {
                    Value::Array(items) => items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, item)| item.as_object().map(|e| (index_path(&here, i), e)))
                        .collect(),
                    Value::Object(entry) => vec![(here.clone(), entry)],
                    Value::Null => {
                        let mut part = Component::new(key, Health::Unknown, NOT_RUNNING);
                        part.origin = Origin::new(here, "null state (not run)");
                        keep_part(&mut doc.components, part);
                        continue;
                    }
                    _ => continue,
                };
                doc.components
                    .push(component(key, &here, &entries, &mut doc.observations));
            }
        }
        Some((Value::Array(items), at)) => {
            let entries = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| item.as_object().map(|e| (index_path(&at, i), e)));
            // Unnamed checks are numbered among the objects, as they are read.
            for (index, (here, entry)) in entries.enumerate() {
                let name = ["componentName", "name", "componentId", "id"]
                    .iter()
                    .find_map(|key| field(entry, key).and_then(text_of))
                    .unwrap_or_else(|| format!("check #{}", index + 1));
                let single = [(here.clone(), entry)];
                doc.components
                    .push(component(&name, &here, &single, &mut doc.observations));
            }
        }
        _ => {}
    }
    Ok(doc)
}

/// One check key (at `path`): the worst of its entries (each with its own path), and each
/// entry's reading.
fn component(
    key: &str,
    path: &str,
    entries: &[(String, &Map)],
    observations: &mut Vec<Observed>,
) -> Component {
    let mut worst: Option<(Health, &str, &Map)> = None;
    for (index, (at, entry)) in entries.iter().enumerate() {
        let health = field(entry, "status")
            .and_then(text_of)
            .map_or(Health::Unknown, |raw| words::state(&raw));
        if worst.is_none_or(|(current, _, _)| health.severity() > current.severity()) {
            worst = Some((health, at, entry));
        }
        let value = first_field(entry, &["observedValue", "metricValue"]).and_then(number_of);
        if let Some(value) = value {
            let unit = first_field(entry, &["observedUnit", "metricUnit"])
                .and_then(text_of)
                .unwrap_or_default();
            let label = if entries.len() > 1 {
                format!("{key}#{}", index + 1)
            } else {
                key.to_string()
            };
            observations.push(Observed { label, value, unit });
        }
    }
    let Some((health, at, entry)) = worst else {
        let mut component = Component::new(key, Health::Unknown, NOT_RUNNING);
        component.origin = Origin::new(path, "no entries");
        return component;
    };
    let raw = field(entry, "status").and_then(text_of);
    let origin = match raw {
        Some(_) => Origin::new(member_path(entry, at, "status"), "state word"),
        None => Origin::new(at, "no state word"),
    };
    let mut component = Component::new(key, health, raw.as_deref().unwrap_or(NOT_RUNNING));
    component.origin = origin;
    component.reason = reason_in(entry, &["output"]).or_else(|| {
        entries
            .iter()
            .find_map(|(_, entry)| reason_in(entry, &["output"]))
    });
    component.since = field(entry, "time").and_then(text_of);
    component
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{read, status_origin};
    use crate::health::{Format, FormatChoice, Health, HealthDoc, Interpretation};

    const CURRENT: &str = r#"{
        "status": "pass", "version": "7", "releaseId": "7.3.1", "serviceId": "svc-1",
        "output": "",
        "checks": {
            "postgres:responseTime": [
                {"componentId": "pg-a", "componentType": "datastore", "observedValue": 12.5,
                 "observedUnit": "ms", "status": "pass", "time": "2030-02-01T10:00:00Z"}
            ],
            "disk:utilization": [
                {"componentId": "n1", "observedValue": 91, "observedUnit": "percent",
                 "status": "warn", "time": "2030-02-01T10:00:01Z", "output": "disk\nnearly full"},
                {"componentId": "n2", "observedValue": 40, "observedUnit": "percent",
                 "status": "pass", "time": "2030-02-01T10:00:02Z"}
            ],
            "queue": [ {"status": "FAIL", "output": "broker gone"} ]
        }
    }"#;

    #[test]
    fn current_draft_reports_every_check() {
        let doc = read("application/health+json", 200, CURRENT);
        assert_eq!(doc.format, Format::HealthJson);
        // The top level says pass; the warn check is still reported.
        assert_eq!(doc.health, Health::Ok);
        assert_eq!(doc.raw_status.as_deref(), Some("pass"));
        assert_eq!(doc.version.as_deref(), Some("7"));
        assert_eq!(doc.reason, None);
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(
            found,
            [
                ("postgres:responseTime", Health::Ok),
                ("disk:utilization", Health::Warning),
                ("queue", Health::Critical),
            ]
        );
        let disk = &doc.components[1];
        assert_eq!(disk.raw_status, "warn");
        assert_eq!(disk.reason.as_deref(), Some("disk nearly full"));
        assert_eq!(disk.since.as_deref(), Some("2030-02-01T10:00:01Z"));
        assert_eq!(doc.components[2].raw_status, "FAIL");
        assert_eq!(doc.components[2].reason.as_deref(), Some("broker gone"));
        let readings: Vec<_> = doc
            .observations
            .iter()
            .map(|o| (o.label.as_str(), o.value, o.unit.as_str()))
            .collect();
        assert_eq!(
            readings,
            [
                ("postgres:responseTime", 12.5, "ms"),
                ("disk:utilization#1", 91.0, "percent"),
                ("disk:utilization#2", 40.0, "percent"),
            ]
        );
    }

    #[test]
    fn detected_without_the_media_type() {
        let doc = read("application/json", 200, CURRENT);
        assert_eq!(doc.format, Format::HealthJson);
        let doc = doc_plain(r#"{"status":"warn"}"#);
        assert_eq!(
            (doc.format, doc.health),
            (Format::HealthJson, Health::Warning)
        );
    }

    fn doc_plain(body: &str) -> HealthDoc {
        read("application/json", 200, body)
    }

    #[test]
    fn aliases_and_fail_with_output() {
        let doc = read(
            "application/health+json",
            503,
            r#"{"status":"error","releaseId":"2.0.0-rc1","output":"cannot reach\r\n ledger"}"#,
        );
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(doc.version.as_deref(), Some("2.0.0-rc1"));
        assert_eq!(doc.reason.as_deref(), Some("cannot reach ledger"));
        let doc = doc_plain(r#"{"status":"up","serviceId":"x"}"#);
        assert_eq!((doc.format, doc.health), (Format::HealthJson, Health::Ok));
    }

    #[test]
    fn legacy_details_release_id_and_metric_fields() {
        let doc = doc_plain(
            r#"{"status":"warn","releaseID":"0.9","serviceID":"legacy",
                "details":{"cache:hitRatio":[{"status":"warn","metricValue":0.4,"metricUnit":"ratio",
                           "time":"2029-12-31T23:59:59Z"}]}}"#,
        );
        assert_eq!(doc.format, Format::HealthJson);
        assert_eq!(doc.health, Health::Warning);
        assert_eq!(doc.version.as_deref(), Some("0.9"));
        assert_eq!(doc.components.len(), 1);
        assert_eq!(doc.components[0].name, "cache:hitRatio");
        assert_eq!(doc.components[0].health, Health::Warning);
        assert_eq!(doc.observations[0].label, "cache:hitRatio");
        assert_eq!(doc.observations[0].unit, "ratio");
    }

    #[test]
    fn maikai_object_per_key() {
        let doc = read(
            "application/health+json",
            503,
            r#"{"details":{"ledger:lag":{"status":"fail","metricValue":42,"metricUnit":"s",
                 "time":"2031-05-05T05:05:05Z"},
               "ledger:ok":{"status":"pass","metricValue":"fine","metricUnit":"mood"}},
               "status":"fail"}"#,
        );
        assert_eq!(doc.format, Format::HealthJson);
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(doc.version, None);
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(
            found,
            [("ledger:lag", Health::Critical), ("ledger:ok", Health::Ok)]
        );
        assert_eq!(
            doc.components[0].since.as_deref(),
            Some("2031-05-05T05:05:05Z")
        );
        // Only numeric readings are observations.
        assert_eq!(doc.observations.len(), 1);
        // Auto-detected from the body alone as well.
        let plain = super::super::interpret(
            Some("application/json"),
            200,
            br#"{"status":"ok","details":{"a:b":{"status":"warn"}}}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(plain) = plain else {
            panic!("{plain:?}")
        };
        assert_eq!(plain.format, Format::HealthJson);
        assert_eq!(plain.components[0].health, Health::Warning);
    }

    #[test]
    fn origins_name_the_worst_entry_of_each_check_and_where_the_version_was() {
        let doc = read(
            "application/health+json",
            200,
            r#"{"status":"warn","version":"7","checks":{
                "db:responseTime":[{"status":"pass"},{"status":"warn"}],
                "queue":[{"status":"fail"}],
                "empty":[]}}"#,
        );
        assert_eq!(status_origin(&doc), ("$.status", "state word"));
        assert_eq!(doc.explanation.version.as_deref(), Some("$.version"));
        let origins: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.origin.path.as_str(), c.origin.rule))
            .collect();
        assert_eq!(
            origins,
            [
                (
                    "db:responseTime",
                    "$.checks['db:responseTime'][1].status",
                    "state word"
                ),
                ("queue", "$.checks.queue[0].status", "state word"),
                ("empty", "$.checks.empty", "no entries"),
            ]
        );
        // Legacy spellings are named as written; one object per key has no index.
        let legacy = doc_plain(
            r#"{"STATUS":"warn","releaseID":"0.9","details":{"cache:hitRatio":{"status":"warn"}}}"#,
        );
        assert_eq!(legacy.format, Format::HealthJson);
        assert_eq!(legacy.explanation.version.as_deref(), Some("$.releaseID"));
        assert_eq!(
            legacy.explanation.status.map(|s| s.path),
            Some("$.STATUS".to_string())
        );
        assert_eq!(
            legacy.components[0].origin.path,
            "$.details['cache:hitRatio'].status"
        );
        // An array of checks is indexed as written, objects or not.
        let listed = read(
            "application/health+json",
            200,
            r#"{"status":"pass","checks":[1,{"name":"a","status":"pass"}]}"#,
        );
        assert_eq!(listed.components[0].origin.path, "$.checks[1].status");
    }

    #[test]
    fn a_word_no_vocabulary_knows_is_unrecognised_and_an_empty_check_unknown() {
        let doc = read(
            "application/health+json",
            200,
            r#"{"status":"pass","checks":{"x":[{"status":"meh"}],"y":[],"z":[{"status":"degraded"}]}}"#,
        );
        assert_eq!(doc.components[0].health, Health::Unrecognised);
        assert_eq!(doc.components[1].health, Health::Unknown);
        assert_eq!(
            doc.components[2].health,
            Health::Warning,
            "a word health+json does not list falls back to the shared vocabulary"
        );
    }
}
