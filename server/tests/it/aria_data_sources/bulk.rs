//! Bulk data-source calls (E91): a CSV in the layout of VMware's example added row by row in
//! one change, several data sources enabled, disabled, retagged or deleted together, and each
//! call's report.

use super::*;

const HEADER: &str = "DataSourceType,IP,fqdn,Username,Password,CSPRefreshToken,NickName,CentralCliEnabled,IPFixEnabled,SwitchType,ParentvCenter,IsVMC,snmp_version,snmp_community_string,snmp_username,snmp_password,snmp_auth_type,snmp_privacy_type,ProxyIP";

async fn bulk_add(sb: &TestSandbox, admin: &str, csv: &str) -> Answer {
    let (content_type, body) = multipart("attachment", csv.as_bytes());
    let req = sb
        .aria_req(Method::POST, "/data-sources/bulk/add", admin)
        .header("content-type", content_type)
        .body(body);
    sb.send(req).await
}

async fn report(sb: &TestSandbox, admin: &str, accepted: &Answer) -> Value {
    assert_eq!(accepted.status, 202, "{}", accepted.text);
    let id = accepted.json()["request_id"].as_str().unwrap().to_string();
    let path = format!("/data-sources/bulk/view-details/{id}");
    let a = sb.aria_call(Method::GET, &path, admin, None).await;
    assert_eq!(a.status, 200, "{}", a.text);
    a.json()
}

