//! Usage errors are UNKNOWN (exit 3) with one `healthprobe: ` line on stderr naming the problem;
//! they are found before any traffic. Help and version are not errors.

use crate::common::*;

/// A loopback URL nobody listens on: usage errors must be reported before it is ever tried.
fn unused_url() -> String {
    format!("http://127.0.0.1:{}/health", refused_port())
}

#[test]
fn unknown_flag_is_a_usage_error() {
    run(&["--nope", &unused_url()]).usage_error(3, "--nope");
}

#[test]
fn bad_duration_is_a_usage_error() {
    run(&["-t", "soon", &unused_url()]).usage_error(3, "soon");
}

#[test]
fn reversed_range_is_a_usage_error() {
    run(&["-w", "2:1", &unused_url()]).usage_error(3, "2:1");
}

#[test]
fn range_with_a_unit_is_a_usage_error() {
    run(&["-w", "0.5s", &unused_url()]).usage_error(3, "0.5s");
}

#[test]
fn bad_status_list_is_a_usage_error() {
    run(&["--expect-status", "2yy", &unused_url()]).usage_error(3, "2yy");
}

#[test]
fn unsupported_scheme_is_a_usage_error() {
    run(&["ftp://127.0.0.1/"]).usage_error(3, "ftp");
}

#[test]
fn missing_url_is_a_usage_error() {
    run(&[]).usage_error(3, "no URL");
}

#[test]
fn zero_concurrency_is_a_usage_error() {
    run(&["-j", "0", &unused_url()]).usage_error(3, "'0'");
}

#[test]
fn bad_size_is_a_usage_error() {
    run(&["--max-body", "lots", &unused_url()]).usage_error(3, "lots");
}

#[test]
fn unknown_output_format_is_a_usage_error() {
    run(&["-o", "xml", &unused_url()]).usage_error(3, "xml");
}

#[test]
fn quiet_and_verbose_together_are_a_usage_error() {
    let run = run(&["-q", "-v", &unused_url()]);
    run.usage_error(3, "--quiet");
    run.usage_error(3, "--verbose");
}

#[test]
fn warning_is_unhealthy_without_docker_is_a_usage_error() {
    run(&["--warning-is-unhealthy", &unused_url()]).usage_error(3, "--warning-is-unhealthy");
}

#[test]
fn demo_with_a_url_is_a_usage_error() {
    let url = unused_url();
    run(&["demo", &url]).usage_error(3, &url);
}

#[test]
fn usage_errors_do_not_echo_url_passwords() {
    let run = run(&["ftp://user:s3cret@127.0.0.1/"]);
    run.usage_error(3, "ftp");
    run.nowhere("s3cret");
}

#[test]
fn help_goes_to_stdout_and_exits_0() {
    let run = run(&["--help"]);
    run.code(0);
    run.stdout_has(&["Usage: healthprobe", "--expect-status", "Exit codes"]);
    assert!(run.stderr.is_empty(), "{run:?}");
}

#[test]
fn version_goes_to_stdout_and_exits_0() {
    let run = run(&["--version"]);
    run.code(0);
    run.stdout_has(&[&format!("healthprobe {}", env!("CARGO_PKG_VERSION"))]);
    assert!(run.stderr.is_empty(), "{run:?}");
}

#[test]
fn panic_exits_unknown_with_one_line() {
    let run = run_env(&[&unused_url()], &[("HEALTHPROBE_DEBUG_PANIC", "1")]);
    run.usage_error(3, "internal error");
}

#[test]
fn panic_in_docker_mode_exits_1() {
    let run = run_env(
        &["--docker", &unused_url()],
        &[("HEALTHPROBE_DEBUG_PANIC", "1")],
    );
    run.usage_error(1, "internal error");
}
