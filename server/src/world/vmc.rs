//! VMware Cloud on AWS (`[[world.vmc_sddcs]]`, E103): SDDCs, each with its NSX manager and
//! vCenter at private and public addresses, optionally in an SDDC group (whose transit gateway
//! connects them), with a Direct Connect and an IPsec VPN to the on-premises network. Aria's
//! VMC NSX manager data sources collect an SDDC at its NSX manager's address with the CSP API
//! refresh token its organization takes.

use serde::Deserialize;

/// One SDDC as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VmcSddcConfig {
    pub name: String,
    /// The SDDC's id, its organization's id (GUIDs) and name.
    pub sddc_id: String,
    pub org_id: String,
    #[serde(default = "default_org_name")]
    pub org_name: String,
    #[serde(default = "default_region")]
    pub region: String,
    /// The NSX manager's private and public address and its name; the vCenter's.
    pub nsx_ip: String,
    pub nsx_public_ip: String,
    pub nsx_fqdn: String,
    pub vc_ip: String,
    pub vc_public_ip: String,
    pub vc_fqdn: String,
    /// The CSP API refresh token a data source presents.
    pub csp_refresh_token: String,
    /// The SDDC group it belongs to, if any (SDDCs naming the same group are in it).
    #[serde(default)]
    pub sddc_group: Option<String>,
    /// Whether it has a Direct Connect (two virtual interfaces).
    #[serde(default = "yes")]
    pub direct_connect: bool,
    /// How many IPsec VPN sessions it has to the on-premises network.
    #[serde(default = "one")]
    pub vpn_sessions: usize,
}

fn default_org_name() -> String {
    "Sandbox Org".into()
}

fn default_region() -> String {
    "us-west-2".into()
}

fn yes() -> bool {
    true
}

fn one() -> usize {
    1
}

/// The world's SDDCs unless the configuration names its own (an empty list for none): `sddc01`
/// in the group `sddc-group01`, its NSX manager at 10.2.192.12 (public 44.230.10.12,
/// `nsx-44-230-10-12.rp.vmwarevmc.com`), refresh token `sandbox-csp-token`.
pub fn default_sddcs() -> Vec<VmcSddcConfig> {
    vec![VmcSddcConfig {
        name: "sddc01".into(),
        sddc_id: "b7e2a1c4-3d5f-4e6a-9b8c-7d6e5f4a3b2c".into(),
        org_id: "2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d".into(),
        org_name: default_org_name(),
        region: default_region(),
        nsx_ip: "10.2.192.12".into(),
        nsx_public_ip: "44.230.10.12".into(),
        nsx_fqdn: "nsx-44-230-10-12.rp.vmwarevmc.com".into(),
        vc_ip: "10.2.224.4".into(),
        vc_public_ip: "44.230.10.4".into(),
        vc_fqdn: "vcenter.sddc-44-230-10-4.vmwarevmc.com".into(),
        csp_refresh_token: "sandbox-csp-token".into(),
        sddc_group: Some("sddc-group01".into()),
        direct_connect: true,
        vpn_sessions: 1,
    }]
}

/// At most this many VPN sessions an SDDC: their peers are numbered in a /24.
const MAX_VPN_SESSIONS: usize = 250;

/// Checks the SDDCs: ids are GUIDs, addresses parse, tokens are not empty, the counts fit.
pub fn check(sddcs: &[VmcSddcConfig]) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    let mut group_org = std::collections::HashMap::new();
    for s in sddcs {
        let bad = |what: String| Err(format!("world: VMC SDDC {}: {what}", s.name));
        for id in [&s.sddc_id, &s.org_id] {
            if uuid::Uuid::parse_str(id).is_err() {
                return bad(format!("{id:?} is not a GUID"));
            }
        }
        for ip in [&s.nsx_ip, &s.nsx_public_ip, &s.vc_ip, &s.vc_public_ip] {
            if ip.parse::<std::net::Ipv4Addr>().is_err() {
                return bad(format!("{ip:?} is not an IPv4 address"));
            }
        }
        if s.csp_refresh_token.is_empty() {
            return bad("csp_refresh_token must not be empty".into());
        }
        if s.vpn_sessions > MAX_VPN_SESSIONS {
            return bad(format!("at most {MAX_VPN_SESSIONS} vpn_sessions"));
        }
        // A group is one organization's.
        if let Some(g) = &s.sddc_group {
            if *group_org.entry(g.as_str()).or_insert(s.org_id.as_str()) != s.org_id.as_str() {
                return bad(format!("sddc_group {g:?} is another organization's"));
            }
        }
        let keys = [
            &s.name,
            &s.sddc_id,
            &s.nsx_ip,
            &s.nsx_public_ip,
            &s.nsx_fqdn,
        ];
        if let Some(twice) = keys
            .into_iter()
            .find(|k| !seen.insert(k.to_ascii_lowercase()))
        {
            return bad(format!("{twice:?} is another SDDC's"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_would_make_two_sddcs_one_is_refused() {
        assert_eq!(check(&default_sddcs()), Ok(()));
        let mut two = default_sddcs();
        two.push(two[0].clone());
        two[1].name = "sddc02".into();
        assert!(check(&two).unwrap_err().contains("is another SDDC's"));
        let mut one = default_sddcs();
        one[0].nsx_ip = "nsx.example.com".into();
        assert!(check(&one).unwrap_err().contains("not an IPv4 address"));
        one = default_sddcs();
        one[0].org_id = "org".into();
        assert!(check(&one).unwrap_err().contains("not a GUID"));
        two[1].sddc_id = "c7e2a1c4-3d5f-4e6a-9b8c-7d6e5f4a3b2c".into();
        two[1].nsx_ip = "10.2.192.13".into();
        two[1].nsx_public_ip = "44.230.10.13".into();
        two[1].nsx_fqdn = "nsx-44-230-10-13.rp.vmwarevmc.com".into();
        assert_eq!(check(&two), Ok(()));
        two[1].org_id = "d7e2a1c4-3d5f-4e6a-9b8c-7d6e5f4a3b2c".into();
        assert!(check(&two).unwrap_err().contains("another organization's"));
        one = default_sddcs();
        one[0].vpn_sessions = 251;
        assert!(check(&one).unwrap_err().contains("at most 250"));
    }
}
