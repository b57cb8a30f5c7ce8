//! `--status-path` and `--component-path`: the user points the reader at the fields of a
//! document it would otherwise misread.

use crate::health::keep_part;
use crate::json::Value;
use serde_json_path::JsonPath;

use super::keys::Flag;
use super::walk::Reader;
use super::{Polarity, Said, item_name, rule_of};
use crate::health::fields::{child_path, index_path};
use crate::health::words;
use crate::health::{Component, Health, NOT_RUNNING, Origin, text_of};

impl Reader<'_> {
    /// `--status-path`: the statements at the nodes the path selects.
    /// `copy` is `root` as serde_json's value, which the JSONPath engine reads.
    pub(super) fn status_at(
        &mut self,
        path: &JsonPath,
        root: &Value,
        copy: &serde_json::Value,
    ) -> Vec<Said> {
        let mut said = Vec::new();
        for node in path.query_located(copy).iter() {
            let at = located(node.location());
            let Some(value) = root.at(node.location()) else {
                continue;
            };
            let statement = match value {
                Value::Object(obj) => {
                    let inner = self.object(obj, &at, 1);
                    said.extend(inner.said);
                    continue;
                }
                Value::Bool(on) => (
                    if *on { Health::Ok } else { Health::Critical },
                    on.to_string(),
                    None,
                    "boolean state",
                ),
                Value::Null => (
                    Health::Unknown,
                    NOT_RUNNING.into(),
                    None,
                    "null state (not run)",
                ),
                other => {
                    let text = text_of(other).unwrap_or_default();
                    let judged = words::judge(&text, self.words);
                    (judged.health, text, judged.reason, rule_of(judged.how))
                }
            };
            let (health, raw, reason, rule) = statement;
            said.push(Said {
                health,
                raw,
                origin: Origin::new(at, rule),
                reason,
            });
        }
        for s in &mut said {
            s.origin.rule = match s.origin.rule {
                "state word" | "sentence" | "boolean state" => "--status-path",
                other => other,
            };
        }
        said
    }

    /// `--component-path`: a part for every node the path selects, named by its name field,
    /// its key, or its parent's key and index.
    pub(super) fn parts_at(
        &mut self,
        path: &JsonPath,
        root: &Value,
        copy: &serde_json::Value,
    ) -> Vec<Component> {
        let mut parts = Vec::new();
        for node in path.query_located(copy).iter() {
            let location = node.location();
            let Some(value) = root.at(location) else {
                continue;
            };
            let at = located(location);
            let key_name = match location.last() {
                Some(element) if element.is_name() => element.as_name().unwrap_or("").to_string(),
                Some(element) => {
                    let parent = location
                        .iter()
                        .rev()
                        .nth(1)
                        .and_then(|e| e.as_name())
                        .unwrap_or("item");
                    format!("{parent}[{}]", element.as_index().unwrap_or(0))
                }
                None => "$".into(),
            };
            match value {
                Value::Object(obj) => {
                    let name = item_name(obj).unwrap_or(key_name);
                    match self.object_part(&name, obj, at.clone(), 1, None) {
                        Some(part) => keep_part(&mut parts, part),
                        None => {
                            let mut part = Component::new(name, Health::Unrecognised, "(no state)");
                            part.origin = Origin::new(at, "--component-path found no state here");
                            keep_part(&mut parts, part);
                        }
                    }
                }
                Value::Bool(on) => {
                    let mut part = Component::new(
                        key_name,
                        if *on { Health::Ok } else { Health::Critical },
                        on.to_string(),
                    );
                    part.origin = Origin::new(at, "boolean state");
                    keep_part(&mut parts, part);
                }
                Value::Null => {
                    let mut part = Component::new(key_name, Health::Unknown, NOT_RUNNING);
                    part.origin = Origin::new(at, "null state (not run)");
                    keep_part(&mut parts, part);
                }
                other => {
                    let text = text_of(other).unwrap_or_default();
                    // The user pointed here: a value that names no state is unrecognised, never
                    // set aside.
                    let part = self
                        .text_part(&key_name, &text, at.clone(), Polarity::Flag(Flag::Good))
                        .unwrap_or_else(|| {
                            let mut part = Component::new(key_name, Health::Unrecognised, &text);
                            part.origin = Origin::new(at, "unrecognised word");
                            part
                        });
                    keep_part(&mut parts, part);
                }
            }
        }
        parts
    }
}

/// A located node's path in the same shorthand as the reader's own paths.
fn located(location: &serde_json_path::NormalizedPath<'_>) -> String {
    let mut path = "$".to_string();
    for element in location.iter() {
        path = match (element.as_name(), element.as_index()) {
            (Some(name), _) => child_path(&path, name),
            (None, Some(index)) => index_path(&path, index),
            _ => path,
        };
    }
    path
}
