//! How many components one reading keeps.
//!
//! A document can list tens of thousands of components, and a [`Component`] with its strings
//! costs some 280 bytes: 40,000 of them took 11 MB, more than ten times the 1 MiB body they
//! came from. A reading therefore keeps the first [`MAX_KEPT_HEALTHY`] healthy leaves and the
//! first [`MAX_KEPT_FAILING`] failing ones (enough to name what fails; the JSON report counts
//! the rest), and only counts the rest, by state ([`Unkept`]).
//! Nothing is lost to the verdict: the count carries every state, and the judging treats the
//! failing ones it did not keep as failures. A component with children is always kept.
//!
//! The cap is decided where each reader adds a component ([`push`]), so that a component not
//! kept is freed at once and the whole list never exists. The readers are plain functions of a
//! document; rather than thread a counter through every one of them, the current reading's
//! count lives in a thread-local that [`reading`] sets up and takes down around one reader's
//! call (readers never cross threads).
//!
//! The user's `--status-word`s decide a leaf's state here as they do later, so a word the user
//! calls critical is never counted as healthy. Component rules (`--ignore-component`,
//! `--noncritical`, `--require-component`) must see every component they could name: with any
//! of them, everything is kept ([`super::ReadOptions::keep_every_component`]).

use std::cell::RefCell;

use super::{Component, Health, UserWords};
use crate::json::hash;

/// Healthy leaves (OK, or a state that is not a failure) kept by one reading.
pub const MAX_KEPT_HEALTHY: usize = 100;
/// Failing leaves kept by one reading; the rest are counted and judged by their states.
pub const MAX_KEPT_FAILING: usize = 256;

/// The components a reading counted without keeping, by state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unkept {
    /// Indexed by [`Health::severity`].
    counts: [usize; 6],
}

const BY_SEVERITY: [Health; 6] = [
    Health::Ok,
    Health::Unknown,
    Health::Unrecognised,
    Health::Warning,
    Health::Maintenance,
    Health::Critical,
];

impl Unkept {
    pub fn add(&mut self, health: Health) {
        self.add_many(health, 1);
    }

