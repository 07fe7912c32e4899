//! Ids of settings the appliance names with a prefix and twelve letters and digits
//! (`snmp-…`, `web-proxy-…`): derived from what the setting is and its place in the order
//! added, so ids are stable between runs.

use sha2::{Digest, Sha256};

/// `prefix` and twelve lowercase letters and digits from `name`, `address` and `seq`.
pub fn setting_id(prefix: &str, name: &str, address: &str, seq: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let digest = Sha256::new()
        .chain_update(name.as_bytes())
        .chain_update([0])
        .chain_update(address.as_bytes())
        .chain_update(seq.to_be_bytes())
        .finalize();
    let tail: String = (digest[..12].iter())
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("{prefix}{tail}")
}
