//! JSON rules over a response body: `--metric` (a number judged with Nagios ranges and emitted as
//! perfdata) and `--assert` / `--assert-warn` (a comparison that must hold). Pure: rules are
//! parsed from their command-line text and evaluated against an already parsed body.
//!
//! # `--metric 'LABEL=JSONPATH;WARN;CRIT[;UOM]'`
//!
//! - LABEL is everything before the first `=`, trimmed; it must not be empty and must not start
//!   with `$` (that is a JSONPath with the label forgotten).
//! - JSONPATH is RFC 9535 (serde_json_path) and runs up to the first `;` outside brackets,
//!   parentheses and quotes, so `$['a;b']` and filters with `;` in strings work.
//! - WARN and CRIT are Nagios ranges (`crate::range`: `10`, `10:`, `~:10`, `10:20`, `@10:20`);
//!   either may be empty, and trailing fields may be omitted (`x=$.a` and `x=$.a;5` are valid),
//!   as perfdata allows. No thresholds means the metric is always OK: it is recorded only.
//! - UOM is one of the Nagios units `s ms us % B KB MB TB c` (case-sensitive) or empty.
//! - The path must match exactly one node and that node must be a JSON number. A numeric string
//!   such as `"12.5"` is *not* accepted: services emit numbers as JSON numbers, and a string is
//!   a sign the path points at the wrong thing. Zero nodes, several nodes, a non-number or a
//!   body that is not JSON are all CRITICAL (the service failed to report what it should), with
//!   perfdata value `U`.
//!
//! Perfdata is `LABEL=VALUE[UOM];WARN;CRIT`: ranges in canonical `Range` display form, empty
//! when unset (`data=5;;`, as Monitoring::Plugin prints it). `'` and `=` (and control
//! characters) in the label become `_`; the label is single-quoted only when it contains a
//! character outside `[A-Za-z0-9_.-]`. `U` is printed without the unit. Numbers print as the
//! JSON gave them: integers exactly (`12`, `18446744073709551615`), floats in their shortest
//! round-trip form without an exponent (`1.0` -> `1`, `0.25`, `1e21` ->
//! `1000000000000000000000`, `1e-7` -> `0.0000001`), because perfdata values may only contain
//! `[-0-9.]`; the longest possible float is a few hundred digits.
//!
//! # `--assert 'JSONPATH OP VALUE'`, `--assert 'JSONPATH exists'`, `--assert 'JSONPATH !exists'`
//!
//! - The operator is the first of `==` `!=` `<=` `>=` `<` `>` `=~` `!exists` found outside
//!   brackets, parentheses and quotes, or the word `exists` after whitespace there. A JSONPath
//!   has no operator characters at that level (filters live in `[...]`), so
//!   `$.checks[?@.status == 'fail'] !exists` splits after the `]`, and spaces around the
//!   operator are optional (`$.a==1`).
//! - VALUE is JSON (`"UP"`, `3`, `true`, `null`, `[1,2]`, `{"a":1}`); otherwise a bare word is
//!   taken as a string (`UP`, `1.2.3`, `True`). A bare word has no whitespace and does not start
//!   with `"`, `'`, `[` or `{`, so broken JSON (`"UP`, `[1,`) and single-quoted strings are
//!   errors rather than surprising strings.
//! - `==` / `!=` compare JSON values; numbers compare numerically at any depth (`3 == 3.0`,
//!   `[3] == [3.0]`); object key order does not matter.
//! - `<` `<=` `>` `>=` need a number on both sides. Strings are *not* ordered: lexicographic
//!   order silently misorders versions (`"1.10" < "1.9"`) and numbers in strings, and a wrong
//!   answer is worse than an error. A non-number VALUE is a parse error; a non-number actual
//!   value fails the assertion.
//! - `=~ REGEX` is an unanchored regex (Rust `regex` syntax; anchor with `^...$`). The regex is
//!   the rest of the rule as written (`=~ ^1\.[0-9]+`), or a JSON string when it starts with `"`
//!   (`=~ "^a b$"`). It applies to a string's content, and to the compact JSON text of any other
//!   value (`true`, `3`, `null`, `{"a":1}`).
//! - Every operator except `exists` / `!exists` needs the path to match exactly one node; zero
//!   or several nodes fail and the reason says which. `exists` passes on one or more nodes,
//!   `!exists` on none. On a body that is not JSON every assertion fails, `!exists` included.
//! - A failed assertion has the severity the caller passes (`--assert` CRITICAL,
//!   `--assert-warn` WARNING).
//!
//! Values from the network are shown as compact JSON, with control and bidi characters escaped
//! and cut to [`MAX_SHOWN_CHARS`] characters with `…`, so every reason stays one bounded line.

