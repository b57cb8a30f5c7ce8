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
mod generic;
mod hellofresh;
mod ietf;
mod kubernetes;
mod microprofile;
mod model;
mod puter;
mod spring;
mod terminus;
mod vertx;
pub(crate) mod words;

pub use body::Body;
pub(crate) use detect::Ctx;
#[cfg(test)]
pub use detect::interpret;
pub use detect::interpret_body;
pub(crate) use fields::*;
pub use model::*;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
