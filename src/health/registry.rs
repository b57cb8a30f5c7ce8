//! The one table of readers. Each known format is a file of its own that adds only what is
//! specific to it; this table says how each is recognised (its distinctive structure, in the
//! order structures are tested), how it reads JSON and plain text, and what it is called.
//! Adding a format is its file, a [`Format`] variant, and one row here.

use crate::json::{Map, Value};

use super::{
    Ctx, Format, HealthDoc, alexliesenfeld, aspnet, consul, dropwizard, elasticsearch, generic,
    grpc, hellofresh, ietf, kubernetes, microprofile, puter, spring, terminus, vertx,
};

type Structure = fn(&Map, &Ctx) -> bool;
type JsonReader = fn(&Value, &Ctx) -> Result<HealthDoc, String>;
type TextReader = fn(&str, &Ctx) -> Result<HealthDoc, String>;

/// One way of recognising and reading a format.
pub(crate) struct Reader {
    pub format: Format,
    /// The stable kebab-case name (`--health-format`, output).
    pub name: &'static str,
    /// The distinctive structure of a JSON object in this format, when it has one; `evidence`
    /// says in words what was found.
    pub structure: Option<Structure>,
    pub evidence: &'static str,
    pub json: Option<JsonReader>,
    pub text: Option<TextReader>,
    /// Whether plain-text bodies are tried against this reader without `--health-format`.
    pub reads_text_unasked: bool,
}

/// Every reader. JSON objects are tested against the structures in this order; plain text is
/// tried against the readers that read it unasked, in this order. The generic reader comes last
/// and needs no structure.
pub(crate) const READERS: &[Reader] = &[
    Reader {
        format: Format::Grpc,
        name: "grpc",
        structure: Some(|obj, _| grpc::looks_like(obj)),
        evidence: "a `statuses` map of services to `{status}` (grpc.health.v1, as a gRPC target records it)",
        json: Some(|value, _| grpc::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::Puter,
        name: "puter",
        structure: Some(|obj, _| puter::looks_like(obj)),
        evidence: "a boolean `ok` with only `failed`/`degraded` name lists beside it",
        json: Some(puter::parse),
        text: Some(|text, _| puter::parse_text(text)),
        reads_text_unasked: false,
    },
    Reader {
        format: Format::Consul,
        name: "consul",
        structure: Some(|obj, _| consul::looks_like_object(obj)),
        evidence: "an `AggregatedStatus` field",
        json: Some(|value, _| consul::parse(value)),
        text: Some(|text, _| consul::parse_text(text)),
        reads_text_unasked: true,
    },
    Reader {
        format: Format::Elasticsearch,
        name: "elasticsearch",
        structure: Some(|obj, _| elasticsearch::looks_like(obj)),
        evidence: "`cluster_name` beside `status`, or colour-word `indicators`",
        json: Some(|value, _| elasticsearch::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::AspNetJson,
        name: "aspnet-json",
        structure: Some(|obj, _| aspnet::looks_like(obj)),
        evidence: "`entries` with `totalDuration` or a Healthy/Degraded/Unhealthy `status`",
        json: Some(|value, _| aspnet::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::VertX,
        name: "vertx",
        structure: Some(|obj, _| vertx::looks_like(obj)),
        evidence: "`outcome` with a `checks` array of `id`s",
        json: Some(|value, _| vertx::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::MicroProfile,
        name: "microprofile",
        structure: Some(|obj, _| microprofile::looks_like(obj)),
        evidence: "`status` or `outcome` with a `checks` array of `name`d checks",
        json: Some(|value, _| microprofile::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::HealthJson,
        name: "health-json",
        structure: Some(|obj, _| ietf::looks_like(obj)),
        evidence: "a pass/warn/fail `status`, `releaseId`/`serviceId`, or a `checks` object",
        json: Some(|value, _| ietf::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::SpringBoot,
        name: "spring-boot",
        structure: Some(|obj, _| spring::looks_like_v3(obj)),
        evidence: "a `components` object beside `status`",
        json: Some(|value, _| spring::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::HelloFresh,
        name: "hellofresh",
        structure: Some(|obj, _| hellofresh::looks_like(obj)),
        evidence: "an OK/Partially Available/Unavailable `status` with `component`, `failures` or `system`",
        json: Some(|value, _| hellofresh::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::Terminus,
        name: "terminus",
        structure: Some(|obj, _| terminus::looks_like(obj)),
        evidence: "an ok/error/shutting_down `status` with `info`, `error` or `details`",
        json: Some(|value, _| terminus::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::Dropwizard,
        name: "dropwizard",
        structure: Some(|obj, ctx| {
            // Dropwizard answers `{}` with 501 when no health check is registered.
            dropwizard::looks_like(obj) || (obj.is_empty() && ctx.http_status == 501)
        }),
        evidence: "every top-level value an object with a boolean `healthy`",
        json: Some(|value, _| dropwizard::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::AlexLiesenfeld,
        name: "alexliesenfeld",
        structure: Some(|obj, _| alexliesenfeld::looks_like(obj)),
        evidence: "a lowercase up/down/unknown `status` with only `timestamp`, `info`, `details`",
        json: Some(|value, _| alexliesenfeld::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::SpringBoot,
        name: "spring-boot",
        structure: Some(|obj, _| spring::looks_like_legacy(obj)),
        evidence: "an upper-case UP/DOWN/OUT_OF_SERVICE/UNKNOWN `status` with only Spring's keys or child indicators",
        json: Some(|value, _| spring::parse(value)),
        text: None,
        reads_text_unasked: false,
    },
    Reader {
        format: Format::AspNetText,
        name: "aspnet-text",
        structure: None,
        evidence: "a plain-text body that is exactly Healthy, Degraded or Unhealthy",
        json: None,
        text: Some(|text, _| aspnet::parse_text(text)),
        reads_text_unasked: true,
    },
    Reader {
        format: Format::Kubernetes,
        name: "kubernetes",
        structure: None,
        evidence: "`ok`, or `[+]`/`[-]` check lines",
        json: None,
        text: Some(kubernetes::parse),
        reads_text_unasked: true,
    },
    Reader {
        format: Format::Generic,
        name: "generic",
        structure: None,
        evidence: "no known format's structure; read field by field",
        json: Some(generic::parse),
        text: Some(generic::parse_text),
        reads_text_unasked: true,
    },
];

/// The first row of `format`: its name, its readers.
pub(crate) fn reader(format: Format) -> &'static Reader {
    READERS
        .iter()
        .find(|reader| reader.format == format)
        .expect("every format has a row in READERS")
}

/// Every format once, in the table's order.
pub(crate) fn formats() -> impl Iterator<Item = Format> {
    READERS
        .iter()
        .enumerate()
        .filter(|(index, reader)| {
            !READERS[..*index]
                .iter()
                .any(|before| before.format == reader.format)
        })
        .map(|(_, reader)| reader.format)
}
