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

mod keys;
mod version;

use serde_json::{Map, Value};
use serde_json_path::JsonPath;

use super::words::{self, How, UserWords};
use super::{
    Component, Ctx, Explanation, Format, Health, HealthDoc, MAX_DEPTH, Origin, REASON_KEYS,
    first_field, fold, reason_in, reason_value, text_of,
};
use crate::health::fields::{child_path, index_path};
use keys::{Flag, Key};

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
    if let Some(path) = ctx.hints.status {
        said = reader.status_at(path, value);
        if said.is_empty() {
            return Err(format!("--status-path {path} matched nothing"));
        }
    }
    if let Some(path) = ctx.hints.components {
        parts = reader.parts_at(path, value);
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
        parts.push(part);
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

struct Reader<'a> {
    words: &'a UserWords,
    explanation: Explanation,
    /// The phrase of the first maintenance flag set anywhere.
    maintenance: Option<&'static str>,
}

impl<'a> Reader<'a> {
    fn new(words: &'a UserWords) -> Self {
        Reader {
            words,
            explanation: Explanation::default(),
            maintenance: None,
        }
    }

    fn aside(&mut self, path: impl FnOnce() -> String, why: &'static str) {
        if self.explanation.aside.len() < super::MAX_ASIDE {
            self.explanation.set_aside(path(), why);
        } else {
            self.explanation.more_aside += 1;
        }
    }

    /// Reads every field of `obj`, found at `path`.
    fn object(&mut self, obj: &Map<String, Value>, path: &str, depth: usize) -> Found {
        let mut found = Found::default();
        if depth > MAX_DEPTH {
            return found;
        }
        for (key, value) in obj {
            self.entry(key, value, path, depth, &mut found);
        }
        found
    }

    fn entry(&mut self, key: &str, value: &Value, path: &str, depth: usize, found: &mut Found) {
        let here = || child_path(path, key);
        let state = keys::state(key);
        match value {
            Value::Null => {
                if state == (Key::State { strong: true }) {
                    found.said.push(Said {
                        health: Health::Unknown,
                        raw: "null".into(),
                        origin: Origin::new(here(), "null state (not run)"),
                        reason: None,
                    });
                } else if keys::is_suffixed(key) {
                    let mut part = Component::new(key, Health::Unknown, "null");
                    part.origin = Origin::new(here(), "null state (not run)");
                    found.parts.push(part);
                }
            }
            Value::Bool(on) => self.boolean(key, *on, here, state, found),
            Value::Number(number) => {
                let text = number.to_string();
                // `{"ok": 1}` (MongoDB's answer); any other number under a flag's name is a
                // count (`"up": 3` OSDs), not a flag.
                if words::normalise(key) == "ok"
                    && let Some(on) = match text.as_str() {
                        "1" => Some(true),
                        "0" => Some(false),
                        _ => None,
                    }
                {
                    self.flagged(key, on, Flag::Good, here, found);
                } else if let Key::State { .. } = state
                    && let Some(health) = self.words.get(&text)
                {
                    found.said.push(Said {
                        health,
                        raw: text,
                        origin: Origin::new(here(), "--status-word"),
                        reason: None,
                    });
                } else if let Key::State { .. } = state {
                    self.aside(here, "a number under a state key is a code, not a state");
                } else {
                    self.aside(here, "a number (a counter, figure or code)");
                }
            }
            Value::String(text) => self.string(key, text, here, state, found),
            Value::Object(inner) => self.object_entry(key, inner, path, depth, state, found),
            Value::Array(items) => {
                let polarity = keys::list(key).map(Polarity::Listed);
                self.array(key, items, path, depth, polarity, found);
            }
        }
    }

    fn boolean(
        &mut self,
        key: &str,
        on: bool,
        here: impl FnOnce() -> String,
        state: Key,
        found: &mut Found,
    ) {
        if let Key::State { .. } = state {
            found.said.push(Said {
                health: if on { Health::Ok } else { Health::Critical },
                raw: on.to_string(),
                origin: Origin::new(here(), "boolean state"),
                reason: None,
            });
        } else if let Some(flag) = keys::flag(key) {
            self.flagged(key, on, flag, here, found);
        } else if keys::part_flag(key) {
            // `publish_ready: false`: a part named by the key, in the flag's state. A boolean
            // under `root_status` or `db_check` says nothing of what `true` means, and is data.
            let health = if on { Health::Ok } else { Health::Critical };
            let mut part = Component::new(key, health, on.to_string());
            part.origin = Origin::new(here(), "health flag");
            found.parts.push(part);
        } else {
            self.aside(here, "a boolean with no health meaning");
        }
    }

