//! JUnit XML for CI test reporters (GitLab `artifacts:reports:junit`, Jenkins `junit`, GitHub
//! test-report actions): one `<testsuite>` for the run, one `<testcase>` per target and one per
//! run-level check (quorum, wait, version skew).
//!
//! A WARNING or CRITICAL testcase carries a `<failure>`, an UNKNOWN one an `<error>` (the
//! reporters' "could not run" state, which is what UNKNOWN means), an OK one none. Every
//! testcase has a `<system-out>` listing the redacted URL and every check with its state, so a
//! reader sees what passed as well as what failed.
//!
//! Checks are not testcases of their own. Component checks exist only while a component fails,
//! so such a testcase would vanish on recovery instead of passing, which test trackers read as a
//! removed test rather than a fixed one; rule checks carry no stable name (their reasons hold
//! observed values); and one cause (a database down) would be counted as several failures: a
//! 503, the document's status and the component. The failure text lists each of them instead.
//!
//! Written by hand: the shape is fixed and small, and [`escape`] is all the XML it needs. Text
//! from servers is first made one-line by [`clean`], then escaped; characters XML 1.0 forbids
//! never reach the output.

use std::io::{self, Write};
use std::time::Duration;

use super::OutputOptions;
use super::{Report, TargetResult, clean, identity, ruled_components, summary};
use crate::evaluate::Check;
use crate::units::rfc3339;
use crate::verdict::Status;

/// The suite's name, and the classname of testcases that belong to no host.
const SUITE: &str = "healthprobe";

pub fn render(report: &Report, _options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    let cases: Vec<Case> = report
        .results
        .iter()
        .map(target_case)
        .chain(report.run_checks.iter().map(|c| run_case(report, c)))
        .collect();
    let tests = cases.len();
    let failures = cases.iter().filter(|c| c.kind() == Some("failure")).count();
    let errors = cases.iter().filter(|c| c.kind() == Some("error")).count();
    let time = seconds(report.elapsed);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="{SUITE}" tests="{tests}" failures="{failures}" errors="{errors}" time="{time}">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="{SUITE}" tests="{tests}" failures="{failures}" errors="{errors}" skipped="0" time="{time}" timestamp="{}">"#,
        rfc3339(report.started_at)
    )?;
    // The job's verdict, which a quorum or the Docker policy can set apart from the testcases.
    writeln!(out, "    <properties>")?;
    writeln!(
        out,
        r#"      <property name="status" value="{}"/>"#,
        report.overall.label()
    )?;
    writeln!(
        out,
        r#"      <property name="exit-code" value="{}"/>"#,
        report.exit_code
    )?;
    writeln!(out, "    </properties>")?;
    for case in &cases {
        case.write(out)?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

/// One `<testcase>`, with every text in it already made one-line but not yet escaped.
struct Case {
    name: String,
    classname: String,
    time: Duration,
    status: Status,
    /// The `message` attribute of the failure or error: one line.
    message: String,
    /// The failure or error text: one line per non-OK check.
    problems: Vec<String>,
    /// `<system-out>`, one entry per line.
    output: Vec<String>,
}

impl Case {
    /// The child element the state asks for, if any.
    fn kind(&self) -> Option<&'static str> {
        match self.status {
            Status::Ok => None,
            Status::Warning | Status::Critical => Some("failure"),
            Status::Unknown => Some("error"),
        }
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            r#"    <testcase name="{}" classname="{}" time="{}">"#,
            escape(&self.name, Context::Attribute),
            escape(&self.classname, Context::Attribute),
            seconds(self.time)
        )?;
        if let Some(kind) = self.kind() {
            writeln!(
                out,
                r#"      <{kind} message="{}" type="{}">{}</{kind}>"#,
                escape(&self.message, Context::Attribute),
                self.status.label(),
                escape(&self.problems.join("\n"), Context::Text)
            )?;
        }
        if !self.output.is_empty() {
            writeln!(
                out,
                "      <system-out>{}</system-out>",
                escape(&self.output.join("\n"), Context::Text)
            )?;
        }
        writeln!(out, "    </testcase>")
    }
}

fn target_case(result: &TargetResult) -> Case {
    let target = &result.target;
    let url = &target.url;
    let mut request = format!("GET {url}");
    if let Some(remote) = result.observation.remote {
        request.push_str(&format!(" (answered by {remote})"));
    }
    let mut seen = summary(result);
    if let Some(id) = identity(result) {
        seen.push_str(&format!("  [{id}]"));
    }
    let output = [request, seen]
        .into_iter()
        .chain(result.checks.iter().map(check_line))
        .chain(ruled_components(result))
        .map(|line| clean(&line))
        .collect();
    Case {
        name: clean(&target.name),
        // The host carries no credentials (user, password and query are other parts of a URL);
        // a target without one (never the case for http and https) falls back to the suite.
        classname: clean(if target.host.is_empty() {
            SUITE
        } else {
            &target.host
        }),
        time: result.observation.elapsed,
        status: result.status,
        message: clean(&summary(result)),
        problems: problems(&result.checks),
        output,
    }
}

