//! Resync: OpenManage Enterprise Update Manager's ESXi and vSAN catalogs become repository
//! profiles owned by `UMP`, made or refreshed in one transaction (E76).

use super::super::api::Caller;
use super::super::errors::OmevvError;
use super::super::tables::RepositoryRow;
use super::super::Omevv;
use super::view;
use crate::generated::omevv::types;

/// The catalog types a resync takes in, as Dell's module filters them.
pub const SYNCED_TYPES: [&str; 2] = [
    "ESXi Catalog for Enterprise Servers",
    "vSAN Catalog for Enterprise Servers",
];

/// Where Update Manager keeps its catalogs, as OMEVV names the share of a UMP profile.
const UMP_SHARE: &str = "//shared/dell/omc/cifs/idrac/RepositoryStore";

impl Omevv {
    pub async fn resync_repositories(
        &self,
        caller: &Caller,
    ) -> Result<Vec<types::RepositoryProfile>, OmevvError> {
        if !self.config.update_manager {
            return Err(OmevvError::InvalidInput(
                "The Update Manager plug-in is not installed in OpenManage Enterprise".into(),
            ));
        }
        let now = self.clock.now_ms();
        let parse_ms = self.config.catalog_seconds * 1000;
        let wanted: Vec<_> = self
            .config
            .ump_repositories
            .iter()
            .filter(|r| SYNCED_TYPES.contains(&r.catalog_type.as_str()))
            .collect();
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                for r in &wanted {
                    let file = format!("{}_{}_Catalog.xml", r.name, r.version);
                    let existing = t
                        .repositories
                        .iter()
                        .find(|(_, p)| p.name.eq_ignore_ascii_case(&r.name))
                        .map(|(id, p)| (id.to_string(), p.clone()));
                    match existing {
                        Some((_, p)) if !p.ump => {
                            return Err(OmevvError::NameExists(format!(
                                "{} (an OMEVV profile has the name of Update Manager's catalog)",
                                r.name
                            )))
                        }
                        // The same catalog: nothing to refresh.
                        Some((_, p)) if p.file_name.as_deref() == Some(file.as_str()) => {}
                        Some((id, mut p)) => {
                            p.file_name = Some(file);
                            p.modified_by = Some(caller.name().to_string());
                            p.parsed_ms = now + parse_ms;
                            t.repositories.insert(id, p);
                        }
                        None => {
                            let id = t.next_id("repository");
                            t.repositories.insert(
                                id.to_string(),
                                RepositoryRow {
                                    name: r.name.clone(),
                                    description: Some(format!(
                                        "{} from Update Manager",
                                        r.catalog_type
                                    )),
                                    profile_type: "Firmware".into(),
                                    protocol: "UNAVAILABLE".into(),
                                    share_path: UMP_SHARE.into(),
                                    share_user: None,
                                    share_domain: None,
                                    factory: false,
                                    created_by: "UMP".into(),
                                    modified_by: None,
                                    created_ms: now,
                                    parsed_ms: now + parse_ms,
                                    ump: true,
                                    file_name: Some(file),
                                },
                            );
                        }
                    }
                }
                // UMP profiles whose catalog is gone, unless a baseline still uses one.
                let gone: Vec<String> = t
                    .repositories
                    .iter()
                    .filter(|(id, p)| {
                        p.ump
                            && !wanted.iter().any(|r| r.name.eq_ignore_ascii_case(&p.name))
                            && !t
                                .baselines
                                .values()
                                .any(|b| b.firmware_repo.to_string() == **id)
                    })
                    .map(|(id, _)| id.to_string())
                    .collect();
                for id in gone {
                    t.repositories.remove(&id);
                }
                Ok(())
            })
            .await?;
        let s = self.db.read().await;
        let mut ump: Vec<_> = s
            .omevv()
            .repositories
            .iter()
            .filter(|(_, p)| p.ump)
            .map(|(id, p)| view(id, p, now))
            .collect();
        ump.sort_by_key(|p| p.id);
        Ok(ump)
    }
}
