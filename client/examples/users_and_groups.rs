//! Aria: map a vIDM user and a vIDM group to roles, list them, remove them (vIDM must be
//! configured: see the `configure_vidm` example).
//!
//!     cargo run -p appliance-client --example users_and_groups -- --url http://127.0.0.1:8080

mod common;

use appliance_client::aria_networks::{self as aria, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = common::args();
    let base = format!("{}/api/ni", args.base);
    let s = aria::Session::login_local(&base, "admin@local", "admin", args.options).await?;
    let user = types::VidmUserRequest {
        username: "testuser1".into(),
        domain: "vidmlabs.com".into(),
        role: types::Role::Member,
        display_name: Some("Test User One".into()),
    };
    let user = s
        .client()
        .add_vidm_user()
        .body(user)
        .send()
        .await?
        .into_inner();
    let group = types::VidmUserGroupRequest {
        group_name: "testgroup1".into(),
        domain: "vidmlabs.com".into(),
        role: types::Role::Admin,
    };
    let group = s
        .client()
        .add_vidm_user_group()
        .body(group)
        .send()
        .await?
        .into_inner();
    println!(
        "users: {:?}",
        s.all_users("vidm")
            .await?
            .iter()
            .map(|u| &u.id)
            .collect::<Vec<_>>()
    );
    println!(
        "groups: {:?}",
        s.all_user_groups("vidm")
            .await?
            .iter()
            .map(|g| &g.id)
            .collect::<Vec<_>>()
    );
    s.client().delete_user().id(&user.id).send().await?;
    s.client().delete_user_group().id(&group.id).send().await?;
    s.logout().await?;
    Ok(())
}
