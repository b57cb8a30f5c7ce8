//! Link-time settings for the healthprobe binary.
//!
//! Packed relative relocations (DT_RELR): a position-independent executable carries one
//! relocation per pointer in its static tables, about 12,500 here, 24 bytes each in the classic
//! format. RELR stores them as bitmaps, which takes about 290 KB off the binary and less work
//! off the loader, with ASLR kept. glibc reads them since 2.36; the dynamic binary already
//! needs 2.34, and an older loader refuses it at start with a clear "GLIBC_ABI_DT_RELR not
//! found" rather than misbehaving. Only for GNU/Linux targets, where both the linker and the
//! C library are known to support it.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
