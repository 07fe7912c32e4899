//! Aria: configure VMware Identity Manager as the single sign-on and enable it (an admin's
//! one-time setup). Against the sandbox, the Identity Manager answers at the sandbox's own
//! address; against an appliance, pass its host name instead.
//!
//!     cargo run -p appliance-client --example configure_vidm -- --url http://127.0.0.1:8080

mod common;

use appliance_client::aria_networks::{self as aria, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = common::args();
    let base = format!("{}/api/ni", args.base);
    let s = aria::Session::login_local(&base, "admin@local", "admin", args.options).await?;
    let vidm_appliance = args
        .base
        .split("://")
        .nth(1)
        .unwrap_or(&args.base)
        .to_string();
    let config = types::VidmConfigRequest {
        vidm_appliance,
        client_id: "operations_for_networks_client".into(),
        client_secret: "operations_for_networks_secret".into(),
        enable: Some(true),
        root_ca_certificate: None,
        sha_thumbprint: None,
    };
    let created = s.client().create_vidm_config().body(config).send().await?;
    println!("vIDM at {} ({})", created.vidm_appliance, created.status());
    s.logout().await?;
    Ok(())
}
