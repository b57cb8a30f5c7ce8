//! The command-line definition: syntax and typed values only, no I/O.
//!
//! Every option also reads a `HEALTHPROBE_*` environment variable, because Docker's exec-form
//! HEALTHCHECK has no shell to build a command line and images are configured through env.
//! Flags win over env. Turning these raw values into a consistent run is `plan.rs`'s job.

use std::ffi::OsString;
use std::time::Duration;

use clap::builder::BoolishValueParser;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use serde_json_path::JsonPath;

use crate::evaluate::MaintenanceAs;
use crate::health::{Format, FormatChoice, Health};
use crate::pattern::Pattern;
use crate::range::Range;
use crate::redact::Secret;
use crate::report::OutputFormat;
use crate::request::{Method, TlsVersion};
use crate::rules::{Assertion, BodyRule, HeaderRule, Metric};
use crate::statuses::StatusSet;
use crate::verdict::Quorum;
use crate::version::VersionReq;

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

/// `--status-word WORD=STATE`: a service's own word and the state it means.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusWord {
    pub word: String,
    pub health: Health,
}

/// Parses `WORD=STATE` (the last `=` separates them, so a word may contain one).
pub(crate) fn parse_status_word(text: &str) -> Result<StatusWord, String> {
    const STATES: &str = "ok, warning, critical, unknown, maintenance";
    let Some((word, state)) = text.rsplit_once('=') else {
        return Err(format!(
            "'{}' is not WORD=STATE (e.g. DEGRADED=warning; STATE is one of {STATES})",
            crate::text::escaped(text)
        ));
    };
    let word = word.trim();
    if crate::health::words::normalise(word).is_empty() {
        return Err(format!(
            "'{}' has no word before '=' (letters or digits are needed)",
            crate::text::escaped(text)
        ));
    }
    let health = match state.trim().to_ascii_lowercase().as_str() {
        "ok" => Health::Ok,
        "warning" | "warn" => Health::Warning,
        "critical" | "crit" => Health::Critical,
        "unknown" => Health::Unknown,
        "maintenance" => Health::Maintenance,
        other => {
            return Err(format!(
                "'{}' is not a state; use one of {STATES}",
                crate::text::escaped(other)
            ));
        }
    };
    Ok(StatusWord {
        word: word.to_string(),
        health,
    })
}

/// A threshold flag's value: an empty string means "not set", as in Monitoring::Plugin, so an
/// empty `HEALTHPROBE_WARNING=` in an image's env disables the check instead of failing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold(pub Option<Range>);

/// `--report FORMAT=PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    pub format: OutputFormat,
    pub path: std::path::PathBuf,
}

/// One `-H` value: a header, or a file of headers.
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderArg {
    /// The value is kept as a secret: whether it is one depends on the name, known later.
    Header {
        name: String,
        value: Secret,
    },
    File(std::path::PathBuf),
}

/// `-u USER[:PASSWORD]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials {
    pub user: String,
    pub password: Option<Secret>,
}

/// `--resolve HOST:PORT:ADDR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveRule {
    /// Lower-cased.
    pub host: String,
    pub port: u16,
    pub address: std::net::IpAddr,
}

/// What `--wait` waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WaitFor {
    /// Every target OK.
    Ok,
    /// Every target OK or WARNING.
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

pub(crate) fn parse_threshold(text: &str) -> Result<Threshold, String> {
    if text.trim().is_empty() {
        return Ok(Threshold(None));
    }
    text.parse::<Range>()
        .map(|range| Threshold(Some(range)))
        .map_err(|e| e.to_string())
}

/// A value parser whose error is shown as it is rather than inside clap's "invalid value '...'
/// for '--flag':". Rules use it because their errors already name the flag and quote the rule
/// (a long rule would be quoted twice); credentials and headers because clap would echo a
/// value that may be a secret.
#[derive(Clone)]
struct RuleParser<T>(fn(&str) -> Result<T, String>);

