//! From parsed arguments to a validated [`Plan`]: the one place that reads the environment.
//!
//! Everything that can be wrong with what the user asked for is found here, before any network
//! traffic, and becomes a [`UsageError`] (exit 3). What comes out is plain data that the rest of
//! the program trusts.

use std::fmt;
use std::time::Duration;

use reqwest::Url;

use crate::cli::{
    Cli, ColorWhen, Command, Options, OutputFormat, ReportFile, TargetOptions, Threshold, WaitFor,
};
use crate::config::ConfigFile;
use crate::evaluate::{ComponentRules, Expectations};
use crate::exit::ExitPolicy;
use crate::health::FormatChoice;
use crate::statuses::StatusSet;
use crate::verdict::Quorum;

/// A mistake in what the user asked for; printed as one line, exit 3 (UNKNOWN).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

#[derive(Debug, Clone)]
pub struct Plan {
    pub targets: Vec<Target>,
    pub concurrency: usize,
    pub proxies: ProxyEnv,
    pub output: OutputOptions,
    pub exit: ExitPolicy,
    /// Differing versions across targets are a WARNING.
    pub same_version: bool,
    /// The run is judged by how many targets are OK rather than by the worst one.
    pub quorum: Option<Quorum>,
    /// Probe again until healthy (`--wait`).
    pub wait: Option<WaitPlan>,
    /// When the whole run must end (`--deadline`, and `--wait`'s own limit).
    pub deadline: Option<Duration>,
    /// Serve the built-in sample service and probe it, with these settings, instead of
    /// `targets`.
    pub demo: Option<Settings>,
    /// List the targets instead of probing them (`--dry-run`).
    pub dry_run: bool,
    /// Extra reports written to files at the end (`--report FORMAT=PATH`), each checked for
    /// writability before anything is probed.
    pub reports: Vec<ReportFile>,
}

/// What `--wait` waits for and how often it looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WaitPlan {
    /// WARNING counts as healthy too (`--wait-for warning`).
    pub accept_warning: bool,
    /// Consecutive healthy rounds needed (`--wait-stable`).
    pub stable_rounds: u32,
    /// The first pause between rounds (`--interval`).
    pub interval: Duration,
}

#[derive(Debug, Clone)]
pub struct Target {
    /// How every output refers to the target: the config file's `name`, or host, port and path.
    pub name: String,
    pub url: Url,
    /// Where this target's version is read, when not from its health document.
    pub version_url: Option<Url>,
    pub settings: Settings,
}

impl Target {
    /// A target named after its URL.
    pub fn new(url: Url, settings: Settings) -> Target {
        Target {
            name: name_of(&url),
            url,
            version_url: None,
            settings,
        }
    }
}

/// A target's name from its URL: host, port and path, without scheme, credentials or query.
pub fn name_of(url: &Url) -> String {
    let host = url.host_str().unwrap_or("");
    match url.port() {
        Some(port) => format!("{host}:{port}{}", url.path()),
        None => format!("{host}{}", url.path()),
    }
}

/// Everything that decides how one target is probed and judged.
#[derive(Debug, Clone)]
pub struct Settings {
    pub probe: ProbeOptions,
    pub expect: Expectations,
    /// Where the version is read besides the health document (`--version-path`).
    pub version_path: Option<serde_json_path::JsonPath>,
    pub retry: RetryPolicy,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProbeOptions {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_body: usize,
    pub user_agent: String,
    /// Trust anchors from `--cacert`, added to the compiled-in roots.
    pub extra_roots: Vec<rustls::pki_types::CertificateDer<'static>>,
}

/// When one probe is tried again before it is judged (`--retries`), and which answers a
/// `--wait` may wait out.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    pub retries: u32,
    pub delay: Duration,
    /// Statuses the user called transient besides 502, 503 and 504 (`--retry-on`).
    pub also: Option<StatusSet>,
}

impl RetryPolicy {
    /// A transient HTTP status: one a retry or a little more waiting can change.
    pub fn transient_status(&self, code: u16) -> bool {
        matches!(code, 502..=504) || self.also.as_ref().is_some_and(|set| set.contains(code))
    }
}