    fn flagged(
        &mut self,
        key: &str,
        on: bool,
        flag: Flag,
        here: impl FnOnce() -> String,
        found: &mut Found,
    ) {
        let (health, rule) = match flag {
            Flag::Good => (
                if on { Health::Ok } else { Health::Critical },
                "health flag",
            ),
            Flag::Bad(bad) => (if on { bad } else { Health::Ok }, "trouble flag"),
            Flag::Maintenance(phrase) => {
                if on {
                    self.maintenance.get_or_insert(phrase);
                }
                (
                    if on { Health::Maintenance } else { Health::Ok },
                    "maintenance flag",
                )
            }
        };
        found.said.push(Said {
            health,
            raw: format!("{key} {on}"),
            origin: Origin::new(here(), rule),
            reason: None,
        });
    }

    fn string(
        &mut self,
        key: &str,
        text: &str,
        here: impl FnOnce() -> String,
        state: Key,
        found: &mut Found,
    ) {
        if let Some(flag) = keys::flag(key)
            && let Some(on) = words::boolean(text)
        {
            return self.flagged(key, on, flag, here, found);
        }
        if let Key::State { strong } = state {
            let judged = words::judge(text, self.words);
            if !strong && judged.how == How::Unrecognised {
                return self.aside(here, "text under a weak state key that names no state");
            }
            found.said.push(Said {
                health: judged.health,
                raw: text.to_string(),
                origin: Origin::new(here(), rule_of(judged.how)),
                reason: judged.reason,
            });
            return;
        }
        if let Some(listed) = keys::list(key) {
            let judged = words::judge(text, self.words);
            if text.trim().is_empty() || matches!(judged.health, Health::Ok | Health::Unknown) {
                found.said.push(Said {
                    health: Health::Ok,
                    raw: text.to_string(),
                    origin: Origin::new(here(), "empty trouble list"),
                    reason: None,
                });
            } else {
                let mut part = Component::new(key, listed, text);
                part.origin = Origin::new(here(), "listed as trouble");
                found.parts.push(part);
            }
            return;
        }
        if keys::is_error(key) {
            self.error_text(text, here, found);
            return;
        }
        if keys::is_suffixed(key) {
            let part = self.text_part(key, text, here(), Polarity::Neutral);
            let Some(part) = part else {
                return;
            };
            found.parts.push(part);
            return;
        }
        if keys::is_meta(key) {
            // A version is reported as the version, where it was found; not as data.
            if !words::normalise(key).ends_with("version") {
                self.aside(here, "a name, description, time or identifier");
            }
            return;
        }
        // A flat map's entry: a state word is a part; an error sentence is a failing part.
        let judged = words::judge(text, self.words);
        let counts = match judged.how {
            How::Word | How::UserWord => judged.health != Health::Unknown,
            How::Sentence => !matches!(judged.health, Health::Ok | Health::Unknown),
            How::Unrecognised => false,
        };
        if counts {
            let mut part = Component::new(key, judged.health, text);
            part.origin = Origin::new(here(), rule_of(judged.how));
            found.parts.push(part);
        } else {
            self.aside(here, "text that names no state");
        }
    }

    /// A non-empty error field: the failure's reason; but an error saying the check has not
    /// run yet (`didn't run yet`) states "not run", and one saying all is fine states nothing.
    fn error_text(&mut self, text: &str, here: impl FnOnce() -> String, found: &mut Found) {
        if text.trim().is_empty() {
            return;
        }
        let judged = words::judge(text, self.words);
        match judged.health {
            Health::Ok => {}
            Health::Unknown => found.said.push(Said {
                health: Health::Unknown,
                raw: text.to_string(),
                origin: Origin::new(here(), "not run"),
                reason: None,
            }),
            _ => found.error = fold(text),
        }
    }

