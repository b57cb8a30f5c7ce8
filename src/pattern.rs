//! Component patterns for `--ignore-component`, `--noncritical` and `--require-component`.
//!
//! A pattern is matched against a component's path (`db`, `db/primary`), ASCII
//! case-insensitively, with `*` for any run of characters (slashes included) and `?` for one
//! character. A pattern that matches a component also covers everything nested under it, so
//! `--ignore-component db` leaves out `db/primary` too. Hand-written because these few lines
//! are the whole need; a glob crate would bring file-system semantics we do not want.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(String);

impl Pattern {
    pub fn new(text: &str) -> Result<Pattern, String> {
        let text = text.trim().trim_matches('/');
        if text.is_empty() {
            return Err("empty component pattern".into());
        }
        Ok(Pattern(text.to_string()))
    }

    /// True when the pattern names this path or one of its ancestors.
    pub fn covers(&self, path: &str) -> bool {
        if wildcard_match(self.0.as_bytes(), path.as_bytes()) {
            return true;
        }
        path.match_indices('/')
            .any(|(at, _)| wildcard_match(self.0.as_bytes(), &path.as_bytes()[..at]))
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Iterative wildcard matching with single-star backtracking: linear in practice and never
/// exponential, whatever the pattern.
fn wildcard_match(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || c.eq_ignore_ascii_case(&text[t]) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covers(pattern: &str, path: &str) -> bool {
        Pattern::new(pattern).unwrap().covers(path)
    }

    #[test]
    fn exact_names_match_case_insensitively() {
        assert!(covers("db", "db"));
        assert!(covers("DB", "db"));
        assert!(!covers("db", "dbx"));
        assert!(!covers("db", "x/db"));
    }

    #[test]
    fn a_pattern_covers_everything_nested_under_what_it_names() {
        assert!(covers("db", "db/primary"));
        assert!(covers("db/primary", "db/primary/pool"));
        assert!(!covers("db/primary", "db/replica"));
    }

    #[test]
    fn wildcards_match_runs_and_single_characters() {
        assert!(covers("redis-*", "redis-liveness"));
        assert!(covers("*liveness", "database-liveness"));
        assert!(covers("*/primary", "db/primary"));
        assert!(covers("db?", "db1"));
        assert!(!covers("db?", "db"));
        assert!(covers("*", "anything/at/all"));
        assert!(covers("a*b*c", "aXbYc"));
        assert!(!covers("a*b*c", "aXbY"));
    }

    #[test]
    fn pathological_patterns_stay_fast() {
        let path = "a".repeat(10_000);
        assert!(!covers(&"*a".repeat(50).replace("a*a", "a*b"), &path));
    }

    #[test]
    fn empty_patterns_are_rejected() {
        assert!(Pattern::new("").is_err());
        assert!(Pattern::new(" / ").is_err());
    }
}
