//! The readers on the corpus of real products' health documents (tests/corpus): for every body,
//! what the reading says before any HTTP status or user rule is applied. The end-to-end test in
//! tests/cases/corpus.rs checks the verdicts through the binary.

use super::*;

#[path = "../../tests/corpus/cases.rs"]
mod cases;

use cases::{Case, body, cases};

fn read(case: &Case) -> Interpretation {
    interpret(
        case.content_type.as_deref(),
        case.status,
        &body(case),
        FormatChoice::Auto,
    )
}

/// Paths of the parts in a state that is not OK, and not "not run".
fn failing_paths(components: &[Component], prefix: &str, out: &mut Vec<String>) {
    for component in components {
        let path = if prefix.is_empty() {
            component.name.clone()
        } else {
            format!("{prefix}/{}", component.name)
        };
        if !matches!(component.health, Health::Ok | Health::Unknown) {
            out.push(path.clone());
        }
        failing_paths(&component.children, &path, out);
    }
}

/// The version a run finds in a body whose document carries none.
fn version_where_kept(case: &Case) -> Option<String> {
    let body = body(case);
    let (value, _) = crate::json::parse(&body, crate::json::Reading::LastWins).ok()?;
    generic::service_version(&value).map(|(version, _)| version)
}

#[test]
fn no_corpus_document_that_says_something_is_wrong_is_read_as_healthy() {
    let mut silent = Vec::new();
    for case in cases() {
        let healthy_http = (200..400).contains(&case.status);
        if case.verdict == "OK" || !healthy_http {
            continue;
        }
        // Served with a healthy status, only the body can say something is wrong: the reading
        // must say so.
        let worst = match read(&case) {
            Interpretation::Doc(doc) => {
                let mut paths = Vec::new();
                failing_paths(&doc.components, "", &mut paths);
                if doc.health == Health::Ok && paths.is_empty() {
                    Some(doc.format)
                } else {
                    None
                }
            }
            Interpretation::Malformed(_) => None,
            Interpretation::Unrecognised(_) => Some(Format::Generic),
        };
        if let Some(format) = worst {
            silent.push(format!("{} (read as {format})", case.file));
        }
    }
    assert!(silent.is_empty(), "read as healthy: {silent:#?}");
}

#[test]
fn corpus_documents_name_their_failing_parts_and_the_services_version() {
    let mut problems = Vec::new();
    let mut generic = 0;
    let cases = cases();
    for case in cases.iter().filter(|case| case.miss.is_none()) {
        let reading = read(case);
        let Interpretation::Doc(doc) = reading else {
            // No health field at all (TiDB's `/status`): the HTTP status judges, and the
            // version is still found where the product keeps it.
            if !case.failing.is_empty() || version_where_kept(case) != case.version {
                problems.push(format!(
                    "{}: not read as a document: {reading:?}",
                    case.file
                ));
            }
            continue;
        };
        if doc.format == Format::Generic {
            generic += 1;
        }
        let mut paths = Vec::new();
        failing_paths(&doc.components, "", &mut paths);
        let said = format!(
            "{} {}",
            doc.raw_status.as_deref().unwrap_or_default(),
            doc.reason.as_deref().unwrap_or_default()
        );
        for name in &case.failing {
            let last = name.rsplit('/').next().unwrap_or(name);
            let first = name.split('/').next().unwrap_or(name);
            let found = paths.iter().any(|path| {
                path == name
                    || path.ends_with(&format!("/{name}"))
                    || path.rsplit('/').next() == Some(last)
                    || path == first
            }) || said.contains(name.as_str());
            if !found {
                problems.push(format!("{}: {name} not among {paths:?}", case.file));
            }
        }
        // The version is the document's, or (as the run finds it) where products keep theirs.
        let version = doc.version.clone().or_else(|| version_where_kept(case));
        if version != case.version {
            problems.push(format!(
                "{}: version {version:?}, expected {:?}",
                case.file, case.version
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // Most of the corpus is in no known format: it measures the generic reader.
    assert!(
        generic * 2 > cases.len(),
        "{generic} of {} generic",
        cases.len()
    );
}
