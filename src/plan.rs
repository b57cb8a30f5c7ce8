//! From parsed arguments to a validated [`Plan`]: the one place that reads the environment.
//!
//! Everything that can be wrong with what the user asked for is found here, before any network
//! traffic, and becomes a [`UsageError`] (exit 3). What comes out is plain data that the rest of
//! the program trusts.

use std::time::Duration;

use reqwest::Url;

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
    Auth, ClientIdentity, ClientSettings, KeyKind, Method, ProbeOptions, ProxyChoice, ProxyEnv,
    RequestSpec, RetryPolicy, SentHeader, TlsVersion,
};
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
    /// Extra reports written to files at the end (`--report FORMAT=PATH`), each checked for
    /// writability before anything is probed.
    pub reports: Vec<ReportFile>,
    /// Every secret value the run knows (passwords, tokens, secret headers, URL credentials),
    /// for the last pass over all output.
    pub scrubber: Scrubber,
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
    let mut files = Files::default();
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
        let settings = settings(&layered, Some(&url), env, &mut files).map_err(at)?;
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
        let settings = settings(&from_command_line, Some(&url), env, &mut files)?;
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
            "--quorum {needed} can never be met: there are only {} targets",
            targets.len()
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
    let deadline = match (options.wait, options.deadline) {
        (Some(wait), Some(deadline)) => Some(wait.min(deadline)),
        (wait, deadline) => wait.or(deadline),
    };
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
        reports: checked_report_files(&options.report)?,
        scrubber,
    })
}

/// A secret kept in a file (a token): its text, trimmed; an empty file is a mistake.
pub fn read_secret_file(path: &std::path::Path, flag: &str) -> Result<Secret, UsageError> {
    let token = Files::default().text(path, flag)?.trim().to_string();
    if token.is_empty() {
        return Err(UsageError(format!("{flag} {} is empty", path.display())));
    }
    Ok(Secret::new(token))
}

/// Per-target settings resolved once (files read, every value checked) and applied to any URL
/// later: a module of `serve`, whose targets arrive with each request.
#[derive(Debug, Clone)]
pub struct Template {
    options: TargetOptions,
    settings: Settings,
}

impl Template {
    /// `options` (already layered) resolved against the environment.
    pub fn resolve(options: TargetOptions, env: &Environment<'_>) -> Result<Template, UsageError> {
        let settings = settings(&options, None, env, &mut Files::default())?;
        Ok(Template { options, settings })
    }