    pub fn add_many(&mut self, health: Health, n: usize) {
        self.counts[health.severity() as usize] += n;
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// Those in a failing state (anything but OK and unknown, as the judging counts them).
    pub fn failing(&self) -> usize {
        // Failing states rank above OK and unknown (see `BY_SEVERITY`).
        self.counts[2..].iter().sum()
    }

    /// The worst state among them; `None` when there are none.
    pub fn worst(&self) -> Option<Health> {
        self.by_state().map(|(health, _)| health).next_back()
    }

    /// Each state with its count, best first, states with none left out.
    pub fn by_state(&self) -> impl DoubleEndedIterator<Item = (Health, usize)> + '_ {
        BY_SEVERITY
            .iter()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(health, n)| (*health, n))
    }

    /// `38,976 ok, 24 critical`.
    pub fn describe(&self) -> String {
        self.by_state()
            .rev()
            .map(|(health, n)| format!("{n} {}", health.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn is_failing(health: Health) -> bool {
    !matches!(health, Health::Ok | Health::Unknown)
}

/// What one reading did not keep: the count, and where each of those components was read
/// (its area, as [`super::detect`]'s second reading needs it) and its name, held compactly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dropped {
    pub unkept: Unkept,
    pub areas: Hashes,
    pub names: Hashes,
}

/// A set of strings held as 64-bit hashes, sorted and searched by bisection: 8 bytes a string,
/// where a set of owned strings costs some 60. Two strings sharing a hash would take one for
/// the other; at 64 bits that does not happen among the strings of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hashes(Vec<u64>);

impl Hashes {
    fn push(&mut self, text: &str) {
        self.0.push(hash(text));
    }

    pub fn sort(&mut self) {
        self.0.sort_unstable();
        self.0.dedup();
        self.0.shrink_to_fit();
    }

    /// Whether `text` is among them (after [`Hashes::sort`]).
    pub fn contains(&self, text: &str) -> bool {
        self.0.binary_search(&hash(text)).is_ok()
    }
}

struct Budget {
    words: UserWords,
    healthy: usize,
    failing: usize,
    dropped: Dropped,
}

thread_local! {
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Runs one reader (`read`) under a fresh count, and returns what it did not keep. With
/// `keep_all`, [`push`] keeps everything. A reading inside another gets a count of its own.
pub(crate) fn reading<T>(
    words: &UserWords,
    keep_all: bool,
    read: impl FnOnce() -> T,
) -> (T, Dropped) {
    let outer = begin(words, keep_all);
    let result = read();
    (result, end(outer))
}

/// Starts a count (the generic part of [`reading`] kept out of its copies); returns the count
/// it replaces.
fn begin(words: &UserWords, keep_all: bool) -> Option<Budget> {
    let budget = (!keep_all).then(|| Budget {
        words: words.clone(),
        healthy: 0,
        failing: 0,
        dropped: Dropped::default(),
    });
    BUDGET.with(|cell| cell.replace(budget))
}

/// Ends the current count, puts `outer` back, and returns what was not kept.
fn end(outer: Option<Budget>) -> Dropped {
    let ours = BUDGET.with(|cell| cell.replace(outer));
    let mut dropped = ours.map(|budget| budget.dropped).unwrap_or_default();
    dropped.areas.sort();
    dropped.names.sort();
    dropped
}

/// Adds `component` to `list`, or counts it: see the module's doc. Outside a [`reading`]
/// (tests, a component built after reading) it is always added. Never inlined: fifty call
/// sites would each carry a copy.
#[inline(never)]
pub(crate) fn push(list: &mut Vec<Component>, component: Component) {
    if admit(&component, list.is_empty()) {
        list.push(component);
    }
}

/// Whether `component` is kept; when it is not, it is counted. The first of every list is kept
/// (a reader tells an empty list from a list with parts), and so is every component with
/// children.
pub(crate) fn admit(component: &Component, first_in_list: bool) -> bool {
    BUDGET.with(|cell| {
        let mut cell = cell.borrow_mut();
        let Some(budget) = cell.as_mut() else {
            return true;
        };
        if !component.children.is_empty() {
            return true;
        }
        let health = budget
            .words
            .get(&component.raw_status)
            .unwrap_or(component.health);
        let (kept, max) = if is_failing(health) {
            (&mut budget.failing, MAX_KEPT_FAILING)
        } else {
            (&mut budget.healthy, MAX_KEPT_HEALTHY)
        };
        if *kept < max {
            *kept += 1;
            return true;
        }
        if first_in_list {
            return true;
        }
        budget.dropped.unkept.add(health);
        let area = super::detect::parent_path(&component.origin.path);
        if !area.is_empty() {
            budget.dropped.areas.push(&area);
        }
        budget.dropped.names.push(&component.name);
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(name: &str, health: Health, raw: &str) -> Component {
        let mut part = Component::new(name, health, raw);
        part.origin.path = format!("$.components.{name}.status");
        part
    }

    #[test]
    fn a_reading_keeps_the_first_leaves_of_each_kind_and_counts_the_rest() {
        let (list, dropped) = reading(&UserWords::default(), false, || {
            let mut list = Vec::new();
            for i in 0..MAX_KEPT_HEALTHY + 5 {
                push(&mut list, leaf(&format!("ok{i}"), Health::Ok, "UP"));
            }
            for i in 0..MAX_KEPT_FAILING + 3 {
                push(
                    &mut list,
                    leaf(&format!("down{i}"), Health::Critical, "DOWN"),
                );
            }
            list
        });
        assert_eq!(list.len(), MAX_KEPT_HEALTHY + MAX_KEPT_FAILING);
        assert_eq!(dropped.unkept.total(), 8);
        assert_eq!(dropped.unkept.failing(), 3);
        assert_eq!(dropped.unkept.worst(), Some(Health::Critical));
        assert_eq!(dropped.unkept.describe(), "3 critical, 5 ok");
        let last_ok = format!("$.components.ok{}", MAX_KEPT_HEALTHY + 4);
        assert!(dropped.areas.contains(&last_ok));
        assert!(!dropped.areas.contains("$.components.ok3"));
        assert!(
            dropped
                .names
                .contains(&format!("down{}", MAX_KEPT_FAILING + 1))
        );
        assert!(!dropped.names.contains("down3"));
    }

    #[test]
    fn the_user_s_words_decide_whether_a_leaf_fails() {
        let words = UserWords::new([("green".to_string(), Health::Critical)]);
        let (list, dropped) = reading(&words, false, || {
            let mut list = Vec::new();
            for i in 0..MAX_KEPT_HEALTHY + 1 {
                push(&mut list, leaf(&format!("ok{i}"), Health::Ok, "UP"));
            }
            push(&mut list, leaf("g", Health::Ok, "green"));
            list
        });
        assert_eq!(list.last().map(|c| c.name.as_str()), Some("g"));
        assert_eq!(dropped.unkept.describe(), "1 ok");
    }

    #[test]
    fn parents_are_kept_and_keep_all_or_no_reading_keeps_everything() {
        let (list, dropped) = reading(&UserWords::default(), false, || {
            let mut list = Vec::new();
            for i in 0..MAX_KEPT_HEALTHY + 2 {
                let mut parent = leaf(&format!("p{i}"), Health::Ok, "UP");
                parent.children.push(leaf("c", Health::Ok, "UP"));
                push(&mut list, parent);
            }
            list
        });
        assert_eq!(list.len(), MAX_KEPT_HEALTHY + 2);
        assert!(dropped.unkept.is_empty());
        let (list, dropped) = reading(&UserWords::default(), true, || {
            let mut list = Vec::new();
            for i in 0..MAX_KEPT_HEALTHY * 2 {
                push(&mut list, leaf(&format!("ok{i}"), Health::Ok, "UP"));
            }
            list
        });
        assert_eq!(
            (list.len(), dropped.unkept.total()),
            (MAX_KEPT_HEALTHY * 2, 0)
        );
        let mut list = Vec::new();
        for i in 0..MAX_KEPT_HEALTHY * 2 {
            push(&mut list, leaf(&format!("ok{i}"), Health::Ok, "UP"));
        }
        assert_eq!(list.len(), MAX_KEPT_HEALTHY * 2);
    }
}
