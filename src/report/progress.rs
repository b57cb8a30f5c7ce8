//! The `--wait` progress line: what is still keeping the run from being healthy, by target and
//! by failing component, so that an operator watching a deployment sees which dependency holds
//! it up rather than only a status code.

use crate::evaluate::CheckKind;
use crate::outcome::{Report, TargetResult};
use crate::verdict::Status;

/// How many waiting targets are named; the rest are counted.
const NAMED: usize = 2;
/// How many failing components are named per target; the rest are counted.
const COMPONENTS_NAMED: usize = 3;

/// `round 4: 1 of 3 healthy, 12.3s left; waiting for api CRITICAL (HTTP 503 Service
/// Unavailable; db CRITICAL, cache WARNING) and 1 more`. `healthy` says which results count as
/// done.
pub fn waiting_line(
    round: u32,
    report: &Report,
    left_seconds: f64,
    healthy: &dyn Fn(Status) -> bool,
) -> String {
    let total = report.results.len();
    let waiting: Vec<&TargetResult> = report
        .results
        .iter()
        .filter(|r| !healthy(r.status))
        .collect();
    let mut line = format!(
        "round {round}: {} of {total} healthy, {left_seconds:.1}s left",
        total - waiting.len()
    );
    if waiting.is_empty() {
        return line;
    }
    let named: Vec<String> = waiting.iter().take(NAMED).map(|r| why(r)).collect();
    line.push_str("; waiting for ");
    line.push_str(&named.join(", "));
    if waiting.len() > NAMED {
        line.push_str(&format!(" and {} more", waiting.len() - NAMED));
    }
    line
}

/// `api CRITICAL (HTTP 503 Service Unavailable; db CRITICAL, cache WARNING)`: a target, its
/// state, the first reason that is not a component's, and its failing components.
fn why(result: &TargetResult) -> String {
    let failing: Vec<String> = result
        .checks
        .iter()
        .filter(|c| c.kind == CheckKind::Component && c.status != Status::Ok)
        .filter_map(|c| Some(format!("{} {}", c.subject.as_deref()?, c.status.label())))
        .collect();
    let first = result
        .checks
        .iter()
        .find(|c| c.status != Status::Ok && c.kind != CheckKind::Component)
        .map(|c| c.reason.as_str());
    let mut parts = Vec::new();
    if let Some(first) = first {
        parts.push(first.to_string());
    }
    if !failing.is_empty() {
        let mut shown = failing
            .iter()
            .take(COMPONENTS_NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if failing.len() > COMPONENTS_NAMED {
            shown.push_str(&format!(" and {} more", failing.len() - COMPONENTS_NAMED));
        }
        parts.push(format!(
            "{} {shown}",
            if failing.len() == 1 {
                "component"
            } else {
                "components"
            }
        ));
    }
    format!(
        "{} {} ({})",
        result.target.name,
        result.status.label(),
        parts.join("; ")
    )
}
