//! What Aria clients (PowervRNI, the SDK, VMware's scripts) rely on.

use super::*;

#[tokio::test]
async fn local_logins_ignore_the_domain_value_and_ldap_needs_one() {
    let sb = start().await;
    let login = |body: Value| sb.send(sb.http.post(sb.aria("/auth/token")).json(&body));
    // The vendor reference's own example, and the SDK examples' default value.
    for domain in [
        json!({"domain_type": "LOCAL"}),
        json!({"domain_type": "LOCAL", "value": "example.com"}),
        json!({"domain_type": "LOCAL", "value": "local"}),
    ] {
        let a = login(local_login(domain.clone())).await;
        assert_eq!(a.status, 200, "{domain}: {}", a.text);
    }
    let ldap = login(local_login(json!({"domain_type": "LDAP"}))).await;
    assert_aria_error(&ldap, 400);
    assert!(ldap.text.contains("domain.value"), "{}", ldap.text);
    assert_aria_error(
        &login(local_login(
            json!({"domain_type": "LDAP", "value": "corp.example.com"}),
        ))
        .await,
        401,
    );
}

#[tokio::test]
async fn list_type_is_read_in_any_letter_case() {
    let sb = start().await;
    let admin = sb.admin().await;
    for (query, total) in [
        ("type=local", 3),
        ("type=LOCAL", 3),
        ("type=Local", 3),
        ("type=VIDM", 0),
        ("type=ldap", 0),
    ] {
        let a = sb
            .aria_call(
                Method::GET,
                &format!("/settings/users?{query}"),
                &admin,
                None,
            )
            .await;
        assert_eq!(a.status, 200, "{query}: {}", a.text);
        assert_eq!(a.json()["total_count"], total, "{query}");
        let g = sb
            .aria_call(
                Method::GET,
                &format!("/settings/user-groups?{query}"),
                &admin,
                None,
            )
            .await;
        assert_eq!(g.status, 200, "{query}: {}", g.text);
    }
    for bad in ["type=users", "type=vidmx", "type="] {
        let a = sb
            .aria_call(Method::GET, &format!("/settings/users?{bad}"), &admin, None)
            .await;
        assert_aria_error(&a, 400);
    }
}

#[tokio::test]
async fn all_users_pages_over_local_and_mapped_users() {
    let sb = start().await;
    let admin = sb.admin().await;
    assert_eq!(sb.configure_vidm(&admin).await.status, 201);
    for name in ["testuser", "testuser1", "testuser2"] {
        let body = json!({"username": name, "domain": "vidmlabs.com", "role": "MEMBER"});
        let a = sb
            .aria_call(Method::POST, "/settings/users/vidm", &admin, Some(body))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
    }
    let mut ids = Vec::new();
    let mut cursor = String::new();
    loop {
        // An empty `cursor=` is the first page, as clients send it.
        let page = sb
            .aria_call(
                Method::GET,
                &format!("/settings/users/all?size=2&cursor={cursor}"),
                &admin,
                None,
            )
            .await;
        assert_eq!(page.status, 200, "{}", page.text);
        let page = page.json();
        assert_eq!(page["total_count"], 6);
        for u in page["results"].as_array().unwrap() {
            ids.push(format!(
                "{}:{}",
                u["user_type"].as_str().unwrap(),
                u["id"].as_str().unwrap()
            ));
        }
        match page["cursor"].as_str() {
            Some(c) => cursor = c.to_string(),
            None => break,
        }
    }
    assert_eq!(
        ids,
        [
            "LOCAL:admin@local",
            "LOCAL:auditor@local",
            "LOCAL:member@local",
            "VIDM:testuser1@vidmlabs.com",
            "VIDM:testuser2@vidmlabs.com",
            "VIDM:testuser@vidmlabs.com",
        ]
    );
    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(
        &sb.aria_call(Method::GET, "/settings/users/all", &member, None)
            .await,
        403,
    );
}

#[tokio::test]
async fn a_password_change_keeps_the_callers_token_and_revokes_the_others() {
    let sb = start().await;
    let member = sb.aria_token("member@local", "member").await;
    let other_member_session = sb.aria_token("member@local", "member").await;
    let admin = sb.admin().await;
    let change = |token: String, user: &str, password: &str| {
        let body = json!({"username": user, "new_password": password});
        let sb = &sb;
        async move {
            sb.aria_call(Method::PUT, "/settings/users/password", &token, Some(body))
                .await
        }
    };
    // A member may not change someone else's password; nobody can change an unknown user's.
    assert_aria_error(&change(member.clone(), "admin@local", "x").await, 403);
    assert_aria_error(&change(admin.clone(), "nobody@local", "x").await, 404);
    assert_aria_error(&change(member.clone(), "member", " ").await, 400);
    // `member` is `member@local`.
    let a = change(member.clone(), "member", "n3w-secret").await;
    assert_eq!(a.status, 204, "{}", a.text);
    let version = |t: String| {
        let sb = &sb;
        async move { sb.aria_call(Method::GET, "/info/version", &t, None).await }
    };
    assert_eq!(
        version(member.clone()).await.status,
        200,
        "the caller's token stays"
    );
    assert_aria_error(&version(other_member_session).await, 401);
    assert_aria_error(&sb.aria_login_as("member@local", "member").await, 401);
    assert_eq!(
        sb.aria_login_as("member@local", "n3w-secret").await.status,
        200
    );
    // An administrator may set anyone's; the admin's own tokens are untouched.
    assert_eq!(
        change(admin.clone(), "member@local", "third").await.status,
        204
    );
    assert_eq!(version(admin.clone()).await.status, 200);
    assert_aria_error(&version(member).await, 401);
    // Reset brings back the configured password.
    let reset = sb
        .send(sb.http.post(format!("{}/sandbox/v1/reset", sb.base)))
        .await;
    assert_eq!(reset.status, 204);
    assert_eq!(sb.aria_login_as("member@local", "member").await.status, 200);
}