    /// A part whose whole value is a text: a word, a sentence, or (in a map of checks) an error
    /// text that is both the failure and its reason.
    /// `None` when the text is data (a time, a host, a hash), not a state.
    fn text_part(
        &mut self,
        name: &str,
        text: &str,
        path: String,
        polarity: Polarity,
    ) -> Option<Component> {
        let judged = words::judge(text, self.words);
        if judged.how == How::Unrecognised && polarity == Polarity::Neutral && looks_like_data(text)
        {
            self.aside(|| path, "a time, number, address or identifier");
            return None;
        }
        let (health, rule, reason) = match (polarity, judged.how) {
            (Polarity::Listed(listed), _) if listed != Health::Ok => {
                if judged.health == Health::Ok {
                    (Health::Ok, rule_of(judged.how), None)
                } else {
                    (listed, "listed as trouble", fold(text))
                }
            }
            (Polarity::Listed(_), How::Unrecognised) => (Health::Ok, "listed as healthy", None),
            (_, How::Unrecognised) if is_one_word(text) => {
                (Health::Unrecognised, "unrecognised word", None)
            }
            (_, How::Unrecognised) => (Health::Critical, "error text", fold(text)),
            (_, how) => (
                judged.health,
                rule_of(how),
                judged
                    .reason
                    .or_else(|| (how == How::Sentence).then(|| fold(text)).flatten()),
            ),
        };
        let mut part = Component::new(name, health, text);
        // The text is shown as the part's state; a reason it already contains is not repeated.
        part.reason = reason.filter(|reason| !text.contains(reason.as_str()));
        part.origin = Origin::new(path, rule);
        Some(part)
    }

    fn object_entry(
        &mut self,
        key: &str,
        inner: &Map<String, Value>,
        path: &str,
        depth: usize,
        state: Key,
        found: &mut Found,
    ) {
        let here = child_path(path, key);
        if let Key::State { .. } = state {
            // A state object (`"status": {"overall": {"level": "available"}, "core": {...}}`):
            // what it states is its holder's state; the parts inside are its holder's parts.
            let nested = self.object(inner, &here, depth + 1);
            if nested.said.is_empty() && nested.parts.is_empty() {
                self.aside(|| here, "an object under a state key with no state in it");
                return;
            }
            found.said.extend(nested.said);
            found.parts.extend(nested.parts);
            if found.error.is_none() {
                found.error = nested.error;
            }
            return;
        }
        if let Some(listed) = keys::list(key) {
            return self.map(inner, &here, depth, Polarity::Listed(listed), found);
        }
        if let Some(flag @ (Flag::Good | Flag::Bad(_))) = keys::flag(key)
            && inner.values().any(Value::is_boolean)
        {
            return self.map(inner, &here, depth, Polarity::Flag(flag), found);
        }
        if keys::is_error(key) {
            if let Some(text) = reason_value(&Value::Object(inner.clone()), 0) {
                self.error_text(&text, || here, found);
            }
            return;
        }
        if keys::is_container(key) {
            return self.map(inner, &here, depth, Polarity::Neutral, found);
        }
        if keys::is_wrapper(key) {
            let nested = self.object(inner, &here, depth + 1);
            found.said.extend(nested.said);
            found.parts.extend(nested.parts);
            return;
        }
        match self.object_part(key, inner, here.clone(), depth, None) {
            Some(part) => found.parts.push(part),
            None => self.aside(|| here, "an object without a state"),
        }
    }

    /// Every entry of a map of parts (a container, a list of trouble, a map of flags).
    fn map(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        depth: usize,
        polarity: Polarity,
        found: &mut Found,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        if map.is_empty() {
            if let Polarity::Listed(listed) = polarity
                && listed != Health::Ok
            {
                found.said.push(Said {
                    health: Health::Ok,
                    raw: "{}".into(),
                    origin: Origin::new(path, "empty trouble list"),
                    reason: None,
                });
            }
            return;
        }
        for (key, value) in map {
            let here = || child_path(path, key);
            if polarity == Polarity::Neutral && value.is_string() {
                // Beside the parts, a container may say why (`"error": "..."`) or describe.
                if keys::is_error(key) {
                    self.error_text(value.as_str().unwrap_or_default(), here, found);
                    continue;
                }
                if keys::is_meta(key) {
                    continue;
                }
            }
            match value {
                Value::String(text) => {
                    let Some(part) = self.text_part(key, text, here(), polarity) else {
                        continue;
                    };
                    found.parts.push(part);
                }
                Value::Bool(on) => {
                    let health = match polarity {
                        Polarity::Listed(listed) if listed != Health::Ok => {
                            if *on {
                                listed
                            } else {
                                Health::Ok
                            }
                        }
                        Polarity::Flag(Flag::Bad(bad)) => {
                            if *on {
                                bad
                            } else {
                                Health::Ok
                            }
                        }
                        _ if *on => Health::Ok,
                        _ => Health::Critical,
                    };
                    let mut part = Component::new(key.as_str(), health, on.to_string());
                    part.origin = Origin::new(here(), "boolean state");
                    found.parts.push(part);
                }
                Value::Null => {
                    let mut part = Component::new(key.as_str(), Health::Unknown, "null");
                    part.origin = Origin::new(here(), "null state (not run)");
                    found.parts.push(part);
                }
                Value::Number(_) => self.aside(here, "a number (a counter, figure or code)"),
                Value::Object(inner) => {
                    let default = match polarity {
                        Polarity::Listed(listed) => Some(listed),
                        _ => None,
                    };
                    match self.object_part(key, inner, here(), depth + 1, default) {
                        Some(part) => found.parts.push(part),
                        None => self.aside(here, "an object without a state"),
                    }
                }
                Value::Array(items) => {
                    let inner_polarity = match polarity {
                        Polarity::Listed(listed) => Some(Polarity::Listed(listed)),
                        _ => None,
                    };
                    let mut nested = Found::default();
                    self.array(key, items, path, depth + 1, inner_polarity, &mut nested);
                    found.parts.extend(nested.parts);
                }
            }
        }
    }

