//! `-o prometheus` end to end: the real binary against loopback servers, its output read by a
//! checker of the text exposition grammar (format 0.0.4) as strict as node_exporter's textfile
//! collector, then the values asserted series by series.

use std::collections::HashSet;
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use regex::Regex;

use crate::common::tls::{Pki, TlsServer};
use crate::common::*;

const SPRING: &str = "application/vnd.spring-boot.actuator.v3+json";
const HEALTH_JSON: &str = "application/health+json";
const SPRING_DB_DOWN: &str =
    r#"{"status":"DOWN","components":{"db":{"status":"DOWN"},"disk":{"status":"UP"}}}"#;
const IETF_WITH_VERSION: &str = r#"{"status":"pass","version":"2.4.1"}"#;

/// The families in the order the renderer promises (those without samples are left out).
const FAMILY_ORDER: &[&str] = &[
    "healthprobe_up",
    "healthprobe_status",
    "healthprobe_state",
    "healthprobe_response_seconds",
    "healthprobe_http_status",
    "healthprobe_attempts",
    "healthprobe_component_up",
    "healthprobe_component_state",
    "healthprobe_version_info",
    "healthprobe_cert_expiry_timestamp_seconds",
    "healthprobe_metric",
    "healthprobe_run_status",
    "healthprobe_run_duration_seconds",
    "healthprobe_last_run_timestamp_seconds",
];

/// The families about the run as a whole, which carry no labels.
const RUN_FAMILIES: &[&str] = &[
    "healthprobe_run_status",
    "healthprobe_run_duration_seconds",
    "healthprobe_last_run_timestamp_seconds",
];

// ---------------------------------------------------------------------------------------------
// The exposition checker
// ---------------------------------------------------------------------------------------------

const NAME: &str = r"[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL_NAME: &str = r"[a-zA-Z_][a-zA-Z0-9_]*";
/// A label value's content: anything but `"`, `\` and a line feed, or one of the three escapes.
const LABEL_VALUE: &str = r#"(?:[^"\\\n]|\\[\\"n])*"#;
const NUMBER: &str = r"(?:[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|NaN|[-+]Inf)";

static HELP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^# HELP ({NAME}) ((?:[^\\\n]|\\[\\n])*)$")).unwrap());
static TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^# TYPE ({NAME}) (counter|gauge|histogram|summary|untyped)$"
    ))
    .unwrap()
});
static SAMPLE: LazyLock<Regex> = LazyLock::new(|| {
    let pair = format!(r#"{LABEL_NAME}="{LABEL_VALUE}""#);
    Regex::new(&format!(
        r"^({NAME})(?:\{{((?:{pair})(?:,{pair})*)?\}})? ({NUMBER})$"
    ))
    .unwrap()
});
static PAIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r#"({LABEL_NAME})="({LABEL_VALUE})""#)).unwrap());

#[derive(Debug, Clone, PartialEq)]
struct Sample {
    name: String,
    /// In written order, values unescaped.
    labels: Vec<(String, String)>,
    value: f64,
}

impl Sample {
    fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The series identity: name and labels, without the value.
    fn series(&self) -> String {
        format!("{}{:?}", self.name, self.labels)
    }
}

#[derive(Debug)]
struct Exposition {
    /// Family names in written order.
    families: Vec<String>,
    samples: Vec<Sample>,
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => panic!("dangling backslash in {value:?}"),
        }
    }
    out
}