#[tokio::test]
async fn the_login_banner_lifecycle() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    let path = "/settings/loginBanner";
    let banner = json!({"is_enabled": true, "login_message_banner": "Authorized use only",
                        "user_consent_title": "Consent", "user_consent_description": "Monitored."});
    assert_aria_error(&sb.aria_call(Method::GET, path, &member, None).await, 404);
    assert_aria_error(
        &sb.aria_call(Method::POST, path, &member, Some(banner.clone()))
            .await,
        403,
    );
    let added = sb
        .aria_call(Method::POST, path, &admin, Some(banner.clone()))
        .await;
    assert_eq!(added.status, 201, "{}", added.text);
    assert_eq!(added.json(), banner);
    assert_aria_error(
        &sb.aria_call(Method::POST, path, &admin, Some(banner.clone()))
            .await,
        409,
    );
    // Anyone signed in reads it.
    assert_eq!(
        sb.aria_call(Method::GET, path, &member, None).await.json(),
        banner
    );
    let replaced = json!({"is_enabled": "false", "login_message_banner": "Changed"});
    let put = sb
        .aria_call(Method::PUT, path, &admin, Some(replaced))
        .await;
    assert_eq!(put.status, 200, "{}", put.text);
    assert_eq!(
        put.json(),
        json!({"is_enabled": false, "login_message_banner": "Changed"})
    );
    assert_aria_error(
        &sb.aria_call(
            Method::POST,
            path,
            &admin,
            Some(json!({"is_enabled": true})),
        )
        .await,
        400,
    );
    assert_eq!(
        sb.aria_call(Method::DELETE, path, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::DELETE, path, &admin, None).await, 404);
}

/// PowervRNI's `Get-vRNIProblem -StartTime -EndTime`, as its source sends it: the first page
/// without `size` or `cursor`, later ones with `size=10&cursor=<raw>`, the window on every
/// page, and each page's items posted back verbatim to the generic `/entities/fetch`, whose
/// `entity`s it returns; with no problem at all it still posts an empty list.
#[tokio::test]
async fn powervrni_lists_problems_and_fetches_them_whole() {
    // Every host of the first vCenter in warning: more problems than a page.
    let mut config = appliance_sandbox::config::Config::default();
    for dc in &mut config.world.vcenters[0].datacenters {
        for host in dc.clusters.iter_mut().flat_map(|c| c.hosts.iter_mut()) {
            host.health = appliance_sandbox::world::HostHealth::Warning;
        }
    }
    let sb = start_with(config, appliance_sandbox::Options::default()).await;
    let admin = sb.admin().await;
    let now = sb.sandbox.clock.now_secs();
    let window = format!("start_time={}&end_time={now}", now - 30 * 86_400);
    let (none, total) = powervrni_problems(&sb, &admin, &window).await;
    assert!(none.is_empty() && total == 0, "nothing is collected yet");
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    sb.advance(120);
    let now = sb.sandbox.clock.now_secs();
    let window = format!("start_time={}&end_time={now}", now - 30 * 86_400);
    let (problems, total) = powervrni_problems(&sb, &admin, &window).await;
    assert!(
        total > 10,
        "a month of the first vCenter has more than a page: {total}"
    );
    assert_eq!(problems.len() as u64, total);
    let severities = ["CRITICAL", "MODERATE", "WARNING", "INFO"];
    assert!(problems
        .iter()
        .all(|p| severities.contains(&p["severity"].as_str().unwrap())));
    let ids: std::collections::BTreeSet<&str> = problems
        .iter()
        .map(|p| p["entity_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), problems.len(), "no problem twice across pages");
}

/// `Get-vRNIProblem`'s requests, page after page: the problems it returns and the total.
async fn powervrni_problems(sb: &TestSandbox, admin: &str, window: &str) -> (Vec<Value>, u64) {
    let mut entities: Vec<Value> = Vec::new();
    let mut cursor = String::new();
    loop {
        let path = if cursor.is_empty() {
            format!("/entities/problems?{window}")
        } else {
            format!("/entities/problems?size=10&cursor={cursor}&{window}")
        };
        let page = sb.aria_call(Method::GET, &path, admin, None).await;
        assert_eq!(page.status, 200, "{path}: {}", page.text);
        let page = page.json();
        let body = json!({"entity_ids": page["results"]});
        let fetched = sb
            .aria_call(Method::POST, "/entities/fetch", admin, Some(body))
            .await;
        assert_eq!(fetched.status, 200, "{}", fetched.text);
        for r in fetched.json()["results"].as_array().unwrap() {
            entities.push(r["entity"].clone());
        }
        match page["cursor"].as_str() {
            Some(c) => cursor = c.to_string(),
            None => return (entities, page["total_count"].as_u64().unwrap()),
        }
    }
}
