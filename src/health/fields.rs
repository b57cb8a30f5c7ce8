//! JSON helpers shared by every reader: case-insensitive field lookup, scalars as text,
//! versions, and one-line reasons folded from whatever a document says.

use crate::json::{Map, Value};

use super::{Component, MAX_REASON_CHARS, Origin};

/// `value` as an object, or a parser error.
pub(crate) fn object<'v>(value: &'v Value<'v>) -> Result<&'v Map<'v>, String> {
    value
        .as_object()
        .ok_or_else(|| "the body is not a JSON object".to_string())
}

/// The value under `key`: exact match first, then ASCII case-insensitive.
pub(crate) fn field<'v>(obj: &'v Map<'v>, key: &str) -> Option<&'v Value<'v>> {
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, value)| value)
    })
}

/// The first of `keys` present (see [`field`]).
pub(crate) fn first_field<'v>(obj: &'v Map<'v>, keys: &[&str]) -> Option<&'v Value<'v>> {
    keys.iter().find_map(|key| field(obj, key))
}

/// The object under `key`, if it is one.
pub(crate) fn object_field<'v>(obj: &'v Map<'v>, key: &str) -> Option<&'v Map<'v>> {
    field(obj, key).and_then(Value::as_object)
}

/// A scalar as text: strings as they are, booleans and numbers as JSON writes them.
pub(crate) fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// `parent` extended by the member `key`, in JSONPath: the shorthand `$.checks.db` where the
/// key allows it, the bracket form `$.checks['cache:ping']` otherwise (RFC 9535 escaping).
pub(crate) fn child_path(parent: &str, key: &str) -> String {
    let shorthand = key
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_alphanumeric() || c == '_');
    if shorthand {
        return format!("{parent}.{key}");
    }
    let mut out = String::with_capacity(parent.len() + key.len() + 4);
    out.push_str(parent);
    out.push_str("['");
    for c in key.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("']");
    out
}

/// The path of `key` in `obj` (found at `parent`), spelled as the document spells it: fields
/// are looked up case-insensitively ([`field`]), and a path must name the key that was read.
pub(crate) fn member_path(obj: &Map, parent: &str, key: &str) -> String {
    let spelled = obj
        .iter()
        .find(|(name, _)| name.as_str() == key)
        .or_else(|| obj.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)))
        .map_or(key, |(name, _)| name.as_str());
    child_path(parent, spelled)
}

/// A part named `name` whose state is the word under `key` of `obj` (found at `at`), with where
/// it was read; with no such word, its state is unrecognised and its origin the object itself.
pub(crate) fn word_part(name: &str, obj: &Map, at: &str, key: &str) -> Component {
    let raw = field(obj, key).and_then(text_of);
    let origin = match raw {
        Some(_) => Origin::new(member_path(obj, at, key), "state word"),
        None => Origin::new(at, "no state word"),
    };
    let raw = raw.unwrap_or_default();
    let mut component = Component::new(name, super::words::state(&raw), raw);
    component.origin = origin;
    component
}

