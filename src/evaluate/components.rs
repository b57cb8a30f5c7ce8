//! Components: each failing one judged under the user's rules (`--ignore-component`,
//! `--noncritical`, `--require-component`), and the marks that show which rule applied.

use std::collections::BTreeMap;

use super::*;
use crate::health::NOT_RUNNING;

/// Adds a check for every failing component that is not ignored and returns the worst state
/// written anywhere in `components` (ignored ones included), which is what explains a parent's
/// own state. A parent's own state counts only when its children do not explain it.
pub(super) fn walk_components(
    components: &[Component],
    prefix: &str,
    inside_ignored: bool,
    expect: &Expectations,
    maintenance: Status,
    checks: &mut Vec<Check>,
) -> Health {
    let rules = &expect.components;
    let mut written = Health::Ok;
    for component in components {
        let path = if prefix.is_empty() {
            component.name.clone()
        } else {
            format!("{prefix}/{}", component.name)
        };
        let ignored = inside_ignored || rules.ignored(&path);
        let below = walk_components(
            &component.children,
            &path,
            ignored,
            expect,
            maintenance,
            checks,
        );
        written = written.worst(component.health).worst(below);
        let own_counts =
            component.children.is_empty() || component.health.severity() > below.severity();
        if ignored || !own_counts {
            continue;
        }
        let mut status = match component.health {
            // Not run, or the document says it cannot tell: shown, never a failure.
            Health::Unknown | Health::Ok => continue,
            // The reader cannot tell: never OK, and the reason says where and how to help.
            Health::Unrecognised => Status::Warning,
            other => health_status(other, maintenance).unwrap_or(Status::Unknown),
        };
        if rules.noncritical(&path) && status == Status::Critical {
            status = Status::Warning;
        }
        checks.push(Check {
            subject: Some(path.clone()),
            ..check(
                CheckKind::Component,
                status,
                component.raw_status.clone(),
                "a healthy status".into(),
                component_reason(&path, component),
            )
        });
    }
    written
}

/// The failing components a reading counted without keeping (see `health::keep`): one check
/// for all of them, as bad as the worst, so that what was not kept still decides the verdict.
pub(super) fn unkept_check(doc: &HealthDoc, maintenance: Status, checks: &mut Vec<Check>) {
    let failing = doc.unkept.failing();
    // Every failing state is worse than OK and unknown: with one failing, the worst is one.
    let Some(worst) = doc.unkept.worst().filter(|_| failing > 0) else {
        return;
    };
    let status = match worst {
        Health::Unrecognised => Status::Warning,
        other => health_status(other, maintenance).unwrap_or(Status::Unknown),
    };
    checks.push(check(
        CheckKind::ComponentsNotKept,
        status,
        doc.unkept.describe(),
        "a healthy status".into(),
        format!(
            "{} more failing {} read but not kept ({}; the first {} failing and {} healthy \
                 are listed)",
            failing,
            if failing == 1 {
                "component was"
            } else {
                "components were"
            },
            doc.unkept.describe(),
            crate::health::MAX_KEPT_FAILING,
            crate::health::MAX_KEPT_HEALTHY,
        ),
    ));
}

fn component_reason(path: &str, component: &Component) -> String {
    if component.health == Health::Unrecognised {
        return format!(
            "{path} '{}'{} is no state healthprobe knows; {}",
            component.raw_status,
            at_path(&component.origin.path),
            unrecognised_hint(&component.raw_status)
        );
    }
    let mut reason = if component.health == Health::Maintenance {
        format!("{path} in maintenance ({})", component.raw_status)
    } else {
        format!("{path} {}", component.raw_status)
    };
    if let Some(since) = &component.since {
        reason.push_str(&format!(" since {since}"));
    }
    if let Some(why) = &component.reason {
        reason.push_str(": ");
        reason.push_str(why);
    }
    reason
}

/// Which of the user's component rules applied to one component, for every output to show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// Under `--ignore-component`, itself or through a parent: left out of the verdict.
    pub ignored: bool,
    /// Under `--noncritical`.
    pub noncritical: bool,
    /// Under `--require-component`.
    pub required: bool,
    /// The state `--noncritical` lowered to WARNING: what the component would have earned.
    pub would_be: Option<Status>,
}

impl Marks {
    pub fn is_empty(&self) -> bool {
        *self == Marks::default()
    }

    /// `ignored`, `noncritical, would be CRITICAL`, `required`: the rules, in a few words.
    pub fn describe(&self) -> String {
        let mut words = Vec::new();
        if self.ignored {
            words.push("ignored".to_string());
        }
        if self.noncritical && !self.ignored {
            words.push(match self.would_be {
                Some(status) => format!("noncritical, would be {status}"),
                None => "noncritical".to_string(),
            });
        }
        if self.required {
            words.push("required".to_string());
        }
        words.join("; ")
    }
}

/// The marks of every component some rule applies to, by path (`db/primary`).
pub fn component_marks(
    doc: &HealthDoc,
    http_status: u16,
    expect: &Expectations,
) -> BTreeMap<String, Marks> {
    let maintenance = maintenance_status(expect.maintenance, http_status);
    let mut marks = BTreeMap::new();
    mark(
        &doc.components,
        "",
        false,
        &expect.components,
        maintenance,
        &mut marks,
    );
    marks
}

