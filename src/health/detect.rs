//! Detection and dispatch: which reader takes a body, and what every reader shares afterwards
//! (the user's own words, maintenance flags and phrases, the worse of two readings of repeated
//! keys).
//!
//! A known format takes a document only when its distinctive structure is there (the table in
//! [`super::registry`]), or the Content-Type names it; otherwise the generic reader does. Every
//! document records why its reader took it.

use crate::json::{Map, Value};

use super::body::{is_json_media, markup_reason, media_type_of};
use super::generic::Hints;
use super::registry::{READERS, reader};
use super::words::{self, UserWords};
use super::*;

/// What every reader may look at besides the body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub http_status: u16,
    /// The Content-Type's media type, lowercased, without parameters.
    pub media_type: Option<&'a str>,
    /// The user's own state words (`--status-word`).
    pub words: &'a UserWords,
    /// Where the user points the generic reader (`--status-path`, `--component-path`).
    pub hints: Hints<'a>,
    /// Keep every component (see [`super::keep`]).
    pub keep_all: bool,
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
        // Components counted without being kept weigh as much as those kept.
        Interpretation::Doc(doc) => doc
            .health
            .severity()
            .max(components(&doc.components))
            .max(doc.unkept.worst().map_or(0, Health::severity)),
        Interpretation::Malformed(_) => u8::MAX,
        Interpretation::Unrecognised(_) => 0,
    }
}

/// Reads a health endpoint's response body with the default options and `choice`.
#[cfg(test)]
pub fn interpret(
    content_type: Option<&str>,
    http_status: u16,
    body: &[u8],
    choice: FormatChoice,
) -> Interpretation {
    let options = ReadOptions {
        format: choice,
        ..ReadOptions::default()
    };
    interpret_body(content_type, http_status, &Body::read(body), &options)
}

