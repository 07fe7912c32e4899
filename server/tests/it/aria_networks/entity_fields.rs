//! What the 6.12 SDK's VirtualMachine, Host, Cluster and Vnic models carry beyond names and
//! references (E128): read off the one world, NSX-T's part only while NSX-T is collected.

use super::*;

async fn get(sb: &TestSandbox, token: &str, path: &str) -> Value {
    let a = sb.aria_call(Method::GET, path, token, None).await;
    assert_eq!(a.status, 200, "{path}: {}", a.text);
    a.json()
}

async fn first(sb: &TestSandbox, token: &str, list: &str) -> Value {
    let listed = get(sb, token, &format!("/entities/{list}")).await;
    let id = listed["results"][0]["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    get(sb, token, &format!("/entities/{list}/{id}")).await
}

#[tokio::test]
async fn entities_carry_the_worlds_hardware_networks_and_nsx_objects() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    sb.advance(300);
    let vm = first(&sb, &admin, "vms").await;
    // No NSX-T manager collected: nothing of NSX-T is answered.
    for field in [
        "nsx_manager",
        "security_tags",
        "ip_sets",
        "source_firewall_rules",
        "destination_firewall_rules",
    ] {
        assert!(vm.get(field).is_none(), "{field}: {vm}");
    }
    assert_eq!(vm["default_gateways"], json!([vm["default_gateway"]]));
    let folder = vm["folders"][0]["entity_id"].as_str().unwrap();
    let folder = get(&sb, &admin, &format!("/entities/folders/{folder}")).await;
    assert_eq!(folder["name"], "vm");
    let vlan = &vm["vlans"][0];
    assert_eq!(vlan["begin"], vlan["end"]);
    let nic = vm["vnics"][0]["entity_id"].as_str().unwrap();
    let nic = get(&sb, &admin, &format!("/entities/vnics/{nic}")).await;
    assert_eq!(nic["vlan"], *vlan);
    let network = nic["layer2_network"]["entity_id"].as_str().unwrap();
    let network = get(&sb, &admin, &format!("/entities/layer2-networks/{network}")).await;
    assert_eq!(
        network["vlan_id"].to_string().trim_matches('"'),
        vlan["begin"].to_string()
    );

    // Hosts: OMEVV's hardware (two 20-core sockets, twelve 32 GB DIMMs), their adapter.
    let host = first(&sb, &admin, "hosts").await;
    assert_eq!(
        (host["cpu_count"].as_i64(), host["memory"].as_i64()),
        (Some(40), Some(393_216))
    );
    let vmk = host["vmknics"][0]["entity_id"].as_str().unwrap();
    let vmk_answer = get(&sb, &admin, &format!("/entities/vmknics/{vmk}")).await;
    assert_eq!(host["vmknics"][0], vmk_answer);
    assert!(!host["datastores"].as_array().unwrap().is_empty(), "{host}");
    let cluster = first(&sb, &admin, "clusters").await;
    let hosts = cluster["num_hosts"].as_i64().unwrap();
    assert_eq!(cluster["num_cpu_cores"].as_i64(), Some(40 * hosts));
    assert_eq!(cluster["total_cpus"].as_i64(), Some(2 * hosts));
    assert_eq!(cluster["total_memory"].as_i64(), Some(393_216 * hosts));

    // Collecting NSX-T adds its manager, the tags that make the VM's group and its IP sets.
    sb.collect_nsxt(&admin, "10.20.0.40").await;
    sb.advance(300);
    let id = vm["entity_id"].as_str().unwrap();
    let vm = get(&sb, &admin, &format!("/entities/vms/{id}")).await;
    assert_eq!(vm["nsx_manager"]["entity_type"], "NSXTManager", "{vm}");
    let group = &vm["security_groups"][0]["entity_name"];
    let tags = vm["security_tags"].as_array().unwrap();
    assert!(!tags.is_empty(), "{vm}");
    for tag in tags {
        assert_eq!(tag["entity_name"], *group);
        let tag = tag["entity_id"].as_str().unwrap();
        let tag = get(&sb, &admin, &format!("/entities/security-tags/{tag}")).await;
        let made: Vec<&Value> = (tag["security_groups"].as_array().unwrap().iter())
            .map(|g| &g["entity_id"])
            .collect();
        assert!(
            made.contains(&&vm["security_groups"][0]["entity_id"]),
            "{tag}"
        );
    }
    for set in vm["ip_sets"].as_array().unwrap() {
        assert_eq!(set["entity_type"], "NSXTIPSet");
    }
    assert!(!vm["ip_sets"].as_array().unwrap().is_empty(), "{vm}");
}

