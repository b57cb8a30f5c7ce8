//! Version checks end to end: `--expect-version` in its three forms (semver requirement, exact,
//! regex), where the version comes from (the health document, `--version-path`,
//! `--version-url`), the usage errors for bad requirements and paths, and `--same-version`
//! across targets.

use std::sync::{Arc, Mutex};

use crate::common::*;

const HEALTH_JSON: &str = "application/health+json";

/// A healthy health+json document reporting `version`.
fn reporting(version: &str) -> String {
    format!(r#"{{"status":"pass","version":"{version}"}}"#)
}

/// Serves a healthy document reporting `version` and runs healthprobe with `args`.
fn check(version: &str, args: &[&str]) -> Run {
    probe(200, HEALTH_JSON, &reporting(version), args)
}

/// A usage error must be reported before any traffic: the URL is never tried.
fn unused_url() -> String {
    format!("http://127.0.0.1:{}/health", refused_port())
}

#[test]
fn semver_range_accepts_a_matching_version_and_shows_it() {
    check("2.4.1", &["--expect-version", ">=2.4, <3"])
        .code(0)
        .stdout_has(&["[health-json, version 2.4.1]"]);
}

#[test]
fn semver_range_rejects_a_version_outside_it_naming_both() {
    check("3.0.0", &["--expect-version", ">=2.4, <3"])
        .code(2)
        .stdout_has(&["version 3.0.0 does not satisfy >=2.4, <3"]);
}

#[test]
fn version_is_shown_without_any_requirement() {
    check("26.07", &[]).code(0).stdout_has(&["version 26.07"]);
}

#[test]
fn exact_requirement_compares_the_text_literally() {
    check("26.07", &["--expect-version", "=26.07"]).code(0);
    // 26.7 is the same semver version but not the same text.
    check("26.7", &["--expect-version", "=26.07"])
        .code(2)
        .stdout_has(&["version 26.7 does not match =26.07"]);
}

#[test]
fn plain_requirement_is_exact_ignoring_a_leading_v() {
    check("26.07", &["--expect-version", "26.07"]).code(0);
    check("v26.07", &["--expect-version", "26.07"]).code(0);
    check("26.07.1", &["--expect-version", "26.07"])
        .code(2)
        .stdout_has(&["version 26.07.1 does not match 26.07"]);
}

#[test]
fn regex_requirement_matches_the_reported_text() {
    let regex = r"~^26\.0[7-9]";
    check("26.08", &["--expect-version", regex]).code(0);
    check("26.10", &["--expect-version", regex])
        .code(2)
        .stdout_has(&["version 26.10 does not match", regex]);
}

#[test]
fn pre_release_does_not_satisfy_a_plain_lower_bound() {
    check("2.0.0-rc1", &["--expect-version", ">=1.5"])
        .code(2)
        .stdout_has(&["version 2.0.0-rc1 does not satisfy >=1.5", "pre-release"]);
}

#[test]
fn missing_version_is_critical_when_one_is_expected() {
    probe(200, JSON, r#"{"ok":true}"#, &[]).code(0);
    probe(200, JSON, r#"{"ok":true}"#, &["--expect-version", "26.07"])
        .code(2)
        .stdout_has(&["no version", "26.07"]);
}

/// A Puter-like service: `/healthcheck` without a version, `/version` with one. Records every
/// path requested.
fn puter_with_version_endpoint(paths: Arc<Mutex<Vec<String>>>) -> Server {
    let inner = routes(&[
        ("/healthcheck", 200, JSON, r#"{"ok":true}"#),
        (
            "/version",
            200,
            JSON,
            r#"{"version":"26.07","environment":"prod","location":null}"#,
        ),
    ]);
    Server::start(move |request, stream| {
        paths.lock().unwrap().push(request.path.clone());
        inner(request, stream);
    })
}

#[test]
fn version_url_path_is_resolved_against_the_target() {
    let paths = Arc::new(Mutex::new(Vec::new()));
    let server = puter_with_version_endpoint(paths.clone());
    let target = server.url("/healthcheck");
    run(&[
        "--version-url",
        "/version",
        "--expect-version",
        "26.07",
        &target,
    ])
    .code(0)
    .stdout_has(&["[puter, version 26.07]"]);
    run(&[
        "--version-url",
        "/version",
        "--expect-version",
        ">=27",
        &target,
    ])
    .code(2)
    .stdout_has(&["version 26.07 (read as 26.7.0) does not satisfy >=27"]);
    let paths = paths.lock().unwrap();
    assert_eq!(
        paths.iter().filter(|p| *p == "/version").count(),
        2,
        "{paths:?}"
    );
}

#[test]
fn version_url_that_refuses_connections_is_critical_naming_the_problem() {
    let server = Server::start(serve(200, JSON, br#"{"ok":true}"#));
    let port = refused_port();
    let version_url = format!("http://127.0.0.1:{port}/version");
    let run = run(&[
        "--version-url",
        &version_url,
        "--expect-version",
        "26.07",
        &server.url("/healthcheck"),
    ]);
    run.code(2).stdout_has(&[
        "no version",
        &version_url,
        &format!("connection refused by 127.0.0.1:{port}"),
    ]);
}

#[test]
fn version_path_picks_the_version_from_the_body() {
    // Without the path the document's own `version` field (1) would be used.
    let body = r#"{"status":"pass","version":"1","build":{"version":"3.1.4","time":"2024-05-01"}}"#;
    probe(
        200,
        HEALTH_JSON,
        body,
        &[
            "--version-path",
            "$.build.version",
            "--expect-version",
            "=3.1.4",
        ],
    )
    .code(0)
    .stdout_has(&["version 3.1.4"]);
    probe(200, HEALTH_JSON, body, &["--expect-version", "=3.1.4"])
        .code(2)
        .stdout_has(&["version 1 does not match =3.1.4"]);
}

#[test]
fn invalid_version_path_is_a_usage_error() {
    run(&["--version-path", "build.version", &unused_url()])
        .usage_error(3, "bad JSONPath 'build.version'");
}

#[test]
fn empty_version_requirement_is_a_usage_error() {
    run(&["--expect-version", "", &unused_url()]).usage_error(3, "empty version requirement");
}

#[test]
fn uncompilable_regex_requirement_is_a_usage_error() {
    run(&["--expect-version", "~(", &unused_url()]).usage_error(3, "invalid regex");
}

#[test]
fn same_version_warns_naming_who_runs_what() {
    let old = Server::start(serve(200, HEALTH_JSON, reporting("2.4.1").as_bytes()));
    let new = Server::start(serve(200, HEALTH_JSON, reporting("2.5.0").as_bytes()));
    let (old_url, new_url) = (old.url("/health"), new.url("/health"));
    let skewed = run(&["--same-version", &old_url, &new_url]);
    skewed.code(1).stdout_has(&[&format!(
        "versions differ: 2.4.1 on {}/health; 2.5.0 on {}/health",
        old.authority(),
        new.authority()
    )]);
    // Without the flag the difference is no finding.
    run(&[&old_url, &new_url]).code(0);
}

#[test]
fn same_version_is_ok_when_every_target_agrees() {
    let a = Server::start(serve(200, HEALTH_JSON, reporting("2.4.1").as_bytes()));
    let b = Server::start(serve(200, HEALTH_JSON, reporting("v2.4.1").as_bytes()));
    let run = run(&["--same-version", &a.url("/health"), &b.url("/health")]);
    run.code(0);
    run.nowhere("versions differ");
}

// ---------------------------------------------------------------------------------------------
// When no version is found, the message says where it looked and what would help
// ---------------------------------------------------------------------------------------------

#[test]
fn a_version_url_body_without_a_version_lists_its_keys_and_suggests_a_version_path() {
    let server = Server::start(routes(&[
        ("/healthcheck", 200, JSON, r#"{"ok":true}"#),
        (
            "/version",
            200,
            JSON,
            r#"{"app":{"name":"x","release":"2.4.1"},"env":"prod"}"#,
        ),
    ]));
    let run = run(&[
        "--version-url",
        "/version",
        "--expect-version",
        ">=2",
        &server.url("/healthcheck"),
    ]);
    run.code(2).stdout_has(&[&format!(
        "the body of {} carries no version: its top-level keys are app, env; if the version is \
         at $.app.release, add --version-path '$.app.release'",
        server.url("/version")
    )]);
    // Following the suggestion works.
    let run = crate::common::run(&[
        "--version-url",
        "/version",
        "--version-path",
        "$.app.release",
        "--expect-version",
        ">=2",
        &server.url("/healthcheck"),
    ]);
    run.code(0).stdout_has(&["version 2.4.1"]);
}

#[test]
fn a_version_path_that_matches_nothing_names_the_body_and_its_keys() {
    let run = probe(
        200,
        JSON,
        r#"{"status":"ok","build":{"tag":"v3"}}"#,
        &["--version-path", "$.version", "--expect-version", ">=1"],
    );
    run.code(2).stdout_has(&[
        "$.version matched nothing in the body: its top-level keys are status, build; if the \
         version is at $.build.tag, add --version-path '$.build.tag'",
    ]);
}

#[test]
fn a_puter_target_without_a_version_is_told_that_puter_serves_version() {
    let run = probe(200, JSON, r#"{"ok":true}"#, &["--expect-version", ">=26"]);
    run.code(2).stdout_has(&[
        "the puter document carries no version; Puter serves its version at /version: add \
         --version-url /version",
    ]);
}

#[test]
fn a_document_without_a_version_suggests_version_path_and_version_url() {
    let run = probe(
        200,
        "application/vnd.spring-boot.actuator.v3+json",
        r#"{"status":"UP","components":{"db":{"status":"UP"}}}"#,
        &["--expect-version", ">=1"],
    );
    run.code(2).stdout_has(&[
        "the spring-boot document carries no version: its top-level keys are status, components; \
         --version-path can point at the version; or give --version-url where the service serves \
         its version",
    ]);
}
