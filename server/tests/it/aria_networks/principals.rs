//! Mapped users and groups, and paging.

use super::*;

#[tokio::test]
async fn users_crud_with_url_encoded_ids() {
    let sb = start().await;
    let admin = sb.admin().await;
    let add = json!({"username": "testuser1", "domain": "system domain", "display_name": "test user1", "role": "MEMBER"});
    // Without vIDM there is nothing to map users from.
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/users/vidm",
            &admin,
            Some(add.clone()),
        )
        .await,
        400,
    );
    sb.configure_vidm(&admin).await;
    let a = sb
        .aria_call(
            Method::POST,
            "/settings/users/vidm",
            &admin,
            Some(add.clone()),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(
        a.json(),
        json!({"user_type": "VIDM", "id": "testuser1@system domain", "role": "MEMBER",
               "username": "testuser1", "domain": "system domain", "display_name": "test user1"})
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(add))
            .await,
        409,
    );

    let got = sb
        .aria_call(
            Method::GET,
            "/settings/users/testuser1@system%20domain",
            &admin,
            None,
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.json()["id"], "testuser1@system domain");

    let promote = json!({"username": "testuser1", "domain": "system domain", "role": "AUDITOR"});
    let up = sb
        .aria_call(Method::PUT, "/settings/users/vidm", &admin, Some(promote))
        .await;
    assert_eq!(up.json()["role"], "AUDITOR");
    assert_eq!(up.json()["display_name"], "test user1");
    let ghost = json!({"username": "ghost", "domain": "vidmlabs.com", "role": "ADMIN"});
    assert_aria_error(
        &sb.aria_call(Method::PUT, "/settings/users/vidm", &admin, Some(ghost))
            .await,
        404,
    );

    assert_eq!(
        sb.aria_call(
            Method::DELETE,
            "/settings/users/testuser1@system%20domain",
            &admin,
            None
        )
        .await
        .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(
            Method::GET,
            "/settings/users/testuser1@system%20domain",
            &admin,
            None,
        )
        .await,
        404,
    );
    assert_aria_error(
        &sb.aria_call(
            Method::DELETE,
            "/settings/users/testuser1@system%20domain",
            &admin,
            None,
        )
        .await,
        404,
    );
    // Local users cannot be deleted.
    assert_aria_error(
        &sb.aria_call(Method::DELETE, "/settings/users/member@local", &admin, None)
            .await,
        400,
    );
}

#[tokio::test]
async fn groups_crud() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    let add = json!({"group_name": "sysadmins", "domain": "system domain", "role": "ADMIN"});
    assert_eq!(
        sb.aria_call(
            Method::POST,
            "/settings/user-groups/vidm",
            &admin,
            Some(add.clone())
        )
        .await
        .status,
        201
    );
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            "/settings/user-groups/vidm",
            &admin,
            Some(add),
        )
        .await,
        409,
    );
    let got = sb
        .aria_call(
            Method::GET,
            "/settings/user-groups/sysadmins@system%20domain",
            &admin,
            None,
        )
        .await;
    assert_eq!(
        got.json(),
        json!({"group_type": "VIDM", "id": "sysadmins@system domain", "group_name": "sysadmins",
               "domain": "system domain", "role": "ADMIN"})
    );
    let missing = json!({"group_name": "nope", "domain": "vidmlabs.com", "role": "ADMIN"});
    assert_aria_error(
        &sb.aria_call(
            Method::PUT,
            "/settings/user-groups/vidm",
            &admin,
            Some(missing),
        )
        .await,
        404,
    );
    assert_eq!(
        sb.aria_call(
            Method::DELETE,
            "/settings/user-groups/sysadmins@system%20domain",
            &admin,
            None
        )
        .await
        .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(
            Method::GET,
            "/settings/user-groups/sysadmins@system%20domain",
            &admin,
            None,
        )
        .await,
        404,
    );
}

#[tokio::test]
async fn paging_with_base64_offset_cursors() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.configure_vidm(&admin).await;
    for i in 0..25 {
        let u =
            json!({"username": format!("user{i:02}"), "domain": "vidmlabs.com", "role": "MEMBER"});
        assert_eq!(
            sb.aria_call(Method::POST, "/settings/users/vidm", &admin, Some(u))
                .await
                .status,
            201
        );
    }
    let first = sb
        .aria_call(Method::GET, "/settings/users?type=vidm", &admin, None)
        .await
        .json();
    assert_eq!(
        first["results"].as_array().unwrap().len(),
        10,
        "size defaults to 10"
    );
    assert_eq!(first["total_count"], 25);
    assert_eq!(first["cursor"], "MTA=", "base64 of the next offset, 10");

    // Walk the pages as PowervRNI does, and check nothing is missed or repeated.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            None => "/settings/users?type=vidm&size=7".to_string(),
            Some(c) => format!("/settings/users?type=vidm&size=7&cursor={}", urlencode(c)),
        };
        let page = sb.aria_call(Method::GET, &path, &admin, None).await.json();
        assert_eq!(page["total_count"], 25);
        for u in page["results"].as_array().unwrap() {
            seen.push(u["id"].as_str().unwrap().to_string());
        }
        match page.get("cursor").and_then(Value::as_str) {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.dedup();
    assert_eq!(seen.len(), 25);
    assert_eq!(sorted.len(), 25);

    let two = sb
        .aria_call(
            Method::GET,
            "/settings/users?type=vidm&size=2",
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(two["cursor"], "Mg==", "the guide's cursor for offset 2");

    for bad in [
        "type=vidm&cursor=%25%25%25",
        "type=vidm&cursor=bm90YW51bWJlcg==",
        "type=vidm&cursor=OTk5",
        "type=vidm&size=0",
        "type=vidm&size=abc",
        "type=vidmx",
        "type=users",
        "type=other",
        "size=5",
    ] {
        assert_aria_error(
            &sb.aria_call(Method::GET, &format!("/settings/users?{bad}"), &admin, None)
                .await,
            400,
        );
    }
    let local = sb
        .aria_call(Method::GET, "/settings/users?type=local", &admin, None)
        .await
        .json();
    assert_eq!(local["total_count"], 3);
    assert_eq!(local["results"][0]["user_type"], "LOCAL");
    let groups = sb
        .aria_call(Method::GET, "/settings/user-groups?type=ldap", &admin, None)
        .await
        .json();
    assert_eq!(groups, json!({"results": [], "total_count": 0}));
}
