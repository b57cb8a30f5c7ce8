//! ASP.NET Core health checks.
//!
//! * Default writer: `text/plain`, the body is exactly `Healthy`, `Degraded` or `Unhealthy`.
//! * HealthChecks.UI.Client's UIResponseWriter: `{"status", "totalDuration", "entries": {name:
//!   {"status", "description"?, "duration", "exception"?, "data", "tags"}}}` with .NET TimeSpan
//!   durations (`[d.]hh:mm:ss[.fffffff]`).
//! * Hand-written writers: Microsoft's sample uses `results`; serialising `HealthReport` gives
//!   PascalCase keys and numeric statuses (2, 1, 0). Keys are matched case-insensitively, so
//!   the paths recorded for each state spell them as the document does (`$.Entries.Feed.Status`).

use crate::json::{Map, Value};

use super::{
    Component, Format, Health, HealthDoc, Observed, Origin, child_path, field, first_field,
    index_path, member_path, object, reason_in, text_of, words,
};

/// An `entries` collection with `totalDuration` or an ASP.NET status word, or a `results`
/// object with an ASP.NET status word.
pub(super) fn looks_like(obj: &Map) -> bool {
    let known_word = field(obj, "status").and_then(text_of).is_some_and(|word| {
        matches!(
            words::normalise(&word).as_str(),
            "healthy" | "degraded" | "unhealthy" | "0" | "1" | "2"
        )
    });
    let entries = field(obj, "entries").is_some_and(|e| e.is_object() || e.is_array());
    let results = field(obj, "results").is_some_and(Value::is_object);
    (entries && (known_word || field(obj, "totalDuration").is_some())) || (results && known_word)
}

pub(super) fn parse(value: &Value) -> Result<HealthDoc, String> {
    let obj = object(value)?;
    let raw = field(obj, "status")
        .and_then(text_of)
        .ok_or("no `status` field")?;
    let mut doc = HealthDoc::new(Format::AspNetJson, status_word(&raw), Some(raw));
    doc.explanation.status = Some(Origin::new(member_path(obj, "$", "status"), "state word"));
    let entries = ["entries", "results"]
        .iter()
        .find_map(|key| field(obj, key).map(|value| (value, member_path(obj, "$", key))));
    match entries {
        Some((Value::Object(entries), at)) => {
            for (name, entry) in entries {
                if let Some(entry) = entry.as_object() {
                    let here = child_path(&at, name);
                    doc.components
                        .push(entry_component(name, entry, &here, &mut doc.observations));
                }
            }
        }
        Some((Value::Array(entries), at)) => {
            let entries = entries
                .iter()
                .enumerate()
                .filter_map(|(i, entry)| entry.as_object().map(|e| (index_path(&at, i), e)));
            // Unnamed entries are numbered among the objects, as they are read.
            for (index, (here, entry)) in entries.enumerate() {
                let name = first_field(entry, &["name", "key"])
                    .and_then(text_of)
                    .unwrap_or_else(|| format!("entry #{}", index + 1));
                doc.components
                    .push(entry_component(&name, entry, &here, &mut doc.observations));
            }
        }
        _ => {}
    }
    if let Some(seconds) = field(obj, "totalDuration").and_then(duration_seconds) {
        doc.observations.push(Observed {
            label: "totalDuration".into(),
            value: seconds,
            unit: "s".into(),
        });
    }
    Ok(doc)
}

/// The entry `name` found at `path`.
fn entry_component(
    name: &str,
    entry: &Map,
    path: &str,
    observations: &mut Vec<Observed>,
) -> Component {
    let raw = field(entry, "status").and_then(text_of);
    let origin = match raw {
        Some(_) => Origin::new(member_path(entry, path, "status"), "state word"),
        None => Origin::new(path, "no state word"),
    };
    let raw = raw.unwrap_or_default();
    let mut component = Component::new(name, status_word(&raw), raw);
    component.origin = origin;
    component.reason = reason_in(entry, &["exception", "description"]);
    if let Some(seconds) = field(entry, "duration").and_then(duration_seconds) {
        observations.push(Observed {
            label: format!("{name}:duration"),
            value: seconds,
            unit: "s".into(),
        });
    }
    component
}

/// A `HealthStatus` as written: its name, or the enum value (2, 1, 0) that serialising a
/// `HealthReport` without a string converter gives.
fn status_word(word: &str) -> Health {
    match words::normalise(word).as_str() {
        "2" => Health::Ok,
        "1" => Health::Warning,
        "0" => Health::Critical,
        _ => words::state(word),
    }
}

/// The default writer's plain-text body.
pub(super) fn parse_text(text: &str) -> Result<HealthDoc, String> {
    let word = text.trim();
    match words::normalise(word).as_str() {
        "healthy" | "degraded" | "unhealthy" if word.chars().all(char::is_alphabetic) => {
            let mut doc = HealthDoc::new(Format::AspNetText, status_word(word), Some(word.into()));
            // Plain text has no path: the whole body is the word.
            doc.explanation.status = Some(Origin::new("", "state word"));
            Ok(doc)
        }
        _ => Err("the body is not exactly Healthy, Degraded or Unhealthy".into()),
    }
}

