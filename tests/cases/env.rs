//! Configuration through HEALTHPROBE_* variables (Docker exec-form HEALTHCHECK has no shell),
//! where flags win over the environment; and proxy variables that loopback targets ignore.

use std::time::Duration;

use crate::common::*;

#[test]
fn healthprobe_url_may_name_several_targets() {
    let one = Server::start(fixed(200, "ok"));
    let two = Server::start(fixed(200, "ok"));
    let urls = format!("{} {}", one.url("/one"), two.url("/two"));
    let run = run_env(&[], &[("HEALTHPROBE_URL", &urls)]);
    run.code(0);
    assert!(run.line_with("/one").starts_with("OK"), "{run:?}");
    assert!(run.line_with("/two").starts_with("OK"), "{run:?}");
    run.stdout_has(&["2 targets"]);
    assert_eq!((one.hits(), two.hits()), (1, 1));
}

#[test]
fn url_argument_wins_over_healthprobe_url() {
    let from_env = Server::start(fixed(503, "down"));
    let from_args = Server::start(fixed(200, "ok"));
    let run = run_env(
        &[&from_args.url("/args")],
        &[("HEALTHPROBE_URL", &from_env.url("/env"))],
    );
    run.code(0);
    run.stdout_has(&["/args", "1 target:"]);
    assert!(!run.stdout.contains("/env"), "{run:?}");
    assert_eq!(from_env.hits(), 0, "the env URL must not be probed");
}

#[test]
fn healthprobe_timeout_applies() {
    let server = Server::start(never_answer(Duration::from_secs(5)));
    let run = run_env(&[&server.url("/hang")], &[("HEALTHPROBE_TIMEOUT", "300ms")]);
    run.code(2);
    run.stdout_has(&["timeout after 300ms"]);
    assert!(run.elapsed < Duration::from_secs(3), "{run:?}");
}

#[test]
fn output_flag_wins_over_healthprobe_output() {
    let server = Server::start(fixed(200, "ok"));
    let url = server.url("/health");
    let from_env = run_env(&[&url], &[("HEALTHPROBE_OUTPUT", "nagios")]);
    from_env.code(0);
    assert!(
        from_env.stdout.starts_with("HEALTHPROBE OK - "),
        "{from_env:?}"
    );
    let flag = run_env(&["-o", "human", &url], &[("HEALTHPROBE_OUTPUT", "nagios")]);
    flag.code(0);
    assert!(flag.stdout.starts_with("OK "), "{flag:?}");
    assert!(!flag.stdout.contains("HEALTHPROBE"), "{flag:?}");
}

#[test]
fn healthprobe_docker_turns_docker_mode_on() {
    let server = Server::start(fixed(503, "down"));
    let run = run_env(&[&server.url("/health")], &[("HEALTHPROBE_DOCKER", "1")]);
    run.code(1);
    assert!(run.line_with("/health").starts_with("CRITICAL"), "{run:?}");
}

#[test]
fn healthprobe_docker_applies_to_usage_errors_too() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    run_env(&["-t", "soon", &url], &[("HEALTHPROBE_DOCKER", "true")]).usage_error(1, "soon");
}

#[test]
fn invalid_healthprobe_warning_is_a_usage_error() {
    let server = Server::start(fixed(200, "ok"));
    let run = run_env(&[&server.url("/health")], &[("HEALTHPROBE_WARNING", "2:1")]);
    run.usage_error(3, "2:1");
    assert_eq!(server.hits(), 0, "no traffic after a usage error");
}

#[test]
fn empty_healthprobe_warning_means_unset() {
    let server = Server::start(fixed(200, "ok"));
    let run = run_env(&[&server.url("/health")], &[("HEALTHPROBE_WARNING", "")]);
    run.code(0);
}

#[test]
fn loopback_targets_ignore_proxy_variables() {
    let server = Server::start(fixed(200, "ok"));
    let proxy = format!("http://127.0.0.1:{}", refused_port());
    let vars = [
        ("http_proxy", proxy.as_str()),
        ("HTTPS_PROXY", proxy.as_str()),
        ("all_proxy", proxy.as_str()),
        ("ALL_PROXY", proxy.as_str()),
    ];
    let localhost = format!("http://localhost:{}/named", server.port());
    let run = run_env(&[&server.url("/health"), &localhost], &vars);
    run.code(0);
    assert!(run.line_with("/health").starts_with("OK"), "{run:?}");
    assert!(run.line_with("/named").starts_with("OK"), "{run:?}");
    assert_eq!(
        server.hits(),
        2,
        "both requests reached the server directly"
    );
}
