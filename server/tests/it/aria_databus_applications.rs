//! What the databus would have posted to application subscribers (E127): each application
//! made, changed or removed, noted in the change's own transaction; a restore's too.

use crate::aria_databus_messages::{message_ids, messages, poll, subscribe};
use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn application_subscribers_get_each_change_made_in_its_transaction() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    // PowervRNI's spelling of the group.
    let sub = subscribe(&sb, &admin, "applications").await;
    let other = subscribe(&sb, &admin, "switchports-metrics").await;
    // An hour on, both heartbeats are due this second; a test polls everything now and then
    // changes applications in the same second.
    sb.advance(3600);
    let admin = sb.admin().await;
    let (mut read, cursor) = poll(&sb, None, 2, None).await;
    let apps = "/groups/applications";
    let make = |name: &str| json!({"name": name});
    let shop = sb
        .aria_call(Method::POST, apps, &admin, Some(make("shop")))
        .await;
    assert_eq!(shop.status, 201, "{}", shop.text);
    let shop = shop.json()["entity_id"].as_str().unwrap().to_string();
    let path = format!("{apps}/{}", shop.replace(':', "%3A"));
    let tier = json!({"name": "web", "group_membership_criteria": [{"membership_type": "SearchMembershipCriteria", "search_membership_criteria": {"entity_type": "VirtualMachine", "filter": "name like 'web%'"}}]});
    let t = sb
        .aria_call(Method::POST, &format!("{path}/tiers"), &admin, Some(tier))
        .await;
    assert_eq!(t.status, 201, "{}", t.text);
    // Refused changes post nothing.
    let twice = sb
        .aria_call(Method::POST, apps, &admin, Some(make("SHOP")))
        .await;
    assert_eq!(twice.status, 409, "{}", twice.text);
    let gone = sb
        .aria_call(Method::POST, apps, &admin, Some(make("gone")))
        .await;
    let gone = gone.json()["entity_id"].as_str().unwrap().to_string();
    let a = sb
        .aria_call(
            Method::DELETE,
            &format!("{apps}/{}", gone.replace(':', "%3A")),
            &admin,
            None,
        )
        .await;
    assert_eq!(a.status, 204, "{}", a.text);

    sb.advance(1);
    let (more, _) = poll(&sb, None, 2, cursor).await;
    read.extend(more);
    // Nothing noted in that second sorts behind what the first poll served.
    assert_eq!(
        message_ids(&read),
        message_ids(&messages(&sb, None, 100).await)
    );
    assert_eq!(messages(&sb, Some(&other), 100).await.len(), 1);
    let got: Vec<Value> = (messages(&sb, Some(&sub), 3).await.into_iter())
        .filter(|m| m["message"]["type"] != "HEARTBEAT")
        .collect();
    let seen: Vec<(String, String)> = (got.iter())
        .map(|m| {
            let msg = &m["message"];
            assert_eq!(msg["type"], "ApplicationMessage");
            let id = msg["data"]["entity_id"].as_str().unwrap().to_string();
            (msg["status"].as_str().unwrap().to_string(), id)
        })
        .collect();
    let want = [
        ("CREATE", &shop),
        ("UPDATE", &shop),
        ("CREATE", &gone),
        ("DELETE", &gone),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(s, i)| (s.to_string(), i.to_string()))
        .collect();
    assert_eq!(seen, want);
    // The application as the members API answers it; a removed one by id and name, and when.
    let members = sb
        .aria_call(
            Method::POST,
            "/groups/applications/members",
            &admin,
            Some(json!({"entity_ids": [shop]})),
        )
        .await;
    assert_eq!(members.status, 200, "{}", members.text);
    assert_eq!(got[1]["message"]["data"], members.json()["results"][0]);
    assert_eq!(got[1]["message"]["data"]["tiers"][0]["name"], "web");
    let deleted = &got[3]["message"];
    assert_eq!(deleted["data"]["name"], "gone");
    assert_eq!(deleted["deleted_at"], deleted["timestamp"]);
    assert!(got[1]["message"].get("deleted_at").is_none());
}

#[tokio::test]
async fn a_restore_posts_what_it_made_and_removed() {
    let sb = start().await;
    let admin = sb.admin().await;
    let sub = subscribe(&sb, &admin, "application").await;
    let apps = "/groups/applications";
    let made = sb
        .aria_call(Method::POST, apps, &admin, Some(json!({"name": "shop"})))
        .await;
    let shop = made.json()["entity_id"].as_str().unwrap().to_string();
    let server = json!({"server_address": "10.0.0.10", "port": 22, "username": "backups",
                        "password": "VMware1!", "backup_directory": "/home/backups/"});
    let mut backup = json!({"backup_file_server_type": "SSH", "ssh_file_server": server,
                            "data_filter": {"applications": true}, "schedule_now": true});
    let a = sb
        .aria_call(
            Method::POST,
            "/settings/backup",
            &admin,
            Some(backup.clone()),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    sb.advance(60);
    let status = sb
        .aria_call(Method::GET, "/settings/backup/status", &admin, None)
        .await
        .json();
    let file = status["backup_file_name"].as_str().unwrap().to_string();
    let path = format!("{apps}/{}", shop.replace(':', "%3A"));
    let gone = sb.aria_call(Method::DELETE, &path, &admin, None).await;
    assert_eq!(gone.status, 204, "{}", gone.text);
    let later = sb
        .aria_call(Method::POST, apps, &admin, Some(json!({"name": "later"})))
        .await;
    let later = later.json()["entity_id"].as_str().unwrap().to_string();
    backup["ssh_file_server"]["backup_file_name"] = json!(file);
    backup.as_object_mut().unwrap().remove("schedule_now");
    let restored = sb
        .aria_call(Method::POST, "/settings/restore", &admin, Some(backup))
        .await;
    assert_eq!(restored.status, 201, "{}", restored.text);
    sb.advance(1);
    let seen: Vec<(String, String)> = (messages(&sb, Some(&sub), 100).await.iter())
        .filter(|m| m["message"]["type"] == "ApplicationMessage")
        .map(|m| {
            let msg = &m["message"];
            let id = msg["data"]["entity_id"].as_str().unwrap().to_string();
            (msg["status"].as_str().unwrap().to_string(), id)
        })
        .collect();
    let want = [
        ("CREATE", &shop),
        ("DELETE", &shop),
        ("CREATE", &later),
        // The restore brings the shop back and takes the later one away.
        ("DELETE", &later),
        ("CREATE", &shop),
    ];
    let want: Vec<(String, String)> = (want.iter())
        .map(|(s, i)| (s.to_string(), i.to_string()))
        .collect();
    assert_eq!(seen, want);
}
