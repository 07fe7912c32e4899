use std::sync::Arc;

use super::{EntityRef, Inventory, Kind};
use crate::aria_networks::nodes::entity_id;
use crate::world::{Workload, World, WorldConfig};

fn inventory() -> Inventory {
    let config = WorldConfig::default();
    let world = World::build(&config).unwrap();
    let workload = Workload::generate(&world, &config.workload).unwrap();
    Inventory::build(Arc::new(world), workload)
}

/// The ids hashed as their keys are written are the ids `entity_id` gives the keys as strings
/// (what they were before, and what stored state names; `snapshots/inventory/` pins one literal
/// id of each type), and each finds its entity.
#[test]
fn every_id_is_its_key_hashed_and_finds_its_entity() {
    let inv = inventory();
    let mut seen = 0;
    for kind in Kind::ALL {
        for index in 0..inv.count(kind) {
            let e = EntityRef { kind, index };
            let mut identity = String::new();
            inv.write_identity(kind, index, &mut identity).unwrap();
            let keyed = (0u32..8)
                .map(|n| entity_id(kind.type_code(), &format!("{kind:?}/{identity}|{n}")))
                .any(|id| id == inv.id(e));
            assert!(
                keyed,
                "{kind:?} {index}: {} is not its key's hash",
                inv.id(e)
            );
            let found = inv.find(inv.id(e)).expect("its own id finds it");
            assert_eq!((found.kind, found.index), (kind, index));
            seen += 1;
        }
    }
    assert!(seen > 200, "only {seen} entities");
}

/// Only the id's own spelling finds it: the same numbers written otherwise do not.
#[test]
fn an_id_spelled_otherwise_finds_nothing() {
    let inv = inventory();
    let id = inv.id(EntityRef::new(Kind::Vm, 0)).to_string();
    let (prefix, hash) = id.rsplit_once(':').unwrap();
    for other in [
        format!("{prefix}:0{hash}"),
        format!("{prefix}:+{hash}"),
        id.replacen("18230", "18231", 1),
        format!("{id}:1"),
        format!("{prefix}:"),
        "18230".to_string(),
        String::new(),
    ] {
        assert!(inv.find(&other).is_none(), "{other} found an entity");
    }
}

/// Split across threads, a map keeps every item in its place (chunk edges included).
#[test]
fn par_map_keeps_the_order() {
    for n in [0, 7, 19_999, 20_000, 50_001] {
        let mapped = super::par_map(n, |i| i * 3);
        assert_eq!(mapped, (0..n).map(|i| i * 3).collect::<Vec<_>>(), "n = {n}");
    }
}

/// A keyed property gives every entity the value its getter gives: the getter stays the
/// definition, the key only a faster way to test it.
#[test]
fn keyed_properties_agree_with_their_getters() {
    use super::fields::{fields, keyed_property, Val};
    let inv = inventory();
    let mut keyed = 0;
    for kind in Kind::ALL {
        for f in fields(kind) {
            let Some(k) = keyed_property(kind, f.name) else {
                continue;
            };
            keyed += 1;
            let mut values = Vec::new();
            for i in 0..inv.count(kind) {
                values.clear();
                (f.get)(&inv, i, &mut values);
                let by_key: Vec<Val> = (k.key)(&inv, i)
                    .map(|key| Val::Text((k.text)(&inv, key)))
                    .into_iter()
                    .collect();
                assert_eq!(values, by_key, "{kind:?} {} of {i}", f.name);
            }
        }
    }
    assert_eq!(keyed, 18, "every keyed property is one of the type's");
}