fn mark(
    components: &[Component],
    prefix: &str,
    inside_ignored: bool,
    rules: &ComponentRules,
    maintenance: Status,
    marks: &mut BTreeMap<String, Marks>,
) {
    for component in components {
        let path = join(prefix, &component.name);
        let ignored = inside_ignored || rules.ignored(&path);
        let noncritical = rules.noncritical(&path);
        let would_be = health_status(component.health, maintenance)
            .filter(|s| noncritical && !ignored && *s == Status::Critical);
        let marked = Marks {
            ignored,
            noncritical,
            required: rules.require.iter().any(|p| p.covers(&path)),
            would_be,
        };
        if !marked.is_empty() {
            marks.insert(path.clone(), marked);
        }
        mark(
            &component.children,
            &path,
            ignored,
            rules,
            maintenance,
            marks,
        );
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}/{name}")
    }
}

/// Every component path with its component, depth first in document order.
fn all_paths<'a>(
    components: &'a [Component],
    prefix: &str,
    out: &mut Vec<(String, &'a Component)>,
) {
    for component in components {
        let path = join(prefix, &component.name);
        out.push((path.clone(), component));
        all_paths(&component.children, &path, out);
    }
}

/// `--require-component`: CRITICAL when nothing matches, saying what the document does list,
/// and CRITICAL when what matches is listed but not running (a null or absent state).
pub(super) fn required_checks(
    document: Option<&HealthDoc>,
    expect: &Expectations,
    checks: &mut Vec<Check>,
) {
    let mut paths = Vec::new();
    if let Some(doc) = document {
        all_paths(&doc.components, "", &mut paths);
    }
    for pattern in &expect.components.require {
        let matching: Vec<&(String, &Component)> =
            paths.iter().filter(|(p, _)| pattern.covers(p)).collect();
        let not_running =
            |c: &Component| c.health == Health::Unknown && c.raw_status == NOT_RUNNING;
        if matching.is_empty() {
            let listed = match document {
                None => "there is no health document to look in".to_string(),
                Some(doc) if doc.components.is_empty() => format!(
                    "the {} document lists no components (--explain shows what was read)",
                    doc.format.name()
                ),
                Some(doc) => format!(
                    "the {} document lists {}",
                    doc.format.name(),
                    names_listed(&doc.components)
                ),
            };
            checks.push(Check {
                subject: Some(pattern.to_string()),
                ..check(
                    CheckKind::RequiredComponent,
                    Status::Critical,
                    "absent".into(),
                    format!("a component matching {pattern}"),
                    format!("required component '{pattern}' is not reported: {listed}"),
                )
            });
        } else if matching.iter().all(|(_, c)| not_running(c)) {
            let (path, component) = matching[0];
            checks.push(Check {
                subject: Some(pattern.to_string()),
                ..check(
                    CheckKind::RequiredComponent,
                    Status::Critical,
                    NOT_RUNNING.into(),
                    format!("a running component matching {pattern}"),
                    format!(
                        "required component '{path}' is reported but not running (no state{})",
                        at_path(&component.origin.path)
                    ),
                )
            });
        }
    }
}

/// The top-level component names, at most eight, for a message.
fn names_listed(components: &[Component]) -> String {
    const SHOWN: usize = 8;
    let mut names: Vec<&str> = components
        .iter()
        .take(SHOWN)
        .map(|c| c.name.as_str())
        .collect();
    let more = components.len().saturating_sub(SHOWN);
    let more_text = format!("and {more} more");
    if more > 0 {
        names.push(&more_text);
    }
    names.join(", ")
}

/// When a 5xx is the document's way of saying that components failed, and every failing
/// component is one the user marked `--noncritical` or `--ignore-component`, the status code
/// is judged by those rules too: what it would earn is the worst of the states those
/// components earned (WARNING for noncritical ones, OK when all are ignored), with a reason
/// naming them. `None` when any failure stands on its own: an unmarked failing component, or a
/// document status that its components do not explain.
pub(super) fn explained_status(doc: &HealthDoc, expect: &Expectations) -> Option<(Status, String)> {
    let rules = &expect.components;
    if rules.ignore.is_empty() && rules.noncritical.is_empty() {
        return None;
    }
    let mut paths = Vec::new();
    all_paths(&doc.components, "", &mut paths);
    let failing = |c: &Component| !matches!(c.health, Health::Ok | Health::Unknown);
    let mut ignored = Vec::new();
    let mut noncritical = Vec::new();
    let mut worst_explained = Health::Ok;
    for (path, component) in &paths {
        if !failing(component) {
            continue;
        }
        worst_explained = worst_explained.worst(component.health);
        // Patterns cover descendants: a child of an ignored component is ignored too.
        if rules.ignored(path) {
            ignored.push(path.as_str());
        } else if rules.noncritical(path) {
            noncritical.push(path.as_str());
        } else if component.children.iter().any(failing) {
            // A parent failing because of its children is explained by them.
            continue;
        } else {
            return None;
        }
    }
    if ignored.is_empty() && noncritical.is_empty() {
        return None;
    }
    // The document's own status must be no worse than its failing components.
    if doc.health.severity() > worst_explained.severity() {
        return None;
    }
    let mut parts = Vec::new();
    if !noncritical.is_empty() {
        parts.push(format!("noncritical {}", noncritical.join(", ")));
    }
    if !ignored.is_empty() {
        parts.push(format!("ignored {}", ignored.join(", ")));
    }
    let status = if noncritical.is_empty() {
        Status::Ok
    } else {
        Status::Warning
    };
    Some((status, parts.join(" and ")))
}
