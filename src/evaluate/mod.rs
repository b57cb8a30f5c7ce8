//! Expectations applied to what a probe saw, giving [`Check`]s. Pure: no I/O, no printing.
//!
//! Each check keeps what was observed and what was expected beside its state, so that every
//! renderer can explain a verdict without re-deriving it. A target's state is the worst of its
//! checks: the HTTP status rule, the response time, the health document's own status, every
//! component, and every expectation the user set.

use clap::ValueEnum;

use crate::health::{
    Component, Format, FormatChoice, Health, HealthDoc, Interpretation, ReadOptions,
};
use crate::observation::{
    CertExpiry, GrpcCall, Observation, Protocol, Reading, Response, VersionFound, grpc_code_name,
};
use crate::pattern::Pattern;
use crate::perfdata::Perfdata;
use crate::range::{Breach, Range, fmt_num, judge};
use crate::rules::{Assertion, BodyRule, HeaderRule, Metric, RuleOutcome};
use crate::statuses::StatusSet;
use crate::verdict::{Status, worst};
use crate::version::VersionReq;

mod components;
use components::walk_components;
pub use components::{Marks, component_marks};

/// The state a maintenance-like status counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MaintenanceAs {
    Ok,
    Warning,
    Critical,
}

#[derive(Debug, Clone, Default)]
pub struct Expectations {
    pub statuses: StatusSet,
    /// The user chose the status set; format-specific status meanings (Consul's 429) then yield.
    pub statuses_explicit: bool,
    /// Response-time ranges in seconds.
    pub warning: Option<Range>,
    pub critical: Option<Range>,
    /// How the body is read: format, the user's words, paths into the document.
    pub read: ReadOptions,
    pub components: ComponentRules,
    /// `None`: CRITICAL when the server answered 5xx, otherwise WARNING.
    pub maintenance: Option<MaintenanceAs>,
    pub version: Option<VersionReq>,
    /// `--expect-header`, `--expect-body`, `--metric`, `--assert` and `--assert-warn`.
    pub headers: Vec<HeaderRule>,
    pub body: Vec<BodyRule>,
    pub metrics: Vec<Metric>,
    pub asserts: Vec<Assertion>,
    pub assert_warns: Vec<Assertion>,
    /// Remaining certificate validity below which an HTTPS target is WARNING / CRITICAL.
    pub cert_warn: Option<std::time::Duration>,
    pub cert_crit: Option<std::time::Duration>,
}

#[derive(Debug, Clone, Default)]
pub struct ComponentRules {
    pub ignore: Vec<Pattern>,
    pub noncritical: Vec<Pattern>,
    pub require: Vec<Pattern>,
}

impl ComponentRules {
    fn ignored(&self, path: &str) -> bool {
        self.ignore.iter().any(|p| p.covers(path))
    }

