//! What healthprobe prints: Nagios plugin output with perfdata, colour rules, quiet and verbose
//! modes, and the promise that secrets and terminal escapes from the network never get out.

use std::net::TcpStream;

use predicates::prelude::*;

use crate::common::*;

#[track_caller]
fn assert_matches(pattern: &str, text: &str) {
    let regex = predicate::str::is_match(pattern).expect("valid regex");
    assert!(regex.eval(text), "{text:?} does not match {pattern:?}");
}

fn no_escape_bytes(run: &Run) -> bool {
    !run.stdout_bytes.contains(&0x1b) && !run.stderr_bytes.contains(&0x1b)
}

#[test]
fn nagios_output_has_a_plugin_line_with_exact_perfdata() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&[
        "-o",
        "nagios",
        "-w",
        "0.5",
        "-c",
        "2",
        "-t",
        "10",
        &server.url("/health"),
    ]);
    run.code(0);
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{run:?}");
    let name = format!("{}/health", server.authority()).replace('.', r"\.");
    assert_matches(
        &format!(
            r"^HEALTHPROBE OK - {name}: HTTP 200 OK in \S+ \| time=\d+\.\d{{6}}s;0\.5;2;0;10$"
        ),
        lines[0],
    );
    assert_matches(&format!(r"^\[OK\] {name} - HTTP 200 OK in \S+$"), lines[1]);
}

#[test]
fn nagios_perfdata_max_is_the_timeout_and_thresholds_may_be_empty() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["-o", "nagios", "-t", "300ms", &server.url("/health")]);
    run.code(0);
    assert_matches(r"\| time=\d+\.\d{6}s;;;0;0\.3$", run.lines()[0]);
}

#[test]
fn nagios_output_quotes_labels_and_marks_failed_targets_unknown_value() {
    let server = Server::start(fixed(200, "ok"));
    let port = refused_port();
    let dead = format!("http://127.0.0.1:{port}/dead");
    let run = run(&["-o", "nagios", "-w", "1", &server.url("/live"), &dead]);
    run.code(2);
    let lines = run.lines();
    assert_eq!(lines.len(), 3, "{run:?}");
    let live = format!("{}/live", server.authority()).replace('.', r"\.");
    let dead_name = format!(r"127\.0\.0\.1:{port}/dead");
    assert_matches(
        &format!(
            r"^HEALTHPROBE CRITICAL - 2 targets: 1 CRITICAL \({dead_name}\), 1 OK \| '{live} time'=\d+\.\d{{6}}s;1;;0;10 '{dead_name} time'=U;1;;0;10$"
        ),
        lines[0],
    );
    assert_matches(&format!(r"^\[OK\] {live} - HTTP 200"), lines[1]);
    assert_matches(
        &format!(r"^\[CRITICAL\] {dead_name} - connection refused"),
        lines[2],
    );
}

#[test]
fn nagios_output_for_a_critical_target() {
    let server = Server::start(fixed(503, "down"));
    let run = run(&["-o", "nagios", &server.url("/health")]);
    run.code(2);
    let lines = run.lines();
    assert!(
        lines[0].starts_with("HEALTHPROBE CRITICAL - ") && lines[0].contains("HTTP 503"),
        "{run:?}"
    );
    assert!(lines[1].starts_with("[CRITICAL] "), "{run:?}");
}

#[test]
fn nagios_text_never_contains_a_second_pipe() {
    // A `|` in the text part would make Nagios read the rest as perfdata.
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["-o", "nagios", &server.url("/a|b")]);
    run.code(0);
    let first = run.lines()[0];
    assert_eq!(first.matches('|').count(), 1, "{run:?}");
    assert!(!run.lines()[1].contains('|'), "{run:?}");
}

#[test]
fn color_always_paints_human_output() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["--color", "always", &server.url("/health")]);
    run.code(0);
    assert!(run.stdout.contains("\x1b["), "{run:?}");
}

#[test]
fn nagios_output_is_never_coloured() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["--color", "always", "-o", "nagios", &server.url("/health")]);
    run.code(0);
    assert!(no_escape_bytes(&run), "{run:?}");
    assert!(run.stdout.starts_with("HEALTHPROBE OK - "), "{run:?}");
}

#[test]
fn color_never_and_the_default_off_a_terminal_do_not_paint() {
    let server = Server::start(fixed(503, "down"));
    for args in [
        vec!["--color", "never"],
        vec![],
        vec!["--color", "never", "-v"],
    ] {
        let url = server.url("/health");
        let run = run(&[args.as_slice(), &[url.as_str()]].concat());
        run.code(2);
        assert!(no_escape_bytes(&run), "{args:?}\n{run:?}");
        assert!(run.stdout.starts_with("CRITICAL"), "{run:?}");
    }
}

#[test]
fn no_color_env_disables_auto_colour() {
    let server = Server::start(fixed(200, "ok"));
    let run = run_env(
        &["--color", "auto", &server.url("/health")],
        &[("NO_COLOR", "1")],
    );
    run.code(0);
    assert!(no_escape_bytes(&run), "{run:?}");
    assert!(run.stdout.starts_with("OK"), "{run:?}");
}

#[test]
fn quiet_prints_nothing_and_keeps_exit_0() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["-q", &server.url("/health")]);
    run.code(0);
    assert!(
        run.stdout_bytes.is_empty() && run.stderr_bytes.is_empty(),
        "{run:?}"
    );
    assert_eq!(server.hits(), 1, "quiet still probes");
}