    /// A part read from an object, named `name`: its statements decide its state, its parts are
    /// its children. Without statements, a non-empty error text makes it a failure, `default`
    /// (the state of the list it is in) applies, or the worst of its children does; with none of
    /// these it is data (`None`).
    fn object_part(
        &mut self,
        name: &str,
        obj: &Map<String, Value>,
        path: String,
        depth: usize,
        default: Option<Health>,
    ) -> Option<Component> {
        let inner = self.object(obj, &path, depth + 1);
        let mut said = inner.said;
        if said.is_empty()
            && let Some(error) = &inner.error
        {
            said.push(Said {
                health: Health::Critical,
                raw: error.clone(),
                origin: Origin::new(path.clone(), "error text"),
                reason: None,
            });
        }
        if said.is_empty()
            && let Some(listed) = default
        {
            said.push(Said {
                health: listed,
                raw: name.to_string(),
                origin: Origin::new(path.clone(), listed_rule(listed)),
                reason: None,
            });
        }
        let mut part = match decide(&said) {
            Some(decided) => {
                let mut part = Component::new(name, decided.health, decided.raw.clone());
                part.origin = decided.origin.clone();
                part.reason = decided.reason.clone();
                part
            }
            None if !inner.parts.is_empty() => {
                let health = Health::worst_known(inner.parts.iter().map(|c| c.health));
                let mut part = Component::new(name, health, "");
                part.origin = Origin::new(path.clone(), "derived from its parts");
                part
            }
            None => return None,
        };
        if part.reason.is_none() {
            part.reason = reason_in(obj, REASON_KEYS).or(inner.error);
        }
        part.since = first_field(obj, keys::TIME_KEYS)
            .and_then(text_of)
            .and_then(|t| fold(&t));
        part.children = inner.parts;
        Some(part)
    }

