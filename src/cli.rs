//! The command-line definition: syntax and typed values only, no I/O.
//!
//! Every option also reads a `HEALTHPROBE_*` environment variable, because Docker's exec-form
//! HEALTHCHECK has no shell to build a command line and images are configured through env.
//! Flags win over env. Turning these raw values into a consistent run is `plan.rs`'s job.

use std::ffi::OsString;
use std::time::Duration;

use clap::builder::BoolishValueParser;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use serde_json_path::JsonPath;

use crate::evaluate::MaintenanceAs;
use crate::health::FormatChoice;
use crate::pattern::Pattern;
use crate::report::OutputFormat;
use crate::request::{Method, TlsVersion};
use crate::rules::{Assertion, BodyRule, HeaderRule, Metric};
use crate::statuses::StatusSet;
use crate::verdict::Quorum;
use crate::version::VersionReq;

mod values;

pub use values::*;

#[derive(Debug, Parser)]
#[command(
    name = "healthprobe",
    version,
    about = "Probe health endpoints and exit with Nagios codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
    long_about = None,
    after_help = "Exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage errors too).\n\
                  With --docker: 0 healthy, 1 unhealthy, never 2."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// URLs to probe (a missing scheme means http://). Without any, the space-separated
    /// URLs in HEALTHPROBE_URL are probed.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,

    #[command(flatten)]
    pub options: Options,
}

impl Cli {
    /// Parses a command line (program name first), as `Cli::try_parse_from` would.
    ///
    /// Before parsing, clap copies every `global` option into every subcommand, and those copies
    /// were a third of the instructions of a whole probe's start-up. They are only read when a
    /// subcommand is on the command line, so when no argument names one, the options are parsed
    /// as plain top-level options: the same results and the same errors, without the copies.
    pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString>,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let mut command = Cli::command();
        let names_a_subcommand = |arg: &OsString| {
            arg == "help"
                || command
                    .get_subcommands()
                    .any(|sub| arg == sub.get_name() || sub.get_all_aliases().any(|a| arg == a))
        };
        if !args.iter().skip(1).any(names_a_subcommand) {
            command = command.mut_args(|arg| arg.global(false));
        }
        let mut matches = command.try_get_matches_from_mut(args)?;
        Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut command))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve a small sample service on 127.0.0.1 and probe it (healthy, slow and failing endpoints).
    Demo,
    /// Print the completion script for SHELL to stdout (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout.
    Man,
    /// Serve /probe (a Prometheus multi-target exporter, like blackbox_exporter's), /health (the
    /// config's targets, for a kubelet httpGet probe) and /metrics over HTTP, until stopped.
    Serve(ServeArgs),
}

/// The options of `healthprobe serve`; every other option applies to its default module.
#[derive(Debug, Clone, Default, Args)]
pub struct ServeArgs {
    /// URLs /health judges, besides the config's [[target]] entries (and /probe accepts).
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,

    /// Listen on this address [default: 127.0.0.1:9468; the [serve] table's `listen`].
    #[arg(long, value_name = "ADDR", env = "HEALTHPROBE_LISTEN")]
    pub listen: Option<String>,

    /// Let /probe probe any target, not only the allow-list's: an open proxy, only behind
    /// authentication or on a trusted network.
    #[arg(long, env = "HEALTHPROBE_ALLOW_ANY_TARGET", value_parser = BoolishValueParser::new(),
          default_value_t = false, num_args = 0, default_missing_value = "true")]
    pub allow_any_target: bool,

    /// At most N probes at once; a probe beyond waits within its scrape timeout, then gets 429
    /// [default: 64].
    #[arg(long, value_name = "N", env = "HEALTHPROBE_MAX_IN_FLIGHT",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_in_flight: Option<u32>,

    /// How long /health reuses a verdict before probing the targets again [default: 10s].
    #[arg(long, value_name = "DURATION", env = "HEALTHPROBE_HEALTH_CACHE", value_parser = parse_duration)]
    pub health_cache: Option<Duration>,

    /// Require basic authentication with this user on every endpoint; the password is
    /// HEALTHPROBE_WEB_PASSWORD when not given here.
    #[arg(long, value_name = "USER[:PASSWORD]", env = "HEALTHPROBE_WEB_USER",
          value_parser = RuleParser(parse_credentials))]
    pub web_user: Option<Credentials>,

    /// Require a bearer token on every endpoint: the one in FILE.
    #[arg(long, value_name = "FILE", env = "HEALTHPROBE_WEB_BEARER_TOKEN_FILE")]
    pub web_bearer_token_file: Option<std::path::PathBuf>,

    /// Serve HTTPS with this certificate chain (PEM, leaf first); needs --web-tls-key.
    #[arg(long, value_name = "FILE", env = "HEALTHPROBE_WEB_TLS_CERT")]
    pub web_tls_cert: Option<std::path::PathBuf>,

    /// The private key (PEM) of --web-tls-cert.
    #[arg(long, value_name = "FILE", env = "HEALTHPROBE_WEB_TLS_KEY")]
    pub web_tls_key: Option<std::path::PathBuf>,
}

