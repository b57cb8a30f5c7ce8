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

// Hostile input (issue 8): every mistake is one usage-error line that names the bad value,
// found before any traffic.

#[test]
fn invalid_urls_are_usage_errors_naming_the_url() {
    for url in [
        "http://exa mple/",
        "http://[::1/",
        "http://",
        "http://127.0.0.1:99999/",
        "http://%zz/",
        "javascript:alert(1)",
    ] {
        run(&[url]).usage_error(3, &format!("invalid URL '{url}'"));
    }
}

#[test]
fn every_unsupported_scheme_is_a_usage_error_naming_it() {
    for (url, scheme) in [
        ("file:///etc/passwd", "file"),
        ("ws://127.0.0.1/", "ws"),
        ("gopher://127.0.0.1/", "gopher"),
    ] {
        run(&[url]).usage_error(3, &format!("unsupported scheme '{scheme}'"));
    }
}

#[test]
fn bad_durations_are_usage_errors_on_every_duration_flag() {
    let url = unused_url();
    for flag in [
        "--timeout",
        "--connect-timeout",
        "--retry-delay",
        "--wait",
        "--interval",
        "--deadline",
    ] {
        for value in ["0", "1e3", "10parsecs", "-1", "1.5.2"] {
            let arg = format!("{flag}={value}");
            run(&[&arg, &url]).usage_error(3, &format!("'{value}'"));
        }
    }
}

#[test]
fn absurdly_long_durations_are_usage_errors_not_panics() {
    // Near the limit of the clock, a deadline or a back-off computed from them used to
    // overflow: an internal error instead of a usage error.
    let url = unused_url();
    for (flag, value) in [
        ("--deadline", "18000000000000000000"),
        ("--wait", "18000000000000000000"),
        ("--interval", "18000000000000000000"),
        ("--timeout", "584542046090y"),
        ("--retry-delay", "101y"),
    ] {
        let run = run(&[flag, value, "--wait-for", "ok", &url]);
        run.usage_error(3, &format!("'{value}' is too long"));
        run.nowhere("internal error");
    }
}

#[test]
fn bad_ranges_are_usage_errors_naming_the_range() {
    let url = unused_url();
    for flag in ["-w", "-c"] {
        for range in ["1:2:3", "@", "~", "nan", "inf", "1e3", "10:5", "5%"] {
            run(&[flag, range, &url]).usage_error(3, &format!("invalid range '{range}'"));
        }
    }
}

#[test]
fn a_config_that_is_a_directory_or_not_text_is_a_usage_error() {
    let dir = std::env::temp_dir();
    let shown = dir.display().to_string();
    run(&["--config", &shown]).usage_error(3, &format!("--config {shown} is a directory"));
    let binary = TempFile::new("binary.toml", "");
    std::fs::write(&binary.path, b"\xff\xfe\x00[[target]]\x00").unwrap();
    run(&["--config", binary.path()])
        .usage_error(3, &format!("--config {} is not UTF-8 text", binary.path()));
}

#[test]
fn cacert_garbage_is_a_usage_error_naming_the_file() {
    let url = "https://127.0.0.1:1/";
    let dir = std::env::temp_dir();
    let shown = dir.display().to_string();
    run(&["--cacert", &shown, url]).usage_error(3, &format!("--cacert {shown} is a directory"));
    let bad_base64 = TempFile::new(
        "bad-base64.pem",
        "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
    );
    run(&["--cacert", bad_base64.path(), url]).usage_error(
        3,
        &format!("--cacert {} is not a valid PEM file", bad_base64.path()),
    );
    let random = TempFile::new("random.pem", "");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&random.path, noise).unwrap();
    run(&["--cacert", random.path(), url]).usage_error(3, &format!("--cacert {}", random.path()));
}

#[test]

fn cacert_with_a_pem_block_that_is_not_a_certificate_names_the_file() {
    let fake = TempFile::new(
        "not-a-certificate.pem",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    );
    let server = Server::start(fixed(200, "{}"));
    let url = server.url("/").replacen("http://", "https://", 1);
    run(&["--cacert", fake.path(), &url]).usage_error(3, fake.path());
    assert_eq!(server.hits(), 0);
}

#[test]
fn demo_with_a_config_file_is_a_usage_error() {
    let file = TempFile::new("demo.toml", "[[target]]\nurl = \"http://127.0.0.1:1/\"\n");
    run(&["demo", "--config", file.path()]).usage_error(3, "--config");
}

/// A config file whose only target has `key = value` (TOML, so `\n` is a line break).
fn config_with(line: &str) -> TempFile {
    TempFile::new(
        "line-break.toml",
        &format!("[[target]]\nurl = \"http://127.0.0.1:1/\"\n{line}\n"),
    )
}

#[test]
fn a_config_value_with_a_line_break_gives_a_one_line_usage_error() {
    // On the command line clap's message is folded onto one line; from a file the parsers'
    // own messages are printed, so they must not echo a raw line break.
    for (line, needle) in [
        (r#"expect-status = "2yy\n3""#, r"'2yy\n3'"),
        (r#"warning = "1\n:x""#, r"invalid range '1\n:x'"),
        (r#"timeout = "1\nx""#, r"'1\nx' is not a duration"),
        (r#"max-body = "1\nx""#, r"'1\nx'"),
        (r#"retry-on = "4\n04""#, r"'4\n04'"),
        (r#"metric = ["x=$.a;1\n:2"]"#, r"invalid range '1\n:2'"),
    ] {
        let file = config_with(line);
        run(&["--config", file.path()]).usage_error(3, needle);
    }
}

#[test]

fn every_config_value_with_a_line_break_gives_a_one_line_usage_error() {
    for (line, needle) in [
        (r#"health-format = "x\ny""#, "health-format"),
        (r#"maintenance = "x\ny""#, "maintenance"),
        (r#"cacert = "/nonexistent\nca.pem""#, "cannot read --cacert"),
    ] {
        let file = config_with(line);
        run(&["--config", file.path()]).usage_error(3, needle);
    }
}

#[test]
fn a_range_bound_too_large_for_a_number_is_a_usage_error() {
    // 400 digits round to infinity, which would silently turn `~:-999...` into `~:`.
    let huge = "9".repeat(400);
    let url = unused_url();
    for range in [format!("~:-{huge}"), huge.clone(), format!("{huge}:")] {
        run(&["-c", &range, &url]).usage_error(3, "is too large a number");
    }
}
