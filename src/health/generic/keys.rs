//! What a key says about its value, for documents of no known format. Keys are compared
//! normalised (lowercase, letters and digits only), so `maintenance_mode`, `maintenanceMode` and
//! `Maintenance-Mode` are one key.

use crate::health::Health;
use crate::health::words::normalise;

/// Keys whose value states the state of the object that holds them.
const STATE_KEYS: &[&str] = &[
    "status",
    "state",
    "health",
    "level",
    "condition",
    "outcome",
    "overall",
];

/// State keys whose value counts only when it is a known state: these keys also hold other
/// things (`"result": "3 rows"`, `"severity": "info"`).
const WEAK_STATE_KEYS: &[&str] = &["result", "severity", "indicator", "code"];

/// Flags whose `true` is healthy.
const FLAGS: &[&str] = &[
    "ok",
    "healthy",
    "up",
    "alive",
    "live",
    "ready",
    "available",
    "reachable",
    "connected",
    "passed",
    "pass",
    "success",
    "successful",
    "online",
    "working",
    "operational",
    "serving",
    "initialized",
    "initialised",
    "installed",
];

/// Flags whose `true` is bad, and how bad.
const BAD_FLAGS: &[(&str, Health)] = &[
    ("failed", Health::Critical),
    ("failing", Health::Critical),
    ("failure", Health::Critical),
    ("unhealthy", Health::Critical),
    ("down", Health::Critical),
    ("dead", Health::Critical),
    ("broken", Health::Critical),
    ("crashed", Health::Critical),
    ("offline", Health::Critical),
    ("unavailable", Health::Critical),
    ("unreachable", Health::Critical),
    ("disconnected", Health::Critical),
    ("sealed", Health::Critical),
    ("timedout", Health::Critical),
    ("error", Health::Critical),
    ("errored", Health::Critical),
    ("degraded", Health::Warning),
    ("warning", Health::Warning),
    ("starting", Health::Warning),
    ("initializing", Health::Warning),
    ("booting", Health::Warning),
];

/// Flags whose `true` is a maintenance-like state, and the phrase reported for it.
const MAINTENANCE_FLAGS: &[(&str, &str)] = &[
    ("maintenance", "maintenance"),
    ("maintenancemode", "maintenance"),
    ("inmaintenance", "maintenance"),
    ("undermaintenance", "maintenance"),
    ("maintenancemodeenabled", "maintenance"),
    ("readonly", "read-only"),
    ("readonlymode", "read-only"),
    ("draining", "draining"),
    ("drain", "draining"),
    ("shuttingdown", "shutting down"),
    ("stopping", "stopping"),
];

/// Lists (or maps) whose entries are parts in the given state: `failed`, `errors`, `alarms`...
const LISTS: &[(&str, Health)] = &[
    ("failed", Health::Critical),
    ("failures", Health::Critical),
    ("failing", Health::Critical),
    ("errors", Health::Critical),
    ("problems", Health::Critical),
    ("alarms", Health::Critical),
    ("issues", Health::Critical),
    ("faults", Health::Critical),
    ("unhealthy", Health::Critical),
    ("down", Health::Critical),
    ("critical", Health::Critical),
    ("unavailable", Health::Critical),
    ("unreachable", Health::Critical),
    ("offline", Health::Critical),
    ("warnings", Health::Warning),
    ("degraded", Health::Warning),
    ("healthy", Health::Ok),
    ("passed", Health::Ok),
    ("passing", Health::Ok),
    ("succeeded", Health::Ok),
];

/// Keys whose value, when not empty, is an error: the reason of its object, and a failure when
/// nothing else on the object states its state.
const ERROR_KEYS: &[&str] = &[
    "error",
    "err",
    "exception",
    "fault",
    "errormessage",
    "lasterror",
];

/// Keys that hold parts: every entry is a part, named by its key or its name field.
const CONTAINERS: &[&str] = &[
    "checks",
    "components",
    "dependencies",
    "deps",
    "services",
    "results",
    "entries",
    "indicators",
    "probes",
    "subsystems",
    "backends",
    "resources",
    "monitors",
    "healthchecks",
    "checkresults",
    "statuses",
    "systems",
    "upstreams",
    "integrations",
];

/// Keys that only wrap: looked through, never a part of their own. `details` holds parts and
/// plain data side by side (Spring 2.0, Micronaut), so only what is health inside it counts.
const WRAPPERS: &[&str] = &[
    "data", "payload", "response", "body", "result", "report", "details",
];

