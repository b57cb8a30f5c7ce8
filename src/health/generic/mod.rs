//! The reader for documents of no known format.
//!
//! Real services speak many dialects. This reader looks at every field of a JSON document and
//! takes as health only what a field's key and value say is health; everything else is data,
//! set aside with the reason. What it reads:
//!
//! * **State keys** (`status`, `state`, `health`, `level`, `condition`, `outcome`, `overall`;
//!   `result`, `severity`, `indicator` and `code` when their value is a known state) state the
//!   state of the object holding them. A value is a word of the shared vocabulary, a short
//!   sentence (`Server available`, `not ready`), a boolean, `null` (not run), or an object with a
//!   state of its own (`"status": {"overall": {"level": "available"}}`).
//! * **Flags** on any object: `ok`, `healthy`, `up`, `alive`, `ready`, `available`, `reachable`,
//!   `connected`, `passed`, `success`... (`true` is healthy), `failed`, `sealed`, `degraded`...
//!   (`true` is bad), and maintenance flags (`maintenance`, `maintenance_mode`, `readOnly`,
//!   `draining`), as booleans, `"true"`/`"false"`, or 1/0.
//! * **Parts**: objects that state a state, wherever they are; entries of containers (`checks`,
//!   `components`, `dependencies`, `services`, `details`...), which may be words, error texts,
//!   booleans, objects or arrays; keys such as `database_status` or `db_check`; flat maps of
//!   name to word (`{"database":"ok"}`); arrays of check objects named by a name-like key
//!   (`name`, `id`, `checker`, `component`...) or by their parent key and index.
//! * **Lists of trouble**: a non-empty `failed`, `failures`, `errors`, `problems`, `alarms`,
//!   `causes`... names failing parts (`warnings`, `degraded`: WARNING; `healthy`, `passed`: OK).
//! * **Error texts**: a non-empty `error`/`exception` is the reason of its object, and a failure
//!   when nothing else there states a state.
//!
//! A state the reader cannot decide is [`Health::Unrecognised`], reported with its JSON path;
//! never OK. Counters, figures, timestamps, and numbers under state keys (`status_code: 200`,
//! `responseHeader.status: 0`) are data.

mod hints;
mod keys;
mod version;
mod walk;

use crate::health::keep_part;
use crate::json::{Map, Value};
use serde_json_path::JsonPath;

use super::words::{self, How};
use super::{
    Component, Ctx, Format, Health, HealthDoc, Origin, REASON_KEYS, first_field, fold, reason_in,
    text_of,
};
use keys::Flag;
use walk::Reader;

/// Where the user points the reader (`--status-path`, `--component-path`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hints<'a> {
    pub status: Option<&'a JsonPath>,
    pub components: Option<&'a JsonPath>,
}

impl Hints<'_> {
    pub(crate) fn any(&self) -> bool {
        self.status.is_some() || self.components.is_some()
    }
}

