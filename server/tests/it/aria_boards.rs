//! Custom dashboards and pinboards (E119): one store in two shapes, seen by the owner and the
//! users it is shared with, pinned to, copied, and chosen as the home page.

use crate::common::*;
use reqwest::Method;
use serde_json::json;

const BOARDS: &str = "/custom-dashboards";

#[tokio::test]
async fn boards_are_their_owners_and_shared_ones_and_pinboards_are_the_same_boards() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    let auditor = sb.aria_token("auditor@local", "auditor").await;
    let body = json!({"name": "Critical", "description": "first"});
    let r = sb
        .aria_call(Method::POST, BOARDS, &admin, Some(body.clone()))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["owner"], "admin@local");
    // One name per owner in any case; auditors change nothing.
    let again = json!({"name": "CRITICAL"});
    assert_aria_error(
        &sb.aria_call(Method::POST, BOARDS, &admin, Some(again.clone()))
            .await,
        409,
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, BOARDS, &auditor, Some(again))
            .await,
        403,
    );

    // A pin, seen through both shapes.
    let path = format!("{BOARDS}/{id}");
    let pin = json!({"pin_name": "Big VMs", "query": "vms where cpu_count > 6"});
    let r = (sb.aria_call(Method::POST, &format!("{path}/pins"), &admin, Some(pin))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let pin_id = r.json()["pin_model_key"].as_str().unwrap().to_string();
    assert_eq!(r.json()["custom_dashboard_id"], id.as_str());
    let old = format!("/pinboards/{id}");
    let board = sb.aria_call(Method::GET, &old, &admin, None).await.json();
    assert_eq!(
        board["pins"][0],
        json!({"id": pin_id, "name": "Big VMs", "query": "vms where cpu_count > 6"})
    );
    let renamed = (sb.aria_call(
        Method::PUT,
        &format!("{old}/pins/{pin_id}"),
        &admin,
        Some(json!({"pin_name": "Large VMs"})),
    ))
    .await;
    assert_eq!(renamed.json()["name"], "Large VMs", "{}", renamed.text);

    // Unshared, the member does not find it; shared to read, they see it and cannot change it.
    assert_aria_error(&sb.aria_call(Method::GET, &path, &member, None).await, 404);
    let listed = sb
        .aria_call(Method::GET, BOARDS, &member, None)
        .await
        .json();
    assert_eq!(listed["total_records"], 0);
    let share = json!({"users_read_access": ["member@local"]});
    let r = (sb.aria_call(Method::PUT, &format!("{path}/share"), &admin, Some(share))).await;
    assert_eq!(
        r.json()["users_read_access"],
        json!(["member@local"]),
        "{}",
        r.text
    );
    assert_eq!(
        sb.aria_call(Method::GET, &path, &member, None).await.status,
        200
    );
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &member, Some(body.clone()))
            .await,
        403,
    );
    // Shared to write, they can; an unknown user is refused and changes nothing.
    let unknown = json!({"users_write_access": ["member@local", "nobody@local"]});
    let r = (sb.aria_call(Method::PUT, &format!("{path}/share"), &admin, Some(unknown))).await;
    assert_aria_error(&r, 400);
    let write = json!({"users_write_access": ["member@local"]});
    let r = (sb.aria_call(Method::PUT, &format!("{path}/share"), &admin, Some(write))).await;
    let shared = r.json();
    assert_eq!(
        (
            shared["users_read_access"].clone(),
            shared["users_write_access"].clone()
        ),
        (json!([]), json!(["member@local"]))
    );
    let edit = json!({"name": "Critical now"});
    assert_eq!(
        sb.aria_call(Method::PUT, &path, &member, Some(edit))
            .await
            .status,
        200
    );

    // A copy is the copier's, its pins new, shared with nobody unless asked.
    let r = (sb.aria_call(
        Method::POST,
        &format!("{path}/duplicate"),
        &member,
        Some(json!({})),
    ))
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let copy = r.json();
    assert_eq!(
        (copy["name"].clone(), copy["owner"].clone()),
        (json!("Copy of Critical now"), json!("member@local"))
    );
    assert_ne!(copy["pins"][0]["pin_model_key"], pin_id.as_str());
    assert_eq!(copy["pins"][0]["pin_name"], "Large VMs");
    assert_eq!(copy["users_write_access"], json!([]));

    // Home page and preferences; a dashboard the user cannot read is refused.
    let copy_id = copy["id"].as_str().unwrap().to_string();
    let r = (sb.aria_call(
        Method::POST,
        &format!("/pinboards/{copy_id}/set-homepage"),
        &member,
        None,
    ))
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let prefs = json!({"preference": [copy_id, "GET_STARTED"]});
    let r = (sb.aria_call(
        Method::POST,
        &format!("{BOARDS}/set-preferences"),
        &admin,
        Some(prefs),
    ))
    .await;
    assert_aria_error(&r, 400);

    // Paged by a plain offset.
    for n in 0..3 {
        let b = json!({"name": format!("b{n}")});
        sb.aria_call(Method::POST, BOARDS, &admin, Some(b)).await;
    }
    let page = (sb.aria_call(Method::GET, &format!("{BOARDS}?size=2"), &admin, None))
        .await
        .json();
    assert_eq!(
        (page["total_records"].clone(), page["cursor"].clone()),
        (json!(4), json!(2))
    );
    let last = (sb.aria_call(Method::GET, "/pinboards?size=2&cursor=2", &admin, None))
        .await
        .json();
    assert_eq!(last["results"].as_array().unwrap().len(), 2);
    assert!(last.get("cursor").is_none(), "{last}");

    // Removing the share takes the member's access away; the owner deletes the board.
    let unshare = json!({"users_write_access": ["member@local"]});
    sb.aria_call(
        Method::PUT,
        &format!("{path}/remove-share"),
        &admin,
        Some(unshare),
    )
    .await;
    assert_aria_error(&sb.aria_call(Method::GET, &path, &member, None).await, 404);
    let r = (sb.aria_call(
        Method::DELETE,
        &format!("{path}/pins/{pin_id}"),
        &admin,
        None,
    ))
    .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        sb.aria_call(Method::DELETE, &old, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
}

