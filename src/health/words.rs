//! The one vocabulary every reader uses: state words, short sentences, and the user's own
//! words (`--status-word`).
//!
//! Words are compared case-insensitively after dropping everything that is not a letter or a
//! digit (Spring's own rule, which also makes `Partially Available`, `OUT_OF_SERVICE`,
//! `shutting_down` and `not-serving` easy to match). A value that is not a word of the table is
//! read as a short sentence: `Server available`, `not ready`, `HEALTH_WARN`, `StatusOK`,
//! `Unavailable: disk full`, `dial tcp 10.0.0.3:5432: connection refused`. What neither reading
//! knows is [`Health::Unrecognised`]: the reader cannot decide, and says so.
//!
//! Format readers do not keep tables of their own: where two formats share a word they mean the
//! same by it (a word of one format never means something else in another), so one table serves
//! them all, and a word a format's documentation does not list still gets its usual meaning.

use super::Health;

/// Longer than any status word or key in any format, in bytes, with room for padding.
const LONGEST_WORD: usize = 64;

/// Longest text read as a short sentence, in bytes; longer text is prose, not a state.
const LONGEST_SENTENCE: usize = 400;

/// Most words a short sentence may have.
const MOST_SENTENCE_WORDS: usize = 48;

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

/// The shared table: a normalised word and what it means. Every format's words are here
/// (pass/warn/fail; UP/DOWN/OUT_OF_SERVICE; Healthy/Degraded/Unhealthy; passing/warning/critical;
/// green/yellow/red; OK/Partially Available/Unavailable; SERVING/NOT_SERVING; ok/error/
/// shutting_down), with the words real services use beside them.
fn table(normalised: &str) -> Option<Health> {
    Some(match normalised {
        "ok" | "okay" | "pass" | "passed" | "passing" | "up" | "healthy" | "green" | "true"
        | "yes" | "success" | "successful" | "succeeded" | "good" | "available" | "running"
        | "online" | "ready" | "serving" | "alive" | "live" | "operational" | "normal" | "fine"
        | "working" | "active" | "connected" | "reachable" | "completed" | "complete"
        | "healthok" | "allgood" | "nominal" | "stable" | "accepting" | "listening" | "synced"
        | "idle" | "insync" => Health::Ok,
        "warn"
        | "warning"
        | "warnings"
        | "degraded"
        | "partiallyavailable"
        | "partial"
        | "yellow"
        | "unstable"
        | "impaired"
        | "paused"
        | "starting"
        | "initializing"
        | "initialising"
        | "booting"
        | "warmingup"
        | "restarting"
        | "recovering"
        | "unassigned"
        | "lagging"
        | "minor"
        | "degradedperformance"
        | "partialoutage"
        | "healthwarn"
        | "amber"
        | "orange"
        | "slow" => Health::Warning,
        "fail" | "failed" | "failing" | "failure" | "error" | "errors" | "errored" | "err"
        | "down" | "critical" | "unhealthy" | "red" | "false" | "no" | "unavailable"
        | "notserving" | "offline" | "dead" | "ko" | "broken" | "outage" | "majoroutage"
        | "fatal" | "unreachable" | "disconnected" | "stopped" | "sealed" | "healtherr"
        | "healtherror" | "notconnected" | "notrunning" | "notready" => Health::Critical,
        "outofservice" | "maintenance" | "undermaintenance" | "maintenancemode"
        | "inmaintenance" | "draining" | "drained" | "shuttingdown" | "readonly"
        | "refusingtraffic" | "stopping" | "terminating" | "shutdown" => Health::Maintenance,
        "unknown" | "none" | "null" | "na" | "pending" | "skipped" | "skip" | "notrun"
        | "disabled" | "unchecked" | "notchecked" | "notconfigured" | "unset" | "undefined"
        | "indeterminate" | "undetermined" | "statusnone" | "inactive" | "notrunyet"
        | "didntrun" | "didntrunyet" | "notyetrun" | "hasntrun" | "hasntrunyet" | "neverrun"
        | "notexecuted" | "notyetexecuted" => Health::Unknown,
        _ => return None,
    })
}

