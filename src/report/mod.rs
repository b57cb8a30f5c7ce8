//! The report model every renderer reads, and the dispatch to one renderer per format.
//!
//! Renderers never evaluate and never decide exit codes: they turn a finished [`Report`] into
//! text on any writer. Adding an output format is a new file here plus one match arm.

mod explain;
mod human;
mod json;
mod junit;
mod nagios;
mod options;
pub mod progress;
mod prometheus;

pub use options::{OutputFormat, OutputOptions};

use std::io::{self, Write};

use crate::evaluate::{Check, CheckKind, answer_line};
use crate::health::{Component, Health, Interpretation};
use crate::observation::VersionFound;
pub use crate::outcome::{Report, TargetResult};
use crate::units::{format_duration, format_size};
use crate::verdict::Status;

pub fn render(report: &Report, options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    let Some(max) = options.max_bytes else {
        return render_as(report, options, false, out);
    };
    // Bounded output (Docker, Nagios): the full report when it fits, otherwise the summary
    // form (failing targets only), and in the last resort cut at a line.
    let mut full = Vec::new();
    render_as(report, options, false, &mut full)?;
    if full.len() <= max {
        return out.write_all(&full);
    }
    if let Some(name) = machine_format_name(options.format) {
        // A cut JSON, XML or exposition document is no document: the human summary goes in
        // its place, and the note says where the whole report belongs.
        let note = format!(
            "the {name} report is {} bytes, over the {max} bytes --docker keeps: write it with \
             --report {name}=FILE\n",
            full.len()
        );
        let human = OutputOptions {
            format: OutputFormat::Human,
            color: false,
            verbose: false,
            explain: false,
            ..*options
        };
        let mut compact = Vec::new();
        render_as(report, &human, true, &mut compact)?;
        out.write_all(&fit(&compact, max.saturating_sub(note.len()), true))?;
        return out.write_all(note.as_bytes());
    }
    let mut compact = Vec::new();
    render_as(report, options, true, &mut compact)?;
    out.write_all(&fit(&compact, max, options.format == OutputFormat::Human))
}

fn render_as(
    report: &Report,
    options: &OutputOptions,
    compact: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match options.format {
        OutputFormat::Human => human::render(report, options, compact, out),
        OutputFormat::Nagios => nagios::render(report, options, compact, out),
        OutputFormat::Json => json::render(report, options, out),
        OutputFormat::Junit => junit::render(report, options, out),
        OutputFormat::Prometheus => prometheus::render(report, options, out),
    }
}

/// The `--report`/`-o` name of a format whose output is a document a cut would break.
fn machine_format_name(format: OutputFormat) -> Option<&'static str> {
    match format {
        OutputFormat::Human | OutputFormat::Nagios => None,
        OutputFormat::Json => Some("json"),
        OutputFormat::Junit => Some("junit"),
        OutputFormat::Prometheus => Some("prometheus"),
    }
}

/// `text` cut at a line boundary to at most `max` bytes, with a line saying so; the last line
/// (the human summary) is kept when `keep_last` is set.
fn fit(text: &[u8], max: usize, keep_last: bool) -> Vec<u8> {
    if text.len() <= max {
        return text.to_vec();
    }
    let text = String::from_utf8_lossy(text);
    let lines: Vec<&str> = text.lines().collect();
    let (body, last) = match (keep_last, lines.split_last()) {
        (true, Some((last, body))) => (body, Some(*last)),
        _ => (&lines[..], None),
    };
    let notice = |cut: usize| {
        format!("... {cut} more lines cut to stay within {max} bytes (-o json has everything)")
    };
    let reserved = last.map_or(0, |l| l.len() + 1) + notice(lines.len()).len() + 1;
    let mut out = String::new();
    let mut kept = 0;
    for line in body {
        if out.len() + line.len() + 1 + reserved > max {
            break;
        }
        out.push_str(line);
        out.push('\n');
        kept += 1;
    }
    if kept == 0 && out.is_empty() {
        // Even the first line is too long: keep as much of it as fits, on a char boundary.
        let first = body.first().copied().unwrap_or("");
        let mut end = max.saturating_sub(reserved).min(first.len());
        while !first.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&first[..end]);
        out.push('\n');
        kept = 1;
    }
    out.push_str(&notice(body.len() - kept));
    out.push('\n');
    if let Some(last) = last {
        out.push_str(last);
        out.push('\n');
    }
    out.into_bytes()
}

