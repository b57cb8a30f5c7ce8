//! Unit tests of the rule grammar and of rule evaluation against hand-built JSON values.

use super::*;
use serde_json::json;
use std::time::{Duration, Instant};

fn metric(text: &str) -> Metric {
    Metric::parse(text, "--metric").unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn metric_err(text: &str) -> String {
    match Metric::parse(text, "--metric") {
        Ok(m) => panic!("{text:?} should be rejected, parsed as {m:?}"),
        Err(e) => e,
    }
}

fn assertion(text: &str) -> Assertion {
    Assertion::parse(text, "--assert").unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn assertion_err(text: &str) -> String {
    match Assertion::parse(text, "--assert") {
        Ok(a) => panic!("{text:?} should be rejected, parsed as {a:?}"),
        Err(e) => e,
    }
}

fn value_of(rule: &Assertion) -> &Value {
    match &rule.expected {
        Expected::Value(value) => value,
        other => panic!("{}: expected a value, got {other:?}", rule.text),
    }
}

fn pattern_of(rule: &Assertion) -> &str {
    match &rule.expected {
        Expected::Pattern(re) => re.as_str(),
        other => panic!("{}: expected a regex, got {other:?}", rule.text),
    }
}

/// The perfdata item as the Nagios renderer writes it for a single target.
fn perfdata(metric: &Metric, outcome: &RuleOutcome) -> String {
    outcome
        .perfdata
        .as_ref()
        .expect("a metric always carries perfdata")
        .render(&metric.label)
}

fn judge_metric(text: &str, body: &Value) -> (Metric, RuleOutcome) {
    let m = metric(text);
    let outcome = m.evaluate(Ok(body));
    (m, outcome)
}

fn check(rule: &str, body: &Value) -> RuleOutcome {
    assertion(rule).evaluate(Ok(body), Breach::Critical)
}

fn passes(rule: &str, body: &Value) -> bool {
    let outcome = check(rule, body);
    match outcome.breach {
        Breach::None => true,
        Breach::Critical => false,
        Breach::Warning => panic!("{rule}: severity not passed through: {outcome:?}"),
    }
}

/// Every text field of an outcome is one line with no raw control, separator or bidi
/// character.
fn assert_clean(outcome: &RuleOutcome) {
    for field in [&outcome.observed, &outcome.expected, &outcome.reason] {
        assert!(
            !field.chars().any(crate::text::is_hostile),
            "raw hostile character in {field:?}"
        );
        assert!(
            !field.contains('\n') && !field.contains('\u{1b}'),
            "{field:?}"
        );
    }
}

/// `"$[?@[?@[? ... @.a ... ]]]"`: filters nested `depth` deep.
fn nested_filters(depth: usize) -> String {
    format!("${}.a{}", "[?@".repeat(depth), "]".repeat(depth))
}

// ---- Metric: parsing ----------------------------------------------------------------

#[test]
fn metric_parse_reads_label_path_thresholds_and_unit_trimmed() {
    let m = metric("  db ms = $.db.latency ; 100 ; @10:20 ; ms  ");
    assert_eq!(m.label, "db ms");
    assert_eq!(m.path_text, "$.db.latency");
    assert_eq!(
        m.warning.as_ref().map(ToString::to_string).as_deref(),
        Some("100")
    );
    assert_eq!(
        m.critical.as_ref().map(ToString::to_string).as_deref(),
        Some("@10:20")
    );
    assert_eq!(m.unit, "ms");
    assert_eq!(m.text, "db ms = $.db.latency ; 100 ; @10:20 ; ms");
    assert_eq!(m.to_string(), m.text);
    let parsed: Metric = "x=$.a;1".parse().unwrap();
    assert_eq!(parsed.label, "x");
}

#[test]
fn metric_without_equals_sign_is_a_missing_label() {
    for text in ["$.a", "db_ms", "$.a;1;2"] {
        let err = metric_err(text);
        assert!(err.contains("missing label"), "{text}: {err}");
        assert!(err.contains("LABEL=JSONPATH;WARN;CRIT[;UOM]"), "{err}");
    }
}

#[test]
fn metric_with_empty_label_is_a_missing_label() {
    for text in ["=$.a", "   =$.a;1;2", " \t = $.a"] {
        let err = metric_err(text);
        assert!(err.contains("missing label"), "{text:?}: {err}");
    }
}

#[test]
fn metric_label_starting_with_dollar_is_a_forgotten_label() {
    // The first `=` splits the label off, so a path with a filter comparison but no label
    // must not turn the path's head into a label.
    for text in ["$.a=1", "$[?@.a==1].b;5", " $x=$.a"] {
        let err = metric_err(text);
        assert!(err.contains("missing label"), "{text}: {err}");
    }
}

#[test]
fn metric_with_empty_path_is_rejected_naming_the_label() {
    for text in ["db=", "db= ;5;10", "db=;"] {
        let err = metric_err(text);
        assert!(
            err.contains("missing JSONPath after 'db='"),
            "{text:?}: {err}"
        );
    }
}

#[test]
fn metric_path_keeps_semicolons_inside_quotes_and_brackets() {
    let m = metric("x=$['a;b'];1;2");
    assert_eq!(m.path_text, "$['a;b']");
    assert_eq!(
        m.warning.as_ref().map(ToString::to_string).as_deref(),
        Some("1")
    );
    assert_eq!(
        m.critical.as_ref().map(ToString::to_string).as_deref(),
        Some("2")
    );
    let outcome = m.evaluate(Ok(&json!({"a;b": 1})));
    assert_eq!(outcome.breach, Breach::None);
    assert_eq!(perfdata(&m, &outcome), "x=1;1;2");

    let m = metric(r#"v=$.items[?@.name == "a;b"].v;;5"#);
    assert_eq!(m.path_text, r#"$.items[?@.name == "a;b"].v"#);
    assert!(m.warning.is_none());
    let body = json!({"items": [{"name": "a;b", "v": 7}, {"name": "c", "v": 1}]});
    let outcome = m.evaluate(Ok(&body));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(perfdata(&m, &outcome), "v=7;;5");

    // An escaped quote does not end the string.
    let m = metric(r"q=$['it\'s;here'];3");
    assert_eq!(m.path_text, r"$['it\'s;here']");
    let outcome = m.evaluate(Ok(&json!({"it's;here": 2})));
    assert_eq!(outcome.observed, "2");
}

#[test]
fn metric_trailing_fields_may_be_omitted_or_empty() {
    let shown = |r: &Option<Range>| r.as_ref().map(ToString::to_string);
    let cases: [(&str, Option<&str>, Option<&str>, &str); 7] = [
        ("x=$.a", None, None, ""),
        ("x=$.a;", None, None, ""),
        ("x=$.a;5", Some("5"), None, ""),
        ("x=$.a;;5", None, Some("5"), ""),
        ("x=$.a;5;10", Some("5"), Some("10"), ""),
        ("x=$.a;;;", None, None, ""),
        ("x=$.a;;;%", None, None, "%"),
    ];
    for (text, warning, critical, unit) in cases {
        let m = metric(text);
        assert_eq!(m.path_text, "$.a", "{text}");
        assert_eq!(shown(&m.warning).as_deref(), warning, "{text}");
        assert_eq!(shown(&m.critical).as_deref(), critical, "{text}");
        assert_eq!(m.unit, unit, "{text}");
    }
}

#[test]
fn metric_with_more_than_four_fields_is_rejected() {
    let err = metric_err("x=$.a;1;2;ms;extra");
    assert!(err.contains("too many ';' fields from 'extra'"), "{err}");
    let err = metric_err("x=$.a;1;2;ms;0;100");
    assert!(err.contains("too many ';' fields from '0;100'"), "{err}");
    let err = metric_err("x=$.a;1;2;ms;");
    assert!(err.contains("too many ';' fields"), "{err}");
}

#[test]
fn metric_accepts_every_nagios_unit() {
    for unit in UNITS {
        let (m, outcome) = judge_metric(&format!("x=$.a;;;{unit}"), &json!({"a": 5}));
        assert_eq!(m.unit, unit);
        assert_eq!(outcome.reason, format!("x 5{unit}"));
        assert_eq!(perfdata(&m, &outcome), format!("x=5{unit};;"));
    }
    assert_eq!(UNIT_LIST.split(", ").collect::<Vec<_>>(), UNITS);
}

#[test]
fn metric_rejects_unknown_and_wrongly_cased_units() {
    for unit in ["sec", "Ms", "kb", "b", "GB", "%%", "S"] {
        let err = metric_err(&format!("x=$.a;1;2;{unit}"));
        assert!(err.contains(&format!("unknown unit '{unit}'")), "{err}");
        assert!(err.contains("s, ms, us, %, B, KB, MB, TB, c"), "{err}");
    }
}

#[test]
fn metric_bad_warning_range_is_rejected_naming_the_warning_threshold() {
    let err = metric_err("x=$.a;2:1;5");
    assert!(err.contains("warning threshold"), "{err}");
    assert!(err.contains("greater than"), "{err}");
    let err = metric_err("x=$.a;abc");
    assert!(err.contains("warning threshold"), "{err}");
    assert!(err.contains("'abc'"), "{err}");
    assert!(!err.contains("critical"), "{err}");
}

#[test]
fn metric_bad_critical_range_is_rejected_naming_the_critical_threshold() {
    let err = metric_err("x=$.a;1;abc");
    assert!(err.contains("critical threshold"), "{err}");
    assert!(err.contains("'abc'"), "{err}");
    let err = metric_err("x=$.a;;2:1");
    assert!(err.contains("critical threshold"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let err = metric_err("x=$.a;1;0.5s");
    assert!(
        err.contains("critical threshold") && err.contains("without units"),
        "{err}"
    );
}

#[test]
fn metric_bad_jsonpath_is_rejected_naming_the_path() {
    for path in ["a.b", "$.", "$$", "$[?@.a ==]"] {
        let err = metric_err(&format!("x={path};1;2"));
        assert!(err.contains(&format!("bad JSONPath '{path}'")), "{err}");
        assert!(
            err.starts_with(&format!("invalid --metric 'x={path};1;2'")),
            "{err}"
        );
    }
}

#[test]
fn metric_unclosed_bracket_is_reported_with_its_position() {
    let err = metric_err("x=$.a[0;5;10");
    assert!(
        err.contains("unclosed bracket [ at character 4 in JSONPath '$.a[0;5;10'"),
        "{err}"
    );
    let err = metric_err("x=$[?(@.a;5");
    assert!(err.contains("unclosed bracket ( at character 4"), "{err}");
}

#[test]
fn metric_unclosed_quote_is_reported_with_its_position() {
    let err = metric_err("x=$['a;b;5");
    assert!(
        err.contains("unclosed quote ' at character 3 in JSONPath '$['a;b;5'"),
        "{err}"
    );
    // Characters, not bytes, are counted.
    let err = metric_err(r#"x=$.é["a;5"#);
    assert!(err.contains("unclosed quote \" at character 5"), "{err}");
}

#[test]
fn metric_unclosed_position_counts_within_the_path_shown_even_after_spaces() {
    // The message points into the path it quotes, so spaces between `=` and the path
    // must not shift the position.
    let err = metric_err("x =   $['a;5");
    assert!(
        err.contains("unclosed quote ' at character 3 in JSONPath '$['a;5'"),
        "{err}"
    );
    let err = metric_err("x= $.a[0");
    assert!(
        err.contains("unclosed bracket [ at character 4 in JSONPath '$.a[0'"),
        "{err}"
    );
}

#[test]
fn metric_error_names_the_flag_and_escapes_the_rule() {
    let err = Metric::parse("x=$.a;1;\u{1b}[31m", "--metric").unwrap_err();
    assert!(
        err.starts_with("invalid --metric 'x=$.a;1;\\u{1b}[31m'"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err}");
    // The range parser quotes the bad threshold; it must not carry a raw newline out.
    let err = Metric::parse("x=$.a;1\n2;5", "--metric").unwrap_err();
    assert!(
        err.contains("warning threshold: invalid range '1\\n2'"),
        "{err}"
    );
    assert!(!err.contains('\n'), "{err:?}");
    let err = "nolabel".parse::<Metric>().unwrap_err();
    assert!(err.starts_with("invalid --metric 'nolabel'"), "{err}");
}

// ---- Metric: evaluation -------------------------------------------------------------

#[test]
fn metric_within_thresholds_is_ok_with_value_perfdata() {
    let (m, outcome) = judge_metric("db_ms=$.db;100;500;ms", &json!({"db": 50}));
    assert_eq!(outcome.breach, Breach::None);
    assert_eq!(outcome.observed, "50");
    assert_eq!(outcome.expected, "warning 100, critical 500");
    assert_eq!(outcome.reason, "db_ms 50ms (warning 100, critical 500)");
    assert_eq!(perfdata(&m, &outcome), "db_ms=50ms;100;500");
}

#[test]
fn metric_above_warning_is_warning_naming_the_threshold() {
    let (m, outcome) = judge_metric("db_ms=$.db;100;500;ms", &json!({"db": 150}));
    assert_eq!(outcome.breach, Breach::Warning);
    assert_eq!(
        outcome.reason,
        "db_ms 150ms above the warning threshold 100"
    );
    assert_eq!(perfdata(&m, &outcome), "db_ms=150ms;100;500");
}

#[test]
fn metric_above_critical_is_critical_naming_the_threshold() {
    let (m, outcome) = judge_metric("db_ms=$.db;100;500;ms", &json!({"db": 600.5}));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(
        outcome.reason,
        "db_ms 600.5ms above the critical threshold 500"
    );
    assert_eq!(perfdata(&m, &outcome), "db_ms=600.5ms;100;500");
}

/// Each Nagios range form, as warning and as critical, at and around its bounds.
#[test]
fn metric_judges_every_nagios_range_form_with_inclusive_bounds() {
    let table: [(&str, &[(f64, bool)]); 5] = [
        (
            "10",
            &[
                (-1.0, true),
                (-0.001, true),
                (0.0, false),
                (5.0, false),
                (10.0, false),
                (10.001, true),
            ],
        ),
        (
            "10:",
            &[(9.99, true), (-5.0, true), (10.0, false), (1e12, false)],
        ),
        ("~:10", &[(10.01, true), (10.0, false), (-1e12, false)]),
        (
            "10:20",
            &[
                (9.9, true),
                (10.0, false),
                (15.0, false),
                (20.0, false),
                (20.1, true),
            ],
        ),
        (
            "@10:20",
            &[
                (9.9, false),
                (10.0, true),
                (15.0, true),
                (20.0, true),
                (20.1, false),
            ],
        ),
    ];
    for (range, cases) in table {
        for &(value, alerts) in cases {
            let body = json!({"v": value});
            let (_, as_warning) = judge_metric(&format!("x=$.v;{range}"), &body);
            let (_, as_critical) = judge_metric(&format!("x=$.v;;{range}"), &body);
            let (want_warning, want_critical) = if alerts {
                (Breach::Warning, Breach::Critical)
            } else {
                (Breach::None, Breach::None)
            };
            assert_eq!(
                as_warning.breach, want_warning,
                "warn {range} value {value}"
            );
            assert_eq!(
                as_critical.breach, want_critical,
                "crit {range} value {value}"
            );
        }
    }
}

#[test]
fn metric_reasons_name_the_side_crossed_or_the_inverted_range() {
    let body = |v: f64| json!({"v": v});
    let (_, o) = judge_metric("x=$.v;;10", &body(-1.0));
    assert_eq!(o.reason, "x -1 below the critical threshold 0");
    let (_, o) = judge_metric("x=$.v;10:", &body(9.0));
    assert_eq!(o.reason, "x 9 below the warning threshold 10");
    let (_, o) = judge_metric("x=$.v;;~:10;s", &body(10.5));
    assert_eq!(o.reason, "x 10.5s above the critical threshold 10");
    let (_, o) = judge_metric("x=$.v;;@10:20", &body(10.0));
    assert_eq!(o.reason, "x 10 inside the critical range @10:20");
    let (_, o) = judge_metric("x=$.v;@10:20", &body(20.0));
    assert_eq!(o.reason, "x 20 inside the warning range @10:20");
    let (_, o) = judge_metric("x=$.v;@10:20", &body(21.0));
    assert_eq!(o.reason, "x 21 (warning @10:20)");
}

#[test]
fn metric_critical_is_checked_before_warning() {
    // Both ranges alert on 60: critical wins.
    let (m, outcome) = judge_metric("x=$.v;@0:100;50", &json!({"v": 60}));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.reason, "x 60 above the critical threshold 50");
    assert_eq!(perfdata(&m, &outcome), "x=60;@100;50");
    // 7 breaks both `10:` and `~:5`: critical; with critical `~:8` only the warning breaks.
    let (_, outcome) = judge_metric("x=$.v;10:;~:5", &json!({"v": 7}));
    assert_eq!(outcome.breach, Breach::Critical);
    let (_, outcome) = judge_metric("x=$.v;10:;~:8", &json!({"v": 7}));
    assert_eq!(outcome.breach, Breach::Warning);
}

#[test]
fn metric_without_thresholds_is_always_ok_and_recorded() {
    for value in [json!(-1e9), json!(0), json!(1e9), json!(u64::MAX)] {
        let (m, outcome) = judge_metric("x=$.v", &json!({ "v": value }));
        assert_eq!(outcome.breach, Breach::None, "{value}");
        assert_eq!(outcome.expected, "no thresholds");
        assert_eq!(outcome.reason, format!("x {}", outcome.observed));
        assert_eq!(perfdata(&m, &outcome), format!("x={};;", outcome.observed));
    }
}

#[test]
fn metric_path_matching_nothing_is_critical_with_u_perfdata() {
    let (m, outcome) = judge_metric("db_ms=$.db;100;500;ms", &json!({"other": 1}));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "nothing");
    assert_eq!(outcome.expected, "warning 100, critical 500");
    assert_eq!(
        outcome.reason,
        "db_ms: $.db matched nothing in the body (its top-level keys are other): the service did not report it, or it is elsewhere (--explain shows the document)"
    );
    assert_eq!(perfdata(&m, &outcome), "db_ms=U;100;500");
}

#[test]
fn metric_path_matching_nothing_is_critical_even_without_thresholds() {
    let (m, outcome) = judge_metric("x=$.v", &json!([]));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.expected, "no thresholds");
    assert_eq!(perfdata(&m, &outcome), "x=U;;");
}

#[test]
fn metric_path_matching_two_nodes_is_critical_with_u_perfdata() {
    let (m, outcome) = judge_metric("x=$.a[*];1;2", &json!({"a": [1, 2]}));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "2 values");
    assert_eq!(outcome.reason, "x: $.a[*] matched 2 values, not one");
    assert_eq!(perfdata(&m, &outcome), "x=U;1;2");
}

#[test]
fn metric_numeric_string_is_critical_not_a_number() {
    let (m, outcome) = judge_metric("db_ms=$.db;100;500", &json!({"db": "12.5"}));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "\"12.5\"");
    assert_eq!(
        outcome.reason,
        "db_ms: $.db is a string, not a number (actual \"12.5\")"
    );
    assert_eq!(perfdata(&m, &outcome), "db_ms=U;100;500");
}

#[test]
fn metric_null_boolean_object_and_array_are_critical_naming_the_kind() {
    let cases = [
        (json!(null), "null", "null"),
        (json!(true), "a boolean", "true"),
        (json!({"ms": 5}), "an object", r#"{"ms":5}"#),
        (json!([5]), "an array", "[5]"),
    ];
    for (value, kind, shown) in cases {
        let (m, outcome) = judge_metric("x=$.v;;10;ms", &json!({ "v": value }));
        assert_eq!(outcome.breach, Breach::Critical, "{value}");
        assert_eq!(outcome.observed, shown);
        assert_eq!(
            outcome.reason,
            format!("x: $.v is {kind}, not a number (actual {shown})")
        );
        assert_eq!(perfdata(&m, &outcome), "x=U;;10");
    }
}

#[test]
fn metric_on_a_body_error_is_critical_with_the_reason() {
    let m = metric("db_ms=$.db;100;500;ms");
    let outcome = m.evaluate(Err(
        "the body is not JSON (expected value at line 1 column 1)",
    ));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "no JSON body");
    assert_eq!(outcome.expected, "warning 100, critical 500");
    assert_eq!(
        outcome.reason,
        "db_ms: $.db cannot apply: the body is not JSON (expected value at line 1 column 1)"
    );
    assert_eq!(perfdata(&m, &outcome), "db_ms=U;100;500");
}

#[test]
fn metric_perfdata_prints_numbers_as_the_json_gave_them() {
    let cases = [
        ("12", "12"),
        ("0", "0"),
        ("-7", "-7"),
        ("18446744073709551615", "18446744073709551615"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("0.25", "0.25"),
        ("1.0", "1"),
        ("100.50", "100.5"),
        ("1e21", "1000000000000000000000"),
        ("1e-7", "0.0000001"),
        ("-2.5e-3", "-0.0025"),
        ("0.1", "0.1"),
    ];
    for (text, printed) in cases {
        let body: Value = serde_json::from_str(&format!("{{\"v\": {text}}}")).unwrap();
        let (m, outcome) = judge_metric("n=$.v", &body);
        assert_eq!(outcome.observed, printed, "{text}");
        assert_eq!(perfdata(&m, &outcome), format!("n={printed};;"), "{text}");
        let value = outcome.perfdata.unwrap().value.unwrap();
        assert!(
            value
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '.'),
            "{text} -> {value}"
        );
    }
}

#[test]
fn format_number_matches_integers_exactly_and_floats_without_exponent() {
    let n = |text: &str| format_number(&serde_json::from_str::<Number>(text).unwrap());
    assert_eq!(n("9007199254740993"), "9007199254740993");
    assert_eq!(n("18446744073709551615"), "18446744073709551615");
    assert_eq!(n("1e21"), "1000000000000000000000");
    assert_eq!(n("1e-7"), "0.0000001");
    assert_eq!(n("-1e-7"), "-0.0000001");
    assert_eq!(n("1.0"), "1");
    assert_eq!(n("2.5"), "2.5");
    let huge = n("1.7976931348623157e308");
    assert_eq!(huge.len(), 309);
    assert!(huge.starts_with("17976931348623157") && huge.bytes().all(|b| b.is_ascii_digit()));
}

#[test]
fn metric_unit_is_appended_to_the_value_but_not_to_u() {
    let m = metric("t=$.t;1;2;s");
    let ok = m.evaluate(Ok(&json!({"t": 0.25})));
    assert_eq!(perfdata(&m, &ok), "t=0.25s;1;2");
    assert_eq!(ok.observed, "0.25");
    assert_eq!(ok.reason, "t 0.25s (warning 1, critical 2)");
    let missing = m.evaluate(Ok(&json!({})));
    assert_eq!(perfdata(&m, &missing), "t=U;1;2");
    let no_body = m.evaluate(Err("no complete body was received"));
    assert_eq!(perfdata(&m, &no_body), "t=U;1;2");
}

#[test]
fn metric_perfdata_label_is_quoted_and_sanitised_when_rendered() {
    let (m, outcome) = judge_metric("page file=$.v;;;%", &json!({"v": 5}));
    assert_eq!(m.label, "page file");
    assert_eq!(perfdata(&m, &outcome), "'page file'=5%;;");
    let (m, outcome) = judge_metric("it's=$.v", &json!({"v": 1}));
    assert_eq!(perfdata(&m, &outcome), "it_s=1;;");
}

#[test]
fn metric_huge_string_value_is_shown_cut_to_max_shown_chars() {
    let body = json!({"v": "x".repeat(100_000)});
    let (m, outcome) = judge_metric("x=$.v", &body);
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed.chars().count(), MAX_SHOWN_CHARS);
    assert!(
        outcome.observed.starts_with("\"xxx"),
        "{}",
        outcome.observed
    );
    assert!(outcome.observed.ends_with('…'), "{}", outcome.observed);
    assert!(
        outcome.reason.chars().count() < 2 * MAX_SHOWN_CHARS,
        "{}",
        outcome.reason
    );
    assert_eq!(perfdata(&m, &outcome), "x=U;;");
}

#[test]
fn metric_control_characters_in_values_and_labels_are_escaped() {
    let body = json!({"v": "a\nb\u{1b}[31m\u{202e}c\u{2028}d"});
    let (_, outcome) = judge_metric("x=$.v", &body);
    assert_clean(&outcome);
    assert!(outcome.observed.contains("\\n"), "{}", outcome.observed);
    assert!(
        outcome.observed.contains("\\u001b[31m"),
        "{}",
        outcome.observed
    );
    assert!(
        outcome.observed.contains("\\u{202e}"),
        "{}",
        outcome.observed
    );

    let (m, outcome) = judge_metric("a\u{1b}b=$.v;1", &json!({"v": 5}));
    assert_clean(&outcome);
    assert!(
        outcome.reason.starts_with("a\\u{1b}b 5"),
        "{}",
        outcome.reason
    );
    assert_eq!(perfdata(&m, &outcome), "a_b=5;1;");
}

// ---- Assertion: parsing -------------------------------------------------------------

#[test]
fn assertion_parses_every_operator_with_spaces() {
    let cases = [
        ("$.a == 1", Op::Eq),
        ("$.a != 1", Op::Ne),
        ("$.a < 1", Op::Lt),
        ("$.a <= 1", Op::Le),
        ("$.a > 1", Op::Gt),
        ("$.a >= 1", Op::Ge),
        ("$.a =~ ^x", Op::Matches),
        ("$.a exists", Op::Exists),
        ("$.a !exists", Op::NotExists),
    ];
    for (text, op) in cases {
        let rule = assertion(text);
        assert_eq!(rule.op, op, "{text}");
        assert_eq!(rule.path_text, "$.a", "{text}");
        assert_eq!(rule.text, text);
        assert_eq!(rule.to_string(), text);
    }
}

#[test]
fn assertion_operators_need_no_surrounding_spaces() {
    let cases = [
        ("$.a==1", Op::Eq),
        ("$.a!=1", Op::Ne),
        ("$.a<1", Op::Lt),
        ("$.a<=1", Op::Le),
        ("$.a>1", Op::Gt),
        ("$.a>=1", Op::Ge),
        ("$.a<-1", Op::Lt),
        ("$.a=~^x$", Op::Matches),
        ("$.a!exists", Op::NotExists),
    ];
    for (text, op) in cases {
        let rule = assertion(text);
        assert_eq!(rule.op, op, "{text}");
        assert_eq!(rule.path_text, "$.a", "{text}");
    }
    assert_eq!(value_of(&assertion("$.a<=1")), &json!(1));
    assert_eq!(value_of(&assertion("$.a<-1")), &json!(-1));
    assert_eq!(pattern_of(&assertion("$.a=~^x$")), "^x$");
}

#[test]
fn assertion_operator_characters_inside_filters_are_part_of_the_path() {
    let rule = assertion("$.checks[?@.status == 'fail'] !exists");
    assert_eq!(rule.op, Op::NotExists);
    assert_eq!(rule.path_text, "$.checks[?@.status == 'fail']");

    let rule = assertion("$[?@.a >= 2 && @.b != 'x<y'].c == 3");
    assert_eq!(rule.op, Op::Eq);
    assert_eq!(rule.path_text, "$[?@.a >= 2 && @.b != 'x<y'].c");
    assert_eq!(value_of(&rule), &json!(3));

    let rule = assertion("$['a==b'] != \"x\"");
    assert_eq!(rule.op, Op::Ne);
    assert_eq!(rule.path_text, "$['a==b']");

    let rule = assertion(r#"$["x exists"] exists"#);
    assert_eq!(rule.op, Op::Exists);
    assert_eq!(rule.path_text, r#"$["x exists"]"#);

    let rule = assertion("$[?(@.n < 3)].n > 0");
    assert_eq!(rule.op, Op::Gt);
    assert_eq!(rule.path_text, "$[?(@.n < 3)].n");
}

#[test]
fn assertion_exists_needs_whitespace_before_it() {
    let err = assertion_err("$.aexists");
    assert!(err.contains("no operator"), "{err}");
    let err = assertion_err("$.exists");
    assert!(err.contains("no operator"), "{err}");
    let rule = assertion("$.exists exists");
    assert_eq!((rule.op, rule.path_text.as_str()), (Op::Exists, "$.exists"));
    let rule = assertion("$.a.exists\texists");
    assert_eq!(
        (rule.op, rule.path_text.as_str()),
        (Op::Exists, "$.a.exists")
    );
    // The word must end there too.
    let err = assertion_err("$.a existsx");
    assert!(err.contains("no operator"), "{err}");
    let err = assertion_err("$.a !existsx");
    assert!(err.contains("no operator"), "{err}");
}

#[test]
fn assertion_values_are_parsed_as_json() {
    let cases = [
        (r#"$.a == "UP""#, json!("UP")),
        (r#"$.a == "two words""#, json!("two words")),
        ("$.a == 3", json!(3)),
        ("$.a == -2.5", json!(-2.5)),
        ("$.a == true", json!(true)),
        ("$.a == null", json!(null)),
        ("$.a == [1, 2]", json!([1, 2])),
        (r#"$.a == {"a": 1}"#, json!({"a": 1})),
        (r#"$.a != """#, json!("")),
    ];
    for (text, value) in cases {
        assert_eq!(value_of(&assertion(text)), &value, "{text}");
    }
}

#[test]
fn assertion_bare_words_are_strings() {
    for word in ["UP", "1.2.3", "True", "v1-beta", "NaN", "-", "UP'"] {
        let rule = assertion(&format!("$.a == {word}"));
        assert_eq!(value_of(&rule), &json!(word), "{word}");
    }
}

#[test]
fn assertion_broken_json_values_are_rejected() {
    for value in [r#""UP"#, "[1,", r#"{"a":"#, "[1 2]", r#""a" "b""#] {
        let err = assertion_err(&format!("$.a == {value}"));
        assert!(err.contains("is not valid JSON"), "{value}: {err}");
    }
}

#[test]
fn assertion_single_quoted_strings_are_rejected_with_a_hint() {
    let err = assertion_err("$.a == 'UP'");
    assert!(err.contains("value ''UP'' is not JSON"), "{err}");
    assert!(err.contains("double quotes"), "{err}");
}

#[test]
fn assertion_bare_words_with_spaces_are_rejected() {
    let err = assertion_err("$.status == all good");
    assert!(err.contains("not a bare word"), "{err}");
    let err = assertion_err("$.status != a\u{7}b");
    assert!(err.contains("not a bare word"), "{err}");
    assert!(!err.contains('\u{7}'), "{err}");
}

#[test]
fn assertion_orderings_need_a_number_value() {
    for op in ["<", "<=", ">", ">="] {
        for value in [r#""3""#, "UP", "null", "[1]", "true", "1.2.3"] {
            let err = assertion_err(&format!("$.a {op} {value}"));
            assert!(err.contains(&format!("'{op}' needs a number")), "{err}");
            assert!(err.contains("strings are not ordered"), "{err}");
        }
        assert_eq!(value_of(&assertion(&format!("$.a {op} 3"))), &json!(3));
    }
}

#[test]
fn assertion_missing_value_or_regex_is_rejected() {
    for op in ["==", "!=", "<", "<=", ">", ">="] {
        let err = assertion_err(&format!("$.a {op}  "));
        assert!(
            err.contains(&format!("missing value after '{op}'")),
            "{err}"
        );
    }
    let err = assertion_err("$.a =~");
    assert!(err.contains("missing regex after '=~'"), "{err}");
}

#[test]
fn assertion_junk_after_exists_is_rejected() {
    let err = assertion_err("$.a exists 1");
    assert!(err.contains("unexpected '1' after 'exists'"), "{err}");
    let err = assertion_err("$.a !exists == true");
    assert!(
        err.contains("unexpected '== true' after '!exists'"),
        "{err}"
    );
}

#[test]
fn assertion_without_operator_is_rejected_listing_the_operators() {
    for text in ["$.a", "$.a = 1", "$.a 1", "$.a ~= 1", "$.a =! 1"] {
        let err = assertion_err(text);
        assert!(err.contains("no operator"), "{text}: {err}");
        assert!(
            err.contains("==, !=, <, <=, >, >=, =~, exists, !exists"),
            "{err}"
        );
    }
}

#[test]
fn assertion_empty_rule_is_rejected() {
    for text in ["", "   ", "\t"] {
        let err = assertion_err(text);
        assert!(err.contains("empty rule"), "{text:?}: {err}");
    }
}

#[test]
fn assertion_missing_path_is_rejected() {
    let err = assertion_err("== 1");
    assert!(err.contains("missing JSONPath before '=='"), "{err}");
    let err = assertion_err("!exists");
    assert!(err.contains("missing JSONPath before '!exists'"), "{err}");
}

#[test]
fn assertion_bad_path_is_rejected_naming_it() {
    let err = assertion_err("a.b == 1");
    assert!(err.contains("bad JSONPath 'a.b'"), "{err}");
    let err = assertion_err("$.a] exists");
    assert!(err.contains("bad JSONPath '$.a]'"), "{err}");
}

#[test]
fn assertion_unclosed_bracket_or_quote_is_reported_with_its_position() {
    let err = assertion_err("$['a == 1");
    assert!(err.contains("unclosed quote ' at character 3"), "{err}");
    let err = assertion_err("$.a[0 == 1");
    assert!(err.contains("unclosed bracket [ at character 4"), "{err}");
    let err = assertion_err("$.a[?(@.b == 1] exists");
    assert!(err.contains("unclosed bracket"), "{err}");
}

#[test]
fn assertion_bad_regex_gives_a_one_line_message() {
    let err = assertion_err("$.a =~ (unclosed");
    assert!(err.contains("bad regex '(unclosed'"), "{err}");
    assert!(err.contains("unclosed group"), "{err}");
    assert!(!err.contains('\n'), "{err:?}");
    let err = assertion_err("$.a =~ x{2,1}");
    assert!(!err.contains('\n') && err.contains("bad regex"), "{err:?}");
}

#[test]
fn assertion_regex_may_be_a_json_string() {
    let rule = assertion(r#"$.a =~ "^a b$""#);
    assert_eq!(pattern_of(&rule), "^a b$");
    let rule = assertion(r#"$.a =~ "^\\d+\\.\\d+$""#);
    assert_eq!(pattern_of(&rule), r"^\d+\.\d+$");
    let err = assertion_err(r#"$.a =~ "^a b"#);
    assert!(err.contains("not a valid JSON string"), "{err}");
    let err = assertion_err(r#"$.a =~ "(""#);
    assert!(err.contains("bad regex '('"), "{err}");
}

#[test]
fn assertion_regex_is_the_rest_of_the_rule_as_written() {
    let rule = assertion(r"$.v =~ ^1\.[0-9]+ (beta|rc)$");
    assert_eq!(pattern_of(&rule), r"^1\.[0-9]+ (beta|rc)$");
    let rule = assertion("$.v =~ a == b");
    assert_eq!(pattern_of(&rule), "a == b");
}

#[test]
fn assertion_errors_name_the_flag_and_the_rule() {
    let err = Assertion::parse("  $.a  ", "--assert-warn").unwrap_err();
    assert!(err.starts_with("invalid --assert-warn '$.a': "), "{err}");
    let err = "$.a".parse::<Assertion>().unwrap_err();
    assert!(err.starts_with("invalid --assert '$.a': "), "{err}");
}

#[test]
fn assertion_expectation_shows_the_operator_and_compact_value() {
    let cases = [
        (r#"$.a == "UP""#, r#"== "UP""#),
        ("$.a==UP", r#"== "UP""#),
        ("$.a < 3", "< 3"),
        ("$.a != {\"b\": [1, 2]}", r#"!= {"b":[1,2]}"#),
        ("$.a =~ ^UP$", "=~ ^UP$"),
        ("$.a exists", "exists"),
        ("$.a !exists", "!exists"),
    ];
    for (text, expectation) in cases {
        assert_eq!(assertion(text).expectation(), expectation, "{text}");
    }
}

// ---- Assertion: evaluation ----------------------------------------------------------

#[test]
fn assert_eq_compares_numbers_by_value_at_any_depth() {
    assert!(passes("$.a == 3", &json!({"a": 3.0})));
    assert!(passes("$.a == 3.0", &json!({"a": 3})));
    assert!(passes("$.a == [3]", &json!({"a": [3.0]})));
    assert!(passes(
        r#"$.a == {"x": [1.0, {"y": 2}]}"#,
        &json!({"a": {"x": [1, {"y": 2.0}]}})
    ));
    assert!(passes("$.a == -0.0", &json!({"a": 0})));
    assert!(!passes("$.a == 3", &json!({"a": 3.5})));
    assert!(!passes("$.a == [3]", &json!({"a": [3, 3]})));
    assert!(!passes("$.a == [3, 4]", &json!({"a": [4, 3]})));
}

#[test]
fn assert_eq_ignores_object_key_order_but_not_keys() {
    let body = json!({"a": {"y": 2, "x": 1}});
    assert!(passes(r#"$.a == {"x": 1, "y": 2}"#, &body));
    assert!(!passes(r#"$.a == {"x": 1}"#, &body));
    assert!(!passes(r#"$.a == {"x": 1, "y": 2, "z": 3}"#, &body));
    assert!(!passes(r#"$.a == {"x": 1, "z": 2}"#, &body));
}

#[test]
fn assert_eq_does_not_coerce_types() {
    assert!(!passes("$.a == 1", &json!({"a": "1"})));
    assert!(!passes(r#"$.a == "1""#, &json!({"a": 1})));
    assert!(!passes("$.a == true", &json!({"a": 1})));
    assert!(!passes("$.a == null", &json!({"a": false})));
    assert!(passes("$.a == null", &json!({"a": null})));
    assert!(passes("$.a == UP", &json!({"a": "UP"})));
    assert!(!passes(r#"$.a == "UP""#, &json!({"a": "up"})));
    assert!(passes("$.v == 1.2.3", &json!({"v": "1.2.3"})));
}

#[test]
fn assert_ne_is_the_negation_of_eq() {
    assert!(passes(r#"$.a != "DOWN""#, &json!({"a": "UP"})));
    assert!(!passes(r#"$.a != "UP""#, &json!({"a": "UP"})));
    assert!(!passes("$.a != 3", &json!({"a": 3.0})));
    assert!(passes("$.a != 3", &json!({"a": "3"})));
    assert!(!passes(
        r#"$.a != {"p": 1, "q": 2}"#,
        &json!({"a": {"q": 2, "p": 1}})
    ));
}

#[test]
fn assert_orderings_compare_numbers_with_inclusive_or_strict_bounds() {
    let cases = [
        ("<", 2.0, true),
        ("<", 3.0, false),
        ("<", 4.0, false),
        ("<=", 2.0, true),
        ("<=", 3.0, true),
        ("<=", 3.5, false),
        (">", 4.0, true),
        (">", 3.0, false),
        (">", 2.0, false),
        (">=", 4.0, true),
        (">=", 3.0, true),
        (">=", 2.9, false),
    ];
    for (op, actual, pass) in cases {
        let rule = format!("$.a {op} 3");
        assert_eq!(
            passes(&rule, &json!({"a": actual})),
            pass,
            "{actual} {op} 3"
        );
    }
    assert!(passes("$.a < 0.5", &json!({"a": 0})));
    assert!(passes("$.a >= -1", &json!({"a": -1.0})));
}

#[test]
fn assert_orderings_compare_big_integers_exactly() {
    // As f64 these pairs are equal; the comparison must still tell them apart.
    assert!(passes(
        "$.a > 18446744073709551614",
        &json!({"a": u64::MAX})
    ));
    assert!(!passes(
        "$.a <= 18446744073709551614",
        &json!({"a": u64::MAX})
    ));
    assert!(passes(
        "$.a < 9007199254740993",
        &json!({"a": 9007199254740992_i64})
    ));
    assert!(!passes(
        "$.a == 9007199254740993",
        &json!({"a": 9007199254740992_i64})
    ));
    // Mixed i64 and u64.
    assert!(passes(
        "$.a < 18446744073709551615",
        &json!({"a": i64::MIN})
    ));
    assert!(passes("$.a > -1", &json!({"a": u64::MAX})));
    assert!(passes(
        "$.a >= -9223372036854775808",
        &json!({"a": i64::MIN})
    ));
    assert!(passes(
        "$.a > 9223372036854775807",
        &json!({"a": 9223372036854775808_u64})
    ));
}

#[test]
fn assert_ordering_on_a_non_number_fails_with_a_reason() {
    let outcome = check("$.a < 3", &json!({"a": "2"}));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "\"2\"");
    assert_eq!(
        outcome.reason,
        "$.a < 3 failed: actual \"2\" is a string, not a number"
    );
    for (value, kind) in [
        (json!(null), "null"),
        (json!(true), "a boolean"),
        (json!([1]), "an array"),
        (json!({"n": 1}), "an object"),
    ] {
        let outcome = check("$.a >= 0", &json!({ "a": value }));
        assert_eq!(outcome.breach, Breach::Critical, "{value}");
        assert!(
            outcome
                .reason
                .ends_with(&format!("is {kind}, not a number")),
            "{}",
            outcome.reason
        );
    }
}

#[test]
fn assert_regex_applies_to_string_content_unanchored() {
    assert!(passes("$.s =~ ^UP$", &json!({"s": "UP"})));
    assert!(!passes("$.s =~ ^UP$", &json!({"s": "UPX"})));
    assert!(passes("$.s =~ P", &json!({"s": "UPX"})));
    // Content, not the quoted JSON text.
    assert!(!passes("$.s =~ ^\"", &json!({"s": "UP"})));
    assert!(passes(r"$.v =~ ^1\.[0-9]+", &json!({"v": "1.42.0"})));
    assert!(!passes(r"$.v =~ ^1\.[0-9]+", &json!({"v": "10.2"})));
    assert!(passes(r#"$.s =~ "^a b$""#, &json!({"s": "a b"})));
}

#[test]
fn assert_regex_applies_to_compact_json_of_non_strings() {
    assert!(passes("$.v =~ ^true$", &json!({"v": true})));
    assert!(passes("$.v =~ ^3$", &json!({"v": 3})));
    assert!(passes(r"$.v =~ ^2\.5$", &json!({"v": 2.5})));
    assert!(passes("$.v =~ ^null$", &json!({"v": null})));
    assert!(passes(r#"$.v =~ ^\{"a":1\}$"#, &json!({"v": {"a": 1}})));
    assert!(passes(r"$.v =~ ^\[1,2\]$", &json!({"v": [1, 2]})));
    assert!(!passes("$.v =~ ^false$", &json!({"v": true})));
}

#[test]
fn assert_exists_passes_on_one_or_more_nodes_and_fails_on_none() {
    let body = json!({"a": 1, "list": [1, 2, 3], "empty": []});
    let one = check("$.a exists", &body);
    assert_eq!(one.breach, Breach::None);
    assert_eq!(one.observed, "1");
    assert_eq!(one.reason, "$.a exists passed: actual 1");
    let many = check("$.list[*] exists", &body);
    assert_eq!(many.breach, Breach::None);
    assert_eq!(many.observed, "3 values");
    assert_eq!(
        many.reason,
        "$.list[*] exists passed: the path matched 3 values"
    );
    let none = check("$.empty[*] exists", &body);
    assert_eq!(none.breach, Breach::Critical);
    assert_eq!(none.observed, "nothing");
    assert_eq!(
        none.reason,
        "$.empty[*] exists failed: the path matched nothing in the body (its top-level keys are a, list, empty)"
    );
    // A null node exists.
    assert!(passes("$.n exists", &json!({"n": null})));
}

#[test]
fn assert_not_exists_passes_only_on_no_nodes() {
    let body = json!({"a": 1, "list": [1, 2]});
    let none = check("$.b !exists", &body);
    assert_eq!(none.breach, Breach::None);
    assert_eq!(none.reason, "$.b !exists passed: the path matched nothing");
    let one = check("$.a !exists", &body);
    assert_eq!(one.breach, Breach::Critical);
    assert_eq!(one.reason, "$.a !exists failed: actual 1");
    let many = check("$.list[*] !exists", &body);
    assert_eq!(many.breach, Breach::Critical);
    assert_eq!(many.observed, "2 values");
}

#[test]
fn assert_filter_not_exists_finds_failing_checks() {
    let rule = "$.checks[?@.status == 'fail'] !exists";
    let healthy = json!({"checks": [{"status": "pass"}, {"status": "pass"}]});
    let failing = json!({"checks": [{"status": "pass"}, {"name": "db", "status": "fail"}]});
    assert!(passes(rule, &healthy));
    let outcome = check(rule, &failing);
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, r#"{"name":"db","status":"fail"}"#);
}

#[test]
fn assert_comparison_on_several_nodes_fails_saying_how_many() {
    let body = json!({"a": [1, 1]});
    for rule in [
        "$.a[*] == 1",
        "$.a[*] != 2",
        "$.a[*] < 5",
        "$.a[*] >= 0",
        "$.a[*] =~ 1",
    ] {
        let outcome = check(rule, &body);
        assert_eq!(outcome.breach, Breach::Critical, "{rule}");
        assert_eq!(outcome.observed, "2 values", "{rule}");
        assert!(
            outcome
                .reason
                .ends_with("failed: the path matched 2 values, not one"),
            "{}",
            outcome.reason
        );
    }
}

#[test]
fn assert_comparison_on_no_node_fails_saying_nothing_matched() {
    for rule in ["$.b == 1", "$.b != 1", "$.b > 0", "$.b =~ x"] {
        let outcome = check(rule, &json!({"a": 1}));
        assert_eq!(outcome.breach, Breach::Critical, "{rule}");
        assert_eq!(outcome.observed, "nothing");
        assert_eq!(
            outcome.reason,
            format!(
                "{rule} failed: the path matched nothing in the body (its top-level keys are a)"
            )
        );
    }
}

#[test]
fn assert_body_error_fails_every_assertion_including_not_exists() {
    for rule in [
        "$.a == 1",
        "$.a != 1",
        "$.a < 1",
        "$.a <= 1",
        "$.a > 1",
        "$.a >= 1",
        "$.a =~ x",
        "$.a exists",
        "$.a !exists",
    ] {
        let outcome = assertion(rule).evaluate(Err("the body is not JSON"), Breach::Critical);
        assert_eq!(outcome.breach, Breach::Critical, "{rule}");
        assert_eq!(outcome.observed, "no JSON body");
        assert_eq!(
            outcome.reason,
            format!("{rule} failed: the body is not JSON")
        );
        assert!(outcome.perfdata.is_none());
    }
    let outcome = assertion("$.a !exists").evaluate(Err("not read"), Breach::Warning);
    assert_eq!(outcome.breach, Breach::Warning);
}

#[test]
fn assert_failure_carries_the_severity_the_caller_passes() {
    let rule = assertion(r#"$.status == "UP""#);
    let down = json!({"status": "DOWN"});
    let up = json!({"status": "UP"});
    assert_eq!(
        rule.evaluate(Ok(&down), Breach::Warning).breach,
        Breach::Warning
    );
    assert_eq!(
        rule.evaluate(Ok(&down), Breach::Critical).breach,
        Breach::Critical
    );
    assert_eq!(rule.evaluate(Ok(&up), Breach::Warning).breach, Breach::None);
    assert_eq!(
        rule.evaluate(Ok(&up), Breach::Critical).breach,
        Breach::None
    );
    let nothing = json!({});
    assert_eq!(
        rule.evaluate(Ok(&nothing), Breach::Warning).breach,
        Breach::Warning
    );
}

#[test]
fn assert_reason_names_the_path_the_expectation_and_the_actual_value() {
    let failed = check(r#"$.status == "UP""#, &json!({"status": "DOWN"}));
    assert_eq!(failed.observed, r#""DOWN""#);
    assert_eq!(failed.expected, r#"== "UP""#);
    assert_eq!(failed.reason, r#"$.status == "UP" failed: actual "DOWN""#);
    assert!(failed.perfdata.is_none());
    let passed = check("$.status==UP", &json!({"status": "UP"}));
    assert_eq!(passed.reason, r#"$.status == "UP" passed: actual "UP""#);
    let ordered = check("$.queue < 10", &json!({"queue": 12}));
    assert_eq!(ordered.reason, "$.queue < 10 failed: actual 12");
    let matched = check("$.v =~ ^2", &json!({"v": "1.9"}));
    assert_eq!(matched.reason, r#"$.v =~ ^2 failed: actual "1.9""#);
}

// ---- Display bounds -----------------------------------------------------------------

#[test]
fn assert_huge_string_value_is_shown_cut_to_max_shown_chars() {
    let outcome = check(r#"$.a == "x""#, &json!({"a": "y".repeat(1_000_000)}));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed.chars().count(), MAX_SHOWN_CHARS);
    assert!(
        outcome.observed.starts_with("\"yyyy"),
        "{}",
        outcome.observed
    );
    assert!(outcome.observed.ends_with('…'), "{}", outcome.observed);
    assert!(
        outcome.reason.chars().count() < 2 * MAX_SHOWN_CHARS,
        "{}",
        outcome.reason
    );
    assert!(outcome.reason.ends_with('…'), "{}", outcome.reason);
}

#[test]
fn huge_multibyte_and_nested_values_are_cut_to_max_shown_chars() {
    let wide = json!({"a": "😀".repeat(10_000)});
    let outcome = check("$.a == 1", &wide);
    assert_eq!(outcome.observed.chars().count(), MAX_SHOWN_CHARS);
    assert!(outcome.observed.ends_with("😀…"), "{}", outcome.observed);
    assert!(
        !outcome.observed.contains('\u{fffd}'),
        "{}",
        outcome.observed
    );

    let array = json!({"a": (0..100_000).collect::<Vec<u32>>()});
    let outcome = check("$.a == 1", &array);
    assert_eq!(outcome.observed.chars().count(), MAX_SHOWN_CHARS);
    assert!(
        outcome.observed.starts_with("[0,1,2,3"),
        "{}",
        outcome.observed
    );

    // Exactly the limit is shown whole.
    let exact = "z".repeat(MAX_SHOWN_CHARS - 2);
    let outcome = check("$.a == 1", &json!({ "a": exact }));
    assert_eq!(outcome.observed, format!("\"{exact}\""));
}

#[test]
fn control_characters_in_values_are_escaped_never_raw() {
    let nasty = "a\nb\r\u{1b}[2J\u{7}\u{202e}\u{2028}\u{2066}c";
    let body = json!({"a": nasty, "k": {nasty: 1}});
    for rule in [
        "$.a == 1",
        "$.a exists",
        "$.a !exists",
        "$.a < 1",
        "$.a =~ ^$",
        "$.k == 2",
    ] {
        let outcome = check(rule, &body);
        assert_clean(&outcome);
    }
    let outcome = check("$.a == 1", &body);
    assert!(outcome.observed.contains(r"\n"), "{}", outcome.observed);
    assert!(outcome.observed.contains(r"\u001b"), "{}", outcome.observed);
    // Expected values and regexes with controls are escaped as well.
    let outcome = check(r#"$.a == "\u001b[31m""#, &body);
    assert_clean(&outcome);
    let outcome = check(r#"$.a =~ "\u001b\n""#, &body);
    assert_clean(&outcome);
    assert!(
        outcome.expected.starts_with("=~ \\u{1b}\\n"),
        "{}",
        outcome.expected
    );
}

// ---- Nesting guard ------------------------------------------------------------------

#[test]
fn parse_path_accepts_filters_nested_exactly_to_the_limit() {
    let path = nested_filters(MAX_FILTER_NESTING);
    let parsed = parse_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // Each level keeps the elements whose `a` member has a matching element inside.
    let mut body = json!({"a": 1});
    for _ in 0..MAX_FILTER_NESTING {
        body = json!([body]);
    }
    assert_eq!(parsed.query(&body).all().len(), 1);
    assert_eq!(parsed.query(&json!([[[1]]])).all().len(), 0);
    assert!(Metric::parse(&format!("x={path};1"), "--metric").is_ok());
    assert!(Assertion::parse(&format!("{path} exists"), "--assert").is_ok());
}

#[test]
fn parse_path_rejects_filters_nested_beyond_the_limit_quickly() {
    for depth in [MAX_FILTER_NESTING + 1, 20, 200] {
        let path = nested_filters(depth);
        let start = Instant::now();
        let err = parse_path(&path).unwrap_err();
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{depth}: {:?}",
            start.elapsed()
        );
        assert!(err.contains("filters more than 6 deep"), "{err}");
        assert!(err.chars().count() < 400, "{err}");
    }
    // The brief's shape: `@[?` repeated, with whatever ends it.
    let path = format!("$[?{}@.a{}]", "@[?".repeat(12), "]".repeat(12));
    let start = Instant::now();
    assert!(parse_path(&path).unwrap_err().contains("nests"));
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[test]
fn filters_count_only_while_open() {
    // Many filters side by side are not nested.
    let path = format!("$[?{}]", vec!["@[?@.a]"; 20].join(" || "));
    assert!(parse_path(&path).is_ok(), "{path}");
    // A `[?` inside a string literal is not a filter.
    let path = format!("$[?@.a == '{}']", "[?".repeat(20));
    assert!(parse_path(&path).is_ok(), "{path}");
}

#[test]
fn metric_and_assertion_reject_over_deep_filters_mentioning_the_nesting() {
    let path = nested_filters(MAX_FILTER_NESTING + 1);
    let start = Instant::now();
    let err = metric_err(&format!("x={path};1;2"));
    assert!(err.contains("filters more than 6 deep"), "{err}");
    let err = assertion_err(&format!("{path} exists"));
    assert!(err.contains("filters more than 6 deep"), "{err}");
    let err = assertion_err(&format!("{path} == 1"));
    assert!(err.contains("nests"), "{err}");
    // Unbalanced and huge: still rejected at once.
    let err = metric_err(&format!("x=$[?{}", "@[?".repeat(5_000)));
    assert!(err.contains("nests"), "{err}");
    // The rule is quoted once, and the explanation does not quote it again.
    assert_eq!(err.matches("$[?").count(), 1, "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn plain_bracket_nesting_beyond_max_nesting_is_rejected() {
    let deep = |n: usize| format!("$[?{}@.a{}]", "(".repeat(n), ")".repeat(n));
    // `[?` is one level, so this is exactly MAX_NESTING.
    assert!(parse_path(&deep(MAX_NESTING - 1)).is_ok());
    let err = parse_path(&deep(MAX_NESTING)).unwrap_err();
    assert!(err.contains("nests brackets more than 64 deep"), "{err}");
    let err = parse_path(&format!("${}", "[".repeat(10_000))).unwrap_err();
    assert!(err.contains("more than 64 deep"), "{err}");
    let err = metric_err(&format!("x={};1", deep(MAX_NESTING)));
    assert!(err.contains("more than 64 deep"), "{err}");
    let err = assertion_err(&format!("{} exists", deep(MAX_NESTING)));
    assert!(err.contains("more than 64 deep"), "{err}");
}

// ---- HeaderRule ---------------------------------------------------------------------

#[test]
fn a_path_ending_in_a_cut_unicode_escape_is_an_error_not_a_panic() {
    // Found by the `health` fuzz target (as --status-path): the JSONPath parser panicked.
    for text in ["$[\"\\u", "$['\\u", "$['\\uD800\\u", "$[\"a\\\\\\u"] {
        let err = parse_path(text).unwrap_err();
        assert!(err.contains("escape is cut short"), "{err}");
    }
    // --status-path, --component-path and --version-path take the path as typed.
    let err = crate::cli::parse_json_path(" $['\\u ").unwrap_err();
    assert!(err.contains("cut short"), "{err}");
    assert!(parse_path("$['\\u0041']").is_ok());
}

#[test]
fn header_rule_expectation_is_one_line() {
    // Found by the `rules` fuzz target: a control character in the regex reached the reason.
    let rule = HeaderRule::parse("content-type: ^applica5\0on/json").unwrap();
    assert_eq!(rule.expectation(), "content-type: ^applica5\\u{0}on/json");
    let outcome = rule.evaluate(&[header("content-type", "application/json")]);
    assert!(
        !outcome.reason.chars().any(char::is_control),
        "{}",
        outcome.reason
    );
}

fn header(name: &str, value: &str) -> (String, String) {
    (name.to_string(), value.to_string())
}

#[test]
fn header_rule_lower_cases_the_name_and_trims_the_pattern() {
    let rule = HeaderRule::parse("Content-Type:  ^application/json ").unwrap();
    assert_eq!(rule.name, "content-type");
    assert_eq!(rule.pattern.as_str(), "^application/json");
    assert_eq!(rule.expectation(), "content-type: ^application/json");
    // Only the first colon separates: the pattern may hold more.
    let rule: HeaderRule = "Location: ^https://example\\.test:8443/".parse().unwrap();
    assert_eq!(rule.name, "location");
    assert_eq!(rule.pattern.as_str(), "^https://example\\.test:8443/");
}

#[test]
fn header_rule_without_colon_is_rejected() {
    let err = HeaderRule::parse("Content-Type application/json").unwrap_err();
    assert!(err.starts_with("invalid --expect-header 'Content-Type application/json'"));
    assert!(err.contains("no ':'"), "{err}");
}

#[test]
fn header_rule_with_bad_name_is_rejected() {
    for (text, name) in [
        (": x", ""),
        ("Content Type: x", "Content Type"),
        ("X(1): y", "X(1)"),
    ] {
        let err = HeaderRule::parse(text).unwrap_err();
        assert!(
            err.contains(&format!("'{name}' is not a header name")),
            "{err}"
        );
    }
    let err = HeaderRule::parse("X\u{1b}: y").unwrap_err();
    assert!(
        !err.contains('\u{1b}') && err.contains("not a header name"),
        "{err:?}"
    );
}

#[test]
fn header_rule_with_bad_regex_is_rejected_on_one_line() {
    let err = HeaderRule::parse("X-A: (").unwrap_err();
    assert!(err.contains("bad regex '('"), "{err}");
    assert!(err.contains("unclosed group"), "{err}");
    assert!(!err.contains('\n'), "{err:?}");
}

#[test]
fn header_rule_matches_any_of_several_values() {
    let rule = HeaderRule::parse("Vary: ^Origin$").unwrap();
    let headers = [
        header("vary", "Accept"),
        header("content-type", "Origin"),
        header("vary", "Origin"),
    ];
    let outcome = rule.evaluate(&headers);
    assert_eq!(outcome.breach, Breach::None);
    assert_eq!(outcome.observed, "Origin");
    assert_eq!(outcome.expected, "vary: ^Origin$");
    assert_eq!(outcome.reason, "header vary: Origin");
    assert!(outcome.perfdata.is_none());
}

#[test]
fn header_rule_missing_header_is_critical_saying_missing() {
    let rule = HeaderRule::parse("X-Version: ^1\\.").unwrap();
    let outcome = rule.evaluate(&[header("content-type", "text/plain")]);
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "missing");
    assert_eq!(
        outcome.reason,
        "header x-version is missing (expected x-version: ^1\\.); the response has content-type"
    );
    assert_eq!(rule.evaluate(&[]).observed, "missing");
}

#[test]
fn header_rule_mismatch_is_critical_showing_the_actual_values() {
    let rule = HeaderRule::parse("Vary: ^Origin$").unwrap();
    let outcome = rule.evaluate(&[header("vary", "Accept"), header("vary", "Cookie")]);
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "Accept, Cookie");
    assert_eq!(
        outcome.reason,
        "header vary is 'Accept, Cookie', expected vary: ^Origin$"
    );
}

#[test]
fn header_rule_with_empty_pattern_only_needs_the_header_present() {
    let rule = HeaderRule::parse("X-Request-Id:").unwrap();
    assert_eq!(rule.name, "x-request-id");
    let present = rule.evaluate(&[header("x-request-id", "")]);
    assert_eq!(present.breach, Breach::None);
    let absent = rule.evaluate(&[header("x-request", "1")]);
    assert_eq!(absent.breach, Breach::Critical);
    assert_eq!(absent.observed, "missing");
}

#[test]
fn header_rule_values_are_escaped_and_bounded() {
    let rule = HeaderRule::parse("X-A: ^ok$").unwrap();
    let outcome = rule.evaluate(&[header("x-a", "bad\u{1b}[31m\r\nInjected: 1")]);
    assert_clean(&outcome);
    let outcome = rule.evaluate(&[header("x-a", &"v".repeat(10_000))]);
    assert_eq!(outcome.observed.chars().count(), MAX_SHOWN_CHARS);
    assert!(outcome.observed.ends_with('…'));
}

#[test]
fn header_rule_never_shows_a_credential_value_or_pattern() {
    let secret_value = "s3cr3t-value";
    let secret_pattern = "0ther-s3cr3t";
    let cases = [
        (
            "Authorization",
            "authorization",
            format!("Bearer {secret_value}"),
        ),
        (
            "Set-Cookie",
            "set-cookie",
            format!("sid={secret_value}; Path=/"),
        ),
        ("X-Api-Key", "x-api-key", secret_value.to_string()),
    ];
    for (name, lower, value) in cases {
        let mismatch = HeaderRule::parse(&format!("{name}: ^Bearer {secret_pattern}$")).unwrap();
        let exact = HeaderRule::parse(&format!("{name}: {}", regex::escape(&value))).unwrap();
        let missing = mismatch.evaluate(&[]);
        assert!(missing.reason.contains("missing"), "{}", missing.reason);
        for outcome in [
            mismatch.evaluate(&[header(lower, &value)]),
            exact.evaluate(&[header(lower, &value)]),
            missing,
            exact.evaluate(&[]),
        ] {
            for field in [&outcome.observed, &outcome.expected, &outcome.reason] {
                assert!(!field.contains(secret_value), "{name}: {field}");
                assert!(!field.contains(secret_pattern), "{name}: {field}");
                assert!(!field.contains("s3cr3t"), "{name}: {field}");
            }
        }
        assert!(!mismatch.expectation().contains(secret_pattern));
        assert!(!exact.expectation().contains(secret_value));
    }
    let rule = HeaderRule::parse("Authorization: ^Bearer ").unwrap();
    let outcome = rule.evaluate(&[header("authorization", "Bearer abc.def")]);
    assert_eq!(outcome.breach, Breach::None);
    assert_eq!(outcome.observed, "Bearer ***");
    assert_eq!(outcome.reason, "header authorization: Bearer ***");
}

// ---- BodyRule -----------------------------------------------------------------------

#[test]
fn body_rule_matches_anywhere_in_the_body() {
    let rule = BodyRule::parse("ok").unwrap();
    let outcome = rule.evaluate(Ok(b"status: ok\n"));
    assert_eq!(outcome.breach, Breach::None);
    assert_eq!(outcome.observed, "matches");
    assert_eq!(outcome.expected, "=~ ok");
    assert_eq!(outcome.reason, "body matches ok");
    assert!(outcome.perfdata.is_none());
    let anchored: BodyRule = "^ok$".parse().unwrap();
    assert_eq!(anchored.evaluate(Ok(b"not ok")).breach, Breach::Critical);
}

#[test]
fn body_rule_mismatch_shows_the_start_of_the_body_on_one_line() {
    let rule = BodyRule::parse("^ok$").unwrap();
    let outcome = rule.evaluate(Ok(b"  line one\n\tline two\r\n\x1b[31m"));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "line one line two [31m");
    assert_eq!(
        outcome.reason,
        "body does not match ^ok$ (it starts 'line one line two [31m')"
    );
    assert_clean(&outcome);
    let long = "word ".repeat(10_000);
    let outcome = rule.evaluate(Ok(long.as_bytes()));
    assert_eq!(outcome.observed.chars().count(), 60);
    assert!(outcome.observed.ends_with('…'));
}

#[test]
fn body_rule_matches_invalid_utf8_lossily() {
    let body: &[u8] = b"\xff\xfeready\xc3 now";
    assert_eq!(
        BodyRule::parse("ready").unwrap().evaluate(Ok(body)).breach,
        Breach::None
    );
    assert_eq!(
        BodyRule::parse("^\u{fffd}\u{fffd}ready\u{fffd} now$")
            .unwrap()
            .evaluate(Ok(body))
            .breach,
        Breach::None
    );
    let outcome = BodyRule::parse("^missing").unwrap().evaluate(Ok(body));
    assert_eq!(outcome.breach, Breach::Critical);
    assert!(outcome.observed.contains("ready"), "{}", outcome.observed);
}

#[test]
fn body_rule_on_a_body_error_is_critical_with_the_reason() {
    let outcome = BodyRule::parse("ok")
        .unwrap()
        .evaluate(Err("no complete body was received"));
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "no body");
    assert_eq!(
        outcome.reason,
        "body cannot be matched against ok: no complete body was received"
    );
}

#[test]
fn body_rule_bad_regex_is_rejected_on_one_line() {
    let err = BodyRule::parse("(").unwrap_err();
    assert!(err.starts_with("invalid --expect-body '(': "), "{err}");
    assert!(
        err.contains("unclosed group") && !err.contains('\n'),
        "{err:?}"
    );
}

#[test]
fn unjudged_outcome_is_critical_without_perfdata() {
    let outcome = RuleOutcome::unjudged("x: y".into(), "no response".into());
    assert_eq!(outcome.breach, Breach::Critical);
    assert_eq!(outcome.observed, "not judged");
    assert_eq!(outcome.expected, "x: y");
    assert_eq!(outcome.reason, "no response");
    assert!(outcome.perfdata.is_none());
}

/// Properties of the rule grammar over generated input: parsing never panics (multibyte text
/// included, which the byte-offset scanner must never cut inside a character), and evaluation
/// over any JSON value never panics and keeps every reason on one bounded line.
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Rule-like text: JSONPath punctuation, operators, quotes, escapes and multibyte letters.
    const RULE_LIKE: &str = "[$.@?*a-zé日🚀 \\[\\]()'\"\\\\=!<>~;:,0-9]{0,40}";

    /// Any JSON value, a few levels deep, with multibyte and control characters in strings.
    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "[a-zé日🚀\\n\\u{1b}\\u{202e} ]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-c]|status|é|日", inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn metric_parse_never_panics_on_any_text(text in any::<String>()) {
            let _ = Metric::parse(&text, "--metric");
        }

        #[test]
        fn assertion_parse_never_panics_on_any_text(text in any::<String>()) {
            let _ = Assertion::parse(&text, "--assert");
        }

        #[test]
        fn rules_never_panic_on_rule_like_text(text in RULE_LIKE) {
            for result in [
                Metric::parse(&text, "--metric").map(|_| ()),
                Metric::parse(&format!("x={text}"), "--metric").map(|_| ()),
                Assertion::parse(&text, "--assert").map(|_| ()),
                Assertion::parse(&format!("$.a {text}"), "--assert").map(|_| ()),
                HeaderRule::parse(&text).map(|_| ()),
                BodyRule::parse(&text).map(|_| ()),
                parse_path(&text).map(|_| ()),
            ] {
                if let Err(err) = result {
                    prop_assert!(!err.contains('\n'), "{err:?}");
                }
            }
        }

        #[test]
        fn scan_stops_only_on_char_boundaries(text in RULE_LIKE) {
            let mut asked = Vec::new();
            let found = scan(&text, |at| {
                asked.push(at);
                text[at..].starts_with(';')
            });
            for at in asked {
                prop_assert!(text.is_char_boundary(at), "{text:?} at {at}");
                let _ = operator_at(&text, at);
            }
            match found {
                Scan::Found(at) => prop_assert!(text[at..].starts_with(';')),
                Scan::Unclosed(what) => prop_assert!(what.contains("at character")),
                Scan::End | Scan::TooDeep => {}
            }
        }

        #[test]
        fn operator_at_never_panics_at_any_char_boundary(text in RULE_LIKE) {
            for (at, _) in text.char_indices() {
                let _ = operator_at(&text, at);
            }
        }

        #[test]
        fn evaluation_never_panics_and_reasons_stay_one_bounded_line(body in json()) {
            let metrics = ["x=$.a;1;2", "x=$..status;~:0;@1:2;ms", "x=$[0]", "x=$.*"];
            for text in metrics {
                let outcome = metric(text).evaluate(Ok(&body));
                assert_clean(&outcome);
            }
            let asserts = [
                "$.status == UP", "$.a != [1,2]", "$..a < 3", "$.b >= -1.5", "$.* =~ é|日",
                "$.c exists", "$..status !exists", "$[?@.status == 'down'] !exists",
            ];
            for text in asserts {
                for severity in [Breach::Critical, Breach::Warning] {
                    let outcome = assertion(text).evaluate(Ok(&body), severity);
                    assert_clean(&outcome);
                    prop_assert!(outcome.reason.chars().count() <= 3 * MAX_SHOWN_CHARS + 100);
                }
            }
        }
    }
}
