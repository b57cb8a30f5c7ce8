//! JSON output (`-o json`): the whole [`Report`] as one pretty-printed object, for scripts and
//! dashboards.
//!
//! The shape is a contract, described by `schema/report.schema.json` and versioned by
//! [`SCHEMA_VERSION`]: keys come in a fixed order (the field order of the structs below), every
//! key is always present (`null` when there is nothing to say), and renaming or adding one means
//! changing the schema and, when a reader could break, the version. Strings from servers are
//! written as they came, escaped by serde_json and never altered otherwise; URLs go through
//! [`crate::redact::url`], and no header appears at all. `--verbose` adds nothing: the document
//! already holds every check with its observed and expected values.

use std::collections::HashMap;
use std::io::{self, Write};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::OutputOptions;
use super::{Report, TargetResult};
use crate::evaluate::{Check, CheckKind};
use crate::health::{Component, Explanation, Health, Interpretation, Origin};
use crate::observation::{CertExpiry, Protocol, VersionFound};
use crate::perfdata::Perfdata;
use crate::units::rfc3339;
use crate::verdict::Status;

/// The version of this document's shape (`"schema"` in the output). Raised when a field is
/// renamed, removed or changes meaning; readers can refuse shapes they do not know.
pub const SCHEMA_VERSION: u32 = 1;

pub fn render(report: &Report, options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    // Nothing in the document depends on the options: colour means nothing to JSON, and verbose
    // detail is already there.
    let _ = options;
    write_document(report, out)
}

fn write_document(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut text = serde_json::to_vec_pretty(&document(report)).map_err(io::Error::from)?;
    text.push(b'\n');
    out.write_all(&text)
}

#[derive(Serialize)]
struct Document<'a> {
    healthprobe: &'static str,
    schema: u32,
    status: &'static str,
    exit_code: u8,
    started_at: String,
    duration_seconds: f64,
    summary: Summary,
    targets: Vec<TargetJson<'a>>,
    run_checks: Vec<CheckJson<'a>>,
}

/// How many targets ended in each state.
#[derive(Serialize)]
struct Summary {
    total: usize,
    ok: usize,
    warning: usize,
    critical: usize,
    unknown: usize,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    name: &'a str,
    url: String,
    status: &'static str,
    http_status: Option<u16>,
    http_version: Option<&'a str>,
    protocol: Option<&'static str>,
    grpc_status: Option<&'static str>,
    remote_address: Option<String>,
    response_seconds: Option<f64>,
    attempts: u32,
    started_at: String,
    failure: Option<FailureJson<'a>>,
    format: Option<&'static str>,
    document_status: Option<&'a str>,
    document_health: Option<&'static str>,
    document_reason: Option<&'a str>,
    maintenance: Option<&'a str>,
    version: Option<&'a str>,
    version_source: Option<&'static str>,
    version_missing_reason: Option<&'a str>,
    certificate: Option<CertificateJson>,
    components: Vec<ComponentJson<'a>>,
    /// Components read but not kept, by state (a reading keeps the first 100 healthy
    /// and the first 256 failing leaves); `null` when every one is listed.
    components_not_kept: Option<NotKept<'a>>,
    checks: Vec<CheckJson<'a>>,
    explanation: Option<ExplanationJson<'a>>,
}

/// Components not kept, as `{"ok": 38976, "critical": 24}`.
struct NotKept<'a>(&'a crate::health::Unkept);

impl Serialize for NotKept<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (health, n) in self.0.by_state() {
            map.serialize_entry(health.name(), &n)?;
        }
        map.end()
    }
}

/// How the body was read (`--explain` prints the same facts).
#[derive(Serialize)]
struct ExplanationJson<'a> {
    evidence: &'a str,
    status: Option<OriginJson<'a>>,
    version_path: Option<&'a str>,
    set_aside: Vec<AsideJson<'a>>,
    set_aside_more: usize,
}

#[derive(Serialize)]
struct OriginJson<'a> {
    path: &'a str,
    rule: &'static str,
}

#[derive(Serialize)]
struct AsideJson<'a> {
    path: &'a str,
    why: &'static str,
}

#[derive(Serialize)]
struct FailureJson<'a> {
    kind: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
struct CertificateJson {
    not_after: String,
    days_left: f64,
}

