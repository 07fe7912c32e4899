//! The `Custom dashboards` tag.

use super::{common, stamp};
use crate::aria_networks::boards::Board;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::tables::PinRow;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

fn dashboard(b: Board) -> types::CustomDashboardResponse {
    let c = common(&b);
    types::CustomDashboardResponse {
        id: c.id,
        name: c.name,
        description: c.description,
        create_timestamp: c.create_timestamp,
        last_updated_timestamp: c.last_updated_timestamp,
        owner: c.owner,
        users_read_access: c.users_read_access,
        users_write_access: c.users_write_access,
        groups_read_access: c.groups_read_access,
        groups_write_access: c.groups_write_access,
        pins: (b.row.pins.into_iter())
            .map(|p| types::CustomPinObject {
                pin_model_key: p.id,
                pin_name: p.name,
                query: p.query,
            })
            .collect(),
    }
}

fn pin(board: &str, p: PinRow) -> types::CustomPinResponse {
    types::CustomPinResponse {
        pin_model_key: p.id,
        pin_name: p.name,
        custom_dashboard_id: board.to_string(),
        query: p.query,
        created_timestamp: stamp(p.created),
        last_updated_timestamp: stamp(p.updated),
        pinned_timestamp: stamp(p.pinned),
        owner: p.owner,
    }
}

impl api::CustomDashboardsApi for AriaApi {
    async fn get_all_custom_dashboards(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        query: queries::GetAllCustomDashboardsQuery,
    ) -> Result<api::GetAllCustomDashboardsResponse, Failure> {
        let page = (self.0)
            .boards(&caller.principal, query.size, query.cursor.as_deref())
            .await?;
        Ok(api::GetAllCustomDashboardsResponse::Ok(
            types::PagedCustomDashboardResponse {
                results: page.boards.into_iter().map(dashboard).collect(),
                cursor: page.next,
                total_records: page.total,
            },
        ))
    }

    async fn create_custom_dashboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::CustomDashboardRequest,
    ) -> Result<api::CreateCustomDashboardResponse, Failure> {
        let board = self.0.create_board(&caller.principal, &body).await?;
        Ok(api::CreateCustomDashboardResponse::Created(dashboard(
            board,
        )))
    }

    async fn set_custom_dashboard_preference(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::CustomDashboardPreference,
    ) -> Result<api::SetCustomDashboardPreferenceResponse, Failure> {
        (self.0)
            .set_board_preferences(&caller.principal, &body.preference)
            .await?;
        Ok(api::SetCustomDashboardPreferenceResponse::Ok)
    }

    async fn get_custom_dashboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
    ) -> Result<api::GetCustomDashboardResponse, Failure> {
        let board = self.0.board(&id, &caller.principal).await?;
        Ok(api::GetCustomDashboardResponse::Ok(dashboard(board)))
    }

    async fn edit_custom_dashboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::CustomDashboardRequest,
    ) -> Result<api::EditCustomDashboardResponse, Failure> {
        let board = self.0.edit_board(&id, &caller.principal, &body).await?;
        Ok(api::EditCustomDashboardResponse::Ok(dashboard(board)))
    }

    async fn delete_custom_dashboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
    ) -> Result<api::DeleteCustomDashboardResponse, Failure> {
        self.0.delete_board(&id, &caller.principal).await?;
        Ok(api::DeleteCustomDashboardResponse::NoContent)
    }

    async fn create_custom_dashboard_pin(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::CustomPinRequest,
    ) -> Result<api::CreateCustomDashboardPinResponse, Failure> {
        let name = body.pin_name.as_deref();
        let p = (self.0)
            .add_pin(&id, &caller.principal, name, &body.query)
            .await?;
        Ok(api::CreateCustomDashboardPinResponse::Created(pin(&id, p)))
    }

    async fn update_custom_dashboard_pin(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        pin_id: String,
        body: types::UpdatePinRequest,
    ) -> Result<api::UpdateCustomDashboardPinResponse, Failure> {
        let p = (self.0)
            .rename_pin(&id, &pin_id, &caller.principal, &body.pin_name)
            .await?;
        Ok(api::UpdateCustomDashboardPinResponse::Ok(pin(&id, p)))
    }

    async fn delete_custom_dashboard_pin(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        pin_id: String,
    ) -> Result<api::DeleteCustomDashboardPinResponse, Failure> {
        self.0.delete_pin(&id, &pin_id, &caller.principal).await?;
        Ok(api::DeleteCustomDashboardPinResponse::NoContent)
    }

    async fn duplicate_custom_dashboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::DuplicateCustomDashboardRequest,
    ) -> Result<api::DuplicateCustomDashboardResponse, Failure> {
        let board = self
            .0
            .duplicate_board(&id, &caller.principal, &body)
            .await?;
        Ok(api::DuplicateCustomDashboardResponse::Created(dashboard(
            board,
        )))
    }

    async fn share_custom_dashboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::ShareCustomDashboardRequest,
    ) -> Result<api::ShareCustomDashboardResponse, Failure> {
        let board = (self.0)
            .share_board(&id, &caller.principal, &body, true)
            .await?;
        Ok(api::ShareCustomDashboardResponse::Ok(dashboard(board)))
    }

    async fn remove_share_custom_dashboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::ShareCustomDashboardRequest,
    ) -> Result<api::RemoveShareCustomDashboardResponse, Failure> {
        let board = (self.0)
            .share_board(&id, &caller.principal, &body, false)
            .await?;
        Ok(api::RemoveShareCustomDashboardResponse::Ok(dashboard(
            board,
        )))
    }
}
