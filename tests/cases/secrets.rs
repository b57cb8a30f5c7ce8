//! Planted secrets: credentials in the URL query (in every naming style), in vendor headers,
//! in basic auth and in a fragment, with a server that echoes the whole request back inside
//! its health document. None may appear in any output format, in `-v`, in `--dry-run`, in
//! report files or in an error message, in clear or in the encodings they were sent in.

use crate::common::*;

/// Values planted in the request, none short enough to be left alone by the scrubber.
const PLANTED: &[&str] = &[
    "S3cretPass",
    "TOKEN1234",
    "SESS5678",
    "AMZCRED99",
    "FRAG4321",
    "CODE2468",
    "vendorkey123",
    "subkey4567",
];

/// `admin:S3cretPass` in base64, as the Authorization header carries it.
const BASIC: &str = "YWRtaW46UzNjcmV0UGFzcw";

/// Answers 503 with a health document whose error quotes the request line and every header.
fn echo_server() -> Server {
    Server::start(|request: Request, stream: &mut std::net::TcpStream| {
        let mut quoted = format!("{} {}", request.method, request.path);
        for (name, value) in &request.headers {
            quoted.push_str(&format!("; {name}: {value}"));
        }
        let body = serde_json::json!({
            "status": "DOWN",
            "error": quoted,
            "components": {"db": {"status": "DOWN", "details": {"error": quoted}}}
        });
        respond(
            stream,
            503,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        );
    })
}

fn planted_url(server: &Server) -> String {
    server.url(
        "/health?accessToken=TOKEN1234&sessionid=SESS5678&X-Amz-Credential=AMZCRED99\
         &code=CODE2468&verbose=1#token=FRAG4321",
    )
}

fn planted_args(url: &str) -> Vec<String> {
    [
        "-u",
        "admin:S3cretPass",
        "-H",
        "X-Auth-Key: vendorkey123",
        "-H",
        "Ocp-Apim-Subscription-Key: subkey4567",
        url,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[track_caller]
fn nothing_planted_in(text: &str, what: &str) {
    for secret in PLANTED.iter().chain(&[BASIC]) {
        assert!(!text.contains(secret), "{what} shows {secret}:\n{text}");
    }
}

#[test]
fn planted_secrets_never_appear_in_any_format_or_in_verbose_output() {
    let server = echo_server();
    let url = planted_url(&server);
    for format in ["human", "nagios", "json", "junit", "prometheus"] {
        for verbose in [false, true] {
            let mut args = vec!["-o".to_string(), format.to_string()];
            if verbose {
                args.push("-v".into());
            }
            args.extend(planted_args(&url));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = run(&args);
            run.code(2);
            nothing_planted_in(&run.stdout, &format!("{format} -v={verbose} stdout"));
            nothing_planted_in(&run.stderr, &format!("{format} -v={verbose} stderr"));
        }
    }
    // The server did see them: the test planted real secrets.
    assert!(server.hits() >= 10);
}

#[test]
fn the_echoed_request_is_shown_with_its_secrets_masked() {
    let server = echo_server();
    let url = planted_url(&server);
    let args = planted_args(&url);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run(&args);
    run.code(2)
        .stdout_has(&["accessToken=***", "sessionid=***", "code=***", "verbose=1"]);
}

#[test]
fn planted_secrets_never_reach_report_files_dry_runs_or_errors() {
    let server = echo_server();
    let url = planted_url(&server);
    let dir = std::env::temp_dir().join(format!("hp-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut args = Vec::new();
    for format in ["json", "junit", "prometheus", "nagios"] {
        args.push("--report".to_string());
        args.push(format!("{format}={}", dir.join(format).display()));
    }
    args.extend(planted_args(&url));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&argv).code(2);
    for format in ["json", "junit", "prometheus", "nagios"] {
        let text = std::fs::read_to_string(dir.join(format)).unwrap();
        nothing_planted_in(&text, &format!("--report {format}"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // A dry run lists the target without sending it.
    let mut dry = vec!["--dry-run".to_string()];
    dry.extend(planted_args(&url));
    let argv: Vec<&str> = dry.iter().map(String::as_str).collect();
    let run = run(&argv);
    run.code(0);
    nothing_planted_in(&run.stdout, "--dry-run");
    // An error message that quotes the URL: nothing listens there.
    let refused = format!(
        "http://127.0.0.1:{}/health?authToken=TOKEN1234&pwd=S3cretPass#t=FRAG4321",
        refused_port()
    );
    let run = crate::common::run(&["-v", "--version-url", &refused, &refused]);
    run.code(2);
    nothing_planted_in(&run.stdout, "an error");
    nothing_planted_in(&run.stderr, "an error");
}

#[test]
fn secret_query_names_more_parameters_to_mask() {
    let server = Server::start(serve(200, JSON, br#"{"status":"UP"}"#));
    let url = server.url("/health?tenant_ref=ABCD9876&x=1");
    let run = run(&["--secret-query", "tenant_ref", "-o", "json", &url]);
    run.code(0).stdout_has(&["tenant_ref=***"]);
    run.nowhere("ABCD9876");
}
