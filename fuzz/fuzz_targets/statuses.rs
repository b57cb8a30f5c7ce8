//! `--expect-status` lists: parsing any text never panics, and a list reads back from its
//! display with the same members.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/json.rs"]
mod json;
#[allow(dead_code, unused_imports)]
#[path = "../../src/statuses.rs"]
mod statuses;
#[allow(dead_code, unused_imports)]
#[path = "../../src/text.rs"]
mod text;

use statuses::StatusSet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match text.parse::<StatusSet>() {
        Ok(set) => {
            let shown = set.to_string();
            assert_eq!(shown.parse::<StatusSet>().as_ref(), Ok(&set), "{text:?}");
            for status in [0, 99, 100, 200, 299, 399, 404, 503, 599, 600, u16::MAX] {
                let _ = set.contains(status);
            }
        }
        Err(err) => assert!(!err.chars().any(char::is_control), "{err:?}"),
    }
});
