//! Documents of no known format end to end: each shape the generic reader understands, served
//! with HTTP 200 so that only the body can make the target fail; the user's own words
//! (`--status-word`) and paths (`--status-path`, `--component-path`) from the command line, the
//! environment and the config file; and their usage errors.

use crate::common::*;

/// Serves `body` as JSON with HTTP 200 and runs healthprobe on it with `args`.
fn generic(body: &str, args: &[&str]) -> Run {
    probe(200, JSON, body, args)
}

#[test]
fn a_flat_map_of_check_names_to_words_and_error_texts_names_the_failing_check() {
    let run = generic(
        r#"{"database":"ok","search":"dial tcp 10.1.2.3:9200: connect: connection refused"}"#,
        &[],
    );
    run.code(2)
        .stdout_has(&["[generic", "search", "connection refused"]);
    assert!(run.lines()[0].contains("component search"), "{run:?}");
}

#[test]
fn a_registry_style_map_of_failing_checks_is_critical_even_when_503_is_accepted() {
    let server = Server::start(serve(
        503,
        JSON,
        br#"{"storagedriver_s3":"s3aws: Path not found: /registry"}"#,
    ));
    run(&["--expect-status", "2xx,503", &server.url("/debug/health")])
        .code(2)
        .stdout_has(&["storagedriver_s3", "Path not found"]);
}

#[test]
fn keys_ending_in_status_or_check_are_components() {
    generic(
        r#"{"status":"OK","database_status":"OK","filestore_status":"UNHEALTHY"}"#,
        &[],
    )
    .code(2)
    .stdout_has(&["filestore_status", "UNHEALTHY"]);
    generic(
        r#"{"status":"ok","db_check":[{"status":"ok"}],"redis_check":[{"status":"failed","message":"timeout"}]}"#,
        &[],
    )
    .code(2)
    .stdout_has(&["redis_check", "failed"]);
}

#[test]
fn a_map_of_names_to_booleans_names_the_false_one() {
    let run = generic(r#"{"healthy":{"workers":false,"queue":true}}"#, &[]);
    run.code(2).stdout_has(&["workers"]);
    assert!(run.lines()[0].contains("component workers"), "{run:?}");
    assert!(!run.lines()[0].contains("queue"), "{run:?}");
}

#[test]
fn arrays_of_checks_are_named_by_their_name_like_key() {
    generic(
        r#"{"hostname":"web-1","status":"failure","results":[
            {"checker":"redis_available","output":"redis ok","passed":true},
            {"checker":"db_available","output":"could not connect","passed":false}]}"#,
        &[],
    )
    .code(2)
    .stdout_has(&["db_available", "could not connect"]);
    generic(
        r#"[{"id":"n1","state":"RUNNING"},{"id":"n2","state":"PAUSED"}]"#,
        &[],
    )
    .code(1)
    .stdout_has(&["n2", "PAUSED"]);
}