/// Reads `text` as the text exposition format, panicking with the offending line on anything
/// the textfile collector would reject or that this renderer promises not to write: a line that
/// is no HELP, TYPE or sample; a sample before its family's HELP and TYPE; a family written
/// twice; a repeated series; a repeated label name; a missing final line feed.
fn parse(text: &str) -> Exposition {
    assert!(
        text.ends_with('\n'),
        "output must end with a line feed:\n{text}"
    );
    let mut families: Vec<String> = Vec::new();
    let mut samples = Vec::new();
    let mut current: Option<(String, bool, bool)> = None; // (name, has HELP, has TYPE)
    let mut series = HashSet::new();
    for (number, line) in text.lines().enumerate() {
        let at = || format!("line {}: {line:?}\n{text}", number + 1);
        if let Some(caps) = HELP.captures(line) {
            let name = caps[1].to_string();
            assert!(!families.contains(&name), "family written twice, {}", at());
            families.push(name.clone());
            current = Some((name, true, false));
        } else if let Some(caps) = TYPE.captures(line) {
            let Some((name, true, false)) = &current else {
                panic!("TYPE without a HELP just before it, {}", at());
            };
            assert_eq!(name, &caps[1], "TYPE for another family, {}", at());
            assert_eq!(
                &caps[2],
                "gauge",
                "healthprobe writes gauges only, {}",
                at()
            );
            current = Some((name.clone(), true, true));
        } else if let Some(caps) = SAMPLE.captures(line) {
            let name = caps[1].to_string();
            match &current {
                Some((family, true, true)) if *family == name => {}
                _ => panic!("sample outside its family's HELP and TYPE, {}", at()),
            }
            let labels: Vec<(String, String)> = caps
                .get(2)
                .map(|m| {
                    PAIR.captures_iter(m.as_str())
                        .map(|p| (p[1].to_string(), unescape(&p[2])))
                        .collect()
                })
                .unwrap_or_default();
            let names: HashSet<&str> = labels.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names.len(), labels.len(), "repeated label name, {}", at());
            assert!(
                names.iter().all(|n| !n.starts_with("__")),
                "reserved label name, {}",
                at()
            );
            let value = match &caps[3] {
                "NaN" => f64::NAN,
                "+Inf" => f64::INFINITY,
                "-Inf" => f64::NEG_INFINITY,
                number => number
                    .parse()
                    .unwrap_or_else(|_| panic!("bad number, {}", at())),
            };
            let sample = Sample {
                name,
                labels,
                value,
            };
            assert!(series.insert(sample.series()), "repeated series, {}", at());
            samples.push(sample);
        } else {
            panic!("not HELP, TYPE or a sample, {}", at());
        }
    }
    for family in &families {
        assert!(
            samples.iter().any(|s| &s.name == family),
            "family {family} has no sample\n{text}"
        );
    }
    Exposition { families, samples }
}

impl Exposition {
    /// The samples of `name` whose labels include every one of `labels`.
    fn matching(&self, name: &str, labels: &[(&str, &str)]) -> Vec<&Sample> {
        self.samples
            .iter()
            .filter(|s| s.name == name)
            .filter(|s| labels.iter().all(|(k, v)| s.label(k) == Some(*v)))
            .collect()
    }

    /// The value of the one sample of `name` with these labels.
    #[track_caller]
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        let found = self.matching(name, labels);
        assert_eq!(found.len(), 1, "want one {name} {labels:?}, got {found:?}");
        found[0].value
    }

    #[track_caller]
    fn absent(&self, name: &str, labels: &[(&str, &str)]) {
        let found = self.matching(name, labels);
        assert!(found.is_empty(), "want no {name} {labels:?}, got {found:?}");
    }

    /// Asserts a state set: 1 for `current`, 0 for every other state, each state once.
    #[track_caller]
    fn state_set(&self, name: &str, labels: &[(&str, &str)], states: &[&str], current: &str) {
        for state in states {
            let mut with = labels.to_vec();
            with.push(("state", state));
            let expected = if *state == current { 1.0 } else { 0.0 };
            assert_eq!(self.value(name, &with), expected, "{name} state {state}");
        }
        assert_eq!(self.matching(name, labels).len(), states.len());
    }
}

const TARGET_STATES: &[&str] = &["ok", "warning", "critical", "unknown"];
const COMPONENT_STATES: &[&str] = &[
    "ok",
    "warning",
    "critical",
    "unknown",
    "maintenance",
    "unrecognised",
];

