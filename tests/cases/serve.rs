//! `healthprobe serve` end to end: the real binary on an ephemeral loopback port, probing real
//! loopback servers; every endpoint and every refusal (bad module, bad or disallowed target,
//! overload, bad credentials, reload with a bad config, SIGTERM while probes are in flight).

use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::Signal;

use crate::common::serve::{Served, request, spawn};
use crate::common::*;

const SPRING: &str = "application/vnd.spring-boot.actuator.v3+json";
const DB_DOWN: &str =
    r#"{"status":"DOWN","components":{"db":{"status":"DOWN"},"disk":{"status":"UP"}}}"#;
const ALL_UP: &str = r#"{"status":"UP","components":{"db":{"status":"UP"}}}"#;

/// `/probe?target=...` for `url`, with more query parameters.
fn probe_path(url: &str, extra: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(url.as_bytes()).collect();
    format!("/probe?target={encoded}{extra}")
}

/// A config allowing every loopback target, with `more` after it.
fn config(more: &str) -> TempFile {
    TempFile::new(
        "serve.toml",
        &format!("[serve]\nallow = [\"127.0.0.1/32\"]\n{more}"),
    )
}

fn served(config: &TempFile, args: &[&str]) -> Served {
    let mut all = vec!["--config", config.path()];
    all.extend(args);
    spawn(&all, &[])
}

