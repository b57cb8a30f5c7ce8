//! A response body read once, and what its bytes and Content-Type say before any reader looks:
//! the JSON value (and a second reading when keys repeat), markup, media types.

use crate::json::{Reading, Value};

/// A response body read once: the bytes without a byte-order mark and surrounding whitespace,
/// and their JSON value when they parse. The health reader, the version finder and the JSON
/// rules all look at the same parse, so a body is never parsed twice.
#[derive(Debug, Clone)]
pub struct Body<'a> {
    pub bytes: &'a [u8],
    /// The JSON value (the last of repeated keys wins, as in most parsers), or serde_json's
    /// one-line reason (with line and column) why not. Its strings borrow from `bytes`.
    pub json: Result<Value<'a>, String>,
    /// When some object repeats a key: the value read with the first of each kept instead.
    /// The two readings can disagree (`{"status":"DOWN","status":"UP"}`), and the health
    /// verdict takes the worse, so that a state the document does state is never hidden.
    pub first_wins: Option<Value<'a>>,
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
        match crate::json::parse(bytes, Reading::FirstWins) {
            Ok((value, false)) => Body {
                bytes,
                json: Ok(value),
                first_wins: None,
            },
            Ok((value, true)) => Body {
                bytes,
                json: crate::json::parse(bytes, Reading::LastWins)
                    .map(|(value, _)| value)
                    .map_err(|e| e.to_string()),
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
