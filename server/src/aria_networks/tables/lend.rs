//! Lending the data sources' tables to `data_sources`, which does not name `AriaTables`.

use super::AriaTables;
use crate::aria_networks::data_sources::rows::{LendTables, Tables};

impl LendTables for AriaTables {
    fn data_source_tables(&mut self) -> Tables<'_> {
        Tables {
            data_sources: &mut self.data_sources,
            addresses: &mut self.data_source_addresses,
            removed_nodes: &self.removed_nodes,
            bulk_reports: &mut self.bulk_reports,
            certificate_renewals: &self.certificate_renewals,
            web_proxies: &self.web_proxies,
        }
    }
}
