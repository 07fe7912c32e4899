//! OMIVV: log in, authorize the session against a vCenter (the operational context), log off,
//! as Dell's scripts begin and end.
//!
//!     cargo run -p appliance-client --example omivv_login -- --url https://omivv.example.com --insecure

mod common;

use appliance_client::omivv;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = common::args();
    let base = format!("{}/Spectre/api/rest/v1", args.base);
    let s = omivv::Session::login(&base, "admin", "", "admin123", args.options).await?;
    println!("logged in until {}", s.expires_at());
    let vc = s
        .console_by_ip("10.20.0.10")
        .await?
        .ok_or("no console for 10.20.0.10")?;
    s.set_operational_context(&vc.id, "administrator", "vsphere.local", "VMware1!")
        .await?;
    println!("operational context: {} ({})", vc.hostname, vc.id);
    s.logoff().await?;
    println!("logged off");
    Ok(())
}
