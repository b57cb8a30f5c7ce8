//! Nagios threshold ranges (`-w`, `-c`, and later `--metric`): parse, test, display.
//!
//! The grammar and semantics follow the monitoring-plugins developer guidelines and the
//! Monitoring::Plugin Perl module, which is the reference where implementations disagree:
//! `[@]start:end`, inclusive bounds, a bare `N` meaning `0:N`, `~` meaning minus infinity, an
//! empty end meaning plus infinity, `@` inverting the test. Anything else (start > end, trailing
//! junk, unit suffixes) is rejected, because a silently misread threshold is worse than none.

use std::fmt;
use std::str::FromStr;

use crate::text::escaped;

/// One threshold range. An alert is raised when a value falls outside `[start, end]`, or inside
/// it when `inside` is set (the `@` prefix).
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    start: f64,
    end: f64,
    inside: bool,
}

/// Why a range string was rejected; the message names the offending part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeError(String);

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RangeError {}

impl Range {
    /// `start:`, which alerts below `start` (certificate days left, say).
    pub fn at_least(start: f64) -> Range {
        Range {
            start,
            end: f64::INFINITY,
            inside: false,
        }
    }

    /// `end` (`0:end`), which alerts above `end` (a response time, say).
    pub fn at_most(end: f64) -> Range {
        Range {
            start: 0.0,
            end,
            inside: false,
        }
    }

    /// True when `value` must raise an alert under this range.
    pub fn alerts(&self, value: f64) -> bool {
        let within = self.start <= value && value <= self.end;
        within == self.inside
    }

    /// Describes how `value` violates the range, for a one-line reason such as
    /// "above 0.5" or "inside @1:2". Returns `None` when the value does not alert.
    pub fn violation(&self, value: f64) -> Option<String> {
        if !self.alerts(value) {
            return None;
        }
        Some(if self.inside {
            format!("inside {self}")
        } else if value > self.end {
            format!("above {}", fmt_num(self.end))
        } else {
            format!("below {}", fmt_num(self.start))
        })
    }
}

impl FromStr for Range {
    type Err = RangeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(RangeError("empty range".into()));
        }
        let (inside, body) = match trimmed.strip_prefix('@') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let (start, end) = match body.split_once(':') {
            None => (0.0, parse_bound(body, trimmed)?),
            Some(("", "")) => {
                return Err(RangeError(format!(
                    "invalid range '{}': nothing on either side of ':'; expected [@]start:end as in 10, 10:, ~:10, 10:20, @10:20",
                    escaped(trimmed)
                )));
            }
            Some((start, end)) => {
                let start = match start {
                    "" => 0.0,
                    "~" => f64::NEG_INFINITY,
                    s => parse_bound(s, trimmed)?,
                };
                let end = if end.is_empty() {
                    f64::INFINITY
                } else {
                    parse_bound(end, trimmed)?
                };
                (start, end)
            }
        };
        if start > end {
            return Err(RangeError(format!(
                "invalid range '{}': start {} is greater than end {}",
                escaped(trimmed),
                fmt_num(start),
                fmt_num(end)
            )));
        }
        Ok(Range { start, end, inside })
    }
}

/// Parses one decimal bound. Only plain decimals are accepted: no exponents, no `inf`/`nan`, no
/// units, so `0.5s` or `1e3` is an error rather than a guess; nor a number so long that it
/// rounds to infinity, which would turn the bound into an open one.
fn parse_bound(part: &str, whole: &str) -> Result<f64, RangeError> {
    let (part_shown, whole) = (escaped(part), escaped(whole));
    let digits = part.strip_prefix(['-', '+']).unwrap_or(part);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let well_formed = !digits.is_empty()
        && digits != "."
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        let hint = if part.chars().any(|c| c.is_ascii_alphabetic()) {
            " (write plain numbers without units)"
        } else {
            ""
        };
        return Err(RangeError(format!(
            "invalid range '{whole}': '{part_shown}' is not a number{hint}; expected [@]start:end as in 10, 10:, ~:10, 10:20, @10:20"
        )));
    }
    match part.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(RangeError(format!(
            "invalid range '{whole}': '{part_shown}' is too large a number"
        ))),
        Err(_) => Err(RangeError(format!(
            "invalid range '{whole}': '{part_shown}' is not a number"
        ))),
    }
}

/// Formats a bound the way users wrote it: `0.5`, `10`, `-2`, never `10.0` or `5e-1`.
pub fn fmt_num(value: f64) -> String {
    format!("{value}")
}

