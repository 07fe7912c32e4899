//! What an add or an update must satisfy, and how secrets leave the model.

use crate::aria_networks::web_proxy_row::WebProxyRow;
use std::collections::BTreeMap;

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::kind::{Credentials, SECRETS};
use super::kubeconfig;
use super::{DataSourceKind, DataSourceRow, Model};
use crate::aria_networks::config::AriaNodeConfig;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::node_id;
use crate::store::Table;

/// A checked add: the model to store (secrets `""`), the secrets themselves, the addresses.
pub struct Checked {
    pub model: Model,
    pub secrets: Vec<(String, String)>,
    pub ip: Option<String>,
    pub fqdn: Option<String>,
}

fn bad(message: impl Into<String>) -> AriaError {
    AriaError::InvalidInput(message.into())
}

fn text<'a>(model: &'a Model, field: &str) -> Option<&'a str> {
    model
        .get(field)
        .and_then(Value::as_str)
        .filter(|v| !v.trim().is_empty())
}

/// The value at `a.b` (objects only).
/// The text at a dotted path (`credentials.access_key`), if there is text there.
pub fn text_at<'a>(model: &'a Model, path: &str) -> Option<&'a str> {
    at(model, path).and_then(Value::as_str)
}

fn at<'a>(model: &'a Model, path: &str) -> Option<&'a Value> {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let v = model.get(head)?;
    if rest.is_empty() {
        Some(v)
    } else {
        at(v.as_object()?, rest)
    }
}

fn at_mut<'a>(model: &'a mut Model, path: &str) -> Option<&'a mut Value> {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let v = model.get_mut(head)?;
    if rest.is_empty() {
        Some(v)
    } else {
        at_mut(v.as_object_mut()?, rest)
    }
}

/// Takes the non-empty secrets at `fields` out of `model`, leaving `""` wherever one was.
pub fn take_secrets(model: &mut Model, fields: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for field in fields {
        if let Some(v) = at_mut(model, field) {
            if let Some(s) = v.as_str().filter(|s| !s.is_empty()) {
                out.push((field.to_string(), s.to_string()));
            }
            *v = Value::String(String::new());
        }
    }
    out
}

/// Salted digests of secrets, so that a state dump holds none of them.
pub fn digests(salt: &str, secrets: &[(String, String)]) -> BTreeMap<String, String> {
    secrets
        .iter()
        .map(|(field, secret)| {
            let digest = Sha256::new()
                .chain_update(salt.as_bytes())
                .chain_update([0])
                .chain_update(secret.as_bytes())
                .finalize();
            (field.clone(), hex::encode(digest))
        })
        .collect()
}

