//! Health documents of real products that no reader was written for (tests/corpus: our own
//! bodies in each product's shape, with what an operator expects), served on loopback with the
//! product's HTTP status and Content-Type and probed by the binary in one run: the verdict of
//! every body, the service version, and every failing part named in the output.

use std::collections::HashMap;

use serde_json::Value;

use crate::common::*;

#[path = "../corpus/cases.rs"]
mod cases;

use cases::{body, cases};

/// Whether `name` (`parent/child` for nested parts) is among the failing parts of a target, or
/// named in the reason of one of its failing checks (a flag of the document itself: `sealed`).
fn named(target: &Value, name: &str) -> bool {
    fn failing(components: &Value, out: &mut Vec<String>) {
        for component in components.as_array().into_iter().flatten() {
            if component["verdict"].is_string() && component["verdict"] != "ok" {
                out.push(component["path"].as_str().unwrap_or_default().to_string());
            }
            failing(&component["children"], out);
        }
    }
    let mut paths = Vec::new();
    failing(&target["components"], &mut paths);
    let first = name.split('/').next().unwrap_or(name);
    let last = name.rsplit('/').next().unwrap_or(name);
    let in_paths = paths.iter().any(|path| {
        path == name
            || path.ends_with(&format!("/{name}"))
            || path.rsplit('/').next() == Some(last)
            || path == first
    });
    let in_reasons = target["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|check| check["status"] != "ok")
        .any(|check| check["reason"].as_str().unwrap_or_default().contains(name));
    in_paths || in_reasons
}

#[test]
fn every_corpus_body_gets_the_verdict_version_and_failing_parts_an_operator_expects() {
    let cases = cases();
    assert!(cases.len() >= 100, "the corpus has {} bodies", cases.len());
    let bodies: HashMap<String, (u16, String, Vec<u8>)> = cases
        .iter()
        .map(|case| {
            (
                format!("/{}", case.file),
                (
                    case.status,
                    case.content_type.clone().unwrap_or_default(),
                    body(case),
                ),
            )
        })
        .collect();
    let server = Server::start(
        move |request, stream| match bodies.get(request.path.as_str()) {
            Some((status, content_type, body)) => {
                let headers: &[(&str, &str)] = if content_type.is_empty() {
                    &[]
                } else {
                    &[("Content-Type", content_type)]
                };
                respond(stream, *status, headers, body)
            }
            None => respond(stream, 404, &[], b"no such body"),
        },
    );
    let urls: Vec<String> = cases
        .iter()
        .map(|case| server.url(&format!("/{}", case.file)))
        .collect();
    let mut args = vec!["-o", "json", "-j", "8"];
    args.extend(urls.iter().map(String::as_str));
    let run = run(&args);
    let report: Value = serde_json::from_str(&run.stdout).expect("a JSON report");
    let targets = report["targets"].as_array().expect("targets");
    assert_eq!(targets.len(), cases.len());
    let mut problems = Vec::new();
    let mut misses = 0;
    for (case, target) in cases.iter().zip(targets) {
        let verdict = target["status"].as_str().unwrap_or_default().to_uppercase();
        if verdict != case.verdict {
            problems.push(format!(
                "{}: verdict {verdict}, expected {} ({})",
                case.file, case.verdict, target["checks"]
            ));
        }
        if case.miss.is_some() {
            misses += 1;
            continue;
        }
        if target["version"].as_str() != case.version.as_deref() {
            problems.push(format!(
                "{}: version {}, expected {:?}",
                case.file, target["version"], case.version
            ));
        }
        for name in &case.failing {
            if !named(target, name) {
                problems.push(format!(
                    "{}: failing part {name} not named ({})",
                    case.file, target["components"]
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} corpus bodies read wrongly:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n")
    );
    // The bodies still read wrongly in part are listed in EXPECTED.tsv; there are few of them.
    assert!(misses <= 10, "{misses} known misses");
}
