//! Detection and dispatch: which reader takes a body, tried in order, and what every reader
//! shares afterwards (maintenance phrases, the worse of two readings of repeated keys).

use serde_json::{Map, Value};

use super::body::{is_json_media, markup_reason, media_type_of};
use super::*;

/// What every parser may look at besides the body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub http_status: u16,
    /// The Content-Type's media type, lowercased, without parameters.
    pub media_type: Option<&'a str>,
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
