//! How a report is rendered: the format and the choices the plan made for it (colour,
//! verbosity, explanations, a bound on the bytes).

use clap::ValueEnum;

/// The output format (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One readable line per target and a summary; coloured on a terminal.
    Human,
    /// The Nagios plugin line with perfdata, then one long-output line per target.
    Nagios,
    /// One JSON document (schema: schema/report.schema.json).
    Json,
    /// JUnit XML for CI test reporters: one testcase per target.
    Junit,
    /// Prometheus text exposition, for node_exporter's textfile collector.
    Prometheus,
}

#[derive(Debug, Clone, Copy)]
pub struct OutputOptions {
    pub format: OutputFormat,
    pub color: bool,
    pub verbose: bool,
    /// `--explain`: how each body was read.
    pub explain: bool,
    pub quiet: bool,
    /// stderr is a terminal: `--wait` may redraw a live progress line there.
    pub progress_is_live: bool,
    /// The most bytes the output may take: Docker keeps only the first 4096 bytes of a
    /// health check's output, and Nagios 4 reads 8192; longer reports are summarised.
    pub max_bytes: Option<usize>,
}
