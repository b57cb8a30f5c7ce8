//! Durations and sizes as typed on the command line: parsing any text never panics, and what is
//! accepted is usable by the callers (a deadline from now, a doubled back-off, ±20% jitter).
#![no_main]

use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;

// units.rs formats timestamps with cert::civil_from_days.
#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/cert.rs"]
mod cert;
#[allow(dead_code, unused_imports)]
#[path = "../../src/units.rs"]
mod units;
// ... and escapes what it echoes with text::escaped.
#[allow(dead_code, unused_imports)]
#[path = "../../src/text.rs"]
mod text;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(duration) = units::parse_duration(text) {
        assert!(!duration.is_zero(), "{text:?}");
        let doubled = duration.checked_mul(2).expect("doubling overflows");
        assert!(Instant::now().checked_add(doubled).is_some(), "{text:?}");
        assert!(Duration::try_from_secs_f64(duration.as_secs_f64() * 1.2).is_ok());
        let _ = units::format_duration(duration);
    }
    if let Ok(size) = units::parse_size(text) {
        assert!(size > 0);
        assert_eq!(
            units::parse_size(&units::format_size(size)),
            Ok(size),
            "{text:?}"
        );
    }
    for err in [
        units::parse_duration(text).err(),
        units::parse_size(text).err(),
    ]
    .into_iter()
    .flatten()
    {
        assert!(!err.chars().any(char::is_control), "{err:?}");
    }
});
