//! What a collector finds when it polls a data source (E53): for a vCenter, whether the world
//! has a vCenter at its address, whether it still presents the certificate the data source
//! trusts (E93), and whether it takes the data source's credentials; for an NSX-T manager, whether
//! the world has one at its address that takes its credentials (E95), and likewise for a
//! Kubernetes cluster (E99), an HCX connector (E101), a cloud account (E102) and a VMC SDDC
//! (E103), a Check Point server (E104), a switch (E105) and any other appliance (E107). A data
//! source whose poll fails collects nothing; a generic switch's data is uploaded, not polled.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::device_polls::{
    poll_appliance, poll_aws, poll_azure, poll_checkpoint, poll_hcx, poll_kubernetes, poll_nsxt,
    poll_switch, poll_vmc, polls_appliances, same_password, username_of,
};
pub use super::device_polls::{switch_vendor, Reach};
use super::{DataSourceKind, DataSourceRow};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::nodes::node_id;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;
use crate::store::Table;
use crate::world::certificates::{vcenter_certificate, DeviceCertificate};
use crate::world::{VcenterConfig, World};

/// `administrator@vsphere.local`, `VSPHERE.LOCAL\administrator` or a bare `administrator` (in
/// the vCenter's own domain, `home`), against one account of `domain`.
fn same_user(sent: &str, username: &str, domain: &str, home: &str) -> bool {
    let sent = sent.trim();
    let (user, dom) = match (sent.split_once('@'), sent.split_once('\\')) {
        (Some((u, d)), _) => (u, d),
        (None, Some((d, u))) => (u, d),
        (None, None) => (sent, home),
    };
    user.eq_ignore_ascii_case(username) && dom.eq_ignore_ascii_case(domain)
}

/// Whether the vCenter takes `username` with a password `same` says is the account's. Every
/// account is tried, so that the time taken does not say which one matched.
fn accepts(vc: &VcenterConfig, username: &str, same: impl Fn(&str) -> bool) -> bool {
    std::iter::once((&vc.username, &vc.domain, &vc.password))
        .chain(
            vc.read_only_accounts
                .iter()
                .map(|a| (&a.username, &a.domain, &a.password)),
        )
        .fold(false, |found, (user, domain, password)| {
            let password_ok = same(password);
            found | (same_user(username, user, domain, &vc.domain) & password_ok)
        })
}

/// The world vCenter at `ip` or `fqdn`.
fn vcenter_at(world: &World, ip: Option<&str>, fqdn: Option<&str>) -> Option<usize> {
    world.vcenters.iter().position(|vc| {
        ip.is_some_and(|ip| ip == vc.config.ip)
            || fqdn.is_some_and(|f| f.eq_ignore_ascii_case(&vc.config.hostname))
    })
}

/// How many times the world vCenter `vc` has renewed its certificate.
pub fn renewals(world: &World, renewals: &Table<u32>, vc: usize) -> u32 {
    let name = &world.vcenters[vc].config.name;
    renewals.get(name).copied().unwrap_or(0)
}

/// The world vCenter a data source names and its certificate's renewal count: only vCenters
/// have certificates in the world.
pub fn presented_renewals(
    world: &World,
    table: &Table<u32>,
    row: &DataSourceRow,
) -> Option<(usize, u32)> {
    if row.kind != DataSourceKind::Vcenters {
        return None;
    }
    let vc = vcenter_at(world, row.text("ip"), row.text("fqdn"))?;
    Some((vc, renewals(world, table, vc)))
}

/// The certificate the device a data source names presents now, with its renewal count.
pub fn presented(
    world: &World,
    table: &Table<u32>,
    row: &DataSourceRow,
) -> Option<(u32, DeviceCertificate)> {
    let (vc, n) = presented_renewals(world, table, row)?;
    Some((n, vcenter_certificate(&world.vcenters[vc].config, n)))
}

/// Makes `row` trust `cert`, the certificate after `renewals` renewals.
pub fn trust(row: &mut DataSourceRow, renewals: u32, cert: DeviceCertificate) {
    row.accepted_certificate = Some(renewals);
    row.model
        .insert("certificate".into(), serde_json::Value::String(cert.pem));
    row.model.insert(
        "sha_thumbprint".into(),
        serde_json::Value::String(cert.sha_thumbprint),
    );
}

