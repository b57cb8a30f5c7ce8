//! Kubernetes API server `/healthz`, `/livez`, `/readyz` (k8s.io/apiserver healthz) and etcd's
//! `/livez`/`/readyz`, all `text/plain`:
//!
//! * pass: `ok`; with `?verbose`, lines `[+]<name> ok` (`[+]<name> excluded: ok`) and a last
//!   line `<endpoint> check passed` (etcd ends with a bare `ok`);
//! * fail: HTTP 500 and `[-]<name> failed: <reason>` lines, last line `<endpoint> check failed`;
//! * a single check (`/livez/<name>`): `ok`, or 500 `internal server error: <err>`.
//!
//! The HTTP code is the verdict Kubernetes documents, so a 5xx makes the document Critical.
//! Each check is read at its line (`line 2`, counted in the trimmed body); the document's state
//! at its summary line when that line gives the outcome, at the HTTP status when only a 5xx
//! does, and otherwise it is derived from the check lines.

use super::{Component, Ctx, Format, Health, HealthDoc, Origin, fold};
use crate::health::keep_part;

pub(super) fn parse(text: &str, ctx: &Ctx) -> Result<HealthDoc, String> {
    let text = text.trim();
    let server_error = ctx.http_status >= 500;
    if text.eq_ignore_ascii_case("ok") {
        let (health, origin) = if server_error {
            (Health::Critical, Origin::new("", "HTTP status"))
        } else {
            (Health::Ok, Origin::new("line 1", "check line"))
        };
        let mut doc = HealthDoc::new(Format::Kubernetes, health, Some(text.into()));
        doc.explanation.status = Some(origin);
        return Ok(doc);
    }
    if let Some(error) = strip_prefix_ignore_case(text, "internal server error:")
        && server_error
        && !text.contains('\n')
    {
        let mut doc = HealthDoc::new(
            Format::Kubernetes,
            Health::Critical,
            Some("internal server error".into()),
        );
        doc.reason = fold(error);
        doc.explanation.status = Some(Origin::new("line 1", "check line"));
        return Ok(doc);
    }

    let mut components = Vec::new();
    let mut summary: Option<(&str, Health, usize)> = None;
    let mut warnings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        let number = index + 1;
        if let Some(rest) = line.strip_prefix("[+]") {
            keep_part(&mut components, check_line(rest, Health::Ok, "[+]", number));
        } else if let Some(rest) = line.strip_prefix("[-]") {
            keep_part(
                &mut components,
                check_line(rest, Health::Critical, "[-]", number),
            );
        } else if line.ends_with(" check passed") || line.eq_ignore_ascii_case("ok") {
            summary = Some((line, Health::Ok, number));
        } else if line.ends_with(" check failed") {
            summary = Some((line, Health::Critical, number));
        } else if let Some(warning) = line.strip_prefix("warn:") {
            warnings.push(warning.trim());
        }
    }
    if components.is_empty() && summary.is_none() {
        return Err("no `ok`, no `[+]`/`[-]` check lines and no `check passed/failed` line".into());
    }
    let failing = components.iter().any(|c| c.health == Health::Critical);
    let health = match summary {
        _ if server_error || failing => Health::Critical,
        Some((_, health, _)) => health,
        None => Health::Ok,
    };
    // What decided: the summary line when it says the same, else a 5xx, else the check lines.
    let origin = match summary {
        Some((_, said, number)) if said == health => {
            Origin::new(format!("line {number}"), "check line")
        }
        _ if server_error => Origin::new("", "HTTP status"),
        _ => Origin::new("", "derived from its parts"),
    };
    let mut doc = HealthDoc::new(
        Format::Kubernetes,
        health,
        summary.map(|(line, _, _)| line.into()),
    );
    doc.explanation.status = Some(origin);
    doc.components = components;
    doc.reason = fold(&warnings.join("; "));
    Ok(doc)
}

