//! Component rules end to end: `--ignore-component`, `--noncritical` and `--require-component`
//! (patterns, nesting, repetition, env), how many failing components are shown, and that text
//! from a component never reaches the terminal raw. Documents are Spring Boot v3 bodies served
//! with HTTP 200, so that only the document and the rules decide the verdict.

use std::time::Duration;

use crate::common::*;

const SPRING_V3: &str = "application/vnd.spring-boot.actuator.v3+json";

/// Serves a Spring document with HTTP 200 and runs healthprobe on it with `args`.
fn spring(body: &str, args: &[&str]) -> Run {
    probe(200, SPRING_V3, body, args)
}

/// DOWN because of `db`; everything else is UP.
const DB_DOWN: &str = r#"{"status":"DOWN","components":{
    "db":{"status":"DOWN","details":{"error":"Connection refused"}},
    "diskSpace":{"status":"UP"},
    "ping":{"status":"UP"}}}"#;

/// DOWN because of `db/primary`; `db` is DOWN only through its child.
const NESTED_DB_DOWN: &str = r#"{"status":"DOWN","components":{
    "db":{"status":"DOWN","components":{
        "primary":{"status":"DOWN","details":{"error":"Connection refused"}},
        "replica":{"status":"UP"}}},
    "ping":{"status":"UP"}}}"#;

/// DOWN because of two redis instances.
const REDIS_DOWN: &str = r#"{"status":"DOWN","components":{
    "redis-cache":{"status":"DOWN"},
    "redis-sessions":{"status":"DOWN"},
    "db":{"status":"UP"}}}"#;

/// DOWN because of `db` and `redis-cache`.
const DB_AND_REDIS_DOWN: &str = r#"{"status":"DOWN","components":{
    "db":{"status":"DOWN"},
    "redis-cache":{"status":"DOWN"},
    "ping":{"status":"UP"}}}"#;

#[test]
fn ignoring_the_failing_component_makes_the_document_ok() {
    spring(DB_DOWN, &[])
        .code(2)
        .stdout_has(&["component db DOWN"]);
    spring(DB_DOWN, &["--ignore-component", "db"]).code(0);
}

#[test]
fn ignoring_a_parent_ignores_its_children() {
    spring(NESTED_DB_DOWN, &[])
        .code(2)
        .stdout_has(&["db/primary"]);
    spring(NESTED_DB_DOWN, &["--ignore-component", "db"]).code(0);
    // Ignoring a healthy sibling changes nothing.
    spring(NESTED_DB_DOWN, &["--ignore-component", "db/replica"])
        .code(2)
        .stdout_has(&["db/primary"]);
}

#[test]
fn ignore_pattern_accepts_wildcards() {
    spring(REDIS_DOWN, &[]).code(2);
    spring(REDIS_DOWN, &["--ignore-component", "redis-*"]).code(0);
    // The wildcard covers only what it matches.
    let run = spring(DB_AND_REDIS_DOWN, &["--ignore-component", "redis-*"]);
    run.code(2).stdout_has(&["component db DOWN"]);
    run.nowhere("component redis-cache");
}

#[test]
fn noncritical_component_makes_critical_a_warning() {
    let run = spring(DB_DOWN, &["--noncritical", "db"]);
    run.code(1).stdout_has(&["component db DOWN"]);
    spring(DB_DOWN, &["--noncritical", "db", "-o", "nagios"])
        .code(1)
        .stdout_has(&["HEALTHPROBE WARNING", "\\_ [WARNING] db DOWN"]);
}

#[test]
fn required_component_missing_is_critical_and_named() {
    let healthy = r#"{"status":"UP","components":{"db":{"status":"UP"},"ping":{"status":"UP"}}}"#;
    spring(healthy, &[]).code(0);
    spring(healthy, &["--require-component", "cache"])
        .code(2)
        .stdout_has(&["required component 'cache' is not reported"]);
}