/// Writes `report` in `format` to `path` whole or not at all: into a temporary file in the same
/// directory, then renamed over `path`, so a reader (a CI artefact upload, the node_exporter
/// textfile collector) never sees half a report.
pub fn write_file(
    report: &Report,
    format: OutputFormat,
    options: &OutputOptions,
    path: &std::path::Path,
    scrubber: &crate::redact::Scrubber,
) -> io::Result<()> {
    let options = OutputOptions {
        format,
        color: false,
        max_bytes: None,
        ..*options
    };
    let temporary = temporary_path(path);
    let written = (|| {
        let mut rendered = Vec::new();
        render(report, &options, &mut rendered)?;
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(&scrubber.scrub(&rendered))?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// `dir/.name.healthprobe-PID.tmp` beside `path`.
pub fn temporary_path(path: &std::path::Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    path.with_file_name(format!(".{name}.healthprobe-{}.tmp", std::process::id()))
}

/// One line on what happened to a target: the problems when there are any, otherwise what was
/// seen, each followed by the time it took. Failing components are named, not detailed: their
/// reasons are on lines of their own.
pub fn summary(result: &TargetResult) -> String {
    let line = outcome(result);
    if result.target.unverified_tls {
        // Said on every run, so that a forgotten --insecure cannot hide.
        format!("{line}; TLS certificate NOT verified (--insecure)")
    } else {
        line
    }
}

fn outcome(result: &TargetResult) -> String {
    // Rules that could not be judged for want of a body are UNKNOWN beside the CRITICAL
    // transport or size failure that explains them; naming each again would bury that reason.
    let body_missing = result.checks.iter().any(|c| {
        matches!(c.kind, CheckKind::Transport | CheckKind::BodySize) && c.status != Status::Ok
    });
    let problems: Vec<&Check> = result
        .checks
        .iter()
        .filter(|c| c.status != Status::Ok)
        .filter(|c| !(body_missing && c.status == Status::Unknown && c.kind.is_user_rule()))
        .collect();
    let not_kept = match &result.reading.document {
        Some(Interpretation::Doc(doc)) => doc.unkept.failing(),
        _ => 0,
    };
    let mut elapsed = format_duration(result.observation.elapsed);
    let attempts = result.observation.attempts;
    if attempts > 1 {
        elapsed.push_str(&format!(", {attempts} attempts"));
    }
    let Some(response) = &result.observation.response else {
        return match (problems.is_empty(), attempts > 1) {
            (true, _) => format!("no response after {elapsed}"),
            (false, false) => join_reasons(&problems, not_kept),
            (false, true) => format!(
                "{} ({attempts} attempts)",
                join_reasons(&problems, not_kept)
            ),
        };
    };
    let seen = format!("{} in {elapsed}", answer_line(response));
    if problems.is_empty() {
        // A 5xx that component rules made OK says why, even on an OK line.
        let ruled = result.checks.iter().find(|c| {
            c.kind == CheckKind::HttpStatus && c.status == Status::Ok && response.status >= 500
        });
        return match ruled {
            Some(check) => format!("{} in {elapsed}", check.reason),
            None => seen,
        };
    }
    let status_failed = problems
        .iter()
        .any(|c| matches!(c.kind, CheckKind::HttpStatus | CheckKind::GrpcStatus));
    if status_failed {
        format!("{} (in {elapsed})", join_reasons(&problems, not_kept))
    } else {
        format!("{} ({seen})", join_reasons(&problems, not_kept))
    }
}

/// At most this many failing components are named in a summary.
const NAMED_COMPONENTS: usize = 3;

/// The problems' reasons, failing components in one phrase. `not_kept` failing components were
/// read but not kept (see `health::keep`): they count among the failing, by number.
fn join_reasons(checks: &[&Check], not_kept: usize) -> String {
    let components: Vec<&&Check> = checks
        .iter()
        .filter(|c| c.kind == CheckKind::Component)
        .collect();
    let mut parts: Vec<String> = checks
        .iter()
        .filter(|c| !matches!(c.kind, CheckKind::Component | CheckKind::ComponentsNotKept))
        .map(|c| c.reason.clone())
        .collect();
    match components.as_slice() {
        [] if not_kept == 0 => {}
        [] => parts.extend(
            checks
                .iter()
                .filter(|c| c.kind == CheckKind::ComponentsNotKept)
                .map(|c| c.reason.clone()),
        ),
        [only] if not_kept == 0 => parts.push(format!("component {}", only.reason)),
        many => {
            let names: Vec<&str> = many
                .iter()
                .take(NAMED_COMPONENTS)
                .filter_map(|c| c.subject.as_deref())
                .collect();
            let total = many.len() + not_kept;
            let more = total.saturating_sub(names.len());
            let more = if more > 0 {
                format!(" +{more} more")
            } else {
                String::new()
            };
            parts.push(format!(
                "{} components failing: {}{more}",
                total,
                names.join(", ")
            ));
        }
    }
    parts.join("; ")
}

/// The format and version a target's body revealed, e.g. `spring-boot, version 2.4.1`.
pub fn identity(result: &TargetResult) -> Option<String> {
    let format = match &result.reading.document {
        Some(Interpretation::Doc(doc)) => Some(doc.format.name()),
        _ => None,
    };
    let version = result
        .reading
        .version
        .value()
        .map(|v| format!("version {v}"));
    match (format, version) {
        (None, None) => None,
        (Some(f), None) => Some(f.to_string()),
        (None, Some(v)) => Some(v),
        (Some(f), Some(v)) => Some(format!("{f}, {v}")),
    }
}

/// One component line of the tree shown under a target.
pub struct TreeLine {
    pub depth: usize,
    pub label: String,
    pub raw_status: String,
    /// The state our evaluation gave this component, when it failed.
    pub verdict: Option<Status>,
    pub health: Health,
    pub detail: Option<String>,
    /// The component rules that applied (`ignored`, `noncritical, would be CRITICAL`,
    /// `required`), when any did.
    pub marks: Option<String>,
}

/// Components with fewer nodes than this are shown as a whole tree; larger documents show only
/// the failing components.
const FULL_TREE_LIMIT: usize = 12;

/// The component tree of a target, compacted: the whole tree when it is small, otherwise the
/// failing components by path and a count of the rest. The second value counts what was left out.
pub fn component_tree(result: &TargetResult) -> (Vec<TreeLine>, usize) {
    let Some(Interpretation::Doc(doc)) = &result.reading.document else {
        return (Vec::new(), 0);
    };
    let verdicts: std::collections::HashMap<&str, Status> = result
        .checks
        .iter()
        .filter(|c| c.kind == CheckKind::Component)
        .filter_map(|c| c.subject.as_deref().map(|s| (s, c.status)))
        .collect();
    let mut all = Vec::new();
    flatten(&doc.components, "", 0, &mut all);
    if all.len() <= FULL_TREE_LIMIT {
        let lines = all
            .into_iter()
            .map(|(depth, path, component)| TreeLine {
                depth,
                label: component.name.clone(),
                raw_status: component.raw_status.clone(),
                verdict: verdicts.get(path.as_str()).copied(),
                health: component.health,
                detail: detail(component),
                marks: marks_of(result, &path),
            })
            .collect();
        return (lines, doc.unkept.total());
    }
    let total = all.len() + doc.unkept.total();
    let lines: Vec<TreeLine> = all
        .into_iter()
        .filter_map(|(_, path, component)| {
            let verdict = verdicts.get(path.as_str()).copied();
            // Failing components, and those a rule kept from failing (ignored, noncritical).
            let ruled = result.marks.contains_key(&path)
                && !matches!(component.health, Health::Ok | Health::Unknown);
            if verdict.is_none() && !ruled {
                return None;
            }
            Some(TreeLine {
                depth: 0,
                marks: marks_of(result, &path),
                label: path,
                raw_status: component.raw_status.clone(),
                verdict,
                health: component.health,
                detail: detail(component),
            })
        })
        .take(FULL_TREE_LIMIT)
        .collect();
    let hidden = total - lines.len();
    (lines, hidden)
}

/// The rules that applied to the component at `path`, in a few words.
pub fn marks_of(result: &TargetResult, path: &str) -> Option<String> {
    result.marks.get(path).map(|m| m.describe())
}

/// `component cache DOWN [ignored]`: one line for every component a rule applied to, in
/// document order, for outputs that list checks rather than trees (JUnit).
pub fn ruled_components(result: &TargetResult) -> Vec<String> {
    let Some(Interpretation::Doc(doc)) = &result.reading.document else {
        return Vec::new();
    };
    let mut all = Vec::new();
    flatten(&doc.components, "", 0, &mut all);
    all.into_iter()
        .filter_map(|(_, path, component)| {
            let marks = marks_of(result, &path)?;
            Some(format!(
                "component {path} {} [{marks}]",
                component.raw_status
            ))
        })
        .collect()
}

/// A component's reason, with the time its state was observed when the document gives one.
fn detail(component: &Component) -> Option<String> {
    match (&component.since, &component.reason) {
        (Some(since), Some(reason)) => Some(format!("since {since}: {reason}")),
        (Some(since), None) => Some(format!("since {since}")),
        (None, reason) => reason.clone(),
    }
}

fn flatten<'a>(
    components: &'a [Component],
    prefix: &str,
    depth: usize,
    out: &mut Vec<(usize, String, &'a Component)>,
) {
    for component in components {
        let path = if prefix.is_empty() {
            component.name.clone()
        } else {
            format!("{prefix}/{}", component.name)
        };
        out.push((depth, path.clone(), component));
        flatten(&component.children, &path, depth + 1, out);
    }
}

/// Request, response and timing details for `--verbose`, one item per line, secrets redacted.
pub fn verbose_lines(result: &TargetResult) -> Vec<String> {
    let observation = &result.observation;
    let request = &observation.request;
    let mut lines = vec![format!("> {} {}", request.method, request.url)];
    lines.extend(
        request
            .headers
            .iter()
            .map(|(n, v)| format!("> {n}: {}", crate::redact::header_value(n, v))),
    );
    if let Some(response) = &observation.response {
        let from = observation
            .remote
            .map(|addr| format!(" (from {addr})"))
            .unwrap_or_default();
        lines.push(format!(
            "< {} {}{from}",
            response.version,
            answer_line(response).trim_start_matches("HTTP ")
        ));
        lines.extend(
            response
                .headers
                .iter()
                .map(|(n, v)| format!("< {n}: {}", crate::redact::header_value(n, v))),
        );
        if !observation.redirects.is_empty() {
            lines.push(format!(
                "redirected: {} → {}",
                request.url,
                observation.redirects.join(" → ")
            ));
        }
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
    match &result.reading.document {
        Some(Interpretation::Doc(doc)) => {
            lines.push(format!(
                "health document: {} (status {})",
                doc.format.name(),
                doc.raw_status.as_deref().unwrap_or("none")
            ));
        }
        Some(Interpretation::Unrecognised(why)) => {
            lines.push(format!("health document: none ({why})"))
        }
        Some(Interpretation::Malformed(why)) => {
            lines.push(format!("health document: malformed ({why})"))
        }
        None => {}
    }
    match &result.reading.version {
        VersionFound::Found(version, _) => lines.push(format!("version: {version}")),
        VersionFound::Missing(why) => lines.push(format!("version: unknown ({why})")),
    }
    lines.extend(result.checks.iter().map(|check| {
        format!(
            "check {}: {}: {} (observed {}; expected {})",
            check.kind.name(),
            check.status.label(),
            check.reason,
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
    crate::text::escaped(text)
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
