//! Aria: a vIDM user signs in in one call (client id from Aria, a token from the Identity
//! Manager, its exchange for an Aria token). vIDM must be configured and the user mapped; this
//! example maps `testuser` first, as an admin would.
//!
//!     cargo run -p appliance-client --example vidm_sign_on -- --url http://127.0.0.1:8080

mod common;

use appliance_client::aria_networks::{self as aria, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = common::args();
    let base = format!("{}/api/ni", args.base);
    let admin =
        aria::Session::login_local(&base, "admin@local", "admin", args.options.clone()).await?;
    let user = types::VidmUserRequest {
        username: "testuser".into(),
        domain: "vidmlabs.com".into(),
        role: types::Role::Member,
        display_name: None,
    };
    admin.client().add_vidm_user().body(user).send().await?;
    // The Identity Manager answers where the sandbox does (an appliance: its own host).
    let s = aria::Session::login_vidm(&base, &args.base, "testuser", "vidm-password", args.options)
        .await?;
    let version = s.client().get_api_version().send().await?.into_inner();
    println!(
        "signed in through vIDM; API version {}",
        version.api_version
    );
    s.logout().await?;
    admin.logout().await?;
    Ok(())
}
