//! Health documents: any response body, under any Content-Type, HTTP status and
//! `--health-format`, is read without panicking, and every reason stays one short line.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/health/mod.rs"]
mod health;

use health::{Body, Component, Format, FormatChoice, Interpretation};

const CONTENT_TYPES: [Option<&str>; 6] = [
    None,
    Some("application/json"),
    Some("application/health+json"),
    Some("application/vnd.spring-boot.actuator.v3+json"),
    Some("text/plain"),
    Some("text/html"),
];
const STATUSES: [u16; 8] = [200, 204, 207, 429, 500, 501, 503, 599];

fn check_line(text: &str) {
    assert!(!text.contains(['\n', '\r', '\u{1b}']), "{text:?}");
    assert!(
        text.chars().count() <= 200,
        "{} chars",
        text.chars().count()
    );
}

fn check(components: &[Component], depth: usize) {
    assert!(depth <= 33, "components nest {depth} deep");
    for component in components {
        if let Some(reason) = &component.reason {
            check_line(reason);
        }
        check(&component.children, depth + 1);
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the context, the rest is the body.
    let Some((&context, body)) = data.split_first() else {
        return;
    };
    let content_type = CONTENT_TYPES[usize::from(context) % CONTENT_TYPES.len()];
    let status = STATUSES[usize::from(context >> 3) % STATUSES.len()];
    let body = Body::read(body);
    let mut choices = vec![FormatChoice::Auto];
    if context & 0x80 != 0 {
        choices.extend(Format::ALL.iter().copied().map(FormatChoice::Forced));
    }
    for choice in choices {
        match health::interpret_body(content_type, status, &body, choice) {
            Interpretation::Doc(doc) => {
                if let Some(reason) = &doc.reason {
                    check_line(reason);
                }
                check(&doc.components, 1);
            }
            Interpretation::Unrecognised(why) | Interpretation::Malformed(why) => {
                assert!(!why.contains('\n'), "{why:?}");
            }
        }
    }
});
