//! One option set to the settings a target is probed and judged with: defaults filled in,
//! every value checked, every file read; and the URLs users type.

use std::time::Duration;

use reqwest::Url;

use super::*;
use crate::inputs::Kind;

/// Per-target settings resolved once (files read, every value checked) and applied to any URL
/// later: a module of `serve`, whose targets arrive with each request.
#[derive(Debug, Clone)]
pub struct Template {
    options: TargetOptions,
    settings: Settings,
}

impl Template {
    /// `options` (already layered) resolved against the environment.
    pub fn resolve(options: TargetOptions, env: &Environment<'_>) -> Result<Template, UsageError> {
        let settings = settings(&options, None, env, &mut Files::default())?;
        Ok(Template { options, settings })
    }

    /// A target probing `url` with these settings.
    pub fn target(&self, url: Url) -> Result<Target, UsageError> {
        let mut settings = self.settings.clone();
        settings.probe.client.resolve = resolve_overrides(&self.options.resolve, &url);
        let mut target = Target::new(url, settings);
        target.version_url = version_url(&self.options, &target.url)?;
        Ok(target)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every secret these settings send (passwords, tokens, secret header values).
    pub fn secrets(&self) -> Vec<Secret> {
        settings_secrets(&self.settings)
    }
}

/// The secrets that settings send wherever they apply.
pub(super) fn settings_secrets(settings: &Settings) -> Vec<Secret> {
    let mut secrets = Vec::new();
    let probe = &settings.probe;
    secrets.extend(
        probe
            .request
            .headers
            .iter()
            .filter(|h| h.sensitive)
            .flat_map(|h| {
                // `Bearer abc` is scrubbed whole and as its credential alone.
                let value = h.value.expose();
                let credential = value.split_once(' ').map(|(_, c)| Secret::new(c.trim()));
                std::iter::once(h.value.clone()).chain(credential)
            }),
    );
    match &probe.request.auth {
        Some(Auth::Basic {
            user,
            password: Some(password),
        }) => secrets.extend(crate::redact::basic_secrets(user, password.expose())),
        Some(Auth::Bearer(token)) => secrets.push(token.clone()),
        _ => {}
    }
    if let ProxyChoice::Url(url) = &probe.client.proxy {
        secrets.extend(crate::redact::url_secrets(url));
    }
    secrets
}

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_MAX_BODY: u64 = 1 << 20;
const DEFAULT_RETRY_DELAY: Duration = Duration::from_secs(1);

/// A layered option set with the built-in defaults filled in, and every file it names read.
/// `url` is the target's (none for the demo, whose port is not known yet, and for serve's
/// modules, whose targets come with each request).
pub(super) fn settings(
    options: &TargetOptions,
    url: Option<&Url>,
    env: &Environment<'_>,
    files: &mut Files,
) -> Result<Settings, UsageError> {
    let timeout = options.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let max_body = usize::try_from(options.max_body.unwrap_or(DEFAULT_MAX_BODY))
        .map_err(|_| UsageError("--max-body is larger than this machine can hold".into()))?;
    let threshold = |t: &Option<Threshold>| t.as_ref().and_then(|Threshold(range)| range.clone());
    let extra_roots = match &options.cacert {
        Some(path) => trust_anchors(files.certificates(path, "--cacert")?, path)?,
        None => Vec::new(),
    };
    if let Some(FormatChoice::Forced(format)) = options.health_format
        && format != crate::health::Format::Generic
        && (options.status_path.is_some() || options.component_path.is_some())
    {
        return Err(UsageError(format!(
            "--status-path and --component-path direct the generic reader, not the {format} \
             reader: drop --health-format {format} (or use --health-format generic)"
        )));
    }
    if options.health_format == Some(FormatChoice::None)
        && (options.status_path.is_some() || options.component_path.is_some())
    {
        return Err(UsageError(
            "--status-path and --component-path read the body, which --health-format none \
             ignores: drop one of them"
                .into(),
        ));
    }
    Ok(Settings {
        probe: ProbeOptions {
            redirects_allowed: None,
            timeout,
            max_body,
            request: request_spec(options, env, files)?,
            client: ClientSettings {
                connect_timeout: options.connect_timeout.map_or(timeout, |c| c.min(timeout)),
                extra_roots,
                identity: identity(options, files)?,
                insecure: options.insecure.unwrap_or(false),
                tls_min: options.tls_min.unwrap_or(TlsVersion::Tls12),
                system_certs: !options.no_system_certs.unwrap_or(false),
                resolve: url
                    .map(|u| resolve_overrides(&options.resolve, u))
                    .unwrap_or_default(),
                unix_socket: options.unix_socket.clone(),
                proxy: proxy_choice(options)?,
                http2_prior_knowledge: options.http2_prior_knowledge.unwrap_or(false),
                tls_server_name: options.tls_server_name.clone(),
            },
            grpc: GrpcOptions {
                service: options.grpc_service.clone(),
                list: options.grpc_list,
            },
            socket: SocketOptions {
                send: options.send.as_deref().map(unescape).transpose()?,
                banner: options.expect_banner.clone(),
            },
        },
        expect: Expectations {
            statuses_explicit: options.expect_status.is_some(),
            statuses: options.expect_status.clone().unwrap_or_default(),
            warning: threshold(&options.warning),
            critical: threshold(&options.critical),
            read: ReadOptions {
                format: options.health_format.unwrap_or(FormatChoice::Auto),
                words: UserWords::new(
                    options
                        .status_word
                        .iter()
                        .map(|w| (w.word.clone(), w.health)),
                ),
                status_path: options.status_path.clone(),
                component_path: options.component_path.clone(),
                keep_every_component: !(options.ignore_component.is_empty()
                    && options.noncritical.is_empty()
                    && options.require_component.is_empty()),
            },
            components: ComponentRules {
                ignore: options.ignore_component.clone(),
                noncritical: options.noncritical.clone(),
                require: options.require_component.clone(),
            },
            maintenance: options.maintenance,
            version: options.expect_version.clone(),
            headers: options.expect_header.clone(),
            body: options.expect_body.clone(),
            metrics: options.metric.clone(),
            asserts: options.assert.clone(),
            assert_warns: options.assert_warn.clone(),
            cert_warn: options.cert_warn,
            cert_crit: options.cert_crit,
        },
        version_path: options.version_path.clone(),
        retry: RetryPolicy {
            retries: options.retries.unwrap_or(0),
            delay: options.retry_delay.unwrap_or(DEFAULT_RETRY_DELAY),
            also: options.retry_on.clone(),
        },
    })
}

const DEFAULT_MAX_REDIRECTS: u32 = 5;

/// `--cacert` certificates, each checked now as a trust anchor, so that a bad one is named with
/// its file even when no target of this run is HTTPS.
pub(super) fn trust_anchors(
    certificates: Vec<rustls::pki_types::CertificateDer<'static>>,
    path: &std::path::Path,
) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, UsageError> {
    let mut store = rustls::RootCertStore::empty();
    for (index, certificate) in certificates.iter().enumerate() {
        store.add(certificate.clone()).map_err(|e| {
            UsageError(format!(
                "--cacert {}: certificate {} cannot be a trust anchor ({e})",
                path.display(),
                index + 1
            ))
        })?;
    }
    Ok(certificates)
}

/// Method, headers, body and credentials, with `@FILE` values read.
pub(super) fn request_spec(
    options: &TargetOptions,
    env: &Environment<'_>,
    files: &mut Files,
) -> Result<RequestSpec, UsageError> {
    let secret_names: Vec<String> = options
        .secret_header
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    let sent = |name: String, value: Secret| SentHeader {
        sensitive: crate::redact::is_sensitive_header(&name)
            || secret_names.contains(&name.to_ascii_lowercase()),
        name,
        value,
    };
    let mut headers = Vec::new();
    for arg in &options.header {
        match arg {
            HeaderArg::Header { name, value } => headers.push(sent(name.clone(), value.clone())),
            HeaderArg::File(path) => {
                let text = files.text(path, "-H @FILE", Kind::Headers)?;
                for (number, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    let (name, value) = crate::cli::parse_header_line(line).map_err(|e| {
                        UsageError(format!("{}:{}: {e}", path.display(), number + 1))
                    })?;
                    headers.push(sent(name, Secret::new(value)));
                }
            }
        }
    }
    let body = match options.data.as_deref() {
        Some(data) => Some(match data.strip_prefix('@') {
            Some(path) => files.bytes(std::path::Path::new(path), "--data @FILE", Kind::Data)?,
            None => data.as_bytes().to_vec(),
        }),
        None => None,
    };
    let method = options.method.unwrap_or(if body.is_some() {
        Method::Post
    } else {
        Method::Get
    });
    if body.is_some() && method != Method::Post {
        return Err(UsageError(format!(
            "--data sends a body, which a {} request does not carry; use -X POST",
            method.as_str()
        )));
    }
    let bearer = match (
        &options.bearer_token_file,
        env.non_empty("HEALTHPROBE_BEARER_TOKEN"),
    ) {
        (Some(path), _) => {
            let token = files
                .text(path, "--bearer-token-file", Kind::Token)?
                .trim()
                .to_string();
            if token.is_empty() {
                return Err(UsageError(format!(
                    "--bearer-token-file {} is empty",
                    path.display()
                )));
            }
            Some(Secret::new(token))
        }
        (None, Some(token)) => Some(Secret::new(token.trim())),
        (None, None) => None,
    };
    let auth = match (&options.user, bearer) {
        (Some(_), Some(_)) => {
            return Err(UsageError(
                "-u and a bearer token both set Authorization: give one".into(),
            ));
        }
        (Some(credentials), None) => Some(Auth::Basic {
            user: credentials.user.clone(),
            password: credentials
                .password
                .clone()
                .or_else(|| env.non_empty("HEALTHPROBE_PASSWORD").map(Secret::new)),
        }),
        (None, Some(token)) => Some(Auth::Bearer(token)),
        (None, None) => None,
    };
    Ok(RequestSpec {
        method,
        headers,
        body,
        auth,
        user_agent: options
            .user_agent
            .clone()
            .unwrap_or_else(|| format!("healthprobe/{}", env!("CARGO_PKG_VERSION"))),
        host_header: options.host_header.clone(),
        max_redirects: if options.no_follow.unwrap_or(false) {
            None
        } else {
            Some(options.max_redirects.unwrap_or(DEFAULT_MAX_REDIRECTS))
        },
    })
}

/// `--cert` and `--key`: the chain and its key (the key may be in the `--cert` file).
pub(super) fn identity(
    options: &TargetOptions,
    files: &mut Files,
) -> Result<Option<ClientIdentity>, UsageError> {
    use rustls::pki_types::PrivateKeyDer;
    use rustls::pki_types::pem::PemObject;
    let Some(cert) = &options.cert else {
        if options.key.is_some() {
            return Err(UsageError(
                "--key needs --cert (the certificate it belongs to)".into(),
            ));
        }
        return Ok(None);
    };
    let chain = files.certificates(cert, "--cert")?;
    let key_path = options.key.as_deref().unwrap_or(cert);
    let data = files.bytes(key_path, "--key", Kind::Credential)?;
    let key = PrivateKeyDer::from_pem_slice(&data).map_err(|_| {
        UsageError(format!(
            "{} holds no PEM private key{}",
            key_path.display(),
            if options.key.is_none() {
                " (give it with --key)"
            } else {
                ""
            }
        ))
    })?;
    let (key_kind, key) = match key {
        PrivateKeyDer::Pkcs8(k) => (KeyKind::Pkcs8, k.secret_pkcs8_der().to_vec()),
        PrivateKeyDer::Pkcs1(k) => (KeyKind::Pkcs1, k.secret_pkcs1_der().to_vec()),
        PrivateKeyDer::Sec1(k) => (KeyKind::Sec1, k.secret_sec1_der().to_vec()),
        _ => {
            return Err(UsageError(format!(
                "{}: unsupported private key type",
                key_path.display()
            )));
        }
    };
    Ok(Some(ClientIdentity {
        chain,
        key,
        key_kind,
    }))
}

/// The `--resolve` rules for this URL's host and port, as the addresses to connect to.
pub(super) fn resolve_overrides(
    rules: &[crate::cli::ResolveRule],
    url: &Url,
) -> Vec<(String, std::net::SocketAddr)> {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = url.port_or_known_default().unwrap_or(0);
    rules
        .iter()
        .filter(|rule| rule.host == host && rule.port == port)
        .map(|rule| {
            (
                host.to_string(),
                std::net::SocketAddr::new(rule.address, port),
            )
        })
        .take(1)
        .collect()
}

pub(super) fn proxy_choice(options: &TargetOptions) -> Result<ProxyChoice, UsageError> {
    match (&options.proxy, options.no_proxy.unwrap_or(false)) {
        (Some(_), true) => Err(UsageError(
            "--proxy and --no-proxy contradict each other".into(),
        )),
        (Some(text), false) => {
            let with_scheme = if text.contains("://") {
                text.clone()
            } else {
                format!("http://{text}")
            };
            let url = Url::parse(&with_scheme).map_err(|e| {
                UsageError(format!("invalid --proxy '{}': {e}", shown_for_error(text)))
            })?;
            if !matches!(url.scheme(), "http" | "https" | "socks5" | "socks5h") {
                return Err(UsageError(format!(
                    "unsupported --proxy scheme '{}': use http://, https:// or socks5://",
                    url.scheme()
                )));
            }
            Ok(ProxyChoice::Url(url))
        }
        (None, true) => Ok(ProxyChoice::None),
        (None, false) => Ok(ProxyChoice::Environment),
    }
}

pub(super) fn version_url(
    options: &TargetOptions,
    target: &Url,
) -> Result<Option<Url>, UsageError> {
    options
        .version_url
        .as_deref()
        .map(|text| resolve_version_url(text, target))
        .transpose()
}

/// `--send`: the text with `\r`, `\n`, `\t` and `\\` turned into the bytes they name.
pub(super) fn unescape(text: &str) -> Result<Vec<u8>, UsageError> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buffer = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            continue;
        }
        out.push(match chars.next() {
            Some('r') => b'\r',
            Some('n') => b'\n',
            Some('t') => b'\t',
            Some('\\') => b'\\',
            Some(other) => {
                return Err(UsageError(format!(
                    "--send: unknown escape '\\{other}'; use \\r, \\n, \\t or \\\\"
                )));
            }
            None => return Err(UsageError("--send ends with a lone '\\'".into())),
        });
    }
    Ok(out)
}

