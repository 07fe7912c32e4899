//! `appliance-sandbox`: serve the sandbox (see README.md for accounts and flags).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use appliance_sandbox::config::Config;
use appliance_sandbox::{Options, Sandbox};
use clap::Parser;

/// A stateful sandbox of the Dell OMIVV, VMware Aria Operations for Networks and VMware Identity
/// Manager APIs.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, env = "SANDBOX_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// TOML file with accounts, vCenters, the identity directory, lifetimes and limits
    /// (see server/sandbox.example.toml).
    #[arg(long, env = "SANDBOX_CONFIG")]
    config: Option<PathBuf>,
    /// Turn off the per-minute request limits (429).
    #[arg(long, env = "SANDBOX_NO_RATE_LIMITS")]
    no_rate_limits: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let cli = Cli::parse();
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
    let sandbox = Sandbox::new(
        config,
        Options {
            no_rate_limits: cli.no_rate_limits,
        },
    );
    let listener = match tokio::net::TcpListener::bind(cli.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", cli.listen);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().unwrap_or(cli.listen);
    println!("appliance-sandbox listening on http://{addr}");
    println!(
        "  OMIVV:                         http://{addr}/Spectre/api/rest/v1  (admin / admin123)"
    );
    println!("  Aria Operations for Networks:  http://{addr}/api/ni  (admin@local / admin)");
    println!("  VMware Identity Manager:       http://{addr}/SAAS");
    if cli.no_rate_limits {
        println!("  request limits: off");
    }
    let result = appliance_sandbox::app::serve(listener, sandbox.router(), shutdown_signal()).await;
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
