//! Every metric's value over an interval, a pure function of the world and the interval, so a
//! point is the same whichever window asks for it (E83).
//!
//! A rate is its mean (a VM's flows' traffic taken as a day's, a seeded level for CPU and
//! memory) times a curve with a daily and a weekly swing, whose mean over an interval is
//! computed exactly; 300-second points add seeded noise that cancels over each aligned pair, so
//! a coarser point is the mean of the finer ones it covers and a flow's bytes over an hour are
//! the sum of its twelve 300-second points. A host's CPU, memory and traffic are its VMs'.

use std::f64::consts::TAU;

use super::catalogue::Measure;
use crate::aria_networks::inventory::{EntityRef, Inventory, Kind};

const DAY: f64 = 86_400.0;
const WEEK: f64 = 7.0 * DAY;
/// A host's logical CPUs and memory (MiB), or its VMs' total if larger.
const HOST_CPUS: f64 = 64.0;
const HOST_MEMORY_MB: f64 = 512.0 * 1024.0;

/// Per VM, the bytes and packets of the flows that end (`rx`) and start (`tx`) at it, a day's
/// traffic; made once from the world's flows.
#[derive(Debug, Default, Clone, Copy)]
pub struct Traffic {
    pub rx_bytes: f64,
    pub tx_bytes: f64,
    pub rx_packets: f64,
    pub tx_packets: f64,
}

pub fn traffic(inv: &Inventory) -> Vec<Traffic> {
    let w = &inv.workload;
    let mut out = vec![Traffic::default(); w.vms.len()];
    for f in &w.flows {
        out[f.source].tx_bytes += f.bytes as f64;
        out[f.source].tx_packets += f.packets as f64;
        if let Some(d) = f.vm_destination() {
            out[d].rx_bytes += f.bytes as f64;
            out[d].rx_packets += f.packets as f64;
        }
    }
    out
}

/// A number in `[0, 1)` from `key` and `n` (FNV-1a, then a SplitMix64 finish).
fn unit(key: &str, n: u64) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut z = h ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether flow `f` is TCP and no one answers its handshakes: one TCP flow to a VM in eight,
/// chosen by its id (E88).
pub fn unanswered(inv: &Inventory, f: usize) -> bool {
    use crate::world::workload::Protocol;
    let flow = &inv.workload.flows[f];
    let e = EntityRef::flow(f);
    matches!(flow.protocol, Protocol::Tcp)
        && flow.vm_destination().is_some()
        && unit(&format!("{}|syn", inv.id(e)), 0) < 0.125
}

/// The mean over `[t0, t0 + len)` of `sin(2πt/period - phase)`, exactly.
fn mean_sin(period: f64, phase: f64, t0: i64, len: i64) -> f64 {
    let w = TAU / period;
    let (a, b) = (w * t0 as f64 - phase, w * (t0 + len) as f64 - phase);
    (a.cos() - b.cos()) / (w * len as f64)
}

/// The mean of the curve keyed by `key` over `[t0, t0 + len)`: 1, a daily swing of ±0.5 whose
/// peaks fall within the same few hours for every key, a weekly one of ±0.2, and 300-second
/// noise of ±0.1 that cancels over each aligned pair. Its mean over a whole week is 1.
fn curve(key: &str, t0: i64, len: i64) -> f64 {
    let daily = TAU * (0.2 + 0.1 * unit(key, u64::MAX));
    let weekly = TAU * unit(key, u64::MAX - 1);
    let mean = 1.0 + 0.5 * mean_sin(DAY, daily, t0, len) + 0.2 * mean_sin(WEEK, weekly, t0, len);
    if len != 300 {
        return mean;
    }
    let bucket = t0.div_euclid(300);
    let noise = 2.0 * unit(key, bucket.div_euclid(2) as u64) - 1.0;
    mean + 0.1 * if bucket % 2 == 0 { noise } else { -noise }
}

/// The value of `measure` for `e` over `[t0, t0 + len)`.
pub fn value(
    inv: &Inventory,
    traffic: &[Traffic],
    e: EntityRef,
    measure: Measure,
    t0: i64,
    len: i64,
) -> f64 {
    match e.kind {
        Kind::Vm | Kind::Vnic => vm_value(inv, traffic, e.index, measure, t0, len),
        Kind::Host => host_value(inv, traffic, e.index, measure, t0, len),
        Kind::Flow => flow_value(inv, e.index, measure, t0, len),
        _ => 0.0,
    }
}

