//! The eight data-source types the sandbox serves, and what differs between them.

use serde::{Deserialize, Serialize};

/// A data-source type, as its path segment names it (`/data-sources/vcenters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataSourceKind {
    Vcenters,
    NsxvManagers,
    NsxtManagers,
    PanoramaFirewalls,
    CiscoSwitches,
    VmcNsxmanagers,
    F5Bigip,
    GenericSwitches,
}

/// The fields of `DataSourceBase` every type answers, which `GET /data-sources` filters and
/// orders by; with `CERTIFICATE_FIELDS`, what the health list repeats of each data source.
pub const SHARED_FIELDS: [&str; 8] = [
    "entity_id",
    "entity_type",
    "ip",
    "fqdn",
    "proxy_id",
    "nickname",
    "enabled",
    "notes",
];

/// What the appliance learns of a device's certificate (the sandbox stores none).
pub const CERTIFICATE_FIELDS: [&str; 4] = [
    "certificate",
    "sha_thumbprint",
    "new_certificate",
    "new_sha_thumbprint",
];

/// Which secret fields a type has (each stored as a digest and answered as `""`).
pub const SECRETS: [&str; 3] = [
    "credentials.password",
    "csp_refresh_token",
    "client_private_key",
];

impl DataSourceKind {
    pub const ALL: [DataSourceKind; 8] = [
        DataSourceKind::Vcenters,
        DataSourceKind::NsxvManagers,
        DataSourceKind::NsxtManagers,
        DataSourceKind::PanoramaFirewalls,
        DataSourceKind::CiscoSwitches,
        DataSourceKind::VmcNsxmanagers,
        DataSourceKind::F5Bigip,
        DataSourceKind::GenericSwitches,
    ];

    /// The path segment, also the key of the by-type index.
    pub fn segment(self) -> &'static str {
        match self {
            DataSourceKind::Vcenters => "vcenters",
            DataSourceKind::NsxvManagers => "nsxv-managers",
            DataSourceKind::NsxtManagers => "nsxt-managers",
            DataSourceKind::PanoramaFirewalls => "panorama-firewalls",
            DataSourceKind::CiscoSwitches => "cisco-switches",
            DataSourceKind::VmcNsxmanagers => "vmc-nsxmanagers",
            DataSourceKind::F5Bigip => "f5-bigip",
            DataSourceKind::GenericSwitches => "generic-switches",
        }
    }

    /// The `DataSourceType` its answers carry (a generic switch is `UANIDataSource`, E41).
    pub fn entity_type(self) -> &'static str {
        match self {
            DataSourceKind::Vcenters => "VCenterDataSource",
            DataSourceKind::NsxvManagers => "NSXVManagerDataSource",
            DataSourceKind::NsxtManagers => "NSXTManagerDataSource",
            DataSourceKind::PanoramaFirewalls => "PanFirewallDataSource",
            DataSourceKind::CiscoSwitches => "CiscoSwitchDataSource",
            DataSourceKind::VmcNsxmanagers => "PolicyManagerDataSource",
            DataSourceKind::F5Bigip => "F5BIGIPDataSource",
            DataSourceKind::GenericSwitches => "UANIDataSource",
        }
    }

    /// The type code in its entity ids (`18230:902:...` for a vCenter, the reference's; the
    /// others are ours, E41).
    pub fn type_code(self) -> u32 {
        match self {
            DataSourceKind::Vcenters => 902,
            DataSourceKind::NsxvManagers => 903,
            DataSourceKind::NsxtManagers => 904,
            DataSourceKind::PanoramaFirewalls => 905,
            DataSourceKind::CiscoSwitches => 906,
            DataSourceKind::VmcNsxmanagers => 907,
            DataSourceKind::F5Bigip => 908,
            DataSourceKind::GenericSwitches => 909,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DataSourceKind::Vcenters => "vCenter",
            DataSourceKind::NsxvManagers => "NSX-V manager",
            DataSourceKind::NsxtManagers => "NSX-T manager",
            DataSourceKind::PanoramaFirewalls => "Panorama firewall",
            DataSourceKind::CiscoSwitches => "Cisco switch",
            DataSourceKind::VmcNsxmanagers => "VMC NSX manager",
            DataSourceKind::F5Bigip => "F5 BIG-IP",
            DataSourceKind::GenericSwitches => "generic switch",
        }
    }

    /// Whether the collector logs in with `credentials` (username and password).
    pub fn has_credentials(self) -> bool {
        !matches!(
            self,
            DataSourceKind::VmcNsxmanagers | DataSourceKind::GenericSwitches
        )
    }

    /// Whether it belongs to a vCenter data source (`vcenter_id`, required when adding).
    pub fn needs_vcenter(self) -> bool {
        matches!(
            self,
            DataSourceKind::NsxvManagers | DataSourceKind::VmcNsxmanagers
        )
    }

    /// Whether it has SNMP settings (`/snmp-config`).
    pub fn has_snmp(self) -> bool {
        matches!(
            self,
            DataSourceKind::CiscoSwitches | DataSourceKind::F5Bigip
        )
    }
}
