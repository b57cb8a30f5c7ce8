//! The answer of `GET /probe`: one target's result in the Prometheus text exposition, with
//! blackbox_exporter's metric names wherever the meaning is the same, so that its dashboards and
//! alerts keep working, and healthprobe's own series for what blackbox does not read.
//!
//! - `probe_success` is 1 when the target is OK or WARNING (it serves, perhaps degraded), 0
//!   when CRITICAL or UNKNOWN; `healthprobe_status` is the Nagios code (0..3) and
//!   `healthprobe_state{state}` the state as a state set, for alerts that tell WARNING apart.
//! - `probe_duration_seconds`, `probe_http_status_code`, `probe_http_version`,
//!   `probe_http_redirects`, `probe_http_ssl`, `probe_http_uncompressed_body_length` and
//!   `probe_ssl_earliest_cert_expiry` mean what blackbox's mean; the certificate is the leaf's
//!   (the one that expires first in every chain healthprobe has met).
//! - `healthprobe_component_up{component}` and `healthprobe_component_state{component,state}`:
//!   each component the health document reports, as the `-o prometheus` report writes them.
//! - `healthprobe_version_info{version}`, `healthprobe_health_format_info{format}`, and
//!   `healthprobe_metric{name,unit}` for each `--metric` rule.
//!
//! No series carries a `target` label: Prometheus adds `instance` from the scrape config's
//! relabelling, as it does for blackbox.

use std::collections::HashSet;
use std::time::Duration;

use crate::evaluate::CheckKind;
use crate::exposition::{Family, Kind, render};
use crate::health::{Component, Health, Interpretation};
use crate::observation::Protocol;
use crate::outcome::TargetResult;
use crate::verdict::Status;

const STATES: [(Status, &str); 4] = [
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

/// One gauge without labels; no sample when there is no value.
fn gauge(name: &'static str, help: &'static str, value: Option<f64>) -> Family {
    let mut family = Family::new(name, Kind::Gauge, help);
    if let Some(value) = value {
        family.push(vec![], value);
    }
    family
}

/// blackbox's HTTP series: status code, version, redirects, TLS and body length.
fn http_families(result: &TargetResult, families: &mut Vec<Family>) {
    let response = result.observation.response.as_ref();
    families.push(gauge(
        "probe_http_status_code",
        "Response HTTP status code (0 when no response arrived).",
        Some(response.map_or(0.0, |r| f64::from(r.status))),
    ));
    families.push(gauge(
        "probe_http_version",
        "Returns the version of HTTP of the probe response.",
        response.and_then(|r| http_version(&r.version)),
    ));
    families.push(gauge(
        "probe_http_redirects",
        "The number of redirects followed.",
        Some(result.observation.redirects.len() as f64),
    ));
    families.push(gauge(
        "probe_http_ssl",
        "Indicates if SSL was used for the final request.",
        response.map(|r| f64::from(u8::from(r.peer_certificate.is_some()))),
    ));
    families.push(gauge(
        "probe_http_uncompressed_body_length",
        "Length of the body as received, in bytes (up to --max-body).",
        response.map(|r| r.body.len() as f64),
    ));
}

/// blackbox's `probe_grpc_healthcheck_response{serving_status}`: the whole server's serving
/// status (or the one service asked about) as a state set.
fn serving_status(result: &TargetResult) -> Family {
    let mut family = Family::new(
        "probe_grpc_healthcheck_response",
        Kind::Gauge,
        "Response HealthCheck response (the serving status, as a state set).",
    );
    // The server's own entry (`""`), or the one service a Check asked about.
    // Only a gRPC answer has one: its JSON form (`{"statuses":{"":{"status":"SERVING"}}}`).
    let answer = result
        .observation
        .response
        .as_ref()
        .filter(|r| matches!(r.protocol, crate::observation::Protocol::Grpc(_)))
        .filter(|r| r.carries_document())
        .and_then(|r| crate::json::parse(&r.body, crate::json::Reading::LastWins).ok());
    let statuses = answer
        .as_ref()
        .and_then(|(a, _)| a.get("statuses"))
        .and_then(crate::json::Value::as_object);
    let said = statuses.and_then(|all| {
        let entry = all
            .get("")
            .or_else(|| all.values().next().filter(|_| all.len() == 1))?;
        entry.get("status")?.as_str()
    });
    if let Some(said) = said {
        for status in ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"] {
            family.push(
                vec![("serving_status", status.into())],
                f64::from(u8::from(status == said)),
            );
        }
    }
    family
}

