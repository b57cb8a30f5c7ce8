use super::*;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::parse_args(std::iter::once("healthprobe").chain(args.iter().copied()))
}

/// clap's own parse, with every option propagated into the subcommands.
fn parse_with_propagation(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("healthprobe").chain(args.iter().copied()))
}

#[test]
fn parsing_without_propagation_gives_the_same_results_as_clap() {
    for args in [
        &["http://a.test/", "-w", "0.5", "-c", "2", "-o", "nagios"][..],
        &[
            "--header",
            "X-A: 1",
            "--ignore-component",
            "db",
            "a.test",
            "b.test",
        ],
        &[
            "-t",
            "3s",
            "--docker",
            "--metric",
            "m=$.a;1;2",
            "--assert",
            "$.s == UP",
            "u",
        ],
        &[
            "--wait",
            "30s",
            "--retries",
            "2",
            "--quorum",
            "2",
            "-j",
            "4",
            "a",
            "b",
            "c",
        ],
        &[
            "--noncritical",
            "cache",
            "--expect-status",
            "2xx",
            "--max-body",
            "1MiB",
            "u",
        ],
    ] {
        let ours = parse(args).unwrap();
        assert!(ours.command.is_none(), "{args:?}");
        let clap = parse_with_propagation(args).unwrap();
        assert_eq!(format!("{ours:?}"), format!("{clap:?}"), "{args:?}");
    }
}

#[test]
fn parsing_without_propagation_gives_the_same_errors_as_clap() {
    for args in [
        &["--no-such-flag", "u"][..],
        &["-w", "x", "u"],
        &["--timeout"],
        &["--docke", "u"],
        &["-o", "yaml", "u"],
        &["--help"],
        &["--version"],
    ] {
        let ours = parse(args).unwrap_err();
        let clap = parse_with_propagation(args).unwrap_err();
        assert_eq!(ours.kind(), clap.kind(), "{args:?}");
        assert_eq!(
            ours.render().to_string(),
            clap.render().to_string(),
            "{args:?}"
        );
    }
}

#[test]
fn options_after_a_subcommand_still_apply() {
    let cli = parse(&["demo", "-o", "nagios", "-w", "1"]).unwrap();
    assert!(matches!(cli.command, Some(Command::Demo)));
    assert_eq!(format!("{:?}", cli.options.output), "Nagios");
    let propagated = parse_with_propagation(&["demo", "-o", "nagios", "-w", "1"]).unwrap();
    assert_eq!(format!("{cli:?}"), format!("{propagated:?}"));
}

#[test]
fn command_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn every_option_has_a_healthprobe_env_var() {
    let command = Cli::command();
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        // URLs come from HEALTHPROBE_URL through the plan, which splits it on spaces.
        if matches!(id, "help" | "version" | "urls") {
            continue;
        }
        let env = arg
            .get_env()
            .unwrap_or_else(|| panic!("--{id} has no environment variable"));
        let expected = format!("HEALTHPROBE_{}", id.to_ascii_uppercase().replace('-', "_"));
        assert_eq!(env.to_str(), Some(expected.as_str()), "--{id}");
    }
}

#[test]
fn defaults_match_the_documentation() {
    let cli = parse(&["http://x.test/"]).unwrap();
    let o = cli.options;
    // Per-target options are unset here: their defaults are filled in by the plan, after
    // the config file's levels.
    assert_eq!(o.target.timeout, None);
    assert_eq!(o.concurrency, 16);
    assert_eq!(o.target.max_body, None);
    assert_eq!(o.target.expect_status, None);
    assert_eq!(o.target.health_format, None);
    assert_eq!(o.output, OutputFormat::Human);
    assert!(!o.docker && !o.quiet && !o.verbose);
    assert!(o.target.warning.is_none() && o.target.critical.is_none());
    assert_eq!(o.interval, Duration::from_secs(1));
    assert_eq!(o.wait_stable, 1);
    assert!(o.wait.is_none() && o.quorum.is_none() && o.deadline.is_none());
}

#[test]
fn thresholds_parse_as_ranges_and_empty_means_unset() {
    let cli = parse(&["-w", "0.5", "-c", "@1:2", "u"]).unwrap();
    assert_eq!(
        cli.options.target.warning.unwrap().0.unwrap().to_string(),
        "0.5"
    );
    assert_eq!(
        cli.options.target.critical.unwrap().0.unwrap().to_string(),
        "@1:2"
    );
    let cli = parse(&["-w", "", "u"]).unwrap();
    assert_eq!(cli.options.target.warning, Some(Threshold(None)));
    assert!(parse(&["-w", "2:1", "u"]).is_err());
}

#[test]
fn bad_values_are_rejected_by_the_parser() {
    for args in [
        &["-t", "soon", "u"][..],
        &["--expect-status", "2yy", "u"],
        &["-j", "0", "u"],
        &["--max-body", "lots", "u"],
        &["-o", "xml", "u"],
        &["-q", "-v", "u"],
        &["--no-such-flag", "u"],
    ] {
        assert!(parse(args).is_err(), "{args:?}");
    }
}

