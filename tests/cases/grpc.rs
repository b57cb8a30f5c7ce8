//! gRPC targets end to end against real gRPC health servers that healthprobe did not write:
//! tonic's health service (which lacks `List`) and grpcio's (gRPC's C core, with `List`).

use tonic_health::ServingStatus::{NotServing, Serving, Unknown};

use crate::common::grpc::{GrpcioHealth, Setup, TonicHealth};
use crate::common::tls::Pki;
use crate::common::*;

fn tonic(services: &[(&str, tonic_health::ServingStatus)]) -> TonicHealth {
    TonicHealth::start(Setup {
        services,
        ..Setup::default()
    })
}

#[test]
fn a_serving_server_is_ok_and_says_how_it_was_asked() {
    let server = tonic(&[]);
    let run = run(&["-v", &server.url("grpc")]);
    run.code(0).stdout_has(&["OK", "gRPC OK"]);
    // tonic does not implement List: healthprobe falls back to Check on the same server.
    run.output_has(&["grpc.health.v1.Health/Check"]);
}

#[test]
fn a_server_not_serving_is_critical() {
    let server = TonicHealth::start(Setup {
        server: Some(NotServing),
        ..Setup::default()
    });
    run(&[&server.url("grpc")])
        .code(2)
        .stdout_has(&["CRITICAL", "NOT_SERVING"]);
}

#[test]
fn a_server_in_unknown_state_is_unknown() {
    let server = TonicHealth::start(Setup {
        server: Some(Unknown),
        ..Setup::default()
    });
    run(&[&server.url("grpc")]).code(3).stdout_has(&["UNKNOWN"]);
}

#[test]
fn one_service_is_checked_by_flag_or_by_query_and_named_when_it_fails() {
    let server = tonic(&[("orders", NotServing), ("billing", Serving)]);
    run(&["--grpc-service", "billing", &server.url("grpc")]).code(0);
    run(&["--grpc-service", "orders", &server.url("grpc")])
        .code(2)
        .stdout_has(&["orders", "NOT_SERVING"]);
    let url = format!("{}?service=orders", server.url("grpc"));
    run(&["--grpc-service", "billing", &url])
        .code(2)
        .stdout_has(&["orders NOT_SERVING"]);
}

#[test]
fn a_service_the_server_does_not_know_is_critical_and_named() {
    let server = tonic(&[("orders", Serving)]);
    run(&["--grpc-service", "ghost", &server.url("grpc")])
        .code(2)
        .stdout_has(&["NOT_FOUND", "'ghost'", "SERVICE_UNKNOWN"]);
}

#[test]
fn list_makes_every_service_a_component_and_component_rules_apply() {
    let server = GrpcioHealth::start(&["=SERVING", "orders=NOT_SERVING", "billing=SERVING"]);
    let run_ = run(&["-v", &server.url()]);
    run_.code(2)
        .stdout_has(&["orders NOT_SERVING"])
        .output_has(&["grpc.health.v1.Health/List"]);
    run(&["--noncritical", "orders", &server.url()])
        .code(1)
        .stdout_has(&["WARNING", "orders"]);
    run(&["--ignore-component", "orders", &server.url()]).code(0);
    run(&["--require-component", "payments", &server.url()])
        .code(2)
        .stdout_has(&["payments"]);
    run(&[
        "--require-component",
        "billing",
        "--ignore-component",
        "orders",
        &server.url(),
    ])
    .code(0);
}

#[test]
fn grpc_list_on_a_server_without_list_says_so_and_how_to_ask_check() {
    let server = tonic(&[]);
    run(&["--grpc-list", &server.url("grpc")])
        .code(2)
        .stdout_has(&["UNIMPLEMENTED", "List", "drop --grpc-list"]);
    run(&["--grpc-list=false", &server.url("grpc")]).code(0);
}

fn tls_server(pki: &Pki, mutual: bool) -> TonicHealth {
    TonicHealth::start(Setup {
        services: &[("orders", Serving)],
        tls: Some(pki),
        mutual,
        ..Setup::default()
    })
}

#[test]
fn grpcs_with_a_private_ca_is_ok_and_reports_the_certificate_expiry() {
    let pki = Pki::new(&["127.0.0.1", "localhost"], 10.0);
    let server = tls_server(&pki, false);
    let ca = pki.ca_path().to_str().unwrap();
    run(&["--cacert", ca, &server.url("grpcs")])
        .code(0)
        .stdout_has(&["OK", "gRPC OK"]);
    run(&["--cacert", ca, "--cert-warn", "30d", &server.url("grpcs")])
        .code(1)
        .stdout_has(&["WARNING", "certificate"]);
}

#[test]
fn grpcs_without_the_ca_is_critical_with_the_tls_reason() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = tls_server(&pki, false);
    run(&[&server.url("grpcs")])
        .code(2)
        .stdout_has(&["TLS error", "unknown issuer"]);
    run(&["--insecure", &server.url("grpcs")]).code(0);
}

