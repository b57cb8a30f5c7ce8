//! The generic reader on the shapes real services use.

use crate::health::testing::json;
use crate::health::{Format, FormatChoice, Health, Interpretation, interpret};

#[test]
fn status_word_components_and_version() {
    let doc = json(
        200,
        r#"{"state":"Healthy","build":{"version":"5.0.2","commit":"abc"},
        "system":{"version":"go1.1"},
        "dependencies":{"primary":{"healthy":false,"error":"timeout\nafter 2s","checkedAt":"2034-04-04T04:04:04Z"},
                        "replicas":[{"name":"r1","state":"degraded"},{"state":"ok"}]}}"#,
    );
    assert_eq!((doc.format, doc.health), (Format::Generic, Health::Ok));
    assert_eq!(doc.raw_status.as_deref(), Some("Healthy"));
    assert_eq!(doc.version.as_deref(), Some("5.0.2"));
    let found: Vec<_> = doc
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.health, c.raw_status.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("primary", Health::Critical, "healthy false"),
            ("r1", Health::Warning, "degraded"),
            ("replicas[1]", Health::Ok, "ok")
        ]
    );
    assert_eq!(
        doc.components[0].reason.as_deref(),
        Some("timeout after 2s")
    );
    assert_eq!(
        doc.components[0].since.as_deref(),
        Some("2034-04-04T04:04:04Z")
    );
}

