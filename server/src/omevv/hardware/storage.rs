//! A host's storage and slots: the PERC controller at the firmware the host runs, its mirrored
//! virtual disk on two SSDs, the backplane, and the PCI slots of the model.

use super::super::errors::OmevvError;
use super::super::inventory::Placed;
use super::super::{Console, Omevv};
use crate::generated::omevv::types;

const PERC: &str = "PERC H740P Mini";

fn disks(h: &Placed<'_>) -> Vec<types::ServerArrayDisk> {
    let tag = &h.host.config.service_tag;
    (0..2)
        .map(|n| types::ServerArrayDisk {
            id: Some(h.id() * 10 + n),
            disk_number: Some(format!(
                "Disk.Bay.{n}:Enclosure.Internal.0-1:RAID.Integrated.1-1"
            )),
            vendor_name: Some("TOSHIBA".into()),
            status: Some(2),
            status_string: Some("OK".into()),
            model_number: Some("KPM5XRUG480G".into()),
            serial_number: Some(format!("{tag}SSD{n}")),
            form_factor: Some("2.5 inch".into()),
            size: Some("446.63 GB".into()),
            bus_type: Some("SAS".into()),
            slot_number: Some(n),
            media_type: Some("SSD".into()),
            raid_status: Some("Online".into()),
            name: Some(format!("Solid State Disk 0:1:{n}")),
            hot_spare_type: Some(types::ServerArrayDiskHotSpareType::None),
            virtual_disk: Some("Disk.Virtual.0:RAID.Integrated.1-1".into()),
            controller_id: Some(h.id() * 10),
        })
        .collect()
}

impl Omevv {
    pub(crate) async fn controllers_of(
        &self,
        console: &Console<'_>,
        h: &Placed<'_>,
    ) -> Result<Vec<types::Controller>, OmevvError> {
        let firmware = self.host_firmware(console, h.id()).await?;
        let version = firmware
            .iter()
            .find(|f| f.device_description.as_deref() == Some(PERC))
            .and_then(|f| f.version.clone());
        let id = h.id() * 10;
        Ok(vec![types::Controller {
            id: Some(id),
            name: Some(PERC.into()),
            fqdd: Some("RAID.Integrated.1-1".into()),
            device_description: Some("Integrated RAID Controller 1".into()),
            status_string: Some("OK".into()),
            rollup_status_string: Some("OK".into()),
            firmware_version: version,
            cache_size_in_mb: Some(8192),
            pci_slot: Some("Integrated".into()),
            driver_version: Some("7.719.02.00".into()),
            virtual_disks: vec![types::VirtualDisk {
                id: Some(id + 1),
                raid_controller_id: Some(id),
                fqdd: Some("Disk.Virtual.0:RAID.Integrated.1-1".into()),
                state: Some("Online".into()),
                status: Some("OK".into()),
                layout: Some("RAID-1".into()),
                media_type: Some("SSD".into()),
                name: Some("BOOT".into()),
                size: Some("446.63 GB".into()),
                physical_disks_count: Some(2),
            }],
        }])
    }

    pub async fn controllers(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<Vec<types::Controller>, OmevvError> {
        let h = self.managed(console, id).await?;
        self.controllers_of(console, &h).await
    }

    pub async fn physical_disks(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<Vec<types::ServerArrayDisk>, OmevvError> {
        Ok(disks(&self.managed(console, id).await?))
    }

    pub(crate) fn disks_of(h: &Placed<'_>) -> Vec<types::ServerArrayDisk> {
        disks(h)
    }

    pub async fn enclosures(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<Vec<types::ServerStorageEnclosure>, OmevvError> {
        let h = self.managed(console, id).await?;
        Ok(vec![types::ServerStorageEnclosure {
            id: Some(h.id() * 10),
            name: Some("BP14G+ 0:1".into()),
            status: Some(2),
            status_type_string: Some("OK".into()),
            channel_number: Some("0".into()),
            backplane_part_num: Some("0DW9DY".into()),
            version: Some("4.35".into()),
            slot_count: Some(8),
        }])
    }

    pub async fn pci_slots(
        &self,
        console: &Console<'_>,
        id: i64,
    ) -> Result<Vec<types::PciSlotDetails>, OmevvError> {
        self.managed(console, id).await?;
        Ok(pci_slots())
    }
}

pub(crate) fn pci_slots() -> Vec<types::PciSlotDetails> {
    [
        (
            "1",
            "Broadcom Inc. and subsidiaries",
            "NetXtreme E-Series Advanced Dual-port 25Gb SFP28",
        ),
        ("2", "", "Empty slot"),
        ("3", "Dell", "BOSS-S1 Adapter"),
    ]
    .into_iter()
    .map(|(slot, maker, what)| types::PciSlotDetails {
        slot_number: Some(slot.into()),
        manufacturer: (!maker.is_empty()).then(|| maker.to_string()),
        description: Some(what.into()),
        slot_type: Some("PCI Express Gen 3".into()),
        databus_width: Some("16x or x16".into()),
    })
    .collect()
}
