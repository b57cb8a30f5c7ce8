//! `-o junit` end to end: the output is parsed as XML (roxmltree) and its structure checked the
//! way CI test reporters read it: counts on `<testsuites>` and `<testsuite>` that match the
//! testcases, one testcase per target plus one per run-level check, `<failure>` for WARNING
//! and CRITICAL with every reason, `<error>` for UNKNOWN, well-formed XML whatever a server
//! sends, no credentials, and an exit code that does not depend on the output format.

use std::time::Duration;

use roxmltree::{Document, Node};

use crate::common::*;

const SPRING_V3: &str = "application/vnd.spring-boot.actuator.v3+json";
const HEALTH_JSON: &str = "application/health+json";
const UP: &str = r#"{"status":"UP"}"#;

/// Runs `healthprobe -o junit ARGS`.
fn junit(args: &[&str]) -> Run {
    let mut all = vec!["-o", "junit"];
    all.extend_from_slice(args);
    run(&all)
}

/// The run's stdout as an XML document; fails the test when it is not well-formed.
#[track_caller]
fn parse(run: &Run) -> Document<'_> {
    assert!(
        run.stdout
            .starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#),
        "no XML declaration\n{run:?}"
    );
    Document::parse(&run.stdout).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{run:?}"))
}

/// The one `<testsuite>` of a document.
#[track_caller]
fn suite<'a>(doc: &'a Document<'a>) -> Node<'a, 'a> {
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<Node> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1, "one testsuite per run");
    suites[0]
}

fn testcases<'a>(doc: &'a Document<'a>) -> Vec<Node<'a, 'a>> {
    suite(doc)
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect()
}

/// The testcase with this `name`.
#[track_caller]
fn testcase<'a>(doc: &'a Document<'a>, name: &str) -> Node<'a, 'a> {
    let found: Vec<Node> = testcases(doc)
        .into_iter()
        .filter(|c| c.attribute("name") == Some(name))
        .collect();
    assert_eq!(found.len(), 1, "want one testcase named {name:?}");
    found[0]
}

/// The `<failure>` or `<error>` child of a testcase, if any, as (tag, type, message, text).
fn outcome<'a>(case: Node<'a, 'a>) -> Option<(&'a str, &'a str, &'a str, &'a str)> {
    let child = case
        .children()
        .find(|n| n.has_tag_name("failure") || n.has_tag_name("error"))?;
    Some((
        child.tag_name().name(),
        child.attribute("type").unwrap_or_default(),
        child.attribute("message").unwrap_or_default(),
        child.text().unwrap_or_default(),
    ))
}

fn count(node: Node, attribute: &str) -> usize {
    node.attribute(attribute)
        .unwrap_or_else(|| panic!("{} lacks {attribute}", node.tag_name().name()))
        .parse()
        .unwrap_or_else(|e| panic!("{attribute} is not a count: {e}"))
}

/// A name as healthprobe gives a target probed at `server.url(path)`.
fn name(server: &Server, path: &str) -> String {
    format!("{}{path}", server.authority())
}

