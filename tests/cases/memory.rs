//! Memory bounded by the document: a large health document is read within 8 x its size above
//! the process floor (peak RSS measured by the OS, through GNU time), and a document of
//! thousands of components keeps the first healthy and failing ones and counts the rest
//! without losing a failure to the verdict.

use std::time::Duration;

use crate::common::{JSON, Server, peak_rss as peak, run, serve};

/// A Spring Boot document of `count` one-member components, all in `state`.
fn spring(count: usize, state: &str) -> Vec<u8> {
    let parts: Vec<String> = (0..count)
        .map(|i| format!("\"c{i:06}\":{{\"status\":\"{state}\"}}"))
        .collect();
    format!(
        "{{\"status\":\"UP\",\"components\":{{{}}}}}",
        parts.join(",")
    )
    .into_bytes()
}

/// The lowest of three runs: the bound is about what the document costs, not about a busy
/// machine's page cache.
fn lowest_peak(args: &[&str]) -> (u64, i32) {
    let runs: Vec<(u64, i32, Duration)> = (0..3).map(|_| peak(args)).collect();
    let code = runs[0].1;
    assert!(runs.iter().all(|r| r.1 == code), "exit codes differ");
    (runs.iter().map(|r| r.0).min().unwrap_or(0), code)
}

#[test]
fn one_mebibyte_documents_of_tens_of_thousands_of_components_peak_within_eight_times_their_size() {
    let healthy = spring(40_000, "UP");
    let failing = spring(37_000, "DOWN");
    // Three objects a component: the shape that costs the most for its size.
    let detailed = format!(
        "{{\"status\":\"UP\",\"components\":{{{}}}}}",
        (0..18_000)
            .map(|i| format!(
                "\"k{i:06}\":{{\"status\":\"UP\",\"details\":{{\"a\":1,\"b\":\"x\"}}}}"
            ))
            .collect::<Vec<_>>()
            .join(",")
    )
    .into_bytes();
    assert!(healthy.len() > 1_000_000 && healthy.len() <= 1 << 20);
    assert!(failing.len() > 900_000 && failing.len() <= 1 << 20);
    assert!(detailed.len() > 900_000 && detailed.len() <= 1 << 20);
    let floor_server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let healthy_server = Server::start(serve(200, JSON, &healthy));
    let failing_server = Server::start(serve(200, JSON, &failing));
    let detailed_server = Server::start(serve(200, JSON, &detailed));
    let (floor, code) = lowest_peak(&[&floor_server.url("/health")]);
    assert_eq!(code, 0);
    for (server, body, expected) in [
        (&healthy_server, &healthy, 0),
        (&failing_server, &failing, 2),
        (&detailed_server, &detailed, 0),
    ] {
        let url = server.url("/health");
        let (rss, code) = lowest_peak(&[&url]);
        assert_eq!(code, expected);
        let over = rss.saturating_sub(floor);
        let bound = 8 * body.len() as u64;
        assert!(
            over <= bound,
            "peak {rss} B is {over} B over the floor {floor} B, more than 8 x the {} B body",
            body.len()
        );
        // The JSON report too, which lists every component kept.
        let (rss, code) = lowest_peak(&["-o", "json", &url]);
        assert_eq!(code, expected);
        assert!(rss.saturating_sub(floor) <= bound, "-o json: peak {rss} B");
    }
}

#[test]
fn thousands_of_failing_components_keep_the_first_and_count_the_rest_in_every_output() {
    let body = spring(1_000, "DOWN");
    let server = Server::start(serve(200, JSON, &body));
    let url = server.url("/health");
    let human = run(&[&url]);
    human
        .code(2)
        .stdout_has(&["1000 components failing: c000000, c000001, c000002 +997 more"]);
    let json = run(&["-o", "json", &url]);
    json.code(2);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let target = &report["targets"][0];
    assert_eq!(target["components"].as_array().map(Vec::len), Some(256));
    assert_eq!(target["components_not_kept"]["critical"], 744);
    let check = target["checks"]
        .as_array()
        .and_then(|checks| checks.iter().find(|c| c["kind"] == "components-not-kept"))
        .expect("a components-not-kept check");
    assert_eq!(check["status"], "CRITICAL");
    assert!(
        check["reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("744 more failing components were read but not kept")),
        "{check}"
    );
    // --explain says what was not kept, and how to keep everything.
    run(&["--explain", &url]).code(2).stdout_has(&[
        "not kept   744 more components (744 critical): a reading keeps the first 100 healthy \
         and 256 failing; a component rule keeps every one",
    ]);
    // Nagios: the status line counts them all, within its limits.
    let nagios = run(&["-o", "nagios", &url]);
    nagios.code(2).stdout_has(&["1000 components failing"]);
}

#[test]
fn a_failure_among_the_components_not_kept_still_decides_the_verdict() {
    // 300 degraded components fill the failing ones kept; the one DOWN comes after them and is
    // only counted, yet the verdict is CRITICAL and says why.
    let mut parts: Vec<String> = (0..300)
        .map(|i| format!("\"d{i:03}\":{{\"status\":\"DEGRADED\"}}"))
        .collect();
    parts.push("\"db\":{\"status\":\"DOWN\"}".into());
    let body = format!(
        "{{\"status\":\"UP\",\"components\":{{{}}}}}",
        parts.join(",")
    );
    let server = Server::start(serve(200, JSON, body.as_bytes()));
    let url = server.url("/health");
    let json = run(&["-o", "json", &url]);
    json.code(2);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let target = &report["targets"][0];
    assert_eq!(target["status"], "CRITICAL");
    let names: Vec<&str> = target["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(!names.contains(&"db"), "db was not among the first kept");
    assert_eq!(target["components_not_kept"]["critical"], 1);
    assert_eq!(target["components_not_kept"]["warning"], 44);
}

#[test]
fn component_rules_see_every_component_however_many() {
    // With a rule that names components, none is left out: the noncritical one at the end is
    // found and judged by its rule.
    let mut parts: Vec<String> = (0..600)
        .map(|i| format!("\"c{i:03}\":{{\"status\":\"UP\"}}"))
        .collect();
    parts.push("\"cache\":{\"status\":\"DOWN\"}".into());
    let body = format!(
        "{{\"status\":\"UP\",\"components\":{{{}}}}}",
        parts.join(",")
    );
    let server = Server::start(serve(200, JSON, body.as_bytes()));
    let url = server.url("/health");
    let json = run(&["-o", "json", "--noncritical", "cache", &url]);
    json.code(1);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let target = &report["targets"][0];
    assert_eq!(target["components"].as_array().map(Vec::len), Some(601));
    assert!(target["components_not_kept"].is_null());
    let required = run(&["--require-component", "c599", &url]);
    required.code(2);
    assert!(!required.stdout.contains("not reported"), "{required:?}");
}
