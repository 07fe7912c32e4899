//! An empty set of Aria's tables, and emptying one (the control API's reset).

use super::*;

impl Default for AriaTables {
    fn default() -> Self {
        Self {
            tokens: Table::indexed("aria.tokens", |t: &LiveToken| t.principal.clone()),
            vidm: Table::new("aria.vidm"),
            users: Table::new("aria.users"),
            groups: Table::new("aria.groups"),
            passwords: Table::new("aria.passwords"),
            banner: Table::new("aria.banner"),
            ip_tags: Table::new("aria.ip_tags"),
            data_sources: Table::indexed("aria.data_sources", |r: &DataSourceRow| {
                r.kind.segment().to_string()
            }),
            data_source_addresses: Table::new("aria.data_source_addresses"),
            snmp_profiles: Table::new("aria.snmp_profiles"),
            events: Table::indexed("aria.events", |r: &EventRow| r.name().to_lowercase()),
            applications: Table::indexed("aria.applications", |r: &ApplicationRow| {
                r.name.to_lowercase()
            }),
            tiers: Table::indexed("aria.tiers", |r: &TierRow| r.application.clone()),
            removed_nodes: Table::new("aria.removed_nodes"),
            watermark: Table::new("aria.watermark"),
            seeded: Table::new("aria.seeded"),
            incidents: Table::indexed("aria.incidents", |r: &IncidentRow| {
                r.incident.start_entity_id.clone()
            }),
            intents: Table::indexed("aria.intents", |r: &IntentRow| {
                r.intent.name.as_deref().unwrap_or_default().to_lowercase()
            }),
            fbad_configs: Table::new("aria.fbad_configs"),
            fbad_files: Table::new("aria.fbad_files"),
            save_tasks: Table::new("aria.save_tasks"),
            bulk_reports: Table::new("aria.bulk_reports"),
            certificate_renewals: Table::new("aria.certificate_renewals"),
            migration: Table::new("aria.migration"),
            key_rotation: Table::new("aria.key_rotation"),
            licenses: Table::new("aria.licenses"),
            subnet_mappings: Table::indexed("aria.subnet_mappings", |r: &SubnetMappingRow| {
                r.mapping.cidr.clone()
            }),
            subscribers: Table::new("aria.subscribers"),
            backup_configs: Table::new("aria.backup_configs"),
            backup_runs: Table::new("aria.backup_runs"),
            backup_files: Table::new("aria.backup_files"),
            syslog_targets: Table::new("aria.syslog_targets"),
            syslog_mappings: Table::new("aria.syslog_mappings"),
            syslog_status: Table::new("aria.syslog_status"),
            snmp_engine: Table::new("aria.snmp_engine"),
            web_proxies: Table::new("aria.web_proxies"),
            search_alerts: Table::indexed("aria.search_alerts", |r: &SearchAlertRow| {
                r.name().to_lowercase()
            }),
            boards: Table::new("aria.boards"),
            board_preferences: Table::new("aria.board_preferences"),
            board_counters: Table::new("aria.board_counters"),
            audit_log: Table::new("aria.audit_log"),
            outbox: Table::new("aria.outbox"),
            application_changes: Table::new("aria.application_changes"),
        }
    }
}

impl AriaTables {
    pub fn vidm_settings(&self) -> Option<&VidmSettings> {
        self.vidm.get(VIDM)
    }

    pub fn reset(&mut self) {
        self.tokens.clear();
        self.vidm.clear();
        self.users.clear();
        self.groups.clear();
        self.passwords.clear();
        self.banner.clear();
        self.ip_tags.clear();
        self.data_sources.clear();
        self.data_source_addresses.clear();
        self.snmp_profiles.clear();
        self.events.clear();
        self.applications.clear();
        self.tiers.clear();
        self.removed_nodes.clear();
        self.watermark.clear();
        self.seeded.clear();
        self.incidents.clear();
        self.intents.clear();
        self.fbad_configs.clear();
        self.fbad_files.clear();
        self.save_tasks.clear();
        self.bulk_reports.clear();
        self.certificate_renewals.clear();
        self.migration.clear();
        self.key_rotation.clear();
        self.licenses.clear();
        self.subnet_mappings.clear();
        self.subscribers.clear();
        self.backup_configs.clear();
        self.backup_runs.clear();
        self.backup_files.clear();
        self.syslog_targets.clear();
        self.syslog_mappings.clear();
        self.syslog_status.clear();
        self.snmp_engine.clear();
        self.web_proxies.clear();
        self.search_alerts.clear();
        self.boards.clear();
        self.board_preferences.clear();
        self.board_counters.clear();
        self.audit_log.clear();
        self.outbox.clear();
        self.application_changes.clear();
    }
}
