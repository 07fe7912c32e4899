//! `appliance-sandbox`: serve the sandbox (see README.md for accounts and flags).

// jemalloc: the request path allocates and frees many small objects per request, which glibc's
// malloc answered with fastbin consolidation on every larger allocation (BENCHMARKS.md). Release
// builds turn it on (`--features jemalloc`); tests do without its minutes of C build.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Freed pages go back to the system at once: with jemalloc's default ten-second decay,
/// resident memory at 100,000 + 100,000 users was 212 to 288 MB depending on when it was read
/// (glibc's malloc: 150 MB; this: 128 MB, whenever it is read).
/// `_RJEM_MALLOC_CONF` in the environment still overrides it.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &[u8; 34] = b"dirty_decay_ms:0,muzzy_decay_ms:0\0";

mod cli;

use std::process::ExitCode;
use std::sync::Arc;

use appliance_sandbox::config::Config;
use appliance_sandbox::store::SqliteStore;
use appliance_sandbox::{Options, Sandbox};
use cli::{health_check, tls_config, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    // Log lines go to a background thread, so that writing them never holds up a request; the
    // guard flushes what is queued when main returns.
    let (writer, _flush_on_exit) = tracing_appender::non_blocking(std::io::stdout());
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    match std::env::args().nth(1).as_deref() {
        Some("proxy") => {
            let args = std::env::args().skip(1);
            return run_proxy(<cli::ProxyCli as clap::Parser>::parse_from(args)).await;
        }
        Some("import") => {
            let args = std::env::args().skip(1);
            return run_import(<cli::ImportCli as clap::Parser>::parse_from(args)).await;
        }
        Some("replay") => {
            let args = std::env::args().skip(1);
            return run_replay(<cli::ReplayCli as clap::Parser>::parse_from(args)).await;
        }
        _ => {}
    }
    let cli = match Cli::from_args_and_env() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if cli.health_check {
        return health_check(cli.listen, cli.tls || cli.cert.is_some());
    }
    let config = match &cli.config {
        None => Config::default(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Config::from_toml(&t))
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
    };
    let mut config = config;
    if let Some(version) = cli.appliance_version {
        config.aria.appliance_version = version;
    }
    if let Some(deployment) = cli.deployment {
        config.aria.deployment = deployment;
    }
    let config_accounts = config.accounts(cli.config.is_some());
    // Built alongside the binary: target/debug/appliance-sandbox -> target/api-docs.
    let docs_dir = cli.docs.clone().or_else(|| {
        let exe = std::env::current_exe().ok()?;
        Some(exe.parent()?.parent()?.join("api-docs"))
    });
    let docs_built = docs_dir
        .as_ref()
        .is_some_and(|d| d.join("index.html").is_file());
    let access_log = (tracing::level_filters::LevelFilter::current()
        >= tracing::level_filters::LevelFilter::INFO)
        .then(|| appliance_sandbox::access_log::AccessLog::spawn(std::io::stdout()));
    let options = Options {
        no_rate_limits: cli.no_rate_limits,
        no_control: cli.no_control,
        configured: cli.config.is_some(),
        control_token: cli.control_token.clone().filter(|t| !t.is_empty()),
        docs_dir,
        access_log: access_log.clone(),
    };
    let opened = match &cli.db {
        None => Ok(Sandbox::new(config, options)),
        Some(path) => SqliteStore::open(path, &appliance_sandbox::state::SCHEMA)
            .and_then(|store| Sandbox::open(config, options, Arc::new(store))),
    };
    let sandbox = match opened {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let pem = match tls_config(&cli) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let tls = match pem
        .as_ref()
        .map(|(cert, key)| appliance_sandbox::serve::server_config(cert, key))
        .transpose()
    {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let listener = match std::net::TcpListener::bind(cli.listen).and_then(|l| {
        l.set_nonblocking(true)?;
        Ok(l)
    }) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", cli.listen);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().unwrap_or(cli.listen);
    let scheme = if tls.is_some() { "https" } else { "http" };
    sandbox.serving_at(
        addr,
        pem.as_ref()
            .map(|(cert, _)| String::from_utf8_lossy(cert).into_owned()),
    );
    let [omivv, omevv, aria, vidm] = config_accounts;
    println!("appliance-sandbox listening on {scheme}://{addr}");
    if !cli.no_control {
        println!("  start here:                    {scheme}://{addr}/");
    }
    println!("  OMIVV:                         {scheme}://{addr}/Spectre/api/rest/v1  ({omivv})");
    println!("  OMEVV:                         {scheme}://{addr}/omevv/GatewayService/v1  (OME: {omevv}; vCenters: their own users)");
    println!("  OMEVV's vLCM hardware support: {scheme}://{addr}/omevv/GatewayService/v1/vsphere-lcm/hw-support/v1  (vCenters' own users)");
    println!("  OpenManage Enterprise (OMEVV's host): {scheme}://{addr}/api  (OME: {omevv})");
    println!("  Aria Operations for Networks:  {scheme}://{addr}/api/ni  ({aria})");
    println!("  VMware Identity Manager:       {scheme}://{addr}/SAAS  ({vidm})");
    if docs_built {
        println!("  API docs:                      {scheme}://{addr}/docs/");
    } else {
        println!("  API docs: not built (npm ci && cargo xtask docs)");
    }
    if !cli.no_control {
        let access = if cli.control_token.as_deref().is_some_and(|t| !t.is_empty()) {
            "bearer token from --control-token"
        } else {
            "open"
        };
        println!("  sandbox control API:           {scheme}://{addr}/sandbox/v1  (clock, reset, journal, faults; {access})");
    }
    match &cli.db {
        Some(db) => println!("  state: {} (SQLite)", db.display()),
        None => println!("  state: in memory"),
    }
    if cli.no_rate_limits {
        println!("  request limits: off");
    }
    let router = sandbox.router();
    let limits = appliance_sandbox::serve::Limits {
        max_connections: cli.max_connections,
        timeouts: appliance_sandbox::serve::Timeouts {
            header: std::time::Duration::from_secs(cli.header_timeout_secs.max(1)),
            idle: std::time::Duration::from_secs(cli.idle_timeout_secs.max(1)),
        },
    };
    let result = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => appliance_sandbox::serve::serve(l, router, tls, limits, shutdown_signal()).await,
        Err(e) => Err(e),
    };
    if let Some(log) = &access_log {
        log.finish();
    }
    match result {
        Ok(()) => {
            println!("appliance-sandbox stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Serves the proxy until Ctrl-C or SIGTERM, then writes the report where `--report` says.
async fn run_proxy(cli: cli::ProxyCli) -> ExitCode {
    let proxy = appliance_sandbox::proxy::Proxy::fronting(&cli.upstream, cli.insecure_upstream)
        .and_then(|p| match &cli.record {
            Some(dir) => p.recording_into(dir.clone()),
            None => Ok(p),
        });
    let proxy = match proxy {
        Ok(p) => Arc::new(p),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(cli.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", cli.listen);
            return ExitCode::from(2);
        }
    };
    let tls = match cli::pem_pair(&None, &None, cli.tls).and_then(|pem| {
        pem.map(|(cert, key)| appliance_sandbox::serve::server_config(&cert, &key))
            .transpose()
    }) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let addr = listener.local_addr().map_or(cli.listen, |a| a);
    println!(
        "appliance-sandbox proxy listening on {scheme}://{addr}, forwarding to {}",
        cli.upstream.join(", ")
    );
    println!(
        "  report: {scheme}://{addr}/_proxy/report (JSON), {scheme}://{addr}/_proxy/report.md"
    );
    let app = proxy.clone().router();
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let stop = async {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! { _ = stop => {}, _ = term.recv() => {} }
    };
    let served = match tls {
        Some(tls) => appliance_sandbox::proxy::serve_tls(listener, app, tls, stop).await,
        None => {
            axum::serve(listener, app)
                .with_graceful_shutdown(stop)
                .await
        }
    };
    if let Err(e) = served {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(path) = &cli.report {
        proxy.settled().await;
        let text = if path.extension().is_some_and(|e| e == "md") {
            proxy.report.markdown()
        } else {
            serde_json::to_string_pretty(&proxy.report.json()).unwrap_or_default()
        };
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("report written to {}", path.display());
    }
    ExitCode::SUCCESS
}

/// Serves a recording until Ctrl-C or SIGTERM.
async fn run_replay(cli: cli::ReplayCli) -> ExitCode {
    let replay = match appliance_sandbox::proxy::replay::Replay::load(&cli.dir) {
        Ok(r) => Arc::new(r),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(cli.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", cli.listen);
            return ExitCode::from(2);
        }
    };
    let addr = listener.local_addr().map_or(cli.listen, |a| a);
    println!(
        "appliance-sandbox replay listening on http://{addr}, {} recorded exchanges from {}",
        replay.len(),
        cli.dir.display()
    );
    let app = replay.router();
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the estate and writes the configuration, saying how far it got on stderr.
async fn run_import(cli: cli::ImportCli) -> ExitCode {
    use appliance_sandbox::import::{import, Appliance, ImportOptions, OmevvAccess};
    let opts = ImportOptions {
        omivv: cli.omivv.clone().map(|url| Appliance {
            url,
            user: cli.omivv_user.clone().unwrap_or_default(),
            password: cli.omivv_password.clone().unwrap_or_default(),
        }),
        omevv: cli.omevv.clone().map(|url| OmevvAccess {
            url,
            ome_user: cli.ome_user.clone().unwrap_or_default(),
            ome_password: cli.ome_password.clone().unwrap_or_default(),
            vcenter_user: cli.vcenter_user.clone().unwrap_or_default(),
            vcenter_password: cli.vcenter_password.clone().unwrap_or_default(),
        }),
        flow_samples: cli.flow_samples,
        aria: cli.aria.clone().map(|url| Appliance {
            url,
            user: cli.aria_user.clone().unwrap_or_default(),
            password: cli.aria_password.clone().unwrap_or_default(),
        }),
        anonymize: cli.anonymize,
        insecure: cli.insecure,
    };
    // A bar on a terminal; nothing in a log (indicatif draws only to a terminal).
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:40} [{bar:30}] {pos}/{len}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    let progress = |step: appliance_sandbox::import::Step| {
        bar.set_message(step.what.to_string());
        bar.set_length(step.of as u64);
        bar.set_position(step.done as u64);
    };
    let result = import(&opts, &progress).await;
    bar.finish_and_clear();
    match result {
        Ok(text) => {
            if let Err(e) = std::fs::write(&cli.out, &text) {
                eprintln!("error: {}: {e}", cli.out.display());
                return ExitCode::FAILURE;
            }
            println!(
                "wrote {}; start a sandbox on it: appliance-sandbox --config {}",
                cli.out.display(),
                cli.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