/// Words of trouble: not states a service reports, but what its error texts say went wrong
/// (`connection refused`, `i/o timeout`, `Path not found`). A value that is only such a word is
/// a failure too; a plain-text body is not read by them, so that a 404 page saying `not found`
/// is not taken for a health document.
fn trouble(normalised: &str) -> bool {
    matches!(
        normalised,
        "timeout"
            | "timedout"
            | "refused"
            | "denied"
            | "unauthorized"
            | "forbidden"
            | "exception"
            | "panic"
            | "expired"
            | "invalid"
            | "missing"
            | "lost"
            | "eof"
            | "exceeded"
            | "notfound"
            | "noroutetohost"
            | "nosuchhost"
            | "connectionreset"
            | "brokenpipe"
            | "deadlineexceeded"
            | "notinitialized"
            | "uninitialized"
            | "aborted"
            | "rejected"
            | "blocked"
            | "corrupt"
            | "corrupted"
            | "diskfull"
            | "crash"
            | "crashed"
            | "crashloopbackoff"
            | "halted"
    )
}

/// A state word or a word of trouble.
fn lookup(normalised: &str, with_trouble: bool) -> Option<Health> {
    table(normalised).or_else(|| (with_trouble && trouble(normalised)).then_some(Health::Critical))
}

/// The meaning of a single state word, not counting words of trouble.
pub(crate) fn status_word(text: &str) -> Option<Health> {
    lookup(&normalise(text), false)
}

/// The meaning of a single word: a state, or a word of trouble.
pub(crate) fn word(text: &str) -> Option<Health> {
    lookup(&normalise(text), true)
}

/// How a value was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// A word of the shared table.
    Word,
    /// A word the user mapped with `--status-word`.
    UserWord,
    /// A short sentence whose words say the state.
    Sentence,
    /// Nothing known: the reader cannot decide.
    Unrecognised,
}

/// A value read as a state.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    pub health: Health,
    pub how: How,
    /// The explanation a sentence carries after its state word (`Unavailable: disk full`).
    pub reason: Option<String>,
}

/// The user's own words (`--status-word WORD=STATE`), checked before the shared table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserWords(Vec<(String, Health)>);