/// What polling the data source `id` finds in `world`, whose vCenters have renewed their
/// certificates as `renewed` says.
pub fn poll(world: &World, renewed: &Table<u32>, id: &str, row: &DataSourceRow) -> Reach {
    match row.kind {
        DataSourceKind::Vcenters => {}
        DataSourceKind::NsxtManagers => return poll_nsxt(world, id, row),
        DataSourceKind::KubernetesClusters | DataSourceKind::OpenshiftClusters => {
            return poll_kubernetes(world, id, row)
        }
        DataSourceKind::HcxConnectors => return poll_hcx(world, id, row),
        DataSourceKind::AwsAccounts => return poll_aws(world, id, row),
        DataSourceKind::AzureSubscriptions => return poll_azure(world, id, row),
        DataSourceKind::VmcNsxmanagers => return poll_vmc(world, id, row),
        DataSourceKind::CheckpointFirewalls => return poll_checkpoint(world, id, row),
        kind => {
            return match switch_vendor(kind) {
                Some(vendor) => poll_switch(world, vendor, id, row),
                None if polls_appliances(kind) => poll_appliance(world, id, row),
                // A generic switch's data is uploaded, not polled.
                None => Reach::Collected(None),
            };
        }
    }
    let username = username_of(row);
    match vcenter_at(world, row.text("ip"), row.text("fqdn")) {
        None => Reach::Unreachable,
        // TLS comes before the login.
        Some(i)
            if row
                .accepted_certificate
                .is_some_and(|a| a != renewals(world, renewed, i)) =>
        {
            Reach::CertificateChanged
        }
        Some(i)
            if accepts(&world.vcenters[i].config, username, |p| {
                same_password(row, id, p)
            }) =>
        {
            Reach::Collected(Some(i))
        }
        Some(_) => Reach::Refused,
    }
}

/// What logging in to a vCenter at `ip` or `fqdn` with these credentials would find (the
/// validation before an add, E56).
pub fn try_vcenter(
    world: &World,
    ip: Option<&str>,
    fqdn: Option<&str>,
    username: &str,
    password: &str,
) -> Reach {
    match vcenter_at(world, ip, fqdn) {
        None => Reach::Unreachable,
        Some(i) => {
            // Digests are of one length, so the comparison does not stop at a length mismatch.
            let sent = Sha256::digest(password.as_bytes());
            let same = |p: &str| bool::from(Sha256::digest(p.as_bytes()).ct_eq(&sent));
            if accepts(&world.vcenters[i].config, username, same) {
                Reach::Collected(Some(i))
            } else {
                Reach::Refused
            }
        }
    }
}

impl Aria {
    /// `POST /data-sources/vcenters/validate`: what adding this vCenter would find, stored
    /// nowhere.
    pub async fn validate_vcenter(
        &self,
        body: &types::VCenterDataSourceValidationRequest,
    ) -> Result<types::BaseDataSourceValidationResponse, AriaError> {
        let bad = |m: String| AriaError::InvalidInput(m);
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let (ip, fqdn) = (given(&body.ip), given(&body.fqdn));
        let address = ip
            .clone()
            .or(fqdn.clone())
            .ok_or_else(|| bad("One of ip and fqdn is required".into()))?;
        if let Some(ip) = &ip {
            if ip.parse::<std::net::IpAddr>().is_err() {
                return Err(bad(format!("ip {ip:?} is not an IP address")));
            }
        }
        let proxy = &body.proxy_id;
        let removed = self.db.read().await.aria().removed_nodes.contains(proxy);
        if removed || !self.config.nodes.iter().any(|n| &node_id(n) == proxy) {
            return Err(bad(format!(
                "proxy_id {proxy:?} is not the id of a platform or collector node (see /infra/nodes)"
            )));
        }
        let username = body.credentials.username.trim();
        let password = body.credentials.password.as_deref().unwrap_or("");
        if username.is_empty() || password.is_empty() {
            return Err(bad("credentials need a username and a password".into()));
        }
        let world = &self.inventory.world;
        let (code, message) =
            match try_vcenter(world, ip.as_deref(), fqdn.as_deref(), username, password) {
                // A validation trusts whatever certificate it is shown.
                Reach::Collected(_) | Reach::CertificateChanged => (
                    0,
                    format!("Validated: the vCenter at {address} took the credentials of {username}."),
                ),
                Reach::Unreachable => (
                    1,
                    format!("Unable to connect to {address}: no vCenter answers at this address."),
                ),
                Reach::Refused => (
                    2,
                    format!("Authentication failed for {address}: the vCenter refused the credentials of {username}."),
                ),
            };
        Ok(types::BaseDataSourceValidationResponse { code, message })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcenter_user_names_are_read_in_their_three_forms() {
        let v = "vsphere.local";
        assert!(same_user(
            "administrator@vsphere.local",
            "administrator",
            v,
            v
        ));
        assert!(same_user(
            "VSPHERE.LOCAL\\Administrator",
            "administrator",
            v,
            v
        ));
        assert!(same_user(" administrator ", "administrator", v, v));
        assert!(!same_user(
            "administrator@corp.local",
            "administrator",
            v,
            v
        ));
        assert!(!same_user("admin", "administrator", v, v));
        // A bare name is in the vCenter's domain, whatever the account's.
        assert!(!same_user("ro", "ro", "corp.local", v));
        assert!(same_user("ro@corp.local", "ro", "corp.local", v));
    }
}
