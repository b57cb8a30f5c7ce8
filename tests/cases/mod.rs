//! One module per capability of the command line.

mod completions;
mod components;
mod concurrency;
mod config;
mod demo;
mod docker;
mod env;
mod exit_codes;
mod fleet;
mod formats;
mod output;
mod rules;
mod thresholds;
mod tls;
mod transport;
mod usage;
mod versions;
