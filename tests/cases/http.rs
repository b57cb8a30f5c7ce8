//! Reaching real endpoints, end to end: what is sent (headers, credentials, method, body,
//! user agent, Host, `--resolve`), TLS options (private CA, system store, `--insecure`,
//! mutual TLS, `--tls-min`), Unix sockets, proxies, redirects, and a planted-secrets test over
//! every output. An echo server records each request exactly as it arrived.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

use crate::common::tls::{Pki, TlsOptions, TlsServer};
use crate::common::*;

/// One request as the echo server received it.
#[derive(Debug, Clone, Default)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads a whole request (head and a Content-Length body) from `stream`.
fn read_whole_request(stream: &mut impl Read) -> Option<Seen> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return None,
            Ok(n) => data.extend_from_slice(&buffer[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split_whitespace();
    let method = first.next()?.to_string();
    let target = first.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = data[head_end..].to_vec();
    while body.len() < length {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => body.extend_from_slice(&buffer[..n]),
        }
    }
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

/// An echo server: records every request and answers 200 with a JSON body that quotes the
/// request's headers back (as a careless service would), plus a Set-Cookie.
fn echo() -> (Server, Arc<Mutex<Vec<Seen>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let server = Server::start_raw(move |stream| {
        let Some(request) = read_whole_request(stream) else {
            return;
        };
        let echoed: serde_json::Map<String, serde_json::Value> = request
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let body = serde_json::json!({"status": "UP", "echo": echoed}).to_string();
        record.lock().unwrap().push(request);
        respond(
            stream,
            200,
            &[
                ("Content-Type", JSON),
                ("Set-Cookie", "session=c00kie-value; HttpOnly"),
            ],
            body.as_bytes(),
        );
    });
    (server, seen)
}

fn last(seen: &Arc<Mutex<Vec<Seen>>>) -> Seen {
    seen.lock()
        .unwrap()
        .last()
        .cloned()
        .expect("a request arrived")
}

// ---------------------------------------------------------------------------------------------
// What is sent
// ---------------------------------------------------------------------------------------------

#[test]
fn headers_from_flags_and_from_a_file_are_sent() {
    let (server, seen) = echo();
    let file = TempFile::new("headers", "# comment\nX-From-File: yes\n\nX-Second: 2\n");
    let at_file = format!("@{}", file.path());
    run(&["-H", "X-Team: payments", "-H", &at_file, &server.url("/")]).code(0);
    let request = last(&seen);
    assert_eq!(request.header("x-team"), Some("payments"));
    assert_eq!(request.header("x-from-file"), Some("yes"));
    assert_eq!(request.header("x-second"), Some("2"));
}

#[test]
fn basic_auth_takes_the_password_from_the_flag_or_the_environment() {
    let (server, seen) = echo();
    run(&["-u", "ops:s3cret-pass", &server.url("/")]).code(0);
    // base64("ops:s3cret-pass")
    assert_eq!(
        last(&seen).header("authorization"),
        Some("Basic b3BzOnMzY3JldC1wYXNz")
    );
    run_env(
        &["-u", "ops", &server.url("/")],
        &[("HEALTHPROBE_PASSWORD", "s3cret-pass")],
    )
    .code(0);
    assert_eq!(
        last(&seen).header("authorization"),
        Some("Basic b3BzOnMzY3JldC1wYXNz")
    );
}

#[test]
fn bearer_tokens_come_from_a_file_or_the_environment() {
    let (server, seen) = echo();
    let token = TempFile::new("token", "t0ken-from-file\n");
    run(&["--bearer-token-file", token.path(), &server.url("/")]).code(0);
    assert_eq!(
        last(&seen).header("authorization"),
        Some("Bearer t0ken-from-file")
    );
    run_env(
        &[&server.url("/")],
        &[("HEALTHPROBE_BEARER_TOKEN", "t0ken-from-env")],
    )
    .code(0);
    assert_eq!(
        last(&seen).header("authorization"),
        Some("Bearer t0ken-from-env")
    );
}

#[test]
fn method_body_and_user_agent_are_as_asked() {
    let (server, seen) = echo();
    run(&["-X", "HEAD", &server.url("/")]).code(0);
    assert_eq!(last(&seen).method, "HEAD");
    run(&["--data", r#"{"probe":true}"#, &server.url("/deep")]).code(0);
    let request = last(&seen);
    assert_eq!(request.method, "POST");
    assert_eq!(request.body, br#"{"probe":true}"#);
    assert_eq!(request.header("content-type"), Some("application/json"));
    let body = TempFile::new("body", "a=1&b=2");
    run(&[
        "--data",
        &format!("@{}", body.path()),
        "-A",
        "probe/9",
        &server.url("/"),
    ])
    .code(0);
    let request = last(&seen);
    assert_eq!(request.body, b"a=1&b=2");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(request.header("user-agent"), Some("probe/9"));
    run(&[&server.url("/")]).code(0);
    let agent = last(&seen).header("user-agent").unwrap_or("").to_string();
    assert!(agent.starts_with("healthprobe/"), "{agent}");
}

#[test]
fn host_header_and_resolve_reach_a_virtual_host_on_loopback() {
    let (server, seen) = echo();
    run(&["--host-header", "api.internal", &server.url("/")]).code(0);
    assert_eq!(last(&seen).header("host"), Some("api.internal"));
    // The name is never looked up: --resolve sends it to 127.0.0.1.
    let port = server.port();
    let url = format!("http://api.example.test:{port}/health");
    let rule = format!("api.example.test:{port}:127.0.0.1");
    run(&["--resolve", &rule, &url]).code(0);
    assert_eq!(
        last(&seen).header("host"),
        Some(format!("api.example.test:{port}").as_str())
    );
}

#[test]
fn bad_request_options_are_usage_errors_that_never_echo_a_value() {
    let url = format!("http://127.0.0.1:{}/", refused_port());
    run(&["-H", "Bearer s3cr3t-no-name", &url])
        .usage_error(3, "no ':'")
        .nowhere("s3cr3t");
    run(&["-H", "Authorization: Bearer s3cr3t\u{1}x", &url])
        .usage_error(3, "control character")
        .nowhere("s3cr3t");
    run(&["-u", ":s3cr3t", &url])
        .usage_error(3, "user name")
        .nowhere("s3cr3t");
    run(&["--resolve", "api.test:443", &url]).usage_error(3, "HOST:PORT:ADDR");
    run(&["-X", "DELETE", &url]).usage_error(3, "DELETE");
    run(&["-X", "GET", "--data", "x", &url]).usage_error(3, "-X POST");
    run(&["--proxy", "ftp://p.test", &url]).usage_error(3, "unsupported --proxy scheme");
    run(&["--proxy", "http://p.test", "--no-proxy", &url]).usage_error(3, "contradict");
    run(&["--key", "/tmp/k.pem", &url]).usage_error(3, "--key needs --cert");
    run(&["--bearer-token-file", "/nonexistent/t", &url])
        .usage_error(3, "cannot read --bearer-token-file /nonexistent/t");
}

// ---------------------------------------------------------------------------------------------
// TLS
// ---------------------------------------------------------------------------------------------

#[test]
fn insecure_accepts_an_unknown_issuer_and_says_so_on_every_output() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = TlsServer::start(&pki, 200, r#"{"status":"UP"}"#);
    run(&[&server.url("/")])
        .code(2)
        .stdout_has(&["certificate signed by an unknown issuer"]);
    for format in ["human", "nagios"] {
        run(&["--insecure", "-o", format, &server.url("/")])
            .code(0)
            .stdout_has(&["TLS certificate NOT verified (--insecure)"]);
    }
}

#[test]
fn the_system_store_is_trusted_too_unless_no_system_certs() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = TlsServer::start(&pki, 200, r#"{"status":"UP"}"#);
    let ca = pki.ca_path().to_str().unwrap().to_string();
    // SSL_CERT_FILE is where the system store is read from, as OpenSSL does.
    let env = [("SSL_CERT_FILE", ca.as_str())];
    run_env(&[&server.url("/")], &env).code(0);
    run_env(&["--no-system-certs", &server.url("/")], &env)
        .code(2)
        .stdout_has(&["unknown issuer"]);
}

#[test]
fn mutual_tls_presents_the_client_certificate() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let options = TlsOptions {
        require_client_cert: true,
        ..TlsOptions::default()
    };
    let server = TlsServer::start_with(&pki, options, 200, r#"{"status":"UP"}"#);
    let ca = pki.ca_path().to_str().unwrap();
    let cert = pki.client_cert_file.to_str().unwrap();
    let key = pki.client_key_file.to_str().unwrap();
    let without = run(&["--cacert", ca, &server.url("/")]);
    without.code(2).stdout_has(&["TLS"]);
    without.nowhere(RAW_REQWEST_ERROR);
    run(&[
        "--cacert",
        ca,
        "--cert",
        cert,
        "--key",
        key,
        &server.url("/"),
    ])
    .code(0);
}

#[test]
fn tls_min_refuses_an_older_server_in_one_line() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let options = TlsOptions {
        tls12_only: true,
        ..TlsOptions::default()
    };
    let server = TlsServer::start_with(&pki, options, 200, r#"{"status":"UP"}"#);
    let ca = pki.ca_path().to_str().unwrap();
    run(&["--cacert", ca, &server.url("/")]).code(0);
    let run = run(&["--cacert", ca, "--tls-min", "1.3", &server.url("/")]);
    run.code(2).stdout_has(&["TLS error"]);
    assert_eq!(run.lines().len(), 2, "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// Unix sockets and proxies
// ---------------------------------------------------------------------------------------------

#[test]
fn a_unix_socket_carries_the_request_with_the_urls_path_and_host() {
    let path = std::env::temp_dir().join(format!("healthprobe-{}.sock", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let request = read_whole_request(&mut stream).unwrap();
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 15\r\nconnection: close\r\n\r\n{\"status\":\"UP\"}",
        );
        request
    });
    let socket = path.to_str().unwrap();
    run(&["--unix-socket", socket, "http://docker/_ping"]).code(0);
    let request = handle.join().unwrap();
    assert_eq!(request.target, "/_ping");
    assert_eq!(request.header("host"), Some("docker"));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_proxy_flag_sends_remote_targets_through_the_proxy() {
    // The "proxy" is the echo server: it sees the absolute URL, and nothing leaves loopback.
    let (proxy, seen) = echo();
    run(&[
        "--proxy",
        &proxy.url(""),
        "http://service.example.test/health",
    ])
    .code(0);
    assert_eq!(last(&seen).target, "http://service.example.test/health");
}

#[test]
fn no_proxy_ignores_the_environment_and_loopback_never_uses_it() {
    let (server, _) = echo();
    let (proxy, through_proxy) = echo();
    let env = [("http_proxy", proxy.url(""))];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    run_env(&[&server.url("/")], &env).code(0);
    run_env(&["--no-proxy", &server.url("/")], &env).code(0);
    assert!(
        through_proxy.lock().unwrap().is_empty(),
        "loopback went through the proxy"
    );
}

// ---------------------------------------------------------------------------------------------
// Redirects
// ---------------------------------------------------------------------------------------------

fn redirecting(status: u16, location: String) -> Server {
    let location: &'static str = location.leak();
    Server::start(move |_request, stream: &mut std::net::TcpStream| {
        respond(stream, status, &[("Location", location)], b"")
    })
}

#[test]
fn no_follow_judges_the_redirect_itself() {
    let (target, seen) = echo();
    let hop = redirecting(302, target.url("/final"));
    run(&["--no-follow", "--expect-status", "200", &hop.url("/")])
        .code(2)
        .stdout_has(&["HTTP 302"]);
    assert!(seen.lock().unwrap().is_empty());
    run(&["--no-follow", &hop.url("/")]).code(0);
}

#[test]
fn max_redirects_bounds_the_chain_and_shows_it_on_one_line() {
    let (target, _) = echo();
    let second = redirecting(302, target.url("/final"));
    let first = redirecting(301, second.url("/two"));
    run(&["--max-redirects", "2", &first.url("/one")]).code(0);
    let run = run(&["--max-redirects", "1", &first.url("/one")]);
    run.code(2).stdout_has(&[
        "too many redirects (more than 1)",
        "/one → ",
        "/two → ",
        "/final",
    ]);
}

#[test]
fn credentials_are_not_sent_to_another_host_after_a_redirect() {
    let (other_host, seen) = echo();
    let hop = redirecting(302, other_host.url("/elsewhere"));
    let run = run(&[
        "-u",
        "ops:s3cret-pass",
        "-H",
        "X-Api-Key: k3y-value",
        "--secret-header",
        "X-Api-Key",
        "-H",
        "X-Team: payments",
        &hop.url("/"),
    ]);
    run.code(0);
    let request = last(&seen);
    assert_eq!(request.header("authorization"), None);
    assert_eq!(request.header("x-api-key"), None);
    assert_eq!(
        request.header("x-team"),
        Some("payments"),
        "plain headers still go"
    );
}

#[test]
fn credentials_still_go_with_a_redirect_within_the_same_origin() {
    let (server, seen) = echo();
    let location = server.url("/final");
    // Same host and port: a server that redirects its own /start.
    let bouncing = {
        let seen = seen.clone();
        let location: &'static str = location.leak();
        Server::start_raw(move |stream| {
            let Some(request) = read_whole_request(stream) else {
                return;
            };
            let target = request.target.clone();
            seen.lock().unwrap().push(request);
            if target == "/start" {
                respond(stream, 302, &[("Location", "/final")], b"");
            } else {
                respond(stream, 200, &[], b"{}");
            }
            let _ = location;
        })
    };
    run(&["-u", "ops:pw12", &bouncing.url("/start")]).code(0);
    let final_request = last(&seen);
    assert_eq!(final_request.target, "/final");
    assert!(final_request.header("authorization").is_some());
}

#[test]
fn a_redirect_to_a_non_http_scheme_is_critical_in_one_line() {
    let hop = redirecting(302, "ftp://files.example.test/health".into());
    let run = run(&[&hop.url("/")]);
    run.code(2)
        .stdout_has(&["redirect to a ftp: URL, which healthprobe does not follow"]);
}

#[test]
fn a_303_after_a_post_continues_with_a_get() {
    let (target, seen) = echo();
    let hop = redirecting(303, target.url("/result"));
    run(&["--data", "x=1", &hop.url("/")]).code(0);
    let request = last(&seen);
    assert_eq!(request.method, "GET");
    assert!(request.body.is_empty());
}

// ---------------------------------------------------------------------------------------------
// HTTP/2
// ---------------------------------------------------------------------------------------------

/// An HTTP/2-only server (hyper) on 127.0.0.1: h2c, or h2 over TLS offering only `h2` by ALPN.
/// Returns the port; the server lives as long as the test process.
fn http2_server(tls: Option<rustls::ServerConfig>) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let acceptor = tls.map(|c| tokio_rustls::TlsAcceptor::from(Arc::new(c)));
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(
                        |request: hyper::Request<hyper::body::Incoming>| async move {
                            let body =
                                format!(r#"{{"status":"UP","version":"{:?}"}}"#, request.version());
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .header("content-type", "application/json")
                                    .body(http_body_util::Full::new(hyper::body::Bytes::from(body)))
                                    .unwrap(),
                            )
                        },
                    );
                    let builder = hyper::server::conn::http2::Builder::new(
                        hyper_util::rt::TokioExecutor::new(),
                    );
                    match acceptor {
                        Some(acceptor) => {
                            let Ok(tls) = acceptor.accept(stream).await else {
                                return;
                            };
                            let _ = builder
                                .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
                                .await;
                        }
                        None => {
                            let _ = builder
                                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                .await;
                        }
                    }
                });
            }
        });
    });
    port
}

