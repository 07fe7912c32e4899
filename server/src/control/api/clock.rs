//! The `Clock` tag: read and advance the sandbox clock.

use crate::clock::rfc3339;
use crate::control::ControlError;
use crate::control::{ControlApi, ControlPlane};
use crate::generated::sandbox::{self as api, types, Failure, RequestContext};
use std::time::Duration;

impl<P: ControlPlane> api::ClockApi for ControlApi<P> {
    async fn get_clock(
        &self,
        _ctx: RequestContext,
        _caller: (),
    ) -> Result<api::GetClockResponse, Failure> {
        Ok(api::GetClockResponse::Ok(self.clock_state()))
    }

    async fn advance_clock(
        &self,
        _ctx: RequestContext,
        _caller: (),
        body: types::AdvanceRequest,
    ) -> Result<api::AdvanceClockResponse, Failure> {
        let seconds = body.seconds.unwrap_or(0);
        let millis = body.milliseconds.unwrap_or(0);
        let total = seconds
            .checked_mul(1000)
            .and_then(|s| s.checked_add(millis));
        match total {
            Some(ms) if (0..=100 * 365 * 86_400_000).contains(&ms) => {
                self.0.clock().advance(Duration::from_millis(ms as u64));
                Ok(api::AdvanceClockResponse::Ok(self.clock_state()))
            }
            Some(ms) if ms < 0 => {
                Err(ControlError::InvalidInput("The clock only moves forward".into()).into())
            }
            _ => Err(ControlError::InvalidInput("Advance by at most 100 years".into()).into()),
        }
    }
}

impl<P: ControlPlane> ControlApi<P> {
    fn clock_state(&self) -> types::ClockState {
        let clock = self.0.clock();
        let now = clock.now_ms();
        types::ClockState {
            now_ms: now,
            now: rfc3339(now),
            offset_ms: clock.offset_ms(),
        }
    }
}
