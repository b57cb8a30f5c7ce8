//! Health documents: what a health endpoint's body says, in one vocabulary.
//!
//! [`interpret`] takes the response's Content-Type, HTTP status and body and recognises one of
//! the widely used health formats (see `shared/design/health-formats.md`): Puter's
//! `/healthcheck`, IETF health+json, Spring Boot Actuator, MicroProfile Health, ASP.NET Core,
//! Kubernetes `/livez`, Terminus, Dropwizard, Vert.x, hellofresh/health-go, alexliesenfeld/health,
//! Consul, Elasticsearch, and a generic fallback. It reports faithfully what the document says
//! (top-level state, components, version, maintenance, readings); combining that with the HTTP
//! status and the user's expectations into a verdict is the caller's job.
//!
//! Everything here is a pure function of its inputs and never panics: JSON nesting is bounded by
//! serde_json's recursion limit, and every walker of ours stops at [`MAX_DEPTH`].

mod alexliesenfeld;
mod aspnet;
mod body;
mod consul;
mod detect;
mod dropwizard;
mod elasticsearch;
mod fields;
pub(crate) mod generic;
mod grpc;
mod hellofresh;
mod ietf;
pub(crate) mod keep;
mod kubernetes;
mod microprofile;
mod model;
mod puter;
mod registry;
mod spring;
mod terminus;
mod vertx;
pub mod words;

pub use body::Body;
pub(crate) use detect::Ctx;
#[cfg(test)]
pub use detect::interpret;
pub use detect::interpret_body;
pub(crate) use fields::*;
pub(crate) use keep::push as keep_part;
pub use keep::{MAX_KEPT_FAILING, MAX_KEPT_HEALTHY, Unkept};
pub use model::*;
pub use words::UserWords;

/// How bodies are read: `--health-format`, `--status-word`, `--status-path` and
/// `--component-path`.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub format: FormatChoice,
    pub words: UserWords,
    /// Where the document's own state is (a JSONPath), for documents the reader misreads.
    pub status_path: Option<serde_json_path::JsonPath>,
    /// Where the document's parts are: every node the JSONPath selects is a component.
    pub component_path: Option<serde_json_path::JsonPath>,
    /// Keep every component a document lists, however many: component rules must see every
    /// one they could name. Otherwise a reading keeps the first 100 healthy and the first
    /// 256 failing leaves and counts the rest (see `keep`).
    pub keep_every_component: bool,
}

#[cfg(test)]
mod corpus;
#[cfg(test)]
mod never_silent;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
