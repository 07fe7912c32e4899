//! The command line: flags, each with its environment variable, and what the binary does
//! besides serving (the container's health check, the HTTPS identity).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::BoolishValueParser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser};

use appliance_sandbox::aria_networks::appliance_version::ApplianceVersion;
use appliance_sandbox::aria_networks::deployment::Deployment;

/// A stateful sandbox of the Dell OMIVV, VMware Aria Operations for Networks and VMware Identity
/// Manager APIs.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Address to listen on.
    #[arg(long, env = "SANDBOX_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// TOML file with accounts, vCenters, the identity directory, lifetimes and limits
    /// (see server/sandbox.example.toml).
    #[arg(long, env = "SANDBOX_CONFIG")]
    pub config: Option<PathBuf>,
    /// Keep all state in this SQLite file (created if missing) and resume from it on restart.
    /// Without it, state lives in memory.
    #[arg(long, env = "SANDBOX_DB")]
    pub db: Option<PathBuf>,
    /// Serve no control API (/sandbox/v1), so that the sandbox looks exactly like an appliance.
    #[arg(long, env = "SANDBOX_NO_CONTROL", value_parser = BoolishValueParser::new())]
    pub no_control: bool,
    /// The API docs site to serve at /docs [default: target/api-docs next to this binary, as
    /// `cargo xtask docs` builds it].
    #[arg(long, env = "SANDBOX_DOCS")]
    pub docs: Option<PathBuf>,
    /// Require this bearer token on the control API (all of /sandbox/v1 but /health). Set it
    /// whenever others can reach the sandbox (a container listening on 0.0.0.0).
    #[arg(long, env = "SANDBOX_CONTROL_TOKEN", hide_env_values = true)]
    pub control_token: Option<String>,
    /// Turn off the per-minute request limits (429).
    #[arg(long, env = "SANDBOX_NO_RATE_LIMITS", value_parser = BoolishValueParser::new())]
    pub no_rate_limits: bool,
    /// Serve HTTPS, as the appliances do. Without --cert/--key, a self-signed certificate for
    /// localhost and 127.0.0.1 is generated at start (clients then need verify=False or -k).
    #[arg(long, env = "SANDBOX_TLS", value_parser = BoolishValueParser::new())]
    pub tls: bool,
    /// PEM certificate chain for HTTPS (implies --tls; needs --key).
    #[arg(long, env = "SANDBOX_CERT", requires = "key")]
    pub cert: Option<PathBuf>,
    /// PEM private key for HTTPS (implies --tls; needs --cert).
    #[arg(long, env = "SANDBOX_KEY", requires = "cert")]
    pub key: Option<PathBuf>,
    /// Most connections served at once; more wait in the listen backlog.
    #[arg(long, env = "SANDBOX_MAX_CONNECTIONS", default_value_t = 512)]
    pub max_connections: usize,
    /// Seconds a client may take to send a request's head, from its first byte (slowloris).
    #[arg(long, env = "SANDBOX_HEADER_TIMEOUT", default_value_t = 20)]
    pub header_timeout_secs: u64,
    /// Seconds a connection may sit idle between requests before it is closed.
    #[arg(long, env = "SANDBOX_IDLE_TIMEOUT", default_value_t = 60)]
    pub idle_timeout_secs: u64,
    /// The Aria Operations for Networks release to present (6.12, 6.7.0, 6.5.1 or 1.1.8):
    /// what /info/version says, the limits that changed with it, and which operations are
    /// there (each operation's x-since; later ones answer 404) [default: the
    /// configuration's aria.appliance_version, 6.12].
    #[arg(long, env = "SANDBOX_APPLIANCE_VERSION")]
    pub appliance_version: Option<ApplianceVersion>,
    /// Which Aria edition to present: onprem, or saas (the Aria API also at /ni/api/ni,
    /// signed in with a csp-auth-token from the Cloud Services exchange at
    /// /csp/gateway/am/api/auth/api-tokens/authorize) [default: the configuration's
    /// aria.deployment, onprem].
    #[arg(long, env = "SANDBOX_DEPLOYMENT")]
    pub deployment: Option<Deployment>,
    /// Do not serve: ask the sandbox listening at --listen whether it is up (exit 0) or not
    /// (exit 1). A container's HEALTHCHECK, which has no curl in a scratch image.
    #[arg(long)]
    pub health_check: bool,
}

