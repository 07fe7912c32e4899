//! The data-source types the sandbox serves and what differs between them, in one table: the
//! first eight with their own paths and models, the devices after them through one shared path
//! (`/data-sources/{data_source_type}`, E52).

use serde::{Deserialize, Serialize};

/// A data-source type, as its path segment names it (`/data-sources/vcenters`); stored by that
/// name, so variants are only ever added.
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
    AristaSwitches,
    BrocadeSwitches,
    JuniperSwitches,
    HpeSwitches,
    Huawei,
    MellanoxSwitches,
    CiscoAsrxrSwitches,
    DellSwitches,
    DellOs10Switches,
    CheckpointFirewalls,
    FortinetFirewalls,
    Nsxalb,
    UcsManagers,
    HpovManagers,
    HpvcManagers,
    CiscoAci,
    InfobloxManagers,
    HcxConnectors,
    AwsAccounts,
    AzureSubscriptions,
    KubernetesClusters,
    OpenshiftClusters,
    Pks,
    Loginsight,
    ServicenowInstances,
    Velocloud,
}

/// What differs between types: one row each.
pub struct TypeInfo {
    /// The path segment, also the key of the by-type index.
    pub segment: &'static str,
    /// The `DataSourceType` its answers carry (a generic switch is `UANIDataSource`, E41).
    pub entity_type: &'static str,
    /// The type code in its entity ids (902 for a vCenter, the reference's; the others are
    /// ours, E41 and E52).
    pub code: u32,
    pub label: &'static str,
    /// What the collector logs in with (`credentials`).
    pub credentials: Credentials,
    /// Whether `ip` or `fqdn` is required; the cloud, container and SaaS types may have neither
    /// and are told apart by `identity` instead (E90).
    pub addressed: bool,
    /// The field that tells two data sources of an unaddressed type apart (`credentials.access_key`
    /// for an AWS account), unique in the type and never changed.
    pub identity: Option<&'static str>,
    /// Whether it belongs to an NSX-T manager data source (`manager_id`, required).
    pub nsx_manager: bool,
    /// Whether it belongs to a vCenter data source (`vcenter_id`, required when adding).
    pub vcenter: bool,
    /// Whether it has SNMP settings (`/snmp-config`).
    pub snmp: bool,
    /// Whether it is served through the shared device path and model (E52).
    pub device: bool,
    /// Whether it can be polled at once (`/collect-now`, E55).
    pub collect_now: bool,
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
pub const SECRETS: [&str; 6] = [
    "credentials.password",
    "csp_refresh_token",
    "client_private_key",
    "credentials.secret_key",
    "credentials.azure_key",
    "credentials.kubeconfig",
];

/// What a type's `credentials` hold, and which of it is required when adding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credentials {
    None,
    /// `username` and `password`, both required.
    Password,
    /// `username` and `password` if given (Log Insight).
    OptionalPassword,
    /// `access_key` (required) and `secret_key`.
    Aws,
    /// `azure_client`, `azure_tenant`, `azure_subscription` (required) and `azure_key`.
    Azure,
    /// `kubeconfig`, required.
    Kubeconfig,
}

impl Credentials {
    /// The fields of `credentials` that must be present and non-empty when adding.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Credentials::None | Credentials::OptionalPassword => &[],
            Credentials::Password => &["username", "password"],
            Credentials::Aws => &["access_key"],
            Credentials::Azure => &["azure_client", "azure_tenant", "azure_subscription"],
            Credentials::Kubeconfig => &["kubeconfig"],
        }
    }
}

/// Flags of a [`TypeInfo`] row: logs in with credentials, belongs to a vCenter, has SNMP
/// settings, is served through the shared device path, can be polled at once.
const C: u8 = 1;
const V: u8 = 2;
const S: u8 = 4;
const D: u8 = 8;
const N: u8 = 16;

const fn t(
    segment: &'static str,
    entity_type: &'static str,
    code: u32,
    label: &'static str,
    flags: u8,
) -> TypeInfo {
    TypeInfo {
        segment,
        entity_type,
        code,
        label,
        credentials: if flags & C != 0 {
            Credentials::Password
        } else {
            Credentials::None
        },
        addressed: true,
        identity: None,
        nsx_manager: false,
        vcenter: flags & V != 0,
        snmp: flags & S != 0,
        device: flags & D != 0,
        collect_now: flags & N != 0,
    }
}

/// How a cloud, container or SaaS type's data sources are found and told apart (E90).
struct Shape {
    addressed: bool,
    identity: Option<&'static str>,
    nsx_manager: bool,
}