/// The exposition of one probe that took `took`.
pub fn render_probe(result: &TargetResult, took: Duration) -> String {
    let mut families = Vec::new();
    let serving = matches!(result.status, Status::Ok | Status::Warning);
    families.push(gauge(
        "probe_success",
        "Whether the probe was a success: 1 when the target is OK or WARNING.",
        Some(f64::from(u8::from(serving))),
    ));
    families.push(gauge(
        "probe_duration_seconds",
        "Returns how long the probe took to complete in seconds.",
        Some(took.as_secs_f64()),
    ));
    let response = result.observation.response.as_ref();
    let scheme = result.target.url.split(':').next().unwrap_or_default();
    match scheme {
        "grpc" | "grpcs" => {
            let call = response.and_then(|r| match &r.protocol {
                Protocol::Grpc(call) => Some(call),
                _ => None,
            });
            families.push(gauge(
                "probe_grpc_status_code",
                "Response gRPC status code (-1 when no gRPC answer arrived).",
                Some(call.map_or(-1.0, |c| f64::from(c.code))),
            ));
            families.push(gauge(
                "probe_grpc_ssl",
                "Indicates if SSL was used for the connection.",
                response.map(|r| f64::from(u8::from(r.peer_certificate.is_some()))),
            ));
            families.push(serving_status(result));
        }
        "tcp" | "tls" => {
            let mut tls = Family::new(
                "probe_tls_version_info",
                Kind::Gauge,
                "Returns the TLS version used, or NaN when unknown.",
            );
            if let Some(Protocol::Tls { version }) = response.map(|r| &r.protocol) {
                tls.push(vec![("version", version.clone())], 1.0);
            }
            families.push(tls);
        }
        _ => http_families(result, &mut families),
    }
    families.push(gauge(
        "probe_ssl_earliest_cert_expiry",
        "Returns the last SSL chain expiry in unixtime (the leaf certificate's notAfter).",
        match &result.reading.certificate {
            Some(Ok(expiry)) => Some(expiry.not_after as f64),
            _ => None,
        },
    ));
    families.push(gauge(
        "healthprobe_status",
        "The target's state as a Nagios code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
        Some(f64::from(result.status.nagios_code())),
    ));
    let mut state = Family::new(
        "healthprobe_state",
        Kind::Gauge,
        "The target's state as a state set: 1 for the current state, 0 for the others.",
    );
    for (status, name) in STATES {
        state.push(
            vec![("state", name.into())],
            f64::from(u8::from(status == result.status)),
        );
    }
    families.push(state);
    families.extend(components(result));
    let mut version = Family::new(
        "healthprobe_version_info",
        Kind::Gauge,
        "The service version the target reports, as a label.",
    );
    if let Some(found) = result.reading.version.value() {
        version.push(vec![("version", found.to_string())], 1.0);
    }
    families.push(version);
    let mut format = Family::new(
        "healthprobe_health_format_info",
        Kind::Gauge,
        "The health document format the body was read as, as a label.",
    );
    if let Some(Interpretation::Doc(doc)) = &result.reading.document {
        format.push(vec![("format", doc.format.name().to_string())], 1.0);
    }
    families.push(format);
    let mut metrics = Family::new(
        "healthprobe_metric",
        Kind::Gauge,
        "The value each --metric rule read from the body, by its name and unit.",
    );
    let mut seen = HashSet::new();
    for check in result.checks.iter().filter(|c| c.kind == CheckKind::Metric) {
        let Some(perfdata) = &check.perfdata else {
            continue;
        };
        let value = perfdata
            .value
            .as_deref()
            .and_then(|v| v.parse::<f64>().ok());
        if let Some(value) = value
            && seen.insert((perfdata.label.clone(), perfdata.unit.clone()))
        {
            metrics.push(
                vec![
                    ("name", perfdata.label.clone()),
                    ("unit", perfdata.unit.clone()),
                ],
                value,
            );
        }
    }
    families.push(metrics);
    render(&families)
}

/// `HTTP/1.1` -> 1.1, `HTTP/2.0` -> 2.
fn http_version(text: &str) -> Option<f64> {
    text.strip_prefix("HTTP/")?.parse().ok()
}

/// The component families: up (no sample when unknown) and the state set, one series per
/// component path; paths that repeat keep the worst state.
fn components(result: &TargetResult) -> Vec<Family> {
    let mut up = Family::new(
        "healthprobe_component_up",
        Kind::Gauge,
        "1 when the health document says the component is ok or warning, 0 when down, failing or in maintenance; no sample when its state is unknown.",
    );
    let mut state = Family::new(
        "healthprobe_component_state",
        Kind::Gauge,
        "Each component's state as the document says it, as a state set.",
    );
    let Some(Interpretation::Doc(doc)) = &result.reading.document else {
        return vec![up, state];
    };
    let mut all: Vec<(String, Health)> = Vec::new();
    walk(&doc.components, "", &mut all);
    let mut order: Vec<String> = Vec::new();
    let mut worst: std::collections::HashMap<String, Health> = std::collections::HashMap::new();
    for (path, health) in all {
        match worst.get_mut(&path) {
            Some(before) => *before = before.worst(health),
            None => {
                order.push(path.clone());
                worst.insert(path, health);
            }
        }
    }
    for path in order {
        let health = worst[&path];
        match health {
            Health::Ok | Health::Warning => up.push(vec![("component", path.clone())], 1.0),
            Health::Critical | Health::Maintenance => {
                up.push(vec![("component", path.clone())], 0.0)
            }
            Health::Unknown | Health::Unrecognised => {}
        }
        for (each, name) in COMPONENT_STATES {
            state.push(
                vec![("component", path.clone()), ("state", name.into())],
                f64::from(u8::from(each == health)),
            );
        }
    }
    vec![up, state]
}

fn walk(components: &[Component], prefix: &str, out: &mut Vec<(String, Health)>) {
    for component in components {
        let path = if prefix.is_empty() {
            component.name.clone()
        } else {
            format!("{prefix}/{}", component.name)
        };
        out.push((path.clone(), component.health));
        walk(&component.children, &path, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_versions_are_numbers() {
        assert_eq!(http_version("HTTP/1.1"), Some(1.1));
        assert_eq!(http_version("HTTP/2.0"), Some(2.0));
        assert_eq!(http_version("h3"), None);
    }
}
