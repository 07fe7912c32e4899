//! Migration waves (the `Migration` tag, E108): applications or security groups put into waves
//! so that groups that exchange traffic, directly or through others, move together. A wave is a
//! connected set of groups in the graph the world's flows draw between their VMs.

use std::collections::BTreeSet;

mod api;

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::{EntityRef, Kind, NO_VM};
use crate::aria_networks::tables::MIGRATION_DISABLED;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// The kinds of group waves are computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKind {
    Application,
    SecurityGroup,
}

impl GroupKind {
    /// `application` or `security_group`, in any letter case, with `-`, `_` or nothing between.
    fn parse(text: &str) -> Result<Self, AriaError> {
        let plain: String = (text.chars())
            .filter(|c| !matches!(c, '-' | '_'))
            .collect::<String>()
            .to_ascii_lowercase();
        match plain.as_str() {
            "application" | "applications" => Ok(GroupKind::Application),
            "securitygroup" | "securitygroups" => Ok(GroupKind::SecurityGroup),
            _ => Err(AriaError::InvalidInput(format!(
                "groupType {text:?} is not one migration waves are computed for: application or \
                 security_group"
            ))),
        }
    }

    fn canonical(self) -> &'static str {
        match self {
            GroupKind::Application => "application",
            GroupKind::SecurityGroup => "security_group",
        }
    }
}

/// One group: its id, name and member VMs.
type Group = (String, String, BTreeSet<usize>);

/// The root of `i` in `parent`, halving the path as it goes.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Each group's wave (numbered from 0 in the order of each wave's first group): groups joined
/// by a flow between their VMs (`flows`, source and destination VM) share one.
pub(super) fn waves(groups: &[BTreeSet<usize>], vms: usize, flows: &[(u32, u32)]) -> Vec<usize> {
    let mut of_vm: Vec<Vec<usize>> = vec![Vec::new(); vms];
    for (g, members) in groups.iter().enumerate() {
        for &v in members {
            of_vm[v].push(g);
        }
    }
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    for &(s, d) in flows {
        if d == NO_VM {
            continue;
        }
        let mut ends = of_vm[s as usize].iter().chain(&of_vm[d as usize]);
        let Some(&first) = ends.next() else {
            continue;
        };
        for &g in ends {
            let (a, b) = (root(&mut parent, first), root(&mut parent, g));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut number = vec![usize::MAX; groups.len()];
    let mut next = 0;
    (0..groups.len())
        .map(|g| {
            let r = root(&mut parent, g);
            if number[r] == usize::MAX {
                number[r] = next;
                next += 1;
            }
            number[r]
        })
        .collect()
}

impl Aria {
    pub async fn set_migration_waves(&self, enabled: bool) -> Result<(), AriaError> {
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let table = &mut s.aria_mut().migration;
                if enabled {
                    table.remove(MIGRATION_DISABLED);
                } else if !table.contains(MIGRATION_DISABLED) {
                    table.insert(MIGRATION_DISABLED.into(), now);
                }
                Ok(())
            })
            .await
    }

    /// The groups of `kind` with their visible member VMs.
    async fn migration_groups(&self, kind: GroupKind) -> Vec<Group> {
        let visible = self.visibility().await;
        let inv = &self.inventory;
        match kind {
            GroupKind::SecurityGroup => (0..inv.group_members.len())
                .filter(|&g| visible.sees(inv, EntityRef::new(Kind::SecurityGroup, g)))
                .map(|g| {
                    let members = (inv.group_members[g].iter().copied())
                        .filter(|&v| visible.sees(inv, EntityRef::vm(v)))
                        .collect();
                    let id = inv.id(EntityRef::new(Kind::SecurityGroup, g)).to_string();
                    (id, inv.workload.security_groups[g].name.clone(), members)
                })
                .collect(),
            GroupKind::Application => {
                let apps: Vec<(String, String)> = {
                    let state = self.db.read().await;
                    (state.aria().applications.iter())
                        .map(|(id, a)| (id.to_string(), a.name.clone()))
                        .collect()
                };
                let mut groups = Vec::new();
                for (id, name) in apps {
                    let mut members = BTreeSet::new();
                    for (_, tier) in self.tier_rows(&id).await {
                        members.extend(self.member_set(&tier.criteria, &visible).vms);
                    }
                    groups.push((id, name, members));
                }
                groups
            }
        }
    }

    pub async fn migration_wave(
        &self,
        group_type: &str,
    ) -> Result<types::MigrationWave, AriaError> {
        let kind = GroupKind::parse(group_type)?;
        if self
            .db
            .read()
            .await
            .aria()
            .migration
            .contains(MIGRATION_DISABLED)
        {
            return Err(AriaError::InvalidInput(
                "Migration wave computation is disabled; enable it with POST /migration/enable"
                    .into(),
            ));
        }
        let groups = self.migration_groups(kind).await;
        let inv = &self.inventory;
        let flows: Vec<(u32, u32)> = (inv.flow_source.iter().copied())
            .zip(inv.flow_destination.iter().copied())
            .collect();
        let members: Vec<BTreeSet<usize>> = groups.iter().map(|g| g.2.clone()).collect();
        let wave = waves(&members, inv.workload.vms.len(), &flows);
        let mut wave_groups = Vec::new();
        for (g, (id, name, vms)) in groups.iter().enumerate() {
            let mw_id = uuid::Uuid::new_v5(
                &uuid::Uuid::NAMESPACE_URL,
                format!("migration/{}/{}", kind.canonical(), wave[g]).as_bytes(),
            );
            for &v in vms {
                wave_groups.push(types::VmMigrationWaveInfo {
                    entity_id: inv.id(EntityRef::vm(v)).to_string(),
                    entity_name: inv.workload.vms[v].name.clone(),
                    mw_name: format!("Wave-{}", wave[g] + 1),
                    mw_id: mw_id.to_string(),
                    group_entity_id: id.clone(),
                    group_entity_name: name.clone(),
                });
            }
        }
        Ok(types::MigrationWave {
            wave_groups,
            group_type: kind.canonical().into(),
            timestamp: self.clock.now_ms() as f64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_joined_by_a_flow_share_a_wave_and_no_flow_crosses_waves() {
        let set = |v: &[usize]| v.iter().copied().collect::<BTreeSet<_>>();
        // Groups 0 and 2 talk through VMs 0 and 4; group 1 talks to nobody; group 3 only to
        // the internet.
        let groups = [set(&[0, 1]), set(&[2]), set(&[4]), set(&[5])];
        let flows = [(0, 4), (1, 1), (5, NO_VM)];
        assert_eq!(waves(&groups, 6, &flows), vec![0, 1, 0, 2]);
        assert_eq!(waves(&groups, 6, &[]), vec![0, 1, 2, 3]);
    }

    #[test]
    fn group_types_parse_in_their_spellings() {
        for text in [
            "application",
            "APPLICATIONS",
            "security_group",
            "Security-Group",
            "SECURITYGROUP",
        ] {
            assert!(GroupKind::parse(text).is_ok(), "{text}");
        }
        let e = GroupKind::parse("vm").unwrap_err().to_string();
        assert!(e.contains("application or security_group"), "{e}");
    }
}
