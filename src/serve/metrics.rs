//! `serve`'s own metrics, for `GET /metrics`: probes by module and result, probes in flight, a
//! histogram of probe durations, rejected requests by reason, requests by endpoint and code,
//! config reloads and their success, and the process (memory, CPU, open files, start time).
//!
//! Every label takes values from a bounded set (modules come from the config, results and
//! reasons from fixed lists), so the series stay few however many targets are probed.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use crate::exposition::{Family, Kind, render};

/// Upper bounds of the probe duration histogram, in seconds.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Default)]
struct Histogram {
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if self.counts.is_empty() {
            self.counts = vec![0; BUCKETS.len()];
        }
        for (bound, count) in BUCKETS.iter().zip(self.counts.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
        self.sum += seconds;
        self.count += 1;
    }
}

#[derive(Default)]
struct Counts {
    /// (module, result) -> probes.
    probes: BTreeMap<(String, &'static str), u64>,
    durations: BTreeMap<String, Histogram>,
    /// reason -> requests refused.
    rejected: BTreeMap<&'static str, u64>,
    /// (endpoint, code) -> requests.
    requests: BTreeMap<(&'static str, u16), u64>,
    reloads: BTreeMap<&'static str, u64>,
    last_reload_successful: bool,
    last_reload_success: Option<SystemTime>,
}

/// The prober's metrics. Cheap to update from any task.
pub struct Metrics {
    counts: Mutex<Counts>,
    in_flight: AtomicI64,
    started: SystemTime,
}

impl Metrics {
    pub fn new() -> Metrics {
        Metrics {
            counts: Mutex::new(Counts {
                last_reload_successful: true,
                last_reload_success: Some(SystemTime::now()),
                ..Counts::default()
            }),
            in_flight: AtomicI64::new(0),
            started: SystemTime::now(),
        }
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A probe of `module` ended with `result` (`ok`, `warning`, `critical`, `unknown`).
    pub fn probed(&self, module: &str, result: &'static str, took: Duration) {
        let mut counts = self.counts();
        *counts
            .probes
            .entry((module.to_string(), result))
            .or_default() += 1;
        counts
            .durations
            .entry(module.to_string())
            .or_default()
            .observe(took.as_secs_f64());
    }

    /// A request refused for `reason` (`bad_request`, `not_allowed`, `overload`,
    /// `unauthorized`, ...).
    pub fn rejected(&self, reason: &'static str) {
        *self.counts().rejected.entry(reason).or_default() += 1;
    }

    pub fn answered(&self, endpoint: &'static str, code: u16) {
        *self.counts().requests.entry((endpoint, code)).or_default() += 1;
    }

    pub fn reloaded(&self, success: bool) {
        let mut counts = self.counts();
        let result = if success { "success" } else { "failure" };
        *counts.reloads.entry(result).or_default() += 1;
        counts.last_reload_successful = success;
        if success {
            counts.last_reload_success = Some(SystemTime::now());
        }
    }

    /// Counts a probe in flight until the guard is dropped.
    pub fn in_flight(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(self)
    }

    /// The exposition of every metric.
    pub fn render(&self) -> String {
        let counts = self.counts();
        let mut probes = Family::new(
            "healthprobe_serve_probes_total",
            Kind::Counter,
            "Probes run by /probe, by module and result (the target's state).",
        );
        for ((module, result), n) in &counts.probes {
            probes.push(
                vec![("module", module.clone()), ("result", (*result).into())],
                *n as f64,
            );
        }
        let mut in_flight = Family::new(
            "healthprobe_serve_probes_in_flight",
            Kind::Gauge,
            "Probes running now.",
        );
        in_flight.push(vec![], self.in_flight.load(Ordering::Relaxed) as f64);
        let mut durations = Family::new(
            "healthprobe_serve_probe_duration_seconds",
            Kind::Histogram,
            "How long /probe took to probe and judge a target, by module.",
        );
        for (module, histogram) in &counts.durations {
            durations.histogram(
                vec![("module", module.clone())],
                BUCKETS,
                &histogram.counts,
                histogram.sum,
                histogram.count,
            );
        }
        let mut rejected = Family::new(
            "healthprobe_serve_rejected_requests_total",
            Kind::Counter,
            "Requests refused, by reason.",
        );
        for (reason, n) in &counts.rejected {
            rejected.push(vec![("reason", (*reason).into())], *n as f64);
        }
        let mut requests = Family::new(
            "healthprobe_serve_requests_total",
            Kind::Counter,
            "HTTP requests answered, by endpoint and status code.",
        );
        for ((endpoint, code), n) in &counts.requests {
            requests.push(
                vec![("endpoint", (*endpoint).into()), ("code", code.to_string())],
                *n as f64,
            );
        }
        let mut reloads = Family::new(
            "healthprobe_serve_config_reloads_total",
            Kind::Counter,
            "Config reloads (SIGHUP or POST /-/reload), by result.",
        );
        for result in ["success", "failure"] {
            let n = counts.reloads.get(result).copied().unwrap_or(0);
            reloads.push(vec![("result", result.into())], n as f64);
        }
        let mut last_ok = Family::new(
            "healthprobe_serve_config_last_reload_successful",
            Kind::Gauge,
            "1 when the last config reload succeeded (the config in use is the file's), 0 when it failed (the previous config is still in use).",
        );
        last_ok.push(vec![], f64::from(u8::from(counts.last_reload_successful)));
        let mut last_success = Family::new(
            "healthprobe_serve_config_last_reload_success_timestamp_seconds",
            Kind::Gauge,
            "When the config in use was loaded.",
        );
        if let Some(at) = counts.last_reload_success {
            last_success.push(vec![], unix_seconds(at));
        }
        drop(counts);
        let mut families = vec![
            probes,
            in_flight,
            durations,
            rejected,
            requests,
            reloads,
            last_ok,
            last_success,
        ];
        families.extend(self.process());
        render(&families)
    }

    /// The process families: build, start time, memory, CPU and open files (read from /proc
    /// where it exists).
    fn process(&self) -> Vec<Family> {
        let mut build = Family::new(
            "healthprobe_build_info",
            Kind::Gauge,
            "The healthprobe version serving, as a label.",
        );
        build.push(vec![("version", env!("CARGO_PKG_VERSION").into())], 1.0);
        let mut start = Family::new(
            "process_start_time_seconds",
            Kind::Gauge,
            "Start time of the process since the Unix epoch in seconds.",
        );
        start.push(vec![], unix_seconds(self.started));
        let mut families = vec![build, start];
        if let Some(bytes) = resident_bytes() {
            let mut rss = Family::new(
                "process_resident_memory_bytes",
                Kind::Gauge,
                "Resident memory size in bytes.",
            );
            rss.push(vec![], bytes as f64);
            families.push(rss);
        }
        if let Some(seconds) = cpu_seconds() {
            let mut cpu = Family::new(
                "process_cpu_seconds_total",
                Kind::Counter,
                "Total user and system CPU time spent in seconds.",
            );
            cpu.push(vec![], seconds);
            families.push(cpu);
        }
        if let Ok(entries) = std::fs::read_dir("/proc/self/fd") {
            let mut fds = Family::new(
                "process_open_fds",
                Kind::Gauge,
                "Number of open file descriptors.",
            );
            fds.push(vec![], entries.count() as f64);
            families.push(fds);
        }
        families
    }
}

/// A probe counted in flight; uncounted when dropped.
pub struct InFlight<'a>(&'a Metrics);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

fn unix_seconds(at: SystemTime) -> f64 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// VmRSS from /proc/self/status.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// utime + stime from /proc/self/stat, in clock ticks of 1/100 s (Linux's USER_HZ).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces: the fields that follow start after its `)`.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_durations_rejections_and_reloads_are_counted() {
        let metrics = Metrics::new();
        metrics.probed("default", "ok", Duration::from_millis(20));
        metrics.probed("default", "ok", Duration::from_millis(300));
        metrics.probed("api", "critical", Duration::from_secs(40));
        metrics.rejected("overload");
        metrics.reloaded(false);
        let guard = metrics.in_flight();
        let text = metrics.render();
        drop(guard);
        for needle in [
            "healthprobe_serve_probes_total{module=\"default\",result=\"ok\"} 2",
            "healthprobe_serve_probes_total{module=\"api\",result=\"critical\"} 1",
            "healthprobe_serve_probes_in_flight 1",
            "healthprobe_serve_probe_duration_seconds_bucket{module=\"default\",le=\"0.025\"} 1",
            "healthprobe_serve_probe_duration_seconds_bucket{module=\"default\",le=\"0.5\"} 2",
            "healthprobe_serve_probe_duration_seconds_bucket{module=\"api\",le=\"30\"} 0",
            "healthprobe_serve_probe_duration_seconds_count{module=\"api\"} 1",
            "healthprobe_serve_rejected_requests_total{reason=\"overload\"} 1",
            "healthprobe_serve_config_reloads_total{result=\"failure\"} 1",
            "healthprobe_serve_config_last_reload_successful 0",
        ] {
            assert!(text.contains(needle), "{needle} missing from\n{text}");
        }
        assert!(
            metrics
                .render()
                .contains("healthprobe_serve_probes_in_flight 0")
        );
    }

    #[test]
    fn the_process_is_described_on_linux() {
        let text = Metrics::new().render();
        assert!(text.contains("healthprobe_build_info{version="), "{text}");
        assert!(text.contains("process_start_time_seconds "), "{text}");
        if std::path::Path::new("/proc/self/status").exists() {
            assert!(text.contains("process_resident_memory_bytes "), "{text}");
            assert!(text.contains("process_open_fds "), "{text}");
        }
    }
}
