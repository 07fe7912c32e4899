//! The `Path` tag.

use crate::aria_networks::caller::Caller;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, types, Failure, RequestContext};

impl api::PathApi for AriaApi {
    async fn path_firewall_rules(
        &self,
        _ctx: RequestContext,
        _caller: Caller,
        body: types::PathFirewallRulesRequest,
    ) -> Result<api::PathFirewallRulesResponse, Failure> {
        let path = self.0.path_firewall_rules(&body).await?;
        Ok(api::PathFirewallRulesResponse::Ok(path))
    }
}