/// Proxy settings from the environment, applied to non-loopback targets only.
#[derive(Debug, Clone, Default)]
pub struct ProxyEnv {
    pub http: Option<Url>,
    pub https: Option<Url>,
    pub all: Option<Url>,
    pub no_proxy: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct OutputOptions {
    pub format: OutputFormat,
    pub color: bool,
    pub verbose: bool,
    pub quiet: bool,
    /// stderr is a terminal: `--wait` may redraw a live progress line there.
    pub progress_is_live: bool,
    /// The most bytes the output may take: Docker keeps only the first 4096 bytes of a
    /// health check's output, and Nagios 4 reads 8192; longer reports are summarised.
    pub max_bytes: Option<usize>,
}

/// Facts about the process's surroundings, passed in so that resolution stays testable.
pub struct Environment<'a> {
    pub var: &'a dyn Fn(&str) -> Option<String>,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
}

impl Environment<'_> {
    fn non_empty(&self, name: &str) -> Option<String> {
        (self.var)(name).filter(|v| !v.is_empty())
    }
}

pub fn resolve(cli: Cli, env: &Environment<'_>) -> Result<Plan, UsageError> {
    let demo = matches!(cli.command, Some(Command::Demo));
    if demo && (!cli.urls.is_empty() || cli.options.config.is_some()) {
        return Err(UsageError(
            "demo probes its own sample service and takes no URLs or --config".into(),
        ));
    }
    let options = cli.options;
    if options.quiet && options.verbose {
        return Err(UsageError(
            "--quiet and --verbose cannot be used together".into(),
        ));
    }
    let config = match &options.config {
        Some(path) => crate::config::load(path, env.var)?,
        None => ConfigFile::default(),
    };
    // Flags win over env: HEALTHPROBE_URL is only read when no URL is on the command line. It is
    // split here rather than by clap so that a URL on the command line is never split.
    let urls = if cli.urls.is_empty() && !demo {
        env.non_empty("HEALTHPROBE_URL")
            .map(|v| v.split_whitespace().map(String::from).collect())
            .unwrap_or_default()
    } else {
        cli.urls
    };
    let mut certificates = CertificateFiles::default();
    let command_line = &options.target;
    let mut targets = Vec::new();
    for entry in &config.targets {
        let file = options.config.as_deref().map(|p| p.display().to_string());
        let at = |e: UsageError| match &file {
            Some(file) => UsageError(format!("{file}:{}: {}", entry.line, e.0)),
            None => e,
        };
        let layered = layer(
            layer(config.defaults.clone(), entry.options.clone()),
            command_line.clone(),
        );
        let url = parse_target_url(&entry.url).map_err(at)?;
        let settings = settings(&layered, false, &mut certificates).map_err(at)?;
        let mut target = Target::new(url, settings);
        if let Some(name) = &entry.name {
            target.name = name.trim().to_string();
        }
        target.version_url = version_url(&layered, &target.url).map_err(at)?;
        targets.push(target);
    }
    let from_command_line = layer(config.defaults.clone(), command_line.clone());
    for url in urls.iter().filter(|u| !u.is_empty()) {
        let url = parse_target_url(url)?;
        let settings = settings(&from_command_line, false, &mut certificates)?;
        let mut target = Target::new(url, settings);
        target.version_url = version_url(&from_command_line, &target.url)?;
        targets.push(target);
    }
    if targets.is_empty() && !demo {
        return Err(UsageError(match &options.config {
            Some(path) => format!(
                "no URL to probe: {} has no [[target]] and no URL was given",
                path.display()
            ),
            None => "no URL to probe: give one or more URLs (or set HEALTHPROBE_URL)".into(),
        }));
    }
    let demo = if demo {
        Some(settings(command_line, true, &mut certificates)?)
    } else {
        None
    };
    if let Some(Quorum::Count(needed)) = options.quorum
        && !targets.is_empty()
        && needed > targets.len()
    {
        return Err(UsageError(format!(
            "--quorum {needed} can never be met: there are only {} targets",
            targets.len()
        )));
    }
    let wait = options.wait.map(|_| WaitPlan {
        accept_warning: options.wait_for == WaitFor::Warning,
        stable_rounds: options.wait_stable,
        interval: options.interval,
    });
    let deadline = match (options.wait, options.deadline) {
        (Some(wait), Some(deadline)) => Some(wait.min(deadline)),
        (wait, deadline) => wait.or(deadline),
    };
    Ok(Plan {
        targets,
        concurrency: usize::from(options.concurrency),
        proxies: proxy_env(env)?,
        output: output_options(&options, env),
        exit: exit_policy(&options)?,
        same_version: options.same_version,
        quorum: options.quorum,
        wait,
        deadline,
        demo,
        dry_run: options.dry_run,
        reports: checked_report_files(&options.report)?,
    })
}