/// A VM's mean CPU usage, percent.
fn cpu_level(vm: &crate::world::workload::Vm) -> f64 {
    10.0 + 40.0 * unit(&format!("{}|cpu", vm.uuid), 0)
}

/// The most a VM's CPU usage can average over an interval of 1800 seconds or more (no noise):
/// its level at the curve's highest.
pub fn cpu_ceiling(inv: &Inventory, v: usize) -> f64 {
    cpu_level(&inv.workload.vms[v]) * (1.0 + 0.5 + 0.2)
}

fn vm_value(
    inv: &Inventory,
    traffic: &[Traffic],
    v: usize,
    measure: Measure,
    t0: i64,
    len: i64,
) -> f64 {
    let vm = &inv.workload.vms[v];
    let key = |what: &str| format!("{}|{what}", vm.uuid);
    let t = traffic[v];
    let rate = |per_day: f64| per_day / DAY * curve(&key("net"), t0, len);
    match measure {
        Measure::CpuPercent => cpu_level(vm) * curve(&key("cpu"), t0, len),
        Measure::MemoryPercent => {
            let level = 30.0 + 50.0 * unit(&key("mem"), 0);
            // Memory barely follows the day: a twentieth of the curve's swing.
            level * (0.95 + 0.05 * curve(&key("mem"), t0, len))
        }
        Measure::CommittedBytes => {
            let base = (40.0 + 460.0 * unit(&key("disk"), 0)) * f64::from(1u32 << 30);
            // Logs grow the disk by up to 2% over a week, then rotate.
            let end = (t0 + len).rem_euclid(7 * 86_400) as f64;
            (base * (1.0 + 0.02 * end / (7.0 * DAY))).round()
        }
        Measure::ReceivedKbps => rate(t.rx_bytes * 8.0 / 1000.0),
        Measure::TransmittedKbps => rate(t.tx_bytes * 8.0 / 1000.0),
        Measure::UsageKbps => rate((t.rx_bytes + t.tx_bytes) * 8.0 / 1000.0),
        Measure::ReceivedPps => rate(t.rx_packets),
        Measure::TransmittedPps => rate(t.tx_packets),
        Measure::TotalPps => rate(t.rx_packets + t.tx_packets),
        Measure::FlowBytes | Measure::FlowPackets => 0.0,
    }
}

fn host_value(
    inv: &Inventory,
    traffic: &[Traffic],
    h: usize,
    measure: Measure,
    t0: i64,
    len: i64,
) -> f64 {
    let vms = &inv.vms_on_host[h];
    let each = |m: Measure| {
        vms.iter()
            .map(move |&v| (v, vm_value(inv, traffic, v, m, t0, len)))
    };
    let w = &inv.workload.vms;
    match measure {
        Measure::CpuPercent => {
            let cpus: f64 = vms.iter().map(|&v| f64::from(w[v].cpu_count)).sum();
            let used: f64 = each(measure)
                .map(|(v, x)| x * f64::from(w[v].cpu_count))
                .sum();
            used / cpus.max(HOST_CPUS)
        }
        Measure::MemoryPercent => {
            let memory: f64 = vms.iter().map(|&v| f64::from(w[v].memory_mb)).sum();
            let used: f64 = each(measure)
                .map(|(v, x)| x * f64::from(w[v].memory_mb))
                .sum();
            used / memory.max(HOST_MEMORY_MB)
        }
        _ => each(measure).map(|(_, x)| x).sum(),
    }
}

fn flow_value(inv: &Inventory, f: usize, measure: Measure, t0: i64, len: i64) -> f64 {
    let flow = &inv.workload.flows[f];
    let key = format!("{}|flow", inv.id(EntityRef::flow(f)));
    let per_day = match measure {
        Measure::FlowBytes => flow.bytes as f64,
        Measure::FlowPackets => flow.packets as f64,
        _ => return 0.0,
    };
    per_day / DAY * len as f64 * curve(&key, t0, len)
}
