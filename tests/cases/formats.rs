//! Health documents end to end: every format family is recognised from a real response (status,
//! Content-Type and body), its verdict becomes the exit code, the format is named in the human
//! output as `[<format>`, and a failing component is named. Failing bodies are served with
//! HTTP 200 where the format allows it, so that only the body can make the target fail.

use crate::common::*;

const SPRING_V3: &str = "application/vnd.spring-boot.actuator.v3+json";
const HEALTH_JSON: &str = "application/health+json";
const PUTER_JSON: &str = "application/json; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

// ---------------------------------------------------------------------------------------------
// Puter /healthcheck
// ---------------------------------------------------------------------------------------------

#[test]
fn puter_ok_true_is_ok() {
    probe(200, PUTER_JSON, r#"{"ok":true}"#, &[])
        .code(0)
        .stdout_has(&["OK", "HTTP 200 OK", "[puter"]);
}

#[test]
fn puter_ok_false_served_with_200_is_critical_and_names_the_failed_check() {
    // Puter before 26.05 answered failures with 200: the body alone must make it CRITICAL.
    let run = probe(
        200,
        PUTER_JSON,
        r#"{"ok":false,"failed":["database-liveness"]}"#,
        &[],
    );
    run.code(2).stdout_has(&["[puter", "database-liveness"]);
    assert!(run.line_with("[puter").starts_with("CRITICAL"), "{run:?}");
}

#[test]
fn puter_207_with_degraded_checks_is_warning_naming_them() {
    let run = probe(
        207,
        PUTER_JSON,
        r#"{"ok":true,"degraded":["redis-liveness"]}"#,
        &[],
    );
    run.code(1)
        .stdout_has(&["[puter", "redis-liveness", "degraded"]);
}

#[test]
fn puter_plain_text_ok_fallback_is_ok_and_reads_as_puter_when_forced() {
    // The boot-order fallback: `ok` as text/html. Auto mode calls the bare word Kubernetes (the
    // same meaning); forcing the format reads it as Puter's.
    probe(200, "text/html; charset=utf-8", "ok", &[]).code(0);
    probe(
        200,
        "text/html; charset=utf-8",
        "ok",
        &["--health-format", "puter"],
    )
    .code(0)
    .stdout_has(&["[puter"]);
}

const DRAINING: &str = r#"{"ok":false,"failed":["draining"]}"#;

#[test]
fn puter_draining_with_503_is_critical_by_default() {
    probe(503, PUTER_JSON, DRAINING, &[])
        .code(2)
        .stdout_has(&["[puter", "draining", "HTTP 503"]);
}

#[test]
fn puter_draining_with_maintenance_warning_is_still_critical_for_the_503_itself() {
    // --maintenance only changes what the maintenance state counts as; the 503 is outside the
    // accepted statuses and stays CRITICAL on its own.
    let run = probe(503, PUTER_JSON, DRAINING, &["--maintenance", "warning"]);
    run.code(2)
        .stdout_has(&["HTTP 503 Service Unavailable, expected"]);
}

#[test]
fn puter_draining_accepted_503_is_warning_only_with_maintenance_warning() {
    // With the 503 accepted, the default maintenance rule still makes a 5xx maintenance state
    // CRITICAL; --maintenance warning makes it WARNING.
    probe(503, PUTER_JSON, DRAINING, &["--expect-status", "2xx,503"])
        .code(2)
        .stdout_has(&["draining"]);
    probe(
        503,
        PUTER_JSON,
        DRAINING,
        &["--maintenance", "warning", "--expect-status", "2xx,503"],
    )
    .code(1)
    .stdout_has(&["[puter", "in maintenance", "draining"]);
}

// ---------------------------------------------------------------------------------------------
// IETF health+json
// ---------------------------------------------------------------------------------------------

#[test]
fn health_json_pass_with_a_warn_check_is_warning_naming_the_check() {
    let body = r#"{"status":"pass","checks":{
        "cache:connections":[{"status":"warn","output":"pool 94% used"}],
        "db:responseTime":[{"status":"pass"}]}}"#;
    let run = probe(200, HEALTH_JSON, body, &[]);
    run.code(1)
        .stdout_has(&["[health-json", "cache:connections", "pool 94% used"]);
    assert!(
        run.line_with("[health-json").starts_with("WARNING"),
        "{run:?}"
    );
}

