//! The `--config FILE` schema: TOML with a `[defaults]` table and `[[target]]` entries.
//!
//! ```toml
//! [defaults]
//! timeout = "3s"
//! expect-status = "2xx"
//!
//! [[target]]
//! name = "api"
//! url = "https://api.example.com/healthcheck?token=${API_TOKEN}"
//! warning = 0.5
//! metric = ["db_ms=$.checks['db:responseTime'][0].observedValue;100;500;ms"]
//! ```
//!
//! Keys are the long flag names of the per-target options (`expect-status`, `max-body`, ...;
//! `expect_status` is accepted too), and every value goes through the same parser as the flag,
//! so the file and the command line can never disagree on what a value means. Numbers may be
//! written bare where the flag takes a number (`timeout = 5`, `warning = 0.5`); repeatable
//! options take a list or a single string.
//!
//! `${VAR}` in any string is replaced from the environment, so tokens stay out of the file
//! (`$${` writes a literal `${`). Every mistake (a TOML syntax error, an unknown key, a wrong
//! type, a bad value, a missing variable) is a [`UsageError`] that names the file, the line and
//! the key. A substituted variable's value never appears in a message: it is shown as `${VAR}`.
//!
//! Parsing is pure ([`parse`]); [`load`] only adds reading the file.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::{Spanned, Value};

use crate::cli::{self, TargetOptions};
use crate::error::UsageError;

/// A config file, resolved to typed option sets.
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    pub defaults: TargetOptions,
    pub targets: Vec<ConfigTarget>,
    /// `[module.NAME]` tables of `serve`, in file order: settings on top of `[defaults]`.
    pub modules: Vec<ConfigModule>,
    /// The `[serve]` table.
    pub serve: ServeSection,
    /// Variables that `${VAR}` named but the environment does not set, when reading for a lint
    /// (`--dry-run`); each stood in as the text `${VAR}`.
    pub unset: Vec<String>,
}

/// One `[module.NAME]` table.
#[derive(Debug, Clone)]
pub struct ConfigModule {
    pub name: String,
    pub options: TargetOptions,
    pub line: usize,
}

/// The `[serve]` table: how `healthprobe serve` listens and what `/probe` accepts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServeSection {
    pub listen: Option<String>,
    /// URL globs and CIDRs `/probe` accepts (see `serve::allow`).
    pub allow: Vec<String>,
    pub max_in_flight: Option<u32>,
    pub health_cache: Option<std::time::Duration>,
}

/// The keys of `[serve]`.
pub const SERVE_KEYS: &[&str] = &["listen", "allow", "max-in-flight", "health-cache"];

/// One `[[target]]` entry.
#[derive(Debug, Clone)]
pub struct ConfigTarget {
    pub name: Option<String>,
    /// As written after `${VAR}` substitution; checked like a command-line URL by the plan.
    pub url: String,
    pub options: TargetOptions,
    /// Where the entry's `url` is, for messages about it.
    pub line: usize,
}

/// One table of the file, as TOML gives it: keys with their values and where they are.
type RawTable = BTreeMap<String, Spanned<Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    defaults: Option<Spanned<RawTable>>,
    #[serde(default)]
    target: Vec<Spanned<RawTable>>,
    #[serde(default)]
    module: BTreeMap<String, Spanned<RawTable>>,
    #[serde(default)]
    serve: Option<Spanned<RawTable>>,
}

