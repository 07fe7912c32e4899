//! The composition root: builds the state, the three appliances and the control plane, and puts
//! them on one router: `/Spectre/api/rest/v1` (OMIVV), `/api/ni` (Aria) and `/SAAS` (vIDM),
//! beside the control API (`/sandbox/v1`) and the docs (`/docs/`), with the layers of
//! [`crate::middleware`].

use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::{Method, Uri};
use axum::{middleware as mw, Router};

use crate::aria_networks::audit;
use crate::aria_networks::deployment::{Deployment, SAAS_BASE};
use crate::aria_networks::edge::AriaEdge;
use crate::aria_networks::release_fields;
use crate::aria_networks::release_gate::{self, Gate};
use crate::aria_networks::{Aria, AriaApi};
use crate::clock::Clock;
use crate::config::Config;
use crate::control::{ControlApi, Faults, Journal};
use crate::csp::{CspApi, CspEdge};
use crate::edge::{ApiEdge, Edges};
use crate::generated;
use crate::middleware;
use crate::ome::edge::OmeEdge;
use crate::ome::OmeApi;
use crate::omevv::edge::OmevvEdge;
use crate::omevv::{Omevv, OmevvApi};
use crate::omivv::edge::OmivvEdge;
use crate::omivv::{Omivv, OmivvApi};
use crate::ratelimit::RequestLimit;
use crate::state::{Db, State};
use crate::store::{MemoryStore, StateStore, StoreError};
use crate::vidm::edge::VidmEdge;
use crate::vidm::{IdentityManager, VidmApi};
use crate::vlcm::edge::VlcmEdge;
use crate::vlcm::VlcmApi;
use crate::world::{Workload, World};

mod control_plane;

pub use crate::{ARIA_BASE, CONTROL_BASE, OMEVV_BASE, OME_BASE, OMIVV_BASE, VLCM_BASE};

/// Options that are not part of the appliance configuration.
#[derive(Clone, Default)]
pub struct Options {
    pub no_rate_limits: bool,
    /// Serve no control API, so that the sandbox looks exactly like the appliances.
    pub no_control: bool,
    /// The built API docs site (`cargo xtask docs`), served at `/docs`.
    pub docs_dir: Option<std::path::PathBuf>,
    /// Whether the configuration came from a file (the landing page then shows no password).
    pub configured: bool,
    /// When set, control calls (but `/health`) need it as a bearer token.
    pub control_token: Option<String>,
    /// Where one line per request goes (the binary: stdout, unless RUST_LOG is below info).
    pub access_log: Option<Arc<crate::access_log::AccessLog>>,
}

/// Everything one running sandbox holds.
pub struct Sandbox {
    pub config: Config,
    pub clock: Arc<Clock>,
    pub omivv: Arc<Omivv>,
    pub omevv: Arc<Omevv>,
    pub aria: Arc<Aria>,
    pub idm: Arc<IdentityManager>,
    pub journal: Journal,
    pub faults: Faults,
    db: Arc<Db>,
    options: Options,
    omivv_limit: Option<Arc<RequestLimit>>,
    aria_limit: Option<Arc<RequestLimit>>,
}

impl Sandbox {
    /// A sandbox whose state lives in memory.
    pub fn new(config: Config, options: Options) -> Arc<Self> {
        Self::open(config, options, MemoryStore::new()).expect("a memory store cannot fail")
    }