    /// An array under `key`: a list of trouble (`failed`, `errors`), or checks, each a part
    /// named by its name field or by `key` and its index. Checks without names under a key that
    /// is not a container (`"db_check": [{"status": "ok"}]`) are one part named `key`.
    fn array(
        &mut self,
        key: &str,
        items: &[Value],
        path: &str,
        depth: usize,
        polarity: Option<Polarity>,
        found: &mut Found,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let here = if path == "$" && key == "item" {
            "$".to_string()
        } else {
            child_path(path, key)
        };
        if let Some(Polarity::Listed(listed)) = polarity {
            if items.is_empty() && listed != Health::Ok {
                found.said.push(Said {
                    health: Health::Ok,
                    raw: "[]".into(),
                    origin: Origin::new(here, "empty trouble list"),
                    reason: None,
                });
                return;
            }
            let scalars: Vec<String> = items
                .iter()
                .filter(|item| item.is_number() || item.is_boolean())
                .filter_map(text_of)
                .collect();
            if !scalars.is_empty() && listed != Health::Ok {
                // `"nodes_down": [3, 5]`: the list is the failing part, its entries the reason.
                let mut part = Component::new(key, listed, key);
                part.reason = fold(&scalars.join(", "));
                part.origin = Origin::new(here.clone(), listed_rule(listed));
                found.parts.push(part);
            }
            for (index, item) in items.iter().enumerate() {
                let at = index_path(&here, index);
                match item {
                    Value::Number(_) | Value::Bool(_) if listed != Health::Ok => {}
                    Value::String(text) if is_one_word(text) => {
                        let mut part = Component::new(text.as_str(), listed, key);
                        part.origin = Origin::new(at, listed_rule(listed));
                        found.parts.push(part);
                    }
                    Value::String(text) => {
                        let name = format!("{key}[{index}]");
                        let Some(part) = self.text_part(&name, text, at, Polarity::Listed(listed))
                        else {
                            continue;
                        };
                        found.parts.push(part);
                    }
                    Value::Object(obj) => {
                        let name = item_name(obj).unwrap_or_else(|| format!("{key}[{index}]"));
                        let part =
                            self.object_part(&name, obj, at.clone(), depth + 1, Some(listed));
                        if let Some(mut part) = part {
                            if part.reason.is_none() && listed != Health::Ok {
                                part.reason = reason_value(item, 0);
                            }
                            found.parts.push(part);
                        }
                    }
                    _ => self.aside(|| at, "a list entry that is neither a name nor an object"),
                }
            }
            return;
        }
        let mut named = Vec::new();
        let mut unnamed = Vec::new();
        let mut scalars = 0;
        for (index, item) in items.iter().enumerate() {
            let at = index_path(&here, index);
            match item {
                // `[{"default": {"ok": true}}, {"analytics": {"ok": false}}]`: each item is one
                // part, named by its only key.
                Value::Object(obj)
                    if item_name(obj).is_none()
                        && obj.len() == 1
                        && obj.values().all(Value::is_object) =>
                {
                    let Some((name, Value::Object(inner))) = obj.iter().next() else {
                        continue;
                    };
                    let at = child_path(&at, name);
                    match self.object_part(name, inner, at.clone(), depth + 1, None) {
                        Some(part) => named.push((part, inner)),
                        None => self.aside(|| at, "an object without a state"),
                    }
                }
                Value::Object(obj) => {
                    let name = item_name(obj);
                    let label = name.clone().unwrap_or_else(|| format!("{key}[{index}]"));
                    match self.object_part(&label, obj, at.clone(), depth + 1, None) {
                        Some(part) if name.is_some() => named.push((part, obj)),
                        Some(part) => unnamed.push(part),
                        None => self.aside(|| at, "an object without a state"),
                    }
                }
                Value::Array(nested) => {
                    let mut inner = Found::default();
                    self.array(key, nested, path, depth + 1, None, &mut inner);
                    found.parts.extend(inner.parts);
                }
                _ => scalars += 1,
            }
        }
        if scalars > 0 {
            self.aside(|| here.clone(), "a list of values, not of checks");
        }
        let root_array = path == "$" && key == "item";
        let one_part = !(keys::is_container(key) || root_array);
        if one_part && named.is_empty() && !unnamed.is_empty() {
            let part = if unnamed.len() == 1 {
                let mut only = unnamed.remove(0);
                only.name = key.to_string();
                only
            } else {
                let health = Health::worst_known(unnamed.iter().map(|c| c.health));
                let mut part = Component::new(key, health, "");
                part.origin = Origin::new(here, "derived from its parts");
                part.children = unnamed;
                part
            };
            found.parts.push(part);
            return;
        }
        found.parts.extend(disambiguated(named));
        found.parts.extend(unnamed);
    }

    /// `--status-path`: the statements at the nodes the path selects.
    fn status_at(&mut self, path: &JsonPath, root: &Value) -> Vec<Said> {
        let mut said = Vec::new();
        for node in path.query_located(root).iter() {
            let at = located(node.location());
            let value = node.node();
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
                Value::Null => (Health::Unknown, "null".into(), None, "null state (not run)"),
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
    fn parts_at(&mut self, path: &JsonPath, root: &Value) -> Vec<Component> {
        let mut parts = Vec::new();
        for node in path.query_located(root).iter() {
            let location = node.location();
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
            match node.node() {
                Value::Object(obj) => {
                    let name = item_name(obj).unwrap_or(key_name);
                    match self.object_part(&name, obj, at.clone(), 1, None) {
                        Some(part) => parts.push(part),
                        None => {
                            let mut part = Component::new(name, Health::Unrecognised, "(no state)");
                            part.origin = Origin::new(at, "--component-path found no state here");
                            parts.push(part);
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
                    parts.push(part);
                }
                Value::Null => {
                    let mut part = Component::new(key_name, Health::Unknown, "null");
                    part.origin = Origin::new(at, "null state (not run)");
                    parts.push(part);
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
                    parts.push(part);
                }
            }
        }
        parts
    }
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
fn disambiguated(named: Vec<(Component, &Map<String, Value>)>) -> Vec<Component> {
    let count = |name: &str| named.iter().filter(|(p, _)| p.name == name).count();
    let repeated: Vec<bool> = named.iter().map(|(p, _)| count(&p.name) > 1).collect();
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
fn item_name(obj: &Map<String, Value>) -> Option<String> {
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

#[cfg(test)]
mod tests;