#[test]
fn probe_answers_in_blackbox_names_with_components_status_and_version() {
    let target = Server::start(serve(200, SPRING, DB_DOWN.as_bytes()));
    let healthy = Server::start(serve(200, JSON, br#"{"status":"pass","version":"2.4.1"}"#));
    let config = config("");
    let served = served(&config, &[]);
    let answer = served.get(&probe_path(&target.url("/actuator/health"), ""), &[]);
    assert_eq!(answer.code, 200, "{answer:?}");
    assert!(
        answer
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/plain; version=0.0.4")),
        "{answer:?}"
    );
    assert_eq!(answer.sample("probe_success"), Some(0.0));
    assert_eq!(answer.sample("probe_http_status_code"), Some(200.0));
    assert_eq!(answer.sample("healthprobe_status"), Some(2.0));
    assert_eq!(
        answer.sample("healthprobe_component_up{component=\"db\"}"),
        Some(0.0)
    );
    assert_eq!(
        answer.sample("healthprobe_component_up{component=\"disk\"}"),
        Some(1.0)
    );
    assert_eq!(
        answer.sample("healthprobe_health_format_info{format=\"spring-boot\"}"),
        Some(1.0)
    );
    assert!(
        answer
            .sample("probe_duration_seconds")
            .is_some_and(|d| d > 0.0)
    );
    assert!(
        !answer.body.contains("target="),
        "no target label: {answer:?}"
    );
    let answer = served.get(&probe_path(&healthy.url("/health"), ""), &[]);
    assert_eq!(answer.sample("probe_success"), Some(1.0), "{answer:?}");
    assert_eq!(
        answer.sample("healthprobe_version_info{version=\"2.4.1\"}"),
        Some(1.0)
    );
    served.wait_for_log("msg=probe module=default");
}

#[test]
fn probe_refuses_targets_outside_the_allow_list_unless_any_target_is_allowed() {
    let target = Server::start(serve(200, JSON, ALL_UP.as_bytes()));
    let url = target.url("/health").replace("127.0.0.1", "localhost");
    let config = config("");
    let served = served(&config, &[]);
    let answer = served.get(&probe_path(&url, ""), &[]);
    assert_eq!(answer.code, 403, "{answer:?}");
    assert!(answer.body.contains("not in the allow-list"), "{answer:?}");
    assert!(answer.body.contains("--allow-any-target"), "{answer:?}");
    assert_eq!(answer.body.lines().count(), 1);
    assert_eq!(target.hits(), 0, "a refused target is never contacted");
    drop(served);
    let open = served_with_any_target();
    let answer = open.get(&probe_path(&url, ""), &[]);
    assert_eq!(answer.sample("probe_success"), Some(1.0), "{answer:?}");
    open.wait_for_log("accepts any target");
}

fn served_with_any_target() -> Served {
    spawn(&["--allow-any-target"], &[])
}

#[test]
fn unknown_modules_and_bad_targets_are_400_with_one_line() {
    let config = config("[module.fast]\ntimeout = \"1s\"\n");
    let served = served(&config, &[]);
    let answer = served.get("/probe?target=http://127.0.0.1:1/&module=slow", &[]);
    assert_eq!(answer.code, 400);
    assert!(
        answer
            .body
            .contains("unknown module 'slow'; the modules are default, fast"),
        "{answer:?}"
    );
    let answer = served.get("/probe", &[]);
    assert_eq!(answer.code, 400);
    assert!(answer.body.contains("a target is required"), "{answer:?}");
    let answer = served.get("/probe?target=ftp://127.0.0.1/x", &[]);
    assert_eq!(answer.code, 400, "{answer:?}");
    assert_eq!(answer.body.lines().count(), 1, "{answer:?}");
    let metrics = served.get("/metrics", &[]);
    assert_eq!(
        metrics.sample("healthprobe_serve_rejected_requests_total{reason=\"bad_request\"}"),
        Some(3.0),
        "{metrics:?}"
    );
}

#[test]
fn modules_apply_their_settings_over_the_defaults() {
    let target = Server::start(serve(503, SPRING, DB_DOWN.as_bytes()));
    let config = config(
        "[defaults]\ntimeout = \"3s\"\n[module.lenient]\nexpect-status = [200, 503]\nignore-component = \"db\"\n",
    );
    let served = served(&config, &[]);
    let strict = served.get(&probe_path(&target.url("/h"), ""), &[]);
    assert_eq!(strict.sample("probe_success"), Some(0.0), "{strict:?}");
    let lenient = served.get(&probe_path(&target.url("/h"), "&module=lenient"), &[]);
    assert_eq!(lenient.sample("probe_success"), Some(1.0), "{lenient:?}");
    assert_eq!(lenient.sample("probe_http_status_code"), Some(503.0));
}

#[test]
fn the_scrape_timeout_header_bounds_the_probe() {
    let slow = Server::start(delayed(Duration::from_secs(5)));
    let config = config("");
    let served = served(&config, &[]);
    let started = Instant::now();
    let answer = served.get(
        &probe_path(&slow.url("/h"), ""),
        &[("X-Prometheus-Scrape-Timeout-Seconds", "1.5")],
    );
    let took = started.elapsed();
    assert_eq!(answer.code, 200, "{answer:?}");
    assert_eq!(answer.sample("probe_success"), Some(0.0));
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert!(took >= Duration::from_millis(900), "took {took:?}");
}

#[test]
fn probes_beyond_the_in_flight_limit_wait_then_get_429() {
    let slow = Server::start(delayed(Duration::from_secs(3)));
    let config = config("");
    let served = served(&config, &["--max-in-flight", "1"]);
    let path = probe_path(&slow.url("/h"), "");
    let address = served.address.clone();
    let first = {
        let path = path.clone();
        thread::spawn(move || request(&address, "GET", &path, &[]))
    };
    served.wait_for_log("msg=listening");
    thread::sleep(Duration::from_millis(300));
    let second = served.get(&path, &[("X-Prometheus-Scrape-Timeout-Seconds", "1.5")]);
    assert_eq!(second.code, 429, "{second:?}");
    assert!(second.body.contains("--max-in-flight"), "{second:?}");
    assert_eq!(first.join().unwrap().code, 200);
    let metrics = served.get("/metrics", &[]);
    assert_eq!(
        metrics.sample("healthprobe_serve_rejected_requests_total{reason=\"overload\"}"),
        Some(1.0)
    );
}

#[test]
fn health_judges_the_config_targets_with_a_cached_json_report() {
    let up = Server::start(serve(200, SPRING, ALL_UP.as_bytes()));
    let down = Server::start(serve(503, SPRING, DB_DOWN.as_bytes()));
    let config = config(&format!(
        "[[target]]\nname = \"api\"\nurl = \"{}\"\n[[target]]\nname = \"db\"\nurl = \"{}\"\n",
        up.url("/health"),
        down.url("/health")
    ));
    let served = served(&config, &["--health-cache", "30s"]);
    let all = served.get("/health", &[]);
    assert_eq!(all.code, 503, "{all:?}");
    let report: serde_json::Value = serde_json::from_str(&all.body).expect("a JSON report");
    assert_eq!(report["targets"].as_array().map(Vec::len), Some(2));
    assert_eq!(report["status"], "CRITICAL");
    let api = served.get("/health?target=api", &[]);
    assert_eq!(api.code, 200, "{api:?}");
    let missing = served.get("/health?target=nope", &[]);
    assert_eq!(missing.code, 404);
    assert!(
        missing.body.contains("the targets are api, db"),
        "{missing:?}"
    );
    assert_eq!(
        up.hits(),
        1,
        "three requests within the cache interval probe once"
    );
    assert_eq!(down.hits(), 1);
}

#[test]
fn health_without_targets_says_where_they_come_from() {
    let config = config("");
    let served = served(&config, &[]);
    let answer = served.get("/health", &[]);
    assert_eq!(answer.code, 404);
    assert!(answer.body.contains("[[target]]"), "{answer:?}");
}

#[test]
fn metrics_count_probes_by_module_and_result() {
    let target = Server::start(serve(200, SPRING, ALL_UP.as_bytes()));
    let config = config("[module.m]\ntimeout = \"2s\"\n");
    let served = served(&config, &[]);
    for _ in 0..3 {
        served.get(&probe_path(&target.url("/h"), "&module=m"), &[]);
    }
    let metrics = served.get("/metrics", &[]);
    assert_eq!(metrics.code, 200);
    assert_eq!(
        metrics.sample("healthprobe_serve_probes_total{module=\"m\",result=\"ok\"}"),
        Some(3.0),
        "{metrics:?}"
    );
    assert_eq!(
        metrics.sample("healthprobe_serve_probe_duration_seconds_count{module=\"m\"}"),
        Some(3.0)
    );
    assert_eq!(
        metrics.sample("healthprobe_serve_probes_in_flight"),
        Some(0.0)
    );
    assert!(metrics.sample("process_resident_memory_bytes").is_some());
    assert_eq!(served.get("/-/healthy", &[]).code, 200);
    assert_eq!(served.get("/nowhere", &[]).code, 404);
    assert_eq!(served.post("/metrics").code, 405);
}

#[test]
fn a_reload_takes_a_good_config_and_keeps_the_old_one_over_a_bad_one() {
    let target = Server::start(serve(200, SPRING, ALL_UP.as_bytes()));
    let config = config("");
    let served = served(&config, &[]);
    let path = probe_path(&target.url("/h"), "&module=added");
    assert_eq!(served.get(&path, &[]).code, 400);
    std::fs::write(
        config.path(),
        "[serve]\nallow = [\"127.0.0.1/32\"]\n[module.added]\ntimeout = \"2s\"\n",
    )
    .unwrap();
    assert_eq!(served.post("/-/reload").code, 200);
    assert_eq!(served.get(&path, &[]).sample("probe_success"), Some(1.0));
    std::fs::write(config.path(), "[module.broken]\ntimeout = \"soon\"\n").unwrap();
    let failed = served.post("/-/reload");
    assert_eq!(failed.code, 500, "{failed:?}");
    assert!(
        failed.body.contains("previous config stays in use"),
        "{failed:?}"
    );
    assert!(failed.body.contains("timeout"), "{failed:?}");
    assert_eq!(
        served.get(&path, &[]).sample("probe_success"),
        Some(1.0),
        "the old config still serves"
    );
    let metrics = served.get("/metrics", &[]);
    assert_eq!(
        metrics.sample("healthprobe_serve_config_last_reload_successful"),
        Some(0.0)
    );
    assert_eq!(
        metrics.sample("healthprobe_serve_config_reloads_total{result=\"failure\"}"),
        Some(1.0)
    );
    served.wait_for_log("config reload failed");
    assert_eq!(served.get("/-/reload", &[]).code, 405);
}

#[test]
fn sighup_reloads_the_config() {
    let target = Server::start(serve(200, SPRING, ALL_UP.as_bytes()));
    let config = config("");
    let served = served(&config, &[]);
    std::fs::write(
        config.path(),
        "[serve]\nallow = [\"127.0.0.1/32\"]\n[module.later]\ntimeout = \"2s\"\n",
    )
    .unwrap();
    served.signal(Signal::SIGHUP);
    served.wait_for_log("trigger=SIGHUP");
    let answer = served.get(&probe_path(&target.url("/h"), "&module=later"), &[]);
    assert_eq!(answer.sample("probe_success"), Some(1.0), "{answer:?}");
}

#[test]
fn sigterm_lets_the_probe_in_flight_finish_and_exits_0() {
    let slow = Server::start(delayed(Duration::from_millis(1500)));
    let config = config("");
    let served = served(&config, &[]);
    let address = served.address.clone();
    let path = probe_path(&slow.url("/h"), "");
    let in_flight = thread::spawn(move || request(&address, "GET", &path, &[]));
    thread::sleep(Duration::from_millis(400));
    let status = served.stop();
    assert_eq!(status.code(), Some(0));
    let answer = in_flight.join().unwrap();
    assert_eq!(answer.code, 200, "{answer:?}");
    assert!(
        answer.sample("probe_duration_seconds").is_some(),
        "{answer:?}"
    );
}

#[test]
fn the_listener_can_require_basic_or_bearer_credentials() {
    let served = spawn(&["--web-user", "prom:s3cret-pass"], &[]);
    let denied = served.get("/metrics", &[]);
    assert_eq!(denied.code, 401);
    assert_eq!(
        denied.header("www-authenticate"),
        Some("Basic realm=\"healthprobe\"")
    );
    let wrong = served.get("/metrics", &[("Authorization", "Basic cHJvbTp3cm9uZw==")]);
    assert_eq!(wrong.code, 401);
    let allowed = served.get(
        "/metrics",
        &[("Authorization", "Basic cHJvbTpzM2NyZXQtcGFzcw==")],
    );
    assert_eq!(allowed.code, 200);
    served.wait_for_log("unauthorized request");
    assert!(served.log().iter().all(|l| !l.contains("s3cret-pass")));
    drop(served);
    let token = TempFile::new("token", "tok-123456\n");
    let served = spawn(&["--web-bearer-token-file", token.path()], &[]);
    assert_eq!(served.get("/-/healthy", &[]).code, 401);
    assert_eq!(
        served
            .get("/-/healthy", &[("Authorization", "Bearer tok-123456")])
            .code,
        200
    );
}

#[test]
fn secrets_in_targets_never_reach_the_answer_or_the_log() {
    let target = Server::start(serve(200, SPRING, ALL_UP.as_bytes()));
    let served = served_with_any_target();
    let url = target
        .url("/h?token=tok-abcdef123")
        .replace("http://", "http://admin:pa55word-xyz@");
    let answer = served.get(&probe_path(&url, "&debug=true"), &[]);
    assert_eq!(answer.code, 200, "{answer:?}");
    assert!(answer.body.contains("Logs for the probe"), "{answer:?}");
    assert!(
        answer
            .body
            .contains("Metrics that would have been returned")
    );
    served.wait_for_log("msg=probe");
    for text in [answer.body.clone(), served.log().join("\n")] {
        assert!(!text.contains("pa55word-xyz"), "{text}");
        assert!(!text.contains("tok-abcdef123"), "{text}");
    }
}

#[test]
fn serve_can_listen_over_tls_and_healthprobe_itself_probes_it() {
    let pki = tls::Pki::new(&["127.0.0.1"], 30.0);
    let (cert, key) = (
        pki.server_cert_file.display().to_string(),
        pki.server_key_file.display().to_string(),
    );
    let served = spawn(&["--web-tls-cert", &cert, "--web-tls-key", &key], &[]);
    let url = format!("https://{}/-/healthy", served.address);
    let ca = pki.ca_file.display().to_string();
    run(&["--cacert", &ca, "--health-format", "none", &url]).code(0);
    let plain = served.get("/-/healthy", &[]);
    assert_ne!(
        plain.code, 200,
        "plain HTTP is not served on a TLS listener"
    );
}

#[test]
fn a_stalled_client_does_not_hold_up_the_others() {
    let served = spawn(&[], &[]);
    let mut stalled = std::net::TcpStream::connect(&served.address).unwrap();
    use std::io::Write;
    stalled
        .write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let started = Instant::now();
    assert_eq!(served.get("/-/healthy", &[]).code, 200);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn bad_serve_settings_are_usage_errors() {
    let key = TempFile::new("k.pem", "nothing");
    run(&["serve", "--web-tls-key", key.path()]).usage_error(3, "go together");
    run(&["serve", "--listen", "9468"]).usage_error(3, "address and a port");
    let bad_rule = TempFile::new("a.toml", "[serve]\nallow = [\"example.com\"]\n");
    run(&["serve", "--config", bad_rule.path()]).usage_error(3, "neither a URL glob");
    let bad_key = TempFile::new("b.toml", "[serve]\nlisten_on = \"x\"\n");
    run(&["serve", "--config", bad_key.path()]).usage_error(3, "unknown key in [serve]");
    run(&["serve", "--web-user", "prom"]).usage_error(3, "needs a password");
}

#[test]
fn a_redirect_out_of_the_allow_list_is_not_followed() {
    let outside = Server::start(serve(200, SPRING, ALL_UP.as_bytes()));
    let elsewhere = outside.url("/health").replace("127.0.0.1", "localhost");
    let redirecting = Server::start(move |_request, stream: &mut std::net::TcpStream| {
        respond(stream, 302, &[("Location", elsewhere.as_str())], b"")
    });
    let config = config("");
    let served = served(&config, &[]);
    let answer = served.get(&probe_path(&redirecting.url("/h"), "&debug=true"), &[]);
    assert!(
        answer.body.contains("which the allow-list does not accept"),
        "{answer:?}"
    );
    assert!(answer.body.contains("probe_success 0"), "{answer:?}");
    assert_eq!(outside.hits(), 0, "the redirect was not followed");
    // With any target allowed, it is.
    let open = spawn(&["--allow-any-target"], &[]);
    let answer = open.get(&probe_path(&redirecting.url("/h"), ""), &[]);
    assert_eq!(answer.sample("probe_success"), Some(1.0), "{answer:?}");
    assert_eq!(answer.sample("probe_http_redirects"), Some(1.0));
}
