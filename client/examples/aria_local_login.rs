//! Aria Operations for Networks: a local user logs in, reads the API version, logs out.
//!
//!     cargo run -p appliance-client --example aria_local_login -- --url https://ni.example.com --insecure

mod common;

use appliance_client::aria_networks as aria;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = common::args();
    let base = format!("{}/api/ni", args.base);
    let s = aria::Session::login_local(&base, "admin@local", "admin", args.options).await?;
    let version = s.client().get_api_version().send().await?.into_inner();
    println!(
        "API version {} (token expires at {} ms)",
        version.api_version,
        s.expiry_ms()
    );
    s.logout().await?;
    Ok(())
}