/// Keys that name their object (in arrays of checks).
pub(super) const NAME_KEYS: &[&str] = &[
    "name",
    "id",
    "key",
    "component",
    "componentName",
    "component_name",
    "componentId",
    "service",
    "serviceName",
    "service_name",
    "check",
    "checker",
    "checkName",
    "check_name",
    "label",
    "title",
    "instance",
    "node",
    "host",
    "hostname",
    "address",
    "endpoint",
    "url",
    // Last: usually a category, but the only name some checks have (Ceph's `OSD_DOWN`).
    "type",
];

/// Keys that tell apart items whose names repeat (`instance: alpha` twice).
pub(super) const SECOND_NAME_KEYS: &[&str] = &[
    "address", "host", "hostname", "node", "id", "instance", "endpoint", "url", "group",
];

/// Keys that say when a state was observed.
pub(super) const TIME_KEYS: &[&str] = &[
    "since",
    "time",
    "timestamp",
    "lastChecked",
    "last_checked",
    "checkedAt",
    "checked_at",
    "lastUpdated",
    "updatedAt",
];

/// Keys that describe rather than judge; never read as parts.
const META_KEYS: &[&str] = &[
    "name",
    "id",
    "key",
    "label",
    "title",
    "type",
    "kind",
    "description",
    "message",
    "msg",
    "summary",
    "output",
    "reason",
    "details",
    "detail",
    "notes",
    "hint",
    "version",
    "versionstring",
    "commit",
    "revision",
    "sha",
    "hash",
    "build",
    "branch",
    "tag",
    "release",
    "releaseid",
    "serviceid",
    "host",
    "hostname",
    "node",
    "nodename",
    "instance",
    "address",
    "url",
    "uri",
    "endpoint",
    "links",
    "environment",
    "env",
    "region",
    "zone",
    "datacenter",
    "cluster",
    "clustername",
    "mode",
    "role",
    "edition",
    "productname",
    "product",
    "vendor",
    "license",
    "timezone",
    "locale",
    "uptime",
    "starttime",
    "startedat",
    "since",
    "time",
    "timestamp",
    "date",
    "now",
    "servertime",
    "servertimeutc",
    "stacktrace",
    "stack",
    "trace",
    "traceback",
    "backtrace",
];

/// What a key is, as far as health goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Key {
    /// `status`, `state`...: `strong` when any value there must be read as a state.
    State {
        strong: bool,
    },
    Other,
}

pub(super) fn state(key: &str) -> Key {
    let key = normalise(key);
    if STATE_KEYS.contains(&key.as_str()) {
        Key::State { strong: true }
    } else if WEAK_STATE_KEYS.contains(&key.as_str()) {
        Key::State { strong: false }
    } else {
        Key::Other
    }
}

/// What `true` means under `key`, when `key` is a flag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Flag {
    /// `true` is healthy, `false` is a failure.
    Good,
    /// `true` is this state; `false` says the trouble is absent.
    Bad(Health),
    /// `true` is a maintenance-like state, with its phrase.
    Maintenance(&'static str),
}

pub(super) fn flag(key: &str) -> Option<Flag> {
    let key = normalise(key);
    // `needsDbUpgrade`, `requires_restart`: something waits for an operator.
    if ["needs", "requires", "pending"]
        .iter()
        .any(|prefix| key.len() > prefix.len() && key.starts_with(prefix))
    {
        return Some(Flag::Bad(Health::Warning));
    }
    let bare = key
        .strip_prefix("is")
        .or_else(|| key.strip_prefix("has"))
        .filter(|rest| !rest.is_empty());
    [Some(key.as_str()), bare]
        .into_iter()
        .flatten()
        .find_map(|key| {
            if FLAGS.contains(&key) {
                Some(Flag::Good)
            } else if let Some((_, health)) = BAD_FLAGS.iter().find(|(k, _)| *k == key) {
                Some(Flag::Bad(*health))
            } else {
                MAINTENANCE_FLAGS
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, phrase)| Flag::Maintenance(phrase))
            }
        })
}

/// The state of the entries of a list under `key`, when `key` names such a list: `failed`,
/// `errors`, or a key that ends in such a word (`nodes_down`, `unavailableReplicas`).
pub(super) fn list(key: &str) -> Option<Health> {
    let normalised = normalise(key);
    let exact = LISTS
        .iter()
        .find(|(k, _)| *k == normalised)
        .map(|(_, h)| *h);
    exact.or_else(|| {
        let last = last_word(key)?;
        LISTS
            .iter()
            .find(|(k, h)| *k == last && *h != Health::Ok)
            .map(|(_, h)| *h)
    })
}