#[derive(Serialize)]
struct ComponentJson<'a> {
    name: &'a str,
    path: String,
    status: &'a str,
    health: &'static str,
    verdict: Option<&'static str>,
    /// The component rules that applied: left out of the verdict, lowered to WARNING (and
    /// what it would have been), required.
    ignored: bool,
    noncritical: bool,
    would_be: Option<&'static str>,
    required: bool,
    reason: Option<&'a str>,
    since: Option<&'a str>,
    origin: Option<OriginJson<'a>>,
    children: Vec<ComponentJson<'a>>,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    kind: &'static str,
    status: &'static str,
    subject: Option<&'a str>,
    observed: &'a str,
    expected: &'a str,
    reason: &'a str,
    perfdata: Option<PerfdataJson<'a>>,
}

#[derive(Serialize)]
struct PerfdataJson<'a> {
    label: &'a str,
    value: Option<serde_json::Number>,
    unit: &'a str,
    warning: Option<String>,
    critical: Option<String>,
}

fn document(report: &Report) -> Document<'_> {
    let count = |status: Status| report.results.iter().filter(|r| r.status == status).count();
    Document {
        healthprobe: env!("CARGO_PKG_VERSION"),
        schema: SCHEMA_VERSION,
        status: report.overall.label(),
        exit_code: report.exit_code,
        started_at: rfc3339(report.started_at),
        duration_seconds: seconds(report.elapsed),
        summary: Summary {
            total: report.results.len(),
            ok: count(Status::Ok),
            warning: count(Status::Warning),
            critical: count(Status::Critical),
            unknown: count(Status::Unknown),
        },
        targets: report.results.iter().map(target).collect(),
        run_checks: report.run_checks.iter().map(check).collect(),
    }
}

fn target(result: &TargetResult) -> TargetJson<'_> {
    let observation = &result.observation;
    let response = observation.response.as_ref();
    let doc = match &result.reading.document {
        Some(Interpretation::Doc(doc)) => Some(doc),
        _ => None,
    };
    let document_reason = match &result.reading.document {
        Some(Interpretation::Doc(doc)) => doc.reason.as_deref(),
        Some(Interpretation::Unrecognised(why) | Interpretation::Malformed(why)) => {
            Some(why.as_str())
        }
        None => None,
    };
    let (version, version_missing_reason) = match &result.reading.version {
        VersionFound::Found(version, source) => (Some((version.as_str(), source.name())), None),
        VersionFound::Missing(why) => (None, Some(why.as_str())),
    };
    // A bare port has no HTTP status; a gRPC call has the HTTP/2 one it came in.
    let http = response.filter(|r| matches!(r.protocol, Protocol::Http | Protocol::Grpc(_)));
    TargetJson {
        name: &result.target.name,
        url: result.target.url.clone(),
        status: result.status.label(),
        http_status: http.map(|r| r.status),
        http_version: http.map(|r| r.version.as_str()),
        protocol: response.map(|r| match r.protocol {
            Protocol::Http => "http",
            Protocol::Grpc(_) => "grpc",
            Protocol::Tcp => "tcp",
            Protocol::Tls { .. } => "tls",
        }),
        grpc_status: response.and_then(|r| match &r.protocol {
            Protocol::Grpc(call) => Some(crate::observation::grpc_code_name(call.code)),
            _ => None,
        }),
        remote_address: observation.remote.map(|addr| addr.to_string()),
        response_seconds: response.map(|_| seconds(observation.elapsed)),
        attempts: observation.attempts,
        started_at: rfc3339(observation.started_at),
        failure: observation.failure.as_ref().map(|f| FailureJson {
            kind: f.kind.name(),
            message: &f.message,
        }),
        format: doc.map(|d| d.format.name()),
        document_status: doc.and_then(|d| d.raw_status.as_deref()),
        document_health: doc.map(|d| health(d.health)),
        document_reason,
        maintenance: doc.and_then(|d| d.maintenance.as_deref()),
        version: version.map(|(v, _)| v),
        version_source: version.map(|(_, source)| source),
        version_missing_reason,
        certificate: match &result.reading.certificate {
            Some(Ok(expiry)) => Some(certificate(expiry)),
            // An unreadable certificate is explained by its check when a threshold asked.
            Some(Err(_)) | None => None,
        },
        components: match doc {
            Some(doc) => {
                let verdicts = component_verdicts(&result.checks);
                doc.components
                    .iter()
                    .map(|c| component(c, "", &verdicts, &result.marks))
                    .collect()
            }
            None => Vec::new(),
        },
        components_not_kept: doc
            .filter(|doc| !doc.unkept.is_empty())
            .map(|doc| NotKept(&doc.unkept)),
        checks: result.checks.iter().map(check).collect(),
        explanation: doc.map(|doc| explanation(&doc.explanation)),
    }
}