#[test]
fn required_component_present_is_ok() {
    let body = r#"{"status":"UP","components":{"cache":{"status":"UP"},"db":{"status":"UP"}}}"#;
    let run = spring(body, &["--require-component", "cache"]);
    run.code(0);
    run.nowhere("required component");
    // A nested component satisfies a path pattern too.
    let nested = r#"{"status":"UP","components":{"db":{"status":"UP","components":{"primary":{"status":"UP"}}}}}"#;
    spring(nested, &["--require-component", "db/primary"]).code(0);
}

#[test]
fn repeated_ignore_flags_all_apply() {
    spring(DB_AND_REDIS_DOWN, &["--ignore-component", "db"])
        .code(2)
        .stdout_has(&["redis-cache"]);
    spring(
        DB_AND_REDIS_DOWN,
        &["--ignore-component", "db", "--ignore-component", "redis-*"],
    )
    .code(0);
}

#[test]
fn ignore_env_var_is_a_comma_separated_list() {
    let server = Server::start(serve(200, SPRING_V3, DB_AND_REDIS_DOWN.as_bytes()));
    let url = server.url("/actuator/health");
    run_env(&[&url], &[("HEALTHPROBE_IGNORE_COMPONENT", "db")])
        .code(2)
        .stdout_has(&["redis-cache"]);
    run_env(
        &[&url],
        &[("HEALTHPROBE_IGNORE_COMPONENT", "db,redis-cache")],
    )
    .code(0);
}

/// A Spring document with `count` components named `check-NNN`, those in `failing` DOWN.
fn many_components(count: usize, failing: &[usize]) -> String {
    let components: Vec<String> = (0..count)
        .map(|i| {
            let status = if failing.contains(&i) { "DOWN" } else { "UP" };
            format!(r#""check-{i:03}":{{"status":"{status}"}}"#)
        })
        .collect();
    format!(
        r#"{{"status":"DOWN","components":{{{}}}}}"#,
        components.join(",")
    )
}

#[test]
fn two_hundred_components_show_only_the_failing_ones_and_a_count() {
    let body = many_components(200, &[10, 100, 150]);
    let run = spring(&body, &[]);
    run.code(2).stdout_has(&[
        "3 components failing: check-010, check-100, check-150",
        "... and 197 more components",
    ]);
    run.nowhere("check-000");
    run.nowhere("check-199");
    assert!(run.lines().len() <= 8, "too many lines\n{run:?}");
}

#[test]
fn nagios_long_output_has_one_line_per_failing_component() {
    let body = many_components(200, &[10, 100, 150]);
    let run = spring(&body, &["-o", "nagios"]);
    run.code(2);
    let component_lines: Vec<&str> = run
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("  \\_ "))
        .collect();
    assert_eq!(
        component_lines,
        [
            "  \\_ [CRITICAL] check-010 DOWN",
            "  \\_ [CRITICAL] check-100 DOWN",
            "  \\_ [CRITICAL] check-150 DOWN",
        ],
        "{run:?}"
    );
}

#[test]
fn component_names_and_reasons_never_reach_the_output_raw() {
    // A newline and terminal escapes in a component's name and in its error text.
    let body = r#"{"status":"DOWN","components":{
        "db\u001b[2J":{"status":"DOWN","details":{"error":"line one\nline two\u001b[31m red\r\nFAKE OK"}},
        "cache\nOK  injected":{"status":"DOWN"}}}"#;
    for args in [&[][..], &["-o", "nagios"], &["-v"]] {
        let run = spring(body, args);
        run.code(2);
        assert!(
            !run.stdout_bytes.contains(&0x1b) && !run.stderr_bytes.contains(&0x1b),
            "raw ESC in output\n{run:?}"
        );
        // The reason stays on one line with the component it belongs to.
        let with_reason: Vec<&str> = run
            .lines()
            .into_iter()
            .filter(|l| l.contains("line one"))
            .collect();
        assert!(!with_reason.is_empty(), "{run:?}");
        assert!(
            with_reason.iter().all(|l| l.contains("line two")),
            "{run:?}"
        );
        for line in run.stdout.lines() {
            assert!(!line.starts_with("FAKE OK"), "{run:?}");
            assert!(!line.starts_with("OK  injected"), "{run:?}");
        }
    }
}

