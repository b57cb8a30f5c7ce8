//! The result model every driver produces and every renderer reads: each target's result, and
//! the run's report with its run-level findings, its state and its exit code, computed here
//! once. Pure: no I/O.
//!
//! A result names its target through a slim view (name, shown URL, what its response-time
//! perfdata needs), never its settings or secrets, so that a renderer cannot print them.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use crate::evaluate::{Check, CheckKind, Marks, version_skew_check};
use crate::exit::ExitPolicy;
use crate::observation::{Observation, Reading};
use crate::range::Range;
use crate::verdict::{Quorum, Status, worst};

/// What a result says of its target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetView {
    /// How every output refers to the target.
    pub name: String,
    /// The URL with credentials and secret query values shown as `***`.
    pub url: String,
    /// The URL's host (no credentials), to group targets by.
    pub host: String,
    /// An https target probed with `--insecure`: every output says so.
    pub unverified_tls: bool,
    /// The response-time ranges and the timeout, for the time perfdata.
    pub warning: Option<Range>,
    pub critical: Option<Range>,
    pub timeout: Duration,
}

/// One target's result: what was seen, how its body was read, every check, and the worst.
#[derive(Debug, Clone)]
pub struct TargetResult {
    pub target: TargetView,
    pub observation: Observation,
    pub reading: Reading,
    pub checks: Vec<Check>,
    pub status: Status,
    /// Which component rules applied to which component (by path), for every output to show.
    pub marks: BTreeMap<String, Marks>,
}

/// Everything known at the end of a run.
#[derive(Debug, Clone)]
pub struct Report {
    pub results: Vec<TargetResult>,
    /// Findings about the run as a whole (version skew, quorum, `--wait`).
    pub run_checks: Vec<Check>,
    pub overall: Status,
    /// The process exit code the run ends with, under the exit policy in force (Nagios or
    /// Docker); renderers may print it, never decide it.
    pub exit_code: u8,
    /// When the run started (wall clock) and how long it took.
    pub started_at: SystemTime,
    pub elapsed: Duration,
}

/// How a run is judged as a whole.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunRules {
    /// Differing versions across targets are a WARNING (`--same-version`).
    pub same_version: bool,
    /// The run is judged by how many targets are OK (`--quorum`).
    pub quorum: Option<Quorum>,
    pub policy: ExitPolicy,
}

impl Report {
    /// The report of `results`: the run-level checks the rules ask for, then `extra` (a
    /// `--wait` finding), the run's state and its exit code. An interrupted run did not do its
    /// job, whatever it saw: UNKNOWN.
    pub fn judge(
        results: Vec<TargetResult>,
        rules: RunRules,
        extra: Vec<Check>,
        interrupted: bool,
    ) -> Report {
        let mut run_checks = run_checks(&results, rules);
        run_checks.extend(extra);
        let overall = if interrupted {
            Status::Unknown
        } else {
            overall(&results, &run_checks, rules.quorum.is_some())
        };
        Report {
            exit_code: rules.policy.code(overall),
            overall,
            results,
            run_checks,
            started_at: SystemTime::UNIX_EPOCH,
            elapsed: Duration::ZERO,
        }
    }

    /// When the run started and how long it took.
    pub fn timed(mut self, started_at: SystemTime, elapsed: Duration) -> Report {
        self.started_at = started_at;
        self.elapsed = elapsed;
        self
    }
}

/// Version skew (`--same-version`) and the quorum (`--quorum`).
fn run_checks(results: &[TargetResult], rules: RunRules) -> Vec<Check> {
    let mut checks = Vec::new();
    if rules.same_version && results.len() > 1 {
        let versions: Vec<(&str, Option<&str>)> = results
            .iter()
            .map(|r| (r.target.name.as_str(), r.reading.version.value()))
            .collect();
        checks.extend(version_skew_check(&versions));
    }
    if let Some(quorum) = rules.quorum {
        let states: Vec<Status> = results.iter().map(|r| r.status).collect();
        let (status, reason) = quorum.judge(&states);
        checks.push(Check {
            kind: CheckKind::Quorum,
            status,
            subject: None,
            observed: format!("{} OK", states.iter().filter(|s| **s == Status::Ok).count()),
            expected: format!("at least {quorum}"),
            reason,
            perfdata: None,
        });
    }
    checks
}

/// The run's state: with a quorum, the quorum decides (a failing replica is its line's
/// business); otherwise the worst target. Run-level findings count either way.
fn overall(results: &[TargetResult], run_checks: &[Check], quorum: bool) -> Status {
    let runs = run_checks.iter().map(|c| c.status);
    if quorum {
        worst(runs)
    } else {
        worst(results.iter().map(|r| r.status).chain(runs))
    }
}