/// `parent` extended by the array index `index`, in JSONPath.
pub(crate) fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// A version value: a non-empty string or a number.
pub(crate) fn version_value(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => fold(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The version at `path` (a chain of keys) in `obj`.
pub(crate) fn version_at(obj: &Map, path: &[&str]) -> Option<String> {
    let (last, parents) = path.split_last()?;
    let mut current = obj;
    for key in parents {
        current = object_field(current, key)?;
    }
    field(current, last).and_then(version_value)
}

/// `text` on one line: whitespace and control characters collapse to single spaces, the ends
/// are trimmed, and anything past [`MAX_REASON_CHARS`] characters becomes an ellipsis. `None`
/// when nothing is left.
pub(crate) fn fold(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut count = 0usize;
    let mut pending_space = false;
    let mut cut = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = count > 0;
            continue;
        }
        let needed = if pending_space { 2 } else { 1 };
        if count + needed > MAX_REASON_CHARS {
            cut = true;
            break;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
        count += needed;
    }
    if cut {
        while count >= MAX_REASON_CHARS {
            out.pop();
            count -= 1;
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('…');
    }
    (!out.is_empty()).then_some(out)
}

/// Keys that explain a state, most specific first.
pub(crate) const REASON_KEYS: &[&str] = &[
    "output",
    "exception",
    "error",
    "errors",
    "message",
    "rootCause",
    "cause",
    "causes",
    "reason",
    "summary",
    "symptom",
    "err",
    "msg",
    "description",
];

/// The first of `keys` in `obj` that gives a reason.
pub(crate) fn reason_in(obj: &Map, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|key| field(obj, key).and_then(|value| reason_value(value, 0)))
}

/// A one-line reason from any value: a string, an error object (its message), a list of those.
pub(crate) fn reason_value(value: &Value, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::String(text) => fold(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(_) | Value::Null => None,
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|item| reason_value(item, depth + 1))
                .take(3)
                .collect();
            fold(&parts.join("; "))
        }
        Value::Object(obj) => {
            let nested = [
                "message",
                "msg",
                "error",
                "reason",
                "cause",
                "output",
                "detail",
                "description",
                "type",
            ]
            .iter()
            .find_map(|key| field(obj, key).and_then(|value| reason_value(value, depth + 1)));
            nested.or_else(|| {
                if obj.is_empty() {
                    None
                } else {
                    // Enough of its text for a reason of at most MAX_REASON_CHARS.
                    let mut text = String::new();
                    obj.write_json(&mut text, 4 * MAX_REASON_CHARS);
                    fold(&text)
                }
            })
        }
    }
}

/// A number from a JSON value (numbers only, not numeric strings).
pub(crate) fn number_of(value: &Value) -> Option<f64> {
    value.as_f64().filter(|number| number.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_one_short_line() {
        assert_eq!(fold("  a\n\tb\r\n  c  "), Some("a b c".into()));
        assert_eq!(fold(" \n "), None);
        assert_eq!(fold("x\u{7}y"), Some("x y".into()));
        let long = "é".repeat(1_000);
        let folded = fold(&long).unwrap_or_default();
        assert_eq!(folded.chars().count(), MAX_REASON_CHARS);
        assert!(folded.ends_with('…'));
        let exact = "z".repeat(MAX_REASON_CHARS);
        assert_eq!(fold(&exact), Some(exact.clone()));
        let spaced = format!("{} tail", "w".repeat(MAX_REASON_CHARS - 2));
        let folded = fold(&spaced).unwrap_or_default();
        assert!(folded.chars().count() <= MAX_REASON_CHARS);
        assert!(folded.ends_with('…') && !folded.contains(" …"), "{folded}");
    }

    #[test]
    fn paths_use_the_shorthand_where_the_key_allows_it() {
        assert_eq!(child_path("$", "checks"), "$.checks");
        assert_eq!(
            child_path("$.checks", "cache:ping"),
            "$.checks['cache:ping']"
        );
        assert_eq!(child_path("$", "it's"), "$['it\\'s']");
        assert_eq!(child_path("$", "9lives"), "$['9lives']");
        assert_eq!(child_path("$", "a\nb"), "$['a\\u000ab']");
        assert_eq!(index_path("$.checks", 2), "$.checks[2]");
        for key in ["a b", "x'y", "back\\slash", "日本"] {
            let path = child_path("$", key);
            let parsed = serde_json_path::JsonPath::parse(&path);
            assert!(parsed.is_ok(), "{path}");
        }
    }

    #[test]
    fn reasons_from_values() {
        let value = serde_json::json!([{"message": "a"}, "b", {"error": {"message": "c"}}, "d"]);
        assert_eq!(
            reason_value(&Value::from(&value), 0),
            Some("a; b; c".into())
        );
        assert_eq!(reason_value(&Value::from(serde_json::json!({})), 0), None);
        assert_eq!(reason_value(&Value::from(serde_json::json!("")), 0), None);
    }
}