impl<T: Clone + Send + Sync + 'static> clap::builder::TypedValueParser for RuleParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        use clap::error::ErrorKind;
        let text = value.to_str().ok_or_else(|| {
            let flag = arg.and_then(|a| a.get_long()).unwrap_or("rule");
            clap::Error::raw(
                ErrorKind::InvalidUtf8,
                format!("--{flag} is not valid UTF-8"),
            )
        })?;
        (self.0)(text).map_err(|message| clap::Error::raw(ErrorKind::ValueValidation, message))
    }
}

pub(crate) fn parse_metric(text: &str) -> Result<Metric, String> {
    Metric::parse(text, "--metric")
}

pub(crate) fn parse_assert(text: &str) -> Result<Assertion, String> {
    Assertion::parse(text, "--assert")
}

pub(crate) fn parse_assert_warn(text: &str) -> Result<Assertion, String> {
    Assertion::parse(text, "--assert-warn")
}

pub(crate) fn parse_header_rule(text: &str) -> Result<HeaderRule, String> {
    HeaderRule::parse(text)
}

pub(crate) fn parse_body_rule(text: &str) -> Result<BodyRule, String> {
    BodyRule::parse(text)
}

pub(crate) fn parse_banner(text: &str) -> Result<crate::request::Banner, String> {
    regex::RegexBuilder::new(text)
        .size_limit(1 << 20)
        .build()
        .map(crate::request::Banner)
        .map_err(|e| {
            format!(
                "invalid --expect-banner /{text}/: {}",
                crate::rules::regex_problem(&e)
            )
        })
}

pub(crate) fn parse_health_format(text: &str) -> Result<FormatChoice, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "auto" => Ok(FormatChoice::Auto),
        "none" => Ok(FormatChoice::None),
        name => Format::from_name(name)
            .map(FormatChoice::Forced)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::all().map(|f| f.name()).collect();
                format!(
                    "unknown health format '{text}'; use auto, none or one of: {}",
                    names.join(", ")
                )
            }),
    }
}

pub(crate) fn parse_pattern(text: &str) -> Result<Pattern, String> {
    Pattern::new(text)
}

pub(crate) fn parse_version_req(text: &str) -> Result<VersionReq, String> {
    text.parse()
}

pub(crate) fn parse_json_path(text: &str) -> Result<JsonPath, String> {
    crate::rules::parse_path(text.trim())
}

pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    crate::units::parse_duration(text)
}

/// Certificate thresholds are spoken of in days: `--cert-warn 30` is 30 days, not 30 seconds.
pub(crate) fn parse_cert_duration(text: &str) -> Result<Duration, String> {
    let trimmed = text.trim();
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return match trimmed.parse::<f64>() {
            Ok(days) if days > 0.0 => Duration::try_from_secs_f64(days * 86_400.0)
                .map_err(|_| format!("'{trimmed}' days is out of range")),
            Ok(_) => Err(format!("'{trimmed}' is zero; a duration must be positive")),
            Err(_) => Err(format!("'{trimmed}' is not a number of days")),
        };
    }
    crate::units::parse_duration(text)
}

/// `-H 'Name: value'` or `-H @FILE`. The value is never echoed in an error: it may be a token.
pub(crate) fn parse_header_arg(text: &str) -> Result<HeaderArg, String> {
    if let Some(path) = text.strip_prefix('@') {
        if path.trim().is_empty() {
            return Err("invalid --header: @FILE needs a file name after '@'".into());
        }
        return Ok(HeaderArg::File(path.trim().into()));
    }
    let (name, value) = parse_header_line(text)?;
    Ok(HeaderArg::Header {
        name,
        value: Secret::new(value),
    })
}

/// `Name: value` as a header to send: a valid name, and a value without line breaks or other
/// control characters (which would let a value smuggle in another header).
pub(crate) fn parse_header_line(text: &str) -> Result<(String, String), String> {
    let Some((name, value)) = text.split_once(':') else {
        // Nothing of the text is echoed: a header pasted without its name is a bare token.
        return Err("invalid --header: no ':' (write 'Name: value')".into());
    };
    let name = name.trim();
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(token) {
        return Err(format!(
            "invalid --header: '{}' is not a header name",
            crate::text::escaped(name)
        ));
    }
    let value = value.trim();
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(format!(
            "invalid --header: the value of {name} holds a line break or control character"
        ));
    }
    Ok((name.to_string(), value.to_string()))
}

