//! `healthprobe serve`: a long-running HTTP server that drives the same pipeline as a run of
//! the command line, for Prometheus and Kubernetes.
//!
//! - `GET /probe?target=URL&module=NAME` probes one target, as blackbox_exporter's `/probe`
//!   does, and answers in the Prometheus text exposition ([`probe_metrics`]); `debug=true` adds
//!   the probe's log and its human report.
//! - `GET /health[?target=NAME]` judges the config's targets (cached for `--health-cache`) and
//!   answers 200 when OK or WARNING, 503 otherwise, with the JSON report as the body.
//! - `GET /metrics` is the prober's own metrics ([`metrics`]); `GET /-/healthy` is its liveness;
//!   `POST /-/reload` (and SIGHUP) reloads the config.
//!
//! It is not an open proxy: `/probe` accepts only the allow-list's targets ([`allow`]) unless
//! `--allow-any-target`. It stays bounded: at most `--max-in-flight` probes at once (a request
//! beyond waits within its scrape timeout, then gets 429), a limit on connections, a header
//! read timeout and a cap on request heads, and a lifetime on every connection. SIGTERM stops
//! accepting, lets the requests in flight finish within a bound, and exits 0.

mod auth;
mod log;
mod metrics;
mod probe_metrics;
mod state;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

use crate::cli::{Cli, Options, ServeArgs};
use crate::error::UsageError;
use crate::outcome::{Report, RunRules, TargetResult};
use crate::plan::{Environment, parse_target_url};
use crate::redact::{Scrubber, Secret};
use crate::verdict::Status;
use log::Level;
use metrics::Metrics;
use state::{DEFAULT_MODULE, Loaded};

/// How long a client may take to send a request head.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a TLS handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The most bytes a request head may take.
const MAX_HEAD_BYTES: usize = 16 * 1024;

/// Connections open at once; one more is closed at once.
const MAX_CONNECTIONS: usize = 1024;

/// A connection is asked to close after this long, so that no client holds one for ever.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(600);

/// Taken off Prometheus' scrape timeout, so that the answer arrives before it gives up
/// (blackbox_exporter's default `timeout_offset`).
const SCRAPE_TIMEOUT_MARGIN: Duration = Duration::from_millis(500);

/// The shortest time a probe is given, however short the scrape timeout.
const MIN_PROBE_TIMEOUT: Duration = Duration::from_millis(100);

/// How long a stop waits at most for the requests in flight.
const MAX_GRACE: Duration = Duration::from_secs(30);

/// Starts `serve` from the parsed command line; returns when it is stopped.
pub fn main(cli: Cli, args: ServeArgs, env: &Environment<'_>) -> ExitCode {
    let usage = |message: String| {
        crate::say!("healthprobe: {message}");
        ExitCode::from(3)
    };
    let required = match required_credentials(&args, env) {
        Ok(required) => required,
        Err(e) => return usage(e.0),
    };
    let tls = match tls_acceptor(&args) {
        Ok(tls) => tls,
        Err(e) => return usage(e.0),
    };
    let mut urls = cli.urls.clone();
    urls.extend(args.urls.iter().cloned());
    let loaded = match state::load(&cli.options, &args, &urls, env) {
        Ok(loaded) => loaded,
        Err(e) => return usage(e.0),
    };
    if cli.options.dry_run {
        let text = loaded.scrubber.scrub_str(&state::describe(&loaded));
        let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return usage(format!("cannot start: {e}")),
    };
    let server = Arc::new(Server {
        permits: RwLock::new(Arc::new(Semaphore::new(loaded.max_in_flight as usize))),
        loaded: RwLock::new(Arc::new(loaded)),
        metrics: Metrics::new(),
        health: tokio::sync::Mutex::new(None),
        required,
        reload_from: (cli.options, args, urls),
    });
    match runtime.block_on(listen(server, tls)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            crate::say!("healthprobe: {message}");
            ExitCode::from(3)
        }
    }
}

/// What every request shares.
struct Server {
    loaded: RwLock<Arc<Loaded>>,
    permits: RwLock<Arc<Semaphore>>,
    metrics: Metrics,
    /// The last `/health` report and when it was made.
    health: tokio::sync::Mutex<Option<(Instant, Arc<Report>)>>,
    required: auth::Required,
    /// What the config is loaded from again on a reload.
    reload_from: (Options, ServeArgs, Vec<String>),
}

