//! The validity period (notBefore, notAfter) of an X.509 certificate in DER form.
//!
//! A full X.509 parser is a lot of code for one field, and this binary runs in every container's
//! HEALTHCHECK, so this is a minimal DER reader that walks only the fixed path to the validity:
//!
//! ```text
//! Certificate ::= SEQUENCE {
//!     tbsCertificate SEQUENCE {
//!         version [0] EXPLICIT INTEGER OPTIONAL,
//!         serialNumber INTEGER,
//!         signature AlgorithmIdentifier (SEQUENCE),
//!         issuer Name (SEQUENCE),
//!         validity SEQUENCE { notBefore Time, notAfter Time },
//!         ... }
//!     ... }
//! Time ::= UTCTime (YYMMDDHHMMSSZ) | GeneralizedTime (YYYYMMDDHHMMSS[.fff]Z)
//! ```
//!
//! Every length is checked against what is left of its enclosing value, so no input can make it
//! read out of bounds or panic; it does not recurse. Nothing here checks signatures or trust: that
//! is rustls' job, this only reads dates for messages and for `--cert-warn`/`--cert-crit`.

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
/// `[0]` constructed, context-specific: the EXPLICIT version of a v2/v3 certificate.
const VERSION_TAG: u8 = 0xa0;

const SECONDS_PER_DAY: i64 = 86_400;

/// A certificate's validity period, in Unix seconds (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub not_before: i64,
    pub not_after: i64,
}

/// Reads notBefore and notAfter out of a DER certificate.
///
/// The error is one line, fit for a probe message, e.g.
/// `certificate is not valid DER: length runs past the end`.
pub fn validity(der: &[u8]) -> Result<Validity, String> {
    if der.is_empty() {
        return Err(not_der("empty input"));
    }
    let mut outer = Der::new(der);
    let certificate = outer.expect(SEQUENCE, "Certificate")?;
    if !outer.is_empty() {
        return Err(not_der("trailing bytes after the certificate"));
    }

    let mut certificate = Der::new(certificate);
    let tbs = certificate.expect(SEQUENCE, "tbsCertificate")?;

    let mut tbs = Der::new(tbs);
    if tbs.peek_tag() == Some(VERSION_TAG) {
        tbs.expect(VERSION_TAG, "version")?;
    }
    tbs.expect(INTEGER, "serialNumber")?;
    tbs.expect(SEQUENCE, "signature")?;
    tbs.expect(SEQUENCE, "issuer")?;
    let validity = tbs.expect(SEQUENCE, "validity")?;

    let mut validity = Der::new(validity);
    let not_before = validity.time("notBefore")?;
    let not_after = validity.time("notAfter")?;
    if !validity.is_empty() {
        return Err(not_der("validity has more than notBefore and notAfter"));
    }
    Ok(Validity {
        not_before,
        not_after,
    })
}

/// `YYYY-MM-DD HH:MM:SS UTC` for messages.
pub fn format_utc(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(SECONDS_PER_DAY);
    let secs_of_day = unix_seconds.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let (hour, minute, second) = (secs_of_day / 3600, secs_of_day / 60 % 60, secs_of_day % 60);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02} UTC")
}

/// Remaining validity in days (fractional) at `now` (Unix seconds); negative when expired.
pub fn days_left(validity: &Validity, now: i64) -> f64 {
    // i128 so that no pair of i64s can overflow the subtraction.
    (i128::from(validity.not_after) - i128::from(now)) as f64 / SECONDS_PER_DAY as f64
}

fn not_der(what: &str) -> String {
    format!("certificate is not valid DER: {what}")
}

/// A cursor over the contents of one DER value: reads the TLVs inside it, one after another.
struct Der<'a> {
    rest: &'a [u8],
}

