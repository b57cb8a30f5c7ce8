//! Text that reaches a terminal, a Nagios line or a report from somewhere we do not control (a
//! server's body or headers, a user's rule, a library's error): kept on one line and bounded.
//!
//! Two shapes are needed. [`one_line`] keeps every character but escapes the hostile ones (so a
//! header value or a JSON string is shown exactly, and an escape sequence cannot recolour the
//! terminal); [`fold`] collapses whitespace runs, for prose such as a regex error's caret
//! diagram or the start of a plain-text body.

/// Characters that must not reach a terminal or a one-line report raw: C0/C1 controls, the
/// Unicode line and paragraph separators, and bidirectional overrides.
pub fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` on one line: hostile characters escaped (`\n`, `\u{1b}`), then cut to `max`
/// characters, the last being `…` when anything was cut.
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in text.chars() {
        let escaped = is_hostile(c).then(|| c.escape_default());
        let pieces: Box<dyn Iterator<Item = char>> = match escaped {
            Some(e) => Box::new(e),
            None => Box::new(std::iter::once(c)),
        };
        for piece in pieces {
            if count == max {
                if max > 0 {
                    out.pop();
                    out.push('…');
                }
                return out;
            }
            out.push(piece);
            count += 1;
        }
    }
    out
}

/// [`one_line`] without a length limit: for text the user wrote (a rule on the command line),
/// which is shown whole in an error message.
pub fn escaped(text: &str) -> String {
    one_line(text, usize::MAX)
}

/// `text` with every run of whitespace and hostile characters folded into one space, trimmed,
/// and cut to `max` characters (the last being `…` when anything was cut).
pub fn fold(text: &str, max: usize) -> String {
    let mut folded = String::new();
    for word in text.split(|c: char| c.is_whitespace() || is_hostile(c)) {
        if word.is_empty() {
            continue;
        }
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
        if folded.len() > max.saturating_mul(4) {
            break; // Enough to cut from; the rest of a huge body is never looked at.
        }
    }
    one_line(&folded, max)
}

/// `a, b, c and 5 more`: the first few of `names`, for a message that says what was there.
pub fn some_of<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 8;
    let total = names.len();
    let mut shown: Vec<String> = names.take(SHOWN).map(|n| one_line(n, 40)).collect();
    if total > SHOWN {
        shown.push(format!("and {} more", total - SHOWN));
    }
    shown.join(", ")
}

/// What a JSON body holds at its top, for "matched nothing" messages: `its top-level keys are
/// status, components`, `it is a JSON array of 3 items`, `it is an empty JSON object`.
pub fn json_top(value: &crate::json::Value) -> String {
    use crate::json::Value;
    match value {
        Value::Object(map) => top_of_object(map.keys().map(|key| key.as_str())),
        Value::Array(items) => top_of_array(items.len()),
        Value::String(_) => "it is a JSON string".into(),
        Value::Number(_) => "it is a JSON number".into(),
        Value::Bool(_) => "it is a JSON boolean".into(),
        Value::Null => "it is JSON null".into(),
    }
}

/// [`json_top`] for a `serde_json::Value` (what the rules evaluate).
pub fn serde_json_top(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Object(map) => top_of_object(map.keys().map(String::as_str)),
        Value::Array(items) => top_of_array(items.len()),
        Value::String(_) => "it is a JSON string".into(),
        Value::Number(_) => "it is a JSON number".into(),
        Value::Bool(_) => "it is a JSON boolean".into(),
        Value::Null => "it is JSON null".into(),
    }
}

fn top_of_object<'a>(keys: impl ExactSizeIterator<Item = &'a str>) -> String {
    if keys.len() == 0 {
        "it is an empty JSON object".into()
    } else {
        format!("its top-level keys are {}", some_of(keys))
    }
}

fn top_of_array(len: usize) -> String {
    format!("it is a JSON array of {}", count(len, "item"))
}

/// `1 target`, `2 targets`: a count with its noun, singular or plural (`plural` for nouns
/// that do not just take an `s`).
pub fn count(n: impl std::fmt::Display, singular: &str) -> String {
    let text = n.to_string();
    if text == "1" {
        format!("1 {singular}")
    } else {
        format!("{text} {singular}s")
    }
}

/// The candidate `word` is most likely a typo of, for a "did you mean" hint: the nearest by
/// edit distance (insertions, deletions, substitutions), when it is at most two edits away and
/// the word is longer than those edits (so `x` is not taken for `url`). Ties go to the first.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    candidates
        .into_iter()
        .map(|candidate| (strsim::levenshtein(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= 2 && *distance < length)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_a_typo_and_nothing_for_a_stranger() {
        let keys = ["timeout", "connect-timeout", "retries", "url"];
        assert_eq!(closest("timout", keys), Some("timeout"));
        assert_eq!(closest("conect-timeout", keys), Some("connect-timeout"));
        assert_eq!(closest("retires", keys), Some("retries"));
        assert_eq!(closest("frobnicate", keys), None);
        assert_eq!(closest("x", keys), None);
        assert_eq!(closest("timeout", keys), Some("timeout"));
    }

    #[test]
    fn one_line_escapes_controls_and_bidi_overrides() {
        assert_eq!(one_line("ok", 10), "ok");
        assert_eq!(one_line("a\nb", 10), "a\\nb");
        assert_eq!(one_line("\u{1b}[31mred", 20), "\\u{1b}[31mred");
        assert_eq!(one_line("x\u{202e}y", 20), "x\\u{202e}y");
    }

    #[test]
    fn one_line_cuts_with_an_ellipsis_counted_in_the_limit() {
        assert_eq!(one_line("abcdef", 4), "abc…");
        assert_eq!(one_line("abcd", 4), "abcd");
        assert_eq!(one_line("ééééé", 3), "éé…");
        assert_eq!(one_line("abc", 0), "");
    }

    #[test]
    fn fold_collapses_whitespace_and_controls_and_cuts() {
        assert_eq!(
            fold("  regex parse error:\n    a(\n    ^\n", 80),
            "regex parse error: a( ^"
        );
        assert_eq!(fold("a\u{1b}b", 10), "a b");
        assert_eq!(fold(&"word ".repeat(100), 12), "word word w…");
        assert_eq!(fold("", 5), "");
    }

    #[test]
    fn counts_take_the_singular_only_for_one() {
        assert_eq!(count(1, "target"), "1 target");
        assert_eq!(count(0, "target"), "0 targets");
        assert_eq!(count("1.5", "day"), "1.5 days");
        assert_eq!(count("1", "day"), "1 day");
    }
}