/// Reads and parses `path`; `var` looks up environment variables for `${VAR}`.
///
/// With `lint` (`--dry-run`), an unset variable is no error: a lint job checks the file
/// without the secrets a real run is given. It stands in as the text `${VAR}` and is listed
/// in [`ConfigFile::unset`]; every other mistake is still an error.
pub fn load(
    path: &Path,
    var: &dyn Fn(&str) -> Option<String>,
    lint: bool,
) -> Result<ConfigFile, UsageError> {
    let shown = path.display().to_string();
    let data = crate::inputs::read(path, "--config", crate::inputs::Kind::Config)?;
    let text = String::from_utf8(data)
        .map_err(|_| UsageError(format!("--config {shown} is not UTF-8 text")))?;
    if !lint {
        return parse(&text, &shown, var);
    }
    let unset = std::cell::RefCell::new(std::collections::BTreeSet::new());
    let standing_in = |name: &str| {
        var(name).or_else(|| {
            unset.borrow_mut().insert(name.to_string());
            Some(format!("${{{name}}}"))
        })
    };
    let mut config = parse(&text, &shown, &standing_in)?;
    config.unset = unset.into_inner().into_iter().collect();
    Ok(config)
}

/// Parses the text of a config file called `file` (for messages).
pub fn parse(
    text: &str,
    file: &str,
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<ConfigFile, UsageError> {
    // Line numbers for messages and targets, found by bisection: a config of 100,000 targets
    // must not rescan the file for each one.
    let lines = Lines::new(text);
    let at = |offset: usize| lines.of(offset);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|span| at(span.start));
        let mut message = crate::text::fold(e.message(), 200);
        if message.starts_with("unknown field") {
            // A key outside every section, or a misspelt section.
            message.push_str(
                "; settings go in [defaults] or a [[target]] (`healthprobe help config` lists them)",
            );
        }
        match line {
            Some(line) => UsageError(format!("{file}:{line}: {message}")),
            None => UsageError(format!("{file}: {message}")),
        }
    })?;
    let reader = Reader {
        lines: &lines,
        file,
        var,
    };
    let defaults = match raw.defaults {
        Some(table) => {
            let table = table.into_inner();
            for key in ["url", "name"] {
                if let Some(value) = table.get(key) {
                    return Err(reader.error(
                        value.span().start,
                        key,
                        "belongs in a [[target]] entry, not in [defaults]",
                    ));
                }
            }
            reader.options(table)?
        }
        None => TargetOptions::default(),
    };
    let mut targets = Vec::with_capacity(raw.target.len());
    for entry in raw.target {
        let start = entry.span().start;
        let mut table = entry.into_inner();
        let Some(url) = table.remove("url") else {
            return Err(UsageError(format!(
                "{file}:{}: a [[target]] entry has no url",
                at(start)
            )));
        };
        let line = at(url.span().start);
        let url = reader.single_string("url", &url)?;
        let name = match table.remove("name") {
            Some(name) => Some(reader.single_string("name", &name)?),
            None => None,
        };
        if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(reader.error(start, "name", "is empty"));
        }
        let options = reader.options(table)?;
        targets.push(ConfigTarget {
            name,
            url,
            options,
            line,
        });
    }
    let mut modules = Vec::with_capacity(raw.module.len());
    for (name, table) in raw.module {
        let start = table.span().start;
        if name.trim().is_empty() || name.contains(char::is_whitespace) {
            return Err(reader.error(start, "module", "a module name is one word"));
        }
        let table = table.into_inner();
        for key in ["url", "name"] {
            if let Some(value) = table.get(key) {
                return Err(reader.error(
                    value.span().start,
                    key,
                    "belongs in a [[target]] entry, not in a module (/probe gives the target)",
                ));
            }
        }
        modules.push(ConfigModule {
            name,
            options: reader.options(table)?,
            line: at(start),
        });
    }
    modules.sort_by_key(|module| module.line);
    let serve = match raw.serve {
        Some(table) => reader.serve(table.into_inner())?,
        None => ServeSection::default(),
    };
    Ok(ConfigFile {
        defaults,
        targets,
        modules,
        serve,
        unset: Vec::new(),
    })
}