use std::cmp::Ordering;
use std::fmt;
use std::io;
use std::str::FromStr;

use regex::Regex;
use serde_json::{Number, Value};
use serde_json_path::JsonPath;

use crate::perfdata::Perfdata;
use crate::range::{Breach, Range, judge};
use crate::text::{escaped, one_line};

/// The Nagios units of measurement a `--metric` may carry.
pub const UNITS: [&str; 9] = ["s", "ms", "us", "%", "B", "KB", "MB", "TB", "c"];
const UNIT_LIST: &str = "s, ms, us, %, B, KB, MB, TB, c";
const OPERATOR_LIST: &str = "==, !=, <, <=, >, >=, =~, exists, !exists";
const METRIC_SYNTAX: &str = "LABEL=JSONPATH;WARN;CRIT[;UOM]";
const ASSERT_SYNTAX: &str = "'JSONPATH OP VALUE', 'JSONPATH exists' or 'JSONPATH !exists'";

/// Longest value (or path) shown in a reason, in characters, the ellipsis included.
pub const MAX_SHOWN_CHARS: usize = 120;

/// Deepest bracket nesting accepted in a JSONPath; far beyond any real rule, and it keeps the
/// recursive-descent JSONPath parser well inside the stack.
const MAX_NESTING: usize = 64;

/// Deepest nesting of filters (`[?...]` inside `[?...]`) accepted. The JSONPath parser
/// backtracks, and its time grows about fourfold with each nested filter (12 levels take a
/// tenth of a second, 18 take ten seconds), so a typo must not turn into a hang. Real rules
/// nest one or two.
const MAX_FILTER_NESTING: usize = 6;

/// The outcome of one rule on one JSON body (or on no JSON body at all).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleOutcome {
    /// `None` when the rule holds; for assertions otherwise the caller-given severity.
    pub breach: Breach,
    /// The actual value as compact JSON (strings quoted), or "nothing", "3 values", "no JSON body".
    pub observed: String,
    /// What the rule wants: `== "UP"`, `exists`, `warning 100, critical 500`, `no thresholds`.
    pub expected: String,
    /// One line for a human, naming the rule, the expectation and what was found.
    pub reason: String,
    /// Metrics only: `LABEL=VALUE[UOM];WARN;CRIT`, value `U` when it could not be determined.
    pub perfdata: Option<Perfdata>,
    /// The rule could not be judged (it would have cost more than [`budget::MAX_VISITED`]):
    /// UNKNOWN whatever its severity.
    pub unknown: bool,
}

impl RuleOutcome {
    /// A rule that could not be applied at all (no response arrived): failed, with `reason`.
    pub fn unjudged(expected: String, reason: String) -> RuleOutcome {
        RuleOutcome {
            breach: Breach::Critical,
            observed: "not judged".into(),
            expected,
            reason,
            perfdata: None,
            unknown: false,
        }
    }

    /// A rule over budget: not evaluated, UNKNOWN, and the reason names it.
    fn over_budget(rule: &str, expected: String, why: &str, perfdata: Option<Perfdata>) -> Self {
        RuleOutcome {
            breach: Breach::Critical,
            observed: "not evaluated".into(),
            expected,
            reason: format!("{rule} not evaluated: {why}"),
            perfdata,
            unknown: true,
        }
    }
}

/// One `--metric` rule.
#[derive(Debug, Clone)]
pub struct Metric {
    /// The label as written (trimmed); sanitised only when printed.
    pub label: String,
    pub path: JsonPath,
    /// The JSONPath as written (trimmed), for messages.
    pub path_text: String,
    pub warning: Option<Range>,
    pub critical: Option<Range>,
    /// One of [`UNITS`], or empty.
    pub unit: String,
    /// The whole rule as written (trimmed).
    pub text: String,
}