/// Runs `healthprobe -o prometheus ARGS` and reads its output.
fn prometheus(args: &[&str]) -> (Run, Exposition) {
    let mut all = vec!["-o", "prometheus"];
    all.extend_from_slice(args);
    let run = run(&all);
    assert!(run.stderr.is_empty(), "stderr is not empty\n{run:?}");
    let exposition = parse(&run.stdout);
    (run, exposition)
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

#[test]
fn a_healthy_target_is_up_and_ok_with_its_status_time_attempts_and_run_metrics() {
    let server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let url = server.url("/health");
    let before = now();
    let (run, metrics) = prometheus(&[&url]);
    let after = now();
    run.code(0);
    let target = format!("{}/health", server.authority());
    let labels = [("target", target.as_str()), ("url", url.as_str())];
    assert_eq!(metrics.value("healthprobe_up", &labels), 1.0);
    assert_eq!(metrics.value("healthprobe_status", &labels), 0.0);
    metrics.state_set("healthprobe_state", &labels, TARGET_STATES, "ok");
    assert_eq!(metrics.value("healthprobe_http_status", &labels), 200.0);
    assert_eq!(metrics.value("healthprobe_attempts", &labels), 1.0);
    let seconds = metrics.value("healthprobe_response_seconds", &labels);
    assert!(seconds > 0.0 && seconds < 10.0, "{seconds}");
    assert_eq!(metrics.value("healthprobe_run_status", &[]), 0.0);
    let took = metrics.value("healthprobe_run_duration_seconds", &[]);
    assert!(took >= seconds && took < after - before + 1.0, "{took}");
    let ended = metrics.value("healthprobe_last_run_timestamp_seconds", &[]);
    assert!(ended >= before - 1.0 && ended <= after + 1.0, "{ended}");
    // A document without components or version has no such series at all.
    assert!(!metrics.families.iter().any(|f| f.contains("component")));
    metrics.absent("healthprobe_version_info", &[]);
}

#[test]
fn a_failing_spring_component_is_down_beside_its_healthy_sibling() {
    let server = Server::start(serve(503, SPRING, SPRING_DB_DOWN.as_bytes()));
    let url = server.url("/actuator/health");
    let (run, metrics) = prometheus(&[&url]);
    run.code(2);
    let db = [("component", "db")];
    let disk = [("component", "disk")];
    assert_eq!(metrics.value("healthprobe_component_up", &db), 0.0);
    assert_eq!(metrics.value("healthprobe_component_up", &disk), 1.0);
    let db_labels = [("url", url.as_str()), ("component", "db")];
    metrics.state_set(
        "healthprobe_component_state",
        &db_labels,
        COMPONENT_STATES,
        "critical",
    );
    let disk_labels = [("url", url.as_str()), ("component", "disk")];
    metrics.state_set(
        "healthprobe_component_state",
        &disk_labels,
        COMPONENT_STATES,
        "ok",
    );
    // The service answered, unhappily.
    assert_eq!(metrics.value("healthprobe_up", &[]), 1.0);
    assert_eq!(metrics.value("healthprobe_http_status", &[]), 503.0);
    assert_eq!(metrics.value("healthprobe_status", &[]), 2.0);
    assert_eq!(metrics.value("healthprobe_run_status", &[]), 2.0);
}

#[test]
fn maintenance_components_are_down_and_unknown_ones_have_only_a_state() {
    let body = r#"{"status":"UP","components":{"a":{"status":"UP"},
        "b":{"status":"OUT_OF_SERVICE"},"c":{"status":"UNKNOWN"},
        "d":{"status":"UP","components":{"primary":{"status":"DOWN"}}}}}"#;
    let server = Server::start(serve(200, SPRING, body.as_bytes()));
    let (_, metrics) = prometheus(&[&server.url("/health")]);
    let state = |component, current| {
        metrics.state_set(
            "healthprobe_component_state",
            &[("component", component)],
            COMPONENT_STATES,
            current,
        )
    };
    state("b", "maintenance");
    state("c", "unknown");
    assert_eq!(
        metrics.value("healthprobe_component_up", &[("component", "b")]),
        0.0
    );
    metrics.absent("healthprobe_component_up", &[("component", "c")]);
    // Nested components are named by path, as checks name them.
    assert_eq!(
        metrics.value("healthprobe_component_up", &[("component", "d/primary")]),
        0.0
    );
    let order: Vec<&str> = metrics
        .matching("healthprobe_component_up", &[])
        .iter()
        .filter_map(|s| s.label("component"))
        .collect();
    assert_eq!(order, ["a", "b", "d", "d/primary"]);
}

