//! The command-line definition: syntax and typed values only, no I/O.
//!
//! Every option also reads a `HEALTHPROBE_*` environment variable, because Docker's exec-form
//! HEALTHCHECK has no shell to build a command line and images are configured through env.
//! Flags win over env. Turning these raw values into a consistent run is `plan.rs`'s job.

use std::ffi::OsString;
use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

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

mod unit_apart;
mod values;

pub use values::*;

/// The groups of `--help` and of the man page, in the order they are shown. clap shows a
/// heading where its first option is declared, so the fields below follow this order.
#[cfg_attr(not(test), allow(dead_code))]
pub const HEADINGS: [&str; 9] = [
    TARGETS, DOCUMENTS, VERSIONS, RULES, HTTP, TLS, FLEETS, OUTPUT, DOCKER,
];
const TARGETS: &str = "Targets and thresholds";
const DOCUMENTS: &str = "Health documents and components";
const VERSIONS: &str = "Versions";
const RULES: &str = "Rules";
const HTTP: &str = "HTTP";
const TLS: &str = "TLS";
const FLEETS: &str = "Fleets and waiting";
const OUTPUT: &str = "Output";
const DOCKER: &str = "Docker";
/// The options of `healthprobe serve` itself.
const SERVE: &str = "Serve";

#[derive(Debug, Parser)]
#[command(
    name = "healthprobe",
    version,
    about = "Probe health endpoints and exit with Nagios codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
    long_about = None,
    // Our own -h/--help and -V/--version, so that they sit under a heading like every option.
    disable_help_flag = true,
    disable_version_flag = true,
    // `help` is our subcommand: it also knows the topics.
    disable_help_subcommand = true,
    after_help = "Exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage errors too); --docker: 0 or 1.\n\
                  --help shows all options; topics: `healthprobe help formats`, `healthprobe help config`",
    after_long_help = "Exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage errors too).\n\
                       With --docker: 0 healthy, 1 unhealthy, never 2.\n\n\
                       Topics: `healthprobe help formats` lists the health formats, \
                       `healthprobe help config` the config file's sections and keys."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// URLs to probe; without any, those in HEALTHPROBE_URL
    ///
    /// A missing scheme means http://. HEALTHPROBE_URL holds space-separated URLs. A `help` before
    /// any URL is the help command: a target called help is written http://help/.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,

    #[command(flatten)]
    pub options: Options,
}

impl Cli {
    /// Parses a command line (program name first), as `Cli::try_parse_from` would, after
    /// refusing a unit written apart from its number (see [`unit_apart`]).
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
            command
                .get_subcommands()
                .any(|sub| arg == sub.get_name() || sub.get_all_aliases().any(|a| arg == a))
        };
        let plain_options = !args.iter().skip(1).any(names_a_subcommand);
        // -h is the short page: the variables' names are left to --help, where every option
        // shows its own, so that the options used most fit on one screen.
        let short_help = args.iter().skip(1).any(|arg| arg == "-h");
        if plain_options || short_help {
            command = command.mut_args(|arg| {
                let arg = if plain_options {
                    arg.global(false)
                } else {
                    arg
                };
                if short_help { arg.hide_env(true) } else { arg }
            });
        }
        unit_apart::check(&args, &command)?;
        let mut matches = command.try_get_matches_from_mut(args)?;
        Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut command))
    }
}

/// Every subcommand takes the global -h/--help instead of one of its own.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve a sample service on 127.0.0.1 and probe it
    ///
    /// Its endpoints are healthy, slow and failing, to see every outcome without a service.
    #[command(disable_help_flag = true)]
    Demo,
    /// Print the completion script for SHELL
    ///
    /// To stdout; SHELL is bash, zsh, fish, powershell or elvish.
    #[command(disable_help_flag = true)]
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout
    #[command(disable_help_flag = true)]
    Man,
    /// Serve /probe, /health and /metrics over HTTP, until stopped
    ///
    /// /probe is a Prometheus multi-target exporter, like blackbox_exporter's; /health judges
    /// the config's targets, for a kubelet httpGet probe; /metrics is serve's own.
    #[command(disable_help_flag = true)]
    Serve(ServeArgs),
    /// Print all options, or a topic: formats, config
    ///
    /// Without a topic, the full help (as --help). formats lists the --health-format names,
    /// config the config file's sections and keys; serve, demo, completions and man print that
    /// subcommand's help.
    #[command(disable_help_flag = true)]
    Help {
        #[arg(value_name = "TOPIC")]
        topic: Option<HelpTopic>,
    },
}

