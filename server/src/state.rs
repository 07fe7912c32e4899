//! The sandbox's state: every API's tables in one place, so that a request that touches two
//! appliances (Aria configuring vIDM registers a client there) commits once.

use crate::aria_networks::tables::AriaTables;
use crate::omivv::tables::OmivvTables;
use crate::store::{Database, Journaled, StateStore, StoreError};
use crate::vidm::tables::{VidmTables, SIGNING_KEY};

pub struct State {
    pub omivv: OmivvTables,
    pub aria: AriaTables,
    pub vidm: VidmTables,
}

crate::journaled!(State { omivv, aria, vidm });

pub type Db = Database<State>;

impl State {
    /// Loads every table from `store`, creating (and committing) the signing keys a new store
    /// does not have yet.
    pub fn open(store: &dyn StateStore) -> Result<Self, StoreError> {
        let mut state = State {
            omivv: OmivvTables::default(),
            aria: AriaTables::default(),
            vidm: VidmTables::default(),
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
    }
}
