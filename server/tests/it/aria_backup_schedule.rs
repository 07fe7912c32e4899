//! Scheduled backups (E113): a schedule's backups run on the sandbox clock and hold the
//! settings as they were at the scheduled time, even when the sandbox is next observed later.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

const BACKUP: &str = "/settings/backup";
const MAPPINGS: &str = "/settings/subnet-mappings";

fn local(schedule: Value) -> Value {
    json!({"backup_file_server_type": "LOCAL",
           "local_file_server": {"backup_directory": "/var/backups"},
           "backup_schedule": schedule})
}

async fn status(sb: &TestSandbox, token: &str) -> Value {
    let path = format!("{BACKUP}/status");
    sb.aria_call(Method::GET, &path, token, None).await.json()
}

async fn mappings(sb: &TestSandbox, token: &str) -> Vec<Value> {
    let list = sb
        .aria_call(Method::GET, MAPPINGS, token, None)
        .await
        .json();
    list["results"].as_array().unwrap().clone()
}

/// The file name a backup started at `secs` (UTC) carries.
fn file_at(secs: i64) -> String {
    let t = appliance_sandbox::clock::rfc3339(secs * 1000);
    format!("vrni_backup-18230-{}.tar", t[..19].replace(['T', ':'], "-"))
}

#[tokio::test]
async fn a_daily_backup_runs_at_its_time_with_the_settings_of_that_time() {
    let sb = start().await;
    let admin = sb.admin().await;
    // Due in two hours, at a whole minute.
    let now = sb.sandbox.clock.now_secs();
    let due = (now + 7200) / 60 * 60;
    let (hour, minute) = (due % 86_400 / 3600, due % 3600 / 60);
    let schedule =
        json!({"enable": true, "schedule_period": "DAILY", "hour": hour, "minute": minute});
    let a = sb
        .aria_call(Method::POST, BACKUP, &admin, Some(local(schedule)))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let before = json!({"cidr": "192.168.0.0/24", "vlan_id": 10});
    sb.aria_call(Method::POST, MAPPINGS, &admin, Some(before))
        .await;
    // Nothing has run before its time.
    sb.advance(3600);
    let path = format!("{BACKUP}/status");
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
    // Three hours on, the first thing observed is a change: the backup ran first, at its time.
    sb.advance(3 * 3600);
    let after = json!({"cidr": "10.9.0.0/16", "vlan_id": 99});
    sb.aria_call(Method::POST, MAPPINGS, &admin, Some(after))
        .await;
    let s = status(&sb, &admin).await;
    assert_eq!(s["status"], "SUCCESS", "{s}");
    assert_eq!(s["backup_file_name"], file_at(due), "{s}");
    assert_eq!(
        s["status_updated_timestamp"],
        appliance_sandbox::clock::rfc3339((due + 60) * 1000)
    );
    // Its archive holds the mapping of that time, not the one added after.
    let restore = json!({"backup_file_server_type": "LOCAL",
                         "local_file_server": {"backup_directory": "/var/backups",
                                               "backup_file_name": file_at(due)}});
    let a = sb
        .aria_call(Method::POST, "/settings/restore", &admin, Some(restore))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let restored = mappings(&sb, &admin).await;
    assert_eq!(restored.len(), 1, "{restored:?}");
    assert_eq!(restored[0]["cidr"], "192.168.0.0/24");
    // A day later, the status read alone runs the next one.
    sb.advance(86_400);
    let admin = sb.admin().await; // tokens live less than a day
    let s = status(&sb, &admin).await;
    assert_eq!(s["backup_file_name"], file_at(due + 86_400), "{s}");
}

#[tokio::test]
async fn a_schedule_turned_off_runs_nothing_and_turned_on_runs_from_then() {
    let sb = start().await;
    let admin = sb.admin().await;
    let now = sb.sandbox.clock.now_secs();
    let due = (now + 600) / 60 * 60;
    let (hour, minute) = (due % 86_400 / 3600, due % 3600 / 60);
    let schedule =
        json!({"enable": true, "schedule_period": "DAILY", "hour": hour, "minute": minute});
    let a = sb
        .aria_call(Method::POST, BACKUP, &admin, Some(local(schedule)))
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let off = format!("{BACKUP}/disable");
    assert_eq!(
        sb.aria_call(Method::POST, &off, &admin, None).await.status,
        200
    );
    sb.advance(3600);
    let path = format!("{BACKUP}/status");
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
    // Turned on after its time: the missed one does not run; the next day's does.
    let on = format!("{BACKUP}/enable");
    assert_eq!(
        sb.aria_call(Method::POST, &on, &admin, None).await.status,
        200
    );
    assert_aria_error(&sb.aria_call(Method::GET, &path, &admin, None).await, 404);
    sb.advance(86_400);
    let admin = sb.admin().await; // tokens live less than a day
    let s = status(&sb, &admin).await;
    assert_eq!(s["backup_file_name"], file_at(due + 86_400), "{s}");
    // A month unobserved: the last run is the latest day's.
    sb.advance(30 * 86_400);
    let admin = sb.admin().await;
    let s = status(&sb, &admin).await;
    assert_eq!(s["backup_file_name"], file_at(due + 31 * 86_400), "{s}");
}
