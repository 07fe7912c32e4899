//! Aria set-up for tests: data sources for the world's devices, and vIDM sign-on.

use serde_json::{json, Value};

use super::{Answer, TestSandbox};

impl TestSandbox {
    /// The health of the data source `id`, as `/data-sources/health` lists it.
    pub async fn data_source_health(&self, admin: &str, id: &str) -> Value {
        let all = self
            .aria_call(reqwest::Method::GET, "/data-sources/health", admin, None)
            .await
            .json();
        all["results"]
            .as_array()
            .expect("a list of results")
            .iter()
            .find(|h| h["entity_id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("data source {id} is not in the health list: {all}"))
    }

    /// Adds a vCenter data source for the world vCenter at `ip` (collected by the first node),
    /// so that its entities are visible.
    pub async fn collect_vcenter(&self, admin: &str, ip: &str) {
        let credentials = ("administrator@vsphere.local", "VMware1!");
        self.add_source(admin, "vcenters", ip, credentials).await;
    }

    /// Adds an NSX-T manager data source for the world's NSX-T manager at `ip` (default
    /// credentials).
    pub async fn collect_nsxt(&self, admin: &str, ip: &str) -> String {
        let credentials = ("admin", "VMware1!VMware1!");
        self.add_source(admin, "nsxt-managers", ip, credentials)
            .await
    }

    /// Adds an HCX connector data source for the world's HCX connector at `ip` (default
    /// credentials); answers its id.
    pub async fn collect_hcx(&self, admin: &str, ip: &str) -> String {
        self.add_source(admin, "hcx-connectors", ip, ("admin", "VMware1!"))
            .await
    }

    /// Adds a cloud data source (`aws-accounts`, `azure-subscriptions`) with `credentials`;
    /// answers its id.
    pub async fn add_cloud(&self, admin: &str, segment: &str, credentials: Value) -> String {
        let body = json!({"nickname": segment, "credentials": credentials});
        self.post_source(admin, segment, body).await
    }

    /// Adds a VMC NSX manager data source for the SDDC whose NSX manager is at `ip` with the CSP
    /// refresh token `token`, under the first vCenter data source; answers its id.
    pub async fn collect_vmc(&self, admin: &str, ip: &str, token: &str) -> String {
        let vcenters = self
            .aria_call(reqwest::Method::GET, "/data-sources/vcenters", admin, None)
            .await
            .json();
        let vcenter = vcenters["results"][0]["entity_id"].clone();
        let body = json!({"ip": ip, "nickname": ip, "csp_refresh_token": token,
                          "vcenter_id": vcenter});
        self.post_source(admin, "vmc-nsxmanagers", body).await
    }

    /// The default world's AWS account's credentials, and its Azure subscription's.
    pub fn aws_credentials() -> Value {
        json!({"access_key": "AKIASANDBOX000000001", "secret_key": "sandbox-aws-secret"})
    }
    pub fn azure_credentials() -> Value {
        json!({"azure_subscription": "6d1f0c2e-5a3b-4c8d-9e7f-0a1b2c3d4e5f",
               "azure_tenant": "3e8a9b7c-1d2e-4f60-8a9b-c0d1e2f3a4b5",
               "azure_client": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "azure_key": "sandbox-azure-secret"})
    }

    /// Adds a Check Point firewall data source for the world's management server at `ip` with
    /// `password`; answers its id.
    pub async fn collect_checkpoint(&self, admin: &str, ip: &str, password: &str) -> String {
        self.add_source(admin, "checkpoint-firewalls", ip, ("admin", password))
            .await
    }

    /// Adds a switch data source of type `segment` (`cisco-switches`, ...) for the world's
    /// switch at `ip` with `password`; answers its id.
    pub async fn collect_switch(
        &self,
        admin: &str,
        segment: &str,
        ip: &str,
        password: &str,
    ) -> String {
        self.add_source(admin, segment, ip, ("admin", password))
            .await
    }

    async fn add_source(
        &self,
        admin: &str,
        segment: &str,
        ip: &str,
        (user, password): (&str, &str),
    ) -> String {
        let body = json!({"ip": ip, "nickname": ip,
                          "credentials": {"username": user, "password": password}});
        self.post_source(admin, segment, body).await
    }

    /// Posts a data source of type `segment`, collected by the first node (`proxy_id` added to
    /// `body`); answers its id.
    async fn post_source(&self, admin: &str, segment: &str, mut body: Value) -> String {
        let nodes = self
            .aria_call(reqwest::Method::GET, "/infra/nodes", admin, None)
            .await
            .json();
        body["proxy_id"] = nodes["results"][0]["id"].clone();
        let path = format!("/data-sources/{segment}");
        let a = self
            .aria_call(reqwest::Method::POST, &path, admin, Some(body))
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        a.json()["entity_id"].as_str().expect("an id").to_string()
    }

    /// Configures and enables vIDM as the guide's sample does.
    pub async fn configure_vidm(&self, admin: &str) -> Answer {
        self.aria_call(
            reqwest::Method::POST,
            "/settings/vidm",
            admin,
            Some(json!({"vidm_appliance": "identity.domain.com",
                        "client_id": "operations_for_networks_client",
                        "client_secret": "operations_for_networks_secret",
                        "sha_thumbprint": "", "enable": true})),
        )
        .await
    }

    /// The Identity Manager's password grant, with the parameters in the query string.
    pub async fn vidm_password_grant(
        &self,
        client_id: &str,
        username: &str,
        password: &str,
    ) -> Answer {
        self.send(
            self.http
                .post(format!("{}/SAAS/auth/oauthtoken", self.base))
                .query(&[
                    ("grant_type", "password"),
                    ("client_id", client_id),
                    ("username", username),
                    ("password", password),
                ]),
        )
        .await
    }

    pub async fn vidm_login(&self, vidm_token: &str) -> Answer {
        self.send(
            self.http
                .post(self.aria("/auth/token/vidm"))
                .json(&json!({"vidm_token": vidm_token})),
        )
        .await
    }
}
