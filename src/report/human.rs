//! Human output: one aligned line per target, optional verbose details, then a summary line.
//! Colour is decided by the plan; this file only applies it.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use super::OutputOptions;
use super::{Report, TargetResult, clean, component_tree, identity, summary, verbose_lines};
use crate::health::Health;
use crate::verdict::{Status, tally};

/// Names longer than this are not used to pad the column, so one long URL cannot push every
/// other line off the screen.
const MAX_NAME_COLUMN: usize = 48;

/// `compact` is the summary form for bounded output: OK targets are counted, not listed, and
/// only failing components and no verbose details are shown.
pub fn render(
    report: &Report,
    options: &OutputOptions,
    compact: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = report
        .results
        .iter()
        .map(|r| r.target.name.chars().count())
        .filter(|len| *len <= MAX_NAME_COLUMN)
        .max()
        .unwrap_or(0);
    let mut hidden_ok = 0;
    for result in &report.results {
        if compact && result.status == Status::Ok {
            hidden_ok += 1;
            continue;
        }
        let identity = identity(result)
            .map(|id| format!("  [{}]", clean(&id)).dimmed().to_string())
            .unwrap_or_default();
        writeln!(
            out,
            "{}  {:<width$}  {}{identity}",
            paint(result.status, &format!("{:<8}", result.status.label())),
            clean(&result.target.name),
            clean(&summary(result)),
        )?;
        write_tree(result, compact, out)?;
        if options.explain && !compact {
            for line in super::explain::lines(result) {
                writeln!(out, "    {}", clean(&line))?;
            }
        }
        if options.verbose && !compact {
            for line in verbose_lines(result) {
                writeln!(out, "    {}", clean(&line).dimmed())?;
            }
        }
    }
    if hidden_ok > 0 {
        writeln!(
            out,
            "{}",
            format!("... and {hidden_ok} OK targets").dimmed()
        )?;
    }
    for check in &report.run_checks {
        writeln!(
            out,
            "{}  {}",
            paint(check.status, &format!("{:<8}", check.status.label())),
            clean(&check.reason)
        )?;
    }
    let counts = tally(report.results.iter().map(|r| r.status))
        .into_iter()
        .map(|(status, n)| format!("{n} {}", status.label().to_ascii_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    let n = report.results.len();
    writeln!(
        out,
        "{}  {n} target{}: {counts}",
        paint(report.overall, report.overall.label()),
        if n == 1 { "" } else { "s" },
    )
}

/// The component tree under a target line, indented by depth, failing components coloured by
/// the state they earned and everything else dimmed.
fn write_tree(result: &TargetResult, failing_only: bool, out: &mut dyn Write) -> io::Result<()> {
    let (mut lines, mut hidden) = component_tree(result);
    if failing_only {
        let before = lines.len();
        lines.retain(|line| line.verdict.is_some());
        hidden += before - lines.len();
    }
    let width = lines
        .iter()
        .map(|l| l.depth * 2 + l.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_NAME_COLUMN);
    for line in &lines {
        let label = format!("{}{}", "  ".repeat(line.depth), clean(&line.label));
        let status = clean(&line.raw_status);
        let detail = line
            .detail
            .as_deref()
            .map(|d| format!("  {}", clean(d)))
            .unwrap_or_default();
        let marks = line
            .marks
            .as_deref()
            .map(|m| format!("  [{m}]"))
            .unwrap_or_default();
        let text = format!("{label:<width$}  {status}{marks}{detail}");
        let shown = match line.verdict {
            Some(verdict) => paint(verdict, &text),
            None if line.health == Health::Ok => text.normal(),
            None => text.dimmed(),
        };
        writeln!(out, "          {shown}")?;
    }
    if hidden > 0 {
        writeln!(
            out,
            "          {}",
            format!(
                "... and {hidden} more component{}",
                if hidden == 1 { "" } else { "s" }
            )
            .dimmed()
        )?;
    }
    Ok(())
}

fn paint(status: Status, text: &str) -> ColoredString {
    match status {
        Status::Ok => text.green(),
        Status::Warning => text.yellow().bold(),
        Status::Critical => text.red().bold(),
        Status::Unknown => text.magenta().bold(),
    }
}