    fn noncritical(&self, path: &str) -> bool {
        self.noncritical.iter().any(|p| p.covers(path))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub kind: CheckKind,
    pub status: Status,
    /// The component path for component checks (`db/primary`).
    pub subject: Option<String>,
    pub observed: String,
    pub expected: String,
    /// One line saying what went wrong, or what was seen when all is well.
    pub reason: String,
    /// The number this check measured, for Nagios perfdata.
    pub perfdata: Option<Perfdata>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    Transport,
    HttpStatus,
    /// The `grpc-status` of a gRPC call.
    GrpcStatus,
    /// A `tcp://` or `tls://` connection accepted (and its handshake completed).
    Connection,
    ResponseTime,
    BodySize,
    Document,
    DocumentStatus,
    Component,
    /// The failing components a reading counted without keeping, all in one check.
    ComponentsNotKept,
    RequiredComponent,
    Version,
    VersionSkew,
    Header,
    Body,
    Metric,
    Assertion,
    Certificate,
    /// Run level: `--quorum`.
    Quorum,
    /// Run level: how a `--wait` ended, or that the run was interrupted.
    Wait,
}

impl CheckKind {
    /// The rules a user adds on headers and body (`--expect-header`, `--expect-body`,
    /// `--metric`, `--assert`, `--assert-warn`).
    pub fn is_user_rule(self) -> bool {
        matches!(
            self,
            CheckKind::Header | CheckKind::Body | CheckKind::Metric | CheckKind::Assertion
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            CheckKind::Transport => "transport",
            CheckKind::HttpStatus => "http-status",
            CheckKind::GrpcStatus => "grpc-status",
            CheckKind::Connection => "connection",
            CheckKind::ResponseTime => "response-time",
            CheckKind::BodySize => "body-size",
            CheckKind::Document => "health-document",
            CheckKind::DocumentStatus => "health-status",
            CheckKind::Component => "component",
            CheckKind::ComponentsNotKept => "components-not-kept",
            CheckKind::RequiredComponent => "required-component",
            CheckKind::Version => "version",
            CheckKind::VersionSkew => "version-skew",
            CheckKind::Header => "header",
            CheckKind::Body => "body",
            CheckKind::Metric => "metric",
            CheckKind::Assertion => "assertion",
            CheckKind::Quorum => "quorum",
            CheckKind::Wait => "wait",
            CheckKind::Certificate => "certificate",
        }
    }
}

fn check(
    kind: CheckKind,
    status: Status,
    observed: String,
    expected: String,
    reason: String,
) -> Check {
    Check {
        kind,
        status,
        subject: None,
        observed,
        expected,
        reason,
        perfdata: None,
    }
}

/// Judges one observation and what its body said. The target's state is the worst of the
/// returned checks.
pub fn evaluate(
    observation: &Observation,
    reading: &Reading,
    expect: &Expectations,
    max_body: usize,
) -> Vec<Check> {
    let mut checks = Vec::new();
    if let Some(failure) = &observation.failure {
        let status = if failure.kind.is_ours() {
            Status::Unknown
        } else {
            Status::Critical
        };
        checks.push(check(
            CheckKind::Transport,
            status,
            failure.kind.name().to_string(),
            "a complete response".into(),
            failure.message.clone(),
        ));
    }
    if let Some(response) = &observation.response {
        response_checks(
            observation,
            response,
            reading,
            expect,
            max_body,
            &mut checks,
        );
    }
    rule_checks(observation, reading, expect, &mut checks);
    checks
}

/// Everything judged from a response that arrived, complete or not.
fn response_checks(
    observation: &Observation,
    response: &Response,
    reading: &Reading,
    expect: &Expectations,
    max_body: usize,
    checks: &mut Vec<Check>,
) {
    let document = match &reading.document {
        Some(Interpretation::Doc(doc)) => Some(doc),
        _ => None,
    };
    checks.push(match &response.protocol {
        Protocol::Http => status_check(response, expect, document.map(|d| d.format)),
        Protocol::Grpc(call) => grpc_status_check(call),
        Protocol::Tcp | Protocol::Tls { .. } => connection_check(response, observation),
    });
    if observation.failure.is_none() {
        checks.push(time_check(observation.elapsed.as_secs_f64(), expect));
    }
    if response.body_capped {
        checks.push(check(
            CheckKind::BodySize,
            Status::Critical,
            format!("more than {max_body} bytes"),
            format!("at most {max_body} bytes"),
            crate::observation::body_too_large_message(max_body),
        ));
    }
    match &reading.document {
        Some(Interpretation::Doc(doc)) => document_checks(doc, response.status, expect, checks),
        Some(Interpretation::Malformed(reason)) => checks.push(check(
            CheckKind::Document,
            Status::Critical,
            "malformed".into(),
            "a health document".into(),
            reason.clone(),
        )),
        Some(Interpretation::Unrecognised(reason)) => {
            // The user said which format, or where in the document to look: a body that does
            // not fit is a finding, not a silent pass.
            let directed = match expect.read.format {
                FormatChoice::Forced(format) => Some(format),
                _ if expect.read.status_path.is_some() || expect.read.component_path.is_some() => {
                    Some(Format::Generic)
                }
                _ => None,
            };
            if let Some(format) = directed {
                checks.push(check(
                    CheckKind::Document,
                    Status::Critical,
                    "unrecognised".into(),
                    format!("a {} document", format.name()),
                    format!("body is not a {} health document: {reason}", format.name()),
                ));
            }
        }
        None => {}
    }
    components::required_checks(document, expect, checks);
    if let Some(doc) = document
        && response.status >= 500
        && !checks.iter().any(|c| c.kind == CheckKind::DocumentStatus)
        && let Some(status_check) = checks
            .iter_mut()
            .find(|c| c.kind == CheckKind::HttpStatus && c.status == Status::Critical)
        && let Some((status, why)) = components::explained_status(doc, expect)
    {
        // The 5xx only repeats what the components say, and the user ruled on them.
        status_check.status = status;
        status_check.reason = format!("{}, given for {why}", status_line(response.status));
    }
    if let Some(requirement) = &expect.version {
        checks.push(version_check(&reading.version, requirement));
    }
    if let Some(found) = &reading.certificate {
        checks.extend(certificate_check(found, expect));
    }
}

/// The user's rules on headers and body. They are judged even when no complete response
/// arrived, so that every rule is accounted for and every metric keeps its perfdata slot (`U`);
/// such a rule is UNKNOWN (it could not be judged), and the transport failure that explains it
/// is CRITICAL beside it.
fn rule_checks(
    observation: &Observation,
    reading: &Reading,
    expect: &Expectations,
    checks: &mut Vec<Check>,
) {
    let response = observation.response.as_ref();
    let complete = observation.failure.is_none() && response.is_some_and(|r| !r.body_capped);
    let judged = |kind, outcome: RuleOutcome, unjudged: bool| {
        let status = match outcome.breach {
            _ if outcome.unknown => Status::Unknown,
            Breach::None => Status::Ok,
            _ if unjudged => Status::Unknown,
            Breach::Warning => Status::Warning,
            Breach::Critical => Status::Critical,
        };
        Check {
            kind,
            status,
            subject: None,
            observed: outcome.observed,
            expected: outcome.expected,
            reason: outcome.reason,
            perfdata: outcome.perfdata,
        }
    };
    for rule in &expect.headers {
        let outcome = match response {
            Some(response) => rule.evaluate(&response.headers),
            None => RuleOutcome::unjudged(
                rule.expectation(),
                format!("header {} not checked: no response", rule.name),
            ),
        };
        checks.push(judged(CheckKind::Header, outcome, response.is_none()));
    }
    let body = match response {
        Some(response) if complete => Ok(response.body.as_slice()),
        _ => Err(NO_COMPLETE_BODY),
    };
    for rule in &expect.body {
        checks.push(judged(CheckKind::Body, rule.evaluate(body), !complete));
    }
    let json = reading
        .json
        .as_ref()
        .map(|value| value.as_ref())
        .map_err(String::as_str);
    for metric in &expect.metrics {
        checks.push(judged(CheckKind::Metric, metric.evaluate(json), !complete));
    }
    let asserts = expect.asserts.iter().map(|a| (a, Breach::Critical));
    let warns = expect.assert_warns.iter().map(|a| (a, Breach::Warning));
    for (assertion, severity) in asserts.chain(warns) {
        let outcome = assertion.evaluate(json, severity);
        checks.push(judged(CheckKind::Assertion, outcome, !complete));
    }
}

/// Why a rule on the body could not be judged.
pub const NO_COMPLETE_BODY: &str = "no complete body was received";

const SECONDS_PER_DAY: f64 = 86_400.0;

/// The certificate's remaining validity: judged against `--cert-warn` / `--cert-crit` and
/// always recorded (OK without thresholds) with its days left as perfdata. A certificate whose
/// dates cannot be read matters only when a threshold asked for them.
fn certificate_check(found: &Result<CertExpiry, String>, expect: &Expectations) -> Option<Check> {
    let days =
        |d: Option<std::time::Duration>| d.map(|d| round_to(d.as_secs_f64() / SECONDS_PER_DAY, 2));
    let (warn_days, crit_days) = (days(expect.cert_warn), days(expect.cert_crit));
    let expected = [("warning", warn_days), ("critical", crit_days)]
        .iter()
        .filter_map(|(name, d)| d.map(|d| format!("{name} under {}d", fmt_num(d))))
        .collect::<Vec<_>>()
        .join(", ");
    let expiry = match found {
        Ok(expiry) => expiry,
        Err(_) if warn_days.is_none() && crit_days.is_none() => return None,
        Err(why) => {
            return Some(check(
                CheckKind::Certificate,
                Status::Unknown,
                "unreadable".into(),
                expected,
                format!("cannot read the certificate's expiry: {why}"),
            ));
        }
    };
    let left = expiry.days_left;
    let until = crate::cert::format_utc(expiry.not_after);
    let shown_left = fmt_num(round_to(left, 1));
    let under = |limit: Option<f64>| limit.is_some_and(|limit| left < limit);
    let (status, reason) = if left < 0.0 {
        (Status::Critical, format!("certificate expired on {until}"))
    } else if under(crit_days) {
        (
            Status::Critical,
            format!(
                "certificate expires in {} ({until}), under the critical {}d",
                crate::text::count(&shown_left, "day"),
                fmt_num(crit_days.unwrap_or(0.0))
            ),
        )
    } else if under(warn_days) {
        (
            Status::Warning,
            format!(
                "certificate expires in {} ({until}), under the warning {}d",
                crate::text::count(&shown_left, "day"),
                fmt_num(warn_days.unwrap_or(0.0))
            ),
        )
    } else {
        (
            Status::Ok,
            format!(
                "certificate valid for {} more (until {until})",
                crate::text::count(&shown_left, "day")
            ),
        )
    };
    let perfdata = Perfdata {
        warning: warn_days.map(Range::at_least),
        critical: crit_days.map(Range::at_least),
        ..Perfdata::new("cert_days", Some(fmt_num(round_to(left, 2))), "")
    };
    Some(Check {
        perfdata: Some(perfdata),
        ..check(
            CheckKind::Certificate,
            status,
            crate::text::count(&shown_left, "day"),
            expected,
            reason,
        )
    })
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

/// The state of a target: the worst of its checks.
pub fn target_status(checks: &[Check]) -> Status {
    worst(checks.iter().map(|c| c.status))
}

fn status_check(response: &Response, expect: &Expectations, format: Option<Format>) -> Check {
    let code = response.status;
    let line = status_line(code);
    let expected = &expect.statuses;
    let (status, reason) = if expected.contains(code) {
        (Status::Ok, line)
    } else if code == 429 && format == Some(Format::Consul) && !expect.statuses_explicit {
        // Consul's agent health endpoint answers 429 for an aggregated "warning".
        (Status::Warning, format!("{line} (Consul's warning state)"))
    } else {
        (Status::Critical, format!("{line}, expected {expected}"))
    };
    check(
        CheckKind::HttpStatus,
        status,
        code.to_string(),
        expected.to_string(),
        reason,
    )
}

/// A gRPC call is judged by the status the server gave: OK is OK, anything else CRITICAL, with
/// what the code means for a health check and the server's own `grpc-message`.
fn grpc_status_check(call: &GrpcCall) -> Check {
    let name = grpc_code_name(call.code);
    let (status, mut reason) = match call.code {
        0 => (Status::Ok, format!("gRPC {name}")),
        5 if !call.service.is_empty() => (
            Status::Critical,
            format!(
                "gRPC NOT_FOUND: the server does not know service '{}' (SERVICE_UNKNOWN)",
                call.service
            ),
        ),
        12 => (
            Status::Critical,
            format!(
                "gRPC UNIMPLEMENTED: the server does not implement grpc.health.v1.Health/{}{}",
                call.rpc,
                if call.rpc == "List" {
                    " (drop --grpc-list to ask Check)"
                } else {
                    ""
                }
            ),
        ),
        code => (
            Status::Critical,
            format!("gRPC {name} ({code}){}", grpc_code_meaning(code)),
        ),
    };
    if let Some(message) = call.message.as_deref().filter(|m| !m.is_empty()) {
        reason.push_str(": ");
        reason.push_str(message);
    }
    check(
        CheckKind::GrpcStatus,
        status,
        name.to_string(),
        "OK".into(),
        reason,
    )
}

/// What a gRPC status says about the service being probed, where the name alone does not.
fn grpc_code_meaning(code: u32) -> &'static str {
    match code {
        4 => ": the server did not answer within the deadline",
        7 => ": the credentials sent may not call the health service",
        8 => ": the server is out of resources",
        14 => ": the service is unavailable",
        16 => ": the server wants credentials (-H 'authorization: ...' or --bearer-token-file)",
        _ => "",
    }
}

/// A bare port: the connection was accepted (and the handshake completed for `tls://`).
fn connection_check(response: &Response, observation: &Observation) -> Check {
    let peer = observation
        .remote
        .map_or_else(|| "the server".to_string(), |a| a.to_string());
    let reason = match &response.protocol {
        Protocol::Tls { version } => format!("{version} handshake with {peer}"),
        _ => format!("connection accepted by {peer}"),
    };
    check(
        CheckKind::Connection,
        Status::Ok,
        response.version.clone(),
        "a connection".into(),
        reason,
    )
}

/// The first words of a target's summary: what answered, by protocol.
pub fn answer_line(response: &Response) -> String {
    match &response.protocol {
        Protocol::Http => status_line(response.status),
        Protocol::Grpc(call) => format!("gRPC {}", grpc_code_name(call.code)),
        Protocol::Tcp => "connected".to_string(),
        Protocol::Tls { version } => format!("{version} handshake"),
    }
}

/// `HTTP 503 Service Unavailable`, or `HTTP 599` for codes without a standard reason.
pub fn status_line(code: u16) -> String {
    let reason = hyper::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("HTTP {code} {reason}"),
        None => format!("HTTP {code}"),
    }
}

