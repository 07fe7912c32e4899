//! What a Kubernetes data source's kubeconfig says (E99): the API server of its current
//! context and the token its user presents. The kubeconfig is a secret, stored only as a
//! digest; what is digested is this reading of it (`canonical`), so that a poll can compare it
//! with each world cluster's without keeping the text, and two kubeconfigs that differ only in
//! layout or comments collect the same cluster.

use serde_yaml::Value;

use crate::aria_networks::model::Model;

/// The API server and the credential a kubeconfig's current context names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kubeconfig {
    pub host: String,
    pub port: u16,
    /// The user's bearer token; `None` when it authenticates otherwise (a client certificate),
    /// which no world cluster takes.
    pub token: Option<String>,
}

impl Kubeconfig {
    /// The form that is digested and compared: the server's URL and the token.
    pub fn canonical(&self) -> String {
        canonical(&self.host, self.port, self.token.as_deref().unwrap_or(""))
    }
}

/// The digested form of a kubeconfig naming `host:port` with `token`.
pub fn canonical(host: &str, port: u16, token: &str) -> String {
    // An address in its canonical text, so that `FD00::1` and `fd00::1` are one server.
    let host = address(host).1;
    format!("kubeconfig\nhttps://{host}:{port}\n{token}")
}

/// Reads a kubeconfig: the context `current-context` names (or the only one), its cluster's
/// `server` and its user's `token`. `None` when it is not YAML or names no server.
pub fn read(text: &str) -> Option<Kubeconfig> {
    let doc: Value = serde_yaml::from_str(text).ok()?;
    let contexts = doc.get("contexts")?.as_sequence()?;
    let context = match doc.get("current-context").and_then(Value::as_str) {
        Some(current) => contexts
            .iter()
            .find(|c| c.get("name").and_then(Value::as_str) == Some(current))?,
        None if contexts.len() == 1 => &contexts[0],
        None => return None,
    };
    let context = context.get("context")?;
    let named = |list: &str, field: &str| {
        let name = context.get(field).and_then(Value::as_str)?;
        doc.get(list)?
            .as_sequence()?
            .iter()
            .find(|e| e.get("name").and_then(Value::as_str) == Some(name))
    };
    let server = named("clusters", "cluster")?
        .get("cluster")?
        .get("server")?
        .as_str()?;
    let (host, port) = host_and_port(server)?;
    let token = named("users", "user")
        .and_then(|u| u.get("user"))
        .and_then(|u| u.get("token"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Some(Kubeconfig { host, port, token })
}

/// `https://host[:port][/path]` → (host, port); 443 when no port is given.
fn host_and_port(server: &str) -> Option<(String, u16)> {
    let rest = server.trim().strip_prefix("https://")?;
    let authority = rest.split('/').next()?;
    if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().ok()?,
            None => 443,
        };
        return Some((host.to_string(), port));
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => Some((host.to_string(), port.parse().ok()?)),
        None if !authority.is_empty() => Some((authority.to_string(), 443)),
        None => None,
    }
}

/// The data source's `ip` or `fqdn` for a kubeconfig's server host: `(field, value)`.
pub fn address(host: &str) -> (&'static str, String) {
    match host.parse::<std::net::IpAddr>() {
        Ok(a) => ("ip", a.to_string()),
        Err(_) => ("fqdn", host.to_ascii_lowercase()),
    }
}

/// Replaces the kubeconfig in `model`'s credentials with its canonical form, when it reads;
/// answers what it read. A kubeconfig that does not read is kept as sent (the data source is
/// added, and its health says that it reaches no cluster).
pub fn prepare(model: &mut Model) -> Option<Kubeconfig> {
    let slot = model.get_mut("credentials")?.get_mut("kubeconfig")?;
    let read = read(slot.as_str()?)?;
    *slot = serde_json::Value::String(read.canonical());
    Some(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "apiVersion: v1
kind: Config
clusters:
- name: other
  cluster: {server: 'https://10.0.0.9'}
- name: k8s01
  cluster:
    server: https://10.20.0.50:6443
    certificate-authority-data: AAAA
contexts:
- name: a
  context: {cluster: other, user: u2}
- name: admin@k8s01
  context: {cluster: k8s01, user: admin}
current-context: admin@k8s01
users:
- name: admin
  user: {token: sandbox-k8s-token}
";

    #[test]
    fn the_current_context_names_the_server_and_token() {
        assert_eq!(
            read(CONFIG),
            Some(Kubeconfig {
                host: "10.20.0.50".into(),
                port: 6443,
                token: Some("sandbox-k8s-token".into()),
            })
        );
        let other = CONFIG.replace("current-context: admin@k8s01", "current-context: a");
        let read = read(&other).unwrap();
        assert_eq!(
            (read.host.as_str(), read.port, read.token),
            ("10.0.0.9", 443, None)
        );
    }

    #[test]
    fn what_names_no_server_does_not_read() {
        for text in [
            "apiVersion: v1\nkind: Config\n",
            "not: [yaml",
            "",
            &CONFIG.replace("current-context: admin@k8s01", "current-context: nowhere"),
            &CONFIG.replace("https://10.20.0.50:6443", "http://10.20.0.50:6443"),
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn servers_parse_with_and_without_ports() {
        assert_eq!(host_and_port("https://h"), Some(("h".into(), 443)));
        assert_eq!(host_and_port("https://h:6443/x"), Some(("h".into(), 6443)));
        assert_eq!(
            host_and_port("https://[fd00::1]:6443"),
            Some(("fd00::1".into(), 6443))
        );
        assert_eq!(host_and_port("https://h:port"), None);
        assert_eq!(host_and_port("https://"), None);
    }
}