impl fmt::Display for Range {
    /// The canonical form used in perfdata and messages: a zero start is dropped (`:5` and `0:5`
    /// print as `5`), as Monitoring::Plugin does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.inside {
            f.write_str("@")?;
        }
        let end = if self.end.is_infinite() {
            String::new()
        } else {
            fmt_num(self.end)
        };
        if self.start == 0.0 && !self.end.is_infinite() {
            write!(f, "{end}")
        } else if self.start == f64::NEG_INFINITY {
            write!(f, "~:{end}")
        } else {
            write!(f, "{}:{end}", fmt_num(self.start))
        }
    }
}

/// The nagios state a value earns under an optional warning and critical range. Critical is
/// checked first, as both the C and Perl reference implementations do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    None,
    Warning,
    Critical,
}

pub fn judge(value: f64, warning: Option<&Range>, critical: Option<&Range>) -> Breach {
    if critical.is_some_and(|r| r.alerts(value)) {
        Breach::Critical
    } else if warning.is_some_and(|r| r.alerts(value)) {
        Breach::Warning
    } else {
        Breach::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Range {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn opt(s: &str) -> Option<Range> {
        (!s.is_empty()).then(|| r(s))
    }

    #[test]
    fn guideline_table_alert_conditions() {
        // nagios.md §1.5, row by row.
        let ten = r("10");
        assert!(ten.alerts(-0.1) && ten.alerts(10.1));
        assert!(!ten.alerts(0.0) && !ten.alerts(10.0) && !ten.alerts(5.0));
        let ten_up = r("10:");
        assert!(ten_up.alerts(9.99) && !ten_up.alerts(10.0) && !ten_up.alerts(1e12));
        let to_ten = r("~:10");
        assert!(to_ten.alerts(10.01) && !to_ten.alerts(10.0) && !to_ten.alerts(-1e12));
        let band = r("10:20");
        assert!(band.alerts(9.9) && band.alerts(20.1));
        assert!(!band.alerts(10.0) && !band.alerts(20.0) && !band.alerts(15.0));
        let inside = r("@10:20");
        assert!(inside.alerts(10.0) && inside.alerts(20.0) && inside.alerts(15.0));
        assert!(!inside.alerts(9.9) && !inside.alerts(20.1));
    }

    /// Every row of nagios.md §1.7: (warn, crit, [(value, expected)]).
    #[test]
    fn reference_test_cases_warning_then_critical() {
        use Breach::*;
        type Row = (&'static str, &'static str, &'static [(f64, Breach)]);
        let table: &[Row] = &[
            (
                "30",
                "60",
                &[(15.3, None), (30.0001, Warning), (69.0, Critical)],
            ),
            (
                "-10:-2",
                "-30:20",
                &[
                    (-31.0, Critical),
                    (-29.0, Warning),
                    (-11.0, Warning),
                    (-10.0, None),
                    (-2.0, None),
                    (-1.0, Warning),
                    (19.0, Warning),
                    (21.0, Critical),
                ],
            ),
            (
                "",
                "80",
                &[
                    (-1.0, Critical),
                    (4.0, None),
                    (79.999999, None),
                    (80.0, None),
                    (80.1, Critical),
                    (102321.0, Critical),
                ],
            ),
            (
                "5:33",
                "",
                &[
                    (-1.0, Warning),
                    (4.0, Warning),
                    (4.999999, Warning),
                    (5.0, None),
                    (14.21, None),
                    (33.0, None),
                    (33.01, Warning),
                    (10231.0, Warning),
                ],
            ),
            (
                "~:30",
                "~:60",
                &[
                    (-1.0, None),
                    (4.0, None),
                    (29.999999, None),
                    (30.0, None),
                    (30.1, Warning),
                    (50.90, Warning),
                    (59.9, Warning),
                    (60.0, Warning),
                    (60.00001, Critical),
                    (10231.0, Critical),
                ],
            ),
            (
                "",
                "~:25",
                &[
                    (-1.0, None),
                    (4.0, None),
                    (10.0, None),
                    (14.21, None),
                    (25.0, None),
                    (25.01, Critical),
                    (31001.0, Critical),
                ],
            ),
            (
                "10:25",
                "~:25",
                &[
                    (-1.0, Warning),
                    (4.0, Warning),
                    (9.999999, Warning),
                    (10.0, None),
                    (14.21, None),
                    (25.0, None),
                    (25.01, Critical),
                    (31001.0, Critical),
                ],
            ),
            (
                "@10:25",
                "10:",
                &[
                    (-1.0, Critical),
                    (4.0, Critical),
                    (9.999999, Critical),
                    (10.0, Warning),
                    (14.21, Warning),
                    (25.0, Warning),
                    (25.01, None),
                    (31001.0, None),
                ],
            ),
            ("", "", &[(-1e9, None), (0.0, None), (1e9, None)]),
        ];
        for (warn, crit, cases) in table {
            let (w, c) = (opt(warn), opt(crit));
            for (value, expected) in *cases {
                assert_eq!(
                    judge(*value, w.as_ref(), c.as_ref()),
                    *expected,
                    "warn={warn:?} crit={crit:?} value={value}"
                );
            }
        }
    }

    #[test]
    fn canonical_display_drops_zero_start_like_monitoring_plugin() {
        for (input, shown) in [
            (":5.75", "5.75"),
            ("@0:657.8210567", "@657.8210567"),
            ("6", "6"),
            ("-7:23", "-7:23"),
            ("~:-95.99", "~:-95.99"),
            ("10:", "10:"),
            ("~:0", "~:0"),
            ("1:1", "1:1"),
            ("@10:25", "@10:25"),
            ("0:", "0:"),
            ("~:", "~:"),
            (" 0.5 ", "0.5"),
        ] {
            assert_eq!(r(input).to_string(), shown, "{input}");
        }
    }

    #[test]
    fn displayed_form_parses_back_to_the_same_range() {
        for input in ["5", "10:", "~:10", "@1:2", "-3:-1", "~:", "0:", "@~:0"] {
            let range = r(input);
            assert_eq!(r(&range.to_string()), range, "{input}");
        }
    }

    #[test]
    fn malformed_ranges_are_rejected_with_the_offending_part() {
        for bad in [
            "", " ", "2:1", "10:5", ":", "1-10", "1,10", "1-10:2.4", "foo", "0.5s", "~", "@",
            "1e3", "inf", "nan", "1:~", "10:~", "1:2:3", ".", "--1", "1..2", "@@1",
        ] {
            assert!(bad.parse::<Range>().is_err(), "{bad:?} should be rejected");
        }
        let err = "2:1".parse::<Range>().unwrap_err().to_string();
        assert!(err.contains("greater than"), "{err}");
        let err = "0.5s".parse::<Range>().unwrap_err().to_string();
        assert!(
            err.contains("'0.5s'") && err.contains("without units"),
            "{err}"
        );
    }

    #[test]
    fn plain_numbers_accept_signs_and_decimal_points() {
        assert!(!r("+5").alerts(5.0));
        assert!(r("-5:").alerts(-5.1));
        assert!(!r(".5").alerts(0.5) && r(".5").alerts(0.51));
        assert!(!r("5.").alerts(5.0));
        // A leading zero is decimal, not octal (unlike the new C parser).
        assert!(!r("010").alerts(10.0));
    }

    #[test]
    fn violation_names_the_side_that_was_crossed() {
        assert_eq!(r("0.5").violation(0.8).as_deref(), Some("above 0.5"));
        assert_eq!(r("1:").violation(0.2).as_deref(), Some("below 1"));
        assert_eq!(r("@1:2").violation(1.5).as_deref(), Some("inside @1:2"));
        assert_eq!(r("0.5").violation(0.4), None);
    }
}

/// Properties of the range grammar over generated input: it never panics, its canonical form
/// reads back as the same range, and membership is what the grammar says.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A plain decimal as users write it (`-12`, `0.5`, `7.`, `.25`, `+3`) and its value.
    fn decimal() -> impl Strategy<Value = (String, f64)> {
        ("[-+]?", 0u32..100_000, proptest::option::of("[0-9]{0,4}")).prop_map(
            |(sign, int, frac)| {
                let text = match frac {
                    Some(frac) => format!("{sign}{int}.{frac}"),
                    None => format!("{sign}{int}"),
                };
                let value = text.parse::<f64>().expect("a plain decimal");
                (text, value)
            },
        )
    }

    /// Texts built from the grammar `[@]start:end` (and the bare `end`), with the bounds and
    /// the `@` they stand for, and whether the grammar accepts them (start <= end, and not a
    /// bare `:`).
    fn grammar() -> impl Strategy<Value = (String, f64, f64, bool, bool)> {
        let start = prop_oneof![
            Just((String::new(), 0.0)),
            Just(("~".to_string(), f64::NEG_INFINITY)),
            decimal(),
        ];
        let end = prop_oneof![Just((String::new(), f64::INFINITY)), decimal()];
        (any::<bool>(), any::<bool>(), start, end).prop_map(
            |(inside, bare, (start_text, start), (end_text, end))| {
                let at = if inside { "@" } else { "" };
                if bare && !end_text.is_empty() {
                    (format!("{at}{end_text}"), 0.0, end, inside, 0.0 <= end)
                } else {
                    let valid = start <= end && !(start_text.is_empty() && end_text.is_empty());
                    let text = format!("{at}{start_text}:{end_text}");
                    (text, start, end, inside, valid)
                }
            },
        )
    }

    /// Values around and between the interesting points.
    fn values(start: f64, end: f64) -> Vec<f64> {
        let mut out = vec![-1e12, -1.0, 0.0, 1.0, 1e12];
        for bound in [start, end].into_iter().filter(|b| b.is_finite()) {
            out.extend([
                bound,
                bound - 0.001,
                bound + 0.001,
                bound - 1.0,
                bound + 1.0,
            ]);
        }
        if start.is_finite() && end.is_finite() {
            out.push((start + end) / 2.0);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parse_never_panics_on_any_text(text in any::<String>()) {
            let _ = text.parse::<Range>();
        }

        #[test]
        fn parse_never_panics_on_range_like_text(text in "[ @~:0-9.+\\-eE]{0,16}") {
            if let Ok(range) = text.parse::<Range>() {
                prop_assert!(range.start <= range.end, "{text:?} gave {range:?}");
                prop_assert!(!range.start.is_nan() && !range.end.is_nan());
            }
        }

        #[test]
        fn errors_are_one_line_and_name_the_text(text in "[ @~:0-9.a-z\\-\n\t\u{1b}]{1,12}") {
            if let Err(err) = text.parse::<Range>() {
                let err = err.to_string();
                prop_assert!(!err.chars().any(char::is_control), "{err:?}");
                let trimmed = text.trim();
                if !trimmed.is_empty() && !trimmed.contains(char::is_control) {
                    prop_assert!(err.contains(&format!("'{trimmed}'")), "{text:?}: {err}");
                }
            }
        }

        #[test]
        fn bounds_are_finite_unless_written_as_open(
            sign in "[-+]?",
            digits in "[1-9][0-9]{300,400}",
            form in 0usize..4,
        ) {
            let number = format!("{sign}{digits}");
            let text = match form {
                0 => number.clone(),
                1 => format!("{number}:"),
                2 => format!("~:{number}"),
                _ => format!("@{number}:{number}"),
            };
            if let Ok(range) = text.parse::<Range>() {
                // Only `~` is minus infinity and only an empty end plus infinity.
                prop_assert!(range.start.is_finite() || (form == 2 && range.start == f64::NEG_INFINITY), "{range:?}");
                prop_assert!(range.end.is_finite() || (form == 1 && range.end == f64::INFINITY), "{range:?}");
            }
        }

        #[test]
        fn canonical_form_parses_back_to_the_same_range((text, ..) in grammar()) {
            if let Ok(range) = text.parse::<Range>() {
                let shown = range.to_string();
                let again = shown.parse::<Range>().map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&again, &range, "{} -> {}", text, shown);
                prop_assert_eq!(again.to_string(), shown);
            }
        }

        #[test]
        fn membership_follows_the_grammar((text, start, end, inside, valid) in grammar()) {
            match text.parse::<Range>() {
                Err(err) => prop_assert!(!valid, "{text:?} rejected: {err}"),
                Ok(range) => {
                    prop_assert!(valid, "{text:?} accepted");
                    for value in values(start, end) {
                        let within = start <= value && value <= end;
                        let alerts = range.alerts(value);
                        prop_assert_eq!(alerts, within == inside, "{} at {}", text, value);
                        prop_assert_eq!(range.violation(value).is_some(), range.alerts(value));
                    }
                }
            }
        }

        #[test]
        fn critical_wins_over_warning(
            (warn, ..) in grammar(),
            (crit, ..) in grammar(),
            value in -1e6f64..1e6,
        ) {
            let (Ok(w), Ok(c)) = (warn.parse::<Range>(), crit.parse::<Range>()) else {
                return Ok(());
            };
            let expected = if c.alerts(value) {
                Breach::Critical
            } else if w.alerts(value) {
                Breach::Warning
            } else {
                Breach::None
            };
            prop_assert_eq!(judge(value, Some(&w), Some(&c)), expected);
        }
    }

    #[test]
    fn at_most_is_the_plain_number_form() {
        let parsed: Range = "0.2".parse().unwrap();
        assert_eq!(Range::at_most(0.2).to_string(), parsed.to_string());
        assert!(Range::at_most(0.2).alerts(0.3));
        assert!(!Range::at_most(0.2).alerts(0.2));
    }
}
