//! Judging observations: status sets, response times, documents and components.

use super::*;
use crate::observation::{FailureKind, RequestSeen, TransportFailure};
use std::time::Duration;

fn seen(status: u16, millis: u64) -> Observation {
    Observation {
        response: Some(Response {
            protocol: Protocol::Http,
            status,
            version: "HTTP/1.1".into(),
            headers: vec![],
            body: b"{}".to_vec(),
            body_capped: false,
            time_to_headers: Duration::from_millis(millis),
            peer_certificate: None,
        }),
        failure: None,
        elapsed: Duration::from_millis(millis),
        attempts: 1,
        started_at: std::time::SystemTime::UNIX_EPOCH,
        redirects: Vec::new(),
        remote: None,
        request: RequestSeen {
            method: "GET".into(),
            url: "http://t.test/".into(),
            headers: vec![],
        },
    }
}

fn no_reading() -> Reading {
    Reading {
        document: None,
        version: VersionFound::Missing("not read".into()),
        json: Err("not read".into()),
        certificate: None,
    }
}

fn expect(warn: &str, crit: &str) -> Expectations {
    Expectations {
        warning: (!warn.is_empty()).then(|| warn.parse().unwrap()),
        critical: (!crit.is_empty()).then(|| crit.parse().unwrap()),
        ..Expectations::default()
    }
}

fn status_of(observation: &Observation, expectations: &Expectations) -> Status {
    target_status(&evaluate(observation, &no_reading(), expectations, 1024))
}

#[test]
fn healthy_response_within_thresholds_is_ok() {
    assert_eq!(status_of(&seen(200, 10), &expect("0.5", "2")), Status::Ok);
}

#[test]
fn status_outside_the_set_is_critical_and_says_what_was_expected() {
    let checks = evaluate(&seen(503, 10), &no_reading(), &expect("", ""), 1024);
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
    let checks = evaluate(&seen(200, 800), &no_reading(), &e, 1024);
    let time = checks
        .iter()
        .find(|c| c.kind == CheckKind::ResponseTime)
        .unwrap();
    assert_eq!(
        time.reason,
        "response time 800ms above the warning threshold 0.5s"
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
    let checks = evaluate(&o, &no_reading(), &expect("", ""), 1024);
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
    let checks = evaluate(&o, &no_reading(), &expect("", ""), 1024);
    let body = checks
        .iter()
        .find(|c| c.kind == CheckKind::BodySize)
        .unwrap();
    assert_eq!(body.status, Status::Critical);
    assert!(body.reason.contains("1 KiB"), "{}", body.reason);
}
