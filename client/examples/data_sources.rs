//! Aria: register data sources the way VMware's `datasource_addition.py` does (turn the
//! collector's IP into a `proxy_id`, add a vCenter and an NSX-V manager that names it, set a
//! Cisco switch's SNMP settings), then find one by address as `update_datasource.py` does and
//! update its credentials with the whole model sent back.
//!
//!     cargo run -p appliance-client --example data_sources -- --url http://127.0.0.1:8080

mod common;

use appliance_client::aria_networks::{self as aria, types, DataSourceKind};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = common::args();
    let base = format!("{}/api/ni", args.base);
    let s = aria::Session::login_local(&base, "admin@local", "admin", args.options).await?;
    let proxy_id = s
        .node_id_by_ip("10.20.3.11")
        .await?
        .ok_or("no collector node at 10.20.3.11")?;
    let credentials = |username: &str| types::PasswordCredentials {
        username: username.into(),
        password: Some("VMware1!".into()),
    };

    let vcenter = s
        .client()
        .add_vcenter_datasource()
        .body(
            types::VCenterDataSourceRequest::builder()
                .ip(Some("10.20.0.10".into()))
                .proxy_id(proxy_id.clone())
                .nickname("vcenter-a")
                .credentials(Some(credentials("administrator@vsphere.local"))),
        )
        .send()
        .await?
        .into_inner();
    println!("added vCenter {}", vcenter.entity_id);

    let nsxv = s
        .client()
        .add_nsxv_manager_datasource()
        .body(
            types::NsxvManagerDataSourceRequest::builder()
                .fqdn(Some("nsxv.lab".into()))
                .proxy_id(proxy_id.clone())
                .nickname("nsxv")
                .credentials(credentials("admin"))
                .vcenter_id(vcenter.entity_id.clone()),
        )
        .send()
        .await?
        .into_inner();
    println!(
        "added NSX-V manager {} under {}",
        nsxv.entity_id, vcenter.entity_id
    );

    let switch = s
        .client()
        .add_cisco_switch()
        .body(
            types::CiscoSwitchDataSourceRequest::builder()
                .ip(Some("10.20.0.14".into()))
                .proxy_id(proxy_id)
                .nickname("NEXUS_5K")
                .credentials(Some(credentials("admin")))
                .switch_type(Some(types::CiscoSwitchType::Nexus5k)),
        )
        .send()
        .await?
        .into_inner();
    let snmp = s
        .client()
        .update_cisco_switch_snmp_config()
        .id(&switch.entity_id)
        .body(
            types::SnmpConfig::builder()
                .snmp_enabled(true)
                .snmp_version(Some(types::SnmpVersion::V2c))
                .config_snmp_2c(Some(types::SnmpV2cConfig {
                    community_string: Some("public".into()),
                })),
        )
        .send()
        .await?
        .into_inner();
    println!(
        "switch {} reads SNMP {:?}",
        switch.entity_id, snmp.snmp_version
    );

    // update_datasource.py finds by address and sends the answer back edited; only `nickname`,
    // `proxy_id` and what changes are needed (what is left out is kept).
    let found = s
        .find_data_source(DataSourceKind::Vcenters, "10.20.0.10")
        .await?
        .ok_or("the vCenter is not found by its address")?;
    let stored: types::VCenterDataSource = serde_json::from_value(found.model)?;
    let updated = s
        .client()
        .update_vcenter()
        .id(&found.entity_id)
        .body(
            types::VCenterDataSourceUpdate::builder()
                .nickname("vcenter-a (renamed)")
                .proxy_id(stored.proxy_id)
                .credentials(Some(credentials("svc-network@vsphere.local"))),
        )
        .send()
        .await?
        .into_inner();
    println!(
        "updated {}: {} as {}",
        updated.entity_id,
        updated.nickname,
        updated.credentials.map(|c| c.username).unwrap_or_default()
    );
    s.logout().await?;
    Ok(())
}