#[test]
fn counts_on_testsuites_and_testsuite_match_one_testcase_per_target() {
    let ok = Server::start(serve(200, JSON, UP.as_bytes()));
    let degraded = Server::start(serve(
        200,
        HEALTH_JSON,
        br#"{"status":"warn","checks":{"cache:connections":[{"status":"warn"}]}}"#,
    ));
    let down = Server::start(serve(503, JSON, br#"{"status":"DOWN"}"#));
    let refused = format!("http://127.0.0.1:{}/health", refused_port());
    let run = junit(&[
        &ok.url("/a"),
        &degraded.url("/b"),
        &down.url("/c"),
        &refused,
    ]);
    run.code(2);
    let doc = parse(&run);
    let root = doc.root_element();
    let suite = suite(&doc);
    let cases = testcases(&doc);
    assert_eq!(cases.len(), 4, "{run:?}");
    for node in [root, suite] {
        assert_eq!(node.attribute("name"), Some("healthprobe"));
        assert_eq!(count(node, "tests"), 4);
        assert_eq!(count(node, "failures"), 3);
        assert_eq!(count(node, "errors"), 0);
        let time: f64 = node.attribute("time").unwrap().parse().unwrap();
        assert!(time >= 0.0, "{run:?}");
    }
    assert_eq!(count(suite, "skipped"), 0);
    let timestamp = suite.attribute("timestamp").unwrap();
    assert!(
        timestamp.len() == 24 && timestamp.ends_with('Z') && timestamp.as_bytes()[10] == b'T',
        "{timestamp}"
    );
    let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
    let refused_name = refused.trim_start_matches("http://");
    assert_eq!(
        names,
        [
            name(&ok, "/a").as_str(),
            &name(&degraded, "/b"),
            &name(&down, "/c"),
            refused_name
        ]
    );
    for case in &cases {
        assert_eq!(case.attribute("classname"), Some("127.0.0.1"));
        let time: f64 = case.attribute("time").unwrap().parse().unwrap();
        assert!((0.0..10.0).contains(&time), "{run:?}");
    }
    let types: Vec<Option<&str>> = cases
        .iter()
        .map(|c| outcome(*c).map(|(_, kind, ..)| kind))
        .collect();
    assert_eq!(
        types,
        [None, Some("WARNING"), Some("CRITICAL"), Some("CRITICAL")]
    );
}

#[test]
fn an_ok_target_has_no_failure_and_shows_its_summary() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let run = junit(&[&server.url("/healthz")]);
    run.code(0);
    let doc = parse(&run);
    let case = testcase(&doc, &name(&server, "/healthz"));
    assert_eq!(outcome(case), None, "{run:?}");
    let out = case
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(out.contains("HTTP 200 OK in"), "{run:?}");
    assert!(out.contains("OK http-status: HTTP 200 OK"), "{run:?}");
    assert_eq!(count(suite(&doc), "failures"), 0);
}

#[test]
fn a_failing_target_lists_every_non_ok_reason_one_per_line() {
    let body = r#"{"status":"DOWN","components":{
        "db":{"status":"DOWN","details":{"error":"Connection to db:5432 refused"}},
        "redis":{"status":"DOWN"},
        "ping":{"status":"UP"}}}"#;
    let server = Server::start(serve(503, SPRING_V3, body.as_bytes()));
    let run = junit(&[&server.url("/actuator/health")]);
    run.code(2);
    let doc = parse(&run);
    let case = testcase(&doc, &name(&server, "/actuator/health"));
    let (tag, kind, message, text) = outcome(case).expect("a failure");
    assert_eq!((tag, kind), ("failure", "CRITICAL"), "{run:?}");
    assert!(message.contains("HTTP 503 Service Unavailable"), "{run:?}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "CRITICAL http-status: HTTP 503 Service Unavailable, expected 200-399",
            "CRITICAL component: db DOWN: Connection to db:5432 refused",
            "CRITICAL component: redis DOWN",
        ],
        "{run:?}"
    );
}

#[test]
fn a_warning_target_is_a_failure_of_type_warning() {
    let body = r#"{"status":"pass","checks":{"cache:connections":[{"status":"warn","output":"pool 94% used"}]}}"#;
    let server = Server::start(serve(200, HEALTH_JSON, body.as_bytes()));
    let run = junit(&[&server.url("/health")]);
    run.code(1);
    let doc = parse(&run);
    let (tag, kind, _, text) = outcome(testcase(&doc, &name(&server, "/health"))).unwrap();
    assert_eq!((tag, kind), ("failure", "WARNING"), "{run:?}");
    assert!(text.contains("cache:connections warn"), "{run:?}");
    assert!(text.contains("pool 94% used"), "{run:?}");
}

#[test]
fn a_refused_port_is_a_failure_saying_connection_refused() {
    let url = format!("http://127.0.0.1:{}/health", refused_port());
    let run = junit(&[&url]);
    run.code(2);
    let doc = parse(&run);
    let (tag, kind, message, text) =
        outcome(testcase(&doc, url.trim_start_matches("http://"))).unwrap();
    assert_eq!((tag, kind), ("failure", "CRITICAL"), "{run:?}");
    assert!(message.contains("connection refused"), "{run:?}");
    assert!(text.contains("connection refused"), "{run:?}");
}

#[test]
fn a_target_never_probed_before_the_deadline_is_an_error_not_a_failure() {
    let slow = Server::start(delayed(Duration::from_secs(3)));
    let fine = Server::start(serve(200, JSON, UP.as_bytes()));
    let run = junit(&[
        "-j",
        "1",
        "--deadline",
        "300ms",
        &slow.url("/"),
        &fine.url("/"),
    ]);
    run.code(2);
    assert_eq!(fine.hits(), 0);
    let doc = parse(&run);
    let (tag, kind, message, _) = outcome(testcase(&doc, &name(&fine, "/"))).unwrap();
    assert_eq!((tag, kind), ("error", "UNKNOWN"), "{run:?}");
    assert!(
        message.contains("deadline passed before its turn"),
        "{run:?}"
    );
    let (tag, kind, ..) = outcome(testcase(&doc, &name(&slow, "/"))).unwrap();
    assert_eq!((tag, kind), ("failure", "CRITICAL"), "{run:?}");
    for node in [doc.root_element(), suite(&doc)] {
        assert_eq!(
            (
                count(node, "tests"),
                count(node, "failures"),
                count(node, "errors")
            ),
            (2, 1, 1)
        );
    }
}