fn time_check(seconds: f64, expect: &Expectations) -> Check {
    let breach = judge(seconds, expect.warning.as_ref(), expect.critical.as_ref());
    let (status, range, level) = match breach {
        Breach::Critical => (Status::Critical, expect.critical.as_ref(), "critical"),
        Breach::Warning => (Status::Warning, expect.warning.as_ref(), "warning"),
        Breach::None => (Status::Ok, None, ""),
    };
    // Durations print one way everywhere: `850ms`, `1.2s`.
    let observed = crate::units::format_duration(std::time::Duration::from_secs_f64(
        round_ms(seconds).max(0.0),
    ));
    let reason = match range.and_then(|r| r.violation(seconds)) {
        Some(violation) => match violation.split_once(' ') {
            Some(("inside", range)) => {
                format!("response time {observed} inside the {level} range {range} (seconds)")
            }
            Some((side, bound)) => {
                format!("response time {observed} {side} the {level} threshold {bound}s")
            }
            None => format!("response time {observed} {violation}"),
        },
        None => format!("response time {observed}"),
    };
    let expected = [("warning", &expect.warning), ("critical", &expect.critical)]
        .iter()
        .filter_map(|(name, r)| r.as_ref().map(|r| format!("{name} {r}")))
        .collect::<Vec<_>>()
        .join(", ");
    check(CheckKind::ResponseTime, status, observed, expected, reason)
}

