//! "Never a silent OK", as properties of the whole reading and judging pipeline over generated
//! documents in the dialects real services speak:
//!
//! * adding a failing leaf at any place the reader takes as a component never improves the
//!   verdict (and a document with a failing part is never OK);
//! * a healthy document stays OK when data fields (counters, figures, timestamps, names) are
//!   added anywhere.
//!
//! The verdict is the real one: the body is read as a run reads it and judged by `evaluate`.

use std::time::Duration;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use serde_json_path::JsonPath;

use super::*;
use crate::evaluate::{Expectations, evaluate, target_status};
use crate::observation::{Observation, Reading, RequestSeen, Response, VersionFound};
use crate::verdict::Status;

/// The verdict of `body` served with HTTP 200 and `application/json`.
fn verdict(body: &Value) -> (Status, Interpretation) {
    let bytes = serde_json::to_vec(body).expect("serialises");
    let read = Body::read(&bytes);
    let document = interpret_body(
        Some("application/json"),
        200,
        &read,
        &ReadOptions::default(),
    );
    let observation = Observation {
        response: Some(Response {
            protocol: crate::observation::Protocol::Http,
            status: 200,
            version: "HTTP/1.1".into(),
            headers: vec![],
            body: bytes.clone(),
            body_capped: false,
            time_to_headers: Duration::from_millis(1),
            peer_certificate: None,
        }),
        failure: None,
        elapsed: Duration::from_millis(1),
        attempts: 1,
        started_at: std::time::SystemTime::UNIX_EPOCH,
        redirects: Vec::new(),
        remote: None,
        request: RequestSeen {
            method: "GET".into(),
            url: "http://t.test/".into(),
            headers: vec![],
        },
    };
    let reading = Reading {
        document: Some(document.clone()),
        version: VersionFound::Missing("not asked".into()),
        json: read
            .json
            .as_ref()
            .map(|value| std::sync::Arc::new(value.to_serde()))
            .map_err(Clone::clone),
        certificate: None,
    };
    let checks = evaluate(&observation, &reading, &Expectations::default(), 1 << 20);
    (target_status(&checks), document)
}

/// How bad a verdict is, for "never improves": OK < WARNING < CRITICAL and UNKNOWN (both say
/// the service is not known to be healthy).
fn rank(status: Status) -> u8 {
    match status {
        Status::Ok => 0,
        Status::Warning => 1,
        Status::Critical | Status::Unknown => 2,
    }
}

/// Every component's origin path, depth first.
fn origins(components: &[Component], out: &mut Vec<String>) {
    for component in components {
        if !component.origin.path.is_empty() {
            out.push(component.origin.path.clone());
        }
        origins(&component.children, out);
    }
}

/// `body` with the part whose state was read at `path` made to fail: a text entry becomes
/// `down`; the object holding the deciding value (a state key or a flag), or the part's object
/// itself, gets `"status": "down"`.
fn with_failing_leaf(body: &Value, path: &str) -> Option<Value> {
    let parsed = JsonPath::parse(path).ok()?;
    let location = parsed.query_located(body).first()?.location().clone();
    let steps: Vec<(Option<String>, Option<usize>)> = location
        .iter()
        .map(|e| (e.as_name().map(str::to_string), e.as_index()))
        .collect();
    let mut changed = body.clone();
    let Some(((last_name, last_index), parents)) = steps.split_last() else {
        changed
            .as_object_mut()?
            .insert("status".into(), json!("down"));
        return Some(changed);
    };
    let mut node = &mut changed;
    for (name, index) in parents {
        node = match (name, index) {
            (Some(name), _) => node.get_mut(name.as_str())?,
            (None, Some(index)) => node.get_mut(*index)?,
            _ => return None,
        };
    }
    match (last_name, last_index) {
        (Some(name), _) => {
            let holder = node.as_object_mut()?;
            let value = holder.get_mut(name.as_str())?;
            let deciding_key = value.is_boolean()
                || value.is_null()
                || matches!(
                    name.as_str(),
                    "status" | "state" | "health" | "level" | "condition" | "outcome" | "overall"
                );
            if let Value::Object(part) = value {
                part.insert("status".into(), json!("down"));
            } else if deciding_key {
                holder.insert("status".into(), json!("down"));
            } else {
                *value = json!("down");
            }
        }
        (None, Some(index)) => {
            let item = node.get_mut(*index)?;
            match item {
                Value::Object(part) => {
                    part.insert("status".into(), json!("down"));
                }
                other => *other = json!("down"),
            }
        }
        _ => return None,
    }
    Some(changed)
}

const NAMES: &[&str] = &["db", "cache", "queue", "search", "mail", "storage"];
const OK_WORDS: &[&str] = &[
    "ok",
    "UP",
    "healthy",
    "pass",
    "green",
    "available",
    "SERVING",
    "working",
];
const ANY_WORDS: &[&str] = &[
    "ok",
    "UP",
    "healthy",
    "pass",
    "degraded",
    "warn",
    "down",
    "fail",
    "red",
    "unknown",
    "starting",
    "OUT_OF_SERVICE",
    "Partially Available",
    "not ready",
];
const DATA_KEYS: &[&str] = &[
    "uptime",
    "connections",
    "latency_ms",
    "started_at",
    "hostname",
    "commit",
    "region",
    "pid",
    "goroutines",
    "heap_bytes",
    "requests_total",
    "checked_at",
    "node_id",
];

fn data_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u32>().prop_map(Value::from),
        (0.0f64..1e6).prop_map(Value::from),
        Just(json!("2034-04-04T04:04:04Z")),
        Just(json!("9f2c1e7")),
        Just(json!("web-1.example.test")),
        Just(json!("eu-west-1")),
        Just(json!([1, 2, 3])),
        Just(json!({"total": 10, "free": 4})),
    ]
}