impl Server {
    fn loaded(&self) -> Arc<Loaded> {
        self.loaded
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn scrubber(&self) -> Scrubber {
        let loaded = self.loaded();
        Scrubber::new(
            loaded
                .scrubber_secrets()
                .into_iter()
                .chain(self.required.secrets()),
        )
    }

    fn log(&self, level: Level, message: &str, fields: &[(&str, String)]) {
        log::event(&self.scrubber(), level, message, fields);
    }

    /// Loads the config again; the old one keeps serving when the new one is refused.
    fn reload(&self, why: &str) -> Result<(), String> {
        let env = Environment {
            var: &|name| std::env::var(name).ok(),
            stdout_is_terminal: false,
            stderr_is_terminal: false,
        };
        let (options, args, urls) = &self.reload_from;
        match state::load(options, args, urls, &env) {
            Ok(loaded) => {
                let before = self.loaded();
                if loaded.listen != before.listen {
                    self.log(
                        Level::Warn,
                        "the listen address changes only on a restart",
                        &[("listen", before.listen.to_string())],
                    );
                }
                if loaded.max_in_flight != before.max_in_flight {
                    *self.permits.write().unwrap_or_else(|e| e.into_inner()) =
                        Arc::new(Semaphore::new(loaded.max_in_flight as usize));
                }
                let source = loaded.source.clone();
                *self.loaded.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(loaded);
                self.metrics.reloaded(true);
                self.log(
                    Level::Info,
                    "config reloaded",
                    &[("source", source), ("trigger", why.into())],
                );
                Ok(())
            }
            Err(e) => {
                self.metrics.reloaded(false);
                self.log(
                    Level::Error,
                    "config reload failed; the previous config stays in use",
                    &[("reason", e.0.clone()), ("trigger", why.into())],
                );
                Err(e.0)
            }
        }
    }
}

impl Loaded {
    fn scrubber_secrets(&self) -> Vec<Secret> {
        self.scrubber.secrets()
    }
}

/// Accepts connections until SIGTERM or SIGINT, reloading on SIGHUP; then lets the requests in
/// flight finish (within a bound) and returns.
async fn listen(server: Arc<Server>, tls: Option<tokio_rustls::TlsAcceptor>) -> Result<(), String> {
    // Before anything says it is listening: a SIGHUP sent as soon as the log line appears
    // would otherwise meet the default action, which ends the process.
    let mut signals = Signals::new();
    let address = server.loaded().listen;
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let bound = listener.local_addr().unwrap_or(address);
    server.log(
        Level::Info,
        "listening",
        &[
            ("address", bound.to_string()),
            ("tls", tls.is_some().to_string()),
            ("config", server.loaded().source.clone()),
            ("version", env!("CARGO_PKG_VERSION").into()),
        ],
    );
    let allow = &server.loaded().allow;
    if allow.allows_any() {
        server.log(
            Level::Warn,
            "/probe accepts any target (--allow-any-target): keep the listener behind authentication or on a trusted network",
            &[],
        );
    } else if allow.is_empty() {
        server.log(
            Level::Warn,
            "/probe refuses every target: the config has no [serve] allow list and no [[target]]",
            &[],
        );
    }
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let (stop, stopped) = watch::channel(false);
    let mut tasks = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let Ok(permit) = connections.clone().try_acquire_owned() else {
                    server.metrics.rejected("too_many_connections");
                    drop(stream);
                    continue;
                };
                let (server, tls, stopped) = (server.clone(), tls.clone(), stopped.clone());
                tasks.spawn(async move {
                    let _permit = permit;
                    connection(server, stream, peer, tls, stopped).await;
                });
                // Reap finished connections so that the set does not grow.
                while tasks.try_join_next().is_some() {}
            }
            signal = signals.next() => match signal {
                Signal::Reload => {
                    let _ = server.reload("SIGHUP");
                }
                Signal::Stop(name) => {
                    server.log(Level::Info, "stopping", &[("signal", name.into())]);
                    break;
                }
            }
        }
    }
    drop(listener);
    let _ = stop.send(true);
    let grace = server.grace();
    let finished =
        tokio::time::timeout(grace, async { while tasks.join_next().await.is_some() {} }).await;
    if finished.is_err() {
        server.log(
            Level::Warn,
            "requests still running at the end of the grace period were cut",
            &[("grace", format!("{grace:?}"))],
        );
    }
    server.log(Level::Info, "stopped", &[]);
    Ok(())
}

