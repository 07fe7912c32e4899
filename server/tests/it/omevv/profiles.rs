//! Repository and baseline profiles: bare integer ids, catalogs parsed and connections tested
//! on the sandbox clock, unique names (`18001`), what may not be deleted (`18004`).

use super::*;
use serde_json::json;

#[tokio::test]
async fn repository_profiles_parse_on_the_clock_and_keep_their_names_unique() {
    let sb = sandbox().await;
    let body = json!({"profileName": "Lab catalog", "protocolType": "NFS",
                      "sharePath": "10.0.0.5:/exports/lab/catalog.xml", "profileType": "Firmware",
                      "shareCredential": {"username": null, "password": null, "domain": null}});
    let created = call(&sb, Method::POST, "/RepositoryProfiles", Some(body.clone())).await;
    assert_eq!(created.status, 200, "{}", created.text);
    // A bare JSON integer, as Dell's modules splice it into the next URL.
    let id = created
        .text
        .trim()
        .parse::<i64>()
        .expect("a bare integer id");
    let path = format!("/RepositoryProfiles/{id}");
    let parsing = call(&sb, Method::GET, &path, None).await.json();
    assert_eq!(parsing["status"], "Parsing");
    assert_eq!(
        parsing["description"],
        Value::Null,
        "present and null: {parsing}"
    );
    assert_eq!(parsing["fileName"], "catalog.xml");
    assert_eq!(parsing["createdBy"], "administrator@vsphere.local");
    sb.advance(1);
    assert_eq!(
        call(&sb, Method::GET, &path, None).await.json()["status"],
        "Success"
    );

    let again = call(&sb, Method::POST, "/RepositoryProfiles", Some(body)).await;
    assert_omevv_error(&again, 400, "18001");
    let wrong_form =
        json!({"profileName": "Web", "protocolType": "HTTPS", "sharePath": "10.0.0.5:/x.xml"});
    let refused = call(&sb, Method::POST, "/RepositoryProfiles", Some(wrong_form)).await;
    assert_omevv_error(&refused, 400, "10400");

    // Renaming to a taken name is refused and changes nothing; a new share is parsed again.
    let taken = call(
        &sb,
        Method::PUT,
        &path,
        Some(json!({"profileName": "Dell Default Catalog"})),
    )
    .await;
    assert_omevv_error(&taken, 400, "18001");
    let moved = call(&sb, Method::PUT, &path, Some(json!({"profileName": "Lab catalog 2", "sharePath": "10.0.0.6:/exports/catalog.xml.gz", "description": "moved"}))).await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    let after = call(&sb, Method::GET, &path, None).await.json();
    assert_eq!(
        (after["profileName"].as_str(), after["status"].as_str()),
        (Some("Lab catalog 2"), Some("Parsing"))
    );
    assert_eq!(after["modifiedBy"], "administrator@vsphere.local");

    // The factory catalog stays.
    let factory = call(&sb, Method::DELETE, "/RepositoryProfiles/1000", None).await;
    assert_omevv_error(&factory, 400, "18004");
    let deleted = call(&sb, Method::DELETE, &path, None).await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    assert_omevv_error(&call(&sb, Method::GET, &path, None).await, 404, "10404");
}

#[tokio::test]
async fn connection_tests_run_on_the_clock_and_judge_the_path_by_its_protocol() {
    let sb = sandbox().await;
    let start = |protocol: Value, path: &str| {
        json!({"protocolType": protocol, "catalogPath": path, "checkCertificate": false,
               "shareCredential": {"username": "", "password": "", "domain": ""}})
    };
    let mut runs = Vec::new();
    for (protocol, path) in [
        (json!("HTTP"), "http://192.0.2.10/share/Catalog.xml"),
        (json!("CIFS"), "\\\\files\\catalogs\\Catalog.xml"),
        (Value::Null, "http://192.0.2.10/share/Catalog.xml"),
    ] {
        let a = call(
            &sb,
            Method::POST,
            "/RepositoryProfiles/TestConnection",
            Some(start(protocol, path)),
        )
        .await;
        assert_eq!(a.status, 202, "{}", a.text);
        runs.push(a.text.trim().parse::<i64>().unwrap());
    }
    assert_eq!(summary(&sb, runs[0]).await, "RUNNING");
    sb.advance(1);
    // HTTP reaches; CIFS without a user and a missing protocol do not.
    assert_eq!(summary(&sb, runs[0]).await, "SUCCESSFUL");
    assert_eq!(summary(&sb, runs[1]).await, "FAILED");
    assert_eq!(summary(&sb, runs[2]).await, "FAILED");
}

