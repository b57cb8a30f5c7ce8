//! One module per capability of the command line.

mod concurrency;
mod demo;
mod docker;
mod env;
mod exit_codes;
mod output;
mod thresholds;
mod transport;
mod usage;
