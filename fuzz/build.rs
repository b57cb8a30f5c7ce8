//! Takes a few functions out of source files that cannot be included whole, as they are
//! written, into `$OUT_DIR` for the targets to `include!`:
//!
//! - `grpc_wire.rs`: the private wire functions of `src/grpc.rs` (the frame reader, the protobuf
//!   decoding of the health answers, the `grpc-message` decoding). That module is the network
//!   edge (reqwest, hyper, the prober), and its decoding functions are private.
//! - `target_url.rs`: how `serve`'s `/probe` and the command line read a target URL
//!   (`src/plan/settings.rs`, which needs the whole plan layer).
//!
//! A copy in the targets would drift from the real code; this fails the build instead when an
//! item is renamed or moved.

use std::path::Path;

/// The items to take, each named by the start of its first line after the attributes.
const GRPC_ITEMS: &[&str] = &[
    "pub struct HealthCheckResponse",
    "pub struct HealthListResponse",
    "pub enum ServingStatus",
    "fn status_name(",
    "enum Rpc<",
    "fn decode(",
    "pub fn unframe(",
    "fn percent_decode(",
];

const TARGET_URL_ITEMS: &[&str] = &["pub fn parse_target_url(", "pub(super) fn shown_for_error("];

fn main() {
    take("src/grpc.rs", GRPC_ITEMS, "grpc_wire.rs");
    take("src/plan/settings.rs", TARGET_URL_ITEMS, "target_url.rs");
}

/// Writes `items` of `file` (relative to the repository) to `$OUT_DIR/output`.
fn take(file: &str, items: &[&str], output: &str) {
    let source_path = Path::new("..").join(file);
    println!("cargo::rerun-if-changed={}", source_path.display());
    let source = std::fs::read_to_string(&source_path).expect("reading a source file");
    let lines: Vec<&str> = source.lines().collect();
    let mut out = format!("// Taken from {file} by fuzz/build.rs; do not edit.\n");
    for item in items {
        let start = lines
            .iter()
            .position(|line| line.starts_with(item))
            .unwrap_or_else(|| panic!("{file} has no top-level `{item}` any more"));
        // Its doc comment and attributes, then everything to the closing brace at column 0.
        let mut first = start;
        while first > 0
            && (lines[first - 1].starts_with("///") || lines[first - 1].starts_with("#["))
        {
            first -= 1;
        }
        let end = start
            + lines[start..]
                .iter()
                .position(|line| *line == "}")
                .unwrap_or_else(|| panic!("`{item}` in {file} does not end with a `}}` line"));
        for line in &lines[first..=end] {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join(output), out).expect("writing to OUT_DIR");
}