#[test]
fn a_refused_port_is_not_up_and_critical_without_response_series() {
    let port = refused_port();
    let url = format!("http://127.0.0.1:{port}/health");
    let (run, metrics) = prometheus(&[&url]);
    run.code(2);
    let labels = [("url", url.as_str())];
    assert_eq!(metrics.value("healthprobe_up", &labels), 0.0);
    assert_eq!(metrics.value("healthprobe_status", &labels), 2.0);
    metrics.state_set("healthprobe_state", &labels, TARGET_STATES, "critical");
    assert_eq!(metrics.value("healthprobe_attempts", &labels), 1.0);
    metrics.absent("healthprobe_response_seconds", &labels);
    metrics.absent("healthprobe_http_status", &labels);
    assert_eq!(metrics.value("healthprobe_run_status", &[]), 2.0);
}

#[test]
fn an_ietf_version_becomes_version_info() {
    let server = Server::start(serve(200, HEALTH_JSON, IETF_WITH_VERSION.as_bytes()));
    let url = server.url("/health");
    let (run, metrics) = prometheus(&[&url]);
    run.code(0);
    let labels = [("url", url.as_str()), ("version", "2.4.1")];
    assert_eq!(metrics.value("healthprobe_version_info", &labels), 1.0);
    assert_eq!(metrics.matching("healthprobe_version_info", &[]).len(), 1);
}