impl<'a> Der<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Der { rest: bytes }
    }

    fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Reads one TLV, returning its tag and contents, and advances past it.
    fn read(&mut self) -> Result<(u8, &'a [u8]), String> {
        let (&tag, rest) = self
            .rest
            .split_first()
            .ok_or_else(|| not_der("unexpected end of data"))?;
        if tag & 0x1f == 0x1f {
            // High-tag-number form: nothing on our path uses it.
            return Err(not_der("multi-byte tags are not supported"));
        }
        let (&first, mut rest) = rest
            .split_first()
            .ok_or_else(|| not_der("unexpected end of data"))?;
        let len = match first {
            0x00..=0x7f => usize::from(first),
            0x80 => return Err(not_der("indefinite length")),
            0x81..=0x84 => {
                let count = usize::from(first & 0x7f);
                if rest.len() < count {
                    return Err(not_der("length runs past the end"));
                }
                let (bytes, after) = rest.split_at(count);
                rest = after;
                let len = bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
                usize::try_from(len).map_err(|_| not_der("length runs past the end"))?
            }
            _ => return Err(not_der("length longer than 4 bytes")),
        };
        if rest.len() < len {
            return Err(not_der("length runs past the end"));
        }
        let (contents, after) = rest.split_at(len);
        self.rest = after;
        Ok((tag, contents))
    }

    /// Reads one TLV that must have tag `tag`; `what` names the field in the error.
    fn expect(&mut self, tag: u8, what: &str) -> Result<&'a [u8], String> {
        if self.is_empty() {
            return Err(not_der(&format!("{what} is missing")));
        }
        let (found, contents) = self.read()?;
        if found != tag {
            return Err(not_der(&format!(
                "expected {what} (tag 0x{tag:02x}), found tag 0x{found:02x}"
            )));
        }
        Ok(contents)
    }

    /// Reads one Time (UTCTime or GeneralizedTime) as Unix seconds.
    fn time(&mut self, what: &str) -> Result<i64, String> {
        if self.is_empty() {
            return Err(not_der(&format!("{what} is missing")));
        }
        let (tag, contents) = self.read()?;
        parse_time(tag, contents).map_err(|why| format!("certificate {what} is not valid: {why}"))
    }
}

/// A UTCTime (tag 0x17) or GeneralizedTime (tag 0x18) as Unix seconds. Only the forms RFC 5280
/// allows are accepted (seconds present, `Z`), plus fractional seconds in GeneralizedTime, which
/// are dropped.
fn parse_time(tag: u8, text: &[u8]) -> Result<i64, String> {
    let (year, rest) = match tag {
        UTC_TIME => {
            // YYMMDDHHMMSSZ
            if text.len() != 13 {
                return Err("UTCTime is not of the form YYMMDDHHMMSSZ".into());
            }
            let yy = digits(&text[..2])?;
            // RFC 5280 4.1.2.5.1: 50-99 are 19xx, 00-49 are 20xx.
            let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
            (year, &text[2..])
        }
        GENERALIZED_TIME => {
            // YYYYMMDDHHMMSS[.f+]Z
            if text.len() < 15 {
                return Err("GeneralizedTime is not of the form YYYYMMDDHHMMSSZ".into());
            }
            (digits(&text[..4])?, &text[4..])
        }
        other => {
            return Err(format!(
                "expected UTCTime or GeneralizedTime, found tag 0x{other:02x}"
            ));
        }
    };
    // rest is MMDDHHMMSS followed by the tail: `Z`, or (GeneralizedTime) `.digits Z`.
    let month = digits(&rest[0..2])?;
    let day = digits(&rest[2..4])?;
    let hour = digits(&rest[4..6])?;
    let minute = digits(&rest[6..8])?;
    let second = digits(&rest[8..10])?;
    let tail = &rest[10..];
    let tail = match tail {
        [b'.', fraction @ .., b'Z'] if tag == GENERALIZED_TIME => {
            if fraction.is_empty() || !fraction.iter().all(u8::is_ascii_digit) {
                return Err("fractional seconds are not digits".into());
            }
            &[b'Z'][..]
        }
        _ => tail,
    };
    if tail != b"Z" {
        return Err("time is not in UTC (must end in Z)".into());
    }

    if !(1..=12).contains(&month) {
        return Err(format!("month {month} out of range"));
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err(format!("day {day} out of range for {year:04}-{month:02}"));
    }
    if hour > 23 {
        return Err(format!("hour {hour} out of range"));
    }
    if minute > 59 {
        return Err(format!("minute {minute} out of range"));
    }
    if second > 60 {
        // 60 is a leap second; it counts as the first second of the next minute.
        return Err(format!("second {second} out of range"));
    }
    Ok(days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second)
}

