//! The `Pinboards` tag: the deprecated names and pin fields of the same boards.

use super::{common, stamp};
use crate::aria_networks::boards::Board;
use crate::aria_networks::caller::Caller;
use crate::aria_networks::tables::PinRow;
use crate::aria_networks::AriaApi;
use crate::generated::aria_networks::{self as api, queries, types, Failure, RequestContext};

fn pinboard(b: Board) -> types::PinboardResponse {
    let c = common(&b);
    types::PinboardResponse {
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
            .map(|p| types::PinAssociation {
                id: p.id,
                name: p.name,
                query: p.query,
            })
            .collect(),
    }
}

fn pin(board: &str, p: PinRow) -> types::PinResponse {
    types::PinResponse {
        id: p.id,
        name: p.name,
        custom_dashboard_id: board.to_string(),
        query: p.query,
        created_timestamp: stamp(p.created),
        last_updated_timestamp: stamp(p.updated),
        pinned_timestamp: stamp(p.pinned),
        owner: p.owner,
    }
}

impl api::PinboardsApi for AriaApi {
    async fn get_all_pinboards(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        query: queries::GetAllPinboardsQuery,
    ) -> Result<api::GetAllPinboardsResponse, Failure> {
        let page = (self.0)
            .boards(&caller.principal, query.size, query.cursor.as_deref())
            .await?;
        Ok(api::GetAllPinboardsResponse::Ok(
            types::PagedPinboardResponse {
                results: page.boards.into_iter().map(pinboard).collect(),
                cursor: page.next,
                total_records: page.total,
            },
        ))
    }

    async fn create_pinboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        body: types::CustomDashboardRequest,
    ) -> Result<api::CreatePinboardResponse, Failure> {
        let board = self.0.create_board(&caller.principal, &body).await?;
        Ok(api::CreatePinboardResponse::Created(pinboard(board)))
    }

    async fn set_pinboard_as_homepage(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
    ) -> Result<api::SetPinboardAsHomepageResponse, Failure> {
        self.0.set_home_board(&id, &caller.principal).await?;
        Ok(api::SetPinboardAsHomepageResponse::Ok)
    }

    async fn get_pinboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
    ) -> Result<api::GetPinboardResponse, Failure> {
        let board = self.0.board(&id, &caller.principal).await?;
        Ok(api::GetPinboardResponse::Ok(pinboard(board)))
    }

    async fn edit_pinboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::CustomDashboardRequest,
    ) -> Result<api::EditPinboardResponse, Failure> {
        let board = self.0.edit_board(&id, &caller.principal, &body).await?;
        Ok(api::EditPinboardResponse::Ok(pinboard(board)))
    }

    async fn delete_pinboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
    ) -> Result<api::DeletePinboardResponse, Failure> {
        self.0.delete_board(&id, &caller.principal).await?;
        Ok(api::DeletePinboardResponse::NoContent)
    }

    async fn create_pin(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::PinRequest,
    ) -> Result<api::CreatePinResponse, Failure> {
        let name = body.name.as_deref();
        let p = (self.0)
            .add_pin(&id, &caller.principal, name, &body.query)
            .await?;
        Ok(api::CreatePinResponse::Created(pin(&id, p)))
    }

    async fn update_pin(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        pin_id: String,
        body: types::UpdatePinRequest,
    ) -> Result<api::UpdatePinResponse, Failure> {
        let p = (self.0)
            .rename_pin(&id, &pin_id, &caller.principal, &body.pin_name)
            .await?;
        Ok(api::UpdatePinResponse::Ok(pin(&id, p)))
    }

    async fn delete_pin(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        pin_id: String,
    ) -> Result<api::DeletePinResponse, Failure> {
        self.0.delete_pin(&id, &pin_id, &caller.principal).await?;
        Ok(api::DeletePinResponse::NoContent)
    }

    async fn duplicate_pinboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::DuplicateCustomDashboardRequest,
    ) -> Result<api::DuplicatePinboardResponse, Failure> {
        let board = self
            .0
            .duplicate_board(&id, &caller.principal, &body)
            .await?;
        Ok(api::DuplicatePinboardResponse::Created(pinboard(board)))
    }

    async fn share_pinboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::ShareCustomDashboardRequest,
    ) -> Result<api::SharePinboardResponse, Failure> {
        let board = (self.0)
            .share_board(&id, &caller.principal, &body, true)
            .await?;
        Ok(api::SharePinboardResponse::Ok(pinboard(board)))
    }

    async fn remove_share_pinboard(
        &self,
        _ctx: RequestContext,
        caller: Caller,
        id: String,
        body: types::ShareCustomDashboardRequest,
    ) -> Result<api::RemoveSharePinboardResponse, Failure> {
        let board = (self.0)
            .share_board(&id, &caller.principal, &body, false)
            .await?;
        Ok(api::RemoveSharePinboardResponse::Ok(pinboard(board)))
    }
}