#[tokio::test]
async fn baselines_own_their_clusters_and_their_drift_jobs() {
    let sb = sandbox().await;
    let base = format!("/Consoles/{VC1}/BaselineProfiles");
    let schedule = json!({"monday": false, "tuesday": false, "wednesday": true, "thursday": false,
                          "friday": false, "saturday": false, "sunday": true, "time": "22:10"});
    let body = json!({"name": "BP-1", "firmwareRepoId": 1000, "groupIds": [1003], "jobSchedule": schedule});
    let created = call(&sb, Method::POST, &base, Some(body)).await;
    assert_eq!(created.status, 200, "{}", created.text);
    let id: i64 = created.text.trim().parse().unwrap();
    let bp = call(&sb, Method::GET, &format!("{base}/{id}"), None)
        .await
        .json();
    assert_eq!(bp["status"], "CREATING");
    assert_eq!(bp["description"], Value::Null);
    assert_eq!(bp["firmwareRepoName"], "Dell Default Catalog");
    assert_eq!(
        bp["clusterGroups"],
        json!([{"clusterID": "domain-c3", "clusterName": "Cluster-01", "omevv_groupID": 1003}])
    );
    sb.advance(1);
    assert_eq!(
        call(&sb, Method::GET, &format!("{base}/{id}"), None)
            .await
            .json()["status"],
        "SUCCESSFUL"
    );
    // The drift job's schedule is exactly the seven days and the time.
    let job = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/UpdateJobs/{}", bp["driftJobId"]),
        None,
    )
    .await
    .json();
    assert_eq!(job["schedule"], schedule);
    assert_eq!(job["jobType"], "DriftJob");
    assert_eq!(job["jobName"], "BP-BP-1-Host-Firmware-Drift-Detection");

    // A cluster belongs to one baseline; the repository profile it uses stays.
    let second = json!({"name": "BP-2", "firmwareRepoId": 1000, "groupIds": [1003, 1006], "jobSchedule": schedule});
    assert_omevv_error(
        &call(&sb, Method::POST, &base, Some(second)).await,
        400,
        "18004",
    );
    let same_name = json!({"name": "bp-1", "firmwareRepoId": 1000, "groupIds": [1006], "jobSchedule": schedule});
    assert_omevv_error(
        &call(&sb, Method::POST, &base, Some(same_name)).await,
        400,
        "18001",
    );
    let listed = call(&sb, Method::GET, &base, None).await.json();
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "refused creations left nothing: {listed}"
    );

    // PATCH (Ansible's form) moves the baseline to the other cluster and changes the schedule.
    let mut weekly = schedule.clone();
    weekly["monday"] = json!(true);
    let patch = json!({"addgroupIds": [1006], "removeGroupIds": [1003], "firmwareRepoId": 1000, "jobSchedule": weekly, "description": "moved"});
    let patched = call(&sb, Method::PATCH, &format!("{base}/{id}"), Some(patch)).await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    let bp = call(&sb, Method::GET, &format!("{base}/{id}"), None)
        .await
        .json();
    assert_eq!(bp["clusterGroups"][0]["clusterName"], "Cluster-02");
    assert_eq!(bp["description"], "moved");
    let job = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/UpdateJobs/{}", bp["driftJobId"]),
        None,
    )
    .await
    .json();
    assert_eq!(job["schedule"]["monday"], true);
    let empty = json!({"addgroupIds": [], "removeGroupIds": [1006]});
    assert_omevv_error(
        &call(&sb, Method::PUT, &format!("{base}/{id}"), Some(empty)).await,
        400,
        "10400",
    );

    let deleted = call(&sb, Method::DELETE, &format!("{base}/{id}"), None).await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    let jobs = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/UpdateJobs?jobtype=DriftJob"),
        None,
    )
    .await
    .json();
    assert_eq!(jobs, json!([]), "the drift job went with its baseline");
    // vcenter02 sees none of vcenter01's baselines.
    let other = call_as(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC2}/BaselineProfiles"),
        "administrator@vsphere.local",
        "VMware1!",
        Some(VC2),
        None,
    )
    .await;
    assert_eq!(other.json(), json!([]));
}

