//! A real Prometheus (Debian's `prometheus` package) scrapes `healthprobe serve` with the
//! blackbox-style relabelling (`__param_target`), and its query API gives back what healthprobe
//! judged: `probe_success` for a healthy and a failing target, and a component's series.
//!
//! `.ci/run` installs Prometheus when it is missing. Elsewhere, without it, the test fails and
//! says how to install it; `HEALTHPROBE_SKIP_PROMETHEUS=1` skips it instead.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::serve::{spawn, try_request};
use crate::common::*;

const SPRING: &str = "application/vnd.spring-boot.actuator.v3+json";

/// A Prometheus server, killed when dropped.
struct Prometheus {
    child: Child,
    address: String,
    _dir: TempDir,
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A directory removed when dropped.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts Prometheus scraping `/probe` of the serve at `serve` for `targets`; `None` when the
/// binary is missing and the test may be skipped.
fn prometheus(serve: &str, targets: &[String]) -> Option<Prometheus> {
    let binary = ["/usr/bin/prometheus", "/usr/local/bin/prometheus"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(binary) = binary else {
        if std::env::var_os("HEALTHPROBE_SKIP_PROMETHEUS").is_some() {
            eprintln!("skipped: no prometheus binary (HEALTHPROBE_SKIP_PROMETHEUS is set)");
            return None;
        }
        panic!(
            "this test needs a real Prometheus: install Debian's package \
             (apt-get install prometheus), as .ci/run does, or set HEALTHPROBE_SKIP_PROMETHEUS=1"
        );
    };
    let dir = std::env::temp_dir().join(format!(
        "healthprobe-prometheus-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let quoted: Vec<String> = targets.iter().map(|t| format!("'{t}'")).collect();
    let config = format!(
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n\
         scrape_configs:\n\
         \x20 - job_name: healthprobe\n\
         \x20   metrics_path: /probe\n\
         \x20   params:\n\
         \x20     module: [default]\n\
         \x20   static_configs:\n\
         \x20     - targets: [{}]\n\
         \x20   relabel_configs:\n\
         \x20     - source_labels: [__address__]\n\
         \x20       target_label: __param_target\n\
         \x20     - source_labels: [__param_target]\n\
         \x20       target_label: instance\n\
         \x20     - target_label: __address__\n\
         \x20       replacement: {serve}\n",
        quoted.join(", ")
    );
    std::fs::write(dir.join("prometheus.yml"), config).unwrap();
    let address = format!("127.0.0.1:{}", free_port());
    let child = Command::new(binary)
        .env_clear()
        .arg(format!(
            "--config.file={}",
            dir.join("prometheus.yml").display()
        ))
        .arg(format!(
            "--storage.tsdb.path={}",
            dir.join("data").display()
        ))
        .arg(format!("--web.listen-address={address}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("prometheus starts");
    Some(Prometheus {
        child,
        address,
        _dir: TempDir(dir),
    })
}

impl Prometheus {
    /// The instant vector of `query`, as `(labels, value)`.
    fn query(&self, query: &str) -> Vec<(Value, f64)> {
        let encoded: String = url::form_urlencoded::byte_serialize(query.as_bytes()).collect();
        let Some(answer) = try_request(
            &self.address,
            "GET",
            &format!("/api/v1/query?query={encoded}"),
            &[],
        ) else {
            return Vec::new();
        };
        let Ok(body) = serde_json::from_str::<Value>(&answer.body) else {
            return Vec::new();
        };
        body["data"]["result"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|sample| {
                let value = sample["value"][1].as_str()?.parse().ok()?;
                Some((sample["metric"].clone(), value))
            })
            .collect()
    }

    /// Waits (at most 60 s) until `query` has `count` series.
    fn wait_for(&self, query: &str, count: usize) -> Vec<(Value, f64)> {
        let started = Instant::now();
        loop {
            let found = self.query(query);
            if found.len() >= count {
                return found;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "Prometheus has {} series of {query} after 60 s: {found:?}",
                found.len()
            );
            thread::sleep(Duration::from_millis(250));
        }
    }
}

#[test]
fn a_real_prometheus_scrapes_probe_with_blackbox_relabelling() {
    let healthy = Server::start(serve(
        200,
        SPRING,
        br#"{"status":"UP","components":{"db":{"status":"UP"}}}"#,
    ));
    let failing = Server::start(serve(
        200,
        SPRING,
        br#"{"status":"DOWN","components":{"db":{"status":"DOWN"},"disk":{"status":"UP"}}}"#,
    ));
    let config = TempFile::new("serve.toml", "[serve]\nallow = [\"127.0.0.1/32\"]\n");
    let served = spawn(&["--config", config.path()], &[]);
    let targets = [healthy.url("/health"), failing.url("/health")];
    let Some(prometheus) = prometheus(&served.address, &targets) else {
        return;
    };
    let success = prometheus.wait_for("probe_success", 2);
    let value_of = |samples: &[(Value, f64)], instance: &str| {
        samples
            .iter()
            .find(|(labels, _)| labels["instance"] == instance)
            .map(|(_, v)| *v)
    };
    assert_eq!(value_of(&success, &targets[0]), Some(1.0), "{success:?}");
    assert_eq!(value_of(&success, &targets[1]), Some(0.0), "{success:?}");
    let db = prometheus.wait_for("healthprobe_component_up{component=\"db\"}", 2);
    assert_eq!(value_of(&db, &targets[0]), Some(1.0), "{db:?}");
    assert_eq!(value_of(&db, &targets[1]), Some(0.0), "{db:?}");
    let status = prometheus.wait_for("healthprobe_status", 2);
    assert_eq!(value_of(&status, &targets[1]), Some(2.0), "{status:?}");
    // Prometheus sent its scrape timeout, and serve counted the probes.
    let metrics = served.get("/metrics", &[]);
    assert!(
        metrics
            .sample("healthprobe_serve_probes_total{module=\"default\",result=\"critical\"}")
            .is_some_and(|n| n >= 1.0),
        "{metrics:?}"
    );
}
