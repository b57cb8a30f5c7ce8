//! Getting help: `-h` is one short page, `--help` the whole reference in groups, `healthprobe
//! help formats|config` list what the format table and the config file accept; mistakes get a
//! suggestion (`--dokcer`, `timout = ...`), a unit written apart from its number is refused
//! before any traffic, and switches in the environment take only the usual spellings.

use crate::common::*;

/// The groups of `--help`, in order.
const HEADINGS: [&str; 9] = [
    "Targets and thresholds:",
    "Health documents and components:",
    "Versions:",
    "Rules:",
    "HTTP:",
    "TLS:",
    "Fleets and waiting:",
    "Output:",
    "Docker:",
];

/// `-h` must fit a screen.
const SHORT_HELP_MAX_LINES: usize = 60;

/// A loopback URL nobody listens on, for runs that must fail before any request.
fn unused_url() -> String {
    format!("http://127.0.0.1:{}/health", refused_port())
}

/// `healthprobe ARGS` that must print to stdout, exit 0 and say nothing on stderr.
#[track_caller]
fn printed(args: &[&str]) -> String {
    let run = run(args);
    run.code(0);
    assert!(run.stderr.is_empty(), "{args:?} wrote stderr\n{run:?}");
    run.stdout
}

/// The long option names of a help page, in order (`--timeout` from `-t, --timeout <DURATION>`).
fn long_options(help: &str) -> Vec<String> {
    help.lines()
        .filter(|line| line.starts_with("  -") || line.starts_with("      --"))
        .filter_map(|line| {
            let start = line.find("--")?;
            let name: String = line[start + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            Some(name)
        })
        .collect()
}

/// The first words of the lines of the section of `text` that starts with `title`, up to the
/// next blank line.
fn section_keys(text: &str, title: &str) -> Vec<String> {
    text.lines()
        .skip_while(|line| !line.starts_with(title))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// A config file with this text, removed when dropped.
fn config_file(text: &str) -> TempFile {
    TempFile::new("probes.toml", text)
}

#[test]
fn short_help_is_one_page_of_the_options_used_most_and_points_to_the_rest() {
    let short = printed(&["-h"]);
    let lines = short.lines().count();
    assert!(
        lines < SHORT_HELP_MAX_LINES,
        "-h has {lines} lines\n{short}"
    );
    let options = long_options(&short);
    assert!((12..=18).contains(&options.len()), "{options:?}");
    for option in [
        "timeout",
        "warning",
        "critical",
        "expect-status",
        "output",
        "docker",
        "wait",
    ] {
        assert!(options.iter().any(|o| o == option), "-h lacks --{option}");
    }
    let last = short.lines().last().unwrap_or_default();
    assert!(last.contains("--help"), "{last}");
    assert!(
        last.contains("healthprobe help formats") && last.contains("healthprobe help config"),
        "{last}"
    );
    let long = printed(&["--help"]);
    assert!(long_options(&long).len() > 2 * options.len(), "{long}");
}

#[test]
fn long_help_has_every_heading_in_order_and_every_option_under_one() {
    let long = printed(&["--help"]);
    let positions: Vec<usize> = HEADINGS
        .iter()
        .map(|heading| {
            long.lines()
                .position(|line| line == *heading)
                .unwrap_or_else(|| panic!("--help lacks {heading:?}\n{long}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Every option line comes after the first heading, and no other section holds options.
    let sections: Vec<&str> = long
        .lines()
        .filter(|line| !line.starts_with(' ') && line.ends_with(':'))
        .collect();
    let expected: Vec<&str> = ["Commands:", "Arguments:"]
        .into_iter()
        .chain(HEADINGS)
        .collect();
    assert_eq!(sections, expected, "{long}");
    let first_option = long
        .lines()
        .position(|l| l.starts_with("  -") || l.starts_with("      --"));
    assert!(first_option > Some(positions[0]), "{long}");
    for option in [
        "config",
        "timeout",
        "health-format",
        "expect-version",
        "assert",
        "header",
        "insecure",
        "wait",
        "output",
        "help",
        "version",
        "docker",
    ] {
        assert!(
            long_options(&long).iter().any(|o| o == option),
            "--help lacks --{option}"
        );
    }
}

#[test]
fn help_without_a_topic_is_the_long_help() {
    assert_eq!(printed(&["help"]), printed(&["--help"]));
    let serve = printed(&["help", "serve"]);
    assert!(serve.contains("--listen"), "{serve}");
}

#[test]
fn a_target_called_help_is_written_as_a_url() {
    let run = run(&["--dry-run", "http://help/"]);
    run.code(0);
    run.stdout_has(&["http://help/"]);
}

#[test]
fn help_formats_lists_every_format_the_parser_accepts() {
    // The parser's own list, from the format table: an unknown name is answered with it.
    let refused = run(&["--health-format", "nosuch", &unused_url()]);
    refused.code(3);
    let names: Vec<&str> = refused
        .stderr
        .split("one of: ")
        .nth(1)
        .and_then(|rest| rest.split(&[';', '(', '\n'][..]).next())
        .unwrap_or_else(|| panic!("no list of formats\n{refused:?}"))
        .split(',')
        .map(str::trim)
        .collect();
    assert!(names.len() > 10, "{names:?}");
    let listed = printed(&["help", "formats"]);
    for name in names.iter().chain(&["auto", "none"]) {
        let line = listed
            .lines()
            .find(|line| line.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} is not listed\n{listed}"));
        assert!(
            line.split_whitespace().count() > 3,
            "{name} has no description: {line:?}"
        );
        run(&["--dry-run", "--health-format", name, "http://a.test/"]).code(0);
    }
    assert!(
        refused.stderr.contains("healthprobe help formats"),
        "{refused:?}"
    );
    let long = printed(&["--help"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        long.contains("`healthprobe help formats` lists the names"),
        "{long}"
    );
}

#[test]
fn help_config_lists_exactly_the_keys_the_config_file_accepts() {
    let listed = printed(&["help", "config"]);
    for section in ["[defaults]", "[[target]]", "[module.NAME]", "[serve]"] {
        assert!(listed.contains(section), "{section}\n{listed}");
    }
    let settings = section_keys(&listed, "Settings");
    let serve_keys = section_keys(&listed, "[serve] keys");
    let target_keys = section_keys(&listed, "[[target]] keys");
    assert_eq!(target_keys, ["url", "name"]);
    assert!(settings.len() > 40, "{settings:?}");
    let unknown = |table: &str, key: &str| {
        let file = config_file(&format!("{table}\n{key} = true\n"));
        let run = run(&["--dry-run", "--config", file.path(), "http://a.test/"]);
        run.stderr.contains("unknown key")
    };
    // Every flag of the command line is a setting key exactly when the list says so.
    let mut flags = long_options(&printed(&["--help"]));
    flags.extend(long_options(&printed(&["help", "serve"])));
    flags.sort();
    flags.dedup();
    for flag in &flags {
        let is_listed = settings.contains(flag);
        assert_eq!(
            !unknown("[defaults]", flag),
            is_listed,
            "--{flag}: accepted in [defaults] and listed must agree"
        );
        assert_eq!(
            !unknown("[serve]", flag),
            serve_keys.contains(flag),
            "--{flag}: accepted in [serve] and listed must agree"
        );
    }
    for key in &settings {
        assert!(
            flags.contains(key),
            "{key} is listed but no flag has its name"
        );
    }
    for key in &serve_keys {
        assert!(
            !unknown("[serve]", key),
            "[serve] {key} is listed but refused"
        );
    }
}

#[test]
fn a_mistyped_flag_gets_one_line_with_the_suggestion() {
    let run = run(&["--dokcer", &unused_url()]);
    run.usage_error(3, "(did you mean '--docker'?)");
    assert_eq!(
        run.stderr.trim_end(),
        "healthprobe: unexpected argument '--dokcer' (did you mean '--docker'?)"
    );
}

#[test]
fn a_flag_with_nothing_near_it_points_to_help() {
    run(&["--frobnicate", &unused_url()]).usage_error(3, "(see --help)");
}

#[test]
fn a_mistyped_config_key_gets_the_suggestion_and_the_topic() {
    let file = config_file("[defaults]\ntimout = \"3s\"\n\n[[target]]\nurl = \"http://a.test/\"\n");
    let run = run(&["--config", file.path()]);
    run.usage_error(3, ":2: timout: unknown key; did you mean 'timeout'?");
    run.usage_error(3, "`healthprobe help config` lists the keys");
    let file = config_file("[serve]\nlisen = \"127.0.0.1:1\"\n");
    run_cmd(healthprobe().args(["serve", "--dry-run", "--config", file.path()]))
        .usage_error(3, "did you mean 'listen'?");
}

#[test]
fn a_unit_apart_from_its_number_is_refused_before_any_traffic() {
    let server = Server::start(fixed(200, "ok"));
    let url = server.url("/health");
    let run = run(&["--timeout", "3", "sec", &url]);
    run.usage_error(3, "write the unit with the number");
    assert_eq!(
        run.stderr.trim_end(),
        "healthprobe: '--timeout 3 sec': write the unit with the number, as --timeout 3s"
    );
    for args in [
        &[url.as_str(), "-t", "500", "ms"][..],
        &["--wait=30", "seconds", url.as_str()],
        &["--retry-delay", "2", "s", url.as_str()],
        &["--interval", "1", "min", "--wait", "1m", url.as_str()],
        &["--cert-warn", "30", "days", url.as_str()],
    ] {
        crate::common::run(args).usage_error(3, "write the unit with the number");
    }
    assert_eq!(
        server.hits(),
        0,
        "nothing may be contacted after a usage error"
    );
    // Written together, the same values probe the server.
    crate::common::run(&["--timeout", "3s", &url]).code(0);
    assert_eq!(server.hits(), 1);
}

/// The switches, as the environment variables that set them (every option of a help page that
/// takes no value), each with the arguments of a run that reads it and sends nothing.
fn switch_variables() -> Vec<(String, Vec<String>)> {
    let run: Vec<String> = vec!["--dry-run".into(), "http://a.test/".into()];
    let serve: Vec<String> = vec!["serve".into(), "--dry-run".into()];
    let mut switches = Vec::new();
    for (page, args) in [
        (printed(&["--help"]), run),
        (printed(&["help", "serve"]), serve),
    ] {
        for line in page.lines() {
            let option = line.starts_with("  -") || line.starts_with("      --");
            if !option || line.contains('<') {
                continue;
            }
            let Some(name) = long_options(line).pop() else {
                continue;
            };
            if name == "help" || name == "version" {
                continue;
            }
            let variable = format!(
                "HEALTHPROBE_{}",
                name.to_ascii_uppercase().replace('-', "_")
            );
            // --dry-run on the command line would hide its own variable: flags win.
            let args = if name == "dry-run" {
                vec![unused_url()]
            } else {
                args.clone()
            };
            if !switches.iter().any(|(known, _)| *known == variable) {
                switches.push((variable, args));
            }
        }
    }
    switches
}

#[test]
fn every_switch_variable_takes_the_usual_spellings_and_names_itself_otherwise() {
    let switches = switch_variables();
    let names: Vec<&str> = switches.iter().map(|(name, _)| name.as_str()).collect();
    assert!(
        names.len() > 10
            && names.contains(&"HEALTHPROBE_DOCKER")
            && names.contains(&"HEALTHPROBE_ALLOW_ANY_TARGET"),
        "{names:?}"
    );
    for (variable, args) in &switches {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        for spelling in ["1", "0", "true", "FALSE", "Yes", "no", "on", "OFF", ""] {
            let run = run_env(&args, &[(variable, spelling)]);
            assert!(
                !run.stderr.contains("not a boolean"),
                "{variable}={spelling:?}\n{run:?}"
            );
        }
        let run = run_env(&args, &[(variable, "enabled")]);
        let code = if variable == "HEALTHPROBE_DOCKER" {
            1
        } else {
            3
        };
        run.usage_error(code, &format!("{variable}='enabled' is not a boolean"));
        run.usage_error(code, "1/0, true/false, yes/no or on/off");
    }
}

#[test]
fn switch_spellings_mean_what_they_say() {
    let server = Server::start(fixed(200, "ok"));
    let url = server.url("/health");
    for (spelling, quiet) in [
        ("1", true),
        ("true", true),
        ("YES", true),
        ("on", true),
        ("0", false),
        ("False", false),
        ("no", false),
        ("off", false),
        ("", false),
    ] {
        let run = run_env(&[&url], &[("HEALTHPROBE_QUIET", spelling)]);
        run.code(0);
        assert_eq!(
            run.stdout.is_empty(),
            quiet,
            "HEALTHPROBE_QUIET={spelling:?}\n{run:?}"
        );
    }
    for spelling in ["t", "y", "enabled", "2"] {
        run_env(&[&url], &[("HEALTHPROBE_QUIET", spelling)]).usage_error(3, "HEALTHPROBE_QUIET");
    }
    assert_eq!(
        server.hits(),
        9,
        "a bad switch stops the run before any request"
    );
}

#[test]
fn grpc_list_takes_the_same_spellings_on_the_command_line() {
    run(&["--dry-run", "--grpc-list=off", "grpc://127.0.0.1:1"]).code(0);
    run(&["--grpc-list=maybe", &unused_url()]).usage_error(
        3,
        "'maybe' for --grpc-list or HEALTHPROBE_GRPC_LIST is not a boolean",
    );
}

#[test]
fn a_bad_docker_variable_is_docker_mode_and_exits_1_never_3() {
    let server = Server::start(fixed(503, "down"));
    let url = server.url("/health");
    run_env(&[&url], &[("HEALTHPROBE_DOCKER", "enabled")])
        .usage_error(1, "HEALTHPROBE_DOCKER='enabled' is not a boolean");
    // Another bad switch under Docker mode exits 1 too; without it, 3.
    run_env(
        &[&url],
        &[
            ("HEALTHPROBE_DOCKER", "yes"),
            ("HEALTHPROBE_VERBOSE", "loud"),
        ],
    )
    .usage_error(1, "HEALTHPROBE_VERBOSE");
    run_env(
        &[&url],
        &[
            ("HEALTHPROBE_DOCKER", "off"),
            ("HEALTHPROBE_VERBOSE", "loud"),
        ],
    )
    .usage_error(3, "HEALTHPROBE_VERBOSE");
    run_env(
        &["--timeout", "3", "s", &url],
        &[("HEALTHPROBE_DOCKER", "on")],
    )
    .usage_error(1, "--timeout 3s");
    assert_eq!(server.hits(), 0);
    // A good spelling is Docker mode as before: CRITICAL exits 1.
    run_env(&[&url], &[("HEALTHPROBE_DOCKER", "YES")]).code(1);
    run_env(&[&url], &[("HEALTHPROBE_DOCKER", "")]).code(2);
}
