//! The polls of the data sources whose devices have local accounts or keys rather than
//! vCenter's sign-on (`collector::poll` dispatches to them): NSX-T managers (E95), HCX connectors
//! (E101), Check Point servers (E104), switches (E105), AWS accounts and Azure subscriptions
//! (E102), VMC SDDCs (E103), Kubernetes clusters (E99) and the other appliances (E107).

use subtle::ConstantTimeEq;

use super::checks::digests;
use super::kubeconfig;
use super::{DataSourceKind, DataSourceRow};
use crate::world::{appliances, ApplianceConfig, SwitchVendor, World};

/// The outcome of a poll.
///
/// `Collected` carries the device's index among the world's devices of the data source's type
/// (its vCenters, its NSX-T managers), for the types the world has devices of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The device answered and took the credentials: its index, if the world has it.
    Collected(Option<usize>),
    /// Nothing in the world answers at the data source's address.
    Unreachable,
    /// The device presents a certificate other than the one the data source trusts.
    CertificateChanged,
    /// The device answered and refused the credentials.
    Refused,
}

/// Whether the stored digest of the data source's password is that of `password`, compared in
/// constant time.
pub(super) fn same_password(row: &DataSourceRow, id: &str, password: &str) -> bool {
    same_secret(row, id, "credentials.password", password)
}

/// Whether the secret `field` the data source `id` stores is `secret` (digests compared in
/// constant time).
pub(super) fn same_secret(row: &DataSourceRow, id: &str, field: &str, secret: &str) -> bool {
    let Some(stored) = row.secrets.get(field) else {
        return false;
    };
    let wanted = digests(id, &[(field.into(), secret.into())]);
    let wanted = wanted.get(field).map_or("", String::as_str);
    stored.as_bytes().ct_eq(wanted.as_bytes()).into()
}

/// The user name a data source signs in with.
pub(super) fn username_of(row: &DataSourceRow) -> &str {
    credential(row, "username")
}

/// A device with a local account, as NSX-T managers and HCX connectors have: its address,
/// hostname, user name and password.
struct Account<'a> {
    ip: &'a str,
    hostname: &'a str,
    username: &'a str,
    password: &'a str,
}

/// A poll of one of `devices` at the data source's address that takes its credentials (local
/// user names are case-sensitive).
fn poll_account<'a>(
    devices: impl IntoIterator<Item = Account<'a>>,
    id: &str,
    row: &DataSourceRow,
) -> Reach {
    let (ip, fqdn) = (row.text("ip"), row.text("fqdn"));
    let Some((i, found)) = devices.into_iter().enumerate().find(|(_, d)| {
        ip.is_some_and(|ip| ip == d.ip) || fqdn.is_some_and(|f| f.eq_ignore_ascii_case(d.hostname))
    }) else {
        return Reach::Unreachable;
    };
    let password_ok = same_password(row, id, found.password);
    if (username_of(row).trim() == found.username) & password_ok {
        Reach::Collected(Some(i))
    } else {
        Reach::Refused
    }
}

/// An NSX-T manager data source's poll: a manager at its address that takes its credentials.
pub(super) fn poll_nsxt(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    let managers = world.nsxt_managers.iter().map(|m| Account {
        ip: &m.config.ip,
        hostname: &m.config.hostname,
        username: &m.config.username,
        password: &m.config.password,
    });
    poll_account(managers, id, row)
}

/// An HCX connector data source's poll (E101): a connector at its address that takes its
/// credentials.
pub(super) fn poll_hcx(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    let connectors = world.hcx_managers.iter().map(|m| Account {
        ip: &m.config.ip,
        hostname: &m.config.hostname,
        username: &m.config.username,
        password: &m.config.password,
    });
    poll_account(connectors, id, row)
}

/// A Check Point firewall data source's poll (E104): a management server at its address that
/// takes its credentials.
pub(super) fn poll_checkpoint(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    let servers = world.checkpoint_managers.iter().map(|c| Account {
        ip: &c.ip,
        hostname: &c.hostname,
        username: &c.username,
        password: &c.password,
    });
    poll_account(servers, id, row)
}

/// The vendor of the switches a switch data source type collects.
pub fn switch_vendor(kind: DataSourceKind) -> Option<SwitchVendor> {
    Some(match kind {
        DataSourceKind::CiscoSwitches => SwitchVendor::Cisco,
        DataSourceKind::AristaSwitches => SwitchVendor::Arista,
        DataSourceKind::BrocadeSwitches => SwitchVendor::Brocade,
        DataSourceKind::JuniperSwitches => SwitchVendor::Juniper,
        DataSourceKind::HpeSwitches => SwitchVendor::Hpe,
        DataSourceKind::Huawei => SwitchVendor::Huawei,
        DataSourceKind::MellanoxSwitches => SwitchVendor::Mellanox,
        DataSourceKind::CiscoAsrxrSwitches => SwitchVendor::CiscoAsrxr,
        DataSourceKind::DellSwitches => SwitchVendor::Dell,
        DataSourceKind::DellOs10Switches => SwitchVendor::DellOs10,
        _ => return None,
    })
}

