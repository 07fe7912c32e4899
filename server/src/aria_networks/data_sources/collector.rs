//! What a collector finds when it polls a data source (E53): for a vCenter, whether the world
//! has a vCenter at its address and whether that vCenter takes its credentials. A vCenter data
//! source whose poll fails collects nothing; the other types have no devices in the world yet
//! and are taken as reachable.

use subtle::ConstantTimeEq;

use super::checks::digests;
use super::{DataSourceKind, DataSourceRow};
use crate::world::{VcenterConfig, World};

/// The outcome of a poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The device answered and took the credentials: the world vCenter's index, if any.
    Collected(Option<usize>),
    /// Nothing in the world answers at the data source's address.
    Unreachable,
    /// The device answered and refused the credentials.
    Refused,
}

/// `administrator@vsphere.local`, `VSPHERE.LOCAL\administrator` or a bare `administrator` (the
/// vCenter's own domain), against one account.
fn same_user(sent: &str, username: &str, domain: &str) -> bool {
    let (user, dom) = match (sent.split_once('@'), sent.split_once('\\')) {
        (Some((u, d)), _) => (u, d),
        (None, Some((d, u))) => (u, d),
        (None, None) => (sent, domain),
    };
    user.eq_ignore_ascii_case(username) && dom.eq_ignore_ascii_case(domain)
}

/// Whether the stored digest of the data source's password is that of `password`, compared in
/// constant time.
fn same_password(row: &DataSourceRow, id: &str, password: &str) -> bool {
    let Some(stored) = row.secrets.get("credentials.password") else {
        return false;
    };
    let wanted = digests(id, &[("credentials.password".into(), password.into())]);
    let wanted = wanted
        .get("credentials.password")
        .map_or("", String::as_str);
    stored.as_bytes().ct_eq(wanted.as_bytes()).into()
}

fn accepts(vc: &VcenterConfig, row: &DataSourceRow, id: &str) -> bool {
    let sent = row
        .model
        .get("credentials")
        .and_then(|c| c.get("username"))
        .and_then(|u| u.as_str())
        .unwrap_or("");
    std::iter::once((&vc.username, &vc.domain, &vc.password))
        .chain(
            vc.read_only_accounts
                .iter()
                .map(|a| (&a.username, &a.domain, &a.password)),
        )
        .any(|(user, domain, password)| {
            same_user(sent, user, domain) && same_password(row, id, password)
        })
}

/// What polling the data source `id` finds in `world`.
pub fn poll(world: &World, id: &str, row: &DataSourceRow) -> Reach {
    if row.kind != DataSourceKind::Vcenters {
        return Reach::Collected(None);
    }
    let found = world.vcenters.iter().position(|vc| {
        row.text("ip").is_some_and(|ip| ip == vc.config.ip)
            || row
                .text("fqdn")
                .is_some_and(|f| f.eq_ignore_ascii_case(&vc.config.hostname))
    });
    match found {
        None => Reach::Unreachable,
        Some(i) if accepts(&world.vcenters[i].config, row, id) => Reach::Collected(Some(i)),
        Some(_) => Reach::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcenter_user_names_are_read_in_their_three_forms() {
        assert!(same_user(
            "administrator@vsphere.local",
            "administrator",
            "vsphere.local"
        ));
        assert!(same_user(
            "VSPHERE.LOCAL\\Administrator",
            "administrator",
            "vsphere.local"
        ));
        assert!(same_user("administrator", "administrator", "vsphere.local"));
        assert!(!same_user(
            "administrator@corp.local",
            "administrator",
            "vsphere.local"
        ));
        assert!(!same_user("admin", "administrator", "vsphere.local"));
    }
}
