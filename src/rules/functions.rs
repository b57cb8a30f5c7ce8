//! The RFC 9535 `match()` and `search()` filter functions, registered with serde_json_path.
//!
//! serde_json_path ships both behind its `regex` feature, which depends on the regex crate with
//! every default feature; features unify, so that alone would decide how healthprobe's own
//! regex is built. Registering the two functions here keeps the choice of regex features in our
//! Cargo.toml (see the comment there) while the syntax and results stay those of RFC 9535:
//! `match` must cover the whole string, `search` any part of it, the pattern is an I-Regexp
//! (RFC 9485, a subset of what the regex crate accepts), and anything that is not a string or
//! not a valid pattern is simply false, never an error.

use std::cell::RefCell;
use std::collections::HashMap;

use regex::Regex;
use serde_json::Value;
use serde_json_path::functions::{LogicalType, ValueType};

/// How many compiled patterns a thread keeps. A filter calls its function once per node, with the
/// same pattern each time, so compiling once per pattern is what matters; the bound only caps
/// patterns read from the document itself (`search(@.a, @.b)`), which may all differ.
const MAX_CACHED: usize = 64;

thread_local! {
    /// Wrapped pattern -> compiled regex, or `None` when it does not compile.
    static COMPILED: RefCell<HashMap<String, Option<Regex>>> = RefCell::new(HashMap::new());
}

/// `match(VALUE, PATTERN)`: true when PATTERN matches all of VALUE.
#[serde_json_path::function(name = "match")]
fn full_match(value: ValueType, pattern: ValueType) -> LogicalType {
    matches(&value, &pattern, |p| format!("^(?:{p})$"))
}

/// `search(VALUE, PATTERN)`: true when PATTERN matches somewhere in VALUE.
#[serde_json_path::function(name = "search")]
fn search(value: ValueType, pattern: ValueType) -> LogicalType {
    matches(&value, &pattern, |p| format!("(?:{p})"))
}

/// I-Regexp's `.` matches any character but CR and LF, so both functions run in the regex
/// crate's CRLF mode (`R`), in which `.` excludes both.
fn matches(value: &ValueType, pattern: &ValueType, wrap: fn(&str) -> String) -> LogicalType {
    match (value.as_value(), pattern.as_value()) {
        (Some(Value::String(text)), Some(Value::String(pattern))) => {
            is_match(format!("(?R){}", wrap(pattern)), text).into()
        }
        _ => LogicalType::False,
    }
}

fn is_match(pattern: String, text: &str) -> bool {
    COMPILED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= MAX_CACHED && !cache.contains_key(&pattern) {
            cache.clear();
        }
        cache
            .entry(pattern)
            .or_insert_with_key(|pattern| Regex::new(pattern).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::rules::parse_path;

    fn names(path: &str, doc: &Value) -> Vec<String> {
        parse_path(path)
            .unwrap()
            .query(doc)
            .all()
            .into_iter()
            .map(|node| node["name"].as_str().unwrap().to_string())
            .collect()
    }

    fn checks() -> Value {
        json!({"checks": [
            {"name": "db-primary", "status": "UP"},
            {"name": "db", "status": "DOWN"},
            {"name": "redis", "status": "UP"},
            {"name": 7, "status": "UP"},
            {"name": "line\nbreak", "status": "UP"}
        ]})
    }

    #[test]
    fn match_must_cover_the_whole_string() {
        assert_eq!(names("$.checks[?match(@.name, 'db')]", &checks()), ["db"]);
        assert_eq!(
            names("$.checks[?match(@.name, 'db.*')]", &checks()),
            ["db-primary", "db"]
        );
    }

    #[test]
    fn search_matches_anywhere_in_the_string() {
        assert_eq!(
            names("$.checks[?search(@.name, 'is|pri')]", &checks()),
            ["db-primary", "redis"]
        );
    }

    #[test]
    fn an_alternation_is_anchored_as_a_whole_by_match() {
        // `^a|b$` would let "redis" match 're|dis'; the pattern is grouped before anchoring.
        assert_eq!(
            names("$.checks[?match(@.name, 're|db')]", &checks()),
            ["db"]
        );
    }

    #[test]
    fn dot_does_not_match_line_breaks() {
        assert!(names("$.checks[?match(@.name, 'line.break')]", &checks()).is_empty());
        assert_eq!(
            names("$.checks[?match(@.name, 'line\\nbreak')]", &checks()),
            ["line\nbreak"]
        );
    }

    #[test]
    fn non_strings_and_invalid_patterns_are_false_not_errors() {
        assert!(names("$.checks[?match(@.name, '7')]", &checks()).is_empty());
        assert!(names("$.checks[?search(@.name, '(')]", &checks()).is_empty());
        assert!(names("$.checks[?search(@.status, @.missing)]", &checks()).is_empty());
    }

    #[test]
    fn patterns_read_from_the_document_are_used_however_many_there_are() {
        let checks: Vec<Value> = (0..3 * super::MAX_CACHED)
            .map(|i| json!({"name": format!("svc-{i}"), "pattern": format!("svc-{i}")}))
            .collect();
        let doc = json!({ "checks": checks });
        let matched = names("$.checks[?match(@.name, @.pattern)]", &doc);
        assert_eq!(matched.len(), 3 * super::MAX_CACHED);
        let doc = json!({"checks": [{"name": "a", "pattern": "b"}, {"name": "c", "pattern": "("}]});
        assert!(names("$.checks[?match(@.name, @.pattern)]", &doc).is_empty());
    }

    #[test]
    fn word_classes_and_case_folding_are_unicode_aware() {
        let doc = json!({"checks": [{"name": "Ünïcode"}, {"name": "ascii"}]});
        assert_eq!(
            names("$.checks[?match(@.name, '\\\\w+')]", &doc),
            ["Ünïcode", "ascii"]
        );
        assert_eq!(
            names("$.checks[?match(@.name, '(?i)üNÏCODE')]", &doc),
            ["Ünïcode"]
        );
    }
}
