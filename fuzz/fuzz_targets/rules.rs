//! JSON and header rules (`--metric`, `--assert`, `--assert-warn`, `--expect-header`,
//! `--expect-body`): any rule text is parsed without panicking, and an accepted rule evaluated
//! over any body gives one-line reasons and perfdata that a Nagios line can carry.
//!
//! Input: a byte that picks the flag, the rule text up to the first newline, then the body (its
//! lines are the headers for `--expect-header`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/rules/mod.rs"]
mod rules;
// What rules names through `crate::`, and the body reader that hands it the parsed JSON.
#[allow(dead_code, unused_imports)]
#[path = "../../src/health/mod.rs"]
mod health;
#[allow(dead_code, unused_imports)]
#[path = "../../src/perfdata.rs"]
mod perfdata;
#[allow(dead_code, unused_imports)]
#[path = "../../src/range.rs"]
mod range;
#[allow(dead_code, unused_imports)]
#[path = "../../src/redact.rs"]
mod redact;
#[allow(dead_code, unused_imports)]
#[path = "../../src/text.rs"]
mod text;

use range::Breach;
use rules::{Assertion, BodyRule, HeaderRule, Metric, RuleOutcome};

fn one_line(text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() || c == '\u{2028}'),
        "{text:?}"
    );
}

fn check(outcome: &RuleOutcome) {
    one_line(&outcome.reason);
    one_line(&outcome.observed);
    one_line(&outcome.expected);
    if let Some(perfdata) = &outcome.perfdata {
        let line = perfdata.render(&perfdata.label);
        one_line(&line);
        assert!(!line.contains('|'), "{line:?}");
        if let Some(value) = &perfdata.value {
            assert!(
                !value.is_empty()
                    && value
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == '.'),
                "perfdata value {value:?}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (rule, body) = text.split_once('\n').unwrap_or((text, ""));
    // As the pipeline gives it to the rules: the body's JSON as serde_json's value.
    let read = health::Body::read(body.as_bytes());
    let copy = read.json.as_ref().map(|value| value.to_serde());
    let json = copy.as_ref().map_err(|why| why.as_str());
    let parse_error = match which % 5 {
        0 => Metric::parse(rule, "--metric")
            .map(|m| check(&m.evaluate(json)))
            .err(),
        1 | 2 => {
            let (flag, severity) = if which % 5 == 1 {
                ("--assert", Breach::Critical)
            } else {
                ("--assert-warn", Breach::Warning)
            };
            Assertion::parse(rule, flag)
                .map(|a| {
                    one_line(&a.expectation());
                    let outcome = a.evaluate(json, severity);
                    check(&outcome);
                    if outcome.breach != Breach::None {
                        assert_eq!(outcome.breach, severity);
                    }
                })
                .err()
        }
        3 => HeaderRule::parse(rule)
            .map(|h| {
                // Headers as an HTTP client hands them over: token names, lower-cased, and
                // values without control characters other than tab.
                let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
                let headers: Vec<(String, String)> = body
                    .lines()
                    .filter_map(|line| line.split_once(':'))
                    .map(|(name, value)| {
                        (name.trim().to_ascii_lowercase(), value.trim().to_string())
                    })
                    .filter(|(name, value)| {
                        !name.is_empty()
                            && name.chars().all(token)
                            && !value.chars().any(|c| c.is_ascii_control() && c != '\t')
                    })
                    .collect();
                one_line(&h.expectation());
                check(&h.evaluate(&headers));
            })
            .err(),
        _ => BodyRule::parse(rule)
            .map(|b| {
                check(&b.evaluate(Ok(body.as_bytes())));
                check(&b.evaluate(Err("no complete body was received")));
            })
            .err(),
    };
    if let Some(err) = parse_error {
        one_line(&err);
    }
});
