//! The VMware Cloud Foundation watermark (`/infra/watermark`, E54): which VCF deployment
//! manages the appliance. At most one; administrators set, replace and delete it.

use serde_json::Value;

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::model::{from_model, to_model};
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// The key of the one row of the `watermark` table.
const WATERMARK: &str = "watermark";

/// The longest value a field may hold.
const MAX_FIELD: usize = 256;

fn none() -> AriaError {
    AriaError::NotFound("No VCF watermark is set".into())
}

fn checked(
    w: &types::VcfWatermarkConfiguration,
) -> Result<serde_json::Map<String, Value>, AriaError> {
    let model = to_model(w);
    for (field, value) in &model {
        if value
            .as_str()
            .is_some_and(|v| v.chars().count() > MAX_FIELD)
        {
            return Err(AriaError::InvalidInput(format!(
                "{field} is over {MAX_FIELD} characters"
            )));
        }
    }
    Ok(model)
}

impl Aria {
    pub async fn vcf_watermark(&self) -> Result<types::VcfWatermarkConfiguration, AriaError> {
        let state = self.db.read().await;
        let stored = state.aria().watermark.get(WATERMARK).ok_or_else(none)?;
        from_model(stored.clone())
    }

    pub async fn save_vcf_watermark(
        &self,
        w: types::VcfWatermarkConfiguration,
    ) -> Result<types::VcfWatermarkConfiguration, AriaError> {
        let model = checked(&w)?;
        self.db
            .write(|s| {
                let t = s.aria_mut();
                if t.watermark.contains(WATERMARK) {
                    return Err(AriaError::AlreadyExists(
                        "A VCF watermark is set already; update or delete it".into(),
                    ));
                }
                t.watermark.insert(WATERMARK.into(), model);
                Ok(w)
            })
            .await
    }

    pub async fn update_vcf_watermark(
        &self,
        w: types::VcfWatermarkConfiguration,
    ) -> Result<types::VcfWatermarkConfiguration, AriaError> {
        let model = checked(&w)?;
        self.db
            .write(|s| {
                s.aria_mut()
                    .watermark
                    .update(WATERMARK, |stored| *stored = model)
                    .ok_or_else(none)?;
                Ok(w)
            })
            .await
    }

    pub async fn delete_vcf_watermark(&self) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                s.aria_mut()
                    .watermark
                    .remove(WATERMARK)
                    .map(drop)
                    .ok_or_else(none)
            })
            .await
    }
}