/// The keys a target table may hold besides `name` and `url`: the per-target flags.
pub const KEYS: &[&str] = &[
    "expect-status",
    "warning",
    "critical",
    "timeout",
    "connect-timeout",
    "max-body",
    "health-format",
    "status-word",
    "status-path",
    "component-path",
    "ignore-component",
    "noncritical",
    "require-component",
    "maintenance",
    "expect-version",
    "version-url",
    "version-path",
    "metric",
    "assert",
    "assert-warn",
    "expect-header",
    "expect-body",
    "cert-warn",
    "cert-crit",
    "cacert",
    "retries",
    "retry-delay",
    "retry-on",
    "header",
    "user",
    "bearer-token-file",
    "method",
    "data",
    "user-agent",
    "host-header",
    "resolve",
    "cert",
    "key",
    "insecure",
    "tls-min",
    "no-system-certs",
    "unix-socket",
    "proxy",
    "no-proxy",
    "max-redirects",
    "no-follow",
    "http2-prior-knowledge",
    "secret-header",
    "secret-query",
    "tls-server-name",
    "grpc-service",
    "grpc-list",
    "send",
    "expect-banner",
];

struct Reader<'a> {
    lines: &'a Lines,
    file: &'a str,
    var: &'a dyn Fn(&str) -> Option<String>,
}