/// What `healthprobe help TOPIC` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HelpTopic {
    /// The health formats --health-format accepts, each with what identifies it.
    Formats,
    /// The config file's sections and keys.
    Config,
    /// `healthprobe serve --help`.
    Serve,
    /// `healthprobe demo --help`.
    Demo,
    /// `healthprobe completions --help`.
    Completions,
    /// `healthprobe man --help`.
    Man,
}

/// The options of `healthprobe serve`; every other option applies to its default module.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = SERVE)]
pub struct ServeArgs {
    /// URLs /health judges, besides the config's [[target]] entries
    ///
    /// /probe accepts them too.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,

    /// Listen on this address [default: 127.0.0.1:9468; the [serve] table's `listen`]
    #[arg(long, value_name = "ADDR", env = "HEALTHPROBE_LISTEN")]
    pub listen: Option<String>,

    /// Let /probe probe any target, not only the allow-list's
    ///
    /// That is an open proxy: only behind authentication or on a trusted network.
    #[arg(long, env = "HEALTHPROBE_ALLOW_ANY_TARGET", value_parser = Switch,
          default_value_t = false, num_args = 0, default_missing_value = "true")]
    pub allow_any_target: bool,

    /// At most N probes at once [default: 64]
    ///
    /// A probe beyond waits within its scrape timeout, then gets 429.
    #[arg(long, value_name = "N", env = "HEALTHPROBE_MAX_IN_FLIGHT",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_in_flight: Option<u32>,

    /// How long /health reuses a verdict before probing the targets again [default: 10s]
    #[arg(long, value_name = "DURATION", env = "HEALTHPROBE_HEALTH_CACHE", value_parser = parse_duration)]
    pub health_cache: Option<Duration>,

    /// Require basic authentication with this user on every endpoint
    ///
    /// The password is HEALTHPROBE_WEB_PASSWORD when not given here.
    #[arg(long, value_name = "USER[:PASSWORD]", env = "HEALTHPROBE_WEB_USER",
          value_parser = RuleParser(parse_credentials))]
    pub web_user: Option<Credentials>,

    /// Require a bearer token on every endpoint: the one in FILE
    #[arg(long, value_name = "FILE", env = "HEALTHPROBE_WEB_BEARER_TOKEN_FILE")]
    pub web_bearer_token_file: Option<std::path::PathBuf>,

    /// Serve HTTPS with this certificate chain (PEM, leaf first); needs --web-tls-key
    #[arg(long, value_name = "FILE", env = "HEALTHPROBE_WEB_TLS_CERT")]
    pub web_tls_cert: Option<std::path::PathBuf>,

    /// The private key (PEM) of --web-tls-cert
    #[arg(long, value_name = "FILE", env = "HEALTHPROBE_WEB_TLS_KEY")]
    pub web_tls_key: Option<std::path::PathBuf>,
}