/// Parses a URL as users type it: `localhost:8080/healthz` means `http://localhost:8080/healthz`.
pub fn parse_target_url(text: &str) -> Result<Url, UsageError> {
    let text = text.trim();
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("http://{text}")
    };
    let url = Url::parse(&with_scheme)
        .map_err(|e| UsageError(format!("invalid URL '{}': {e}", shown_for_error(text))))?;
    match url.scheme() {
        "http" | "https" => {}
        "grpc" | "grpcs" | "tcp" | "tls" => {
            if url.port().is_none() {
                return Err(UsageError(format!(
                    "URL '{}' needs a port: {}://HOST:PORT",
                    crate::redact::url(&url),
                    url.scheme()
                )));
            }
            let path = url.path();
            if !(path.is_empty() || path == "/") {
                return Err(UsageError(format!(
                    "URL '{}' has a path, which a {}:// target does not use{}",
                    crate::redact::url(&url),
                    url.scheme(),
                    if url.scheme().starts_with("grpc") {
                        ": name a service with ?service=NAME or --grpc-service"
                    } else {
                        ""
                    }
                )));
            }
        }
        other => {
            return Err(UsageError(format!(
                "unsupported scheme '{other}' in URL '{}': use http://, https://, grpc://, \
                 grpcs://, tcp:// or tls://",
                crate::redact::url(&url)
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UsageError(format!(
            "invalid URL '{}': no host",
            crate::redact::url(&url)
        )));
    }
    Ok(url)
}

/// `--version-url`: a path such as `/version` is resolved against each target's URL (so one flag
/// serves every replica); anything else must be a URL of its own.
pub(super) fn resolve_version_url(text: &str, target: &Url) -> Result<Url, UsageError> {
    let text = text.trim();
    if text.starts_with('/') {
        target
            .join(text)
            .map_err(|e| UsageError(format!("invalid --version-url '{text}': {e}")))
    } else {
        parse_target_url(text).map_err(|e| UsageError(format!("invalid --version-url: {e}")))
    }
}

/// A URL that failed to parse cannot be redacted structurally, so credentials are cut by hand;
/// it is escaped too, since it may come from a `/probe` query with line breaks in it.
pub(super) fn shown_for_error(text: &str) -> String {
    let shown = match (text.find("://"), text.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}***{}", &text[..scheme_end + 3], &text[at..])
        }
        (None, Some(at)) => format!("***{}", &text[at..]),
        _ => text.to_string(),
    };
    crate::text::escaped(&shown)
}

pub(crate) fn proxy_env(env: &Environment<'_>) -> Result<ProxyEnv, UsageError> {
    // Lower case first: it is the common convention, and the upper-case HTTP_PROXY can be set by
    // a CGI request header (httpoxy), which is why curl ignores it.
    let read = |names: &[&str]| -> Result<Option<Url>, UsageError> {
        for name in names {
            if let Some(value) = env.non_empty(name) {
                let with_scheme = if value.contains("://") {
                    value.clone()
                } else {
                    format!("http://{value}")
                };
                return Url::parse(&with_scheme).map(Some).map_err(|e| {
                    UsageError(format!(
                        "environment variable {name} is not a valid proxy URL ({e})"
                    ))
                });
            }
        }
        Ok(None)
    };
    Ok(ProxyEnv {
        http: read(&["http_proxy"])?,
        https: read(&["https_proxy", "HTTPS_PROXY"])?,
        all: read(&["all_proxy", "ALL_PROXY"])?,
        no_proxy: env
            .non_empty("no_proxy")
            .or_else(|| env.non_empty("NO_PROXY")),
    })
}
