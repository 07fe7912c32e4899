//! The cloud, container and SaaS types (E90): each type's own credentials, no address where it
//! has none, what tells two apart, the NSX-T manager a container type belongs to, and the
//! requests PowervRNI sends.

use super::*;

/// Each type: its segment, `entity_type`, a body to add one, and its secret.
fn cloud_kinds(proxy: &str, nsxt: &str) -> Vec<(&'static str, &'static str, Value, &'static str)> {
    let pw = json!({"username": "svc", "password": "Secret1!"});
    let kube = json!({"kubeconfig": "apiVersion: v1\nkind: Config\n"});
    vec![
        (
            "aws-accounts",
            "AWSDataSource",
            json!({"proxy_id": proxy, "nickname": "aws", "credentials": {"access_key": "AKIA1", "secret_key": "Secret1!"}, "flows_enabled": true, "selected_regions": ["eu-west-1"]}),
            "credentials.secret_key",
        ),
        (
            "azure-subscriptions",
            "AzureDataSource",
            json!({"proxy_id": proxy, "nickname": "az", "credentials": {"azure_client": "c", "azure_key": "Secret1!", "azure_tenant": "t", "azure_subscription": "s"}}),
            "credentials.azure_key",
        ),
        (
            "kubernetes-clusters",
            "KubernetesDataSource",
            json!({"proxy_id": proxy, "nickname": "k8s", "credentials": kube, "manager_id": nsxt}),
            "credentials.kubeconfig",
        ),
        (
            "openshift-clusters",
            "KubernetesDataSource",
            json!({"proxy_id": proxy, "nickname": "os", "credentials": kube, "manager_id": nsxt}),
            "credentials.kubeconfig",
        ),
        (
            "pks",
            "PKSDataSource",
            json!({"ip": "10.20.0.40", "proxy_id": proxy, "nickname": "pks", "credentials": pw, "manager_id": nsxt}),
            "credentials.password",
        ),
        (
            "loginsight",
            "LogInsightDataSource",
            json!({"fqdn": "li.sandbox.local", "proxy_id": proxy, "nickname": "li", "credentials": pw, "authentication_provider": "vIDM"}),
            "credentials.password",
        ),
        (
            "servicenow-instances",
            "ServiceNowDataSource",
            json!({"proxy_id": proxy, "nickname": "sn", "credentials": pw, "instance_id": "dev1", "is_graph_config_customized": false}),
            "credentials.password",
        ),
        (
            "velocloud",
            "VeloCloudDataSource",
            json!({"url": "https://vco.sandbox.local", "proxy_id": proxy, "nickname": "vco", "credentials": pw}),
            "credentials.password",
        ),
    ]
}