/// Checks a request to add a data source of `kind` (as its generated request type serialised).
pub fn add(
    kind: DataSourceKind,
    mut model: Model,
    nodes: &[AriaNodeConfig],
) -> Result<Checked, AriaError> {
    let ip = text(&model, "ip").map(|s| s.trim().to_string());
    let fqdn = text(&model, "fqdn").map(|s| s.trim().to_string());
    let info = kind.info();
    if info.addressed && ip.is_none() && fqdn.is_none() {
        return Err(bad("One of ip and fqdn is required"));
    }
    if let Some(identity) = info.identity {
        let given = at(&model, identity).and_then(Value::as_str);
        if given.is_none_or(str::is_empty) && ip.is_none() && fqdn.is_none() {
            return Err(bad(format!("{identity} is required")));
        }
    }
    if let Some(ip) = &ip {
        if ip.parse::<std::net::IpAddr>().is_err() {
            return Err(bad(format!("ip {ip:?} is not an IP address")));
        }
    }
    if text(&model, "nickname").is_none() {
        return Err(bad("nickname must not be empty"));
    }
    let proxy = text(&model, "proxy_id").unwrap_or_default();
    if !nodes.iter().any(|n| node_id(n) == proxy) {
        return Err(bad(format!(
            "proxy_id {proxy:?} is not the id of a platform or collector node (see /infra/nodes)"
        )));
    }
    if kind.credentials() == Credentials::Password {
        let certificate = model.get("cred_type").and_then(Value::as_str) == Some("CERTIFICATE");
        if certificate {
            if text(&model, "client_certificate").is_none()
                || text(&model, "client_private_key").is_none()
            {
                return Err(bad(
                    "cred_type CERTIFICATE needs client_certificate and client_private_key",
                ));
            }
        } else if at(&model, "credentials.username")
            .and_then(Value::as_str)
            .is_none_or(|u| u.is_empty())
            || at(&model, "credentials.password")
                .and_then(Value::as_str)
                .is_none_or(|p| p.is_empty())
        {
            return Err(bad(format!(
                "A {} data source needs credentials with a username and a password",
                kind.label()
            )));
        }
    }
    for field in kind.credentials().required() {
        let given = at(&model, &format!("credentials.{field}")).and_then(Value::as_str);
        if given.is_none_or(str::is_empty) {
            return Err(bad(format!(
                "A {} data source needs credentials.{field}",
                kind.label()
            )));
        }
    }
    if info.nsx_manager && text(&model, "manager_id").is_none() {
        return Err(bad("manager_id is required"));
    }
    if kind == DataSourceKind::VmcNsxmanagers && text(&model, "csp_refresh_token").is_none() {
        return Err(bad("csp_refresh_token is required"));
    }
    if kind.needs_vcenter() && text(&model, "vcenter_id").is_none() {
        return Err(bad("vcenter_id is required"));
    }
    check_switch_type(kind, &model)?;
    let (mut ip, mut fqdn) = (ip, fqdn);
    // A Kubernetes data source's address is its kubeconfig's API server (E99).
    if let Some(k) = (kind.credentials() == Credentials::Kubeconfig)
        .then(|| kubeconfig::prepare(&mut model))
        .flatten()
        .filter(|_| ip.is_none() && fqdn.is_none())
    {
        match kubeconfig::address(&k.host) {
            ("ip", a) => ip = Some(a),
            (_, name) => fqdn = Some(name),
        }
    }
    for (field, value) in [("ip", &ip), ("fqdn", &fqdn)] {
        match value {
            Some(v) => model.insert(field.into(), Value::String(v.clone())),
            None => model.remove(field),
        };
    }
    model.entry("enabled").or_insert(Value::Bool(true));
    let secrets = take_secrets(&mut model, &SECRETS);
    Ok(Checked {
        model,
        secrets,
        ip,
        fqdn,
    })
}

/// The shared device model carries Dell's `switch_type`; only Dell switches have one (E52).
fn check_switch_type(kind: DataSourceKind, model: &Model) -> Result<(), AriaError> {
    if kind.info().device
        && kind != DataSourceKind::DellSwitches
        && model.contains_key("switch_type")
    {
        return Err(bad(format!(
            "A {} data source has no switch_type",
            kind.label()
        )));
    }
    Ok(())
}

/// `vcenter_id` and `manager_id`, where the type has them, name a vCenter and an NSX-T manager
/// data source.
pub fn references_exist(
    kind: DataSourceKind,
    model: &Model,
    data_sources: &Table<DataSourceRow>,
    web_proxies: &Table<WebProxyRow>,
) -> Result<(), AriaError> {
    // A web proxy is named by id (E116); empty is none.
    if let Some(proxy) = text(model, "web_proxy_id").filter(|p| !p.is_empty()) {
        if !web_proxies.contains(proxy) {
            return Err(bad(format!(
                "web_proxy_id {proxy:?} is not the id of a web proxy (see /settings/proxy-servers)"
            )));
        }
    }
    let references = [
        (kind.needs_vcenter(), "vcenter_id", DataSourceKind::Vcenters),
        (
            kind.info().nsx_manager,
            "manager_id",
            DataSourceKind::NsxtManagers,
        ),
    ];
    for (_, field, wanted) in references.into_iter().filter(|r| r.0) {
        let id = text(model, field).unwrap_or_default();
        match data_sources.get(id) {
            Some(row) if row.kind == wanted => {}
            _ => {
                return Err(bad(format!(
                    "{field} {id:?} is not the id of a {} data source",
                    wanted.label()
                )))
            }
        }
    }
    Ok(())
}

