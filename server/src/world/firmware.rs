//! The firmware a Dell host of the world has installed, as both Dell products report it: the
//! components every host has, the version Dell's catalog holds (what a baseline asks for) and
//! the older one a drifted host still runs.

/// When every host's firmware was installed: the start of each host's history, for both Dell
/// products (their inventories and OMEVV's hardware log).
pub const INSTALLED_AT: &str = "2024-03-12T10:15:00Z";

/// One component of a host.
pub struct Component {
    /// iDRAC's id of the installed component, what OMEVV calls `sourceName`.
    pub source_name: &'static str,
    pub name: &'static str,
    pub driver: bool,
    /// The version in Dell's catalog.
    pub catalog: &'static str,
    /// What a drifted host has; `None` for a component no host drifts on.
    pub drifted: Option<&'static str>,
    /// The catalog's rating of the update (`Urgent`, `Recommended`, `Optional`).
    pub criticality: &'static str,
    pub reboot_required: bool,
}

pub const COMPONENTS: [Component; 6] = [
    Component {
        source_name: "DCIM:INSTALLED#741__BIOS.Setup.1-1",
        name: "BIOS",
        driver: false,
        catalog: "2.19.1",
        drifted: None,
        criticality: "Recommended",
        reboot_required: true,
    },
    Component {
        source_name: "DCIM:INSTALLED#iDRAC.Embedded.1-1#IDRACinfo",
        name: "Integrated Dell Remote Access Controller",
        driver: false,
        catalog: "7.00.00.171",
        drifted: None,
        criticality: "Recommended",
        reboot_required: false,
    },
    Component {
        source_name: "DCIM:INSTALLED#301_C_RAID.Integrated.1-1",
        name: "PERC H740P Mini",
        driver: false,
        catalog: "51.16.0-4076",
        drifted: None,
        criticality: "Recommended",
        reboot_required: true,
    },
    Component {
        source_name: "DCIM:INSTALLED#701__NIC.Embedded.1-1-1",
        name: "Broadcom Gigabit Ethernet BCM5720",
        driver: false,
        catalog: "22.31.6",
        drifted: None,
        criticality: "Optional",
        reboot_required: true,
    },
    Component {
        source_name: "DCIM:INSTALLED#802__Diagnostics.Embedded.1:LC.Embedded.1",
        name: "Enterprise UEFI Diagnostics",
        driver: false,
        catalog: "4303A19",
        drifted: Some("4303A15"),
        criticality: "Optional",
        reboot_required: false,
    },
    Component {
        source_name: "VMW:qedentv",
        name: "QLogic FastLinQ 41xxx Series (qedentv)",
        driver: true,
        catalog: "3.40.3.0",
        drifted: Some("3.11.16.0"),
        criticality: "Urgent",
        reboot_required: true,
    },
];

/// The component with this `sourceName`.
pub fn component(source_name: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| c.source_name == source_name)
}

impl Component {
    /// What a host runs: the catalog's version, or the older one while the host is drifted
    /// and no update has brought this component up to date.
    pub fn installed(&self, drifted: bool, updated: bool) -> &'static str {
        match self.drifted {
            Some(old) if drifted && !updated => old,
            _ => self.catalog,
        }
    }
}

/// What updates have done to hosts' firmware, as both Dell products record them (OMIVV's update
/// jobs bring every component of their hosts to the catalog, OMEVV's the components they name).
/// A product asks through this, so that an update made through either shows in both.
pub trait FirmwareLedger {
    /// Whether an update that completed after `since` and by `now` brought `source_name` of the
    /// host (a world host id) to the catalog's version.
    fn updated(&self, host_id: &str, source_name: &str, since: i64, now: i64) -> bool;
}

/// A server model's system id, as Dell's catalogs key bundles by it: four hex digits derived
/// from the model's name (E71).
pub fn system_id(model: &str) -> String {
    let h = model.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{:04X}", h & 0xffff)
}