#[test]
fn etcd_health() {
    let doc = json(200, r#"{"health":"true","reason":""}"#);
    assert_eq!((doc.format, doc.health), (Format::Generic, Health::Ok));
    let doc = interpret(
        None,
        503,
        br#"{"health":"false","reason":"RAFT NO LEADER"}"#,
        FormatChoice::Auto,
    );
    let Interpretation::Doc(doc) = doc else {
        panic!()
    };
    assert_eq!(doc.health, Health::Critical);
    assert_eq!(doc.reason.as_deref(), Some("RAFT NO LEADER"));
}

#[test]
fn root_without_status_takes_the_worst_component() {
    let doc = json(
        200,
        r#"{"services":{"a":{"status":"up"},"b":{"status":"warning"},"c":{"status":"whatever"}}}"#,
    );
    assert_eq!(
        (doc.format, doc.health, doc.raw_status),
        (Format::Generic, Health::Warning, None)
    );
    let doc = interpret(
        None,
        200,
        br#"[{"name":"x","status":"ok"},{"name":"y","status":"down"}]"#,
        FormatChoice::Auto,
    );
    let Interpretation::Doc(doc) = doc else {
        panic!()
    };
    assert_eq!(
        (doc.format, doc.health),
        (Format::Generic, Health::Critical)
    );
    assert_eq!(doc.components[1].name, "y");
}

#[test]
fn nested_children() {
    let doc = json(
        200,
        r#"{"status":"ok","deps":{"db":{"status":"ok","replicas":{"r1":{"status":"fail"}}}}}"#,
    );
    assert_eq!(doc.components.len(), 1);
    assert_eq!(doc.components[0].children.len(), 1);
    assert_eq!(doc.components[0].children[0].health, Health::Critical);
}

#[test]
fn read_only_and_maintenance_flags() {
    let doc = json(200, r#"{"status":"ok","read_only":true}"#);
    assert_eq!(doc.maintenance.as_deref(), Some("read-only"));
    let doc = interpret(
        None,
        200,
        br#"{"status":"ok","maintenance":false}"#,
        FormatChoice::Auto,
    );
    let Interpretation::Doc(doc) = doc else {
        panic!()
    };
    assert_eq!(doc.maintenance, None);
    let doc = interpret(
        None,
        503,
        br#"{"status":"maintenance"}"#,
        FormatChoice::Auto,
    );
    let Interpretation::Doc(doc) = doc else {
        panic!()
    };
    assert_eq!(
        (doc.health, doc.maintenance.as_deref()),
        (Health::Maintenance, Some("maintenance"))
    );
}

#[test]
fn single_words_in_plain_text() {
    for (body, health) in [
        ("UP", Health::Ok),
        ("SERVING", Health::Ok),
        ("down", Health::Critical),
        ("pass", Health::Ok),
    ] {
        let out = interpret(Some("text/plain"), 200, body.as_bytes(), FormatChoice::Auto);
        let Interpretation::Doc(doc) = out else {
            panic!("{out:?}")
        };
        assert_eq!(
            (doc.format, doc.health),
            (Format::Generic, health),
            "{body}"
        );
    }
    let out = interpret(
        Some("text/plain"),
        200,
        b"Welcome to the payments service",
        FormatChoice::Auto,
    );
    assert!(matches!(out, Interpretation::Unrecognised(_)), "{out:?}");
    let out = interpret(
        Some("text/plain"),
        200,
        b"Prometheus Server is Healthy.",
        FormatChoice::Auto,
    );
    assert!(
        matches!(out, Interpretation::Doc(ref doc) if doc.health == Health::Ok),
        "a short sentence says its state: {out:?}"
    );
}

#[test]
fn a_plain_text_reason_stays_on_one_line() {
    // Found by the `health` fuzz target: the text after `warn:` became the reason as it was,
    // carriage return and all.
    for (body, choice) in [
        (&b"warn: disk\rfull"[..], FormatChoice::Auto),
        (
            &b"warn:r\xff\xff\xff\xff\xff\xff\xff\r\xffJ"[..],
            FormatChoice::Forced(Format::Generic),
        ),
    ] {
        let out = interpret(Some("text/plain"), 200, body, choice);
        let Interpretation::Doc(doc) = out else {
            panic!("{out:?}")
        };
        assert_eq!(doc.health, Health::Warning);
        let reason = doc.reason.unwrap_or_default();
        assert!(!reason.contains(['\r', '\n']), "{reason:?}");
        assert!(
            reason.starts_with('r') || reason == "disk full",
            "{reason:?}"
        );
    }
}

#[test]
fn no_status_anywhere() {
    let out = interpret(
        Some("application/json"),
        200,
        br#"{"uptime":12,"nested":{"x":[1,2,{"y":null}]}}"#,
        FormatChoice::Auto,
    );
    assert_eq!(
        out,
        Interpretation::Unrecognised("JSON object without a status field".into())
    );
}

/// `(path, health, raw)` of every part, depth first, for compact assertions.
fn parts(doc: &crate::health::HealthDoc) -> Vec<(String, Health, String)> {
    fn walk(
        list: &[crate::health::Component],
        prefix: &str,
        out: &mut Vec<(String, Health, String)>,
    ) {
        for c in list {
            let path = if prefix.is_empty() {
                c.name.clone()
            } else {
                format!("{prefix}/{}", c.name)
            };
            out.push((path.clone(), c.health, c.raw_status.clone()));
            walk(&c.children, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&doc.components, "", &mut out);
    out
}

fn part<'a>(doc: &'a crate::health::HealthDoc, name: &str) -> &'a crate::health::Component {
    doc.components
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no part {name} in {:?}", parts(doc)))
}

#[test]
fn a_flat_map_of_names_to_words_and_error_texts() {
    let doc = json(
        503,
        r#"{"database":"ok","search":"dial tcp 10.0.0.3:9200: connect: connection refused","cache":"working"}"#,
    );
    assert_eq!(doc.health, Health::Critical);
    assert_eq!(part(&doc, "database").health, Health::Ok);
    assert_eq!(part(&doc, "cache").health, Health::Ok);
    let search = part(&doc, "search");
    assert_eq!(search.health, Health::Critical);
    assert_eq!(search.origin.path, "$.search");
    // A registry that lists only its failing checks: `{}` when healthy has no health field.
    let out = interpret(Some("application/json"), 200, b"{}", FormatChoice::Auto);
    assert!(
        matches!(out, Interpretation::Unrecognised(ref why) if why.contains("empty JSON object")),
        "{out:?}"
    );
}

#[test]
fn suffixed_keys_and_one_part_arrays() {
    let doc = json(
        200,
        r#"{"status":"ok","database_status":"OK","db_check":[{"status":"ok"}],
            "gitaly_check":[{"status":"ok"},{"status":"failed","message":"unreachable"}]}"#,
    );
    assert_eq!(part(&doc, "database_status").health, Health::Ok);
    assert_eq!(part(&doc, "db_check").health, Health::Ok);
    assert_eq!(part(&doc, "db_check").origin.path, "$.db_check[0].status");
    let gitaly = part(&doc, "gitaly_check");
    assert_eq!(gitaly.health, Health::Critical);
    assert_eq!(gitaly.children[1].name, "gitaly_check[1]");
    assert_eq!(gitaly.children[1].reason.as_deref(), Some("unreachable"));
}

#[test]
fn maps_of_names_to_booleans_take_their_flags_meaning() {
    let doc = json(200, r#"{"healthy":{"workers":false,"queue":true}}"#);
    assert_eq!(
        parts(&doc),
        [
            ("workers".to_string(), Health::Critical, "false".to_string()),
            ("queue".to_string(), Health::Ok, "true".to_string())
        ]
    );
    let doc = json(200, r#"{"status":"ok","failed":{"db":true,"cache":false}}"#);
    assert_eq!(part(&doc, "db").health, Health::Critical);
    assert_eq!(part(&doc, "cache").health, Health::Ok);
}

#[test]
fn arrays_of_check_objects_named_by_any_name_like_key() {
    for (body, name, health) in [
        (
            r#"{"results":[{"checker":"redis","passed":false}]}"#,
            "redis",
            Health::Critical,
        ),
        (
            r#"{"items":[{"id":"n2","state":"PAUSED"}]}"#,
            "n2",
            Health::Warning,
        ),
        (
            r#"{"list":[{"component":"db","healthy":"false"}]}"#,
            "db",
            Health::Critical,
        ),
        (r#"{"nodes":[{"name":"a","status":"up"}]}"#, "a", Health::Ok),
        (
            r#"{"peers":[{"host":"b:80","status":"unhealthy"}]}"#,
            "b:80",
            Health::Critical,
        ),
    ] {
        let doc = json(200, body);
        assert_eq!(part(&doc, name).health, health, "{body}");
    }
    // Names that repeat are told apart by another field.
    let doc = json(
        200,
        r#"[{"instance":"alpha","address":"a-0:7080","status":"healthy"},
            {"instance":"alpha","address":"a-1:7080","status":"unhealthy"}]"#,
    );
    assert_eq!(part(&doc, "alpha/a-1:7080").health, Health::Critical);
}

#[test]
fn flags_of_every_kind_on_any_object() {
    for (body, health) in [
        (r#"{"ok":false}"#, Health::Critical),
        (r#"{"ok":1}"#, Health::Ok),
        (r#"{"alive":"true"}"#, Health::Ok),
        (r#"{"reachable":false}"#, Health::Critical),
        (r#"{"connected":true,"sealed":true}"#, Health::Critical),
        (r#"{"degraded":true}"#, Health::Warning),
        (r#"{"degraded":false}"#, Health::Ok),
        (r#"{"starting":true}"#, Health::Warning),
        (r#"{"is_ready":false}"#, Health::Critical),
        (r#"{"maintenance_mode":true}"#, Health::Maintenance),
        (r#"{"draining":"true"}"#, Health::Maintenance),
    ] {
        assert_eq!(json(200, body).health, health, "{body}");
    }
    let doc = json(200, r#"{"publish_ready":false}"#);
    assert_eq!(part(&doc, "publish_ready").health, Health::Critical);
    assert_eq!(
        json(200, r#"{"readOnly":true}"#).maintenance.as_deref(),
        Some("read-only")
    );
}

#[test]
fn other_state_keys_and_state_objects() {
    for (body, health) in [
        (r#"{"level":"degraded"}"#, Health::Warning),
        (r#"{"health":"HEALTH_ERR"}"#, Health::Critical),
        (r#"{"condition":"Ready"}"#, Health::Ok),
        (r#"{"outcome":"fail"}"#, Health::Critical),
        (r#"{"result":"success"}"#, Health::Ok),
        (
            r#"{"status":{"overall":{"level":"available"}}}"#,
            Health::Ok,
        ),
        (r#"{"status":{"code":"DOWN"}}"#, Health::Critical),
        (r#"{"status":"Server available"}"#, Health::Ok),
        (r#"{"status":"Unavailable: disk full"}"#, Health::Critical),
    ] {
        assert_eq!(json(200, body).health, health, "{body}");
    }
    let doc = json(
        200,
        r#"{"status":{"overall":{"level":"available"},"core":{"es":{"level":"degraded"}}}}"#,
    );
    assert_eq!(parts(&doc)[0].0, "core");
    assert_eq!(
        parts(&doc)[1],
        ("core/es".into(), Health::Warning, "degraded".into())
    );
}

#[test]
fn null_states_are_parts_that_did_not_run() {
    let doc = json(
        200,
        r#"{"status":"ok","checks":{"backup":{"status":null},"db":null}}"#,
    );
    assert_eq!(part(&doc, "backup").health, Health::Unknown);
    assert_eq!(part(&doc, "db").health, Health::Unknown);
    assert_eq!(doc.health, Health::Ok);
}

#[test]
fn lists_of_trouble_and_of_health() {
    let doc = json(
        200,
        r#"{"Healthy":["a"],"Unhealthy":["b"],"warnings":["c"]}"#,
    );
    assert_eq!(
        parts(&doc)
            .into_iter()
            .map(|(p, h, _)| (p, h))
            .collect::<Vec<_>>(),
        [
            ("a".to_string(), Health::Ok),
            ("b".to_string(), Health::Critical),
            ("c".to_string(), Health::Warning)
        ]
    );
    let doc = json(
        200,
        r#"{"status":"ok","errors":{"database":"no route to host"}}"#,
    );
    assert_eq!(part(&doc, "database").health, Health::Critical);
    let doc = json(200, r#"{"nodes_down":[3,5],"is_healthy":false}"#);
    assert_eq!(part(&doc, "nodes_down").reason.as_deref(), Some("3, 5"));
    assert_eq!(
        json(200, r#"{"problems":[],"version":"1"}"#).health,
        Health::Ok
    );
}

#[test]
fn error_fields_fail_an_object_that_states_nothing_else() {
    let doc = json(
        200,
        r#"{"checks":{"kafka":{"error":{"message":"broker down"}}}}"#,
    );
    assert_eq!(part(&doc, "kafka").health, Health::Critical);
    assert_eq!(part(&doc, "kafka").raw_status, "broker down");
    let doc = json(200, r#"{"checks":{"kafka":{"error":"didn't run yet"}}}"#);
    assert_eq!(part(&doc, "kafka").health, Health::Unknown);
    let doc = json(200, r#"{"checks":{"kafka":{"status":"ok","error":""}}}"#);
    assert_eq!(part(&doc, "kafka").health, Health::Ok);
}

#[test]
fn data_makes_no_verdict_and_no_part() {
    let doc = json(
        200,
        r#"{"status":"OK","responseHeader":{"status":0,"QTime":2},"status_code":200,
            "uptime":"3.2h","memory":{"heap":1024},"started_at":"2034-01-01T00:00:00Z",
            "hostname":"web-1","counters":[1,2,3]}"#,
    );
    assert_eq!(doc.health, Health::Ok);
    assert!(doc.components.is_empty(), "{:?}", parts(&doc));
    let aside: Vec<&str> = doc
        .explanation
        .aside
        .iter()
        .map(|a| a.path.as_str())
        .collect();
    for path in [
        "$.responseHeader.status",
        "$.status_code",
        "$.memory",
        "$.counters",
    ] {
        assert!(aside.contains(&path), "{path} not in {aside:?}");
    }
}

#[test]
fn words_no_vocabulary_knows_are_unrecognised_and_never_ok() {
    let doc = json(200, r#"{"status":"ok","checks":{"db":"sparkly"}}"#);
    assert_eq!(part(&doc, "db").health, Health::Unrecognised);
    assert_eq!(
        json(200, r#"{"status":"fabulous"}"#).health,
        Health::Unrecognised
    );
    // In a container, a text that is data (a time, a host) is set aside, not unrecognised.
    let doc = json(
        200,
        r#"{"status":"ok","checks":{"db":"ok","at":"2034-01-01T00:00:00Z"}}"#,
    );
    assert_eq!(parts(&doc).len(), 1);
}

#[test]
fn plain_text_lines_of_name_and_state() {
    let out = interpret(
        Some("text/plain"),
        500,
        b"Default Collection\n  cache: FAILED Error: refused (5.0s)\n  db: PASSED ok (0.1s)\n",
        FormatChoice::Auto,
    );
    let Interpretation::Doc(doc) = out else {
        panic!("{out:?}")
    };
    assert_eq!(doc.health, Health::Critical);
    assert_eq!(part(&doc, "cache").origin.path, "line 2");
    assert_eq!(
        part(&doc, "cache").reason.as_deref(),
        Some("Error: refused (5.0s)")
    );
}