impl Server {
    /// How long a stop waits for requests in flight: the longest module timeout and a margin.
    fn grace(&self) -> Duration {
        let loaded = self.loaded();
        let longest = loaded
            .modules
            .values()
            .map(|m| m.template.settings().probe.timeout)
            .max()
            .unwrap_or(Duration::ZERO);
        (longest + Duration::from_secs(2)).min(MAX_GRACE)
    }
}

/// A byte stream, plain or TLS.
trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// Serves one connection until it closes, its lifetime ends, or the server stops.
async fn connection(
    server: Arc<Server>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    tls: Option<tokio_rustls::TlsAcceptor>,
    mut stopped: watch::Receiver<bool>,
) {
    let stream: Box<dyn Stream> = match tls {
        None => Box::new(stream),
        Some(acceptor) => {
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(stream)) => Box::new(stream),
                _ => {
                    server.metrics.rejected("tls_handshake");
                    return;
                }
            }
        }
    };
    let service = {
        let server = server.clone();
        service_fn(move |request| {
            let server = server.clone();
            async move { Ok::<_, Infallible>(handle(server, request, peer).await) }
        })
    };
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let lifetime = tokio::time::sleep(CONNECTION_LIFETIME);
    tokio::pin!(lifetime);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopped.changed() => {}
        () = &mut lifetime => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(MAX_GRACE, conn).await;
}

type Answer = Response<Full<Bytes>>;

/// A plain-text answer (one line and a line break).
fn text(code: StatusCode, body: impl Into<String>) -> Answer {
    let mut body = body.into();
    if !body.ends_with('\n') {
        body.push('\n');
    }
    answer(code, "text/plain; charset=utf-8", body)
}

fn answer(code: StatusCode, content_type: &str, body: String) -> Answer {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = code;
    if let Ok(value) = content_type.parse() {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response
}

/// The content type of the text exposition format.
const EXPOSITION: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Routes one request; every answer is counted and scrubbed of secrets.
async fn handle(server: Arc<Server>, request: Request<Incoming>, peer: SocketAddr) -> Answer {
    let path = request.uri().path().to_string();
    let endpoint: &'static str = match path.as_str() {
        "/probe" => "/probe",
        "/metrics" => "/metrics",
        "/health" => "/health",
        "/-/healthy" => "/-/healthy",
        "/-/reload" => "/-/reload",
        "/" => "/",
        _ => "other",
    };
    let mut response = route(&server, &request, endpoint, peer).await;
    server
        .metrics
        .answered(endpoint, response.status().as_u16());
    if response.status() == StatusCode::UNAUTHORIZED
        && let Some(challenge) = server.required.challenge()
        && let Ok(value) = challenge.parse()
    {
        response.headers_mut().insert(WWW_AUTHENTICATE, value);
    }
    response
}

async fn route(
    server: &Arc<Server>,
    request: &Request<Incoming>,
    endpoint: &'static str,
    peer: SocketAddr,
) -> Answer {
    let authorization = request.headers().get(AUTHORIZATION).map(|v| v.as_bytes());
    if !server.required.admits(authorization) {
        server.metrics.rejected("unauthorized");
        server.log(
            Level::Warn,
            "unauthorized request",
            &[("path", endpoint.into()), ("peer", peer.to_string())],
        );
        return text(StatusCode::UNAUTHORIZED, "authentication required");
    }
    let method = request.method();
    let reading = method == Method::GET || method == Method::HEAD;
    match (endpoint, reading, method == Method::POST) {
        ("/-/reload", _, true) => match server.reload("POST /-/reload") {
            Ok(()) => text(StatusCode::OK, "config reloaded"),
            Err(why) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!(
                    "config reload failed, the previous config stays in use: {}",
                    server.scrubber().scrub_str(&why)
                ),
            ),
        },
        ("/-/reload", _, false) => text(
            StatusCode::METHOD_NOT_ALLOWED,
            "reload with POST /-/reload (or SIGHUP)",
        ),
        (_, false, _) => text(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{endpoint} answers GET and HEAD"),
        ),
        ("/probe", true, _) => probe(server, request).await,
        ("/metrics", true, _) => answer(StatusCode::OK, EXPOSITION, server.metrics.render()),
        ("/health", true, _) => health(server, request).await,
        ("/-/healthy", true, _) => text(StatusCode::OK, "healthprobe serve is running"),
        ("/", true, _) => text(
            StatusCode::OK,
            "healthprobe serve: /probe?target=URL&module=NAME, /health, /metrics, /-/healthy, POST /-/reload",
        ),
        _ => text(
            StatusCode::NOT_FOUND,
            "no such endpoint: /probe, /health, /metrics, /-/healthy, /-/reload",
        ),
    }
}