#[tokio::test]
async fn a_csv_adds_its_good_rows_together_and_reports_the_rest() {
    let sb = start().await;
    let admin = sb.admin().await;
    let csv = format!(
        "\u{feff}{HEADER}\n\
         VCenterDataSource,10.20.0.10,,administrator@vsphere.local,VMware1!,,vc,,,,,FALSE,,,,,,,10.20.3.11\n\
         NSXVManagerDataSource,,nsxv.lab,admin,MyPassword,,nsxv,TRUE,FALSE,,10.20.0.10,,,,,,,,10.20.3.11\n\
         CiscoSwitchDataSource,10.20.0.14,,admin,MyPassword,,nexus,,,NEXUS_5K,,,,,,,,,10.20.3.11\n\
         ToasterDataSource,10.20.0.15,,admin,x,,toaster,,,,,,,,,,,,10.20.3.11\n\
         PanFirewallDataSource,10.20.0.13,,admin,x,,pan,,,,,,,,,,,,192.0.2.1\n\
         CiscoSwitchDataSource,10.20.0.16,,admin,x,,bad,,,TOASTER_9K,,,,,,,,,10.20.3.11\n\
         PolicyManagerDataSource,10.20.0.17,,admin,pass,word,LongToken,vmc,,,,,,,,,,,,10.20.3.11\n"
    );
    let r = report(&sb, &admin, &bulk_add(&sb, &admin, &csv).await).await;
    assert_eq!(
        (r["total_count"].as_i64(), r["success_count"].as_i64()),
        (Some(7), Some(3)),
        "{r}"
    );
    let failed: Vec<(String, String)> = r["failed_data_sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["entity_id"].as_str().unwrap().into(),
                f["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(failed[0].0, "row 5 (10.20.0.15)");
    assert!(failed[0].1.contains("ToasterDataSource"), "{failed:?}");
    assert!(failed[1].1.contains("ProxyIP"), "{failed:?}");
    assert!(failed[2].1.contains("TOASTER_9K"), "{failed:?}");
    // An unquoted comma shifts the columns: the row is refused, its token never stored.
    assert_eq!(failed[3].0, "row 8");
    assert!(
        failed[3].1.contains("20 fields, the header has 19"),
        "{failed:?}"
    );
    // The NSX-V manager names the vCenter added by the row before it.
    let vc = r["successful_data_sources"][0].as_str().unwrap();
    let nsxv = r["successful_data_sources"][1].as_str().unwrap();
    let got = sb
        .aria_call(
            Method::GET,
            &format!("/data-sources/nsxv-managers/{nsxv}"),
            &admin,
            None,
        )
        .await
        .json();
    assert_eq!(got["vcenter_id"], vc);
    assert_eq!(got["central_cli_enabled"], true);
    assert_eq!(got["credentials"]["password"], "");
    let all = sb
        .aria_call(Method::GET, "/data-sources?size=100", &admin, None)
        .await
        .json();
    assert_eq!(all["total_count"], 3);
    // A file without the columns is refused whole.
    for bad in ["IP,NickName\n10.0.0.1,x\n", "\u{feff}", HEADER] {
        let a = bulk_add(&sb, &admin, bad).await;
        assert_aria_error(&a, 400);
    }
    let all = sb
        .aria_call(Method::GET, "/data-sources?size=100", &admin, None)
        .await
        .json();
    assert_eq!(all["total_count"], 3);
}

async fn tags_of(sb: &TestSandbox, admin: &str, path: &str) -> Value {
    sb.aria_call(Method::GET, path, admin, None).await.json()["tags"].clone()
}

#[tokio::test]
async fn bulk_operations_retag_pause_and_delete_together() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let vc = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let nsxv_body = add_body(&KINDS[1], "10.20.0.11", &proxy, &vc);
    let nsxv = sb
        .aria_call(
            Method::POST,
            "/data-sources/nsxv-managers",
            &admin,
            Some(nsxv_body),
        )
        .await
        .json()["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    let op = |action: &str, items: Value| json!({"action_type": action, "data_sources": items});
    let run = |body: Value| {
        let sb = &sb;
        let admin = admin.clone();
        async move {
            let a = sb
                .aria_call(Method::POST, "/data-sources/bulk", &admin, Some(body))
                .await;
            report(sb, &admin, &a).await
        }
    };
    let tag =
        |k: &str, v: &str, action: &str| json!({"key": k, "value": v, "action_on_field": action});
    let r = run(op("UPDATE", json!([
        {"entity_id": vc, "fields": [tag("env", "prod", "ADD_TAGS"), tag("team", "net", "ADD_TAGS")]},
        {"entity_id": nsxv, "fields": [tag("env", "prod", "ADD_TAGS")]},
        {"entity_id": "18230:902:1", "fields": []},
    ])))
    .await;
    assert_eq!(r["successful_data_sources"], json!([vc]));
    assert!(r["failed_data_sources"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("no tags"));
    assert!(r["failed_data_sources"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("No data source"));
    let path = format!("/data-sources/vcenters/{vc}");
    assert_eq!(
        tags_of(&sb, &admin, &path).await,
        json!([{"tag_key": "env", "tag_value": "prod"}, {"tag_key": "team", "tag_value": "net"}])
    );
    run(op(
        "UPDATE",
        json!([{"entity_id": vc, "fields": [tag("team", "", "REMOVE_TAGS")]}]),
    ))
    .await;
    assert_eq!(
        tags_of(&sb, &admin, &path).await,
        json!([{"tag_key": "env", "tag_value": "prod"}])
    );
    run(op(
        "UPDATE",
        json!([{"entity_id": vc, "fields": [tag("site", "a", "OVERRIDE_TAGS")]}]),
    ))
    .await;
    assert_eq!(
        tags_of(&sb, &admin, &path).await,
        json!([{"tag_key": "site", "tag_value": "a"}])
    );
    let r = run(op(
        "DISABLE",
        json!([{"entity_id": vc}, {"entity_id": nsxv}]),
    ))
    .await;
    assert_eq!(r["success_count"], 2);
    let got = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    assert_eq!(got["enabled"], false);
    run(op("DELETE", json!([{"entity_id": nsxv}]))).await;
    let nsxv_path = format!("/data-sources/nsxv-managers/{nsxv}");
    assert_eq!(
        sb.aria_call(Method::GET, &nsxv_path, &admin, None)
            .await
            .status,
        404
    );
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/bulk",
            &admin,
            Some(op("DELETE", json!([]))),
        )
        .await;
    assert_aria_error(&a, 400);
    let a = sb
        .aria_call(
            Method::GET,
            "/data-sources/bulk/view-details/bulk-99",
            &admin,
            None,
        )
        .await;
    assert_aria_error(&a, 404);
    let member = sb.aria_token("member@local", "member").await;
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/bulk",
            &member,
            Some(op("DELETE", json!([{"entity_id": vc}]))),
        )
        .await;
    assert_eq!(a.status, 403);
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.status,
        200
    );
}

#[tokio::test]
async fn a_bulk_add_whose_report_cannot_be_saved_adds_nothing() {
    use appliance_sandbox::store::StateStore;
    let store = crate::transactions::FailsOn::new("aria.bulk_reports");
    let sb =
        serve(Sandbox::open(Config::default(), Options::default(), store.clone()).unwrap()).await;
    let admin = sb.admin().await;
    let csv = format!(
        "{HEADER}\n\
         VCenterDataSource,10.20.0.10,,administrator@vsphere.local,VMware1!,,vc,,,,,,,,,,,,10.20.3.11\n\
         NSXTManagerDataSource,10.20.0.12,,audit,x,,nsxt,,,,10.20.0.10,,,,,,,,10.20.3.11\n"
    );
    assert_aria_error(&bulk_add(&sb, &admin, &csv).await, 500);
    let all = sb
        .aria_call(Method::GET, "/data-sources?size=100", &admin, None)
        .await
        .json();
    assert_eq!(all["total_count"], 0);
    assert!(store.inner.load("aria.data_sources").unwrap().is_empty());
    // Nothing left behind calls the addresses taken.
    store.arm(false);
    let r = report(&sb, &admin, &bulk_add(&sb, &admin, &csv).await).await;
    assert_eq!(r["success_count"], 2, "{r}");
}
