//! Nagios plugin output: `HEALTHPROBE <STATE> - <summary> | <perfdata>` on line one, then one
//! long-output line per target (Nagios 3+ multi-line format).
//!
//! Perfdata follows the plugin guidelines: `label=value[UOM];warn;crit;min;max`, with the
//! response time in seconds, the -w/-c ranges, 0 as min and the timeout as max, and `U` when no
//! time could be measured.

use std::io::{self, Write};

use super::{Report, TargetResult, clean, summary, verbose_lines};
use crate::plan::OutputOptions;
use crate::range::fmt_num;
use crate::verdict::{Status, tally};

/// At most this many non-OK targets are named on line one, which Nagios puts in notifications.
const NAMED_ON_FIRST_LINE: usize = 3;

pub fn render(report: &Report, options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    let perfdata = report
        .results
        .iter()
        .map(|r| perfdata(report, r))
        .collect::<Vec<_>>()
        .join(" ");
    writeln!(
        out,
        "HEALTHPROBE {} - {} | {perfdata}",
        report.overall.label(),
        text(&first_line(report))
    )?;
    for result in &report.results {
        writeln!(
            out,
            "[{}] {} - {}",
            result.status.label(),
            text(&result.target.name),
            text(&summary(result))
        )?;
        if options.verbose {
            for line in verbose_lines(result) {
                writeln!(out, "    {}", text(&line))?;
            }
        }
    }
    Ok(())
}

fn first_line(report: &Report) -> String {
    if let [only] = report.results.as_slice() {
        return format!("{}: {}", only.target.name, summary(only));
    }
    let parts = tally(report.results.iter().map(|r| r.status))
        .into_iter()
        .map(|(status, n)| {
            if status == Status::Ok {
                return format!("{n} OK");
            }
            let names: Vec<&str> = report
                .results
                .iter()
                .filter(|r| r.status == status)
                .map(|r| r.target.name.as_str())
                .collect();
            let shown = names.len().min(NAMED_ON_FIRST_LINE);
            let more = if names.len() > shown {
                format!(" +{} more", names.len() - shown)
            } else {
                String::new()
            };
            format!(
                "{n} {} ({}{more})",
                status.label(),
                names[..shown].join(", ")
            )
        })
        .collect::<Vec<_>>();
    format!("{} targets: {}", report.results.len(), parts.join(", "))
}

/// Text outside the perfdata part must not contain `|`, which Nagios reads as the start of
/// perfdata, nor line breaks.
fn text(value: &str) -> String {
    clean(value).replace('|', "/")
}

fn perfdata(report: &Report, result: &TargetResult) -> String {
    let label = if report.results.len() == 1 {
        "time".to_string()
    } else {
        let name: String = result
            .target
            .name
            .chars()
            .map(|c| {
                if matches!(c, '\'' | '=' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        format!("'{name} time'")
    };
    let observation = &result.observation;
    let value = match (&observation.response, &observation.failure) {
        (Some(_), None) => format!("{:.6}s", observation.elapsed.as_secs_f64()),
        _ => "U".to_string(),
    };
    let range =
        |r: &Option<crate::range::Range>| r.as_ref().map(|r| r.to_string()).unwrap_or_default();
    format!(
        "{label}={value};{};{};0;{}",
        range(&report.expect.warning),
        range(&report.expect.critical),
        fmt_num(report.timeout.as_secs_f64())
    )
}