#[test]
fn http2_prior_knowledge_speaks_h2c_to_an_http2_only_server() {
    let port = http2_server(None);
    let url = format!("http://127.0.0.1:{port}/health");
    run(&["--http2-prior-knowledge", "-v", &url])
        .code(0)
        .stdout_has(&["< HTTP/2.0 200 OK"]);
    // Without it, HTTP/1.1 meets an HTTP/2-only server: a clear failure, not a hang.
    let run = run(&["-t", "2", &url]);
    run.code(2);
    run.nowhere(RAW_REQWEST_ERROR);
}

#[test]
fn https_negotiates_http2_by_alpn() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let port = http2_server(Some(pki.server_config(&[b"h2"])));
    let url = format!("https://127.0.0.1:{port}/health");
    run(&["--cacert", pki.ca_path().to_str().unwrap(), "-v", &url])
        .code(0)
        .stdout_has(&["< HTTP/2.0 200 OK"]);
}

// ---------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------

/// Secrets planted in the URL, headers, a token file, basic auth and the environment; the echo
/// server quotes the request headers back in its body and sets a cookie. None of them may
/// appear in any output format, verbose trace, report file or error message.
#[test]
fn planted_secrets_never_appear_in_any_output_or_report_file() {
    let (server, _) = echo();
    let token = TempFile::new("planted-token", "planted-bearer-t0ken\n");
    let url = format!(
        "http://planted-user:planted-url-passw0rd@{}/health?token=planted-query-t0ken&page=1",
        server.authority()
    );
    let secrets = [
        "planted-url-passw0rd",
        "planted-query-t0ken",
        "planted-bearer-t0ken",
        "planted-api-k3y",
        "planted-custom-s3cret",
        "c00kie-value",
    ];
    let dir = std::env::temp_dir().join(format!("healthprobe-planted-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for format in ["human", "nagios", "json", "junit", "prometheus"] {
        for verbose in [false, true] {
            let report = dir.join(format!("report-{format}-{verbose}"));
            let mut args = vec![
                "-o".to_string(),
                format.into(),
                "--bearer-token-file".into(),
                token.path().into(),
                "-H".into(),
                "X-Api-Key: planted-api-k3y".into(),
                "-H".into(),
                "X-Custom: planted-custom-s3cret".into(),
                "--secret-header".into(),
                "X-Custom".into(),
                // A failing rule quotes the echoed Authorization header back.
                "--assert".into(),
                "$.echo.authorization == nothing".into(),
                "--expect-header".into(),
                "set-cookie: ^nomatch".into(),
                "--report".into(),
                format!("json={}", report.display()),
            ];
            if verbose {
                args.push("-v".into());
            }
            args.push(url.clone());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = run(&args);
            assert_eq!(run.code, 2, "{format} verbose={verbose}\n{run:?}");
            let written = std::fs::read_to_string(&report).unwrap_or_default();
            for secret in secrets {
                run.nowhere(secret);
                assert!(
                    !written.contains(secret),
                    "{secret} in the --report file of {format}"
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn header_values_with_control_characters_or_a_literal_backslash_n_are_refused() {
    let server = Server::start(fixed(200, "ok"));
    let url = server.url("/");
    run(&["-H", "X-A: 1\u{1}2", &url]).usage_error(
        3,
        "the value of X-A holds a line break or control character",
    );
    // `\n` written where no shell makes it a line break (a compose file, a pod spec).
    let run = run_env(&[&url], &[("HEALTHPROBE_HEADER", "X-A: 1\\nX-B: 2")]);
    run.usage_error(
        3,
        "the value of X-A holds a literal \\n; give one header per -H",
    );
    run.nowhere("X-B: 2");
    // Under --docker the refusal keeps Docker's codes.
    run_env(
        &["--docker", &url],
        &[("HEALTHPROBE_HEADER", "X-A: 1\\nX-B: 2")],
    )
    .code(1);
    assert_eq!(server.hits(), 0, "nothing is sent with a refused header");
}
