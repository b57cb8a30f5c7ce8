//! `--docker`: 0 healthy (OK, or WARNING unless --warning-is-unhealthy), 1 unhealthy, never 2.

use std::time::Duration;

use crate::common::*;

#[test]
fn healthy_target_exits_0() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["--docker", &server.url("/health")]);
    run.code(0);
    assert!(run.line_with("/health").starts_with("OK"), "{run:?}");
}

#[test]
fn critical_target_exits_1_not_2() {
    let server = Server::start(fixed(503, "down"));
    let run = run(&["--docker", &server.url("/health")]);
    run.code(1);
    assert!(run.line_with("/health").starts_with("CRITICAL"), "{run:?}");
}

#[test]
fn warning_is_healthy_by_default() {
    let server = Server::start(delayed(Duration::from_millis(300)));
    let run = run(&["--docker", "-w", "0.1", &server.url("/slow")]);
    run.code(0);
    assert!(run.line_with("/slow").starts_with("WARNING"), "{run:?}");
}

#[test]
fn warning_is_unhealthy_when_asked() {
    let server = Server::start(delayed(Duration::from_millis(300)));
    let run = run(&[
        "--docker",
        "--warning-is-unhealthy",
        "-w",
        "0.1",
        &server.url("/slow"),
    ]);
    run.code(1);
    assert!(run.line_with("/slow").starts_with("WARNING"), "{run:?}");
}

#[test]
fn refused_connection_exits_1() {
    let url = format!("http://127.0.0.1:{}/health", refused_port());
    let run = run(&["--docker", &url]);
    run.code(1);
    run.stdout_has(&["connection refused"]);
}

#[test]
fn usage_error_exits_1() {
    let url = format!("http://127.0.0.1:{}/health", refused_port());
    run(&["--docker", "-t", "soon", &url]).usage_error(1, "soon");
}

#[test]
fn usage_error_found_after_parsing_exits_1() {
    run(&["--docker", "ftp://127.0.0.1/"]).usage_error(1, "ftp");
    run(&["--docker"]).usage_error(1, "no URL");
}

#[test]
fn every_boolish_spelling_of_healthprobe_docker_turns_docker_mode_on() {
    let server = Server::start(fixed(503, "down"));
    for value in ["1", "true", "yes", "on", "y", "t", "TRUE"] {
        let run = run_env(&[&server.url("/health")], &[("HEALTHPROBE_DOCKER", value)]);
        assert_eq!(run.code, 1, "HEALTHPROBE_DOCKER={value}\n{run:?}");
    }
}

#[test]
fn usage_error_exits_1_for_every_boolish_spelling_of_healthprobe_docker() {
    let url = format!("http://127.0.0.1:{}/health", refused_port());
    for value in ["1", "true", "yes", "on", "y", "t", "T", "TRUE"] {
        let run = run_env(&["-t", "soon", &url], &[("HEALTHPROBE_DOCKER", value)]);
        assert_eq!(run.code, 1, "HEALTHPROBE_DOCKER={value}\n{run:?}");
    }
}

#[test]
fn docker_output_stays_within_4096_bytes_in_every_format_and_names_report_files() {
    let server = Server::start(serve(
        503,
        JSON,
        br#"{"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"refused"}}}}"#,
    ));
    let urls: Vec<String> = (0..150)
        .map(|i| server.url(&format!("/health?replica=replica-number-{i}")))
        .collect();
    for format in ["human", "nagios", "json", "junit", "prometheus"] {
        let mut args = vec!["--docker", "-o", format];
        args.extend(urls.iter().map(String::as_str));
        let run = run(&args);
        run.code(1);
        assert!(
            run.stdout_bytes.len() <= 4096,
            "{format}: {} bytes",
            run.stdout_bytes.len()
        );
        if !matches!(format, "human" | "nagios") {
            run.stdout_has(&[
                &format!(
                    "over the 4096 bytes --docker keeps: write it with --report {format}=FILE"
                ),
                "150 targets: 150 critical",
            ]);
        }
    }
    // A report that fits is written whole, as a document.
    let run = run(&["--docker", "-o", "json", &urls[0]]);
    run.code(1);
    serde_json::from_str::<serde_json::Value>(&run.stdout).expect("a whole JSON report");
}
