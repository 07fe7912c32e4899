//! OpenManage Enterprise's own API (sessions, plug-ins, Update Manager's repositories) and
//! OMEVV's resync that takes Update Manager's catalogs in, as Dell's repository-profile module
//! drives them.

use super::*;
use appliance_sandbox::config::Config;
use serde_json::json;

fn assert_ome_error(a: &Answer, status: u16) {
    assert_eq!(a.status, status, "{}", a.text);
    let body = a.json();
    assert!(body["error"]["code"].is_string(), "{}", a.text);
    assert!(
        body["error"]["@Message.ExtendedInfo"][0]["MessageId"].is_string(),
        "{}",
        a.text
    );
}

async fn sign_in(sb: &TestSandbox, password: &str) -> Answer {
    sb.send(
        sb.http
            .post(sb.ome("/SessionService/Sessions"))
            .basic_auth("admin", Some(password))
            .json(&json!({"UserName": "admin", "Password": password, "SessionType": "API"})),
    )
    .await
}

async fn with_token(sb: &TestSandbox, method: Method, path: &str, token: &str) -> Answer {
    sb.send(
        sb.http
            .request(method, sb.ome(path))
            .header("X-Auth-Token", token),
    )
    .await
}

#[tokio::test]
async fn a_session_signs_in_reads_update_manager_and_signs_out_with_odata_keys() {
    let sb = sandbox().await;
    assert_ome_error(&sign_in(&sb, "wrong").await, 401);
    let created = sign_in(&sb, "OmeAdmin1!").await;
    assert_eq!(created.status, 201, "{}", created.text);
    let token = created.headers["x-auth-token"]
        .to_str()
        .unwrap()
        .to_string();
    let id = created.json()["Id"].as_str().unwrap().to_string();
    assert!(
        !created.text.contains(&token),
        "the token is only in the header"
    );

    let plugins = with_token(&sb, Method::GET, "/PluginService/Plugins", &token).await;
    assert_eq!(plugins.status, 200, "{}", plugins.text);
    let plugins = plugins.json();
    let names: Vec<&str> = plugins["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["Name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Update Manager"), "{names:?}");
    let repos = with_token(
        &sb,
        Method::GET,
        "/UpdateManagementService/Repositories",
        &token,
    )
    .await
    .json();
    assert_eq!(repos["value"].as_array().unwrap().len(), 3);
    assert_ome_error(
        &with_token(&sb, Method::GET, "/PluginService/Plugins", "not-a-token").await,
        401,
    );

    // Dell's module ends the session with OData's key syntax, unencoded.
    let path = format!("/SessionService/Sessions('{id}')");
    let ended = with_token(&sb, Method::DELETE, &path, &token).await;
    assert_eq!(ended.status, 204, "{}", ended.text);
    assert_ome_error(
        &with_token(&sb, Method::GET, "/PluginService/Plugins", &token).await,
        401,
    );
    // A live session of the same user cannot end a session that is gone.
    let other = sb.ome_token().await;
    assert_ome_error(&with_token(&sb, Method::DELETE, &path, &other).await, 404);
    // Sessions last 30 minutes of the sandbox clock.
    sb.advance(30 * 60);
    assert_ome_error(
        &with_token(&sb, Method::GET, "/PluginService/Plugins", &other).await,
        401,
    );
}

#[tokio::test]
async fn a_resync_makes_update_managers_esxi_and_vsan_catalogs_profiles_owned_by_ump() {
    let sb = sandbox().await;
    let resync = call(
        &sb,
        Method::POST,
        "/RepositoryProfiles/ResyncRepository",
        None,
    )
    .await;
    assert_eq!(resync.status, 200, "{}", resync.text);
    let ump = resync.json();
    let names: Vec<&str> = ump
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["profileName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ESXi-Cluster-01", "vSAN-Cluster-01"]);
    assert_eq!(
        (&ump[0]["owner"], &ump[0]["fileName"], &ump[0]["status"]),
        (
            &json!("UMP"),
            &json!("ESXi-Cluster-01_24.10.00_Catalog.xml"),
            &json!("Parsing")
        )
    );
    let all = call(&sb, Method::GET, "/RepositoryProfiles", None)
        .await
        .json();
    assert_eq!(
        all.as_array().unwrap().len(),
        3,
        "the default catalog and two UMP profiles"
    );

    // Only a resync changes them; a second one changes nothing.
    let id = ump[0]["id"].as_i64().unwrap();
    let changed = call(
        &sb,
        Method::PUT,
        &format!("/RepositoryProfiles/{id}"),
        Some(json!({"profileName": "renamed"})),
    )
    .await;
    assert_omevv_error(&changed, 400, "18004");
    let deleted = call(
        &sb,
        Method::DELETE,
        &format!("/RepositoryProfiles/{id}"),
        None,
    )
    .await;
    assert_omevv_error(&deleted, 400, "18004");
    let again = call(
        &sb,
        Method::POST,
        "/RepositoryProfiles/ResyncRepository",
        None,
    )
    .await;
    assert_eq!(again.json(), ump);
}

#[tokio::test]
async fn without_update_manager_there_is_nothing_to_resync() {
    let mut config = Config::default();
    config.omevv.update_manager = false;
    let options = appliance_sandbox::app::Options {
        no_rate_limits: true,
        ..Default::default()
    };
    let sb = start_with(config, options).await;
    let resync = call(
        &sb,
        Method::POST,
        "/RepositoryProfiles/ResyncRepository",
        None,
    )
    .await;
    assert_omevv_error(&resync, 400, "10400");
    let token = sb.ome_token().await;
    let plugins = with_token(&sb, Method::GET, "/PluginService/Plugins", &token)
        .await
        .json();
    assert_eq!(plugins["@odata.count"], 1);
    assert_ome_error(
        &with_token(
            &sb,
            Method::GET,
            "/UpdateManagementService/Repositories",
            &token,
        )
        .await,
        404,
    );
    let all = call(&sb, Method::GET, "/RepositoryProfiles", None)
        .await
        .json();
    assert_eq!(all.as_array().unwrap().len(), 1, "nothing was made");
}
