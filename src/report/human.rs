//! Human output: one aligned line per target, optional verbose details, then a summary line.
//! Colour is decided by the plan; this file only applies it.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use super::{Report, clean, summary, verbose_lines};
use crate::plan::OutputOptions;
use crate::verdict::{Status, tally};

/// Names longer than this are not used to pad the column, so one long URL cannot push every
/// other line off the screen.
const MAX_NAME_COLUMN: usize = 48;

pub fn render(report: &Report, options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    let width = report
        .results
        .iter()
        .map(|r| r.target.name.chars().count())
        .filter(|len| *len <= MAX_NAME_COLUMN)
        .max()
        .unwrap_or(0);
    for result in &report.results {
        writeln!(
            out,
            "{}  {:<width$}  {}",
            paint(result.status, &format!("{:<8}", result.status.label())),
            clean(&result.target.name),
            clean(&summary(result)),
        )?;
        if options.verbose {
            for line in verbose_lines(result) {
                writeln!(out, "    {}", clean(&line).dimmed())?;
            }
        }
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

fn paint(status: Status, text: &str) -> ColoredString {
    match status {
        Status::Ok => text.green(),
        Status::Warning => text.yellow().bold(),
        Status::Critical => text.red().bold(),
        Status::Unknown => text.magenta().bold(),
    }
}
