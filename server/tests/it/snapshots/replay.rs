//! The guides' requests replayed against the sandbox, answers snapshotted.

use super::*;

#[tokio::test]
async fn the_guides_requests_replayed_against_the_sandbox() {
    use appliance_client::{aria_networks as aria, omivv, vidm};
    let sb = start().await;
    let r = Replay {
        errata: std::fs::read_to_string(root().join("openapi/ERRATA.md")).unwrap(),
    };
    let mut steps = REPLAY_STEPS.iter();
    let mut next = || *steps.next().unwrap();

    // OMIVV: Dell's sample script logs in (E16: the guide's code indexes the response object).
    let o = omivv::Client::new(&format!("{}/Spectre/api/rest/v1", sb.base));
    let login = o
        .login()
        .body(typed::<omivv::types::LoginRequest>(
            "omivv",
            "login.request",
        ))
        .send()
        .await;
    let got = outcome(login).await;
    r.check(next(), got, 200, None, &[]);

    // Aria: an administrator configures vIDM (E6: `enable` is a boolean; E11: the answer also
    // carries certificate_validation_enabled; E12: 201).
    let admin = sb.admin().await;
    let a = aria::Client::new_with_client(
        &format!("{}/api/ni", sb.base),
        authorized("NetworkInsight", &admin),
    );
    let cfg_diff = &[("/certificate_validation_enabled", "E11")];
    let got = outcome(
        a.create_vidm_config()
            .body(typed::<aria::types::VidmConfigRequest>(
                "aria-networks",
                "create_vidm_config.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        201,
        Some(sample("aria-networks", "create_vidm_config.response")),
        cfg_diff,
    );
    let got = outcome(
        a.update_vidm_config()
            .body(typed::<aria::types::VidmConfigRequest>(
                "aria-networks",
                "update_vidm_config.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "update_vidm_config.response")),
        cfg_diff,
    );
    let got = outcome(a.get_vidm_config().send().await).await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "get_vidm_config.response")),
        cfg_diff,
    );
    let got = outcome(a.enable_vidm().send().await).await;
    r.check(next(), got, 204, Some(Value::Null), &[]);

    // The vIDM sign-on, as the guide walks it.
    let anon = aria::Client::new(&format!("{}/api/ni", sb.base));
    let got = outcome(anon.get_vidm_client_id().send().await).await;
    let client_id = got.body["client_id"].as_str().unwrap().to_string();
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "get_vidm_client_id.response")),
        &[],
    );
    let v = vidm::Client::new(&sb.base);
    let grant = v
        .get_oauth_token()
        .grant_type(vidm::types::GrantType::Password)
        .client_id(&client_id)
        .username("testuser")
        .password("vidm-password")
        .send()
        .await;
    let got = outcome(grant).await;
    let jwt = got.body["access_token"].as_str().unwrap().to_string();
    r.check(
        next(),
        got,
        200,
        Some(sample("vidm", "get_oauth_token.response")),
        &[("/expires_in", "E13"), ("/scope", "E13")],
    );
    // The user must be mapped before the exchange; the guide documents the add further down (E1: POST).
    let got = outcome(
        a.add_vidm_user()
            .body(typed::<aria::types::VidmUserRequest>(
                "aria-networks",
                "add_vidm_user.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        201,
        Some(sample("aria-networks", "add_vidm_user.response")),
        &[],
    );
    let got = outcome(
        anon.login_with_vidm_token()
            .body(aria::types::VidmTokenRequest { vidm_token: jwt })
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "login_with_vidm_token.response")),
        &[],
    );
    let got = outcome(
        a.update_vidm_user()
            .body(typed::<aria::types::VidmUserRequest>(
                "aria-networks",
                "update_vidm_user.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "update_vidm_user.response")),
        &[],
    );

    // Listing (E8: the documented page is `size=2` of three users).
    for (name, display) in [("testuser1", "test user1"), ("testuser2", "test user2")] {
        let body = aria::types::VidmUserRequest {
            username: name.into(),
            domain: "vidmlabs.com".into(),
            display_name: Some(display.into()),
            role: aria::types::Role::Member,
        };
        a.add_vidm_user().body(body).send().await.unwrap();
    }
    let got = outcome(
        a.list_users()
            .type_("vidm".parse::<aria::types::PrincipalTypeFilter>().unwrap())
            .size(2)
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "list_users.response")),
        &[],
    );

    // Get and delete by URL-encoded id (E3: `system domain`, not `sytem`).
    let system_user = aria::types::VidmUserRequest {
        username: "testuser1".into(),
        domain: "system domain".into(),
        display_name: Some("test user1".into()),
        role: aria::types::Role::Member,
    };
    a.add_vidm_user().body(system_user).send().await.unwrap();
    let got = outcome(a.get_user().id("testuser1@system domain").send().await).await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "get_user.response")),
        &[],
    );
    let got = outcome(a.delete_user().id("testuser1@system domain").send().await).await;
    r.check(next(), got, 204, Some(Value::Null), &[]);

    // Groups.
    let got = outcome(
        a.add_vidm_user_group()
            .body(typed::<aria::types::VidmUserGroupRequest>(
                "aria-networks",
                "add_vidm_user_group.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        201,
        Some(sample("aria-networks", "add_vidm_user_group.response")),
        &[],
    );
    let got = outcome(
        a.update_vidm_user_group()
            .body(typed::<aria::types::VidmUserGroupRequest>(
                "aria-networks",
                "update_vidm_user_group.request",
            ))
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "update_vidm_user_group.response")),
        &[],
    );
    for name in ["testgroup2", "testgroup3"] {
        let body = aria::types::VidmUserGroupRequest {
            group_name: name.into(),
            domain: "vidmlabs.com".into(),
            role: aria::types::Role::Member,
        };
        a.add_vidm_user_group().body(body).send().await.unwrap();
    }
    let got = outcome(
        a.list_user_groups()
            .type_("vidm".parse::<aria::types::PrincipalTypeFilter>().unwrap())
            .size(2)
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "list_user_groups.response")),
        &[],
    );
    // E2: groups live under /settings/user-groups; E4: the id and the domain agree.
    let sysadmins = aria::types::VidmUserGroupRequest {
        group_name: "sysadmins".into(),
        domain: "system domain".into(),
        role: aria::types::Role::Admin,
    };
    a.add_vidm_user_group()
        .body(sysadmins)
        .send()
        .await
        .unwrap();
    let got = outcome(
        a.get_user_group()
            .id("sysadmins@system domain")
            .send()
            .await,
    )
    .await;
    r.check(
        next(),
        got,
        200,
        Some(sample("aria-networks", "get_user_group.response")),
        &[],
    );
    let got = outcome(
        a.delete_user_group()
            .id("sysadmins@system domain")
            .send()
            .await,
    )
    .await;
    r.check(next(), got, 204, Some(Value::Null), &[]);

    let got = outcome(a.disable_vidm().send().await).await;
    r.check(next(), got, 204, Some(Value::Null), &[]);
    let got = outcome(a.delete_vidm_config().send().await).await;
    r.check(next(), got, 204, Some(Value::Null), &[]);
    assert!(steps.next().is_none(), "every replay step ran");
}
