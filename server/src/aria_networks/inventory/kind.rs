//! The entity types the sandbox holds, their `EntityType` names and id type codes.

use crate::world::World;

/// A family of world devices that data sources collect from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Vcenter,
    NsxtManager,
    KubernetesCluster,
    HcxManager,
    AwsAccount,
    AzureSubscription,
    VmcSddc,
    CheckpointManager,
    Switch,
}

impl Family {
    pub const COUNT: usize = 9;
    pub const ALL: [Family; Family::COUNT] = [
        Family::Vcenter,
        Family::NsxtManager,
        Family::KubernetesCluster,
        Family::HcxManager,
        Family::AwsAccount,
        Family::AzureSubscription,
        Family::VmcSddc,
        Family::CheckpointManager,
        Family::Switch,
    ];

    /// How many devices of the family `world` has.
    pub fn devices(self, world: &World) -> usize {
        match self {
            Family::Vcenter => world.vcenters.len(),
            Family::NsxtManager => world.nsxt_managers.len(),
            Family::KubernetesCluster => world.kubernetes_clusters.len(),
            Family::HcxManager => world.hcx_managers.len(),
            Family::AwsAccount => world.aws_accounts.len(),
            Family::AzureSubscription => world.azure_subscriptions.len(),
            Family::VmcSddc => world.vmc_sddcs.len(),
            Family::CheckpointManager => world.checkpoint_managers.len(),
            Family::Switch => world.switches.len(),
        }
    }
}

/// A world device: its family, and its index among the world's devices of that family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Device(pub Family, pub usize);

/// An entity type the sandbox holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Vcenter,
    Datacenter,
    Cluster,
    Host,
    Datastore,
    Network,
    SecurityGroup,
    Vm,
    Vnic,
    Flow,
    Folder,
    VirtualDisk,
    Dvs,
    Dvpg,
    Vmknic,
    NsxtManager,
    NsxtMpNode,
    NsxtController,
    NsxtTransportNode,
    NsxtEdgeCluster,
    NsxtCpuCore,
    LogicalRouter,
    NsxtFirewall,
    NsxtFirewallRule,
    NsService,
    NsServiceGroup,
    NsxtIpSet,
    KubernetesCluster,
    KubernetesNode,
    KubernetesNamespace,
    KubernetesPod,
    KubernetesService,
    SecurityTag,
    HcxManager,
    HcxSite,
    HcxComputeProfile,
    HcxNetworkProfile,
    HcxServiceMesh,
    HcxService,
    HcxAppliance,
    HcxTunnel,
    HcxL2Extension,
    AwsAccountManager,
    AzureSubscription,
    VmcSddc,
    SddcGroup,
    TransitGateway,
    DxConnection,
    DxInterface,
    VpnSession,
    FirewallManager,
    Switch,
    SwitchPort,
    RouterInterface,
}

impl Kind {
    pub const ALL: [Kind; 54] = [
        Kind::Vcenter,
        Kind::Datacenter,
        Kind::Cluster,
        Kind::Host,
        Kind::Datastore,
        Kind::Network,
        Kind::SecurityGroup,
        Kind::Vm,
        Kind::Vnic,
        Kind::Flow,
        // Later kinds come last, so that the earlier ones keep their ids.
        Kind::Folder,
        Kind::VirtualDisk,
        Kind::Dvs,
        Kind::Dvpg,
        Kind::Vmknic,
        Kind::NsxtManager,
        Kind::NsxtMpNode,
        Kind::NsxtController,
        Kind::NsxtTransportNode,
        Kind::NsxtEdgeCluster,
        Kind::NsxtCpuCore,
        Kind::LogicalRouter,
        Kind::NsxtFirewall,
        Kind::NsxtFirewallRule,
        Kind::NsService,
        Kind::NsServiceGroup,
        Kind::NsxtIpSet,
        Kind::KubernetesCluster,
        Kind::KubernetesNode,
        Kind::KubernetesNamespace,
        Kind::KubernetesPod,
        Kind::KubernetesService,
        Kind::SecurityTag,
        Kind::HcxManager,
        Kind::HcxSite,
        Kind::HcxComputeProfile,
        Kind::HcxNetworkProfile,
        Kind::HcxServiceMesh,
        Kind::HcxService,
        Kind::HcxAppliance,
        Kind::HcxTunnel,
        Kind::HcxL2Extension,
        Kind::AwsAccountManager,
        Kind::AzureSubscription,
        Kind::VmcSddc,
        Kind::SddcGroup,
        Kind::TransitGateway,
        Kind::DxConnection,
        Kind::DxInterface,
        Kind::VpnSession,
        Kind::FirewallManager,
        Kind::Switch,
        Kind::SwitchPort,
        Kind::RouterInterface,
    ];

