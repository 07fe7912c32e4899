//! Where OMIVV's objects live, as the client reached the API: the one place their hrefs are
//! spelt. The edge makes one per request from the request's scheme and host; the domain asks it
//! where an object lives and never builds a URL itself.

use super::tables::OmivvJobKind;

pub struct Links {
    /// `https://host/Spectre/api/rest/v1`.
    base: String,
}

impl Links {
    pub fn new(scheme: &str, host: Option<&str>) -> Self {
        let host = host.unwrap_or("localhost");
        Links {
            base: format!("{scheme}://{host}{}", crate::OMIVV_BASE),
        }
    }

    pub fn console(&self, id: &str) -> String {
        format!("{}/Services/ConsoleService/Consoles/{id}", self.base)
    }

    pub fn cluster(&self, console: &str, id: &str) -> String {
        format!("{}/Clusters/{id}", self.console(console))
    }

    pub fn host(&self, console: &str, id: &str) -> String {
        format!("{}/Hosts/{id}", self.console(console))
    }

    pub fn job(&self, kind: OmivvJobKind, id: &str) -> String {
        let service = match kind {
            OmivvJobKind::FirmwareUpdate => "UpdateService",
            OmivvJobKind::DriftDetection => "DriftDetectionService",
        };
        format!("{}/Services/{service}/Jobs/{id}", self.base)
    }

    /// A cluster's drift report (the cluster id lower-cased, as the appliance answers it).
    pub fn drift_report(&self, cluster: &str) -> String {
        format!(
            "{}/Services/DriftDetectionService/DriftReport/{}",
            self.base,
            cluster.to_ascii_lowercase()
        )
    }

    pub fn repository_profile(&self, id: &str) -> String {
        format!(
            "{}/Services/PluginProfileService/RepositoryProfiles/{id}",
            self.base
        )
    }

    pub fn cluster_profile(&self, id: &str) -> String {
        format!(
            "{}/Services/PluginProfileService/ClusterProfiles/{id}",
            self.base
        )
    }

    pub fn license(&self, id: &str) -> String {
        format!("{}/Services/LicenseService/Licenses/{id}", self.base)
    }
}