/// Settings that apply to each target. The same set can be given on the command line, in the
/// environment, and in a config file's `[defaults]` and `[[target]]` tables, so every field is
/// optional here: `None` or an empty list means "not given at this level", and `plan.rs` layers
/// the levels (built-in defaults < `[defaults]` < `[[target]]` < environment < command line; lists
/// add up) before filling in the defaults.
#[derive(Debug, Clone, Default, Args)]
pub struct TargetOptions {
    /// Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399].
    #[arg(
        global = true,
        long,
        value_name = "LIST",
        env = "HEALTHPROBE_EXPECT_STATUS"
    )]
    pub expect_status: Option<StatusSet>,

    /// Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2).
    #[arg(global = true, short, long, value_name = "RANGE", env = "HEALTHPROBE_WARNING", value_parser = parse_threshold)]
    pub warning: Option<Threshold>,

    /// Response time (seconds) past which a target is CRITICAL, as a Nagios range.
    #[arg(global = true, short, long, value_name = "RANGE", env = "HEALTHPROBE_CRITICAL", value_parser = parse_threshold)]
    pub critical: Option<Threshold>,

    /// Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is
    /// seconds) [default: 10s].
    #[arg(global = true, short, long, value_name = "DURATION", env = "HEALTHPROBE_TIMEOUT", value_parser = parse_duration)]
    pub timeout: Option<Duration>,

    /// Bound on establishing the connection [default: the --timeout value].
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_CONNECT_TIMEOUT", value_parser = parse_duration)]
    pub connect_timeout: Option<Duration>,

    /// Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL
    /// [default: 1MiB].
    #[arg(global = true, long, value_name = "SIZE", env = "HEALTHPROBE_MAX_BODY", value_parser = parse_size)]
    pub max_body: Option<u64>,

    /// How to read the body: auto (detect the format), none (ignore the body), or one of the
    /// format names listed in the README [default: auto].
    #[arg(global = true, long, value_name = "FORMAT", env = "HEALTHPROBE_HEALTH_FORMAT",
          value_parser = parse_health_format)]
    pub health_format: Option<FormatChoice>,

    /// Give a service's own state word a meaning, WORD=STATE with STATE one of ok, warning,
    /// critical, unknown, maintenance (DEGRADED=warning, IMPAIRED=critical; repeatable). It wins
    /// over every built-in vocabulary, in every format.
    #[arg(global = true, long, value_name = "WORD=STATE", env = "HEALTHPROBE_STATUS_WORD",
          value_delimiter = ',', value_parser = parse_status_word)]
    pub status_word: Vec<StatusWord>,

    /// Read the document's own state at this JSONPath, for a document read wrongly (e.g.
    /// $.health.overall); the body is then read by the generic reader.
    #[arg(global = true, long, value_name = "JSONPATH", env = "HEALTHPROBE_STATUS_PATH",
          value_parser = parse_json_path)]
    pub status_path: Option<JsonPath>,

    /// Take every value this JSONPath selects as a component (e.g. '$.checks[*]',
    /// '$.services.*'), instead of the components the reader finds; named by their name field
    /// or key.
    #[arg(global = true, long, value_name = "JSONPATH", env = "HEALTHPROBE_COMPONENT_PATH",
          value_parser = parse_json_path)]
    pub component_path: Option<JsonPath>,

    /// Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable).
    #[arg(global = true, long, value_name = "PATTERN", env = "HEALTHPROBE_IGNORE_COMPONENT",
          value_delimiter = ',', value_parser = parse_pattern)]
    pub ignore_component: Vec<Pattern>,

    /// A failing component matching PATTERN is WARNING, not CRITICAL (repeatable).
    #[arg(global = true, long, value_name = "PATTERN", env = "HEALTHPROBE_NONCRITICAL",
          value_delimiter = ',', value_parser = parse_pattern)]
    pub noncritical: Vec<Pattern>,

    /// A component matching PATTERN must be reported; missing is CRITICAL (repeatable).
    #[arg(global = true, long, value_name = "PATTERN", env = "HEALTHPROBE_REQUIRE_COMPONENT",
          value_delimiter = ',', value_parser = parse_pattern)]
    pub require_component: Vec<Pattern>,

    /// How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count
    /// [default: critical when the server answered 5xx, otherwise warning].
    #[arg(
        global = true,
        long,
        value_name = "STATE",
        env = "HEALTHPROBE_MAINTENANCE"
    )]
    pub maintenance: Option<MaintenanceAs>,

    /// Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact
    /// version (=26.07, or a plain 26.07) or a regex (~^26\.0[7-9]).
    #[arg(global = true, long, value_name = "REQ", env = "HEALTHPROBE_EXPECT_VERSION",
          value_parser = parse_version_req)]
    pub expect_version: Option<VersionReq>,

    /// Read the version from this URL instead of the health document; a path such as /version is
    /// resolved against each target's URL.
    #[arg(
        global = true,
        long,
        value_name = "URL",
        env = "HEALTHPROBE_VERSION_URL"
    )]
    pub version_url: Option<String>,

    /// Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version.
    #[arg(global = true, long, value_name = "JSONPATH", env = "HEALTHPROBE_VERSION_PATH",
          value_parser = parse_json_path)]
    pub version_path: Option<JsonPath>,

    /// Judge a number in the JSON body: 'LABEL=JSONPATH;WARN;CRIT[;UOM]' with Nagios ranges, also
    /// emitted as perfdata (repeatable; one rule per line in the env var).
    #[arg(global = true, long, value_name = "RULE", env = "HEALTHPROBE_METRIC",
          value_delimiter = '\n', value_parser = RuleParser(parse_metric))]
    pub metric: Vec<Metric>,

    /// Require 'JSONPATH OP VALUE' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or
    /// 'JSONPATH exists' / 'JSONPATH !exists'; failing is CRITICAL (repeatable).
    #[arg(global = true, long, value_name = "RULE", env = "HEALTHPROBE_ASSERT",
          value_delimiter = '\n', value_parser = RuleParser(parse_assert))]
    pub assert: Vec<Assertion>,

    /// Like --assert, but failing is WARNING (repeatable).
    #[arg(global = true, long, value_name = "RULE", env = "HEALTHPROBE_ASSERT_WARN",
          value_delimiter = '\n', value_parser = RuleParser(parse_assert_warn))]
    pub assert_warn: Vec<Assertion>,

    /// The response must have header NAME with a value matching REGEX ('NAME: REGEX'; repeatable).
    #[arg(global = true, long, value_name = "'NAME: REGEX'", env = "HEALTHPROBE_EXPECT_HEADER",
          value_delimiter = '\n', value_parser = RuleParser(parse_header_rule))]
    pub expect_header: Vec<HeaderRule>,

    /// The body must match REGEX, for plain-text endpoints (repeatable).
    #[arg(global = true, long, value_name = "REGEX", env = "HEALTHPROBE_EXPECT_BODY",
          value_delimiter = '\n', value_parser = RuleParser(parse_body_rule))]
    pub expect_body: Vec<BodyRule>,

    /// An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare
    /// number is days, as check_http -C takes it).
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_CERT_WARN", value_parser = parse_cert_duration)]
    pub cert_warn: Option<Duration>,

    /// An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days).
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_CERT_CRIT", value_parser = parse_cert_duration)]
    pub cert_crit: Option<Duration>,

    /// Also trust the CA certificates in this PEM file (for private CAs).
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_CACERT")]
    pub cacert: Option<std::path::PathBuf>,

    /// Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502,
    /// 503, 504) before judging it [default: 0].
    #[arg(global = true, long, value_name = "N", env = "HEALTHPROBE_RETRIES",
          value_parser = clap::value_parser!(u32).range(0..=100))]
    pub retries: Option<u32>,

    /// Pause between retries of one probe [default: 1s].
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_RETRY_DELAY", value_parser = parse_duration)]
    pub retry_delay: Option<Duration>,

    /// Also treat these HTTP statuses as transient: retried by --retries, and waited out by
    /// --wait instead of ending it (401, 403 and 404 otherwise end a wait at once).
    #[arg(global = true, long, value_name = "LIST", env = "HEALTHPROBE_RETRY_ON")]
    pub retry_on: Option<StatusSet>,

    /// Send this header, 'Name: value' (repeatable); @FILE reads one header per line.
    #[arg(global = true, short = 'H', long, value_name = "'NAME: VALUE'|@FILE", env = "HEALTHPROBE_HEADER",
          value_delimiter = '\n', value_parser = RuleParser(parse_header_arg))]
    pub header: Vec<HeaderArg>,

    /// Basic authentication, USER[:PASSWORD]; without the password, HEALTHPROBE_PASSWORD gives it.
    #[arg(global = true, short, long, value_name = "USER[:PASSWORD]", env = "HEALTHPROBE_USER",
          value_parser = RuleParser(parse_credentials))]
    pub user: Option<Credentials>,

    /// Bearer authentication with the token in FILE (HEALTHPROBE_BEARER_TOKEN gives it directly),
    /// so that the token is not on the command line where ps shows it.
    #[arg(
        global = true,
        long,
        value_name = "FILE",
        env = "HEALTHPROBE_BEARER_TOKEN_FILE"
    )]
    pub bearer_token_file: Option<std::path::PathBuf>,

    /// The request method [default: GET].
    #[arg(
        global = true,
        short = 'X',
        long,
        value_name = "METHOD",
        env = "HEALTHPROBE_METHOD",
        ignore_case = true
    )]
    pub method: Option<Method>,

    /// Send this body (implies POST unless -X says otherwise); @FILE reads it from a file.
    #[arg(
        global = true,
        long,
        value_name = "DATA|@FILE",
        env = "HEALTHPROBE_DATA"
    )]
    pub data: Option<String>,

    /// The User-Agent header [default: healthprobe/VERSION].
    #[arg(
        global = true,
        short = 'A',
        long,
        value_name = "AGENT",
        env = "HEALTHPROBE_USER_AGENT"
    )]
    pub user_agent: Option<String>,

    /// Send this Host header (a virtual host), whatever host the URL names.
    #[arg(
        global = true,
        long,
        value_name = "NAME",
        env = "HEALTHPROBE_HOST_HEADER"
    )]
    pub host_header: Option<String>,

    /// Connect to ADDR for HOST:PORT instead of resolving the name, as curl's --resolve does
    /// (repeatable).
    #[arg(global = true, long, value_name = "HOST:PORT:ADDR", env = "HEALTHPROBE_RESOLVE",
          value_delimiter = ',', value_parser = parse_resolve)]
    pub resolve: Vec<ResolveRule>,

    /// Present this client certificate (PEM, leaf first) for mutual TLS; needs --key.
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_CERT")]
    pub cert: Option<std::path::PathBuf>,

    /// The private key (PEM) of --cert.
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_KEY")]
    pub key: Option<std::path::PathBuf>,

    /// Do not verify the server's certificate (every report then says so).
    #[arg(global = true, short = 'k', long, env = "HEALTHPROBE_INSECURE", value_parser = BoolishValueParser::new(),
          num_args = 0, default_missing_value = "true")]
    pub insecure: Option<bool>,

    /// The oldest TLS version accepted [default: 1.2].
    #[arg(
        global = true,
        long,
        value_name = "VERSION",
        env = "HEALTHPROBE_TLS_MIN"
    )]
    pub tls_min: Option<TlsVersion>,

    /// Trust only the compiled-in roots (and --cacert), not the system's certificate store.
    #[arg(global = true, long, env = "HEALTHPROBE_NO_SYSTEM_CERTS", value_parser = BoolishValueParser::new(),
          num_args = 0, default_missing_value = "true")]
    pub no_system_certs: Option<bool>,

    /// Send the request over this Unix domain socket; the URL still gives the path and Host.
    #[arg(
        global = true,
        long,
        value_name = "PATH",
        env = "HEALTHPROBE_UNIX_SOCKET"
    )]
    pub unix_socket: Option<std::path::PathBuf>,

    /// Use this proxy (http://, https:// or socks5://) instead of the environment's.
    #[arg(global = true, long, value_name = "URL", env = "HEALTHPROBE_PROXY")]
    pub proxy: Option<String>,

    /// Use no proxy, whatever the environment says.
    #[arg(global = true, long, env = "HEALTHPROBE_NO_PROXY", value_parser = BoolishValueParser::new(),
          num_args = 0, default_missing_value = "true")]
    pub no_proxy: Option<bool>,

    /// Follow at most N redirects [default: 5].
    #[arg(global = true, long, value_name = "N", env = "HEALTHPROBE_MAX_REDIRECTS",
          value_parser = clap::value_parser!(u32).range(0..=50))]
    pub max_redirects: Option<u32>,

    /// Do not follow redirects: judge the 3xx answer itself.
    #[arg(global = true, long, env = "HEALTHPROBE_NO_FOLLOW", value_parser = BoolishValueParser::new(),
          num_args = 0, default_missing_value = "true")]
    pub no_follow: Option<bool>,

    /// Speak HTTP/2 from the first byte over plain http (h2c); HTTPS negotiates HTTP/2 anyway.
    #[arg(global = true, long, env = "HEALTHPROBE_HTTP2_PRIOR_KNOWLEDGE", value_parser = BoolishValueParser::new(),
          num_args = 0, default_missing_value = "true")]
    pub http2_prior_knowledge: Option<bool>,

    /// Check the server name a TLS certificate must carry, instead of the URL's host: for a
    /// target reached by address (grpcs://10.0.0.5:443) or through a tunnel.
    #[arg(
        global = true,
        long,
        value_name = "NAME",
        env = "HEALTHPROBE_TLS_SERVER_NAME"
    )]
    pub tls_server_name: Option<String>,

    /// gRPC targets: ask grpc.health.v1 Check about this service (?service= in the URL wins)
    /// [default: the whole server].
    #[arg(
        global = true,
        long,
        value_name = "NAME",
        env = "HEALTHPROBE_GRPC_SERVICE"
    )]
    pub grpc_service: Option<String>,

    /// gRPC targets: ask List (every service becomes a component); =false asks Check only
    /// [default: List, and Check where the server does not implement List].
    #[arg(global = true, long, value_name = "BOOL", env = "HEALTHPROBE_GRPC_LIST", value_parser = BoolishValueParser::new(),
          num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub grpc_list: Option<bool>,

    /// tcp:// and tls:// targets: send TEXT once connected (\r, \n, \t and \\ escapes).
    #[arg(global = true, long, value_name = "TEXT", env = "HEALTHPROBE_SEND")]
    pub send: Option<String>,

    /// tcp:// and tls:// targets: read until what the server sends matches REGEX (a banner,
    /// +PONG); CRITICAL when it does not within the timeout.
    #[arg(global = true, long, value_name = "REGEX", env = "HEALTHPROBE_EXPECT_BANNER",
          value_parser = RuleParser(parse_banner))]
    pub expect_banner: Option<crate::request::Banner>,

    /// Treat this header as secret: its value is shown as *** everywhere (repeatable;
    /// Authorization, Cookie and *-Token style names always are).
    #[arg(
        global = true,
        long,
        value_name = "NAME",
        env = "HEALTHPROBE_SECRET_HEADER",
        value_delimiter = ','
    )]
    pub secret_header: Vec<String>,
}