/// The query's parameters, first of each name.
fn parameters(request: &Request<Incoming>) -> Vec<(String, String)> {
    let query = request.uri().query().unwrap_or_default();
    let mut seen: Vec<(String, String)> = Vec::new();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if !seen.iter().any(|(n, _)| *n == name) {
            seen.push((name.into_owned(), value.into_owned()));
        }
    }
    seen
}

fn parameter<'a>(parameters: &'a [(String, String)], name: &str) -> Option<&'a str> {
    parameters
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `GET /probe?target=URL&module=NAME[&debug=true]`.
async fn probe(server: &Arc<Server>, request: &Request<Incoming>) -> Answer {
    let started = Instant::now();
    let parameters = parameters(request);
    let loaded = server.loaded();
    let refuse = |code: StatusCode, reason: &'static str, message: String| {
        server.metrics.rejected(reason);
        text(code, message)
    };
    let module_name = parameter(&parameters, "module").unwrap_or(DEFAULT_MODULE);
    let Some(module) = loaded.modules.get(module_name) else {
        let mut names: Vec<&str> = loaded.modules.keys().map(String::as_str).collect();
        names.sort_unstable();
        return refuse(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!(
                "unknown module '{}'; the modules are {}",
                crate::text::escaped(module_name),
                names.join(", ")
            ),
        );
    };
    let Some(target_text) = parameter(&parameters, "target").filter(|t| !t.trim().is_empty())
    else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "a target is required: /probe?target=URL".into(),
        );
    };
    let url = match parse_target_url(target_text) {
        Ok(url) => url,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, "bad_request", e.0),
    };
    let shown = crate::redact::url(&url);
    if !loaded.allow.allows(&url) {
        server.log(
            Level::Warn,
            "target refused by the allow-list",
            &[("target", shown.clone()), ("module", module.name.clone())],
        );
        return refuse(
            StatusCode::FORBIDDEN,
            "not_allowed",
            format!(
                "target {shown} is not in the allow-list: add it to [serve] allow (URL globs and CIDRs), or start serve with --allow-any-target"
            ),
        );
    }
    let module_timeout = module.template.settings().probe.timeout;
    let timeout = scrape_timeout(request)
        .map_or(module_timeout, |scrape| scrape.min(module_timeout))
        .max(MIN_PROBE_TIMEOUT);
    let deadline = started + timeout;
    let permits = server
        .permits
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let Ok(Ok(_permit)) = tokio::time::timeout_at(deadline.into(), permits.acquire_owned()).await
    else {
        server.log(
            Level::Warn,
            "probe refused: too many probes in flight",
            &[
                ("target", shown),
                ("max_in_flight", loaded.max_in_flight.to_string()),
            ],
        );
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "overload",
            format!(
                "too many probes in flight ({}); raise --max-in-flight or spread the scrapes",
                loaded.max_in_flight
            ),
        );
    };
    let mut target = match module.template.target(url) {
        Ok(target) => target,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, "bad_request", e.0),
    };
    // A redirect must not lead where /probe would not go itself.
    if !loaded.allow.allows_any() {
        target.settings.probe.redirects_allowed = Some(loaded.allow.clone());
    }
    let client = match module.client(&target, &loaded.proxies) {
        Ok(client) => client,
        Err(e) => {
            return text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot build an HTTP client: {e:#}"),
            );
        }
    };
    let result = {
        let _counted = server.metrics.in_flight();
        let (observation, reading) =
            crate::pipeline::probe_target(&client, &target, Some(deadline)).await;
        crate::pipeline::judge_target(&target, observation, reading)
    };
    let took = started.elapsed();
    let result_name = status_name(result.status);
    server.metrics.probed(&module.name, result_name, took);
    let line = crate::report::summary(&result);
    let fields = [
        ("module", module.name.clone()),
        ("target", shown.clone()),
        ("result", result_name.into()),
        ("duration_seconds", format!("{:.3}", took.as_secs_f64())),
        ("summary", line),
    ];
    server.log(Level::Info, "probe", &fields);
    let exposition = probe_metrics::render_probe(&result, took);
    let scrubber = server.scrubber();
    if parameter(&parameters, "debug").is_some_and(|d| matches!(d, "true" | "1" | "yes")) {
        let body = debug_page(
            &result,
            &log::line(Level::Info, "probe", &fields),
            &exposition,
        );
        return answer(
            StatusCode::OK,
            "text/plain; charset=utf-8",
            scrubber.scrub_str(&body),
        );
    }
    answer(StatusCode::OK, EXPOSITION, scrubber.scrub_str(&exposition))
}