/// A VM's rule sets (E130) are its manager's firewall's rules whose sources, or destinations,
/// take in its security group or any address: each checked against the rule's own answer, and
/// none of the firewall's others left out.
#[tokio::test]
async fn a_vm_s_firewall_rules_are_those_of_its_managers_firewall_that_take_it_in() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    sb.collect_nsxt(&admin, "10.20.0.40").await;
    sb.advance(300);
    let vm = first(&sb, &admin, "vms").await;
    let group = &vm["security_groups"][0]["entity_id"];
    let set = |field: &str| {
        let sets = vm[field]
            .as_array()
            .unwrap_or_else(|| panic!("{field}: {vm}"));
        assert_eq!(sets.len(), 1, "{field}: {vm}");
        assert_eq!(sets[0]["rule_set_type"], "NSX_STANDARD");
        sets[0].clone()
    };
    let (from, to) = (
        set("source_firewall_rules"),
        set("destination_firewall_rules"),
    );
    // No rule inverts its sides: no inversion rules (an empty list is left out).
    assert!(vm.get("source_inversion_rules").is_none(), "{vm}");
    assert!(vm.get("destination_inversion_rules").is_none(), "{vm}");
    assert_eq!(from["firewall"], to["firewall"]);
    let firewall = from["firewall"]["entity_id"].as_str().unwrap();
    let firewall = get(&sb, &admin, &format!("/entities/firewalls/{firewall}")).await;
    let ids = |rules: &Value| -> Vec<String> {
        (rules.as_array().unwrap().iter())
            .map(|r| r["entity_id"].as_str().unwrap().to_string())
            .collect()
    };
    let (mut want_from, mut want_to) = (Vec::new(), Vec::new());
    for id in ids(&firewall["firewall_rules"][0]["rules"]) {
        let rule = get(&sb, &admin, &format!("/entities/firewall-rules/{id}")).await;
        let takes_in = |side: &str, any: &str| {
            rule[any] == true
                || (rule[side].as_array().unwrap().iter()).any(|g| g["entity_id"] == *group)
        };
        if takes_in("sources", "source_any") {
            want_from.push(id.clone());
        }
        if takes_in("destinations", "destination_any") {
            want_to.push(id);
        }
    }
    assert!(want_from.len() > 1 && want_to.len() > 1);
    assert_eq!(ids(&from["rules"]), want_from);
    assert_eq!(ids(&to["rules"]), want_to);
}

/// A flow carries its VMs' folders, and while NSX-T is collected their tags and IP sets as the
/// VMs answer them and the rule that decides it, as the path names it (E132).
#[tokio::test]
async fn a_flow_carries_its_vms_folders_nsx_objects_and_deciding_rule() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    sb.advance(300);
    let flow_path = |id: &str| format!("/entities/flows/{}", id.replace(':', "%3A"));
    let vm_path = |r: &Value| format!("/entities/vms/{}", r["entity_id"].as_str().unwrap());
    // An east-west flow whose both VMs are collected.
    let listed = get(&sb, &admin, "/entities/flows?size=100").await;
    let mut found = None;
    for r in listed["results"].as_array().unwrap() {
        let f = get(&sb, &admin, &flow_path(r["entity_id"].as_str().unwrap())).await;
        let Some(to) = f.get("destination_vm") else {
            continue;
        };
        if sb
            .aria_call(Method::GET, &vm_path(to), &admin, None)
            .await
            .status
            == 200
        {
            found = Some(f);
            break;
        }
    }
    let flow = found.expect("an east-west flow within the collected vCenter");
    let id = flow["entity_id"].as_str().unwrap().to_string();
    for end in ["source", "destination"] {
        let vm = get(&sb, &admin, &vm_path(&flow[format!("{end}_vm")])).await;
        assert_eq!(flow[format!("{end}_folders")], vm["folders"], "{end}");
        for field in ["security_tags", "ip_sets"] {
            assert!(flow.get(format!("{end}_{field}")).is_none(), "{flow}");
        }
    }
    assert!(flow.get("firewall_rule_id").is_none(), "{flow}");

    sb.collect_nsxt(&admin, "10.20.0.40").await;
    sb.advance(300);
    let flow = get(&sb, &admin, &flow_path(&id)).await;
    for end in ["source", "destination"] {
        let vm = get(&sb, &admin, &vm_path(&flow[format!("{end}_vm")])).await;
        for field in ["security_tags", "ip_sets"] {
            let carried = &flow[format!("{end}_{field}")];
            assert!(carried.is_array(), "{end}_{field}: {flow}");
            assert_eq!(*carried, vm[field], "{end}_{field}");
        }
    }
    let body = json!({"source_ip_address": flow["source_ip"]["ip_address"],
                      "destination_ip_address": flow["destination_ip"]["ip_address"],
                      "port": flow["port"]["start"], "protocol": flow["protocol"]});
    let path = sb
        .aria_call(Method::POST, "/path/firewall-rules", &admin, Some(body))
        .await;
    assert_eq!(path.status, 200, "{}", path.text);
    let rule = &path.json()["firewalls"][0]["rules"][0];
    assert!(rule["rule_id"].is_string(), "{}", path.text);
    assert_eq!(flow["firewall_rule_id"], rule["rule_id"]);
}