#[test]
fn health_json_fail_is_critical_naming_the_failing_check() {
    let body = r#"{"status":"fail","output":"db unreachable","checks":{
        "postgres:responseTime":[{"status":"fail","output":"timeout after 2s"}]}}"#;
    probe(200, HEALTH_JSON, body, &[]).code(2).stdout_has(&[
        "[health-json",
        "postgres:responseTime",
        "timeout after 2s",
    ]);
}

#[test]
fn health_json_pass_is_ok() {
    probe(200, HEALTH_JSON, r#"{"status":"pass"}"#, &[])
        .code(0)
        .stdout_has(&["[health-json"]);
}

#[test]
fn health_json_observed_value_in_ms_is_nagios_perfdata() {
    let body = r#"{"status":"pass","checks":{
        "postgres:responseTime":[{"status":"pass","observedValue":12.5,"observedUnit":"ms"}]}}"#;
    let run = probe(200, HEALTH_JSON, body, &["-o", "nagios"]);
    run.code(0);
    let first = run.lines()[0];
    let perfdata = first.split_once(" | ").map(|(_, p)| p).unwrap_or_default();
    assert!(
        perfdata.contains("'postgres:responseTime'=12.5ms"),
        "{run:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Spring Boot Actuator
// ---------------------------------------------------------------------------------------------

#[test]
fn spring_nested_components_down_name_the_parent_child_path() {
    let body = r#"{"status":"DOWN","components":{
        "db":{"status":"DOWN","components":{
            "primary":{"status":"DOWN","details":{"error":"Connection refused"}},
            "replica":{"status":"UP"}}},
        "ping":{"status":"UP"}}}"#;
    let run = probe(200, SPRING_V3, body, &[]);
    run.code(2)
        .stdout_has(&["[spring-boot", "db/primary", "Connection refused"]);
    let nagios = probe(200, SPRING_V3, body, &["-o", "nagios"]);
    nagios
        .code(2)
        .stdout_has(&["\\_ [CRITICAL] db/primary DOWN: Connection refused"]);
}

#[test]
fn spring_up_is_ok() {
    let body = r#"{"status":"UP","components":{"db":{"status":"UP"},"ping":{"status":"UP"}}}"#;
    probe(200, SPRING_V3, body, &[])
        .code(0)
        .stdout_has(&["[spring-boot"]);
}

const OUT_OF_SERVICE: &str = r#"{"status":"OUT_OF_SERVICE","components":{
    "readinessState":{"status":"OUT_OF_SERVICE"},"ping":{"status":"UP"}}}"#;

#[test]
fn spring_out_of_service_with_200_is_warning_by_default() {
    probe(200, SPRING_V3, OUT_OF_SERVICE, &[])
        .code(1)
        .stdout_has(&["[spring-boot", "readinessState", "maintenance"]);
}

#[test]
fn spring_out_of_service_follows_the_maintenance_flag() {
    probe(
        200,
        SPRING_V3,
        OUT_OF_SERVICE,
        &["--maintenance", "critical"],
    )
    .code(2)
    .stdout_has(&["readinessState"]);
    probe(200, SPRING_V3, OUT_OF_SERVICE, &["--maintenance", "ok"]).code(0);
}

// ---------------------------------------------------------------------------------------------
// MicroProfile Health
// ---------------------------------------------------------------------------------------------

#[test]
fn microprofile_2_down_check_is_critical_and_named() {
    let body = r#"{"status":"DOWN","checks":[
        {"name":"database","status":"DOWN","data":{"rootCause":"pool exhausted"}},
        {"name":"disk","status":"UP"}]}"#;
    probe(200, JSON, body, &[]).code(2).stdout_has(&[
        "[microprofile",
        "database",
        "pool exhausted",
    ]);
}

#[test]
fn microprofile_2_up_is_ok() {
    let body = r#"{"status":"UP","checks":[{"name":"database","status":"UP"}]}"#;
    probe(200, JSON, body, &[])
        .code(0)
        .stdout_has(&["[microprofile"]);
}

#[test]
fn microprofile_1_outcome_and_state_are_read() {
    let down = r#"{"outcome":"DOWN","checks":[{"name":"queue","state":"DOWN"},{"name":"disk","state":"UP"}]}"#;
    probe(200, JSON, down, &[])
        .code(2)
        .stdout_has(&["[microprofile", "queue"]);
    let up = r#"{"outcome":"UP","checks":[{"name":"queue","state":"UP"}]}"#;
    probe(200, JSON, up, &[])
        .code(0)
        .stdout_has(&["[microprofile"]);
}

