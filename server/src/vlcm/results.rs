//! What a finished HSM task found, computed when it is read from the task and the world as it
//! was when each host's turn ended: a host's inventory, a scan against the package (one
//! deviation per component behind the catalog), and the other actions' messages.

use crate::generated::vlcm::types;
use crate::omevv::tables::{HsmAction, HsmTaskRow, OmevvState};
use crate::omevv::{installed, Console, Omevv, Placed};
use crate::world::firmware::Component;

fn system_component(c: &Component) -> types::SystemComponentBaseInfo {
    use types::SystemComponentBaseInfoType as Kind;
    let kind = match c.source_name {
        s if s.contains("BIOS") => Kind::Bios,
        s if s.contains("RAID") => Kind::ScsiStorage,
        s if s.contains("NIC") || c.driver => Kind::PciDevice,
        _ => Kind::Other,
    };
    types::SystemComponentBaseInfo {
        name: c.name.into(),
        id: c.source_name.into(),
        type_: kind,
        description: None,
        part_number: None,
    }
}

/// Whether a stage of the same package ended on `host` before `at`.
fn staged(s: &dyn OmevvState, task: &HsmTaskRow, host: i64, at: i64) -> bool {
    s.omevv().hsm_tasks.values().any(|t| {
        t.action == HsmAction::StageUpdate
            && t.console == task.console
            && t.package == task.package
            && t.turns().iter().any(|(h, _, end)| *h == host && *end <= at)
    })
}

fn scan(
    s: &dyn OmevvState,
    task: &HsmTaskRow,
    h: &Placed<'_>,
    at: i64,
) -> types::HostComplianceScanInfo {
    use types::Compliance;
    let behind: Vec<_> = installed(s, h, at)
        .into_iter()
        .filter(|(c, current)| *current != c.catalog)
        .collect();
    let compliant = behind.is_empty();
    let reboot = behind.iter().any(|(c, _)| c.reboot_required);
    types::HostComplianceScanInfo {
        fw_compliance: if compliant {
            Compliance::Compliant
        } else {
            Compliance::NonCompliant
        },
        impact: types::RemediationImpact {
            maintenance_mode_required: !compliant,
            pre_image_update_required: !compliant,
            intermediate_reboot_required: false,
            intermediate_reboot_hw_reset_required: false,
            post_image_update_required: false,
            final_reboot_required: reboot,
            final_reboot_hw_reset_required: false,
        },
        messages: vec![if compliant {
            "Every component is at the package's version".into()
        } else {
            format!("{} component(s) behind the package", behind.len())
        }],
        fw_stage_status: Some(if staged(s, task, h.id(), at) {
            types::HostComplianceScanInfoFwStageStatus::Staged
        } else {
            types::HostComplianceScanInfoFwStageStatus::NotStaged
        }),
        internal_integrity: Some(Compliance::Compliant),
        deviations: behind
            .into_iter()
            .map(|(c, current)| types::ComplianceDeviation {
                system_component: system_component(c),
                compliance: Compliance::NonCompliant,
                current_version: current.into(),
                target_version: c.catalog.into(),
                messages: vec![format!("{} {current} is older than {}", c.name, c.catalog)],
            })
            .collect(),
    }
}

impl Omevv {
    /// Fills in what a task that has ended found.
    pub(super) fn task_result(
        &self,
        s: &dyn OmevvState,
        console: &Console<'_>,
        task: &HsmTaskRow,
        info: &mut types::TaskInfo,
    ) {
        let (name, version) = task.package.clone().unwrap_or_default();
        for (host, _, end) in task.turns() {
            let Ok(h) = console.host(host) else { continue };
            let id = h.host.id.clone();
            if task.failing.contains(&host) {
                info.messages.push(format!(
                    "{id}: the host's health is critical; nothing was changed"
                ));
                continue;
            }
            let said = match task.action {
                HsmAction::GetHostInventory => {
                    info.host_inventory_list = installed(s, &h, end)
                        .into_iter()
                        .map(|(c, v)| types::HostInventoryEntry {
                            system_component: system_component(c),
                            firmware_version: v.into(),
                        })
                        .collect();
                    format!("{id}: firmware inventory read")
                }
                HsmAction::Scan => {
                    let result = scan(s, task, &h, end);
                    let said = format!("{id}: {}", result.messages[0]);
                    info.compliance_scan_map.insert(id.clone(), result);
                    said
                }
                HsmAction::StageUpdate => format!("{id}: {name} {version} staged"),
                HsmAction::UpdatePreCheck => format!("{id}: ready for remediation"),
                HsmAction::PreImageUpdate => {
                    format!("{id}: firmware updated to {name} {version}")
                }
                HsmAction::PostImageUpdate => format!("{id}: post-image update done"),
            };
            info.messages.push(said);
        }
        info.operation_status_code = Some(if task.failing.is_empty() { 0 } else { 1 });
    }
}
