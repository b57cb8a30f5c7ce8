//! The user's rules end to end: `--metric` (a number judged with Nagios ranges and emitted as
//! perfdata), `--assert` / `--assert-warn`, `--expect-header` and `--expect-body`, each through
//! the real binary against a loopback server, with the usage errors that bad rules give.

use crate::common::*;

/// An IETF health+json body with a numeric reading, a version, a status and a list.
const BODY: &str = r#"{
    "status": "pass",
    "version": "2.4.1",
    "checks": {
        "db:responseTime": [{"observedValue": 42, "observedUnit": "ms", "status": "pass"}],
        "disk:utilization": [{"observedValue": 71.5, "observedUnit": "%", "status": "pass"}]
    },
    "queue": {"depth": 12, "consumers": 0, "name": "jobs"},
    "replicas": [{"ok": true}, {"ok": true}]
}"#;

const DB_MS: &str = r#"$.checks["db:responseTime"][0].observedValue"#;

fn metric(rule: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--metric", rule];
    args.extend_from_slice(extra);
    probe(200, JSON, BODY, &args)
}

/// The perfdata part of the Nagios line one.
fn perfdata(run: &Run) -> String {
    let first = run.lines()[0];
    first
        .split_once(" | ")
        .map(|(_, p)| p.to_string())
        .unwrap_or_else(|| panic!("no perfdata\n{run:?}"))
}

// ---------------------------------------------------------------------------------------------
// --metric
// ---------------------------------------------------------------------------------------------

#[test]
fn metric_within_its_ranges_is_ok_and_becomes_perfdata_with_its_unit() {
    let rule = format!("db_ms={DB_MS};100;500;ms");
    let run = metric(&rule, &["-o", "nagios"]);
    run.code(0);
    assert!(
        perfdata(&run).contains("db_ms=42ms;100;500"),
        "{}",
        perfdata(&run)
    );
}

#[test]
fn metric_past_warning_is_warning_and_past_critical_is_critical() {
    metric(&format!("db_ms={DB_MS};40;500;ms"), &[])
        .code(1)
        .stdout_has(&["db_ms 42ms above the warning threshold 40"]);
    metric(&format!("db_ms={DB_MS};10;40;ms"), &[])
        .code(2)
        .stdout_has(&["db_ms 42ms above the critical threshold 40"]);
}

/// Every range form of the Nagios guidelines, judged through `--metric` on the value 42 and on
/// its boundaries: (critical range, value path, expected exit code).
#[test]
fn every_nagios_range_form_is_judged_as_the_guidelines_say() {
    let cases: &[(&str, &str, i32)] = &[
        // `N` alerts outside 0..N, ends inclusive.
        ("50", DB_MS, 0),
        ("42", DB_MS, 0),
        ("41.9", DB_MS, 2),
        ("10", "$.queue.consumers", 0),
        // `N:` alerts below N.
        ("42:", DB_MS, 0),
        ("43:", DB_MS, 2),
        // `~:N` alerts above N, minus infinity below.
        ("~:42", DB_MS, 0),
        ("~:41", DB_MS, 2),
        // `A:B` alerts outside A..B.
        ("40:50", DB_MS, 0),
        ("43:50", DB_MS, 2),
        ("0:41", DB_MS, 2),
        // `@A:B` alerts inside A..B, ends inclusive.
        ("@40:50", DB_MS, 2),
        ("@42:50", DB_MS, 2),
        ("@43:50", DB_MS, 0),
        ("@0:41", DB_MS, 0),
        // `@N` alerts inside 0..N.
        ("@42", DB_MS, 2),
        ("@10", DB_MS, 0),
    ];
    for (range, path, code) in cases {
        let rule = format!("m={path};;{range}");
        let run = metric(&rule, &["-o", "nagios"]);
        assert_eq!(run.code, *code, "range {range} on {path}\n{run:?}");
    }
}

#[test]
fn warning_and_critical_ranges_follow_the_reference_table_critical_first() {
    // nagios.md 1.7: warn 10:25, crit ~:25 -> 9.999999 WARN, 10..25 OK, 25.01 CRIT; here on 12.
    metric("q=$.queue.depth;10:25;~:25", &[]).code(0);
    metric("q=$.queue.depth;13:25;~:25", &[]).code(1);
    metric("q=$.queue.depth;13:25;~:11", &[]).code(2);
    // warn @10:25, crit 10: -> inside 10..25 is WARNING, below 10 CRITICAL.
    metric("q=$.queue.depth;@10:25;10:", &[]).code(1);
    metric("q=$.queue.consumers;@10:25;10:", &[]).code(2);
}

