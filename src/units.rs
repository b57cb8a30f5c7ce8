//! Durations and byte sizes as users type them on the command line.
//!
//! Durations follow humantime (`500ms`, `2s`, `1m30s`) plus the Nagios habit of a bare number
//! meaning seconds (`-t 10`, `-t 0.5`). Sizes accept `1048576`, `512KiB`, `1MiB`, `1MB`.

use std::time::Duration;

/// Parses a positive duration. Zero is rejected: a zero timeout or interval is never what the
/// user meant and would make every probe fail.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let shown = crate::text::escaped(text);
    let duration = if is_plain_decimal(text) {
        let seconds: f64 = text
            .parse()
            .map_err(|_| format!("'{shown}' is not a duration"))?;
        Duration::try_from_secs_f64(seconds)
            .map_err(|_| format!("'{shown}' is out of range for a duration"))?
    } else {
        humantime::parse_duration(text).map_err(|e| {
            format!(
                "'{shown}' is not a duration ({e}); use e.g. 500ms, 2s, 1m or a number of seconds"
            )
        })?
    };
    if duration.is_zero() {
        return Err(format!("'{shown}' is zero; a duration must be positive"));
    }
    if duration > MAX_DURATION {
        return Err(format!(
            "'{shown}' is too long; a duration can be at most 100 years"
        ));
    }
    Ok(duration)
}

/// The longest duration accepted (100 years, as humantime counts them). Anything longer is a
/// typo, and far longer ones overflow the deadlines and back-off pauses computed from them.
const MAX_DURATION: Duration = Duration::from_secs(100 * 31_557_600);

fn is_plain_decimal(text: &str) -> bool {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    !text.is_empty()
        && text != "."
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Parses a byte size. Binary (`KiB`, `MiB`, `GiB`) and decimal (`KB`, `MB`, `GB`) suffixes are
/// both accepted and mean what they say; `K`/`M`/`G` alone are binary, as in curl.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let shown = crate::text::escaped(text);
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("'{shown}' is not a size; use e.g. 65536, 512KiB or 1MiB"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => {
            return Err(format!(
                "'{shown}': unknown size unit '{}'; use B, KiB, MiB, GiB, KB, MB or GB",
                crate::text::escaped(other)
            ));
        }
    };
    number
        .checked_mul(multiplier)
        .filter(|size| *size > 0)
        .ok_or_else(|| {
            format!("'{shown}' is not a usable size (must be positive and fit in 64 bits)")
        })
}

/// Formats a byte count for messages: `1 MiB`, `512 KiB`, `900 B`.
pub fn format_size(bytes: u64) -> String {
    for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} B")
}

/// Formats a duration compactly for messages: `10s`, `1.5s`, `250ms`.
pub fn format_duration(duration: Duration) -> String {
    // Rounded first, so that 999.96ms prints as 1s and never as 1000ms.
    let millis = round(duration.as_secs_f64() * 1000.0, 1);
    if millis < 1000.0 {
        format!("{millis}ms")
    } else {
        format!("{}s", round(duration.as_secs_f64(), 3))
    }
}

/// RFC 3339 in UTC with milliseconds (`2026-12-01T08:38:43.123Z`), for machine-readable reports.
pub fn rfc3339(time: std::time::SystemTime) -> String {
    let since = time
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = i64::try_from(since.as_secs()).unwrap_or(i64::MAX);
    let (year, month, day) = crate::cert::civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60,
        since.subsec_millis()
    )
}

fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc_with_milliseconds() {
        let at = |secs: u64, millis: u64| {
            std::time::UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_millis(millis)
        };
        assert_eq!(rfc3339(at(0, 0)), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(at(951_782_400, 5)), "2000-02-29T00:00:00.005Z");
        assert_eq!(rfc3339(at(1_796_114_323, 123)), "2026-12-01T08:38:43.123Z");
    }

    #[test]
    fn durations_accept_units_and_bare_seconds() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("10"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("0.25"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration(" 3 "), Ok(Duration::from_secs(3)));
    }

    #[test]
    fn bad_durations_name_the_value() {
        for bad in ["", "abc", "-1", "10x", "0", "0ms", "1e3", "."] {
            let err = parse_duration(bad).unwrap_err();
            assert!(err.contains(&format!("'{}'", bad.trim())), "{bad}: {err}");
        }
    }

    #[test]
    fn sizes_accept_binary_and_decimal_units() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("1M"), Ok(1 << 20));
        assert_eq!(parse_size("2 MB"), Ok(2_000_000));
        assert_eq!(parse_size("1gib"), Ok(1 << 30));
    }

    #[test]
    fn bad_sizes_are_rejected() {
        for bad in [
            "",
            "MiB",
            "1TiB",
            "-1",
            "0",
            "1.5MiB",
            "99999999999999999999",
        ] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formatting_is_compact() {
        assert_eq!(format_size(1 << 20), "1 MiB");
        assert_eq!(format_size(1536), "1536 B");
        assert_eq!(format_duration(Duration::from_secs(10)), "10s");
        assert_eq!(format_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(format_duration(Duration::from_micros(2345)), "2.3ms");
        assert_eq!(format_duration(Duration::from_micros(999_960)), "1s");
        assert_eq!(format_duration(Duration::from_micros(999_940)), "999.9ms");
    }
}

/// Properties of the duration and size parsers over generated input: they never panic, what
/// they accept is usable by their callers, and the formatted forms read back.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::time::Instant;

    /// Numbers with units as users type them, typos included.
    const DURATION_LIKE: &str =
        "[0-9]{1,22}(\\.[0-9]{0,4})?( ?(ns|us|ms|s|sec|m|min|h|d|w|y|years|x))?";

    /// What the callers do with a duration: a deadline from now, a doubled backoff pause and
    /// a ±20% jitter (run.rs). None of it may overflow for a value the parser accepted.
    fn usable(duration: Duration) -> bool {
        let doubled = duration.checked_mul(2);
        doubled.is_some_and(|d| Instant::now().checked_add(d).is_some())
            && Duration::try_from_secs_f64(duration.as_secs_f64() * 1.2).is_ok()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn durations_never_panic_on_any_text(text in any::<String>()) {
            let _ = parse_duration(&text);
        }

        #[test]
        fn errors_stay_on_one_line(text in "[0-9a-z .\n\t\u{1b}]{0,12}") {
            for err in [parse_duration(&text).err(), parse_size(&text).err()].into_iter().flatten() {
                prop_assert!(!err.chars().any(char::is_control), "{text:?}: {err:?}");
            }
        }

        #[test]
        fn accepted_durations_are_positive_and_usable(text in DURATION_LIKE) {
            match parse_duration(&text) {
                Ok(duration) => {
                    prop_assert!(!duration.is_zero());
                    prop_assert!(usable(duration), "{text:?} gave {duration:?}");
                }
                Err(err) => {
                    prop_assert!(!err.chars().any(char::is_control), "{err:?}");
                    prop_assert!(err.contains(&format!("'{}'", text.trim())), "{err}");
                }
            }
        }

        #[test]
        fn any_number_of_seconds_is_usable_or_refused(seconds in any::<u64>()) {
            for text in [format!("{seconds}"), format!("{seconds}s")] {
                if let Ok(duration) = parse_duration(&text) {
                    prop_assert!(usable(duration), "{text:?} gave {duration:?}");
                }
            }
        }

        #[test]
        fn milliseconds_read_exactly(millis in 1u64..10_000_000_000) {
            let read = parse_duration(&format!("{millis}ms"));
            prop_assert_eq!(read, Ok(Duration::from_millis(millis)));
        }

        #[test]
        fn formatted_durations_read_back_within_their_rounding(
            nanos in 1_000_000u64..3_000_000_000_000_000,
        ) {
            let duration = Duration::from_nanos(nanos);
            let shown = format_duration(duration);
            let read = parse_duration(&shown).map_err(TestCaseError::fail)?;
            // Tenths of a millisecond below a second, thousandths of a second above.
            let tolerance = if duration < Duration::from_secs(1) {
                Duration::from_micros(51)
            } else {
                Duration::from_micros(501).max(duration / 1_000_000_000)
            };
            let difference = read.abs_diff(duration);
            prop_assert!(difference <= tolerance, "{duration:?} shown {shown} read {read:?}");
        }

        #[test]
        fn sizes_never_panic_on_any_text(text in any::<String>()) {
            let _ = parse_size(&text);
        }

        #[test]
        fn sizes_never_panic_on_size_like_text(text in "[0-9]{0,22} ?[kKmMgGtTiIbB]{0,3}") {
            match parse_size(&text) {
                Ok(size) => prop_assert!(size > 0),
                Err(err) => prop_assert!(!err.chars().any(char::is_control), "{err:?}"),
            }
        }

        #[test]
        fn formatted_sizes_read_back_exactly(size in 1u64..(1 << 40)) {
            prop_assert_eq!(parse_size(&format_size(size)), Ok(size));
        }

        #[test]
        fn every_unit_multiplies_exactly(number in 1u64..1_000_000, unit in 0usize..7) {
            let (suffix, factor) = [
                ("B", 1), ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
                ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000),
            ][unit];
            prop_assert_eq!(parse_size(&format!("{number}{suffix}")), Ok(number * factor));
        }
    }
}
