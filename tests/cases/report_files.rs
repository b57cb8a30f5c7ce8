//! Where output goes and how much of it: `--report FORMAT=PATH` files written atomically beside
//! stdout, unwritable paths refused before any request, and the byte limits Docker (4096) and
//! Nagios (8192) impose, kept by summarising large runs.

use crate::common::*;

const UP: &str = r#"{"status":"UP"}"#;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("healthprobe-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn report_files_are_written_beside_stdout_in_their_own_formats() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let dir = temp_dir("reports");
    let nagios = dir.join("check.txt");
    let human = dir.join("human.txt");
    let run = run(&[
        "--report",
        &format!("nagios={}", nagios.display()),
        "--report",
        &format!("human={}", human.display()),
        &server.url("/health"),
    ]);
    run.code(0).stdout_has(&["OK", "1 target"]);
    let nagios = std::fs::read_to_string(&nagios).unwrap();
    assert!(nagios.starts_with("HEALTHPROBE OK - "), "{nagios}");
    let human = std::fs::read_to_string(&human).unwrap();
    assert!(human.contains("1 target: 1 ok"), "{human}");
    assert!(
        !human.contains('\u{1b}'),
        "files are never coloured: {human:?}"
    );
    // Nothing but the reports is left behind (no temporary files).
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unwritable_report_path_is_a_usage_error_before_any_request() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    run(&[
        "--report",
        "nagios=/nonexistent/dir/check.txt",
        &server.url("/"),
    ])
    .usage_error(3, "cannot write --report /nonexistent/dir/check.txt");
    assert_eq!(server.hits(), 0);
    let dir = temp_dir("is-a-dir");
    run(&[
        "--report",
        &format!("nagios={}", dir.display()),
        &server.url("/"),
    ])
    .usage_error(3, "is a directory");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_report_arguments_are_usage_errors() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    run(&["--report", "report.xml", &url]).usage_error(3, "is not FORMAT=PATH");
    run(&["--report", "xml=report.xml", &url]).usage_error(3, "unknown report format 'xml'");
    run(&["--report", "nagios=", &url]).usage_error(3, "has no path");
}

fn many_refused(n: usize) -> Vec<String> {
    let port = refused_port();
    (0..n)
        .map(|i| format!("http://127.0.0.1:{port}/service-number-{i}/health"))
        .collect()
}

#[test]
fn docker_output_stays_under_4096_bytes_and_keeps_the_verdict() {
    let urls = many_refused(300);
    let mut args = vec!["--docker"];
    args.extend(urls.iter().map(String::as_str));
    let run = run(&args);
    run.code(1);
    assert!(run.stdout.len() <= 4096, "{} bytes", run.stdout.len());
    let last = run.lines().last().copied().unwrap_or("");
    assert_eq!(last, "CRITICAL  300 targets: 300 critical", "{run:?}");
    run.stdout_has(&["lines cut to stay within 4096 bytes"]);
}

#[test]
fn docker_output_of_a_large_healthy_fleet_summarises_the_ok_targets() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let urls: Vec<String> = (0..200)
        .map(|i| server.url(&format!("/replica-{i}/health")))
        .collect();
    let mut args = vec!["--docker"];
    args.extend(urls.iter().map(String::as_str));
    let run = run(&args);
    run.code(0)
        .stdout_has(&["... and 200 OK targets", "200 targets: 200 ok"]);
    assert!(run.stdout.len() <= 4096, "{} bytes", run.stdout.len());
}

#[test]
fn nagios_output_stays_under_8192_bytes_with_the_state_on_line_one() {
    let urls = many_refused(400);
    let mut args = vec!["-o", "nagios"];
    args.extend(urls.iter().map(String::as_str));
    let run = run(&args);
    run.code(2);
    assert!(run.stdout.len() <= 8192, "{} bytes", run.stdout.len());
    let first = run.lines()[0];
    assert!(
        first.starts_with("HEALTHPROBE CRITICAL - 400 targets"),
        "{first}"
    );
    assert!(first.contains(" | "), "perfdata kept: {first}");
}

#[test]
fn small_runs_are_not_summarised() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let run = run(&["--docker", &server.url("/a"), &server.url("/b")]);
    run.code(0);
    assert_eq!(run.lines().len(), 3, "{run:?}");
}

/// A directory where no file can be created: a 0555 one, or, when the tests run as root (who
/// may write there anyway), sysfs, which refuses new files to everyone.
fn read_only_dir() -> Option<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("read-only");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = |dir: &std::path::Path| {
        let probe = dir.join("healthprobe-write-test");
        let created = std::fs::write(&probe, b"x").is_ok();
        let _ = std::fs::remove_file(&probe);
        created
    };
    if !writable(&dir) {
        return Some(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let sys = std::path::PathBuf::from("/sys");
    (sys.is_dir() && !writable(&sys)).then_some(sys)
}

#[test]
fn a_report_in_a_read_only_directory_is_a_usage_error_before_any_request() {
    let Some(dir) = read_only_dir() else {
        panic!("no directory refuses new files on this machine (neither 0555 nor /sys)");
    };
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let path = dir.join("healthprobe.prom");
    let shown = path.display().to_string();
    for format in ["nagios", "prometheus"] {
        run(&[
            "--report",
            &format!("{format}={shown}"),
            &server.url("/health"),
        ])
        .usage_error(3, &format!("cannot write --report {shown}"));
    }
    assert_eq!(server.hits(), 0, "nothing is probed");
    assert!(!path.exists());
    if dir.starts_with(std::env::temp_dir()) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
