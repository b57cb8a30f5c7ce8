//! The walk over a JSON document: what each key and value say (states, flags, lists of
//! trouble, error texts, parts), and what is set aside as data. The rules are listed in the
//! module documentation of [`super`].

use crate::health::keep_part;
use crate::json::{Map, Value};

use super::keys::{self, Flag, Key};
use super::{
    Found, Polarity, Said, decide, disambiguated, is_one_word, item_name, listed_rule,
    looks_like_data, rule_of,
};
use crate::health::fields::{child_path, index_path};
use crate::health::words::{self, How, UserWords};
use crate::health::{
    Component, Explanation, Health, MAX_DEPTH, NOT_RUNNING, Origin, REASON_KEYS, first_field, fold,
    reason_in, reason_value, text_of,
};

pub(super) struct Reader<'a> {
    pub(super) words: &'a UserWords,
    pub(super) explanation: Explanation,
    /// The phrase of the first maintenance flag set anywhere.
    pub(super) maintenance: Option<&'static str>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(words: &'a UserWords) -> Self {
        Reader {
            words,
            explanation: Explanation::default(),
            maintenance: None,
        }
    }

    pub(super) fn aside(&mut self, path: impl FnOnce() -> String, why: &'static str) {
        if self.explanation.aside.len() < crate::health::MAX_ASIDE {
            self.explanation.set_aside(path(), why);
        } else {
            self.explanation.more_aside += 1;
        }
    }

    /// Reads every field of `obj`, found at `path`.
    pub(super) fn object(&mut self, obj: &Map, path: &str, depth: usize) -> Found {
        let mut found = Found::default();
        if depth > MAX_DEPTH {
            return found;
        }
        for (key, value) in obj {
            self.entry(key, value, path, depth, &mut found);
        }
        found
    }

    pub(super) fn entry(
        &mut self,
        key: &str,
        value: &Value,
        path: &str,
        depth: usize,
        found: &mut Found,
    ) {
        let here = || child_path(path, key);
        let state = keys::state(key);
        match value {
            Value::Null => {
                if state == (Key::State { strong: true }) {
                    found.said.push(Said {
                        health: Health::Unknown,
                        raw: NOT_RUNNING.into(),
                        origin: Origin::new(here(), "null state (not run)"),
                        reason: None,
                    });
                } else if keys::is_suffixed(key) {
                    let mut part = Component::new(key, Health::Unknown, NOT_RUNNING);
                    part.origin = Origin::new(here(), "null state (not run)");
                    keep_part(&mut found.parts, part);
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

    pub(super) fn boolean(
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
            keep_part(&mut found.parts, part);
        } else {
            self.aside(here, "a boolean with no health meaning");
        }
    }

    pub(super) fn flagged(
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

    pub(super) fn string(
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
                keep_part(&mut found.parts, part);
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
            keep_part(&mut found.parts, part);
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
            keep_part(&mut found.parts, part);
        } else {
            self.aside(here, "text that names no state");
        }
    }

    /// A non-empty error field: the failure's reason; but an error saying the check has not
    /// run yet (`didn't run yet`) states "not run", and one saying all is fine states nothing.
    pub(super) fn error_text(
        &mut self,
        text: &str,
        here: impl FnOnce() -> String,
        found: &mut Found,
    ) {
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
    pub(super) fn text_part(
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

    pub(super) fn object_entry(
        &mut self,
        key: &str,
        inner: &Map,
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
            Some(part) => keep_part(&mut found.parts, part),
            None => self.aside(|| here, "an object without a state"),
        }
    }

    /// Every entry of a map of parts (a container, a list of trouble, a map of flags).
    pub(super) fn map(
        &mut self,
        map: &Map,
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
                    keep_part(&mut found.parts, part);
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
                    keep_part(&mut found.parts, part);
                }
                Value::Null => {
                    let mut part = Component::new(key.as_str(), Health::Unknown, NOT_RUNNING);
                    part.origin = Origin::new(here(), "null state (not run)");
                    keep_part(&mut found.parts, part);
                }
                Value::Number(_) => self.aside(here, "a number (a counter, figure or code)"),
                Value::Object(inner) => {
                    let default = match polarity {
                        Polarity::Listed(listed) => Some(listed),
                        _ => None,
                    };
                    match self.object_part(key, inner, here(), depth + 1, default) {
                        Some(part) => keep_part(&mut found.parts, part),
                        // An entry of a container with nothing in it: listed, but nothing
                        // runs it.
                        None if inner.is_empty() => {
                            let mut part =
                                Component::new(key.as_str(), Health::Unknown, NOT_RUNNING);
                            part.origin = Origin::new(here(), "no state (not running)");
                            keep_part(&mut found.parts, part);
                        }
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
    pub(super) fn object_part(
        &mut self,
        name: &str,
        obj: &Map,
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
    pub(super) fn array(
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
                keep_part(&mut found.parts, part);
            }
            for (index, item) in items.iter().enumerate() {
                let at = index_path(&here, index);
                match item {
                    Value::Number(_) | Value::Bool(_) if listed != Health::Ok => {}
                    Value::String(text) if is_one_word(text) => {
                        let mut part = Component::new(text.as_str(), listed, key);
                        part.origin = Origin::new(at, listed_rule(listed));
                        keep_part(&mut found.parts, part);
                    }
                    Value::String(text) => {
                        let name = format!("{key}[{index}]");
                        let Some(part) = self.text_part(&name, text, at, Polarity::Listed(listed))
                        else {
                            continue;
                        };
                        keep_part(&mut found.parts, part);
                    }
                    Value::Object(obj) => {
                        let name = item_name(obj).unwrap_or_else(|| format!("{key}[{index}]"));
                        let part =
                            self.object_part(&name, obj, at.clone(), depth + 1, Some(listed));
                        if let Some(mut part) = part {
                            if part.reason.is_none() && listed != Health::Ok {
                                part.reason = reason_value(item, 0);
                            }
                            keep_part(&mut found.parts, part);
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
                        Some(part) if crate::health::keep::admit(&part, named.is_empty()) => {
                            named.push((part, inner))
                        }
                        Some(_) => {}
                        None => self.aside(|| at, "an object without a state"),
                    }
                }
                Value::Object(obj) => {
                    let name = item_name(obj);
                    let label = name.clone().unwrap_or_else(|| format!("{key}[{index}]"));
                    match self.object_part(&label, obj, at.clone(), depth + 1, None) {
                        Some(part) if name.is_some() => {
                            if crate::health::keep::admit(&part, named.is_empty()) {
                                named.push((part, obj));
                            }
                        }
                        Some(part) => keep_part(&mut unnamed, part),
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
            keep_part(&mut found.parts, part);
            return;
        }
        found.parts.extend(disambiguated(named));
        found.parts.extend(unnamed);
    }
}
