//! Scheduling: probes the targets over shared clients, at most `concurrency` at a time, on a
//! current-thread runtime (a health probe needs no worker threads, and starts faster without
//! them); retries transient failures (`--retries`), repeats rounds until the targets are healthy
//! (`--wait`), keeps the whole run inside `--deadline`, and stops promptly on Ctrl-C with what
//! it knows. Every round is judged into a [`Report`]; nothing here formats output except the
//! `--wait` progress line on stderr.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::evaluate::{Check, CheckKind};
use crate::observation::{FailureKind, Observation, Reading};
use crate::outcome::{Report, RunRules, TargetResult};
use crate::pipeline::{self, Clients};
use crate::plan::{Plan, WaitPlan};
use crate::target::Target;
use crate::units::format_duration;
use crate::verdict::Status;

mod watch;

/// The longest pause between `--wait` rounds, however long the wait.
const MAX_INTERVAL: Duration = Duration::from_secs(15);

/// Set once the run has judged what it saw: from then on a signal's report is on its way.
static JUDGED: AtomicBool = AtomicBool::new(false);

/// How long a signal may wait for the run to notice it before the watchdog ends the process.
const SIGNAL_GRACE: Duration = Duration::from_millis(80);

/// The run notices signals between steps; a step that holds the thread (judging a large
/// document against many rules) would keep a SIGTERM waiting. A thread of its own watches for
/// the signal too, and ends the process with the UNKNOWN code when the run has not finished
/// judging [`SIGNAL_GRACE`] after it.
fn watch_signals(code: u8) {
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
            else {
                return;
            };
            runtime.block_on(stop_requested());
            std::thread::sleep(SIGNAL_GRACE);
            if !JUDGED.load(Ordering::SeqCst) {
                crate::say!("healthprobe: stopped by a signal while judging responses; no report");
                std::process::exit(i32::from(code));
            }
        });
}

/// Whether a target evaluates JSONPaths over what the server sends.
fn has_json_paths(target: &Target) -> bool {
    let settings = &target.settings;
    let expect = &settings.expect;
    !(expect.metrics.is_empty() && expect.asserts.is_empty() && expect.assert_warns.is_empty())
        || expect.read.status_path.is_some()
        || expect.read.component_path.is_some()
        || settings.version_path.is_some()
}

pub fn run(mut plan: Plan) -> anyhow::Result<Report> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    // Only JSONPath rules can hold the thread for long (up to their cost cap); without them
    // judging is linear in the document, and the watchdog's thread is not worth its start-up.
    if plan.targets.iter().any(has_json_paths) {
        watch_signals(plan.exit.code(Status::Unknown));
    }
    runtime.block_on(async move {
        let started = Instant::now();
        let started_at = std::time::SystemTime::now();
        if let Some(settings) = plan.demo.take() {
            let address = crate::demo::serve().await?;
            plan.targets = crate::demo::targets(address, &settings);
            if !plan.output.quiet {
                crate::say!("{}", crate::demo::banner(address));
            }
        }
        let shared = Arc::new(Shared {
            clients: Clients::build(&plan.targets, &plan.proxies)?,
            targets: plan.targets.clone(),
            // Counted from the process start: reading inputs is part of the run.
            deadline: plan.deadline.map(|d| crate::inputs::mark_start() + d),
            concurrency: plan.concurrency.max(1),
        });
        let mut state = State {
            latest: vec![None; plan.targets.len()],
            rounds: 0,
            outcome: None,
        };
        if let Some(every) = plan.watch {
            // A watch ends when asked to: with the last round's verdict, not as an interruption.
            tokio::select! {
                () = watch::watch(&plan, &shared, &mut state, every) => {}
                () = stop_requested() => {}
            }
            let latest = std::mem::take(&mut state.latest);
            let report = Report::judge(results(&plan, latest), rules(&plan), Vec::new(), false);
            JUDGED.store(true, Ordering::SeqCst);
            return Ok(report.timed(started_at, started.elapsed()));
        }
        let interrupted = tokio::select! {
            () = drive(&plan, &shared, &mut state) => false,
            () = stop_requested() => true,
        };
        let mut progress = Progress::new(&plan);
        progress.clear();
        if interrupted {
            state.outcome = Some(Outcome::Interrupted);
        }
        // The last judgement takes what was seen rather than copying it: a large document is
        // held once.
        let latest = std::mem::take(&mut state.latest);
        let seen = Report::judge(
            results(&plan, latest),
            rules(&plan),
            Vec::new(),
            interrupted,
        );
        let wait = wait_check(&plan, &state, &seen, started.elapsed());
        let report = match wait {
            Some(check) => Report::judge(seen.results, rules(&plan), vec![check], interrupted),
            None => seen,
        };
        JUDGED.store(true, Ordering::SeqCst);
        Ok(report.timed(started_at, started.elapsed()))
    })
}