/// `GET /sandbox/v1/health` at `listen` (0.0.0.0 means this machine). Over HTTPS only the
/// connection is checked.
pub fn health_check(listen: SocketAddr, tls: bool) -> ExitCode {
    use std::io::{Read, Write};
    let mut addr = listen;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let timeout = std::time::Duration::from_secs(3);
    let answer = std::net::TcpStream::connect_timeout(&addr, timeout).and_then(|mut s| {
        if tls {
            return Ok("HTTP/1.1 200".to_string());
        }
        s.set_read_timeout(Some(timeout))?;
        write!(
            s,
            "GET /sandbox/v1/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )?;
        let mut head = [0u8; 12];
        s.read_exact(&mut head)?;
        Ok(String::from_utf8_lossy(&head).into_owned())
    });
    match answer {
        Ok(status) if status.ends_with(" 200") => ExitCode::SUCCESS,
        Ok(status) => {
            eprintln!("unhealthy: {status}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("unhealthy: {addr}: {e}");
            ExitCode::FAILURE
        }
    }
}

impl Cli {
    /// Parses the command line and the environment. A bad value that came from an environment
    /// variable is reported under the variable's name (`SANDBOX_TLS=maybe`), not the flag's.
    pub fn from_args_and_env() -> Result<Self, ExitCode> {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let matches = Self::command().try_get_matches_from(&args);
        match matches.and_then(|m| Self::from_arg_matches(&m)) {
            Ok(cli) => Ok(cli),
            Err(e) => match from_environment(&e, &args) {
                Some(message) => {
                    eprintln!("error: {message}");
                    Err(ExitCode::from(2))
                }
                None => e.exit(),
            },
        }
    }
}

/// The message for an invalid value that came from an environment variable, if it did.
fn from_environment(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    if !matches!(
        e.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
    ) {
        return None;
    }
    let Some(ContextValue::String(flag)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let command = Cli::command();
    let arg = command.get_arguments().find(|a| {
        a.get_long()
            .is_some_and(|l| flag.starts_with(&format!("--{l}")))
    })?;
    let long = format!("--{}", arg.get_long()?);
    let on_command_line = args.iter().any(|a| {
        a.to_str()
            .is_some_and(|a| a == long || a.starts_with(&format!("{long}=")))
    });
    let var = arg.get_env()?.to_str()?;
    let value = std::env::var(var).ok()?;
    if on_command_line {
        return None;
    }
    let expected = if matches!(arg.get_action(), ArgAction::SetTrue) {
        "1/0, true/false, yes/no or on/off".to_string()
    } else {
        // clap's reason, after the flag it names: "invalid value 'x' for '--f <F>': reason".
        let rendered = e.to_string();
        let reason = rendered
            .lines()
            .next()
            .and_then(|l| l.rsplit_once("': "))
            .map_or("not a valid value", |(_, r)| r)
            .to_string();
        format!("a value for {long} ({reason})")
    };
    Some(format!(
        "invalid value {value:?} in the environment variable {var}: expected {expected}"
    ))
}

/// A PEM certificate chain and its private key.
pub type PemPair = (Vec<u8>, Vec<u8>);

/// The certificate and key to serve HTTPS with, if HTTPS was asked for.
pub fn tls_config(cli: &Cli) -> Result<Option<PemPair>, String> {
    pem_pair(&cli.cert, &cli.key, cli.tls)
}

/// The certificate and key files, or a self-signed pair when only `tls` is asked for.
pub fn pem_pair(
    cert: &Option<PathBuf>,
    key: &Option<PathBuf>,
    tls: bool,
) -> Result<Option<PemPair>, String> {
    match (cert, key) {
        (Some(cert), Some(key)) => {
            let read = |p: &PathBuf| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
            Ok(Some((read(cert)?, read(key)?)))
        }
        _ if tls => {
            let names = vec!["localhost".to_string(), "127.0.0.1".to_string()];
            let generated = rcgen::generate_simple_self_signed(names)
                .map_err(|e| format!("cannot generate a certificate: {e}"))?;
            Ok(Some((
                generated.cert.pem().into_bytes(),
                generated.signing_key.serialize_pem().into_bytes(),
            )))
        }
        _ => Ok(None),
    }
}

/// `appliance-sandbox proxy`: forward every request to a real appliance (or a sandbox) unchanged,
/// and report how each exchange departs from the specs.
#[derive(Debug, Parser)]
#[command(
    name = "appliance-sandbox proxy",
    bin_name = "appliance-sandbox proxy",
    version
)]
pub struct ProxyCli {
    /// The appliance to forward to (`https://vrni.example.com`), or `PATH=URL` to send the paths
    /// under PATH to that appliance (`/api/ni=https://aria.example.com`); repeat it to front
    /// several appliances, a bare URL taking every other path.
    #[arg(long, env = "PROXY_UPSTREAM", required = true, value_delimiter = ',')]
    pub upstream: Vec<String>,
    /// Address to listen on (HTTP).
    #[arg(long, env = "PROXY_LISTEN", default_value = "127.0.0.1:8081")]
    pub listen: SocketAddr,
    /// Accept any certificate from the upstream (appliances usually have self-signed ones).
    #[arg(long, env = "PROXY_INSECURE_UPSTREAM", value_parser = BoolishValueParser::new())]
    pub insecure_upstream: bool,
    /// Serve HTTPS, with a self-signed certificate for localhost and 127.0.0.1 generated at
    /// start (clients that only speak HTTPS, such as Dell's Ansible modules).
    #[arg(long, env = "PROXY_TLS", value_parser = BoolishValueParser::new())]
    pub tls: bool,
    /// Write the conformance report here when the proxy stops: JSON, or Markdown for a `.md` name.
    /// It is also served live at /_proxy/report and /_proxy/report.md.
    #[arg(long, env = "PROXY_REPORT")]
    pub report: Option<PathBuf>,
    /// Write every exchange into this directory as a cassette (`000001.json`, ...), every
    /// password, token and key masked, for `appliance-sandbox replay`.
    #[arg(long, env = "PROXY_RECORD")]
    pub record: Option<PathBuf>,
}

/// `appliance-sandbox replay DIR`: serve a recording back, request by request.
#[derive(Debug, Parser)]
#[command(
    name = "appliance-sandbox replay",
    bin_name = "appliance-sandbox replay",
    version
)]
pub struct ReplayCli {
    /// The directory `appliance-sandbox proxy --record` wrote.
    pub dir: PathBuf,
    /// Address to listen on (HTTP).
    #[arg(long, env = "REPLAY_LISTEN", default_value = "127.0.0.1:8082")]
    pub listen: SocketAddr,
}

