//! Nagios plugin output: `HEALTHPROBE <STATE> - <summary> | <perfdata>` on line one, then one
//! long-output line per target (Nagios 3+ multi-line format).
//!
//! Perfdata follows the plugin guidelines: `label=value[UOM];warn;crit;min;max`, with the
//! response time in seconds, the -w/-c ranges, 0 as min and the timeout as max, and `U` when no
//! time could be measured.

use std::io::{self, Write};

use super::OutputOptions;
use super::{Report, TargetResult, clean, summary, verbose_lines};
use crate::evaluate::CheckKind;
use crate::health::Interpretation;
use crate::perfdata::Perfdata;
use crate::range::fmt_num;
use crate::verdict::{Status, tally};

/// Failing components listed per target in the summary form.
const COMPACT_COMPONENTS: usize = 3;

/// At most this many non-OK targets are named on line one, which Nagios puts in notifications.
const NAMED_ON_FIRST_LINE: usize = 3;

/// `compact` is the summary form for bounded output: long output only for targets that are not
/// OK, at most a few component lines each, no verbose details, and perfdata cut to what fits
/// in half the budget (whole items only).
pub fn render(
    report: &Report,
    options: &OutputOptions,
    compact: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let items = report.results.iter().flat_map(|r| perfdata(report, r));
    let budget = options.max_bytes.unwrap_or(usize::MAX) / 2;
    let mut perfdata = String::new();
    for item in items {
        if compact && perfdata.len() + item.len() + 1 > budget {
            break;
        }
        if !perfdata.is_empty() {
            perfdata.push(' ');
        }
        perfdata.push_str(&item);
    }
    writeln!(
        out,
        "HEALTHPROBE {} - {} | {perfdata}",
        report.overall.label(),
        text(&first_line(report))
    )?;
    for result in &report.results {
        if compact && result.status == Status::Ok {
            continue;
        }
        writeln!(
            out,
            "[{}] {} - {}",
            result.status.label(),
            text(&result.target.name),
            text(&summary(result))
        )?;
        let components: Vec<_> = result
            .checks
            .iter()
            .filter(|c| c.kind == CheckKind::Component)
            .collect();
        let shown = if compact {
            components.len().min(COMPACT_COMPONENTS)
        } else {
            components.len()
        };
        for check in &components[..shown] {
            writeln!(
                out,
                "  \\_ [{}] {}",
                check.status.label(),
                text(&check.reason)
            )?;
        }
        if shown < components.len() {
            writeln!(
                out,
                "  \\_ ... {} more failing components",
                components.len() - shown
            )?;
        }
        if options.verbose && !compact {
            for line in verbose_lines(result) {
                writeln!(out, "    {}", text(&line))?;
            }
        }
    }
    for check in &report.run_checks {
        writeln!(out, "[{}] {}", check.status.label(), text(&check.reason))?;
    }
    Ok(())
}

fn first_line(report: &Report) -> String {
    let run_findings: String = report
        .run_checks
        .iter()
        .filter(|c| c.status != Status::Ok)
        .map(|c| format!("; {}", c.reason))
        .collect();
    if let [only] = report.results.as_slice() {
        return format!("{}: {}{run_findings}", only.target.name, summary(only));
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
    format!(
        "{}: {}{run_findings}",
        crate::text::count(report.results.len(), "target"),
        parts.join(", ")
    )
}

/// Text outside the perfdata part must not contain `|`, which Nagios reads as the start of
/// perfdata, nor line breaks.
fn text(value: &str) -> String {
    clean(value).replace('|', "/")
}

/// The perfdata items of one target: its response time, what its checks measured (metrics,
/// certificate days), then the readings its health document exposes in a unit Nagios knows.
/// With several targets each label starts with the target name.
fn perfdata(report: &Report, result: &TargetResult) -> Vec<String> {
    let several = report.results.len() > 1;
    let label = |name: &str| {
        if several {
            format!("{} {name}", result.target.name)
        } else {
            name.to_string()
        }
    };
    let observation = &result.observation;
    let seconds = match (&observation.response, &observation.failure) {
        (Some(_), None) => Some(format!("{:.6}", observation.elapsed.as_secs_f64())),
        _ => None,
    };
    let target = &result.target;
    let time = Perfdata {
        warning: target.warning.clone(),
        critical: target.critical.clone(),
        min: Some("0".into()),
        max: Some(fmt_num(target.timeout.as_secs_f64())),
        ..Perfdata::new("time", seconds, "s")
    };
    let measured = result.checks.iter().filter_map(|c| c.perfdata.as_ref());
    let mut items: Vec<String> = std::iter::once(&time)
        .chain(measured)
        .map(|item| item.render(&label(&item.label)))
        .collect();
    if let Some(Interpretation::Doc(doc)) = &result.reading.document {
        items.extend(doc.observations.iter().filter_map(|observed| {
            let unit = nagios_unit(&observed.unit)?;
            observed.value.is_finite().then(|| {
                let item =
                    Perfdata::new(observed.label.as_str(), Some(fmt_num(observed.value)), unit);
                item.render(&label(&observed.label))
            })
        }));
    }
    items
}

/// The Nagios unit of measurement for a unit a health document uses, if there is one.
fn nagios_unit(unit: &str) -> Option<&'static str> {
    Some(match unit.trim().to_ascii_lowercase().as_str() {
        "" => "",
        "s" | "sec" | "seconds" => "s",
        "ms" | "milliseconds" => "ms",
        "us" | "µs" | "microseconds" => "us",
        "%" | "percent" => "%",
        "b" | "bytes" => "B",
        "kb" => "KB",
        "mb" => "MB",
        "tb" => "TB",
        "c" | "count" => "c",
        _ => return None,
    })
}
