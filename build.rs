//! Link-time settings for the healthprobe binary.
//!
//! Packed relative relocations (DT_RELR): a position-independent executable carries one
//! relocation per pointer in its static tables, about 12,500 here, 24 bytes each in the classic
//! format. RELR stores them as bitmaps, which takes about 280 KB off the binary, with ASLR kept.
//! glibc applies them since 2.36, and the linker marks the binary as needing that
//! (`GLIBC_ABI_DT_RELR`), so an older loader refuses it at start rather than misbehaving.
//!
//! Asked for only when that is safe to assume: a native GNU/Linux build (not a cross build,
//! whose target C library this script cannot see) on a machine whose own glibc is 2.36 or newer.
//! Anything else, including a machine without `getconf`, gets the classic relocations.

use std::process::Command;

/// The first glibc whose loader applies DT_RELR relocations.
const RELR_GLIBC: (u32, u32) = (2, 36);

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let native_gnu_linux = var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && var("HOST") == var("TARGET");
    if native_gnu_linux && glibc_version().is_some_and(|version| version >= RELR_GLIBC) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// This machine's glibc version, from `getconf GNU_LIBC_VERSION` ("glibc 2.36").
fn glibc_version() -> Option<(u32, u32)> {
    let output = Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    parse_glibc_version(&String::from_utf8_lossy(&output.stdout))
}

fn parse_glibc_version(text: &str) -> Option<(u32, u32)> {
    let version = text.trim().strip_prefix("glibc ")?;
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}
