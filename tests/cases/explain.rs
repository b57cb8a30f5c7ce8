//! `--explain` end to end: how a body was read, in the human output, for the generic reader, a
//! known format, the user's words and paths, and a body that is no health document.

use crate::common::*;

#[test]
fn explain_shows_the_evidence_each_components_path_the_version_and_the_data_set_aside() {
    let body = r#"{"status":"ok","uptime":12,"build":{"version":"2.1.0"},
        "checks":{"db":{"healthy":false,"error":"connection refused"},"cache":"ok","queue":null}}"#;
    let run = probe(200, JSON, body, &["--explain"]);
    run.code(2).stdout_has(&[
        "how the body was read:",
        "format     generic: no known format's structure",
        "status     ok -> ok at $.status (state word)",
        "component  db: healthy false -> critical at $.checks.db.healthy (health flag)",
        "component  cache: ok -> ok at $.checks.cache (state word)",
        "component  queue: not running -> unknown at $.checks.queue (null state (not run))",
        "version    2.1.0 at $.build.version",
        "data       $.uptime: a number (a counter, figure or code)",
    ]);
}

#[test]
fn explain_names_the_structure_that_chose_a_known_format() {
    let body = r#"{"status":"UP","components":{"db":{"status":"DOWN"}}}"#;
    probe(200, JSON, body, &["--explain"])
        .code(2)
        .stdout_has(&["format     spring-boot: a `components` object beside `status`"]);
    probe(
        200,
        "application/health+json",
        r#"{"status":"ok"}"#,
        &["--explain"],
    )
    .code(0)
    .stdout_has(&["format     health-json: the Content-Type application/health+json"]);
}

#[test]
fn explain_without_a_health_document_says_which_options_would_help() {
    probe(
        200,
        "text/html",
        "<html><body>hi</body></html>",
        &["--explain"],
    )
    .code(0)
    .stdout_has(&[
        "no health document: body is HTML",
        "--status-path or --component-path",
    ]);
}

#[test]
fn explain_marks_states_read_through_the_users_words_and_paths() {
    let body = r#"{"health":{"overall":"IMPAIRED"},"parts":[{"label":"db","ok":true}]}"#;
    let run = probe(
        200,
        JSON,
        body,
        &[
            "--explain",
            "--status-word",
            "IMPAIRED=warning",
            "--status-path",
            "$.health.overall",
            "--component-path",
            "$.parts[*]",
        ],
    );
    run.code(1).stdout_has(&[
        "read where --status-path / --component-path point",
        "status     IMPAIRED -> warning at $.health.overall (--status-word)",
        "component  db: ok true -> ok at $.parts[0].ok (health flag)",
    ]);
}

#[test]
fn explain_is_also_read_from_the_environment() {
    let server = Server::start(serve(200, JSON, br#"{"status":"ok","count":3}"#));
    run_env(&[&server.url("/health")], &[("HEALTHPROBE_EXPLAIN", "1")])
        .code(0)
        .stdout_has(&["data       $.count: a number"]);
}
