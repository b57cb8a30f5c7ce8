//! Config files (`--config`, serve's modules): any text, with `${VAR}` interpolation, gives a
//! config or a one-line error that names the file and never shows a substituted value.
//!
//! Input: the TOML text. Every `${NAME}` stands for the same secret value, except names that
//! start with `M`, which are unset.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/config.rs"]
mod config;

// Every module config.rs names through `crate::`, and the modules those name: the command line's
// definition and value parsers, and the types of the values it reads. src-cli/ links src/cli.rs
// and its children into one directory, because a file included by `#[path]` looks for its
// children beside itself.
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
#[path = "../../src/inputs.rs"]
mod inputs;
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

const SECRET: &str = "Sekr1t-Q9";

fn var(name: &str) -> Option<String> {
    (!name.starts_with('M')).then(|| SECRET.to_string())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match config::parse(text, "fuzz.toml", &var) {
        Ok(config) => {
            for target in &config.targets {
                assert!(target.line >= 1 && target.line <= text.lines().count().max(1));
            }
        }
        Err(err) => {
            let err = err.0;
            assert!(err.starts_with("fuzz.toml"), "{err:?}");
            assert!(!err.contains(['\n', '\r', '\u{1b}']), "{err:?}");
            // A substituted value (or its start, cut by a shortened message) is never shown,
            // unless the text itself holds it.
            if !text.contains(&SECRET[..5]) {
                assert!(!err.contains(&SECRET[..5]), "{err:?}");
            }
        }
    }
});