/// `name ok`, `name excluded: ok` or `name failed: reason` after the `[+]`/`[-]` marker, on
/// line `number`.
fn check_line(rest: &str, health: Health, marker: &str, number: usize) -> Component {
    let rest = rest.trim();
    let (name, said) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let said = said.trim();
    let mut component = Component::new(name, health, marker);
    component.origin = Origin::new(format!("line {number}"), "check line");
    if health != Health::Ok {
        let reason = said.strip_prefix("failed:").unwrap_or(said);
        component.reason = fold(reason);
    } else if !said.is_empty() && !said.eq_ignore_ascii_case("ok") {
        component.reason = fold(said);
    }
    component
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

#[cfg(test)]
mod tests {
    use crate::health::testing::{origins, read, status_origin};
    const CONTENT_TYPE: &str = "text/plain; charset=utf-8";

    use crate::health::{Format, FormatChoice, Health, HealthDoc, Interpretation};

    #[test]
    fn plain_ok() {
        let doc = read(CONTENT_TYPE, 200, "ok");
        assert_eq!((doc.format, doc.health), (Format::Kubernetes, Health::Ok));
        assert_eq!(doc.raw_status.as_deref(), Some("ok"));
        assert!(doc.components.is_empty());
        let doc = super::super::interpret(Some("text/plain"), 500, b"ok", FormatChoice::Auto);
        assert!(matches!(
            doc,
            Interpretation::Doc(HealthDoc {
                health: Health::Critical,
                ..
            })
        ));
    }

    #[test]
    fn verbose_pass_with_slashes_and_exclusions() {
        let doc = read(
            CONTENT_TYPE,
            200,
            "[+]ping ok\n[+]poststarthook/rbac/warmup ok\n[+]informer-sync excluded: ok\nwarn: some health checks cannot be excluded: nope\nlivez check passed\n",
        );
        assert_eq!((doc.format, doc.health), (Format::Kubernetes, Health::Ok));
        assert_eq!(doc.raw_status.as_deref(), Some("livez check passed"));
        let names: Vec<_> = doc.components.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["ping", "poststarthook/rbac/warmup", "informer-sync"]
        );
        assert!(
            doc.components
                .iter()
                .all(|c| c.health == Health::Ok && c.raw_status == "[+]")
        );
        assert_eq!(doc.components[2].reason.as_deref(), Some("excluded: ok"));
        assert_eq!(
            doc.reason.as_deref(),
            Some("some health checks cannot be excluded: nope")
        );
    }

    #[test]
    fn verbose_failure() {
        let doc = read(
            CONTENT_TYPE,
            500,
            "[+]ping ok\n[-]etcd-readiness failed: reason withheld\n[+]shutdown ok\nreadyz check failed\n",
        );
        assert_eq!(
            (doc.format, doc.health),
            (Format::Kubernetes, Health::Critical)
        );
        let bad = &doc.components[1];
        assert_eq!(
            (bad.name.as_str(), bad.health, bad.raw_status.as_str()),
            ("etcd-readiness", Health::Critical, "[-]")
        );
        assert_eq!(bad.reason.as_deref(), Some("reason withheld"));
    }

    #[test]
    fn failed_summary_alone_or_500_is_critical() {
        assert_eq!(
            read(CONTENT_TYPE, 200, "[+]a ok\nhealthz check failed").health,
            Health::Critical
        );
        assert_eq!(
            read(CONTENT_TYPE, 500, "[+]a ok\n[+]b ok").health,
            Health::Critical
        );
    }

    #[test]
    fn etcd_style_and_single_check_error() {
        let doc_ok = read(
            CONTENT_TYPE,
            200,
            "[+]serializable_read ok\n[+]data_corruption ok\nok\n",
        );
        assert_eq!(
            (doc_ok.format, doc_ok.health),
            (Format::Kubernetes, Health::Ok)
        );
        assert_eq!(doc_ok.components.len(), 2);
        let single = read(
            CONTENT_TYPE,
            500,
            "internal server error: etcd client connection not yet established",
        );
        assert_eq!(
            (single.format, single.health),
            (Format::Kubernetes, Health::Critical)
        );
        assert_eq!(
            single.reason.as_deref(),
            Some("etcd client connection not yet established")
        );
    }

    #[test]
    fn origins_are_check_lines_and_the_line_or_http_status_that_decided() {
        let doc = read(
            CONTENT_TYPE,
            500,
            "[+]ping ok\n[-]etcd-readiness failed: reason withheld\nreadyz check failed\n",
        );
        let origins = origins(&doc.components);
        assert_eq!(
            origins,
            [("line 1", "check line"), ("line 2", "check line")]
        );
        assert_eq!(status_origin(&doc), ("line 3", "check line"));
        // A passing summary under a 500: the HTTP status decided.
        let doc = read(CONTENT_TYPE, 500, "[+]a ok\nlivez check passed");
        let status = doc.explanation.status.clone().unwrap_or_default();
        assert_eq!((status.path.as_str(), status.rule), ("", "HTTP status"));
        // No summary line: the checks decided.
        let doc = read(CONTENT_TYPE, 200, "[+]a ok\n[-]b failed: x");
        assert_eq!(status_origin(&doc), ("", "derived from its parts"));
        let plain = read(CONTENT_TYPE, 200, "ok");
        let status = plain.explanation.status.clone().unwrap_or_default();
        assert_eq!(
            (status.path.as_str(), status.rule),
            ("line 1", "check line")
        );
    }
}