/// `over` on top of `base`: a value given in `over` replaces the one in `base`; repeatable
/// options (rules, component patterns) add up, so a command-line `--assert` joins those of the
/// config file instead of hiding them.
fn layer(base: TargetOptions, over: TargetOptions) -> TargetOptions {
    fn join<T>(mut base: Vec<T>, over: Vec<T>) -> Vec<T> {
        base.extend(over);
        base
    }
    TargetOptions {
        expect_status: over.expect_status.or(base.expect_status),
        warning: over.warning.or(base.warning),
        critical: over.critical.or(base.critical),
        timeout: over.timeout.or(base.timeout),
        connect_timeout: over.connect_timeout.or(base.connect_timeout),
        max_body: over.max_body.or(base.max_body),
        health_format: over.health_format.or(base.health_format),
        ignore_component: join(base.ignore_component, over.ignore_component),
        noncritical: join(base.noncritical, over.noncritical),
        require_component: join(base.require_component, over.require_component),
        maintenance: over.maintenance.or(base.maintenance),
        expect_version: over.expect_version.or(base.expect_version),
        version_url: over.version_url.or(base.version_url),
        version_path: over.version_path.or(base.version_path),
        metric: join(base.metric, over.metric),
        assert: join(base.assert, over.assert),
        assert_warn: join(base.assert_warn, over.assert_warn),
        expect_header: join(base.expect_header, over.expect_header),
        expect_body: join(base.expect_body, over.expect_body),
        cert_warn: over.cert_warn.or(base.cert_warn),
        cert_crit: over.cert_crit.or(base.cert_crit),
        cacert: over.cacert.or(base.cacert),
        retries: over.retries.or(base.retries),
        retry_delay: over.retry_delay.or(base.retry_delay),
        retry_on: over.retry_on.or(base.retry_on),
    }
}

/// What Docker keeps of a health check's output (moby `daemon/health.go`).
pub const DOCKER_OUTPUT_BYTES: usize = 4096;
/// Nagios 4's `MAX_PLUGIN_OUTPUT_LENGTH`.
pub const NAGIOS_OUTPUT_BYTES: usize = 8192;

/// `--report` paths must be writable before a single request is sent, so that a CI job learns
/// of a typo in seconds, not after a long `--wait`. Each is tried with a temporary file in its
/// directory, which is removed again.
fn checked_report_files(files: &[ReportFile]) -> Result<Vec<ReportFile>, UsageError> {
    for file in files {
        let shown = file.path.display();
        if file.path.is_dir() {
            return Err(UsageError(format!("--report {shown} is a directory")));
        }
        let probe = crate::report::temporary_path(&file.path);
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)
            .map_err(|e| UsageError(format!("cannot write --report {shown}: {e}")))?;
        let _ = std::fs::remove_file(&probe);
    }
    Ok(files.to_vec())
}

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_MAX_BODY: u64 = 1 << 20;
const DEFAULT_RETRY_DELAY: Duration = Duration::from_secs(1);

