//! From parsed arguments to a validated [`Plan`]: the one place that reads the environment.
//!
//! Everything that can be wrong with what the user asked for is found here, before any network
//! traffic, and becomes a [`UsageError`] (exit 3). What comes out is plain data that the rest of
//! the program trusts.

use std::time::Duration;

use crate::cli::{
    Cli, ColorWhen, Command, HeaderArg, Options, ReportFile, TargetOptions, Threshold, WaitFor,
};
use crate::config::ConfigFile;
use crate::error::UsageError;
use crate::evaluate::{ComponentRules, Expectations};
use crate::exit::ExitPolicy;
use crate::health::{FormatChoice, ReadOptions, UserWords};
use crate::redact::{Scrubber, Secret};
use crate::report::{OutputFormat, OutputOptions};
use crate::request::{
    Auth, ClientIdentity, ClientSettings, GrpcOptions, KeyKind, Method, ProbeOptions, ProxyChoice,
    ProxyEnv, RequestSpec, RetryPolicy, SentHeader, SocketOptions, TlsVersion,
};
use crate::target::{Settings, Target};
use crate::verdict::Quorum;

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
    /// Probe in rounds this far apart until stopped, redrawing the report (`--watch`).
    pub watch: Option<Watch>,
    /// Variables the config names that are not set; only a dry run gets this far with them.
    pub unset: Vec<String>,
    /// Extra reports written to files at the end (`--report FORMAT=PATH`), each checked for
    /// writability before anything is probed.
    pub reports: Vec<ReportFile>,
    /// Every secret value the run knows (passwords, tokens, secret headers, URL credentials),
    /// for the last pass over all output.
    pub scrubber: Scrubber,
}

/// `--watch`: how often, and whether the screen can be redrawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Watch {
    pub every: Duration,
    /// stdout is a terminal that understands escape codes: redraw in place.
    pub redraw: bool,
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

    /// `TERM=dumb`: a terminal that shows escape codes as text (no colour, no redrawing).
    fn dumb_terminal(&self) -> bool {
        (self.var)("TERM").as_deref() == Some("dumb")
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
    if options.watch.is_some() {
        watch_allowed(&options)?;
    }
    // `--deadline` bounds the whole run from the process start, reading the files it names
    // included (a FIFO nobody writes to cannot hold it).
    let deadline = match (options.wait, options.deadline) {
        (Some(wait), Some(deadline)) => Some(wait.min(deadline)),
        (wait, deadline) => wait.or(deadline),
    };
    if let Some(limit) = deadline {
        crate::inputs::set_deadline(limit);
    }
    let config = match &options.config {
        Some(path) => crate::config::load(path, env.var, options.dry_run)?,
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
    let mut files = Files::default();
    let command_line = &options.target;
    // Before any target is named: names show the query, with these values masked.
    crate::redact::set_secret_query(secret_query_names(command_line, &config));
    let mut targets = Vec::new();
    let mut named = Vec::new();
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
        let settings = settings(&layered, Some(&url), env, &mut files).map_err(at)?;
        let mut target = Target::new(url, settings);
        if let Some(name) = &entry.name {
            target.name = name.trim().to_string();
        }
        target.version_url = version_url(&layered, &target.url).map_err(at)?;
        named.push(entry.name.is_some());
        targets.push(target);
    }
    let from_command_line = layer(config.defaults.clone(), command_line.clone());
    for url in urls.iter().filter(|u| !u.is_empty()) {
        let url = parse_target_url(url)?;
        let settings = settings(&from_command_line, Some(&url), env, &mut files)?;
        let mut target = Target::new(url, settings);
        target.version_url = version_url(&from_command_line, &target.url)?;
        targets.push(target);
    }
    crate::target::give_unique_names(&mut targets, &named).map_err(|why| {
        match &options.config {
            Some(path) => UsageError(format!("{}: {why}", path.display())),
            None => UsageError(why),
        }
    })?;
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
        Some(settings(
            &crate::demo::options(command_line.clone()),
            None,
            env,
            &mut files,
        )?)
    } else {
        None
    };
    if let Some(Quorum::Count(needed)) = options.quorum
        && !targets.is_empty()
        && needed > targets.len()
    {
        return Err(UsageError(format!(
            "--quorum {needed} can never be met: there {} only {}",
            if targets.len() == 1 { "is" } else { "are" },
            crate::text::count(targets.len(), "target")
        )));
    }
    // What must never be printed: declared before anything is, for every printing path.
    let mut secret_names: Vec<String> = command_line.secret_header.clone();
    secret_names.extend(config.defaults.secret_header.iter().cloned());
    for entry in &config.targets {
        secret_names.extend(entry.options.secret_header.iter().cloned());
    }
    crate::redact::set_secret_headers(secret_names);
    let proxies = proxy_env(env)?;
    let scrubber = Scrubber::new(
        targets
            .iter()
            .flat_map(target_secrets)
            .chain(demo.iter().flat_map(settings_secrets))
            .chain(
                [&proxies.http, &proxies.https, &proxies.all]
                    .into_iter()
                    .flatten()
                    .flat_map(crate::redact::url_secrets),
            ),
    );
    let wait = options.wait.map(|_| WaitPlan {
        accept_warning: options.wait_for == WaitFor::Warning,
        stable_rounds: options.wait_stable,
        interval: options.interval,
    });
    Ok(Plan {
        targets,
        concurrency: usize::from(options.concurrency),
        proxies,
        output: output_options(&options, env),
        exit: exit_policy(&options)?,
        same_version: options.same_version,
        quorum: options.quorum,
        wait,
        deadline,
        demo,
        dry_run: options.dry_run,
        watch: options.watch.map(|every| Watch {
            every,
            redraw: env.stdout_is_terminal && !env.dumb_terminal(),
        }),
        unset: config.unset.clone(),
        reports: checked_report_files(&options.report)?,
        scrubber,
    })
}