/// A run-level check (quorum, wait, version skew) as a testcase named after its kind.
fn run_case(report: &Report, check: &Check) -> Case {
    let time = match check.kind {
        crate::evaluate::CheckKind::Wait => report.elapsed,
        _ => Duration::ZERO,
    };
    Case {
        name: check.kind.name().to_string(),
        classname: SUITE.to_string(),
        time,
        status: check.status,
        message: clean(&check.reason),
        problems: problems(std::slice::from_ref(check)),
        output: vec![clean(&check_line(check))],
    }
}

/// Every check that is not OK, one cleaned line each, in the order they were judged.
fn problems(checks: &[Check]) -> Vec<String> {
    checks
        .iter()
        .filter(|c| c.status != Status::Ok)
        .map(|c| clean(&check_line(c)))
        .collect()
}

/// `CRITICAL component: db DOWN: connection refused`.
fn check_line(check: &Check) -> String {
    format!(
        "{} {}: {}",
        check.status.label(),
        check.kind.name(),
        check.reason
    )
}

/// Seconds with millisecond precision, as JUnit reporters read `time`.
fn seconds(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Inside `"..."`: whitespace other than a space is written as a character reference, which
    /// attribute-value normalisation would otherwise turn into spaces.
    Attribute,
    /// Element content: tab and line feed stay as they are.
    Text,
}

/// `text` as XML 1.0 character data: the five special characters as entities (everywhere, so
/// the result is safe in either context), carriage returns as `&#13;` (a parser would fold
/// CR LF into LF), and characters XML 1.0 does not allow at all (C0 controls but tab, line
/// feed and carriage return; U+FFFE and U+FFFF) replaced by their escape, `\u{1}`.
fn escape(text: &str, context: Context) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' if context == Context::Attribute => out.push_str("&#9;"),
            '\n' if context == Context::Attribute => out.push_str("&#10;"),
            c if !allowed_in_xml(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// The XML 1.0 `Char` production (surrogates cannot occur in a Rust `char`).
fn allowed_in_xml(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_special_characters_become_entities() {
        assert_eq!(
            escape(r#"a<b & "c" 'd' >"#, Context::Text),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;"
        );
        assert_eq!(escape("&amp;", Context::Attribute), "&amp;amp;");
    }

    #[test]
    fn characters_xml_forbids_are_replaced_not_written() {
        let escaped = escape(
            "a\u{0}b\u{1}c\u{1b}d\u{b}\u{c}\u{fffe}\u{ffff}e",
            Context::Text,
        );
        assert_eq!(
            escaped,
            "a\\u{0}b\\u{1}c\\u{1b}d\\u{b}\\u{c}\\u{fffe}\\u{ffff}e"
        );
        assert!(escaped.chars().all(allowed_in_xml));
    }

    #[test]
    fn allowed_characters_beyond_ascii_are_kept() {
        for text in [
            "é ü ß",
            "日本語",
            "\u{7f}\u{85}",
            "\u{fffd}",
            "🦀 \u{10ffff}",
        ] {
            assert_eq!(escape(text, Context::Text), text);
        }
    }

    #[test]
    fn line_breaks_survive_in_text_and_become_references_in_attributes() {
        assert_eq!(escape("a\tb\nc\r\n", Context::Text), "a\tb\nc&#13;\n");
        assert_eq!(
            escape("a\tb\nc\r\n", Context::Attribute),
            "a&#9;b&#10;c&#13;&#10;"
        );
    }

    #[test]
    fn hostile_text_round_trips_through_a_parser() {
        let hostile = "x<y & \"q\" 'a' ]]> \t\r\n\u{1}\u{fffe} é";
        let case = Case {
            name: hostile.into(),
            classname: SUITE.into(),
            time: Duration::from_micros(2_345),
            status: Status::Critical,
            message: hostile.into(),
            problems: vec![hostile.into(), "second".into()],
            output: vec!["out".into()],
        };
        let mut xml = Vec::new();
        case.write(&mut xml).unwrap();
        let xml = String::from_utf8(xml).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let testcase = doc.root_element();
        let replaced = "x<y & \"q\" 'a' ]]> \t\r\n\\u{1}\\u{fffe} é";
        assert_eq!(testcase.attribute("name"), Some(replaced));
        assert_eq!(testcase.attribute("time"), Some("0.002"));
        let failure = testcase.first_element_child().unwrap();
        assert_eq!(failure.tag_name().name(), "failure");
        assert_eq!(failure.attribute("message"), Some(replaced));
        assert_eq!(failure.attribute("type"), Some("CRITICAL"));
        assert_eq!(failure.text(), Some(format!("{replaced}\nsecond").as_str()));
    }

    #[test]
    fn each_state_gets_the_child_reporters_expect() {
        let case = |status| Case {
            name: "t".into(),
            classname: SUITE.into(),
            time: Duration::ZERO,
            status,
            message: String::new(),
            problems: Vec::new(),
            output: Vec::new(),
        };
        assert_eq!(case(Status::Ok).kind(), None);
        assert_eq!(case(Status::Warning).kind(), Some("failure"));
        assert_eq!(case(Status::Critical).kind(), Some("failure"));
        assert_eq!(case(Status::Unknown).kind(), Some("error"));
    }
}