#[test]
fn control_characters_and_markup_in_server_text_and_names_still_yield_well_formed_xml() {
    let body = r#"{"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"a<b & \u0001 c"}}},"note":"x\u0002\u001b[31m<y>&'\""}"#;
    let server = Server::start(serve(200, SPRING_V3, body.as_bytes()));
    // A name from a config file may hold anything too; it becomes an attribute.
    let config = TempFile::new(
        "junit.toml",
        &format!(
            "[[target]]\nname = \"db <primary> & \\\"x\\\" 'y' \\u0007\"\nurl = \"{}\"\n",
            server.url("/health")
        ),
    );
    let run = junit(&["--config", config.path(), "--assert", "$.note == \"fine\""]);
    run.code(2);
    // Every character is one XML 1.0 allows.
    let forbidden = |c: char| {
        !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            && c < '\u{10000}'
    };
    assert!(!run.stdout.chars().any(forbidden), "{run:?}");
    assert!(!run.stdout.contains('\u{1b}'), "{run:?}");
    let doc = parse(&run);
    let (_, _, message, text) = outcome(testcase(&doc, r#"db <primary> & "x" 'y' \u{7}"#)).unwrap();
    assert!(message.contains("a<b &"), "{run:?}");
    assert!(text.contains("component: db DOWN: a<b &"), "{run:?}");
    assert!(text.contains("assertion: $.note"), "{run:?}");
    assert!(text.contains("<y>&'"), "{run:?}");
}

#[test]
fn credentials_in_a_url_never_reach_the_report() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let url = format!(
        "http://user:s3cret@{}/x?token=t0ps3cret",
        server.authority()
    );
    let run = junit(&[&url]);
    run.code(0);
    run.nowhere("s3cret").nowhere("t0ps3cret");
    let doc = parse(&run);
    let case = testcase(&doc, &name(&server, "/x?token=***"));
    let out = case
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(
        out.contains(&format!(
            "http://user:***@{}/x?token=***",
            server.authority()
        )),
        "{run:?}"
    );
}

#[test]
fn run_level_checks_are_testcases_named_after_their_kind() {
    let good = Server::start(serve(200, JSON, UP.as_bytes()));
    let bad = Server::start(serve(503, JSON, b"{}"));
    let run = junit(&["--quorum", "1", &good.url("/"), &bad.url("/")]);
    // The quorum is met, so the run is OK though one replica fails its own testcase.
    run.code(0);
    let doc = parse(&run);
    assert_eq!(testcases(&doc).len(), 3, "{run:?}");
    let quorum = testcase(&doc, "quorum");
    assert_eq!(quorum.attribute("classname"), Some("healthprobe"));
    assert_eq!(outcome(quorum), None, "{run:?}");
    assert!(outcome(testcase(&doc, &name(&bad, "/"))).is_some());
    let exit_code = suite(&doc)
        .descendants()
        .find(|n| n.has_tag_name("property") && n.attribute("name") == Some("exit-code"))
        .and_then(|n| n.attribute("value"));
    assert_eq!(exit_code, Some("0"), "{run:?}");

    let old = Server::start(serve(
        200,
        HEALTH_JSON,
        br#"{"status":"pass","version":"2.4.1"}"#,
    ));
    let new = Server::start(serve(
        200,
        HEALTH_JSON,
        br#"{"status":"pass","version":"2.5.0"}"#,
    ));
    let run = junit(&["--same-version", &old.url("/"), &new.url("/")]);
    run.code(1);
    let doc = parse(&run);
    let (tag, kind, message, _) = outcome(testcase(&doc, "version-skew")).unwrap();
    assert_eq!((tag, kind), ("failure", "WARNING"), "{run:?}");
    assert!(message.contains("versions differ"), "{run:?}");
    assert_eq!(count(suite(&doc), "tests"), 3);
    assert_eq!(count(suite(&doc), "failures"), 1);

    let run = junit(&["--wait", "20s", &good.url("/")]);
    run.code(0);
    let doc = parse(&run);
    assert_eq!(outcome(testcase(&doc, "wait")), None, "{run:?}");
}

#[test]
fn the_exit_code_does_not_depend_on_the_output_format() {
    let ok = Server::start(serve(200, JSON, UP.as_bytes()));
    let warn = Server::start(serve(
        200,
        HEALTH_JSON,
        br#"{"status":"warn","checks":{"cache":[{"status":"warn"}]}}"#,
    ));
    let down = Server::start(serve(503, JSON, b"{}"));
    let refused = format!("http://127.0.0.1:{}/", refused_port());
    let cases: [(Vec<String>, i32); 5] = [
        (vec![ok.url("/")], 0),
        (vec![warn.url("/")], 1),
        (vec![down.url("/")], 2),
        (vec![refused.clone(), ok.url("/")], 2),
        (vec!["--docker".into(), down.url("/")], 1),
    ];
    for (args, code) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let human = run(&args);
        human.code(code);
        let xml = junit(&args);
        xml.code(code);
        parse(&xml);
    }
}
