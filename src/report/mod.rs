//! The report model every renderer reads, and the dispatch to one renderer per format.
//!
//! Renderers never evaluate and never decide exit codes: they turn a finished [`Report`] into
//! text on any writer. Adding an output format is a new file here plus one match arm.

mod human;
mod nagios;

use std::io::{self, Write};
use std::time::Duration;

use crate::cli::OutputFormat;
use crate::evaluate::{Check, CheckKind, Expectations, status_line};
use crate::observation::Observation;
use crate::plan::{OutputOptions, Target};
use crate::units::{format_duration, format_size};
use crate::verdict::Status;

/// Everything known at the end of a run.
#[derive(Debug, Clone)]
pub struct Report {
    pub results: Vec<TargetResult>,
    pub overall: Status,
    /// The expectations the run applied, for perfdata thresholds.
    pub expect: Expectations,
    pub timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct TargetResult {
    pub target: Target,
    pub observation: Observation,
    pub checks: Vec<Check>,
    pub status: Status,
}

pub fn render(report: &Report, options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    match options.format {
        OutputFormat::Human => human::render(report, options, out),
        OutputFormat::Nagios => nagios::render(report, options, out),
    }
}

/// One line on what happened to a target: the problems when there are any, otherwise what was
/// seen, each followed by the time it took.
pub fn summary(result: &TargetResult) -> String {
    let problems: Vec<&Check> = result
        .checks
        .iter()
        .filter(|c| c.status != Status::Ok)
        .collect();
    let elapsed = format_duration(result.observation.elapsed);
    let Some(response) = &result.observation.response else {
        return match problems.is_empty() {
            true => format!("no response after {elapsed}"),
            false => join_reasons(&problems),
        };
    };
    let seen = format!("{} in {elapsed}", status_line(response.status));
    if problems.is_empty() {
        return seen;
    }
    let status_failed = problems.iter().any(|c| c.kind == CheckKind::HttpStatus);
    if status_failed {
        format!("{} (in {elapsed})", join_reasons(&problems))
    } else {
        format!("{} ({seen})", join_reasons(&problems))
    }
}

fn join_reasons(checks: &[&Check]) -> String {
    checks
        .iter()
        .map(|c| c.reason.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Request, response and timing details for `--verbose`, one item per line, secrets redacted.
pub fn verbose_lines(result: &TargetResult) -> Vec<String> {
    let observation = &result.observation;
    let request = &observation.request;
    let mut lines = vec![format!("> {} {}", request.method, request.url)];
    lines.extend(request.headers.iter().map(|(n, v)| format!("> {n}: {v}")));
    if let Some(response) = &observation.response {
        let from = observation
            .remote
            .map(|addr| format!(" (from {addr})"))
            .unwrap_or_default();
        lines.push(format!(
            "< {} {}{from}",
            response.version,
            status_line(response.status).trim_start_matches("HTTP ")
        ));
        lines.extend(response.headers.iter().map(|(n, v)| format!("< {n}: {v}")));
        let body = if response.body_capped {
            format!("over {}", format_size(response.body.len() as u64))
        } else {
            format_size(response.body.len() as u64)
        };
        lines.push(format!(
            "time: headers after {}, total {}; body {body}",
            format_duration(response.time_to_headers),
            format_duration(observation.elapsed)
        ));
    } else {
        lines.push(format!(
            "time: failed after {}",
            format_duration(observation.elapsed)
        ));
    }
    lines.extend(result.checks.iter().map(|check| {
        format!(
            "check {}: {} (observed {}; expected {})",
            check.kind.name(),
            check.status.label(),
            check.observed,
            if check.expected.is_empty() {
                "nothing"
            } else {
                &check.expected
            }
        )
    }));
    lines
}

/// Makes text from the network safe to print: control characters (terminal escapes, line
/// breaks) are shown escaped instead of acting on the reader's terminal or splitting a line.
pub fn clean(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_not_printed() {
        assert_eq!(clean("ok"), "ok");
        assert_eq!(clean("a\nb"), "a\\nb");
        assert_eq!(clean("\u{1b}[31mred"), "\\u{1b}[31mred");
    }
}