/// A .NET TimeSpan string (`[-][d.]hh:mm:ss[.fffffff]`) in seconds.
fn duration_seconds(value: &Value) -> Option<f64> {
    let text = value.as_str()?.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = text.split(':');
    let (first, minutes, seconds) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (days, hours) = match first.split_once('.') {
        Some((days, hours)) => (days, hours),
        None => ("0", first),
    };
    let whole = |part: &str| -> Option<f64> {
        (!part.is_empty() && part.len() <= 9 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<f64>().ok())
            .flatten()
    };
    let (secs, fraction) = match seconds.split_once('.') {
        Some((secs, fraction)) => (secs, fraction),
        None => (seconds, ""),
    };
    let fraction = if fraction.is_empty() {
        0.0
    } else {
        whole(fraction)? / 10f64.powi(i32::try_from(fraction.len()).ok()?)
    };
    let total = whole(days)? * 86_400.0
        + whole(hours)? * 3_600.0
        + whole(minutes)? * 60.0
        + whole(secs)?
        + fraction;
    Some(if negative { -total } else { total })
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{origins, read, status_origin};
    use crate::json::Value;
    use serde_json::json;

    use super::duration_seconds;
    use crate::health::{Format, FormatChoice, Health, Interpretation};

    #[test]
    fn plain_text_words() {
        for (body, health) in [
            ("Healthy", Health::Ok),
            ("Degraded", Health::Warning),
            ("Unhealthy\n", Health::Critical),
        ] {
            let doc = read("text/plain", 200, body);
            assert_eq!(
                (doc.format, doc.health),
                (Format::AspNetText, health),
                "{body}"
            );
            assert_eq!(doc.raw_status.as_deref(), Some(body.trim()));
            assert!(doc.components.is_empty());
        }
    }

    #[test]
    fn ui_response_writer() {
        let doc = read(
            "application/json",
            503,
            r#"{"status":"Unhealthy","totalDuration":"00:00:01.2500000","entries":{
                "blob-store":{"data":{},"description":"container missing","duration":"00:00:01.2000000",
                    "exception":"Azure.RequestFailedException: 404\nStatus: 404","status":"Unhealthy","tags":["storage"]},
                "self":{"data":{},"duration":"00:00:00.0000100","status":"Healthy","tags":[]},
                "smtp":{"data":{},"description":"slow relay","duration":"1.00:00:00","status":"Degraded","tags":[]}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::AspNetJson, Health::Critical)
        );
        let found: Vec<_> = doc
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.health))
            .collect();
        assert_eq!(
            found,
            [
                ("blob-store", Health::Critical),
                ("self", Health::Ok),
                ("smtp", Health::Warning)
            ]
        );
        assert_eq!(
            doc.components[0].reason.as_deref(),
            Some("Azure.RequestFailedException: 404 Status: 404")
        );
        assert_eq!(doc.components[2].reason.as_deref(), Some("slow relay"));
        let readings: Vec<_> = doc
            .observations
            .iter()
            .map(|o| (o.label.as_str(), o.value, o.unit.as_str()))
            .collect();
        assert_eq!(readings[0], ("blob-store:duration", 1.2, "s"));
        assert_eq!(readings[2], ("smtp:duration", 86_400.0, "s"));
        assert_eq!(readings[3], ("totalDuration", 1.25, "s"));
        assert_eq!(doc.version, None);
    }

    #[test]
    fn pascal_case_numeric_statuses_and_results() {
        let doc = read(
            "application/json",
            200,
            r#"{"Status":1,"TotalDuration":"00:00:00.5","Entries":{"Feed":{"Status":1,"Description":"lagging"}}}"#,
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::AspNetJson, Health::Warning)
        );
        assert_eq!(doc.raw_status.as_deref(), Some("1"));
        assert_eq!(doc.components[0].health, Health::Warning);
        assert_eq!(doc.components[0].reason.as_deref(), Some("lagging"));
        let doc = super::super::interpret(
            None,
            200,
            br#"{"status":"Healthy","results":{"db":{"status":"Healthy","description":null,"data":{}}}}"#,
            FormatChoice::Auto,
        );
        let Interpretation::Doc(doc) = doc else {
            panic!("{doc:?}")
        };
        assert_eq!((doc.format, doc.health), (Format::AspNetJson, Health::Ok));
        assert_eq!(doc.components[0].name, "db");
    }

    #[test]
    fn origins_spell_keys_as_the_document_does() {
        let doc = read(
            "application/json",
            200,
            r#"{"Status":1,"TotalDuration":"00:00:00.5","Entries":{"Feed":{"Status":1},"odd key":{}}}"#,
        );
        assert_eq!(status_origin(&doc), ("$.Status", "state word"));
        let origins = origins(&doc.components);
        assert_eq!(
            origins,
            [
                ("$.Entries.Feed.Status", "state word"),
                ("$.Entries['odd key']", "no state word")
            ]
        );
        let listed = read(
            "application/json",
            503,
            r#"{"status":"Unhealthy","totalDuration":"00:00:01","entries":[null,{"name":"db","status":"Unhealthy"}]}"#,
        );
        assert_eq!(listed.components[0].name, "db");
        assert_eq!(listed.components[0].origin.path, "$.entries[1].status");
        let text = read("text/plain", 200, "Degraded");
        assert_eq!(
            text.explanation.status.map(|s| (s.path, s.rule)),
            Some((String::new(), "state word"))
        );
        assert_eq!(doc.explanation.version, None);
    }

    #[test]
    fn timespans() {
        assert_eq!(
            duration_seconds(&Value::from(json!("00:00:00.0015000"))),
            Some(0.0015)
        );
        assert_eq!(
            duration_seconds(&Value::from(json!("2.01:00:30"))),
            Some(2.0 * 86_400.0 + 3_630.0)
        );
        assert_eq!(
            duration_seconds(&Value::from(json!("-00:00:01"))),
            Some(-1.0)
        );
        assert_eq!(duration_seconds(&Value::from(json!("garbage"))), None);
        assert_eq!(duration_seconds(&Value::from(json!("1:2:3:4"))), None);
        assert_eq!(
            duration_seconds(&Value::from(json!("00:00:00.99999999999999999999"))),
            None
        );
        assert_eq!(duration_seconds(&Value::from(json!(12))), None);
    }
}
