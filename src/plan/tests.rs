//! Resolving command lines, environments and config files into plans.

use super::*;
use clap::Parser;
use std::collections::HashMap;

fn resolve_with(args: &[&str], vars: &[(&str, &str)], terminal: bool) -> Result<Plan, UsageError> {
    let cli = Cli::try_parse_from(std::iter::once("healthprobe").chain(args.iter().copied()))
        .expect("arguments parse");
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let lookup = move |name: &str| vars.get(name).cloned();
    resolve(
        cli,
        &Environment {
            var: &lookup,
            stdout_is_terminal: terminal,
            stderr_is_terminal: false,
        },
    )
}

#[test]
fn urls_without_a_scheme_default_to_http() {
    let plan = resolve_with(&["localhost:8080/healthz"], &[], false).unwrap();
    assert_eq!(
        plan.targets[0].url.as_str(),
        "http://localhost:8080/healthz"
    );
    assert_eq!(plan.targets[0].name, "localhost:8080/healthz");
}

#[test]
fn target_names_leave_out_scheme_and_credentials_and_mask_secret_query_values() {
    let plan = resolve_with(&["https://u:pw@api.test/health?token=x#t=y"], &[], false).unwrap();
    assert_eq!(plan.targets[0].name, "api.test/health?token=***");
}

