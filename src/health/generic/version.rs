//! The service's own version in a document of no known format: in the places real products
//! keep it, the service's before any dependency's or runtime's.

use crate::json::{Map, Value};

use crate::health::fields::child_path;
use crate::health::words::normalise;
use crate::health::{field, version_value};

/// Where products keep their version, in order of preference: a chain of keys from the root.
const PLACES: &[&[&str]] = &[
    &["version"],
    &["versionString"],
    &["version_string"],
    &["appVersion"],
    &["app_version"],
    &["serviceVersion"],
    &["service_version"],
    &["build", "version"],
    &["buildInfo", "version"],
    &["build_info", "version"],
    &["buildInfo", "tag"],
    &["app", "version"],
    &["application", "version"],
    &["service", "version"],
    &["server", "version"],
    &["info", "version"],
    &["about", "version"],
    &["meta", "version"],
    &["metadata", "version"],
    &["component", "version"],
    &["nodeVersion", "version"],
    &["releaseId"],
    &["release"],
];

/// Inside a version object (`"version": {"number": "8.11.1", "build_hash": "..."}`), where the
/// number is.
const INSIDE: &[&str] = &[
    "number", "version", "full", "semver", "string", "name", "tag",
];

/// Version keys that name something other than the service: its runtime, a protocol, a schema,
/// a client's latest release.
const NOT_THE_SERVICE: &[&str] = &[
    "go", "golang", "java", "jvm", "jre", "python", "ruby", "php", "dotnet", "runtime", "os",
    "kernel", "schema", "api", "protocol", "database", "db", "latest", "min", "minimum", "max",
    "android", "ios", "client", "browser", "platform", "engine", "spec",
];

/// The version and the JSONPath it was read at.
pub(super) fn find(root: &Map) -> Option<(String, String)> {
    for place in PLACES {
        let mut current = root;
        let mut path = "$".to_string();
        let (last, parents) = place.split_last()?;
        let mut reached = true;
        for key in parents {
            match field_entry(current, key) {
                Some((name, Value::Object(next))) => {
                    path = child_path(&path, name);
                    current = next;
                }
                _ => {
                    reached = false;
                    break;
                }
            }
        }
        if !reached {
            continue;
        }
        if let Some((name, value)) = field_entry(current, last)
            && let Some(found) = in_value(value, &child_path(&path, name))
        {
            return Some(found);
        }
    }
    // Any other top-level key that ends in `version` and names no runtime or protocol
    // (`dashboardVersion`, `server_version`).
    root.iter().find_map(|(key, value)| {
        let normalised = normalise(key);
        let prefix = normalised.strip_suffix("version")?;
        // Any word of the key may say whose version it is: `AndroidLatestVersion`, `go_version`.
        let words = super::keys::words_in(key);
        if prefix.is_empty() || words.iter().any(|w| NOT_THE_SERVICE.contains(&w.as_str())) {
            return None;
        }
        in_value(value, &child_path("$", key))
    })
}

/// A version value, or the number inside a version object. A build string of parts joined by
/// `/` (Envoy's `<commit>/1.30.4/Clean/RELEASE/BoringSSL`) gives its one version-number part.
fn in_value(value: &Value, path: &str) -> Option<(String, String)> {
    match value {
        Value::Object(obj) => INSIDE.iter().find_map(|key| {
            let (name, inner) = field_entry(obj, key)?;
            version_value(inner).map(|v| (v, child_path(path, name)))
        }),
        Value::String(text) if text.contains('/') => {
            let numbers: Vec<&str> = text
                .split('/')
                .filter(|part| is_version_number(part))
                .collect();
            match numbers.as_slice() {
                [only] => Some((only.to_string(), path.to_string())),
                _ => version_value(value).map(|v| (v, path.to_string())),
            }
        }
        other => version_value(other).map(|v| (v, path.to_string())),
    }
}

