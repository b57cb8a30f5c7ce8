//! Health documents: what a health endpoint's body says, in one vocabulary.
//!
//! [`interpret`] takes the response's Content-Type, HTTP status and body and recognises one of
//! the widely used health formats (see `shared/design/health-formats.md`): Puter's
//! `/healthcheck`, IETF health+json, Spring Boot Actuator, MicroProfile Health, ASP.NET Core,
//! Kubernetes `/livez`, Terminus, Dropwizard, Vert.x, hellofresh/health-go, alexliesenfeld/health,
//! Consul, Elasticsearch, and a generic fallback. It reports faithfully what the document says
//! (top-level state, components, version, maintenance, readings); combining that with the HTTP
//! status and the user's expectations into a verdict is the caller's job.
//!
//! Everything here is a pure function of its inputs and never panics: JSON nesting is bounded by
//! serde_json's recursion limit, and every walker of ours stops at [`MAX_DEPTH`].

mod alexliesenfeld;
mod aspnet;
mod consul;
mod dropwizard;
mod elasticsearch;
mod generic;
mod hellofresh;
mod ietf;
mod kubernetes;
mod microprofile;
mod puter;
mod spring;
mod terminus;
mod vertx;
pub(crate) mod words;

use std::fmt;

use serde_json::{Map, Value};

/// How the body's format is chosen (`--health-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatChoice {
    /// Detect the format from the Content-Type and the body.
    Auto,
    /// Do not read the body as a health document at all.
    None,
    /// Read the body with this format's parser only.
    Forced(Format),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Puter,
    HealthJson,
    SpringBoot,
    MicroProfile,
    AspNetText,
    AspNetJson,
    Kubernetes,
    Terminus,
    Dropwizard,
    VertX,
    HelloFresh,
    AlexLiesenfeld,
    Consul,
    Elasticsearch,
    Generic,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Puter,
        Format::HealthJson,
        Format::SpringBoot,
        Format::MicroProfile,
        Format::AspNetText,
        Format::AspNetJson,
        Format::Kubernetes,
        Format::Terminus,
        Format::Dropwizard,
        Format::VertX,
        Format::HelloFresh,
        Format::AlexLiesenfeld,
        Format::Consul,
        Format::Elasticsearch,
        Format::Generic,
    ];

    /// The stable kebab-case name used by `--health-format` and in output.
    pub fn name(self) -> &'static str {
        match self {
            Format::Puter => "puter",
            Format::HealthJson => "health-json",
            Format::SpringBoot => "spring-boot",
            Format::MicroProfile => "microprofile",
            Format::AspNetText => "aspnet-text",
            Format::AspNetJson => "aspnet-json",
            Format::Kubernetes => "kubernetes",
            Format::Terminus => "terminus",
            Format::Dropwizard => "dropwizard",
            Format::VertX => "vertx",
            Format::HelloFresh => "hellofresh",
            Format::AlexLiesenfeld => "alexliesenfeld",
            Format::Consul => "consul",
            Format::Elasticsearch => "elasticsearch",
            Format::Generic => "generic",
        }
    }

    /// The format named `name` (as [`Format::name`] spells it, any case).
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim();
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.name().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A state as the document states it, mapped to our vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Ok,
    Warning,
    Critical,
    Unknown,
    Maintenance,
}

impl Health {
    /// Rank used by [`Health::worst`]: Ok < Unknown < Warning < Maintenance < Critical.
    pub fn severity(self) -> u8 {
        match self {
            Health::Ok => 0,
            Health::Unknown => 1,
            Health::Warning => 2,
            Health::Maintenance => 3,
            Health::Critical => 4,
        }
    }

