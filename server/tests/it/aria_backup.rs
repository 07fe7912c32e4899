//! Backups and restores (E113): a backup started now runs a minute of the sandbox clock and
//! leaves an archive of the settings as they were; a restore on a deployment without data
//! sources brings them back in one change, and reads nothing else.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

const BACKUP: &str = "/settings/backup";
const RESTORE: &str = "/settings/restore";

fn ssh(file: Option<&str>) -> Value {
    let mut server = json!({"server_address": "10.0.0.10", "port": 22, "username": "backups",
                            "password": "VMware1!", "backup_directory": "/home/backups/"});
    if let Some(f) = file {
        server["backup_file_name"] = json!(f);
    }
    json!({"backup_file_server_type": "SSH", "ssh_file_server": server})
}

async fn mappings(sb: &TestSandbox, token: &str) -> usize {
    let list = (sb
        .aria_call(Method::GET, "/settings/subnet-mappings", token, None)
        .await)
        .json();
    list["results"].as_array().unwrap().len()
}

#[tokio::test]
async fn a_backup_runs_on_the_clock_and_a_restore_brings_its_settings_back() {
    let sb = start().await;
    let admin = sb.admin().await;
    assert_aria_error(&sb.aria_call(Method::GET, BACKUP, &admin, None).await, 404);
    assert_aria_error(
        &sb.aria_call(Method::GET, &format!("{BACKUP}/status"), &admin, None)
            .await,
        404,
    );
    // What the backup will hold: a data source and a subnet mapping.
    sb.collect_vcenter(&admin, "10.20.0.10").await;
    let mapping = json!({"cidr": "192.168.0.0/24", "vlan_id": 10});
    sb.aria_call(
        Method::POST,
        "/settings/subnet-mappings",
        &admin,
        Some(mapping),
    )
    .await;
    // Set-vRNIBackup -RunNow: POST with a schedule and schedule_now.
    let mut body = ssh(None);
    body["schedule_now"] = json!(true);
    body["backup_schedule"] =
        json!({"enable": true, "schedule_period": "DAILY", "hour": 2, "minute": 30});
    let a = sb
        .aria_call(Method::POST, BACKUP, &admin, Some(body.clone()))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert!(
        !a.text.contains("VMware1!"),
        "a password answered: {}",
        a.text
    );
    let config = sb.aria_call(Method::GET, BACKUP, &admin, None).await;
    assert!(
        !config.text.contains("VMware1!") && config.text.contains("backups"),
        "{}",
        config.text
    );
    let status = sb
        .aria_call(Method::GET, &format!("{BACKUP}/status"), &admin, None)
        .await
        .json();
    assert_eq!(status["status"], "IN_PROGRESS");
    let file = status["backup_file_name"].as_str().unwrap().to_string();
    assert!(
        file.starts_with("vrni_backup-18230-") && file.ends_with(".tar"),
        "{file}"
    );
    // One at a time.
    assert_aria_error(
        &sb.aria_call(Method::POST, BACKUP, &admin, Some(body)).await,
        400,
    );
    // Changes after the start are not in it.
    let later = json!({"cidr": "10.9.0.0/16", "vlan_id": 99});
    sb.aria_call(
        Method::POST,
        "/settings/subnet-mappings",
        &admin,
        Some(later),
    )
    .await;
    // A clean deployment is needed: with a data source, nothing changes.
    let restore = ssh(Some(&file));
    let refused = sb
        .aria_call(Method::POST, RESTORE, &admin, Some(restore.clone()))
        .await;
    assert_aria_error(&refused, 400);
    assert!(
        refused.text.contains("clean deployment"),
        "{}",
        refused.text
    );
    assert_eq!(mappings(&sb, &admin).await, 2);
    let sources = sb
        .aria_call(Method::GET, "/data-sources/vcenters", &admin, None)
        .await
        .json();
    let id = sources["results"][0]["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/data-sources/vcenters/{id}");
    let gone = sb.aria_call(Method::DELETE, &path, &admin, None).await;
    assert_eq!(gone.status, 204);
    // Not readable before it is done.
    let early = sb
        .aria_call(Method::POST, RESTORE, &admin, Some(restore.clone()))
        .await;
    assert_aria_error(&early, 400);
    assert!(early.text.contains("still being written"), "{}", early.text);
    sb.advance(60);
    let status = sb
        .aria_call(Method::GET, &format!("{BACKUP}/status"), &admin, None)
        .await
        .json();
    assert_eq!(status["status"], "SUCCESS");
    // Only what this sandbox wrote, where it wrote it.
    for wrong in [ssh(Some("foreign.tar")), {
        let mut b = ssh(Some(&file));
        b["ssh_file_server"]["backup_directory"] = json!("/elsewhere");
        b
    }] {
        let a = sb
            .aria_call(Method::POST, RESTORE, &admin, Some(wrong))
            .await;
        assert_aria_error(&a, 400);
        assert!(a.text.contains("not a backup"), "{}", a.text);
    }
    let a = sb
        .aria_call(Method::POST, RESTORE, &admin, Some(restore))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    // The data source is back, and the mappings are the backup's (the later one gone).
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.status,
        200
    );
    assert_eq!(mappings(&sb, &admin).await, 1);
    let status = sb
        .aria_call(Method::GET, &format!("{RESTORE}/status"), &admin, None)
        .await
        .json();
    assert_eq!(
        (status["status"].clone(), status["backup_file_name"].clone()),
        (json!("IN_PROGRESS"), json!(file))
    );
    assert_eq!(
        sb.aria_call(Method::DELETE, RESTORE, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(&sb.aria_call(Method::GET, RESTORE, &admin, None).await, 404);
}

#[tokio::test]
async fn backup_configurations_are_checked_and_scheduled_backups_toggle() {
    let sb = start().await;
    let admin = sb.admin().await;
    let member = sb.aria_token("member@local", "member").await;
    assert_aria_error(
        &sb.aria_call(Method::POST, BACKUP, &member, Some(ssh(None)))
            .await,
        403,
    );
    // PUT needs a configuration; Enable-vRNIBackup too.
    assert_aria_error(
        &sb.aria_call(Method::PUT, BACKUP, &admin, Some(ssh(None)))
            .await,
        404,
    );
    assert_aria_error(
        &sb.aria_call(Method::POST, &format!("{BACKUP}/enable"), &admin, None)
            .await,
        404,
    );
    let mut no_password = ssh(None);
    no_password["ssh_file_server"]["password"] = json!("");
    let mut s3 = ssh(None);
    s3["backup_file_server_type"] = json!("S3");
    let mut weekly = ssh(None);
    weekly["backup_schedule"] =
        json!({"enable": true, "schedule_period": "WEEKLY", "hour": 2, "minute": 0});
    let mut late = ssh(None);
    late["backup_schedule"] = json!({"enable": true, "schedule_period": "DAILY", "hour": 24});
    for bad in [
        no_password,
        s3,
        weekly,
        late,
        json!({"backup_file_server_type": "LOCAL", "local_file_server": {"backup_directory": "relative"}}),
        json!({"backup_file_server_type": "FTP"}),
    ] {
        let a = sb.aria_call(Method::POST, BACKUP, &admin, Some(bad)).await;
        assert_aria_error(&a, 400);
    }
    assert_aria_error(&sb.aria_call(Method::GET, BACKUP, &admin, None).await, 404);
    let local = json!({"backup_file_server_type": "LOCAL",
                       "local_file_server": {"backup_directory": "/var/backups"},
                       "backup_schedule": {"enable": true, "schedule_period": "WEEKLY",
                                           "day_of_week": 1, "hour": 3, "minute": 15}});
    let a = sb
        .aria_call(Method::POST, BACKUP, &admin, Some(local))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let off = sb
        .aria_call(Method::POST, &format!("{BACKUP}/disable"), &admin, None)
        .await;
    assert_eq!(off.json()["backup_schedule"]["enable"], false);
    let on = sb
        .aria_call(Method::POST, &format!("{BACKUP}/enable"), &admin, None)
        .await;
    assert_eq!(on.json()["backup_schedule"]["enable"], true);
    // PUT answers 201, as the 1.1.8 reference documents.
    assert_eq!(
        sb.aria_call(Method::PUT, BACKUP, &admin, Some(ssh(None)))
            .await
            .status,
        201
    );
    assert_eq!(
        sb.aria_call(Method::DELETE, BACKUP, &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(Method::DELETE, BACKUP, &admin, None).await,
        404,
    );
    // Turning on a schedule that has no period is refused.
    let mut off = ssh(None);
    off["backup_schedule"] = json!({"enable": false});
    assert_eq!(
        sb.aria_call(Method::POST, BACKUP, &admin, Some(off))
            .await
            .status,
        201
    );
    let on = sb
        .aria_call(Method::POST, &format!("{BACKUP}/enable"), &admin, None)
        .await;
    assert_aria_error(&on, 400);
    assert_eq!(
        sb.aria_call(Method::DELETE, BACKUP, &admin, None)
            .await
            .status,
        204
    );
    // The SDK's ConfigApi: the same configuration at /config.
    let mut now = ssh(None);
    now["schedule_now"] = json!(true);
    let a = sb
        .aria_call(Method::POST, "/config/backup", &admin, Some(now))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(
        sb.aria_call(Method::GET, BACKUP, &admin, None).await.status,
        200
    );
    let status = sb
        .aria_call(Method::GET, "/config/backup/status", &admin, None)
        .await;
    assert_eq!(status.json()["status"], "IN_PROGRESS");
    assert_eq!(
        sb.aria_call(Method::DELETE, "/config/backup", &admin, None)
            .await
            .status,
        204
    );
    assert_aria_error(
        &sb.aria_call(Method::GET, "/config/restore", &admin, None)
            .await,
        404,
    );
}

#[tokio::test]
async fn a_restore_refuses_a_data_source_whose_collector_was_removed() {
    let sb = start().await;
    let admin = sb.admin().await;
    // A vCenter collected through the collector node.
    let nodes = (sb.aria_call(Method::GET, "/infra/nodes", &admin, None))
        .await
        .json();
    let proxy = nodes["results"][1]["id"].as_str().unwrap().to_string();
    let vc = json!({"ip": "10.20.0.10", "proxy_id": proxy, "nickname": "vc",
                    "credentials": {"username": "administrator@vsphere.local", "password": "VMware1!"}});
    let added = (sb.aria_call(Method::POST, "/data-sources/vcenters", &admin, Some(vc))).await;
    assert_eq!(added.status, 201, "{}", added.text);
    let path = format!(
        "/data-sources/vcenters/{}",
        added.json()["entity_id"].as_str().unwrap()
    );
    let mut body = ssh(None);
    body["schedule_now"] = json!(true);
    let a = sb.aria_call(Method::POST, BACKUP, &admin, Some(body)).await;
    assert_eq!(a.status, 201, "{}", a.text);
    sb.advance(60);
    let status = (sb.aria_call(Method::GET, &format!("{BACKUP}/status"), &admin, None))
        .await
        .json();
    let file = status["backup_file_name"].as_str().unwrap().to_string();
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        204
    );
    let node = format!("/infra/nodes/{proxy}");
    let gone = sb.aria_call(Method::DELETE, &node, &admin, None).await;
    assert_eq!(gone.status, 200, "{}", gone.text);
    let a = sb
        .aria_call(Method::POST, RESTORE, &admin, Some(ssh(Some(&file))))
        .await;
    assert_aria_error(&a, 400);
    assert!(a.text.contains("removed since the backup"), "{}", a.text);
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.status,
        404
    );
    assert_aria_error(&sb.aria_call(Method::GET, RESTORE, &admin, None).await, 404);
}

