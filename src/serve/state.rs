//! What `serve` runs on, loaded from the command line, the environment and the config file, and
//! loaded again on a reload: the modules (named settings for `/probe`), the allow-list, the
//! targets `/health` judges, and the limits. Loading reads every file once and checks every
//! value, so that a bad config is refused whole and the previous one keeps serving.

use std::collections::HashMap;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use url::Url;

use crate::allow::AllowList;
use crate::cli::{Options, ServeArgs, TargetOptions};
use crate::config::ConfigFile;
use crate::error::UsageError;
use crate::plan::{Environment, Template, layer, parse_target_url, proxy_env};
use crate::redact::{Scrubber, Secret};
use crate::request::{ClientSettings, ProxyEnv};
use crate::target::Target;

/// Where `serve` listens without `--listen`: loopback only, on a port no well-known exporter
/// uses (blackbox_exporter is 9115, node_exporter 9100).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:9468";

/// Probes at once without `--max-in-flight`.
const DEFAULT_MAX_IN_FLIGHT: u32 = 64;

/// How long `/health` reuses a verdict without `--health-cache`.
const DEFAULT_HEALTH_CACHE: Duration = Duration::from_secs(10);

/// The module a `/probe` without `module=` uses: `[defaults]` and the command line.
pub const DEFAULT_MODULE: &str = "default";

/// At most this many clients are kept per module (one per way of connecting, which differs
/// only by `--resolve` rules that match the target); the oldest goes first.
const MAX_CLIENTS: usize = 32;

/// The loaded configuration. Immutable: a reload builds a new one and swaps it in.
pub struct Loaded {
    pub modules: HashMap<String, Arc<Module>>,
    pub allow: Arc<AllowList>,
    /// The config's `[[target]]` entries and the command line's URLs, for `/health`.
    pub targets: Vec<Target>,
    pub health_cache: Duration,
    pub max_in_flight: u32,
    pub listen: SocketAddr,
    pub concurrency: usize,
    pub proxies: ProxyEnv,
    pub scrubber: Scrubber,
    /// Where the config came from, for logs.
    pub source: String,
    /// Variables the config names that are not set (`--dry-run` only gets this far with them).
    pub unset: Vec<String>,
    /// The clients of `/health`'s targets.
    health_clients: Option<crate::pipeline::Clients>,
}

impl Loaded {
    /// The client a `/health` target connects with.
    pub fn health_client(&self, target: &Target) -> anyhow::Result<reqwest::Client> {
        match &self.health_clients {
            Some(clients) => Ok(clients.for_target(target).clone()),
            None => anyhow::bail!("no client was built for {}", target.name),
        }
    }
}

/// A named set of settings `/probe` applies to the target it is given.
pub struct Module {
    pub name: String,
    pub template: Template,
    clients: Mutex<Vec<(ClientSettings, reqwest::Client)>>,
}

impl Module {
    fn new(name: &str, template: Template) -> Module {
        Module {
            name: name.to_string(),
            template,
            clients: Mutex::new(Vec::new()),
        }
    }

    /// The client for `target` (which has this module's settings), built on first use.
    pub fn client(&self, target: &Target, proxies: &ProxyEnv) -> anyhow::Result<reqwest::Client> {
        let settings = &target.settings.probe.client;
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, client)) = clients.iter().find(|(s, _)| s == settings) {
            return Ok(client.clone());
        }
        // Every client can speak TLS: the target of the next request is not known yet.
        let client = crate::probe::build_client(settings, true, proxies)?;
        if clients.len() >= MAX_CLIENTS {
            clients.remove(0);
        }
        clients.push((settings.clone(), client.clone()));
        Ok(client)
    }
}