/// Settings that apply to each target. The same set can be given on the command line, in the
/// environment, and in a config file's `[defaults]` and `[[target]]` tables, so every field is
/// optional here: `None` or an empty list means "not given at this level", and `plan.rs` layers
/// the levels (built-in defaults < `[defaults]` < `[[target]]` < environment < command line; lists
/// add up) before filling in the defaults.
///
/// Options marked `hide_short_help` are left out of `-h`, which shows the few most used.
#[derive(Debug, Clone, Default, Args)]
pub struct TargetOptions {
    /// Accepted HTTP statuses [default: 200-399]
    ///
    /// 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301; any other status is CRITICAL.
    #[arg(global = true, long, value_name = "LIST", env = "HEALTHPROBE_EXPECT_STATUS",
          help_heading = TARGETS)]
    pub expect_status: Option<StatusSet>,

    /// Response time (seconds) past which a target is WARNING, a Nagios range
    ///
    /// 0.5 (slower than half a second), ~:0.5, 1: (faster than a second), @1:2 (inside 1 to 2); an
    /// empty value means unset.
    #[arg(global = true, short, long, value_name = "RANGE", env = "HEALTHPROBE_WARNING", value_parser = parse_threshold,
          help_heading = TARGETS)]
    pub warning: Option<Threshold>,

    /// Response time (seconds) past which a target is CRITICAL
    ///
    /// A Nagios range, as --warning takes; critical is checked first.
    #[arg(global = true, short, long, value_name = "RANGE", env = "HEALTHPROBE_CRITICAL", value_parser = parse_threshold,
          help_heading = TARGETS)]
    pub critical: Option<Threshold>,

    /// Bound on each whole request [default: 10s]
    ///
    /// Connect, headers and body together: 500ms, 2s, 1m, or a bare number of seconds (10, 0.5).
    /// The unit goes with the number.
    #[arg(global = true, short, long, value_name = "DURATION", env = "HEALTHPROBE_TIMEOUT", value_parser = parse_duration,
          help_heading = TARGETS)]
    pub timeout: Option<Duration>,

    /// Bound on establishing the connection [default: the --timeout value]
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_CONNECT_TIMEOUT", value_parser = parse_duration,
          help_heading = TARGETS, hide_short_help = true)]
    pub connect_timeout: Option<Duration>,

    /// Read at most SIZE bytes of each body [default: 1MiB]
    ///
    /// 65536, 512KiB, 1MiB; a longer body is CRITICAL.
    #[arg(global = true, long, value_name = "SIZE", env = "HEALTHPROBE_MAX_BODY", value_parser = parse_size,
          help_heading = TARGETS, hide_short_help = true)]
    pub max_body: Option<u64>,

    /// How to read the body: auto, none, or a format name [default: auto]
    ///
    /// auto detects the format, none ignores the body; `healthprobe help formats` lists the names.
    #[arg(global = true, long, value_name = "FORMAT", env = "HEALTHPROBE_HEALTH_FORMAT",
          value_parser = parse_health_format, help_heading = DOCUMENTS, hide_short_help = true)]
    pub health_format: Option<FormatChoice>,

    /// Give a service's own state word a meaning, WORD=STATE (repeatable)
    ///
    /// STATE is one of ok, warning, critical, unknown, maintenance (DEGRADED=warning,
    /// IMPAIRED=critical). It wins over every built-in vocabulary, in every format.
    #[arg(global = true, long, value_name = "WORD=STATE", env = "HEALTHPROBE_STATUS_WORD",
          value_delimiter = ',', value_parser = parse_status_word,
          help_heading = DOCUMENTS, hide_short_help = true)]
    pub status_word: Vec<StatusWord>,

    /// Read the document's own state at this JSONPath
    ///
    /// For a document read wrongly (e.g. $.health.overall); the body is then read by the generic
    /// reader.
    #[arg(global = true, long, value_name = "JSONPATH", env = "HEALTHPROBE_STATUS_PATH",
          value_parser = parse_json_path, help_heading = DOCUMENTS, hide_short_help = true)]
    pub status_path: Option<JsonPath>,

    /// Take every value this JSONPath selects as a component
    ///
    /// Instead of the components the reader finds (e.g. '$.checks[*]', '$.services.*'); each is
    /// named by its name field or key.
    #[arg(global = true, long, value_name = "JSONPATH", env = "HEALTHPROBE_COMPONENT_PATH",
          value_parser = parse_json_path, help_heading = DOCUMENTS, hide_short_help = true)]
    pub component_path: Option<JsonPath>,

    /// Leave matching components out of the verdict (repeatable)
    ///
    /// PATTERN is a path such as db/primary, with * and ? wildcards.
    #[arg(global = true, long, value_name = "PATTERN", env = "HEALTHPROBE_IGNORE_COMPONENT",
          value_delimiter = ',', value_parser = parse_pattern, help_heading = DOCUMENTS)]
    pub ignore_component: Vec<Pattern>,

    /// Matching components fail as WARNING, not CRITICAL (repeatable)
    #[arg(global = true, long, value_name = "PATTERN", env = "HEALTHPROBE_NONCRITICAL",
          value_delimiter = ',', value_parser = parse_pattern, help_heading = DOCUMENTS)]
    pub noncritical: Vec<Pattern>,

    /// A component matching PATTERN must be reported (repeatable)
    ///
    /// A missing one is CRITICAL.
    #[arg(global = true, long, value_name = "PATTERN", env = "HEALTHPROBE_REQUIRE_COMPONENT",
          value_delimiter = ',', value_parser = parse_pattern, help_heading = DOCUMENTS)]
    pub require_component: Vec<Pattern>,

    /// How maintenance states count: ok, warning or critical
    ///
    /// Maintenance states are OUT_OF_SERVICE, draining, Consul maintenance and shutting down
    /// [default: critical when the server answered 5xx, otherwise warning].
    #[arg(global = true, long, value_name = "STATE", env = "HEALTHPROBE_MAINTENANCE",
          help_heading = DOCUMENTS, hide_short_help = true)]
    pub maintenance: Option<MaintenanceAs>,

    /// Require the service version to satisfy REQ
    ///
    /// A semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex
    /// (~^26\.0[7-9]).
    #[arg(global = true, long, value_name = "REQ", env = "HEALTHPROBE_EXPECT_VERSION",
          value_parser = parse_version_req, help_heading = VERSIONS, hide_short_help = true)]
    pub expect_version: Option<VersionReq>,

    /// Read the version from this URL instead of the health document
    ///
    /// A path such as /version is resolved against each target's URL.
    #[arg(global = true, long, value_name = "URL", env = "HEALTHPROBE_VERSION_URL",
          help_heading = VERSIONS, hide_short_help = true)]
    pub version_url: Option<String>,

    /// Take the version from this JSONPath in the body (e.g. $.build.version)
    ///
    /// In the body of --version-url when it is given.
    #[arg(global = true, long, value_name = "JSONPATH", env = "HEALTHPROBE_VERSION_PATH",
          value_parser = parse_json_path, help_heading = VERSIONS, hide_short_help = true)]
    pub version_path: Option<JsonPath>,

    /// Judge a number in the JSON body: 'LABEL=JSONPATH;WARN;CRIT[;UOM]' (repeatable)
    ///
    /// WARN and CRIT are Nagios ranges; the number is also emitted as perfdata. One rule per line
    /// in the env var.
    #[arg(global = true, long, value_name = "RULE", env = "HEALTHPROBE_METRIC",
          value_delimiter = '\n', value_parser = RuleParser(parse_metric),
          help_heading = RULES, hide_short_help = true)]
    pub metric: Vec<Metric>,

    /// Require 'JSONPATH OP VALUE' of the JSON body (repeatable)
    ///
    /// OP is ==, !=, <, <=, >, >= or =~ (a regex); 'JSONPATH exists' and 'JSONPATH !exists' test
    /// presence. Failing is CRITICAL.
    #[arg(global = true, long, value_name = "RULE", env = "HEALTHPROBE_ASSERT",
          value_delimiter = '\n', value_parser = RuleParser(parse_assert), help_heading = RULES)]
    pub assert: Vec<Assertion>,

    /// Like --assert, but failing is WARNING (repeatable)
    #[arg(global = true, long, value_name = "RULE", env = "HEALTHPROBE_ASSERT_WARN",
          value_delimiter = '\n', value_parser = RuleParser(parse_assert_warn),
          help_heading = RULES, hide_short_help = true)]
    pub assert_warn: Vec<Assertion>,

    /// The response must have header NAME matching REGEX, 'NAME: REGEX' (repeatable)
    #[arg(global = true, long, value_name = "'NAME: REGEX'", env = "HEALTHPROBE_EXPECT_HEADER",
          value_delimiter = '\n', value_parser = RuleParser(parse_header_rule),
          help_heading = RULES, hide_short_help = true)]
    pub expect_header: Vec<HeaderRule>,

    /// The body must match REGEX, for plain-text endpoints (repeatable)
    #[arg(global = true, long, value_name = "REGEX", env = "HEALTHPROBE_EXPECT_BODY",
          value_delimiter = '\n', value_parser = RuleParser(parse_body_rule),
          help_heading = RULES, hide_short_help = true)]
    pub expect_body: Vec<BodyRule>,

    /// tcp:// and tls:// targets: what the server sends must match REGEX
    ///
    /// Read until it matches (a banner, +PONG); CRITICAL when it does not within the timeout.
    #[arg(global = true, long, value_name = "REGEX", env = "HEALTHPROBE_EXPECT_BANNER",
          value_parser = RuleParser(parse_banner), help_heading = RULES, hide_short_help = true)]
    pub expect_banner: Option<crate::request::Banner>,

    /// Send this header, 'Name: value' (repeatable)
    ///
    /// @FILE reads one header per line.
    #[arg(global = true, short = 'H', long, value_name = "'NAME: VALUE'|@FILE", env = "HEALTHPROBE_HEADER",
          value_delimiter = '\n', value_parser = RuleParser(parse_header_arg), help_heading = HTTP)]
    pub header: Vec<HeaderArg>,

    /// Basic authentication, USER[:PASSWORD]
    ///
    /// Without the password, HEALTHPROBE_PASSWORD gives it.
    #[arg(global = true, short, long, value_name = "USER[:PASSWORD]", env = "HEALTHPROBE_USER",
          value_parser = RuleParser(parse_credentials), help_heading = HTTP, hide_short_help = true)]
    pub user: Option<Credentials>,

    /// Bearer authentication with the token in FILE
    ///
    /// HEALTHPROBE_BEARER_TOKEN gives it directly; a file keeps the token off the command line,
    /// where ps shows it.
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_BEARER_TOKEN_FILE",
          help_heading = HTTP, hide_short_help = true)]
    pub bearer_token_file: Option<std::path::PathBuf>,

    /// The request method [default: GET]
    #[arg(global = true, short = 'X', long, value_name = "METHOD", env = "HEALTHPROBE_METHOD",
          ignore_case = true, help_heading = HTTP, hide_short_help = true)]
    pub method: Option<Method>,

    /// Send this body (implies POST unless -X says otherwise)
    ///
    /// @FILE reads it from a file.
    #[arg(global = true, long, value_name = "DATA|@FILE", env = "HEALTHPROBE_DATA",
          help_heading = HTTP, hide_short_help = true)]
    pub data: Option<String>,

    /// The User-Agent header [default: healthprobe/VERSION]
    #[arg(global = true, short = 'A', long, value_name = "AGENT", env = "HEALTHPROBE_USER_AGENT",
          help_heading = HTTP, hide_short_help = true)]
    pub user_agent: Option<String>,

    /// Send this Host header (a virtual host), whatever host the URL names
    #[arg(global = true, long, value_name = "NAME", env = "HEALTHPROBE_HOST_HEADER",
          help_heading = HTTP, hide_short_help = true)]
    pub host_header: Option<String>,

    /// Connect to ADDR for HOST:PORT instead of resolving the name (repeatable)
    ///
    /// As curl's --resolve does.
    #[arg(global = true, long, value_name = "HOST:PORT:ADDR", env = "HEALTHPROBE_RESOLVE",
          value_delimiter = ',', value_parser = parse_resolve, help_heading = HTTP, hide_short_help = true)]
    pub resolve: Vec<ResolveRule>,

    /// Send the request over this Unix domain socket
    ///
    /// The URL still gives the path and the Host header.
    #[arg(global = true, long, value_name = "PATH", env = "HEALTHPROBE_UNIX_SOCKET",
          help_heading = HTTP, hide_short_help = true)]
    pub unix_socket: Option<std::path::PathBuf>,

    /// Use this proxy (http://, https:// or socks5://) instead of the environment's
    #[arg(global = true, long, value_name = "URL", env = "HEALTHPROBE_PROXY",
          help_heading = HTTP, hide_short_help = true)]
    pub proxy: Option<String>,

    /// Use no proxy, whatever the environment says
    #[arg(global = true, long, env = "HEALTHPROBE_NO_PROXY", value_parser = Switch,
          num_args = 0, default_missing_value = "true", help_heading = HTTP, hide_short_help = true)]
    pub no_proxy: Option<bool>,

    /// Follow at most N redirects [default: 5]
    #[arg(global = true, long, value_name = "N", env = "HEALTHPROBE_MAX_REDIRECTS",
          value_parser = clap::value_parser!(u32).range(0..=50), help_heading = HTTP, hide_short_help = true)]
    pub max_redirects: Option<u32>,

    /// Do not follow redirects: judge the 3xx answer itself
    #[arg(global = true, long, env = "HEALTHPROBE_NO_FOLLOW", value_parser = Switch,
          num_args = 0, default_missing_value = "true", help_heading = HTTP, hide_short_help = true)]
    pub no_follow: Option<bool>,

    /// Speak HTTP/2 from the first byte over plain http (h2c)
    ///
    /// HTTPS negotiates HTTP/2 anyway.
    #[arg(global = true, long, env = "HEALTHPROBE_HTTP2_PRIOR_KNOWLEDGE", value_parser = Switch,
          num_args = 0, default_missing_value = "true", help_heading = HTTP, hide_short_help = true)]
    pub http2_prior_knowledge: Option<bool>,

    /// Treat this header as secret: its value is shown as *** (repeatable)
    ///
    /// Authorization, Cookie and *-Token style names always are.
    #[arg(global = true, long, value_name = "NAME", env = "HEALTHPROBE_SECRET_HEADER",
          value_delimiter = ',', help_heading = HTTP, hide_short_help = true)]
    pub secret_header: Vec<String>,

    /// Treat this query parameter as secret: its value is shown as *** (repeatable)
    ///
    /// Names that read as credentials (token, key, secret, password, auth, signature, session,
    /// code, ... in any case or separator style: accessToken, X-Amz-Credential) always are.
    #[arg(global = true, long, value_name = "NAME", env = "HEALTHPROBE_SECRET_QUERY",
          value_delimiter = ',', help_heading = HTTP, hide_short_help = true)]
    pub secret_query: Vec<String>,

    /// gRPC targets: ask Check about this service [default: the whole server]
    ///
    /// The grpc.health.v1 Check call; ?service= in the URL wins.
    #[arg(global = true, long, value_name = "NAME", env = "HEALTHPROBE_GRPC_SERVICE",
          help_heading = HTTP, hide_short_help = true)]
    pub grpc_service: Option<String>,

    /// gRPC targets: ask List, or only Check with =false
    ///
    /// List makes every service a component [default: List, and Check where the server does not
    /// implement List].
    #[arg(global = true, long, value_name = "BOOL", env = "HEALTHPROBE_GRPC_LIST", value_parser = Switch,
          num_args = 0..=1, require_equals = true, default_missing_value = "true",
          help_heading = HTTP, hide_short_help = true)]
    pub grpc_list: Option<bool>,

    /// tcp:// and tls:// targets: send TEXT once connected
    ///
    /// \r, \n, \t and \\ are escapes.
    #[arg(global = true, long, value_name = "TEXT", env = "HEALTHPROBE_SEND",
          help_heading = HTTP, hide_short_help = true)]
    pub send: Option<String>,

    /// Also trust the CA certificates in this PEM file (for private CAs)
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_CACERT",
          help_heading = TLS, hide_short_help = true)]
    pub cacert: Option<std::path::PathBuf>,

    /// Present this client certificate (PEM, leaf first) for mutual TLS; needs --key
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_CERT",
          help_heading = TLS, hide_short_help = true)]
    pub cert: Option<std::path::PathBuf>,

    /// The private key (PEM) of --cert
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_KEY",
          help_heading = TLS, hide_short_help = true)]
    pub key: Option<std::path::PathBuf>,

    /// Do not verify the server's certificate (every report then says so)
    #[arg(global = true, short = 'k', long, env = "HEALTHPROBE_INSECURE", value_parser = Switch,
          num_args = 0, default_missing_value = "true", help_heading = TLS, hide_short_help = true)]
    pub insecure: Option<bool>,

    /// The oldest TLS version accepted [default: 1.2]
    #[arg(global = true, long, value_name = "VERSION", env = "HEALTHPROBE_TLS_MIN",
          help_heading = TLS, hide_short_help = true)]
    pub tls_min: Option<TlsVersion>,

    /// Trust only the compiled-in roots (and --cacert), not the system's store
    #[arg(global = true, long, env = "HEALTHPROBE_NO_SYSTEM_CERTS", value_parser = Switch,
          num_args = 0, default_missing_value = "true", help_heading = TLS, hide_short_help = true)]
    pub no_system_certs: Option<bool>,

    /// Check the certificate against this name instead of the URL's host
    ///
    /// For a target reached by address (grpcs://10.0.0.5:443) or through a tunnel.
    #[arg(global = true, long, value_name = "NAME", env = "HEALTHPROBE_TLS_SERVER_NAME",
          help_heading = TLS, hide_short_help = true)]
    pub tls_server_name: Option<String>,

    /// A certificate with less validity left than this is WARNING
    ///
    /// 30d, 2w, 720h; a bare number is days, as check_http -C takes it.
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_CERT_WARN", value_parser = parse_cert_duration,
          help_heading = TLS, hide_short_help = true)]
    pub cert_warn: Option<Duration>,

    /// A certificate with less validity left than this is CRITICAL
    ///
    /// A bare number is days.
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_CERT_CRIT", value_parser = parse_cert_duration,
          help_heading = TLS, hide_short_help = true)]
    pub cert_crit: Option<Duration>,

    /// Retry a probe this many times on a transient failure [default: 0]
    ///
    /// Transient: refused, reset, timeout, HTTP 502, 503, 504, and the --retry-on statuses.
    #[arg(global = true, long, value_name = "N", env = "HEALTHPROBE_RETRIES",
          value_parser = clap::value_parser!(u32).range(0..=100), help_heading = FLEETS, hide_short_help = true)]
    pub retries: Option<u32>,

    /// Pause between retries of one probe [default: 1s]
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_RETRY_DELAY", value_parser = parse_duration,
          help_heading = FLEETS, hide_short_help = true)]
    pub retry_delay: Option<Duration>,

    /// Also treat these HTTP statuses as transient
    ///
    /// They are retried by --retries, and waited out by --wait instead of ending it (401, 403 and
    /// 404 otherwise end a wait at once).
    #[arg(global = true, long, value_name = "LIST", env = "HEALTHPROBE_RETRY_ON",
          help_heading = FLEETS, hide_short_help = true)]
    pub retry_on: Option<StatusSet>,
}

