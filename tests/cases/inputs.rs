//! Files users name are read with a cap suited to their kind, and never hang: endless devices,
//! FIFOs nobody writes to and directories each get a one-line reason and exit 3 (1 under
//! --docker), within --deadline when one is set. A config of 100,000 targets parses quickly.

use std::time::{Duration, Instant};

use crate::common::*;

/// A FIFO in a fresh temporary directory, removed with it.
struct Fifo {
    dir: std::path::PathBuf,
    path: std::path::PathBuf,
}

impl Fifo {
    fn new(name: &str) -> Fifo {
        let dir = std::env::temp_dir().join(format!("hp-fifo-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        Fifo { dir, path }
    }

    fn path(&self) -> &str {
        self.path.to_str().unwrap()
    }
}

impl Drop for Fifo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn endless_devices_stop_at_the_cap_of_their_kind() {
    for (flag, cap) in [
        ("--config", "32 MiB"),
        ("--bearer-token-file", "64 KiB"),
        ("--cacert", "8 MiB"),
    ] {
        let started = Instant::now();
        let run = crate::common::run(&[flag, "/dev/zero", "http://127.0.0.1:1/"]);
        run.usage_error(3, &format!("{flag} /dev/zero is larger than {cap}"));
        assert!(started.elapsed() < Duration::from_secs(10), "{run:?}");
    }
    let run = crate::common::run(&["--data", "@/dev/zero", "http://127.0.0.1:1/"]);
    run.usage_error(3, "--data @FILE /dev/zero is larger than 16 MiB");
    let run = crate::common::run(&["-H", "@/dev/zero", "http://127.0.0.1:1/"]);
    run.usage_error(3, "-H @FILE /dev/zero is larger than 1 MiB");
    // Memory follows the cap (unbounded, this read 22.7 GB in a minute): peak RSS under 4 x the
    // cap plus 64 MB (measured: 44 MB for the config's 32 MiB, 13 to 29 MB for the others).
    const MIB: u64 = 1 << 20;
    for (flag, value, cap) in [
        ("--config", "/dev/zero", 32 * MIB),
        ("--bearer-token-file", "/dev/zero", MIB / 16),
        ("--cacert", "/dev/zero", 8 * MIB),
        ("--data", "@/dev/zero", 16 * MIB),
        ("-H", "@/dev/zero", MIB),
    ] {
        let (rss, code, took) = crate::common::peak_rss(&[flag, value, "http://127.0.0.1:1/"]);
        assert_eq!(code, 3, "{flag}");
        assert!(rss < 4 * cap + 64 * MIB, "{flag} {value}: peak {rss} B");
        assert!(took < Duration::from_secs(10), "{flag} {value}: {took:?}");
    }
}

#[test]
fn a_fifo_nobody_writes_to_ends_at_the_deadline_not_never() {
    let fifo = Fifo::new("config.toml");
    let started = Instant::now();
    let run = crate::common::run(&["--config", fifo.path(), "--deadline", "1s"]);
    run.usage_error(3, "gave no end of file within");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "{took:?} {run:?}");
    let fifo = Fifo::new("token");
    let run = crate::common::run(&[
        "--docker",
        "--bearer-token-file",
        fifo.path(),
        "--deadline",
        "500ms",
        "http://127.0.0.1:1/",
    ]);
    run.code(1);
}

#[test]
fn a_directory_is_named_as_one() {
    let dir = std::env::temp_dir();
    let dir = dir.to_str().unwrap();
    run(&["--config", dir]).usage_error(3, "is a directory, not a file");
}

#[test]
fn a_config_written_through_a_pipe_is_read() {
    // `--config <(generate)` hands over a pipe with a writer: that is a config like any other.
    let server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let fifo = Fifo::new("piped.toml");
    let path = fifo.path.clone();
    let text = format!(
        "[[target]]\nname = \"piped\"\nurl = \"{}\"\n",
        server.url("/")
    );
    let writer = std::thread::spawn(move || std::fs::write(path, text).unwrap());
    let run = run(&["--config", fifo.path()]);
    writer.join().unwrap();
    run.code(0).stdout_has(&["piped"]);
}

#[test]
fn a_hundred_thousand_config_targets_parse_in_well_under_the_bound() {
    let mut text = String::with_capacity(6 << 20);
    for i in 0..100_000 {
        text.push_str(&format!(
            "[[target]]\nurl = \"http://h{i}.test:8080/health?n={i}\"\n\n"
        ));
    }
    let file = TempFile::new("big.toml", &text);
    let started = Instant::now();
    let run = run(&["--config", file.path(), "--dry-run"]);
    let took = started.elapsed();
    run.code(0)
        .stdout_has(&["100000 targets; nothing was sent"]);
    // Linear: about 4 s in a debug build on 2 cores, 0.1 s in release. Quadratic took minutes.
    assert!(took < Duration::from_secs(30), "{took:?}");
}
