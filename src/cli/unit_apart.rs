//! `--timeout 3 sec` reads as a timeout of 3 seconds and a URL `sec`, which would then be
//! probed as `http://sec/`. A unit word right after a duration option's number is refused as a
//! usage error that shows the fix, before anything is parsed further or contacted.
//!
//! This looks at the raw arguments because only they tell that the word came right after the
//! option's value. A target really called `s` or `min` has to be written as a URL
//! (`http://min/`).

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

/// Unit words written apart from their number, with the suffix the number takes instead.
const UNITS: &[(&str, &str)] = &[
    ("ms", "ms"),
    ("s", "s"),
    ("sec", "s"),
    ("secs", "s"),
    ("second", "s"),
    ("seconds", "s"),
    ("m", "m"),
    ("min", "m"),
    ("mins", "m"),
    ("minute", "m"),
    ("minutes", "m"),
    ("h", "h"),
    ("hour", "h"),
    ("hours", "h"),
    ("d", "d"),
    ("day", "d"),
    ("days", "d"),
];

/// The suffix for `word` when it is a unit word.
fn unit_suffix(word: &str) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    UNITS
        .iter()
        .find(|(spelled, _)| *spelled == word)
        .map(|(_, suffix)| *suffix)
}

/// Options whose value is a duration: those that name their value DURATION.
fn is_duration(arg: &Arg) -> bool {
    arg.get_value_names()
        .is_some_and(|names| names.iter().any(|n| n == "DURATION"))
}

/// Whether the option takes its value from the next argument when none is attached.
fn takes_separate_value(arg: &Arg) -> bool {
    arg.get_action().takes_values()
        && !arg.is_require_equals_set()
        && arg.get_num_args().is_none_or(|n| n.takes_values())
}

/// Every option of the command and its subcommands, to look flags up by name.
fn options(command: &Command) -> impl Iterator<Item = &Arg> {
    command
        .get_arguments()
        .chain(command.get_subcommands().flat_map(|s| s.get_arguments()))
        .filter(|a| !a.is_positional())
}

/// An option as written: the flag, the value attached to it (`--timeout=3`, `-t3`), and the
/// option's definition.
struct Written<'a> {
    flag: String,
    attached: Option<String>,
    arg: &'a Arg,
}

/// The option `token` names, if it is one of `command`'s that takes a value.
fn option_in<'a>(token: &str, command: &'a Command) -> Option<Written<'a>> {
    if let Some(long) = token.strip_prefix("--") {
        let (name, attached) = match long.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (long, None),
        };
        let arg = options(command).find(|a| a.get_long() == Some(name))?;
        return takes_separate_value(arg).then(|| Written {
            flag: format!("--{name}"),
            attached,
            arg,
        });
    }
    // A cluster of short flags: the first one that takes a value takes the rest as it.
    let shorts = token.strip_prefix('-')?;
    for (at, c) in shorts.char_indices() {
        let arg = options(command).find(|a| a.get_short() == Some(c))?;
        if takes_separate_value(arg) {
            let end = at + c.len_utf8();
            let rest = shorts[end..].trim_start_matches('=');
            return Some(Written {
                flag: format!("-{}", &shorts[..end]),
                attached: (!rest.is_empty()).then(|| rest.to_string()),
                arg,
            });
        }
    }
    None
}

/// Refuses a duration option followed by a unit word (`--timeout 3 sec`, `-t3 s`,
/// `--wait=30 seconds`); `args` starts with the program name.
pub(super) fn check(args: &[OsString], command: &Command) -> Result<(), clap::Error> {
    let text = |i: usize| args.get(i).and_then(|a| a.to_str());
    let mut i = 1;
    while let Some(token) = text(i) {
        i += 1;
        if token == "--" {
            break;
        }
        if !token.starts_with('-') || token == "-" {
            continue;
        }
        let Some(written) = option_in(token, command) else {
            continue;
        };
        let attached = written.attached.is_some();
        let (value, shown) = match written.attached {
            Some(value) => (value, token.to_string()),
            None => {
                let Some(value) = text(i) else { break };
                i += 1;
                (value.to_string(), format!("{token} {value}"))
            }
        };
        if !is_duration(written.arg) {
            continue;
        }
        let Some(word) = text(i) else { break };
        let Some(suffix) = unit_suffix(word) else {
            continue;
        };
        let bare_number =
            !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let fixed = if bare_number {
            format!("{value}{suffix}")
        } else {
            value
        };
        let flag = written.flag;
        let fix = if !attached {
            format!("{flag} {fixed}")
        } else if flag.starts_with("--") {
            format!("{flag}={fixed}")
        } else {
            format!("{flag}{fixed}")
        };
        let message = format!(
            "'{} {}': write the unit with the number, as {fix}",
            crate::text::escaped(&shown),
            crate::text::escaped(word)
        );
        let mut err = clap::Error::raw(ErrorKind::ValueValidation, message);
        // The message carries its own fix: no "see --help" is added to it.
        err.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![fix.into()]),
        );
        return Err(err);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn checked(args: &[&str]) -> Result<(), String> {
        let args: Vec<OsString> = std::iter::once("healthprobe")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        check(&args, &crate::cli::Cli::command()).map_err(|e| e.to_string())
    }

    #[test]
    fn a_unit_after_a_duration_number_is_refused_with_the_fix() {
        for (args, fix) in [
            (&["--timeout", "3", "sec", "u"][..], "--timeout 3s"),
            (&["-t", "3", "s", "u"], "-t 3s"),
            (&["-t3", "seconds", "u"], "-t3s"),
            (&["--wait=30", "min"], "--wait=30m"),
            (&["-qt", "2", "MS", "u"], "-qt 2ms"),
            (&["u", "--cert-warn", "30", "days"], "--cert-warn 30d"),
            (
                &["serve", "--health-cache", "5", "hours"],
                "--health-cache 5h",
            ),
        ] {
            let err = checked(args).unwrap_err();
            assert!(
                err.trim_end().ends_with(&format!("as {fix}")),
                "{args:?}: {err}"
            );
        }
        let err = checked(&["--timeout", "3", "sec", "u"]).unwrap_err();
        assert_eq!(
            err.trim_end(),
            "error: '--timeout 3 sec': write the unit with the number, as --timeout 3s"
        );
    }

    #[test]
    fn other_arguments_are_left_to_the_parser() {
        for args in [
            &["--timeout", "3s", "u"][..],
            &["-t", "3", "u", "s"],
            &["-w", "3", "s"],
            &["-H", "X: 1", "s"],
            &["--user-agent", "-t", "3"],
            &["--", "-t", "3", "s"],
            &["--docker", "s"],
            &["--grpc-list", "s"],
        ] {
            assert_eq!(checked(args), Ok(()), "{args:?}");
        }
    }
}
