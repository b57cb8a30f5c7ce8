#!/usr/bin/env bash
# Builds every fuzz target with libFuzzer's instrumentation on the stable toolchain, the way
# cargo-fuzz would (SanitizerCoverage counters, compare tracing, `--cfg fuzzing`, debug
# assertions and overflow checks), without needing cargo-fuzz itself: libfuzzer-sys builds
# libFuzzer from its own sources with the C++ compiler. An explicit --target keeps these flags
# off build scripts and proc-macros. Prints the directory that holds the binaries.
# Usage: fuzz/build.sh [cargo build options, e.g. --bin health]
set -euo pipefail
cd "$(dirname "$0")"

host=$(rustc -vV | sed -n 's/^host: //p')
export RUSTFLAGS="-Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 --cfg fuzzing -Cdebug-assertions -Coverflow-checks ${RUSTFLAGS:-}"
cargo build --release --locked --target "$host" "$@" >&2
echo "${CARGO_TARGET_DIR:-$PWD/target}/$host/release"
