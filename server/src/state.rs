//! The sandbox's state: every API's tables in one place, so that a request that touches two
//! appliances (Aria configuring vIDM registers a client there) commits once. Each API sees it
//! through its own trait (`OmivvState`, `AriaState`, `VidmState`), so none names this type.

use crate::aria_networks::tables::{AriaState, AriaTables};
use crate::omevv::tables::{updated_by_omevv, OmevvState, OmevvTables};
use crate::omivv::tables::{updated_by_omivv, HostState, OmivvState, OmivvTables};
use crate::store::{Database, Journaled, Migration, Schema, StateStore, StoreError};
use crate::vidm::tables::{VidmState, VidmTables, SIGNING_KEY};
use crate::world::firmware::FirmwareLedger;

pub struct State {
    pub omivv: OmivvTables,
    pub aria: AriaTables,
    pub vidm: VidmTables,
    pub omevv: OmevvTables,
}

crate::journaled!(State {
    omivv,
    aria,
    vidm,
    omevv
});

pub type Db = Database<State>;

/// The layout of the rows a `--db` file holds, and how an older file's rows are brought up to
/// date when it is opened.
///
/// - 2: one row per table and key
/// - 3: rows are the sandbox's own types, not the spec's (Aria's mapped users and groups)
pub const SCHEMA: Schema = Schema {
    version: 3,
    migrations: &[Migration {
        from: 2,
        rewrite: crate::aria_networks::tables::rows_v2_to_v3,
    }],
};

impl State {
    /// Loads every table from `store`, creating (and committing) the signing keys a new store
    /// does not have yet.
    pub fn open(store: &dyn StateStore) -> Result<Self, StoreError> {
        let mut state = State {
            omivv: OmivvTables::default(),
            aria: AriaTables::default(),
            vidm: VidmTables::default(),
            omevv: OmevvTables::default(),
        };
        state.load(store)?;
        state.omivv.ensure_signing_secret();
        if !state.vidm.keys.contains(SIGNING_KEY) {
            state.vidm.keys.insert(
                SIGNING_KEY.into(),
                crate::vidm::signing::SigningKey::generate_pem(),
            );
        }
        let mut changes = Vec::new();
        state.changes(&mut changes)?;
        if !changes.is_empty() {
            store.commit(&changes)?;
        }
        state.settle();
        Ok(state)
    }

    /// Back to the configured start: no sessions, tokens, lockouts, vIDM settings, mappings or
    /// registered clients (signing keys stay, so that nothing else needs to change).
    pub fn reset(&mut self) {
        self.omivv.reset();
        self.aria.reset();
        self.vidm.reset();
        self.omevv.reset();
    }
}

impl OmivvState for State {
    fn omivv(&self) -> &OmivvTables {
        &self.omivv
    }
    fn omivv_mut(&mut self) -> &mut OmivvTables {
        &mut self.omivv
    }
}

impl AriaState for State {
    fn aria(&self) -> &AriaTables {
        &self.aria
    }
    fn aria_mut(&mut self) -> &mut AriaTables {
        &mut self.aria
    }
    fn aria_and_vidm_mut(&mut self) -> (&mut AriaTables, &mut VidmTables) {
        (&mut self.aria, &mut self.vidm)
    }
}

impl VidmState for State {
    fn vidm(&self) -> &VidmTables {
        &self.vidm
    }
    fn vidm_mut(&mut self) -> &mut VidmTables {
        &mut self.vidm
    }
}

impl OmevvState for State {
    fn omevv(&self) -> &OmevvTables {
        &self.omevv
    }
    fn omevv_mut(&mut self) -> &mut OmevvTables {
        &mut self.omevv
    }
    /// The hardware state a test set through OMIVV's control route: both Dell products watch
    /// the same hosts.
    fn dell_host(&self, host_id: &str) -> Option<HostState> {
        self.omivv.host_states.get(host_id).copied()
    }
}

/// One record of what updates did to the hosts, read by both Dell products.
impl FirmwareLedger for State {
    fn updated(&self, host_id: &str, source_name: &str, since: i64, now: i64) -> bool {
        let omevv_host = crate::omevv::omevv_id(host_id);
        updated_by_omivv(&self.omivv, host_id, source_name, since, now)
            || updated_by_omevv(&self.omevv, omevv_host, source_name, since, now)
    }
}