/// One part in a dialect real services use, with `words` as its states.
fn part(words: &'static [&'static str]) -> impl Strategy<Value = Value> {
    let word = proptest::sample::select(words);
    prop_oneof![
        word.clone().prop_map(|w| json!(w)),
        word.clone().prop_map(|w| json!({"status": w})),
        (
            word.clone(),
            proptest::sample::select(DATA_KEYS),
            data_value()
        )
            .prop_map(|(w, k, v)| json!({"state": w, k: v})),
        proptest::sample::select(&[true][..]).prop_map(|b| json!({"healthy": b})),
        word.prop_map(|w| json!({"status": {"level": w}})),
    ]
}

/// A document: a root state (or none), and parts under containers, in check arrays, under
/// `*_status` keys and as named objects.
fn document(words: &'static [&'static str]) -> impl Strategy<Value = Value> {
    let root = proptest::option::of(proptest::sample::select(words));
    let container = proptest::collection::vec((proptest::sample::select(NAMES), part(words)), 0..4);
    let array = proptest::collection::vec(
        (
            proptest::sample::select(NAMES),
            proptest::sample::select(words),
        ),
        0..4,
    );
    let suffixed = proptest::option::of(proptest::sample::select(words));
    let nested = proptest::option::of((proptest::sample::select(NAMES), part(words)));
    (root, container, array, suffixed, nested).prop_map(
        |(root, container, array, suffixed, nested)| {
            let mut doc = Map::new();
            if let Some(word) = root {
                doc.insert("status".into(), json!(word));
            }
            if !container.is_empty() {
                let checks: Map<String, Value> = container
                    .into_iter()
                    .map(|(name, part)| (name.to_string(), part))
                    .collect();
                doc.insert("checks".into(), Value::Object(checks));
            }
            if !array.is_empty() {
                let items: Vec<Value> = array
                    .into_iter()
                    .map(|(name, word)| json!({"name": name, "state": word}))
                    .collect();
                doc.insert("results".into(), Value::Array(items));
            }
            if let Some(word) = suffixed {
                doc.insert("database_status".into(), json!(word));
            }
            if let Some((name, part)) = nested {
                doc.insert(
                    format!("{name}_service"),
                    json!({"status": "ok", "backend": part}),
                );
            }
            Value::Object(doc)
        },
    )
}

/// `body` with the data field `key: value` added to its `target`-th object (depth first,
/// counting the root; wrapping around).
fn with_data(body: &Value, target: usize, key: &str, value: &Value) -> Value {
    fn count(node: &Value) -> usize {
        match node {
            Value::Object(map) => 1 + map.values().map(count).sum::<usize>(),
            Value::Array(items) => items.iter().map(count).sum(),
            _ => 0,
        }
    }
    fn insert(node: &mut Value, left: &mut usize, key: &str, value: &Value) -> bool {
        match node {
            Value::Object(map) => {
                if *left == 0 {
                    map.insert(key.to_string(), value.clone());
                    return true;
                }
                *left -= 1;
                map.values_mut()
                    .any(|child| insert(child, left, key, value))
            }
            Value::Array(items) => items.iter_mut().any(|item| insert(item, left, key, value)),
            _ => false,
        }
    }
    let mut changed = body.clone();
    let mut left = target % count(body).max(1);
    insert(&mut changed, &mut left, key, value);
    changed
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_failing_leaf_at_any_component_never_improves_the_verdict(doc in document(ANY_WORDS)) {
        let (before, reading) = verdict(&doc);
        let Interpretation::Doc(read) = reading else {
            return Ok(());
        };
        let mut paths = Vec::new();
        origins(&read.components, &mut paths);
        for path in paths {
            let Some(changed) = with_failing_leaf(&doc, &path) else {
                continue;
            };
            let (after, _) = verdict(&changed);
            prop_assert!(
                rank(after) >= rank(before) && after != Status::Ok,
                "{path}: {before:?} -> {after:?}\nbefore {doc}\nafter  {changed}"
            );
        }
    }

    #[test]
    fn a_healthy_document_stays_ok_when_data_fields_are_added(
        doc in document(OK_WORDS),
        fields in proptest::collection::vec(
            (any::<usize>(), proptest::sample::select(DATA_KEYS), data_value()),
            1..6,
        ),
    ) {
        let (before, _) = verdict(&doc);
        // An empty or stateless document is no health document; it has no verdict to keep.
        prop_assume!(before == Status::Ok);
        let mut changed = doc.clone();
        for (target, key, value) in &fields {
            changed = with_data(&changed, *target, key, value);
        }
        let (after, _) = verdict(&changed);
        prop_assert_eq!(after, Status::Ok, "before {}\nafter  {}", doc, changed);
    }
}

#[test]
fn a_failing_leaf_lands_on_the_part_its_origin_names_and_makes_a_healthy_document_fail() {
    let doc = json!({
        "status": "ok",
        "checks": {"db": {"healthy": true}, "cache": "ok", "queue": {"status": {"level": "green"}}},
        "results": [{"name": "search", "state": "pass"}],
        "database_status": "OK",
    });
    let (before, reading) = verdict(&doc);
    assert_eq!(before, Status::Ok);
    let Interpretation::Doc(read) = reading else {
        panic!("{reading:?}")
    };
    let mut paths = Vec::new();
    origins(&read.components, &mut paths);
    assert_eq!(paths.len(), 5, "{paths:?}");
    for path in paths {
        let changed = with_failing_leaf(&doc, &path).expect("a place to fail");
        assert_ne!(changed, doc, "{path}");
        assert_eq!(verdict(&changed).0, Status::Critical, "{path}: {changed}");
    }
}
