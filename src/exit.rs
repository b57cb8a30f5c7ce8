//! The single mapping from the run's overall state to the process exit code.
//!
//! Nagios policy uses the plugin codes 0-3. Docker policy exits only 0 or 1, because Docker
//! reserves 2 and treats every non-zero code as unhealthy anyway: WARNING stays healthy (a
//! degraded container that still serves should not be restarted) unless the user says otherwise.

use crate::verdict::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExitPolicy {
    #[default]
    Nagios,
    Docker {
        warning_is_unhealthy: bool,
    },
}

impl ExitPolicy {
    pub fn code(self, status: Status) -> u8 {
        match self {
            ExitPolicy::Nagios => status.nagios_code(),
            ExitPolicy::Docker {
                warning_is_unhealthy,
            } => match status {
                Status::Ok => 0,
                Status::Warning if !warning_is_unhealthy => 0,
                _ => 1,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    const ALL: [Status; 4] = [Ok, Warning, Critical, Unknown];

    #[test]
    fn nagios_policy_uses_plugin_codes() {
        assert_eq!(ALL.map(|s| ExitPolicy::Nagios.code(s)), [0, 1, 2, 3]);
    }

    #[test]
    fn docker_policy_never_exits_2_and_keeps_warning_healthy() {
        let docker = ExitPolicy::Docker {
            warning_is_unhealthy: false,
        };
        assert_eq!(ALL.map(|s| docker.code(s)), [0, 0, 1, 1]);
    }

    #[test]
    fn docker_policy_can_treat_warning_as_unhealthy() {
        let strict = ExitPolicy::Docker {
            warning_is_unhealthy: true,
        };
        assert_eq!(ALL.map(|s| strict.code(s)), [0, 1, 1, 1]);
    }
}
