//! Fleets and smoke tests end to end: `--wait` until healthy (against servers that become
//! healthy after a few requests, never do, or fail in a way waiting cannot fix), `--retries`
//! counted by the server, `--quorum` over replica sets, `--deadline`, and Ctrl-C.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::*;

const UP: &str = r#"{"status":"UP"}"#;

// ---------------------------------------------------------------------------------------------
// --wait
// ---------------------------------------------------------------------------------------------

#[test]
fn wait_probes_again_until_the_service_is_healthy() {
    let server = Server::start(healthy_after(3, 503, UP));
    let run = run(&[
        "--wait",
        "20s",
        "--interval",
        "50ms",
        &server.url("/health"),
    ]);
    run.code(0).stdout_has(&["healthy after", "4 rounds"]);
    assert_eq!(server.hits(), 4, "{run:?}");
    // Not a terminal: one progress line per round that was not the last, on stderr.
    let rounds: Vec<&str> = run.stderr.lines().filter(|l| l.contains("round")).collect();
    assert_eq!(rounds.len(), 3, "{run:?}");
    assert!(rounds[0].contains("0 of 1 healthy"), "{run:?}");
}

#[test]
fn wait_gives_up_at_its_deadline_and_reports_the_last_round() {
    let server = Server::start(serve(503, JSON, br#"{"status":"DOWN"}"#));
    let started = Instant::now();
    let run = run(&["--wait", "1500ms", "--interval", "100ms", &server.url("/")]);
    let took = started.elapsed();
    run.code(2)
        .stdout_has(&["HTTP 503", "still not healthy after waiting 1.5s"]);
    assert!(took >= Duration::from_millis(1400), "{took:?}\n{run:?}");
    assert!(took < Duration::from_millis(3500), "{took:?}\n{run:?}");
    assert!(server.hits() >= 3, "{run:?}");
}

#[test]
fn wait_stops_at_once_on_a_404_that_waiting_cannot_fix() {
    let server = Server::start(fixed(404, "no such route"));
    let run = run(&["--wait", "30s", &server.url("/healthz")]);
    run.code(2).stdout_has(&[
        "stopped waiting",
        "HTTP 404 Not Found, which waiting will not change",
        "--retry-on 404",
    ]);
    assert_eq!(server.hits(), 1);
    assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
}

#[test]
fn retry_on_makes_a_404_worth_waiting_for() {
    let server = Server::start(healthy_after(2, 404, UP));
    let run = run(&[
        "--wait",
        "20s",
        "--interval",
        "50ms",
        "--retry-on",
        "404",
        &server.url("/"),
    ]);
    run.code(0);
    assert_eq!(server.hits(), 3);
}

#[test]
fn wait_stops_at_once_on_a_certificate_it_cannot_trust() {
    use crate::common::tls::{Pki, TlsServer};
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = TlsServer::start(&pki, 200, UP);
    let run = run(&["--wait", "30s", &server.url("/")]);
    run.code(2)
        .stdout_has(&["unknown issuer", "which waiting will not change"]);
    assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
}

#[test]
fn wait_leaves_healthy_targets_alone() {
    let steady = Server::start(serve(200, JSON, UP.as_bytes()));
    let late = Server::start(healthy_after(2, 503, UP));
    let run = run(&[
        "--wait",
        "20s",
        "--interval",
        "50ms",
        &steady.url("/"),
        &late.url("/"),
    ]);
    run.code(0);
    assert_eq!(steady.hits(), 1, "a healthy target is not probed again");
    assert_eq!(late.hits(), 3);
}

#[test]
fn wait_stable_needs_consecutive_healthy_rounds_of_every_target() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let run = run(&[
        "--wait",
        "20s",
        "--interval",
        "50ms",
        "--wait-stable",
        "3",
        &server.url("/"),
    ]);
    run.code(0).stdout_has(&["3 rounds"]);
    assert_eq!(server.hits(), 3);
}

#[test]
fn wait_for_warning_accepts_a_degraded_service() {
    let body = r#"{"status":"pass","checks":{"cache:connections":[{"status":"warn"}]}}"#;
    let server = Server::start(serve(200, "application/health+json", body.as_bytes()));
    let run = run(&["--wait", "20s", "--wait-for", "warning", &server.url("/")]);
    run.code(1).stdout_has(&["healthy after"]);
    assert_eq!(server.hits(), 1);
    // Without it the wait goes on until its deadline (long enough that a loaded test machine
    // still completes a probe inside it: one cut short by the deadline would be CRITICAL).
    let run = run_env(
        &["--wait", "1500ms", "--interval", "50ms", &server.url("/")],
        &[],
    );
    run.code(1).stdout_has(&["still not healthy"]);
}

#[test]
fn quiet_wait_prints_no_progress() {
    let server = Server::start(healthy_after(1, 503, UP));
    let run = run(&[
        "--wait",
        "20s",
        "--interval",
        "50ms",
        "-q",
        &server.url("/"),
    ]);
    run.code(0);
    assert!(run.stdout.is_empty() && run.stderr.is_empty(), "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// --retries
// ---------------------------------------------------------------------------------------------

#[test]
fn retries_try_a_transient_failure_again_and_say_how_many_attempts() {
    let server = Server::start(healthy_after(2, 503, UP));
    let run = run(&["--retries", "2", "--retry-delay", "50ms", &server.url("/")]);
    run.code(0).stdout_has(&["3 attempts"]);
    assert_eq!(server.hits(), 3);
}

#[test]
fn without_retries_one_failure_is_the_answer() {
    let server = Server::start(healthy_after(1, 503, UP));
    run(&[&server.url("/")]).code(2);
    assert_eq!(server.hits(), 1);
}

#[test]
fn retries_stop_when_they_run_out_and_the_last_answer_counts() {
    let server = Server::start(healthy_after(5, 502, UP));
    let run = run(&["--retries", "2", "--retry-delay", "20ms", &server.url("/")]);
    run.code(2).stdout_has(&["HTTP 502", "3 attempts"]);
    assert_eq!(server.hits(), 3);
}

#[test]
fn a_500_is_not_transient_and_is_not_retried() {
    let server = Server::start(healthy_after(1, 500, UP));
    run(&["--retries", "3", "--retry-delay", "20ms", &server.url("/")]).code(2);
    assert_eq!(server.hits(), 1);
}

#[test]
fn retries_also_cover_refused_connections() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    let run = run(&["--retries", "2", "--retry-delay", "100ms", &url]);
    run.code(2)
        .stdout_has(&["connection refused", "3 attempts"]);
    assert!(run.elapsed >= Duration::from_millis(200), "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// --quorum
// ---------------------------------------------------------------------------------------------

fn replicas(healthy: usize, failing: usize) -> Vec<Server> {
    (0..healthy)
        .map(|_| Server::start(serve(200, JSON, UP.as_bytes())))
        .chain((0..failing).map(|_| Server::start(serve(503, JSON, b"{}"))))
        .collect()
}

fn quorum_run(servers: &[Server], quorum: &str) -> Run {
    let urls: Vec<String> = servers.iter().map(|s| s.url("/")).collect();
    let mut args = vec!["--quorum", quorum];
    args.extend(urls.iter().map(String::as_str));
    run(&args)
}

#[test]
fn quorum_met_is_ok_even_with_a_failing_replica() {
    let servers = replicas(2, 1);
    let run = quorum_run(&servers, "2");
    run.code(0)
        .stdout_has(&["quorum met: 2 of 3 targets OK, 2 needed", "CRITICAL"]);
}

#[test]
fn quorum_not_met_with_some_ok_is_warning_and_with_none_critical() {
    quorum_run(&replicas(2, 1), "3")
        .code(1)
        .stdout_has(&["quorum not met: 2 of 3 targets OK, 3 needed"]);
    quorum_run(&replicas(0, 3), "1").code(2);
}

#[test]
fn percentage_quorum_rounds_up() {
    quorum_run(&replicas(1, 1), "50%").code(0);
    quorum_run(&replicas(1, 2), "50%")
        .code(1)
        .stdout_has(&["2 needed"]);
}

#[test]
fn a_quorum_larger_than_the_fleet_is_a_usage_error() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    run(&["--quorum", "3", &url, &url]).usage_error(3, "--quorum 3 can never be met");
    run(&["--quorum", "0", &url]).usage_error(3, "must be at least 1");
}

#[test]
fn quorum_reaches_the_nagios_line() {
    let servers = replicas(2, 1);
    let urls: Vec<String> = servers.iter().map(|s| s.url("/")).collect();
    let mut args = vec!["--quorum", "2", "-o", "nagios"];
    args.extend(urls.iter().map(String::as_str));
    let run = run(&args);
    run.code(0);
    assert!(run.lines()[0].starts_with("HEALTHPROBE OK"), "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// --deadline and Ctrl-C
// ---------------------------------------------------------------------------------------------

#[test]
fn deadline_bounds_a_slow_probe_and_says_so() {
    let server = Server::start(delayed(Duration::from_secs(5)));
    let run = run(&["--deadline", "700ms", "-t", "10", &server.url("/")]);
    run.code(2).stdout_has(&["timeout", "deadline"]);
    assert!(run.elapsed < Duration::from_millis(2500), "{run:?}");
}

#[test]
fn deadline_bounds_retries_too() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    let run = run(&[
        "--deadline",
        "600ms",
        "--retries",
        "50",
        "--retry-delay",
        "200ms",
        &url,
    ]);
    run.code(2);
    assert!(run.elapsed < Duration::from_millis(2500), "{run:?}");
}

#[test]
fn targets_whose_turn_never_came_before_the_deadline_are_unknown_not_critical() {
    let slow = Server::start(delayed(Duration::from_secs(3)));
    let fine = Server::start(serve(200, JSON, UP.as_bytes()));
    let run = run(&[
        "-j",
        "1",
        "--deadline",
        "500ms",
        &slow.url("/"),
        &fine.url("/"),
    ]);
    run.code(2);
    let second = run.line_with(&format!("{}/", fine.authority()));
    assert!(second.starts_with("UNKNOWN"), "{run:?}");
    assert!(
        second.contains("deadline passed before its turn"),
        "{run:?}"
    );
    assert_eq!(fine.hits(), 0);
}

#[test]
fn ctrl_c_during_a_wait_stops_promptly_prints_what_is_known_and_exits_3() {
    let failing = Server::start(serve(503, JSON, b"{}"));
    let answered = Arc::new(AtomicUsize::new(0));
    let seen = answered.clone();
    let slow = Server::start(move |_request: Request, stream: &mut std::net::TcpStream| {
        seen.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_secs(8));
        respond(stream, 200, &[], b"{}");
    });
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("healthprobe"))
        .args([
            "--wait",
            "60s",
            "--interval",
            "100ms",
            &failing.url("/a"),
            &slow.url("/b"),
        ])
        .env_clear()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("healthprobe starts");
    // Interrupt once the slow request is in flight and a few rounds have passed.
    let started = Instant::now();
    while answered.load(Ordering::SeqCst) == 0 && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let pid = nix::unistd::Pid::from_raw(i32::try_from(child.id()).unwrap());
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("send SIGINT");
    let interrupted = Instant::now();
    let output = child.wait_with_output().expect("healthprobe ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(3), "{stdout}");
    assert!(interrupted.elapsed() < Duration::from_secs(2), "{stdout}");
    assert!(stdout.contains("interrupted"), "{stdout}");
    // What was known is printed: the failing target's last answer.
    assert!(stdout.contains("HTTP 503"), "{stdout}");
}

#[test]
fn wait_progress_names_the_target_and_the_components_still_failing() {
    let seen = AtomicUsize::new(0);
    let server = Server::start(move |_request, stream: &mut std::net::TcpStream| {
        let body: &[u8] = if seen.fetch_add(1, Ordering::SeqCst) < 2 {
            br#"{"status":"DOWN","components":{"db":{"status":"DOWN"},"cache":{"status":"DOWN"},"ping":{"status":"UP"}}}"#
        } else {
            br#"{"status":"UP","components":{"db":{"status":"UP"},"cache":{"status":"UP"},"ping":{"status":"UP"}}}"#
        };
        let status = if body.starts_with(br#"{"status":"DOWN""#) {
            503
        } else {
            200
        };
        respond(stream, status, &[("Content-Type", JSON)], body);
    });
    let url = server.url("/actuator/health");
    let run = run(&[
        "--wait",
        "20s",
        "--interval",
        "50ms",
        "--ignore-component",
        "cache",
        &url,
    ]);
    run.code(0);
    // Not a terminal: one line per round that was not the last, on stderr only.
    let rounds: Vec<&str> = run.stderr.lines().filter(|l| l.contains("round")).collect();
    assert_eq!(rounds.len(), 2, "{run:?}");
    let name = format!("{}/actuator/health", server.authority());
    assert!(
        rounds[0].contains(&format!(
            "waiting for {name} CRITICAL (HTTP 503 Service Unavailable"
        )),
        "{run:?}"
    );
    assert!(rounds[0].contains("component db CRITICAL)"), "{run:?}");
    // An ignored component is not what the wait is waiting for.
    assert!(!rounds[0].contains("cache"), "{run:?}");
    assert!(!run.stdout.contains("round 1"), "{run:?}");
}

/// Runs healthprobe with `args` under `script`, so that its stdout and stderr are a terminal,
/// with `TERM` set; returns everything the terminal received.
fn on_a_terminal(args: &[&str], term: &str) -> String {
    let binary = assert_cmd::cargo::cargo_bin!("healthprobe");
    let command = std::iter::once(binary.to_str().unwrap().to_string())
        .chain(args.iter().map(|a| format!("'{a}'")))
        .collect::<Vec<_>>()
        .join(" ");
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("TERM", term)
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("script(1) from util-linux runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn on_a_terminal_wait_progress_redraws_one_line_in_place() {
    let server = Server::start(serve(
        503,
        JSON,
        br#"{"status":"DOWN","components":{"db":{"status":"DOWN"}}}"#,
    ));
    let url = server.url("/health");
    let args = ["--wait", "700ms", "--interval", "100ms", &url];
    let seen = on_a_terminal(&args, "xterm");
    assert!(seen.contains("\r\x1b[Kround 1: 0 of 1 healthy"), "{seen:?}");
    assert!(seen.contains("\r\x1b[Kround 2: 0 of 1 healthy"), "{seen:?}");
    assert!(seen.contains("component db CRITICAL"), "{seen:?}");
    // The line is cleared before the report, which starts on a clean line.
    assert!(seen.contains("\r\x1b[K\x1b[1;31mCRITICAL"), "{seen:?}");
    // A dumb terminal gets plain lines, one per round, and no colour.
    let dumb = on_a_terminal(&args, "dumb");
    assert!(!dumb.contains('\x1b'), "{dumb:?}");
    assert!(
        dumb.contains("healthprobe: round 1: 0 of 1 healthy"),
        "{dumb:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// --watch
// ---------------------------------------------------------------------------------------------

#[test]
fn watch_prints_a_report_per_round_with_how_long_each_failure_has_lasted() {
    let server = Server::start(serve(
        503,
        JSON,
        br#"{"status":"DOWN","components":{"db":{"status":"DOWN"},"ping":{"status":"UP"}}}"#,
    ));
    let url = server.url("/health");
    let run = run(&["--watch", "300ms", "--deadline", "1500ms", &url]);
    // It ends at the deadline with the last round's verdict, not as an interruption.
    run.code(2);
    let rounds = run
        .stdout
        .matches("healthprobe --watch 300ms: round ")
        .count();
    assert!((3..=6).contains(&rounds), "{rounds} rounds\n{run:?}");
    run.stdout_has(&[
        "component db CRITICAL since",
        "(just now)",
        "component db DOWN",
    ]);
    assert!(server.hits() >= 3, "{run:?}");
}

#[test]
fn sigterm_ends_a_watch_with_the_last_rounds_code() {
    let server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let url = server.url("/health");
    let child = healthprobe_std(&["--watch", "200ms", &url]);
    std::thread::sleep(Duration::from_millis(700));
    let pid = nix::unistd::Pid::from_raw(i32::try_from(child.id()).unwrap());
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.matches("round ").count() >= 2, "{stdout}");
    // The last round is not printed a second time after the watch ends.
    assert!(
        stdout.trim_end().ends_with("OK  1 target: 1 ok"),
        "{stdout}"
    );
}

#[test]
fn watch_on_a_terminal_redraws_the_screen_each_round() {
    let server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let url = server.url("/health");
    let seen = on_a_terminal(&["--watch", "200ms", "--deadline", "700ms", &url], "xterm");
    assert!(seen.matches("\x1b[H\x1b[2J").count() >= 2, "{seen:?}");
    let dumb = on_a_terminal(&["--watch", "200ms", "--deadline", "700ms", &url], "dumb");
    assert!(!dumb.contains('\x1b'), "{dumb:?}");
}

#[test]
fn watch_refuses_what_needs_a_run_that_ends() {
    for (args, why) in [
        (&["--wait", "10s"][..], "--watch cannot be used with --wait"),
        (&["--docker"], "--watch cannot be used with --docker"),
        (&["-o", "json"], "--watch cannot be used with -o json"),
        (&["-q"], "--watch cannot be used with --quiet"),
    ] {
        let mut all = vec!["--watch", "1s"];
        all.extend_from_slice(args);
        all.push("http://127.0.0.1:1/");
        let run = run(&all);
        let code = if args.contains(&"--docker") { 1 } else { 3 };
        run.usage_error(code, why);
    }
}

/// The binary as a child of our own, for signals.
fn healthprobe_std(args: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin!("healthprobe"))
        .args(args)
        .env_clear()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("healthprobe starts")
}