/// Checks an update against the stored data source: the body's fields replace the stored ones
/// and every field it leaves out is kept (E50); what identifies it must not change; a secret
/// left `""` is kept. Answers the new model and the new secrets.
pub fn update(
    row: &DataSourceRow,
    sent: Model,
) -> Result<(Model, Vec<(String, String)>), AriaError> {
    let mut body = row.model.clone();
    body.extend(sent);
    let fixed = ["entity_id", "entity_type", "ip", "fqdn", "proxy_id"];
    for field in fixed.into_iter().chain(row.kind.info().identity) {
        let sent = at(&body, field).and_then(Value::as_str).unwrap_or("");
        let stored = at(&row.model, field).and_then(Value::as_str).unwrap_or("");
        if !sent.is_empty() && sent != stored {
            return Err(bad(format!(
                "{field} cannot be changed (stored {stored:?}, sent {sent:?})"
            )));
        }
    }
    if text(&body, "nickname").is_none() {
        return Err(bad("nickname must not be empty"));
    }
    // What tells the type's data sources apart stays as stored, even when sent empty.
    if let (Some(path), Some(stored)) = (
        row.kind.info().identity,
        row.kind
            .info()
            .identity
            .and_then(|p| at(&row.model, p))
            .cloned(),
    ) {
        match path.rsplit_once('.') {
            Some((parent, leaf)) => {
                if let Some(Value::Object(p)) = at_mut(&mut body, parent) {
                    p.insert(leaf.into(), stored);
                }
            }
            None => {
                body.insert(path.into(), stored);
            }
        }
    }
    let kept: &[&str] = match row.kind.credentials() {
        Credentials::Password => &["username"],
        // Secrets may come back as `""` (kept); the rest must stay given.
        other => other.required(),
    };
    for field in kept {
        let path = format!("credentials.{field}");
        let secret = SECRETS.contains(&path.as_str());
        if row.model.contains_key("credentials")
            && !secret
            && at(&body, &path)
                .and_then(Value::as_str)
                .is_none_or(|u| u.is_empty())
        {
            return Err(bad(format!("{path} must not be empty")));
        }
    }
    for (has, field) in [
        (row.kind.needs_vcenter(), "vcenter_id"),
        (row.kind.info().nsx_manager, "manager_id"),
    ] {
        if has && text(&body, field).is_none() {
            return Err(bad(format!("{field} is required")));
        }
    }
    check_switch_type(row.kind, &body)?;
    // Identity and certificates stay as stored.
    for field in [
        "entity_id",
        "entity_type",
        "ip",
        "fqdn",
        "proxy_id",
        "certificate",
        "sha_thumbprint",
        "new_certificate",
        "new_sha_thumbprint",
    ] {
        match row.model.get(field) {
            Some(v) => body.insert(field.into(), v.clone()),
            None => body.remove(field),
        };
    }
    if row.kind.credentials() == Credentials::Kubeconfig {
        kubeconfig_address(row, &mut body)?;
    }
    let secrets = take_secrets(&mut body, &SECRETS);
    // A secret the stored model has but the body left out is still there, answered as "".
    for field in SECRETS {
        if at(&row.model, field).is_some() && at(&body, field).is_none() {
            if let Some((parent, leaf)) = field.rsplit_once('.') {
                if let Some(Value::Object(p)) = at_mut(&mut body, parent) {
                    p.insert(leaf.into(), Value::String(String::new()));
                }
            } else {
                body.insert(field.into(), Value::String(String::new()));
            }
        }
    }
    Ok((body, secrets))
}

/// A new kubeconfig on an update (E99): read and kept in canonical form; it gives a data source
/// that has no address yet its server's, and may not move one that has to another server.
fn kubeconfig_address(row: &DataSourceRow, body: &mut Model) -> Result<(), AriaError> {
    let Some(k) = kubeconfig::prepare(body) else {
        return Ok(());
    };
    let (field, value) = kubeconfig::address(&k.host);
    match row.text("ip").or(row.text("fqdn")) {
        None => {
            body.insert(field.into(), Value::String(value));
        }
        Some(stored) if kubeconfig::address(stored).1 != value => {
            return Err(bad(format!(
                "credentials.kubeconfig names the API server {value}, but this data source collects {stored}: add a data source for another cluster"
            )));
        }
        Some(_) => {}
    }
    Ok(())
}
