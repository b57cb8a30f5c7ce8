//! `serve`'s log: one line per event on stderr, in logfmt (`ts=... level=info msg="probe"
//! module=default target=http://... result=ok`), which people and log shippers both read. Every
//! line passes through the scrubber, and targets are redacted URLs, so no secret is logged.

use std::io::Write;
use std::time::SystemTime;

use crate::redact::Scrubber;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

/// One event as a logfmt line, without the line break.
pub fn line(level: Level, message: &str, fields: &[(&str, String)]) -> String {
    let mut out = format!(
        "ts={} level={} msg={}",
        crate::units::rfc3339(SystemTime::now()),
        level.name(),
        quoted(message)
    );
    for (key, value) in fields {
        out.push(' ');
        out.push_str(key);
        out.push('=');
        out.push_str(&quoted(value));
    }
    out
}

/// Writes one event to stderr, scrubbed. A closed stderr is not the server's failure.
pub fn event(scrubber: &Scrubber, level: Level, message: &str, fields: &[(&str, String)]) {
    let text = scrubber.scrub_str(&line(level, message, fields));
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// A logfmt value: bare when it is one plain token, otherwise quoted with `\"`, `\\` and
/// control characters escaped, so that one event is always one line.
fn quoted(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '"' && c != '=' && c != '\\');
    if plain {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_one_logfmt_line() {
        let line = line(
            Level::Warn,
            "config reload failed",
            &[
                ("file", "/etc/hp.toml".into()),
                ("reason", "x.toml:3: bad \"value\"\nsecond line".into()),
                ("empty", String::new()),
            ],
        );
        assert!(line.starts_with("ts="), "{line}");
        assert!(line.contains(" level=warn msg=\"config reload failed\" file=/etc/hp.toml"));
        assert!(
            line.contains("reason=\"x.toml:3: bad \\\"value\\\"\\nsecond line\""),
            "{line}"
        );
        assert!(line.ends_with(" empty=\"\""), "{line}");
        assert!(!line.contains('\n'));
    }
}