pub(crate) fn parse_credentials(text: &str) -> Result<Credentials, String> {
    let (user, password) = match text.split_once(':') {
        Some((user, password)) => (user, Some(Secret::new(password))),
        None => (text, None),
    };
    if user.is_empty() {
        return Err("invalid --user: a user name is needed before ':'".into());
    }
    Ok(Credentials {
        user: user.to_string(),
        password,
    })
}

pub(crate) fn parse_resolve(text: &str) -> Result<ResolveRule, String> {
    let bad = || format!("'{text}' is not HOST:PORT:ADDR (for example api.test:443:10.0.0.7)");
    let (host, rest) = text.split_once(':').ok_or_else(bad)?;
    let (port, address) = rest.split_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    let address = address.trim_start_matches('[').trim_end_matches(']');
    let address: std::net::IpAddr = address
        .parse()
        .map_err(|_| format!("'{address}' in --resolve '{text}' is not an IP address"))?;
    if host.is_empty() {
        return Err(bad());
    }
    Ok(ResolveRule {
        host: host.to_ascii_lowercase(),
        port,
        address,
    })
}

pub(crate) fn parse_report_file(text: &str) -> Result<ReportFile, String> {
    let Some((format, path)) = text.split_once('=') else {
        return Err(format!(
            "'{text}' is not FORMAT=PATH (for example junit=report.xml)"
        ));
    };
    let format = OutputFormat::from_str(format.trim(), true).map_err(|_| {
        let names: Vec<String> = OutputFormat::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
            .collect();
        format!(
            "unknown report format '{}'; use {}",
            format.trim(),
            names.join(", ")
        )
    })?;
    if path.trim().is_empty() {
        return Err(format!("'{text}' has no path after '='"));
    }
    Ok(ReportFile {
        format,
        path: path.trim().into(),
    })
}

pub(crate) fn parse_quorum(text: &str) -> Result<Quorum, String> {
    text.parse()
}

pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    crate::units::parse_size(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::parse_args(std::iter::once("healthprobe").chain(args.iter().copied()))
    }

    /// clap's own parse, with every option propagated into the subcommands.
    fn parse_with_propagation(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("healthprobe").chain(args.iter().copied()))
    }

    #[test]
    fn parsing_without_propagation_gives_the_same_results_as_clap() {
        for args in [
            &["http://a.test/", "-w", "0.5", "-c", "2", "-o", "nagios"][..],
            &[
                "--header",
                "X-A: 1",
                "--ignore-component",
                "db",
                "a.test",
                "b.test",
            ],
            &[
                "-t",
                "3s",
                "--docker",
                "--metric",
                "m=$.a;1;2",
                "--assert",
                "$.s == UP",
                "u",
            ],
            &[
                "--wait",
                "30s",
                "--retries",
                "2",
                "--quorum",
                "2",
                "-j",
                "4",
                "a",
                "b",
                "c",
            ],
            &[
                "--noncritical",
                "cache",
                "--expect-status",
                "2xx",
                "--max-body",
                "1MiB",
                "u",
            ],
        ] {
            let ours = parse(args).unwrap();
            assert!(ours.command.is_none(), "{args:?}");
            let clap = parse_with_propagation(args).unwrap();
            assert_eq!(format!("{ours:?}"), format!("{clap:?}"), "{args:?}");
        }
    }

    #[test]
    fn parsing_without_propagation_gives_the_same_errors_as_clap() {
        for args in [
            &["--no-such-flag", "u"][..],
            &["-w", "x", "u"],
            &["--timeout"],
            &["--docke", "u"],
            &["-o", "yaml", "u"],
            &["--help"],
            &["--version"],
        ] {
            let ours = parse(args).unwrap_err();
            let clap = parse_with_propagation(args).unwrap_err();
            assert_eq!(ours.kind(), clap.kind(), "{args:?}");
            assert_eq!(
                ours.render().to_string(),
                clap.render().to_string(),
                "{args:?}"
            );
        }
    }

    #[test]
    fn options_after_a_subcommand_still_apply() {
        let cli = parse(&["demo", "-o", "nagios", "-w", "1"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Demo)));
        assert_eq!(format!("{:?}", cli.options.output), "Nagios");
        let propagated = parse_with_propagation(&["demo", "-o", "nagios", "-w", "1"]).unwrap();
        assert_eq!(format!("{cli:?}"), format!("{propagated:?}"));
    }

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_option_has_a_healthprobe_env_var() {
        let command = Cli::command();
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            // URLs come from HEALTHPROBE_URL through the plan, which splits it on spaces.
            if matches!(id, "help" | "version" | "urls") {
                continue;
            }
            let env = arg
                .get_env()
                .unwrap_or_else(|| panic!("--{id} has no environment variable"));
            let expected = format!("HEALTHPROBE_{}", id.to_ascii_uppercase().replace('-', "_"));
            assert_eq!(env.to_str(), Some(expected.as_str()), "--{id}");
        }
    }

    #[test]
    fn defaults_match_the_documentation() {
        let cli = parse(&["http://x.test/"]).unwrap();
        let o = cli.options;
        // Per-target options are unset here: their defaults are filled in by the plan, after
        // the config file's levels.
        assert_eq!(o.target.timeout, None);
        assert_eq!(o.concurrency, 16);
        assert_eq!(o.target.max_body, None);
        assert_eq!(o.target.expect_status, None);
        assert_eq!(o.target.health_format, None);
        assert_eq!(o.output, OutputFormat::Human);
        assert!(!o.docker && !o.quiet && !o.verbose);
        assert!(o.target.warning.is_none() && o.target.critical.is_none());
        assert_eq!(o.interval, Duration::from_secs(1));
        assert_eq!(o.wait_stable, 1);
        assert!(o.wait.is_none() && o.quorum.is_none() && o.deadline.is_none());
    }

    #[test]
    fn thresholds_parse_as_ranges_and_empty_means_unset() {
        let cli = parse(&["-w", "0.5", "-c", "@1:2", "u"]).unwrap();
        assert_eq!(
            cli.options.target.warning.unwrap().0.unwrap().to_string(),
            "0.5"
        );
        assert_eq!(
            cli.options.target.critical.unwrap().0.unwrap().to_string(),
            "@1:2"
        );
        let cli = parse(&["-w", "", "u"]).unwrap();
        assert_eq!(cli.options.target.warning, Some(Threshold(None)));
        assert!(parse(&["-w", "2:1", "u"]).is_err());
    }

    #[test]
    fn bad_values_are_rejected_by_the_parser() {
        for args in [
            &["-t", "soon", "u"][..],
            &["--expect-status", "2yy", "u"],
            &["-j", "0", "u"],
            &["--max-body", "lots", "u"],
            &["-o", "xml", "u"],
            &["-q", "-v", "u"],
            &["--no-such-flag", "u"],
        ] {
            assert!(parse(args).is_err(), "{args:?}");
        }
    }

    #[test]
    fn certificate_thresholds_read_a_bare_number_as_days() {
        let cli = parse(&["--cert-warn", "30", "--cert-crit", "12h", "u"]).unwrap();
        assert_eq!(
            cli.options.target.cert_warn,
            Some(Duration::from_secs(30 * 86_400))
        );
        assert_eq!(
            cli.options.target.cert_crit,
            Some(Duration::from_secs(12 * 3_600))
        );
        let cli = parse(&["--cert-warn", "1.5", "u"]).unwrap();
        assert_eq!(
            cli.options.target.cert_warn,
            Some(Duration::from_secs(129_600))
        );
        assert!(parse(&["--cert-warn", "1.5.2", "u"]).is_err());
        assert!(parse(&["--cert-warn", "0", "u"]).is_err());
    }

    #[test]
    fn demo_subcommand_takes_the_same_options() {
        for args in [&["demo", "-o", "nagios"][..], &["-o", "nagios", "demo"]] {
            let cli = parse(args).unwrap();
            assert!(matches!(cli.command, Some(Command::Demo)), "{args:?}");
            assert_eq!(cli.options.output, OutputFormat::Nagios, "{args:?}");
        }
    }
}
