//! Which targets `serve`'s `/probe` accepts, and where their redirects may lead: `serve` is not
//! an open proxy. A target is allowed when it
//! matches a URL glob of the allow-list (`https://*.example.com/*`), when its host is an IP
//! address inside one of its CIDRs (`10.0.0.0/8`, `::1/128`), or when it is one of the config's
//! own `[[target]]` URLs. `--allow-any-target` accepts everything.
//!
//! Globs are matched against the whole URL as written after parsing (scheme, host, port when
//! not the default, path and query), ASCII case-insensitively, with `*` for any run of
//! characters and `?` for one. A CIDR matches only targets whose host is an address: a host
//! name would be resolved at connect time, after the check, so names are allowed by globs only.

use std::net::IpAddr;

use url::Url;

/// One rule of the allow-list.
#[derive(Debug, Clone, PartialEq)]
enum Rule {
    Glob(String),
    Cidr(IpAddr, u8),
}

/// The allow-list of `/probe`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AllowList {
    rules: Vec<Rule>,
    /// URLs allowed exactly (the config's targets).
    exact: Vec<String>,
    any: bool,
}

impl AllowList {
    /// Parses `rules` (globs and CIDRs); `exact` URLs are allowed as they are.
    pub fn new(rules: &[String], exact: Vec<String>, any: bool) -> Result<AllowList, String> {
        let rules = rules
            .iter()
            .map(|rule| parse_rule(rule.trim()))
            .collect::<Result<_, _>>()?;
        Ok(AllowList { rules, exact, any })
    }

    pub fn allows_any(&self) -> bool {
        self.any
    }