impl Metric {
    /// Parses a metric rule; `flag` names the option in error messages (`--metric`).
    pub fn parse(text: &str, flag: &str) -> Result<Metric, String> {
        let text = text.trim();
        let fail = |why: String| format!("invalid {flag} '{}': {why}", escaped(text));
        let missing_label = || fail(format!("missing label (write {METRIC_SYNTAX})"));
        let Some((label, rest)) = text.split_once('=') else {
            return Err(missing_label());
        };
        let label = label.trim();
        if label.is_empty() || label.starts_with('$') {
            return Err(missing_label());
        }
        // Trimmed before the scan, so an unclosed position counts within the path shown.
        let rest = rest.trim_start();
        let (path_text, fields) = match scan(rest, |at| rest[at..].starts_with(';')) {
            Scan::Found(at) => (&rest[..at], Some(&rest[at + 1..])),
            Scan::End => (rest, None),
            Scan::Unclosed(open) => {
                return Err(fail(format!(
                    "unclosed {open} in JSONPath '{}'",
                    escaped(rest.trim())
                )));
            }
            Scan::TooDeep => return Err(fail(too_deep())),
        };
        let path_text = path_text.trim();
        if path_text.is_empty() {
            return Err(fail(format!(
                "missing JSONPath after '{}=' (write {METRIC_SYNTAX})",
                escaped(label)
            )));
        }
        let path = parse_path(path_text).map_err(&fail)?;
        let fields: Vec<&str> = fields
            .map(|f| f.split(';').map(str::trim).collect())
            .unwrap_or_default();
        if fields.len() > 3 {
            return Err(fail(format!(
                "too many ';' fields from '{}' on (write {METRIC_SYNTAX})",
                escaped(fields[3..].join(";").as_str())
            )));
        }
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let range = |i: usize, name: &str| -> Result<Option<Range>, String> {
            match field(i) {
                "" => Ok(None),
                text => text
                    .parse::<Range>()
                    .map(Some)
                    .map_err(|e| fail(format!("{name} threshold: {}", escaped(&e.to_string())))),
            }
        };
        let warning = range(0, "warning")?;
        let critical = range(1, "critical")?;
        let unit = field(2);
        if !unit.is_empty() && !UNITS.contains(&unit) {
            return Err(fail(format!(
                "unknown unit '{}' (use {UNIT_LIST})",
                escaped(unit)
            )));
        }
        Ok(Metric {
            label: label.to_string(),
            path,
            path_text: path_text.to_string(),
            warning,
            critical,
            unit: unit.to_string(),
            text: text.to_string(),
        })
    }

    /// Extracts and judges the metric. `body` is the JSON body, or why there is none.
    pub fn evaluate(&self, body: Result<&Value, &str>) -> RuleOutcome {
        let label = one_line(&self.label, MAX_SHOWN_CHARS);
        let path = one_line(&self.path_text, MAX_SHOWN_CHARS);
        let expected = self.thresholds();
        let undetermined = |observed: String, reason: String| RuleOutcome {
            breach: Breach::Critical,
            observed,
            expected: expected.clone(),
            reason,
            perfdata: Some(self.perfdata(None)),
            unknown: false,
        };
        let body = match body {
            Ok(body) => body,
            Err(why) => {
                return undetermined(
                    "no JSON body".into(),
                    format!("{label}: {path} cannot apply: {why}"),
                );
            }
        };
        if let Err(why) = budget::check(budget::descendant_segments(&self.path_text), body) {
            return RuleOutcome::over_budget(
                &format!("{label}: {path}"),
                expected,
                &why,
                Some(self.perfdata(None)),
            );
        }
        let nodes = self.path.query(body).all();
        let node = match nodes.as_slice() {
            [node] => *node,
            [] => {
                return undetermined(
                    "nothing".into(),
                    format!(
                        "{label}: {path} matched nothing in the body ({}): the service did not \
                         report it, or it is elsewhere (--explain shows the document)",
                        crate::text::serde_json_top(body)
                    ),
                );
            }
            many => {
                return undetermined(
                    format!("{} values", many.len()),
                    format!("{label}: {path} matched {} values, not one", many.len()),
                );
            }
        };
        let Some((number, value)) = node
            .as_number()
            .and_then(|n| Some((format_number(n), n.as_f64()?)))
        else {
            let shown = show(node);
            return undetermined(
                shown.clone(),
                format!(
                    "{label}: {path} is {}, not a number (actual {shown})",
                    kind(node)
                ),
            );
        };
        let breach = judge(value, self.warning.as_ref(), self.critical.as_ref());
        let (range, level) = match breach {
            Breach::Critical => (self.critical.as_ref(), "critical"),
            Breach::Warning => (self.warning.as_ref(), "warning"),
            Breach::None => (None, ""),
        };
        let shown = format!(
            "{label} {}{}",
            one_line(&number, MAX_SHOWN_CHARS),
            self.unit
        );
        let reason = match range.and_then(|r| r.violation(value)) {
            Some(violation) => match violation.split_once(' ') {
                Some(("inside", range)) => format!("{shown} inside the {level} range {range}"),
                Some((side, bound)) => format!("{shown} {side} the {level} threshold {bound}"),
                None => format!("{shown} {violation}"),
            },
            None if self.warning.is_none() && self.critical.is_none() => shown,
            None => format!("{shown} ({expected})"),
        };
        RuleOutcome {
            breach,
            observed: one_line(&number, MAX_SHOWN_CHARS),
            expected,
            reason,
            perfdata: Some(self.perfdata(Some(number))),
            unknown: false,
        }
    }

