//! Nagios ranges (`-w`, `-c`, `--metric` thresholds): parsing any text never panics, an accepted
//! range reads back from its canonical form, and its membership test agrees with its bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/range.rs"]
mod range;
// range.rs escapes what it echoes with text::escaped.
#[allow(dead_code, unused_imports)]
#[path = "../../src/text.rs"]
mod text;

use range::Range;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = match text.parse::<Range>() {
        Ok(parsed) => parsed,
        Err(err) => {
            let err = err.to_string();
            assert!(!err.chars().any(char::is_control), "{err:?}");
            return;
        }
    };
    // The canonical form reads back as the same range (a bound that overflowed into an
    // infinity would not: `~:-1e400` showed as `~:`).
    let shown = parsed.to_string();
    let again: Range = shown
        .parse()
        .unwrap_or_else(|e| panic!("{text:?} shows as {shown:?}, which does not parse: {e}"));
    assert_eq!(again, parsed, "{text:?} -> {shown:?}");
    for value in [
        f64::NEG_INFINITY,
        -1e9,
        -1.0,
        0.0,
        0.5,
        1.0,
        1e9,
        f64::INFINITY,
    ] {
        assert_eq!(parsed.alerts(value), again.alerts(value));
        assert_eq!(parsed.violation(value).is_some(), parsed.alerts(value));
    }
});