    /// Whether `/probe` may probe `url`.
    pub fn allows(&self, url: &Url) -> bool {
        if self.any {
            return true;
        }
        let text = url.as_str();
        if self.exact.iter().any(|exact| exact == text) {
            return true;
        }
        let address = match url.host() {
            Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
            Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
            // grpc://, tcp:// and tls:// are not special schemes: their hosts stay text.
            Some(url::Host::Domain(name)) => name.parse::<IpAddr>().ok(),
            None => None,
        };
        self.rules.iter().any(|rule| match rule {
            Rule::Glob(glob) => glob_matches(glob.as_bytes(), text.to_ascii_lowercase().as_bytes()),
            Rule::Cidr(network, bits) => address.is_some_and(|a| in_network(a, *network, *bits)),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.exact.is_empty() && !self.any
    }
}

fn parse_rule(rule: &str) -> Result<Rule, String> {
    if rule.is_empty() {
        return Err("an empty allow rule".into());
    }
    if rule.contains("://") {
        return Ok(Rule::Glob(rule.to_ascii_lowercase()));
    }
    let (address, bits) = match rule.split_once('/') {
        Some((address, bits)) => (address, Some(bits)),
        None => (rule, None),
    };
    let address: IpAddr = address.parse().map_err(|_| {
        format!(
            "allow rule '{}' is neither a URL glob (scheme://...) nor a CIDR (10.0.0.0/8)",
            crate::text::escaped(rule)
        )
    })?;
    let most = if address.is_ipv4() { 32 } else { 128 };
    let bits = match bits {
        Some(bits) => bits
            .parse::<u8>()
            .ok()
            .filter(|b| *b <= most)
            .ok_or_else(|| {
                format!(
                    "allow rule '{}' has a prefix length outside 0-{most}",
                    crate::text::escaped(rule)
                )
            })?,
        None => most,
    };
    Ok(Rule::Cidr(address, bits))
}

/// Whether `address` lies in `network/bits`.
fn in_network(address: IpAddr, network: IpAddr, bits: u8) -> bool {
    let (address, network, width) = match (address, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (u128::from(u32::from(a)), u128::from(u32::from(n)), 32),
        (IpAddr::V6(a), IpAddr::V6(n)) => (u128::from(a), u128::from(n), 128),
        (IpAddr::V6(a), IpAddr::V4(n)) => match a.to_ipv4_mapped() {
            Some(a) => (u128::from(u32::from(a)), u128::from(u32::from(n)), 32),
            None => return false,
        },
        (IpAddr::V4(_), IpAddr::V6(_)) => return false,
    };
    if bits == 0 {
        return true;
    }
    let shift = width - u32::from(bits);
    (address >> shift) == (network >> shift)
}

/// `*` any run of bytes, `?` one byte; iterative with one backtrack point, linear in practice.
fn glob_matches(glob: &[u8], text: &[u8]) -> bool {
    let (mut g, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if g < glob.len() && (glob[g] == b'?' || glob[g] == text[t]) {
            g += 1;
            t += 1;
        } else if g < glob.len() && glob[g] == b'*' {
            star = Some((g, t));
            g += 1;
        } else if let Some((star_g, star_t)) = star {
            g = star_g + 1;
            t = star_t + 1;
            star = Some((star_g, star_t + 1));
        } else {
            return false;
        }
    }
    glob[g..].iter().all(|b| *b == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(rules: &[&str]) -> AllowList {
        let rules: Vec<String> = rules.iter().map(|r| r.to_string()).collect();
        AllowList::new(&rules, vec!["http://db.internal:8080/health".into()], false).unwrap()
    }

    fn allows(list: &AllowList, url: &str) -> bool {
        list.allows(&Url::parse(url).unwrap())
    }

    #[test]
    fn a_bad_prefix_length_is_shown_on_one_line() {
        // Found by the `serve` fuzz target: the rule was echoed with its control characters.
        let rules = ["::0/1bbbb\u{1}\rbbbb28".to_string()];
        let err = AllowList::new(&rules, Vec::new(), false).unwrap_err();
        assert!(!err.chars().any(char::is_control), "{err:?}");
        assert!(err.contains("prefix length outside 0-128"), "{err:?}");
    }

    #[test]
    fn globs_match_the_whole_url_ignoring_case() {
        let list = list(&["https://*.example.com/*", "http://10.1.2.?:8080/health"]);
        assert!(allows(&list, "https://api.example.com/healthz"));
        assert!(allows(&list, "https://API.Example.com/x?y=1"));
        assert!(!allows(&list, "https://example.com.evil.test/"));
        assert!(
            !allows(&list, "http://api.example.com/healthz"),
            "the scheme counts"
        );
        assert!(allows(&list, "http://10.1.2.3:8080/health"));
        assert!(!allows(&list, "http://10.1.2.33:8080/health"));
    }

    #[test]
    fn cidrs_match_the_addresses_of_grpc_and_bare_port_targets_too() {
        let list = list(&["10.0.0.0/8"]);
        assert!(allows(&list, "grpc://10.1.2.3:50051"));
        assert!(allows(&list, "tcp://10.1.2.3:5432"));
        assert!(!allows(&list, "tls://192.168.1.1:636"));
    }

    #[test]
    fn cidrs_match_address_hosts_only() {
        let list = list(&["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);
        assert!(allows(&list, "http://10.200.0.1:9000/health"));
        assert!(allows(&list, "http://127.0.0.1:1/"));
        assert!(!allows(&list, "http://127.0.0.2:1/"));
        assert!(allows(&list, "http://[fd12::1]:80/"));
        assert!(
            !allows(&list, "http://localhost:1/"),
            "a name is not an address"
        );
        assert!(!allows(&list, "http://11.0.0.1/"));
    }

    #[test]
    fn the_configs_own_targets_are_allowed_exactly() {
        let list = list(&[]);
        assert!(allows(&list, "http://db.internal:8080/health"));
        assert!(!allows(&list, "http://db.internal:8080/health/x"));
        assert!(!list.is_empty());
        assert!(AllowList::new(&[], vec![], false).unwrap().is_empty());
        let any = AllowList::new(&[], vec![], true).unwrap();
        assert!(allows(&any, "http://anything.test/"));
    }

    #[test]
    fn bad_rules_are_named() {
        let err = AllowList::new(&["example.com".into()], vec![], false).unwrap_err();
        assert!(err.contains("neither a URL glob"), "{err}");
        let err = AllowList::new(&["10.0.0.0/40".into()], vec![], false).unwrap_err();
        assert!(err.contains("prefix length"), "{err}");
    }

    #[test]
    fn globs_with_many_stars_stay_fast() {
        let glob = "*a*a*a*a*a*a*a*a*b";
        let text = "a".repeat(5_000);
        assert!(!glob_matches(glob.as_bytes(), text.as_bytes()));
    }
}