impl UserWords {
    pub fn new(words: impl IntoIterator<Item = (String, Health)>) -> Self {
        UserWords(
            words
                .into_iter()
                .map(|(word, health)| (normalise(&word), health))
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The user's meaning of `text`; the last mapping of a word wins, so that a command-line
    /// `--status-word` overrides one from the config file.
    pub fn get(&self, text: &str) -> Option<Health> {
        let normalised = normalise(text);
        self.0
            .iter()
            .rev()
            .find(|(word, _)| *word == normalised)
            .map(|(_, health)| *health)
    }
}

/// `text` read as a state: the user's word, a word of the table, a short sentence, or
/// unrecognised.
pub(crate) fn judge(text: &str, user: &UserWords) -> Judged {
    if let Some(health) = user.get(text) {
        return Judged {
            health,
            how: How::UserWord,
            reason: None,
        };
    }
    if let Some(health) = word(text) {
        return Judged {
            health,
            how: How::Word,
            reason: None,
        };
    }
    match sentence(text) {
        Some((health, reason)) => Judged {
            health,
            how: How::Sentence,
            reason,
        },
        None => Judged {
            health: Health::Unrecognised,
            how: How::Unrecognised,
            reason: None,
        },
    }
}

/// The state a format reader gives `text`: [`judge`] without the user's words, which the
/// detection applies to every reader's result afterwards.
pub(crate) fn state(text: &str) -> Health {
    judge(text, &UserWords::default()).health
}

/// Words that turn the meaning of the state word after them.
const NEGATIONS: &[&str] = &[
    "not", "no", "non", "never", "cannot", "cant", "isnt", "arent", "wasnt", "werent", "dont",
    "doesnt", "didnt", "wont", "unable", "without", "nothing",
];

/// Words that make a failure a partial one: `Partial outage`, `StatusRecoverableError`.
const SOFTENERS: &[&str] = &[
    "partial",
    "partially",
    "minor",
    "recoverable",
    "some",
    "degraded",
];

/// Filler allowed between a negation and its word: `not yet ready`, `is not currently serving`.
const FILLERS: &[&str] = &[
    "yet",
    "be",
    "been",
    "being",
    "fully",
    "currently",
    "completely",
    "all",
    "any",
    "the",
    "a",
];

/// A short sentence read as a state: the worst state its words name (a negation turns the word
/// after it), softened to WARNING by words such as `partial`. `None` when no word names a state,
/// or the text is too long to be a state. A text that starts with a state word and a colon
/// (`Unavailable: disk full`) is that word with the rest as its reason.
pub(crate) fn sentence(text: &str) -> Option<(Health, Option<String>)> {
    read_sentence(text, true)
}

/// [`sentence`] with state words only, for whole plain-text bodies.
pub(crate) fn status_sentence(text: &str) -> Option<(Health, Option<String>)> {
    read_sentence(text, false)
}

fn read_sentence(text: &str, with_trouble: bool) -> Option<(Health, Option<String>)> {
    if text.len() > LONGEST_SENTENCE {
        return None;
    }
    if let Some((head, rest)) = text.split_once(':')
        && let Some(health) = lookup(&normalise(head), with_trouble)
    {
        // The rest is the body's own text: folded onto one short line like every reason (a
        // carriage return in it would overwrite the line on a terminal).
        return Some((health, super::fields::fold(rest)));
    }
    let tokens = tokens(text);
    if tokens.is_empty() || tokens.len() > MOST_SENTENCE_WORDS {
        return None;
    }
    let mut worst: Option<Health> = None;
    let mut softened = false;
    let mut negate = false;
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index].as_str();
        if SOFTENERS.contains(&token) {
            softened = true;
        }
        // The longest phrase of up to three words that the table knows: `out of service`,
        // `shutting down`, `not found`, `deadline exceeded`. A negation alone is no phrase.
        let found = (1..=3).rev().find_map(|n| {
            let phrase: String = tokens.get(index..index + n)?.concat();
            lookup(&phrase, with_trouble).map(|health| (health, n))
        });
        let found = found.filter(|(_, width)| *width > 1 || !NEGATIONS.contains(&token));
        if found.is_none() && NEGATIONS.contains(&token) {
            negate = true;
            index += 1;
            continue;
        }
        if found.is_none() && negate && FILLERS.contains(&token) {
            index += 1;
            continue;
        }
        let Some((mut health, width)) = found else {
            negate = false;
            index += 1;
            continue;
        };
        if negate {
            health = match health {
                Health::Ok => Health::Critical,
                Health::Critical | Health::Warning | Health::Maintenance => Health::Ok,
                other => other,
            };
            negate = false;
        }
        worst = Some(match worst {
            None => health,
            Some(before) => before.worst(health),
        });
        index += width;
    }
    let mut health = worst?;
    if softened && health == Health::Critical {
        health = Health::Warning;
    }
    Some((health, None))
}

/// The words of a text, lowercased: split at every non-alphanumeric character and at lower-to-
/// upper case changes (`StatusRecoverableError`, `SERVER_IS_READY`, `not-ready`).
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    // Contractions lose their apostrophe above: `isn't` becomes `isn` + `t`.
    let mut joined: Vec<String> = Vec::with_capacity(out.len());
    for token in out {
        if token == "t"
            && let Some(last) = joined.last_mut()
            && last.ends_with('n')
        {
            last.push('t');
            continue;
        }
        joined.push(token);
    }
    joined
}