    /// `warning 100, critical 500`, either part alone, or `no thresholds`.
    fn thresholds(&self) -> String {
        let parts: Vec<String> = [("warning", &self.warning), ("critical", &self.critical)]
            .into_iter()
            .filter_map(|(name, r)| r.as_ref().map(|r| format!("{name} {r}")))
            .collect();
        if parts.is_empty() {
            "no thresholds".into()
        } else {
            parts.join(", ")
        }
    }

    /// The perfdata item for `value` (a formatted number, or `None` for `U`).
    fn perfdata(&self, value: Option<String>) -> Perfdata {
        Perfdata {
            warning: self.warning.clone(),
            critical: self.critical.clone(),
            ..Perfdata::new(self.label.clone(), value, self.unit.clone())
        }
    }
}

impl FromStr for Metric {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Metric::parse(text, "--metric")
    }
}

impl fmt::Display for Metric {
    /// The rule as written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// An assertion operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Matches,
    Exists,
    NotExists,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Matches => "=~",
            Op::Exists => "exists",
            Op::NotExists => "!exists",
        }
    }

    fn is_ordering(self) -> bool {
        matches!(self, Op::Lt | Op::Le | Op::Gt | Op::Ge)
    }
}

/// What an assertion compares against.
#[derive(Debug, Clone)]
pub enum Expected {
    /// `exists` / `!exists`.
    Nothing,
    /// `==`, `!=`, and (always a number) the orderings.
    Value(Value),
    /// `=~`.
    Pattern(Regex),
}

/// One `--assert` / `--assert-warn` rule.
#[derive(Debug, Clone)]
pub struct Assertion {
    pub path: JsonPath,
    /// The JSONPath as written (trimmed), for messages.
    pub path_text: String,
    pub op: Op,
    pub expected: Expected,
    /// The whole rule as written (trimmed).
    pub text: String,
}

impl Assertion {
    /// Parses an assertion; `flag` names the option in error messages (`--assert`,
    /// `--assert-warn`).
    pub fn parse(text: &str, flag: &str) -> Result<Assertion, String> {
        let text = text.trim();
        let fail = |why: String| format!("invalid {flag} '{}': {why}", escaped(text));
        if text.is_empty() {
            return Err(fail(format!("empty rule (write {ASSERT_SYNTAX})")));
        }
        let mut op = None;
        let at = match scan(text, |at| {
            op = operator_at(text, at);
            op.is_some()
        }) {
            Scan::Found(at) => at,
            Scan::End => return Err(fail(format!("no operator (use {OPERATOR_LIST})"))),
            Scan::Unclosed(open) => {
                return Err(fail(format!(
                    "no operator outside the JSONPath: unclosed {open} (use {OPERATOR_LIST} after the path)"
                )));
            }
            Scan::TooDeep => return Err(fail(too_deep())),
        };
        let Some(op) = op else {
            return Err(fail(format!("no operator (use {OPERATOR_LIST})")));
        };
        let symbol = op.symbol();
        let path_text = text[..at].trim();
        let value_text = text[at + symbol.len()..].trim();
        if path_text.is_empty() {
            return Err(fail(format!("missing JSONPath before '{symbol}'")));
        }
        let path = parse_path(path_text).map_err(&fail)?;
        let expected = match op {
            Op::Exists | Op::NotExists => {
                if !value_text.is_empty() {
                    return Err(fail(format!(
                        "unexpected '{}' after '{symbol}'",
                        escaped(value_text)
                    )));
                }
                Expected::Nothing
            }
            _ if value_text.is_empty() => {
                let what = if op == Op::Matches { "regex" } else { "value" };
                return Err(fail(format!("missing {what} after '{symbol}'")));
            }
            Op::Matches => Expected::Pattern(parse_regex(value_text).map_err(&fail)?),
            _ => {
                let value = parse_value(value_text).map_err(&fail)?;
                if op.is_ordering() && !value.is_number() {
                    return Err(fail(format!(
                        "'{symbol}' needs a number, not {} (strings are not ordered)",
                        show(&value)
                    )));
                }
                Expected::Value(value)
            }
        };
        Ok(Assertion {
            path,
            path_text: path_text.to_string(),
            op,
            expected,
            text: text.to_string(),
        })
    }

