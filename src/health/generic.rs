//! The fallback for documents of no known format.
//!
//! The state is the first status-like key of the root (`status`, `state`, `outcome`, `health`,
//! `healthy`, `ok`; any case) whose value is a word or a boolean, mapped through the union of
//! every vocabulary. Components are the objects below the root, inside any key and at any depth
//! (up to [`MAX_DEPTH`]), that carry such a key themselves; what lies under a component becomes
//! its children. A root without a status of its own takes the worst of its components. The
//! version is the root's `version`, or `build.version`, `info.version`, `app.version`,
//! `application.version`, `service.version`, `releaseId` (never `system.version`).

use serde_json::{Map, Value};

use super::{
    Component, Format, Health, HealthDoc, MAX_DEPTH, REASON_KEYS, field, first_field, fold,
    reason_in, text_of, version_at, words,
};

const STATUS_KEYS: &[&str] = &["status", "state", "outcome", "health", "healthy", "ok"];
const NAME_KEYS: &[&str] = &[
    "name",
    "id",
    "key",
    "component",
    "componentName",
    "service",
    "check",
];
const TIME_KEYS: &[&str] = &[
    "time",
    "timestamp",
    "since",
    "lastChecked",
    "last_checked",
    "checkedAt",
];
const VERSION_PATHS: &[&[&str]] = &[
    &["version"],
    &["build", "version"],
    &["info", "version"],
    &["app", "version"],
    &["application", "version"],
    &["service", "version"],
    &["releaseId"],
];

/// The status-like key of `obj` and its value as text.
fn status_of(obj: &Map<String, Value>) -> Option<(&'static str, String)> {
    STATUS_KEYS.iter().find_map(|key| {
        let value = field(obj, key)?;
        match value {
            Value::String(_) | Value::Bool(_) => text_of(value).map(|text| (*key, text)),
            _ => None,
        }
    })
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let mut components = Vec::new();
    match value {
        Value::Object(obj) => {
            let status = status_of(obj);
            walk_object(
                obj,
                status.as_ref().map(|(key, _)| *key),
                1,
                &mut components,
            );
            let (health, raw) = match status {
                Some((_, raw)) => (words::generic(&raw), Some(raw)),
                None if !components.is_empty() => (
                    Health::worst_known(components.iter().map(|c| c.health)),
                    None,
                ),
                None => return Err("JSON object without a status field".into()),
            };
            let mut doc = HealthDoc::new(Format::Generic, health, raw);
            doc.components = components;
            doc.version = VERSION_PATHS.iter().find_map(|path| version_at(obj, path));
            doc.reason = reason_in(obj, REASON_KEYS);
            Ok(doc)
        }
        Value::Array(items) => {
            walk_array("item", items, 1, &mut components);
            if components.is_empty() {
                return Err("JSON array without status fields".into());
            }
            let health = Health::worst_known(components.iter().map(|c| c.health));
            let mut doc = HealthDoc::new(Format::Generic, health, None);
            doc.components = components;
            Ok(doc)
        }
        _ => Err("the body is neither a JSON object nor an array".into()),
    }
}

/// A one-line plain-text body that is a known status word (`UP`, `healthy`, `SERVING`...).
pub(super) fn parse_text(text: &str) -> Result<HealthDoc, String> {
    let word = text.trim();
    let wordlike = word
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-'));
    if word.is_empty() || word.len() > 40 || !wordlike {
        return Err("not a single status word".into());
    }
    match words::generic(word) {
        Health::Unknown => Err("not a known status word".into()),
        health => Ok(HealthDoc::new(Format::Generic, health, Some(word.into()))),
    }
}

/// Components among the values of `obj`, skipping its own status key.
fn walk_object(
    obj: &Map<String, Value>,
    own_status: Option<&str>,
    depth: usize,
    out: &mut Vec<Component>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for (key, value) in obj {
        if own_status.is_some_and(|status| key.eq_ignore_ascii_case(status)) {
            continue;
        }
        match value {
            Value::Object(child) => match status_of(child) {
                Some((status_key, raw)) => out.push(component(key, child, status_key, raw, depth)),
                None => walk_object(child, None, depth + 1, out),
            },
            Value::Array(items) => walk_array(key, items, depth + 1, out),
            _ => {}
        }
    }
}

fn walk_array(key: &str, items: &[Value], depth: usize, out: &mut Vec<Component>) {
    if depth > MAX_DEPTH {
        return;
    }
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Object(child) => match status_of(child) {
                Some((status_key, raw)) => {
                    let name = first_field(child, NAME_KEYS)
                        .and_then(text_of)
                        .unwrap_or_else(|| format!("{key}[{index}]"));
                    out.push(component(&name, child, status_key, raw, depth));
                }
                None => walk_object(child, None, depth + 1, out),
            },
            Value::Array(nested) => walk_array(key, nested, depth + 1, out),
            _ => {}
        }
    }
}

