//! `--expect-version` requirements and reported versions: parsing and checking any pair of
//! texts never panics, and every reason is one line.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/version.rs"]
mod version;

use version::VersionReq;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first line is the requirement, the rest the reported version.
    let (requirement, reported) = text.split_once('\n').unwrap_or((text, ""));
    let _ = version::parse_lenient(reported);
    match requirement.parse::<VersionReq>() {
        Ok(req) => {
            if let Err(reason) = req.check(reported) {
                assert!(!reason.contains('\n'), "{reason:?}");
            }
        }
        Err(err) => assert!(!err.contains('\n'), "{err:?}"),
    }
    let targets = [("a", Some(requirement)), ("b", Some(reported)), ("c", None)];
    if let Some(line) = version::skew(&targets) {
        assert!(!line.contains('\n'), "{line:?}");
    }
});