    /// `== "UP"`, `< 3`, `=~ ^UP$`, `exists`, `!exists`.
    pub fn expectation(&self) -> String {
        let symbol = self.op.symbol();
        match &self.expected {
            Expected::Nothing => symbol.to_string(),
            Expected::Value(value) => format!("{symbol} {}", show(value)),
            Expected::Pattern(re) => format!("{symbol} {}", one_line(re.as_str(), MAX_SHOWN_CHARS)),
        }
    }

    /// Checks the assertion against the JSON body (or why there is none). A failure carries
    /// `severity`.
    pub fn evaluate(&self, body: Result<&Value, &str>, severity: Breach) -> RuleOutcome {
        let expected = self.expectation();
        let rule = format!("{} {expected}", one_line(&self.path_text, MAX_SHOWN_CHARS));
        let outcome = |pass: bool, observed: String, detail: String| RuleOutcome {
            breach: if pass { Breach::None } else { severity },
            observed,
            expected: expected.clone(),
            reason: format!(
                "{rule} {}: {detail}",
                if pass { "passed" } else { "failed" }
            ),
            perfdata: None,
            unknown: false,
        };
        let body = match body {
            Ok(body) => body,
            Err(why) => return outcome(false, "no JSON body".into(), why.to_string()),
        };
        if let Err(why) = budget::check(budget::descendant_segments(&self.path_text), body) {
            return RuleOutcome::over_budget(&rule, expected, &why, None);
        }
        let nodes = self.path.query(body).all();
        let count = nodes.len();
        let several = || format!("{count} values");
        match (self.op, nodes.as_slice()) {
            (Op::NotExists, []) => {
                outcome(true, "nothing".into(), "the path matched nothing".into())
            }
            (Op::Exists, []) => outcome(
                false,
                "nothing".into(),
                format!(
                    "the path matched nothing in the body ({})",
                    crate::text::serde_json_top(body)
                ),
            ),
            (Op::Exists | Op::NotExists, [node]) => {
                let shown = show(node);
                outcome(
                    self.op == Op::Exists,
                    shown.clone(),
                    format!("actual {shown}"),
                )
            }
            (Op::Exists | Op::NotExists, _) => outcome(
                self.op == Op::Exists,
                several(),
                format!("the path matched {count} values"),
            ),
            (_, []) => outcome(
                false,
                "nothing".into(),
                format!(
                    "the path matched nothing in the body ({})",
                    crate::text::serde_json_top(body)
                ),
            ),
            (_, [node]) => {
                let shown = show(node);
                match self.holds(node) {
                    Ok(pass) => outcome(pass, shown.clone(), format!("actual {shown}")),
                    Err(why) => outcome(false, shown, why),
                }
            }
            (_, _) => outcome(
                false,
                several(),
                format!("the path matched {count} values, not one"),
            ),
        }
    }

    /// Whether the comparison holds for the single matched node; `Err` explains why it cannot.
    fn holds(&self, actual: &Value) -> Result<bool, String> {
        match (&self.expected, self.op) {
            (Expected::Value(expected), Op::Eq) => Ok(json_eq(actual, expected)),
            (Expected::Value(expected), Op::Ne) => Ok(!json_eq(actual, expected)),
            (Expected::Value(Value::Number(expected)), op) if op.is_ordering() => {
                let Value::Number(actual_number) = actual else {
                    return Err(format!(
                        "actual {} is {}, not a number",
                        show(actual),
                        kind(actual)
                    ));
                };
                let ordering = num_cmp(actual_number, expected);
                Ok(ordering.is_some_and(|o| match op {
                    Op::Lt => o == Ordering::Less,
                    Op::Le => o != Ordering::Greater,
                    Op::Gt => o == Ordering::Greater,
                    _ => o != Ordering::Less,
                }))
            }
            (Expected::Pattern(re), _) => Ok(match actual {
                Value::String(text) => re.is_match(text),
                other => re.is_match(&other.to_string()),
            }),
            // Parsing never pairs an operator with another kind of expectation.
            _ => Err("the rule cannot be applied".into()),
        }
    }
}

