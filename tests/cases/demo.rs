//! `healthprobe demo`: a built-in sample service with one healthy, one slow, one failing endpoint.

use crate::common::*;

#[test]
fn demo_shows_ok_warning_and_critical() {
    let run = run(&["demo"]);
    run.code(2);
    let lines = run.lines();
    assert_eq!(lines.len(), 4, "three targets and a summary\n{run:?}");
    for (line, path, status) in [
        (lines[0], "/healthcheck", "OK "),
        (lines[1], "/slow", "WARNING "),
        (lines[2], "/failing", "CRITICAL "),
    ] {
        assert!(line.contains(path), "{path}\n{run:?}");
        assert!(
            line.starts_with(status),
            "{path} should be {status}\n{run:?}"
        );
    }
    assert!(lines[3].starts_with("CRITICAL  3 targets"), "{run:?}");
    assert!(
        run.stderr.contains("demo service on http://127.0.0.1:"),
        "{run:?}"
    );
}

#[test]
fn demo_in_nagios_format() {
    let run = run(&["demo", "-o", "nagios"]);
    run.code(2);
    assert!(
        run.stdout.starts_with("HEALTHPROBE CRITICAL - 3 targets"),
        "{run:?}"
    );
    assert_eq!(run.lines().len(), 4, "{run:?}");
}

#[test]
fn options_may_come_before_the_demo_subcommand() {
    let run = run(&["-o", "nagios", "demo"]);
    run.code(2);
    assert!(
        run.stdout.starts_with("HEALTHPROBE CRITICAL - 3 targets"),
        "{run:?}"
    );
}

#[test]
fn demo_quiet_prints_nothing() {
    let run = run(&["demo", "-q"]);
    run.code(2);
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
}

#[test]
fn demo_in_docker_mode_exits_1() {
    run(&["demo", "--docker"]).code(1);
}
