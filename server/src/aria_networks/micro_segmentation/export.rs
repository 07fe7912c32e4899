//! The recommended rules as a zip to import into NSX (E85): `recommended-rules.json`, the
//! rules as `list_recommended_rules` answers them, and `nsx-firewall-rules.json`, each rule as
//! an NSX distributed-firewall rule with its services, in the sandbox's own format.

use std::io::Write;

use serde_json::{json, Value};
use zip::write::SimpleFileOptions;

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

fn nsx_rule(n: usize, r: &types::RecommendedRule) -> Value {
    let names = |refs: &[types::Reference]| -> Vec<Value> {
        refs.iter()
            .map(|r| json!({"target_id": r.entity_id, "target_type": r.entity_type, "target_display_name": r.entity_name}))
            .collect()
    };
    let ports: Vec<String> = r
        .port_ranges
        .iter()
        .map(|p| match p.start == p.end {
            true => p.start.to_string(),
            false => format!("{}-{}", p.start, p.end),
        })
        .collect();
    let services: Vec<Value> = r
        .protocols
        .iter()
        .map(|p| json!({"l4_protocol": p, "destination_ports": ports}))
        .collect();
    let name = |refs: &[types::Reference]| {
        refs.first()
            .and_then(|r| r.entity_name.clone())
            .unwrap_or_default()
    };
    json!({
        "display_name": format!("recommended-{:03}-{}-to-{}", n + 1, name(&r.sources), name(&r.destinations)),
        "sources": names(&r.sources),
        "destinations": names(&r.destinations),
        "services": services,
        "action": r.action.to_string(),
        "direction": "IN_OUT",
    })
}

impl Aria {
    pub async fn recommended_rules_zip(
        &self,
        body: Option<&types::RecommendedRulesRequest>,
    ) -> Result<Vec<u8>, AriaError> {
        let rules = self.recommended_rules(body).await?;
        let nsx: Vec<Value> = rules
            .results
            .iter()
            .enumerate()
            .map(|(n, r)| nsx_rule(n, r))
            .collect();
        let files = [
            ("recommended-rules.json", serde_json::to_vec_pretty(&rules)),
            (
                "nsx-firewall-rules.json",
                serde_json::to_vec_pretty(&json!({"rules": nsx})),
            ),
        ];
        let fail = |e: String| AriaError::Internal(format!("the zip could not be written: {e}"));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, bytes) in files {
            let bytes = bytes.map_err(|e| fail(e.to_string()))?;
            zip.start_file(name, stored)
                .map_err(|e| fail(e.to_string()))?;
            zip.write_all(&bytes).map_err(|e| fail(e.to_string()))?;
        }
        let cursor = zip.finish().map_err(|e| fail(e.to_string()))?;
        Ok(cursor.into_inner())
    }
}
