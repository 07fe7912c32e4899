//! The world's AWS accounts and Azure subscriptions (E102): visible while a data source holding
//! their credentials collects them, refused with the cloud's own error otherwise.

use super::vsphere_objects::{fetch, list_all};
use super::*;

/// Puts `credentials` on the data source `id` of `segment`.
async fn set_credentials(
    sb: &TestSandbox,
    token: &str,
    segment: &str,
    id: &str,
    credentials: Value,
) {
    let path = format!("/data-sources/{segment}/{id}");
    let proxy = sb.aria_call(Method::GET, &path, token, None).await.json()["proxy_id"].clone();
    let body = json!({"nickname": segment, "proxy_id": proxy, "credentials": credentials});
    let a = sb.aria_call(Method::PUT, &path, token, Some(body)).await;
    assert_eq!(a.status, 200, "{}", a.text);
}

#[tokio::test]
async fn an_aws_account_is_collected_with_its_keys_and_refused_otherwise() {
    let (sb, token) = collecting().await;
    let unknown = json!({"access_key": "AKIAUNKNOWN000000000", "secret_key": "x"});
    let nowhere = sb.add_cloud(&token, "aws-accounts", unknown).await;
    // The account's key with another secret (the key is the data source's identity).
    let mut wrong = TestSandbox::aws_credentials();
    wrong["secret_key"] = json!("not-the-secret");
    let id = sb.add_cloud(&token, "aws-accounts", wrong).await;
    sb.advance(120);
    let health = sb.data_source_health(&token, &nowhere).await.to_string();
    assert!(health.contains("InvalidClientTokenId"), "{health}");
    let health = sb.data_source_health(&token, &id).await.to_string();
    assert!(health.contains("SignatureDoesNotMatch"), "{health}");
    assert_eq!(total(&sb, &token, "aws-account-managers").await, 0);
    set_credentials(
        &sb,
        &token,
        "aws-accounts",
        &id,
        TestSandbox::aws_credentials(),
    )
    .await;
    let ids = list_all(&sb, &token, "aws-account-managers").await;
    assert_eq!(ids.len(), 1);
    let one = fetch(&sb, &token, "/entities/fetch", &ids).await;
    let account = &one["results"][0]["entity"];
    assert_eq!(account["name"], "aws-prod");
    assert_eq!(account["vendor_id"], "123456789012");
    let infos = fetch(&sb, &token, "/entities/vendor-infos/fetch", &ids).await;
    assert_eq!(
        infos["results"][0]["vendor_ids"][0]["id_type"], "ACCOUNT_ID",
        "{infos}"
    );
    assert_eq!(
        search_all(&sb, &token, "AWSAccountManager", "name = 'AWS-PROD'").await,
        ids
    );
    assert_eq!(
        ql_hits(
            &sb,
            &token,
            "count of aws accounts where vendor_id = '123456789012'"
        )
        .await,
        1
    );
    let a = sb
        .aria_call(
            Method::POST,
            &format!("/data-sources/aws-accounts/{id}/disable"),
            &token,
            None,
        )
        .await;
    assert!(a.status < 300, "{}", a.text);
    assert_eq!(total(&sb, &token, "aws-account-managers").await, 0);
}

#[tokio::test]
async fn an_azure_subscription_needs_its_tenants_application_and_secret() {
    let (sb, token) = collecting().await;
    let mut elsewhere = TestSandbox::azure_credentials();
    elsewhere["azure_subscription"] = json!("00000000-0000-4000-8000-000000000000");
    let nowhere = sb.add_cloud(&token, "azure-subscriptions", elsewhere).await;
    let mut wrong = TestSandbox::azure_credentials();
    wrong["azure_key"] = json!("not-the-secret");
    let id = sb.add_cloud(&token, "azure-subscriptions", wrong).await;
    sb.advance(120);
    let health = sb.data_source_health(&token, &nowhere).await.to_string();
    assert!(health.contains("SubscriptionNotFound"), "{health}");
    for (field, value) in [
        ("azure_tenant", "00000000-0000-4000-8000-000000000001"),
        ("azure_client", "00000000-0000-4000-8000-000000000002"),
        ("azure_key", "not-the-secret"),
    ] {
        let mut wrong = TestSandbox::azure_credentials();
        wrong[field] = json!(value);
        set_credentials(&sb, &token, "azure-subscriptions", &id, wrong).await;
        let health = sb.data_source_health(&token, &id).await.to_string();
        assert!(health.contains("AADSTS7000215"), "{field}: {health}");
        assert_eq!(
            total(&sb, &token, "azure-subscriptions").await,
            0,
            "{field}"
        );
    }
    // The GUIDs in capitals, or braced, are the same GUIDs.
    let mut right = TestSandbox::azure_credentials();
    right["azure_tenant"] = json!(right["azure_tenant"].as_str().unwrap().to_uppercase());
    right["azure_client"] = json!(format!("{{{}}}", right["azure_client"].as_str().unwrap()));
    set_credentials(&sb, &token, "azure-subscriptions", &id, right).await;
    let ids = list_all(&sb, &token, "azure-subscriptions").await;
    assert_eq!(ids.len(), 1);
    let one = fetch(&sb, &token, "/entities/fetch", &ids).await;
    let subscription = &one["results"][0]["entity"];
    assert_eq!(
        subscription["vendor_id"],
        "6d1f0c2e-5a3b-4c8d-9e7f-0a1b2c3d4e5f"
    );
    assert_eq!(
        subscription["secondary_id"],
        "3e8a9b7c-1d2e-4f60-8a9b-c0d1e2f3a4b5"
    );
    assert_eq!(
        ql_hits(
            &sb,
            &token,
            "count of azure subscriptions where name = 'azure-prod'"
        )
        .await,
        1
    );
}
