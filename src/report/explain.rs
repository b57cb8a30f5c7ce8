//! `--explain`: how a body was read, in words. The reader records the facts (the format and the
//! evidence for it, where each state and the version were read, what was set aside as data);
//! this file only phrases them, so that an operator who doubts a verdict reads the reason in the
//! output, not in the source. The JSON report carries the same facts.

use super::{TargetResult, flatten};
use crate::health::{Format, Health, Interpretation, Origin};

/// At most this many set-aside values are listed in human output (JSON lists more).
const SHOWN_ASIDE: usize = 12;

/// The lines explaining how `result`'s body was read, without indentation.
pub fn lines(result: &TargetResult) -> Vec<String> {
    let mut lines = vec!["how the body was read:".to_string()];
    let doc = match &result.reading.document {
        Some(Interpretation::Doc(doc)) => doc,
        Some(Interpretation::Unrecognised(why)) => {
            lines.push(format!("  no health document: {why}"));
            lines.push(
                "  only the HTTP status and your rules judge this target; --health-format, \
                 --status-path or --component-path tell the reader where to look"
                    .into(),
            );
            return lines;
        }
        Some(Interpretation::Malformed(why)) => {
            lines.push(format!("  the body is broken: {why}"));
            return lines;
        }
        None => {
            lines.push("  no complete body was received, so none was read".into());
            return lines;
        }
    };
    let explanation = &doc.explanation;
    lines.push(format!(
        "  format     {}: {}",
        doc.format,
        if explanation.evidence.is_empty() {
            "(no evidence recorded)"
        } else {
            &explanation.evidence
        }
    ));
    let raw = doc.raw_status.as_deref().unwrap_or("(none)");
    let status = match &explanation.status {
        Some(origin) if origin.rule == "derived from its parts" => {
            format!(
                "{} (no status of its own: the worst of its parts)",
                doc.health.name()
            )
        }
        Some(origin) => format!("{raw} -> {}{}", doc.health.name(), at(origin)),
        None => format!("{raw} -> {}", doc.health.name()),
    };
    lines.push(format!("  status     {status}"));
    let mut all = Vec::new();
    flatten(&doc.components, "", 0, &mut all);
    for (_, path, component) in &all {
        let state = if component.raw_status.is_empty() {
            String::new()
        } else {
            format!("{} -> ", component.raw_status)
        };
        let note = match component.health {
            Health::Unknown if !component.origin.rule.contains("not run") => {
                " (the document cannot tell: never a failure)"
            }
            Health::Unrecognised => " (no vocabulary knows this: never OK)",
            _ => "",
        };
        lines.push(format!(
            "  component  {path}: {state}{}{}{note}",
            component.health.name(),
            at(&component.origin)
        ));
    }
    if !doc.unkept.is_empty() {
        lines.push(format!(
            "  not kept   {} more components ({}): a reading keeps the first {} healthy and {} \
             failing; a component rule keeps every one",
            doc.unkept.total(),
            doc.unkept.describe(),
            crate::health::MAX_KEPT_HEALTHY,
            crate::health::MAX_KEPT_FAILING,
        ));
    }
    match (&doc.version, &explanation.version) {
        (Some(version), Some(path)) => lines.push(format!("  version    {version} at {path}")),
        (Some(version), None) => lines.push(format!("  version    {version}")),
        (None, _) => {}
    }
    if let Some(phrase) = &doc.maintenance {
        lines.push(format!("  maintenance  {phrase}"));
    }
    if doc.format != Format::Generic && explanation.aside.is_empty() {
        lines.push(format!(
            "  data       the {} reader reads its format's fields only; --health-format generic \
             reads every field",
            doc.format
        ));
    }
    for aside in explanation.aside.iter().take(SHOWN_ASIDE) {
        lines.push(format!("  data       {}: {}", aside.path, aside.why));
    }
    let more = explanation.aside.len().saturating_sub(SHOWN_ASIDE) + explanation.more_aside;
    if more > 0 {
        lines.push(format!(
            "  data       ... and {more} more set aside (-o json lists the first {})",
            crate::health::MAX_ASIDE
        ));
    }
    lines
}

/// ` at $.path (rule)`, or ` (rule)` without a path, or nothing when nothing was recorded.
fn at(origin: &Origin) -> String {
    match (origin.path.is_empty(), origin.rule.is_empty()) {
        (_, true) => String::new(),
        (true, false) => format!(" ({})", origin.rule),
        (false, false) => format!(" at {} ({})", origin.path, origin.rule),
    }
}
