//! The files in examples/ stay true: every healthprobe command they contain is accepted by the
//! real binary (checked with `--dry-run`, which resolves everything and sends nothing), with the
//! environment the example sets.

use std::path::{Path, PathBuf};

use crate::common::*;

fn example(name: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

/// Every exec-form command in `text` (a JSON array of strings, as Dockerfiles, compose files
/// and Kubernetes manifests write them) that runs healthprobe, without the program itself.
fn exec_commands(text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for line in text.lines() {
        let Some(start) = line.find('[') else {
            continue;
        };
        let Some(end) = line.rfind(']') else { continue };
        let Ok(words) = serde_json::from_str::<Vec<String>>(&line[start..=end]) else {
            continue;
        };
        let words: Vec<String> = words.into_iter().skip_while(|w| w == "CMD").collect();
        if words.first().is_some_and(|w| w.ends_with("/healthprobe")) {
            found.push(words[1..].to_vec());
        }
    }
    found
}

/// `ENV KEY=VALUE ...` settings of a Dockerfile, continuation lines included.
fn dockerfile_env(text: &str) -> Vec<(String, String)> {
    let joined = text.replace("\\\n", " ");
    joined
        .lines()
        .filter_map(|line| line.trim().strip_prefix("ENV "))
        .flat_map(|rest| {
            rest.split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter_map(|pair| {
            pair.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

fn accepted(args: &[String], env: &[(String, String)], what: &str) {
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.push("--dry-run");
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let run = run_env(&all, &env);
    assert_eq!(run.code, 0, "{what}: {args:?} is not accepted\n{run:?}");
}

#[test]
fn the_dockerfile_healthcheck_is_accepted_with_the_environment_it_sets() {
    let (_, text) = example("Dockerfile");
    let commands = exec_commands(&text);
    assert_eq!(commands.len(), 1, "one HEALTHCHECK");
    let env = dockerfile_env(&text);
    assert!(env.iter().any(|(k, _)| k == "HEALTHPROBE_URL"), "{env:?}");
    accepted(&commands[0], &env, "Dockerfile");
}

#[test]
fn the_compose_and_kubernetes_probes_are_accepted() {
    for name in ["docker-compose.yml", "kubernetes.yaml"] {
        let (_, text) = example(name);
        let commands = exec_commands(&text);
        assert!(!commands.is_empty(), "{name} has a healthprobe command");
        for command in &commands {
            assert!(
                command.contains(&"--docker".to_string()),
                "{name}: {command:?}"
            );
            accepted(command, &[], name);
        }
    }
}

#[test]
fn the_nagios_command_is_accepted_with_its_service_arguments() {
    let (_, text) = example("nagios.cfg");
    let command_line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("command_line"))
        .expect("a command_line");
    let check = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("check_command"))
        .expect("a check_command")
        .trim();
    let arguments: Vec<&str> = check.split('!').skip(1).collect();
    let mut words: Vec<String> = command_line
        .split_whitespace()
        .skip(1)
        .map(String::from)
        .collect();
    for word in &mut words {
        for (i, value) in arguments.iter().enumerate() {
            *word = word.replace(&format!("$ARG{}$", i + 1), value);
        }
    }
    accepted(&words, &[], "nagios.cfg");
}

#[test]
fn the_cron_and_ci_commands_are_accepted() {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/probes.toml");
    let config = config.to_str().unwrap();
    let dir = std::env::temp_dir();
    let (_, cron) = example("crontab");
    let line = cron
        .lines()
        .find(|l| !l.starts_with('#') && !l.trim().is_empty())
        .unwrap();
    let words: Vec<String> = line
        .split_whitespace()
        .skip(6) // five schedule fields and the program
        .map(|w| {
            w.replace("/etc/healthprobe/probes.toml", config)
                .replace("/var/lib/node_exporter/textfile", dir.to_str().unwrap())
        })
        .collect();
    let env = [("API_TOKEN".to_string(), "x".to_string())];
    accepted(&words, &env, "crontab");

    let (_, ci) = example("github/smoke-test.yml");
    let run = ci
        .split("run: >")
        .nth(1)
        .expect("a run step")
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("          "))
        .collect::<Vec<_>>()
        .join(" ");
    let reports = dir.to_str().unwrap();
    let words: Vec<String> = run
        .split_whitespace()
        .skip(1)
        .map(|w| {
            w.replace("examples/probes.toml", config)
                .replace("junit=", &format!("junit={reports}/"))
                .replace("json=", &format!("json={reports}/"))
        })
        .collect();
    accepted(&words, &env, "github/smoke-test.yml");
}

#[test]
fn the_serve_config_and_the_sidecar_arguments_load() {
    let (path, _) = example("serve/serve.toml");
    let run = run(&["serve", "--config", path.to_str().unwrap(), "--dry-run"]);
    run.code(0).stdout_has(&[
        "module spring: timeout 5s, status 200,503",
        "module strict: timeout 2s",
        "target payments: https://payments.internal.example.com/healthcheck",
        "nothing was started",
    ]);
    let (_, deployment) = example("serve/deployment.yaml");
    let args_line = deployment
        .lines()
        .find_map(|line| line.trim().strip_prefix("args: "))
        .expect("the sidecar's args");
    let mut args: Vec<String> = serde_json::from_str(args_line).expect("a JSON array");
    assert_eq!(args.first().map(String::as_str), Some("serve"));
    args.push("--dry-run".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_env(&args, &[])
        .code(0)
        .stdout_has(&["listen 0.0.0.0:9468"]);
    assert!(deployment.contains("path: /health, port: 9468"));
}

#[test]
fn the_prometheus_examples_name_serves_endpoints_and_modules() {
    let (_, scrape) = example("serve/prometheus.yml");
    let (_, probe) = example("serve/probe.yaml");
    let (_, config) = example("serve/serve.toml");
    for text in [&scrape, &probe] {
        assert!(text.contains("/probe"), "{text}");
        assert!(text.contains(":9468"), "{text}");
        assert!(text.contains("spring"), "{text}");
    }
    assert!(config.contains("[module.spring]"));
    assert!(scrape.contains("target_label: __param_target"));
    // promtool (Debian's prometheus package, which .ci/run installs) checks the syntax.
    for (file, what) in [
        ("serve/prometheus.yml", "config"),
        ("serve/alerts.yml", "rules"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(file);
        if let Ok(output) = std::process::Command::new("promtool")
            .args(["check", what])
            .arg(&path)
            .output()
        {
            assert!(
                output.status.success(),
                "promtool check {what} {file}: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}