impl FromStr for Assertion {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Assertion::parse(text, "--assert")
    }
}

impl fmt::Display for Assertion {
    /// The rule as written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// `--expect-header 'NAME: REGEX'`: some value of response header NAME must match REGEX.
#[derive(Debug, Clone)]
pub struct HeaderRule {
    /// Lower-cased, as the response headers are kept.
    pub name: String,
    pub pattern: Regex,
}

impl HeaderRule {
    pub fn parse(text: &str) -> Result<HeaderRule, String> {
        let fail = |why: String| format!("invalid --expect-header '{}': {why}", escaped(text));
        let Some((name, pattern)) = text.split_once(':') else {
            return Err(fail("no ':' (write 'NAME: REGEX')".into()));
        };
        let name = name.trim();
        let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        if name.is_empty() || !name.bytes().all(token) {
            return Err(fail(format!("'{}' is not a header name", escaped(name))));
        }
        let pattern = Regex::new(pattern.trim()).map_err(|e| {
            fail(format!(
                "bad regex '{}': {}",
                escaped(pattern.trim()),
                regex_problem(&e)
            ))
        })?;
        Ok(HeaderRule {
            name: name.to_ascii_lowercase(),
            pattern,
        })
    }

    /// `name: regex`, the regex hidden for credential headers (it may spell the secret), on one
    /// bounded line like every regex shown.
    pub fn expectation(&self) -> String {
        format!(
            "{}: {}",
            self.name,
            one_line(
                &crate::redact::header_value(&self.name, self.pattern.as_str()),
                MAX_SHOWN_CHARS
            )
        )
    }

    /// Judges the response headers (names lower-cased); failing is CRITICAL. Values of
    /// credential headers are shown redacted.
    pub fn evaluate(&self, headers: &[(String, String)]) -> RuleOutcome {
        let expected = self.expectation();
        let shown = |value: &str| {
            one_line(
                &crate::redact::header_value(&self.name, value),
                MAX_SHOWN_CHARS,
            )
        };
        let values: Vec<&str> = headers
            .iter()
            .filter(|(name, _)| *name == self.name)
            .map(|(_, value)| value.as_str())
            .collect();
        let outcome = |breach, observed: String, reason: String| RuleOutcome {
            breach,
            observed,
            expected: expected.clone(),
            reason,
            perfdata: None,
            unknown: false,
        };
        if let Some(value) = values.iter().find(|v| self.pattern.is_match(v)) {
            return outcome(
                Breach::None,
                shown(value),
                format!("header {}: {}", self.name, shown(value)),
            );
        }
        if values.is_empty() {
            return outcome(
                Breach::Critical,
                "missing".into(),
                format!(
                    "header {} is missing (expected {expected}); the response has {}",
                    self.name,
                    match headers.len() {
                        0 => "no headers".to_string(),
                        _ => crate::text::some_of(headers.iter().map(|(n, _)| n.as_str())),
                    }
                ),
            );
        }
        let actual = values.iter().map(|v| shown(v)).collect::<Vec<_>>();
        let actual = one_line(&actual.join(", "), MAX_SHOWN_CHARS);
        outcome(
            Breach::Critical,
            actual.clone(),
            format!("header {} is '{actual}', expected {expected}", self.name),
        )
    }
}

impl FromStr for HeaderRule {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        HeaderRule::parse(text)
    }
}

/// `--expect-body REGEX`: the body, read as UTF-8 (invalid bytes replaced), must match REGEX
/// somewhere (unanchored), for plain-text endpoints such as `/livez`.
#[derive(Debug, Clone)]
pub struct BodyRule {
    pub pattern: Regex,
}

impl BodyRule {
    pub fn parse(text: &str) -> Result<BodyRule, String> {
        let pattern = Regex::new(text).map_err(|e| {
            format!(
                "invalid --expect-body '{}': {}",
                escaped(text),
                regex_problem(&e)
            )
        })?;
        Ok(BodyRule { pattern })
    }