/// Resolves when the user or the system asks the run to stop: Ctrl-C (SIGINT) or SIGTERM
/// (`docker stop`, a CI job cancelled). Either ends the run with what is known, as UNKNOWN.
async fn stop_requested() {
    // A signal that cannot be watched never fires; it must not end the run at once.
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// What every probe task shares.
struct Shared {
    targets: Vec<Target>,
    clients: Clients,
    deadline: Option<Instant>,
    concurrency: usize,
}

/// What the run has seen so far: the latest observation of each target.
struct State {
    latest: Vec<Option<(Observation, Reading)>>,
    rounds: u32,
    outcome: Option<Outcome>,
}

/// How a `--wait` (or an interrupted run) ended.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Healthy,
    GaveUp,
    /// A failure that waiting will not change, in one line.
    Terminal(String),
    Interrupted,
}

/// One round, or with `--wait` as many as it takes.
async fn drive(plan: &Plan, shared: &Arc<Shared>, state: &mut State) {
    let all: Vec<usize> = (0..plan.targets.len()).collect();
    let Some(wait) = plan.wait else {
        state.rounds = 1;
        probe_round(shared, &all, state).await;
        return;
    };
    let deadline = shared.deadline.expect("--wait always sets a deadline");
    let mut progress = Progress::new(plan);
    let mut pause = wait.interval;
    let mut jitter = Jitter::seeded();
    let mut healthy_rounds = 0;
    loop {
        state.rounds += 1;
        // Healthy targets are left alone unless stability over several rounds was asked for.
        let due: Vec<usize> = if state.rounds == 1 || wait.stable_rounds > 1 {
            all.clone()
        } else {
            let report = judge(plan, state, Vec::new(), false);
            all.iter()
                .copied()
                .filter(|&i| !healthy(report.results[i].status, wait))
                .collect()
        };
        probe_round(shared, &due, state).await;
        let report = judge(plan, state, Vec::new(), false);
        if healthy(report.overall, wait) {
            healthy_rounds += 1;
            if healthy_rounds >= wait.stable_rounds {
                state.outcome = Some(Outcome::Healthy);
                return;
            }
        } else {
            healthy_rounds = 0;
        }
        if let Some(why) = terminal(plan, &report, wait) {
            state.outcome = Some(Outcome::Terminal(why));
            return;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            state.outcome = Some(Outcome::GaveUp);
            return;
        }
        progress.round(state.rounds, &report, wait, left);
        tokio::time::sleep(jitter.spread(pause).min(left)).await;
        pause = (pause * 2).min(MAX_INTERVAL.max(wait.interval));
        if Instant::now() >= deadline {
            state.outcome = Some(Outcome::GaveUp);
            return;
        }
    }
}

fn healthy(status: Status, wait: WaitPlan) -> bool {
    status == Status::Ok || (wait.accept_warning && status == Status::Warning)
}

/// Probes the targets at `due` (indices into the plan), at most `concurrency` at once, and
/// records each observation as it arrives, so that an interruption keeps what was seen.
async fn probe_round(shared: &Arc<Shared>, due: &[usize], state: &mut State) {
    let permits = Arc::new(Semaphore::new(shared.concurrency));
    let mut tasks = JoinSet::new();
    for &index in due {
        let (shared, permits) = (shared.clone(), permits.clone());
        tasks.spawn(async move {
            let _permit = permits
                .acquire_owned()
                .await
                .expect("semaphore is never closed");
            let target = &shared.targets[index];
            let client = shared.clients.for_target(target);
            (
                index,
                pipeline::probe_target(client, target, shared.deadline).await,
            )
        });
    }
    while let Some(joined) = tasks.join_next().await {
        // A panicking task has already ended the process through the panic hook.
        let (index, seen) = joined.expect("probe task completed");
        state.latest[index] = Some(seen);
    }
}

/// Judges what has been seen into a report. A target with no observation yet was cut off by an
/// interruption.
fn judge(plan: &Plan, state: &State, extra: Vec<Check>, interrupted: bool) -> Report {
    let results: Vec<TargetResult> = plan
        .targets
        .iter()
        .zip(&state.latest)
        .map(|(target, seen)| {
            let (observation, reading) = seen
                .clone()
                .unwrap_or_else(|| pipeline::interrupted(target));
            pipeline::judge_target(target, observation, reading)
        })
        .collect();
    Report::judge(results, rules(plan), extra, interrupted)
}

/// Judges each target's latest observation, consuming them. A target with no observation yet
/// was cut off by an interruption.
fn results(plan: &Plan, latest: Vec<Option<(Observation, Reading)>>) -> Vec<TargetResult> {
    plan.targets
        .iter()
        .zip(latest)
        .map(|(target, seen)| {
            let (observation, reading) = seen.unwrap_or_else(|| pipeline::interrupted(target));
            pipeline::judge_target(target, observation, reading)
        })
        .collect()
}

