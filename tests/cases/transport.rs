//! Transport failures are CRITICAL, with one plain-words reason instead of reqwest's raw text.

use std::time::Duration;

use crate::common::*;

/// A failed probe of one target: exit 2, a CRITICAL line mentioning `reason`, no raw error text.
#[track_caller]
fn assert_critical_because(run: &Run, reason: &str) {
    run.code(2);
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "one target line and a summary\n{run:?}");
    assert!(lines[0].starts_with("CRITICAL"), "{run:?}");
    assert!(lines[0].contains(reason), "want {reason:?}\n{run:?}");
    run.nowhere(RAW_REQWEST_ERROR);
}

#[test]
fn refused_connection_is_critical() {
    let url = format!("http://127.0.0.1:{}/health", refused_port());
    let run = run(&[&url]);
    assert_critical_because(&run, "connection refused");
}

#[test]
fn server_that_never_answers_times_out_within_the_bound() {
    let server = Server::start(never_answer(Duration::from_secs(5)));
    let run = run(&["-t", "300ms", &server.url("/hang")]);
    assert_critical_because(&run, "timeout");
    assert!(run.stdout.contains("300ms"), "{run:?}");
    assert!(run.elapsed < Duration::from_secs(3), "{run:?}");
}

#[test]
fn bare_number_timeout_means_seconds() {
    let server = Server::start(never_answer(Duration::from_secs(5)));
    let run = run(&["-t", "0.3", &server.url("/hang")]);
    assert_critical_because(&run, "timeout");
    assert!(run.stdout.contains("300ms"), "{run:?}");
    assert!(run.elapsed < Duration::from_secs(3), "{run:?}");
}

#[test]
fn server_that_stalls_in_the_body_times_out() {
    let server = Server::start(|request, stream: &mut std::net::TcpStream| {
        use std::io::Write;
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
        let _ = stream.flush();
        never_answer(Duration::from_secs(5))(request, stream);
    });
    let run = run(&["-t", "300ms", &server.url("/stall")]);
    assert_critical_because(&run, "timeout after 300ms while reading the body");
    assert!(run.elapsed < Duration::from_secs(3), "{run:?}");
}

#[test]
fn server_that_stalls_in_the_headers_times_out() {
    let server = Server::start(|request, stream: &mut std::net::TcpStream| {
        use std::io::Write;
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/pl");
        let _ = stream.flush();
        never_answer(Duration::from_secs(5))(request, stream);
    });
    let run = run(&["-t", "300ms", &server.url("/stall")]);
    assert_critical_because(&run, "timeout after 300ms waiting for a response");
    assert!(run.elapsed < Duration::from_secs(3), "{run:?}");
}

#[test]
fn body_shorter_than_its_content_length_is_truncated() {
    let server = Server::start(raw(
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n0123456789".to_vec(),
    ));
    let run = run(&[&server.url("/short")]);
    assert_critical_because(&run, "truncated");
}

#[test]
fn connection_closed_without_a_response_is_critical() {
    let server = Server::start(raw(Vec::new()));
    let run = run(&[&server.url("/closed")]);
    assert_critical_because(&run, "closed the connection");
}

#[test]
fn connection_closed_in_the_middle_of_the_status_line_is_critical() {
    let server = Server::start(raw(b"HTTP/1.1 2".to_vec()));
    let run = run(&[&server.url("/half")]);
    assert_critical_because(&run, "closed the connection");
}

#[test]
fn connection_reset_is_critical() {
    let server = Server::start_raw(reset);
    let run = run(&[&server.url("/reset")]);
    assert_critical_because(&run, "connection reset");
}

#[test]
fn garbage_instead_of_http_is_critical() {
    let server = Server::start(raw(b"SSH-2.0-OpenSSH_9.6\r\n\r\n".to_vec()));
    let run = run(&[&server.url("/garbage")]);
    assert_critical_because(&run, "did not answer with valid HTTP");
}

#[test]
fn body_larger_than_max_body_is_critical() {
    let server = Server::start(fixed(200, &"x".repeat(2000)));
    let run = run(&["--max-body", "1KiB", &server.url("/big")]);
    assert_critical_because(&run, "larger than 1 KiB");
}

#[test]
fn body_larger_than_max_body_without_content_length_is_critical() {
    let mut response = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
    response.extend(std::iter::repeat_n(b'x', 4000));
    let server = Server::start(raw(response));
    let run = run(&["--max-body", "1KiB", &server.url("/big")]);
    assert_critical_because(&run, "larger than 1 KiB");
}

#[test]
fn advertised_content_length_over_max_body_is_judged_without_reading_the_body() {
    // The server announces 10 MiB, sends a few bytes and stalls: the verdict must come from the
    // header, not from waiting for a body that would be thrown away.
    let server = Server::start(|request, stream: &mut std::net::TcpStream| {
        use std::io::Write;
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n\r\n0123456789");
        let _ = stream.flush();
        never_answer(Duration::from_secs(5))(request, stream);
    });
    let run = run(&["--max-body", "1KiB", "-t", "5s", &server.url("/huge")]);
    assert_critical_because(&run, "larger than 1 KiB");
    assert!(run.elapsed < Duration::from_secs(2), "{run:?}");
}

#[test]
fn body_of_exactly_max_body_is_ok() {
    let server = Server::start(fixed(200, &"x".repeat(1024)));
    let run = run(&["--max-body", "1KiB", &server.url("/fits")]);
    run.code(0);
    assert!(run.line_with("/fits").starts_with("OK"), "{run:?}");

    let mut response = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
    response.extend(std::iter::repeat_n(b'x', 1024));
    let server = Server::start(raw(response));
    let run = crate::common::run(&["--max-body", "1KiB", &server.url("/fits")]);
    run.code(0);
    assert!(run.line_with("/fits").starts_with("OK"), "{run:?}");
}

#[test]
fn redirects_are_followed() {
    let target = Server::start(fixed(200, "ok"));
    let location: &'static str = target.url("/final").leak();
    let redirecting = Server::start(move |_request, stream: &mut std::net::TcpStream| {
        respond(stream, 302, &[("Location", location)], b"")
    });
    let run = run(&[&redirecting.url("/start")]);
    run.code(0);
    assert!(run.line_with("/start").contains("HTTP 200"), "{run:?}");
    assert_eq!(target.hits(), 1);
}

#[test]
fn redirect_loop_is_critical() {
    let server = Server::start(|_request, stream: &mut std::net::TcpStream| {
        respond(stream, 302, &[("Location", "/loop")], b"")
    });
    let run = run(&[&server.url("/loop")]);
    assert_critical_because(&run, "redirect loop: ");
    assert!(
        run.stdout.contains("/loop → "),
        "the chain is shown\n{run:?}"
    );
}

#[test]
fn request_is_a_plain_get_with_user_agent_and_accept() {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Request>::new()));
    let record = seen.clone();
    let server = Server::start(move |request, stream: &mut std::net::TcpStream| {
        record.lock().unwrap().push(request);
        respond(stream, 200, &[], b"ok");
    });
    let run = run(&[&server.url("/healthz?probe=1")]);
    run.code(0);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "{run:?}");
    let request = &seen[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/healthz?probe=1");
    let agent = request.header("User-Agent").unwrap_or_default();
    assert_eq!(agent, format!("healthprobe/{}", env!("CARGO_PKG_VERSION")));
    let accept = request.header("accept").unwrap_or_default();
    assert!(accept.contains("application/health+json"), "{accept}");
    assert!(
        request.headers.iter().any(|(name, _)| name == "host"),
        "{:?}",
        request.headers
    );
}
