//! One module per capability of the command line.

mod completions;
mod components;
mod concurrency;
mod config;
mod corpus;
mod demo;
mod docker;
mod env;
mod examples;
mod exit_codes;
mod fleet;
mod formats;
mod golden;
mod hostile;
mod http;
mod output;
mod report_files;
mod report_json;
mod report_junit;
mod report_prometheus;
mod rules;
mod thresholds;
mod tls;
mod transport;
mod usage;
mod versions;