/// How the plan judges the run as a whole.
fn rules(plan: &Plan) -> RunRules {
    RunRules {
        same_version: plan.same_version,
        quorum: plan.quorum,
        policy: plan.exit,
    }
}

/// A failure that more waiting will not change, if the targets show one that makes the wait
/// hopeless: with a quorum, only when too few targets are left that could still recover.
fn terminal(plan: &Plan, report: &Report, wait: WaitPlan) -> Option<String> {
    let hopeless: Vec<(&TargetResult, String)> = report
        .results
        .iter()
        .zip(&plan.targets)
        .filter(|(r, _)| !healthy(r.status, wait))
        .filter_map(|(r, target)| terminal_reason(r, target).map(|why| (r, why)))
        .collect();
    let (first, why) = hopeless.first()?;
    if let Some(quorum) = plan.quorum {
        let total = report.results.len();
        if total - hopeless.len() >= quorum.needed(total) {
            return None;
        }
    }
    Some(format!("{}: {why}", first.target.name))
}

fn terminal_reason(result: &TargetResult, target: &Target) -> Option<String> {
    let observation = &result.observation;
    if let Some(failure) = &observation.failure {
        return match failure.kind {
            FailureKind::Tls if failure.message.contains("certificate") => Some(format!(
                "{}, which waiting will not change",
                failure.message
            )),
            FailureKind::Redirect => Some(format!(
                "{}, which waiting will not change",
                failure.message
            )),
            _ => None,
        };
    }
    let response = observation.response.as_ref()?;
    let settings = &target.settings;
    let code = response.status;
    let waitable = settings.expect.statuses.contains(code) || settings.retry.transient_status(code);
    (matches!(code, 401 | 403 | 404) && !waitable).then(|| {
        format!(
            "answered {}, which waiting will not change (add --retry-on {code} to wait for it)",
            crate::evaluate::status_line(code)
        )
    })
}

/// The run-level finding of a `--wait` or an interruption.
fn wait_check(plan: &Plan, state: &State, report: &Report, elapsed: Duration) -> Option<Check> {
    let outcome = state.outcome.as_ref()?;
    let took = format_duration(elapsed);
    let rounds = match state.rounds {
        1 => "1 round".to_string(),
        n => format!("{n} rounds"),
    };
    let (status, reason) = match outcome {
        Outcome::Healthy => (Status::Ok, format!("healthy after {took} ({rounds})")),
        Outcome::GaveUp => {
            let waited = plan.deadline.map_or(took.clone(), format_duration);
            (
                report.overall,
                format!("still not healthy after waiting {waited} ({rounds})"),
            )
        }
        Outcome::Terminal(why) => (
            report.overall,
            format!("stopped waiting after {took}: {why}"),
        ),
        Outcome::Interrupted => (Status::Unknown, format!("interrupted after {took}")),
    };
    Some(Check {
        kind: CheckKind::Wait,
        status,
        subject: None,
        observed: rounds,
        expected: "every target healthy".into(),
        reason,
        perfdata: None,
    })
}

/// Spreads pauses by up to ±20% so that many probes started together do not stay in step.
/// A tiny xorshift seeded from the clock is plenty: this is not cryptography.
struct Jitter(u64);

impl Jitter {
    fn seeded() -> Jitter {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        Jitter(u64::from(nanos) ^ (u64::from(std::process::id()) << 32) | 1)
    }

    fn spread(&mut self, pause: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        let unit = (self.0 % 10_000) as f64 / 10_000.0; // [0, 1)
        pause.mul_f64(0.8 + 0.4 * unit)
    }
}

/// The `--wait` progress on stderr: a line redrawn in place on a terminal, otherwise one line
/// per round; nothing with `--quiet`.
struct Progress {
    enabled: bool,
    live: bool,
    drawn: bool,
    scrubber: crate::redact::Scrubber,
}

impl Progress {
    fn new(plan: &Plan) -> Progress {
        Progress {
            enabled: plan.wait.is_some() && !plan.output.quiet,
            live: plan.output.progress_is_live,
            drawn: plan.output.progress_is_live,
            scrubber: plan.scrubber.clone(),
        }
    }

    fn round(&mut self, round: u32, report: &Report, wait: WaitPlan, left: Duration) {
        if !self.enabled {
            return;
        }
        let healthy = |status| healthy(status, wait);
        let line =
            crate::report::progress::waiting_line(round, report, left.as_secs_f64(), &healthy);
        let line = self.scrubber.scrub_str(&line);
        let mut stderr = std::io::stderr().lock();
        if self.live {
            let line = crate::text::one_line(&line, 160);
            let _ = write!(stderr, "\r\x1b[K{line}");
            let _ = stderr.flush();
            self.drawn = true;
        } else {
            let _ = writeln!(stderr, "healthprobe: {}", crate::text::one_line(&line, 300));
        }
    }

    /// Removes a live line before the report is printed.
    fn clear(&mut self) {
        if self.enabled && self.live && self.drawn {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}
