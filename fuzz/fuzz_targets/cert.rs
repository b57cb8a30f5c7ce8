//! The server certificate's validity is read from DER sent by the network (hand-written
//! parser): any bytes give a validity or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/cert.rs"]
mod cert;

fuzz_target!(|data: &[u8]| {
    if let Ok(validity) = cert::validity(data) {
        let _ = cert::days_left(&validity, 1_800_000_000);
    }
    if data.len() >= 8 {
        let seconds = i64::from_le_bytes(data[..8].try_into().unwrap());
        let _ = cert::format_utc(seconds);
    }
});
