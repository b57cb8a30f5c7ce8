//! The HTTP status decides the Nagios state: accepted statuses are OK, others CRITICAL.

use crate::common::*;

#[test]
fn status_200_is_ok_and_exits_0() {
    let server = Server::start(fixed(200, "{\"ok\":true}"));
    let run = run(&[&server.url("/health")]);
    run.code(0);
    let line = run.line_with("/health");
    assert!(line.starts_with("OK"), "{run:?}");
    assert!(line.contains("HTTP 200"), "{run:?}");
    assert_eq!(server.hits(), 1);
}

#[test]
fn status_503_is_critical_and_names_the_expected_set() {
    let server = Server::start(fixed(503, "down"));
    let run = run(&[&server.url("/health")]);
    run.code(2);
    let line = run.line_with("/health");
    assert!(line.starts_with("CRITICAL"), "{run:?}");
    assert!(line.contains("HTTP 503"), "{run:?}");
    assert!(line.contains("expected 200-399"), "{run:?}");
}

#[test]
fn status_404_outside_the_default_set_is_critical() {
    let server = Server::start(fixed(404, "nope"));
    let run = run(&[&server.url("/missing")]);
    run.code(2);
    let line = run.line_with("/missing");
    assert!(line.starts_with("CRITICAL"), "{run:?}");
    assert!(line.contains("HTTP 404"), "{run:?}");
}

#[test]
fn one_failing_target_among_several_makes_the_run_critical() {
    let good = Server::start(fixed(200, "ok"));
    let bad = Server::start(fixed(503, "down"));
    let run = run(&[&good.url("/a"), &bad.url("/b"), &good.url("/c")]);
    run.code(2);
    let lines = run.lines();
    assert_eq!(lines.len(), 4, "three targets and a summary\n{run:?}");
    assert!(
        lines[0].starts_with("OK") && lines[0].contains("/a"),
        "{run:?}"
    );
    assert!(
        lines[1].starts_with("CRITICAL") && lines[1].contains("/b"),
        "{run:?}"
    );
    assert!(
        lines[2].starts_with("OK") && lines[2].contains("/c"),
        "{run:?}"
    );
    assert!(
        lines[3].starts_with("CRITICAL") && lines[3].contains("3 targets"),
        "{run:?}"
    );
    assert!(
        lines[3].contains("1 critical") && lines[3].contains("2 ok"),
        "{run:?}"
    );
}

/// Probes a server answering `status` with `--expect-status LIST` and returns the exit code.
fn code_for(list: &str, status: u16) -> i32 {
    // 301 and 302 carry no Location header, so they are not followed.
    let server = Server::start(fixed(status, ""));
    let run = run(&["--expect-status", list, &server.url("/")]);
    let expected_word = if run.code == 0 { "OK" } else { "CRITICAL" };
    assert!(
        run.stdout.starts_with(expected_word),
        "--expect-status {list} on {status}\n{run:?}"
    );
    if run.code == 2 {
        assert!(
            run.stdout.contains(&format!("expected {list}")),
            "the message echoes the list\n{run:?}"
        );
    }
    run.code
}

#[track_caller]
fn check_list(list: &str, accepted: &[u16], rejected: &[u16]) {
    for &status in accepted {
        assert_eq!(code_for(list, status), 0, "{list} must accept {status}");
    }
    for &status in rejected {
        assert_eq!(code_for(list, status), 2, "{list} must reject {status}");
    }
}

#[test]
fn expect_status_single_code() {
    check_list("204", &[204], &[200, 503]);
}

#[test]
fn expect_status_comma_list() {
    check_list("200,204", &[200, 204], &[201, 302]);
}

#[test]
fn expect_status_class() {
    check_list("2xx", &[200, 299], &[302, 404]);
}

#[test]
fn expect_status_span() {
    check_list("200-299", &[200, 250], &[301, 404]);
}

#[test]
fn expect_status_mix_of_class_and_code() {
    check_list("2xx,301", &[201, 301], &[302, 500]);
}

#[test]
fn expect_status_can_accept_a_status_the_default_rejects() {
    check_list("404", &[404], &[200]);
}
