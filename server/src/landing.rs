//! The page at `/` (served with the control API): where each API is, who can log in, the
//! sandbox clock, and where the docs and the control API are. HTML for a browser, JSON for
//! anything that does not ask for HTML.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::clock::Clock;
use crate::config::Accounts;
use crate::{ARIA_BASE, CONTROL_BASE, OMEVV_BASE, OME_BASE, OMIVV_BASE, VLCM_BASE};

/// What the page shows of a running sandbox.
pub trait About: Send + Sync + 'static {
    /// OMIVV's, OMEVV's, Aria's and the Identity Manager's accounts, as the banner prints them.
    fn accounts(&self) -> [Accounts; 4];
    fn clock(&self) -> &Clock;
    /// `http` or `https`, as the sandbox is served.
    fn scheme(&self) -> &'static str;
    fn durable(&self) -> bool;
}

pub fn route(router: Router, about: Arc<dyn About>) -> Router {
    router.route("/", get(landing).with_state(Arc::new(Landing { about })))
}

struct Landing {
    about: Arc<dyn About>,
}

impl Landing {
    fn describe(&self, base: &str) -> Value {
        let sb = &*self.about;
        let [omivv, omevv, aria, vidm] = sb.accounts();
        let now = sb.clock().now_ms();
        json!({
            "name": "appliance-sandbox",
            "version": env!("CARGO_PKG_VERSION"),
            "apis": [
                {"name": "Dell OMIVV", "base_url": format!("{base}{OMIVV_BASE}"), "accounts": omivv.to_string()},
                {"name": "Dell OMEVV", "base_url": format!("{base}{OMEVV_BASE}"), "accounts": format!("OME: {omevv}; vCenter: each vCenter's own accounts")},
                {"name": "OMEVV vLCM hardware support manager", "base_url": format!("{base}{VLCM_BASE}"), "accounts": "each vCenter's own accounts"},
                {"name": "VMware Aria Operations for Networks", "base_url": format!("{base}{ARIA_BASE}"), "accounts": aria.to_string()},
                {"name": "VMware Identity Manager", "base_url": format!("{base}/SAAS"), "accounts": vidm.to_string()},
                {"name": "Dell OpenManage Enterprise (OMEVV's host)", "base_url": format!("{base}{OME_BASE}"), "accounts": format!("{omevv}")},
            ],
            "clock": {"now": crate::clock::rfc3339(now), "now_ms": now, "offset_ms": sb.clock().offset_ms()},
            "control_api": format!("{base}{CONTROL_BASE}"),
            "docs": format!("{base}/docs/"),
            "durable": sb.durable(),
        })
    }
}

async fn landing(State(landing): State<Arc<Landing>>, headers: HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let base = format!("{}://{host}", landing.about.scheme());
    let about = landing.describe(&base);
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if wants_html {
        Html(page(&about)).into_response()
    } else {
        Json(about).into_response()
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(about: &Value) -> String {
    let s = |v: &Value| escape(v.as_str().unwrap_or_default());
    let rows: String = about["apis"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|api| {
            format!(
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                s(&api["name"]),
                s(&api["base_url"]),
                s(&api["accounts"])
            )
        })
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>appliance-sandbox</title></head><body>\
         <h1>appliance-sandbox {version}</h1>\
         <table><tr><th>API</th><th>base URL</th><th>accounts</th></tr>{rows}</table>\
         <p>Sandbox clock: {now} (ahead of the wall clock by {offset} ms).</p>\
         <p><a href=\"{docs}\">API docs</a> &middot; control API at <code>{control}</code> \
         (clock, reset, journal, faults) &middot; this page as JSON: any request without \
         <code>Accept: text/html</code>.</p></body></html>",
        version = s(&about["version"]),
        now = s(&about["clock"]["now"]),
        offset = about["clock"]["offset_ms"],
        docs = s(&about["docs"]),
        control = s(&about["control_api"]),
    )
}