fn component(
    name: &str,
    obj: &Map<String, Value>,
    status_key: &str,
    raw: String,
    depth: usize,
) -> Component {
    let mut component = Component::new(name, words::generic(&raw), raw);
    component.reason = reason_in(obj, REASON_KEYS);
    component.since = first_field(obj, TIME_KEYS)
        .and_then(text_of)
        .and_then(|t| fold(&t));
    walk_object(obj, Some(status_key), depth + 1, &mut component.children);
    component
}

#[cfg(test)]
mod tests {
    use crate::health::testing::json;
    use crate::health::{Format, FormatChoice, Health, Interpretation, interpret};

    #[test]
    fn status_word_components_and_version() {
        let doc = json(
            200,
            r#"{"state":"Healthy","build":{"version":"5.0.2","commit":"abc"},
            "system":{"version":"go1.1"},
            "dependencies":{"primary":{"healthy":false,"error":"timeout\nafter 2s","checkedAt":"2034-04-04T04:04:04Z"},
                            "replicas":[{"name":"r1","state":"degraded"},{"state":"ok"}]}}"#,
        );
        assert_eq!((doc.format, doc.health), (Format::Generic, Health::Ok));
        assert_eq!(doc.raw_status.as_deref(), Some("Healthy"));
        assert_eq!(doc.version.as_deref(), Some("5.0.2"));
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health, c.raw_status.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("primary", Health::Critical, "false"),
                ("r1", Health::Warning, "degraded"),
                ("replicas[1]", Health::Ok, "ok")
            ]
        );
        assert_eq!(
            doc.components[0].reason.as_deref(),
            Some("timeout after 2s")
        );
        assert_eq!(
            doc.components[0].since.as_deref(),
            Some("2034-04-04T04:04:04Z")
        );
    }

    #[test]
    fn etcd_health() {
        let doc = json(200, r#"{"health":"true","reason":""}"#);
        assert_eq!((doc.format, doc.health), (Format::Generic, Health::Ok));
        let doc = super::super::interpret(
            None,
            503,
            br#"{"health":"false","reason":"RAFT NO LEADER"}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(doc.reason.as_deref(), Some("RAFT NO LEADER"));
    }

    #[test]
    fn root_without_status_takes_the_worst_component() {
        let doc = json(
            200,
            r#"{"services":{"a":{"status":"up"},"b":{"status":"warning"},"c":{"status":"whatever"}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health, doc.raw_status),
            (Format::Generic, Health::Warning, None)
        );
        let doc = super::super::interpret(
            None,
            200,
            br#"[{"name":"x","status":"ok"},{"name":"y","status":"down"}]"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(
            (doc.format, doc.health),
            (Format::Generic, Health::Critical)
        );
        assert_eq!(doc.components[1].name, "y");
    }

    #[test]
    fn nested_children() {
        let doc = json(
            200,
            r#"{"status":"ok","deps":{"db":{"status":"ok","replicas":{"r1":{"status":"fail"}}}}}"#,
        );
        assert_eq!(doc.components.len(), 1);
        assert_eq!(doc.components[0].children.len(), 1);
        assert_eq!(doc.components[0].children[0].health, Health::Critical);
    }

    #[test]
    fn read_only_and_maintenance_flags() {
        let doc = json(200, r#"{"status":"ok","read_only":true}"#);
        assert_eq!(doc.maintenance.as_deref(), Some("read-only"));
        let doc = super::super::interpret(
            None,
            200,
            br#"{"status":"ok","maintenance":false}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(doc.maintenance, None);
        let doc = super::super::interpret(
            None,
            503,
            br#"{"status":"maintenance"}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!()
        };
        assert_eq!(
            (doc.health, doc.maintenance.as_deref()),
            (Health::Maintenance, Some("maintenance"))
        );
    }

    #[test]
    fn single_words_in_plain_text() {
        for (body, health) in [
            ("UP", Health::Ok),
            ("SERVING", Health::Ok),
            ("down", Health::Critical),
            ("pass", Health::Ok),
        ] {
            let out = interpret(Some("text/plain"), 200, body.as_bytes(), FormatChoice::Auto);
            let Interpretation::Doc(doc) = out else {
                panic!("{out:?}")
            };
            assert_eq!(
                (doc.format, doc.health),
                (Format::Generic, health),
                "{body}"
            );
        }
        let out = interpret(
            Some("text/plain"),
            200,
            b"all good here, thanks",
            FormatChoice::Auto,
        );
        assert!(matches!(out, Interpretation::Unrecognised(_)));
    }

    #[test]
    fn no_status_anywhere() {
        let out = interpret(
            Some("application/json"),
            200,
            br#"{"uptime":12,"nested":{"x":[1,2,{"y":null}]}}"#,
            FormatChoice::Auto,
        );
        assert_eq!(
            out,
            Interpretation::Unrecognised("JSON object without a status field".into())
        );
    }
}
