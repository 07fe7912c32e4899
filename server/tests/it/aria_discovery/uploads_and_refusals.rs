//! Application discovery (E89): refused configurations, the CSV, and a save that cannot be
//! stored.

use super::*;

#[tokio::test]
async fn bad_configurations_auditors_and_unknown_ids_change_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    for (body, says) in [
        (
            json!({"full_fetch_flow_interval_in_sec": 60}),
            "full_fetch_flow_interval_in_sec",
        ),
        (
            json!({"scope_object_type": 7, "scope_entities": ["x"]}),
            "scope_object_type",
        ),
        (json!({"scope_entities": ["x"]}), "scope_object_type"),
        (
            json!({"discovery_options": [{"type": "CSV", "value": "nope"}]}),
            "nope",
        ),
        (
            json!({"tier_naming_preferences": [{"type": "DNS"}]}),
            "type",
        ),
    ] {
        let a = sb.aria_call(Method::POST, FBAD, &admin, Some(body)).await;
        assert_aria_error(&a, 400);
        assert!(a.text.contains(says), "{}", a.text);
    }
    let auditor = sb.aria_token("auditor@local", "auditor").await;
    assert_eq!(
        sb.aria_call(Method::POST, FBAD, &auditor, Some(json!({})))
            .await
            .status,
        403
    );
    let listed = sb.aria_call(Method::GET, FBAD, &admin, None).await.json();
    assert_eq!(listed["results"], json!([]));
    assert_eq!(
        sb.aria_call(
            Method::PUT,
            &format!("{FBAD}/fbad-1"),
            &admin,
            Some(json!({}))
        )
        .await
        .status,
        404
    );
    let task = save(&sb, &admin, &["18230:561:1"]).await;
    assert_eq!(task["app_save_response"][0]["response_code"], "NOT_FOUND");
    let apps = sb
        .aria_call(Method::GET, "/groups/applications", &admin, None)
        .await
        .json();
    assert_eq!(apps["total_count"], 0);
    let a = sb
        .aria_call(
            Method::GET,
            "/groups/discovered-applications?discovery_type=MANUAL",
            &admin,
            None,
        )
        .await;
    assert_aria_error(&a, 400);
    let a = sb
        .aria_call(Method::GET, "/groups/task/progress/nope", &admin, None)
        .await;
    assert_aria_error(&a, 404);
}

#[tokio::test]
async fn an_uploaded_csv_names_applications_and_tiers() {
    let sb = start().await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let app = &discovered(&sb, &admin, "COARSE").await[0];
    let saved = save(&sb, &admin, &[app["entity_id"].as_str().unwrap()]).await;
    let tiers = tiers_of_discovered(
        &sb,
        &admin,
        saved["app_save_response"][0]["entity_id"].as_str().unwrap(),
    )
    .await;
    let vm = tiers
        .values()
        .next()
        .unwrap()
        .iter()
        .next()
        .unwrap()
        .clone();
    let upload = |bytes: Vec<u8>| {
        let (content_type, body) = multipart("file", &bytes);
        sb.aria_req(Method::POST, &format!("{FBAD}/file/upload"), &admin)
            .header("content-type", content_type)
            .body(body)
    };
    for bad in [b"\xff\xfe".to_vec(), b"name,vm\nx,y\n".to_vec()] {
        assert_aria_error(&sb.send(upload(bad)).await, 400);
    }
    // As a spreadsheet exports it: a byte-order mark first.
    let csv = format!("\u{feff}Application,Tier,VM\nshop,frontend,{vm}\nbroken,row\n");
    let a = sb.send(upload(csv.clone().into_bytes())).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let path = a.json()["filepath"].as_str().unwrap().to_string();
    let errors = sb
        .aria_call(Method::GET, &format!("{FBAD}/fileErrors/csv"), &admin, None)
        .await;
    assert_eq!(errors.text, "line,error\r\n3,\"2 fields, not 3\"\r\n");
    let body = json!({
        "application_naming_preferences": [{"type": "CSV"}],
        "tier_naming_preferences": [{"type": "CSV"}],
        "discovery_options": [{"type": "CSV", "value": path}],
    });
    let config = sb.aria_call(Method::POST, FBAD, &admin, Some(body)).await;
    assert_eq!(config.status, 200, "{}", config.text);
    let download = format!("{FBAD}/fbad-1/file/download?filepath={path}");
    assert_eq!(
        sb.aria_call(Method::GET, &download, &admin, None)
            .await
            .text,
        csv
    );
    sb.advance(301);
    let apps = discovered(&sb, &admin, "COARSE").await;
    let named: Vec<&str> = apps.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(named.iter().any(|n| n.contains("shop")), "{named:?}");
    let ids: Vec<&str> = apps
        .iter()
        .map(|a| a["entity_id"].as_str().unwrap())
        .collect();
    let task = save(&sb, &admin, &ids).await;
    let shop = task["app_save_response"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"].as_str().unwrap().contains("shop"))
        .unwrap();
    let tiers = tiers_of_discovered(&sb, &admin, shop["entity_id"].as_str().unwrap()).await;
    assert_eq!(tiers["frontend"], BTreeSet::from([vm]));
}

#[tokio::test]
async fn a_save_whose_task_cannot_be_stored_makes_no_application() {
    use appliance_sandbox::store::StateStore;
    use appliance_sandbox::{Options, Sandbox};
    let store = crate::transactions::FailsOn::new("aria.save_tasks");
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let admin = sb.admin().await;
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let app = &discovered(&sb, &admin, "COARSE").await[0];
    let body = json!({"discovered_apps": [{"source_entity_id": app["entity_id"]}],
                      "discovery_type": "FLOW_BASED_DISCOVERY"});
    let path = "/groups/discovered-applications/save";
    let a = sb
        .aria_call(Method::POST, path, &admin, Some(body.clone()))
        .await;
    assert_aria_error(&a, 500);
    let apps = sb
        .aria_call(Method::GET, "/groups/applications", &admin, None)
        .await
        .json();
    assert_eq!(apps["total_count"], 0);
    assert!(store.inner.load("aria.tiers").unwrap().is_empty());
    store.arm(false);
    assert_eq!(
        sb.aria_call(Method::POST, path, &admin, Some(body))
            .await
            .status,
        200
    );
    let apps = sb
        .aria_call(Method::GET, "/groups/applications", &admin, None)
        .await
        .json();
    assert_eq!(apps["total_count"], 1);
}
