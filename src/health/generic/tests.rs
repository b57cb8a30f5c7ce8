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
