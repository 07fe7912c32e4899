//! What the audit log needs to know of the call being served, kept for the call's task: where
//! it came from, who made it, which operation, and whether its record is written yet.

use std::cell::RefCell;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use super::Pending;

tokio::task_local! {
    static CALL: RefCell<Call>;
}

#[derive(Debug, Default)]
struct Call {
    ip: String,
    /// Not a GET or HEAD: only such calls are audited (a read that tidies up is not a change).
    may_change: bool,
    /// The value of the path's last parameter (`/settings/proxy-servers/{id}` → the id).
    entity_id: Option<String>,
    /// The caller and the operation, once authentication named them.
    who: Option<(String, &'static str)>,
    recorded: bool,
}

/// Serves `req` with its call noted, for Aria's routes (a route layer: the matched path is known).
pub async fn scope(req: Request, next: Next) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "127.0.0.1".to_string(), |c| c.0.ip().to_string());
    let entity_id = req
        .extensions()
        .get::<MatchedPath>()
        .and_then(|m| last_parameter(m.as_str(), req.uri().path()));
    let call = Call {
        ip,
        may_change: !matches!(*req.method(), Method::GET | Method::HEAD),
        entity_id,
        who: None,
        recorded: false,
    };
    CALL.scope(RefCell::new(call), next.run(req)).await
}

/// The segment of `path` where `template` has its last `{parameter}`.
fn last_parameter(template: &str, path: &str) -> Option<String> {
    let segments: Vec<&str> = template.split('/').collect();
    let at = segments.iter().rposition(|s| s.starts_with('{'))?;
    let segment = path.split('/').nth(at)?;
    Some(
        percent_encoding::percent_decode_str(segment)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// Names the caller of this call and its operation (outside a call, nothing to do).
pub fn identify(principal: &str, operation_id: &'static str) {
    let _ = CALL.try_with(|c| c.borrow_mut().who = Some((principal.to_string(), operation_id)));
}

/// The record this call still owes, if it is an identified call that may change things.
pub(super) fn pending() -> Option<Pending> {
    CALL.try_with(|c| {
        let c = c.borrow();
        let (user, operation_id) = c.who.clone()?;
        (c.may_change && !c.recorded).then(|| Pending {
            user,
            ip: c.ip.clone(),
            operation_id,
            entity_id: c.entity_id.clone(),
        })
    })
    .ok()
    .flatten()
}

/// This call's record is written: later writes of the same call add none.
pub(super) fn recorded() {
    let _ = CALL.try_with(|c| c.borrow_mut().recorded = true);
}

/// The record of a refused login by `user`, in this call.
pub(super) fn refused_login(user: &str) -> Option<Pending> {
    // Anyone may try: the name is cut so that a flood of refused logins stays small.
    let user: String = user.chars().take(256).collect();
    CALL.try_with(|c| Pending {
        user,
        ip: c.borrow().ip.clone(),
        operation_id: "login",
        entity_id: None,
    })
    .ok()
}

#[cfg(test)]
mod tests {
    use super::last_parameter;

    #[test]
    fn the_entity_is_the_last_path_parameter() {
        let p = |t, p| last_parameter(t, p);
        assert_eq!(
            p(
                "/api/ni/settings/proxy-servers/{id}",
                "/api/ni/settings/proxy-servers/web-proxy-1"
            ),
            Some("web-proxy-1".into())
        );
        assert_eq!(
            p(
                "/api/ni/groups/applications/{id}/tiers/{tier-id}/x",
                "/api/ni/groups/applications/a/tiers/t%201/x"
            ),
            Some("t 1".into())
        );
        assert_eq!(
            p(
                "/api/ni/settings/proxy-servers",
                "/api/ni/settings/proxy-servers"
            ),
            None
        );
    }
}
