//! Expectations applied to what a probe saw, giving [`Check`]s. Pure: no I/O, no printing.
//!
//! Each check keeps what was observed and what was expected beside its state, so that every
//! renderer can explain a verdict without re-deriving it.

use crate::observation::{Observation, Response};
use crate::range::{Breach, Range, fmt_num, judge};
use crate::statuses::StatusSet;
use crate::verdict::{Status, worst};

#[derive(Debug, Clone, Default)]
pub struct Expectations {
    pub statuses: StatusSet,
    /// Response-time ranges in seconds.
    pub warning: Option<Range>,
    pub critical: Option<Range>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub kind: CheckKind,
    pub status: Status,
    pub observed: String,
    pub expected: String,
    /// One line saying what went wrong, or what was seen when all is well.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    Transport,
    HttpStatus,
    ResponseTime,
    BodySize,
}

impl CheckKind {
    pub fn name(self) -> &'static str {
        match self {
            CheckKind::Transport => "transport",
            CheckKind::HttpStatus => "http-status",
            CheckKind::ResponseTime => "response-time",
            CheckKind::BodySize => "body-size",
        }
    }
}

/// Judges one observation. The target's state is the worst of the returned checks.
pub fn evaluate(observation: &Observation, expect: &Expectations, max_body: usize) -> Vec<Check> {
    let mut checks = Vec::new();
    if let Some(failure) = &observation.failure {
        checks.push(Check {
            kind: CheckKind::Transport,
            status: Status::Critical,
            observed: failure.kind.name().to_string(),
            expected: "a complete response".into(),
            reason: failure.message.clone(),
        });
    }
    let Some(response) = &observation.response else {
        return checks;
    };
    checks.push(status_check(response, &expect.statuses));
    if observation.failure.is_none() {
        checks.push(time_check(observation.elapsed.as_secs_f64(), expect));
    }
    if response.body_capped {
        checks.push(Check {
            kind: CheckKind::BodySize,
            status: Status::Critical,
            observed: format!("more than {max_body} bytes"),
            expected: format!("at most {max_body} bytes"),
            reason: crate::probe::body_too_large_message(max_body),
        });
    }
    checks
}

/// The state of a target: the worst of its checks.
pub fn target_status(checks: &[Check]) -> Status {
    worst(checks.iter().map(|c| c.status))
}

fn status_check(response: &Response, expected: &StatusSet) -> Check {
    let code = response.status;
    let line = status_line(code);
    let ok = expected.contains(code);
    Check {
        kind: CheckKind::HttpStatus,
        status: if ok { Status::Ok } else { Status::Critical },
        observed: code.to_string(),
        expected: expected.to_string(),
        reason: if ok {
            line
        } else {
            format!("{line}, expected {expected}")
        },
    }
}

/// `HTTP 503 Service Unavailable`, or `HTTP 599` for codes without a standard reason.
pub fn status_line(code: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(code)
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
    let observed = format!("{}s", fmt_num(round_ms(seconds)));
    let reason = match range.and_then(|r| r.violation(seconds)) {
        Some(violation) => match violation.split_once(' ') {
            Some(("inside", range)) => {
                format!("response time {observed} inside the {level} range {range}")
            }
            Some((side, bound)) => {
                format!("response time {observed} {side} the {level} threshold {bound}")
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
    Check {
        kind: CheckKind::ResponseTime,
        status,
        observed,
        expected,
        reason,
    }
}

fn round_ms(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::{FailureKind, RequestSeen, TransportFailure};
    use std::time::Duration;

    fn seen(status: u16, millis: u64) -> Observation {
        Observation {
            response: Some(Response {
                status,
                version: "HTTP/1.1".into(),
                headers: vec![],
                body: b"{}".to_vec(),
                body_capped: false,
                time_to_headers: Duration::from_millis(millis),
            }),
            failure: None,
            elapsed: Duration::from_millis(millis),
            remote: None,
            request: RequestSeen {
                method: "GET".into(),
                url: "http://t.test/".into(),
                headers: vec![],
            },
        }
    }

    fn expect(warn: &str, crit: &str) -> Expectations {
        Expectations {
            statuses: StatusSet::default(),
            warning: (!warn.is_empty()).then(|| warn.parse().unwrap()),
            critical: (!crit.is_empty()).then(|| crit.parse().unwrap()),
        }
    }

    fn status_of(observation: &Observation, expectations: &Expectations) -> Status {
        target_status(&evaluate(observation, expectations, 1024))
    }

    #[test]
    fn healthy_response_within_thresholds_is_ok() {
        assert_eq!(status_of(&seen(200, 10), &expect("0.5", "2")), Status::Ok);
    }

    #[test]
    fn status_outside_the_set_is_critical_and_says_what_was_expected() {
        let checks = evaluate(&seen(503, 10), &expect("", ""), 1024);
        let check = checks
            .iter()
            .find(|c| c.kind == CheckKind::HttpStatus)
            .unwrap();
        assert_eq!(check.status, Status::Critical);
        assert_eq!(
            check.reason,
            "HTTP 503 Service Unavailable, expected 200-399"
        );
    }

    #[test]
    fn custom_status_sets_are_honoured() {
        let mut e = expect("", "");
        e.statuses = "204".parse().unwrap();
        assert_eq!(status_of(&seen(204, 1), &e), Status::Ok);
        assert_eq!(status_of(&seen(200, 1), &e), Status::Critical);
    }

    #[test]
    fn response_time_is_judged_critical_first_then_warning() {
        let e = expect("0.5", "2");
        assert_eq!(
            status_of(&seen(200, 500), &e),
            Status::Ok,
            "inclusive bound"
        );
        assert_eq!(status_of(&seen(200, 501), &e), Status::Warning);
        assert_eq!(status_of(&seen(200, 2001), &e), Status::Critical);
        let checks = evaluate(&seen(200, 800), &e, 1024);
        let time = checks
            .iter()
            .find(|c| c.kind == CheckKind::ResponseTime)
            .unwrap();
        assert_eq!(
            time.reason,
            "response time 0.8s above the warning threshold 0.5"
        );
        assert_eq!(time.expected, "warning 0.5, critical 2");
    }

    #[test]
    fn transport_failure_without_response_is_critical_with_its_message() {
        let mut o = seen(200, 5);
        o.response = None;
        o.failure = Some(TransportFailure {
            kind: FailureKind::Refused,
            message: "connection refused by 127.0.0.1:9".into(),
        });
        let checks = evaluate(&o, &expect("", ""), 1024);
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].status, Status::Critical);
        assert_eq!(checks[0].reason, "connection refused by 127.0.0.1:9");
    }

    #[test]
    fn body_failure_after_a_good_status_is_still_critical() {
        let mut o = seen(200, 5);
        o.failure = Some(TransportFailure {
            kind: FailureKind::TruncatedBody,
            message: "response body truncated".into(),
        });
        assert_eq!(status_of(&o, &expect("", "")), Status::Critical);
    }

    #[test]
    fn capped_body_is_critical() {
        let mut o = seen(200, 5);
        o.response.as_mut().unwrap().body_capped = true;
        let checks = evaluate(&o, &expect("", ""), 1024);
        let body = checks
            .iter()
            .find(|c| c.kind == CheckKind::BodySize)
            .unwrap();
        assert_eq!(body.status, Status::Critical);
        assert!(body.reason.contains("1 KiB"), "{}", body.reason);
    }
}
