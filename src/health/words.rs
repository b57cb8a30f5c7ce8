//! Status words of every format, mapped to [`Health`].
//!
//! Every table compares words case-insensitively after dropping everything that is not a letter
//! or a digit (Spring's own rule, which also makes `Partially Available`, `OUT_OF_SERVICE`,
//! `shutting_down` and `not-serving` easy to match). A word a table does not know is
//! [`Health::Unknown`].

use super::Health;

/// Longer than any status word or key in any format, in bytes, with room for padding.
const LONGEST_WORD: usize = 64;

/// `word` lowercased with every non-alphanumeric character removed.
pub(crate) fn normalise(word: &str) -> String {
    // Status words and the keys looked up are short; a long text (a 1 MB string in a body) is
    // none of them, and is not walked whole: the NUL matches no word.
    if word.len() > LONGEST_WORD {
        return "\0".into();
    }
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// health+json (draft-inadarei-api-health-check): pass/warn/fail and the aliases ok, up, error,
/// down.
pub(crate) fn ietf(word: &str) -> Health {
    match normalise(word).as_str() {
        "pass" | "ok" | "up" => Health::Ok,
        "warn" => Health::Warning,
        "fail" | "error" | "down" => Health::Critical,
        _ => Health::Unknown,
    }
}

/// Spring Boot Actuator: UP, DOWN, OUT_OF_SERVICE, UNKNOWN; custom codes are Unknown.
pub(crate) fn spring(word: &str) -> Health {
    match normalise(word).as_str() {
        "up" => Health::Ok,
        "down" => Health::Critical,
        "outofservice" => Health::Maintenance,
        _ => Health::Unknown,
    }
}

/// MicroProfile Health and Vert.x: UP and DOWN only.
pub(crate) fn up_down(word: &str) -> Health {
    match normalise(word).as_str() {
        "up" => Health::Ok,
        "down" => Health::Critical,
        _ => Health::Unknown,
    }
}

/// ASP.NET Core `HealthStatus`: names, or the enum values 2, 1, 0.
pub(crate) fn aspnet(word: &str) -> Health {
    match normalise(word).as_str() {
        "healthy" | "2" => Health::Ok,
        "degraded" | "1" => Health::Warning,
        "unhealthy" | "0" => Health::Critical,
        _ => Health::Unknown,
    }
}

/// Consul check and aggregated statuses.
pub(crate) fn consul(word: &str) -> Health {
    match normalise(word).as_str() {
        "passing" => Health::Ok,
        "warning" => Health::Warning,
        "critical" => Health::Critical,
        "maintenance" => Health::Maintenance,
        _ => Health::Unknown,
    }
}

/// Elasticsearch cluster and indicator colours.
pub(crate) fn elasticsearch(word: &str) -> Health {
    match normalise(word).as_str() {
        "green" => Health::Ok,
        "yellow" => Health::Warning,
        "red" => Health::Critical,
        _ => Health::Unknown,
    }
}

/// hellofresh/health-go.
pub(crate) fn hellofresh(word: &str) -> Health {
    match normalise(word).as_str() {
        "ok" => Health::Ok,
        "partiallyavailable" => Health::Warning,
        "unavailable" => Health::Critical,
        _ => Health::Unknown,
    }
}

/// GoDaddy and NestJS Terminus, top level and indicators (GoDaddy's tests configure `up`,
/// `down` and `failed`).
pub(crate) fn terminus(word: &str) -> Health {
    match normalise(word).as_str() {
        "ok" | "up" => Health::Ok,
        "error" | "down" | "failed" | "fail" => Health::Critical,
        "shuttingdown" => Health::Maintenance,
        _ => Health::Unknown,
    }
}

/// alexliesenfeld/health: up, down, unknown.
pub(crate) fn alexliesenfeld(word: &str) -> Health {
    up_down(word)
}

/// A boolean, or a string boolean (etcd's `"health": "true"`).
pub(crate) fn boolean(word: &str) -> Health {
    match normalise(word).as_str() {
        "true" => Health::Ok,
        "false" => Health::Critical,
        _ => Health::Unknown,
    }
}

/// The union of every vocabulary, for documents of no known format.
pub(crate) fn generic(word: &str) -> Health {
    match normalise(word).as_str() {
        "ok" | "okay" | "pass" | "passed" | "passing" | "up" | "healthy" | "green" | "true"
        | "yes" | "success" | "successful" | "good" | "available" | "running" | "online"
        | "ready" | "serving" | "alive" | "live" | "operational" | "normal" | "fine" => Health::Ok,
        "warn" | "warning" | "degraded" | "partiallyavailable" | "partial" | "yellow"
        | "unstable" | "impaired" => Health::Warning,
        "fail" | "failed" | "failing" | "failure" | "error" | "err" | "down" | "critical"
        | "unhealthy" | "red" | "false" | "no" | "unavailable" | "notserving" | "offline"
        | "dead" | "ko" | "broken" | "outage" | "fatal" | "unreachable" => Health::Critical,
        "outofservice" | "maintenance" | "undermaintenance" | "maintenancemode" | "draining"
        | "shuttingdown" | "readonly" | "refusingtraffic" | "stopping" => Health::Maintenance,
        _ => Health::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_drops_case_and_punctuation() {
        assert_eq!(normalise(" Out_Of-Service "), "outofservice");
        assert_eq!(normalise("Partially Available"), "partiallyavailable");
        assert_eq!(normalise(""), "");
        assert_eq!(
            normalise(&"UP ".repeat(100)),
            "\0",
            "a long text is no word"
        );
    }

    #[test]
    fn ietf_words_and_aliases() {
        for (word, health) in [
            ("pass", Health::Ok),
            (" PASS ", Health::Ok),
            ("ok", Health::Ok),
            ("Up", Health::Ok),
            ("warn", Health::Warning),
            ("fail", Health::Critical),
            ("error", Health::Critical),
            ("DOWN", Health::Critical),
            ("degraded", Health::Unknown),
            ("", Health::Unknown),
        ] {
            assert_eq!(ietf(word), health, "{word:?}");
        }
    }

    #[test]
    fn spring_words() {
        assert_eq!(spring("UP"), Health::Ok);
        assert_eq!(spring("down"), Health::Critical);
        assert_eq!(spring("OUT_OF_SERVICE"), Health::Maintenance);
        assert_eq!(spring("out-of-service"), Health::Maintenance);
        assert_eq!(spring("UNKNOWN"), Health::Unknown);
        assert_eq!(spring("FATAL"), Health::Unknown);
    }

    #[test]
    fn other_vocabularies() {
        assert_eq!(aspnet("Degraded"), Health::Warning);
        assert_eq!(aspnet("0"), Health::Critical);
        assert_eq!(aspnet("2"), Health::Ok);
        assert_eq!(consul("maintenance"), Health::Maintenance);
        assert_eq!(consul("warning"), Health::Warning);
        assert_eq!(elasticsearch("yellow"), Health::Warning);
        assert_eq!(elasticsearch("unknown"), Health::Unknown);
        assert_eq!(hellofresh("Partially Available"), Health::Warning);
        assert_eq!(hellofresh("Unavailable"), Health::Critical);
        assert_eq!(terminus("shutting_down"), Health::Maintenance);
        assert_eq!(terminus("failed"), Health::Critical);
        assert_eq!(alexliesenfeld("unknown"), Health::Unknown);
        assert_eq!(boolean("false"), Health::Critical);
        assert_eq!(up_down("UP"), Health::Ok);
    }

    #[test]
    fn generic_union() {
        assert_eq!(generic("NOT_SERVING"), Health::Critical);
        assert_eq!(generic("SERVING"), Health::Ok);
        assert_eq!(generic("read-only"), Health::Maintenance);
        assert_eq!(generic("Degraded"), Health::Warning);
        assert_eq!(generic("starting"), Health::Unknown);
    }
}
