//! The typed values of the command line and their parsers, shared with the config file
//! (`config.rs` parses every key with the parser of the flag of the same name).

use std::time::Duration;

use clap::ValueEnum;
use serde_json_path::JsonPath;

use crate::health::{Format, FormatChoice, Health};
use crate::pattern::Pattern;
use crate::range::Range;
use crate::redact::Secret;
use crate::report::OutputFormat;
use crate::rules::{Assertion, BodyRule, HeaderRule, Metric};
use crate::verdict::Quorum;
use crate::version::VersionReq;

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
pub(crate) struct RuleParser<T>(pub(crate) fn(&str) -> Result<T, String>);

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
                "invalid --expect-banner /{}/: {}",
                crate::text::escaped(text),
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
                    "unknown health format '{}'; use auto, none or one of: {} \
                     (`healthprobe help formats` describes them)",
                    crate::text::escaped(text),
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
    // `A: 1\nB: 2` written where no shell turns `\n` into a line break (a compose file, a
    // Kubernetes env entry): sent as is, it would be one header with a backslash in it.
    if value.contains("\\n") || value.contains("\\r") {
        return Err(format!(
            "invalid --header: the value of {name} holds a literal \\n; give one header per -H, \
             or put each on its own line of HEALTHPROBE_HEADER (a real line break)"
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
    let shown = crate::text::escaped(text);
    let bad = || format!("'{shown}' is not HOST:PORT:ADDR (for example api.test:443:10.0.0.7)");
    let (host, rest) = text.split_once(':').ok_or_else(bad)?;
    let (port, address) = rest.split_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    let address = address.trim_start_matches('[').trim_end_matches(']');
    let address: std::net::IpAddr = address.parse().map_err(|_| {
        format!(
            "'{}' in --resolve '{shown}' is not an IP address",
            crate::text::escaped(address)
        )
    })?;
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
            "'{}' is not FORMAT=PATH (for example junit=report.xml)",
            crate::text::escaped(text)
        ));
    };
    let format = OutputFormat::from_str(format.trim(), true).map_err(|_| {
        let names: Vec<String> = OutputFormat::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
            .collect();
        format!(
            "unknown report format '{}'; use {}",
            crate::text::escaped(format.trim()),
            names.join(", ")
        )
    })?;
    if path.trim().is_empty() {
        return Err(format!(
            "'{}' has no path after '='",
            crate::text::escaped(text)
        ));
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

/// How a switch's value may be spelled, for messages and the README.
pub const SWITCH_SPELLINGS: &str = "1/0, true/false, yes/no or on/off (any case; empty is false)";

/// A switch's value: exactly `1`/`0`, `true`/`false`, `yes`/`no`, `on`/`off` in any case, and
/// the empty string for false (an image's `ENV HEALTHPROBE_QUIET=` turns it off). Anything
/// else is `None`: `HEALTHPROBE_DOCKER=enabled` is a mistake to report, not a yes to guess.
pub fn parse_switch(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "" | "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// The value parser of every switch (`--docker`, `--insecure`, `--grpc-list[=BOOL]`, ...). A
/// flag that takes no value on the command line can only get a bad one from its variable, so
/// the error names the variable, with the spellings it takes.
#[derive(Clone, Copy)]
pub(crate) struct Switch;

impl clap::builder::TypedValueParser for Switch {
    type Value = bool;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<bool, clap::Error> {
        if let Some(on) = value.to_str().and_then(parse_switch) {
            return Ok(on);
        }
        let shown = crate::text::escaped(&value.to_string_lossy());
        let long = arg.and_then(|a| a.get_long()).unwrap_or("switch");
        let env = arg
            .and_then(|a| a.get_env())
            .and_then(|e| e.to_str())
            .unwrap_or("its variable");
        let takes_a_value = arg
            .and_then(|a| a.get_num_args())
            .is_some_and(|n| n.takes_values());
        let message = if takes_a_value {
            format!("'{shown}' for --{long} or {env} is not a boolean; use {SWITCH_SPELLINGS}")
        } else {
            format!("{env}='{shown}' is not a boolean; use {SWITCH_SPELLINGS}")
        };
        let mut err = clap::Error::raw(clap::error::ErrorKind::ValueValidation, message);
        // The message ends with the spellings to use: no "see --help" is added to it.
        err.insert(
            clap::error::ContextKind::Suggested,
            clap::error::ContextValue::StyledStrs(vec![SWITCH_SPELLINGS.into()]),
        );
        Err(err)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            ["true", "false"]
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}
