//! Service versions and version requirements: `--expect-version REQ` and `--same-version`.
//!
//! Pure functions only: no I/O, and no panics on any input, since versions come from the network.
//!
//! # Requirement forms (`REQ`, leading and trailing whitespace ignored)
//!
//! | written as            | meaning                                                               |
//! |-----------------------|-----------------------------------------------------------------------|
//! | `=TEXT`               | exact: the reported version, trimmed, equals `TEXT` (trimmed) byte for byte |
//! | `TEXT` (no operator)  | exact, except that a leading `v`/`V` before a digit is ignored on both sides |
//! | `>`, `>=`, `<`, `<=`, `^`, `*`, and lists `>=2.4, <3` | semver requirement (the `semver` crate, Cargo rules) |
//! | `2.x`, `2.4.*`        | semver wildcard (a plain version with `x`, `X` or `*` in place of a number) |
//! | `~` + semver          | semver tilde (`~1.2.3`, `~ 1.2`, `~26.07, <26.7.5`)                    |
//! | `~` + anything else   | regex ([`regex`] syntax), unanchored: `~^26\.0[7-9]`            |
//!
//! * **`=` is always an exact string**, never the semver `=` operator: `=26.07` and `=1.2.3`
//!   compare literally, so `=1.2.3` does not match `v1.2.3` and `=1.2` does not match `1.2.0`.
//!   (Inside a list that starts with another operator, `>=1, =1.2.3`, `=` is semver's.)
//! * **A plain string is exact too**, not Cargo's implicit caret: `1.2.3` matches `1.2.3` and
//!   `v1.2.3` but not `1.2.4` or `1.2`, and `abc123` matches exactly `abc123`. Exact strings are
//!   case-sensitive and may not contain `,` (a `,` means a list of semver comparators, each of
//!   which needs its operator: `>=1.2, <2`).
//! * **`~` ambiguity.** `~` followed (after optional spaces) by a digit, where the whole text is a
//!   valid semver requirement, is semver's tilde (`~1.2.3` means `>=1.2.3, <1.3.0`). Anything
//!   else after `~` is a regex. So `~1.2.3` is tilde, while `~^1\.2`, `~26\.07`, `~1.2|1.3`
//!   and `~rc` are regexes. A regex that would also be a valid tilde requirement (`~26`) is read
//!   as tilde; anchor or escape it (`~^26`, `~26\.`) to force the regex reading. This keeps the
//!   common forms short and makes `~1.2.3` mean what every Cargo/npm user expects; the price is
//!   one documented corner instead of a `~/.../` delimiter on every regex.
//! * Semver numbers with leading zeros, which the `semver` crate rejects, are accepted for
//!   calendar versions: `>=26.07` reads as `>=26.7`.
//! * Empty requirements, empty exact strings (`=`), empty regexes (`~`) and regexes that do not
//!   compile are errors, and every error names the offending text and the three forms.
//!
//! # Lenient version parsing ([`parse_lenient`])
//!
//! Reported versions are read leniently before a semver requirement is applied:
//! a leading `v`/`V` is dropped (`v1.2.3`); missing parts are 0 and leading zeros are dropped
//! (`26.07` is 26.7.0, `1.2` is 1.2.0, `2024.05.1` is 2024.5.1); a fourth number (`1.2.3.4`) is
//! ignored by requirements but kept as build metadata (`1.2.3+4`, dropped when 0) so that
//! `--same-version` still tells `1.2.3.4` from `1.2.3.5`; pre-release and build metadata follow
//! semver (`1.2.3-rc1+build` is pre-release `rc1`, the build is ignored by requirements;
//! `1.0.0-SNAPSHOT` is a pre-release; leading zeros in numeric pre-release parts are dropped).
//! Anything else (`abc123 (git sha)`, five numbers, trailing text) is not a version number:
//! against a semver requirement it is a mismatch with a reason, never a panic.
//!
//! # Pre-releases
//!
//! healthprobe follows the `semver` crate: a pre-release such as `2.0.0-rc1` satisfies a
//! requirement only if some comparator names the same `2.0.0` with a pre-release
//! (`>=2.0.0-rc0`). So `>=1.5` and even `*` reject `2.0.0-rc1`, and the reason says so. Use a
//! regex (`~^2\.`) to accept pre-releases regardless.
//!
//! # Version skew ([`skew`])
//!
//! Targets are grouped by the version they report. Versions that parse leniently to the same
//! semver version, build metadata included, are the same (`v1.2`, `1.2` and `1.2.0`; `26.07`
//! and `26.7`); `1.2.3+b1` and `1.2.3+b2` differ (different builds). Unparsable versions are
//! grouped by their trimmed text; targets with no (or an empty) version are `unknown`.

