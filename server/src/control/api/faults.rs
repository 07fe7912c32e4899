//! The `Faults` tag: fault-injection rules.

use crate::control::ControlError;
use crate::control::{ControlApi, ControlPlane};
use crate::generated::sandbox::{self as api, types, Failure, RequestContext};

impl<P: ControlPlane> api::FaultsApi for ControlApi<P> {
    async fn list_faults(
        &self,
        _ctx: RequestContext,
        _caller: (),
    ) -> Result<api::ListFaultsResponse, Failure> {
        Ok(api::ListFaultsResponse::Ok(self.0.faults().list()))
    }

    async fn add_fault(
        &self,
        _ctx: RequestContext,
        _caller: (),
        body: types::FaultRequest,
    ) -> Result<api::AddFaultResponse, Failure> {
        Ok(api::AddFaultResponse::Created(
            self.0
                .faults()
                .add(body)
                .map_err(ControlError::InvalidInput)?,
        ))
    }

    async fn delete_fault(
        &self,
        _ctx: RequestContext,
        _caller: (),
        id: String,
    ) -> Result<api::DeleteFaultResponse, Failure> {
        if self.0.faults().delete(&id) {
            Ok(api::DeleteFaultResponse::NoContent)
        } else {
            Err(ControlError::NotFound(format!("No fault rule {id}")).into())
        }
    }
}