    /// A sandbox that resumes from, and commits every change to, `store`.
    pub fn open(
        config: Config,
        options: Options,
        store: Arc<dyn StateStore>,
    ) -> Result<Arc<Self>, StoreError> {
        let state = State::open(&*store)?;
        let omivv_secret = state.omivv.signing_secret();
        let vidm_key = state
            .vidm
            .keys
            .get(crate::vidm::tables::SIGNING_KEY)
            .cloned()
            .unwrap_or_default();
        let db = Arc::new(Db::new(state, store));
        let clock = Arc::new(Clock::new());
        let idm = Arc::new(
            IdentityManager::new(config.vidm.clone(), clock.clone(), db.clone(), &vidm_key)
                .map_err(StoreError::Other)?,
        );
        let world = Arc::new(World::build(&config.world).map_err(StoreError::Other)?);
        let workload =
            Workload::generate(&world, &config.world.workload).map_err(StoreError::Other)?;
        let omivv = Arc::new(
            Omivv::new(
                config.omivv.clone(),
                world.clone(),
                clock.clone(),
                db.clone(),
                &omivv_secret,
            )
            .map_err(StoreError::Other)?,
        );
        let omevv = Arc::new(
            Omevv::new(
                config.omevv.clone(),
                world.clone(),
                clock.clone(),
                db.clone(),
            )
            .map_err(StoreError::Other)?,
        );
        let aria = Arc::new(
            Aria::new(
                config.aria.clone(),
                clock.clone(),
                idm.clone(),
                db.clone(),
                world,
                workload,
            )
            .map_err(StoreError::Other)?,
        );
        // A new state gets what a fresh appliance holds; a stored one keeps what it has.
        db.write_now(|s| {
            omivv.seed(&mut s.omivv);
            omevv.seed(&mut s.omevv);
            aria.seed(&mut s.aria).map_err(StoreError::Other)
        })?;
        let limit = |n: u32| (!options.no_rate_limits).then(|| Arc::new(RequestLimit::new(n)));
        Ok(Arc::new(Self {
            omivv_limit: limit(omivv.requests_per_minute()),
            aria_limit: limit(aria.requests_per_minute()),
            journal: Journal::new(1000),
            faults: Faults::default(),
            options,
            config,
            clock,
            omivv,
            omevv,
            aria,
            idm,
            db,
        }))
    }

    /// Tells the appliances where they are served, once the listener is bound: the Identity
    /// Manager answers at that address too, and links carry the right scheme. `certificate_chain`
    /// is the PEM chain when serving HTTPS.
    pub fn serving_at(&self, addr: SocketAddr, certificate_chain: Option<String>) {
        self.omivv.serving_with(if certificate_chain.is_some() {
            "https"
        } else {
            "http"
        });
        self.idm.serving_at(addr, certificate_chain);
    }

    /// Whether state outlives the process (`--db`).
    pub fn durable(&self) -> bool {
        self.db.durable()
    }

    /// Back to the configured start: no sessions, tokens, lockouts, vIDM settings or mappings
    /// (one transaction), an empty journal, no fault rules, no rate-limit counts, and
    /// wall-clock time.
    pub async fn reset(&self) -> Result<(), StoreError> {
        self.db
            .write(|s| {
                s.reset();
                self.omivv.seed(&mut s.omivv);
                self.omevv.seed(&mut s.omevv);
                self.aria.seed(&mut s.aria).map_err(StoreError::Other)
            })
            .await?;
        for l in [&self.omivv_limit, &self.aria_limit].into_iter().flatten() {
            l.clear();
        }
        self.clock.reset();
        self.journal.clear();
        self.faults.clear();
        Ok(())
    }