/// What `debug=true` answers: the probe's log, its human report (every check), and the metrics
/// it would have returned, as blackbox_exporter's debug page does.
fn debug_page(result: &TargetResult, log_line: &str, exposition: &str) -> String {
    let report = single_report(result.clone());
    let options = crate::report::OutputOptions {
        format: crate::report::OutputFormat::Human,
        color: false,
        verbose: true,
        explain: true,
        quiet: false,
        progress_is_live: false,
        max_bytes: None,
    };
    let mut human = Vec::new();
    let _ = crate::report::render(&report, &options, &mut human);
    format!(
        "Logs for the probe:\n{log_line}\n\nThe probe's report:\n{}\n\nMetrics that would have been returned:\n{exposition}",
        String::from_utf8_lossy(&human)
    )
}

/// A report of one result.
fn single_report(result: TargetResult) -> Report {
    Report::judge(vec![result], RunRules::default(), Vec::new(), false)
}

/// Prometheus' scrape timeout (`X-Prometheus-Scrape-Timeout-Seconds`) less the margin.
fn scrape_timeout(request: &Request<Incoming>) -> Option<Duration> {
    let seconds: f64 = request
        .headers()
        .get("x-prometheus-scrape-timeout-seconds")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    if !seconds.is_finite() || seconds <= 0.0 {
        return None;
    }
    let scrape = Duration::try_from_secs_f64(seconds).ok()?;
    Some(scrape.saturating_sub(SCRAPE_TIMEOUT_MARGIN))
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Ok => "ok",
        Status::Warning => "warning",
        Status::Critical => "critical",
        Status::Unknown => "unknown",
    }
}

/// `GET /health[?target=NAME]`: the config's targets, judged at most once per
/// `--health-cache`; 200 when OK or WARNING, 503 otherwise; the JSON report as the body.
async fn health(server: &Arc<Server>, request: &Request<Incoming>) -> Answer {
    let loaded = server.loaded();
    if loaded.targets.is_empty() {
        return text(
            StatusCode::NOT_FOUND,
            "no targets to judge: /health judges the config's [[target]] entries and the URLs given to serve",
        );
    }
    let report = health_report(server, &loaded).await;
    let parameters = parameters(request);
    let report = match parameter(&parameters, "target") {
        None => (*report).clone(),
        Some(name) => match report.results.iter().find(|r| r.target.name == name) {
            Some(result) => single_report(result.clone()),
            None => {
                let names: Vec<&str> = report
                    .results
                    .iter()
                    .map(|r| r.target.name.as_str())
                    .collect();
                return text(
                    StatusCode::NOT_FOUND,
                    format!(
                        "no target named '{}'; the targets are {}",
                        crate::text::escaped(name),
                        names.join(", ")
                    ),
                );
            }
        },
    };
    let options = crate::report::OutputOptions {
        format: crate::report::OutputFormat::Json,
        color: false,
        verbose: false,
        explain: false,
        quiet: false,
        progress_is_live: false,
        max_bytes: None,
    };
    let mut body = Vec::new();
    let _ = crate::report::render(&report, &options, &mut body);
    let code = match report.overall {
        Status::Ok | Status::Warning => StatusCode::OK,
        Status::Critical | Status::Unknown => StatusCode::SERVICE_UNAVAILABLE,
    };
    let body = String::from_utf8_lossy(&server.scrubber().scrub(&body)).into_owned();
    answer(code, "application/json", body)
}

