//! `healthprobe completions SHELL` and `healthprobe man`: generated from the clap definition, and
//! the copies committed under `completions/` must be exactly what the binary prints now.

use std::path::Path;

use crate::common::*;

/// The one command that rewrites every committed file below.
const REFRESH: &str = "bash completions/refresh.sh";

/// Each committed file, with the arguments that print it.
const GENERATED: [(&str, &[&str]); 6] = [
    ("completions/healthprobe.bash", &["completions", "bash"]),
    ("completions/_healthprobe", &["completions", "zsh"]),
    ("completions/healthprobe.fish", &["completions", "fish"]),
    (
        "completions/_healthprobe.ps1",
        &["completions", "powershell"],
    ),
    ("completions/healthprobe.elv", &["completions", "elvish"]),
    ("completions/healthprobe.1", &["man"]),
];

/// Runs `healthprobe ARGS`, which must succeed quietly, and returns what it printed.
#[track_caller]
fn generated(args: &[&str]) -> Run {
    let run = run(args);
    run.code(0);
    assert!(run.stderr.is_empty(), "{args:?} wrote stderr\n{run:?}");
    run
}

/// The first line where the committed file and the binary's output part, for the message.
fn first_difference(committed: &str, printed: &str) -> String {
    let mut committed_lines = committed.lines();
    let mut printed_lines = printed.lines();
    for number in 1.. {
        match (committed_lines.next(), printed_lines.next()) {
            (None, None) => break,
            (c, p) if c == p => continue,
            (c, p) => {
                return format!("line {number}: committed {c:?}, binary prints {p:?}");
            }
        }
    }
    "the files differ only in line endings or a final newline".into()
}

#[test]
fn committed_completions_and_man_page_are_what_the_binary_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for (file, args) in GENERATED {
        let printed = generated(args).stdout_bytes;
        match std::fs::read(root.join(file)) {
            Ok(committed) if committed == printed => {}
            Ok(committed) => stale.push(format!(
                "{file}: {}",
                first_difference(
                    &String::from_utf8_lossy(&committed),
                    &String::from_utf8_lossy(&printed)
                )
            )),
            Err(err) => stale.push(format!("{file}: cannot read it ({err})")),
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are stale; refresh them with `{REFRESH}`\n  {}",
        stale.join("\n  ")
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    run(&["completions", "nosuchshell"]).usage_error(3, "nosuchshell");
}

#[test]
fn completions_need_a_shell_and_take_nothing_else() {
    run(&["completions"]).usage_error(3, "SHELL");
    run(&["completions", "bash", "http://127.0.0.1/"]).usage_error(3, "http://127.0.0.1/");
    run(&["man", "http://127.0.0.1/"]).usage_error(3, "http://127.0.0.1/");
}

#[test]
fn the_man_page_is_a_roff_page_for_healthprobe() {
    let run = generated(&["man"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.starts_with(".TH "))
        .unwrap_or_else(|| panic!("no .TH line\n{run:?}"));
    assert!(
        lines[..title].iter().all(|l| l.starts_with('.')),
        "only roff requests come before .TH\n{run:?}"
    );
    assert!(
        lines[title].starts_with(".TH healthprobe 1 "),
        "{}",
        lines[title]
    );
    run.stdout_has(&[
        ".SH NAME",
        ".SH OPTIONS",
        "expect\\-status",
        "HEALTHPROBE_DOCKER",
    ]);
}

#[test]
fn every_completion_script_knows_the_real_flags_and_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        // fish declares a long flag as `-l NAME`; the other shells spell it `--NAME`.
        let flag = |name: &str| match shell {
            "fish" => format!("-l {name}"),
            _ => format!("--{name}"),
        };
        let flags = ["expect-status", "docker", "timeout", "warning-is-unhealthy"].map(flag);
        let run = generated(&["completions", shell]);
        run.stdout_has(&["healthprobe", "demo"]);
        run.stdout_has(&flags.iter().map(String::as_str).collect::<Vec<_>>());
    }
}
