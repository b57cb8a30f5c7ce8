//! Scheduling: probes every target over one shared client, at most `concurrency` at a time, on a
//! current-thread runtime (a health probe needs no worker threads, and starts faster without
//! them), then judges each observation into the [`Report`].

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use serde_json_path::JsonPath;

use crate::evaluate::{evaluate, target_status, version_skew_check};
use crate::health::{Body, FormatChoice};
use crate::observation::{CertExpiry, Observation, Reading, VersionFound};
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
        let job = Arc::new(Job {
            client,
            options: plan.probe.clone(),
            health_format: plan.expect.health_format,
            version_path: plan.version_path.clone(),
        });
        let seen = probe_all(job, &plan.targets, plan.concurrency).await;
        Ok(judge(&plan, seen))
    })
}

/// What every probe task shares.
struct Job {
    client: reqwest::Client,
    options: ProbeOptions,
    health_format: FormatChoice,
    version_path: Option<JsonPath>,
}

/// Probes all targets concurrently, bounded by `concurrency`, and returns what was seen in
/// target order (so output order never depends on which server answered first).
async fn probe_all(
    job: Arc<Job>,
    targets: &[Target],
    concurrency: usize,
) -> Vec<(Observation, Reading)> {
    let permits = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for (index, target) in targets.iter().cloned().enumerate() {
        let (job, permits) = (job.clone(), permits.clone());
        tasks.spawn(async move {
            let _permit = permits
                .acquire_owned()
                .await
                .expect("semaphore is never closed");
            (index, probe_target(&job, &target).await)
        });
    }
    let mut slots: Vec<Option<(Observation, Reading)>> = vec![None; targets.len()];
    while let Some(joined) = tasks.join_next().await {
        // A panicking task has already ended the process through the panic hook.
        let (index, seen) = joined.expect("probe task completed");
        slots[index] = Some(seen);
    }
    slots
        .into_iter()
        .map(|slot| slot.expect("every target was probed"))
        .collect()
}

/// Probes one target, reads its body (once) as a health document, and finds its version.
async fn probe_target(job: &Job, target: &Target) -> (Observation, Reading) {
    let observation = crate::probe::probe(&job.client, target, &job.options).await;
    let complete_body = match (&observation.response, &observation.failure) {
        (Some(response), None) if !response.body_capped => Some(response),
        _ => None,
    };
    let body = complete_body.map(|response| Body::read(&response.body));
    let document = complete_body.zip(body.as_ref()).map(|(response, body)| {
        let content_type = response
            .headers
            .iter()
            .find(|(name, _)| name == "content-type")
            .map(|(_, value)| value.as_str());
        crate::health::interpret_body(content_type, response.status, body, job.health_format)
    });
    let json = body.as_ref().and_then(|b| b.json.as_ref().ok());
    let version = match &target.version_url {
        Some(url) => version_from_url(job, url).await,
        None if complete_body.is_some() => {
            crate::extract::version(json, job.version_path.as_ref(), document.as_ref())
        }
        None => VersionFound::Missing(NO_COMPLETE_BODY.into()),
    };
    let certificate = observation
        .response
        .as_ref()
        .and_then(|r| r.peer_certificate.as_deref())
        .map(certificate_expiry);
    let json = match body {
        Some(body) => body
            .json
            .map_err(|why| format!("the body is not JSON ({why})")),
        None => Err(NO_COMPLETE_BODY.into()),
    };
    (
        observation,
        Reading {
            document,
            version,
            json,
            certificate,
        },
    )
}

const NO_COMPLETE_BODY: &str = "no complete body was received";

/// Reads the certificate's expiry against the clock, here at the edge, so that evaluation stays
/// a pure function of what was seen.
fn certificate_expiry(der: &[u8]) -> Result<CertExpiry, String> {
    let validity = crate::cert::validity(der)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Ok(CertExpiry {
        not_after: validity.not_after,
        days_left: crate::cert::days_left(&validity, now),
    })
}

/// Fetches `--version-url` through the same client and reads the version from its body.
async fn version_from_url(job: &Job, url: &reqwest::Url) -> VersionFound {
    let target = Target::from_url(url.clone());
    let seen = crate::probe::probe(&job.client, &target, &job.options).await;
    let shown = crate::redact::url(url);
    match (&seen.response, &seen.failure) {
        (_, Some(failure)) => VersionFound::Missing(format!("{shown}: {}", failure.message)),
        (Some(response), None) if !(200..300).contains(&response.status) => {
            VersionFound::Missing(format!(
                "{shown} answered {}",
                crate::evaluate::status_line(response.status)
            ))
        }
        (Some(response), None) if response.body_capped => VersionFound::Missing(format!(
            "{shown}: {}",
            crate::probe::body_too_large_message(job.options.max_body)
        )),
        (Some(response), None) => {
            let body = Body::read(&response.body);
            crate::extract::version(body.json.as_ref().ok(), job.version_path.as_ref(), None)
        }
        (None, None) => VersionFound::Missing(format!("{shown}: no response")),
    }
}

fn judge(plan: &Plan, seen: Vec<(Observation, Reading)>) -> Report {
    let results: Vec<TargetResult> = plan
        .targets
        .iter()
        .zip(seen)
        .map(|(target, (observation, reading))| {
            let checks = evaluate(&observation, &reading, &plan.expect, plan.probe.max_body);
            TargetResult {
                target: target.clone(),
                status: target_status(&checks),
                observation,
                reading,
                checks,
            }
        })
        .collect();
    let mut run_checks = Vec::new();
    if plan.same_version && results.len() > 1 {
        let versions: Vec<(&str, Option<&str>)> = results
            .iter()
            .map(|r| (r.target.name.as_str(), r.reading.version.value()))
            .collect();
        run_checks.extend(version_skew_check(&versions));
    }
    Report {
        overall: worst(
            results
                .iter()
                .map(|r| r.status)
                .chain(run_checks.iter().map(|c| c.status)),
        ),
        results,
        run_checks,
        expect: plan.expect.clone(),
        timeout: plan.probe.timeout,
    }
}