// ---------------------------------------------------------------------------------------------
// ASP.NET Core
// ---------------------------------------------------------------------------------------------

#[test]
fn aspnet_text_degraded_is_warning_and_healthy_is_ok() {
    probe(200, TEXT, "Degraded", &[])
        .code(1)
        .stdout_has(&["[aspnet-text", "Degraded"]);
    probe(200, TEXT, "Healthy", &[])
        .code(0)
        .stdout_has(&["[aspnet-text"]);
}

#[test]
fn aspnet_ui_json_unhealthy_entry_is_critical_and_named() {
    let body = r#"{"status":"Unhealthy","totalDuration":"00:00:00.0420000","entries":{
        "sql":{"status":"Unhealthy","description":"Login failed for user 'app'","duration":"00:00:00.0400000","data":{},"tags":[]},
        "redis":{"status":"Healthy","duration":"00:00:00.0010000","data":{},"tags":[]}}}"#;
    probe(200, JSON, body, &[])
        .code(2)
        .stdout_has(&["[aspnet-json", "sql", "Login failed"]);
}

#[test]
fn aspnet_ui_json_healthy_is_ok() {
    let body = r#"{"status":"Healthy","totalDuration":"00:00:00.0010000","entries":{
        "sql":{"status":"Healthy","duration":"00:00:00.0010000","data":{},"tags":[]}}}"#;
    probe(200, JSON, body, &[])
        .code(0)
        .stdout_has(&["[aspnet-json"]);
}

// ---------------------------------------------------------------------------------------------
// Kubernetes
// ---------------------------------------------------------------------------------------------

#[test]
fn kubernetes_verbose_failed_check_with_500_is_critical_and_named() {
    let body = "[+]ping ok\n[+]log ok\n[-]etcd failed: reason withheld\nlivez check failed\n";
    let run = probe(500, TEXT, body, &[]);
    run.code(2)
        .stdout_has(&["[kubernetes", "etcd", "reason withheld"]);
}

#[test]
fn kubernetes_verbose_all_passing_is_ok() {
    let body = "[+]ping ok\n[+]etcd ok\n[+]poststarthook/start-informers ok\nlivez check passed\n";
    probe(200, TEXT, body, &[])
        .code(0)
        .stdout_has(&["[kubernetes"]);
}

// ---------------------------------------------------------------------------------------------
// Terminus (NestJS / GoDaddy)
// ---------------------------------------------------------------------------------------------

#[test]
fn terminus_error_with_info_error_details_is_critical_naming_the_indicator() {
    let body = r#"{"status":"error",
        "info":{"database":{"status":"up"}},
        "error":{"redis":{"status":"down","message":"connect ECONNREFUSED 10.0.0.5:6379"}},
        "details":{"database":{"status":"up"},"redis":{"status":"down","message":"connect ECONNREFUSED 10.0.0.5:6379"}}}"#;
    let run = probe(200, JSON, body, &[]);
    run.code(2)
        .stdout_has(&["[terminus", "redis", "ECONNREFUSED"]);
}

#[test]
fn terminus_ok_is_ok() {
    let body = r#"{"status":"ok","info":{"database":{"status":"up"}},"error":{},"details":{"database":{"status":"up"}}}"#;
    probe(200, JSON, body, &[])
        .code(0)
        .stdout_has(&["[terminus"]);
}

// ---------------------------------------------------------------------------------------------
// Dropwizard
// ---------------------------------------------------------------------------------------------

#[test]
fn dropwizard_unhealthy_check_is_critical_and_named() {
    let body = r#"{"deadlocks":{"healthy":true,"duration":0},
        "database":{"healthy":false,"message":"Cannot connect to jdbc:postgresql://db/app","duration":3}}"#;
    probe(200, JSON, body, &[])
        .code(2)
        .stdout_has(&["[dropwizard", "database", "Cannot connect"]);
}

#[test]
fn dropwizard_all_healthy_is_ok() {
    let body = r#"{"deadlocks":{"healthy":true},"database":{"healthy":true,"message":"fine"}}"#;
    probe(200, JSON, body, &[])
        .code(0)
        .stdout_has(&["[dropwizard"]);
}

// ---------------------------------------------------------------------------------------------
// Vert.x
// ---------------------------------------------------------------------------------------------