/// `appliance-sandbox import`: read a real estate through the appliances' APIs and write the
/// configuration that makes a sandbox mirror it.
#[derive(Debug, Parser)]
#[command(
    name = "appliance-sandbox import",
    bin_name = "appliance-sandbox import",
    version
)]
pub struct ImportCli {
    /// OMIVV, for the vCenters, datacenters, clusters and hosts with their addresses, models,
    /// service tags and iDRACs (`https://omivv.example.com`).
    #[arg(long, env = "IMPORT_OMIVV", requires_all = ["omivv_user", "omivv_password"])]
    pub omivv: Option<String>,
    /// An OMIVV administrator (`admin`, or `user@domain`).
    #[arg(long, env = "IMPORT_OMIVV_USER")]
    pub omivv_user: Option<String>,
    #[arg(long, env = "IMPORT_OMIVV_PASSWORD", hide_env_values = true)]
    pub omivv_password: Option<String>,
    /// OMEVV, for the topology when there is no OMIVV (with each host's health and warranty),
    /// or for each host's health when there is (`https://omevv.example.com`).
    #[arg(long, env = "IMPORT_OMEVV", requires_all = ["ome_user", "ome_password", "vcenter_user", "vcenter_password"])]
    pub omevv: Option<String>,
    /// An OpenManage Enterprise user, for OMEVV's consoles.
    #[arg(long, env = "IMPORT_OME_USER")]
    pub ome_user: Option<String>,
    #[arg(long, env = "IMPORT_OME_PASSWORD", hide_env_values = true)]
    pub ome_password: Option<String>,
    /// A vCenter user every console accepts (`administrator@vsphere.local`), for OMEVV's inventory.
    #[arg(long, env = "IMPORT_VCENTER_USER")]
    pub vcenter_user: Option<String>,
    #[arg(long, env = "IMPORT_VCENTER_PASSWORD", hide_env_values = true)]
    pub vcenter_password: Option<String>,
    /// Aria Operations for Networks, for the workload (VMs with their hosts, addresses, networks
    /// and security groups; the networks; the flow count and a sample of flows), and for the
    /// topology when neither OMIVV nor OMEVV is given.
    #[arg(long, env = "IMPORT_ARIA", requires_all = ["aria_user", "aria_password"])]
    pub aria: Option<String>,
    /// A local Aria user (`admin@local`).
    #[arg(long, env = "IMPORT_ARIA_USER")]
    pub aria_user: Option<String>,
    #[arg(long, env = "IMPORT_ARIA_PASSWORD", hide_env_values = true)]
    pub aria_password: Option<String>,
    /// How many groups of flows (source VM, destination address, port) to sample from Aria,
    /// largest first; the world's other flows follow their mix.
    #[arg(long, default_value_t = 1000)]
    pub flow_samples: usize,
    /// Replace every name, address and service tag consistently, keeping the topology.
    #[arg(long, value_parser = BoolishValueParser::new())]
    pub anonymize: bool,
    /// Accept any certificate from the appliances.
    #[arg(long, value_parser = BoolishValueParser::new())]
    pub insecure: bool,
    /// Where to write the configuration (`--config` of a sandbox).
    #[arg(long)]
    pub out: PathBuf,
}