fn explanation(explanation: &Explanation) -> ExplanationJson<'_> {
    ExplanationJson {
        evidence: &explanation.evidence,
        status: explanation.status.as_ref().and_then(origin),
        version_path: explanation.version.as_deref(),
        set_aside: explanation
            .aside
            .iter()
            .map(|aside| AsideJson {
                path: &aside.path,
                why: aside.why,
            })
            .collect(),
        set_aside_more: explanation.more_aside,
    }
}

/// Where a state was read; `None` when the reader did not record it.
fn origin(origin: &Origin) -> Option<OriginJson<'_>> {
    (!origin.rule.is_empty()).then_some(OriginJson {
        path: &origin.path,
        rule: origin.rule,
    })
}

/// The state each failing component earned, by path.
fn component_verdicts(checks: &[Check]) -> HashMap<&str, Status> {
    checks
        .iter()
        .filter(|c| c.kind == CheckKind::Component)
        .filter_map(|c| c.subject.as_deref().map(|s| (s, c.status)))
        .collect()
}

fn component<'a>(
    component: &'a Component,
    prefix: &str,
    verdicts: &HashMap<&str, Status>,
    marks: &std::collections::BTreeMap<String, crate::evaluate::Marks>,
) -> ComponentJson<'a> {
    let path = if prefix.is_empty() {
        component.name.clone()
    } else {
        format!("{prefix}/{}", component.name)
    };
    let own = marks.get(&path).copied().unwrap_or_default();
    ComponentJson {
        name: &component.name,
        status: &component.raw_status,
        health: health(component.health),
        verdict: verdicts.get(path.as_str()).map(|s| s.label()),
        ignored: own.ignored,
        noncritical: own.noncritical,
        would_be: own.would_be.map(|s| s.label()),
        required: own.required,
        reason: component.reason.as_deref(),
        since: component.since.as_deref(),
        origin: origin(&component.origin),
        children: component
            .children
            .iter()
            .map(|child| self::component(child, &path, verdicts, marks))
            .collect(),
        path,
    }
}

fn check(check: &Check) -> CheckJson<'_> {
    CheckJson {
        kind: check.kind.name(),
        status: check.status.label(),
        subject: check.subject.as_deref(),
        observed: &check.observed,
        expected: &check.expected,
        reason: &check.reason,
        perfdata: check.perfdata.as_ref().map(perfdata),
    }
}

fn perfdata(item: &Perfdata) -> PerfdataJson<'_> {
    PerfdataJson {
        label: &item.label,
        value: item.value.as_deref().and_then(number),
        unit: &item.unit,
        warning: item.warning.as_ref().map(ToString::to_string),
        critical: item.critical.as_ref().map(ToString::to_string),
    }
}

/// A perfdata value as a JSON number, integers kept integral (`42`, not `42.0`).
fn number(text: &str) -> Option<serde_json::Number> {
    let text = text.trim();
    if let Ok(integer) = text.parse::<i64>() {
        return Some(integer.into());
    }
    text.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
}

fn certificate(expiry: &CertExpiry) -> CertificateJson {
    let not_after = if expiry.not_after >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(expiry.not_after.unsigned_abs()))
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(expiry.not_after.unsigned_abs()))
    };
    CertificateJson {
        not_after: rfc3339(not_after.unwrap_or(SystemTime::UNIX_EPOCH)),
        days_left: round(expiry.days_left, 3),
    }
}

fn health(health: Health) -> &'static str {
    health.name()
}

/// Seconds with microsecond precision, which is all a probe's timing can claim.
fn seconds(duration: Duration) -> f64 {
    round(duration.as_secs_f64(), 6)
}

fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::{
        FailureKind, Observation, Reading, RequestSeen, Response, TransportFailure, VersionSource,
    };
    use crate::perfdata::Perfdata;
    use serde_json::{Value, json};

    fn observation(response: Option<Response>, failure: Option<TransportFailure>) -> Observation {
        Observation {
            response,
            failure,
            elapsed: Duration::from_micros(2_634_567),
            remote: Some("127.0.0.1:8080".parse().unwrap()),
            request: RequestSeen {
                method: "GET".into(),
                url: "http://127.0.0.1:8080/health".into(),
                headers: vec![("authorization".into(), "Bearer hunter2".into())],
            },
            attempts: 1,
            started_at: UNIX_EPOCH + Duration::from_millis(1_796_114_323_123),
            redirects: Vec::new(),
        }
    }

    fn response() -> Response {
        Response {
            protocol: crate::observation::Protocol::Http,
            status: 503,
            version: "HTTP/1.1".into(),
            headers: vec![("set-cookie".into(), "sid=s3cr3t".into())],
            body: b"{}".to_vec(),
            body_capped: false,
            time_to_headers: Duration::from_millis(1),
            peer_certificate: None,
        }
    }

    fn result(url: &str, observation: Observation, reading: Reading) -> TargetResult {
        let url: url::Url = url.parse().unwrap();
        TargetResult {
            target: crate::outcome::TargetView {
                name: format!(
                    "{}:{}{}",
                    url.host_str().unwrap_or(""),
                    url.port_or_known_default().unwrap_or(0),
                    url.path()
                ),
                url: crate::redact::url(&url),
                host: url.host_str().unwrap_or_default().into(),
                unverified_tls: false,
                warning: None,
                critical: None,
                timeout: Duration::from_secs(10),
            },
            observation,
            reading,
            checks: Vec::new(),
            status: Status::Critical,
            marks: Default::default(),
        }
    }

    fn reading(document: Option<Interpretation>, version: VersionFound) -> Reading {
        Reading {
            document,
            version,
            json: Err("not read".into()),
            certificate: None,
        }
    }

    fn rendered(report: &Report) -> Value {
        let mut out = Vec::new();
        write_document(report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("}\n"), "{text}");
        serde_json::from_str(&text).unwrap()
    }

    fn report(results: Vec<TargetResult>) -> Report {
        Report {
            results,
            run_checks: Vec::new(),
            overall: Status::Critical,
            exit_code: 2,
            started_at: UNIX_EPOCH + Duration::from_millis(1_796_114_323_123),
            elapsed: Duration::from_millis(1500),
        }
    }

    #[test]
    fn top_level_keys_come_in_a_stable_order() {
        let text = {
            let mut out = Vec::new();
            write_document(&report(Vec::new()), &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("  \"") && !l.starts_with("    "))
            .map(|l| l.trim().split('"').nth(1).unwrap())
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
                "run_checks"
            ]
        );
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["started_at"], "2026-12-01T08:38:43.123Z");
        assert_eq!(value["duration_seconds"], 1.5);
        assert_eq!(
            value["summary"],
            json!({"total": 0, "ok": 0, "warning": 0, "critical": 0, "unknown": 0})
        );
    }

    #[test]
    fn urls_are_redacted_and_headers_never_written() {
        let seen = observation(Some(response()), None);
        let found = reading(None, VersionFound::Missing("no body".into()));
        let one = result(
            "http://admin:hunter2@127.0.0.1:8080/h?token=abc",
            seen,
            found,
        );
        let value = rendered(&report(vec![one]));
        let text = value.to_string();
        for secret in ["hunter2", "abc", "s3cr3t", "sid=", "set-cookie"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(
            value["targets"][0]["url"],
            "http://admin:***@127.0.0.1:8080/h?token=***"
        );
    }

    #[test]
    fn a_transport_failure_has_its_kind_and_no_response_fields() {
        let failure = TransportFailure {
            kind: FailureKind::Refused,
            message: "connection refused by 127.0.0.1:8080".into(),
        };
        let mut seen = observation(None, Some(failure));
        seen.remote = None;
        let found = reading(None, VersionFound::Missing("no body".into()));
        let value = rendered(&report(vec![result("http://127.0.0.1:8080/", seen, found)]));
        let target = &value["targets"][0];
        assert_eq!(
            target["failure"],
            json!({"kind": "refused", "message": "connection refused by 127.0.0.1:8080"})
        );
        for key in [
            "http_status",
            "http_version",
            "protocol",
            "grpc_status",
            "remote_address",
            "response_seconds",
            "format",
            "version",
            "certificate",
        ] {
            assert_eq!(target[key], Value::Null, "{key}");
        }
        assert_eq!(target["version_missing_reason"], "no body");
    }

    #[test]
    fn components_nest_with_paths_and_verdicts_and_server_text_is_kept_verbatim() {
        let mut db = Component::new("db", Health::Critical, "DOWN");
        db.reason = Some("x\u{1b}[31m \"quoted\"".into());
        let mut primary = Component::new("primary", Health::Critical, "DOWN");
        primary.since = Some("2026-12-01T08:00:00Z".into());
        db.children.push(primary);
        let mut doc = crate::health::HealthDoc::new(
            crate::health::Format::SpringBoot,
            Health::Critical,
            Some("DOWN".into()),
        );
        doc.components.push(db);
        doc.version = Some(" 2.4.1 ".into());
        let seen = observation(Some(response()), None);
        let found = reading(
            Some(Interpretation::Doc(doc)),
            VersionFound::Found("2.4.1".into(), VersionSource::HealthDocument),
        );
        let mut one = result("http://127.0.0.1:8080/", seen, found);
        one.checks.push(Check {
            kind: CheckKind::Component,
            status: Status::Critical,
            subject: Some("db/primary".into()),
            observed: "DOWN".into(),
            expected: "a healthy status".into(),
            reason: "db/primary DOWN".into(),
            perfdata: None,
        });
        let value = rendered(&report(vec![one]));
        let target = &value["targets"][0];
        assert_eq!(target["format"], "spring-boot");
        assert_eq!(target["document_status"], "DOWN");
        assert_eq!(target["version"], "2.4.1");
        assert_eq!(target["version_source"], "health-document");
        assert_eq!(target["http_version"], "HTTP/1.1");
        assert_eq!(target["remote_address"], "127.0.0.1:8080");
        assert_eq!(target["response_seconds"], 2.634567);
        let db = &target["components"][0];
        assert_eq!(db["path"], "db");
        assert_eq!(db["verdict"], Value::Null);
        assert_eq!(db["reason"], "x\u{1b}[31m \"quoted\"");
        let primary = &db["children"][0];
        assert_eq!(primary["path"], "db/primary");
        assert_eq!(primary["health"], "critical");
        assert_eq!(primary["verdict"], "CRITICAL");
        assert_eq!(primary["since"], "2026-12-01T08:00:00Z");
        assert_eq!(primary["children"], json!([]));
    }

    #[test]
    fn perfdata_values_are_numbers_and_ranges_are_strings() {
        let seen = observation(Some(response()), None);
        let found = reading(None, VersionFound::Missing("none".into()));
        let mut one = result("http://127.0.0.1:8080/", seen, found);
        let measured = |value: Option<&str>| Check {
            kind: CheckKind::Metric,
            status: Status::Ok,
            subject: None,
            observed: "42".into(),
            expected: "warning 100".into(),
            reason: "db_ms 42".into(),
            perfdata: Some(Perfdata {
                warning: Some("100".parse().unwrap()),
                critical: Some("@10:20".parse().unwrap()),
                ..Perfdata::new("db_ms", value.map(String::from), "ms")
            }),
        };
        one.checks.push(measured(Some("42")));
        one.checks.push(measured(Some("0.25")));
        one.checks.push(measured(None));
        let value = rendered(&report(vec![one]));
        let checks = &value["targets"][0]["checks"];
        assert_eq!(
            checks[0]["perfdata"],
            json!({"label": "db_ms", "value": 42, "unit": "ms", "warning": "100", "critical": "@10:20"})
        );
        assert_eq!(checks[1]["perfdata"]["value"], 0.25);
        assert_eq!(checks[2]["perfdata"]["value"], Value::Null);
    }

    #[test]
    fn certificate_expiry_is_a_timestamp_and_days() {
        let seen = observation(Some(response()), None);
        let mut found = reading(None, VersionFound::Missing("none".into()));
        found.certificate = Some(Ok(CertExpiry {
            not_after: 1_796_114_323,
            days_left: 89.999_988_4,
        }));
        let value = rendered(&report(vec![result("https://h.test/", seen, found)]));
        assert_eq!(
            value["targets"][0]["certificate"],
            json!({"not_after": "2026-12-01T08:38:43.000Z", "days_left": 90.0})
        );
    }

    #[test]
    fn the_schema_names_every_health_format_and_this_shape_version() {
        let schema: Value =
            serde_json::from_str(include_str!("../../schema/report.schema.json")).unwrap();
        let formats = &schema["$defs"]["target"]["properties"]["format"]["enum"];
        let mut listed: Vec<String> = formats
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap_or("null").to_string())
            .collect();
        let mut expected: Vec<String> = crate::health::Format::all()
            .map(|f| f.name().to_string())
            .collect();
        expected.push("null".into());
        listed.sort();
        expected.sort();
        assert_eq!(listed, expected);
        assert_eq!(schema["properties"]["schema"]["const"], SCHEMA_VERSION);
    }
}
