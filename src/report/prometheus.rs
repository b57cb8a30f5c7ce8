//! Prometheus text exposition (format 0.0.4), for node_exporter's textfile collector: a cron job
//! writes the report to a temporary file and renames it into the collector's directory.
//!
//! Every family has `# HELP` and `# TYPE` lines and is written once, in the fixed order of
//! [`families`]; within a family the series follow the target order (and, for components, the
//! document's order). Families without a sample are left out. Every value is a gauge: each file
//! describes one run, so nothing here counts up across runs.
//!
//! Choices a reader of the metrics needs to know:
//!
//! - A target's state is given twice. `healthprobe_status` is the Nagios code (0..3), for
//!   graphs and `== 2` alerts; its numbers are not ordered by severity (3 UNKNOWN is milder than
//!   2 CRITICAL), so `healthprobe_state{state="..."}` is also written, a state set with 1 for the
//!   current state and 0 for the others, which sums and counts correctly (`sum by (state)`).
//! - `healthprobe_component_up` answers "does the component serve": 1 when its document says ok
//!   or warning (degraded but answering), 0 when it says down/fail or maintenance (not serving,
//!   even if on purpose). A component whose state is unknown has no `component_up` sample, as a
//!   value of either kind would be a guess. `healthprobe_component_state` is the document's word
//!   as a state set (ok, warning, critical, unknown, maintenance), so alerts can tell
//!   maintenance from an outage. These are what the document says, before `--ignore-component`
//!   or `--noncritical` weigh in; the policy's outcome is in `healthprobe_status`.
//! - The certificate's expiry is a Unix timestamp (the leaf's notAfter), as blackbox_exporter's
//!   `probe_ssl_earliest_cert_expiry` is, so the value is fixed between renewals and alerts
//!   subtract `time()`; the `_timestamp_seconds` suffix says so.
//! - Series must be unique or the collector rejects the whole file. A target whose `target` and
//!   `url` labels repeat an earlier target's (the same URL twice, or credentials that differ only
//!   inside the redacted part) gets `#2`, `#3`, ... appended to its `target` label; components
//!   that share a path are merged into one series with the worst of their states; a later
//!   `--metric` with an earlier one's label and unit is dropped.
//!
//! Label values are escaped as the format requires (`\\`, `\"`, `\n`) and URLs are always
//! redacted.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::time::{Duration, SystemTime};

use super::OutputOptions;
use super::{Report, TargetResult};
use crate::evaluate::CheckKind;
use crate::health::{Component, Health, Interpretation};
use crate::verdict::Status;

/// One series: its labels (valid names, raw values) and its value.
struct Sample {
    labels: Vec<(&'static str, String)>,
    value: f64,
}

/// One metric family. Every family here is a gauge.
struct Family {
    name: &'static str,
    help: &'static str,
    samples: Vec<Sample>,
}

impl Family {
    fn new(name: &'static str, help: &'static str) -> Family {
        Family {
            name,
            help,
            samples: Vec::new(),
        }
    }

