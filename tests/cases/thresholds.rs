//! Response-time thresholds (-w/-c) as Nagios ranges, in seconds.

use std::time::Duration;

use crate::common::*;

const SLOW: Duration = Duration::from_millis(300);

#[test]
fn slow_response_past_warning_is_warning() {
    let server = Server::start(delayed(SLOW));
    let run = run(&["-w", "0.1", &server.url("/slow")]);
    run.code(1);
    let line = run.line_with("/slow");
    assert!(line.starts_with("WARNING"), "{run:?}");
    assert!(line.contains("warning threshold"), "{run:?}");
    assert!(line.contains("0.1"), "{run:?}");
}

#[test]
fn slow_response_past_critical_is_critical() {
    let server = Server::start(delayed(SLOW));
    let run = run(&["-c", "0.1", &server.url("/slow")]);
    run.code(2);
    let line = run.line_with("/slow");
    assert!(line.starts_with("CRITICAL"), "{run:?}");
    assert!(line.contains("critical threshold"), "{run:?}");
}

#[test]
fn slow_response_between_warning_and_critical_is_warning() {
    let server = Server::start(delayed(SLOW));
    let run = run(&["-w", "0.1", "-c", "5", &server.url("/slow")]);
    run.code(1);
    assert!(run.line_with("/slow").starts_with("WARNING"), "{run:?}");
}

#[test]
fn fast_response_within_warning_is_ok() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["-w", "5", &server.url("/fast")]);
    run.code(0);
    assert!(run.line_with("/fast").starts_with("OK"), "{run:?}");
}

#[test]
fn inverted_range_alerts_inside_it() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["-c", "@0:5", &server.url("/fast")]);
    run.code(2);
    let line = run.line_with("/fast");
    assert!(line.starts_with("CRITICAL"), "{run:?}");
    assert!(line.contains("inside the critical range"), "{run:?}");
}

#[test]
fn open_ended_range_alerts_below_its_start() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["-w", "1:", &server.url("/fast")]);
    run.code(1);
    let line = run.line_with("/fast");
    assert!(line.starts_with("WARNING"), "{run:?}");
    assert!(line.contains("below the warning threshold 1"), "{run:?}");
}

#[test]
fn durations_print_one_way_in_every_message() {
    let server = Server::start(delayed(Duration::from_millis(300)));
    let run = run(&["-w", "0.1", "-c", "5", "-v", &server.url("/")]);
    run.code(1)
        .stdout_has(&["response time 3", "ms above the warning threshold 0.1s"]);
    // Never a fraction of a second written in seconds beside the same time in milliseconds.
    run.nowhere("response time 0.");
    run.nowhere("1000ms");
}