/// `1.30.4`, `v24.0.2`: digits and dots, with at least one dot.
fn is_version_number(text: &str) -> bool {
    let text = text.strip_prefix(['v', 'V']).unwrap_or(text);
    text.contains('.')
        && text.starts_with(|c: char| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The version the items of a top-level array agree on (the instances of one service, each
/// reporting its version), read at the first item that has it.
pub(super) fn agreed(items: &[Value]) -> Option<(String, String)> {
    let mut agreed: Option<(String, String)> = None;
    for (index, item) in items.iter().enumerate() {
        let Some((version, path)) = item.as_object().and_then(find) else {
            continue;
        };
        match &agreed {
            None => {
                let path = path.replacen('$', &format!("$[{index}]"), 1);
                agreed = Some((version, path));
            }
            Some((first, _)) if *first == version => {}
            Some(_) => return None,
        }
    }
    agreed
}

/// The key as the document spells it, and its value (see [`field`]).
fn field_entry<'v>(obj: &'v Map<'v>, key: &str) -> Option<(&'v str, &'v Value<'v>)> {
    field(obj, key)?;
    obj.get_key_value(key)
        .or_else(|| obj.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)))
        .map(|(name, value)| (name.as_str(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> Option<(String, String)> {
        let value = Value::parse(body).unwrap();
        find(value.as_object().unwrap())
    }

    #[test]
    fn the_places_products_keep_their_version() {
        for (body, version, path) in [
            (r#"{"version":"1.2.3"}"#, "1.2.3", "$.version"),
            (
                r#"{"version":{"number":"8.11.1","build_hash":"x"}}"#,
                "8.11.1",
                "$.version.number",
            ),
            (
                r#"{"build":{"version":"5.0.2","commit":"abc"}}"#,
                "5.0.2",
                "$.build.version",
            ),
            (
                r#"{"buildInfo":{"goVersion":"go1.21","tag":"v23.1.4"}}"#,
                "v23.1.4",
                "$.buildInfo.tag",
            ),
            (
                r#"{"versionstring":"28.0.1","installed":true}"#,
                "28.0.1",
                "$.versionstring",
            ),
            (
                r#"{"app":{"name":"x","version":"4"}}"#,
                "4",
                "$.app.version",
            ),
            (
                r#"{"nodeVersion":{"version":"435"}}"#,
                "435",
                "$.nodeVersion.version",
            ),
            (
                r#"{"dashboardVersion":"10.4"}"#,
                "10.4",
                "$.dashboardVersion",
            ),
            (
                r#"{"version":"9c3b7a1e/1.30.4/Clean/RELEASE/BoringSSL"}"#,
                "1.30.4",
                "$.version",
            ),
        ] {
            assert_eq!(found(body), Some((version.into(), path.into())), "{body}");
        }
    }

    #[test]
    fn instances_that_agree_give_the_version() {
        let items = Value::parse(
            r#"[{"instance":"zero","version":"v24.0.2"},{"instance":"alpha","version":"v24.0.2"}]"#,
        )
        .unwrap();
        assert_eq!(
            agreed(items.as_array().unwrap()),
            Some(("v24.0.2".into(), "$[0].version".into()))
        );
        let split = Value::parse(r#"[{"version":"1"},{"version":"2"}]"#).unwrap();
        assert_eq!(
            agreed(split.as_array().unwrap()),
            None,
            "a split fleet has no one version"
        );
    }

    #[test]
    fn the_services_version_before_its_dependencies_and_runtime() {
        assert_eq!(
            found(
                r#"{"goVersion":"go1.22","checks":{"db":{"version":"15.2"}},"build":{"version":"2.0"}}"#
            ),
            Some(("2.0".into(), "$.build.version".into()))
        );
        assert_eq!(
            found(r#"{"goVersion":"go1.22","schemaVersion":"12"}"#),
            None
        );
        assert_eq!(found(r#"{"checks":{"db":{"version":"15.2"}}}"#), None);
        assert_eq!(
            found(r#"{"AndroidLatestVersion":"2.17.0","IosMinVersion":"2.0.0"}"#),
            None,
            "a client app's versions are not the server's"
        );
    }
}