#[test]
fn component_names_with_quotes_backslashes_and_newlines_are_escaped() {
    // The JSON key is: we"ird\name<LF>two
    let body = r#"{"status":"DOWN","components":{"we\"ird\\name\ntwo":{"status":"DOWN"}}}"#;
    let server = Server::start(serve(503, SPRING, body.as_bytes()));
    let (run, metrics) = prometheus(&[&server.url("/health")]);
    let name = "we\"ird\\name\ntwo";
    assert_eq!(
        metrics.value("healthprobe_component_up", &[("component", name)]),
        0.0
    );
    run.stdout_has(&[r#"component="we\"ird\\name\ntwo""#]);
}

#[test]
fn credentials_in_the_url_never_appear_in_the_output() {
    let server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let url = format!("http://user:s3cret@{}/x?token=t0k3n", server.authority());
    let (run, metrics) = prometheus(&[&url]);
    run.code(0).nowhere("s3cret").nowhere("t0k3n");
    let shown = format!("http://user:***@{}/x?token=***", server.authority());
    assert_eq!(metrics.value("healthprobe_up", &[("url", &shown)]), 1.0);
}

#[test]
fn a_metric_rule_value_is_exported_with_its_label_and_unit() {
    let body = r#"{"status":"pass","db_ms":12.5}"#;
    let server = Server::start(serve(200, HEALTH_JSON, body.as_bytes()));
    let (run, metrics) = prometheus(&[
        "--metric",
        "db_ms=$.db_ms;;;ms",
        "--metric",
        "missing=$.nothing",
        &server.url("/health"),
    ]);
    run.code(2); // the missing number is CRITICAL
    let labels = [("label", "db_ms"), ("unit", "ms")];
    assert_eq!(metrics.value("healthprobe_metric", &labels), 12.5);
    // A metric without a value has no series.
    metrics.absent("healthprobe_metric", &[("label", "missing")]);
}

#[test]
fn a_certificate_expiry_is_the_unix_time_of_its_not_after() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = TlsServer::start(&pki, 200, r#"{"status":"UP"}"#);
    let ca = pki.ca_path().to_str().unwrap().to_string();
    let (run, metrics) = prometheus(&["--cacert", &ca, &server.url("/health")]);
    run.code(0);
    let expiry = metrics.value("healthprobe_cert_expiry_timestamp_seconds", &[]);
    let expected = now() + 90.0 * 86_400.0;
    assert!(
        (expiry - expected).abs() < 3_600.0,
        "{expiry} vs {expected}"
    );
    assert_eq!(expiry.fract(), 0.0, "notAfter has whole seconds: {expiry}");
}

#[test]
fn the_same_url_twice_gives_distinct_series_told_apart_by_position() {
    let server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let url = server.url("/health");
    let (run, metrics) = prometheus(&[&url, &url]);
    run.code(0);
    let targets: Vec<&str> = metrics
        .matching("healthprobe_up", &[])
        .iter()
        .filter_map(|s| s.label("target"))
        .collect();
    let name = format!("{}/health", server.authority());
    assert_eq!(targets, [format!("{name} (1)"), format!("{name} (2)")]);
}

// ---------------------------------------------------------------------------------------------
// Order
// ---------------------------------------------------------------------------------------------

#[test]
fn families_and_series_keep_a_fixed_order_across_runs() {
    let server = Server::start(routes(&[
        (
            "/ok",
            200,
            HEALTH_JSON,
            r#"{"status":"pass","version":"2.4.1","db_ms":3}"#,
        ),
        ("/spring", 503, SPRING, SPRING_DB_DOWN),
    ]));
    let refused = format!("http://127.0.0.1:{}/gone", refused_port());
    let (ok, spring) = (server.url("/ok"), server.url("/spring"));
    let args = [
        "-j",
        "3",
        "--metric",
        "db_ms=$.db_ms",
        &spring,
        &refused,
        &ok,
    ];
    let (first_run, first) = prometheus(&args);
    let (_, second) = prometheus(&args);
    first_run.code(2);

    let series = |e: &Exposition| e.samples.iter().map(Sample::series).collect::<Vec<_>>();
    assert_eq!(series(&first), series(&second));
    assert_eq!(first.families, second.families);

    // The families follow the documented order.
    let positions: Vec<usize> = first
        .families
        .iter()
        .map(|f| {
            FAMILY_ORDER
                .iter()
                .position(|known| known == f)
                .unwrap_or_else(|| panic!("undocumented family {f}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");

    // Within a family, the series follow the targets as given, however the probes finished.
    let urls: Vec<&str> = first
        .matching("healthprobe_up", &[])
        .iter()
        .filter_map(|s| s.label("url"))
        .collect();
    assert_eq!(urls, [spring.as_str(), refused.as_str(), ok.as_str()]);
    // Run-level series have no labels; every other series starts with target and url.
    for sample in &first.samples {
        let names: Vec<&str> = sample.labels.iter().map(|(n, _)| n.as_str()).collect();
        if RUN_FAMILIES.contains(&sample.name.as_str()) {
            assert!(names.is_empty(), "{sample:?}");
        } else {
            assert_eq!(&names[..2], ["target", "url"], "{sample:?}");
        }
    }
    assert_eq!(
        first.families.len(),
        FAMILY_ORDER.len() - 1,
        "all but the certificate"
    );
}

// ---------------------------------------------------------------------------------------------
// The checker itself
// ---------------------------------------------------------------------------------------------

#[test]
fn the_checker_rejects_what_the_collector_would() {
    let good = "# HELP a_b x\n# TYPE a_b gauge\na_b{l=\"v\\\"\"} 1\n";
    parse(good);
    for bad in [
        "a_b 1\n",                                               // no HELP and TYPE
        "# HELP a_b x\n# TYPE a_b gauge\na_b{l=\"v\"\"} 1\n",    // bare quote
        "# HELP a_b x\n# TYPE a_b gauge\na_b{l=\"v\\t\"} 1\n",   // bad escape
        "# HELP a_b x\n# TYPE a_b gauge\na_b 1\na_b 2\n",        // repeated series
        "# HELP a_b x\n# TYPE a_b gauge\na_b 1\n# HELP a_b x\n", // family twice
        "# HELP a_b x\n# TYPE a_b gauge\na_b inf\n",             // bad number
        "# HELP 1a x\n# TYPE 1a gauge\n1a 1\n",                  // bad name
    ] {
        let result = std::panic::catch_unwind(|| parse(bad));
        assert!(result.is_err(), "accepted {bad:?}");
    }
}