#[test]
fn metric_without_thresholds_is_recorded_only() {
    let run = metric(
        "disk=$.checks['disk:utilization'][0].observedValue;;;%",
        &["-o", "nagios"],
    );
    run.code(0);
    assert!(
        perfdata(&run).contains("disk=71.5%;;"),
        "{}",
        perfdata(&run)
    );
}

#[test]
fn metric_path_matching_nothing_is_critical_with_u_perfdata() {
    let run = metric("lag=$.replication.lag;1;5;s", &["-o", "nagios"]);
    run.code(2)
        .stdout_has(&["lag: $.replication.lag matched nothing"]);
    assert!(perfdata(&run).contains("lag=U;1;5"), "{}", perfdata(&run));
}

#[test]
fn metric_path_matching_several_values_is_critical_saying_how_many() {
    metric("r=$.replicas[*].ok;1;2", &[])
        .code(2)
        .stdout_has(&["matched 2 values, not one"]);
}

#[test]
fn metric_on_a_string_is_critical_saying_it_is_not_a_number() {
    metric("v=$.version;1;2", &[])
        .code(2)
        .stdout_has(&["$.version is a string, not a number", "\"2.4.1\""]);
}

#[test]
fn metric_on_a_body_that_is_not_json_is_critical_with_u_perfdata() {
    let run = probe(
        200,
        "text/plain",
        "ok",
        &["--metric", "x=$.a;1;2", "-o", "nagios"],
    );
    run.code(2).stdout_has(&["the body is not JSON"]);
    assert!(perfdata(&run).contains("x=U;1;2"), "{}", perfdata(&run));
}

#[test]
fn metric_on_a_refused_connection_keeps_its_u_perfdata_and_blames_the_connection() {
    let url = format!("http://127.0.0.1:{}/health", refused_port());
    let run = run(&["--metric", "x=$.a;1;2", "-o", "nagios", &url]);
    run.code(2).stdout_has(&["connection refused"]);
    assert!(perfdata(&run).contains("x=U;1;2"), "{}", perfdata(&run));
    // The summary names the cause, not every rule that could not be judged.
    assert!(!run.lines()[0].contains("cannot apply"), "{run:?}");
}

#[test]
fn metric_perfdata_is_prefixed_by_the_target_with_several_targets() {
    let server = Server::start(serve(200, JSON, BODY.as_bytes()));
    let (a, b) = (server.url("/a"), server.url("/b"));
    let run = run(&["--metric", "q=$.queue.depth;20;30", "-o", "nagios", &a, &b]);
    run.code(0);
    let perfdata = perfdata(&run);
    let name = |path: &str| format!("'{}{path} q'=12;20;30", server.authority());
    assert!(perfdata.contains(&name("/a")), "{perfdata}");
    assert!(perfdata.contains(&name("/b")), "{perfdata}");
}

#[test]
fn metric_from_the_environment_takes_one_rule_per_line() {
    let server = Server::start(serve(200, JSON, BODY.as_bytes()));
    let run = run_env(
        &["-o", "nagios", &server.url("/")],
        &[(
            "HEALTHPROBE_METRIC",
            "q=$.queue.depth;20;30\nc=$.queue.consumers;;1:",
        )],
    );
    run.code(2)
        .stdout_has(&["c 0 below the critical threshold 1"]);
    assert!(perfdata(&run).contains("q=12;20;30"), "{}", perfdata(&run));
}

#[test]
fn bad_metric_rules_are_usage_errors_naming_the_bad_part() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    for (rule, needle) in [
        ("$.a;1;2", "missing label"),
        ("x=", "missing JSONPath"),
        ("x=$.a[;1;2", "unclosed bracket"),
        ("x=a.b;1;2", "bad JSONPath 'a.b'"),
        ("x=$.a;2:1;5", "warning threshold"),
        ("x=$.a;1;ten", "critical threshold"),
        ("x=$.a;1;2;parsecs", "unknown unit 'parsecs'"),
        ("x=$.a;1;2;s;extra", "too many ';' fields"),
    ] {
        run(&["--metric", rule, &url]).usage_error(3, needle);
    }
}

