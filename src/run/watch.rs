//! `--watch`: the same rounds as a run, repeated until stopped, each rendered as the human (or
//! Nagios) report under a header that says how long each failing target and component has been
//! failing. On a terminal the screen is redrawn; otherwise each round is printed in turn.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::{Shared, State, judge, probe_round};
use crate::evaluate::CheckKind;
use crate::outcome::Report;
use crate::plan::{Plan, Watch};
use crate::units::{format_duration, rfc3339};
use crate::verdict::Status;

/// Clears the screen and moves the cursor home.
const REDRAW: &str = "\x1b[H\x1b[2J";

pub(super) async fn watch(plan: &Plan, shared: &Arc<Shared>, state: &mut State, every: Watch) {
    let all: Vec<usize> = (0..plan.targets.len()).collect();
    let mut since = Since::default();
    loop {
        // The deadline ends a watch with the last round it completed.
        if state.rounds > 0
            && shared
                .deadline
                .is_some_and(|deadline| std::time::Instant::now() >= deadline)
        {
            return;
        }
        state.rounds += 1;
        probe_round(shared, &all, state).await;
        let report = judge(plan, state, Vec::new(), false);
        let now = SystemTime::now();
        since.update(&report, now);
        let mut screen = Vec::new();
        if every.redraw {
            screen.extend_from_slice(REDRAW.as_bytes());
        }
        screen.extend_from_slice(
            header(state.rounds, every.every, now, &since.lines(now)).as_bytes(),
        );
        let _ = crate::report::render(&report, &plan.output, &mut screen);
        if !every.redraw {
            screen.push(b'\n');
        }
        let mut stdout = std::io::stdout().lock();
        if stdout
            .write_all(&plan.scrubber.scrub(&screen))
            .and_then(|()| stdout.flush())
            .is_err()
        {
            // Nobody is reading any more (`| head`): the watch has no one to show.
            return;
        }
        drop(stdout);
        let pause = match shared.deadline {
            Some(deadline) => {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    return;
                }
                every.every.min(left)
            }
            None => every.every,
        };
        tokio::time::sleep(pause).await;
    }
}

/// `healthprobe --watch 2s: round 12 at 10:04:05 UTC (...), Ctrl-C stops`, then one line per
/// failing target or component with how long it has been failing.
fn header(round: u32, every: Duration, now: SystemTime, failing: &[String]) -> String {
    let clock = &rfc3339(now)[11..19];
    let mut text = format!(
        "healthprobe --watch {}: round {round} at {clock} UTC (times as this watch saw them), \
         Ctrl-C stops\n",
        format_duration(every)
    );
    for line in failing {
        text.push_str("  ");
        text.push_str(line);
        text.push('\n');
    }
    text.push('\n');
    text
}

/// When each target, and each failing component, entered the state it is in.
#[derive(Default)]
struct Since {
    targets: HashMap<String, (Status, SystemTime)>,
    components: HashMap<(String, String), (Status, SystemTime)>,
    /// What is not OK now, in report order: (target, component or None).
    failing: Vec<(String, Option<String>)>,
}

impl Since {
    fn update(&mut self, report: &Report, now: SystemTime) {
        self.failing.clear();
        let mut components = HashMap::new();
        for result in &report.results {
            let name = result.target.name.clone();
            let entry = self
                .targets
                .entry(name.clone())
                .or_insert((result.status, now));
            if entry.0 != result.status {
                *entry = (result.status, now);
            }
            if result.status != Status::Ok {
                self.failing.push((name.clone(), None));
            }
            for check in &result.checks {
                let (CheckKind::Component, Some(path)) = (check.kind, &check.subject) else {
                    continue;
                };
                if check.status == Status::Ok {
                    continue;
                }
                let key = (name.clone(), path.clone());
                let started = match self.components.get(&key) {
                    Some((status, at)) if *status == check.status => *at,
                    _ => now,
                };
                components.insert(key, (check.status, started));
                self.failing.push((name.clone(), Some(path.clone())));
            }
        }
        // A component that recovered starts afresh when it fails again.
        self.components = components;
    }

    /// `api CRITICAL since 10:03:01 UTC (69s)`, `api: component db CRITICAL since ... (35s)`.
    fn lines(&self, now: SystemTime) -> Vec<String> {
        self.failing
            .iter()
            .filter_map(|(target, component)| {
                let (what, (status, at)) = match component {
                    None => (target.clone(), self.targets.get(target)?),
                    Some(path) => (
                        format!("{target}: component {path}"),
                        self.components.get(&(target.clone(), path.clone()))?,
                    ),
                };
                let lasted = now.duration_since(*at).unwrap_or_default().as_secs();
                let lasted = match lasted {
                    0 => "just now".to_string(),
                    s => format_duration(Duration::from_secs(s)),
                };
                Some(format!(
                    "{what} {} since {} UTC ({lasted})",
                    status.label(),
                    &rfc3339(*at)[11..19]
                ))
            })
            .collect()
    }
}