#[tokio::test]
async fn ids_are_never_reused_and_long_queries_and_readers_copies_work() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    let create = |name: &str| json!({"name": name});
    let first = (sb.aria_call(Method::POST, BOARDS, &admin, Some(create("a"))))
        .await
        .json();
    let first_id = first["id"].as_str().unwrap().to_string();
    let path = format!("{BOARDS}/{first_id}");
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );
    let second = (sb.aria_call(Method::POST, BOARDS, &admin, Some(create("a"))))
        .await
        .json();
    assert_ne!(
        second["id"],
        first_id.as_str(),
        "a deleted board's id came back"
    );
    let path = format!("{BOARDS}/{}", second["id"].as_str().unwrap());

    // An unnamed pin is named by as much of its query as a name holds; the query is kept as given.
    let query = format!(" vms where name = '{}' ", "x".repeat(300));
    let pins = format!("{path}/pins");
    let r = (sb.aria_call(Method::POST, &pins, &admin, Some(json!({"query": query})))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let pin = r.json();
    assert_eq!(pin["query"], query.as_str());
    assert_eq!(pin["pin_name"].as_str().unwrap().chars().count(), 256);
    let pin_id = pin["pin_model_key"].as_str().unwrap().to_string();
    let one = format!("{pins}/{pin_id}");
    assert_eq!(
        sb.aria_call(Method::DELETE, &one, &admin, None)
            .await
            .status,
        204
    );
    let again = (sb.aria_call(Method::POST, &pins, &admin, Some(json!({"query": "flows"})))).await;
    assert_ne!(
        again.json()["pin_model_key"],
        pin_id.as_str(),
        "a deleted pin's id came back"
    );

    // Named to read and to write at once is refused, and changes nothing.
    let both =
        json!({"users_read_access": ["member@local"], "users_write_access": ["member@local"]});
    let r = (sb.aria_call(Method::PUT, &format!("{path}/share"), &admin, Some(both))).await;
    assert_aria_error(&r, 400);
    let board = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    assert_eq!(
        (
            board["users_read_access"].clone(),
            board["users_write_access"].clone()
        ),
        (json!([]), json!([]))
    );

    // A reader may copy; the copy is theirs.
    let read = json!({"users_read_access": ["member@local"]});
    let r = (sb.aria_call(Method::PUT, &format!("{path}/share"), &admin, Some(read))).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = (sb.aria_call(
        Method::POST,
        &format!("{path}/duplicate"),
        &member,
        Some(json!({"name": "mine"})),
    ))
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json()["owner"], "member@local");
    // A reader's pin, share and delete are refused.
    let r = (sb.aria_call(
        Method::POST,
        &pins,
        &member,
        Some(json!({"query": "flows"})),
    ))
    .await;
    assert_aria_error(&r, 403);
    let r = (sb.aria_call(
        Method::PUT,
        &format!("{path}/share"),
        &member,
        Some(json!({})),
    ))
    .await;
    assert_aria_error(&r, 403);
    assert_aria_error(
        &sb.aria_call(Method::DELETE, &path, &member, None).await,
        403,
    );
}
