//! The help topics: `healthprobe help formats` and `healthprobe help config`.
//!
//! Both are built from the definitions they describe, never from a copy: the formats from the
//! reader table (`Format::all`, each with the evidence its reader looks for), the config keys
//! from `config::KEYS` and `config::SERVE_KEYS`, each described by the summary line of the
//! help of the flag of the same name. A key added to the config file therefore appears here, and
//! a test fails if one has no description.

use std::fmt::Write as _;

use crate::config::{KEYS, SERVE_KEYS};
use crate::health::Format;

/// `healthprobe help formats`.
pub fn formats() -> String {
    let mut rows = vec![
        (
            "auto",
            "detect the format from the Content-Type and the body (the default)",
        ),
        ("none", "do not read the body as a health document"),
    ];
    rows.extend(Format::all().map(|format| (format.name(), format.evidence())));
    let mut out = String::from(
        "Health formats: the values of --health-format (and of the config key health-format).\n\
         Each named format is recognised by what its reader looks for, as shown; --explain\n\
         shows which one read a body, and why.\n\n",
    );
    for (name, what) in rows {
        let _ = writeln!(out, "  {name:<16} {}", what.replace('`', ""));
    }
    out
}

/// The `[serve]` keys that have no flag of their own, with what they mean.
const SERVE_ONLY: &[(&str, &str)] = &[(
    "allow",
    "URL globs and CIDRs /probe may probe (a list); nothing else is probed",
)];

/// `healthprobe help config`; `command` is the clap definition the descriptions come from.
pub fn config(command: &clap::Command) -> String {
    let mut out = String::from(
        "A config file (--config FILE) is TOML. Its keys are the long names of the flags, written\n\
         expect-status or expect_status, and take the flag's values: numbers may be bare\n\
         (timeout = 5), repeatable options take a list or one string, switches true or false.\n\
         ${VAR} in a string is replaced from the environment ($${ is a literal ${).\n\n\
         Sections:\n",
    );
    let row = |out: &mut String, key: &str, what: &str| {
        let _ = writeln!(out, "  {key:<22} {what}");
    };
    row(
        &mut out,
        "[defaults]",
        "settings for every target (and every module)",
    );
    row(
        &mut out,
        "[[target]]",
        "one target: its url, an optional name, and any setting",
    );
    row(
        &mut out,
        "[module.NAME]",
        "serve: settings on top of [defaults], for /probe?module=NAME",
    );
    row(
        &mut out,
        "[serve]",
        "serve: where it listens and what /probe may probe",
    );
    out.push_str("\n[[target]] keys:\n");
    row(&mut out, "url", "the URL to probe (required)");
    row(
        &mut out,
        "name",
        "what every output calls the target instead of its URL",
    );
    out.push_str("\nSettings, in [defaults], [[target]] and [module.NAME]:\n");
    for key in KEYS {
        row(&mut out, key, &describe(command, key));
    }
    out.push_str("\n[serve] keys:\n");
    for key in SERVE_KEYS {
        row(&mut out, key, &describe(command, key));
    }
    out
}

/// What `key` means: the summary line of the help of the flag of the same name, with the value
/// it takes; a `[serve]`-only key's own line.
fn describe(command: &clap::Command, key: &str) -> String {
    if let Some((_, what)) = SERVE_ONLY.iter().find(|(name, _)| *name == key) {
        return (*what).to_string();
    }
    let arg = command
        .get_arguments()
        .chain(command.get_subcommands().flat_map(|s| s.get_arguments()))
        .find(|arg| arg.get_long() == Some(key));
    let Some(arg) = arg else {
        return String::new();
    };
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let summary = crate::text::fold(&help, usize::MAX);
    let takes_value = arg.get_num_args().is_none_or(|n| n.takes_values());
    let value = match arg.get_value_names() {
        _ if !takes_value || key == "grpc-list" => "true|false".to_string(),
        Some(names) if !names.is_empty() => names[0].to_string(),
        _ => "VALUE".to_string(),
    };
    // A repeatable option takes a list, which says it already.
    let (value, summary) = if matches!(arg.get_action(), clap::ArgAction::Append) {
        (
            format!("[{value}, ...]"),
            summary.replace(" (repeatable)", ""),
        )
    } else {
        (value, summary)
    };
    format!("{value}: {summary}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_format_the_parser_accepts_is_listed_with_a_description() {
        let text = formats();
        for name in Format::all().map(Format::name).chain(["auto", "none"]) {
            let line = text
                .lines()
                .find(|l| l.split_whitespace().next() == Some(name))
                .unwrap_or_else(|| panic!("{name} is not listed\n{text}"));
            assert!(line.split_whitespace().count() > 2, "{line}");
            assert!(crate::cli::parse_health_format(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn every_config_key_is_listed_with_a_description() {
        let command = crate::cli::Cli::command();
        let text = config(&command);
        for key in KEYS.iter().chain(SERVE_KEYS).chain(&["url", "name"]) {
            let line = text
                .lines()
                .find(|l| l.split_whitespace().next() == Some(*key))
                .unwrap_or_else(|| panic!("{key} is not listed\n{text}"));
            assert!(line.len() > 30, "{key} has no description: {line:?}");
        }
        for section in ["[defaults]", "[[target]]", "[module.NAME]", "[serve]"] {
            assert!(text.contains(section), "{section}");
        }
        // Every per-target flag is a key (config.rs's own test), so every one is listed.
        let per_target =
            <crate::cli::TargetOptions as clap::Args>::augment_args(clap::Command::new("t"));
        for arg in per_target.get_arguments() {
            let long = arg.get_long().unwrap();
            assert!(
                text.lines()
                    .any(|l| l.split_whitespace().next() == Some(long)),
                "--{long}"
            );
        }
    }
}