    /// Judges the complete body, or says why there is none; failing is CRITICAL.
    pub fn evaluate(&self, body: Result<&[u8], &str>) -> RuleOutcome {
        let pattern = one_line(self.pattern.as_str(), MAX_SHOWN_CHARS);
        let outcome = |breach, observed: String, reason: String| RuleOutcome {
            breach,
            observed,
            expected: format!("=~ {pattern}"),
            reason,
            perfdata: None,
            unknown: false,
        };
        let body = match body {
            Ok(body) => String::from_utf8_lossy(body),
            Err(why) => {
                return outcome(
                    Breach::Critical,
                    "no body".into(),
                    format!("body cannot be matched against {pattern}: {why}"),
                );
            }
        };
        if self.pattern.is_match(&body) {
            return outcome(
                Breach::None,
                "matches".into(),
                format!("body matches {pattern}"),
            );
        }
        let start = crate::text::fold(&body, 60);
        outcome(
            Breach::Critical,
            start.clone(),
            format!("body does not match {pattern} (it starts '{start}')"),
        )
    }
}

impl FromStr for BodyRule {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        BodyRule::parse(text)
    }
}

/// Where a depth-and-quote-aware scan of a rule stopped.
#[derive(Debug, PartialEq)]
enum Scan {
    /// The predicate held at this byte offset, outside brackets, parentheses and quotes.
    Found(usize),
    /// The text ended balanced without the predicate holding.
    End,
    /// The text ended inside this (described) bracket or quote.
    Unclosed(String),
    /// Brackets nest deeper than [`MAX_NESTING`], or filters deeper than
    /// [`MAX_FILTER_NESTING`].
    TooDeep,
}

/// Walks `text` and asks `stop` at every byte offset (a char boundary) that lies outside
/// brackets, parentheses and quotes. Quotes are `'` and `"` with backslash escapes, as in
/// JSONPath string literals. A stray closer is ignored here and left to the JSONPath parser.
fn scan(text: &str, mut stop: impl FnMut(usize) -> bool) -> Scan {
    // Each open bracket, where it opened, and whether it opens a filter (`[?`).
    let mut open: Vec<(char, usize, bool)> = Vec::new();
    let mut filters = 0;
    let mut quote: Option<(char, usize)> = None;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        if let Some((q, _)) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if open.is_empty() && stop(at) {
            return Scan::Found(at);
        }
        match c {
            '\'' | '"' => quote = Some((c, at)),
            '[' | '(' => {
                let filter = c == '[' && text[at + 1..].trim_start().starts_with('?');
                filters += usize::from(filter);
                open.push((c, at, filter));
                if open.len() > MAX_NESTING || filters > MAX_FILTER_NESTING {
                    return Scan::TooDeep;
                }
            }
            ']' | ')' => {
                if let Some((_, _, true)) = open.pop() {
                    filters -= 1;
                }
            }
            _ => {}
        }
    }
    let unclosed = quote.or(open.last().map(|&(c, at, _)| (c, at)));
    match unclosed {
        None => Scan::End,
        Some((c, at)) => {
            let what = if c == '[' || c == '(' {
                "bracket"
            } else {
                "quote"
            };
            Scan::Unclosed(format!(
                "{what} {c} at character {}",
                text[..at].chars().count() + 1
            ))
        }
    }
}

/// The operator starting at byte `at` of `text`, if one does.
fn operator_at(text: &str, at: usize) -> Option<Op> {
    let rest = &text[at..];
    let ends_word = |len: usize| rest[len..].chars().next().is_none_or(char::is_whitespace);
    if rest.starts_with("!exists") && ends_word("!exists".len()) {
        return Some(Op::NotExists);
    }
    if rest.starts_with("exists")
        && ends_word("exists".len())
        && text[..at].ends_with(char::is_whitespace)
    {
        return Some(Op::Exists);
    }
    [Op::Eq, Op::Ne, Op::Le, Op::Ge, Op::Matches, Op::Lt, Op::Gt]
        .into_iter()
        .find(|op| rest.starts_with(op.symbol()))
}

fn too_deep() -> String {
    format!(
        "the JSONPath nests brackets more than {MAX_NESTING} deep or filters more than \
         {MAX_FILTER_NESTING} deep"
    )
}

/// Parses an RFC 9535 JSONPath typed by the user (for `--version-path` too), refusing nesting
/// that would make the parser's time explode.
pub fn parse_path(text: &str) -> Result<JsonPath, String> {
    if scan(text, |_| false) == Scan::TooDeep {
        return Err(too_deep());
    }
    // serde_json_path 0.7 panics ("we do not use streaming parsers") on a path that ends right
    // after `\u`; no valid path ends there (a string must still be closed).
    if text.ends_with("\\u") {
        return Err(format!(
            "bad JSONPath '{}': a \\u escape is cut short at the end",
            escaped(text)
        ));
    }
    JsonPath::parse(text).map_err(|e| {
        format!(
            "bad JSONPath '{}': {}",
            escaped(text),
            escaped(&e.to_string())
        )
    })
}

