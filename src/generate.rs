//! `healthprobe completions SHELL`, `healthprobe man` and `healthprobe help [TOPIC]`: the shell
//! completion scripts, the roff man page and the help pages, generated from the clap definition in
//! `cli.rs` (and, for the topics, the format table and the config file's keys).
//!
//! The command line has one source of truth, `cli::Cli`. The files committed under `completions/`
//! are this module's output, rewritten by `bash completions/refresh.sh`, and a test fails when they
//! are stale, so a flag can never be in `--help` but missing from a completion script or the man
//! page. Nothing here reads the environment, builds a client or touches the network, and none of it
//! runs unless one of these subcommands was asked for.

use std::io::{self, Write};

use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;

use crate::cli::{Cli, Command, HelpTopic};

mod topics;

/// The name the scripts complete and the man page documents.
const BIN: &str = "healthprobe";

/// What a generating subcommand asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    Completions(Shell),
    Man,
    /// `healthprobe help`: the long help, a subcommand's, or a topic.
    Help(Option<HelpTopic>),
}

impl Artifact {
    /// The artifact `command` asks for; `None` when it is a probing run (no subcommand, or `demo`).
    pub fn requested(command: Option<&Command>) -> Option<Artifact> {
        match command? {
            Command::Completions { shell } => Some(Artifact::Completions(*shell)),
            Command::Man => Some(Artifact::Man),
            Command::Help { topic } => Some(Artifact::Help(*topic)),
            Command::Demo | Command::Serve(_) => None,
        }
    }
}

/// The artifact's bytes, exactly as committed under `completions/`.
pub fn render(artifact: Artifact) -> Vec<u8> {
    let mut command = Cli::command();
    // Rendered into memory: clap_complete panics when a write fails, and stdout may be a closed
    // pipe.
    let mut out = Vec::new();
    match artifact {
        Artifact::Completions(shell) => clap_complete::generate(shell, &mut command, BIN, &mut out),
        Artifact::Man => clap_mangen::Man::new(command.bin_name(BIN))
            .render(&mut out)
            .expect("writing to a Vec cannot fail"),
        Artifact::Help(topic) => {
            let text = match topic {
                None => command.render_long_help().to_string(),
                Some(HelpTopic::Formats) => topics::formats(),
                Some(HelpTopic::Config) => topics::config(&command),
                Some(subcommand) => {
                    let name = subcommand
                        .to_possible_value()
                        .expect("every topic has a name");
                    command.build();
                    command
                        .find_subcommand_mut(name.get_name())
                        .expect("the subcommand topics name subcommands")
                        .render_long_help()
                        .to_string()
                }
            };
            out = text.into_bytes();
        }
    }
    out
}

/// Writes the artifact to stdout; a reader that went away (`| head`) is not an error.
pub fn print(artifact: Artifact) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(&render(artifact))
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        written => written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_generating_subcommands_ask_for_an_artifact() {
        assert_eq!(Artifact::requested(None), None);
        assert_eq!(Artifact::requested(Some(&Command::Demo)), None);
        assert_eq!(
            Artifact::requested(Some(&Command::Man)),
            Some(Artifact::Man)
        );
        assert_eq!(
            Artifact::requested(Some(&Command::Completions { shell: Shell::Zsh })),
            Some(Artifact::Completions(Shell::Zsh))
        );
    }

    #[test]
    fn every_shell_gets_a_script_that_names_the_binary() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let script = String::from_utf8(render(Artifact::Completions(shell))).unwrap();
            assert!(script.contains(BIN), "{shell}");
            // fish spells long flags `-l expect-status`.
            assert!(script.contains("expect-status"), "{shell}");
        }
    }

    #[test]
    fn the_man_page_is_roff_for_healthprobe() {
        let page = String::from_utf8(render(Artifact::Man)).unwrap();
        let title = page
            .lines()
            .find(|l| l.starts_with(".TH "))
            .expect(".TH line");
        assert!(title.starts_with(".TH healthprobe 1 "), "{title}");
        assert!(
            page.contains("HEALTHPROBE_EXPECT_STATUS"),
            "env vars are documented"
        );
    }
}
