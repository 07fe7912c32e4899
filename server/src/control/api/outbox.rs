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

    async fn list_aria_databus_messages(
        &self,
        _ctx: RequestContext,
        _caller: (),
        query: queries::ListAriaDatabusMessagesQuery,
    ) -> Result<api::ListAriaDatabusMessagesResponse, Failure> {
        let page = (self.0)
            .aria_databus_messages(
                query.subscription_id.as_deref(),
                query.size,
                query.cursor.as_deref(),
            )
            .await?;
        let results = (page.results.into_iter())
            .map(|d| types::DatabusDelivery {
                subscription_id: d.subscription_id,
                url: d.url,
                message_group: d.message_group,
                timestamp: d.timestamp,
                message: match d.message {
                    serde_json::Value::Object(m) => m,
                    _ => Default::default(),
                },
            })
            .collect();
        Ok(api::ListAriaDatabusMessagesResponse::Ok(
            types::DatabusDeliveries {
                results,
                cursor: page.cursor,
                total_count: page.total_count as i32,
            },
        ))
    }
}
