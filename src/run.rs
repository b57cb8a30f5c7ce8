//! Scheduling: probes every target over one shared client, at most `concurrency` at a time, on a
//! current-thread runtime (a health probe needs no worker threads, and starts faster without
//! them), then judges each observation into the [`Report`].

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::evaluate::{evaluate, target_status};
use crate::observation::Observation;
use crate::plan::{Plan, ProbeOptions, Target};
use crate::report::{Report, TargetResult};
use crate::verdict::worst;

pub fn run(mut plan: Plan) -> anyhow::Result<Report> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async move {
        if plan.demo {
            let address = crate::demo::serve().await?;
            plan.targets = crate::demo::targets(address);
            if !plan.output.quiet {
                eprintln!("{}", crate::demo::banner(address));
            }
        }
        let needs_tls = plan.targets.iter().any(|t| t.url.scheme() == "https");
        let client = crate::probe::build_client(&plan.probe, needs_tls, &plan.proxies)?;
        let observations = probe_all(client, &plan.targets, &plan.probe, plan.concurrency).await;
        Ok(judge(&plan, observations))
    })
}

/// Probes all targets concurrently, bounded by `concurrency`, and returns the observations in
/// target order (so output order never depends on which server answered first).
async fn probe_all(
    client: reqwest::Client,
    targets: &[Target],
    options: &ProbeOptions,
    concurrency: usize,
) -> Vec<Observation> {
    let permits = Arc::new(Semaphore::new(concurrency.max(1)));
    let options = Arc::new(options.clone());
    let mut tasks = JoinSet::new();
    for (index, target) in targets.iter().cloned().enumerate() {
        let (client, options, permits) = (client.clone(), options.clone(), permits.clone());
        tasks.spawn(async move {
            let _permit = permits
                .acquire_owned()
                .await
                .expect("semaphore is never closed");
            (index, crate::probe::probe(&client, &target, &options).await)
        });
    }
    let mut slots: Vec<Option<Observation>> = vec![None; targets.len()];
    while let Some(joined) = tasks.join_next().await {
        // A panicking task has already ended the process through the panic hook.
        let (index, observation) = joined.expect("probe task completed");
        slots[index] = Some(observation);
    }
    slots
        .into_iter()
        .map(|slot| slot.expect("every target was probed"))
        .collect()
}

fn judge(plan: &Plan, observations: Vec<Observation>) -> Report {
    let results: Vec<TargetResult> = plan
        .targets
        .iter()
        .zip(observations)
        .map(|(target, observation)| {
            let checks = evaluate(&observation, &plan.expect, plan.probe.max_body);
            TargetResult {
                target: target.clone(),
                status: target_status(&checks),
                observation,
                checks,
            }
        })
        .collect();
    Report {
        overall: worst(results.iter().map(|r| r.status)),
        results,
        expect: plan.expect.clone(),
        timeout: plan.probe.timeout,
    }
}