#[test]
fn a_hundred_thousand_components_finish_quickly_with_bounded_output() {
    let components: Vec<String> = (0..100_000)
        .map(|i| format!(r#""c{i}":{{"status":"DOWN","details":{{"error":"e{i}"}}}}"#))
        .collect();
    let body = format!(
        r#"{{"status":"DOWN","components":{{{}}}}}"#,
        components.join(",")
    );
    assert!(body.len() > 4 << 20, "the body is meant to be large");
    let run = spring(&body, &["--max-body", "16MiB"]);
    run.code(2)
        .stdout_has(&["100000 components failing", "more components"]);
    assert!(
        run.elapsed < Duration::from_secs(5),
        "took {:?}\n{run:?}",
        run.elapsed
    );
    assert!(
        run.stdout.len() < 10 * 1024,
        "{} bytes of output",
        run.stdout.len()
    );
}

// ---------------------------------------------------------------------------------------------
// The rule that applied, shown in every output
// ---------------------------------------------------------------------------------------------

/// `db` down (noncritical), `cache` down (ignored), `ping` up (required).
const RULED: &str = r#"{"status":"DOWN","components":{
    "db":{"status":"DOWN","details":{"error":"Connection refused"}},
    "cache":{"status":"DOWN"},
    "ping":{"status":"UP"}}}"#;

const RULES: [&str; 6] = [
    "--noncritical",
    "db",
    "--ignore-component",
    "cache",
    "--require-component",
    "ping",
];

#[test]
fn the_tree_marks_ignored_noncritical_and_required_components() {
    let run = spring(RULED, &RULES);
    run.code(1);
    assert!(
        run.line_with("cache").contains("DOWN  [ignored]"),
        "{run:?}"
    );
    assert!(
        run.line_with("db  ")
            .contains("DOWN  [noncritical, would be CRITICAL]"),
        "{run:?}"
    );
    assert!(run.line_with("ping").contains("UP  [required]"), "{run:?}");
}