/// Options of a run; global so that `healthprobe demo -o nagios` and `healthprobe -v demo` both work.
#[derive(Debug, Clone, Args)]
pub struct Options {
    #[command(flatten)]
    pub target: TargetOptions,

    /// Read targets and their settings from this TOML file (see the README for the schema).
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_CONFIG")]
    pub config: Option<std::path::PathBuf>,

    /// Probe at most N targets at once.
    #[arg(global = true, short = 'j', long, value_name = "N", env = "HEALTHPROBE_CONCURRENCY", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub concurrency: u16,

    /// With several targets, make differing versions a WARNING that names who runs what.
    #[arg(global = true, long, env = "HEALTHPROBE_SAME_VERSION", value_parser = BoolishValueParser::new(),
          default_value_t = false, num_args = 0, default_missing_value = "true")]
    pub same_version: bool,

    /// Resolve the targets and their settings (config file, environment, flags), list them and
    /// exit 0 without sending a request: a check of a config file.
    #[arg(global = true, long, env = "HEALTHPROBE_DRY_RUN", value_parser = BoolishValueParser::new(),
          default_value_t = false, num_args = 0, default_missing_value = "true")]
    pub dry_run: bool,

    /// Probe again until every target is healthy or DURATION has passed, then report the last
    /// round (for CI and compose right after a deploy).
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_WAIT", value_parser = parse_duration)]
    pub wait: Option<Duration>,

    /// With --wait, the state that counts as healthy: ok, or warning to accept WARNING too.
    #[arg(
        global = true,
        long,
        value_name = "STATE",
        env = "HEALTHPROBE_WAIT_FOR",
        default_value = "ok"
    )]
    pub wait_for: WaitFor,

    /// With --wait, require N consecutive healthy rounds (every target probed each round).
    #[arg(global = true, long, value_name = "N", env = "HEALTHPROBE_WAIT_STABLE", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub wait_stable: u32,

    /// With --wait, the first pause between rounds; it doubles (with jitter) up to 15s.
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_INTERVAL", default_value = "1s",
          value_parser = parse_duration)]
    pub interval: Duration,

    /// The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but
    /// some are, CRITICAL when none are [default: every target counts, worst first].
    #[arg(global = true, long, value_name = "N|N%", env = "HEALTHPROBE_QUORUM", value_parser = parse_quorum)]
    pub quorum: Option<Quorum>,

    /// Bound on the whole run: every probe, retry and wait round.
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_DEADLINE", value_parser = parse_duration)]
    pub deadline: Option<Duration>,

    /// Output format.
    #[arg(
        global = true,
        short,
        long,
        value_name = "FORMAT",
        env = "HEALTHPROBE_OUTPUT",
        default_value = "human"
    )]
    pub output: OutputFormat,

    /// Also write a report to a file, as FORMAT=PATH (json=report.json, junit=junit.xml);
    /// repeatable. Written whole or not at all (a temporary file renamed into place).
    #[arg(global = true, long, value_name = "FORMAT=PATH", env = "HEALTHPROBE_REPORT",
          value_delimiter = ',', value_parser = parse_report_file)]
    pub report: Vec<ReportFile>,

    /// When to colour human output (NO_COLOR is honoured with auto).
    #[arg(
        global = true,
        long,
        value_name = "WHEN",
        env = "HEALTHPROBE_COLOR",
        default_value = "auto"
    )]
    pub color: ColorWhen,

    /// Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2.
    #[arg(global = true, long, env = "HEALTHPROBE_DOCKER", value_parser = BoolishValueParser::new(), default_value_t = false,
          num_args = 0, default_missing_value = "true")]
    pub docker: bool,

    /// With --docker, treat WARNING as unhealthy (exit 1) too.
    #[arg(global = true, long, env = "HEALTHPROBE_WARNING_IS_UNHEALTHY", value_parser = BoolishValueParser::new(),
          default_value_t = false, num_args = 0, default_missing_value = "true")]
    pub warning_is_unhealthy: bool,

    /// Print nothing; the exit code is the answer.
    #[arg(global = true, short, long, env = "HEALTHPROBE_QUIET", value_parser = BoolishValueParser::new(),
          default_value_t = false, num_args = 0, default_missing_value = "true", conflicts_with = "verbose")]
    pub quiet: bool,

    /// Show how each body was read: the format chosen and the evidence for it, where each
    /// component's state and the version were found, and what was set aside as data.
    #[arg(global = true, long, env = "HEALTHPROBE_EXPLAIN", value_parser = BoolishValueParser::new(),
          default_value_t = false, num_args = 0, default_missing_value = "true")]
    pub explain: bool,

    /// Also show each request, the response status line, headers and timing.
    #[arg(global = true, short, long, env = "HEALTHPROBE_VERBOSE", value_parser = BoolishValueParser::new(),
          default_value_t = false, num_args = 0, default_missing_value = "true")]
    pub verbose: bool,
}

#[cfg(test)]
mod tests;
