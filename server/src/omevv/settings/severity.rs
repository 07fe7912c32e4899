//! Proactive HA severity overrides: what vSphere is told when a component of a host degrades,
//! Dell's default per component unless an override is set (E73).

use super::super::errors::OmevvError;
use super::super::Omevv;
use crate::generated::omevv::types;

use types::OverrideSeverityDtoDefaultSeverity as Default;
use types::OverrideSeverityDtoOverrideSeverity as Override;

/// (id, component, what degrades, Dell's default severity).
const COMPONENTS: [(i64, &str, &str, Default); 7] = [
    (
        1,
        "Fan",
        "A fan failed or lost redundancy",
        Default::ModeratelyDegraded,
    ),
    (
        2,
        "Power Supply",
        "A power supply failed or lost redundancy",
        Default::ModeratelyDegraded,
    ),
    (
        3,
        "Storage Controller",
        "A storage controller failed",
        Default::SeverelyDegraded,
    ),
    (
        4,
        "Physical Disk",
        "A physical disk failed or predicts failure",
        Default::ModeratelyDegraded,
    ),
    (
        5,
        "Memory",
        "A memory module reports uncorrectable errors",
        Default::SeverelyDegraded,
    ),
    (
        6,
        "Network",
        "A network port lost its link",
        Default::ModeratelyDegraded,
    ),
    (
        7,
        "Temperature",
        "A temperature probe is outside its thresholds",
        Default::ModeratelyDegraded,
    ),
];

fn same(d: Default) -> Override {
    match d {
        Default::Info => Override::Info,
        Default::ModeratelyDegraded => Override::ModeratelyDegraded,
        Default::SeverelyDegraded => Override::SeverelyDegraded,
    }
}

impl Omevv {
    pub async fn severities(&self) -> Vec<types::OverrideSeverityDto> {
        let s = self.db.read().await;
        let t = s.omevv();
        COMPONENTS
            .iter()
            .map(|(id, component, description, default)| {
                let set = t
                    .severities
                    .get(&id.to_string())
                    .and_then(|v| v.parse::<Override>().ok());
                types::OverrideSeverityDto {
                    id: Some(*id),
                    component: Some((*component).into()),
                    description: Some((*description).into()),
                    default_severity: Some(*default),
                    override_severity: Some(set.unwrap_or(same(*default))),
                }
            })
            .collect()
    }

    /// Sets the overrides the entries name, all of them or (on a bad entry) none.
    pub async fn set_severities(
        &self,
        entries: Vec<types::OverrideSeverityDto>,
    ) -> Result<Vec<types::OverrideSeverityDto>, OmevvError> {
        let mut changes = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let id =
                e.id.ok_or_else(|| OmevvError::InvalidInput(format!("[{i}].id is required")))?;
            if !COMPONENTS.iter().any(|c| c.0 == id) {
                return Err(OmevvError::InvalidInput(format!(
                    "[{i}].id: no component with id {id}"
                )));
            }
            let severity = e.override_severity.ok_or_else(|| {
                OmevvError::InvalidInput(format!("[{i}].overrideSeverity is required"))
            })?;
            changes.push((id.to_string(), severity.to_string()));
        }
        self.db
            .write(|s| {
                for (id, severity) in changes {
                    s.omevv_mut().severities.insert(id, severity);
                }
                Ok::<_, OmevvError>(())
            })
            .await?;
        Ok(self.severities().await)
    }
}