    /// Whether Kubernetes cluster data sources collect it (E99).
    pub fn is_kubernetes(self) -> bool {
        matches!(
            self,
            Kind::KubernetesCluster
                | Kind::KubernetesNode
                | Kind::KubernetesNamespace
                | Kind::KubernetesPod
                | Kind::KubernetesService
        )
    }

    /// The family of devices whose data sources collect it.
    pub fn family(self) -> Family {
        match self {
            k if k.is_nsxt() => Family::NsxtManager,
            k if k.is_kubernetes() => Family::KubernetesCluster,
            k if k.is_hcx() => Family::HcxManager,
            Kind::AwsAccountManager => Family::AwsAccount,
            Kind::AzureSubscription => Family::AzureSubscription,
            k if k.is_vmc() => Family::VmcSddc,
            Kind::FirewallManager => Family::CheckpointManager,
            Kind::Switch | Kind::SwitchPort | Kind::RouterInterface => Family::Switch,
            _ => Family::Vcenter,
        }
    }

    /// Whether VMC NSX manager data sources collect it (E103).
    pub fn is_vmc(self) -> bool {
        matches!(
            self,
            Kind::VmcSddc
                | Kind::SddcGroup
                | Kind::TransitGateway
                | Kind::DxConnection
                | Kind::DxInterface
                | Kind::VpnSession
        )
    }

    /// Whether HCX connector data sources collect it (E101).
    pub fn is_hcx(self) -> bool {
        matches!(
            self,
            Kind::HcxManager
                | Kind::HcxSite
                | Kind::HcxComputeProfile
                | Kind::HcxNetworkProfile
                | Kind::HcxServiceMesh
                | Kind::HcxService
                | Kind::HcxAppliance
                | Kind::HcxTunnel
                | Kind::HcxL2Extension
        )
    }

    /// Whether NSX-T manager data sources collect it (else vCenter ones do).
    pub fn is_nsxt(self) -> bool {
        matches!(
            self,
            Kind::NsxtManager
                | Kind::NsxtMpNode
                | Kind::NsxtController
                | Kind::NsxtTransportNode
                | Kind::NsxtEdgeCluster
                | Kind::NsxtCpuCore
                | Kind::LogicalRouter
                | Kind::NsxtFirewall
                | Kind::NsxtFirewallRule
                | Kind::NsService
                | Kind::NsServiceGroup
                | Kind::NsxtIpSet
                | Kind::SecurityTag
        )
    }

