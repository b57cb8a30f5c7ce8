//! A target: the URL to probe, how every output names it, and everything that decides how it
//! is probed and judged. Built by the command line (plan) and by `serve` (modules); read by the
//! pipeline, which knows nothing of where it came from.

use reqwest::Url;

use crate::evaluate::Expectations;
use crate::request::{ProbeOptions, RetryPolicy, name_of};

#[derive(Debug, Clone)]
pub struct Target {
    /// How every output refers to the target: the config file's `name`, or host, port and path.
    pub name: String,
    pub url: Url,
    /// Where this target's version is read, when not from its health document.
    pub version_url: Option<Url>,
    pub settings: Settings,
}

impl Target {
    /// A target named after its URL, with what its scheme implies: gRPC speaks HTTP/2 from
    /// the first byte and its answer is read as a gRPC health document; a bare port has no
    /// document to read.
    pub fn new(url: Url, mut settings: Settings) -> Target {
        use crate::health::{Format, FormatChoice};
        match url.scheme() {
            "grpc" | "grpcs" => {
                settings.probe.client.http2_prior_knowledge = true;
                if settings.expect.read.format == FormatChoice::Auto
                    && settings.expect.read.status_path.is_none()
                    && settings.expect.read.component_path.is_none()
                {
                    settings.expect.read.format = FormatChoice::Forced(Format::Grpc);
                }
            }
            "tcp" | "tls" => settings.expect.read.format = FormatChoice::None,
            _ => {}
        }
        Target {
            name: name_of(&url),
            url,
            version_url: None,
            settings,
        }
    }
}

/// Everything that decides how one target is probed and judged.
#[derive(Debug, Clone)]
pub struct Settings {
    pub probe: ProbeOptions,
    pub expect: Expectations,
    /// Where the version is read besides the health document (`--version-path`).
    pub version_path: Option<serde_json_path::JsonPath>,
    pub retry: RetryPolicy,
}

/// Makes every target's name unique, so that no two lines of any output, and no two
/// Prometheus `target` labels, can be confused. `named[i]` says the config gave target `i` its
/// name: such names are kept as given, and two alike are refused. A name made from a URL that
/// another target also has is told apart by its scheme when that differs
/// (`http://db/health`, `https://db/health`), and otherwise by a position suffix
/// (`db/health (1)`, `db/health (2)`).
pub fn give_unique_names(targets: &mut [Target], named: &[bool]) -> Result<(), String> {
    use std::collections::HashMap;
    let is_named = |i: usize| named.get(i).copied().unwrap_or(false);
    let mut given: HashMap<&str, usize> = HashMap::new();
    for (i, target) in targets.iter().enumerate().filter(|(i, _)| is_named(*i)) {
        if given.insert(target.name.as_str(), i).is_some() {
            return Err(format!(
                "two targets are named '{}': give each its own name",
                target.name
            ));
        }
    }
    let given: Vec<String> = given.into_keys().map(String::from).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for target in targets.iter() {
        *counts.entry(target.name.clone()).or_default() += 1;
    }
    let clashing: Vec<usize> = (0..targets.len())
        .filter(|&i| !is_named(i) && counts[&targets[i].name] > 1)
        .collect();
    if clashing.is_empty() {
        return Ok(());
    }
    let taken = |name: &str, targets: &[Target], except: usize| {
        targets
            .iter()
            .enumerate()
            .any(|(j, t)| j != except && t.name == name)
    };
    // First the scheme, which tells http from https at a glance.
    let mut renamed = targets.to_vec();
    for &i in &clashing {
        if matches!(renamed[i].url.scheme(), "http" | "https") {
            renamed[i].name = format!("{}://{}", renamed[i].url.scheme(), targets[i].name);
        }
    }
    for &i in &clashing {
        if !taken(&renamed[i].name, &renamed, i) && !given.contains(&renamed[i].name) {
            targets[i].name = renamed[i].name.clone();
        }
    }
    // Then a position among the targets that still share a name.
    let mut still: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &clashing {
        if taken(&targets[i].name, targets, i) {
            still.entry(targets[i].name.clone()).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = still.into_values().collect();
    groups.sort();
    for group in groups {
        let base = targets[group[0]].name.clone();
        let mut number = 1;
        for i in group {
            loop {
                let candidate = format!("{base} ({number})");
                number += 1;
                if !targets.iter().any(|t| t.name == candidate) {
                    targets[i].name = candidate;
                    break;
                }
            }
        }
    }
    Ok(())
}
