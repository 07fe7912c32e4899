//! Web proxies (E116) and IP tags v2 (E117): proxies checked, counted by the data sources that
//! name them, moved from on removal, and their clients polled in the world; v2's entries over
//! the addresses v1 tags.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

const PROXIES: &str = "/settings/proxy-servers";

fn proxy(nick: &str) -> Value {
    json!({"nick_name": nick, "target_ip": "10.0.0.50", "target_port": 3128, "proxy_type": "HTTP",
           "auth_type": "Basic", "use_credentials": true, "user_name": "squid", "password": "Proxy1!"})
}

async fn add(sb: &TestSandbox, admin: &str, nick: &str) -> String {
    let a = sb
        .aria_call(Method::POST, PROXIES, admin, Some(proxy(nick)))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert!(!a.text.contains("Proxy1!"), "{}", a.text);
    a.json()["proxy_id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn web_proxies_are_checked_used_and_moved_from() {
    let sb = start().await;
    let admin = sb.admin().await;
    let (a, b) = (
        add(&sb, &admin, "squid-a").await,
        add(&sb, &admin, "squid-b").await,
    );
    assert!(a.starts_with("web-proxy-"), "{a}");
    // Refused: a taken name, a bad address or port, credentials without a password.
    for (field, value) in [
        ("nick_name", json!("SQUID-A")),
        ("target_ip", json!("proxy.example")),
        ("target_port", json!(0)),
        ("password", json!("")),
    ] {
        let mut body = proxy("other");
        body[field] = value;
        let r = sb
            .aria_call(Method::POST, PROXIES, &admin, Some(body))
            .await;
        assert_aria_error(&r, 400);
    }
    let list = sb.aria_call(Method::GET, PROXIES, &admin, None).await;
    assert_eq!(list.json()["results"].as_array().unwrap().len(), 2);
    assert!(!list.text.contains("Proxy1!"), "{}", list.text);

    // An AWS account through proxy a; an unknown proxy id is refused.
    let nodes = (sb.aria_call(Method::GET, "/infra/nodes", &admin, None))
        .await
        .json();
    let node = nodes["results"][0]["id"].clone();
    let mut aws = json!({"proxy_id": node, "nickname": "aws",
                         "credentials": TestSandbox::aws_credentials(), "web_proxy_id": "web-proxy-none"});
    let r = (sb.aria_call(
        Method::POST,
        "/data-sources/aws-accounts",
        &admin,
        Some(aws.clone()),
    ))
    .await;
    assert_aria_error(&r, 400);
    aws["web_proxy_id"] = json!(a);
    let r = (sb.aria_call(
        Method::POST,
        "/data-sources/aws-accounts",
        &admin,
        Some(aws),
    ))
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let source = r.json()["entity_id"].as_str().unwrap().to_string();
    let one = sb
        .aria_call(Method::GET, &format!("{PROXIES}/{a}"), &admin, None)
        .await
        .json();
    assert_eq!(
        (one["connected_entities"].clone(), one["user_name"].clone()),
        (json!(1), json!("squid"))
    );
    let clients = (sb.aria_call(
        Method::GET,
        &format!("{PROXIES}/{a}/connected-clients"),
        &admin,
        None,
    ))
    .await
    .json();
    assert_eq!(clients["results"][0]["entity_id"], source.as_str());
    assert_eq!(clients["results"][0]["identifier"], "AKIASANDBOX000000001");
    let infra = sb
        .aria_call(Method::GET, &format!("{PROXIES}/infra"), &admin, None)
        .await
        .json();
    assert_eq!(infra["results"][0]["web_proxy_id"], a.as_str(), "{infra}");

    // The world's account takes the credentials: the check passes through other settings.
    let check = format!("{PROXIES}/{a}/validate-entities");
    let r = sb
        .aria_call(Method::POST, &check, &admin, Some(proxy("squid-a")))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["results"][0]["status"], "PASS", "{}", r.text);
    let migration = json!({"source_webproxy_id": a, "target_webproxy_id": a});
    let r = (sb.aria_call(
        Method::POST,
        &format!("{PROXIES}/validate-migration"),
        &admin,
        Some(migration),
    ))
    .await;
    assert_aria_error(&r, 400);

    // A change keeps the password when left out; the name stays unique.
    let mut change = proxy("squid-a2");
    change.as_object_mut().unwrap().remove("password");
    let path = format!("{PROXIES}/{a}");
    let r = sb
        .aria_call(Method::PUT, &path, &admin, Some(change.clone()))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    // Kept, not dropped: another change without it still has one.
    let r = sb.aria_call(Method::PUT, &path, &admin, Some(change)).await;
    assert_eq!(r.status, 204, "{}", r.text);
    let mut spaced = proxy(" SQUID-B ");
    spaced["target_port"] = json!(8080);
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(spaced)).await,
        400,
    );
    let r = sb
        .aria_call(Method::PUT, &path, &admin, Some(proxy("squid-b")))
        .await;
    assert_aria_error(&r, 400);

    // In use, a removal needs somewhere to move the clients to; then they move with it.
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &path, &admin, None).await,
        400,
    );
    let elsewhere = format!("{path}?migrationWebProxyId=web-proxy-none");
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &elsewhere, &admin, None).await,
        404,
    );
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.status,
        200
    );
    let moved = format!("{path}?migrationWebProxyId={b}");
    assert_eq!(
        sb.aria_call(Method::DELETE, &moved, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
    let aws = (sb.aria_call(
        Method::GET,
        &format!("/data-sources/aws-accounts/{source}"),
        &admin,
        None,
    ))
    .await
    .json();
    assert_eq!(aws["web_proxy_id"], b.as_str());

    // Members read, only administrators change.
    let member = sb.aria_token("member@local", "member").await;
    assert_eq!(
        sb.aria_call(Method::GET, PROXIES, &member, None)
            .await
            .status,
        200
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, PROXIES, &member, Some(proxy("m")))
            .await,
        403,
    );
}