    /// The `EntityType` it answers.
    pub fn entity_type(self) -> &'static str {
        match self {
            Kind::Vcenter => "VCenterManager",
            Kind::Datacenter => "VCDatacenter",
            Kind::Cluster => "Cluster",
            Kind::Host => "Host",
            Kind::Datastore => "Datastore",
            Kind::Network => "VlanL2Network",
            Kind::SecurityGroup => "NSXSecurityGroup",
            Kind::Vm => "VirtualMachine",
            Kind::Vnic => "Vnic",
            Kind::Flow => "Flow",
            Kind::Folder => "Folder",
            Kind::VirtualDisk => "VirtualDisk",
            Kind::Dvs => "DistributedVirtualSwitch",
            Kind::Dvpg => "DistributedVirtualPortgroup",
            Kind::Vmknic => "Vmknic",
            Kind::NsxtManager => "NSXTManager",
            Kind::NsxtMpNode => "NSXTManagementNode",
            Kind::NsxtController => "NSXTController",
            Kind::NsxtTransportNode => "NSXTTransportNode",
            Kind::NsxtEdgeCluster => "NSXTEdgeCluster",
            Kind::NsxtCpuCore => "NSXTTransportNodeCPUCore",
            Kind::LogicalRouter => "LogicalRouter",
            Kind::NsxtFirewall => "NSXTFirewall",
            Kind::NsxtFirewallRule => "NSXTFirewallRule",
            Kind::NsService => "NSService",
            Kind::NsServiceGroup => "NSServiceGroup",
            Kind::NsxtIpSet => "NSXTIPSet",
            Kind::KubernetesCluster => "KubernetesCluster",
            Kind::KubernetesNode => "KubernetesNode",
            Kind::KubernetesNamespace => "KubernetesNamespace",
            Kind::KubernetesPod => "KubernetesPod",
            Kind::KubernetesService => "KubernetesService",
            Kind::SecurityTag => "SecurityTag",
            Kind::HcxManager => "HCXManager",
            Kind::HcxSite => "HCXSite",
            Kind::HcxComputeProfile => "HCXComputeProfile",
            Kind::HcxNetworkProfile => "HCXNetworkProfile",
            Kind::HcxServiceMesh => "HCXServiceMesh",
            Kind::HcxService => "HCXService",
            Kind::HcxAppliance => "HCXAppliance",
            Kind::HcxTunnel => "HCXTunnel",
            Kind::HcxL2Extension => "HCXL2Extension",
            Kind::AwsAccountManager => "AWSAccountManager",
            Kind::AzureSubscription => "AzureSubscription",
            Kind::VmcSddc => "VMCSDDC",
            Kind::SddcGroup => "VMCSDDCGROUP",
            Kind::TransitGateway => "VMWareTransitGateway",
            Kind::DxConnection => "VmcAWSDxConnection",
            Kind::DxInterface => "DirectConnectInterface",
            Kind::VpnSession => "PolicyManagerPolicyBasedIPSecVPNSession",
            Kind::FirewallManager => "CheckpointManager",
            // The 6.12 enum has no physical switch type: a switch is a router device (E105).
            Kind::Switch => "RouterDevice",
            Kind::SwitchPort => "SwitchPort",
            Kind::RouterInterface => "RouterInterface",
        }
    }

    /// The type code in its ids (ours but for the security group's 82, the reference's; E43).
    pub(super) fn type_code(self) -> u32 {
        match self {
            Kind::Vm => 1,
            Kind::Host => 4,
            Kind::Network => 11,
            Kind::Vnic => 17,
            Kind::Cluster => 66,
            Kind::Datastore => 80,
            Kind::SecurityGroup => 82,
            Kind::Datacenter => 105,
            Kind::Vcenter => 601,
            Kind::Flow => 515,
            Kind::Folder => 81,
            Kind::VirtualDisk => 1104,
            Kind::Dvs => 13,
            Kind::Dvpg => 14,
            Kind::Vmknic => 18,
            Kind::NsxtManager => 8,
            Kind::NsxtMpNode => 1512,
            Kind::NsxtController => 1513,
            Kind::NsxtTransportNode => 1514,
            Kind::NsxtEdgeCluster => 1515,
            Kind::NsxtCpuCore => 1516,
            Kind::LogicalRouter => 1517,
            Kind::NsxtFirewall => 1518,
            Kind::NsxtFirewallRule => 1519,
            Kind::NsService => 1520,
            Kind::NsServiceGroup => 1521,
            Kind::NsxtIpSet => 1522,
            Kind::KubernetesCluster => 1523,
            Kind::KubernetesNode => 1524,
            Kind::KubernetesNamespace => 1525,
            Kind::KubernetesPod => 1526,
            Kind::KubernetesService => 1527,
            Kind::SecurityTag => 1528,
            Kind::HcxManager => 1529,
            Kind::HcxSite => 1530,
            Kind::HcxComputeProfile => 1531,
            Kind::HcxNetworkProfile => 1532,
            Kind::HcxServiceMesh => 1533,
            Kind::HcxService => 1534,
            Kind::HcxAppliance => 1535,
            Kind::HcxTunnel => 1536,
            Kind::HcxL2Extension => 1537,
            Kind::AwsAccountManager => 1538,
            Kind::AzureSubscription => 1539,
            Kind::VmcSddc => 1540,
            Kind::SddcGroup => 1541,
            Kind::TransitGateway => 1542,
            Kind::DxConnection => 1543,
            Kind::DxInterface => 1544,
            Kind::VpnSession => 1545,
            Kind::FirewallManager => 1546,
            Kind::Switch => 1547,
            Kind::SwitchPort => 1548,
            Kind::RouterInterface => 1549,
        }
    }

    /// The kinds a search for `entity_type` (an `AllEntityType`) covers: the type itself, or
    /// the concrete types of an abstract one. Other types exist in the API but not in the
    /// sandbox's world, so they find nothing.
    pub fn for_search(entity_type: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.entity_type() == entity_type)
            .or(match entity_type {
                "BaseVirtualMachine" => Some(Kind::Vm),
                "BaseSecurityGroup" => Some(Kind::SecurityGroup),
                "BaseL2Network" => Some(Kind::Network),
                "BaseVnic" => Some(Kind::Vnic),
                "BaseManager" => Some(Kind::Vcenter),
                "BaseNSXManager" => Some(Kind::NsxtManager),
                "BaseFirewall" => Some(Kind::NsxtFirewall),
                "BaseFirewallRule" => Some(Kind::NsxtFirewallRule),
                "BaseService" => Some(Kind::NsService),
                "BaseServiceGroup" => Some(Kind::NsServiceGroup),
                "BaseIPSet" => Some(Kind::NsxtIpSet),
                "BaseFirewallManager" => Some(Kind::FirewallManager),
                // The VPN sessions' base types (E103).
                "IPSecVPNSession" | "PolicyBasedIPSecVPNSession" => Some(Kind::VpnSession),
                _ => None,
            })
    }
}
