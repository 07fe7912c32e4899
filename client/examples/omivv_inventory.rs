//! OMIVV: the inventory walk of Dell's scripts: console by address, its tree, the hosts, and
//! each host's health (which needs the operational context).
//!
//!     cargo run -p appliance-client --example omivv_inventory -- --url http://127.0.0.1:8080

mod common;

use appliance_client::omivv;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = common::args();
    let base = format!("{}/Spectre/api/rest/v1", args.base);
    let s = omivv::Session::login(&base, "admin", "", "admin123", args.options).await?;
    let vc = s
        .console_by_ip("10.20.0.10")
        .await?
        .ok_or("no console for 10.20.0.10")?;
    for dc in s.tree(&vc.id).await?.datacenters {
        let clusters: Vec<&str> = dc.clusters.iter().map(|c| c.name.as_str()).collect();
        println!(
            "{}: clusters {clusters:?}, {} standalone host(s)",
            dc.name,
            dc.hosts.len()
        );
    }
    s.set_operational_context(&vc.id, "administrator", "vsphere.local", "VMware1!")
        .await?;
    for host in s.hosts(&vc.id).await? {
        let health = s
            .client()
            .get_host_subsystem_health()
            .host_id(&host.id)
            .send()
            .await?
            .into_inner();
        println!(
            "{} {} {}",
            host.service_tag, host.name, health.overall_health
        );
    }
    s.logoff().await?;
    Ok(())
}
