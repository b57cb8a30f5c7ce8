//! Health documents, the reader of untrusted bodies: any response body, under any Content-Type,
//! HTTP status, `--health-format`, `--status-word`, `--status-path` and `--component-path`, is
//! read without panicking, and every reason stays one short line.
//!
//! Input: a control byte, two bytes of HTTP status, then the body. With the control byte's top
//! bit set, the body is preceded by a head ended by a NUL byte: its lines are the Content-Type,
//! the status path, the component path, then the user's status words.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/health/mod.rs"]
mod health;
// What health names through `crate::`, and what parses the JSONPath options (rules, with its
// own `crate::` modules).
#[allow(dead_code, unused_imports)]
#[path = "../../src/perfdata.rs"]
mod perfdata;
#[allow(dead_code, unused_imports)]
#[path = "../../src/range.rs"]
mod range;
#[allow(dead_code, unused_imports)]
#[path = "../../src/redact.rs"]
mod redact;
#[allow(dead_code, unused_imports)]
#[path = "../../src/rules/mod.rs"]
mod rules;
#[allow(dead_code, unused_imports)]
#[path = "../../src/text.rs"]
mod text;

use health::{Body, Component, Format, FormatChoice, Health, Interpretation, ReadOptions};

/// Content-Types a service sends; the eighth choice takes it from the input's head.
const CONTENT_TYPES: [Option<&str>; 7] = [
    None,
    Some("application/json"),
    Some("application/health+json; charset=utf-8"),
    Some("application/vnd.spring-boot.actuator.v3+json"),
    Some("text/plain"),
    Some("text/html"),
    Some("application/xml"),
];

fn check_line(text: &str) {
    assert!(!text.contains(['\n', '\r', '\u{1b}']), "{text:?}");
    assert!(
        text.chars().count() <= 200,
        "{} chars: {text:?}",
        text.chars().count()
    );
}

fn check(components: &[Component], depth: usize) {
    assert!(
        depth <= health::MAX_DEPTH + 1,
        "components nest {depth} deep"
    );
    for component in components {
        if let Some(reason) = &component.reason {
            check_line(reason);
        }
        check(&component.children, depth + 1);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&[control, high, low], rest)) = data.split_first_chunk::<3>() else {
        return;
    };
    // Any status an HTTP client hands over (three digits).
    let status = 100 + u16::from_be_bytes([high, low]) % 900;
    let (head, body) = if control & 0x80 != 0 {
        match rest.iter().position(|&b| b == 0) {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (&[][..], rest),
        }
    } else {
        (&[][..], rest)
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n');
    let typed = lines.next().unwrap_or("");
    let content_type = match usize::from(control & 0x07) {
        7 => Some(typed),
        i => CONTENT_TYPES[i],
    };
    let mut options = ReadOptions::default();
    let formats: Vec<Format> = Format::all().collect();
    options.format = match (control >> 3) & 0x03 {
        0 => FormatChoice::Auto,
        1 => FormatChoice::None,
        _ => FormatChoice::Forced(formats[usize::from(high) % formats.len()]),
    };
    // The options' JSONPaths, as the command line parses them.
    options.status_path = lines
        .next()
        .filter(|t| !t.is_empty())
        .and_then(|t| rules::parse_path(t).ok());
    options.component_path = lines
        .next()
        .filter(|t| !t.is_empty())
        .and_then(|t| rules::parse_path(t).ok());
    let states = [
        Health::Ok,
        Health::Warning,
        Health::Critical,
        Health::Unknown,
        Health::Maintenance,
    ];
    options.words = health::UserWords::new(
        lines
            .enumerate()
            .map(|(i, word)| (word.to_string(), states[i % states.len()])),
    );
    let body = Body::read(body);
    match health::interpret_body(content_type, status, &body, &options) {
        Interpretation::Doc(doc) => {
            if let Some(reason) = &doc.reason {
                check_line(reason);
            }
            check(&doc.components, 1);
        }
        Interpretation::Unrecognised(why) | Interpretation::Malformed(why) => {
            assert!(!why.contains(['\n', '\r']), "{why:?}");
        }
    }
});