#[test]
fn certificate_thresholds_read_a_bare_number_as_days() {
    let cli = parse(&["--cert-warn", "30", "--cert-crit", "12h", "u"]).unwrap();
    assert_eq!(
        cli.options.target.cert_warn,
        Some(Duration::from_secs(30 * 86_400))
    );
    assert_eq!(
        cli.options.target.cert_crit,
        Some(Duration::from_secs(12 * 3_600))
    );
    let cli = parse(&["--cert-warn", "1.5", "u"]).unwrap();
    assert_eq!(
        cli.options.target.cert_warn,
        Some(Duration::from_secs(129_600))
    );
    assert!(parse(&["--cert-warn", "1.5.2", "u"]).is_err());
    assert!(parse(&["--cert-warn", "0", "u"]).is_err());
}

#[test]
fn demo_subcommand_takes_the_same_options() {
    for args in [&["demo", "-o", "nagios"][..], &["-o", "nagios", "demo"]] {
        let cli = parse(args).unwrap();
        assert!(matches!(cli.command, Some(Command::Demo)), "{args:?}");
        assert_eq!(cli.options.output, OutputFormat::Nagios, "{args:?}");
    }
}

#[test]
fn help_headings_come_in_the_documented_order_and_cover_every_option() {
    let mut command = Cli::command();
    command.build();
    let mut seen: Vec<&str> = Vec::new();
    for arg in command.get_arguments().filter(|a| !a.is_positional()) {
        let heading = arg
            .get_help_heading()
            .unwrap_or_else(|| panic!("--{} has no help heading", arg.get_id()));
        if !seen.contains(&heading) {
            seen.push(heading);
        }
    }
    assert_eq!(seen, HEADINGS);
}

#[test]
fn short_help_shows_only_the_options_used_most() {
    let command = Cli::command();
    let shown: Vec<&str> = command
        .get_arguments()
        .filter(|a| !a.is_positional() && !a.is_hide_short_help_set())
        .map(|a| a.get_id().as_str())
        .collect();
    assert!((12..=18).contains(&shown.len()), "{shown:?}");
    for id in [
        "timeout", "warning", "critical", "output", "docker", "config", "help",
    ] {
        assert!(shown.contains(&id), "{id} is missing from -h: {shown:?}");
    }
}

#[test]
fn switches_take_the_usual_spellings_and_nothing_else() {
    for (text, on) in [
        ("1", true),
        ("true", true),
        ("TRUE", true),
        ("yes", true),
        ("On", true),
        ("0", false),
        ("false", false),
        ("No", false),
        ("off", false),
        ("", false),
        (" yes ", true),
    ] {
        assert_eq!(parse_switch(text), Some(on), "{text:?}");
    }
    for text in ["enabled", "t", "y", "2", "nope", "disabled"] {
        assert_eq!(parse_switch(text), None, "{text:?}");
    }
}

#[test]
fn help_is_a_subcommand_with_topics() {
    let cli = parse(&["help", "formats"]).unwrap();
    assert!(matches!(
        cli.command,
        Some(Command::Help {
            topic: Some(HelpTopic::Formats)
        })
    ));
    let cli = parse(&["help"]).unwrap();
    assert!(matches!(cli.command, Some(Command::Help { topic: None })));
    // Every subcommand topic names a subcommand.
    let command = Cli::command();
    for topic in HelpTopic::value_variants() {
        let name = topic.to_possible_value().unwrap();
        let name = name.get_name();
        assert!(
            matches!(name, "formats" | "config") || command.find_subcommand(name).is_some(),
            "{name}"
        );
    }
}

#[test]
fn an_unknown_health_format_is_shown_on_one_line() {
    // Found by the `args` fuzz target: the value was echoed with its line break.
    let err = parse_health_format("spboeout\n3 sot").unwrap_err();
    assert!(!err.chars().any(char::is_control), "{err:?}");
    assert!(
        err.starts_with("unknown health format 'spboeout\\n3 sot'"),
        "{err:?}"
    );
}

#[test]
fn resolve_and_report_values_are_shown_on_one_line() {
    // Found by the `args` fuzz target (--resolve); --report echoed its value the same way.
    for err in [
        parse_resolve("api.t.at:4riz\u{19}\u{19}SH%2\u{12}43:10.0.0.7").unwrap_err(),
        parse_resolve("api.test:443:10.0.0.7\n").unwrap_err(),
        parse_report_file("junit\r").unwrap_err(),
        parse_report_file("jun\x1bit=r.xml").unwrap_err(),
        parse_report_file("junit= \t").unwrap_err(),
    ] {
        assert!(!err.chars().any(char::is_control), "{err:?}");
    }
}

#[test]
fn a_bad_banner_regex_is_shown_on_one_line() {
    // Found by the `args` fuzz target: the regex was echoed with its NUL bytes.
    let err = parse_banner("\0\0\0\0x!(\0\0\0\u{14}4").unwrap_err();
    assert!(!err.chars().any(char::is_control), "{err:?}");
    assert!(err.contains("unclosed group"), "{err:?}");
}