pub(crate) fn parse(value: &Value, ctx: &Ctx) -> Result<HealthDoc, String> {
    let mut reader = Reader::new(ctx.words);
    let found = match value {
        Value::Object(obj) => reader.object(obj, "$", 1),
        Value::Array(items) => {
            let mut found = Found::default();
            reader.array("item", items, "$", 1, None, &mut found);
            found
        }
        _ => return Err("the body is neither a JSON object nor an array".into()),
    };
    let Found {
        mut said,
        mut parts,
        error,
    } = found;
    // The JSONPath engine reads serde_json's values: a copy, made only for these flags.
    let copy = if ctx.hints.status.is_some() || ctx.hints.components.is_some() {
        value.to_serde()
    } else {
        Default::default()
    };
    for (flag, path) in [
        ("--status-path", ctx.hints.status),
        ("--component-path", ctx.hints.components),
    ] {
        if let Some(path) = path {
            let segments = crate::rules::budget::descendant_segments(&path.to_string());
            crate::rules::budget::check(segments, &copy)
                .map_err(|why| format!("{flag} {path} not evaluated: {why}"))?;
        }
    }
    if let Some(path) = ctx.hints.status {
        said = reader.status_at(path, value, &copy);
        if said.is_empty() {
            return Err(format!(
                "--status-path {path} matched nothing ({}); --explain shows how the body reads",
                crate::text::json_top(value)
            ));
        }
    }
    if let Some(path) = ctx.hints.components {
        parts = reader.parts_at(path, value, &copy);
        // An empty list the path points at is no components; a path that points nowhere is a
        // mistake to say.
        if parts.is_empty() && path.query(&copy).all().is_empty() && !empty_list_at(path, &copy) {
            return Err(format!(
                "--component-path {path} matched nothing ({}); --explain shows how the body reads",
                crate::text::json_top(value)
            ));
        }
    }
    if said.is_empty()
        && let Some(error) = &error
    {
        said.push(Said {
            health: Health::Critical,
            raw: error.clone(),
            origin: Origin::new("$", "error text"),
            reason: None,
        });
    }
    let mut doc = match decide(&said) {
        Some(decided) => {
            // Every statement as bad as the deciding one is named (`initialized false, sealed
            // true`), so that no trouble the document states is left out of its reason.
            let raw = said
                .iter()
                .filter(|s| s.health == decided.health && s.health != Health::Ok)
                .map(|s| s.raw.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let raw = if raw.is_empty() {
                decided.raw.clone()
            } else {
                raw
            };
            let mut doc = HealthDoc::new(Format::Generic, decided.health, Some(raw));
            reader.explanation.status = Some(decided.origin.clone());
            doc.reason = decided.reason.clone();
            doc
        }
        None if !parts.is_empty() => {
            let health = Health::worst_known(parts.iter().map(|c| c.health));
            reader.explanation.status = Some(Origin::new("$", "derived from its parts"));
            HealthDoc::new(Format::Generic, health, None)
        }
        None => {
            return Err(match value {
                Value::Array(_) => "JSON array without status fields".into(),
                Value::Object(obj) if obj.is_empty() => {
                    "empty JSON object, without any health field".into()
                }
                _ => "JSON object without a status field".into(),
            });
        }
    };
    doc.components = parts;
    if let Value::Object(obj) = value
        && doc.reason.is_none()
    {
        doc.reason = reason_in(obj, REASON_KEYS);
    }
    if let Some((found, path)) = service_version(value) {
        doc.version = Some(found);
        reader.explanation.version = Some(path);
    }
    doc.maintenance = reader.maintenance.map(str::to_string);
    reader.explanation.evidence = if ctx.hints.any() {
        "read by the generic reader where --status-path / --component-path point".into()
    } else {
        "no known format's structure; read field by field".into()
    };
    doc.explanation = Box::new(reader.explanation);
    Ok(doc)
}

/// The service's own version in a document of no known format, and the JSONPath it is at.
pub(crate) fn service_version(value: &Value) -> Option<(String, String)> {
    match value {
        Value::Object(obj) => version::find(obj),
        Value::Array(items) => version::agreed(items),
        _ => None,
    }
}

/// A one-line plain-text body that is a state word or a short sentence (`UP`, `healthy`,
/// `SERVING`, `Server is ready`).
pub(crate) fn parse_text(text: &str, ctx: &Ctx) -> Result<HealthDoc, String> {
    let word = text.trim();
    if word.contains('\n') {
        return parse_lines(word, ctx);
    }
    if word.is_empty() || word.len() > MAX_TEXT_LINE {
        return Err("not a single status word".into());
    }
    // A word, or a sentence of state words (`Server is ready`); a text that only names trouble
    // (a 404 page's `not found`) is no health document. A body that claims to be JSON and is a
    // sentence is not a health document but a broken one.
    let claims_json = ctx.media_type.is_some_and(|m| m.contains("json"));
    let (health, reason, how) = if let Some(health) = ctx.words.get(word) {
        (health, None, How::UserWord)
    } else if let Some(health) = words::status_word(word) {
        (health, None, How::Word)
    } else if let Some((health, reason)) = words::status_sentence(word).filter(|_| !claims_json) {
        (health, reason, How::Sentence)
    } else {
        return Err("not a known status word".into());
    };
    if health == Health::Unknown {
        return Err("not a known status word".into());
    }
    let raw = fold(word).unwrap_or_default();
    let mut doc = HealthDoc::new(Format::Generic, health, Some(raw));
    doc.reason = reason;
    doc.explanation.evidence = "a plain-text body that is a state word or a short sentence".into();
    doc.explanation.status = Some(Origin::new("", rule_of(how)));
    Ok(doc)
}

/// Longest one-line plain-text body read as a state (`Ingester not ready: instance ... in state
/// JOINING`); longer text is a page, not a state.
const MAX_TEXT_LINE: usize = 200;

/// Most lines of a plain-text body read as `name: STATE` lines.
const MAX_TEXT_LINES: usize = 10_000;

/// A plain-text body of `name: STATE rest` lines (OkComputer's text answer, many hand-written
/// endpoints): a part for every line whose first word after the colon is a state word; other
/// lines (a title, blank lines) are left aside.
fn parse_lines(text: &str, ctx: &Ctx) -> Result<HealthDoc, String> {
    let mut parts = Vec::new();
    for (index, line) in text.lines().take(MAX_TEXT_LINES).enumerate() {
        let Some((name, rest)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        // A name and a bare word: broken JSON (`{"status": "UP",`) is no such line.
        let plain = |text: &str| !text.contains(['{', '}', '[', ']', '"', '<', '>']);
        if name.is_empty() || name.len() > 80 || !plain(name) {
            continue;
        }
        let rest = rest.trim();
        let (word, tail) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if !word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            continue;
        }
        let Some(health) = ctx.words.get(word).or_else(|| words::status_word(word)) else {
            continue;
        };
        let mut part = Component::new(name, health, word);
        part.reason = fold(tail);
        part.origin = Origin::new(format!("line {}", index + 1), "state word");
        keep_part(&mut parts, part);
    }
    if parts.is_empty() {
        return Err("no `name: STATE` lines".into());
    }
    let mut doc = HealthDoc::new(
        Format::Generic,
        Health::worst_known(parts.iter().map(|p| p.health)),
        None,
    );
    doc.components = parts;
    doc.explanation.evidence = "plain-text `name: STATE` lines".into();
    doc.explanation.status = Some(Origin::new("", "derived from its parts"));
    Ok(doc)
}

/// One statement about an object's own state.
#[derive(Debug, Clone)]
struct Said {
    health: Health,
    raw: String,
    origin: Origin,
    reason: Option<String>,
}

/// What an object says about itself, and the parts found inside it.
#[derive(Debug, Default)]
struct Found {
    said: Vec<Said>,
    parts: Vec<Component>,
    /// A non-empty `error`/`exception` field, folded.
    error: Option<String>,
}

/// The statement that decides: the worst, not counting "not run" ones unless nothing else was
/// said.
fn decide(said: &[Said]) -> Option<&Said> {
    let health = Health::worst_known(said.iter().map(|s| s.health));
    said.iter().find(|s| s.health == health)
}

fn rule_of(how: How) -> &'static str {
    match how {
        How::Word => "state word",
        How::UserWord => "--status-word",
        How::Sentence => "sentence",
        How::Unrecognised => "unrecognised word",
    }
}