/// Loads everything `serve` needs from the parsed command line and the environment.
pub fn load(
    options: &Options,
    args: &ServeArgs,
    urls: &[String],
    env: &Environment<'_>,
) -> Result<Loaded, UsageError> {
    let config = match &options.config {
        Some(path) => crate::config::load(path, env.var, options.dry_run)?,
        None => ConfigFile::default(),
    };
    crate::redact::set_secret_query(crate::plan::secret_query_names(&options.target, &config));
    let source = options.config.as_ref().map_or_else(
        || "the command line".to_string(),
        |p| p.display().to_string(),
    );
    let command_line = &options.target;
    let at = |line: usize, e: UsageError| match &options.config {
        Some(path) => UsageError(format!("{}:{line}: {}", path.display(), e.0)),
        None => e,
    };
    let mut modules = HashMap::new();
    let default = Template::resolve(layer(config.defaults.clone(), command_line.clone()), env)?;
    modules.insert(
        DEFAULT_MODULE.to_string(),
        Arc::new(Module::new(DEFAULT_MODULE, default)),
    );
    for module in &config.modules {
        let layered = layer(
            layer(config.defaults.clone(), module.options.clone()),
            command_line.clone(),
        );
        let template = Template::resolve(layered, env).map_err(|e| at(module.line, e))?;
        modules.insert(
            module.name.clone(),
            Arc::new(Module::new(&module.name, template)),
        );
    }
    let mut targets = Vec::new();
    let mut named = Vec::new();
    for entry in &config.targets {
        let layered = layer(
            layer(config.defaults.clone(), entry.options.clone()),
            command_line.clone(),
        );
        let url = parse_target_url(&entry.url).map_err(|e| at(entry.line, e))?;
        let mut target = target_with(&layered, url, env).map_err(|e| at(entry.line, e))?;
        if let Some(name) = &entry.name {
            target.name = name.trim().to_string();
        }
        named.push(entry.name.is_some());
        targets.push(target);
    }
    let from_command_line = layer(config.defaults.clone(), command_line.clone());
    for url in urls.iter().filter(|u| !u.trim().is_empty()) {
        targets.push(target_with(
            &from_command_line,
            parse_target_url(url)?,
            env,
        )?);
    }
    crate::target::give_unique_names(&mut targets, &named)
        .map_err(|why| UsageError(format!("[[target]]: {why}")))?;
    let exact: Vec<String> = targets.iter().map(|t| t.url.to_string()).collect();
    let allow = AllowList::new(&config.serve.allow, exact, args.allow_any_target)
        .map(Arc::new)
        .map_err(|why| UsageError(format!("[serve] allow: {why}")))?;
    let listen_text = args
        .listen
        .clone()
        .or(config.serve.listen.clone())
        .unwrap_or_else(|| DEFAULT_LISTEN.to_string());
    let listen = listen_address(&listen_text)?;
    let proxies = proxy_env(env)?;
    let health_clients = if targets.is_empty() {
        None
    } else {
        Some(
            crate::pipeline::Clients::build(&targets, &proxies)
                .map_err(|e| UsageError(format!("cannot build the HTTP clients: {e:#}")))?,
        )
    };
    let secrets: Vec<Secret> = modules
        .values()
        .flat_map(|m| m.template.secrets())
        .chain(targets.iter().flat_map(target_secrets))
        .chain(
            [&proxies.http, &proxies.https, &proxies.all]
                .into_iter()
                .flatten()
                .flat_map(crate::redact::url_secrets),
        )
        .collect();
    Ok(Loaded {
        modules,
        allow,
        targets,
        health_cache: args
            .health_cache
            .or(config.serve.health_cache)
            .unwrap_or(DEFAULT_HEALTH_CACHE),
        max_in_flight: args
            .max_in_flight
            .or(config.serve.max_in_flight)
            .unwrap_or(DEFAULT_MAX_IN_FLIGHT),
        listen,
        concurrency: usize::from(options.concurrency).max(1),
        proxies,
        scrubber: Scrubber::new(secrets),
        source,
        unset: config.unset.clone(),
        health_clients,
    })
}

/// What `serve --dry-run` prints: everything loaded, nothing started.
pub fn describe(loaded: &Loaded) -> String {
    use crate::units::format_duration;
    let mut names: Vec<&String> = loaded.modules.keys().collect();
    names.sort_by_key(|name| (name.as_str() != DEFAULT_MODULE, name.as_str()));
    let mut out = format!(
        "listen {}; /probe at most {} at once; /health reuses a verdict for {}\n",
        loaded.listen,
        loaded.max_in_flight,
        format_duration(loaded.health_cache)
    );
    for name in names {
        let settings = loaded.modules[name].template.settings();
        out.push_str(&format!(
            "module {name}: timeout {}, status {}\n",
            format_duration(settings.probe.timeout),
            settings.expect.statuses
        ));
    }
    for target in &loaded.targets {
        out.push_str(&format!(
            "target {}: {}\n",
            target.name,
            crate::redact::url(&target.url)
        ));
    }
    if !loaded.unset.is_empty() {
        out.push_str(&format!(
            "unset: {} (named in the config; a real run needs them)\n",
            loaded.unset.join(", ")
        ));
    }
    out.push_str(&format!(
        "{} loaded; nothing was started (--dry-run)\n",
        loaded.source
    ));
    out
}

fn target_with(
    options: &TargetOptions,
    url: Url,
    env: &Environment<'_>,
) -> Result<Target, UsageError> {
    Template::resolve(options.clone(), env)?.target(url)
}

fn target_secrets(target: &Target) -> Vec<Secret> {
    let mut secrets = crate::redact::url_secrets(&target.url);
    if let Some(url) = &target.version_url {
        secrets.extend(crate::redact::url_secrets(url));
    }
    secrets
}

/// `ADDR:PORT`, `[::1]:PORT` or `localhost:PORT`, resolved to the first address.
fn listen_address(text: &str) -> Result<SocketAddr, UsageError> {
    let bad = |why: String| UsageError(format!("--listen '{}': {why}", crate::text::escaped(text)));
    if let Ok(address) = text.parse::<SocketAddr>() {
        return Ok(address);
    }
    if !text.contains(':') {
        return Err(bad(
            "give an address and a port, such as 127.0.0.1:9468".into()
        ));
    }
    text.to_socket_addrs()
        .map_err(|e| bad(e.to_string()))?
        .next()
        .ok_or_else(|| bad("the name resolves to no address".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_addresses_need_a_port() {
        assert_eq!(
            listen_address("127.0.0.1:9468").unwrap(),
            "127.0.0.1:9468".parse().unwrap()
        );
        assert!(listen_address("[::1]:1").is_ok());
        assert!(listen_address("localhost:9468").is_ok());
        let err = listen_address("9468").unwrap_err();
        assert!(err.0.contains("address and a port"), "{}", err.0);
    }
}
