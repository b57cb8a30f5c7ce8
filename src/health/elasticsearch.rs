//! Elasticsearch `GET /_cluster/health` (`status` green/yellow/red with `cluster_name` and
//! shard counters) and `GET /_health_report` (8.7+: `indicators` of name -> `{"status",
//! "symptom", "details", ...}`, with `unknown` too). Both answer 200 whatever the colour. No
//! version. A read-only block on indices (disk indicator) is reported as maintenance. States are
//! read at `status` and `indicators.<name>.status`.

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::{
    Format, HealthDoc, Observed, Origin, child_path, field, number_of, object, reason_in, text_of,
    word_part, words,
};

/// `cluster_name` and `status`, or `indicators` with a colour.
pub(super) fn looks_like(obj: &Map) -> bool {
    let status = obj.get("status").and_then(Value::as_str);
    (obj.contains_key("cluster_name") && status.is_some())
        || (obj.get("indicators").is_some_and(Value::is_object)
            && status.is_some_and(|word| {
                matches!(
                    words::normalise(word).as_str(),
                    "green" | "yellow" | "red" | "unknown"
                )
            }))
}

/// Cluster-health counters reported as readings: (key, unit).
const READINGS: &[(&str, &str)] = &[
    ("number_of_nodes", "nodes"),
    ("unassigned_shards", "shards"),
    ("active_shards_percent_as_number", "percent"),
    ("number_of_pending_tasks", "tasks"),
    ("task_max_waiting_in_queue_millis", "ms"),
];

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let raw = field(obj, "status")
        .and_then(text_of)
        .ok_or("no `status` field")?;
    let mut doc = HealthDoc::new(Format::Elasticsearch, words::state(&raw), Some(raw));
    doc.explanation.status = Some(Origin::new("$.status", "state word"));
    for (key, unit) in READINGS {
        if let Some(value) = obj.get(key).and_then(number_of) {
            doc.observations.push(Observed {
                label: (*key).into(),
                value,
                unit: (*unit).into(),
            });
        }
    }
    if obj.get("timed_out") == Some(&Value::Bool(true)) {
        doc.reason = Some("timed out waiting for the requested cluster state".into());
    }
    if let Some(Value::Object(indicators)) = field(obj, "indicators") {
        for (name, indicator) in indicators {
            let Some(indicator) = indicator.as_object() else {
                continue;
            };
            let at = child_path("$.indicators", name);
            let mut component = word_part(name, indicator, &at, "status");
            component.reason = reason_in(indicator, &["symptom"]);
            keep_part(&mut doc.components, component);
            let blocked = field(indicator, "details")
                .and_then(Value::as_object)
                .and_then(|details| details.get("indices_with_readonly_block"))
                .and_then(number_of)
                .filter(|count| *count > 0.0);
            if let Some(count) = blocked {
                doc.maintenance = Some(format!("read-only block on {count} indices"));
            }
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{json, origins, status_origin};
    use crate::health::{Format, FormatChoice, Health, HealthDoc, Interpretation, interpret};

    #[test]
    fn cluster_health_colours() {
        for (colour, health) in [
            ("green", Health::Ok),
            ("yellow", Health::Warning),
            ("red", Health::Critical),
        ] {
            let doc = json(
                200,
                &format!(
                    r#"{{"cluster_name":"logs-eu","status":"{colour}","timed_out":false,"number_of_nodes":3,
                    "unassigned_shards":4,"active_shards_percent_as_number":87.5}}"#
                ),
            );
            assert_eq!((doc.format, doc.health), (Format::Elasticsearch, health));
            assert!(doc.components.is_empty());
            assert_eq!(doc.version, None);
            assert_eq!(doc.reason, None);
            let readings: Vec<_> = doc
                .observations
                .iter()
                .map(|o| (o.label.as_str(), o.value))
                .collect();
            assert_eq!(
                readings,
                [
                    ("number_of_nodes", 3.0),
                    ("unassigned_shards", 4.0),
                    ("active_shards_percent_as_number", 87.5)
                ]
            );
        }
        let timed_out = json(
            200,
            r#"{"cluster_name":"c","status":"red","timed_out":true}"#,
        );
        assert!(timed_out.reason.is_some());
    }

    #[test]
    fn health_report_indicators() {
        let doc = json(
            200,
            r#"{"status":"yellow","cluster_name":"logs-eu","indicators":{
            "master_is_stable":{"status":"green","symptom":"The cluster has a stable master node"},
            "disk":{"status":"yellow","symptom":"2 indices are not allowed to be updated.","details":{"indices_with_readonly_block":2}},
            "shards_capacity":{"status":"unknown","symptom":"No data"}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::Elasticsearch, Health::Warning)
        );
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(
            found,
            [
                ("master_is_stable", Health::Ok),
                ("disk", Health::Warning),
                ("shards_capacity", Health::Unknown)
            ]
        );
        assert_eq!(
            doc.components[1].reason.as_deref(),
            Some("2 indices are not allowed to be updated.")
        );
        assert_eq!(
            doc.maintenance.as_deref(),
            Some("read-only block on 2 indices")
        );
        // Detected without cluster_name too.
        let out = interpret(
            None,
            200,
            br#"{"status":"red","indicators":{"ilm":{"status":"red"}}}"#,
            FormatChoice::Auto,
        );
        assert!(matches!(
            out,
            Interpretation::Doc(HealthDoc {
                format: Format::Elasticsearch,
                ..
            })
        ));
    }

    #[test]
    fn origins_are_the_status_and_each_indicators_status() {
        let doc = json(
            200,
            r#"{"status":"yellow","indicators":{"disk":{"status":"yellow"},"shards_capacity":{}}}"#,
        );
        assert_eq!(status_origin(&doc), ("$.status", "state word"));
        let origins = origins(&doc.components);
        assert_eq!(
            origins,
            [
                ("$.indicators.disk.status", "state word"),
                ("$.indicators.shards_capacity", "no state word")
            ]
        );
    }
}