#[test]
fn health_flags_and_trouble_flags_on_any_object() {
    generic(
        r#"{"version":"1.0","server":{"ok":true},"client":{"ok":false,"message":"no leader"}}"#,
        &[],
    )
    .code(2)
    .stdout_has(&["client", "no leader"]);
    generic(
        r#"{"initialized":true,"sealed":true,"version":"1.17.3"}"#,
        &[],
    )
    .code(2)
    .stdout_has(&["sealed true", "version 1.17.3"]);
    generic(r#"{"publish_ready":false,"version":"8.14.1"}"#, &[])
        .code(2)
        .stdout_has(&["publish_ready"]);
}

#[test]
fn a_maintenance_flag_goes_through_the_maintenance_rule() {
    generic(
        r#"{"installed":true,"maintenance":true,"version":"28.0.1"}"#,
        &[],
    )
    .code(1)
    .stdout_has(&["in maintenance"]);
    generic(
        r#"{"installed":true,"maintenance":true}"#,
        &["--maintenance", "critical"],
    )
    .code(2);
    generic(r#"{"status":"ok","readOnly":true}"#, &[])
        .code(1)
        .stdout_has(&["read-only"]);
}

#[test]
fn a_non_empty_list_of_trouble_is_a_failure_and_an_empty_one_is_not() {
    generic(
        r#"{"Healthy":["forwarder","collector"],"Unhealthy":["collector-queue"]}"#,
        &[],
    )
    .code(2)
    .stdout_has(&["collector-queue"]);
    generic(r#"{"Healthy":["forwarder"],"Unhealthy":[]}"#, &[]).code(0);
    generic(
        r#"{"status":"ok","alarms":[{"node":"rabbit@mq-2","resource":"disk"}]}"#,
        &[],
    )
    .code(2)
    .stdout_has(&["rabbit@mq-2", "disk"]);
}

#[test]
fn short_sentences_and_other_state_keys_are_read() {
    generic(
        r#"{"status":"Server available","upSince":"2034-01-01T00:00:00Z"}"#,
        &[],
    )
    .code(0);
    generic(r#"{"level":"degraded","summary":"2 nodes lagging"}"#, &[]).code(1);
    generic(r#"{"status":"not ready"}"#, &[]).code(2);
    generic(
        r#"{"status":{"overall":{"level":"available"},"core":{"elasticsearch":{"level":"unavailable","summary":"timeout"}}}}"#,
        &[],
    )
    .code(2)
    .stdout_has(&["elasticsearch"]);
}

#[test]
fn a_null_status_is_a_part_that_did_not_run_and_never_a_failure() {
    let run = generic(
        r#"{"status":"ok","checks":{"db":{"status":"ok"},"backup":{"status":null}}}"#,
        &[],
    );
    run.code(0).stdout_has(&["backup  not running"]);
}

#[test]
fn data_is_not_health() {
    generic(
        r#"{"responseHeader":{"status":0,"QTime":3},"status":"OK","uptime":12,"memory":{"used":1}}"#,
        &[],
    )
    .code(0);
    generic(
        r#"{"status":"ok","data":{"services":{"auth":true}},"status_code":200}"#,
        &[],
    )
    .code(0);
}

#[test]
fn a_word_no_vocabulary_knows_is_never_ok_and_says_how_to_map_it() {
    generic(
        r#"{"status":"ok","checks":{"db":{"status":"sparkly"}}}"#,
        &[],
    )
    .code(1)
    .stdout_has(&[
        "'sparkly'",
        "$.checks.db.status",
        "--status-word sparkly=STATE",
    ]);
    generic(r#"{"status":"FABULOUS"}"#, &[])
        .code(3)
        .stdout_has(&["--status-word FABULOUS=STATE"]);
}

#[test]
fn status_words_map_a_services_own_words_from_flags_env_and_config() {
    let body = r#"{"status":"IMPAIRED","checks":{"db":{"status":"DEGRADED"}}}"#;
    generic(body, &["--status-word", "IMPAIRED=critical"]).code(2);
    generic(body, &["--status-word", "IMPAIRED=ok,DEGRADED=warning"]).code(1);
    generic(
        body,
        &[
            "--status-word",
            "IMPAIRED=ok",
            "--status-word",
            "DEGRADED=ok",
        ],
    )
    .code(0);
    let server = Server::start(serve(200, JSON, body.as_bytes()));
    run_env(
        &[&server.url("/health")],
        &[("HEALTHPROBE_STATUS_WORD", "impaired=ok,degraded=ok")],
    )
    .code(0);
    let config = TempFile::new(
        "words.toml",
        &format!(
            "[defaults]\nstatus-word = [\"IMPAIRED=ok\"]\n[[target]]\nurl = \"{}\"\nstatus-word = \"DEGRADED=critical\"\n",
            server.url("/health")
        ),
    );
    run(&["--config", config.path()]).code(2);
    // A known format's words yield to the user's too.
    probe(
        200,
        "application/vnd.spring-boot.actuator.v3+json",
        r#"{"status":"UP","components":{"db":{"status":"DOWN"}}}"#,
        &["--status-word", "DOWN=warning"],
    )
    .code(1);
}

#[test]
fn bad_status_words_are_usage_errors() {
    let server = Server::start(serve(200, JSON, br#"{"status":"ok"}"#));
    let url = server.url("/health");
    run(&["--status-word", "DEGRADED", &url]).usage_error(3, "WORD=STATE");
    run(&["--status-word", "DEGRADED=so-so", &url]).usage_error(3, "ok, warning, critical");
    run(&["--status-word", "=ok", &url]).usage_error(3, "no word before '='");
    assert_eq!(server.hits(), 0);
}

#[test]
fn status_and_component_paths_point_the_reader_at_a_document_it_misreads() {
    let body = r#"{"summary":{"overall":"degraded"},"nodes":[{"host":"a","up":true},{"host":"b","up":false}]}"#;
    generic(body, &["--status-path", "$.summary.overall"])
        .code(2)
        .stdout_has(&["b"]);
    generic(
        body,
        &[
            "--status-path",
            "$.summary.overall",
            "--component-path",
            "$.nodes[0]",
        ],
    )
    .code(1);
    generic(r#"{"a":{"s":"fine"}}"#, &["--status-path", "$.nope"])
        .code(2)
        .stdout_has(&["--status-path $.nope matched nothing"]);
}

#[test]
fn paths_into_the_document_cannot_go_with_another_format_or_none() {
    let server = Server::start(serve(200, JSON, br#"{"status":"ok"}"#));
    let url = server.url("/health");
    run(&[
        "--status-path",
        "$.status",
        "--health-format",
        "spring-boot",
        &url,
    ])
    .usage_error(3, "direct the generic reader");
    run(&["--component-path", "$.x", "--health-format", "none", &url])
        .usage_error(3, "--health-format none");
    run(&["--status-path", "$..[", &url]).usage_error(3, "--status-path");
    assert_eq!(server.hits(), 0);
}