fn round_ms(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

/// The state a document-level health word earns.
fn health_status(health: Health, maintenance: Status) -> Option<Status> {
    match health {
        Health::Ok => None,
        Health::Warning => Some(Status::Warning),
        Health::Critical => Some(Status::Critical),
        Health::Unknown | Health::Unrecognised => Some(Status::Unknown),
        Health::Maintenance => Some(maintenance),
    }
}

/// How to give a value the reader could not read a meaning: `--status-word` for a word,
/// `--status-path`/`--component-path` and `--assert` for anything longer.
fn unrecognised_hint(raw: &str) -> String {
    let mappable = {
        let word = crate::health::words::normalise(raw);
        !word.is_empty() && word != "\0"
    };
    if mappable {
        let quoted = if raw
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.".contains(c))
        {
            format!("{raw}=STATE")
        } else {
            format!("'{}=STATE'", raw.replace('\'', ""))
        };
        format!("give it a meaning with --status-word {quoted} (ok, warning, critical)")
    } else {
        "point the reader at the right field with --status-path or --component-path".into()
    }
}

/// ` at $.path` when the reading knows where it was.
fn at_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" at {path}")
    }
}

fn maintenance_status(policy: Option<MaintenanceAs>, http_status: u16) -> Status {
    match policy {
        Some(MaintenanceAs::Ok) => Status::Ok,
        Some(MaintenanceAs::Warning) => Status::Warning,
        Some(MaintenanceAs::Critical) => Status::Critical,
        None if http_status >= 500 => Status::Critical,
        None => Status::Warning,
    }
}