    /// A target probing `url` with these settings.
    pub fn target(&self, url: Url) -> Result<Target, UsageError> {
        let mut settings = self.settings.clone();
        settings.probe.client.resolve = resolve_overrides(&self.options.resolve, &url);
        let mut target = Target::new(url, settings);
        target.version_url = version_url(&self.options, &target.url)?;
        Ok(target)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every secret these settings send (passwords, tokens, secret header values).
    pub fn secrets(&self) -> Vec<Secret> {
        settings_secrets(&self.settings)
    }
}

/// The secrets one target sends: URL credentials, secret header values, passwords and tokens.
fn target_secrets(target: &Target) -> Vec<Secret> {
    let mut secrets = crate::redact::url_secrets(&target.url);
    if let Some(url) = &target.version_url {
        secrets.extend(crate::redact::url_secrets(url));
    }
    secrets.extend(settings_secrets(&target.settings));
    secrets
}

/// The secrets that settings send wherever they apply.
fn settings_secrets(settings: &Settings) -> Vec<Secret> {
    let mut secrets = Vec::new();
    let probe = &settings.probe;
    secrets.extend(
        probe
            .request
            .headers
            .iter()
            .filter(|h| h.sensitive)
            .flat_map(|h| {
                // `Bearer abc` is scrubbed whole and as its credential alone.
                let value = h.value.expose();
                let credential = value.split_once(' ').map(|(_, c)| Secret::new(c.trim()));
                std::iter::once(h.value.clone()).chain(credential)
            }),
    );
    match &probe.request.auth {
        Some(Auth::Basic {
            password: Some(password),
            ..
        }) => secrets.push(password.clone()),
        Some(Auth::Bearer(token)) => secrets.push(token.clone()),
        _ => {}
    }
    if let ProxyChoice::Url(url) = &probe.client.proxy {
        secrets.extend(crate::redact::url_secrets(url));
    }
    secrets
}

/// `over` on top of `base`: a value given in `over` replaces the one in `base`; repeatable
/// options (rules, component patterns) add up, so a command-line `--assert` joins those of the
/// config file instead of hiding them.
pub(crate) fn layer(base: TargetOptions, over: TargetOptions) -> TargetOptions {
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
        status_word: join(base.status_word, over.status_word),
        status_path: over.status_path.or(base.status_path),
        component_path: over.component_path.or(base.component_path),
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
        header: join(base.header, over.header),
        user: over.user.or(base.user),
        bearer_token_file: over.bearer_token_file.or(base.bearer_token_file),
        method: over.method.or(base.method),
        data: over.data.or(base.data),
        user_agent: over.user_agent.or(base.user_agent),
        host_header: over.host_header.or(base.host_header),
        resolve: join(base.resolve, over.resolve),
        cert: over.cert.or(base.cert),
        key: over.key.or(base.key),
        insecure: over.insecure.or(base.insecure),
        tls_min: over.tls_min.or(base.tls_min),
        no_system_certs: over.no_system_certs.or(base.no_system_certs),
        unix_socket: over.unix_socket.or(base.unix_socket),
        proxy: over.proxy.or(base.proxy),
        no_proxy: over.no_proxy.or(base.no_proxy),
        max_redirects: over.max_redirects.or(base.max_redirects),
        no_follow: over.no_follow.or(base.no_follow),
        http2_prior_knowledge: over.http2_prior_knowledge.or(base.http2_prior_knowledge),
        secret_header: join(base.secret_header, over.secret_header),
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

/// A layered option set with the built-in defaults filled in, and every file it names read.
/// `url` is the target's (none for the demo, whose port is not known yet, and for serve's
/// modules, whose targets come with each request).
fn settings(
    options: &TargetOptions,
    url: Option<&Url>,
    env: &Environment<'_>,
    files: &mut Files,
) -> Result<Settings, UsageError> {
    let timeout = options.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let max_body = usize::try_from(options.max_body.unwrap_or(DEFAULT_MAX_BODY))
        .map_err(|_| UsageError("--max-body is larger than this machine can hold".into()))?;
    let threshold = |t: &Option<Threshold>| t.as_ref().and_then(|Threshold(range)| range.clone());
    let extra_roots = match &options.cacert {
        Some(path) => trust_anchors(files.certificates(path, "--cacert")?, path)?,
        None => Vec::new(),
    };
    if let Some(FormatChoice::Forced(format)) = options.health_format
        && format != crate::health::Format::Generic
        && (options.status_path.is_some() || options.component_path.is_some())
    {
        return Err(UsageError(format!(
            "--status-path and --component-path direct the generic reader, not the {format} \
             reader: drop --health-format {format} (or use --health-format generic)"
        )));
    }
    if options.health_format == Some(FormatChoice::None)
        && (options.status_path.is_some() || options.component_path.is_some())
    {
        return Err(UsageError(
            "--status-path and --component-path read the body, which --health-format none \
             ignores: drop one of them"
                .into(),
        ));
    }
    Ok(Settings {
        probe: ProbeOptions {
            timeout,
            max_body,
            request: request_spec(options, env, files)?,
            client: ClientSettings {
                connect_timeout: options.connect_timeout.map_or(timeout, |c| c.min(timeout)),
                extra_roots,
                identity: identity(options, files)?,
                insecure: options.insecure.unwrap_or(false),
                tls_min: options.tls_min.unwrap_or(TlsVersion::Tls12),
                system_certs: !options.no_system_certs.unwrap_or(false),
                resolve: url
                    .map(|u| resolve_overrides(&options.resolve, u))
                    .unwrap_or_default(),
                unix_socket: options.unix_socket.clone(),
                proxy: proxy_choice(options)?,
                http2_prior_knowledge: options.http2_prior_knowledge.unwrap_or(false),
            },
        },
        expect: Expectations {
            statuses_explicit: options.expect_status.is_some(),
            statuses: options.expect_status.clone().unwrap_or_default(),
            warning: threshold(&options.warning),
            critical: threshold(&options.critical),
            read: ReadOptions {
                format: options.health_format.unwrap_or(FormatChoice::Auto),
                words: UserWords::new(
                    options
                        .status_word
                        .iter()
                        .map(|w| (w.word.clone(), w.health)),
                ),
                status_path: options.status_path.clone(),
                component_path: options.component_path.clone(),
            },
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

const DEFAULT_MAX_REDIRECTS: u32 = 5;

/// `--cacert` certificates, each checked now as a trust anchor, so that a bad one is named with
/// its file even when no target of this run is HTTPS.
fn trust_anchors(
    certificates: Vec<rustls::pki_types::CertificateDer<'static>>,
    path: &std::path::Path,
) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, UsageError> {
    let mut store = rustls::RootCertStore::empty();
    for (index, certificate) in certificates.iter().enumerate() {
        store.add(certificate.clone()).map_err(|e| {
            UsageError(format!(
                "--cacert {}: certificate {} cannot be a trust anchor ({e})",
                path.display(),
                index + 1
            ))
        })?;
    }
    Ok(certificates)
}

/// Method, headers, body and credentials, with `@FILE` values read.
fn request_spec(
    options: &TargetOptions,
    env: &Environment<'_>,
    files: &mut Files,
) -> Result<RequestSpec, UsageError> {
    let secret_names: Vec<String> = options
        .secret_header
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    let sent = |name: String, value: Secret| SentHeader {
        sensitive: crate::redact::is_sensitive_header(&name)
            || secret_names.contains(&name.to_ascii_lowercase()),
        name,
        value,
    };
    let mut headers = Vec::new();
    for arg in &options.header {
        match arg {
            HeaderArg::Header { name, value } => headers.push(sent(name.clone(), value.clone())),
            HeaderArg::File(path) => {
                let text = files.text(path, "-H @FILE")?;
                for (number, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    let (name, value) = crate::cli::parse_header_line(line).map_err(|e| {
                        UsageError(format!("{}:{}: {e}", path.display(), number + 1))
                    })?;
                    headers.push(sent(name, Secret::new(value)));
                }
            }
        }
    }
    let body = match options.data.as_deref() {
        Some(data) => Some(match data.strip_prefix('@') {
            Some(path) => files.bytes(std::path::Path::new(path), "--data @FILE")?,
            None => data.as_bytes().to_vec(),
        }),
        None => None,
    };
    let method = options.method.unwrap_or(if body.is_some() {
        Method::Post
    } else {
        Method::Get
    });
    if body.is_some() && method != Method::Post {
        return Err(UsageError(format!(
            "--data sends a body, which a {} request does not carry; use -X POST",
            method.as_str()
        )));
    }
    let bearer = match (
        &options.bearer_token_file,
        env.non_empty("HEALTHPROBE_BEARER_TOKEN"),
    ) {
        (Some(path), _) => {
            let token = files.text(path, "--bearer-token-file")?.trim().to_string();
            if token.is_empty() {
                return Err(UsageError(format!(
                    "--bearer-token-file {} is empty",
                    path.display()
                )));
            }
            Some(Secret::new(token))
        }
        (None, Some(token)) => Some(Secret::new(token.trim())),
        (None, None) => None,
    };
    let auth = match (&options.user, bearer) {
        (Some(_), Some(_)) => {
            return Err(UsageError(
                "-u and a bearer token both set Authorization: give one".into(),
            ));
        }
        (Some(credentials), None) => Some(Auth::Basic {
            user: credentials.user.clone(),
            password: credentials
                .password
                .clone()
                .or_else(|| env.non_empty("HEALTHPROBE_PASSWORD").map(Secret::new)),
        }),
        (None, Some(token)) => Some(Auth::Bearer(token)),
        (None, None) => None,
    };
    Ok(RequestSpec {
        method,
        headers,
        body,
        auth,
        user_agent: options
            .user_agent
            .clone()
            .unwrap_or_else(|| format!("healthprobe/{}", env!("CARGO_PKG_VERSION"))),
        host_header: options.host_header.clone(),
        max_redirects: if options.no_follow.unwrap_or(false) {
            None
        } else {
            Some(options.max_redirects.unwrap_or(DEFAULT_MAX_REDIRECTS))
        },
    })
}

/// `--cert` and `--key`: the chain and its key (the key may be in the `--cert` file).
fn identity(
    options: &TargetOptions,
    files: &mut Files,
) -> Result<Option<ClientIdentity>, UsageError> {
    use rustls::pki_types::PrivateKeyDer;
    use rustls::pki_types::pem::PemObject;
    let Some(cert) = &options.cert else {
        if options.key.is_some() {
            return Err(UsageError(
                "--key needs --cert (the certificate it belongs to)".into(),
            ));
        }
        return Ok(None);
    };
    let chain = files.certificates(cert, "--cert")?;
    let key_path = options.key.as_deref().unwrap_or(cert);
    let data = files.bytes(key_path, "--key")?;
    let key = PrivateKeyDer::from_pem_slice(&data).map_err(|_| {
        UsageError(format!(
            "{} holds no PEM private key{}",
            key_path.display(),
            if options.key.is_none() {
                " (give it with --key)"
            } else {
                ""
            }
        ))
    })?;
    let (key_kind, key) = match key {
        PrivateKeyDer::Pkcs8(k) => (KeyKind::Pkcs8, k.secret_pkcs8_der().to_vec()),
        PrivateKeyDer::Pkcs1(k) => (KeyKind::Pkcs1, k.secret_pkcs1_der().to_vec()),
        PrivateKeyDer::Sec1(k) => (KeyKind::Sec1, k.secret_sec1_der().to_vec()),
        _ => {
            return Err(UsageError(format!(
                "{}: unsupported private key type",
                key_path.display()
            )));
        }
    };
    Ok(Some(ClientIdentity {
        chain,
        key,
        key_kind,
    }))
}

/// The `--resolve` rules for this URL's host and port, as the addresses to connect to.
fn resolve_overrides(
    rules: &[crate::cli::ResolveRule],
    url: &Url,
) -> Vec<(String, std::net::SocketAddr)> {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = url.port_or_known_default().unwrap_or(0);
    rules
        .iter()
        .filter(|rule| rule.host == host && rule.port == port)
        .map(|rule| {
            (
                host.to_string(),
                std::net::SocketAddr::new(rule.address, port),
            )
        })
        .take(1)
        .collect()
}

fn proxy_choice(options: &TargetOptions) -> Result<ProxyChoice, UsageError> {
    match (&options.proxy, options.no_proxy.unwrap_or(false)) {
        (Some(_), true) => Err(UsageError(
            "--proxy and --no-proxy contradict each other".into(),
        )),
        (Some(text), false) => {
            let with_scheme = if text.contains("://") {
                text.clone()
            } else {
                format!("http://{text}")
            };
            let url = Url::parse(&with_scheme).map_err(|e| {
                UsageError(format!("invalid --proxy '{}': {e}", shown_for_error(text)))
            })?;
            if !matches!(url.scheme(), "http" | "https" | "socks5" | "socks5h") {
                return Err(UsageError(format!(
                    "unsupported --proxy scheme '{}': use http://, https:// or socks5://",
                    url.scheme()
                )));
            }
            Ok(ProxyChoice::Url(url))
        }
        (None, true) => Ok(ProxyChoice::None),
        (None, false) => Ok(ProxyChoice::Environment),
    }
}

fn version_url(options: &TargetOptions, target: &Url) -> Result<Option<Url>, UsageError> {
    options
        .version_url
        .as_deref()
        .map(|text| resolve_version_url(text, target))
        .transpose()
}

/// Files named by options (`--cacert`, `--cert`, `-H @FILE`, ...), each read once however many
/// targets name it.
#[derive(Default)]
struct Files {
    read: Vec<(std::path::PathBuf, Vec<u8>)>,
}

impl Files {
    fn bytes(&mut self, path: &std::path::Path, flag: &str) -> Result<Vec<u8>, UsageError> {
        if let Some((_, data)) = self.read.iter().find(|(p, _)| p == path) {
            return Ok(data.clone());
        }
        let data = std::fs::read(path)
            .map_err(|e| UsageError(format!("cannot read {flag} {}: {e}", path.display())))?;
        self.read.push((path.to_path_buf(), data.clone()));
        Ok(data)
    }

    fn text(&mut self, path: &std::path::Path, flag: &str) -> Result<String, UsageError> {
        let data = self.bytes(path, flag)?;
        String::from_utf8(data)
            .map_err(|_| UsageError(format!("{flag} {} is not UTF-8 text", path.display())))
    }

    /// Every certificate in a PEM file. A file without any is a mistake worth stopping for,
    /// not an empty trust list.
    fn certificates(
        &mut self,
        path: &std::path::Path,
        flag: &str,
    ) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, UsageError> {
        use rustls::pki_types::pem::PemObject;
        let data = self.bytes(path, flag)?;
        let shown = path.display();
        let certificates = rustls::pki_types::CertificateDer::pem_slice_iter(&data)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| UsageError(format!("{flag} {shown} is not a valid PEM file: {e}")))?;
        if certificates.is_empty() {
            return Err(UsageError(format!(
                "{flag} {shown} holds no PEM certificate"
            )));
        }
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
        explain: options.explain,
        quiet: options.quiet,
        progress_is_live: env.stderr_is_terminal,
        max_bytes: match (options.output, options.docker) {
            (OutputFormat::Human | OutputFormat::Nagios, true) => Some(DOCKER_OUTPUT_BYTES),
            (OutputFormat::Nagios, false) => Some(NAGIOS_OUTPUT_BYTES),
            _ => None,
        },
    }
}

pub(crate) fn proxy_env(env: &Environment<'_>) -> Result<ProxyEnv, UsageError> {
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
}