#[test]
fn deeply_nested_filters_are_refused_at_once_instead_of_hanging() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    let path = format!("$[?{}@.a{}]", "@[?".repeat(20), "]".repeat(20));
    let run = run(&["--metric", &format!("x={path};1;2"), &url]);
    run.usage_error(3, "nests");
    assert!(run.elapsed.as_secs() < 5, "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// --assert and --assert-warn
// ---------------------------------------------------------------------------------------------

fn assert_rule(flag: &str, rule: &str) -> Run {
    probe(200, JSON, BODY, &[flag, rule])
}

#[test]
fn assertions_that_hold_are_ok() {
    for rule in [
        r#"$.status == "pass""#,
        "$.status == pass",
        "$.queue.depth == 12.0",
        "$.queue.depth >= 12",
        "$.queue.depth < 13",
        "$.queue.name != other",
        r"$.version =~ ^2\.4\.",
        "$.queue exists",
        "$.maintenance !exists",
        "$.replicas[?@.ok == false] !exists",
        "$.replicas[*].ok exists",
    ] {
        let run = assert_rule("--assert", rule);
        assert_eq!(run.code, 0, "{rule}\n{run:?}");
    }
}

#[test]
fn jsonpath_match_covers_the_whole_string_and_search_any_part() {
    for (rule, code) in [
        ("$.queue[?match(@, 'jo.*')] exists", 0),
        ("$.queue[?match(@, 'jo')] exists", 2),
        ("$.queue[?search(@, 'ob')] exists", 0),
        ("$.queue[?search(@, '^ob')] exists", 2),
    ] {
        let run = assert_rule("--assert", rule);
        assert_eq!(run.code, code, "{rule}\n{run:?}");
    }
}

#[test]
fn failing_assertion_is_critical_showing_path_expected_and_actual() {
    assert_rule("--assert", r#"$.status == "fail""#)
        .code(2)
        .stdout_has(&[r#"$.status == "fail" failed: actual "pass""#]);
    assert_rule("--assert", "$.queue.consumers >= 1")
        .code(2)
        .stdout_has(&["$.queue.consumers >= 1 failed: actual 0"]);
}

#[test]
fn failing_assert_warn_is_warning() {
    assert_rule("--assert-warn", "$.queue.consumers > 0")
        .code(1)
        .stdout_has(&["$.queue.consumers > 0 failed: actual 0"]);
}

#[test]
fn assert_and_assert_warn_combine_worst_first() {
    let run = probe(
        200,
        JSON,
        BODY,
        &[
            "--assert-warn",
            "$.queue.consumers > 0",
            "--assert",
            "$.maintenance exists",
        ],
    );
    run.code(2).stdout_has(&[
        "$.maintenance exists failed",
        "$.queue.consumers > 0 failed",
    ]);
}

#[test]
fn assertion_on_a_missing_path_fails_saying_it_matched_nothing() {
    assert_rule("--assert", "$.nope == 1")
        .code(2)
        .stdout_has(&["$.nope == 1 failed: the path matched nothing"]);
}

#[test]
fn verbose_output_shows_passing_assertions_with_their_actual_value() {
    let run = probe(200, JSON, BODY, &["--assert", "$.queue.depth == 12", "-v"]);
    run.code(0)
        .stdout_has(&["check assertion: OK: $.queue.depth == 12 passed: actual 12"]);
}

#[test]
fn bad_assertions_are_usage_errors_naming_the_bad_part() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    for (flag, rule, needle) in [
        ("--assert", "$.status", "no operator"),
        ("--assert", "== 3", "missing JSONPath"),
        ("--assert", "$.a ==", "missing value"),
        ("--assert", "$.a =~ (", "bad regex"),
        ("--assert", "$.a < UP", "needs a number"),
        ("--assert", r#"$.a == "UP"#, "not valid JSON"),
        ("--assert", "$.a exists now", "unexpected 'now'"),
        ("--assert-warn", "status == UP", "--assert-warn"),
    ] {
        run(&[flag, rule, &url]).usage_error(3, needle);
    }
}

#[test]
fn rule_values_sent_by_the_server_never_reach_the_output_raw() {
    let body = r#"{"status":"line one\nFAKE OK\u001b[2J"}"#;
    for args in [
        &["--assert", "$.status == pass"][..],
        &["-o", "nagios", "--assert", "$.status == pass"],
    ] {
        let run = probe(200, JSON, body, args);
        run.code(2);
        assert!(!run.stdout_bytes.contains(&0x1b), "raw ESC\n{run:?}");
        assert!(
            run.stdout.lines().all(|l| !l.starts_with("FAKE OK")),
            "{run:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// --expect-header and --expect-body
// ---------------------------------------------------------------------------------------------

#[test]
fn expected_header_present_and_matching_is_ok() {
    let server = Server::start(with_headers(200, &[("X-Build", "2026.11.3")]));
    run(&["--expect-header", r"x-build: ^2026\.", &server.url("/")]).code(0);
}

#[test]
fn expected_header_missing_or_different_is_critical_naming_it() {
    let server = Server::start(with_headers(200, &[("X-Build", "2025.01.1")]));
    run(&["--expect-header", r"X-Build: ^2026\.", &server.url("/")])
        .code(2)
        .stdout_has(&["header x-build is '2025.01.1', expected x-build: ^2026\\."]);
    run(&["--expect-header", "X-Region: eu", &server.url("/")])
        .code(2)
        .stdout_has(&["header x-region is missing"]);
}

#[test]
fn a_sensitive_header_never_shows_its_value_in_a_header_rule() {
    let server = Server::start(with_headers(200, &[("Set-Cookie", "session=s3cr3t-value")]));
    for args in [
        &["--expect-header", "set-cookie: ^other"][..],
        &["-v", "--expect-header", "set-cookie: session"],
    ] {
        let mut args = args.to_vec();
        let url = server.url("/");
        args.push(&url);
        let run = run(&args);
        run.nowhere("s3cr3t");
    }
}

#[test]
fn expected_body_on_a_plain_text_endpoint() {
    probe(
        200,
        "text/plain",
        "[+]ping ok\nlivez check passed",
        &["--expect-body", "check passed$"],
    )
    .code(0);
    probe(
        200,
        "text/plain",
        "degraded: replica lag",
        &["--expect-body", "^ok"],
    )
    .code(2)
    .stdout_has(&["body does not match ^ok (it starts 'degraded: replica lag')"]);
}

#[test]
fn bad_header_and_body_rules_are_usage_errors() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    run(&["--expect-header", "no colon here", &url]).usage_error(3, "no ':'");
    run(&["--expect-header", "bad name: x", &url]).usage_error(3, "is not a header name");
    run(&["--expect-header", "x: (", &url]).usage_error(3, "bad regex");
    run(&["--expect-body", "[a-", &url]).usage_error(3, "invalid --expect-body");
}

#[test]
fn rule_paths_that_match_nothing_say_what_the_body_holds() {
    let body = r#"{"status":"ok","stats":{"db_ms":3}}"#;
    probe(200, JSON, body, &["--metric", "db=$.db_ms;100;500"])
        .code(2)
        .stdout_has(&[
            "db: $.db_ms matched nothing in the body (its top-level keys are status, stats)",
            "--explain shows the document",
        ]);
    probe(200, JSON, body, &["--assert", "$.queue exists"])
        .code(2)
        .stdout_has(&[
            "the path matched nothing in the body (its top-level keys are status, stats)",
        ]);
}

#[test]
fn status_and_component_paths_that_match_nothing_say_what_the_body_holds() {
    let body = r#"{"state":"ok","deps":{"db":"ok"}}"#;
    probe(200, JSON, body, &["--status-path", "$.status"])
        .code(2)
        .stdout_has(&[
            "--status-path $.status matched nothing (its top-level keys are state, deps); \
             --explain shows how the body reads",
        ]);
    probe(200, JSON, body, &["--component-path", "$.checks.*"])
        .code(2)
        .stdout_has(&[
            "--component-path $.checks.* matched nothing (its top-level keys are state, deps)",
        ]);
    // A path to an empty list is no components, not a mistake.
    probe(
        200,
        JSON,
        r#"{"status":"ok","checks":[]}"#,
        &["--component-path", "$.checks[*]"],
    )
    .code(0);
}

/// 120 levels of nesting (serde_json reads at most 128), 200 leaves at each: 24,000 nodes and
/// about 1.45 million (ancestor, descendant) pairs.
fn deep_and_wide_document() -> String {
    let mut doc = String::from("1");
    for _ in 0..120 {
        doc = format!("{{\"y\":[{}],\"x\":{doc}}}", vec!["1"; 200].join(","));
    }
    doc
}

#[test]
fn a_rule_whose_cost_the_server_would_choose_is_unknown_at_once_naming_the_rule() {
    let body = deep_and_wide_document();
    let started = std::time::Instant::now();
    let run = probe(
        200,
        JSON,
        &body,
        &[
            "--assert",
            "$..*..* exists",
            "--metric",
            "n=$..*..*..x;1;2",
            "--deadline",
            "5s",
        ],
    );
    let took = started.elapsed();
    run.code(3).stdout_has(&[
        "$..*..* exists not evaluated: it could visit",
        "over the cap of 1000000",
        "n: $..*..*..x not evaluated",
    ]);
    assert!(took < std::time::Duration::from_secs(3), "{took:?}");
    // And memory stays that of the document (before the cap: 413 MB for `$..*..*` over 800 KB).
    let server = crate::common::Server::start(crate::common::serve(200, JSON, body.as_bytes()));
    let url = server.url("/health");
    let (rss, code, _) = crate::common::peak_rss(&["--assert", "$..*..* exists", &url]);
    assert_eq!(code, 3);
    assert!(rss < 100 << 20, "peak {rss} B");
    // One descendant segment costs at most the document: judged as usual.
    probe(200, JSON, &body, &["--assert", "$..x exists"]).code(0);
}
