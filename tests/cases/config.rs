//! `--config FILE` end to end: targets with names and their own settings, `[defaults]`, layering
//! with the command line, `${VAR}` substitution, and a specific one-line usage error for every
//! kind of mistake in a file.

use crate::common::*;

const UP: &str = r#"{"status":"UP"}"#;

fn config(content: &str) -> TempFile {
    TempFile::new("probes.toml", content)
}

#[test]
fn config_targets_are_probed_under_their_names_with_their_own_settings() {
    let api = Server::start(serve(200, JSON, UP.as_bytes()));
    let worker = Server::start(serve(503, JSON, br#"{"status":"DOWN"}"#));
    let file = config(&format!(
        r#"
[[target]]
name = "api"
url = "{}"

[[target]]
name = "worker"
url = "{}"
expect-status = "2xx,503"
health-format = "none"
"#,
        api.url("/health"),
        worker.url("/health")
    ));
    let run = run(&["--config", file.path()]);
    run.code(0);
    assert!(run.line_with("api ").starts_with("OK"), "{run:?}");
    assert!(run.line_with("worker ").starts_with("OK"), "{run:?}");
    run.nowhere(&api.authority());
}

#[test]
fn urls_on_the_command_line_are_added_to_the_config_targets() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let file = config(&format!(
        "[[target]]\nname = \"from-file\"\nurl = \"{}\"\n",
        server.url("/a")
    ));
    let run = run(&["--config", file.path(), &server.url("/b")]);
    run.code(0).stdout_has(&["from-file", "/b", "2 targets"]);
}

#[test]
fn defaults_apply_to_every_target_and_a_target_value_wins() {
    let server = Server::start(serve(503, JSON, b"{}"));
    let file = config(&format!(
        r#"
[defaults]
expect-status = "503"

[[target]]
name = "accepts-503"
url = "{url}"

[[target]]
name = "wants-200"
url = "{url}"
expect-status = 200
"#,
        url = server.url("/")
    ));
    let run = run(&["--config", file.path()]);
    run.code(2);
    assert!(run.line_with("accepts-503").starts_with("OK"), "{run:?}");
    assert!(
        run.line_with("wants-200").starts_with("CRITICAL"),
        "{run:?}"
    );
}

#[test]
fn a_command_line_option_wins_over_the_file_and_rules_add_up() {
    let server = Server::start(serve(200, JSON, br#"{"status":"UP","n":3}"#));
    let file = config(&format!(
        r#"
[[target]]
name = "svc"
url = "{}"
expect-status = "503"
assert = ["$.n == 3"]
"#,
        server.url("/")
    ));
    // The command line's status list replaces the file's; its assertion joins the file's one.
    let run = run(&[
        "--config",
        file.path(),
        "--expect-status",
        "200",
        "--assert",
        "$.n > 5",
        "-v",
    ]);
    run.code(2)
        .stdout_has(&["$.n == 3 passed", "$.n > 5 failed: actual 3"]);
}

#[test]
fn variables_are_substituted_from_the_environment_and_never_shown() {
    let server = Server::start(|request: Request, stream: &mut std::net::TcpStream| {
        let status = if request.path.contains("token=s3cr3t") {
            200
        } else {
            401
        };
        respond(stream, status, &[], b"{}");
    });
    let file = config(&format!(
        "[[target]]\nname = \"api\"\nurl = \"{}?token=${{API_TOKEN}}\"\n",
        server.url("/health")
    ));
    let run = run_env(&["--config", file.path(), "-v"], &[("API_TOKEN", "s3cr3t")]);
    run.code(0).stdout_has(&["token=***"]);
    run.nowhere("s3cr3t");
}

#[test]
fn a_missing_variable_is_a_usage_error_naming_it_the_file_and_the_line() {
    let file =
        config("[[target]]\nname = \"api\"\nurl = \"http://127.0.0.1:1/?t=${NO_SUCH_TOKEN}\"\n");
    let run = run(&["--config", file.path()]);
    run.usage_error(3, "environment variable NO_SUCH_TOKEN is not set");
    assert!(
        run.stderr.contains(&format!("{}:3: url", file.path())),
        "{run:?}"
    );
}

#[test]
fn a_bad_value_does_not_echo_a_substituted_secret() {
    let file =
        config("[[target]]\nurl = \"http://127.0.0.1:1/\"\nexpect-version = \"~${SECRET}(\"\n");
    let run = run_env(&["--config", file.path()], &[("SECRET", "hunter2")]);
    run.usage_error(3, "expect-version");
    run.nowhere("hunter2");
}

/// Each mistake in a file gives its own message, with the file, the line and the key.
#[test]
fn every_kind_of_mistake_is_a_usage_error_with_file_line_and_key() {
    let cases: &[(&str, &str)] = &[
        (
            "[[target]]\nurl = \"http://127.0.0.1:1/\"\ntimout = \"2s\"\n",
            ":3: timout: unknown key; did you mean 'timeout'?",
        ),
        (
            "[[target]]\nurl = \"http://127.0.0.1:1/\"\ntimeout = \"soon\"\n",
            ":3: timeout: 'soon' is not a duration",
        ),
        (
            "[[target]]\nurl = \"http://127.0.0.1:1/\"\n\nwarning = \"2:1\"\n",
            ":4: warning: invalid range '2:1'",
        ),
        (
            "[[target]]\nurl = \"http://127.0.0.1:1/\"\nmetric = [\"$.a;1;2\"]\n",
            ":3: metric: invalid --metric '$.a;1;2': missing label",
        ),
        (
            "[[target]]\nurl = \"http://127.0.0.1:1/\"\nretries = true\n",
            ":3: retries: expects a string or a number, not a boolean",
        ),
        (
            "[[target]]\nurl = 7\n",
            ":2: url: expects a string, not an integer",
        ),
        (
            "[[target]]\nname = \"x\"\n",
            ":1: a [[target]] entry has no url",
        ),
        (
            "[defaults]\nurl = \"http://127.0.0.1:1/\"\n",
            ":2: url: belongs in a [[target]] entry, not in [defaults]",
        ),
        ("[default]\ntimeout = 1\n", ":1: unknown field `default`"),
        ("[[target]]\nurl = \"http://x/\n", ":2:"),
        (
            "[[target]]\nurl = \"ftp://127.0.0.1/\"\n",
            ":2: unsupported scheme 'ftp'",
        ),
    ];
    for (content, needle) in cases {
        let file = config(content);
        let run = run(&["--config", file.path()]);
        let expected = format!("{}{needle}", file.path());
        let expected = if needle.starts_with(':') {
            expected.as_str()
        } else {
            needle
        };
        run.usage_error(3, expected);
    }
}

#[test]
fn an_unreadable_config_file_is_a_usage_error() {
    run(&["--config", "/nonexistent/probes.toml"])
        .usage_error(3, "cannot read --config /nonexistent/probes.toml");
}

#[test]
fn a_config_without_targets_and_no_url_is_a_usage_error() {
    let file = config("[defaults]\ntimeout = 2\n");
    run(&["--config", file.path()]).usage_error(3, "has no [[target]] and no URL was given");
}

#[test]
fn the_example_config_in_the_repository_is_valid() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/probes.toml");
    // --dry-run resolves everything and lists the targets without sending a request.
    run_env(&["--config", example, "--dry-run"], &[("API_TOKEN", "x")])
        .code(0)
        .stdout_has(&["api", "worker"]);
    // A lint job has no secrets: the same file passes, naming what a real run needs.
    run(&["--config", example, "--dry-run"])
        .code(0)
        .stdout_has(&["unset: API_TOKEN"]);
}

#[test]
fn dry_run_lints_without_secrets_and_still_refuses_every_other_mistake() {
    let file = config(
        "[[target]]\nname = \"api\"\nurl = \"http://127.0.0.1:1/?t=${NO_TOKEN}\"\n\
         header = [\"X-Api-Key: ${NO_KEY}\"]\nretries = 1\n",
    );
    run(&["--config", file.path(), "--dry-run"])
        .code(0)
        .stdout_has(&[
            "unset: NO_KEY, NO_TOKEN (named in the config; a real run needs them)",
            "1 retry)",
            "1 target; nothing was sent",
        ]);
    // The real run still refuses.
    run(&["--config", file.path()]).usage_error(3, "environment variable NO_TOKEN is not set");
    // So does serve's lint.
    run(&["serve", "--config", file.path(), "--dry-run"])
        .code(0)
        .stdout_has(&["unset: NO_KEY, NO_TOKEN"]);
    // Any other mistake is still a usage error in a dry run.
    let bad =
        config("[[target]]\nurl = \"http://127.0.0.1:1/?t=${NO_TOKEN}\"\ntimeout = \"soon\"\n");
    run(&["--config", bad.path(), "--dry-run"]).usage_error(3, ":3: timeout");
    let missing =
        config("[[target]]\nurl = \"https://127.0.0.1:1/\"\ncacert = \"/no/such/ca.pem\"\n");
    run(&["--config", missing.path(), "--dry-run"]).usage_error(3, "/no/such/ca.pem");
}

#[test]
fn dry_run_lists_targets_with_redacted_urls_and_sends_nothing() {
    let server = Server::start(serve(200, JSON, UP.as_bytes()));
    let file = config(&format!(
        "[[target]]\nname = \"api\"\nurl = \"http://user:pw@{}/h?token=${{T}}\"\n",
        server.authority()
    ));
    let run = run_env(&["--config", file.path(), "--dry-run"], &[("T", "s3cr3t")]);
    run.code(0).stdout_has(&["api", "http://user:***@"]);
    run.nowhere("s3cr3t");
    run.nowhere(":pw@");
    assert_eq!(server.hits(), 0, "a dry run sends no request");
}
