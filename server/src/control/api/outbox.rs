//! The `Outbox` tag: what the appliances would have sent.

use crate::control::{ControlApi, ControlPlane};
use crate::generated::sandbox::{self as api, queries, types, Failure, RequestContext};

impl<P: ControlPlane> api::OutboxApi for ControlApi<P> {
    async fn list_aria_outbox(
        &self,
        _ctx: RequestContext,
        _caller: (),
        query: queries::ListAriaOutboxQuery,
    ) -> Result<api::ListAriaOutboxResponse, Failure> {
        let messages = (self.0.aria_outbox(query.kind.as_deref()).await)
            .into_iter()
            .map(|r| types::OutboxMessage {
                timestamp: r.timestamp,
                kind: r.kind,
                destination: r.destination,
                protocol: r.protocol,
                message: r.message,
            })
            .collect();
        Ok(api::ListAriaOutboxResponse::Ok(types::Outbox { messages }))
    }
}