/// Every reference in an HCX object's answer, with its id and name.
fn references(v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(id), Some(name)) = (m.get("entity_id"), m.get("entity_name")) {
                out.push((id.as_str().unwrap().into(), name.as_str().unwrap().into()));
            }
            m.values().for_each(|v| references(v, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// A second connector's objects refer to its own objects (the fixed layout's arithmetic is
/// per connector), each appliance's peer is its twin on the other side, and the cloud side is
/// at the connector's own public addresses.
#[test]
fn a_second_hcx_connectors_objects_refer_to_their_own() {
    let mut config = WorldConfig::default();
    let mut second = config.hcx_managers[0].clone();
    second.name = "hcx02".into();
    second.ip = "10.20.0.62".into();
    second.hostname = "hcx02.example.com".into();
    second.vcenter = Some(config.vcenters[1].name.clone());
    second.remote_site = "hcx-cloud02".into();
    config.hcx_managers.push(second);
    let world = World::build(&config).unwrap();
    let workload = Workload::generate(&world, &config.workload).unwrap();
    let inv = Inventory::build(Arc::new(world), workload);
    let mut checked = 0;
    for kind in Kind::ALL.into_iter().filter(|k| k.is_hcx()) {
        for index in 0..inv.count(kind) {
            let e = EntityRef { kind, index };
            let answer = inv.answer(e);
            assert_eq!(
                answer["vendor_id"].is_null(),
                kind == Kind::HcxService,
                "{answer}"
            );
            if inv.hcx(e).connector != 1 {
                continue;
            }
            let mut refs = Vec::new();
            references(&answer, &mut refs);
            for (id, name) in refs {
                let to = inv.find(&id).expect("a reference resolves");
                if to.kind.is_hcx() {
                    assert_eq!(inv.hcx(to).connector, 1, "{kind:?} {answer}");
                    assert_eq!(inv.hcx(to).name, name);
                } else {
                    assert_eq!(
                        inv.device_of(to),
                        super::Device(super::Family::Vcenter, 1),
                        "{answer}"
                    );
                }
                checked += 1;
            }
            if kind == Kind::HcxAppliance {
                let own = answer["name"].as_str().unwrap();
                let peer = answer["peer_appliances"][0]["entity_name"]
                    .as_str()
                    .unwrap();
                let twin = own
                    .replace("-I1", "-X")
                    .replace("-R1", "-I1")
                    .replace("-X", "-R1");
                assert_eq!(peer, twin);
            }
            if kind == Kind::HcxTunnel {
                let remote = answer["remote_address"]["ip_address"].as_str().unwrap();
                assert!(remote.starts_with("198.18.1."), "{answer}");
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

/// Without a vCenter to pair with, a connector names none (not a null reference).
#[test]
fn an_hcx_connector_without_a_vcenter_names_none() {
    let mut config = WorldConfig::default();
    config.vcenters.clear();
    let world = World::build(&config).unwrap();
    let workload = Workload::generate(&world, &config.workload).unwrap();
    let inv = Inventory::build(Arc::new(world), workload);
    for kind in [Kind::HcxManager, Kind::HcxSite] {
        let answer = inv.answer(EntityRef { kind, index: 0 });
        assert_eq!(
            answer["compute_managers"],
            serde_json::json!([]),
            "{answer}"
        );
    }
    assert_eq!(inv.count(Kind::HcxL2Extension), 0);
}

/// A flow between the first datacenters of two vCenters is not within one datacenter (a place's
/// datacenter index counts within its vCenter).
#[test]
fn a_flow_between_two_vcenters_is_not_within_a_datacenter() {
    let mut config = WorldConfig::default();
    let plain = World::build(&config).unwrap();
    let vms = Workload::generate(&plain, &config.workload).unwrap().vms;
    let first = |vc: usize| {
        vms.iter()
            .find(|v| v.place.vcenter == vc && v.place.datacenter == 0)
    };
    let (a, b) = (first(0).unwrap(), first(1).unwrap());
    config.workload.flow_samples = vec![crate::world::workload::FlowSample {
        source: a.name.clone(),
        destination: b.name.clone(),
        port: 443,
        protocol: "TCP".into(),
        bytes: 1000,
        count: 1,
    }];
    let world = World::build(&config).unwrap();
    let workload = Workload::generate(&world, &config.workload).unwrap();
    let inv = Inventory::build(Arc::new(world), workload);
    let names: Vec<&str> = super::flow_tag_names(inv.flow_tags[0]).collect();
    assert!(names.contains(&"TAG_DIFF_DC"), "{names:?}");
    assert!(!names.contains(&"TAG_WITHIN_DC"), "{names:?}");
}

/// Two SDDCs in one group: the group lists both, a Direct Connect and its interfaces are the
/// second SDDC's own, and each SDDC numbers its sessions' peers from 1.
#[test]
fn two_sddcs_share_a_group_and_keep_their_own_objects() {
    let mut config = WorldConfig::default();
    let mut second = config.vmc_sddcs[0].clone();
    config.vmc_sddcs[0].direct_connect = false;
    config.vmc_sddcs[0].vpn_sessions = 2;
    second.name = "sddc02".into();
    second.sddc_id = "c7e2a1c4-3d5f-4e6a-9b8c-7d6e5f4a3b2c".into();
    second.nsx_ip = "10.2.192.13".into();
    second.nsx_public_ip = "44.230.10.13".into();
    second.nsx_fqdn = "nsx-44-230-10-13.rp.vmwarevmc.com".into();
    config.vmc_sddcs.push(second);
    let world = World::build(&config).unwrap();
    let workload = Workload::generate(&world, &config.workload).unwrap();
    let inv = Inventory::build(Arc::new(world), workload);
    let answer = |kind: Kind, index: usize| inv.answer(EntityRef { kind, index });
    assert_eq!(inv.count(Kind::SddcGroup), 1);
    let group = answer(Kind::SddcGroup, 0);
    let members: Vec<&str> = (group["sddcs"].as_array().unwrap().iter())
        .map(|s| s["entity_name"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["sddc01", "sddc02"]);
    assert_eq!(inv.count(Kind::DxConnection), 1);
    assert_eq!(
        answer(Kind::DxConnection, 0)["sddc"]["entity_name"],
        "sddc02"
    );
    for k in 0..inv.count(Kind::DxInterface) {
        let vif = answer(Kind::DxInterface, k);
        assert_eq!(vif["sddc"]["entity_name"], "sddc02", "{vif}");
        assert_eq!(vif["dx_connection"]["entity_name"], "sddc02-dx", "{vif}");
    }
    let peers: Vec<(String, String)> = (0..inv.count(Kind::VpnSession))
        .map(|k| {
            let v = answer(Kind::VpnSession, k);
            let s = |x: &serde_json::Value| x.as_str().unwrap().to_string();
            (s(&v["name"]), s(&v["remote_public_address"]["ip_address"]))
        })
        .collect();
    let want = [
        ("sddc01-vpn-1", "203.0.113.1"),
        ("sddc01-vpn-2", "203.0.113.2"),
        ("sddc02-vpn-1", "203.0.113.1"),
    ];
    assert_eq!(peers, want.map(|(a, b)| (a.to_string(), b.to_string())));
}

/// `name` reads the filter language's property, not the answer; every entity's answer names it
/// the same.
#[test]
fn every_name_is_the_answers_name() {
    let inv = inventory();
    let (mut seen, mut differ) = (0, Vec::new());
    for kind in Kind::ALL {
        for index in 0..inv.count(kind) {
            let e = EntityRef { kind, index };
            let answer = inv.answer(e);
            if inv.name(e).is_none() || inv.name(e) != answer["name"].as_str() {
                differ.push(format!(
                    "{kind:?} {index}: {:?} {}",
                    inv.name(e),
                    answer["name"]
                ));
            }
            seen += 1;
        }
    }
    assert!(differ.is_empty(), "{differ:#?}");
    assert!(seen > 200, "only {seen} entities");
}