/// A boolean, or a string boolean (etcd's `"health": "true"`).
pub(crate) fn boolean(text: &str) -> Option<bool> {
    match normalise(text).as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
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
    fn every_formats_words_are_in_the_one_table() {
        for (text, health) in [
            ("pass", Health::Ok),
            ("warn", Health::Warning),
            ("fail", Health::Critical),
            ("UP", Health::Ok),
            ("DOWN", Health::Critical),
            ("OUT_OF_SERVICE", Health::Maintenance),
            ("UNKNOWN", Health::Unknown),
            ("Healthy", Health::Ok),
            ("Degraded", Health::Warning),
            ("Unhealthy", Health::Critical),
            ("passing", Health::Ok),
            ("warning", Health::Warning),
            ("critical", Health::Critical),
            ("maintenance", Health::Maintenance),
            ("green", Health::Ok),
            ("yellow", Health::Warning),
            ("red", Health::Critical),
            ("OK", Health::Ok),
            ("Partially Available", Health::Warning),
            ("Unavailable", Health::Critical),
            ("available", Health::Ok),
            ("RUNNING", Health::Ok),
            ("FAILED", Health::Critical),
            ("PAUSED", Health::Warning),
            ("SERVING", Health::Ok),
            ("NOT_SERVING", Health::Critical),
            ("shutting_down", Health::Maintenance),
            ("error", Health::Critical),
            ("read-only", Health::Maintenance),
        ] {
            assert_eq!(word(text), Some(health), "{text}");
        }
        assert_eq!(word("sparkly"), None);
        assert_eq!(word("0"), None, "numbers are not words");
    }

    #[test]
    fn short_sentences_say_their_state() {
        for (text, health) in [
            ("Server available", Health::Ok),
            ("not ready", Health::Critical),
            ("Not yet ready", Health::Critical),
            ("isn't serving", Health::Critical),
            ("SERVER_IS_READY", Health::Ok),
            ("SERVER_IS_NOT_READY", Health::Critical),
            ("SERVER_IS_SHUTTING_DOWN", Health::Maintenance),
            ("SERVER_IS_NOT_SHUTTING_DOWN", Health::Ok),
            ("didn't run yet", Health::Unknown),
            ("HEALTH_OK", Health::Ok),
            ("HEALTH_WARN", Health::Warning),
            ("HEALTH_ERR", Health::Critical),
            ("StatusOK", Health::Ok),
            ("StatusRecoverableError", Health::Warning),
            ("StatusPermanentError", Health::Critical),
            ("StatusStarting", Health::Warning),
            ("All Systems Operational", Health::Ok),
            ("Partial System Outage", Health::Warning),
            ("Major System Outage", Health::Critical),
            ("Under Maintenance", Health::Maintenance),
            ("no errors", Health::Ok),
            (
                "dial tcp 10.0.0.3:5432: connect: connection refused",
                Health::Critical,
            ),
            ("s3aws: Path not found: /registry", Health::Critical),
            ("context deadline exceeded", Health::Critical),
            ("i/o timeout", Health::Critical),
            (
                "Worker has completed startup and is ready to handle requests.",
                Health::Ok,
            ),
            ("connection to ok-db refused", Health::Critical),
        ] {
            assert_eq!(sentence(text).map(|(h, _)| h), Some(health), "{text}");
        }
        assert_eq!(
            sentence("Unavailable: disk full on /var"),
            Some((Health::Critical, Some("disk full on /var".into())))
        );
        for nothing in ["abc123", "web-1.example.test", "", "Payment gateway for EU"] {
            assert_eq!(sentence(nothing), None, "{nothing}");
        }
        assert_eq!(sentence(&"all good ".repeat(40)), None, "prose is no state");
    }

    #[test]
    fn judging_tries_the_users_words_first_then_the_table_then_sentences() {
        let user = UserWords::new([
            ("IMPAIRED".to_string(), Health::Critical),
            ("degraded".to_string(), Health::Critical),
        ]);
        assert_eq!(judge("impaired", &user).health, Health::Critical);
        assert_eq!(judge("impaired", &user).how, How::UserWord);
        assert_eq!(judge("DEGRADED", &user).health, Health::Critical);
        assert_eq!(judge("UP", &user).how, How::Word);
        assert_eq!(judge("not yet serving", &user).how, How::Sentence);
        let unknown = judge("sparkly", &user);
        assert_eq!(
            (unknown.health, unknown.how),
            (Health::Unrecognised, How::Unrecognised)
        );
        let later = UserWords::new([
            ("x".to_string(), Health::Ok),
            ("X".to_string(), Health::Warning),
        ]);
        assert_eq!(
            later.get("x"),
            Some(Health::Warning),
            "the last mapping wins"
        );
    }

    #[test]
    fn booleans_and_string_booleans() {
        assert_eq!(boolean("false"), Some(false));
        assert_eq!(boolean(" TRUE "), Some(true));
        assert_eq!(boolean("yes"), None);
    }
}
