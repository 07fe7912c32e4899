//! Flow-based discovery itself (E89): the VMs Aria sees, in the configured scope, grouped into
//! applications by the flows between them, and each application's VMs into tiers by the
//! configured naming preferences.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::csv::CsvNames;
use crate::aria_networks::inventory::{EntityRef, Inventory};
use crate::aria_networks::nodes::entity_id;
use crate::generated::aria_networks::types;

/// One application discovery found: its id, name and tiers (name → VMs by index).
#[derive(Debug, Clone)]
pub struct Found {
    pub id: String,
    pub name: String,
    pub tiers: BTreeMap<String, BTreeSet<usize>>,
}

impl Found {
    pub fn member_count(&self) -> usize {
        self.tiers.values().map(BTreeSet::len).sum()
    }

    /// `HIGH` for three tiers or more, `MEDIUM` for two, `LOW` for one.
    pub fn confidence(&self) -> &'static str {
        match self.tiers.len() {
            0 | 1 => "LOW",
            2 => "MEDIUM",
            _ => "HIGH",
        }
    }

    pub fn tier_id(&self, tier: &str) -> String {
        entity_id(562, &format!("fbad|{}|{tier}", self.id))
    }
}

pub fn granularity_name(g: types::DiscoveryGranularity) -> &'static str {
    match g {
        types::DiscoveryGranularity::Fine => "FINE",
        types::DiscoveryGranularity::Medium => "MEDIUM",
        types::DiscoveryGranularity::Coarse => "COARSE",
    }
}

/// What a VM is called under one naming preference, if it has a name there.
fn name_under(
    inv: &Inventory,
    vm: usize,
    pref: &types::NamingPreference,
    csv: Option<&CsvNames>,
    tier: bool,
) -> Option<String> {
    let v = &inv.workload.vms[vm];
    match pref.type_ {
        types::NamingPreferenceType::Csv => csv
            .and_then(|c| c.get(&v.name.to_lowercase()))
            .map(|(app, t)| if tier { t.clone() } else { app.clone() }),
        types::NamingPreferenceType::NsxSecurityGroups => {
            Some(inv.workload.security_groups[v.security_group].name.clone())
        }
        types::NamingPreferenceType::VcenterTags => v
            .tags
            .iter()
            .filter(|(k, _)| pref.values.is_empty() || pref.values.iter().any(|x| x == k))
            .min_by_key(|(k, _)| pref.values.iter().position(|x| x == k))
            .map(|(_, value)| value.clone()),
        types::NamingPreferenceType::VmNames => Some(role(&v.name)),
        // The world has no NSX security tags and no load balancers.
        types::NamingPreferenceType::SecurityTags
        | types::NamingPreferenceType::LbVirtualServers => None,
    }
}

/// What a VM's name says it does: the name without a trailing `-vm-<n>` or number (`web` for
/// `web-vm-001`, `db` for `db01`).
pub fn role(name: &str) -> String {
    // ASCII lower-casing keeps byte offsets, so the cut falls where it was found.
    let lower = name.to_ascii_lowercase();
    let numbered = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    let cut = match lower.rfind("-vm-") {
        Some(i) if numbered(&lower[i + 4..]) => &name[..i],
        _ => name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_'),
    };
    if cut.is_empty() {
        name.to_string()
    } else {
        cut.to_string()
    }
}

/// A VM's name under the first preference that gives it one.
fn first_name(
    inv: &Inventory,
    vm: usize,
    prefs: &[types::NamingPreference],
    csv: Option<&CsvNames>,
    tier: bool,
) -> String {
    prefs
        .iter()
        .find_map(|p| name_under(inv, vm, p, csv, tier))
        .unwrap_or_else(|| role(&inv.workload.vms[vm].name))
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// What discovery reads: the inventory, which VMs are in scope and seen, the flows seen, the
/// naming preferences and the CSV they may name.
pub struct Input<'a> {
    pub inv: &'a Inventory,
    pub in_scope: &'a [bool],
    /// `(source, destination, bytes)` of each flow seen between two VMs.
    pub edges: Vec<(usize, usize, u64)>,
    pub settings: &'a types::FbadConfigRequest,
    pub csv: Option<&'a CsvNames>,
}

/// The applications found at `granularity`, in the order of their first VM.
pub fn discover(input: &Input<'_>, granularity: types::DiscoveryGranularity) -> Vec<Found> {
    let inv = input.inv;
    // Traffic between each pair of VMs in scope, both ways.
    let mut pairs: HashMap<(usize, usize), u64> = HashMap::new();
    for &(a, b, bytes) in &input.edges {
        if a != b && input.in_scope[a] && input.in_scope[b] {
            *pairs.entry((a.min(b), a.max(b))).or_default() += bytes;
        }
    }
    // A finer discovery keeps only the heavier links: all of them, the upper half, the upper
    // quarter.
    let mut weights: Vec<u64> = pairs.values().copied().collect();
    weights.sort_unstable();
    let threshold = match (granularity, weights.len()) {
        (_, 0) | (types::DiscoveryGranularity::Coarse, _) => 0,
        (types::DiscoveryGranularity::Medium, n) => weights[n / 2],
        (types::DiscoveryGranularity::Fine, n) => weights[n * 3 / 4],
    };
    let mut parent: Vec<usize> = (0..inv.workload.vms.len()).collect();
    let mut linked = BTreeSet::new();
    for (&(a, b), &w) in &pairs {
        if w >= threshold {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
            linked.insert(a);
            linked.insert(b);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for vm in linked {
        let root = find(&mut parent, vm);
        groups.entry(root).or_default().push(vm);
    }
    let s = input.settings;
    let mut taken: HashMap<String, u32> = HashMap::new();
    groups
        .into_values()
        .map(|vms| {
            let mut tiers: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
            let mut app_names = BTreeSet::new();
            for &vm in &vms {
                let tier = first_name(inv, vm, &s.tier_naming_preferences, input.csv, true);
                tiers.entry(tier).or_default().insert(vm);
                app_names.insert(first_name(
                    inv,
                    vm,
                    &s.application_naming_preferences,
                    input.csv,
                    false,
                ));
            }
            let base = if app_names.len() == 1 {
                app_names.into_iter().next().unwrap_or_default()
            } else {
                app_names.into_iter().collect::<Vec<_>>().join("-")
            };
            let seen = taken.entry(base.to_lowercase()).or_default();
            *seen += 1;
            let name = match *seen {
                1 => base,
                n => format!("{base}-{n}"),
            };
            let first = inv.id(EntityRef::vm(vms[0]));
            Found {
                id: entity_id(
                    561,
                    &format!("fbad|{}|{first}", granularity_name(granularity)),
                ),
                name,
                tiers,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::role;

    #[test]
    fn a_role_is_the_name_without_its_trailing_number() {
        assert_eq!(role("web-vm-001"), "web");
        assert_eq!(role("db01"), "db");
        assert_eq!(role("app-vm-x-vm-12"), "app-vm-x");
        assert_eq!(role("app-vm-x"), "app-vm-x");
        assert_eq!(role("42"), "42");
        // Lower-casing that changes a character's length must not move the cut.
        assert_eq!(role("ȺȺȺȺȺȺȺ-VM-1"), "ȺȺȺȺȺȺȺ");
    }
}