use std::fmt;
use std::str::FromStr;

/// The three forms, with a short example of each, appended to every parse error.
const FORMS: &str =
    r"use a semver requirement (>=2.4, <3), an exact version (=26.07) or a regex (~^26\.0[7-9])";

/// Longest version text quoted in a reason; longer reports are cut, since they come from the
/// network and a reason must stay one readable line.
const MAX_SHOWN: usize = 64;

/// A parsed `--expect-version` requirement. Every variant keeps the requirement as written
/// (trimmed), which is what [`fmt::Display`] prints.
#[derive(Debug, Clone)]
pub enum VersionReq {
    /// A semver requirement and the text as written (`>=2.4, <3`, `~1.2.3`, `2.x`, `>=26.07`).
    Semver(semver::VersionReq, String),
    /// An exact version, as written: `=26.07` (literal after the `=`) or a plain `v1.2.3`
    /// (literal except for a leading `v`/`V` before a digit, ignored on both sides).
    Exact(String),
    /// A regex and the requirement as written, including the leading `~`.
    Regex(regex::Regex, String),
}

impl FromStr for VersionReq {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let written = text.trim();
        let invalid = |why: &str| {
            format!(
                "invalid version requirement '{}': {why}; {FORMS}",
                one_line(written)
            )
        };
        if written.is_empty() {
            return Err(format!("empty version requirement; {FORMS}"));
        }
        if let Some(literal) = written.strip_prefix('=') {
            check_exact_literal(literal.trim()).map_err(|why| invalid(&why))?;
            return Ok(Self::Exact(written.to_string()));
        }
        if let Some(rest) = written.strip_prefix('~') {
            let rest = rest.trim_start();
            if rest.starts_with(|c: char| c.is_ascii_digit())
                && let Ok(req) = parse_semver_req(written)
            {
                return Ok(Self::Semver(req, written.to_string()));
            }
            if rest.is_empty() {
                return Err(invalid("nothing after '~' (a regex is expected there)"));
            }
            return match regex::Regex::new(rest) {
                Ok(regex) => Ok(Self::Regex(regex, written.to_string())),
                Err(err) => Err(invalid(&format!(
                    "invalid regex: {}",
                    one_line(&err.to_string())
                ))),
            };
        }
        if written.starts_with(['>', '<', '^', '*']) || is_wildcard_version(written) {
            return match parse_semver_req(written) {
                Ok(req) => Ok(Self::Semver(req, written.to_string())),
                Err(err) => Err(invalid(&err)),
            };
        }
        check_exact_literal(written).map_err(|why| invalid(&why))?;
        Ok(Self::Exact(written.to_string()))
    }
}

impl fmt::Display for VersionReq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Semver(_, written) | Self::Exact(written) | Self::Regex(_, written) => {
                f.write_str(written)
            }
        }
    }
}

impl VersionReq {
    /// Checks a reported version. `Err` is a one-line reason naming the version and the
    /// requirement, such as "version 2.3.9 does not satisfy >=2.4, <3".
    pub fn check(&self, version: &str) -> Result<(), String> {
        let reported = version.trim();
        let shown = show_version(reported);
        match self {
            Self::Exact(written) => {
                let (ok, how) = match written.strip_prefix('=') {
                    Some(literal) => (reported == literal.trim(), "exact"),
                    None => (
                        strip_v(reported) == strip_v(written),
                        "exact, ignoring a leading v",
                    ),
                };
                if ok {
                    Ok(())
                } else {
                    Err(format!("version {shown} does not match {self} ({how})"))
                }
            }
            Self::Regex(regex, _) => {
                if regex.is_match(reported) {
                    Ok(())
                } else {
                    Err(format!("version {shown} does not match {self}"))
                }
            }
            Self::Semver(req, _) => {
                let Some(parsed) = parse_lenient(reported) else {
                    return Err(format!(
                        "version {shown} is not a version number, so it cannot satisfy {self}"
                    ));
                };
                if req.matches(&parsed) {
                    return Ok(());
                }
                let read_as = if parsed.to_string() == reported {
                    String::new()
                } else {
                    format!(" (read as {parsed})")
                };
                let core = semver::Version::new(parsed.major, parsed.minor, parsed.patch);
                let names_this_pre = req.comparators.iter().any(|c| {
                    c.major == core.major
                        && c.minor == Some(core.minor)
                        && c.patch == Some(core.patch)
                        && !c.pre.is_empty()
                });
                if !parsed.pre.is_empty() && !names_this_pre {
                    Err(format!(
                        "version {shown}{read_as} does not satisfy {self}: it is a pre-release, \
                         and a semver requirement matches a pre-release only when a comparator \
                         names a {core} pre-release"
                    ))
                } else {
                    Err(format!("version {shown}{read_as} does not satisfy {self}"))
                }
            }
        }
    }
}