    /// The worse of two states.
    pub fn worst(self, other: Health) -> Health {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// The worst of `healths`, not counting Unknown ones; Unknown when nothing else is there.
    /// This is how states are derived for formats without a top-level one (Dropwizard, arrays).
    pub fn worst_known(healths: impl IntoIterator<Item = Health>) -> Health {
        healths
            .into_iter()
            .filter(|health| *health != Health::Unknown)
            .reduce(Health::worst)
            .unwrap_or(Health::Unknown)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// The key or name as the document gives it.
    pub name: String,
    pub health: Health,
    /// The word as written ("DOWN", "fail", "false", "[-]").
    pub raw_status: String,
    /// Why, folded to one line of at most [`MAX_REASON_CHARS`] characters.
    pub reason: Option<String>,
    /// When the document says this state was observed, as written.
    pub since: Option<String>,
    /// Nested components (Spring, Vert.x, generic documents).
    pub children: Vec<Component>,
}

impl Component {
    pub(crate) fn new(
        name: impl Into<String>,
        health: Health,
        raw_status: impl Into<String>,
    ) -> Self {
        Component {
            name: name.into(),
            health,
            raw_status: raw_status.into(),
            reason: None,
            since: None,
            children: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HealthDoc {
    pub format: Format,
    /// The document's own top-level state (derived for formats without one, e.g. Dropwizard).
    pub health: Health,
    pub raw_status: Option<String>,
    pub components: Vec<Component>,
    /// The service's own version, where the format keeps one; never a dependency's.
    pub version: Option<String>,
    /// A short phrase when a maintenance-like state is present ("draining", "OUT_OF_SERVICE").
    pub maintenance: Option<String>,
    /// Numeric readings the document exposes.
    pub observations: Vec<Observed>,
    /// A document-level explanation (health+json `output`, a Terminus error string, a
    /// Kubernetes `internal server error: ...` line, etcd's `reason`), folded to one line.
    pub reason: Option<String>,
}

impl HealthDoc {
    pub(crate) fn new(format: Format, health: Health, raw_status: Option<String>) -> Self {
        HealthDoc {
            format,
            health,
            raw_status,
            components: Vec::new(),
            version: None,
            maintenance: None,
            observations: Vec::new(),
            reason: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    pub label: String,
    pub value: f64,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Interpretation {
    Doc(HealthDoc),
    /// The body is not a health document we recognise (an HTML page, an empty body, JSON without
    /// any status-like field): no verdict from the body. One-line reason.
    Unrecognised(String),
    /// The body claims to be JSON but does not parse. One-line reason with line and column.
    Malformed(String),
}

/// How deep any walker of ours goes into a document. serde_json already refuses more than 128
/// levels; this keeps our own recursion (and the [`Component`] tree) far below that.
pub(crate) const MAX_DEPTH: usize = 32;

/// Longest reason kept, in characters (an ellipsis marks a cut).
pub(crate) const MAX_REASON_CHARS: usize = 200;

/// What every parser may look at besides the body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub http_status: u16,
    /// The Content-Type's media type, lowercased, without parameters.
    pub media_type: Option<&'a str>,
}

/// A response body read once: the bytes without a byte-order mark and surrounding whitespace,
/// and their JSON value when they parse. The health reader, the version finder and the JSON
/// rules all look at the same parse, so a body is never parsed twice.
#[derive(Debug, Clone)]
pub struct Body<'a> {
    pub bytes: &'a [u8],
    /// The JSON value (the last of repeated keys wins, as in most parsers), or serde_json's
    /// one-line reason (with line and column) why not.
    pub json: Result<Value, String>,
    /// When some object repeats a key: the value read with the first of each kept instead.
    /// The two readings can disagree (`{"status":"DOWN","status":"UP"}`), and the health
    /// verdict takes the worse, so that a state the document does state is never hidden.
    pub first_wins: Option<Value>,
}

impl<'a> Body<'a> {
    pub fn read(raw: &'a [u8]) -> Body<'a> {
        let bytes = strip_bom(raw).trim_ascii();
        if bytes.is_empty() {
            return Body {
                bytes,
                json: Err("empty body".into()),
                first_wins: None,
            };
        }
        match serde_json::from_slice::<FirstWins>(bytes) {
            Ok(FirstWins {
                value,
                repeated: false,
            }) => Body {
                bytes,
                json: Ok(value),
                first_wins: None,
            },
            Ok(FirstWins { value, .. }) => Body {
                bytes,
                json: serde_json::from_slice::<Value>(bytes).map_err(|e| e.to_string()),
                first_wins: Some(value),
            },
            Err(e) => Body {
                bytes,
                json: Err(e.to_string()),
                first_wins: None,
            },
        }
    }
}

/// A JSON value read keeping the first of repeated keys, and whether any key repeated. One
/// pass gives both the value and the answer to "is there a second reading?".
struct FirstWins {
    value: Value,
    repeated: bool,
}

impl<'de> serde::Deserialize<'de> for FirstWins {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FirstWinsVisitor)
    }
}

struct FirstWinsVisitor;

impl<'de> serde::de::Visitor<'de> for FirstWinsVisitor {
    type Value = FirstWins;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<FirstWins, E> {
        Ok(plain(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<FirstWins, E> {
        Ok(plain(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<FirstWins, E> {
        Ok(plain(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<FirstWins, E> {
        Ok(plain(
            serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_str<E>(self, v: &str) -> Result<FirstWins, E> {
        Ok(plain(Value::String(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<FirstWins, E> {
        Ok(plain(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<FirstWins, E> {
        Ok(plain(Value::Null))
    }

    fn visit_none<E>(self) -> Result<FirstWins, E> {
        Ok(plain(Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<FirstWins, A::Error> {
        let mut items = Vec::new();
        let mut repeated = false;
        while let Some(item) = seq.next_element::<FirstWins>()? {
            repeated |= item.repeated;
            items.push(item.value);
        }
        Ok(FirstWins {
            value: Value::Array(items),
            repeated,
        })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FirstWins, A::Error> {
        let mut object = Map::new();
        let mut repeated = false;
        while let Some(key) = map.next_key::<String>()? {
            let item = map.next_value::<FirstWins>()?;
            repeated |= item.repeated;
            if object.contains_key(&key) {
                repeated = true;
            } else {
                object.insert(key, item.value);
            }
        }
        Ok(FirstWins {
            value: Value::Object(object),
            repeated,
        })
    }
}

fn plain(value: Value) -> FirstWins {
    FirstWins {
        value,
        repeated: false,
    }
}

/// How bad an interpretation says things are: its own state and its worst component's.
fn gravity(interpretation: &Interpretation) -> u8 {
    fn components(list: &[Component]) -> u8 {
        list.iter()
            .map(|c| c.health.severity().max(components(&c.children)))
            .max()
            .unwrap_or(0)
    }
    match interpretation {
        Interpretation::Doc(doc) => doc.health.severity().max(components(&doc.components)),
        Interpretation::Malformed(_) => u8::MAX,
        Interpretation::Unrecognised(_) => 0,
    }
}

/// Reads a health endpoint's response body. See the module documentation.
#[cfg(test)]
pub fn interpret(
    content_type: Option<&str>,
    http_status: u16,
    body: &[u8],
    choice: FormatChoice,
) -> Interpretation {
    interpret_body(content_type, http_status, &Body::read(body), choice)
}

/// [`interpret`] for a body that has already been read.
pub fn interpret_body(
    content_type: Option<&str>,
    http_status: u16,
    body: &Body<'_>,
    choice: FormatChoice,
) -> Interpretation {
    let forced = match choice {
        FormatChoice::None => {
            return Interpretation::Unrecognised("health format detection disabled".into());
        }
        FormatChoice::Auto => None,
        FormatChoice::Forced(format) => Some(format),
    };
    let media_type = content_type.map(media_type_of);
    let ctx = Ctx {
        http_status,
        media_type: media_type.as_deref(),
    };
    let json = &body.json;
    let first_wins = &body.first_wins;
    let body = body.bytes;
    let Some(&first) = body.first() else {
        return Interpretation::Unrecognised("empty body".into());
    };
    if first == b'<' {
        if is_json_media(ctx.media_type) {
            // A proxy's error page under the service's JSON Content-Type: the service did not
            // answer with its document, whatever the status says.
            return Interpretation::Malformed(format!(
                "{}, although the Content-Type says JSON",
                markup_reason(body)
            ));
        }
        return Interpretation::Unrecognised(markup_reason(body));
    }
    let starts_json = first == b'{' || first == b'[';
    let claims_json = starts_json || is_json_media(ctx.media_type);
    if claims_json || first == b'"' {
        match json {
            Ok(value) => {
                let last = finish(interpret_json(value, &ctx, forced), value);
                let Some(other) = first_wins else {
                    return last;
                };
                let first = finish(interpret_json(other, &ctx, forced), other);
                let mut worse = if gravity(&first) > gravity(&last) {
                    first
                } else {
                    last
                };
                if let Interpretation::Doc(doc) = &mut worse {
                    let note = "the body repeats a key; the worse of its two readings is used";
                    doc.reason = Some(match doc.reason.take() {
                        Some(reason) => format!("{reason} ({note})"),
                        None => note.to_string(),
                    });
                }
                return worse;
            }
            Err(err) => {
                // Not JSON after all: the body wins if it is a known plain-text format (a
                // Kubernetes verbose body starts with `[+]`; some servers label plain text as
                // JSON).
                let text = String::from_utf8_lossy(body);
                let result = interpret_text(&text, &ctx, forced);
                if matches!(result, Interpretation::Doc(_)) || !claims_json {
                    return result;
                }
                return Interpretation::Malformed(format!("body is not valid JSON: {err}"));
            }
        }
    }
    let text = String::from_utf8_lossy(body);
    interpret_text(&text, &ctx, forced)
}

fn interpret_json(value: &Value, ctx: &Ctx, forced: Option<Format>) -> Interpretation {
    if let Some(format) = forced {
        return match parse_value(format, value, ctx) {
            Ok(doc) => Interpretation::Doc(doc),
            Err(why) => Interpretation::Unrecognised(format!(
                "body does not fit the {} format: {why}",
                format.name()
            )),
        };
    }
    match value {
        Value::String(text) => interpret_text(text, ctx, None),
        Value::Object(obj) => {
            let mut candidates = Vec::with_capacity(3);
            candidates.extend(media_type_hint(ctx.media_type));
            candidates.extend(detect_object(obj, ctx));
            candidates.push(Format::Generic);
            first_fit(&candidates, value, ctx)
                .unwrap_or_else(|| Interpretation::Unrecognised(no_status_reason(obj)))
        }
        Value::Array(items) => {
            let mut candidates = Vec::with_capacity(2);
            if consul::looks_like_array(items) {
                candidates.push(Format::Consul);
            }
            candidates.push(Format::Generic);
            first_fit(&candidates, value, ctx).unwrap_or_else(|| {
                Interpretation::Unrecognised("JSON array without status fields".into())
            })
        }
        Value::Null => Interpretation::Unrecognised("body is JSON null".into()),
        Value::Bool(_) | Value::Number(_) => {
            Interpretation::Unrecognised("body is a bare JSON scalar, not a health document".into())
        }
    }
}

fn first_fit(candidates: &[Format], value: &Value, ctx: &Ctx) -> Option<Interpretation> {
    candidates
        .iter()
        .find_map(|format| parse_value(*format, value, ctx).ok())
        .map(Interpretation::Doc)
}

/// A format's test of a JSON object's shape.
type ShapeTest = fn(&Map<String, Value>) -> bool;

/// The format a JSON object's shape points to, following the design's detection order.
fn detect_object(obj: &Map<String, Value>, ctx: &Ctx) -> Option<Format> {
    if obj.is_empty() {
        // Dropwizard answers `{}` with 501 when no health check is registered.
        return (ctx.http_status == 501).then_some(Format::Dropwizard);
    }
    let checks: [(ShapeTest, Format); 13] = [
        (puter::looks_like, Format::Puter),
        (consul::looks_like_object, Format::Consul),
        (elasticsearch::looks_like, Format::Elasticsearch),
        (aspnet::looks_like, Format::AspNetJson),
        (vertx::looks_like, Format::VertX),
        (microprofile::looks_like, Format::MicroProfile),
        (ietf::looks_like, Format::HealthJson),
        (spring::looks_like_v3, Format::SpringBoot),
        (hellofresh::looks_like, Format::HelloFresh),
        (terminus::looks_like, Format::Terminus),
        (dropwizard::looks_like, Format::Dropwizard),
        (alexliesenfeld::looks_like, Format::AlexLiesenfeld),
        (spring::looks_like_legacy, Format::SpringBoot),
    ];
    checks
        .iter()
        .find(|(looks_like, _)| looks_like(obj))
        .map(|(_, format)| *format)
}

/// The format a Content-Type names outright.
fn media_type_hint(media_type: Option<&str>) -> Option<Format> {
    let media_type = media_type?;
    if media_type == "application/health+json" {
        Some(Format::HealthJson)
    } else if media_type.starts_with("application/vnd.spring-boot.actuator.") {
        Some(Format::SpringBoot)
    } else {
        None
    }
}

/// Runs one format's parser on a JSON value.
fn parse_value(format: Format, value: &Value, ctx: &Ctx) -> Result<HealthDoc, String> {
    if let Value::String(text) = value {
        return parse_text(format, text, ctx);
    }
    match format {
        Format::Puter => puter::parse(value, ctx),
        Format::HealthJson => ietf::parse(value),
        Format::SpringBoot => spring::parse(value),
        Format::MicroProfile => microprofile::parse(value),
        Format::AspNetJson => aspnet::parse(value),
        Format::Terminus => terminus::parse(value),
        Format::Dropwizard => dropwizard::parse(value),
        Format::VertX => vertx::parse(value),
        Format::HelloFresh => hellofresh::parse(value),
        Format::AlexLiesenfeld => alexliesenfeld::parse(value),
        Format::Consul => consul::parse(value),
        Format::Elasticsearch => elasticsearch::parse(value),
        Format::Generic => generic::parse(value),
        Format::AspNetText | Format::Kubernetes => {
            Err("this is a plain-text format and the body is JSON".into())
        }
    }
}

/// Runs one format's parser on a plain-text body.
fn parse_text(format: Format, text: &str, ctx: &Ctx) -> Result<HealthDoc, String> {
    match format {
        Format::Puter => puter::parse_text(text),
        Format::AspNetText => aspnet::parse_text(text),
        Format::Kubernetes => kubernetes::parse(text, ctx),
        Format::Consul => consul::parse_text(text),
        Format::Generic => generic::parse_text(text),
        _ => Err("this is a JSON format and the body is plain text".into()),
    }
}

fn interpret_text(text: &str, ctx: &Ctx, forced: Option<Format>) -> Interpretation {
    let text = text.trim_start_matches('\u{feff}');
    if let Some(format) = forced {
        return match parse_text(format, text, ctx) {
            Ok(doc) => Interpretation::Doc(finish_doc(doc, None)),
            Err(why) => Interpretation::Unrecognised(format!(
                "body does not fit the {} format: {why}",
                format.name()
            )),
        };
    }
    if text.trim().is_empty() {
        return Interpretation::Unrecognised("empty body".into());
    }
    [
        Format::AspNetText,
        Format::Kubernetes,
        Format::Consul,
        Format::Generic,
    ]
    .iter()
    .find_map(|format| parse_text(*format, text, ctx).ok())
    .map(|doc| Interpretation::Doc(finish_doc(doc, None)))
    .unwrap_or_else(|| {
        Interpretation::Unrecognised("plain-text body is not a known health format".into())
    })
}

/// Fills in what every format shares: maintenance phrases found in the state words or flags.
fn finish(interpretation: Interpretation, value: &Value) -> Interpretation {
    match interpretation {
        Interpretation::Doc(doc) => Interpretation::Doc(finish_doc(doc, value.as_object())),
        other => other,
    }
}

fn finish_doc(mut doc: HealthDoc, root: Option<&Map<String, Value>>) -> HealthDoc {
    if doc.maintenance.is_none() && doc.health == Health::Maintenance {
        doc.maintenance = Some(
            doc.raw_status
                .as_deref()
                .and_then(fold)
                .unwrap_or_else(|| "maintenance".into()),
        );
    }
    if doc.maintenance.is_none() {
        doc.maintenance = maintenance_component(&doc.components, 0);
    }
    if doc.maintenance.is_none() {
        doc.maintenance = root.and_then(maintenance_flag);
    }
    doc
}

/// "name RAW" of the first component (depth first) in a maintenance state.
fn maintenance_component(components: &[Component], depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    components.iter().find_map(|component| {
        if component.health == Health::Maintenance {
            fold(&format!("{} {}", component.name, component.raw_status))
        } else {
            maintenance_component(&component.children, depth + 1)
        }
    })
}

/// A top-level read-only or maintenance flag set to true.
fn maintenance_flag(root: &Map<String, Value>) -> Option<String> {
    root.iter().find_map(|(key, value)| {
        let on = match value {
            Value::Bool(on) => *on,
            Value::String(text) => words::normalise(text) == "true",
            _ => false,
        };
        if !on {
            return None;
        }
        match words::normalise(key).as_str() {
            "readonly" | "readonlymode" | "isreadonly" => Some("read-only".into()),
            "maintenance" | "maintenancemode" | "inmaintenance" | "undermaintenance" => {
                Some("maintenance".into())
            }
            _ => None,
        }
    })
}

fn no_status_reason(obj: &Map<String, Value>) -> String {
    let said = ["message", "error", "detail", "title"]
        .iter()
        .find_map(|key| field(obj, key).and_then(|value| reason_value(value, 0)));
    match said {
        Some(said) => format!("JSON object without a status field (it says: {said})"),
        None => "JSON object without a status field".into(),
    }
}

fn markup_reason(body: &[u8]) -> String {
    let head: Vec<u8> = body
        .iter()
        .take(64)
        .map(|byte| byte.to_ascii_lowercase())
        .collect();
    if head.starts_with(b"<?xml") && !contains(&head, b"<html") {
        "body is XML, not a health document".into()
    } else {
        "body is HTML, not a health document".into()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// `application/json; charset=utf-8` -> `application/json`.
fn media_type_of(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn is_json_media(media_type: Option<&str>) -> bool {
    media_type.is_some_and(|media| {
        media == "application/json"
            || media == "text/json"
            || media == "application/x-json"
            || media.ends_with("+json")
    })
}

fn strip_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body)
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the format parsers.
// ---------------------------------------------------------------------------------------------

/// `value` as an object, or a parser error.
pub(crate) fn object(value: &Value) -> Result<&Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| "the body is not a JSON object".to_string())
}

/// The value under `key`: exact match first, then ASCII case-insensitive.
pub(crate) fn field<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, value)| value)
    })
}

/// The first of `keys` present (see [`field`]).
pub(crate) fn first_field<'v>(obj: &'v Map<String, Value>, keys: &[&str]) -> Option<&'v Value> {
    keys.iter().find_map(|key| field(obj, key))
}

/// The object under `key`, if it is one.
pub(crate) fn object_field<'v>(
    obj: &'v Map<String, Value>,
    key: &str,
) -> Option<&'v Map<String, Value>> {
    field(obj, key).and_then(Value::as_object)
}

/// A scalar as text: strings as they are, booleans and numbers as JSON writes them.
pub(crate) fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A version value: a non-empty string or a number.
pub(crate) fn version_value(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => fold(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The version at `path` (a chain of keys) in `obj`.
pub(crate) fn version_at(obj: &Map<String, Value>, path: &[&str]) -> Option<String> {
    let (last, parents) = path.split_last()?;
    let mut current = obj;
    for key in parents {
        current = object_field(current, key)?;
    }
    field(current, last).and_then(version_value)
}

/// `text` on one line: whitespace and control characters collapse to single spaces, the ends
/// are trimmed, and anything past [`MAX_REASON_CHARS`] characters becomes an ellipsis. `None`
/// when nothing is left.
pub(crate) fn fold(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut count = 0usize;
    let mut pending_space = false;
    let mut cut = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = count > 0;
            continue;
        }
        let needed = if pending_space { 2 } else { 1 };
        if count + needed > MAX_REASON_CHARS {
            cut = true;
            break;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
        count += needed;
    }
    if cut {
        while count >= MAX_REASON_CHARS {
            out.pop();
            count -= 1;
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('…');
    }
    (!out.is_empty()).then_some(out)
}

/// Keys that explain a state, most specific first.
pub(crate) const REASON_KEYS: &[&str] = &[
    "output",
    "exception",
    "error",
    "errors",
    "message",
    "rootCause",
    "cause",
    "reason",
    "symptom",
    "err",
    "msg",
    "description",
];

/// The first of `keys` in `obj` that gives a reason.
pub(crate) fn reason_in(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|key| field(obj, key).and_then(|value| reason_value(value, 0)))
}

/// A one-line reason from any value: a string, an error object (its message), a list of those.
pub(crate) fn reason_value(value: &Value, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::String(text) => fold(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(_) | Value::Null => None,
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|item| reason_value(item, depth + 1))
                .take(3)
                .collect();
            fold(&parts.join("; "))
        }
        Value::Object(obj) => {
            let nested = [
                "message",
                "msg",
                "error",
                "reason",
                "cause",
                "output",
                "detail",
                "description",
                "type",
            ]
            .iter()
            .find_map(|key| field(obj, key).and_then(|value| reason_value(value, depth + 1)));
            nested.or_else(|| {
                if obj.is_empty() {
                    None
                } else {
                    serde_json::to_string(obj).ok().and_then(|text| fold(&text))
                }
            })
        }
    }
}

/// A number from a JSON value (numbers only, not numeric strings).
pub(crate) fn number_of(value: &Value) -> Option<f64> {
    value.as_f64().filter(|number| number.is_finite())
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn auto(content_type: Option<&str>, status: u16, body: &[u8]) -> Interpretation {
        interpret(content_type, status, body, FormatChoice::Auto)
    }

    #[test]
    fn format_names_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(*format));
            assert!(seen.insert(format.name()));
            assert_eq!(format.to_string(), format.name());
        }
        assert_eq!(Format::ALL.len(), 15);
        assert_eq!(Format::from_name(" Spring-Boot "), Some(Format::SpringBoot));
        assert_eq!(Format::from_name("health-json"), Some(Format::HealthJson));
        assert_eq!(Format::from_name("nope"), None);
    }

    #[test]
    fn health_order() {
        assert_eq!(Health::Ok.worst(Health::Unknown), Health::Unknown);
        assert_eq!(Health::Warning.worst(Health::Unknown), Health::Warning);
        assert_eq!(
            Health::Critical.worst(Health::Maintenance),
            Health::Critical
        );
        assert_eq!(
            Health::worst_known([Health::Ok, Health::Unknown]),
            Health::Ok
        );
        assert_eq!(Health::worst_known([Health::Unknown]), Health::Unknown);
        assert_eq!(Health::worst_known([]), Health::Unknown);
    }

    #[test]
    fn detection_disabled() {
        let out = interpret(
            Some("application/json"),
            200,
            br#"{"status":"UP"}"#,
            FormatChoice::None,
        );
        assert_eq!(
            out,
            Interpretation::Unrecognised("health format detection disabled".into())
        );
    }

    #[test]
    fn html_error_page_with_200() {
        let page = b"\n<!DOCTYPE html>\n<html><head><title>Bad gateway</title></head><body>oops</body></html>";
        let out = auto(Some("text/html; charset=utf-8"), 200, page);
        assert_eq!(
            out,
            Interpretation::Unrecognised("body is HTML, not a health document".into())
        );
        // Under a JSON Content-Type the service did not send the JSON it announced: malformed,
        // so CRITICAL even with HTTP 200 (a proxy's error page in front of the service).
        let out = auto(Some("application/json"), 200, page);
        assert!(
            matches!(out, Interpretation::Malformed(ref why) if why.contains("HTML") && why.contains("Content-Type says JSON")),
            "{out:?}"
        );
        let out = auto(
            Some("application/xml"),
            200,
            b"<?xml version=\"1.0\"?><health/>",
        );
        assert_eq!(
            out,
            Interpretation::Unrecognised("body is XML, not a health document".into())
        );
    }

    #[test]
    fn malformed_json_names_the_position() {
        let out = auto(
            Some("application/json"),
            200,
            b"{\"status\": \"UP\",\n \"x\": }",
        );
        let Interpretation::Malformed(why) = out else {
            panic!("{out:?}")
        };
        assert!(why.contains("line 2 column"), "{why}");
        assert!(!why.contains('\n'));
        // A body that starts like JSON claims to be JSON whatever the Content-Type.
        let out = auto(Some("text/plain"), 200, b"[1, 2");
        assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
        // A JSON Content-Type on a body that is neither JSON nor a known text format.
        let out = auto(Some("application/json"), 200, b"service is fine");
        assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
    }

    #[test]
    fn json_content_type_on_a_known_text_body() {
        let out = auto(Some("application/json"), 200, b"Healthy");
        assert!(matches!(
            out,
            Interpretation::Doc(HealthDoc {
                format: Format::AspNetText,
                ..
            })
        ));
        // A JSON string holding a status word.
        let out = auto(Some("application/json"), 503, b"\"Unhealthy\"");
        assert!(matches!(
            out,
            Interpretation::Doc(HealthDoc {
                format: Format::AspNetText,
                health: Health::Critical,
                ..
            })
        ));
    }

    #[test]
    fn empty_and_blank_bodies() {
        for body in [&b""[..], b"   \r\n\t", b"\xef\xbb\xbf "] {
            assert_eq!(
                auto(Some("application/json"), 204, body),
                Interpretation::Unrecognised("empty body".into())
            );
        }
        assert!(matches!(
            interpret(None, 200, b"", FormatChoice::Forced(Format::SpringBoot)),
            Interpretation::Unrecognised(_)
        ));
    }

    #[test]
    fn bom_is_ignored() {
        let out = auto(
            Some("application/json"),
            200,
            b"\xef\xbb\xbf{\"status\":\"UP\"}",
        );
        assert!(matches!(
            out,
            Interpretation::Doc(HealthDoc {
                format: Format::SpringBoot,
                ..
            })
        ));
    }

    #[test]
    fn scalars_and_null() {
        for body in [&b"null"[..], b"true", b"42"] {
            assert!(matches!(
                auto(Some("application/json"), 200, body),
                Interpretation::Unrecognised(_)
            ));
        }
    }

    #[test]
    fn invalid_utf8_never_panics() {
        let bodies: [&[u8]; 6] = [
            b"\xff\xfe\xfd",
            b"{\"status\":\"\xff\"}",
            b"ok\xc3",
            b"[+]p\xe2\x82 ok\n[-]q\xff failed: \xc0\nhealthz check failed",
            b"\x80Healthy",
            b"\"\xff\"",
        ];
        for body in bodies {
            for choice in [FormatChoice::Auto, FormatChoice::Forced(Format::Kubernetes)] {
                let _ = interpret(Some("text/plain"), 500, body, choice);
                let _ = interpret(Some("application/json"), 200, body, choice);
                let _ = interpret(None, 200, body, choice);
            }
        }
        let out = auto(Some("application/json"), 200, b"{\"status\":\"\xff\"}");
        assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
        let out = auto(
            Some("text/plain"),
            500,
            b"[+]p\xe2\x82 ok\n[-]q\xff failed: x\nhealthz check failed",
        );
        let Interpretation::Doc(doc) = out else {
            panic!("{out:?}")
        };
        assert_eq!(doc.health, Health::Critical);
        assert_eq!(doc.components.len(), 2);
    }

    #[test]
    fn deep_nesting_is_malformed_not_a_crash() {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let body = format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
            let out = auto(Some("application/json"), 200, body.as_bytes());
            assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
        }
        // Deep but within serde_json's limit: every walker stops at MAX_DEPTH.
        let depth = 120;
        let body = format!(
            "{}{{\"status\":\"down\"}}{}",
            "{\"status\":\"up\",\"x\":".repeat(depth),
            "}".repeat(depth)
        );
        for format in Format::ALL {
            let _ = interpret(None, 200, body.as_bytes(), FormatChoice::Forced(*format));
        }
        let Interpretation::Doc(doc) = auto(None, 200, body.as_bytes()) else {
            panic!()
        };
        let mut levels = 0;
        let mut level = &doc.components;
        while let Some(first) = level.first() {
            levels += 1;
            level = &first.children;
        }
        assert!(levels <= MAX_DEPTH + 1, "{levels}");
        let deep_array = format!(
            "{}{{\"status\":\"down\"}}{}",
            "[".repeat(120),
            "]".repeat(120)
        );
        for format in Format::ALL {
            let _ = interpret(
                None,
                200,
                deep_array.as_bytes(),
                FormatChoice::Forced(*format),
            );
        }
    }

    #[test]
    fn a_hundred_thousand_components_is_fast() {
        let started = Instant::now();
        let mut body = String::from("{\"status\":\"UP\",\"components\":{");
        for index in 0..100_000 {
            if index > 0 {
                body.push(',');
            }
            body.push_str(&format!(
                "\"c{index}\":{{\"status\":\"DOWN\",\"details\":{{\"error\":\"e\"}}}}"
            ));
        }
        body.push_str("}}");
        let Interpretation::Doc(doc) = auto(Some("application/json"), 200, body.as_bytes()) else {
            panic!()
        };
        assert_eq!(doc.components.len(), 100_000);
        // Other shapes with 100,000 entries, auto and forced.
        let dropwizard = format!(
            "{{{}}}",
            (0..100_000)
                .map(|i| format!("\"c{i}\":{{\"healthy\":false}}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let Interpretation::Doc(doc) = auto(None, 500, dropwizard.as_bytes()) else {
            panic!()
        };
        assert_eq!(
            (doc.format, doc.components.len()),
            (Format::Dropwizard, 100_000)
        );
        let array = format!(
            "[{}]",
            (0..100_000)
                .map(|i| format!(
                    "{{\"CheckID\":\"c{i}\",\"Status\":\"passing\",\"Node\":\"n{i}\"}}"
                ))
                .collect::<Vec<_>>()
                .join(",")
        );
        let Interpretation::Doc(doc) = auto(None, 200, array.as_bytes()) else {
            panic!()
        };
        assert_eq!(
            (doc.format, doc.components.len()),
            (Format::Consul, 100_000)
        );
        // Every parser, forced, on a 10,000-component body (serde_json alone takes most of a
        // second for the large ones in a debug build).
        let small = format!(
            "{{\"status\":\"up\",\"checks\":[{}]}}",
            (0..10_000)
                .map(|i| format!("{{\"id\":\"c{i}\",\"name\":\"c{i}\",\"status\":\"down\"}}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        for format in Format::ALL {
            let _ = interpret(None, 200, small.as_bytes(), FormatChoice::Forced(*format));
        }
        let lines: String = (0..100_000).map(|i| format!("[+]check/{i} ok\n")).collect();
        let Interpretation::Doc(doc) = auto(Some("text/plain"), 200, lines.as_bytes()) else {
            panic!()
        };
        assert_eq!(doc.components.len(), 100_000);
        // No tight bound (debug builds and busy CI machines vary): this only catches something
        // quadratic.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }

    #[test]
    fn forced_format() {
        // Forcing reads the body with that parser only, even against the shape's own format.
        let body = br#"{"status":"up","details":{"x":{"status":"down"}}}"#;
        let Interpretation::Doc(doc) =
            interpret(None, 200, body, FormatChoice::Forced(Format::SpringBoot))
        else {
            panic!()
        };
        assert_eq!(doc.format, Format::SpringBoot);
        assert_eq!(doc.components[0].health, Health::Critical);
        // A body that does not fit names the format.
        let out = interpret(
            None,
            200,
            br#"{"status":"UP"}"#,
            FormatChoice::Forced(Format::Dropwizard),
        );
        let Interpretation::Unrecognised(why) = out else {
            panic!("{out:?}")
        };
        assert!(why.contains("dropwizard"), "{why}");
        let out = interpret(None, 200, b"ok", FormatChoice::Forced(Format::HealthJson));
        assert!(
            matches!(out, Interpretation::Unrecognised(ref why) if why.contains("health-json"))
        );
        let out = interpret(
            None,
            200,
            br#"{"status":"UP"}"#,
            FormatChoice::Forced(Format::Kubernetes),
        );
        assert!(matches!(out, Interpretation::Unrecognised(ref why) if why.contains("kubernetes")));
        // Malformed JSON stays malformed when forced.
        let out = interpret(None, 200, b"{oops", FormatChoice::Forced(Format::Generic));
        assert!(matches!(out, Interpretation::Malformed(_)));
        // Forcing a text format reads text.
        let Interpretation::Doc(doc) = interpret(
            Some("text/plain"),
            200,
            b"Degraded",
            FormatChoice::Forced(Format::AspNetText),
        ) else {
            panic!()
        };
        assert_eq!(doc.health, Health::Warning);
    }

    #[test]
    fn unknown_plain_text() {
        assert_eq!(
            auto(Some("text/plain"), 200, b"Everything is awesome\nreally"),
            Interpretation::Unrecognised("plain-text body is not a known health format".into())
        );
    }

    #[test]
    fn fold_keeps_one_short_line() {
        assert_eq!(fold("  a\n\tb\r\n  c  "), Some("a b c".into()));
        assert_eq!(fold(" \n "), None);
        assert_eq!(fold("x\u{7}y"), Some("x y".into()));
        let long = "é".repeat(1_000);
        let folded = fold(&long).unwrap_or_default();
        assert_eq!(folded.chars().count(), MAX_REASON_CHARS);
        assert!(folded.ends_with('…'));
        let exact = "z".repeat(MAX_REASON_CHARS);
        assert_eq!(fold(&exact), Some(exact.clone()));
        let spaced = format!("{} tail", "w".repeat(MAX_REASON_CHARS - 2));
        let folded = fold(&spaced).unwrap_or_default();
        assert!(folded.chars().count() <= MAX_REASON_CHARS);
        assert!(folded.ends_with('…') && !folded.contains(" …"), "{folded}");
    }

    #[test]
    fn reasons_from_values() {
        let value = serde_json::json!([{"message": "a"}, "b", {"error": {"message": "c"}}, "d"]);
        assert_eq!(reason_value(&value, 0), Some("a; b; c".into()));
        assert_eq!(reason_value(&serde_json::json!({}), 0), None);
        assert_eq!(reason_value(&serde_json::json!(""), 0), None);
    }

    /// Runs every published reference body (shared/reference/health-bodies, outside the project)
    /// and compares with its EXPECTED.tsv. Skipped when the folder is absent:
    /// `cargo test reference -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn reference_bodies() {
        let root = std::env::var("HEALTHPROBE_REFERENCE_BODIES").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/reference/health-bodies"
            )
            .into()
        });
        let Ok(dirs) = std::fs::read_dir(&root) else {
            println!("no reference bodies at {root}; skipped");
            return;
        };
        let mut dirs: Vec<_> = dirs.filter_map(Result::ok).map(|d| d.path()).collect();
        dirs.sort();
        let (mut matched, mut total, mut mismatches) = (0, 0, Vec::new());
        for dir in dirs {
            let Ok(expected) = std::fs::read_to_string(dir.join("EXPECTED.tsv")) else {
                continue;
            };
            for line in expected.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                let [file, verdict, failing, version, http, content_type] = cols[..] else {
                    panic!("bad line {line:?}");
                };
                total += 1;
                let http: u16 = http.parse().unwrap_or(0);
                let body = std::fs::read(dir.join(file)).unwrap_or_default();
                let out = interpret(Some(content_type), http, &body, FormatChoice::Auto);
                let folder = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let Interpretation::Doc(doc) = &out else {
                    mismatches.push(format!("{folder}/{file}: {out:?}"));
                    continue;
                };
                let http_health = if http >= 500 {
                    Health::Critical
                } else if http == 429 && doc.format == Format::Consul {
                    Health::Warning
                } else {
                    Health::Ok
                };
                let top = match doc.health {
                    Health::Maintenance => Health::Critical,
                    other => other,
                };
                let mut failing_found = Vec::new();
                let mut worst = top.worst(http_health);
                fn leaves(
                    prefix: &str,
                    components: &[Component],
                    worst: &mut Health,
                    out: &mut Vec<String>,
                ) {
                    for c in components {
                        let path = if prefix.is_empty() {
                            c.name.clone()
                        } else {
                            format!("{prefix}/{}", c.name)
                        };
                        if c.health != Health::Unknown {
                            *worst = worst.worst(if c.health == Health::Maintenance {
                                Health::Critical
                            } else {
                                c.health
                            });
                        }
                        if c.children.is_empty() {
                            if !matches!(c.health, Health::Ok | Health::Unknown)
                                && !out.contains(&path)
                            {
                                out.push(path);
                            }
                        } else {
                            leaves(&path, &c.children, worst, out);
                        }
                    }
                }
                leaves("", &doc.components, &mut worst, &mut failing_found);
                failing_found.sort();
                let verdict_found = match worst {
                    Health::Ok => "OK",
                    Health::Warning => "WARNING",
                    Health::Critical | Health::Maintenance => "CRITICAL",
                    Health::Unknown => "UNKNOWN",
                };
                let mut failing_expected: Vec<String> = if failing == "-" {
                    Vec::new()
                } else {
                    failing.split(',').map(str::to_string).collect()
                };
                failing_expected.sort();
                let version_expected = (version != "-").then(|| version.to_string());
                let ok = verdict_found == verdict
                    && failing_found == failing_expected
                    && doc.version == version_expected;
                println!(
                    "{} {folder}/{file}: format {} verdict {verdict_found} (expected {verdict}), failing {failing_found:?} (expected {failing_expected:?}), version {:?} (expected {version_expected:?})",
                    if ok { "MATCH   " } else { "MISMATCH" },
                    doc.format,
                    doc.version,
                );
                if ok {
                    matched += 1;
                } else {
                    mismatches.push(format!("{folder}/{file}"));
                }
            }
        }
        println!("{matched}/{total} reference bodies match");
        assert!(mismatches.is_empty(), "mismatches: {mismatches:#?}");
    }
}

/// Properties of format detection over generated input: no body, bytes or JSON value of any
/// shape makes any parser panic, and whatever is read stays within the documented bounds (one
/// short line per reason, a component tree no deeper than [`MAX_DEPTH`]).
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Keys and words the parsers look for, so that generated documents reach deep into them.
    const KEYS: &[&str] = &[
        "status",
        "state",
        "outcome",
        "health",
        "healthy",
        "ok",
        "checks",
        "components",
        "details",
        "entries",
        "results",
        "data",
        "info",
        "error",
        "failed",
        "degraded",
        "version",
        "releaseId",
        "name",
        "componentType",
        "observedValue",
        "observedUnit",
        "output",
        "message",
        "time",
        "Status",
        "CheckID",
        "Node",
        "cluster_name",
        "indicators",
        "draining",
        "read_only",
        "description",
        "checks_total",
        "é",
        "日",
    ];
    const WORDS: &[&str] = &[
        "UP",
        "DOWN",
        "OUT_OF_SERVICE",
        "UNKNOWN",
        "pass",
        "fail",
        "warn",
        "ok",
        "error",
        "up",
        "down",
        "Healthy",
        "Degraded",
        "Unhealthy",
        "passing",
        "warning",
        "critical",
        "maintenance",
        "green",
        "yellow",
        "red",
        "shutting_down",
        "Partially Available",
        "[+]ping ok",
        "[-]etcd failed",
        "1.2.3",
        "",
        "\u{1b}[31m",
        "line\nbreak",
        "é日🚀",
    ];

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            proptest::sample::select(WORDS).prop_map(Value::from),
            "[a-z \\n]{0,300}".prop_map(Value::String),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..8).prop_map(
                    |pairs| {
                        Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
                    }
                ),
            ]
        })
    }

    fn choices() -> Vec<FormatChoice> {
        let mut choices = vec![FormatChoice::Auto, FormatChoice::None];
        choices.extend(Format::ALL.iter().copied().map(FormatChoice::Forced));
        choices
    }

    const CONTENT_TYPES: &[Option<&str>] = &[
        None,
        Some("application/json"),
        Some("application/health+json; charset=utf-8"),
        Some("application/vnd.spring-boot.actuator.v3+json"),
        Some("text/plain"),
        Some("text/html"),
    ];

    /// A reason is one line of at most MAX_REASON_CHARS characters.
    fn check_line(text: &str) -> Result<(), TestCaseError> {
        prop_assert!(!text.contains(['\n', '\r', '\u{1b}']), "{text:?}");
        prop_assert!(
            text.chars().count() <= MAX_REASON_CHARS,
            "{} chars",
            text.chars().count()
        );
        Ok(())
    }

    fn check_components(components: &[Component], depth: usize) -> Result<(), TestCaseError> {
        prop_assert!(depth <= MAX_DEPTH + 1, "components nest {depth} deep");
        for component in components {
            if let Some(reason) = &component.reason {
                check_line(reason)?;
            }
            check_components(&component.children, depth + 1)?;
        }
        Ok(())
    }

    fn check(out: &Interpretation) -> Result<(), TestCaseError> {
        match out {
            Interpretation::Doc(doc) => {
                if let Some(reason) = &doc.reason {
                    check_line(reason)?;
                }
                check_components(&doc.components, 1)
            }
            Interpretation::Unrecognised(why) | Interpretation::Malformed(why) => {
                prop_assert!(!why.contains('\n'), "{why:?}");
                Ok(())
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_bytes_are_read_without_panicking(
            body in proptest::collection::vec(any::<u8>(), 0..512),
            status in prop_oneof![Just(200u16), Just(429), Just(501), Just(503), any::<u16>()],
        ) {
            for content_type in CONTENT_TYPES {
                for choice in choices() {
                    check(&interpret(*content_type, status, &body, choice))?;
                }
            }
        }

        #[test]
        fn text_like_bodies_are_read_without_panicking(
            body in concat!(
                "(\\[[+-]\\][a-z]{1,8} (ok|failed)\\n",
                "|Healthy|Degraded|ok|<html>|\\{|\"|é日|\\xff){0,12}"
            ),
        ) {
            for content_type in CONTENT_TYPES {
                for choice in choices() {
                    check(&interpret(*content_type, 500, body.as_bytes(), choice))?;
                }
            }
        }

        #[test]
        fn any_json_value_is_read_without_panicking(
            value in json(),
            status in prop_oneof![Just(200u16), Just(207), Just(429), Just(503)],
        ) {
            let body = serde_json::to_vec(&value).expect("serialises");
            for content_type in CONTENT_TYPES {
                for choice in choices() {
                    check(&interpret(*content_type, status, &body, choice))?;
                }
            }
        }

        #[test]
        fn deep_json_values_are_read_without_panicking(depth in 1usize..200, key in "[a-z]{1,6}") {
            let body = format!(
                "{}{{\"status\":\"down\"}}{}",
                format!("{{\"status\":\"up\",\"{key}\":").repeat(depth),
                "}".repeat(depth)
            );
            for choice in choices() {
                check(&interpret(Some("application/json"), 200, body.as_bytes(), choice))?;
            }
        }
    }
}
