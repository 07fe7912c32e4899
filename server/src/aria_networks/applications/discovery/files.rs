//! The uploaded CSVs (E89): upload, the rows the last one set aside, and a download of the one
//! the configuration names.

use super::config::{csv_path, CONFIG_ID};
use super::csv;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::tables::FbadFileRow;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;
use crate::stub::FormData;

/// The uploads kept; older ones not named by the configuration are forgotten.
const KEPT_FILES: usize = 20;

impl Aria {
    pub async fn upload_fbad_csv(
        &self,
        form: FormData,
    ) -> Result<types::FbadcsvUploadResponse, AriaError> {
        let part = form
            .part("file")
            .ok_or_else(|| AriaError::InvalidInput("the body needs a part named file".into()))?;
        self.db
            .write(|s| {
                let t = s.aria_mut();
                let seq = t.fbad_files.next_seq();
                let row = csv::parse(seq, &part.bytes)?;
                let path = csv::filepath(seq);
                t.fbad_files.insert(path.clone(), row);
                let named = t
                    .fbad_configs
                    .get(CONFIG_ID)
                    .and_then(|c| csv_path(&c.settings).map(str::to_string));
                t.fbad_files.drop_oldest(KEPT_FILES, named.as_deref());
                Ok(types::FbadcsvUploadResponse { filepath: path })
            })
            .await
    }

    /// The rows the last upload set aside, as CSV.
    pub async fn fbad_csv_errors(&self) -> Result<Vec<u8>, AriaError> {
        let state = self.db.read().await;
        let last: Option<&FbadFileRow> = state.aria().fbad_files.values().max_by_key(|f| f.seq);
        csv::errors_csv(last)
    }

    /// The file `filepath` names, if configuration `id` uses it.
    pub async fn download_fbad_csv(&self, id: &str, filepath: &str) -> Result<Vec<u8>, AriaError> {
        let state = self.db.read().await;
        let t = state.aria();
        let config = t
            .fbad_configs
            .get(id)
            .ok_or_else(|| super::config_not_found(id))?;
        if csv_path(&config.settings) != Some(filepath) {
            return Err(AriaError::NotFound(format!(
                "Configuration {id} uses no CSV with filepath {filepath}"
            )));
        }
        let file = t.fbad_files.get(filepath).ok_or_else(|| {
            AriaError::NotFound(format!("No uploaded CSV with filepath {filepath}"))
        })?;
        Ok(file.text.clone().into_bytes())
    }
}
