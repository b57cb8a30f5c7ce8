//! Nagios states and how they combine.
//!
//! "Worst" follows Monitoring::Plugin's `max_state_alt`: CRITICAL > WARNING > UNKNOWN > OK. A
//! target we could not judge must not hide another target's real warning, and a critical one
//! must always win, whatever else happened in the run.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Ok,
    Warning,
    Critical,
    Unknown,
}

impl Status {
    /// Rank used by [`worst`]; higher is worse.
    fn severity(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Unknown => 1,
            Status::Warning => 2,
            Status::Critical => 3,
        }
    }

    /// The worse of two states.
    pub fn max(self, other: Status) -> Status {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// The Nagios plugin exit code of this state.
    pub fn nagios_code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Warning => 1,
            Status::Critical => 2,
            Status::Unknown => 3,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Warning => "WARNING",
            Status::Critical => "CRITICAL",
            Status::Unknown => "UNKNOWN",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// The worst of any number of states; OK when there are none.
pub fn worst(states: impl IntoIterator<Item = Status>) -> Status {
    states.into_iter().fold(Status::Ok, Status::max)
}

/// How many targets ended in each state, in severity order, for summaries.
pub fn tally(states: impl IntoIterator<Item = Status>) -> Vec<(Status, usize)> {
    let mut counts = [0usize; 4];
    let order = [
        Status::Critical,
        Status::Warning,
        Status::Unknown,
        Status::Ok,
    ];
    for state in states {
        counts[order.iter().position(|s| *s == state).unwrap_or(0)] += 1;
    }
    order
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn worst_of_nothing_is_ok() {
        assert_eq!(worst([]), Ok);
    }

    #[test]
    fn critical_beats_everything_and_warning_beats_unknown() {
        assert_eq!(worst([Ok, Warning, Critical, Unknown]), Critical);
        assert_eq!(worst([Unknown, Warning]), Warning);
        assert_eq!(worst([Ok, Unknown]), Unknown);
        assert_eq!(worst([Ok, Ok]), Ok);
    }

    #[test]
    fn nagios_codes_are_the_plugin_api_codes() {
        assert_eq!(
            [Ok, Warning, Critical, Unknown].map(Status::nagios_code),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn tally_counts_in_severity_order_and_skips_zeroes() {
        assert_eq!(
            tally([Ok, Critical, Ok, Warning]),
            vec![(Critical, 1), (Warning, 1), (Ok, 2)]
        );
    }
}