#[test]
fn vertx_nested_group_failure_names_the_group_path() {
    let body = r#"{"status":"DOWN","outcome":"DOWN","checks":[
        {"id":"db","status":"UP"},
        {"id":"services","status":"DOWN","checks":[
            {"id":"billing","status":"DOWN","data":{"cause":"procedure timed out"}},
            {"id":"mail","status":"UP"}]}]}"#;
    probe(200, JSON, body, &[]).code(2).stdout_has(&[
        "[vertx",
        "services/billing",
        "procedure timed out",
    ]);
}

#[test]
fn vertx_up_is_ok() {
    let body = r#"{"status":"UP","outcome":"UP","checks":[{"id":"db","status":"UP"}]}"#;
    probe(200, JSON, body, &[]).code(0).stdout_has(&["[vertx"]);
}

// ---------------------------------------------------------------------------------------------
// hellofresh/health-go
// ---------------------------------------------------------------------------------------------

#[test]
fn hellofresh_partially_available_is_warning_with_the_component_version() {
    let body = r#"{"status":"Partially Available","timestamp":"2024-05-01T10:00:00Z",
        "failures":{"redis":"dial tcp 10.0.0.7:6379: connect: connection refused"},
        "system":{"version":"go1.22.1","goroutines_count":12},
        "component":{"name":"orders","version":"v2.4.1"}}"#;
    let run = probe(200, JSON, body, &[]);
    run.code(1)
        .stdout_has(&["[hellofresh", "version v2.4.1", "redis"]);
    run.nowhere("go1.22.1");
}

#[test]
fn hellofresh_ok_is_ok() {
    let body = r#"{"status":"OK","timestamp":"2024-05-01T10:00:00Z","system":{"version":"go1.22.1"},"component":{"name":"orders","version":"v2.4.1"}}"#;
    probe(200, JSON, body, &[])
        .code(0)
        .stdout_has(&["[hellofresh"]);
}

// ---------------------------------------------------------------------------------------------
// alexliesenfeld/health
// ---------------------------------------------------------------------------------------------

#[test]
fn alexliesenfeld_down_is_critical_and_names_the_check() {
    let body = r#"{"status":"down","details":{
        "database":{"status":"down","timestamp":"2024-05-01T10:00:00Z","error":"dial tcp: i/o timeout"},
        "cache":{"status":"up","timestamp":"2024-05-01T10:00:00Z"}}}"#;
    probe(200, JSON, body, &[])
        .code(2)
        .stdout_has(&["[alexliesenfeld", "database", "i/o timeout"]);
}

#[test]
fn alexliesenfeld_up_is_ok() {
    let body = r#"{"status":"up","details":{"database":{"status":"up","timestamp":"2024-05-01T10:00:00Z"}}}"#;
    probe(200, JSON, body, &[])
        .code(0)
        .stdout_has(&["[alexliesenfeld"]);
}

// ---------------------------------------------------------------------------------------------
// Consul
// ---------------------------------------------------------------------------------------------

const CONSUL_WARNING: &str = r#"{"AggregatedStatus":"warning",
    "Service":{"ID":"web1","Service":"web","Port":8080},
    "Checks":[{"CheckID":"service:web1","Name":"web HTTP","Status":"warning","Output":"HTTP GET http://localhost:8080/health: 429 Too Many Requests"}]}"#;

#[test]
fn consul_429_warning_is_warning() {
    let run = probe(429, JSON, CONSUL_WARNING, &[]);
    run.code(1).stdout_has(&["[consul", "service:web1"]);
}

#[test]
fn consul_429_is_critical_when_the_status_set_is_explicit() {
    probe(429, JSON, CONSUL_WARNING, &["--expect-status", "200"])
        .code(2)
        .stdout_has(&["HTTP 429", "[consul"]);
}

#[test]
fn consul_passing_is_ok() {
    let body = r#"{"AggregatedStatus":"passing","Service":{"ID":"web1","Service":"web"},
        "Checks":[{"CheckID":"service:web1","Status":"passing","Output":"HTTP GET: 200 OK"}]}"#;
    probe(200, JSON, body, &[]).code(0).stdout_has(&["[consul"]);
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch
// ---------------------------------------------------------------------------------------------

#[test]
fn elasticsearch_yellow_with_200_is_warning() {
    let body = r#"{"cluster_name":"logs","status":"yellow","timed_out":false,"number_of_nodes":1,"unassigned_shards":5}"#;
    probe(200, JSON, body, &[])
        .code(1)
        .stdout_has(&["[elasticsearch", "yellow"]);
}

