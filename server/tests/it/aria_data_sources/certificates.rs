//! Device certificates (E93): a vCenter data source trusts the certificate its vCenter
//! presented when it was added, stops collecting when the vCenter presents another, and
//! resumes once the new one is accepted.

use super::*;

async fn vm_count(sb: &TestSandbox, admin: &str) -> u64 {
    let body = json!({"entity_type": "VirtualMachine", "filter": "", "size": 1});
    let a = sb
        .aria_call(Method::POST, "/search", admin, Some(body))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()["total_count"].as_u64().unwrap()
}

async fn get(sb: &TestSandbox, admin: &str, id: &str) -> Value {
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/data-sources/vcenters/{id}"),
            admin,
            None,
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()
}

#[tokio::test]
async fn a_renewed_certificate_stops_collection_until_it_is_accepted() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let id = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let added = get(&sb, &admin, &id).await;
    let trusted = added["sha_thumbprint"].as_str().unwrap().to_string();
    assert!(added["certificate"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----"));
    assert!(added.get("new_sha_thumbprint").is_none());
    let seen = vm_count(&sb, &admin).await;
    assert!(seen > 0);

    let renewed = sb
        .control_call(
            Method::POST,
            "/world/vcenters/vcenter01/certificate",
            json!({}),
        )
        .await;
    assert_eq!(renewed.status, 200, "{}", renewed.text);
    let renewed = renewed.json();
    assert_eq!(renewed["renewals"], 1);
    let new = renewed["sha_thumbprint"].as_str().unwrap().to_string();
    assert_ne!(new, trusted);
    // Collection stops at once: nothing of that vCenter is visible, and health says why.
    assert_eq!(vm_count(&sb, &admin).await, 0);
    sb.advance(130);
    let h = sb.data_source_health(&admin, &id).await;
    assert_eq!(h["health"]["health_status"], "UNHEALTHY", "{h}");
    let why = h["health"]["health_details"][0]["message"]
        .as_str()
        .unwrap();
    assert!(why.contains("certificate"), "{why}");
    assert_eq!(h["new_sha_thumbprint"], new.as_str());
    let pending = get(&sb, &admin, &id).await;
    assert_eq!(pending["sha_thumbprint"], trusted.as_str());
    assert_eq!(pending["new_sha_thumbprint"], new.as_str());
    assert_eq!(pending["new_certificate"], renewed["certificate"]);

    // 401, then 403, then 404, each changing nothing.
    let path = format!("/data-sources/accept-certificate/{id}");
    let anonymous = sb.send(sb.http.put(sb.aria(&path))).await;
    assert_aria_error(&anonymous, 401);
    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(&sb.aria_call(Method::PUT, &path, &member, None).await, 403);
    let unknown = sb
        .aria_call(
            Method::PUT,
            "/data-sources/accept-certificate/18230:902:1",
            &admin,
            None,
        )
        .await;
    assert_aria_error(&unknown, 404);
    assert_eq!(
        get(&sb, &admin, &id).await["new_sha_thumbprint"],
        new.as_str()
    );

    let accepted = sb.aria_call(Method::PUT, &path, &admin, None).await;
    assert_eq!(accepted.status, 200, "{}", accepted.text);
    let now = get(&sb, &admin, &id).await;
    assert_eq!(now["sha_thumbprint"], new.as_str());
    assert!(now.get("new_sha_thumbprint").is_none(), "{now}");
    assert_eq!(vm_count(&sb, &admin).await, seen);
    assert_eq!(
        sb.data_source_health(&admin, &id).await["health"]["health_status"],
        "HEALTHY"
    );
    // Accepting again changes nothing; another vCenter's renewal does not touch this one.
    assert_eq!(
        sb.aria_call(Method::PUT, &path, &admin, None).await.status,
        200
    );
    let other = sb
        .control_call(
            Method::POST,
            "/world/vcenters/vcenter02/certificate",
            json!({}),
        )
        .await;
    assert_eq!(other.status, 200);
    assert_eq!(vm_count(&sb, &admin).await, seen);
    let missing = sb
        .control_call(
            Method::POST,
            "/world/vcenters/nowhere/certificate",
            json!({}),
        )
        .await;
    assert_eq!(missing.status, 404, "{}", missing.text);
}

#[tokio::test]
async fn a_data_source_added_after_a_renewal_trusts_the_renewed_certificate() {
    let sb = start().await;
    let admin = sb.admin().await;
    let renewed = sb
        .control_call(
            Method::POST,
            "/world/vcenters/vcenter01/certificate",
            json!({}),
        )
        .await
        .json();
    let proxy = collector(&sb, &admin).await;
    let id = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let added = get(&sb, &admin, &id).await;
    assert_eq!(added["sha_thumbprint"], renewed["sha_thumbprint"]);
    assert!(vm_count(&sb, &admin).await > 0);
}
