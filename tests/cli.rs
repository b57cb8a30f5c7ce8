//! Integration tests for the `healthprobe` binary: every test runs the real executable against a
//! real HTTP server on 127.0.0.1 (see `common`) and checks its exit code and output.

mod cases;
mod common;