#[test]
fn json_carries_each_components_rules_and_the_state_it_would_have_had() {
    let run = spring(RULED, &[&RULES[..], &["-o", "json"]].concat());
    run.code(1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let components = report["targets"][0]["components"].as_array().unwrap();
    let by_name = |name: &str| {
        components
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {components:?}"))
    };
    let db = by_name("db");
    assert_eq!(db["noncritical"], true);
    assert_eq!(db["would_be"], "CRITICAL");
    assert_eq!(db["verdict"], "WARNING");
    let cache = by_name("cache");
    assert_eq!(cache["ignored"], true);
    assert_eq!(cache["verdict"], serde_json::Value::Null);
    let ping = by_name("ping");
    assert_eq!(ping["required"], true);
    assert_eq!(ping["ignored"], false);
    assert_eq!(ping["would_be"], serde_json::Value::Null);
}

#[test]
fn junit_lists_each_component_a_rule_applied_to() {
    let run = spring(RULED, &[&RULES[..], &["-o", "junit"]].concat());
    run.code(1).stdout_has(&[
        "component cache DOWN [ignored]",
        "component db DOWN [noncritical, would be CRITICAL]",
        "component ping UP [required]",
    ]);
}

// ---------------------------------------------------------------------------------------------
// The rules reach the status code
// ---------------------------------------------------------------------------------------------

#[test]
fn a_503_given_for_a_noncritical_component_is_a_warning_that_names_it() {
    let run = probe(503, SPRING_V3, DB_DOWN, &["--noncritical", "db"]);
    run.code(1).stdout_has(&[
        "HTTP 503 Service Unavailable, given for noncritical db",
        "[noncritical, would be CRITICAL]",
    ]);
    // Without the rule the same answer is CRITICAL.
    probe(503, SPRING_V3, DB_DOWN, &[]).code(2);
}

#[test]
fn a_503_given_only_for_ignored_components_is_ok() {
    let run = probe(503, SPRING_V3, DB_DOWN, &["--ignore-component", "db"]);
    run.code(0)
        .stdout_has(&["HTTP 503 Service Unavailable, given for ignored db"]);
}

#[test]
fn a_503_that_an_unmarked_failure_explains_stays_critical() {
    let run = probe(503, SPRING_V3, DB_AND_REDIS_DOWN, &["--noncritical", "db"]);
    run.code(2)
        .stdout_has(&["HTTP 503 Service Unavailable, expected"]);
}

#[test]
fn a_503_that_the_document_does_not_explain_stays_critical() {
    // Every component is up: nothing the user ruled on explains the 503.
    let body = r#"{"status":"UP","components":{"db":{"status":"UP"}}}"#;
    probe(503, SPRING_V3, body, &["--noncritical", "db"])
        .code(2)
        .stdout_has(&["HTTP 503 Service Unavailable, expected"]);
    // A document whose own status is worse than its marked components stays CRITICAL too.
    let body = r#"{"status":"DOWN","components":{"db":{"status":"UNKNOWN"}}}"#;
    probe(503, SPRING_V3, body, &["--ignore-component", "db"]).code(2);
}

// ---------------------------------------------------------------------------------------------
// Reported but not running
// ---------------------------------------------------------------------------------------------

#[test]
fn null_and_empty_states_show_as_not_running_and_do_not_fail() {
    let body = r#"{"status":"pass","checks":{"db":null,"cache":[{"status":"pass"}]}}"#;
    let run = probe(200, "application/health+json", body, &[]);
    run.code(0);
    assert!(run.line_with("db").contains("not running"), "{run:?}");
    let body = r#"{"status":"ok","dependencies":{"db":{},"queue":null,"cache":"ok"}}"#;
    let run = probe(200, JSON, body, &[]);
    run.code(0);
    assert!(run.line_with("db").contains("not running"), "{run:?}");
    assert!(run.line_with("queue").contains("not running"), "{run:?}");
}

#[test]
fn a_required_component_tells_absent_from_present_but_not_running() {
    let body = r#"{"status":"ok","dependencies":{"db":null,"cache":"ok","queue":"ok"}}"#;
    probe(200, JSON, body, &["--require-component", "db"])
        .code(2)
        .stdout_has(&["required component 'db' is reported but not running"]);
    probe(200, JSON, body, &["--require-component", "search"])
        .code(2)
        .stdout_has(&[
            "required component 'search' is not reported: the generic document lists db, cache, queue",
        ]);
}

#[test]
fn components_keep_document_order_in_every_output() {
    let body = r#"{"status":"DOWN","components":{
        "zeta":{"status":"DOWN"},"alpha":{"status":"UP"},"mid":{"status":"DOWN"}}}"#;
    type Line = fn(&str) -> String;
    let formats: [(&str, Line); 3] = [
        ("human", |name| format!("          {name} ")),
        ("json", |name| format!("\"name\": \"{name}\"")),
        ("prometheus", |name| format!("component=\"{name}\"")),
    ];
    for (format, line) in formats {
        let run = spring(body, &["-o", format]);
        run.code(2);
        let at = |name: &str| {
            run.stdout
                .find(&line(name))
                .unwrap_or_else(|| panic!("{format}: {name}: {run:?}"))
        };
        assert!(
            at("zeta") < at("alpha") && at("alpha") < at("mid"),
            "{format}: {run:?}"
        );
    }
}
