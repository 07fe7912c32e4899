use super::*;
use crate::world::WorldConfig;

#[test]
fn the_same_configuration_gives_the_same_workload() {
    let config = WorldConfig::default();
    let world = World::build(&config).unwrap();
    let a = Workload::generate(&world, &config.workload).unwrap();
    let b = Workload::generate(&world, &config.workload).unwrap();
    assert_eq!(a.vms.len(), 15);
    assert_eq!(a.flows.len(), 120);
    let names = |w: &Workload| {
        w.vms
            .iter()
            .map(|v| (v.name.clone(), v.ip.clone(), v.uuid.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&a), names(&b));
    assert_eq!(
        a.flows.iter().map(|f| f.bytes).collect::<Vec<_>>(),
        b.flows.iter().map(|f| f.bytes).collect::<Vec<_>>()
    );
    assert!(a
        .flows
        .iter()
        .any(|f| matches!(f.destination, FlowEnd::Internet(_))));
    assert!(a
        .flows
        .iter()
        .any(|f| matches!(f.destination, FlowEnd::Vm(_))));
    // Peers share a vCenter.
    for f in &a.flows {
        if let FlowEnd::Vm(d) = f.destination {
            assert_eq!(a.vms[d].place.vcenter, a.vms[f.source].place.vcenter);
        }
    }
    let ips: std::collections::HashSet<_> = a.vms.iter().map(|v| &v.ip).collect();
    assert_eq!(ips.len(), a.vms.len(), "addresses are unique");
}

fn spelled() -> WorldConfig {
    let mut config = WorldConfig::default();
    config.workload.networks = vec![NetworkSpec {
        name: "prod-net".into(),
        vlan_id: 300,
        subnet: "192.168.30.0/24".into(),
        gateway: "192.168.30.1".into(),
        vcenter: "vcenter01".into(),
        datacenter: "Datacenter-A".into(),
    }];
    config.workload.vms = vec![VmSpec {
        name: "billing-01".into(),
        ip: "192.168.30.20".into(),
        host: "esxi-01.example.com".into(),
        network: "prod-net".into(),
        security_group: "app-tier".into(),
        cpu_count: Some(16),
        memory_mb: None,
        os: None,
    }];
    config.workload.flow_samples = vec![FlowSample {
        source: "billing-01".into(),
        destination: "8.8.8.8".into(),
        port: 53,
        protocol: "udp".into(),
        bytes: 1001,
        count: 2,
    }];
    config.workload.flows = 5;
    config
}

#[test]
fn a_spelled_out_workload_is_the_world_s_and_the_sample_sets_the_mix() {
    let config = spelled();
    let world = World::build(&config).unwrap();
    let w = Workload::generate(&world, &config.workload).unwrap();
    assert_eq!(w.networks.len(), 1);
    assert_eq!(w.vms.len(), 1);
    assert_eq!(
        (w.vms[0].name.as_str(), w.vms[0].cpu_count),
        ("billing-01", 16)
    );
    assert_eq!(w.flows.len(), 5);
    // The sample's two flows carry its bytes exactly; the other three follow it.
    assert_eq!(w.flows[0].bytes + w.flows[1].bytes, 1001);
    assert!(w
        .flows
        .iter()
        .all(|f| f.port == 53 && f.protocol == Protocol::Udp));
}

#[test]
fn a_spelled_out_name_that_resolves_to_nothing_is_an_error_naming_the_entry() {
    let mut config = spelled();
    config.workload.vms[0].host = "esxi-99".into();
    let world = World::build(&config).unwrap();
    let e = Workload::generate(&world, &config.workload).unwrap_err();
    assert!(
        e.contains("world.workload.vms[0] (billing-01): no host is named esxi-99"),
        "{e}"
    );
    let mut config = spelled();
    config.workload.flow_samples[0].source = "nobody".into();
    let e = Workload::generate(&world, &config.workload).unwrap_err();
    assert!(
        e.contains("world.workload.flow_samples[0]: no VM is named nobody"),
        "{e}"
    );
    let mut config = spelled();
    config.workload.vms[0].network = "vlan-1010".into();
    let e = Workload::generate(&world, &config.workload).unwrap_err();
    assert!(e.contains("has no network vlan-1010"), "{e}");
}
