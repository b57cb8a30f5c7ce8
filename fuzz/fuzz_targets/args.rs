//! The command line's value parsers (src/cli/values.rs, the ranges, durations, sizes, statuses,
//! versions, rules, headers and credentials they hand on to) and the whole argument parser
//! (`Cli::parse_args`, with its unit-written-apart check): any text gives a value or a one-line
//! error, and an error never shows a header value or a password.
//!
//! Input: a byte that picks the parser, then the text; for the whole parser, one argument a line.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The command line's definition and value parsers, and every module they name through `crate::`
// (the types of the values it reads). src-cli/ links src/cli.rs
// and its children into one directory, because a file included by `#[path]` looks for its
// children beside itself.
#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/allow.rs"]
mod allow;
#[allow(dead_code, unused_imports)]
#[path = "../../src/cert.rs"]
mod cert;
#[allow(dead_code, unused_imports)]
#[path = "../src-cli/mod.rs"]
mod cli;
#[allow(dead_code, unused_imports)]
#[path = "../../src/error.rs"]
mod error;
#[allow(dead_code, unused_imports)]
#[path = "../../src/evaluate/mod.rs"]
mod evaluate;
#[allow(dead_code, unused_imports)]
#[path = "../../src/health/mod.rs"]
mod health;
#[allow(dead_code, unused_imports)]
#[path = "../../src/observation.rs"]
mod observation;
#[allow(dead_code, unused_imports)]
#[path = "../../src/pattern.rs"]
mod pattern;
#[allow(dead_code, unused_imports)]
#[path = "../../src/perfdata.rs"]
mod perfdata;
#[allow(dead_code, unused_imports)]
#[path = "../../src/range.rs"]
mod range;
#[allow(dead_code, unused_imports)]
#[path = "../../src/redact.rs"]
mod redact;
// Only the output options: the renderers are not needed to read a config.
#[allow(dead_code, unused_imports)]
#[path = "../../src/report/options.rs"]
mod report;
#[allow(dead_code, unused_imports)]
#[path = "../../src/request.rs"]
mod request;
#[allow(dead_code, unused_imports)]
#[path = "../../src/rules/mod.rs"]
mod rules;
#[allow(dead_code, unused_imports)]
#[path = "../../src/statuses.rs"]
mod statuses;
#[allow(dead_code, unused_imports)]
#[path = "../../src/text.rs"]
mod text;
#[allow(dead_code, unused_imports)]
#[path = "../../src/units.rs"]
mod units;
#[allow(dead_code, unused_imports)]
#[path = "../../src/verdict.rs"]
mod verdict;
#[allow(dead_code, unused_imports)]
#[path = "../../src/version.rs"]
mod version;

fn one_line(err: &str) {
    assert!(
        !err.chars().any(|c| c.is_control() || c == '\u{2028}'),
        "{err:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let err = match which % 24 {
        0 => cli::parse_status_word(text).err(),
        1 => cli::parse_threshold(text).err(),
        2 => cli::parse_metric(text).err(),
        3 => cli::parse_assert(text).err(),
        4 => cli::parse_assert_warn(text).err(),
        5 => cli::parse_header_rule(text).err(),
        6 => cli::parse_body_rule(text).err(),
        7 => cli::parse_banner(text).err(),
        8 => cli::parse_health_format(text).err(),
        9 => cli::parse_pattern(text).err(),
        10 => cli::parse_version_req(text).err(),
        11 => cli::parse_json_path(text).err(),
        12 => cli::parse_duration(text).err(),
        13 => cli::parse_cert_duration(text).err(),
        14 => {
            let err = cli::parse_header_arg(text).err();
            // The value may be a token: never echoed.
            if let (Some(err), Some((name, value))) = (&err, text.split_once(':')) {
                let value = value.trim();
                // (With a digit, so that it is none of the message's own words.)
                if value.len() >= 6
                    && value.contains(|c: char| c.is_ascii_digit())
                    && !name.contains(value)
                {
                    assert!(!err.contains(value), "{err:?}");
                }
            }
            err
        }
        15 => cli::parse_credentials(text).err(),
        16 => cli::parse_resolve(text).err(),
        17 => cli::parse_report_file(text).err(),
        18 => cli::parse_quorum(text).err(),
        19 => cli::parse_size(text).map(|_| ()).err(),
        20 => text.parse::<statuses::StatusSet>().err(),
        21 => {
            let _ = cli::parse_switch(text);
            None
        }
        _ => {
            // A whole command line: usage errors and help are errors of clap's, never panics.
            let args = std::iter::once("healthprobe").chain(text.split('\n'));
            let _ = cli::Cli::parse_args(args);
            None
        }
    };
    if let Some(err) = err {
        one_line(&err);
    }
});
