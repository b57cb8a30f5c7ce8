//! Properties of format detection over generated input: no body, bytes or JSON value of any
//! shape makes any parser panic, and whatever is read stays within the documented bounds (one
//! short line per reason, a component tree no deeper than [`MAX_DEPTH`]).
use super::*;
use proptest::prelude::*;
use serde_json::Value;

/// Keys and words the parsers look for, so that generated documents reach deep into them.
const KEYS: &[&str] = &[
    "status",
    "state",
    "outcome",
    "health",
    "healthy",
    "ok",
    "checks",
    "components",
    "details",
    "entries",
    "results",
    "data",
    "info",
    "error",
    "failed",
    "degraded",
    "version",
    "releaseId",
    "name",
    "componentType",
    "observedValue",
    "observedUnit",
    "output",
    "message",
    "time",
    "Status",
    "CheckID",
    "Node",
    "cluster_name",
    "indicators",
    "draining",
    "read_only",
    "description",
    "checks_total",
    "é",
    "日",
];
const WORDS: &[&str] = &[
    "UP",
    "DOWN",
    "OUT_OF_SERVICE",
    "UNKNOWN",
    "pass",
    "fail",
    "warn",
    "ok",
    "error",
    "up",
    "down",
    "Healthy",
    "Degraded",
    "Unhealthy",
    "passing",
    "warning",
    "critical",
    "maintenance",
    "green",
    "yellow",
    "red",
    "shutting_down",
    "Partially Available",
    "[+]ping ok",
    "[-]etcd failed",
    "1.2.3",
    "",
    "\u{1b}[31m",
    "line\nbreak",
    "é日🚀",
];

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(WORDS).prop_map(Value::from),
        "[a-z \\n]{0,300}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..8).prop_map(
                |pairs| {
                    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
                }
            ),
        ]
    })
}

fn choices() -> Vec<FormatChoice> {
    let mut choices = vec![FormatChoice::Auto, FormatChoice::None];
    choices.extend(Format::all().map(FormatChoice::Forced));
    choices
}

const CONTENT_TYPES: &[Option<&str>] = &[
    None,
    Some("application/json"),
    Some("application/health+json; charset=utf-8"),
    Some("application/vnd.spring-boot.actuator.v3+json"),
    Some("text/plain"),
    Some("text/html"),
];

/// A reason is one line of at most MAX_REASON_CHARS characters.
fn check_line(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(!text.contains(['\n', '\r', '\u{1b}']), "{text:?}");
    prop_assert!(
        text.chars().count() <= MAX_REASON_CHARS,
        "{} chars",
        text.chars().count()
    );
    Ok(())
}

fn check_components(components: &[Component], depth: usize) -> Result<(), TestCaseError> {
    prop_assert!(depth <= MAX_DEPTH + 1, "components nest {depth} deep");
    for component in components {
        if let Some(reason) = &component.reason {
            check_line(reason)?;
        }
        check_components(&component.children, depth + 1)?;
    }
    Ok(())
}

fn check(out: &Interpretation) -> Result<(), TestCaseError> {
    match out {
        Interpretation::Doc(doc) => {
            if let Some(reason) = &doc.reason {
                check_line(reason)?;
            }
            check_components(&doc.components, 1)
        }
        Interpretation::Unrecognised(why) | Interpretation::Malformed(why) => {
            prop_assert!(!why.contains('\n'), "{why:?}");
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_are_read_without_panicking(
        body in proptest::collection::vec(any::<u8>(), 0..512),
        status in prop_oneof![Just(200u16), Just(429), Just(501), Just(503), any::<u16>()],
    ) {
        for content_type in CONTENT_TYPES {
            for choice in choices() {
                check(&interpret(*content_type, status, &body, choice))?;
            }
        }
    }

    #[test]
    fn text_like_bodies_are_read_without_panicking(
        body in concat!(
            "(\\[[+-]\\][a-z]{1,8} (ok|failed)\\n",
            "|Healthy|Degraded|ok|<html>|\\{|\"|é日|\\xff){0,12}"
        ),
    ) {
        for content_type in CONTENT_TYPES {
            for choice in choices() {
                check(&interpret(*content_type, 500, body.as_bytes(), choice))?;
            }
        }
    }

    #[test]
    fn any_json_value_is_read_without_panicking(
        value in json(),
        status in prop_oneof![Just(200u16), Just(207), Just(429), Just(503)],
    ) {
        let body = serde_json::to_vec(&value).expect("serialises");
        for content_type in CONTENT_TYPES {
            for choice in choices() {
                check(&interpret(*content_type, status, &body, choice))?;
            }
        }
    }

    #[test]
    fn deep_json_values_are_read_without_panicking(depth in 1usize..200, key in "[a-z]{1,6}") {
        let body = format!(
            "{}{{\"status\":\"down\"}}{}",
            format!("{{\"status\":\"up\",\"{key}\":").repeat(depth),
            "}".repeat(depth)
        );
        for choice in choices() {
            check(&interpret(Some("application/json"), 200, body.as_bytes(), choice))?;
        }
    }
}