async fn summary(sb: &TestSandbox, id: i64) -> String {
    let path = format!("/TestConnectionJobs/{id}/ExecutionHistories");
    let h = call(sb, Method::GET, &path, None).await.json();
    assert_eq!(h.as_array().unwrap().len(), 1, "{h}");
    h[0]["statusSummary"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn dells_scripts_send_null_for_what_they_were_not_given() {
    let sb = sandbox().await;
    // CreateRepoProfile.py: nulls, and the certificate check as the command line wrote it.
    let repo = json!({"profileName": "ScriptRepo", "description": null, "profileType": "Firmware",
                      "sharePath": "10.0.0.5:/exports/catalog.xml", "protocolType": "NFS",
                      "checkCertificate": null, "createdBy": null});
    assert_eq!(
        call(&sb, Method::POST, "/RepositoryProfiles", Some(repo))
            .await
            .status,
        200
    );
    // createBaselineProfile.py: ids and days as strings, nulls for the rest.
    let base = format!("/Consoles/{VC1}/BaselineProfiles");
    let create = json!({"name": "ScriptBP", "description": null, "firmwareRepoId": "1000", "driverRepoId": null,
                        "configurationRepoId": null, "createdBy": null, "groupIds": ["1003"],
                        "jobSchedule": {"monday": "true", "tuesday": false, "wednesday": false, "thursday": false,
                                        "friday": false, "saturday": false, "time": "03:00", "sunday": false}});
    let made = call(&sb, Method::POST, &base, Some(create)).await;
    assert_eq!(made.status, 200, "{}", made.text);
    // driftdetection.py: every field, null where not given; a null day or time keeps its value.
    let change = json!({"description": "changed", "modifiedBy": null, "firmwareRepoId": null, "driverRepoId": null,
                        "configurationRepoId": null, "addgroupIds": null, "removeGroupIds": null,
                        "jobSchedule": {"monday": null, "tuesday": "True", "wednesday": null, "thursday": null,
                                        "friday": null, "saturday": null, "sunday": null, "time": null}});
    let path = format!("{base}/{}", made.text.trim());
    let changed = call(&sb, Method::PUT, &path, Some(change)).await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    let bp = call(&sb, Method::GET, &path, None).await.json();
    assert_eq!(
        (
            bp["description"].as_str(),
            bp["clusterGroups"][0]["omevv_groupID"].as_i64()
        ),
        (Some("changed"), Some(1003))
    );
    let job = call(
        &sb,
        Method::GET,
        &format!("/Consoles/{VC1}/UpdateJobs/{}", bp["driftJobId"]),
        None,
    )
    .await
    .json();
    assert_eq!(
        job["schedule"],
        json!({"monday": true, "tuesday": true, "wednesday": false, "thursday": false,
                                       "friday": false, "saturday": false, "sunday": false, "time": "03:00"})
    );
    // A null where the appliance needs a value is still a 400.
    let no_name = json!({"name": null, "firmwareRepoId": 1000, "groupIds": [1006], "jobSchedule": job["schedule"]});
    assert_omevv_error(
        &call(&sb, Method::POST, &base, Some(no_name)).await,
        400,
        "10400",
    );
}