/// Told apart by `ip`/`fqdn`, which it needs.
const ADDRESSED: Shape = Shape {
    addressed: true,
    identity: None,
    nsx_manager: false,
};
/// Belongs to an NSX-T manager, needs no address.
const IN_NSX: Shape = Shape {
    addressed: false,
    identity: None,
    nsx_manager: true,
};
/// Belongs to an NSX-T manager and needs an address.
const ADDRESSED_IN_NSX: Shape = Shape {
    addressed: true,
    identity: None,
    nsx_manager: true,
};

/// Told apart by `field`, needs no address.
const fn by(field: &'static str) -> Shape {
    Shape {
        addressed: false,
        identity: Some(field),
        nsx_manager: false,
    }
}

/// A cloud, container or SaaS type (E90): its own credentials and shape; no SNMP, no shared
/// device path, no collect-now.
const fn other(
    segment: &'static str,
    entity_type: &'static str,
    code: u32,
    label: &'static str,
    credentials: Credentials,
    shape: Shape,
) -> TypeInfo {
    TypeInfo {
        segment,
        entity_type,
        code,
        label,
        credentials,
        addressed: shape.addressed,
        identity: shape.identity,
        nsx_manager: shape.nsx_manager,
        vcenter: false,
        snmp: false,
        device: false,
        collect_now: false,
    }
}

/// One row per type, in the enum's order.
#[rustfmt::skip]
const TYPES: [TypeInfo; 34] = [
    t("vcenters", "VCenterDataSource", 902, "vCenter", C),
    t("nsxv-managers", "NSXVManagerDataSource", 903, "NSX-V manager", C | V),
    t("nsxt-managers", "NSXTManagerDataSource", 904, "NSX-T manager", C),
    t("panorama-firewalls", "PanFirewallDataSource", 905, "Panorama firewall", C | N),
    t("cisco-switches", "CiscoSwitchDataSource", 906, "Cisco switch", C | S | N),
    t("vmc-nsxmanagers", "PolicyManagerDataSource", 907, "VMC NSX manager", V),
    t("f5-bigip", "F5BIGIPDataSource", 908, "F5 BIG-IP", C | S),
    t("generic-switches", "UANIDataSource", 909, "generic switch", 0),
    t("arista-switches", "AristaSwitchDataSource", 910, "Arista switch", C | S | D | N),
    t("brocade-switches", "BrocadeSwitchDataSource", 911, "Brocade switch", C | S | D | N),
    t("juniper-switches", "JuniperSwitchDataSource", 912, "Juniper switch", C | S | D | N),
    t("hpe-switches", "HPESwitchDataSource", 913, "HPE switch", C | S | D | N),
    t("huawei", "HuaweiSwitchDataSource", 914, "Huawei switch", C | S | D | N),
    t("mellanox-switches", "MellanoxSwitchDataSource", 915, "Mellanox switch", C | S | D | N),
    t("cisco-asrxr-switches", "CiscoASRXRDataSource", 916, "Cisco ASR/XR switch", C | S | D | N),
    t("dell-switches", "DellSwitchDataSource", 917, "Dell switch", C | S | D | N),
    t("dell-os10-switches", "DellSwitchDataSource", 918, "Dell OS10 switch", C | S | D | N),
    t("checkpoint-firewalls", "CheckpointFirewallDataSource", 919, "Check Point firewall", C | D | N),
    t("fortinet-firewalls", "FortinetFirewallDataSource", 920, "Fortinet firewall", C | D | N),
    t("nsxalb", "NSXALBDataSource", 921, "NSX ALB controller", C | D),
    t("ucs-managers", "UCSManagerDataSource", 922, "Cisco UCS manager", C | S | D),
    t("hpov-managers", "HPOneViewDataSource", 923, "HPE OneView manager", C | D),
    t("hpvc-managers", "HPVCManagerDataSource", 924, "HPE VC manager", C | D),
    t("cisco-aci", "CiscoACIDataSource", 925, "Cisco ACI", C | S | D | N),
    t("infoblox-managers", "InfobloxManagerDataSource", 926, "Infoblox manager", C | D),
    t("hcx-connectors", "HcxDataSource", 927, "HCX connector", C | D),
    other("aws-accounts", "AWSDataSource", 928, "AWS account", Credentials::Aws, by("credentials.access_key")),
    other("azure-subscriptions", "AzureDataSource", 929, "Azure subscription", Credentials::Azure, by("credentials.azure_subscription")),
    other("kubernetes-clusters", "KubernetesDataSource", 930, "Kubernetes cluster", Credentials::Kubeconfig, IN_NSX),
    other("openshift-clusters", "KubernetesDataSource", 931, "OpenShift cluster", Credentials::Kubeconfig, IN_NSX),
    other("pks", "PKSDataSource", 932, "PKS", Credentials::Password, ADDRESSED_IN_NSX),
    other("loginsight", "LogInsightDataSource", 933, "Log Insight", Credentials::OptionalPassword, ADDRESSED),
    other("servicenow-instances", "ServiceNowDataSource", 934, "ServiceNow instance", Credentials::Password, by("instance_id")),
    other("velocloud", "VeloCloudDataSource", 935, "VeloCloud", Credentials::Password, by("url")),
];