/// Reads a health endpoint's response body (already read once, see [`Body`]) as `options` say.
pub fn interpret_body(
    content_type: Option<&str>,
    http_status: u16,
    body: &Body<'_>,
    options: &ReadOptions,
) -> Interpretation {
    let hints = Hints {
        status: options.status_path.as_ref(),
        components: options.component_path.as_ref(),
    };
    let forced = match options.format {
        FormatChoice::None => {
            return Interpretation::Unrecognised("health format detection disabled".into());
        }
        // Paths into the document direct the generic reader.
        FormatChoice::Auto if hints.any() => Some(Format::Generic),
        FormatChoice::Auto => None,
        FormatChoice::Forced(format) => Some(format),
    };
    let media_type = content_type.map(media_type_of);
    let ctx = Ctx {
        http_status,
        media_type: media_type.as_deref(),
        words: &options.words,
        hints,
        keep_all: options.keep_every_component,
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
                let last = finish(interpret_json(value, &ctx, forced), value, &ctx);
                let Some(other) = first_wins else {
                    return last;
                };
                let first = finish(interpret_json(other, &ctx, forced), other, &ctx);
                let mut worse = if gravity(&first) > gravity(&last) {
                    first
                } else {
                    last
                };
                if let Interpretation::Doc(doc) = &mut worse {
                    let note = "the body repeats a key; the worse of its two readings is used";
                    // The reason is cut to leave room for the note, within the usual bound.
                    let room = MAX_REASON_CHARS - note.chars().count() - 3;
                    doc.reason = Some(match doc.reason.take() {
                        Some(reason) => {
                            format!("{} ({note})", crate::text::one_line(&reason, room))
                        }
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
        let evidence = if ctx.hints.any() {
            "read where --status-path / --component-path point".to_string()
        } else if format == Format::Grpc {
            "the answer of a gRPC health call (grpc:// target)".to_string()
        } else {
            format!("--health-format {}", format.name())
        };
        return match read_value(format, value, ctx, evidence) {
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
            let mut candidates: Vec<(Format, String)> = Vec::with_capacity(3);
            candidates.extend(media_type_hint(ctx.media_type));
            candidates.extend(detect_object(obj, ctx));
            candidates.push((
                Format::Generic,
                reader(Format::Generic).evidence.to_string(),
            ));
            first_fit(candidates, value, ctx)
                .unwrap_or_else(|why| Interpretation::Unrecognised(no_status_reason(obj, why)))
        }
        Value::Array(items) => {
            let mut candidates = Vec::with_capacity(2);
            if consul::looks_like_array(items) {
                candidates.push((
                    Format::Consul,
                    "an array of Consul checks or service entries".to_string(),
                ));
            }
            candidates.push((
                Format::Generic,
                reader(Format::Generic).evidence.to_string(),
            ));
            first_fit(candidates, value, ctx).unwrap_or_else(|_| {
                Interpretation::Unrecognised("JSON array without status fields".into())
            })
        }
        Value::Null => Interpretation::Unrecognised("body is JSON null".into()),
        Value::Bool(_) | Value::Number(_) => {
            Interpretation::Unrecognised("body is a bare JSON scalar, not a health document".into())
        }
    }
}

/// The first candidate whose reader takes the value; otherwise the last reader's reason.
fn first_fit(
    candidates: Vec<(Format, String)>,
    value: &Value,
    ctx: &Ctx,
) -> Result<Interpretation, String> {
    let mut why = String::new();
    for (format, evidence) in candidates {
        match read_value(format, value, ctx, evidence) {
            Ok(doc) => return Ok(Interpretation::Doc(doc)),
            Err(reason) => why = reason,
        }
    }
    Err(why)
}

/// The format a JSON object's structure points to, and the evidence, following the table.
fn detect_object(obj: &Map, ctx: &Ctx) -> Option<(Format, String)> {
    READERS.iter().find_map(|reader| {
        let structure = reader.structure?;
        structure(obj, ctx).then(|| (reader.format, reader.evidence.to_string()))
    })
}

/// The format a Content-Type names outright.
fn media_type_hint(media_type: Option<&str>) -> Option<(Format, String)> {
    let media_type = media_type?;
    let format = if media_type == "application/health+json" {
        Format::HealthJson
    } else if media_type.starts_with("application/vnd.spring-boot.actuator.") {
        Format::SpringBoot
    } else {
        return None;
    };
    Some((format, format!("the Content-Type {media_type}")))
}

/// Runs one format's reader on a JSON value, recording the evidence for choosing it.
fn read_value(
    format: Format,
    value: &Value,
    ctx: &Ctx,
    evidence: String,
) -> Result<HealthDoc, String> {
    if let Value::String(text) = value {
        return read_text(format, text, ctx, evidence);
    }
    let row = reader(format);
    let Some(json) = row.json else {
        return Err("this is a plain-text format and the body is JSON".into());
    };
    let (doc, dropped) = super::keep::reading(ctx.words, ctx.keep_all, || json(value, ctx));
    let mut doc = doc?;
    doc.explanation.evidence = evidence;
    if !dropped.unkept.is_empty() {
        doc.unkept = dropped.unkept.clone();
        doc.not_kept = Some(Box::new(dropped));
    }
    Ok(doc)
}

/// Runs one format's reader on a plain-text body.
fn read_text(format: Format, text: &str, ctx: &Ctx, evidence: String) -> Result<HealthDoc, String> {
    let row = READERS
        .iter()
        .find(|row| row.format == format && row.text.is_some());
    let Some(read) = row.and_then(|row| row.text) else {
        return Err("this is a JSON format and the body is plain text".into());
    };
    let (doc, dropped) = super::keep::reading(ctx.words, ctx.keep_all, || read(text, ctx));
    let mut doc = doc?;
    doc.unkept = dropped.unkept;
    if doc.explanation.evidence.is_empty() {
        doc.explanation.evidence = evidence;
    }
    Ok(doc)
}

fn interpret_text(text: &str, ctx: &Ctx, forced: Option<Format>) -> Interpretation {
    let text = text.trim_start_matches('\u{feff}');
    if let Some(format) = forced {
        let evidence = format!("--health-format {}", format.name());
        return match read_text(format, text, ctx, evidence) {
            Ok(doc) => Interpretation::Doc(finish_doc(doc, None, ctx)),
            Err(why) => Interpretation::Unrecognised(format!(
                "body does not fit the {} format: {why}",
                format.name()
            )),
        };
    }
    if text.trim().is_empty() {
        return Interpretation::Unrecognised("empty body".into());
    }
    READERS
        .iter()
        .filter(|row| row.reads_text_unasked)
        .find_map(|row| read_text(row.format, text, ctx, row.evidence.to_string()).ok())
        .map(|doc| Interpretation::Doc(finish_doc(doc, None, ctx)))
        .unwrap_or_else(|| {
            Interpretation::Unrecognised("plain-text body is not a known health format".into())
        })
}

/// Fills in what every format shares.
fn finish(interpretation: Interpretation, value: &Value, ctx: &Ctx) -> Interpretation {
    match interpretation {
        Interpretation::Doc(mut doc) => {
            let not_kept = doc.not_kept.take();
            if doc.format != Format::Generic && needs_a_second_reading(&doc) {
                add_trouble_outside(&mut doc, value, ctx, not_kept.as_deref());
            }
            Interpretation::Doc(finish_doc(doc, value.as_object(), ctx))
        }
        other => other,
    }
}

/// Never a silent OK across formats: a known reader reads its format's fields only, so the
/// generic reader also reads the document, and any part it finds failing outside every part
/// the known reader read (`{"status":"ok","details":{"db":"down"}}` taken for Terminus, whose
/// details are objects) is added, marked as read outside the format's structure.
fn add_trouble_outside(
    doc: &mut HealthDoc,
    value: &Value,
    ctx: &Ctx,
    not_kept: Option<&super::keep::Dropped>,
) {
    let mut areas_read = std::collections::HashSet::new();
    let mut names_read = std::collections::HashSet::new();
    areas(&doc.components, &mut areas_read, &mut names_read);
    let read_but_not_kept = |area: &str| not_kept.is_some_and(|d| d.areas.contains(area));
    let named_but_not_kept = |name: &str| not_kept.is_some_and(|d| d.names.contains(name));
    // The second reading reads only what the first did not: the areas read are left out of the
    // copy it reads (array items become null, so that the paths of the rest stay the same).
    // Anything in them would be covered anyway, and a large document is not read twice.
    let is_read = |path: &str| areas_read.contains(path) || read_but_not_kept(path);
    let unread = unread_part(value, "$", &is_read).unwrap_or(Value::Null);
    let (generic, dropped) = super::keep::reading(ctx.words, ctx.keep_all, || {
        super::generic::parse(&unread, ctx)
    });
    let Ok(generic) = generic else {
        return;
    };
    // Failing parts this reading counted without keeping are failing parts all the same.
    let failing_unkept = dropped
        .unkept
        .by_state()
        .filter(|(health, _)| !matches!(health, Health::Ok | Health::Unknown));
    for (health, n) in failing_unkept {
        doc.unkept.add_many(health, n);
    }
    // The key the format keeps its own state in (Consul's `AggregatedStatus`, read by the
    // generic reader as a part named by its key) is read already.
    let status_key = doc
        .explanation
        .status
        .as_ref()
        .and_then(|origin| origin.path.rsplit(['.', '[']).next())
        .map(|key| {
            key.trim_end_matches([']', '\''])
                .trim_start_matches('\'')
                .to_string()
        });
    if let Some(key) = &status_key {
        names_read.insert(key.as_str());
    }
    let mut found = Vec::new();
    failing_leaves(&generic.components, &mut found);
    let mut outside = Vec::new();
    for mut part in found {
        // Covered when the known reader read a part of that name, or read the object the
        // value lies in (or one above it).
        let mut path = part.origin.path.clone();
        let mut covered = names_read.contains(part.name.as_str()) || named_but_not_kept(&part.name);
        while !covered && !path.is_empty() {
            covered = is_read(&path);
            path = parent_path(&path);
        }
        if !covered {
            part.origin.rule = "outside the format's structure";
            outside.push(part);
        }
    }
    doc.components.extend(outside);
}

/// `value` (found at `path`) without the areas a known reader read; `None` when it is one.
fn unread_part<'v>(
    value: &Value<'v>,
    path: &str,
    areas_read: &impl Fn(&str) -> bool,
) -> Option<Value<'v>> {
    if areas_read(path) {
        return None;
    }
    Some(match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter_map(|(key, inner)| {
                    unread_part(inner, &child_path(path, key), areas_read)
                        .map(|kept| (key.clone(), kept))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, inner)| {
                    unread_part(inner, &index_path(path, index), areas_read).unwrap_or(Value::Null)
                })
                .collect(),
        ),
        other => other.clone(),
    })
}