/// `publish_ready`, `dbConnected`, `cache-healthy`: a flag of a part named by the whole key.
pub(super) fn part_flag(key: &str) -> bool {
    last_word(key).is_some_and(|last| FLAGS.contains(&last.as_str())) && words_in(key).len() > 1
}

/// The words of a key (`publish_ready`, `nodesDown`), lowercased.
pub(super) fn words_in(key: &str) -> Vec<String> {
    crate::health::words::tokens(key)
}

fn last_word(key: &str) -> Option<String> {
    let words = words_in(key);
    (words.len() > 1).then(|| words.last().cloned()).flatten()
}

pub(super) fn is_error(key: &str) -> bool {
    ERROR_KEYS.contains(&normalise(key).as_str())
}

pub(super) fn is_container(key: &str) -> bool {
    CONTAINERS.contains(&normalise(key).as_str())
}

pub(super) fn is_wrapper(key: &str) -> bool {
    WRAPPERS.contains(&normalise(key).as_str())
}

pub(super) fn is_meta(key: &str) -> bool {
    let key = normalise(key);
    META_KEYS.contains(&key.as_str())
        || [
            "version",
            "url",
            "message",
            "msg",
            "summary",
            "description",
            "text",
            "hint",
            "label",
            "title",
            "notes",
        ]
        .iter()
        .any(|suffix| key.ends_with(suffix))
}

/// `database_status`, `dbStatus`, `db_check`, `cacheHealth`: a part named by the key, with its
/// state as the value.
pub(super) fn is_suffixed(key: &str) -> bool {
    let key = normalise(key);
    ["status", "state", "health", "check"].iter().any(|suffix| {
        key.strip_suffix(suffix)
            .is_some_and(|prefix| prefix.len() >= 2 && !matches!(prefix, "http" | "last" | "exit"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_in_every_spelling() {
        for key in [
            "healthy",
            "is_healthy",
            "isHealthy",
            "OK",
            "reachable",
            "Passed",
        ] {
            assert_eq!(flag(key), Some(Flag::Good), "{key}");
        }
        assert_eq!(flag("sealed"), Some(Flag::Bad(Health::Critical)));
        assert_eq!(flag("degraded"), Some(Flag::Bad(Health::Warning)));
        for key in [
            "maintenance",
            "maintenance_mode",
            "maintenanceMode",
            "in_maintenance",
        ] {
            assert_eq!(flag(key), Some(Flag::Maintenance("maintenance")), "{key}");
        }
        assert_eq!(flag("readOnly"), Some(Flag::Maintenance("read-only")));
        assert_eq!(flag("draining"), Some(Flag::Maintenance("draining")));
        assert_eq!(flag("initialized"), Some(Flag::Good));
        assert_eq!(flag("needsDbUpgrade"), Some(Flag::Bad(Health::Warning)));
        assert_eq!(flag("standby"), None);
        assert_eq!(flag("is"), None);
    }

    #[test]
    fn suffixed_keys_name_a_part() {
        for key in [
            "database_status",
            "dbStatus",
            "db_check",
            "cacheHealth",
            "queue-state",
        ] {
            assert!(is_suffixed(key), "{key}");
        }
        for key in ["status", "http_status", "lastStatus", "statusCode", "check"] {
            assert!(!is_suffixed(key), "{key}");
        }
    }

    #[test]
    fn keys_that_end_in_a_flag_or_a_trouble_word() {
        assert!(part_flag("publish_ready"));
        assert!(part_flag("dbConnected"));
        assert!(!part_flag("ready"), "a flag alone is the object's own");
        assert!(
            !part_flag("backup"),
            "a word that only ends in `up` is no flag"
        );
        assert_eq!(list("nodes_down"), Some(Health::Critical));
        assert_eq!(list("unavailableReplicas"), None);
        assert_eq!(list("errors"), Some(Health::Critical));
        assert_eq!(
            list("nodes_healthy"),
            None,
            "only lists of trouble by their last word"
        );
    }

    #[test]
    fn state_keys_strong_and_weak() {
        assert_eq!(state("Status"), Key::State { strong: true });
        assert_eq!(state("level"), Key::State { strong: true });
        assert_eq!(state("result"), Key::State { strong: false });
        assert_eq!(state("uptime"), Key::Other);
    }
}