/// Options of a run; global so that `healthprobe demo -o nagios` and `healthprobe -v demo` both work.
#[derive(Debug, Clone, Args)]
pub struct Options {
    /// Read targets and their settings from this TOML file
    ///
    /// `healthprobe help config` lists its sections and keys.
    #[arg(global = true, long, value_name = "FILE", env = "HEALTHPROBE_CONFIG", help_heading = TARGETS)]
    pub config: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub target: TargetOptions,

    /// With several targets, make differing versions a WARNING
    ///
    /// The WARNING names who runs what.
    #[arg(global = true, long, env = "HEALTHPROBE_SAME_VERSION", value_parser = Switch,
          default_value_t = false, num_args = 0, default_missing_value = "true",
          help_heading = VERSIONS, hide_short_help = true)]
    pub same_version: bool,

    /// Probe at most N targets at once
    #[arg(global = true, short = 'j', long, value_name = "N", env = "HEALTHPROBE_CONCURRENCY", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..), help_heading = FLEETS, hide_short_help = true)]
    pub concurrency: u16,

    /// Probe again until every target is healthy or DURATION has passed
    ///
    /// Then the last round is reported (for CI and compose right after a deploy).
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_WAIT", value_parser = parse_duration,
          help_heading = FLEETS)]
    pub wait: Option<Duration>,

    /// Probe every DURATION until stopped, redrawing the report: a live view while you work
    ///
    /// On a terminal the screen is redrawn each round, with how long each failing target and
    /// component has been failing; otherwise one report per round. Ctrl-C or SIGTERM ends it
    /// with the last round's exit code.
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_WATCH", value_parser = parse_duration,
          help_heading = FLEETS, hide_short_help = true)]
    pub watch: Option<Duration>,

    /// With --wait, what counts as healthy: ok, or warning to accept WARNING too
    #[arg(global = true, long, value_name = "STATE", env = "HEALTHPROBE_WAIT_FOR", default_value = "ok",
          help_heading = FLEETS, hide_short_help = true)]
    pub wait_for: WaitFor,

    /// With --wait, require N consecutive healthy rounds
    ///
    /// Every target is probed each round.
    #[arg(global = true, long, value_name = "N", env = "HEALTHPROBE_WAIT_STABLE", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=1000), help_heading = FLEETS, hide_short_help = true)]
    pub wait_stable: u32,

    /// With --wait, the first pause between rounds
    ///
    /// It doubles (with jitter) up to 15s.
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_INTERVAL", default_value = "1s",
          value_parser = parse_duration, help_heading = FLEETS, hide_short_help = true)]
    pub interval: Duration,

    /// The run is OK when at least N targets (or N% of them) are OK
    ///
    /// WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst
    /// first].
    #[arg(global = true, long, value_name = "N|N%", env = "HEALTHPROBE_QUORUM", value_parser = parse_quorum,
          help_heading = FLEETS, hide_short_help = true)]
    pub quorum: Option<Quorum>,

    /// Bound on the whole run: every probe, retry and wait round
    #[arg(global = true, long, value_name = "DURATION", env = "HEALTHPROBE_DEADLINE", value_parser = parse_duration,
          help_heading = FLEETS, hide_short_help = true)]
    pub deadline: Option<Duration>,

    /// Output format
    #[arg(global = true, short, long, value_name = "FORMAT", env = "HEALTHPROBE_OUTPUT", default_value = "human",
          help_heading = OUTPUT)]
    pub output: OutputFormat,

    /// Also write a report to a file, as FORMAT=PATH (repeatable)
    ///
    /// json=report.json, junit=junit.xml. Written whole or not at all (a temporary file renamed
    /// into place).
    #[arg(global = true, long, value_name = "FORMAT=PATH", env = "HEALTHPROBE_REPORT",
          value_delimiter = ',', value_parser = parse_report_file, help_heading = OUTPUT, hide_short_help = true)]
    pub report: Vec<ReportFile>,

    /// When to colour human output (NO_COLOR is honoured with auto)
    #[arg(global = true, long, value_name = "WHEN", env = "HEALTHPROBE_COLOR", default_value = "auto",
          help_heading = OUTPUT, hide_short_help = true)]
    pub color: ColorWhen,

    /// Print nothing; the exit code is the answer
    #[arg(global = true, short, long, env = "HEALTHPROBE_QUIET", value_parser = Switch,
          default_value_t = false, num_args = 0, default_missing_value = "true", conflicts_with = "verbose",
          help_heading = OUTPUT)]
    pub quiet: bool,

    /// Also show each request, the status line, headers and timing
    #[arg(global = true, short, long, env = "HEALTHPROBE_VERBOSE", value_parser = Switch,
          default_value_t = false, num_args = 0, default_missing_value = "true", help_heading = OUTPUT)]
    pub verbose: bool,

    /// Show how each body was read
    ///
    /// The format chosen and the evidence for it, where each component's state and the version were
    /// found, and what was set aside as data.
    #[arg(global = true, long, env = "HEALTHPROBE_EXPLAIN", value_parser = Switch,
          default_value_t = false, num_args = 0, default_missing_value = "true", help_heading = OUTPUT)]
    pub explain: bool,

    /// List the resolved targets and settings and exit 0, sending nothing
    ///
    /// The config file, environment and flags are resolved as for a run: a check of a config file.
    #[arg(global = true, long, env = "HEALTHPROBE_DRY_RUN", value_parser = Switch,
          default_value_t = false, num_args = 0, default_missing_value = "true",
          help_heading = OUTPUT, hide_short_help = true)]
    pub dry_run: bool,

    /// Print help (-h: the options used most; --help: all of them)
    #[arg(global = true, short, long, action = clap::ArgAction::Help, help_heading = OUTPUT)]
    #[allow(dead_code)] // clap prints the help and ends the parse: never read.
    pub help: Option<bool>,

    /// Print the version.
    #[arg(short = 'V', long, action = clap::ArgAction::Version, help_heading = OUTPUT,
          hide_short_help = true)]
    #[allow(dead_code)] // clap prints the version and ends the parse: never read.
    pub version: Option<bool>,

    /// Docker HEALTHCHECK mode: exit 0 when healthy, 1 otherwise, never 2
    ///
    /// Healthy is OK or WARNING. A HEALTHPROBE_DOCKER that is not a boolean is an error that also
    /// exits 1.
    #[arg(global = true, long, env = "HEALTHPROBE_DOCKER", value_parser = Switch, default_value_t = false,
          num_args = 0, default_missing_value = "true", help_heading = DOCKER)]
    pub docker: bool,

    /// With --docker, treat WARNING as unhealthy (exit 1) too
    #[arg(global = true, long, env = "HEALTHPROBE_WARNING_IS_UNHEALTHY", value_parser = Switch,
          default_value_t = false, num_args = 0, default_missing_value = "true",
          help_heading = DOCKER, hide_short_help = true)]
    pub warning_is_unhealthy: bool,
}

#[cfg(test)]
mod tests;