/// Documents larger than this many parts are read a second time only when the first reading
/// finds nothing wrong: the verdict can then only be missed, not be made worse.
const SECOND_READING_PARTS: usize = 10_000;

/// Whether the generic reader should also read a known format's document: always, unless the
/// document is huge and already says something is wrong (a second reading of 100,000 parts
/// costs about as much as the first).
fn needs_a_second_reading(doc: &HealthDoc) -> bool {
    fn count(components: &[Component], depth: usize) -> (usize, bool) {
        let mut parts = 0;
        let mut failing = false;
        for component in components {
            parts += 1;
            failing |= !matches!(component.health, Health::Ok | Health::Unknown);
            if depth < MAX_DEPTH {
                let (below, failing_below) = count(&component.children, depth + 1);
                parts += below;
                failing |= failing_below;
            }
        }
        (parts, failing)
    }
    let (parts, failing) = count(&doc.components, 0);
    parts <= SECOND_READING_PARTS || !(failing || doc.health != Health::Ok)
}

/// Where each part a known reader read lies (the object holding the value that decided its
/// state), and its name.
fn areas<'a>(
    components: &'a [Component],
    areas_read: &mut std::collections::HashSet<String>,
    names_read: &mut std::collections::HashSet<&'a str>,
) {
    for component in components {
        let area = parent_path(&component.origin.path);
        if !area.is_empty() {
            areas_read.insert(area);
        }
        names_read.insert(component.name.as_str());
        areas(&component.children, areas_read, names_read);
    }
}

