//! The model every reader fills: a document's own state, its component tree, version,
//! maintenance phrase and readings, each in healthprobe's vocabulary ([`Health`]).

use std::fmt;

/// How the body's format is chosen (`--health-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatChoice {
    /// Detect the format from the Content-Type and the body.
    #[default]
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
    Grpc,
    Generic,
}

impl Format {
    /// Every format once, in the order of the reader table.
    pub fn all() -> impl Iterator<Item = Format> {
        super::registry::formats()
    }

    /// The stable kebab-case name used by `--health-format` and in output.
    pub fn name(self) -> &'static str {
        super::registry::reader(self).name
    }

    /// What identifies a document of this format, in words (the evidence of its first row in
    /// the reader table), for `healthprobe help formats`.
    pub fn evidence(self) -> &'static str {
        super::registry::reader(self).evidence
    }

    /// The format named `name` (as [`Format::name`] spells it, any case).
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim();
        Format::all().find(|format| format.name().eq_ignore_ascii_case(name))
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
    /// The document says the state is unknown, or states none (`null`, `skipped`, Spring's
    /// UNKNOWN): the part is shown, and never counts as a failure.
    Unknown,
    Maintenance,
    /// A value no vocabulary knows: the reader cannot decide. Never taken for OK: a component
    /// in this state is WARNING, a document's own state UNKNOWN, each with a hint.
    Unrecognised,
}

impl Health {
    /// Rank used by [`Health::worst`]:
    /// Ok < Unknown < Unrecognised < Warning < Maintenance < Critical.
    pub fn severity(self) -> u8 {
        match self {
            Health::Ok => 0,
            Health::Unknown => 1,
            Health::Unrecognised => 2,
            Health::Warning => 3,
            Health::Maintenance => 4,
            Health::Critical => 5,
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

    /// The lowercase name used in JSON output and explanations.
    pub fn name(self) -> &'static str {
        match self {
            Health::Ok => "ok",
            Health::Warning => "warning",
            Health::Critical => "critical",
            Health::Unknown => "unknown",
            Health::Maintenance => "maintenance",
            Health::Unrecognised => "unrecognised",
        }
    }
}

/// Where a reading came from, so that `--explain` and the JSON report can show why: the
/// JSONPath of the value that decided, and the rule that read it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origin {
    /// A JSONPath in RFC 9535 normalized form (`$['checks']['db']['status']`), or empty for
    /// plain-text bodies.
    pub path: String,
    /// How the value was read: "state word", "--status-word", "boolean flag", "error text"...
    pub rule: &'static str,
}

impl Origin {
    pub fn new(path: impl Into<String>, rule: &'static str) -> Self {
        Origin {
            path: path.into(),
            rule,
        }
    }
}

/// A value the reader saw and did not take as health, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Aside {
    pub path: String,
    pub why: &'static str,
}

/// How a document was read, for `--explain`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Explanation {
    /// Why this reader took the document: "`components` object beside `status`".
    pub evidence: String,
    /// Where the document's own state was read, or how it was derived.
    pub status: Option<Origin>,
    /// Where the version was read.
    pub version: Option<String>,
    /// What was left aside as data (the first [`MAX_ASIDE`] of them), and how many more.
    pub aside: Vec<Aside>,
    pub more_aside: usize,
}

/// At most this many set-aside values are listed; the rest are counted.
pub(crate) const MAX_ASIDE: usize = 40;

impl Explanation {
    pub(crate) fn set_aside(&mut self, path: String, why: &'static str) {
        if self.aside.len() < MAX_ASIDE {
            self.aside.push(Aside { path, why });
        } else {
            self.more_aside += 1;
        }
    }
}

/// How a component reported without a state (`null`, `{}`, a check with no status) is shown:
/// it is there, but nothing runs it. Never a failure by itself; `--require-component` makes it
/// one.
pub const NOT_RUNNING: &str = "not running";

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
    /// Where the state was read.
    pub origin: Origin,
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
            origin: Origin::default(),
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
    /// How the document was read (boxed: it is read only for `--explain` and reports).
    pub explanation: Box<Explanation>,
    /// Components read but not kept, by state (see [`super::keep`]).
    pub unkept: super::keep::Unkept,
    /// Where those were read, for the second reading; taken once the reading is finished.
    pub(crate) not_kept: Option<Box<super::keep::Dropped>>,
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
            explanation: Box::default(),
            unkept: Default::default(),
            not_kept: None,
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
