//! One target through the whole pipeline, shared by every driver (a run of the command line,
//! `serve`): probe it over a shared client (with its retries, inside a deadline), read its body
//! once as a health document, find its version and certificate expiry, and judge what was seen.
//! Scheduling, rounds and output belong to the drivers.

use std::time::{Duration, Instant};

use crate::evaluate::{component_marks, evaluate, target_status};
use crate::health::{Body, Interpretation};
use crate::observation::{
    CertExpiry, FailureKind, Observation, Protocol, Reading, VersionFound, VersionSource,
};
use crate::outcome::{TargetResult, TargetView};
use crate::request::{ClientSettings, ProbeOptions, ProxyEnv};
use crate::target::Target;

/// Probes one target (with its retries), reads its body once as a health document, and finds
/// its version and certificate expiry.
pub async fn probe_target(
    client: &reqwest::Client,
    target: &Target,
    deadline: Option<Instant>,
) -> (Observation, Reading) {
    let observation = probe_with_retries(client, target, deadline).await;
    let settings = &target.settings;
    let complete_body = match (&observation.response, &observation.failure) {
        (Some(response), None) if !response.body_capped && response.carries_document() => {
            Some(response)
        }
        _ => None,
    };
    let body = complete_body.map(|response| Body::read(&response.body));
    let document = complete_body.zip(body.as_ref()).map(|(response, body)| {
        // A gRPC message is read in its JSON form.
        let content_type = match response.protocol {
            Protocol::Grpc(_) => Some("application/json"),
            _ => response
                .headers
                .iter()
                .find(|(name, _)| name == "content-type")
                .map(|(_, value)| value.as_str()),
        };
        crate::health::interpret_body(content_type, response.status, body, &settings.expect.read)
    });
    let json = body.as_ref().and_then(|b| b.json.as_ref().ok());
    let version = match &target.version_url {
        Some(url) => version_from_url(client, target, url, deadline).await,
        None if complete_body.is_some() => crate::extract::version(
            json,
            settings.version_path.as_ref(),
            document.as_ref(),
            crate::extract::Place::Body,
        ),
        None => VersionFound::Missing(NO_COMPLETE_BODY.into()),
    };
    let certificate = observation
        .response
        .as_ref()
        .and_then(|r| r.peer_certificate.as_deref())
        .map(certificate_expiry);
    let expect = &settings.expect;
    let rules_read_json =
        !(expect.metrics.is_empty() && expect.asserts.is_empty() && expect.assert_warns.is_empty());
    let json = match body {
        // The document is read: without a rule that needs it, its JSON goes now.
        Some(_) if !rules_read_json => Err("no rule reads the body".into()),
        // The rules' JSONPath engine reads serde_json's values: a copy, made only for them.
        Some(body) => body
            .json
            .map(|value| std::sync::Arc::new(value.to_serde()))
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

const NO_COMPLETE_BODY: &str = crate::evaluate::NO_COMPLETE_BODY;

/// One probe, tried again on a transient failure while `--retries` and the deadline allow.
async fn probe_with_retries(
    client: &reqwest::Client,
    target: &Target,
    deadline: Option<Instant>,
) -> Observation {
    let retry = &target.settings.retry;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let Some(options) = within(&target.settings.probe, deadline) else {
            return Observation::unprobed(
                &crate::redact::url(&target.url),
                FailureKind::NotProbed,
                "not probed: the run's deadline passed before its turn".into(),
            );
        };
        let cut_short = options.timeout < target.settings.probe.timeout;
        let mut observation = match target.url.scheme() {
            "grpc" | "grpcs" => crate::grpc::probe(client, &target.url, &options).await,
            "tcp" | "tls" => crate::socket::probe(&target.url, &options).await,
            _ => crate::probe::probe(client, &target.url, &options).await,
        };
        observation.attempts = attempt;
        if let Some(failure) = &mut observation.failure
            && cut_short
            && matches!(
                failure.kind,
                FailureKind::Timeout | FailureKind::ConnectTimeout
            )
        {
            failure.message.push_str(" (the run's deadline ran out)");
        }
        let transient = match (&observation.failure, &observation.response) {
            (Some(failure), _) => failure.kind.is_transient(),
            // gRPC's UNAVAILABLE is its 503: the one status its clients retry.
            (None, Some(response)) if matches!(&response.protocol, Protocol::Grpc(_)) => {
                matches!(&response.protocol, Protocol::Grpc(call) if call.code == 14)
            }
            (None, Some(response)) => {
                !target.settings.expect.statuses.contains(response.status)
                    && retry.transient_status(response.status)
            }
            (None, None) => false,
        };
        if !transient || attempt > retry.retries {
            return observation;
        }
        if deadline.is_some_and(|d| Instant::now() + retry.delay >= d) {
            return observation;
        }
        tokio::time::sleep(retry.delay).await;
    }
}

/// The probe options with their timeouts cut to what is left before the deadline; `None` when
/// nothing is left.
fn within(options: &ProbeOptions, deadline: Option<Instant>) -> Option<ProbeOptions> {
    let Some(deadline) = deadline else {
        return Some(options.clone());
    };
    let left = deadline.saturating_duration_since(Instant::now());
    if left < Duration::from_millis(1) {
        return None;
    }
    let mut options = options.clone();
    options.timeout = options.timeout.min(left);
    Some(options)
}

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

/// Fetches `--version-url` through the target's client and reads the version from its body.
async fn version_from_url(
    client: &reqwest::Client,
    target: &Target,
    url: &reqwest::Url,
    deadline: Option<Instant>,
) -> VersionFound {
    let shown = crate::redact::url(url);
    let settings = &target.settings;
    let Some(options) = within(&settings.probe, deadline) else {
        return VersionFound::Missing(format!("{shown}: the run's deadline passed first"));
    };
    let seen = crate::probe::probe(client, url, &options).await;
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
            crate::observation::body_too_large_message(options.max_body)
        )),
        (Some(response), None) => {
            let body = Body::read(&response.body);
            match crate::extract::version(
                body.json.as_ref().ok(),
                settings.version_path.as_ref(),
                None,
                crate::extract::Place::VersionUrl(&shown),
            ) {
                VersionFound::Found(version, _) => {
                    VersionFound::Found(version, VersionSource::VersionUrl)
                }
                missing => missing,
            }
        }
        (None, None) => VersionFound::Missing(format!("{shown}: no response")),
    }
}

