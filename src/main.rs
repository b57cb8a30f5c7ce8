//! healthprobe: probe health endpoints and exit with Nagios codes.
//!
//! `main` only wires the pipeline together: parse -> plan -> run -> render -> exit code. It owns
//! the two process-wide promises: usage errors and panics end as UNKNOWN (exit 3, or 1 in Docker
//! mode), never as clap's 2 (CRITICAL to Nagios, reserved to Docker) or Rust's 101.

mod allow;
mod cert;
mod cli;
mod config;
mod demo;
mod error;
mod evaluate;
mod exit;
mod exposition;
mod extract;
mod generate;
mod grpc;
mod health;
mod inputs;
mod json;
mod observation;
mod outcome;
mod pattern;
mod perfdata;
mod pipeline;
mod plan;
mod probe;
mod range;
mod redact;
mod report;
mod request;
mod rules;
mod run;
mod serve;
mod socket;
mod statuses;
mod target;
mod text;
mod tls;
mod units;
mod verdict;
mod version;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::error::ErrorKind;

use crate::exit::ExitPolicy;
use crate::verdict::Status;

/// One line on stderr. A closed stderr must not turn a verdict into a crash (`eprintln!`
/// panics when the write fails), so errors writing it are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use say;

/// The exit code a panic ends with; UNKNOWN under the policy in force once it is known.
static PANIC_EXIT_CODE: AtomicU8 = AtomicU8::new(3);

fn main() -> ExitCode {
    crate::inputs::mark_start();
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        say!("healthprobe: internal error: {message}{place} (this is a bug; please report it)");
        std::process::exit(i32::from(PANIC_EXIT_CODE.load(Ordering::Relaxed)));
    }));

    let cli = match cli::Cli::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err(err) => return parse_failure(&err),
    };
    // `completions` and `man` print what the clap definition generates: no URL, plan or network.
    if let Some(artifact) = generate::Artifact::requested(cli.command.as_ref()) {
        return match generate::print(artifact) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                say!("healthprobe: cannot write to stdout: {err}");
                ExitCode::from(ExitPolicy::Nagios.code(Status::Unknown))
            }
        };
    }
    let env = plan::Environment {
        var: &|name| std::env::var(name).ok(),
        stdout_is_terminal: io::stdout().is_terminal(),
        stderr_is_terminal: io::stderr().is_terminal(),
    };
    if let Some(cli::Command::Serve(args)) = &cli.command {
        let args = args.clone();
        return serve::main(cli, args, &env);
    }
    let plan = match plan::resolve(cli, &env) {
        Ok(plan) => plan,
        Err(err) => return usage_failure(&err.to_string(), docker_requested()),
    };
    if plan.dry_run {
        let mut listed = Vec::new();
        let written = plan::render(&plan, &mut listed)
            .and_then(|()| io::stdout().lock().write_all(&plan.scrubber.scrub(&listed)));
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(err) => {
                say!("healthprobe: cannot write the plan: {err}");
                ExitCode::from(plan.exit.code(Status::Unknown))
            }
        };
    }
    let policy = plan.exit;
    PANIC_EXIT_CODE.store(policy.code(Status::Unknown), Ordering::Relaxed);
    colored::control::set_override(plan.output.color);
    #[cfg(debug_assertions)]
    if std::env::var_os("HEALTHPROBE_DEBUG_PANIC").is_some() {
        // Lets the test suite prove the panic promise on debug builds; absent from release builds.
        panic!("deliberate panic requested by HEALTHPROBE_DEBUG_PANIC");
    }

    let output = plan.output;
    // A watch has shown every round as it came: the last is not printed again.
    let watching = plan.watch.is_some();
    let reports = plan.reports.clone();
    let scrubber = plan.scrubber.clone();
    let report = match run::run(plan) {
        Ok(report) => report,
        Err(err) => {
            say!("healthprobe: {}", scrubber.scrub_str(&format!("{err:#}")));
            return ExitCode::from(policy.code(Status::Unknown));
        }
    };
    for file in &reports {
        let written = report::write_file(&report, file.format, &output, &file.path, &scrubber);
        if let Err(err) = written {
            say!(
                "healthprobe: cannot write --report {}: {err}",
                file.path.display()
            );
            return ExitCode::from(policy.code(Status::Unknown));
        }
    }
    if !output.quiet && !watching {
        let mut rendered = Vec::new();
        let written = report::render(&report, &output, &mut rendered).and_then(|()| {
            let mut stdout = io::stdout().lock();
            stdout.write_all(&scrubber.scrub(&rendered))?;
            stdout.flush()
        });
        match written {
            // A reader that went away (`| head`) does not change the verdict.
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {}
            Err(err) => {
                say!("healthprobe: cannot write the report: {err}");
                return ExitCode::from(policy.code(Status::Unknown));
            }
            Ok(()) => {}
        }
    }
    ExitCode::from(report.exit_code)
}

