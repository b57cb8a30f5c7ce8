//! Targets are probed concurrently up to -j at a time, and reported in argument order.

use std::time::Duration;

use crate::common::*;

const DELAY: Duration = Duration::from_millis(300);

fn six_slow_urls(server: &Server) -> Vec<String> {
    (1..=6).map(|i| server.url(&format!("/t{i}"))).collect()
}

#[test]
fn targets_are_probed_in_parallel() {
    let server = Server::start(delayed(DELAY));
    let urls = six_slow_urls(&server);
    let mut args = vec!["-j", "6"];
    args.extend(urls.iter().map(String::as_str));
    let run = run(&args);
    run.code(0);
    assert_eq!(run.lines().len(), 7, "{run:?}");
    assert!(run.elapsed < Duration::from_millis(1200), "{run:?}");
    assert_eq!(server.hits(), 6);
}

#[test]
fn concurrency_limit_is_respected_and_queueing_is_not_response_time() {
    let server = Server::start(delayed(DELAY));
    let mut args = vec!["-j", "1", "-w", "1"];
    let urls = six_slow_urls(&server);
    args.extend(urls.iter().map(String::as_str));
    let run = run(&args);
    assert!(run.elapsed >= Duration::from_millis(1500), "{run:?}");
    // Each target took ~300ms itself; the time spent waiting for its turn is not its own.
    run.code(0);
    assert_eq!(run.lines().len(), 7, "{run:?}");
}

#[test]
fn output_follows_argument_order_not_completion_order() {
    // The first target is the slowest and the only failing one, so a result reported under the
    // wrong target, or in completion order, shows up.
    let slow = Server::start(|_request, stream: &mut std::net::TcpStream| {
        std::thread::sleep(DELAY);
        respond(stream, 503, &[], b"down");
    });
    let fast = Server::start(fixed(200, "ok"));
    let urls = [slow.url("/first"), fast.url("/second"), fast.url("/third")];
    for format in ["human", "nagios"] {
        let mut args = vec!["-o", format];
        args.extend(urls.iter().map(String::as_str));
        let run = run(&args);
        run.code(2);
        // The target lines: not the summary, not the nagios plugin line.
        let target_lines: Vec<&str> = run
            .lines()
            .into_iter()
            .filter(|l| l.contains("127.0.0.1:") && !l.starts_with("HEALTHPROBE"))
            .collect();
        assert_eq!(target_lines.len(), 3, "{run:?}");
        let expected = [
            ("/first", "CRITICAL", "HTTP 503"),
            ("/second", "OK", "HTTP 200"),
            ("/third", "OK", "HTTP 200"),
        ];
        for (line, (path, state, status)) in target_lines.iter().zip(expected) {
            let line = line.trim_start_matches('[');
            assert!(line.contains(path), "{path}\n{run:?}");
            assert!(line.starts_with(state), "{path} should be {state}\n{run:?}");
            assert!(
                line.contains(status),
                "{path} should show {status}\n{run:?}"
            );
        }
    }
}