/// The `/health` report: the cached one while it is fresh, otherwise every target probed again
/// (at most `-j` at once). Requests that arrive during a refresh wait for it and share it.
async fn health_report(server: &Arc<Server>, loaded: &Arc<Loaded>) -> Arc<Report> {
    let mut cache = server.health.lock().await;
    if let Some((made, report)) = cache.as_ref()
        && made.elapsed() < loaded.health_cache
    {
        return report.clone();
    }
    let started = Instant::now();
    let started_at = SystemTime::now();
    let permits = Arc::new(Semaphore::new(loaded.concurrency));
    let mut tasks = JoinSet::new();
    for (index, target) in loaded.targets.iter().enumerate() {
        let (target, permits, loaded) = (target.clone(), permits.clone(), loaded.clone());
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let deadline = Instant::now() + target.settings.probe.timeout;
            let seen = match loaded.health_client(&target) {
                Ok(client) => crate::pipeline::probe_target(&client, &target, Some(deadline)).await,
                Err(_) => crate::pipeline::interrupted(&target),
            };
            (
                index,
                crate::pipeline::judge_target(&target, seen.0, seen.1),
            )
        });
    }
    let mut results: Vec<Option<TargetResult>> = vec![None; loaded.targets.len()];
    while let Some(Ok((index, result))) = tasks.join_next().await {
        results[index] = Some(result);
    }
    let results: Vec<TargetResult> = results.into_iter().flatten().collect();
    let report = Arc::new(
        Report::judge(results, RunRules::default(), Vec::new(), false)
            .timed(started_at, started.elapsed()),
    );
    server.log(
        Level::Info,
        "health judged",
        &[
            ("result", status_name(report.overall).into()),
            ("targets", report.results.len().to_string()),
            (
                "duration_seconds",
                format!("{:.3}", started.elapsed().as_secs_f64()),
            ),
        ],
    );
    *cache = Some((Instant::now(), report.clone()));
    report
}

/// The credentials every request must carry (`--web-user`, `--web-bearer-token-file`).
fn required_credentials(
    args: &ServeArgs,
    env: &Environment<'_>,
) -> Result<auth::Required, UsageError> {
    match (&args.web_user, &args.web_bearer_token_file) {
        (Some(_), Some(_)) => Err(UsageError(
            "--web-user and --web-bearer-token-file both protect the listener: give one".into(),
        )),
        (Some(credentials), None) => {
            let password = credentials
                .password
                .clone()
                .or_else(|| (env.var)("HEALTHPROBE_WEB_PASSWORD").map(Secret::new))
                .filter(|p| !p.expose().is_empty())
                .ok_or_else(|| {
                    UsageError(
                        "--web-user needs a password: USER:PASSWORD, or HEALTHPROBE_WEB_PASSWORD"
                            .into(),
                    )
                })?;
            Ok(auth::Required::Basic {
                user: credentials.user.clone(),
                password,
            })
        }
        (None, Some(path)) => {
            let token = crate::plan::read_secret_file(path, "--web-bearer-token-file")?;
            Ok(auth::Required::Bearer(token))
        }
        (None, None) => Ok(auth::Required::Nothing),
    }
}

/// The TLS acceptor of `--web-tls-cert` and `--web-tls-key`.
fn tls_acceptor(args: &ServeArgs) -> Result<Option<tokio_rustls::TlsAcceptor>, UsageError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let (cert, key) = match (&args.web_tls_cert, &args.web_tls_key) {
        (None, None) => return Ok(None),
        (Some(cert), Some(key)) => (cert, key),
        _ => {
            return Err(UsageError(
                "--web-tls-cert and --web-tls-key go together".into(),
            ));
        }
    };
    use crate::inputs::{Kind, read};
    let cert_pem = read(cert, "--web-tls-cert", Kind::Credential)?;
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<_, _>>()
        .map_err(|e| UsageError(format!("--web-tls-cert {}: {e}", cert.display())))?;
    if chain.is_empty() {
        return Err(UsageError(format!(
            "--web-tls-cert {} holds no certificate",
            cert.display()
        )));
    }
    let key_pem = read(key, "--web-tls-key", Kind::Credential)?;
    let key = PrivateKeyDer::from_pem_slice(&key_pem)
        .map_err(|e| UsageError(format!("--web-tls-key {}: {e}", key.display())))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| UsageError(format!("TLS: {e}")))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| UsageError(format!("--web-tls-cert and --web-tls-key: {e}")))?;
    Ok(Some(tokio_rustls::TlsAcceptor::from(Arc::new(config))))
}

/// What a signal asks of the server.
enum Signal {
    Reload,
    Stop(&'static str),
}

/// SIGHUP, SIGTERM and SIGINT; a signal that cannot be watched never fires.
struct Signals {
    #[cfg(unix)]
    hangup: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn new() -> Signals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Signals {
                hangup: signal(SignalKind::hangup()).ok(),
                terminate: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    async fn next(&mut self) -> Signal {
        #[cfg(unix)]
        {
            let hangup = async {
                match self.hangup.as_mut() {
                    Some(hangup) => {
                        hangup.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let terminate = async {
                match self.terminate.as_mut() {
                    Some(terminate) => {
                        terminate.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = hangup => Signal::Reload,
                () = terminate => Signal::Stop("SIGTERM"),
                _ = tokio::signal::ctrl_c() => Signal::Stop("SIGINT"),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            Signal::Stop("SIGINT")
        }
    }
}