/// Help and version go to stdout with exit 0; every other parse error is one line on stderr,
/// with clap's suggestion when it has one (`--dokcer`: did you mean '--docker'?).
fn parse_failure(err: &clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            ExitCode::SUCCESS
        }
        _ => {
            let (message, advice) = one_line_parse_error(err);
            usage_failure_with(&message, advice, docker_requested())
        }
    }
}

/// What follows a usage error's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Advice {
    /// " (see --help)": the message says what is wrong, not how to write it.
    SeeHelp,
    /// Nothing: the message ends with its own fix.
    None,
}

/// A clap error as one line, and whether it already says how to fix it.
///
/// clap puts its suggestions in the error's context (and in a "tip:" paragraph after the
/// first); the one line keeps the first paragraph and the suggestion. A `ValueValidation`
/// error that carries a `Suggested` context is one of ours whose message states its fix (a unit
/// written apart from its number): clap gives that kind no tips of its own.
fn one_line_parse_error(err: &clap::Error) -> (String, Advice) {
    use clap::error::{ContextKind, ContextValue};
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
    ]
    .into_iter()
    .find_map(|kind| match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => list.first().cloned(),
        _ => None,
    });
    let rendered = first_paragraph(&err.render().to_string());
    let rendered = rendered.strip_prefix("error: ").unwrap_or(&rendered);
    if let Some(suggestion) = suggestion {
        let message = match (err.kind(), err.get(ContextKind::InvalidArg)) {
            (ErrorKind::UnknownArgument, Some(ContextValue::String(arg))) => {
                format!("unexpected argument '{arg}'")
            }
            _ => rendered.to_string(),
        };
        return (
            format!("{message} (did you mean '{suggestion}'?)"),
            Advice::None,
        );
    }
    let states_its_fix =
        err.kind() == ErrorKind::ValueValidation && err.get(ContextKind::Suggested).is_some();
    let advice = if states_its_fix {
        Advice::None
    } else {
        Advice::SeeHelp
    };
    (rendered.to_string(), advice)
}

/// A usage error found after parsing. One that already names the help topic to read (a config
/// file's unknown key) gets no second pointer.
fn usage_failure(message: &str, docker: bool) -> ExitCode {
    let advice = if message.contains("`healthprobe help ") {
        Advice::None
    } else {
        Advice::SeeHelp
    };
    usage_failure_with(message, advice, docker)
}

fn usage_failure_with(message: &str, advice: Advice, docker: bool) -> ExitCode {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    // One line whatever the message quotes (a path or a value with a line break in it).
    let message = text::escaped(message);
    match advice {
        Advice::SeeHelp => say!("healthprobe: {message} (see --help)"),
        Advice::None => say!("healthprobe: {message}"),
    }
    let policy = if docker {
        ExitPolicy::Docker {
            warning_is_unhealthy: false,
        }
    } else {
        ExitPolicy::Nagios
    };
    ExitCode::from(policy.code(Status::Unknown))
}

/// clap's messages carry a usage block and tips after a blank line; the first paragraph is the
/// error itself, folded onto one line.
fn first_paragraph(rendered: &str) -> String {
    rendered
        .trim()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the user asked for Docker mode, read without a successful parse, so that even a usage
/// error under `--docker` exits 1 and never 2 or 3. A HEALTHPROBE_DOCKER that is not a boolean
/// (`enabled`) is itself the usage error; whoever set it was asking for Docker mode, so it counts
/// as set: Docker reads that run's exit as 1, unhealthy, never as the reserved 2 or a 3.
fn docker_requested() -> bool {
    let flag = std::env::args_os().skip(1).any(|a| a == "--docker");
    let env = std::env::var_os("HEALTHPROBE_DOCKER")
        .is_some_and(|v| v.to_str().and_then(cli::parse_switch).unwrap_or(true));
    flag || env
}
