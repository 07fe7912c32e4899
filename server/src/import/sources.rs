//! Reading OMIVV's consoles and their inventory tree; `call`, which every read goes through,
//! waits out a 429's `Retry-After`.

use std::time::Duration;

use serde_json::{json, Value};

use super::{Datacenter, Host, Step, Vcenter};

/// An appliance to read: its address (`https://omivv.example.com`) and an account.
pub struct Appliance {
    pub url: String,
    pub user: String,
    pub password: String,
}

/// Every result of an Aria list at `url` (no query of its own), 100 a page, following the
/// cursor until a page is empty or has none.
pub(super) async fn paged(
    client: &reqwest::Client,
    url: &str,
    auth: &str,
) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut query = vec![("size", "100")];
        query.extend(cursor.as_deref().map(|c| ("cursor", c)));
        let query = serde_urlencoded::to_string(query).unwrap_or_default();
        let get = reqwest::Method::GET;
        let page = call(client, get, &format!("{url}?{query}"), Some(auth), None).await?;
        let results = page["results"].as_array().cloned().unwrap_or_default();
        cursor = page["cursor"].as_str().map(str::to_string);
        let last = results.is_empty() || cursor.is_none();
        out.extend(results);
        if last {
            return Ok(out);
        }
    }
}

pub(super) async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    auth: Option<&str>,
    body: Option<&Value>,
) -> Result<Value, String> {
    for _ in 0..20 {
        let mut req = client.request(method.clone(), url);
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(|e| format!("{url}: {e}"))?;
        let status = resp.status();
        if status.as_u16() == 429 {
            let wait = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
                .unwrap_or(1);
            tokio::time::sleep(Duration::from_secs(wait.min(60))).await;
            continue;
        }
        let text = resp.text().await.map_err(|e| format!("{url}: {e}"))?;
        if !status.is_success() {
            return Err(format!("{url} answered {status}: {text}"));
        }
        return Ok(if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).map_err(|e| format!("{url}: {e}"))?
        });
    }
    Err(format!("{url}: still rate limited after 20 tries"))
}

pub(super) fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

pub(super) async fn omivv_estate(
    client: &reqwest::Client,
    omivv: &Appliance,
    progress: &dyn Fn(Step),
) -> Result<Vec<Vcenter>, String> {
    let base = format!(
        "{}/Spectre/api/rest/v1/Services",
        omivv.url.trim_end_matches('/')
    );
    let (user, domain) = match omivv.user.split_once('@') {
        Some((u, d)) => (u, d),
        None => (omivv.user.as_str(), ""),
    };
    let login = json!({"apiUserCredential": {"username": user, "domain": domain, "password": omivv.password}});
    let post = reqwest::Method::POST;
    let answer = call(
        client,
        post,
        &format!("{base}/AuthenticationService/login"),
        None,
        Some(&login),
    )
    .await?;
    let bearer = format!("Bearer {}", text(&answer, "accessToken"));
    let auth = Some(bearer.as_str());
    let get = reqwest::Method::GET;
    let consoles = call(
        client,
        get.clone(),
        &format!("{base}/ConsoleService/Consoles"),
        auth,
        None,
    )
    .await?;
    let mut out = Vec::new();
    for console in consoles.as_array().into_iter().flatten() {
        let id = text(console, "id");
        let tree = call(
            client,
            get.clone(),
            &format!("{base}/ConsoleService/Consoles/{id}"),
            auth,
            None,
        )
        .await?;
        let host = |h: Value| Host {
            name: text(&h, "name"),
            ip: text(&h, "ip"),
            service_tag: text(&h, "serviceTag"),
            model: text(&h, "model"),
            idrac_ip: text(&h, "managementIP"),
            health: None,
            warranty_end: None,
        };
        let mut datacenters = Vec::new();
        for dc in tree["datacenters"].as_array().into_iter().flatten() {
            let mut clusters = Vec::new();
            for c in dc["clusters"].as_array().into_iter().flatten() {
                let cid = text(c, "id");
                let cluster = call(
                    client,
                    get.clone(),
                    &format!("{base}/ConsoleService/Consoles/{id}/Clusters/{cid}"),
                    auth,
                    None,
                )
                .await?;
                let mut members = Vec::new();
                let listed = cluster["hosts"].as_array().cloned().unwrap_or_default();
                for (i, h) in listed.iter().enumerate() {
                    let hid = text(h, "id");
                    let what = format!("OMIVV: hosts of {}", text(c, "name"));
                    progress(Step::new(&what, i, listed.len()));
                    members.push(host(
                        call(
                            client,
                            get.clone(),
                            &format!("{base}/ConsoleService/Consoles/{id}/Hosts/{hid}"),
                            auth,
                            None,
                        )
                        .await?,
                    ));
                }
                clusters.push((
                    text(c, "name"),
                    c["registeredWithVlcm"] == json!(true),
                    members,
                ));
            }
            let mut hosts = Vec::new();
            let standalone = dc["hosts"].as_array().cloned().unwrap_or_default();
            for (i, h) in standalone.iter().enumerate() {
                let hid = text(h, "id");
                let what = format!("OMIVV: hosts of {}", text(dc, "name"));
                progress(Step::new(&what, i, standalone.len()));
                hosts.push(host(
                    call(
                        client,
                        get.clone(),
                        &format!("{base}/ConsoleService/Consoles/{id}/Hosts/{hid}"),
                        auth,
                        None,
                    )
                    .await?,
                ));
            }
            datacenters.push(Datacenter {
                name: text(dc, "name"),
                clusters,
                hosts,
            });
        }
        out.push(Vcenter {
            console_id: id,
            hostname: text(console, "hostname"),
            ip: text(console, "ip"),
            datacenters,
        });
    }
    let _ = call(
        client,
        reqwest::Method::POST,
        &format!("{base}/AuthenticationService/logoff"),
        auth,
        None,
    )
    .await;
    drop(get);
    Ok(out)
}
