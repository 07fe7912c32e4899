//! The flow-based discovery configuration (E89): at most one, its defaults, and the run each
//! change starts, which takes [`RUN_MS`] on the sandbox clock. Until a run has finished,
//! discovery answers what the settings before it found.

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::tables::FbadConfigRow;
use crate::generated::aria_networks::types;

/// How long a discovery run takes.
pub const RUN_MS: i64 = 5 * 60 * 1000;
/// The only configuration's id.
pub const CONFIG_ID: &str = "fbad-1";
/// `full_fetch_flow_interval_in_sec`'s bounds: a week to 30 days.
const INTERVAL_SECS: std::ops::RangeInclusive<i32> = 604_800..=2_592_000;
/// The type codes a scope may name.
pub const SCOPE_TYPES: [i32; 7] = [1, 4, 11, 66, 82, 105, 601];

/// What discovery uses at a time: settings, and when the run that applied them finished
/// (`None` for the defaults, in force since the sandbox started).
pub struct InForce {
    pub settings: types::FbadConfigRequest,
    pub done_ms: Option<i64>,
}

impl FbadConfigRow {
    /// When this configuration's own run finishes, if it runs at all.
    fn run_end(&self) -> Option<i64> {
        (!self.settings.pause_discovery.unwrap_or(false)).then_some(self.changed_ms + RUN_MS)
    }

    pub fn in_force(&self, now_ms: i64) -> InForce {
        match self.run_end() {
            Some(end) if end <= now_ms => InForce {
                settings: self.settings.clone(),
                done_ms: Some(end),
            },
            _ => InForce {
                settings: self.before.clone().unwrap_or_else(defaults),
                done_ms: self.before_done_ms,
            },
        }
    }

    pub fn progress(&self, now_ms: i64) -> types::FbadProgressResponse {
        let in_force = self.in_force(now_ms);
        let progress = match self.run_end() {
            Some(end) if end > now_ms => {
                ((now_ms - self.changed_ms).max(0) as f64 * 100.0 / RUN_MS as f64).floor()
            }
            _ => 100.0,
        };
        types::FbadProgressResponse {
            last_success: in_force.done_ms,
            progress,
            error_code: None,
            error_message: None,
        }
    }

    pub fn answer(&self) -> types::FbadConfigResponse {
        let s = self.settings.clone();
        types::FbadConfigResponse {
            id: CONFIG_ID.into(),
            scope_object_type: s.scope_object_type,
            scope_entities: s.scope_entities,
            full_fetch_flow_interval_in_sec: s.full_fetch_flow_interval_in_sec.unwrap_or_default(),
            pause_discovery: s.pause_discovery.unwrap_or(false),
            application_naming_preferences: s.application_naming_preferences,
            tier_naming_preferences: s.tier_naming_preferences,
            discovery_options: s.discovery_options,
        }
    }
}

fn vm_names() -> types::NamingPreference {
    types::NamingPreference {
        type_: types::NamingPreferenceType::VmNames,
        values: Vec::new(),
    }
}

/// The settings with nothing configured.
pub fn defaults() -> types::FbadConfigRequest {
    filled(types::FbadConfigRequest::default())
}

/// `body` with its defaults: a week's interval, discovery running, VM names ending both naming
/// lists and the load-balancer option ending the options (as the vendor describes).
fn filled(mut s: types::FbadConfigRequest) -> types::FbadConfigRequest {
    s.full_fetch_flow_interval_in_sec
        .get_or_insert(*INTERVAL_SECS.start());
    s.pause_discovery.get_or_insert(false);
    for prefs in [
        &mut s.application_naming_preferences,
        &mut s.tier_naming_preferences,
    ] {
        if !prefs
            .iter()
            .any(|p| p.type_ == types::NamingPreferenceType::VmNames)
        {
            prefs.push(vm_names());
        }
    }
    if !s
        .discovery_options
        .iter()
        .any(|o| o.type_ == types::DiscoveryOptionType::Lb)
    {
        s.discovery_options.push(types::DiscoveryOption {
            type_: types::DiscoveryOptionType::Lb,
            value: None,
        });
    }
    s
}

/// Checks a request and fills in its defaults; `uploaded` says whether a `filepath` names an
/// upload.
pub fn checked(
    mut body: types::FbadConfigRequest,
    uploaded: impl Fn(&str) -> bool,
) -> Result<types::FbadConfigRequest, AriaError> {
    let bad = |m: String| Err(AriaError::InvalidInput(m));
    // VMware's SDK sends 0 for both when they are not given: 0 means not given.
    body.scope_object_type = body.scope_object_type.filter(|t| *t != 0);
    body.full_fetch_flow_interval_in_sec = body.full_fetch_flow_interval_in_sec.filter(|i| *i != 0);
    if let Some(t) = body.scope_object_type {
        if !SCOPE_TYPES.contains(&t) {
            return bad(format!(
                "scope_object_type {t} is not one of {SCOPE_TYPES:?}"
            ));
        }
    } else if !body.scope_entities.is_empty() {
        return bad("scope_entities needs scope_object_type".into());
    }
    if let Some(i) = body.full_fetch_flow_interval_in_sec {
        if !INTERVAL_SECS.contains(&i) {
            return bad(format!(
                "full_fetch_flow_interval_in_sec must be {} to {}, not {i}",
                INTERVAL_SECS.start(),
                INTERVAL_SECS.end()
            ));
        }
    }
    for o in &body.discovery_options {
        if o.type_ == types::DiscoveryOptionType::Csv {
            match o.value.as_deref() {
                Some(path) if uploaded(path) => {}
                Some(path) => return bad(format!("no uploaded CSV has filepath {path:?}")),
                None => return bad("a CSV discovery option needs the upload's filepath".into()),
            }
        }
    }
    Ok(filled(body))
}

/// The CSV the settings name, if any (the first `CSV` option).
pub fn csv_path(s: &types::FbadConfigRequest) -> Option<&str> {
    s.discovery_options
        .iter()
        .find(|o| o.type_ == types::DiscoveryOptionType::Csv)
        .and_then(|o| o.value.as_deref())
}
