//! Subnet-to-VLAN mappings (E111) and databus subscribers (E112): stored, checked, in the order
//! added, as PowervRNI's cmdlets send them.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

const MAPPINGS: &str = "/settings/subnet-mappings";
const SUBSCRIBERS: &str = "/settings/databus/subscribers";

#[tokio::test]
async fn subnet_mappings_are_added_changed_and_removed() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    // New-vRNISubnetMapping's body.
    let body = json!({"cidr": "192.168.0.0/24", "vlan_id": 10});
    assert_aria_error(
        &sb.aria_call(Method::POST, MAPPINGS, &member, Some(body.clone()))
            .await,
        403,
    );
    let a = sb
        .aria_call(Method::POST, MAPPINGS, &admin, Some(body.clone()))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let first = a.json();
    assert_eq!(first["entity_type"], "UserDefinedSubnet");
    assert_eq!(
        (first["cidr"].clone(), first["vlan_id"].clone()),
        (json!("192.168.0.0/24"), json!(10))
    );
    // One mapping per subnet; host bits, prefixes and VLANs are checked.
    assert_aria_error(
        &sb.aria_call(Method::POST, MAPPINGS, &admin, Some(body))
            .await,
        400,
    );
    for bad in [
        json!({"cidr": "192.168.0.1/24", "vlan_id": 10}),
        json!({"cidr": "192.168.0.0/40", "vlan_id": 10}),
        json!({"cidr": "10.1.0.0/16", "vlan_id": 4096}),
        json!({"cidr": "10.1.0.0/16"}),
    ] {
        let a = sb
            .aria_call(Method::POST, MAPPINGS, &admin, Some(bad))
            .await;
        assert_aria_error(&a, 400);
    }
    let second = json!({"cidr": "10.1.0.0/16", "vlan_id": 20});
    let a = sb
        .aria_call(Method::POST, MAPPINGS, &admin, Some(second))
        .await;
    let id2 = a.json()["entity_id"].as_str().unwrap().to_string();
    // Get-vRNISubnetMapping reads `.results`, in the order added.
    let list = sb
        .aria_call(Method::GET, MAPPINGS, &member, None)
        .await
        .json();
    let cidrs: Vec<&Value> = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["cidr"])
        .collect();
    assert_eq!(cidrs, [&json!("192.168.0.0/24"), &json!("10.1.0.0/16")]);
    // A change may not take another mapping's subnet.
    let path = format!("{MAPPINGS}/{id2}");
    let clash = json!({"cidr": "192.168.0.0/24", "vlan_id": 20});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(clash)).await,
        400,
    );
    let change = json!({"cidr": "10.2.0.0/16", "vlan_id": 30});
    let a = sb.aria_call(Method::PUT, &path, &admin, Some(change)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(
        (a.json()["entity_id"].clone(), a.json()["name"].clone()),
        (json!(id2), json!("10.2.0.0/16"))
    );
    let gone = sb.aria_call(Method::DELETE, &path, &admin, None).await;
    assert_eq!(gone.status, 204);
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &path, &admin, None).await,
        404,
    );
    let list = sb
        .aria_call(Method::GET, MAPPINGS, &admin, None)
        .await
        .json();
    assert_eq!(list["results"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn databus_subscribers_keep_their_group_and_change_their_url() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(
        &sb.aria_call(Method::GET, SUBSCRIBERS, &member, None).await,
        403,
    );
    // New-vRNIDatabusSubscriber's body: a lower-cased group and a URL.
    let body = json!({"message_group": "applications",
                      "url": "http://my-subscriber-url.local.corp/alerts"});
    let a = sb
        .aria_call(Method::POST, SUBSCRIBERS, &admin, Some(body))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let id = a.json()["id"].as_str().unwrap().to_string();
    for bad in [
        json!({"message_group": "alerts", "url": "http://x.example.com/"}),
        json!({"message_group": "flows", "url": "ftp://x.example.com/"}),
        json!({"message_group": "flows", "url": "/relative"}),
        json!({"message_group": "flows"}),
    ] {
        let a = sb
            .aria_call(Method::POST, SUBSCRIBERS, &admin, Some(bad))
            .await;
        assert_aria_error(&a, 400);
    }
    let path = format!("{SUBSCRIBERS}/{id}");
    let regroup = json!({"message_group": "flows", "url": "http://x.example.com/"});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(regroup))
            .await,
        400,
    );
    let moved = json!({"message_group": "applications", "url": "https://other.example.com/v2",
                       "filter_tags": [{"filterKey": "severity", "filterValue": ["CRITICAL"]}]});
    let a = sb.aria_call(Method::PUT, &path, &admin, Some(moved)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let one = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    assert_eq!(one["url"], "https://other.example.com/v2");
    // One subscription per group and URL: a second is refused, by POST or PUT.
    let twin = json!({"message_group": "applications", "url": "https://other.example.com/v2"});
    let a = sb
        .aria_call(Method::POST, SUBSCRIBERS, &admin, Some(twin))
        .await;
    assert_aria_error(&a, 400);
    assert!(a.text.contains("already subscribed"), "{}", a.text);
    // PowervRNI's `applications` is `application`; a PUT onto another's URL is a twin too.
    let twin = json!({"message_group": "application", "url": "https://other.example.com/v2"});
    let a = sb
        .aria_call(Method::POST, SUBSCRIBERS, &admin, Some(twin))
        .await;
    assert_aria_error(&a, 400);
    let other = json!({"message_group": "applications", "url": "https://third.example.com/"});
    let a = sb
        .aria_call(Method::POST, SUBSCRIBERS, &admin, Some(other))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let third = format!("{SUBSCRIBERS}/{}", a.json()["id"].as_str().unwrap());
    let onto = json!({"message_group": "applications", "url": "https://other.example.com/v2"});
    assert_aria_error(
        &sb.aria_call(Method::PUT, &third, &admin, Some(onto)).await,
        400,
    );
    assert_eq!(
        sb.aria_call(Method::DELETE, &third, &admin, None)
            .await
            .status,
        204
    );
    assert_eq!(one["filter_tags"][0]["filterValue"][0], "CRITICAL");
    // Get-vRNIDatabusSubscriber reads `.results` and each `.id`; at most ten.
    for n in 1..10 {
        let body = json!({"message_group": "problems", "url": format!("http://s{n}.example.com/")});
        let a = sb
            .aria_call(Method::POST, SUBSCRIBERS, &admin, Some(body))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
    }
    let eleventh = json!({"message_group": "vms", "url": "http://s11.example.com/"});
    assert_aria_error(
        &sb.aria_call(Method::POST, SUBSCRIBERS, &admin, Some(eleventh))
            .await,
        400,
    );
    let list = sb
        .aria_call(Method::GET, SUBSCRIBERS, &admin, None)
        .await
        .json();
    assert_eq!(list["total_count"], 10);
    assert_eq!(list["results"][0]["id"], json!(id));
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
}