impl DataSourceKind {
    pub const ALL: [DataSourceKind; 34] = [
        DataSourceKind::Vcenters,
        DataSourceKind::NsxvManagers,
        DataSourceKind::NsxtManagers,
        DataSourceKind::PanoramaFirewalls,
        DataSourceKind::CiscoSwitches,
        DataSourceKind::VmcNsxmanagers,
        DataSourceKind::F5Bigip,
        DataSourceKind::GenericSwitches,
        DataSourceKind::AristaSwitches,
        DataSourceKind::BrocadeSwitches,
        DataSourceKind::JuniperSwitches,
        DataSourceKind::HpeSwitches,
        DataSourceKind::Huawei,
        DataSourceKind::MellanoxSwitches,
        DataSourceKind::CiscoAsrxrSwitches,
        DataSourceKind::DellSwitches,
        DataSourceKind::DellOs10Switches,
        DataSourceKind::CheckpointFirewalls,
        DataSourceKind::FortinetFirewalls,
        DataSourceKind::Nsxalb,
        DataSourceKind::UcsManagers,
        DataSourceKind::HpovManagers,
        DataSourceKind::HpvcManagers,
        DataSourceKind::CiscoAci,
        DataSourceKind::InfobloxManagers,
        DataSourceKind::HcxConnectors,
        DataSourceKind::AwsAccounts,
        DataSourceKind::AzureSubscriptions,
        DataSourceKind::KubernetesClusters,
        DataSourceKind::OpenshiftClusters,
        DataSourceKind::Pks,
        DataSourceKind::Loginsight,
        DataSourceKind::ServicenowInstances,
        DataSourceKind::Velocloud,
    ];

    pub fn info(self) -> &'static TypeInfo {
        // `TYPES` is in declaration order (a test holds the two together).
        &TYPES[self as usize]
    }

    /// The type a path segment names; the SDK also writes `cisco-asr-xr-switches` (E52).
    pub fn from_segment(segment: &str) -> Option<DataSourceKind> {
        let segment = match segment {
            "cisco-asr-xr-switches" => "cisco-asrxr-switches",
            other => other,
        };
        DataSourceKind::ALL
            .into_iter()
            .find(|k| k.segment() == segment)
    }

    /// Whether a data source of `stored` type is found at this type's paths: a Dell OS10
    /// switch answers `DellSwitchDataSource` and is also read at `dell-switches` (E52).
    pub fn finds(self, stored: DataSourceKind) -> bool {
        // An OpenShift cluster answers `KubernetesDataSource` (E90), so PowervRNI reads it there.
        self == stored
            || (self == DataSourceKind::DellSwitches && stored == DataSourceKind::DellOs10Switches)
            || (self == DataSourceKind::KubernetesClusters
                && stored == DataSourceKind::OpenshiftClusters)
    }

    pub fn segment(self) -> &'static str {
        self.info().segment
    }

    pub fn entity_type(self) -> &'static str {
        self.info().entity_type
    }

    pub fn type_code(self) -> u32 {
        self.info().code
    }

    pub fn label(self) -> &'static str {
        self.info().label
    }

    pub fn credentials(self) -> Credentials {
        self.info().credentials
    }

    pub fn needs_vcenter(self) -> bool {
        self.info().vcenter
    }

    /// Whether its model has `tags` (what a bulk `UPDATE` changes, E91).
    pub fn has_tags(self) -> bool {
        use DataSourceKind::*;
        self.info().device
            || matches!(
                self,
                Vcenters
                    | NsxtManagers
                    | PanoramaFirewalls
                    | CiscoSwitches
                    | F5Bigip
                    | GenericSwitches
                    | ServicenowInstances
            )
    }

    pub fn has_snmp(self) -> bool {
        self.info().snmp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_enum_and_names_each_type_once() {
        for (i, kind) in DataSourceKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, i);
            let stored = serde_json::to_value(kind).unwrap();
            assert_eq!(stored, kind.segment(), "stored by its segment");
            assert_eq!(DataSourceKind::from_segment(kind.segment()), Some(kind));
        }
        let mut codes: Vec<u32> = TYPES.iter().map(|t| t.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), TYPES.len());
    }
}
