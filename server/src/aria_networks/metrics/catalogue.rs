//! Which metrics each entity type has (E83): the names follow the appliance's
//! `<group>.<counter>.<rollup>.<aggregation>.<unit>` spelling, and the unit answered is the name's
//! last segment.

use crate::aria_networks::inventory::Kind;

/// The intervals every metric can be read at, in seconds.
pub const INTERVALS: [i32; 4] = [300, 1800, 7200, 86400];

/// At most this many points per entity and call; a longer window answers its first ones.
pub const MAX_POINTS: usize = 300;

/// What a metric measures, and so how the world gives its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The share of virtual CPUs (a VM) or logical CPUs (a host) in use.
    CpuPercent,
    /// The share of memory in use.
    MemoryPercent,
    /// Disk space committed, at the interval's end.
    CommittedBytes,
    /// Network rates from the world's flows: received, transmitted, both.
    ReceivedKbps,
    TransmittedKbps,
    UsageKbps,
    ReceivedPps,
    TransmittedPps,
    TotalPps,
    /// A flow's traffic in the interval.
    FlowBytes,
    FlowPackets,
}

#[derive(Debug, Clone, Copy)]
pub struct MetricDef {
    pub metric: &'static str,
    pub display_name: &'static str,
    pub description: &'static str,
    pub measure: Measure,
}

impl MetricDef {
    /// The unit: the name's last segment (`percent`, `bytes`, `kiloBitsPerSecond`, `number`).
    pub fn unit(&self) -> &'static str {
        self.metric.rsplit('.').next().unwrap_or_default()
    }
}

const fn def(
    metric: &'static str,
    display_name: &'static str,
    description: &'static str,
    measure: Measure,
) -> MetricDef {
    MetricDef {
        metric,
        display_name,
        description,
        measure,
    }
}

const NETWORK: [MetricDef; 6] = [
    def(
        "net.usage.rate.average.kiloBitsPerSecond",
        "Network Rate",
        "Traffic received and transmitted, from the world's flows.",
        Measure::UsageKbps,
    ),
    def(
        "net.received.rate.average.kiloBitsPerSecond",
        "Network Rx Rate",
        "Traffic received, from the flows that end here.",
        Measure::ReceivedKbps,
    ),
    def(
        "net.transmitted.rate.average.kiloBitsPerSecond",
        "Network Tx Rate",
        "Traffic transmitted, from the flows that start here.",
        Measure::TransmittedKbps,
    ),
    def(
        "net.ppsRx.rate.average.number",
        "Rx Packet Rate",
        "Packets received per second.",
        Measure::ReceivedPps,
    ),
    def(
        "net.ppsTx.rate.average.number",
        "Tx Packet Rate",
        "Packets transmitted per second.",
        Measure::TransmittedPps,
    ),
    def(
        "net.ppsTotal.rate.average.number",
        "Total Packet Rate",
        "Packets received and transmitted per second.",
        Measure::TotalPps,
    ),
];

const CPU: MetricDef = def(
    "cpu.usage.rate.average.percent",
    "CPU Usage Rate",
    "The share of CPU capacity in use.",
    Measure::CpuPercent,
);

const MEMORY: MetricDef = def(
    "mem.usage.absolute.average.percent",
    "Memory Usage",
    "The share of memory in use.",
    Measure::MemoryPercent,
);

const VM: [MetricDef; 9] = [
    CPU,
    MEMORY,
    def(
        "storage.committed.absolute.latest.bytes",
        "Committed Storage",
        "Disk space the VM's files take.",
        Measure::CommittedBytes,
    ),
    NETWORK[0],
    NETWORK[1],
    NETWORK[2],
    NETWORK[3],
    NETWORK[4],
    NETWORK[5],
];

const HOST: [MetricDef; 8] = [
    CPU, MEMORY, NETWORK[0], NETWORK[1], NETWORK[2], NETWORK[3], NETWORK[4], NETWORK[5],
];

const FLOW: [MetricDef; 2] = [
    def(
        "flow.totalBytes.delta.summation.bytes",
        "Total Bytes",
        "The flow's bytes in the interval.",
        Measure::FlowBytes,
    ),
    def(
        "flow.totalPackets.delta.summation.number",
        "Total Packets",
        "The flow's packets in the interval.",
        Measure::FlowPackets,
    ),
];

/// The metrics of an entity kind (none for kinds without).
pub fn metrics_of(kind: Kind) -> &'static [MetricDef] {
    match kind {
        Kind::Vm => &VM,
        Kind::Host => &HOST,
        Kind::Vnic => &NETWORK,
        Kind::Flow => &FLOW,
        _ => &[],
    }
}

/// The metric `name` of `kind`, or a 400's message naming what it has.
pub fn metric(kind: Kind, name: &str) -> Result<&'static MetricDef, String> {
    let defs = metrics_of(kind);
    defs.iter().find(|d| d.metric == name).ok_or_else(|| {
        let names: Vec<&str> = defs.iter().map(|d| d.metric).collect();
        format!(
            "{} has no metric {name:?}; it has: {}",
            kind.entity_type(),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        )
    })
}
