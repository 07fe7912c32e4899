//! What a release did not have answers as it did (E123): an operation whose first release
//! (`x-since` in the spec) is later than the one presented is not routed, a 404 like any
//! unknown path, before authentication and before the request limit counts it (the layer is
//! the outermost of Aria's routes, so it also sees a method the path does not have).

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::appliance_version::ApplianceVersion;
use super::errors::error;
use crate::generated::aria_networks::SINCE;

/// The first release of the operation at `method` and `route` (the path template under the
/// base), when the spec names one.
pub fn first_release(method: &str, route: &str) -> Option<ApplianceVersion> {
    type Firsts = HashMap<(&'static str, &'static str), ApplianceVersion>;
    static FIRSTS: OnceLock<Firsts> = OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| {
        SINCE
            .iter()
            .filter_map(|(m, p, v)| Some(((*m, *p), v.parse().ok()?)))
            .collect()
    });
    firsts.get(&(method, route)).copied()
}

/// The first release with any operation at `route`.
fn first_release_of_path(route: &str) -> Option<ApplianceVersion> {
    static FIRSTS: OnceLock<HashMap<&'static str, ApplianceVersion>> = OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| {
        let mut firsts: HashMap<&'static str, ApplianceVersion> = HashMap::new();
        for (_, p, v) in SINCE {
            if let Ok(v) = v.parse() {
                let first = firsts.entry(*p).or_insert(v);
                *first = (*first).min(v);
            }
        }
        firsts
    });
    firsts.get(route).copied()
}

/// The release presented, and where Aria is mounted (the router's matched paths include it).
#[derive(Clone, Copy)]
pub struct Gate {
    pub version: ApplianceVersion,
    pub base: &'static str,
}

pub async fn gate(State(g): State<Gate>, req: Request, next: Next) -> Response {
    // The newest release has every operation: nothing to look up.
    let newest = ApplianceVersion::ALL[ApplianceVersion::ALL.len() - 1];
    let later = g.version < newest
        && req.extensions().get::<MatchedPath>().is_some_and(|m| {
            let route = m.as_str().strip_prefix(g.base).unwrap_or(m.as_str());
            // A HEAD is served by the GET.
            let method = match req.method().as_str() {
                "HEAD" => "GET",
                m => m,
            };
            match first_release(method, route) {
                Some(first) => first > g.version,
                // A method the path never had: the router's 405, unless the release has no
                // operation at the path at all, which is then unknown.
                None => first_release_of_path(route).is_some_and(|first| first > g.version),
            }
        });
    if later {
        let message = format!("No such resource: {} {}", req.method(), req.uri().path());
        return (StatusCode::NOT_FOUND, Json(error(404, message))).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_names_each_operations_first_release() {
        assert_eq!(
            first_release("POST", "/auth/token"),
            Some(ApplianceVersion::V1_1_8)
        );
        assert_eq!(
            first_release("POST", "/search/ql"),
            Some(ApplianceVersion::V6_5_1)
        );
        assert_eq!(
            first_release("GET", "/custom-dashboards"),
            Some(ApplianceVersion::V6_12)
        );
        assert_eq!(first_release("GET", "/no-such-path"), None);
        // Every release the spec names parses.
        assert!(SINCE
            .iter()
            .all(|(_, _, v)| v.parse::<ApplianceVersion>().is_ok()));
        assert_eq!(SINCE.len(), 464);
    }
}
