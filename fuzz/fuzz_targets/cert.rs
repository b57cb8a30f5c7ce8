//! The server certificate's validity is read from DER sent by the network (hand-written
//! parser): any bytes give a validity or an error, never a panic. Input that is PEM (as the
//! files of --cacert and --cert hold) is read the way those files are, and every certificate in
//! it goes through the same reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

#[allow(dead_code, unused_imports)]
#[path = "../../src/cert.rs"]
mod cert;

fn read(der: &[u8]) {
    match cert::validity(der) {
        Ok(validity) => {
            let _ = cert::days_left(&validity, 1_800_000_000);
            let _ = cert::format_utc(validity.not_after);
        }
        Err(err) => assert!(!err.chars().any(char::is_control), "{err:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"-----BEGIN") {
        for der in CertificateDer::pem_slice_iter(data).map_while(Result::ok) {
            read(&der);
        }
        return;
    }
    read(data);
    if data.len() >= 8 {
        let seconds = i64::from_le_bytes(data[..8].try_into().unwrap());
        let _ = cert::format_utc(seconds);
    }
});