/// VALUE of `==`, `!=` and the orderings: JSON, or a bare word taken as a string.
fn parse_value(text: &str) -> Result<Value, String> {
    // Read by the same parser as bodies (one copy of serde_json's parser in the binary).
    match crate::json::Value::parse(text) {
        Ok(value) => Ok(value.to_serde()),
        Err(e) if text.starts_with(['"', '[', '{']) => {
            Err(format!("value '{}' is not valid JSON: {e}", escaped(text)))
        }
        Err(_) if text.starts_with('\'') => Err(format!(
            "value '{}' is not JSON: write strings in double quotes (\"UP\") or as a bare word (UP)",
            escaped(text)
        )),
        Err(_) if text.chars().any(|c| c.is_whitespace() || c.is_control()) => Err(format!(
            "value '{}' is not JSON and not a bare word: quote a string with spaces in double quotes",
            escaped(text)
        )),
        Err(_) => Ok(Value::String(text.to_string())),
    }
}

/// The regex of `=~`: a JSON string when it starts with `"`, otherwise the text as written.
fn parse_regex(text: &str) -> Result<Regex, String> {
    let pattern = if text.starts_with('"') {
        match crate::json::Value::parse(text) {
            Ok(crate::json::Value::String(pattern)) => pattern.to_string(),
            Ok(_) => {
                return Err(format!(
                    "regex '{}' is not a valid JSON string: it is JSON of another kind",
                    escaped(text)
                ));
            }
            Err(e) => {
                return Err(format!(
                    "regex '{}' is not a valid JSON string: {e}",
                    escaped(text)
                ));
            }
        }
    } else {
        text.to_string()
    };
    Regex::new(&pattern)
        .map_err(|e| format!("bad regex '{}': {}", escaped(&pattern), regex_problem(&e)))
}

/// The one-line gist of a regex error (syntax errors come as a multi-line caret diagram).
pub(crate) fn regex_problem(error: &regex::Error) -> String {
    let text = error.to_string();
    let line = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("error:"))
        .map(str::trim)
        .unwrap_or(text.lines().next().unwrap_or("").trim());
    let mut problem = escaped(line);
    if problem.contains("Unicode property not found") {
        // Cargo.toml: the Unicode property tables are left out for size.
        problem.push_str(
            " (Unicode property classes such as \\p{L} or \\p{Greek} are not built in; a \
             range such as [\\x{370}-\\x{3ff}] names any script or category)",
        );
    }
    problem
}

/// JSON equality with numbers compared by value (`3 == 3.0`) at any depth.
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => num_cmp(x, y) == Some(Ordering::Equal),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| json_eq(x, y)))
        }
        _ => a == b,
    }
}

/// Numeric order: exact for two integers (any mix of i64 and u64), otherwise as f64.
fn num_cmp(a: &Number, b: &Number) -> Option<Ordering> {
    let integer = |n: &Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (integer(a), integer(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// A JSON number as perfdata wants it: integers exactly, floats in their shortest round-trip
/// decimal form without an exponent (Rust's `Display` for `f64`).
pub fn format_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else if let Some(f) = n.as_f64() {
        format!("{f}")
    } else {
        n.to_string()
    }
}

/// "a string", "null", ... for "is a string, not a number".
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value as compact JSON, bounded and on one line. Serialisation stops once enough is
/// written, so a huge body costs no more than the part shown.
fn show(value: &Value) -> String {
    if let Value::Number(n) = value {
        return one_line(&format_number(n), MAX_SHOWN_CHARS);
    }
    let mut out = Capped {
        buf: Vec::new(),
        // Enough bytes for MAX_SHOWN_CHARS + 1 characters of any width, so a cut is noticed.
        cap: 4 * (MAX_SHOWN_CHARS + 1),
    };
    // Err only means the cap was reached; what was written is kept.
    let _ = serde_json::to_writer(&mut out, value);
    one_line(&String::from_utf8_lossy(&out.buf), MAX_SHOWN_CHARS)
}

/// A byte sink that refuses writes past `cap`.
struct Capped {
    buf: Vec<u8>,
    cap: usize,
}

impl io::Write for Capped {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = self.cap.saturating_sub(self.buf.len());
        if room == 0 {
            return Err(io::Error::other("enough shown"));
        }
        let take = room.min(data.len());
        self.buf.extend_from_slice(&data[..take]);
        Ok(take)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub mod budget;
mod functions;
#[cfg(test)]
mod tests;