#[test]
fn quiet_prints_nothing_and_keeps_exit_2() {
    let server = Server::start(fixed(503, "down"));
    let refused = format!("http://127.0.0.1:{}/", refused_port());
    let run = run(&["-q", &server.url("/health"), &refused]);
    run.code(2);
    assert!(
        run.stdout_bytes.is_empty() && run.stderr_bytes.is_empty(),
        "{run:?}"
    );
}

#[test]
fn verbose_shows_request_response_and_timing() {
    let server = Server::start(with_headers(200, &[("X-Served-By", "harness-42")]));
    let run = run(&["-v", &server.url("/health")]);
    run.code(0);
    run.stdout_has(&[
        &format!("> GET {}", server.url("/health")),
        "user-agent: healthprobe/",
        "< HTTP/1.1 200",
        "x-served-by: harness-42",
        "time:",
    ]);
}

#[test]
fn verbose_in_nagios_output_too() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["-v", "-o", "nagios", &server.url("/health")]);
    run.code(0);
    assert!(run.lines()[0].starts_with("HEALTHPROBE OK - "), "{run:?}");
    run.stdout_has(&["> GET", "< HTTP/1.1 200", "time:"]);
}

#[test]
fn url_passwords_never_appear_in_any_mode() {
    let server = Server::start(fixed(200, "ok"));
    let secret_url = format!("http://user:s3cret@{}/health", server.authority());
    let refused = format!("http://user:s3cret@127.0.0.1:{}/health", refused_port());
    for args in [
        vec![secret_url.as_str()],
        vec!["-v", &secret_url],
        vec!["-o", "nagios", &secret_url],
        vec!["-o", "nagios", "-v", &secret_url],
        vec!["-v", &refused],
        vec!["-o", "nagios", "-v", &refused],
    ] {
        let run = run(&args);
        assert!(run.code == 0 || run.code == 2, "{args:?}\n{run:?}");
        run.nowhere("s3cret");
        if args.contains(&"-v") {
            run.stdout_has(&["user:***@127.0.0.1"]);
        }
    }
}

#[test]
fn url_user_tokens_never_appear() {
    let server = Server::start(fixed(200, "ok"));
    let url = format!("http://ghp_t0ken@{}/health", server.authority());
    let run = run(&["-v", &url]);
    run.code(0);
    run.nowhere("ghp_t0ken");
    run.stdout_has(&["http://***@127.0.0.1"]);
}

#[test]
fn query_tokens_never_appear_in_verbose_output() {
    let server = Server::start(fixed(200, "ok"));
    let run = run(&["-v", &server.url("/health?token=t0ps3cret&verbose=1")]);
    run.code(0);
    run.nowhere("t0ps3cret");
    run.stdout_has(&["token=***", "verbose=1"]);
}

#[test]
fn verbose_redacts_set_cookie() {
    let server = Server::start(with_headers(200, &[("Set-Cookie", "session=abc123")]));
    let run = run(&["-v", &server.url("/health")]);
    run.code(0);
    run.nowhere("abc123");
    run.stdout_has(&["set-cookie: ***"]);
}

#[test]
fn escape_in_a_header_value_never_reaches_the_output() {
    // The HTTP parser refuses a control byte in a header value: the target is CRITICAL, and the
    // reason must not carry the byte either.
    let server = Server::start(with_headers(200, &[("X-Evil", "\x1b[31mred")]));
    for format in ["human", "nagios"] {
        let run = run(&["-v", "--color", "never", "-o", format, &server.url("/evil")]);
        run.code(2);
        run.stdout_has(&["did not answer with valid HTTP"]);
        assert!(no_escape_bytes(&run), "{run:?}");
        assert!(!run.stdout.contains("[31m"), "{run:?}");
        run.nowhere(RAW_REQWEST_ERROR);
    }
}

#[test]
fn c1_control_in_a_header_value_is_shown_escaped() {
    // U+009B is the one-byte CSI of 8-bit terminals; it is valid UTF-8 and valid in HTTP.
    let server = Server::start(with_headers(200, &[("X-Evil", "\u{9b}31mred")]));
    let run = run(&["-v", "--color", "never", &server.url("/evil")]);
    run.code(0);
    assert!(!run.stdout.contains('\u{9b}'), "{run:?}");
    assert!(no_escape_bytes(&run), "{run:?}");
    run.stdout_has(&["x-evil: "]);
}

#[test]
fn escape_in_the_status_text_never_reaches_the_output() {
    let server = Server::start(|_request, stream: &mut TcpStream| {
        use std::io::Write;
        let _ = stream.write_all(
            b"HTTP/1.1 200 O\x1b[2JK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
        );
    });
    for format in ["human", "nagios"] {
        let run = run(&["-v", "--color", "never", "-o", format, &server.url("/evil")]);
        run.code(2);
        run.stdout_has(&["did not answer with valid HTTP"]);
        assert!(no_escape_bytes(&run), "{run:?}");
        assert!(!run.stdout.contains("[2J"), "{run:?}");
    }
}

#[test]
fn targets_that_differ_only_by_query_or_scheme_print_under_distinct_names() {
    let server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let plain = server.url("/healthcheck");
    let marked = server.url("/healthcheck?marked-degraded=@dependencies");
    let secret = server.url("/healthcheck?token=t0ps3cret");
    for format in ["human", "nagios", "json", "junit", "prometheus"] {
        let run = run(&["-o", format, &plain, &marked, &secret, &plain]);
        run.code(0).nowhere("t0ps3cret").stdout_has(&[
            "/healthcheck?marked-degraded=@dependencies",
            "/healthcheck?token=***",
            "/healthcheck (1)",
            "/healthcheck (2)",
        ]);
    }
}