fn names(plan: &Plan) -> Vec<&str> {
    plan.targets.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn queries_keep_target_names_apart_as_written() {
    let plan = resolve_with(
        &[
            "http://h:8080/healthcheck",
            "http://h:8080/healthcheck?marked-degraded=@dependencies",
            "http://h/health?serializable=true&api_key=SEKRET",
        ],
        &[],
        false,
    )
    .unwrap();
    assert_eq!(
        names(&plan),
        [
            "h:8080/healthcheck",
            "h:8080/healthcheck?marked-degraded=@dependencies",
            "h/health?serializable=true&api_key=***",
        ]
    );
}

#[test]
fn schemes_tell_http_from_https_and_positions_tell_the_rest_apart() {
    let plan = resolve_with(
        &[
            "http://h/health",
            "https://h/health",
            "http://a/x",
            "http://a/x",
            "http://b/y",
        ],
        &[],
        false,
    )
    .unwrap();
    assert_eq!(
        names(&plan),
        [
            "http://h/health",
            "https://h/health",
            "a/x (1)",
            "a/x (2)",
            "b/y",
        ]
    );
}

#[test]
fn a_config_name_wins_and_two_alike_are_refused() {
    let dir = std::env::temp_dir().join(format!("hp-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("names.toml");
    std::fs::write(
        &config,
        "[[target]]\nurl = \"http://a/x\"\nname = \"b/y\"\n",
    )
    .unwrap();
    let path = config.to_str().unwrap();
    let plan = resolve_with(&["--config", path, "http://b/y"], &[], false).unwrap();
    assert_eq!(names(&plan), ["b/y", "http://b/y"]);
    std::fs::write(
        &config,
        "[[target]]\nurl = \"http://a/x\"\nname = \"api\"\n[[target]]\nurl = \"http://b/y\"\nname = \"api \"\n",
    )
    .unwrap();
    let err = resolve_with(&["--config", path], &[], false).unwrap_err();
    assert!(err.0.contains("two targets are named 'api'"), "{}", err.0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unsupported_schemes_and_hostless_urls_are_usage_errors() {
    let err = resolve_with(&["ftp://h.test/x"], &[], false).unwrap_err();
    assert!(err.0.contains("unsupported scheme 'ftp'"), "{err}");
    assert!(resolve_with(&["http://"], &[], false).is_err());
    assert!(resolve_with(&["http://exa mple/"], &[], false).is_err());
}

#[test]
fn unparseable_urls_do_not_echo_credentials() {
    let err = resolve_with(&["http://user:s3cret@[bad/"], &[], false).unwrap_err();
    assert!(!err.0.contains("s3cret"), "{err}");
}

#[test]
fn an_unparseable_url_is_shown_on_one_line() {
    // Found by the `serve` fuzz target: a /probe target with a carriage return (`%0D` in the
    // query) came back in the refusal as it was, breaking the line.
    let err =
        parse_target_url("http\u{fffd}targep=grp\rcz//\u{fffd}\u{fffd}2]:5\u{f}").unwrap_err();
    assert!(!err.0.chars().any(char::is_control), "{err}");
    assert!(err.0.contains("grp\\rcz//"), "{err}");
    let err = parse_target_url("http://user:s3cret@[bad\n/").unwrap_err();
    assert!(!err.0.contains("s3cret") && !err.0.contains('\n'), "{err}");
}

#[test]
fn urls_come_from_healthprobe_url_split_on_whitespace_unless_given_as_arguments() {
    let env = [("HEALTHPROBE_URL", " http://a.test/h\nb.test:81/h ")];
    let plan = resolve_with(&[], &env, false).unwrap();
    let names: Vec<&str> = plan.targets.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["a.test/h", "b.test:81/h"]);
    let plan = resolve_with(&["c.test/h"], &env, false).unwrap();
    assert_eq!(plan.targets.len(), 1, "arguments win over HEALTHPROBE_URL");
}

#[test]
fn no_url_is_a_usage_error_but_demo_needs_none() {
    let err = resolve_with(&[], &[], false).unwrap_err();
    assert!(err.0.contains("no URL"), "{err}");
    assert!(resolve_with(&["demo"], &[], false).unwrap().demo.is_some());
}

#[test]
fn colour_follows_flag_terminal_and_no_color() {
    let color = |args: &[&str], vars: &[(&str, &str)], tty| {
        resolve_with(args, vars, tty).unwrap().output.color
    };
    assert!(color(&["u"], &[], true));
    assert!(!color(&["u"], &[], false));
    assert!(!color(&["u"], &[("NO_COLOR", "1")], true));
    assert!(
        color(&["u"], &[("NO_COLOR", "")], true),
        "empty NO_COLOR is unset"
    );
    assert!(color(
        &["--color", "always", "u"],
        &[("NO_COLOR", "1")],
        false
    ));
    assert!(!color(&["--color", "never", "u"], &[], true));
    assert!(!color(
        &["-o", "nagios", "--color", "always", "u"],
        &[],
        true
    ));
}

#[test]
fn relative_version_urls_resolve_against_each_target() {
    let plan = resolve_with(
        &[
            "--version-url",
            "/version",
            "http://a.test:81/healthcheck",
            "https://b.test/x/health",
        ],
        &[],
        false,
    )
    .unwrap();
    let urls: Vec<&str> = plan
        .targets
        .iter()
        .map(|t| t.version_url.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(urls, ["http://a.test:81/version", "https://b.test/version"]);
    let plan = resolve_with(
        &["--version-url", "http://v.test/v", "http://a.test/"],
        &[],
        false,
    )
    .unwrap();
    assert_eq!(
        plan.targets[0].version_url.as_ref().unwrap().as_str(),
        "http://v.test/v"
    );
    assert!(
        resolve_with(
            &["--version-url", "ftp://v.test/", "http://a.test/"],
            &[],
            false
        )
        .is_err()
    );
}

#[test]
fn status_set_remembers_whether_the_user_chose_it() {
    assert!(
        !resolve_with(&["u"], &[], false).unwrap().targets[0]
            .settings
            .expect
            .statuses_explicit
    );
    assert!(
        resolve_with(&["--expect-status", "2xx", "u"], &[], false)
            .unwrap()
            .targets[0]
            .settings
            .expect
            .statuses_explicit
    );
}

#[test]
fn quiet_and_verbose_conflict_even_around_the_demo_subcommand() {
    let err = resolve_with(&["-v", "demo", "-q"], &[], false).unwrap_err();
    assert!(err.0.contains("--quiet and --verbose"), "{err}");
}

#[test]
fn demo_takes_no_urls_and_has_default_thresholds() {
    let demo = resolve_with(&["demo"], &[], false).unwrap().demo.unwrap();
    assert!(demo.expect.warning.is_some() && demo.expect.critical.is_some());
    let demo = resolve_with(&["demo", "-w", ""], &[], false)
        .unwrap()
        .demo
        .unwrap();
    assert!(
        demo.expect.warning.is_none(),
        "an explicit empty -w unsets the demo default"
    );
}

#[test]
fn warning_is_unhealthy_requires_docker_mode() {
    assert!(resolve_with(&["--warning-is-unhealthy", "u"], &[], false).is_err());
    let plan = resolve_with(&["--docker", "--warning-is-unhealthy", "u"], &[], false).unwrap();
    assert_eq!(
        plan.exit,
        ExitPolicy::Docker {
            warning_is_unhealthy: true
        }
    );
}

#[test]
fn connect_timeout_never_exceeds_the_whole_timeout() {
    let plan = resolve_with(&["-t", "2", "--connect-timeout", "5", "u"], &[], false).unwrap();
    assert_eq!(
        plan.targets[0].settings.probe.client.connect_timeout,
        Duration::from_secs(2)
    );
    let plan = resolve_with(&["-t", "2", "u"], &[], false).unwrap();
    assert_eq!(
        plan.targets[0].settings.probe.client.connect_timeout,
        Duration::from_secs(2)
    );
}

#[test]
fn proxies_come_from_the_environment_and_bad_ones_are_named() {
    let plan = resolve_with(
        &["u"],
        &[
            ("https_proxy", "proxy.test:3128"),
            ("NO_PROXY", "internal.test"),
        ],
        false,
    )
    .unwrap();
    assert_eq!(
        plan.proxies.https.unwrap().as_str(),
        "http://proxy.test:3128/"
    );
    assert_eq!(plan.proxies.no_proxy.as_deref(), Some("internal.test"));
    assert!(
        plan.proxies.http.is_none(),
        "upper-case HTTP_PROXY is not read"
    );
    let err = resolve_with(&["u"], &[("all_proxy", "http://[oops")], false).unwrap_err();
    assert!(err.0.contains("all_proxy"), "{err}");
}

#[test]
fn colour_and_live_progress_are_off_on_a_dumb_terminal() {
    let plan = resolve_with(&["http://h/"], &[], true).unwrap();
    assert!(plan.output.color);
    let plan = resolve_with(&["http://h/"], &[("TERM", "dumb")], true).unwrap();
    assert!(!plan.output.color);
    assert!(!plan.output.progress_is_live);
}