/// The state of an entry in a list or map of parts: its default when it says nothing itself.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Polarity {
    /// `checks`, `components`...: every entry states its own state.
    Neutral,
    /// `failed`, `errors`, `warnings`, `healthy`...: entries are in this state.
    Listed(Health),
    /// `"healthy": {"workers": false}`: booleans read as this flag.
    Flag(Flag),
}

fn listed_rule(listed: Health) -> &'static str {
    match listed {
        Health::Ok => "listed as healthy",
        Health::Warning => "listed as degraded",
        _ => "listed as trouble",
    }
}

/// Parts named by their items, where a name that repeats (`instance: alpha` twice) gets a
/// second name from a field that tells the items apart: `alpha/dgraph-alpha-1:7080`.
fn disambiguated(named: Vec<(Component, &Map)>) -> Vec<Component> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (part, _) in &named {
        *counts.entry(part.name.as_str()).or_default() += 1;
    }
    let repeated: Vec<bool> = named
        .iter()
        .map(|(p, _)| counts[p.name.as_str()] > 1)
        .collect();
    named
        .into_iter()
        .zip(repeated)
        .map(|((mut part, obj), repeated)| {
            if repeated {
                let second = keys::SECOND_NAME_KEYS.iter().find_map(|key| {
                    let text = first_field(obj, &[key]).and_then(text_of)?;
                    (text != part.name).then_some(text)
                });
                if let Some(second) = second.and_then(|s| fold(&s)) {
                    part.name = format!("{}/{second}", part.name);
                }
            }
            part
        })
        .collect()
}

/// A name-like field of a check object, as text.
fn item_name(obj: &Map) -> Option<String> {
    first_field(obj, keys::NAME_KEYS)
        .and_then(text_of)
        .and_then(|name| fold(&name))
}

/// Values that are data whatever key holds them: numbers, times and durations, versions,
/// hashes, host names, addresses, URLs and paths.
fn looks_like_data(text: &str) -> bool {
    let text = text.trim();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let one_token = !text.contains(char::is_whitespace);
    text.is_empty()
        || (digits > 0 && (digits >= letters || one_token))
        || (one_token && text.contains(['.', '/', '@', ':']))
}

/// A text without whitespace and short enough to be a name or a word.
fn is_one_word(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.len() <= 64 && !text.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests;

/// True when `path` ends in a wildcard (`[*]`, `.*`) over an empty array or object: a list of
/// components that is empty right now, not a path that points nowhere.
fn empty_list_at(path: &serde_json_path::JsonPath, value: &serde_json::Value) -> bool {
    let text = path.to_string();
    let Some(parent) = text.strip_suffix("[*]").or_else(|| text.strip_suffix(".*")) else {
        return false;
    };
    let Ok(parent) = serde_json_path::JsonPath::parse(parent) else {
        return false;
    };
    parent.query(value).all().iter().any(|node| match node {
        serde_json::Value::Array(items) => items.is_empty(),
        serde_json::Value::Object(map) => map.is_empty(),
        _ => false,
    })
}