#[test]
fn grpcs_with_mutual_tls_needs_the_client_certificate() {
    let pki = Pki::new(&["127.0.0.1"], 90.0);
    let server = tls_server(&pki, true);
    let ca = pki.ca_path().to_str().unwrap();
    run(&["--cacert", ca, &server.url("grpcs")])
        .code(2)
        .stdout_has(&["client certificate", "--cert and --key"]);
    let cert = pki.client_cert_file.to_str().unwrap();
    let key = pki.client_key_file.to_str().unwrap();
    run(&[
        "--cacert",
        ca,
        "--cert",
        cert,
        "--key",
        key,
        &server.url("grpcs"),
    ])
    .code(0)
    .stdout_has(&["gRPC OK"]);
}

#[test]
fn tls_server_name_checks_the_certificate_against_the_name_given() {
    let pki = Pki::new(&["grpc.internal"], 90.0);
    let server = tls_server(&pki, false);
    let ca = pki.ca_path().to_str().unwrap();
    run(&["--cacert", ca, &server.url("grpcs")])
        .code(2)
        .stdout_has(&["not valid for this host name"]);
    run(&[
        "--cacert",
        ca,
        "--tls-server-name",
        "grpc.internal",
        &server.url("grpcs"),
    ])
    .code(0);
}

#[test]
fn grpcs_against_a_plain_grpc_port_says_the_server_did_not_speak_tls() {
    let server = tonic(&[]);
    run(&[&server.url("grpcs")])
        .code(2)
        .stdout_has(&["did not speak TLS"]);
}

#[test]
fn a_hanging_server_times_out_within_the_bound() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        std::thread::sleep(std::time::Duration::from_secs(3));
        drop(stream);
    });
    let run = run(&["-t", "1s", &format!("grpc://127.0.0.1:{port}")]);
    run.code(2).stdout_has(&["timeout after 1s"]);
    assert!(
        run.elapsed < std::time::Duration::from_millis(2500),
        "{run:?}"
    );
    held.join().unwrap();
}