mod files;
mod layer;
mod settings;
#[cfg(test)]
mod tests;

use files::Files;
pub use files::read_secret_file;
pub(crate) use layer::layer;
pub(crate) use settings::proxy_env;
pub use settings::{Template, parse_target_url};
use settings::{settings, settings_secrets, version_url};

/// The secrets one target sends: URL credentials, secret header values, passwords and tokens.
/// `--watch` runs until stopped and redraws a human report: what needs a run that ends, or a
/// document, does not go with it.
fn watch_allowed(options: &Options) -> Result<(), UsageError> {
    let conflict = if options.wait.is_some() {
        Some("--wait (a watch never stops by itself; --deadline bounds it)")
    } else if options.docker {
        Some("--docker (a health check must end)")
    } else if options.quiet {
        Some("--quiet (a watch is for reading)")
    } else if !options.report.is_empty() {
        Some("--report (a report file describes one run)")
    } else if !matches!(options.output, OutputFormat::Human | OutputFormat::Nagios) {
        Some("-o json, junit or prometheus (they describe one run; use them without --watch)")
    } else {
        None
    };
    match conflict {
        Some(what) => Err(UsageError(format!("--watch cannot be used with {what}"))),
        None => Ok(()),
    }
}

/// Every `--secret-query` name of the command line and the config.
pub fn secret_query_names(command_line: &TargetOptions, config: &ConfigFile) -> Vec<String> {
    let mut names = command_line.secret_query.clone();
    names.extend(config.defaults.secret_query.iter().cloned());
    for entry in &config.targets {
        names.extend(entry.options.secret_query.iter().cloned());
    }
    for module in &config.modules {
        names.extend(module.options.secret_query.iter().cloned());
    }
    names
}

fn target_secrets(target: &Target) -> Vec<Secret> {
    let mut secrets = crate::redact::url_secrets(&target.url);
    if let Some(url) = &target.version_url {
        secrets.extend(crate::redact::url_secrets(url));
    }
    secrets.extend(settings_secrets(&target.settings));
    secrets
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
        // A dumb terminal shows escape codes as text.
        ColorWhen::Auto => {
            env.stdout_is_terminal && env.non_empty("NO_COLOR").is_none() && !env.dumb_terminal()
        }
    };
    OutputOptions {
        format: options.output,
        color: color && options.output == OutputFormat::Human,
        verbose: options.verbose,
        explain: options.explain,
        quiet: options.quiet,
        progress_is_live: env.stderr_is_terminal && !env.dumb_terminal(),
        // Docker keeps 4 KB of a health check's output whatever its format.
        max_bytes: match (options.output, options.docker) {
            (_, true) => Some(DOCKER_OUTPUT_BYTES),
            (OutputFormat::Nagios, false) => Some(NAGIOS_OUTPUT_BYTES),
            _ => None,
        },
    }
}

/// `--dry-run`: each target as the run would probe it, one line each, URLs redacted.
pub fn render(plan: &Plan, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let width = plan
        .targets
        .iter()
        .map(|t| t.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(48);
    for target in &plan.targets {
        let settings = &target.settings;
        let expect = &settings.expect;
        let rules = expect.metrics.len()
            + expect.asserts.len()
            + expect.assert_warns.len()
            + expect.headers.len()
            + expect.body.len();
        let mut notes = vec![
            format!(
                "timeout {}",
                crate::units::format_duration(settings.probe.timeout)
            ),
            format!("status {}", expect.statuses),
        ];
        if settings.retry.retries > 0 {
            let retries = settings.retry.retries;
            notes.push(format!(
                "{retries} {}",
                if retries == 1 { "retry" } else { "retries" }
            ));
        }
        if rules > 0 {
            notes.push(format!("{rules} rule{}", if rules == 1 { "" } else { "s" }));
        }
        writeln!(
            out,
            "{:<width$}  {}  ({})",
            crate::text::escaped(&target.name),
            crate::text::escaped(&crate::redact::url(&target.url)),
            notes.join(", ")
        )?;
    }
    if !plan.unset.is_empty() {
        writeln!(
            out,
            "unset: {} (named in the config; a real run needs {})",
            plan.unset.join(", "),
            if plan.unset.len() == 1 { "it" } else { "them" }
        )?;
    }
    let count = plan.targets.len();
    writeln!(
        out,
        "{count} target{}; nothing was sent (--dry-run)",
        if count == 1 { "" } else { "s" }
    )
}