/// Reads a reported version leniently (see the module doc): `v1.2` is 1.2.0, `26.07` is 26.7.0,
/// `1.2.3.4` is 1.2.3+4. `None` when the text is not a version number at all.
pub fn parse_lenient(version: &str) -> Option<semver::Version> {
    let text = strip_v(version.trim());
    if let Ok(strict) = semver::Version::parse(text) {
        return Some(strict);
    }
    let (rest, build) = match text.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let mut numbers = [0u64; 4];
    for (index, part) in core.split('.').enumerate() {
        let slot = numbers.get_mut(index)?;
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part.parse().ok()?;
    }
    let [major, minor, patch, fourth] = numbers;
    let mut parsed = semver::Version::new(major, minor, patch);
    if pre == Some("") || build == Some("") {
        return None;
    }
    if let Some(pre) = pre {
        let pre = pre
            .split('.')
            .map(trim_numeric_zeros)
            .collect::<Vec<_>>()
            .join(".");
        parsed.pre = semver::Prerelease::new(&pre).ok()?;
    }
    let mut build_parts = Vec::new();
    if fourth != 0 {
        build_parts.push(fourth.to_string());
    }
    if let Some(build) = build {
        build_parts.push(build.to_string());
    }
    if !build_parts.is_empty() {
        parsed.build = semver::BuildMetadata::new(&build_parts.join(".")).ok()?;
    }
    Some(parsed)
}

/// For `--same-version`: groups targets by the version they report and describes the groups in
/// one line, such as "versions differ: 2.4.1 on a, b; 2.5.0 on c; unknown on d". `None` when
/// every target is in the same group (including no targets, one target, or all unknown).
///
/// Groups are ordered by version (semver precedence), then unparsable versions by text, then
/// `unknown`; target names are sorted within a group. A group whose members wrote the same
/// version differently lists every spelling: "v1.2 / 1.2.0 on a, b".
pub fn skew<'a>(versions: &[(&'a str, Option<&'a str>)]) -> Option<String> {
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    enum Key {
        Parsed(semver::Version),
        Unparsed(String),
        Unknown,
    }
    struct Group<'a> {
        spellings: Vec<&'a str>,
        targets: Vec<&'a str>,
    }

    let mut groups: std::collections::BTreeMap<Key, Group<'a>> = Default::default();
    for &(target, version) in versions {
        let reported = version.map(str::trim).filter(|v| !v.is_empty());
        let key = match reported {
            None => Key::Unknown,
            Some(v) => parse_lenient(v).map_or_else(|| Key::Unparsed(v.to_string()), Key::Parsed),
        };
        let group = groups.entry(key).or_insert_with(|| Group {
            spellings: Vec::new(),
            targets: Vec::new(),
        });
        group.spellings.extend(reported);
        group.targets.push(target);
    }
    if groups.len() < 2 {
        return None;
    }
    let described: Vec<String> = groups
        .into_values()
        .map(|mut group| {
            group.spellings.sort_unstable();
            group.spellings.dedup();
            group.targets.sort_unstable();
            let label = if group.spellings.is_empty() {
                "unknown".to_string()
            } else {
                group
                    .spellings
                    .iter()
                    .map(|s| show_version(s))
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            let targets: Vec<String> = group.targets.iter().map(|t| one_line(t)).collect();
            format!("{label} on {}", targets.join(", "))
        })
        .collect();
    Some(format!("versions differ: {}", described.join("; ")))
}

/// Parses a semver requirement, retrying with leading zeros dropped from version numbers
/// (`>=26.07` as `>=26.7`) since calendar versions use them. The error is the original one.
fn parse_semver_req(text: &str) -> Result<semver::VersionReq, String> {
    semver::VersionReq::parse(text).or_else(|err| {
        semver::VersionReq::parse(&drop_leading_zeros(text)).map_err(|_| err.to_string())
    })
}

