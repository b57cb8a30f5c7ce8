//! A response body read once, and what its bytes and Content-Type say before any reader looks:
//! the JSON value (and a second reading when keys repeat), markup, media types.

use std::fmt;

use serde_json::{Map, Value};

/// A response body read once: the bytes without a byte-order mark and surrounding whitespace,
/// and their JSON value when they parse. The health reader, the version finder and the JSON
/// rules all look at the same parse, so a body is never parsed twice.
#[derive(Debug, Clone)]
pub struct Body<'a> {
    pub bytes: &'a [u8],
    /// The JSON value (the last of repeated keys wins, as in most parsers), or serde_json's
    /// one-line reason (with line and column) why not.
    pub json: Result<Value, String>,
    /// When some object repeats a key: the value read with the first of each kept instead.
    /// The two readings can disagree (`{"status":"DOWN","status":"UP"}`), and the health
    /// verdict takes the worse, so that a state the document does state is never hidden.
    pub first_wins: Option<Value>,
}

impl<'a> Body<'a> {
    pub fn read(raw: &'a [u8]) -> Body<'a> {
        let bytes = strip_bom(raw).trim_ascii();
        if bytes.is_empty() {
            return Body {
                bytes,
                json: Err("empty body".into()),
                first_wins: None,
            };
        }
        match serde_json::from_slice::<FirstWins>(bytes) {
            Ok(FirstWins {
                value,
                repeated: false,
            }) => Body {
                bytes,
                json: Ok(value),
                first_wins: None,
            },
            Ok(FirstWins { value, .. }) => Body {
                bytes,
                json: serde_json::from_slice::<Value>(bytes).map_err(|e| e.to_string()),
                first_wins: Some(value),
            },
            Err(e) => Body {
                bytes,
                json: Err(e.to_string()),
                first_wins: None,
            },
        }
    }
}

/// A JSON value read keeping the first of repeated keys, and whether any key repeated. One
/// pass gives both the value and the answer to "is there a second reading?".
struct FirstWins {
    value: Value,
    repeated: bool,
}

impl<'de> serde::Deserialize<'de> for FirstWins {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FirstWinsVisitor)
    }
}

struct FirstWinsVisitor;

impl<'de> serde::de::Visitor<'de> for FirstWinsVisitor {
    type Value = FirstWins;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<FirstWins, E> {
        Ok(plain(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<FirstWins, E> {
        Ok(plain(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<FirstWins, E> {
        Ok(plain(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<FirstWins, E> {
        Ok(plain(
            serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_str<E>(self, v: &str) -> Result<FirstWins, E> {
        Ok(plain(Value::String(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<FirstWins, E> {
        Ok(plain(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<FirstWins, E> {
        Ok(plain(Value::Null))
    }

    fn visit_none<E>(self) -> Result<FirstWins, E> {
        Ok(plain(Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<FirstWins, A::Error> {
        let mut items = Vec::new();
        let mut repeated = false;
        while let Some(item) = seq.next_element::<FirstWins>()? {
            repeated |= item.repeated;
            items.push(item.value);
        }
        // Growth leaves up to half of a large array unused; a document is read once.
        items.shrink_to_fit();
        Ok(FirstWins {
            value: Value::Array(items),
            repeated,
        })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FirstWins, A::Error> {
        // Members are gathered first and the object built at its exact size: a map grown one
        // insert at a time keeps room for several members, and a health document is mostly
        // objects of one or two.
        let mut members: Vec<(String, Value)> = Vec::new();
        let mut repeated = false;
        while let Some(key) = map.next_key::<String>()? {
            let item = map.next_value::<FirstWins>()?;
            repeated |= item.repeated;
            members.push((key, item.value));
        }
        let mut object = Map::with_capacity(members.len());
        for (key, value) in members {
            if object.contains_key(&key) {
                repeated = true;
            } else {
                object.insert(key, value);
            }
        }
        Ok(FirstWins {
            value: Value::Object(object),
            repeated,
        })
    }
}

fn plain(value: Value) -> FirstWins {
    FirstWins {
        value,
        repeated: false,
    }
}

pub(super) fn markup_reason(body: &[u8]) -> String {
    let head: Vec<u8> = body
        .iter()
        .take(64)
        .map(|byte| byte.to_ascii_lowercase())
        .collect();
    if head.starts_with(b"<?xml") && !contains(&head, b"<html") {
        "body is XML, not a health document".into()
    } else {
        "body is HTML, not a health document".into()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// `application/json; charset=utf-8` -> `application/json`.
pub(super) fn media_type_of(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

pub(super) fn is_json_media(media_type: Option<&str>) -> bool {
    media_type.is_some_and(|media| {
        media == "application/json"
            || media == "text/json"
            || media == "application/x-json"
            || media.ends_with("+json")
    })
}

fn strip_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body)
}