/// The failing parts of a generic reading with no failing part below them, without children.
fn failing_leaves(components: &[Component], out: &mut Vec<Component>) {
    for component in components {
        let before = out.len();
        failing_leaves(&component.children, out);
        let failing = !matches!(component.health, Health::Ok | Health::Unknown);
        if failing && out.len() == before {
            let mut leaf = component.clone();
            leaf.children.clear();
            out.push(leaf);
        }
    }
}

/// `$.a.b` for `$.a.b.status`, `$.a` for `$.a[0]` or `$.a['x y']`; empty for `$` or no path.
pub(super) fn parent_path(path: &str) -> String {
    let cut = if path.ends_with(']') {
        path.rfind('[')
    } else {
        path.rfind('.')
    };
    match cut {
        Some(index) if index > 1 => path[..index].to_string(),
        _ => String::new(),
    }
}

/// What every reader's document gets: the user's words applied to every state it read, a
/// top-level maintenance flag taken through the maintenance rule, and a maintenance phrase.
fn finish_doc(mut doc: HealthDoc, root: Option<&Map>, ctx: &Ctx) -> HealthDoc {
    if !ctx.words.is_empty() {
        apply_user_words(&mut doc, ctx.words);
    }
    if let Some(phrase) = root.and_then(maintenance_flag) {
        doc.health = doc.health.worst(Health::Maintenance);
        doc.maintenance.get_or_insert(phrase);
    }
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
    doc
}

/// `--status-word`: the user's meaning of a word wins over every vocabulary, in every format.
fn apply_user_words(doc: &mut HealthDoc, user: &UserWords) {
    fn components(list: &mut [Component], user: &UserWords, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for component in list {
            if let Some(health) = user.get(&component.raw_status) {
                component.health = health;
                component.origin.rule = "--status-word";
            }
            components(&mut component.children, user, depth + 1);
        }
    }
    if let Some(health) = doc.raw_status.as_deref().and_then(|raw| user.get(raw)) {
        doc.health = health;
        let status = doc.explanation.status.get_or_insert_with(Origin::default);
        status.rule = "--status-word";
    }
    components(&mut doc.components, user, 0);
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

/// A top-level read-only or maintenance flag set to true, as its phrase.
fn maintenance_flag(root: &Map) -> Option<String> {
    root.iter().find_map(|(key, value)| {
        let on = match value {
            Value::Bool(on) => *on,
            Value::String(text) => words::boolean(text) == Some(true),
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
            "draining" | "isdraining" => Some("draining".into()),
            _ => None,
        }
    })
}

fn no_status_reason(obj: &Map, why: String) -> String {
    let said = ["message", "error", "detail", "title"]
        .iter()
        .find_map(|key| field(obj, key).and_then(|value| reason_value(value, 0)));
    let why = if why.is_empty() {
        "JSON object without a status field".to_string()
    } else {
        why
    };
    match said {
        Some(said) => format!("{why} (it says: {said})"),
        None => why,
    }
}
