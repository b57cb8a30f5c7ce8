//! gRPC health answers: any message frame is unframed and decoded as a `HealthCheckResponse` or a
//! `HealthListResponse` without panicking, what it decodes to reads as a gRPC health document,
//! and a `grpc-message` trailer decodes to one line.
//!
//! src/grpc.rs is the network edge (reqwest, hyper, the prober) and its decoding functions are
//! private, so build.rs takes them out of the source as they are written.
//!
//! Input: a byte that picks the call (Check or List), the service name asked up to the first
//! newline (Check), then the framed message; the `grpc-message` trailer is the whole input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
mod wire {
    use std::collections::BTreeMap;
    include!(concat!(env!("OUT_DIR"), "/grpc_wire.rs"));

    pub fn check(service: &str, framed: &[u8]) -> Result<Vec<u8>, String> {
        decode(Rpc::Check(service), framed)
    }

    pub fn list(framed: &[u8]) -> Result<Vec<u8>, String> {
        decode(Rpc::List, framed)
    }

    pub fn grpc_message(text: &str) -> String {
        crate::text::one_line(&percent_decode(text), 200)
    }
}

// What reads the decoded answer: the health reader, as for every gRPC target.
#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/health/mod.rs"]
mod health;
#[allow(dead_code, unused_imports)]
#[path = "../../src/text.rs"]
mod text;
// The health reader bounds its JSONPaths with the rules' cost cap.
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

use health::{Body, Format, FormatChoice, Interpretation, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let message = wire::grpc_message(&String::from_utf8_lossy(data));
    assert!(!message.contains(['\n', '\r']), "{message:?}");
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let decoded = if which & 1 == 0 {
        wire::list(rest)
    } else {
        let at = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let service = String::from_utf8_lossy(&rest[..at]);
        wire::check(&service, rest.get(at + 1..).unwrap_or_default())
    };
    let json = match decoded {
        Ok(json) => json,
        Err(why) => {
            assert!(!why.contains('\n'), "{why:?}");
            return;
        }
    };
    let body = Body::read(&json);
    let names_a_service = match &body.json {
        Ok(value) => value
            .get("statuses")
            .and_then(|statuses| statuses.as_object())
            .is_some_and(|map| !map.is_empty()),
        Err(why) => panic!("the decoded answer is not JSON: {why}"),
    };
    let options = ReadOptions {
        format: if which & 2 == 0 {
            FormatChoice::Auto
        } else {
            FormatChoice::Forced(Format::Grpc)
        },
        ..ReadOptions::default()
    };
    // An empty List answer names nothing to judge; every other answer is a gRPC document.
    match health::interpret_body(Some("application/json"), 200, &body, &options) {
        Interpretation::Doc(doc) => assert_eq!(doc.format, Format::Grpc),
        other => assert!(
            !names_a_service,
            "a decoded answer does not read as gRPC health: {other:?}"
        ),
    }
});