impl Reader<'_> {
    fn error(&self, offset: usize, key: &str, message: &str) -> UsageError {
        // Messages quote values from the file, which may hold line breaks: one line always.
        UsageError(format!(
            "{}:{}: {}: {}",
            self.file,
            self.lines.of(offset),
            crate::text::escaped(key),
            crate::text::escaped(message)
        ))
    }

    /// The `[serve]` table.
    fn serve(&self, table: RawTable) -> Result<ServeSection, UsageError> {
        let mut section = ServeSection::default();
        for (key, value) in &table {
            let name = key.replace('_', "-");
            match name.as_str() {
                "listen" => section.listen = Some(self.single_string(&name, value)?),
                "allow" => {
                    let items: Vec<Value> = match value.get_ref() {
                        Value::Array(items) => items.clone(),
                        single => vec![single.clone()],
                    };
                    for item in items {
                        let item = Spanned::new(value.span(), item);
                        section.allow.push(self.single_string(&name, &item)?);
                    }
                }
                "max-in-flight" => {
                    section.max_in_flight = Some(self.parsed(&name, value, |t| {
                        t.parse::<u32>()
                            .ok()
                            .filter(|n| (1..=100_000).contains(n))
                            .ok_or_else(|| format!("'{t}' is not a number from 1 to 100000"))
                    })?)
                }
                "health-cache" => {
                    section.health_cache = Some(self.parsed(&name, value, cli::parse_duration)?)
                }
                _ => {
                    let message = unknown_key(&name, SERVE_KEYS.iter().copied()).replacen(
                        "unknown key",
                        "unknown key in [serve]",
                        1,
                    );
                    return Err(self.error(value.span().start, key, &message));
                }
            }
        }
        Ok(section)
    }

    /// Every key of one table into an option set, in the order the file has them.
    fn options(&self, table: RawTable) -> Result<TargetOptions, UsageError> {
        let mut entries: Vec<(String, Spanned<Value>)> = table.into_iter().collect();
        entries.sort_by_key(|(_, value)| value.span().start);
        let mut options = TargetOptions::default();
        for (key, value) in entries {
            self.set(&mut options, &key, &value)?;
        }
        Ok(options)
    }

    fn set(
        &self,
        options: &mut TargetOptions,
        key: &str,
        value: &Spanned<Value>,
    ) -> Result<(), UsageError> {
        let name = key.replace('_', "-");
        // A repeatable option: a list of strings, or one string.
        let many = |parse: &mut dyn FnMut(&str) -> Result<(), String>| -> Result<(), UsageError> {
            let items: Vec<&Value> = match value.get_ref() {
                Value::Array(items) => items.iter().collect(),
                single => vec![single],
            };
            for item in items {
                let item = Spanned::new(value.span(), item.clone());
                let (text, substituted) = self.scalar(&name, &item)?;
                parse(&text).map_err(|e| self.value_error(value, &name, &e, &substituted))?;
            }
            Ok(())
        };
        match name.as_str() {
            "expect-status" => {
                options.expect_status = Some(self.parsed_list(&name, value, |t| t.parse())?)
            }
            "warning" => options.warning = Some(self.parsed(&name, value, cli::parse_threshold)?),
            "critical" => {
                options.critical = Some(self.parsed(&name, value, cli::parse_threshold)?)
            }
            "timeout" => options.timeout = Some(self.parsed(&name, value, cli::parse_duration)?),
            "connect-timeout" => {
                options.connect_timeout = Some(self.parsed(&name, value, cli::parse_duration)?)
            }
            "max-body" => options.max_body = Some(self.parsed(&name, value, cli::parse_size)?),
            "health-format" => {
                options.health_format = Some(self.parsed(&name, value, cli::parse_health_format)?)
            }
            "status-word" => {
                many(&mut |t| push(&mut options.status_word, cli::parse_status_word(t)))?
            }
            "status-path" => {
                options.status_path = Some(self.parsed(&name, value, cli::parse_json_path)?)
            }
            "component-path" => {
                options.component_path = Some(self.parsed(&name, value, cli::parse_json_path)?)
            }
            "ignore-component" => {
                many(&mut |t| push(&mut options.ignore_component, cli::parse_pattern(t)))?
            }
            "noncritical" => many(&mut |t| push(&mut options.noncritical, cli::parse_pattern(t)))?,
            "require-component" => {
                many(&mut |t| push(&mut options.require_component, cli::parse_pattern(t)))?
            }
            "maintenance" => {
                options.maintenance = Some(self.parsed(&name, value, |t| {
                    <crate::evaluate::MaintenanceAs as clap::ValueEnum>::from_str(t, true)
                        .map_err(|_| format!("'{t}' is not one of ok, warning, critical"))
                })?)
            }
            "expect-version" => {
                options.expect_version = Some(self.parsed(&name, value, cli::parse_version_req)?)
            }
            "version-url" => {
                options.version_url = Some(self.parsed(&name, value, |t| Ok(t.to_string()))?)
            }
            "version-path" => {
                options.version_path = Some(self.parsed(&name, value, cli::parse_json_path)?)
            }
            "metric" => many(&mut |t| push(&mut options.metric, cli::parse_metric(t)))?,
            "assert" => many(&mut |t| push(&mut options.assert, cli::parse_assert(t)))?,
            "assert-warn" => {
                many(&mut |t| push(&mut options.assert_warn, cli::parse_assert_warn(t)))?
            }
            "expect-header" => {
                many(&mut |t| push(&mut options.expect_header, cli::parse_header_rule(t)))?
            }
            "expect-body" => {
                many(&mut |t| push(&mut options.expect_body, cli::parse_body_rule(t)))?
            }
            "cert-warn" => {
                options.cert_warn = Some(self.parsed(&name, value, cli::parse_cert_duration)?)
            }
            "cert-crit" => {
                options.cert_crit = Some(self.parsed(&name, value, cli::parse_cert_duration)?)
            }
            "cacert" => options.cacert = Some(self.parsed(&name, value, |t| Ok(t.into()))?),
            "retries" => {
                options.retries = Some(self.parsed(&name, value, |t| {
                    t.parse::<u32>()
                        .ok()
                        .filter(|n| *n <= 100)
                        .ok_or_else(|| format!("'{t}' is not a number of retries from 0 to 100"))
                })?)
            }
            "retry-delay" => {
                options.retry_delay = Some(self.parsed(&name, value, cli::parse_duration)?)
            }
            "retry-on" => options.retry_on = Some(self.parsed_list(&name, value, |t| t.parse())?),
            "header" => many(&mut |t| push(&mut options.header, cli::parse_header_arg(t)))?,
            "user" => options.user = Some(self.parsed(&name, value, cli::parse_credentials)?),
            "bearer-token-file" => {
                options.bearer_token_file = Some(self.parsed(&name, value, |t| Ok(t.into()))?)
            }
            "method" => {
                options.method = Some(self.parsed(&name, value, |t| {
                    <crate::request::Method as clap::ValueEnum>::from_str(t, true)
                        .map_err(|_| format!("'{t}' is not one of GET, HEAD, POST"))
                })?)
            }
            "data" => options.data = Some(self.parsed(&name, value, |t| Ok(t.to_string()))?),
            "user-agent" => {
                options.user_agent = Some(self.parsed(&name, value, |t| Ok(t.to_string()))?)
            }
            "host-header" => {
                options.host_header = Some(self.parsed(&name, value, |t| Ok(t.to_string()))?)
            }
            "resolve" => many(&mut |t| push(&mut options.resolve, cli::parse_resolve(t)))?,
            "cert" => options.cert = Some(self.parsed(&name, value, |t| Ok(t.into()))?),
            "key" => options.key = Some(self.parsed(&name, value, |t| Ok(t.into()))?),
            "insecure" => options.insecure = Some(self.boolean(&name, value)?),
            "tls-min" => {
                options.tls_min = Some(self.parsed(&name, value, |t| {
                    <crate::request::TlsVersion as clap::ValueEnum>::from_str(t, true)
                        .map_err(|_| format!("'{t}' is not one of 1.2, 1.3"))
                })?)
            }
            "no-system-certs" => options.no_system_certs = Some(self.boolean(&name, value)?),
            "unix-socket" => {
                options.unix_socket = Some(self.parsed(&name, value, |t| Ok(t.into()))?)
            }
            "proxy" => options.proxy = Some(self.parsed(&name, value, |t| Ok(t.to_string()))?),
            "no-proxy" => options.no_proxy = Some(self.boolean(&name, value)?),
            "max-redirects" => {
                options.max_redirects = Some(self.parsed(&name, value, |t| {
                    t.parse::<u32>()
                        .ok()
                        .filter(|n| *n <= 50)
                        .ok_or_else(|| format!("'{t}' is not a number of redirects from 0 to 50"))
                })?)
            }
            "no-follow" => options.no_follow = Some(self.boolean(&name, value)?),
            "http2-prior-knowledge" => {
                options.http2_prior_knowledge = Some(self.boolean(&name, value)?)
            }
            "tls-server-name" => {
                options.tls_server_name = Some(self.parsed(&name, value, |t| Ok(t.to_string()))?)
            }
            "grpc-service" => {
                options.grpc_service = Some(self.parsed(&name, value, |t| Ok(t.to_string()))?)
            }
            "grpc-list" => options.grpc_list = Some(self.boolean(&name, value)?),
            "send" => options.send = Some(self.parsed(&name, value, |t| Ok(t.to_string()))?),
            "expect-banner" => {
                options.expect_banner = Some(self.parsed(&name, value, cli::parse_banner)?)
            }
            "secret-header" => many(&mut |t| {
                options.secret_header.push(t.to_string());
                Ok(())
            })?,
            "secret-query" => many(&mut |t| {
                options.secret_query.push(t.to_string());
                Ok(())
            })?,
            _ => {
                let known = KEYS.iter().chain(&["name", "url"]).copied();
                return Err(self.error(value.span().start, key, &unknown_key(&name, known)));
            }
        }
        Ok(())
    }

    /// One value of a single-valued key, parsed by `parse`.
    fn parsed<T>(
        &self,
        key: &str,
        value: &Spanned<Value>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, UsageError> {
        let (text, substituted) = self.scalar(key, value)?;
        parse(&text).map_err(|e| self.value_error(value, key, &e, &substituted))
    }

    /// A list value written as a TOML list or as the flag's comma-separated text
    /// (`expect-status = [200, 204]` or `"200,204"`), parsed by `parse`.
    fn parsed_list<T>(
        &self,
        key: &str,
        value: &Spanned<Value>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, UsageError> {
        let Value::Array(items) = value.get_ref() else {
            return self.parsed(key, value, parse);
        };
        let mut parts = Vec::with_capacity(items.len());
        let mut substituted = Vec::new();
        for item in items {
            let (text, subs) = self.scalar(key, &Spanned::new(value.span(), item.clone()))?;
            parts.push(text);
            substituted.extend(subs);
        }
        parse(&parts.join(",")).map_err(|e| self.value_error(value, key, &e, &substituted))
    }

    /// A switch: `true` or `false`.
    fn boolean(&self, key: &str, value: &Spanned<Value>) -> Result<bool, UsageError> {
        match value.get_ref() {
            Value::Boolean(on) => Ok(*on),
            other => Err(self.error(
                value.span().start,
                key,
                &format!("expects true or false, not {}", type_name(other)),
            )),
        }
    }

    /// A string (`url`, `name`): numbers are not accepted there.
    fn single_string(&self, key: &str, value: &Spanned<Value>) -> Result<String, UsageError> {
        match value.get_ref() {
            Value::String(_) => self.scalar(key, value).map(|(text, _)| text),
            other => Err(self.error(
                value.span().start,
                key,
                &format!("expects a string, not {}", type_name(other)),
            )),
        }
    }

    /// A scalar as the text its flag would take, with `${VAR}` substituted; also the
    /// substitutions made, so that messages can hide their values again.
    fn scalar(
        &self,
        key: &str,
        value: &Spanned<Value>,
    ) -> Result<(String, Vec<(String, String)>), UsageError> {
        let at = value.span().start;
        match value.get_ref() {
            Value::String(text) => {
                interpolate(text, self.var).map_err(|why| self.error(at, key, &why))
            }
            Value::Integer(n) => Ok((n.to_string(), Vec::new())),
            Value::Float(f) => Ok((f.to_string(), Vec::new())),
            other => Err(self.error(
                at,
                key,
                &format!("expects a string or a number, not {}", type_name(other)),
            )),
        }
    }

    fn value_error(
        &self,
        value: &Spanned<Value>,
        key: &str,
        message: &str,
        substituted: &[(String, String)],
    ) -> UsageError {
        let mut message = message.to_string();
        for (secret, placeholder) in substituted {
            if !secret.is_empty() {
                message = message.replace(secret.as_str(), placeholder);
            }
        }
        self.error(value.span().start, key, &message)
    }
}

/// The message for a key that is none of `known`: a suggestion when it looks like a typo of
/// one, and where every key is listed.
fn unknown_key<'a>(key: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let hint = crate::text::closest(key, known)
        .map_or(String::new(), |known| format!("; did you mean '{known}'?"));
    format!("unknown key{hint} (`healthprobe help config` lists the keys)")
}