/// A layered option set with the built-in defaults filled in. The demo has default thresholds
/// of its own, so that its slow endpoint shows a WARNING.
fn settings(
    options: &TargetOptions,
    demo: bool,
    certificates: &mut CertificateFiles,
) -> Result<Settings, UsageError> {
    let timeout = options.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let max_body = usize::try_from(options.max_body.unwrap_or(DEFAULT_MAX_BODY))
        .map_err(|_| UsageError("--max-body is larger than this machine can hold".into()))?;
    let threshold = |t: &Option<Threshold>, demo_default: &str| match t {
        Some(Threshold(range)) => range.clone(),
        None if demo => demo_default.parse().ok(),
        None => None,
    };
    let extra_roots = match &options.cacert {
        Some(path) => certificates.read(path)?,
        None => Vec::new(),
    };
    Ok(Settings {
        probe: ProbeOptions {
            timeout,
            connect_timeout: options.connect_timeout.map_or(timeout, |c| c.min(timeout)),
            max_body,
            user_agent: format!("healthprobe/{}", env!("CARGO_PKG_VERSION")),
            extra_roots,
        },
        expect: Expectations {
            statuses_explicit: options.expect_status.is_some(),
            statuses: options.expect_status.clone().unwrap_or_default(),
            warning: threshold(&options.warning, crate::demo::DEFAULT_WARNING),
            critical: threshold(&options.critical, crate::demo::DEFAULT_CRITICAL),
            health_format: options.health_format.unwrap_or(FormatChoice::Auto),
            components: ComponentRules {
                ignore: options.ignore_component.clone(),
                noncritical: options.noncritical.clone(),
                require: options.require_component.clone(),
            },
            maintenance: options.maintenance,
            version: options.expect_version.clone(),
            headers: options.expect_header.clone(),
            body: options.expect_body.clone(),
            metrics: options.metric.clone(),
            asserts: options.assert.clone(),
            assert_warns: options.assert_warn.clone(),
            cert_warn: options.cert_warn,
            cert_crit: options.cert_crit,
        },
        version_path: options.version_path.clone(),
        retry: RetryPolicy {
            retries: options.retries.unwrap_or(0),
            delay: options.retry_delay.unwrap_or(DEFAULT_RETRY_DELAY),
            also: options.retry_on.clone(),
        },
    })
}

fn version_url(options: &TargetOptions, target: &Url) -> Result<Option<Url>, UsageError> {
    options
        .version_url
        .as_deref()
        .map(|text| resolve_version_url(text, target))
        .transpose()
}

/// `--cacert` files, each read once however many targets name it.
#[derive(Default)]
struct CertificateFiles {
    read: Vec<(
        std::path::PathBuf,
        Vec<rustls::pki_types::CertificateDer<'static>>,
    )>,
}

impl CertificateFiles {
    fn read(
        &mut self,
        path: &std::path::Path,
    ) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, UsageError> {
        if let Some((_, certificates)) = self.read.iter().find(|(p, _)| p == path) {
            return Ok(certificates.clone());
        }
        let certificates = read_ca_file(path)?;
        self.read.push((path.to_path_buf(), certificates.clone()));
        Ok(certificates)
    }
}

/// Parses a URL as users type it: `localhost:8080/healthz` means `http://localhost:8080/healthz`.
pub fn parse_target_url(text: &str) -> Result<Url, UsageError> {
    let text = text.trim();
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("http://{text}")
    };
    let url = Url::parse(&with_scheme)
        .map_err(|e| UsageError(format!("invalid URL '{}': {e}", shown_for_error(text))))?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(UsageError(format!(
                "unsupported scheme '{other}' in URL '{}': use http:// or https://",
                crate::redact::url(&url)
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UsageError(format!(
            "invalid URL '{}': no host",
            crate::redact::url(&url)
        )));
    }
    Ok(url)
}

/// Reads `--cacert`: every certificate in a PEM file. A file without any is a mistake worth
/// stopping for, not an empty trust list.
fn read_ca_file(
    path: &std::path::Path,
) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, UsageError> {
    use rustls::pki_types::pem::PemObject;
    let shown = path.display();
    let data = std::fs::read(path)
        .map_err(|e| UsageError(format!("cannot read --cacert {shown}: {e}")))?;
    let certificates = rustls::pki_types::CertificateDer::pem_slice_iter(&data)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| UsageError(format!("--cacert {shown} is not a valid PEM file: {e}")))?;
    if certificates.is_empty() {
        return Err(UsageError(format!(
            "--cacert {shown} holds no PEM certificate"
        )));
    }
    Ok(certificates)
}