/// Judges what was seen of `target` into its result: every check, and the worst of them.
pub fn judge_target(target: &Target, observation: Observation, reading: Reading) -> TargetResult {
    let checks = evaluate(
        &observation,
        &reading,
        &target.settings.expect,
        target.settings.probe.max_body,
    );
    let marks = match (&reading.document, &observation.response) {
        (Some(Interpretation::Doc(doc)), Some(response)) => {
            component_marks(doc, response.status, &target.settings.expect)
        }
        _ => Default::default(),
    };
    TargetResult {
        target: view(target),
        status: target_status(&checks),
        marks,
        observation,
        reading,
        checks,
    }
}

/// What a result may say of its target: never its settings or secrets.
pub fn view(target: &Target) -> TargetView {
    let settings = &target.settings;
    TargetView {
        name: target.name.clone(),
        url: crate::redact::url(&target.url),
        host: target.url.host_str().unwrap_or_default().to_string(),
        unverified_tls: settings.probe.client.insecure
            && matches!(target.url.scheme(), "https" | "grpcs" | "tls"),
        warning: settings.expect.warning.clone(),
        critical: settings.expect.critical.clone(),
        timeout: settings.probe.timeout,
    }
}

/// What a target that was never probed is judged on: interrupted before it answered.
pub fn interrupted(target: &Target) -> (Observation, Reading) {
    let observation = Observation::unprobed(
        &crate::redact::url(&target.url),
        FailureKind::Interrupted,
        "interrupted before it answered".into(),
    );
    let reading = Reading {
        document: None,
        version: VersionFound::Missing("interrupted".into()),
        json: Err("interrupted before it answered".into()),
        certificate: None,
    };
    (observation, reading)
}

/// The clients of a run: one per way of connecting ([`ClientSettings`]), shared by every
/// target that connects that way.
pub struct Clients {
    clients: Vec<(ClientSettings, reqwest::Client)>,
}

impl Clients {
    pub fn build(targets: &[Target], proxies: &ProxyEnv) -> anyhow::Result<Clients> {
        let mut wanted: Vec<(&ClientSettings, bool)> = Vec::new();
        for target in targets {
            let settings = &target.settings.probe.client;
            let https = matches!(target.url.scheme(), "https" | "grpcs")
                || target
                    .version_url
                    .as_ref()
                    .is_some_and(|u| u.scheme() == "https");
            match wanted.iter_mut().find(|(s, _)| *s == settings) {
                Some((_, needs_tls)) => *needs_tls |= https,
                None => wanted.push((settings, https)),
            }
        }
        let clients = wanted
            .into_iter()
            .map(|(settings, needs_tls)| {
                let client = crate::probe::build_client(settings, needs_tls, proxies)?;
                Ok((settings.clone(), client))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Clients { clients })
    }

    pub fn for_target(&self, target: &Target) -> &reqwest::Client {
        let settings = &target.settings.probe.client;
        &self
            .clients
            .iter()
            .find(|(s, _)| s == settings)
            .expect("a client was built for every target")
            .1
    }
}
