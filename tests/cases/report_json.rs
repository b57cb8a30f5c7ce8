//! `-o json` as a contract: the real binary's output against real loopback servers is validated
//! against the committed `schema/report.schema.json` and read into strict structs
//! (`deny_unknown_fields`), so that a renamed, added or removed field fails here before it
//! breaks a reader. Specific values (states, exit codes, component paths, check kinds, failure
//! kinds, perfdata) are asserted on top, and secrets must never appear.

use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

use crate::common::*;

const UP: &str = r#"{"status":"UP"}"#;
const SPRING: &str = "application/vnd.spring-boot.actuator.v3+json";
const SPRING_DB_DOWN: &str =
    r#"{"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"x"}}}}"#;

// ---------------------------------------------------------------------------------------------
// The contract: the committed schema and strict structs
// ---------------------------------------------------------------------------------------------

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/report.schema.json");
        let text = std::fs::read_to_string(path).expect("schema/report.schema.json is committed");
        serde_json::from_str(&text).expect("the schema is JSON")
    })
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::meta::validate(schema()).expect("the schema is valid draft 2020-12");
        jsonschema::draft202012::new(schema()).expect("the schema compiles")
    })
}

/// Every way `value` breaks the schema, one line each.
fn violations(value: &Value) -> Vec<String> {
    validator()
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "UPPERCASE")]
enum State {
    Ok,
    Warning,
    Critical,
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    healthprobe: String,
    schema: u32,
    status: State,
    exit_code: i32,
    started_at: String,
    duration_seconds: f64,
    summary: Summary,
    targets: Vec<Target>,
    run_checks: Vec<Check>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    total: usize,
    ok: usize,
    warning: usize,
    critical: usize,
    unknown: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Every field is named so that an unknown one fails; not all are asserted.
struct Target {
    name: String,
    url: String,
    status: State,
    http_status: Option<u16>,
    http_version: Option<String>,
    protocol: Option<String>,
    grpc_status: Option<String>,
    remote_address: Option<String>,
    response_seconds: Option<f64>,
    attempts: u32,
    started_at: String,
    failure: Option<Failure>,
    format: Option<String>,
    document_status: Option<String>,
    document_health: Option<String>,
    document_reason: Option<String>,
    maintenance: Option<String>,
    version: Option<String>,
    version_source: Option<String>,
    version_missing_reason: Option<String>,
    certificate: Option<Certificate>,
    components: Vec<Component>,
    components_not_kept: Option<std::collections::BTreeMap<String, u64>>,
    checks: Vec<Check>,
    explanation: Option<Explanation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Explanation {
    evidence: String,
    status: Option<Origin>,
    version_path: Option<String>,
    set_aside: Vec<Aside>,
    set_aside_more: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Origin {
    path: String,
    rule: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Aside {
    path: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Failure {
    kind: String,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Certificate {
    not_after: String,
    days_left: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Component {
    name: String,
    path: String,
    status: String,
    health: String,
    verdict: Option<State>,
    ignored: bool,
    noncritical: bool,
    would_be: Option<State>,
    required: bool,
    reason: Option<String>,
    since: Option<String>,
    origin: Option<Origin>,
    children: Vec<Component>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Check {
    kind: String,
    status: State,
    subject: Option<String>,
    observed: String,
    expected: String,
    reason: String,
    perfdata: Option<Perfdata>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Perfdata {
    label: String,
    value: Option<f64>,
    unit: String,
    warning: Option<String>,
    critical: Option<String>,
}

/// The run's stdout as a report: one JSON document that satisfies the committed schema and reads
/// into the strict structs, whose `exit_code` is the code the process really exited with.
#[track_caller]
fn report(run: &Run) -> Report {
    let value: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{run:?}"));
    let broken = violations(&value);
    assert!(broken.is_empty(), "schema violations: {broken:#?}\n{run:?}");
    let report: Report = serde_json::from_value(value)
        .unwrap_or_else(|e| panic!("stdout does not read as a report: {e}\n{run:?}"));
    assert_eq!(report.exit_code, run.code, "exit_code\n{run:?}");
    report
}

fn target<'a>(report: &'a Report, name_part: &str) -> &'a Target {
    let found: Vec<&Target> = report
        .targets
        .iter()
        .filter(|t| t.name.contains(name_part))
        .collect();
    assert_eq!(found.len(), 1, "want one target named *{name_part}*");
    found[0]
}

fn kinds(checks: &[Check]) -> Vec<&str> {
    checks.iter().map(|c| c.kind.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// A fleet: healthy, failing component, refused
// ---------------------------------------------------------------------------------------------

#[test]
fn json_report_of_a_mixed_fleet_satisfies_the_schema_and_names_every_finding() {
    let healthy = Server::start(serve(200, JSON, UP.as_bytes()));
    let spring = Server::start(serve(503, SPRING, SPRING_DB_DOWN.as_bytes()));
    let port = refused_port();
    let dead = format!("http://127.0.0.1:{port}/dead");
    let run = run(&[
        "-o",
        "json",
        &healthy.url("/ok"),
        &spring.url("/actuator/health"),
        &dead,
    ]);
    run.code(2);
    let report = report(&run);

    assert_eq!(report.healthprobe, env!("CARGO_PKG_VERSION"));
    assert_eq!(report.schema, 1);
    assert_eq!(report.status, State::Critical);
    assert!(report.started_at.ends_with('Z'), "{run:?}");
    assert!(report.duration_seconds >= 0.0);
    let summary = &report.summary;
    assert_eq!(
        (
            summary.total,
            summary.ok,
            summary.warning,
            summary.critical,
            summary.unknown
        ),
        (3, 1, 0, 2, 0),
        "{run:?}"
    );
    assert!(report.run_checks.is_empty(), "{run:?}");
    assert_eq!(report.targets.len(), 3);

    let ok = target(&report, "/ok");
    assert_eq!(ok.status, State::Ok);
    assert_eq!(ok.url, healthy.url("/ok"));
    assert_eq!(ok.http_status, Some(200));
    assert_eq!(ok.http_version.as_deref(), Some("HTTP/1.1"));
    assert_eq!(ok.remote_address, Some(healthy.authority()));
    assert!(ok.response_seconds.is_some_and(|s| s > 0.0), "{run:?}");
    assert_eq!(ok.attempts, 1);
    assert!(ok.failure.is_none());
    assert!(ok.certificate.is_none());
    assert_eq!(ok.document_status.as_deref(), Some("UP"));
    assert_eq!(kinds(&ok.checks), ["http-status", "response-time"]);
    assert!(ok.checks.iter().all(|c| c.status == State::Ok), "{run:?}");

    let spring_target = target(&report, "/actuator/health");
    assert_eq!(spring_target.status, State::Critical);
    assert_eq!(spring_target.http_status, Some(503));
    assert_eq!(spring_target.format.as_deref(), Some("spring-boot"));
    assert_eq!(spring_target.document_status.as_deref(), Some("DOWN"));
    assert_eq!(spring_target.document_health.as_deref(), Some("critical"));
    let [db] = spring_target.components.as_slice() else {
        panic!("want the one component db\n{run:?}");
    };
    assert_eq!(
        (db.name.as_str(), db.path.as_str(), db.status.as_str()),
        ("db", "db", "DOWN")
    );
    assert_eq!(db.health, "critical");
    assert_eq!(db.verdict, Some(State::Critical));
    assert_eq!(db.reason.as_deref(), Some("x"));
    assert!(db.since.is_none() && db.children.is_empty());
    let kinds_seen = kinds(&spring_target.checks);
    for kind in ["http-status", "response-time", "component"] {
        assert!(kinds_seen.contains(&kind), "{kind} missing\n{run:?}");
    }
    let component = spring_target
        .checks
        .iter()
        .find(|c| c.kind == "component")
        .unwrap();
    assert_eq!(component.subject.as_deref(), Some("db"));
    assert_eq!(component.status, State::Critical);
    assert_eq!(component.observed, "DOWN");

    let refused = target(&report, "/dead");
    assert_eq!(refused.status, State::Critical);
    let failure = refused.failure.as_ref().expect("a failure");
    assert_eq!(failure.kind, "refused");
    assert!(failure.message.contains("refused"), "{run:?}");
    assert_eq!(
        (
            refused.http_status,
            refused.http_version.as_deref(),
            refused.response_seconds
        ),
        (None, None, None)
    );
    assert!(refused.remote_address.is_none() && refused.format.is_none());
    assert!(refused.version.is_none() && refused.version_missing_reason.is_some());
    assert_eq!(kinds(&refused.checks), ["transport"]);
}

#[test]
fn json_report_is_one_pretty_object_with_stable_top_level_keys_and_a_trailing_newline() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let run = run(&["-o", "json", &server.url("/health")]);
    run.code(0);
    report(&run);
    assert!(run.stdout.starts_with("{\n  \""), "{run:?}");
    assert!(run.stdout.ends_with("}\n") && !run.stdout.ends_with("\n\n"));
    let keys: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .filter_map(|l| l.split('"').nth(1))
        .collect();
    assert_eq!(
        keys,
        [
            "healthprobe",
            "schema",
            "status",
            "exit_code",
            "started_at",
            "duration_seconds",
            "summary",
            "targets",
            "run_checks",
        ],
        "{run:?}"
    );
    assert!(run.stderr.is_empty(), "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// Secrets and server text
// ---------------------------------------------------------------------------------------------

#[test]
fn json_report_never_shows_url_credentials_secret_query_values_or_headers() {
    let server = Server::start(|_request, stream| {
        respond(
            stream,
            200,
            &[
                ("Content-Type", JSON),
                ("Set-Cookie", "sid=cookie-s3cret"),
                ("X-Auth-Token", "header-s3cret"),
            ],
            UP.as_bytes(),
        )
    });
    let url = format!(
        "http://user:s3cret@{}/x?token=abc&verbose=1",
        server.authority()
    );
    for args in [&["-o", "json"][..], &["-o", "json", "-v"]] {
        let mut all = args.to_vec();
        all.push(&url);
        let run = run(&all);
        run.code(0);
        let report = report(&run);
        for secret in ["s3cret", "abc", "cookie-s3cret", "header-s3cret", "sid="] {
            run.nowhere(secret);
        }
        run.nowhere("Set-Cookie");
        run.nowhere("X-Auth-Token");
        assert_eq!(
            report.targets[0].url,
            format!(
                "http://user:***@{}/x?token=***&verbose=1",
                server.authority()
            )
        );
        assert_eq!(
            report.targets[0].name,
            format!("{}/x?token=***&verbose=1", server.authority())
        );
    }
}

#[test]
fn json_report_keeps_server_text_exact_and_escapes_control_characters() {
    // A component name with a terminal escape, quotes, a backslash and non-ASCII letters.
    let name = "db \"primary\" \\ é\u{1b}[31m";
    let body = serde_json::json!({
        "status": "DOWN",
        "components": { name: { "status": "DOWN", "details": { "error": "naïve \"quote\"" } } }
    })
    .to_string();
    let server = Server::start(serve(503, SPRING, body.as_bytes()));
    let run = run(&["-o", "json", &server.url("/actuator/health")]);
    run.code(2);
    let report = report(&run);
    assert!(!run.stdout_bytes.contains(&0x1b), "raw ESC in stdout");
    let component = &report.targets[0].components[0];
    assert_eq!(component.name, name);
    assert_eq!(component.path, name);
    assert_eq!(component.reason.as_deref(), Some("naïve \"quote\""));
}

// ---------------------------------------------------------------------------------------------
// Rules, run-level checks and exit policies
// ---------------------------------------------------------------------------------------------

#[test]
fn json_report_carries_a_metric_rule_with_its_perfdata() {
    let body = r#"{"status":"UP","db":{"ms":150}}"#;
    let server = Server::start(serve(200, JSON, body.as_bytes()));
    let run = run(&[
        "-o",
        "json",
        "--metric",
        "db_ms=$.db.ms;100;500;ms",
        &server.url("/health"),
    ]);
    run.code(1);
    let report = report(&run);
    assert_eq!(report.status, State::Warning);
    let target = &report.targets[0];
    assert_eq!(target.status, State::Warning);
    let metric = target
        .checks
        .iter()
        .find(|c| c.kind == "metric")
        .unwrap_or_else(|| panic!("no metric check\n{run:?}"));
    assert_eq!(metric.status, State::Warning);
    assert_eq!(metric.observed, "150");
    let perfdata = metric.perfdata.as_ref().expect("metric perfdata");
    assert_eq!(perfdata.label, "db_ms");
    assert_eq!(perfdata.value, Some(150.0));
    assert_eq!(perfdata.unit, "ms");
    assert_eq!(perfdata.warning.as_deref(), Some("100"));
    assert_eq!(perfdata.critical.as_deref(), Some("500"));
    // The number is a JSON number, not text.
    assert!(run.stdout.contains("\"value\": 150"), "{run:?}");
    // Checks without a measurement have a null perfdata slot.
    assert!(
        target
            .checks
            .iter()
            .filter(|c| c.kind != "metric")
            .all(|c| c.perfdata.is_none())
    );
}

#[test]
fn json_report_of_an_unjudged_metric_has_a_null_value() {
    let port = refused_port();
    let run = run(&[
        "-o",
        "json",
        "--metric",
        "db_ms=$.db.ms;100;500;ms",
        &format!("http://127.0.0.1:{port}/health"),
    ]);
    run.code(2);
    let report = report(&run);
    let metric = report.targets[0]
        .checks
        .iter()
        .find(|c| c.kind == "metric")
        .expect("the metric is still accounted for");
    assert_eq!(metric.status, State::Unknown);
    assert_eq!(metric.perfdata.as_ref().and_then(|p| p.value), None);
}

#[test]
fn json_report_lists_the_quorum_as_a_run_check_that_decides_the_status() {
    let one = Server::start(serve(200, JSON, UP.as_bytes()));
    let two = Server::start(serve(200, JSON, UP.as_bytes()));
    let port = refused_port();
    let dead = format!("http://127.0.0.1:{port}/health");
    let run = run(&[
        "-o",
        "json",
        "--quorum",
        "2",
        &one.url("/health"),
        &two.url("/health"),
        &dead,
    ]);
    run.code(0);
    let report = report(&run);
    assert_eq!(report.status, State::Ok);
    assert_eq!(report.summary.critical, 1);
    assert_eq!(target(&report, &port.to_string()).status, State::Critical);
    let [quorum] = report.run_checks.as_slice() else {
        panic!("want one run check\n{run:?}");
    };
    assert_eq!(quorum.kind, "quorum");
    assert_eq!(quorum.status, State::Ok);
    assert_eq!(quorum.observed, "2 OK");
    assert_eq!(quorum.expected, "at least 2");
    assert!(quorum.subject.is_none() && quorum.perfdata.is_none());
}

#[test]
fn json_report_of_an_unmet_quorum_is_critical() {
    let one = Server::start(serve(200, JSON, UP.as_bytes()));
    let port = refused_port();
    let run = run(&[
        "-o",
        "json",
        "--quorum",
        "100%",
        &one.url("/health"),
        &format!("http://127.0.0.1:{port}/health"),
    ]);
    let report = report(&run);
    assert_ne!(report.status, State::Ok, "{run:?}");
    assert_eq!(report.run_checks[0].kind, "quorum");
    assert_eq!(report.run_checks[0].status, report.status);
}

#[test]
fn json_exit_code_is_the_docker_code_under_the_docker_policy() {
    let server = Server::start(serve(503, SPRING, SPRING_DB_DOWN.as_bytes()));
    let run = run(&["-o", "json", "--docker", &server.url("/actuator/health")]);
    run.code(1);
    let report = report(&run);
    assert_eq!(report.status, State::Critical);
    assert_eq!(report.exit_code, 1);
}

#[test]
fn json_report_records_attempts_made_by_retries() {
    let server = Server::start(healthy_after(2, 503, UP));
    let run = run(&[
        "-o",
        "json",
        "--retries",
        "3",
        "--retry-delay",
        "10ms",
        &server.url("/health"),
    ]);
    run.code(0);
    assert_eq!(report(&run).targets[0].attempts, 3);
}

#[test]
fn json_report_of_an_https_target_has_the_certificate_expiry_and_its_check() {
    use crate::common::tls::{Pki, TlsServer};
    let pki = Pki::new(&["127.0.0.1"], 20.0);
    let server = TlsServer::start(&pki, 200, UP);
    let ca = pki.ca_path().to_str().unwrap().to_string();
    let run = run(&[
        "-o",
        "json",
        "--cacert",
        &ca,
        "--cert-warn",
        "30d",
        &server.url("/health"),
    ]);
    run.code(1);
    let report = report(&run);
    let target = &report.targets[0];
    let certificate = target.certificate.as_ref().expect("a certificate");
    assert!((19.0..=20.0).contains(&certificate.days_left), "{run:?}");
    assert!(certificate.not_after.ends_with('Z'), "{run:?}");
    let check = target
        .checks
        .iter()
        .find(|c| c.kind == "certificate")
        .expect("a certificate check");
    assert_eq!(check.status, State::Warning);
    let perfdata = check.perfdata.as_ref().expect("cert_days perfdata");
    assert_eq!(perfdata.label, "cert_days");
    assert_eq!(perfdata.warning.as_deref(), Some("30:"));
}

// ---------------------------------------------------------------------------------------------
// The schema is strict
// ---------------------------------------------------------------------------------------------

/// A real report as a JSON value, with a failing component and a refused target, so that every
/// kind of object (target, failure, component, check) is present to tamper with.
fn real_report() -> Value {
    let spring = Server::start(serve(503, SPRING, SPRING_DB_DOWN.as_bytes()));
    let port = refused_port();
    let run = run(&[
        "-o",
        "json",
        "--quorum",
        "1",
        &spring.url("/actuator/health"),
        &format!("http://127.0.0.1:{port}/"),
    ]);
    report(&run);
    serde_json::from_str(&run.stdout).unwrap()
}

/// A change made to a valid report that must make it invalid.
type Tamper = fn(&mut Value);

fn rename(object: &mut Value, from: &str, to: &str) {
    let map = object.as_object_mut().expect("an object");
    let value = map.remove(from).unwrap_or_else(|| panic!("no {from}"));
    map.insert(to.to_string(), value);
}

#[test]
fn schema_and_strict_structs_reject_a_renamed_added_or_missing_field() {
    let original = real_report();
    let tampered: &[(&str, Tamper)] = &[
        ("renamed top-level field", |v| {
            rename(v, "exit_code", "exitCode")
        }),
        ("renamed target field", |v| {
            rename(&mut v["targets"][0], "http_status", "status_code")
        }),
        ("added target field", |v| {
            v["targets"][0]["headers"] = serde_json::json!({"x": "y"})
        }),
        ("renamed component field", |v| {
            rename(&mut v["targets"][0]["components"][0], "path", "id")
        }),
        ("added check field", |v| {
            v["targets"][0]["checks"][0]["extra"] = Value::Bool(true)
        }),
        ("renamed failure field", |v| {
            rename(&mut v["targets"][1]["failure"], "kind", "type")
        }),
        ("added run check field", |v| {
            v["run_checks"][0]["weight"] = Value::from(1)
        }),
        ("missing summary count", |v| {
            v["summary"].as_object_mut().unwrap().remove("unknown");
        }),
    ];
    for (what, tamper) in tampered {
        let mut value = original.clone();
        tamper(&mut value);
        assert!(
            !violations(&value).is_empty(),
            "the schema accepts a {what}"
        );
        assert!(
            serde_json::from_value::<Report>(value).is_err(),
            "the strict structs accept a {what}"
        );
    }
}

#[test]
fn schema_rejects_states_and_kinds_outside_its_enums() {
    let original = real_report();
    let tampered: &[(&str, Tamper)] = &[
        ("lower-case status", |v| v["status"] = "ok".into()),
        ("unknown check kind", |v| {
            v["targets"][0]["checks"][0]["kind"] = "latency".into()
        }),
        ("unknown failure kind", |v| {
            v["targets"][1]["failure"]["kind"] = "nope".into()
        }),
        ("unknown component health", |v| {
            v["targets"][0]["components"][0]["health"] = "down".into()
        }),
        ("http status as text", |v| {
            v["targets"][0]["http_status"] = "503".into()
        }),
        ("another shape version", |v| v["schema"] = Value::from(2)),
    ];
    for (what, tamper) in tampered {
        let mut value = original.clone();
        tamper(&mut value);
        assert!(
            !violations(&value).is_empty(),
            "the schema accepts a {what}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// How the body was read
// ---------------------------------------------------------------------------------------------

#[test]
fn json_report_explains_where_each_state_and_the_version_were_read_and_what_was_set_aside() {
    let body = r#"{"status":"ok","uptime":12,"build":{"version":"2.1.0"},
        "checks":{"db":{"healthy":false,"error":"connection refused"},"cache":"ok"}}"#;
    let run = probe(200, JSON, body, &["-o", "json"]);
    let report = report(&run);
    let target = &report.targets[0];
    let explanation = target.explanation.as_ref().expect("an explanation");
    assert!(
        explanation.evidence.contains("no known format"),
        "{explanation:?}"
    );
    let status = explanation
        .status
        .as_ref()
        .expect("where the status was read");
    assert_eq!(
        (status.path.as_str(), status.rule.as_str()),
        ("$.status", "state word")
    );
    assert_eq!(explanation.version_path.as_deref(), Some("$.build.version"));
    let aside: Vec<(&str, &str)> = explanation
        .set_aside
        .iter()
        .map(|a| (a.path.as_str(), a.why.as_str()))
        .collect();
    assert!(
        aside.contains(&("$.uptime", "a number (a counter, figure or code)")),
        "{aside:?}"
    );
    assert_eq!(explanation.set_aside_more, 0);
    let db = target
        .components
        .iter()
        .find(|c| c.name == "db")
        .expect("db");
    let origin = db.origin.as_ref().expect("where db's state was read");
    assert_eq!(
        (origin.path.as_str(), origin.rule.as_str()),
        ("$.checks.db.healthy", "health flag")
    );
    assert_eq!(db.health, "critical");
    let cache = target
        .components
        .iter()
        .find(|c| c.name == "cache")
        .unwrap();
    assert_eq!(
        cache.origin.as_ref().map(|o| o.path.as_str()),
        Some("$.checks.cache")
    );
}

#[test]
fn json_report_has_no_explanation_without_a_health_document() {
    let run = probe(200, "text/html", "<html>hi</html>", &["-o", "json"]);
    assert!(report(&run).targets[0].explanation.is_none());
}
