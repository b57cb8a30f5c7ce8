//! The human and Nagios output of one fixed scenario, compared line for line with the committed
//! files in tests/golden/ (ports and times normalised). When a change to the output is
//! intended, refresh them with `HEALTHPROBE_UPDATE_GOLDEN=1 cargo test --test cli golden` and
//! review the diff.

use crate::common::*;

/// A small fleet with one endpoint per kind of answer.
fn scenario() -> Server {
    Server::start(routes(&[
        (
            "/healthcheck",
            200,
            "application/json; charset=utf-8",
            r#"{"ok":true}"#,
        ),
        (
            "/health",
            200,
            "application/health+json",
            r#"{"status":"pass","version":"3.2.0","checks":{"db:responseTime":[{"status":"pass","observedValue":4,"observedUnit":"ms"}],"cache:connections":[{"status":"warn","observedValue":94,"observedUnit":"%","output":"pool 94% used"}]}}"#,
        ),
        (
            "/actuator/health",
            503,
            "application/vnd.spring-boot.actuator.v3+json",
            r#"{"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"connection to db:5432 refused"}},"diskSpace":{"status":"UP"}}}"#,
        ),
        ("/gone", 404, "text/plain", "not found"),
    ]))
}

/// Replaces what changes from run to run: the port and every measured time.
fn normalise(text: &str, port: u16) -> String {
    let text = text.replace(&format!("127.0.0.1:{port}"), "127.0.0.1:PORT");
    let times = regex::Regex::new(r"\b\d+(\.\d+)?(ms|s)\b").unwrap();
    let perf = regex::Regex::new(r"=\d+\.\d{6}s;").unwrap();
    let text = perf.replace_all(&text, "=T;");
    times.replace_all(&text, "T").into_owned()
}

fn check_golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("HEALTHPROBE_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from {}\n--- expected ---\n{expected}--- actual ---\n{actual}----------------\n\
         if the change is intended: HEALTHPROBE_UPDATE_GOLDEN=1 cargo test --test cli golden",
        path.display()
    );
}

fn golden_run(args: &[&str]) -> (Run, u16) {
    let server = scenario();
    let urls: Vec<String> = ["/healthcheck", "/health", "/actuator/health", "/gone"]
        .iter()
        .map(|p| server.url(p))
        .collect();
    let mut all = args.to_vec();
    all.extend(urls.iter().map(String::as_str));
    (run(&all), server.port())
}

#[test]
fn human_output_matches_the_golden_file() {
    let (run, port) = golden_run(&["--color", "never", "-w", "5", "-c", "10"]);
    run.code(2);
    check_golden("human.txt", &normalise(&run.stdout, port));
}

#[test]
fn nagios_output_matches_the_golden_file() {
    let (run, port) = golden_run(&["-o", "nagios", "-w", "5", "-c", "10"]);
    run.code(2);
    check_golden("nagios.txt", &normalise(&run.stdout, port));
}