#[tokio::test]
async fn a_restore_refuses_a_data_source_whose_web_proxy_is_gone() {
    let sb = start().await;
    let admin = sb.admin().await;
    let proxy = json!({"nick_name": "squid", "target_ip": "10.0.0.50", "target_port": 3128,
                       "proxy_type": "HTTP"});
    let p = (sb.aria_call(Method::POST, "/settings/proxy-servers", &admin, Some(proxy))).await;
    let p = p.json()["proxy_id"].as_str().unwrap().to_string();
    let nodes = (sb.aria_call(Method::GET, "/infra/nodes", &admin, None))
        .await
        .json();
    let aws = json!({"proxy_id": nodes["results"][0]["id"], "nickname": "aws", "web_proxy_id": p,
                     "credentials": TestSandbox::aws_credentials()});
    let added = (sb.aria_call(
        Method::POST,
        "/data-sources/aws-accounts",
        &admin,
        Some(aws),
    ))
    .await;
    assert_eq!(added.status, 201, "{}", added.text);
    let path = format!(
        "/data-sources/aws-accounts/{}",
        added.json()["entity_id"].as_str().unwrap()
    );
    let mut body = ssh(None);
    body["schedule_now"] = json!(true);
    assert_eq!(
        sb.aria_call(Method::POST, BACKUP, &admin, Some(body))
            .await
            .status,
        201
    );
    sb.advance(60);
    let status = (sb.aria_call(Method::GET, &format!("{BACKUP}/status"), &admin, None))
        .await
        .json();
    let file = status["backup_file_name"].as_str().unwrap().to_string();
    assert_eq!(
        sb.aria_call(Method::DELETE, &path, &admin, None)
            .await
            .status,
        200
    );
    let gone = format!("/settings/proxy-servers/{p}");
    assert_eq!(
        sb.aria_call(Method::DELETE, &gone, &admin, None)
            .await
            .status,
        204
    );
    let a = sb
        .aria_call(Method::POST, RESTORE, &admin, Some(ssh(Some(&file))))
        .await;
    assert_aria_error(&a, 400);
    assert!(a.text.contains("web proxy"), "{}", a.text);
    assert_eq!(
        sb.aria_call(Method::GET, &path, &admin, None).await.status,
        404
    );
}