#[tokio::test]
async fn ip_tags_v2_entries_tag_the_addresses_v1_reads() {
    let sb = start().await;
    let admin = sb.admin().await;
    let path = "/settings/ip-tags/v2/INTERNET";
    let body = json!({"tag_id": "INTERNET", "entries": [
        {"parent": {"subnet": "203.0.113.0/24"},
         "exclusions": [{"ip_address_range": {"start_ip": "203.0.113.10", "end_ip": "203.0.113.20"}}]},
        {"parent": {"subnet": "198.51.100.0/24"}}]});
    let r = sb
        .aria_call(Method::POST, &format!("{path}/add"), &admin, Some(body))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v1 = (sb.aria_call(Method::GET, "/settings/ip-tags/INTERNET", &admin, None))
        .await
        .json();
    assert_eq!(v1["subnets"], json!(["198.51.100.0/24"]));
    assert_eq!(
        v1["ip_address_ranges"],
        json!([{"start_ip": "203.0.113.0", "end_ip": "203.0.113.9"},
               {"start_ip": "203.0.113.21", "end_ip": "203.0.113.255"}])
    );
    let v2 = sb.aria_call(Method::GET, path, &admin, None).await.json();
    assert_eq!(v2["entries"].as_array().unwrap().len(), 3, "{v2}");
    // Refused whole: an exclusion outside its parent, another tag's id, an unknown tag.
    let outside = json!({"tag_id": "INTERNET", "entries": [
        {"parent": {"subnet": "192.0.2.0/28"}},
        {"parent": {"subnet": "10.0.0.0/24"}, "exclusions": [{"subnet": "10.0.1.0/24"}]}]});
    let r = sb
        .aria_call(Method::POST, &format!("{path}/add"), &admin, Some(outside))
        .await;
    assert_aria_error(&r, 400);
    let other = json!({"tag_id": "EAST_WEST", "entries": []});
    assert_aria_error(
        &sb.aria_call(Method::POST, &format!("{path}/add"), &admin, Some(other))
            .await,
        400,
    );
    let unknown = json!({"tag_id": "NOPE", "entries": []});
    let r = (sb.aria_call(
        Method::POST,
        "/settings/ip-tags/v2/NOPE/add",
        &admin,
        Some(unknown),
    ))
    .await;
    assert_aria_error(&r, 404);
    assert_eq!(
        sb.aria_call(Method::GET, path, &admin, None).await.json(),
        v2
    );
    // Removing a subnet takes it and its addresses away.
    let gone = json!({"tag_id": "INTERNET", "entries": [{"parent": {"subnet": "198.51.100.0/24"}},
                       {"parent": {"subnet": "203.0.113.0/25"}}]});
    let r = sb
        .aria_call(Method::POST, &format!("{path}/remove"), &admin, Some(gone))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v1 = (sb.aria_call(Method::GET, "/settings/ip-tags/INTERNET", &admin, None))
        .await
        .json();
    assert_eq!(
        (v1["subnets"].clone(), v1["ip_address_ranges"].clone()),
        (
            json!([]),
            json!([{"start_ip": "203.0.113.128", "end_ip": "203.0.113.255"}])
        )
    );
    // A removal cuts into a listed subnet too: its other addresses stay tagged.
    let subnet = json!({"tag_id": "INTERNET", "entries": [{"parent": {"subnet": "10.0.0.0/24"}}]});
    sb.aria_call(Method::POST, &format!("{path}/add"), &admin, Some(subnet))
        .await;
    let half = json!({"tag_id": "INTERNET", "entries": [{"parent": {"subnet": "10.0.0.0/25"}}]});
    sb.aria_call(Method::POST, &format!("{path}/remove"), &admin, Some(half))
        .await;
    let v1 = (sb.aria_call(Method::GET, "/settings/ip-tags/INTERNET", &admin, None))
        .await
        .json();
    assert_eq!(v1["subnets"], json!([]), "{v1}");
    assert_eq!(
        v1["ip_address_ranges"],
        json!([{"start_ip": "10.0.0.128", "end_ip": "10.0.0.255"},
               {"start_ip": "203.0.113.128", "end_ip": "203.0.113.255"}])
    );
    let ids = sb
        .aria_call(Method::GET, "/settings/ip-tags/v2/tag-ids", &admin, None)
        .await;
    assert_eq!(ids.json()["tag_ids"], json!(["EAST_WEST", "INTERNET"]));
}