fn push<T>(list: &mut Vec<T>, parsed: Result<T, String>) -> Result<(), String> {
    list.push(parsed?);
    Ok(())
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "a list",
        Value::Table(_) => "a table",
    }
}

/// Where each line of a text starts, to turn byte offsets into 1-based line numbers.
struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Lines {
            starts,
            len: text.len(),
        }
    }

    /// The 1-based line of byte `offset`.
    fn of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// Replaces `${NAME}` with the variable's value (`$${` is a literal `${`). Returns the text and
/// each (value, `${NAME}`) pair substituted; a missing variable or an unclosed `${` is an error.
fn interpolate(
    text: &str,
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<(String, Vec<(String, String)>), String> {
    let mut out = String::with_capacity(text.len());
    let mut substituted = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        if let Some(tail) = after.strip_prefix("$${") {
            out.push_str("${");
            rest = tail;
        } else if let Some(tail) = after.strip_prefix("${") {
            let Some(end) = tail.find('}') else {
                return Err(format!(
                    "unclosed '${{' in '{}'",
                    crate::text::escaped(text)
                ));
            };
            let name = &tail[..end];
            let valid = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(format!(
                    "'${{{}}}' is not a variable name (letters, digits and _)",
                    crate::text::escaped(name)
                ));
            }
            let Some(value) = var(name) else {
                return Err(format!("environment variable {name} is not set"));
            };
            out.push_str(&value);
            substituted.push((value, format!("${{{name}}}")));
            rest = &tail[end + 1..];
        } else {
            out.push('$');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    Ok((out, substituted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<String> {
        match name {
            "TOKEN" => Some("s3cr3t".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    fn parsed(text: &str) -> Result<ConfigFile, String> {
        parse(text, "probes.toml", &vars).map_err(|e| e.0)
    }

    #[test]
    fn status_lists_are_toml_lists_or_the_flags_text() {
        let file = parsed(
            "[defaults]\nexpect-status = [200, 204]\nretry-on = [\"404\", 409]\n\
             [[target]]\nurl = \"http://a/\"\nexpect-status = \"2xx,301\"\n",
        )
        .unwrap();
        let statuses = file.defaults.expect_status.unwrap();
        assert!(statuses.contains(204) && !statuses.contains(201));
        assert!(file.defaults.retry_on.unwrap().contains(409));
        assert!(
            file.targets[0]
                .options
                .expect_status
                .as_ref()
                .unwrap()
                .contains(301)
        );
        let err = parsed("[defaults]\nexpect-status = [200, \"x\"]\n").unwrap_err();
        assert!(err.contains("expect-status"), "{err}");
    }

    #[test]
    fn modules_and_the_serve_table_are_read() {
        let file = parsed(
            "[serve]\nallow = [\"10.0.0.0/8\"]\nmax-in-flight = 8\nhealth-cache = \"3s\"\n\
             [module.fast]\ntimeout = \"1s\"\n[module.slow]\ntimeout = 30\n",
        )
        .unwrap();
        assert_eq!(file.serve.allow, ["10.0.0.0/8"]);
        assert_eq!(file.serve.max_in_flight, Some(8));
        assert_eq!(
            file.serve.health_cache,
            Some(std::time::Duration::from_secs(3))
        );
        let names: Vec<&str> = file.modules.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["fast", "slow"]);
        let err = parsed("[module.m]\nurl = \"http://a/\"\n").unwrap_err();
        assert!(err.contains("not in a module"), "{err}");
        let err = parsed("[serve]\nlisten_port = 1\n").unwrap_err();
        assert!(err.contains("unknown key in [serve]"), "{err}");
    }

    #[test]
    fn variables_are_substituted_and_remembered_for_hiding() {
        let (text, substituted) = interpolate("a=${TOKEN}&b=${EMPTY}", &vars).unwrap();
        assert_eq!(text, "a=s3cr3t&b=");
        assert_eq!(
            substituted[0],
            ("s3cr3t".to_string(), "${TOKEN}".to_string())
        );
        assert_eq!(
            interpolate("cost $5, $${HOME}", &vars).unwrap().0,
            "cost $5, ${HOME}"
        );
        assert_eq!(interpolate("$", &vars).unwrap().0, "$");
    }

    #[test]
    fn missing_bad_and_unclosed_variables_are_errors() {
        assert!(
            interpolate("${NOPE}", &vars)
                .unwrap_err()
                .contains("NOPE is not set")
        );
        assert!(
            interpolate("${1X}", &vars)
                .unwrap_err()
                .contains("not a variable name")
        );
        assert!(
            interpolate("${TOKEN", &vars)
                .unwrap_err()
                .contains("unclosed")
        );
    }

    #[test]
    fn lines_are_counted_from_one() {
        let lines = Lines::new("a\nb\nc");
        assert_eq!(lines.of(0), 1);
        assert_eq!(lines.of(1), 1);
        assert_eq!(lines.of(2), 2);
        assert_eq!(lines.of(99), 3);
    }

    #[test]
    fn defaults_and_targets_are_read_in_order_with_typed_values() {
        let file = parsed(
            r#"
[defaults]
timeout = 2
warning = 0.5
noncritical = "redis-*"

[[target]]
name = "a"
url = "http://a.test/?t=${TOKEN}"
expect_status = "2xx"
assert = ["$.x == 1", "$.y exists"]

[[target]]
url = "http://b.test/"
cert-warn = 30
"#,
        )
        .unwrap();
        assert_eq!(
            file.defaults.timeout,
            Some(std::time::Duration::from_secs(2))
        );
        assert!(file.defaults.warning.is_some());
        assert_eq!(file.defaults.noncritical.len(), 1);
        assert_eq!(file.targets.len(), 2);
        let a = &file.targets[0];
        assert_eq!(a.name.as_deref(), Some("a"));
        assert_eq!(a.url, "http://a.test/?t=s3cr3t");
        assert_eq!(a.line, 9);
        assert_eq!(a.options.assert.len(), 2);
        assert!(a.options.expect_status.is_some());
        let b = &file.targets[1];
        assert_eq!(b.name, None);
        assert_eq!(
            b.options.cert_warn,
            Some(std::time::Duration::from_secs(30 * 86_400)),
            "a bare number of days, as on the command line"
        );
    }

    #[test]
    fn errors_name_the_file_line_and_key() {
        let err = parsed("[[target]]\nurl = \"http://a/\"\n\nmax-body = \"lots\"\n").unwrap_err();
        assert!(err.starts_with("probes.toml:4: max-body: "), "{err}");
        let err = parsed("[[target]]\nurl = \"http://a/\"\nconect-timeout = 1\n").unwrap_err();
        assert!(
            err.contains(":3: conect-timeout: unknown key; did you mean 'connect-timeout'?"),
            "{err}"
        );
        let err = parsed("[[target]]\nurl = \"http://a/\"\nfrobnicate = 1\n").unwrap_err();
        assert!(
            err.ends_with("unknown key (`healthprobe help config` lists the keys)"),
            "{err}"
        );
        let err = parsed("[[target]]\nurl = \"http://a/\"\nmetric = [1]\n").unwrap_err();
        assert!(err.contains(":3: metric: invalid --metric '1'"), "{err}");
        let err = parsed("[[target]]\nurl = \"http://a/\"\nname = \"  \"\n").unwrap_err();
        assert!(err.contains("name: is empty"), "{err}");
        let err = parsed("timeout = 3\n").unwrap_err();
        assert!(
            err.starts_with("probes.toml:1: unknown field `timeout`"),
            "{err}"
        );
    }

    #[test]
    fn a_substituted_value_never_reaches_an_error_message() {
        let err = parsed("[[target]]\nurl = \"http://a/\"\nexpect-version = \"~(${TOKEN}\"\n")
            .unwrap_err();
        assert!(!err.contains("s3cr3t"), "{err}");
        assert!(err.contains("${TOKEN}"), "{err}");
    }

    #[test]
    fn every_per_target_flag_is_a_config_key() {
        use clap::CommandFactory;
        let command = crate::cli::Cli::command();
        let per_target = <TargetOptions as clap::Args>::augment_args(clap::Command::new("t"));
        for arg in per_target.get_arguments() {
            let long = arg.get_long().expect("per-target options have long names");
            assert!(KEYS.contains(&long), "--{long} has no config key");
            assert!(
                command.get_arguments().any(|a| a.get_long() == Some(long)),
                "--{long} is not a flag"
            );
        }
        assert_eq!(per_target.get_arguments().count(), KEYS.len());
    }
}
