//! The model every reader fills: a document's own state, its component tree, version,
//! maintenance phrase and readings, each in healthprobe's vocabulary ([`Health`]).

use std::fmt;

/// How the body's format is chosen (`--health-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatChoice {
    /// Detect the format from the Content-Type and the body.
    Auto,
    /// Do not read the body as a health document at all.
    None,
    /// Read the body with this format's parser only.
    Forced(Format),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Puter,
    HealthJson,
    SpringBoot,
    MicroProfile,
    AspNetText,
    AspNetJson,
    Kubernetes,
    Terminus,
    Dropwizard,
    VertX,
    HelloFresh,
    AlexLiesenfeld,
    Consul,
    Elasticsearch,
    Generic,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Puter,
        Format::HealthJson,
        Format::SpringBoot,
        Format::MicroProfile,
        Format::AspNetText,
        Format::AspNetJson,
        Format::Kubernetes,
        Format::Terminus,
        Format::Dropwizard,
        Format::VertX,
        Format::HelloFresh,
        Format::AlexLiesenfeld,
        Format::Consul,
        Format::Elasticsearch,
        Format::Generic,
    ];

    /// The stable kebab-case name used by `--health-format` and in output.
    pub fn name(self) -> &'static str {
        match self {
            Format::Puter => "puter",
            Format::HealthJson => "health-json",
            Format::SpringBoot => "spring-boot",
            Format::MicroProfile => "microprofile",
            Format::AspNetText => "aspnet-text",
            Format::AspNetJson => "aspnet-json",
            Format::Kubernetes => "kubernetes",
            Format::Terminus => "terminus",
            Format::Dropwizard => "dropwizard",
            Format::VertX => "vertx",
            Format::HelloFresh => "hellofresh",
            Format::AlexLiesenfeld => "alexliesenfeld",
            Format::Consul => "consul",
            Format::Elasticsearch => "elasticsearch",
            Format::Generic => "generic",
        }
    }

    /// The format named `name` (as [`Format::name`] spells it, any case).
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim();
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.name().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A state as the document states it, mapped to our vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Ok,
    Warning,
    Critical,
    Unknown,
    Maintenance,
}

impl Health {
    /// Rank used by [`Health::worst`]: Ok < Unknown < Warning < Maintenance < Critical.
    pub fn severity(self) -> u8 {
        match self {
            Health::Ok => 0,
            Health::Unknown => 1,
            Health::Warning => 2,
            Health::Maintenance => 3,
            Health::Critical => 4,
        }
    }

    /// The worse of two states.
    pub fn worst(self, other: Health) -> Health {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// The worst of `healths`, not counting Unknown ones; Unknown when nothing else is there.
    /// This is how states are derived for formats without a top-level one (Dropwizard, arrays).
    pub fn worst_known(healths: impl IntoIterator<Item = Health>) -> Health {
        healths
            .into_iter()
            .filter(|health| *health != Health::Unknown)
            .reduce(Health::worst)
            .unwrap_or(Health::Unknown)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// The key or name as the document gives it.
    pub name: String,
    pub health: Health,
    /// The word as written ("DOWN", "fail", "false", "[-]").
    pub raw_status: String,
    /// Why, folded to one line of at most [`MAX_REASON_CHARS`] characters.
    pub reason: Option<String>,
    /// When the document says this state was observed, as written.
    pub since: Option<String>,
    /// Nested components (Spring, Vert.x, generic documents).
    pub children: Vec<Component>,
}

impl Component {
    pub(crate) fn new(
        name: impl Into<String>,
        health: Health,
        raw_status: impl Into<String>,
    ) -> Self {
        Component {
            name: name.into(),
            health,
            raw_status: raw_status.into(),
            reason: None,
            since: None,
            children: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HealthDoc {
    pub format: Format,
    /// The document's own top-level state (derived for formats without one, e.g. Dropwizard).
    pub health: Health,
    pub raw_status: Option<String>,
    pub components: Vec<Component>,
    /// The service's own version, where the format keeps one; never a dependency's.
    pub version: Option<String>,
    /// A short phrase when a maintenance-like state is present ("draining", "OUT_OF_SERVICE").
    pub maintenance: Option<String>,
    /// Numeric readings the document exposes.
    pub observations: Vec<Observed>,
    /// A document-level explanation (health+json `output`, a Terminus error string, a
    /// Kubernetes `internal server error: ...` line, etcd's `reason`), folded to one line.
    pub reason: Option<String>,
}

impl HealthDoc {
    pub(crate) fn new(format: Format, health: Health, raw_status: Option<String>) -> Self {
        HealthDoc {
            format,
            health,
            raw_status,
            components: Vec::new(),
            version: None,
            maintenance: None,
            observations: Vec::new(),
            reason: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    pub label: String,
    pub value: f64,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Interpretation {
    Doc(HealthDoc),
    /// The body is not a health document we recognise (an HTML page, an empty body, JSON without
    /// any status-like field): no verdict from the body. One-line reason.
    Unrecognised(String),
    /// The body claims to be JSON but does not parse. One-line reason with line and column.
    Malformed(String),
}

/// How deep any walker of ours goes into a document. serde_json already refuses more than 128
/// levels; this keeps our own recursion (and the [`Component`] tree) far below that.
pub(crate) const MAX_DEPTH: usize = 32;

/// Longest reason kept, in characters (an ellipsis marks a cut).
pub(crate) const MAX_REASON_CHARS: usize = 200;
