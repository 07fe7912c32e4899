//! The kinds of problem the sandbox raises (E84), with what `/schema/problems` tells of them.

use crate::generated::aria_networks::types;

/// A VM's CPU usage above this, averaged over [`CPU_STEP`] seconds, is a problem.
pub const CPU_THRESHOLD: f64 = 80.0;
/// The interval CPU usage is judged over (one of the metrics' intervals, so that a client can
/// see the same figures through `/metrics`).
pub const CPU_STEP: i64 = 1800;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    VmCpuHigh,
    HostCritical,
    HostWarning,
}

impl ProblemKind {
    pub const ALL: [ProblemKind; 3] = [
        ProblemKind::VmCpuHigh,
        ProblemKind::HostCritical,
        ProblemKind::HostWarning,
    ];

    /// The type code in its problems' ids (the appliance's problems carry one per kind).
    pub fn code(self) -> u32 {
        match self {
            ProblemKind::VmCpuHigh => 35101,
            ProblemKind::HostCritical => 35102,
            ProblemKind::HostWarning => 35103,
        }
    }

    pub fn from_code(code: u32) -> Option<ProblemKind> {
        ProblemKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The event's class name, as the appliance names problems.
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::VmCpuHigh => "VMHighCPUUsageEvent",
            ProblemKind::HostCritical => "HostHealthCriticalEvent",
            ProblemKind::HostWarning => "HostHealthWarningEvent",
        }
    }

    pub fn severity(self) -> types::ProblemSeverity {
        match self {
            ProblemKind::VmCpuHigh => types::ProblemSeverity::Moderate,
            ProblemKind::HostCritical => types::ProblemSeverity::Critical,
            ProblemKind::HostWarning => types::ProblemSeverity::Warning,
        }
    }

    /// The severity as filters and the schema spell it.
    pub fn filter_severity(self) -> types::EventSeverity {
        match self.severity() {
            types::ProblemSeverity::Critical => types::EventSeverity::Critical,
            types::ProblemSeverity::Moderate => types::EventSeverity::Moderate,
            types::ProblemSeverity::Warning => types::EventSeverity::Warning,
            types::ProblemSeverity::Info => types::EventSeverity::Info,
        }
    }

    pub fn tags(self) -> Vec<String> {
        let tag = match self {
            ProblemKind::VmCpuHigh => "Performance",
            ProblemKind::HostCritical | ProblemKind::HostWarning => "Health",
        };
        vec![tag.to_string()]
    }

    pub fn subject_type(self) -> &'static str {
        match self {
            ProblemKind::VmCpuHigh => "VirtualMachine",
            ProblemKind::HostCritical | ProblemKind::HostWarning => "Host",
        }
    }

    pub fn recommendations(self) -> Vec<String> {
        let text = match self {
            ProblemKind::VmCpuHigh => "Add virtual CPUs to the VM or move load off it.",
            ProblemKind::HostCritical | ProblemKind::HostWarning => {
                "Check the host's hardware log and its management controller."
            }
        };
        vec![text.to_string()]
    }

    pub fn meta(self) -> types::EventMetaInfo {
        let (help_text, impact) = match self {
            ProblemKind::VmCpuHigh => (
                format!("The VM's CPU usage averaged over {CPU_THRESHOLD}% for {CPU_STEP} seconds or more."),
                types::EventMetaInfoImpact::Performance,
            ),
            ProblemKind::HostCritical => (
                "The host's hardware health is critical.".to_string(),
                types::EventMetaInfoImpact::AvailabilityRisk,
            ),
            ProblemKind::HostWarning => (
                "The host's hardware health is degraded.".to_string(),
                types::EventMetaInfoImpact::Health,
            ),
        };
        types::EventMetaInfo {
            entity_type: "ProblemEvent".into(),
            name: self.name().into(),
            help_text,
            severity: self.filter_severity(),
            tags: self.tags(),
            supported_entity_types: vec![self.subject_type().into()],
            supported_manager_types: vec!["VCenterManager".into()],
            impact,
            recommendations: self.recommendations(),
        }
    }
}