/// `--version-url`: a path such as `/version` is resolved against each target's URL (so one flag
/// serves every replica); anything else must be a URL of its own.
fn resolve_version_url(text: &str, target: &Url) -> Result<Url, UsageError> {
    let text = text.trim();
    if text.starts_with('/') {
        target
            .join(text)
            .map_err(|e| UsageError(format!("invalid --version-url '{text}': {e}")))
    } else {
        parse_target_url(text).map_err(|e| UsageError(format!("invalid --version-url: {e}")))
    }
}

/// A URL that failed to parse cannot be redacted structurally, so credentials are cut by hand.
fn shown_for_error(text: &str) -> String {
    match (text.find("://"), text.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}***{}", &text[..scheme_end + 3], &text[at..])
        }
        (None, Some(at)) => format!("***{}", &text[at..]),
        _ => text.to_string(),
    }
}

fn exit_policy(options: &Options) -> Result<ExitPolicy, UsageError> {
    if options.warning_is_unhealthy && !options.docker {
        return Err(UsageError(
            "--warning-is-unhealthy only applies with --docker (Nagios mode already exits 1 for WARNING)"
                .into(),
        ));
    }
    Ok(if options.docker {
        ExitPolicy::Docker {
            warning_is_unhealthy: options.warning_is_unhealthy,
        }
    } else {
        ExitPolicy::Nagios
    })
}

fn output_options(options: &Options, env: &Environment<'_>) -> OutputOptions {
    let color = match options.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => env.stdout_is_terminal && env.non_empty("NO_COLOR").is_none(),
    };
    OutputOptions {
        format: options.output,
        color: color && options.output == OutputFormat::Human,
        verbose: options.verbose,
        quiet: options.quiet,
        progress_is_live: env.stderr_is_terminal,
        max_bytes: match (options.output, options.docker) {
            (OutputFormat::Human | OutputFormat::Nagios, true) => Some(DOCKER_OUTPUT_BYTES),
            (OutputFormat::Nagios, false) => Some(NAGIOS_OUTPUT_BYTES),
            _ => None,
        },
    }
}

fn proxy_env(env: &Environment<'_>) -> Result<ProxyEnv, UsageError> {
    // Lower case first: it is the common convention, and the upper-case HTTP_PROXY can be set by
    // a CGI request header (httpoxy), which is why curl ignores it.
    let read = |names: &[&str]| -> Result<Option<Url>, UsageError> {
        for name in names {
            if let Some(value) = env.non_empty(name) {
                let with_scheme = if value.contains("://") {
                    value.clone()
                } else {
                    format!("http://{value}")
                };
                return Url::parse(&with_scheme).map(Some).map_err(|e| {
                    UsageError(format!(
                        "environment variable {name} is not a valid proxy URL ({e})"
                    ))
                });
            }
        }
        Ok(None)
    };
    Ok(ProxyEnv {
        http: read(&["http_proxy"])?,
        https: read(&["https_proxy", "HTTPS_PROXY"])?,
        all: read(&["all_proxy", "ALL_PROXY"])?,
        no_proxy: env
            .non_empty("no_proxy")
            .or_else(|| env.non_empty("NO_PROXY")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::collections::HashMap;

    fn resolve_with(
        args: &[&str],
        vars: &[(&str, &str)],
        terminal: bool,
    ) -> Result<Plan, UsageError> {
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
    fn target_names_leave_out_scheme_credentials_and_query() {
        let plan = resolve_with(&["https://u:pw@api.test/health?token=x"], &[], false).unwrap();
        assert_eq!(plan.targets[0].name, "api.test/health");
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
            plan.targets[0].settings.probe.connect_timeout,
            Duration::from_secs(2)
        );
        let plan = resolve_with(&["-t", "2", "u"], &[], false).unwrap();
        assert_eq!(
            plan.targets[0].settings.probe.connect_timeout,
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
}
