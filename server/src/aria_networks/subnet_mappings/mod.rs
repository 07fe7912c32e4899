//! Physical subnets mapped to VLANs (the `Subnet mappings` tag, E111): what the appliance uses
//! to place physical-to-physical flows. Stored and answered; the world's flows are between its
//! own VMs, whose VLANs are known, so the mappings place nothing.

mod api;

use std::net::IpAddr;

use super::errors::AriaError;
use super::nodes::entity_id;
use super::tables::SubnetMappingRow;
use super::Aria;
use crate::generated::aria_networks::types;

/// The type code of a mapping's id (ours, E111).
const SUBNET_TYPE_CODE: u32 = 1902;
const MAX_VLAN: i32 = 4095;

fn bad(message: String) -> AriaError {
    AriaError::InvalidInput(message)
}

/// `cidr` in canonical form (`10.16.0.0/24`), refused unless its host bits are clear.
fn canonical(cidr: &str) -> Result<String, AriaError> {
    let shape = || bad(format!("cidr: {cidr:?} is not a subnet (address/prefix)"));
    let (addr, len) = cidr.trim().split_once('/').ok_or_else(shape)?;
    let addr: IpAddr = addr.parse().map_err(|_| shape())?;
    let len: u32 = len.parse().map_err(|_| shape())?;
    let (bits, value) = match addr {
        IpAddr::V4(a) => (32, u128::from(u32::from(a))),
        IpAddr::V6(a) => (128, u128::from(a)),
    };
    if len > bits {
        return Err(shape());
    }
    let host_bits = bits - len;
    let host_mask = u128::MAX.checked_shr(128 - host_bits).unwrap_or(0);
    if value & host_mask != 0 {
        let network = value & !host_mask;
        let network = match addr {
            IpAddr::V4(_) => IpAddr::from(std::net::Ipv4Addr::from(network as u32)),
            IpAddr::V6(_) => IpAddr::from(std::net::Ipv6Addr::from(network)),
        };
        return Err(bad(format!(
            "cidr: {cidr} has host bits set; the subnet is {network}/{len}"
        )));
    }
    Ok(format!("{addr}/{len}"))
}

fn checked(body: &types::SubnetMappingRequest) -> Result<(String, i32), AriaError> {
    let cidr = canonical(&body.cidr)?;
    if !(0..=MAX_VLAN).contains(&body.vlan_id) {
        return Err(bad(format!(
            "vlan_id: {} is not 0 to {MAX_VLAN}",
            body.vlan_id
        )));
    }
    Ok((cidr, body.vlan_id))
}

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No subnet mapping with id {id}"))
}

fn taken(cidr: &str) -> AriaError {
    bad(format!("A subnet mapping for {cidr} exists"))
}

impl Aria {
    pub async fn subnet_mappings(&self) -> types::SubnetMappingList {
        let state = self.db.read().await;
        let mut rows: Vec<&SubnetMappingRow> = state.aria().subnet_mappings.values().collect();
        rows.sort_by_key(|r| r.seq);
        types::SubnetMappingList {
            results: rows.into_iter().map(|r| r.mapping.clone()).collect(),
        }
    }

    pub async fn add_subnet_mapping(
        &self,
        body: &types::SubnetMappingRequest,
    ) -> Result<types::SubnetMapping, AriaError> {
        let (cidr, vlan_id) = checked(body)?;
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().subnet_mappings;
                if !t.keys_where(&cidr).is_empty() {
                    return Err(taken(&cidr));
                }
                let seq = t.values().map(|r| r.seq + 1).max().unwrap_or(0);
                let id = entity_id(SUBNET_TYPE_CODE, &format!("{cidr}|{seq}"));
                let mapping = types::SubnetMapping {
                    entity_id: id.clone(),
                    name: cidr.clone(),
                    entity_type: types::EntityType::UserDefinedSubnet,
                    cidr,
                    vlan_id,
                };
                let row = SubnetMappingRow {
                    seq,
                    mapping: mapping.clone(),
                };
                t.insert(id, row);
                Ok(mapping)
            })
            .await
    }

    pub async fn update_subnet_mapping(
        &self,
        id: &str,
        body: &types::SubnetMappingRequest,
    ) -> Result<types::SubnetMapping, AriaError> {
        let (cidr, vlan_id) = checked(body)?;
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().subnet_mappings;
                let mut row = t.get(id).cloned().ok_or_else(|| not_found(id))?;
                if t.keys_where(&cidr).iter().any(|other| other != id) {
                    return Err(taken(&cidr));
                }
                row.mapping.name = cidr.clone();
                row.mapping.cidr = cidr;
                row.mapping.vlan_id = vlan_id;
                let mapping = row.mapping.clone();
                t.insert(id.to_string(), row);
                Ok(mapping)
            })
            .await
    }

    pub async fn delete_subnet_mapping(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().subnet_mappings;
                t.remove(id).map(|_| ()).ok_or_else(|| not_found(id))
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn subnets_are_network_addresses() {
        assert_eq!(super::canonical("10.16.0.0/24").unwrap(), "10.16.0.0/24");
        assert_eq!(super::canonical(" fd00::/64").unwrap(), "fd00::/64");
        let e = super::canonical("10.16.0.1/24").unwrap_err().to_string();
        assert!(e.contains("10.16.0.0/24"), "{e}");
        assert!(super::canonical("10.16.0.0/33").is_err());
        assert!(super::canonical("10.16.0.0").is_err());
        assert!(super::canonical("0.0.0.0/0").is_ok());
        assert_eq!(super::canonical("::/0").unwrap(), "::/0");
        assert!(super::canonical("fd00::1/0").is_err());
        assert!(super::canonical("fd00::1/128").is_ok());
    }
}