#[test]
fn an_http1_server_on_the_port_gets_a_reason_of_its_own() {
    let server = Server::start(fixed(200, r#"{"status":"UP"}"#));
    run(&[&format!("grpc://{}", server.authority())])
        .code(2)
        .stdout_has(&["did not answer in HTTP/2", "use http://"]);
}

#[test]
fn http_against_a_grpc_port_says_to_use_grpc() {
    let server = tonic(&[]);
    run(&[&format!("http://127.0.0.1:{}/healthz", server.port)])
        .code(2)
        .stdout_has(&["HTTP/2", &format!("grpc://127.0.0.1:{}", server.port)]);
}

#[test]
fn metadata_is_sent_with_h_and_unauthenticated_is_a_reason() {
    let server = GrpcioHealth::start(&["--require-metadata", "x-api-key:s3cret", "=SERVING"]);
    run(&[&server.url()])
        .code(2)
        .stdout_has(&["UNAUTHENTICATED", "missing x-api-key metadata"]);
    run(&["-H", "X-Api-Key: s3cret", &server.url()])
        .code(0)
        .nowhere("s3cret");
}

#[test]
fn docker_never_exits_2_for_a_failing_grpc_service() {
    let server = tonic(&[("orders", NotServing)]);
    run(&["--docker", "--grpc-service", "orders", &server.url("grpc")]).code(1);
    run(&["--docker", &format!("grpc://127.0.0.1:{}", refused_port())]).code(1);
}

#[test]
fn response_time_thresholds_apply_to_grpc_calls() {
    let server = tonic(&[]);
    run(&["-c", "0.0000001", &server.url("grpc")])
        .code(2)
        .stdout_has(&["response time"]);
}

#[test]
fn every_output_format_carries_the_grpc_answer() {
    let server = GrpcioHealth::start(&["=SERVING", "orders=NOT_SERVING"]);
    let json = run(&["-o", "json", &server.url()]);
    json.code(2);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let target = &value["targets"][0];
    assert_eq!(target["protocol"], "grpc", "{json:?}");
    assert_eq!(target["grpc_status"], "OK", "{json:?}");
    assert_eq!(target["format"], "grpc", "{json:?}");
    assert!(json.stdout.contains("NOT_SERVING"), "{json:?}");
    run(&["-o", "nagios", &server.url()]).code(2).stdout_has(&[
        "HEALTHPROBE CRITICAL",
        "orders NOT_SERVING",
        "time=",
    ]);
    run(&["-o", "junit", &server.url()])
        .code(2)
        .stdout_has(&["<testsuite", "orders NOT_SERVING"]);
    run(&["-o", "prometheus", &server.url()])
        .code(2)
        .stdout_has(&["component=\"orders\""]);
}

#[test]
fn bad_grpc_urls_are_usage_errors() {
    run(&["grpc://127.0.0.1"])
        .code(3)
        .output_has(&["needs a port", "grpc://HOST:PORT"]);
    run(&["grpc://127.0.0.1:50051/grpc.health.v1.Health/Check"])
        .code(3)
        .output_has(&["--grpc-service"]);
}

#[test]
fn serve_probes_grpc_targets_with_blackbox_grpc_names_and_services_as_components() {
    let server = GrpcioHealth::start(&["=SERVING", "orders=NOT_SERVING", "billing=SERVING"]);
    let config = TempFile::new(
        "serve.toml",
        "[serve]\nallow = [\"127.0.0.1/32\"]\n[module.grpc]\nnoncritical = [\"orders\"]\n",
    );
    let served = crate::common::serve::spawn(&["--config", config.path()], &[]);
    let target: String = url::form_urlencoded::byte_serialize(server.url().as_bytes()).collect();
    let answer = served.get(&format!("/probe?target={target}"), &[]);
    assert_eq!(answer.code, 200, "{answer:?}");
    assert_eq!(answer.sample("probe_success"), Some(0.0), "{answer:?}");
    assert_eq!(
        answer.sample("probe_grpc_status_code"),
        Some(0.0),
        "{answer:?}"
    );
    assert_eq!(
        answer.sample(r#"probe_grpc_healthcheck_response{serving_status="SERVING"}"#),
        Some(1.0),
        "{answer:?}"
    );
    assert_eq!(
        answer.sample(r#"healthprobe_component_up{component="orders"}"#),
        Some(0.0),
        "{answer:?}"
    );
    assert!(
        !answer.body.contains("probe_http_status_code"),
        "{answer:?}"
    );
    let answer = served.get(&format!("/probe?target={target}&module=grpc"), &[]);
    assert_eq!(answer.sample("probe_success"), Some(1.0), "{answer:?}");
    assert_eq!(answer.sample("healthprobe_status"), Some(1.0), "{answer:?}");
    // Not an open proxy for gRPC either.
    let elsewhere: String =
        url::form_urlencoded::byte_serialize(b"grpc://10.9.8.7:50051").collect();
    let answer = served.get(&format!("/probe?target={elsewhere}"), &[]);
    assert_eq!(answer.code, 403, "{answer:?}");
}

#[test]
fn unavailable_is_retried_and_waited_out_like_a_503() {
    let server = GrpcioHealth::start(&["--unavailable-first", "2", "=SERVING"]);
    run(&[&server.url()])
        .code(2)
        .stdout_has(&["gRPC UNAVAILABLE (14)", "warming up"]);
    // The first call above used one of the two; one more UNAVAILABLE, then SERVING.
    run(&["--retries", "2", "--retry-delay", "100ms", &server.url()])
        .code(0)
        .stdout_has(&["2 attempts"]);
}

#[test]
fn config_targets_take_grpc_and_socket_keys() {
    let server = tonic(&[("orders", NotServing), ("billing", Serving)]);
    let banner = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let banner_port = banner.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in banner.incoming().flatten() {
            use std::io::Write;
            let mut stream = stream;
            let _ = stream.write_all(b"+OK ready\r\n");
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    });
    let config = TempFile::new(
        "probes.toml",
        &format!(
            "[[target]]\nname = \"billing\"\nurl = \"{}\"\ngrpc-service = \"billing\"\n\
             grpc-list = false\n\n[[target]]\nname = \"cache\"\nurl = \"tcp://127.0.0.1:{banner_port}\"\n\
             send = 'PING\\r\\n'\nexpect-banner = '^\\+OK'\n",
            server.url("grpc")
        ),
    );
    run(&["--config", config.path()])
        .code(0)
        .stdout_has(&["billing", "cache", "2 targets: 2 ok"]);
    run(&["--config", config.path(), "--dry-run"])
        .code(0)
        .stdout_has(&["grpc://127.0.0.1", "tcp://127.0.0.1"]);
}

#[test]
fn url_credentials_are_sent_as_basic_auth_metadata_and_never_shown() {
    // "ops:s3cret" in base64 is b3BzOnMzY3JldA==.
    let server = GrpcioHealth::start(&[
        "--require-metadata",
        "authorization:Basic b3BzOnMzY3JldA==",
        "=SERVING",
    ]);
    let url = format!("grpc://ops:s3cret@127.0.0.1:{}", server.port);
    run(&["-v", &url])
        .code(0)
        .output_has(&["authorization: Basic ***"])
        .nowhere("s3cret");
    run(&[&format!("grpc://ops:wrong@127.0.0.1:{}", server.port)])
        .code(2)
        .stdout_has(&["UNAUTHENTICATED"])
        .nowhere("wrong@");
}