    fn push(&mut self, labels: Vec<(&'static str, String)>, value: f64) {
        self.samples.push(Sample { labels, value });
    }
}

const TARGET_STATES: [(Status, &str); 4] = [
    (Status::Ok, "ok"),
    (Status::Warning, "warning"),
    (Status::Critical, "critical"),
    (Status::Unknown, "unknown"),
];

const COMPONENT_STATES: [(Health, &str); 6] = [
    (Health::Ok, "ok"),
    (Health::Warning, "warning"),
    (Health::Critical, "critical"),
    (Health::Unknown, "unknown"),
    (Health::Maintenance, "maintenance"),
    (Health::Unrecognised, "unrecognised"),
];

pub fn render(report: &Report, _options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(exposition(&families(report)).as_bytes())
}

/// Every family of the report, in output order.
fn families(report: &Report) -> Vec<Family> {
    let mut up = Family::new(
        "healthprobe_up",
        "1 when the target answered (an HTTP response arrived), 0 when it did not.",
    );
    let mut status = Family::new(
        "healthprobe_status",
        "The target's Nagios state code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
    );
    let mut state = Family::new(
        "healthprobe_state",
        "The target's state as a state set: 1 for the current state, 0 for the others.",
    );
    let mut response_seconds = Family::new(
        "healthprobe_response_seconds",
        "Seconds from sending the request to the end of the response, when a response arrived.",
    );
    let mut http_status = Family::new(
        "healthprobe_http_status",
        "The HTTP status code of the response, when a response arrived.",
    );
    let mut attempts = Family::new(
        "healthprobe_attempts",
        "How many times the request was sent (--retries); 0 when the target was not probed.",
    );
    let mut component_up = Family::new(
        "healthprobe_component_up",
        "1 when the health document says the component is ok or warning, 0 when down, failing \
         or in maintenance; no sample when its state is unknown.",
    );
    let mut component_state = Family::new(
        "healthprobe_component_state",
        "The component's state as its health document gives it, as a state set: 1 for the \
         current state, 0 for the others.",
    );
    let mut version_info = Family::new(
        "healthprobe_version_info",
        "The version the service reports, in the version label; always 1.",
    );
    let mut cert_expiry = Family::new(
        "healthprobe_cert_expiry_timestamp_seconds",
        "When the server's TLS certificate expires (its notAfter), as a Unix timestamp.",
    );
    let mut metric = Family::new(
        "healthprobe_metric",
        "A number read from the response body by a --metric rule, with the rule's label and unit.",
    );

    for (result, name) in report.results.iter().zip(target_labels(report)) {
        let base = vec![("target", name), ("url", result.target.url.clone())];
        let with = |extra: &[(&'static str, &str)]| {
            let mut labels = base.clone();
            labels.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
            labels
        };
        let observation = &result.observation;

        up.push(base.clone(), bool_value(observation.response.is_some()));
        status.push(base.clone(), f64::from(result.status.nagios_code()));
        for (candidate, label) in TARGET_STATES {
            state.push(
                with(&[("state", label)]),
                bool_value(result.status == candidate),
            );
        }
        if let Some(response) = &observation.response {
            response_seconds.push(base.clone(), observation.elapsed.as_secs_f64());
            http_status.push(base.clone(), f64::from(response.status));
        }
        attempts.push(base.clone(), f64::from(observation.attempts));

        for (path, health) in components(result) {
            if let Some(is_up) = component_is_up(health) {
                component_up.push(with(&[("component", &path)]), bool_value(is_up));
            }
            for (candidate, label) in COMPONENT_STATES {
                component_state.push(
                    with(&[("component", &path), ("state", label)]),
                    bool_value(health == candidate),
                );
            }
        }

        if let Some(version) = result.reading.version.value() {
            version_info.push(with(&[("version", version)]), 1.0);
        }
        if let Some(Ok(expiry)) = &result.reading.certificate {
            cert_expiry.push(base.clone(), expiry.not_after as f64);
        }
        let measured = result
            .checks
            .iter()
            .filter(|check| check.kind == CheckKind::Metric)
            .filter_map(|check| check.perfdata.as_ref());
        for item in measured {
            let Some(value) = item.value.as_deref().and_then(|v| v.parse::<f64>().ok()) else {
                continue;
            };
            metric.push(with(&[("label", &item.label), ("unit", &item.unit)]), value);
        }
    }

    let mut run_status = Family::new(
        "healthprobe_run_status",
        "The run's overall Nagios state code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
    );
    run_status.push(Vec::new(), f64::from(report.overall.nagios_code()));
    let mut run_duration = Family::new(
        "healthprobe_run_duration_seconds",
        "How long the whole run took, in seconds.",
    );
    run_duration.push(Vec::new(), report.elapsed.as_secs_f64());
    let mut last_run = Family::new(
        "healthprobe_last_run_timestamp_seconds",
        "When the run ended, as a Unix timestamp.",
    );
    last_run.push(Vec::new(), unix_seconds(report.started_at, report.elapsed));

    vec![
        up,
        status,
        state,
        response_seconds,
        http_status,
        attempts,
        component_up,
        component_state,
        version_info,
        cert_expiry,
        metric,
        run_status,
        run_duration,
        last_run,
    ]
}

/// The `target` label of each result, in order: its name, which the plan made unique.
fn target_labels(report: &Report) -> Vec<String> {
    report
        .results
        .iter()
        .map(|result| result.target.name.clone())
        .collect()
}

/// Every component of a target's health document as `(path, state)`, depth first in document
/// order, paths joined with `/` as in checks (`db/primary`). Components that share a path get
/// one entry, at the first one's place, with the worst of their states.
fn components(result: &TargetResult) -> Vec<(String, Health)> {
    let Some(Interpretation::Doc(doc)) = &result.reading.document else {
        return Vec::new();
    };
    let mut all = Vec::new();
    let mut index = HashMap::new();
    walk(&doc.components, "", &mut all, &mut index);
    all
}

fn walk(
    components: &[Component],
    prefix: &str,
    all: &mut Vec<(String, Health)>,
    index: &mut HashMap<String, usize>,
) {
    for component in components {
        let path = if prefix.is_empty() {
            component.name.clone()
        } else {
            format!("{prefix}/{}", component.name)
        };
        match index.get(&path) {
            Some(&at) => all[at].1 = all[at].1.worst(component.health),
            None => {
                index.insert(path.clone(), all.len());
                all.push((path.clone(), component.health));
            }
        }
        walk(&component.children, &path, all, index);
    }
}

/// Whether a component in this state serves; `None` when its document does not know.
fn component_is_up(health: Health) -> Option<bool> {
    match health {
        Health::Ok | Health::Warning => Some(true),
        Health::Critical | Health::Maintenance => Some(false),
        Health::Unknown | Health::Unrecognised => None,
    }
}

fn bool_value(value: bool) -> f64 {
    if value { 1.0 } else { 0.0 }
}

/// The end of a run that started at `started` and took `elapsed`, in seconds since the epoch
/// (negative before it, should the clock be that wrong).
fn unix_seconds(started: SystemTime, elapsed: Duration) -> f64 {
    let ended = started + elapsed;
    match ended.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(since) => since.as_secs_f64(),
        Err(before) => -before.duration().as_secs_f64(),
    }
}

/// The families as exposition text. A series already written is not written again: the
/// collector rejects a file with a duplicate series.
fn exposition(families: &[Family]) -> String {
    let mut text = String::new();
    for family in families.iter().filter(|f| !f.samples.is_empty()) {
        text.push_str(&format!("# HELP {} {}\n", family.name, help(family.help)));
        text.push_str(&format!("# TYPE {} gauge\n", family.name));
        let mut seen = HashSet::new();
        for sample in &family.samples {
            let series = series(family.name, &sample.labels);
            if seen.insert(series.clone()) {
                text.push_str(&format!("{series} {}\n", number(sample.value)));
            }
        }
    }
    text
}

/// `name{label="value",...}`, or the bare name without labels.
fn series(name: &str, labels: &[(&'static str, String)]) -> String {
    if labels.is_empty() {
        return name.to_string();
    }
    let labels: Vec<String> = labels
        .iter()
        .map(|(label, value)| format!("{label}=\"{}\"", label_value(value)))
        .collect();
    format!("{name}{{{}}}", labels.join(","))
}

/// A label value as the format requires: backslash, double quote and line feed escaped; any
/// other character (UTF-8, which every `str` is) stands as it is.
fn label_value(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '"' => escaped.push_str("\\\""),
            '\n' => escaped.push_str("\\n"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// HELP text as the format requires: backslash and line feed escaped (quotes stay).
fn help(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

/// A sample value Prometheus parses: Rust's shortest round-trip decimal form (never an
/// exponent), and `NaN`, `+Inf`, `-Inf` for the values that have no decimal form.
fn number(value: f64) -> String {
    if value.is_nan() {
        "NaN".into()
    } else if value.is_infinite() {
        if value > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_escape_backslash_quote_and_line_feed_only() {
        assert_eq!(label_value("db/primary"), "db/primary");
        assert_eq!(label_value(r#"a"b"#), r#"a\"b"#);
        assert_eq!(label_value(r"a\b"), r"a\\b");
        assert_eq!(label_value("a\nb"), r"a\nb");
        assert_eq!(label_value("\\n"), r"\\n");
        assert_eq!(label_value("tab\there ü\r"), "tab\there ü\r");
    }

    #[test]
    fn help_text_escapes_backslash_and_line_feed_but_not_quotes() {
        assert_eq!(help(r#"say "hi" \ now"#), r#"say "hi" \\ now"#);
        assert_eq!(help("two\nlines"), r"two\nlines");
    }

    #[test]
    fn numbers_are_decimal_and_non_finite_values_use_the_format_spelling() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(0.0031), "0.0031");
        assert_eq!(number(1e21), "1000000000000000000000");
        assert_eq!(number(1e-7), "0.0000001");
        assert_eq!(number(-3.5), "-3.5");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(f64::INFINITY), "+Inf");
        assert_eq!(number(f64::NEG_INFINITY), "-Inf");
    }

    #[test]
    fn series_without_labels_are_bare_names_and_others_keep_label_order() {
        assert_eq!(
            series("healthprobe_run_status", &[]),
            "healthprobe_run_status"
        );
        let labels = vec![("target", "a\"b".to_string()), ("url", "http://h/".into())];
        assert_eq!(
            series("healthprobe_up", &labels),
            r#"healthprobe_up{target="a\"b",url="http://h/"}"#
        );
    }

    #[test]
    fn empty_families_are_left_out_and_repeated_series_written_once() {
        let empty = Family::new("healthprobe_metric", "nothing");
        let mut up = Family::new("healthprobe_up", "up");
        up.push(vec![("target", "a".into())], 1.0);
        up.push(vec![("target", "a".into())], 0.0);
        let text = exposition(&[empty, up]);
        assert_eq!(
            text,
            "# HELP healthprobe_up up\n# TYPE healthprobe_up gauge\nhealthprobe_up{target=\"a\"} 1\n"
        );
    }

    #[test]
    fn every_state_has_a_state_set_name_and_unknown_components_are_neither_up_nor_down() {
        assert_eq!(component_is_up(Health::Ok), Some(true));
        assert_eq!(component_is_up(Health::Warning), Some(true));
        assert_eq!(component_is_up(Health::Critical), Some(false));
        assert_eq!(component_is_up(Health::Maintenance), Some(false));
        assert_eq!(component_is_up(Health::Unknown), None);
        assert_eq!(component_is_up(Health::Unrecognised), None);
        let names: HashSet<&str> = COMPONENT_STATES.iter().map(|(_, n)| *n).collect();
        assert_eq!(names.len(), 6);
    }

    #[test]
    fn the_run_timestamp_is_its_end_in_unix_seconds() {
        let started = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(
            unix_seconds(started, Duration::from_millis(1500)),
            1_700_000_001.5
        );
        let before = SystemTime::UNIX_EPOCH - Duration::from_secs(2);
        assert_eq!(unix_seconds(before, Duration::ZERO), -2.0);
    }
}