#[test]
fn elasticsearch_red_with_200_is_critical_naming_the_indicator() {
    let body = r#"{"status":"red","cluster_name":"logs","indicators":{
        "shards_availability":{"status":"red","symptom":"This cluster has 2 unavailable primary shards."},
        "disk":{"status":"green","symptom":"The cluster has enough available disk space."}}}"#;
    probe(200, JSON, body, &[]).code(2).stdout_has(&[
        "[elasticsearch",
        "shards_availability",
        "unavailable primary",
    ]);
}

#[test]
fn elasticsearch_green_is_ok() {
    let body = r#"{"cluster_name":"logs","status":"green","number_of_nodes":3}"#;
    probe(200, JSON, body, &[])
        .code(0)
        .stdout_has(&["[elasticsearch"]);
}

// ---------------------------------------------------------------------------------------------
// Generic fallback
// ---------------------------------------------------------------------------------------------

#[test]
fn generic_degraded_document_is_warning_naming_the_component() {
    let body = r#"{"state":"degraded","components":{
        "search":{"state":"degraded","message":"index 40s behind"},
        "db":{"state":"ok"}}}"#;
    probe(200, JSON, body, &[])
        .code(1)
        .stdout_has(&["[generic", "search", "index 40s behind"]);
}

#[test]
fn generic_healthy_document_is_ok() {
    let body = r#"{"state":"ok","components":{"search":{"state":"ok"},"db":{"state":"ok"}}}"#;
    probe(200, JSON, body, &[])
        .code(0)
        .stdout_has(&["[generic"]);
}

// ---------------------------------------------------------------------------------------------
// Detection edge cases and --health-format
// ---------------------------------------------------------------------------------------------

const HTML: &str =
    "<!DOCTYPE html><html><head><title>Welcome</title></head><body>It works</body></html>";

#[test]
fn html_page_is_ok_in_auto_mode_but_critical_when_a_format_is_forced() {
    let auto = probe(200, "text/html", HTML, &[]);
    auto.code(0);
    auto.nowhere("[spring-boot");
    probe(200, "text/html", HTML, &["--health-format", "spring-boot"])
        .code(2)
        .stdout_has(&["not a spring-boot health document", "HTML"]);
}

#[test]
fn malformed_json_with_a_json_content_type_is_critical() {
    probe(200, JSON, r#"{"status": "UP", "components": {"#, &[])
        .code(2)
        .stdout_has(&["not valid JSON"]);
}

#[test]
fn health_format_none_ignores_a_body_that_says_down() {
    let body = r#"{"status":"DOWN"}"#;
    probe(200, JSON, body, &[]).code(2);
    probe(200, JSON, body, &["--health-format", "none"]).code(0);
}

#[test]
fn unknown_health_format_is_a_usage_error_listing_the_names() {
    let port = refused_port();
    let run = run(&[
        "--health-format",
        "foo",
        &format!("http://127.0.0.1:{port}/health"),
    ]);
    run.usage_error(3, "foo");
    for name in [
        "puter",
        "health-json",
        "spring-boot",
        "microprofile",
        "aspnet-text",
        "aspnet-json",
        "kubernetes",
        "terminus",
        "dropwizard",
        "vertx",
        "hellofresh",
        "alexliesenfeld",
        "consul",
        "elasticsearch",
        "generic",
    ] {
        assert!(run.stderr.contains(name), "stderr lacks {name}\n{run:?}");
    }
}

#[test]
fn unknown_top_level_status_word_makes_the_target_unknown_with_a_hint() {
    let run = probe(200, SPRING_V3, r#"{"status":"FOO"}"#, &[]);
    run.code(3).stdout_has(&[
        "[spring-boot",
        "'FOO' at $.status is no state healthprobe knows",
        "--status-word FOO=STATE",
    ]);
    assert!(
        run.line_with("[spring-boot").starts_with("UNKNOWN"),
        "{run:?}"
    );
}

#[test]
fn unknown_component_under_an_up_document_stays_ok() {
    let body =
        r#"{"status":"UP","components":{"custom":{"status":"UNKNOWN"},"db":{"status":"UP"}}}"#;
    probe(200, SPRING_V3, body, &[])
        .code(0)
        .stdout_has(&["[spring-boot", "custom"]);
}

#[test]
fn verbose_output_names_the_health_document_format() {
    let body = r#"{"status":"UP","components":{"db":{"status":"UP"}}}"#;
    probe(200, SPRING_V3, body, &["-v"])
        .code(0)
        .stdout_has(&["health document: spring-boot (status UP)"]);
}