    pub fn router(self: &Arc<Self>) -> Router {
        let omivv_edge: Arc<dyn ApiEdge> = Arc::new(OmivvEdge(self.omivv.clone()));
        let aria_edge: Arc<dyn ApiEdge> = Arc::new(AriaEdge(ARIA_BASE));
        let saas = self.config.aria.deployment == Deployment::Saas;
        let saas_edge: Arc<dyn ApiEdge> = Arc::new(AriaEdge(SAAS_BASE));
        let edges = Edges::new(vec![
            omivv_edge.clone(),
            aria_edge.clone(),
            saas_edge.clone(),
            Arc::new(CspEdge),
            Arc::new(VidmEdge),
            // Before OMEVV's: its base is inside OMEVV's, and the first match answers.
            Arc::new(VlcmEdge),
            Arc::new(OmevvEdge),
            // After Aria's `/api/ni`: OME's base is its prefix.
            Arc::new(OmeEdge),
        ]);
        let mut omivv =
            generated::omivv::router(Arc::new(OmivvApi(self.omivv.clone())), OMIVV_BASE);
        if let Some(limit) = &self.omivv_limit {
            omivv = omivv.layer(mw::from_fn_with_state(
                (limit.clone(), self.clock.clone(), omivv_edge),
                middleware::request_limit,
            ));
        }
        let aria_at = |base: &'static str, edge: &Arc<dyn ApiEdge>| {
            let gate = Gate {
                version: self.config.aria.appliance_version,
                base,
            };
            let mut aria =
                generated::aria_networks::router(Arc::new(AriaApi(self.aria.clone())), base)
                    .route_layer(mw::from_fn(audit::scope));
            if release_fields::any_later_than(gate.version) {
                let strip = release_fields::strip_later_fields;
                aria = aria.route_layer(mw::from_fn_with_state(gate, strip));
            }
            if let Some(limit) = &self.aria_limit {
                aria = aria.layer(mw::from_fn_with_state(
                    (limit.clone(), self.clock.clone(), edge.clone()),
                    middleware::request_limit,
                ));
            }
            // Outermost: what the release did not have is not there, nor counted.
            aria.layer(mw::from_fn_with_state(gate, release_gate::gate))
        };
        let mut aria = aria_at(ARIA_BASE, &aria_edge);
        if saas {
            aria = aria.merge(aria_at(SAAS_BASE, &saas_edge));
        }
        let mut csp = generated::csp::router(Arc::new(CspApi(self.aria.clone())), "")
            .route_layer(mw::from_fn(audit::scope));
        if let Some(limit) = &self.aria_limit {
            let edge: Arc<dyn ApiEdge> = Arc::new(CspEdge);
            csp = csp.layer(mw::from_fn_with_state(
                (limit.clone(), self.clock.clone(), edge),
                middleware::request_limit,
            ));
        }
        let vidm = generated::vidm::router(Arc::new(VidmApi(self.idm.clone())), "");
        let omevv = generated::omevv::router(Arc::new(OmevvApi(self.omevv.clone())), OMEVV_BASE);
        let vlcm = generated::vlcm::router(Arc::new(VlcmApi(self.omevv.clone())), VLCM_BASE);
        let ome = generated::ome::router(Arc::new(OmeApi(self.omevv.clone())), OME_BASE);
        let mut router = Router::new()
            .merge(omivv)
            .merge(aria)
            .merge(csp)
            .merge(vidm)
            .merge(omevv)
            .merge(vlcm)
            .merge(ome)
            .fallback({
                let edges = edges.clone();
                move |method: Method, uri: Uri| {
                    let resp = middleware::not_found(&edges, &method, &uri);
                    async move { resp }
                }
            });
        if !self.options.no_control {
            router = router.merge(generated::sandbox::router(
                Arc::new(ControlApi(self.clone())),
                CONTROL_BASE,
            ));
            router = crate::landing::route(router, self.clone());
        }
        router = middleware::docs(router, self.options.docs_dir.as_deref());
        let layer = middleware::PerRequest {
            plane: self.clone(),
            edges,
            max_body: self.config.max_body_bytes,
            log: self.options.access_log.clone(),
        };
        router.layer(mw::from_fn_with_state(
            layer,
            middleware::per_request::<Sandbox>,
        ))
    }
}

impl crate::landing::About for Sandbox {
    fn accounts(&self) -> [crate::config::Accounts; 4] {
        self.config.accounts(self.options.configured)
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn scheme(&self) -> &'static str {
        self.omivv.scheme()
    }

    fn durable(&self) -> bool {
        Sandbox::durable(self)
    }
}

/// The sandbox's router behind what must happen before routing: doubled slashes in the path
/// merged (so that `//Services/...` reaches its route), as the appliances' servlet containers do.
/// `B` is the body type of the server in front (axum's own, or hyper's under TLS).
pub type Service<B = axum::body::Body> =
    tower::util::MapRequest<Router, fn(axum::http::Request<B>) -> axum::http::Request<B>>;

pub fn service<B>(router: Router) -> Service<B> {
    tower::ServiceBuilder::new()
        .map_request(middleware::normalize_path::<B> as fn(_) -> _)
        .service(router)
}
