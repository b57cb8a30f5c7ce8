//! `healthprobe demo`: a built-in sample service with healthy, degraded, slow and failing endpoints.

use crate::common::*;

#[test]
fn demo_shows_every_state_with_formats_versions_and_component_trees() {
    let run = run(&["demo"]);
    run.code(2);
    let lines = run.lines();
    let target_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.starts_with(' ') && l.contains("127.0.0.1:"))
        .collect();
    assert_eq!(target_lines.len(), 5, "five targets\n{run:?}");
    for (line, path, status, format) in [
        (target_lines[0], "/healthcheck", "OK ", "[puter]"),
        (
            target_lines[1],
            "/health ",
            "WARNING ",
            "[health-json, version 3]",
        ),
        (target_lines[2], "/slow", "WARNING ", "response time"),
        (
            target_lines[3],
            "/actuator/health",
            "CRITICAL ",
            "[spring-boot]",
        ),
        (target_lines[4], "grpc://127.0.0.1:", "CRITICAL ", "[grpc]"),
    ] {
        assert!(line.contains(path), "{path}\n{run:?}");
        assert!(
            line.starts_with(status),
            "{path} should be {status}\n{run:?}"
        );
        assert!(
            line.contains(format),
            "{path} should show {format}\n{run:?}"
        );
    }
    // The degraded dependency and the failing database appear in the component trees.
    assert!(
        run.stdout.contains("cache:connections      warn"),
        "{run:?}"
    );
    assert!(run.stdout.contains("db         DOWN"), "{run:?}");
    // The gRPC endpoint lists its services, one of them failing.
    assert!(run.stdout.contains("payments  NOT_SERVING"), "{run:?}");
    assert!(run.stdout.contains("orders    SERVING"), "{run:?}");
    assert!(
        lines.last().unwrap().starts_with("CRITICAL  5 targets"),
        "{run:?}"
    );
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
        run.stdout.starts_with("HEALTHPROBE CRITICAL - 5 targets"),
        "{run:?}"
    );
    assert!(run.stdout.contains("\\_ [CRITICAL] db DOWN"), "{run:?}");
    assert!(
        run.stdout.contains("\\_ [CRITICAL] payments NOT_SERVING"),
        "{run:?}"
    );
    assert!(
        run.stdout.contains("cache:connections#1'=94%")
            || run.stdout.contains("cache:connections'=94%"),
        "{run:?}"
    );
}

#[test]
fn options_may_come_before_the_demo_subcommand() {
    let run = run(&["-o", "nagios", "demo"]);
    run.code(2);
    assert!(
        run.stdout.starts_with("HEALTHPROBE CRITICAL - 5 targets"),
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