/// A switch data source's poll (E105): a switch of its type's vendor at its address that takes
/// its credentials (another vendor's switch there does not answer this type's collector).
pub(super) fn poll_switch(
    world: &World,
    vendor: SwitchVendor,
    id: &str,
    row: &DataSourceRow,
) -> Reach {
    let theirs: Vec<usize> = (world.switches.iter().enumerate())
        .filter(|(_, s)| s.config.vendor == vendor)
        .map(|(i, _)| i)
        .collect();
    let switches = theirs.iter().map(|&i| {
        let c = &world.switches[i].config;
        Account {
            ip: &c.ip,
            hostname: &c.hostname,
            username: &c.username,
            password: &c.password,
        }
    });
    match poll_account(switches, id, row) {
        Reach::Collected(Some(k)) => Reach::Collected(Some(theirs[k])),
        other => other,
    }
}

/// Whether the data source's type collects the world's appliances (E107).
pub fn polls_appliances(kind: DataSourceKind) -> bool {
    appliances::TYPES.contains(&kind.info().segment)
}

/// Another device's poll (E107): an appliance of the data source's type at its address (a
/// ServiceNow instance by its instance id, a VeloCloud orchestrator by its URL) that takes its
/// credentials.
pub(super) fn poll_appliance(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    let segment = row.kind.info().segment;
    let (ip, fqdn) = (row.text("ip"), row.text("fqdn"));
    let (instance, url) = (row.text("instance_id"), row.text("url"));
    let same_url = |a: &str, b: &str| {
        a.trim_end_matches('/')
            .eq_ignore_ascii_case(b.trim_end_matches('/'))
    };
    let at = |a: &ApplianceConfig| {
        (ip.is_some() && ip == a.ip.as_deref())
            || (fqdn.zip(a.hostname.as_deref())).is_some_and(|(f, h)| f.eq_ignore_ascii_case(h))
            || (instance.is_some() && instance == a.instance_id.as_deref())
            || (url.zip(a.url.as_deref())).is_some_and(|(u, w)| same_url(u, w))
    };
    let Some(i) = (world.appliances.iter()).position(|a| a.kind == segment && at(a)) else {
        return Reach::Unreachable;
    };
    let a = &world.appliances[i];
    let password_ok = same_password(row, id, &a.password);
    if (username_of(row).trim() == a.username) & password_ok {
        Reach::Collected(Some(i))
    } else {
        Reach::Refused
    }
}

/// A credential the data source holds in the clear (`credentials.<name>`).
pub(super) fn credential<'a>(row: &'a DataSourceRow, name: &str) -> &'a str {
    row.model
        .get("credentials")
        .and_then(|c| c.get(name))
        .and_then(|u| u.as_str())
        .unwrap_or("")
}

/// An AWS data source's poll (E102): the account whose access key it holds, taking its secret
/// key.
pub(super) fn poll_aws(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    let key = credential(row, "access_key");
    let Some(i) = world.aws_accounts.iter().position(|a| a.access_key == key) else {
        return Reach::Unreachable;
    };
    let secret = &world.aws_accounts[i].secret_key;
    if same_secret(row, id, "credentials.secret_key", secret) {
        Reach::Collected(Some(i))
    } else {
        Reach::Refused
    }
}

/// An Azure data source's poll (E102): the subscription it names, when its tenant's
/// application with the data source's client id takes the client secret (GUIDs in any case).
pub(super) fn poll_azure(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    // GUIDs in any of their spellings (the world's are canonical).
    let guid = |name: &str, want: &str| {
        let sent = uuid::Uuid::parse_str(credential(row, name).trim());
        sent.is_ok_and(|u| u.hyphenated().to_string() == want)
    };
    let Some(i) = (world.azure_subscriptions.iter())
        .position(|s| guid("azure_subscription", &s.subscription))
    else {
        return Reach::Unreachable;
    };
    let s = &world.azure_subscriptions[i];
    let key_ok = same_secret(row, id, "credentials.azure_key", &s.key);
    if guid("azure_tenant", &s.tenant) & guid("azure_client", &s.client) & key_ok {
        Reach::Collected(Some(i))
    } else {
        Reach::Refused
    }
}

/// A VMC NSX manager data source's poll (E103): the SDDC whose NSX manager is at its address
/// (private or public, or its name), when its CSP refresh token is the organization's.
pub(super) fn poll_vmc(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    let (ip, fqdn) = (row.text("ip"), row.text("fqdn"));
    let Some(i) = world.vmc_sddcs.iter().position(|s| {
        ip.is_some_and(|ip| ip == s.nsx_ip || ip == s.nsx_public_ip)
            || fqdn.is_some_and(|f| f.eq_ignore_ascii_case(&s.nsx_fqdn))
    }) else {
        return Reach::Unreachable;
    };
    let token = &world.vmc_sddcs[i].csp_refresh_token;
    if same_secret(row, id, "csp_refresh_token", token) {
        Reach::Collected(Some(i))
    } else {
        Reach::Refused
    }
}

/// A Kubernetes data source's poll (E99): a cluster whose API server is at the address its
/// kubeconfig named, taking the kubeconfig's token (compared as digests of the canonical form).
pub(super) fn poll_kubernetes(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    let ip = row.text("ip");
    let Some(i) = world
        .kubernetes_clusters
        .iter()
        .position(|k| ip == Some(k.config.api_server.as_str()))
    else {
        return Reach::Unreachable;
    };
    let k = &world.kubernetes_clusters[i].config;
    let wanted = kubeconfig::canonical(&k.api_server, k.port, &k.token);
    if same_secret(row, id, "credentials.kubeconfig", &wanted) {
        Reach::Collected(Some(i))
    } else {
        Reach::Refused
    }
}
