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