/// Drops leading zeros from the major.minor.patch numbers of each comparator in a requirement,
/// leaving operators, pre-release and build parts alone.
fn drop_leading_zeros(req: &str) -> String {
    req.split(',')
        .map(|comparator| {
            let comparator = comparator.trim();
            let version_at = comparator
                .find(|c: char| !matches!(c, '=' | '<' | '>' | '~' | '^' | ' '))
                .unwrap_or(comparator.len());
            let (op, version) = comparator.split_at(version_at);
            let core_end = version.find(['-', '+']).unwrap_or(version.len());
            let (core, tail) = version.split_at(core_end);
            let core = core
                .split('.')
                .map(trim_numeric_zeros)
                .collect::<Vec<_>>()
                .join(".");
            format!("{op}{core}{tail}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"007"` -> `"7"`, `"000"` -> `"0"`; anything that is not all digits is returned unchanged.
fn trim_numeric_zeros(part: &str) -> &str {
    if part.len() > 1 && part.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = part.trim_start_matches('0');
        if trimmed.is_empty() { "0" } else { trimmed }
    } else {
        part
    }
}

/// True for a plain version with a wildcard in place of a number: `2.x`, `2.4.*`, `1.X`.
fn is_wildcard_version(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    let is_number = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let is_wild = |p: &str| matches!(p, "x" | "X" | "*");
    parts.len() >= 2
        && parts.len() <= 3
        && is_number(parts[0])
        && parts[1..].iter().all(|p| is_number(p) || is_wild(p))
        && parts[1..].iter().any(|p| is_wild(p))
}

/// Rejects exact strings that cannot be meant literally.
fn check_exact_literal(literal: &str) -> Result<(), String> {
    if literal.is_empty() {
        Err("nothing after '=' (an exact version is expected there)".into())
    } else if literal.contains(',') {
        Err("an exact version cannot contain ','; for a range give each comparator its operator, as in >=1.2, <2".into())
    } else {
        Ok(())
    }
}

/// Drops a leading `v` or `V` when a digit follows: `v1.2` -> `1.2`, but `vendor` stays.
fn strip_v(text: &str) -> &str {
    match text.strip_prefix(['v', 'V']) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => text,
    }
}

/// A reported version for a reason: as is when short and plain, quoted when empty or spaced,
/// cut when long, with control characters escaped so the reason stays on one line.
fn show_version(version: &str) -> String {
    let mut shown: String = version.chars().take(MAX_SHOWN).collect();
    if version.chars().count() > MAX_SHOWN {
        shown.push('…');
    }
    let shown = one_line(&shown);
    if shown.is_empty() || shown.contains(char::is_whitespace) {
        format!("'{shown}'")
    } else {
        shown
    }
}

/// Escapes control characters (newlines, tabs, escapes) so text fits on one line.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(text: &str) -> VersionReq {
        match text.parse() {
            Ok(req) => req,
            Err(err) => panic!("{text:?} should parse: {err}"),
        }
    }

    fn accepts(requirement: &str, version: &str) -> bool {
        req(requirement).check(version).is_ok()
    }

    fn reason(requirement: &str, version: &str) -> String {
        match req(requirement).check(version) {
            Ok(()) => panic!("{requirement} should reject {version:?}"),
            Err(reason) => reason,
        }
    }

    fn parse_error(text: &str) -> String {
        match text.parse::<VersionReq>() {
            Ok(parsed) => panic!("{text:?} should not parse, got {parsed:?}"),
            Err(err) => err,
        }
    }

    fn lenient(text: &str) -> String {
        parse_lenient(text).map_or_else(|| "none".into(), |v| v.to_string())
    }

    #[test]
    fn semver_forms_parse_as_semver_and_display_as_written() {
        for text in [
            ">=2.4, <3",
            "^1.2",
            "~1.2.3",
            ">1",
            "<=2.0.0",
            "*",
            "2.x",
            "2.4.*",
            ">=26.07, <26.10",
        ] {
            let parsed = req(text);
            assert!(
                matches!(parsed, VersionReq::Semver(..)),
                "{text}: {parsed:?}"
            );
            assert_eq!(parsed.to_string(), text);
        }
        assert_eq!(req("  >=2.4, <3 \n").to_string(), ">=2.4, <3");
    }

    #[test]
    fn semver_requirements_match_and_mismatch() {
        assert!(accepts(">=2.4, <3", "2.4.1"));
        assert!(accepts(">=2.4, <3", "2.9.99"));
        assert!(!accepts(">=2.4, <3", "3.0.0"));
        assert!(accepts("^1.2", "1.9.0"));
        assert!(!accepts("^1.2", "2.0.0"));
        assert!(accepts(">1", "2.0.0"));
        assert!(!accepts(">1", "1.9.9"));
        assert!(accepts("<=2.0.0", "2.0.0"));
        assert!(!accepts("<=2.0.0", "2.0.1"));
        assert!(accepts("*", "0.0.1"));
        assert!(accepts("2.x", "2.7.1"));
        assert!(!accepts("2.x", "3.0.0"));
        assert!(accepts(">=1, =1.2.3", "1.2.3"));
    }

    #[test]
    fn semver_mismatch_reason_names_version_and_requirement() {
        assert_eq!(
            reason(">=2.4, <3", "2.3.9"),
            "version 2.3.9 does not satisfy >=2.4, <3"
        );
        assert_eq!(
            reason(">=26.8", "26.07"),
            "version 26.07 (read as 26.7.0) does not satisfy >=26.8"
        );
    }

    #[test]
    fn exact_with_equals_is_a_literal_string_comparison() {
        assert!(matches!(req("=26.07"), VersionReq::Exact(_)));
        assert_eq!(req("=26.07").to_string(), "=26.07");
        assert!(accepts("=26.07", "26.07"));
        assert!(accepts("= 26.07 ", " 26.07\n"));
        assert!(!accepts("=26.07", "26.7"));
        assert!(!accepts("=26.07", "v26.07"));
        assert!(accepts("=1.2.3", "1.2.3"));
        assert!(!accepts("=1.2.3", "v1.2.3"));
        assert!(!accepts("=1.2", "1.2.0"));
        assert!(accepts("=abc123 (git sha)", "abc123 (git sha)"));
        assert_eq!(
            reason("=26.07", "26.08"),
            "version 26.08 does not match =26.07 (exact)"
        );
    }

    #[test]
    fn plain_string_is_exact_ignoring_a_leading_v() {
        assert!(matches!(req("1.2.3"), VersionReq::Exact(_)));
        assert!(accepts("1.2.3", "1.2.3"));
        assert!(accepts("1.2.3", "v1.2.3"));
        assert!(accepts("v1.2.3", "1.2.3"));
        assert!(accepts("V1.2.3", "v1.2.3"));
        assert!(!accepts("1.2.3", "1.2.4"));
        assert!(!accepts("1.2.3", "1.2"));
        assert!(accepts("26.07", "26.07"));
        assert!(!accepts("26.07", "26.7"));
        assert!(accepts("abc123", "abc123"));
        assert!(!accepts("abc123", "ABC123"));
        assert!(accepts("vendor-7", "vendor-7"));
        assert!(!accepts("endor-7", "vendor-7"));
        assert_eq!(
            reason("1.2.3", "1.2.4"),
            "version 1.2.4 does not match 1.2.3 (exact, ignoring a leading v)"
        );
    }

    #[test]
    fn regex_form_is_unanchored_unless_anchored() {
        assert!(matches!(req(r"~^26\.0[7-9]"), VersionReq::Regex(..)));
        assert_eq!(req(r"~^26\.0[7-9]").to_string(), r"~^26\.0[7-9]");
        assert!(accepts(r"~^26\.0[7-9]", "26.07"));
        assert!(accepts(r"~^26\.0[7-9]", "26.09.1"));
        assert!(!accepts(r"~^26\.0[7-9]", "26.10"));
        assert!(!accepts(r"~^26\.0[7-9]", "v26.07"));
        assert!(accepts("~rc", "2.0.0-rc1"));
        assert!(accepts("~ rc", "2.0.0-rc1"));
        assert!(!accepts("~rc$", "2.0.0-rc1"));
        assert_eq!(
            reason(r"~^26\.0[7-9]", "26.10"),
            r"version 26.10 does not match ~^26\.0[7-9]"
        );
    }

    #[test]
    fn tilde_then_digit_and_valid_semver_is_semver_tilde() {
        for text in ["~1.2.3", "~ 1.2", "~26", "~26.07", "~1.2.3, <1.2.5"] {
            assert!(matches!(req(text), VersionReq::Semver(..)), "{text}");
        }
        assert!(accepts("~1.2.3", "1.2.9"));
        assert!(!accepts("~1.2.3", "1.3.0"));
        // As a regex, "1.2.3" would have matched "1x2y3"; as tilde it does not.
        assert!(!accepts("~1.2.3", "1x2y3"));
        assert!(accepts("~26.07", "26.7.4"));
        assert!(!accepts("~26.07", "26.8"));
    }

    #[test]
    fn tilde_then_anything_else_is_a_regex() {
        for text in [r"~^1\.2", r"~26\.07", "~1.2|1.3", "~rc", "~v1", "~.*"] {
            assert!(matches!(req(text), VersionReq::Regex(..)), "{text}");
        }
        assert!(accepts(r"~26\.07", "release 26.07"));
        assert!(accepts("~1.2|1.3", "1.3.0"));
        assert!(accepts("~1.2|1.3", "x1.2"));
    }

    #[test]
    fn calendar_versions_compare_numerically() {
        assert!(accepts(">=26.7", "26.07"));
        assert!(accepts("<26.10", "26.07"));
        assert!(accepts(">=26.7, <26.10", "26.07"));
        assert!(accepts(">=26.07, <26.10", "26.09"));
        assert!(!accepts(">=26.07, <26.10", "26.10"));
        assert!(accepts("=26.07", "26.07"));
        assert!(accepts(r"~^26\.0[7-9]", "26.07"));
        assert!(accepts(">=2024.5", "2024.05.1"));
    }

    #[test]
    fn leading_v_is_ignored_for_semver_requirements() {
        assert!(accepts(">=1.2", "v1.2"));
        assert!(accepts("^1.2", "V1.2.7"));
        assert!(!accepts(">=1.3", "v1.2.9"));
    }

    #[test]
    fn pre_releases_only_match_requirements_naming_that_pre_release() {
        assert!(!accepts(">=1.0", "1.2.0-rc1"));
        assert!(!accepts("*", "1.0.0-SNAPSHOT"));
        assert!(accepts(">=1.2.0-rc0", "1.2.0-rc1"));
        assert!(accepts(">=1.2.0-rc1, <2", "1.2.0-rc2"));
        assert!(!accepts(">=1.2.0-rc1", "1.3.0-rc1"));
        assert!(!accepts("<2.0.0", "2.0.0-rc1"));
        let why = reason(">=1.5", "2.0.0-rc1");
        assert!(why.starts_with("version 2.0.0-rc1 does not satisfy >=1.5: it is a pre-release"));
        assert!(why.contains("names a 2.0.0 pre-release"), "{why}");
        // When the pre-release is named, a mismatch is an ordinary one.
        assert_eq!(
            reason(">=2.0.0-rc2", "2.0.0-rc1"),
            "version 2.0.0-rc1 does not satisfy >=2.0.0-rc2"
        );
    }

    #[test]
    fn build_metadata_is_ignored_by_requirements() {
        assert!(accepts(">=1.2.3, <=1.2.3", "1.2.3+build.7"));
        assert!(accepts("^1.2", "1.2.3+abc"));
        assert!(accepts(">=1.2.3-rc1, <1.2.3", "1.2.3-rc1+build"));
        assert!(accepts(">=1.2.3, <=1.2.3", "1.2.3.4"));
    }

    #[test]
    fn lenient_parsing_fills_missing_parts_and_drops_leading_zeros() {
        assert_eq!(lenient("2.4.1"), "2.4.1");
        assert_eq!(lenient("v1.2"), "1.2.0");
        assert_eq!(lenient("V7"), "7.0.0");
        assert_eq!(lenient("26.07"), "26.7.0");
        assert_eq!(lenient("2024.05.1"), "2024.5.1");
        assert_eq!(lenient(" 1.2.3 \n"), "1.2.3");
        assert_eq!(lenient("1.2.3-rc1+build"), "1.2.3-rc1+build");
        assert_eq!(lenient("1.0.0-SNAPSHOT"), "1.0.0-SNAPSHOT");
        assert_eq!(lenient("01.02-rc.01"), "1.2.0-rc.1");
        assert_eq!(lenient("1.2.3.4"), "1.2.3+4");
        assert_eq!(lenient("1.2.3.0"), "1.2.3");
        assert_eq!(lenient("1.2.3.04+x"), "1.2.3+4.x");
    }

    #[test]
    fn lenient_parsing_rejects_text_that_is_not_a_version() {
        for text in [
            "",
            "   ",
            "abc123",
            "abc123 (git sha)",
            "v",
            "vendor",
            "1.2.3 (git abc)",
            "1..2",
            "1.",
            ".1",
            "1.2.3.4.5",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-rc_1",
            "-1.2",
            "99999999999999999999999.0",
            "1.2.3\n4",
        ] {
            assert_eq!(parse_lenient(text), None, "{text:?}");
        }
    }

    #[test]
    fn garbage_version_against_semver_is_a_mismatch_naming_it() {
        assert_eq!(
            reason(">=2.4, <3", "abc123"),
            "version abc123 is not a version number, so it cannot satisfy >=2.4, <3"
        );
        assert_eq!(
            reason(">=2.4", "abc123 (git sha)"),
            "version 'abc123 (git sha)' is not a version number, so it cannot satisfy >=2.4"
        );
        assert_eq!(
            reason("*", ""),
            "version '' is not a version number, so it cannot satisfy *"
        );
    }

    #[test]
    fn reasons_stay_on_one_line_for_hostile_versions() {
        let long = "9".repeat(10_000);
        for version in ["1.2\n3", "\u{1b}[31mred", &long, "2.0\r\n"] {
            for requirement in [">=2.4", "=2.4", "2.4", "~^x$"] {
                let why = reason(requirement, version);
                assert!(!why.contains(['\n', '\r', '\u{1b}']), "{why:?}");
                assert!(why.len() < 200, "{why}");
            }
        }
    }

    #[test]
    fn garbage_requirements_are_errors_naming_the_text_and_the_forms() {
        let err = parse_error(">=2.x.y");
        assert!(
            err.starts_with("invalid version requirement '>=2.x.y': "),
            "{err}"
        );
        assert!(err.ends_with(FORMS), "{err}");
        for text in [">=", "<3 >=2", ">=1.2.3.4", "^x.y", "*, >1", ">=v2"] {
            let err = parse_error(text);
            assert!(err.contains(&format!("'{text}'")), "{err}");
            assert!(err.contains(FORMS), "{err}");
        }
    }

    #[test]
    fn empty_requirements_are_errors() {
        assert_eq!(
            parse_error(""),
            format!("empty version requirement; {FORMS}")
        );
        assert_eq!(
            parse_error("  \t"),
            format!("empty version requirement; {FORMS}")
        );
        assert!(parse_error("=").contains("nothing after '='"));
        assert!(parse_error("= ").contains("nothing after '='"));
        assert!(parse_error("~").contains("nothing after '~'"));
        assert!(parse_error("~  ").contains("nothing after '~'"));
    }

    #[test]
    fn regex_compile_errors_are_errors_naming_the_text() {
        for text in [r"~^26\.0[7-9", "~(", "~a{2,1}", r"~\"] {
            let err = parse_error(text);
            assert!(
                err.starts_with(&format!(
                    "invalid version requirement '{text}': invalid regex: "
                )),
                "{err}"
            );
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn commas_in_exact_strings_are_rejected() {
        assert!(parse_error("1.2, <2").contains("cannot contain ','"));
        assert!(parse_error("=1.2.3, <2").contains("cannot contain ','"));
    }

    #[test]
    fn tilde_digit_that_is_not_valid_semver_falls_back_to_regex_not_an_error() {
        assert!(matches!(req("~1.2.3, <>"), VersionReq::Regex(..)));
        let err = parse_error("~1.2.3, (");
        assert!(err.contains("invalid regex"), "{err}");
    }

    #[test]
    fn skew_is_none_when_all_report_the_same_version() {
        assert_eq!(skew(&[]), None);
        assert_eq!(skew(&[("a", Some("2.4.1"))]), None);
        assert_eq!(skew(&[("a", Some("2.4.1")), ("b", Some("2.4.1"))]), None);
        assert_eq!(skew(&[("a", None), ("b", Some(" "))]), None);
        assert_eq!(skew(&[("a", Some("abc123")), ("b", Some(" abc123"))]), None);
    }

    #[test]
    fn skew_treats_versions_equal_after_lenient_parsing_as_the_same() {
        assert_eq!(
            skew(&[
                ("a", Some("v1.2")),
                ("b", Some("1.2.0")),
                ("c", Some("1.2"))
            ]),
            None
        );
        assert_eq!(skew(&[("a", Some("26.07")), ("b", Some("26.7"))]), None);
        assert_eq!(
            skew(&[
                ("a", Some("v1.2")),
                ("b", Some("1.2.0")),
                ("c", Some("1.3"))
            ])
            .as_deref(),
            Some("versions differ: 1.2.0 / v1.2 on a, b; 1.3 on c")
        );
    }

    #[test]
    fn skew_tells_different_builds_apart() {
        assert_eq!(
            skew(&[("a", Some("1.2.3+b1")), ("b", Some("1.2.3+b2"))]).as_deref(),
            Some("versions differ: 1.2.3+b1 on a; 1.2.3+b2 on b")
        );
        assert_eq!(
            skew(&[("a", Some("1.2.3.10")), ("b", Some("1.2.3.9"))]).as_deref(),
            Some("versions differ: 1.2.3.9 on b; 1.2.3.10 on a")
        );
    }

    #[test]
    fn skew_output_is_sorted_and_independent_of_input_order() {
        let targets = [
            ("d", None),
            ("c", Some("2.5.0")),
            ("b", Some("2.4.1")),
            ("e", Some("abc123")),
            ("a", Some("2.4.1")),
            ("f", Some("2.10.0")),
            ("g", Some("2.5.0-rc1")),
        ];
        let expected = "versions differ: 2.4.1 on a, b; 2.5.0-rc1 on g; 2.5.0 on c; \
                        2.10.0 on f; abc123 on e; unknown on d";
        assert_eq!(skew(&targets).as_deref(), Some(expected));
        let mut reversed = targets;
        reversed.reverse();
        assert_eq!(skew(&reversed).as_deref(), Some(expected));
    }

    #[test]
    fn skew_example_from_the_issue() {
        assert_eq!(
            skew(&[
                ("a", Some("2.4.1")),
                ("b", Some("2.4.1")),
                ("c", Some("2.5.0")),
                ("d", None)
            ])
            .as_deref(),
            Some("versions differ: 2.4.1 on a, b; 2.5.0 on c; unknown on d")
        );
    }
}

/// Properties of version requirements and checks over generated input: nothing panics, every
/// reason is one line, and the documented forms mean what the module documentation says.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Requirement-like text: operators, versions, wildcards, regex punctuation, multibyte.
    const REQ_LIKE: &str = "[=~^<>*,. vV0-9xX\\-+a-z()\\[\\]|\\\\é日]{0,24}";
    /// Version-like text as services report it.
    const VERSION_LIKE: &str = concat!(
        "[vV]?[0-9]{1,21}(\\.[0-9]{1,21}){0,4}",
        "(-[a-zA-Z0-9.]{0,8})?(\\+[a-zA-Z0-9.]{0,8})?( \\(git [a-f0-9]{7}\\))?"
    );

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn requirements_never_panic_on_any_text(
            text in any::<String>(),
            version in any::<String>(),
        ) {
            if let Ok(req) = text.parse::<VersionReq>() {
                let _ = req.check(&version);
            }
            let _ = parse_lenient(&version);
        }

        #[test]
        fn requirement_like_text_parses_or_explains_in_one_line(
            text in REQ_LIKE,
            version in VERSION_LIKE,
        ) {
            match text.parse::<VersionReq>() {
                Ok(req) => {
                    // Display is the requirement as written, and reads back the same way.
                    prop_assert_eq!(req.to_string(), text.trim());
                    let again = req.to_string().parse::<VersionReq>();
                    prop_assert_eq!(again.map(|r| r.to_string()), Ok(req.to_string()));
                    if let Err(reason) = req.check(&version) {
                        prop_assert!(!reason.contains('\n'), "{reason:?}");
                    }
                }
                Err(err) => prop_assert!(!err.contains('\n'), "{err:?}"),
            }
        }

        #[test]
        fn lenient_parsing_never_panics_on_version_like_text(version in VERSION_LIKE) {
            if let Some(parsed) = parse_lenient(&version) {
                // What was read is a strict semver version, and reads as itself.
                prop_assert_eq!(parse_lenient(&parsed.to_string()), Some(parsed));
            }
        }

        #[test]
        fn a_version_satisfies_its_exact_and_lower_bound_requirements(
            major in 0u64..100_000, minor in 0u64..1000, patch in 0u64..1000, v in any::<bool>(),
        ) {
            let version = format!("{}{major}.{minor}.{patch}", if v { "v" } else { "" });
            let plain = format!("{major}.{minor}.{patch}");
            for requirement in [
                plain.clone(),
                format!("v{plain}"),
                format!(">={plain}"),
                format!("<={plain}"),
                format!("^{plain}"),
                format!("~{plain}"),
                format!(">={plain}, <{}.0.0", major + 1),
                "*".to_string(),
                format!("{major}.x"),
                format!("~^v?{major}\\.{minor}\\."),
            ] {
                let req = requirement.parse::<VersionReq>().map_err(TestCaseError::fail)?;
                let checked = req.check(&version);
                prop_assert!(checked.is_ok(), "{requirement} rejects {version}: {checked:?}");
            }
            for requirement in [format!(">{plain}"), format!("<{plain}"), format!("={plain}1")] {
                let req = requirement.parse::<VersionReq>().map_err(TestCaseError::fail)?;
                prop_assert!(req.check(&version).is_err(), "{requirement} accepts {version}");
            }
        }

        #[test]
        fn skew_never_panics_and_is_one_line(
            versions in proptest::collection::vec(proptest::option::of(VERSION_LIKE), 0..6),
        ) {
            let names: Vec<String> = (0..versions.len()).map(|i| format!("t{i}")).collect();
            let pairs: Vec<(&str, Option<&str>)> = names
                .iter()
                .zip(&versions)
                .map(|(name, version)| (name.as_str(), version.as_deref()))
                .collect();
            if let Some(line) = skew(&pairs) {
                prop_assert!(!line.contains('\n'), "{line:?}");
                prop_assert!(line.starts_with("versions differ: "));
            }
        }
    }
}
