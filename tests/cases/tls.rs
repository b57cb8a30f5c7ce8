//! HTTPS end to end: certificates generated at test time, `--cacert`, certificate expiry
//! thresholds and perfdata, and the one-line reasons for each kind of TLS failure.

use crate::common::tls::{Pki, TlsServer};
use crate::common::*;

const BODY: &str = r#"{"status":"UP"}"#;

fn probe_https(pki: &Pki, url: &str, extra: &[&str]) -> Run {
    let ca = pki.ca_path().to_str().unwrap().to_string();
    let mut args = vec!["--cacert", &ca];
    args.extend_from_slice(extra);
    args.push(url);
    run(&args)
}

#[test]
fn https_with_a_private_ca_from_cacert_is_ok() {
    let pki = Pki::new(&["127.0.0.1", "localhost"], 90.0);
    let server = TlsServer::start(&pki, 200, BODY);
    probe_https(&pki, &server.url("/health"), &[])
        .code(0)
        .stdout_has(&["OK", "HTTP 200"]);
}

#[test]
fn certificate_with_plenty_of_validity_left_is_ok_and_reported_in_days() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = TlsServer::start(&pki, 200, BODY);
    let run = probe_https(
        &pki,
        &server.url("/health"),
        &["--cert-warn", "30d", "--cert-crit", "7d", "-o", "nagios"],
    );
    run.code(0);
    let first = run.lines()[0];
    let perfdata = regex::Regex::new(r" cert_days=(89|90)(\.\d+)?;30:;7:").unwrap();
    assert!(perfdata.is_match(first), "{run:?}");
}

#[test]
fn certificate_expiring_within_cert_warn_is_warning() {
    let pki = Pki::new(&["127.0.0.1"], 20.0);
    let server = TlsServer::start(&pki, 200, BODY);
    probe_https(
        &pki,
        &server.url("/"),
        &["--cert-warn", "30d", "--cert-crit", "7d"],
    )
    .code(1)
    .stdout_has(&["certificate expires in", "under the warning 30d"]);
}

#[test]
fn certificate_expiring_within_cert_crit_is_critical_with_its_date() {
    let pki = Pki::new(&["127.0.0.1"], 3.0);
    let server = TlsServer::start(&pki, 200, BODY);
    let run = probe_https(
        &pki,
        &server.url("/"),
        &["--cert-warn", "30d", "--cert-crit", "7d"],
    );
    run.code(2)
        .stdout_has(&["certificate expires in", "under the critical 7d", " UTC)"]);
}

#[test]
fn bare_certificate_thresholds_are_days_as_check_http_takes_them() {
    let pki = Pki::new(&["127.0.0.1"], 20.0);
    let server = TlsServer::start(&pki, 200, BODY);
    probe_https(
        &pki,
        &server.url("/"),
        &["--cert-warn", "30", "--cert-crit", "7"],
    )
    .code(1)
    .stdout_has(&["under the warning 30d"]);
}

#[test]
fn certificate_days_are_not_judged_without_thresholds() {
    let pki = Pki::new(&["127.0.0.1"], 3.0);
    let server = TlsServer::start(&pki, 200, BODY);
    probe_https(&pki, &server.url("/"), &[]).code(0);
}

#[test]
fn expired_certificate_is_critical_and_names_the_expiry_date() {
    let pki = Pki::new(&["127.0.0.1"], -2.0);
    let server = TlsServer::start(&pki, 200, BODY);
    let run = probe_https(&pki, &server.url("/"), &[]);
    run.code(2)
        .stdout_has(&["TLS error", "certificate expired on 20", "UTC"]);
    run.nowhere(RAW_REQWEST_ERROR);
}

#[test]
fn unknown_issuer_is_critical_in_one_line() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = TlsServer::start(&pki, 200, BODY);
    let run = run(&[&server.url("/")]);
    run.code(2)
        .stdout_has(&["certificate signed by an unknown issuer"]);
    run.nowhere(RAW_REQWEST_ERROR);
}

#[test]
fn certificate_for_another_host_is_critical() {
    let pki = Pki::new(&["other.test"], 90.0);
    let server = TlsServer::start(&pki, 200, BODY);
    probe_https(&pki, &server.url("/"), &[])
        .code(2)
        .stdout_has(&["not valid for this host name"]);
}

#[test]
fn plain_http_to_a_tls_port_is_critical_without_a_raw_dump() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = TlsServer::start(&pki, 200, BODY);
    let url = server.url("/").replacen("https://", "http://", 1);
    let run = run(&[&url]);
    run.code(2);
    assert_eq!(
        run.lines().len(),
        2,
        "one target line and a summary\n{run:?}"
    );
    run.nowhere(RAW_REQWEST_ERROR);
}

#[test]
fn https_to_a_plain_http_port_is_a_tls_error() {
    // Like a real HTTP server, answer whatever arrives (here a TLS ClientHello) in plain text.
    let server = Server::start_raw(|stream| {
        let mut hello = [0u8; 512];
        let _ = std::io::Read::read(stream, &mut hello);
        let _ = std::io::Write::write_all(
            stream,
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        );
    });
    let url = server.url("/").replacen("http://", "https://", 1);
    let run = run(&[&url]);
    run.code(2).stdout_has(&["TLS error", "did not speak TLS"]);
    run.nowhere(RAW_REQWEST_ERROR);
}

#[test]
fn a_plain_http_server_that_hangs_up_on_the_handshake_did_not_speak_tls() {
    // Many HTTP servers read the ClientHello as a bad request and close without a word.
    let server = Server::start_raw(|stream| {
        let mut hello = [0u8; 512];
        let _ = std::io::Read::read(stream, &mut hello);
    });
    let url = server.url("/").replacen("http://", "https://", 1);
    let run = run(&[&url]);
    run.code(2).stdout_has(&[
        "TLS error with 127.0.0.1",
        "closed the connection during the handshake: did not speak TLS (a plain-HTTP port? use \
         http://)",
    ]);
    run.nowhere("handshake eof");
}

#[test]
fn unreadable_or_empty_cacert_files_are_usage_errors() {
    run(&["--cacert", "/nonexistent/ca.pem", "https://127.0.0.1:1/"])
        .usage_error(3, "cannot read --cacert /nonexistent/ca.pem");
    let empty = std::env::temp_dir().join(format!("healthprobe-empty-{}.pem", std::process::id()));
    std::fs::write(&empty, "not a certificate\n").unwrap();
    let path = empty.to_str().unwrap().to_string();
    let run = run(&["--cacert", &path, "https://127.0.0.1:1/"]);
    let _ = std::fs::remove_file(&empty);
    run.usage_error(3, "holds no PEM certificate");
}

#[test]
fn bad_cert_thresholds_are_usage_errors() {
    run(&["--cert-warn", "soon", "https://127.0.0.1:1/"]).usage_error(3, "'soon'");
}
