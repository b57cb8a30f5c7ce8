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

/// `--quorum N` or `N%`: how many targets of a replica set must be OK for the run to be OK.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quorum {
    Count(usize),
    Percent(f64),
}

impl std::str::FromStr for Quorum {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let bad = || {
            format!(
                "'{}' is not a quorum: use a count (2) or a percentage (50%)",
                crate::text::escaped(text)
            )
        };
        if let Some(percent) = text.strip_suffix('%') {
            let value: f64 = percent.trim().parse().map_err(|_| bad())?;
            if !(value > 0.0 && value <= 100.0) {
                return Err(format!("quorum '{text}' must be above 0% and at most 100%"));
            }
            return Ok(Quorum::Percent(value));
        }
        match text.parse::<usize>() {
            Ok(0) => Err(format!("quorum '{text}' must be at least 1")),
            Ok(count) => Ok(Quorum::Count(count)),
            Err(_) => Err(bad()),
        }
    }
}

impl fmt::Display for Quorum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quorum::Count(count) => write!(f, "{count}"),
            Quorum::Percent(percent) => write!(f, "{percent}%"),
        }
    }
}

impl Quorum {
    /// Targets that must be OK out of `total`; a percentage rounds up (50% of 3 is 2), so
    /// that a quorum is never met by less than its share.
    pub fn needed(self, total: usize) -> usize {
        match self {
            Quorum::Count(count) => count,
            Quorum::Percent(percent) => {
                let exact = total as f64 * percent / 100.0;
                // Round up, but let 50% of 4 be exactly 2 despite float noise.
                ((exact - 1e-9).ceil() as usize).max(1)
            }
        }
    }

    /// The run's state under this quorum: OK when at least the needed number of targets is OK,
    /// WARNING when fewer but some are, CRITICAL when none is. Also the one-line reason.
    pub fn judge(self, states: &[Status]) -> (Status, String) {
        let total = states.len();
        let ok = states.iter().filter(|s| **s == Status::Ok).count();
        let needed = self.needed(total);
        let status = if ok >= needed {
            Status::Ok
        } else if ok > 0 {
            Status::Warning
        } else {
            Status::Critical
        };
        let verdict = if ok >= needed { "met" } else { "not met" };
        (
            status,
            format!(
                "quorum {verdict}: {ok} of {} OK, {needed} needed",
                crate::text::count(total, "target")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn quorum_counts_and_percentages_parse_and_bad_ones_are_refused() {
        assert_eq!("2".parse(), Result::<Quorum, String>::Ok(Quorum::Count(2)));
        assert_eq!(
            " 50% ".parse(),
            Result::<Quorum, String>::Ok(Quorum::Percent(50.0))
        );
        for bad in ["0", "0%", "101%", "-1", "half", "%", "2.5", ""] {
            assert!(bad.parse::<Quorum>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_bad_quorum_is_shown_on_one_line() {
        // Found by the `args` fuzz target: the text was echoed with its control characters.
        let err = "i-\u{8}spri-boot\n2".parse::<Quorum>().unwrap_err();
        assert!(!err.chars().any(char::is_control), "{err:?}");
        assert!(
            err.starts_with("'i-\\u{8}spri-boot\\n2' is not a quorum"),
            "{err:?}"
        );
    }

    #[test]
    fn percentage_quorums_round_up_and_never_need_less_than_one() {
        let p = Quorum::Percent;
        assert_eq!(p(50.0).needed(4), 2);
        assert_eq!(p(50.0).needed(3), 2);
        assert_eq!(p(100.0).needed(3), 3);
        assert_eq!(p(66.0).needed(3), 2);
        assert_eq!(p(67.0).needed(3), 3);
        assert_eq!(p(1.0).needed(3), 1);
        assert_eq!(p(10.0).needed(0), 1);
        assert_eq!(Quorum::Count(2).needed(5), 2);
    }

    #[test]
    fn quorum_is_ok_when_met_warning_when_some_are_ok_critical_when_none() {
        let q = Quorum::Count(2);
        assert_eq!(q.judge(&[Ok, Ok, Critical]).0, Ok);
        assert_eq!(q.judge(&[Ok, Warning, Critical]).0, Warning);
        assert_eq!(q.judge(&[Warning, Critical, Unknown]).0, Critical);
        assert_eq!(q.judge(&[Ok, Ok, Ok]).0, Ok);
        let (status, reason) = Quorum::Percent(50.0).judge(&[Ok, Critical, Critical, Critical]);
        assert_eq!(status, Warning);
        assert_eq!(reason, "quorum not met: 1 of 4 targets OK, 2 needed");
    }

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
