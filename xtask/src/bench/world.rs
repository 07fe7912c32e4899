//! Aria at issue 22's scale: 10 vCenters with every other type in proportion (`estate`: the
//! default world's mix five times), 100,000 VMs (2,000 on each of 50 hosts) and 1,000,000 flows,
//! every vCenter, NSX-T manager, HCX connector, Check Point manager and switch collected.
//! Start-up on a stored database against the same estate at a tenth of the VMs and flows
//! (linear is 10x), searches of 100 results against the CPU yardstick, the last page of every
//! flow against the first, and resident memory after them against the 1.5 GB target.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use super::estate::{self, HOSTS_PER_VCENTER};
use super::http::{rss_kib, Conn};
use super::scale::{call, login, start, stop, SANDBOX};
use super::search::{p50, yardstick};
use super::{median, row, Limit};
use crate::spec;

const VMS: usize = 100_000;
const FLOWS: usize = 1_000_000;
const PODS: usize = 5; // 10 vCenters
const HOSTS: usize = PODS * 2 * HOSTS_PER_VCENTER;
const RUNS: usize = 51;

/// Writes a configuration of `vms` VMs and `flows` flows, and answers it with its database path
/// (removed: the first start makes it).
fn prepare(dir: &Path, vms: usize, flows: usize) -> Result<(PathBuf, PathBuf)> {
    let config = dir.join(format!("world-{vms}-vms.toml"));
    std::fs::write(&config, estate::config(PODS, vms / HOSTS, flows))?;
    let db = dir.join(format!("world-{vms}-vms.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    Ok((config, db))
}

/// Starts a sandbox on a new database and stops it, then answers the time a restart on that
/// database takes to answer (a first start also generates the vIDM signing key, whose time
/// varies), with the restarted sandbox.
fn restart(root: &Path, config: &Path, db: &PathBuf) -> Result<(std::process::Child, Duration)> {
    let (mut first, _) = start(root, config, db)?;
    stop(&mut first);
    start(root, config, db)
}

pub fn run() -> Result<()> {
    let root = spec::workspace_root();
    // Built before the first start, whose 60 s would otherwise include the build.
    super::scale::sandbox_binary(&root)?;
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let (small_config, small_db) = prepare(&dir, VMS / 10, FLOWS / 10)?;
    let (mut small, small_startup) = restart(&root, &small_config, &small_db)?;
    stop(&mut small);
    let (config, db) = prepare(&dir, VMS, FLOWS)?;
    let (mut child, startup) = restart(&root, &config, &db)?;
    let result = (|| -> Result<()> {
        row(
            "start-up on a stored database, 10 vCenters, 100,000 VMs and 1,000,000 flows",
            &format!("{} ms", startup.as_millis()),
            &format!(
                "10,000 VMs and 100,000 flows: {} ms",
                small_startup.as_millis()
            ),
            startup.as_secs_f64() / small_startup.as_secs_f64(),
            "≤ 10x (linear); ≤ 3 s",
            // About twice the recorded 12.5x (BENCHMARKS.md): a start-up that grows twice as
            // fast as the world fails.
            Limit::AtMost(25.0),
        );
        let mut c = Conn::open(SANDBOX)?;
        let auth = login(&mut c)?;
        collect(&mut c, &auth)?;
        let cpu = yardstick();
        let baseline = format!("CPU yardstick p50: {:.3} ms", cpu / 1000.0);
        let searches = [
            (
                "filtered VM search (security group and CPU count), size 100, of 100,000 VMs",
                "/api/ni/search",
                r#"{"entity_type":"VirtualMachine","filter":"security_groups.name = 'web-tier' and cpu_count >= 4","size":100}"#,
                Limit::AtMost(20.0),
            ),
            (
                "query-language search `vms where cpu_count >= 4 order by name`, size 100",
                "/api/ni/search/ql",
                r#"{"query":"vms where cpu_count >= 4 order by name","size":100}"#,
                // About twice the recorded 53.9x (13.5 ms).
                Limit::AtMost(110.0),
            ),
            (
                "filtered flow search (flows_exporter.py's filter), size 100, of 1,000,000 flows",
                "/api/ni/search",
                r#"{"entity_type":"Flow","filter":"((flow_tag = TAG_INTERNET_TRAFFIC) and (source_datacenter.name = 'Datacenter-A'))","size":100}"#,
                // About twice the recorded 71.9x (15.4 ms), since keyed properties.
                Limit::AtMost(145.0),
            ),
        ];
        for (what, path, body, limit) in searches {
            let us = p50(&mut c, "POST", path, &auth, body, RUNS)?;
            row(
                &format!("{what}, p50"),
                &format!("{:.2} ms", us / 1000.0),
                &baseline,
                us / cpu,
                "≤ 20 ms",
                limit,
            );
        }
        // Paging costs the same at the end as at the start (the issue's target), the two pages
        // interleaved so that both see the same machine. Each page also counts the total, one
        // pass over the flows, so this guards the page's own cost, not the pass.
        let last = format!(
            "/api/ni/entities/flows?size=100&cursor={}",
            base64_offset(FLOWS - 100)
        );
        let (mut firsts, mut lasts) = (Vec::with_capacity(RUNS), Vec::with_capacity(RUNS));
        for _ in 0..RUNS {
            let t = Instant::now();
            call(
                &mut c,
                "GET",
                "/api/ni/entities/flows?size=100",
                &auth,
                "",
                200,
            )?;
            firsts.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            call(&mut c, "GET", &last, &auth, "", 200)?;
            lasts.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let (first_ms, last_ms) = (median(firsts), median(lasts));
        row(
            "the last page of 1,000,000 flows (size=100), p50",
            &format!("{last_ms:.2} ms"),
            &format!("the first page: {first_ms:.2} ms"),
            last_ms / first_ms,
            "≤ 1.5x",
            Limit::AtMost(1.5),
        );
        // Read after the searches and pages, which allocate their answers and sort orders.
        let rss_mb = rss_kib(child.id())? as f64 / 1024.0;
        row(
            "resident memory after these searches, 100,000 VMs and 1,000,000 flows",
            &format!("{rss_mb:.0} MB"),
            "target 1536 MB",
            rss_mb / 1536.0,
            "≤ 1x",
            Limit::AtMost(1.0),
        );
        Ok(())
    })();
    stop(&mut child);
    result
}

/// Adds a data source for each of the estate's vCenters, NSX-T managers, HCX connectors, Check
/// Point managers and switches, so that their inventory and flows are seen.
fn collect(c: &mut Conn, auth: &str) -> Result<()> {
    let (_, nodes) = c.call("GET", "/api/ni/infra/nodes", &[("Authorization", auth)], "")?;
    let nodes: serde_json::Value = serde_json::from_str(&nodes)?;
    let proxy = nodes["results"][0]["id"].as_str().unwrap_or_default();
    let vcenters = estate::vcenter_ips(PODS)
        .into_iter()
        .map(|ip| estate::Source {
            segment: "vcenters",
            ip,
            username: "administrator@vsphere.local",
            password: "VMware1!",
        });
    for s in vcenters.chain(estate::other_sources(PODS)) {
        let body = serde_json::json!({"ip": s.ip, "proxy_id": proxy, "nickname": s.ip,
            "credentials": {"username": s.username, "password": s.password}});
        let path = format!("/api/ni/data-sources/{}", s.segment);
        call(c, "POST", &path, auth, &body.to_string(), 201)?;
    }
    Ok(())
}

/// A cursor as the sandbox writes it (base64 of the offset), escaped for a query string.
fn base64_offset(n: usize) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .encode(n.to_string())
        .replace('=', "%3D")
        .replace('+', "%2B")
        .replace('/', "%2F")
}