/// The value of a run of ASCII decimal digits (at most 4 here, so no overflow).
fn digits(bytes: &[u8]) -> Result<i64, String> {
    bytes.iter().try_fold(0i64, |acc, &b| {
        if b.is_ascii_digit() {
            Ok(acc * 10 + i64::from(b - b'0'))
        } else {
            Err(format!(
                "time has a non-digit where a digit belongs: {:?}",
                String::from_utf8_lossy(bytes)
            ))
        }
    })
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1-12) of `year` in the proleptic Gregorian calendar.
fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
/// `month` must be 1-12 and `day` valid for it.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    // Years start in March, so the leap day is the last day of the (shifted) year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400; // 0..=399
    let shifted_month = (month + 9) % 12; // March = 0 .. February = 11
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian (year, month, day) of a count of days since 1970-01-01
/// (Howard Hinnant's civil_from_days). Does not overflow for any `days` an i64 of seconds
/// can produce.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // 0..=146_096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    // --- helpers -------------------------------------------------------------------------------

    /// A self-signed rcgen certificate with the given validity, each given as a date plus
    /// seconds after its midnight (UTC).
    fn rcgen_cert(not_before: (i32, u8, u8, u64), not_after: (i32, u8, u8, u64)) -> Vec<u8> {
        let at = |(y, m, d, secs): (i32, u8, u8, u64)| {
            rcgen::date_time_ymd(y, m, d) + Duration::from_secs(secs)
        };
        let mut params = rcgen::CertificateParams::new(vec!["probe.test".to_string()]).unwrap();
        params.not_before = at(not_before);
        params.not_after = at(not_after);
        let key = rcgen::KeyPair::generate().unwrap();
        params.self_signed(&key).unwrap().der().to_vec()
    }

    fn hms(h: u64, m: u64, s: u64) -> u64 {
        h * 3600 + m * 60 + s
    }

    /// A real certificate: 2030-01-02 03:04:05 to 2051-06-15 12:34:56 UTC.
    fn sample_cert() -> Vec<u8> {
        rcgen_cert((2030, 1, 2, hms(3, 4, 5)), (2051, 6, 15, hms(12, 34, 56)))
    }

    /// A DER TLV with a minimal-length header.
    fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = contents.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = (len as u32).to_be_bytes();
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            out.push(0x80 | (4 - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
        out.extend_from_slice(contents);
        out
    }

    fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
        parts.concat()
    }

    /// A hand-built certificate around the given validity contents; `version` adds the
    /// `[0] EXPLICIT INTEGER 2` field of a v3 certificate.
    fn handmade_cert(version: bool, validity_contents: &[u8]) -> Vec<u8> {
        let name = tlv(
            SEQUENCE,
            &tlv(
                0x31, // SET
                &tlv(
                    SEQUENCE,
                    &cat(&[
                        tlv(0x06, &[0x55, 0x04, 0x03]), // id-at-commonName
                        tlv(0x0c, b"v1.test"),
                    ]),
                ),
            ),
        );
        // sha256WithRSAEncryption, NULL parameters
        let alg = tlv(
            SEQUENCE,
            &cat(&[
                tlv(
                    0x06,
                    &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
                ),
                tlv(0x05, &[]),
            ]),
        );
        let mut tbs = Vec::new();
        if version {
            tbs.extend(tlv(VERSION_TAG, &tlv(INTEGER, &[2])));
        }
        tbs.extend(tlv(INTEGER, &[0x01, 0x23]));
        tbs.extend(alg.clone());
        tbs.extend(name.clone()); // issuer
        tbs.extend(tlv(SEQUENCE, validity_contents));
        tbs.extend(name); // subject
        tbs.extend(tlv(SEQUENCE, &[])); // subjectPublicKeyInfo (contents not read)
        tlv(
            SEQUENCE,
            &cat(&[tlv(SEQUENCE, &tbs), alg, tlv(0x03, &[0x00, 0xde, 0xad])]),
        )
    }

    fn utc(text: &str) -> Vec<u8> {
        tlv(UTC_TIME, text.as_bytes())
    }

    fn generalized(text: &str) -> Vec<u8> {
        tlv(GENERALIZED_TIME, text.as_bytes())
    }

    /// Deterministic xorshift64* so the fuzz loops need no dependency and replay exactly.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    // --- real certificates ---------------------------------------------------------------------

    #[test]
    fn rcgen_utctime_and_generalized_time_parse_to_exact_unix_seconds() {
        let der = sample_cert();
        // The notAfter really is a GeneralizedTime (RFC 5280: 2050 and later).
        assert!(
            der.windows(17).any(|w| w == b"\x18\x0f20510615123456Z"),
            "expected a GeneralizedTime notAfter in the rcgen certificate"
        );
        assert!(der.windows(15).any(|w| w == b"\x17\x0d300102030405Z"));
        assert_eq!(
            validity(&der),
            Ok(Validity {
                not_before: 1_893_553_445, // 2030-01-02 03:04:05 UTC
                not_after: 2_570_445_296,  // 2051-06-15 12:34:56 UTC
            })
        );
    }

    #[test]
    fn rcgen_utctime_year_49_and_69_map_to_2049_and_1969() {
        let der = rcgen_cert(
            (1969, 7, 20, hms(20, 17, 40)),
            (2049, 12, 31, hms(23, 59, 59)),
        );
        assert!(der.windows(15).any(|w| w == b"\x17\x0d690720201740Z"));
        assert!(der.windows(15).any(|w| w == b"\x17\x0d491231235959Z"));
        assert_eq!(
            validity(&der),
            Ok(Validity {
                not_before: -14_182_940,  // 1969-07-20 20:17:40 UTC
                not_after: 2_524_607_999, // 2049-12-31 23:59:59 UTC
            })
        );
    }

    #[test]
    fn rcgen_pre_1950_date_is_generalized_time_and_parses() {
        let der = rcgen_cert((1949, 12, 31, 0), (1950, 1, 1, 0));
        assert!(der.windows(17).any(|w| w == b"\x18\x0f19491231000000Z"));
        assert_eq!(
            validity(&der),
            Ok(Validity {
                not_before: -631_152_000 - SECONDS_PER_DAY,
                not_after: -631_152_000, // 1950-01-01 00:00:00 UTC
            })
        );
    }

    #[test]
    fn version_1_certificate_without_version_field_parses() {
        let validity_contents = cat(&[utc("300102030405Z"), generalized("20510615123456Z")]);
        let v1 = handmade_cert(false, &validity_contents);
        let v3 = handmade_cert(true, &validity_contents);
        let expected = Ok(Validity {
            not_before: 1_893_553_445,
            not_after: 2_570_445_296,
        });
        assert_eq!(validity(&v1), expected);
        assert_eq!(validity(&v3), expected);
    }

    // --- malformed DER -------------------------------------------------------------------------

    #[test]
    fn every_truncated_prefix_of_a_real_certificate_is_an_error() {
        let der = sample_cert();
        assert!(validity(&der).is_ok());
        for len in 0..der.len() {
            let result = validity(&der[..len]);
            assert!(result.is_err(), "prefix of {len} bytes parsed: {result:?}");
        }
    }

    #[test]
    fn truncated_certificate_error_is_one_line_and_says_not_valid_der() {
        let der = sample_cert();
        let err = validity(&der[..der.len() - 1]).unwrap_err();
        assert_eq!(
            err,
            "certificate is not valid DER: length runs past the end"
        );
        assert_eq!(
            validity(&[]).unwrap_err(),
            "certificate is not valid DER: empty input"
        );
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let len = rng.below(64);
            let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            // Half the time, start like a certificate so the walk gets past the first TLV.
            if len >= 2 && rng.below(2) == 0 {
                bytes[0] = SEQUENCE;
                bytes[1] = (len - 2) as u8;
            }
            let _ = validity(&bytes);
        }
    }

    #[test]
    fn mutated_real_certificates_never_panic() {
        let der = sample_cert();
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        for _ in 0..20_000 {
            let mut bytes = der.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            if rng.below(4) == 0 {
                bytes.truncate(rng.below(bytes.len() + 1));
            }
            let _ = validity(&bytes);
        }
    }

    #[test]
    fn indefinite_length_is_rejected() {
        let err = validity(&[0x30, 0x80, 0x30, 0x00, 0x00, 0x00]).unwrap_err();
        assert_eq!(err, "certificate is not valid DER: indefinite length");
    }

    #[test]
    fn length_of_more_than_four_bytes_is_rejected() {
        let err = validity(&[0x30, 0x85, 0, 0, 0, 0, 1, 0]).unwrap_err();
        assert_eq!(
            err,
            "certificate is not valid DER: length longer than 4 bytes"
        );
    }

    #[test]
    fn four_byte_length_past_the_end_is_rejected() {
        let err = validity(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00]).unwrap_err();
        assert_eq!(
            err,
            "certificate is not valid DER: length runs past the end"
        );
    }

    #[test]
    fn long_form_lengths_of_one_to_four_bytes_are_read() {
        // The same certificate with its outer length written in 1 (where it fits), 2, 3 and 4
        // bytes; DER wants the shortest, but any of them is read correctly.
        let validity_contents = cat(&[utc("300102030405Z"), utc("310102030405Z")]);
        let cert = handmade_cert(true, &validity_contents);
        let inner = &cert[2..]; // handmade certificates are short: one length byte
        assert!(cert[1] < 0x80);
        let len = inner.len() as u32;
        for count in 1..=4usize {
            let mut der = vec![SEQUENCE, 0x80 | count as u8];
            der.extend_from_slice(&len.to_be_bytes()[4 - count..]);
            der.extend_from_slice(inner);
            assert_eq!(
                validity(&der).map(|v| v.not_after),
                Ok(1_925_089_445),
                "{count}"
            );
        }
    }

    #[test]
    fn trailing_bytes_after_the_certificate_are_rejected() {
        let mut der = sample_cert();
        der.push(0);
        assert_eq!(
            validity(&der).unwrap_err(),
            "certificate is not valid DER: trailing bytes after the certificate"
        );
    }

    #[test]
    fn wrong_tag_names_the_field() {
        // serialNumber as an OCTET STRING instead of an INTEGER
        let der = tlv(SEQUENCE, &tlv(SEQUENCE, &tlv(0x04, &[1])));
        assert_eq!(
            validity(&der).unwrap_err(),
            "certificate is not valid DER: expected serialNumber (tag 0x02), found tag 0x04"
        );
        let missing = tlv(SEQUENCE, &[]);
        assert_eq!(
            validity(&missing).unwrap_err(),
            "certificate is not valid DER: tbsCertificate is missing"
        );
    }

    #[test]
    fn validity_with_one_time_or_three_times_is_rejected() {
        let one = handmade_cert(true, &utc("300102030405Z"));
        assert_eq!(
            validity(&one).unwrap_err(),
            "certificate is not valid DER: notAfter is missing"
        );
        let three = handmade_cert(
            true,
            &cat(&[
                utc("300102030405Z"),
                utc("300102030405Z"),
                utc("300102030405Z"),
            ]),
        );
        assert!(validity(&three).is_err());
    }

    #[test]
    fn time_with_a_non_time_tag_is_rejected() {
        let der = handmade_cert(
            true,
            &cat(&[tlv(0x13, b"300102030405Z"), utc("300102030405Z")]),
        );
        assert_eq!(
            validity(&der).unwrap_err(),
            "certificate notBefore is not valid: expected UTCTime or GeneralizedTime, found tag 0x13"
        );
    }

    // --- times ---------------------------------------------------------------------------------

    #[test]
    fn utctime_year_pivot_49_is_2049_and_50_is_1950() {
        assert_eq!(
            parse_time(UTC_TIME, b"491231235959Z"),
            Ok(2_524_607_999) // 2049-12-31 23:59:59
        );
        assert_eq!(
            parse_time(UTC_TIME, b"500101000000Z"),
            Ok(-631_152_000) // 1950-01-01 00:00:00
        );
        assert_eq!(parse_time(UTC_TIME, b"000101000000Z"), Ok(946_684_800));
        assert_eq!(parse_time(UTC_TIME, b"991231235959Z"), Ok(946_684_799));
    }

    #[test]
    fn generalized_time_accepts_fractional_seconds_and_drops_them() {
        assert_eq!(
            parse_time(GENERALIZED_TIME, b"20510615123456.5Z"),
            Ok(2_570_445_296)
        );
        assert_eq!(
            parse_time(GENERALIZED_TIME, b"20510615123456.123456Z"),
            Ok(2_570_445_296)
        );
        assert!(parse_time(GENERALIZED_TIME, b"20510615123456.Z").is_err());
        assert!(parse_time(GENERALIZED_TIME, b"20510615123456.1aZ").is_err());
        // Fractions are a GeneralizedTime thing only.
        assert!(parse_time(UTC_TIME, b"5106151234.5Z").is_err());
    }

    #[test]
    fn times_not_in_utc_or_without_seconds_are_rejected() {
        for (tag, text) in [
            (GENERALIZED_TIME, &b"20510615123456"[..]),
            (GENERALIZED_TIME, b"20510615123456+0100"),
            (GENERALIZED_TIME, b"205106151234Z"),
            (GENERALIZED_TIME, b"20510615123456z"),
            (GENERALIZED_TIME, b"20510615123456ZZ"),
            (UTC_TIME, b"300102030405"),
            (UTC_TIME, b"3001020304Z"),
            (UTC_TIME, b"300102030405+0100"),
            (UTC_TIME, b""),
            (GENERALIZED_TIME, b""),
        ] {
            assert!(
                parse_time(tag, text).is_err(),
                "{:?} parsed",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn invalid_dates_are_errors() {
        let err = |text: &[u8]| parse_time(GENERALIZED_TIME, text).unwrap_err();
        assert_eq!(err(b"20301302030405Z"), "month 13 out of range");
        assert_eq!(err(b"20300002030405Z"), "month 0 out of range");
        assert_eq!(err(b"20300230030405Z"), "day 30 out of range for 2030-02");
        assert_eq!(err(b"20300100030405Z"), "day 0 out of range for 2030-01");
        assert_eq!(err(b"20300431000000Z"), "day 31 out of range for 2030-04");
        assert_eq!(err(b"20230229000000Z"), "day 29 out of range for 2023-02");
        assert_eq!(err(b"21000229000000Z"), "day 29 out of range for 2100-02");
        assert_eq!(err(b"20300102240000Z"), "hour 24 out of range");
        assert_eq!(err(b"20300102236000Z"), "minute 60 out of range");
        assert_eq!(err(b"20300102235961Z"), "second 61 out of range");
        assert!(parse_time(UTC_TIME, b"301302030405Z").is_err());
        assert!(parse_time(UTC_TIME, b"300230030405Z").is_err());
    }

    #[test]
    fn leap_days_and_leap_seconds_are_accepted() {
        assert_eq!(
            parse_time(GENERALIZED_TIME, b"20240229000000Z"),
            Ok(1_709_164_800)
        );
        assert_eq!(
            parse_time(GENERALIZED_TIME, b"20000229000000Z"),
            Ok(951_782_400)
        );
        // 23:59:60 counts as the next day's first second.
        assert_eq!(
            parse_time(UTC_TIME, b"161231235960Z"),
            parse_time(UTC_TIME, b"170101000000Z")
        );
    }

    #[test]
    fn non_digits_in_times_are_errors() {
        for text in [
            &b"2030O102030405Z"[..],
            b"20300102 30405Z",
            b"2030-1-2030405Z",
            b"+0300102030405Z",
            b"\xff\xff\xff\xff0102030405Z",
        ] {
            let err = parse_time(GENERALIZED_TIME, text).unwrap_err();
            assert!(err.starts_with("time has a non-digit"), "{err}");
        }
        assert!(parse_time(UTC_TIME, b"3O0102030405Z").is_err());
    }

    #[test]
    fn invalid_date_in_a_certificate_names_the_field() {
        let der = handmade_cert(
            false,
            &cat(&[utc("300102030405Z"), generalized("20301302030405Z")]),
        );
        assert_eq!(
            validity(&der).unwrap_err(),
            "certificate notAfter is not valid: month 13 out of range"
        );
    }

    // --- calendar, formatting, days left ------------------------------------------------------

    #[test]
    fn format_utc_of_known_timestamps() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(1_893_553_445), "2030-01-02 03:04:05 UTC");
        assert_eq!(format_utc(2_570_445_296), "2051-06-15 12:34:56 UTC");
        assert_eq!(format_utc(253_402_300_799), "9999-12-31 23:59:59 UTC");
    }

    #[test]
    fn format_utc_of_negative_timestamps() {
        assert_eq!(format_utc(-1), "1969-12-31 23:59:59 UTC");
        assert_eq!(format_utc(-14_182_940), "1969-07-20 20:17:40 UTC");
        assert_eq!(format_utc(-631_152_000), "1950-01-01 00:00:00 UTC");
    }

    #[test]
    fn format_utc_of_extreme_timestamps_does_not_panic() {
        assert!(format_utc(i64::MIN).ends_with(" UTC"));
        assert!(format_utc(i64::MAX).ends_with(" UTC"));
    }

    #[test]
    fn format_utc_and_parse_time_round_trip() {
        // From 0000-01-01 to 9999-12-31 in uneven steps, through the parser's own path.
        let first = days_from_civil(0, 1, 1) * SECONDS_PER_DAY;
        let last = 253_402_300_799;
        let mut rng = Rng(42);
        let mut t = first;
        while t <= last {
            let text = format_utc(t);
            let generalized: String = text[..19].chars().filter(char::is_ascii_digit).collect();
            assert_eq!(
                parse_time(GENERALIZED_TIME, format!("{generalized}Z").as_bytes()),
                Ok(t),
                "{text}"
            );
            t += 1 + rng.below(30 * 86_400) as i64;
        }
    }

    #[test]
    fn days_from_civil_counts_every_day_once() {
        // Walking day by day through 1600-2400 with our own month lengths must match the
        // day count exactly (so leap years and era boundaries agree).
        let mut expected = days_from_civil(1600, 1, 1);
        for year in 1600..2400 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), expected);
                    assert_eq!(civil_from_days(expected), (year, month, day));
                    expected += 1;
                }
            }
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }

    #[test]
    fn days_left_is_positive_before_not_after() {
        let v = Validity {
            not_before: 0,
            not_after: 30 * SECONDS_PER_DAY,
        };
        assert_eq!(days_left(&v, 0), 30.0);
        assert_eq!(
            days_left(&v, 23 * SECONDS_PER_DAY + SECONDS_PER_DAY / 2),
            6.5
        );
        assert_eq!(days_left(&v, 30 * SECONDS_PER_DAY), 0.0);
    }

    #[test]
    fn days_left_is_negative_when_expired() {
        let v = Validity {
            not_before: 0,
            not_after: 1_000_000,
        };
        assert_eq!(days_left(&v, 1_000_000 + 2 * SECONDS_PER_DAY), -2.0);
        assert!(days_left(&v, 1_000_001) < 0.0);
        // No overflow at the extremes.
        assert!(days_left(&v, i64::MIN) > 0.0);
        assert!(days_left(&v, i64::MAX) < 0.0);
    }
}
