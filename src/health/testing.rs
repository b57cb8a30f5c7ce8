//! The one way tests read a body: through the whole detection, as a run would, expecting a
//! document.

use super::{Component, FormatChoice, HealthDoc, Interpretation, interpret};

/// The document `body` (served with `content_type` and `status`) is read as; panics when it is
/// not read as one, naming what it was instead.
pub(crate) fn read(content_type: &str, status: u16, body: &str) -> HealthDoc {
    match interpret(
        Some(content_type),
        status,
        body.as_bytes(),
        FormatChoice::Auto,
    ) {
        Interpretation::Doc(doc) => doc,
        other => panic!("not a document: {other:?}"),
    }
}

/// [`read`] with `Content-Type: application/json`.
pub(crate) fn json(status: u16, body: &str) -> HealthDoc {
    read("application/json", status, body)
}

/// Each component as `path=Health`, depth first (`queues/eu-north=Critical`).
pub(crate) fn tree(components: &[Component]) -> Vec<String> {
    let mut out = Vec::new();
    for c in components {
        out.push(format!("{}={:?}", c.name, c.health));
        for child in tree(&c.children) {
            out.push(format!("{}/{child}", c.name));
        }
    }
    out
}

/// Where each top-level component's state was read: `(path, rule)`.
pub(crate) fn origins(components: &[Component]) -> Vec<(&str, &'static str)> {
    components
        .iter()
        .map(|c| (c.origin.path.as_str(), c.origin.rule))
        .collect()
}

/// Where the document's own state was read: `(path, rule)`, empty when not recorded.
pub(crate) fn status_origin(doc: &HealthDoc) -> (&str, &'static str) {
    doc.explanation
        .status
        .as_ref()
        .map_or(("", ""), |origin| (origin.path.as_str(), origin.rule))
}
