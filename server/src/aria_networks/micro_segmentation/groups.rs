//! The groups micro-segmentation reasons about: applications, tiers and security groups, each a
//! set of VMs, and which group of a type a VM belongs to.

use std::collections::{BTreeSet, HashMap};

use crate::aria_networks::applications::groups::VmGroup;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::{EntityRef, Kind};
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupType {
    Application,
    Tier,
    SecurityGroup,
}

impl GroupType {
    pub fn entity_type(self) -> types::EntityType {
        match self {
            GroupType::Application => types::EntityType::Application,
            GroupType::Tier => types::EntityType::Tier,
            GroupType::SecurityGroup => types::EntityType::NsxSecurityGroup,
        }
    }

    pub fn of(entity_type: types::EntityType) -> Result<GroupType, AriaError> {
        match entity_type {
            types::EntityType::Application => Ok(GroupType::Application),
            types::EntityType::Tier => Ok(GroupType::Tier),
            types::EntityType::NsxSecurityGroup => Ok(GroupType::SecurityGroup),
            other => Err(AriaError::InvalidInput(format!(
                "A group is an Application, a Tier or an NSXSecurityGroup, not {other}"
            ))),
        }
    }
}

/// Every group of one type, and for each VM the first group (in id order) it belongs to.
pub struct Grouping {
    pub kind: GroupType,
    pub groups: Vec<VmGroup>,
    of_vm: HashMap<usize, usize>,
}

impl Grouping {
    pub fn find(&self, id: &str) -> Result<&VmGroup, AriaError> {
        self.groups.iter().find(|g| g.id == id).ok_or_else(|| {
            let t = self.kind.entity_type();
            AriaError::NotFound(format!("No {t} with id {id}"))
        })
    }

    /// The group of this type VM `vm` belongs to, if any.
    pub fn of(&self, vm: usize) -> Option<&VmGroup> {
        self.of_vm.get(&vm).map(|&g| &self.groups[g])
    }
}

impl Aria {
    pub async fn grouping(&self, kind: GroupType) -> Grouping {
        let groups = match kind {
            GroupType::Application => self.application_groups().await,
            GroupType::Tier => self.tier_groups().await,
            GroupType::SecurityGroup => {
                let inv = &self.inventory;
                let visible = self.visibility().await;
                let mut groups: Vec<VmGroup> = (0..inv.workload.security_groups.len())
                    .filter(|&g| visible.vcenter(inv.workload.security_groups[g].vcenter))
                    .map(|g| VmGroup {
                        id: inv.id(EntityRef::new(Kind::SecurityGroup, g)).to_string(),
                        name: inv.workload.security_groups[g].name.clone(),
                        vms: inv.group_members[g]
                            .iter()
                            .copied()
                            .collect::<BTreeSet<_>>(),
                    })
                    .collect();
                groups.sort_by(|a, b| a.id.cmp(&b.id));
                groups
            }
        };
        let mut of_vm = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            for &vm in &g.vms {
                of_vm.entry(vm).or_insert(i);
            }
        }
        Grouping {
            kind,
            groups,
            of_vm,
        }
    }
}
