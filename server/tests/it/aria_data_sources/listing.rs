//! `GET /data-sources`: every type in one paged list, filtered and ordered (E49), as PowervRNI
//! and PowerValidatedSolutions read it.

use super::*;

/// Adds one data source of each type; answers their ids in the order added.
async fn one_of_each(sb: &TestSandbox, admin: &str, proxy: &str) -> Vec<String> {
    let vcenter = add_vcenter(sb, admin, proxy, "10.20.0.10").await;
    let mut ids = vec![vcenter.clone()];
    for (n, kind) in KINDS.iter().enumerate().skip(1) {
        let body = add_body(kind, &format!("10.40.{n}.1"), proxy, &vcenter);
        let path = format!("/data-sources/{}", kind.segment);
        let added = sb.aria_call(Method::POST, &path, admin, Some(body)).await;
        assert_eq!(added.status, 201, "{}: {}", kind.segment, added.text);
        ids.push(added.json()["entity_id"].as_str().unwrap().to_string());
    }
    ids
}

#[tokio::test]
async fn every_type_is_listed_paged_filtered_and_ordered() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let empty = sb
        .aria_call(Method::GET, "/data-sources", &admin, None)
        .await;
    assert_eq!(empty.status, 200, "{}", empty.text);
    assert_eq!(empty.json(), json!({"results": [], "total_count": 0}));
    let mut ids = one_of_each(&sb, &admin, &proxy).await;

    // PowervRNI's walk: one big page, then each item at its type's own path.
    let all = sb
        .aria_call(Method::GET, "/data-sources?size=500", &admin, None)
        .await
        .json();
    assert_eq!(all["total_count"], 8);
    assert!(all.get("cursor").is_none());
    let listed: Vec<&Value> = all["results"].as_array().unwrap().iter().collect();
    let mut sorted = ids.clone();
    sorted.sort();
    let in_order: Vec<&str> = listed
        .iter()
        .map(|r| r["entity_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        in_order,
        sorted.iter().map(String::as_str).collect::<Vec<_>>()
    );
    for item in &listed {
        let kind = KINDS
            .iter()
            .find(|k| item["entity_type"] == k.entity_type)
            .expect("a known type");
        let one = format!(
            "/data-sources/{}/{}",
            kind.segment,
            item["entity_id"].as_str().unwrap()
        );
        let full = sb.aria_call(Method::GET, &one, &admin, None).await.json();
        for field in [
            "entity_id",
            "entity_type",
            "ip",
            "proxy_id",
            "nickname",
            "enabled",
            "notes",
        ] {
            assert_eq!(item[field], full[field], "{field}");
        }
        assert!(
            item.get("credentials").is_none(),
            "shared fields only: {item}"
        );
    }

    // Pages of three cover the list once.
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = sb
            .aria_call(
                Method::GET,
                &format!("/data-sources?size=3&cursor={cursor}"),
                &admin,
                None,
            )
            .await
            .json();
        seen.extend(
            page["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["entity_id"].as_str().unwrap().to_string()),
        );
        match page["cursor"].as_str() {
            Some(c) => cursor = c.replace('=', "%3D"),
            None => break,
        }
    }
    assert_eq!(seen, sorted);

    // A filter over the shared fields, and an order.
    let q = "/data-sources?filter=entity_type%20in%20(%27VCenterDataSource%27,%27CiscoSwitchDataSource%27)%20and%20enabled%20=%20true";
    let found = sb.aria_call(Method::GET, q, &admin, None).await.json();
    assert_eq!(found["total_count"], 2, "{found}");
    let q = "/data-sources?filter=nickname%20like%20%27nsx%25%27&order_by=ip%20desc";
    let found = sb.aria_call(Method::GET, q, &admin, None).await.json();
    let ips: Vec<&str> = found["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ip"].as_str().unwrap())
        .collect();
    assert_eq!(ips, ["10.40.2.1", "10.40.1.1"]);
    sb.aria_call(
        Method::POST,
        &format!("/data-sources/vcenters/{}/disable", ids[0]),
        &admin,
        None,
    )
    .await;
    let q = "/data-sources?filter=enabled%20=%20false";
    let found = sb.aria_call(Method::GET, q, &admin, None).await.json();
    assert_eq!(found["results"][0]["entity_id"], ids.remove(0).as_str());
    assert_eq!(found["total_count"], 1);

    // What is not in the language or the shared fields is a 400 naming it.
    for (query, named) in [
        ("filter=password%20=%20%27x%27", "password"),
        ("filter=nickname%20===", "position"),
        ("order_by=credentials", "credentials"),
        ("order_by=ip%20sideways", "sideways"),
        ("size=0", "size"),
        ("cursor=bm90IGEgbnVtYmVy", "cursor"),
    ] {
        let bad = sb
            .aria_call(Method::GET, &format!("/data-sources?{query}"), &admin, None)
            .await;
        assert_aria_error(&bad, 400);
        assert!(bad.text.contains(named), "{query}: {}", bad.text);
    }
    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(
        &sb.aria_call(Method::GET, "/data-sources", &member, None)
            .await,
        403,
    );
}
