//! `tcp://` and `tls://` targets end to end, against loopback listeners that accept, refuse,
//! stall, send banners, and present expired or wrong-host certificates.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use crate::common::tls::{Pki, TlsServer};
use crate::common::*;

/// A listener that runs `talk` on each connection it accepts, for as long as the test lives.
fn listener(talk: fn(std::net::TcpStream)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || talk(stream));
        }
    });
    port
}

#[test]
fn an_accepted_connection_is_ok() {
    let port = listener(|stream| {
        thread::sleep(Duration::from_millis(200));
        drop(stream);
    });
    run(&[&format!("tcp://127.0.0.1:{port}")])
        .code(0)
        .stdout_has(&["OK", "connected in"]);
}

#[test]
fn a_refused_connection_is_critical_with_its_reason() {
    let port = refused_port();
    run(&[&format!("tcp://127.0.0.1:{port}")])
        .code(2)
        .stdout_has(&[&format!("connection refused by 127.0.0.1:{port}")]);
}

#[test]
fn a_banner_that_matches_is_ok_and_one_that_does_not_is_critical_with_what_arrived() {
    let port = listener(|mut stream| {
        let _ = stream.write_all(b"220 mail.example.com ESMTP ready\r\n");
        thread::sleep(Duration::from_millis(500));
    });
    let url = format!("tcp://127.0.0.1:{port}");
    run(&["--expect-banner", "^220 ", &url]).code(0);
    run(&["-t", "1s", "--expect-banner", "^554", &url])
        .code(2)
        .stdout_has(&[
            "no answer matching /^554/",
            "received '220 mail.example.com",
        ]);
}

#[test]
fn send_then_expect_speaks_a_request_and_reads_the_reply() {
    // A Redis-like PING: answers +PONG only to PING.
    let port = listener(|mut stream| {
        let mut buffer = [0u8; 64];
        let read = stream.read(&mut buffer).unwrap_or(0);
        if &buffer[..read] == b"PING\r\n" {
            let _ = stream.write_all(b"+PONG\r\n");
        } else {
            let _ = stream.write_all(b"-ERR unknown command\r\n");
        }
        thread::sleep(Duration::from_millis(200));
    });
    let url = format!("tcp://127.0.0.1:{port}");
    run(&["--send", r"PING\r\n", "--expect-banner", r"^\+PONG", &url]).code(0);
    run(&["--send", r"PONG\r\n", "--expect-banner", r"^\+PONG", &url])
        .code(2)
        .stdout_has(&["-ERR unknown command"]);
}

#[test]
fn a_stalled_server_ends_within_the_timeout() {
    let port = listener(|stream| {
        thread::sleep(Duration::from_secs(3));
        drop(stream);
    });
    let run = run(&[
        "-t",
        "1s",
        "--expect-banner",
        "ready",
        &format!("tcp://127.0.0.1:{port}"),
    ]);
    run.code(2).stdout_has(&["nothing arrived"]);
    assert!(run.elapsed < Duration::from_millis(2500), "{run:?}");
}

#[test]
fn a_server_that_closes_before_the_banner_is_critical() {
    let port = listener(drop);
    run(&[
        "--expect-banner",
        "ready",
        &format!("tcp://127.0.0.1:{port}"),
    ])
    .code(2)
    .stdout_has(&["the connection was closed"]);
}

#[test]
fn tls_checks_the_chain_and_the_certificate_expiry_on_any_port() {
    let pki = Pki::new(&["127.0.0.1"], 10.0);
    let server = TlsServer::start(&pki, 200, "{}");
    let url = format!("tls://{}", server.authority());
    let ca = pki.ca_path().to_str().unwrap();
    run(&["--cacert", ca, &url])
        .code(0)
        .stdout_has(&["TLS 1.3 handshake"]);
    run(&[
        "--cacert",
        ca,
        "--cert-warn",
        "30d",
        "--cert-crit",
        "5d",
        &url,
    ])
    .code(1)
    .stdout_has(&["certificate"]);
    run(&[&url]).code(2).stdout_has(&["unknown issuer"]);
}

#[test]
fn tls_refuses_an_expired_or_wrong_host_certificate_with_its_reason() {
    let expired = Pki::new(&["127.0.0.1"], -2.0);
    let server = TlsServer::start(&expired, 200, "{}");
    let ca = expired.ca_path().to_str().unwrap();
    run(&["--cacert", ca, &format!("tls://{}", server.authority())])
        .code(2)
        .stdout_has(&["certificate expired"]);

    let elsewhere = Pki::new(&["db.internal"], 90.0);
    let server = TlsServer::start(&elsewhere, 200, "{}");
    let ca = elsewhere.ca_path().to_str().unwrap();
    let url = format!("tls://{}", server.authority());
    run(&["--cacert", ca, &url])
        .code(2)
        .stdout_has(&["not valid for this host name"]);
    run(&["--cacert", ca, "--tls-server-name", "db.internal", &url]).code(0);
}

#[test]
fn tls_against_a_plain_port_says_it_did_not_speak_tls() {
    let port = listener(|mut stream| {
        let _ = stream.write_all(b"220 plain text banner\r\n");
        thread::sleep(Duration::from_millis(300));
    });
    run(&[&format!("tls://127.0.0.1:{port}")])
        .code(2)
        .stdout_has(&["did not speak TLS"]);
}

#[test]
fn wait_waits_for_a_port_to_accept() {
    let port = refused_port();
    let opener = thread::spawn(move || {
        thread::sleep(Duration::from_millis(1200));
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        let _ = listener.accept();
        thread::sleep(Duration::from_millis(500));
    });
    let run = run(&[
        "--wait",
        "10s",
        "--interval",
        "200ms",
        &format!("tcp://127.0.0.1:{port}"),
    ]);
    run.code(0);
    assert!(run.elapsed >= Duration::from_millis(1000), "{run:?}");
    opener.join().unwrap();
}

#[test]
fn bad_socket_options_and_urls_are_usage_errors() {
    run(&["tcp://127.0.0.1"])
        .code(3)
        .output_has(&["needs a port"]);
    run(&["tcp://127.0.0.1:5432/db"])
        .code(3)
        .output_has(&["has a path"]);
    run(&["--send", r"PING\q", "tcp://127.0.0.1:6379"])
        .code(3)
        .output_has(&["unknown escape"]);
    run(&["--expect-banner", "(", "tcp://127.0.0.1:6379"])
        .code(3)
        .output_has(&["invalid --expect-banner"]);
}