/// An NSX-T manager data source for the container types to belong to.
async fn add_nsxt(sb: &TestSandbox, admin: &str, proxy: &str) -> String {
    let body = json!({"ip": "10.20.0.12", "proxy_id": proxy, "nickname": "nsxt",
                      "credentials": {"username": "audit", "password": "x"}});
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/nsxt-managers",
            admin,
            Some(body),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    a.json()["entity_id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn each_type_adds_reads_changes_pauses_and_deletes_without_answering_its_secret() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let nsxt = add_nsxt(&sb, &admin, &proxy).await;
    for (segment, entity_type, body, secret) in cloud_kinds(&proxy, &nsxt) {
        let base = format!("/data-sources/{segment}");
        let a = sb
            .aria_call(Method::POST, &base, &admin, Some(body.clone()))
            .await;
        assert_eq!(a.status, 201, "{segment}: {}", a.text);
        let made = a.json();
        assert_eq!(made["entity_type"], entity_type, "{segment}");
        assert!(made["entity_id"].as_str().unwrap().starts_with("18230:9"));
        assert_eq!(at(&made, secret), "", "{segment} answers its secret");
        assert!(!a.text.contains("Secret1!") && !a.text.contains("kind: Config"));
        let id = made["entity_id"].as_str().unwrap().to_string();
        let one = format!("{base}/{id}");
        let mut got = sb.aria_call(Method::GET, &one, &admin, None).await.json();
        assert_eq!(got, made);
        got["nickname"] = json!("renamed");
        let a = sb.aria_call(Method::PUT, &one, &admin, Some(got)).await;
        assert_eq!(a.status, 200, "{segment}: {}", a.text);
        assert_eq!(a.json()["nickname"], "renamed");
        let listed = sb.aria_call(Method::GET, &base, &admin, None).await.json();
        assert_eq!(
            listed["results"],
            json!([{"entity_id": id, "entity_type": entity_type}])
        );
        for verb in ["disable", "enable"] {
            let a = sb
                .aria_call(Method::POST, &format!("{one}/{verb}"), &admin, None)
                .await;
            assert_eq!(a.status, 200, "{segment} {verb}: {}", a.text);
        }
        let health = sb.data_source_health(&admin, &id).await;
        assert_eq!(health["entity_type"], entity_type);
        assert_eq!(
            sb.aria_call(Method::DELETE, &one, &admin, None)
                .await
                .status,
            200
        );
        assert_eq!(
            sb.aria_call(Method::GET, &one, &admin, None).await.status,
            404
        );
    }
}

#[tokio::test]
async fn bad_adds_duplicates_and_identity_changes_are_refused_and_change_nothing() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let nsxt = add_nsxt(&sb, &admin, &proxy).await;
    let kinds = cloud_kinds(&proxy, &nsxt);
    let body = |i: usize| kinds[i].2.clone();
    let without = |i: usize, path: &str| {
        let mut b = body(i);
        match path.split_once('.') {
            Some((p, leaf)) => b[p].as_object_mut().unwrap().remove(leaf),
            None => b.as_object_mut().unwrap().remove(path),
        };
        b
    };
    let vcenter = add_vcenter(&sb, &admin, &proxy, "10.20.0.10").await;
    let mut not_nsxt = body(2);
    not_nsxt["manager_id"] = json!(vcenter);
    for (segment, b, says) in [
        (
            "aws-accounts",
            without(0, "credentials.access_key"),
            "access_key",
        ),
        (
            "azure-subscriptions",
            without(1, "credentials.azure_tenant"),
            "azure_tenant",
        ),
        (
            "kubernetes-clusters",
            without(2, "credentials.kubeconfig"),
            "kubeconfig",
        ),
        (
            "kubernetes-clusters",
            without(2, "manager_id"),
            "manager_id",
        ),
        ("kubernetes-clusters", not_nsxt, "NSX-T manager"),
        ("pks", without(4, "ip"), "ip and fqdn"),
        (
            "servicenow-instances",
            without(6, "instance_id"),
            "instance_id",
        ),
        ("velocloud", without(7, "url"), "url"),
        ("velocloud", without(7, "credentials.password"), "password"),
    ] {
        let a = sb
            .aria_call(
                Method::POST,
                &format!("/data-sources/{segment}"),
                &admin,
                Some(b),
            )
            .await;
        assert_aria_error(&a, 400);
        assert!(a.text.contains(says), "{segment}: {}", a.text);
    }
    for (i, segment) in [
        (0, "aws-accounts"),
        (6, "servicenow-instances"),
        (7, "velocloud"),
    ] {
        let path = format!("/data-sources/{segment}");
        let first = sb
            .aria_call(Method::POST, &path, &admin, Some(body(i)))
            .await;
        assert_eq!(first.status, 201, "{}", first.text);
        let again = sb
            .aria_call(Method::POST, &path, &admin, Some(body(i)))
            .await;
        assert_aria_error(&again, 409);
        let listed = sb.aria_call(Method::GET, &path, &admin, None).await.json();
        assert_eq!(listed["total_count"], 1, "{segment}");
    }
    let listed = sb
        .aria_call(Method::GET, "/data-sources/aws-accounts", &admin, None)
        .await
        .json();
    let id = listed["results"][0]["entity_id"].as_str().unwrap();
    let path = format!("/data-sources/aws-accounts/{id}");
    let mut changed = sb.aria_call(Method::GET, &path, &admin, None).await.json();
    changed["credentials"]["access_key"] = json!("AKIA2");
    assert_aria_error(
        &sb.aria_call(Method::PUT, &path, &admin, Some(changed))
            .await,
        400,
    );
    // Sent empty, what tells it apart stays as stored (and still taken).
    let path = "/data-sources/servicenow-instances";
    let listed = sb.aria_call(Method::GET, path, &admin, None).await.json();
    let one = format!(
        "{path}/{}",
        listed["results"][0]["entity_id"].as_str().unwrap()
    );
    let mut emptied = sb.aria_call(Method::GET, &one, &admin, None).await.json();
    emptied["instance_id"] = json!("");
    let a = sb.aria_call(Method::PUT, &one, &admin, Some(emptied)).await;
    assert_eq!(a.json()["instance_id"], "dev1", "{}", a.text);
    assert_eq!(
        sb.aria_call(Method::DELETE, &one, &admin, None)
            .await
            .status,
        200
    );
    let again = sb
        .aria_call(Method::POST, path, &admin, Some(body(6)))
        .await;
    assert_eq!(again.status, 201, "{}", again.text);
    let member = sb.aria_token("member@local", "member").await;
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/azure-subscriptions",
            &member,
            Some(body(1)),
        )
        .await;
    assert_eq!(a.status, 403, "{}", a.text);
    for segment in ["azure-subscriptions", "kubernetes-clusters", "pks"] {
        let path = format!("/data-sources/{segment}");
        let listed = sb.aria_call(Method::GET, &path, &admin, None).await.json();
        assert_eq!(listed["total_count"], 0, "{segment}");
    }
}

#[tokio::test]
async fn powervrni_s_requests_succeed_and_an_openshift_cluster_reads_as_kubernetes() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = collector(&sb, &admin).await;
    let nsxt = add_nsxt(&sb, &admin, &proxy).await;
    // New-vRNIDataSource: ip and fqdn empty for the container types, notes "", and ServiceNow's
    // is_graph_config_customized as the string "false".
    let kube = json!({"proxy_id": proxy, "nickname": "os", "notes": "", "enabled": true,
                      "ip": "", "fqdn": "", "manager_id": nsxt,
                      "credentials": {"kubeconfig": "apiVersion: v1"}});
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/openshift-clusters",
            &admin,
            Some(kube),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let id = a.json()["entity_id"].as_str().unwrap().to_string();
    let snow = json!({"proxy_id": proxy, "nickname": "sn", "notes": "", "enabled": true,
                      "instance_id": "dev7", "is_graph_config_customized": "false",
                      "credentials": {"username": "u", "password": "p"}});
    let a = sb
        .aria_call(
            Method::POST,
            "/data-sources/servicenow-instances",
            &admin,
            Some(snow),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(a.json()["is_graph_config_customized"], false);
    // Get-vRNIDataSource reads each result through its entity_type's path.
    let all = sb
        .aria_call(Method::GET, "/data-sources?size=100", &admin, None)
        .await
        .json();
    let entry = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["entity_id"] == id.as_str())
        .unwrap();
    assert_eq!(entry["entity_type"], "KubernetesDataSource");
    let a = sb
        .aria_call(
            Method::GET,
            &format!("/data-sources/kubernetes-clusters/{id}"),
            &admin,
            None,
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json()["nickname"], "os");
}