fn document_checks(
    doc: &HealthDoc,
    http_status: u16,
    expect: &Expectations,
    checks: &mut Vec<Check>,
) {
    let maintenance = maintenance_status(expect.maintenance, http_status);
    let mut explained = walk_components(&doc.components, "", false, expect, maintenance, checks);
    if let Some(worst) = doc.unkept.worst() {
        explained = explained.worst(worst);
        components::unkept_check(doc, maintenance, checks);
    }
    let raw = doc.raw_status.as_deref().unwrap_or("(none)");
    // The top-level word counts when the components do not already explain it: a `fail` with
    // every check passing is a finding of its own, a `fail` because `db` failed is `db`'s.
    // An unknown top-level state always counts: the service did not say it is healthy; so does
    // one the reader could not read, unless it was derived from components that explain it.
    let unreadable = doc.health == Health::Unrecognised && doc.raw_status.is_some();
    let counts =
        doc.health == Health::Unknown || unreadable || doc.health.severity() > explained.severity();
    if !counts {
        return;
    }
    let Some(status) = health_status(doc.health, maintenance) else {
        return;
    };
    let mut reason = match doc.health {
        Health::Maintenance => format!(
            "in maintenance ({})",
            doc.maintenance.as_deref().unwrap_or(raw)
        ),
        Health::Unknown => format!("{} status '{raw}' is not a known state", doc.format.name()),
        Health::Unrecognised => {
            let path = doc
                .explanation
                .status
                .as_ref()
                .map(|origin| at_path(&origin.path))
                .unwrap_or_default();
            format!(
                "{} status '{raw}'{path} is no state healthprobe knows; {}",
                doc.format.name(),
                unrecognised_hint(raw)
            )
        }
        _ => format!("{} status {raw}", doc.format.name()),
    };
    if let Some(why) = &doc.reason {
        reason.push_str(": ");
        reason.push_str(why);
    }
    checks.push(check(
        CheckKind::DocumentStatus,
        status,
        raw.to_string(),
        "a healthy status".into(),
        reason,
    ));
}

fn version_check(found: &VersionFound, requirement: &VersionReq) -> Check {
    let expected = requirement.to_string();
    match found {
        VersionFound::Found(version, _) => match requirement.check(version) {
            Ok(()) => check(
                CheckKind::Version,
                Status::Ok,
                version.clone(),
                expected,
                format!("version {version}"),
            ),
            Err(reason) => check(
                CheckKind::Version,
                Status::Critical,
                version.clone(),
                expected,
                reason,
            ),
        },
        VersionFound::Missing(why) => check(
            CheckKind::Version,
            Status::Critical,
            "none".into(),
            expected.clone(),
            format!("no version to check against {expected}: {why}"),
        ),
    }
}

/// A run-level check for `--same-version`: WARNING when targets report different versions.
pub fn version_skew_check(versions: &[(&str, Option<&str>)]) -> Option<Check> {
    crate::version::skew(versions).map(|line| {
        check(
            CheckKind::VersionSkew,
            Status::Warning,
            "different versions".into(),
            "the same version on every target".into(),
            line,
        )
    })
}

#[cfg(test)]
mod tests;
