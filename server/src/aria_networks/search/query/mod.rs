//! `POST /search/ql`: the query language's subset (E51), parsed with pest (`ql.pest`) into a
//! [`Query`] here and run (`run`) on the same search, aggregation and grouping as the JSON
//! calls.

mod run;
#[cfg(test)]
mod tests;

use pest::iterators::Pair;
use pest::Parser;

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::inventory::Kind;
use crate::generated::aria_networks::types;

#[derive(pest_derive::Parser)]
#[grammar = "aria_networks/search/query/ql.pest"]
struct QlParser;

/// What a query asks for besides the entities themselves.
#[derive(Debug, Clone, PartialEq)]
pub enum Projection {
    Count,
    Function(types::AggregationType, String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum OrderKey {
    Property(String),
    Count,
    Function(types::AggregationType, String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub projection: Option<Projection>,
    pub kind: Kind,
    pub condition: Option<String>,
    pub group_by: Vec<String>,
    pub order: Option<(OrderKey, bool)>,
    pub limit: Option<usize>,
}

/// The entity type a query names, singular or plural, in any letter case.
fn kind_named(noun: &str) -> Option<Kind> {
    let n = noun.to_ascii_lowercase();
    let n = match n.as_str() {
        "dvs" | "distributed virtual switches" | "distributed switches" => "dvs",
        "hcx service meshes" => "hcx service mesh",
        "switches" | "physical switches" => "switch",
        other => other.strip_suffix('s').unwrap_or(other),
    };
    Some(match n {
        "vm" | "virtual machine" | "virtualmachine" => Kind::Vm,
        "host" => Kind::Host,
        "cluster" => Kind::Cluster,
        "datacenter" | "vc datacenter" => Kind::Datacenter,
        "datastore" => Kind::Datastore,
        "vlan" | "l2 network" | "vlan l2 network" | "network" => Kind::Network,
        "security group" | "nsx security group" => Kind::SecurityGroup,
        "vnic" => Kind::Vnic,
        "flow" => Kind::Flow,
        "vcenter" | "vcenter manager" => Kind::Vcenter,
        "folder" => Kind::Folder,
        "virtual disk" | "virtualdisk" | "disk" => Kind::VirtualDisk,
        "dvs" | "distributed virtual switch" | "distributed switch" => Kind::Dvs,
        "dvpg" | "distributed virtual portgroup" | "distributed port group" | "port group" => {
            Kind::Dvpg
        }
        "vmknic" | "vmkernel adapter" => Kind::Vmknic,
        "nsx-t manager" | "nsxt manager" | "nsx manager" => Kind::NsxtManager,
        "nsx-t management node" | "nsxt management node" => Kind::NsxtMpNode,
        "nsx-t controller" | "nsxt controller" => Kind::NsxtController,
        "nsx-t transport node" | "nsxt transport node" | "transport node" => {
            Kind::NsxtTransportNode
        }
        "nsx-t edge cluster" | "nsxt edge cluster" | "edge cluster" => Kind::NsxtEdgeCluster,
        "nsx-t edge node cpu core" | "edge node cpu core" => Kind::NsxtCpuCore,
        "logical router" => Kind::LogicalRouter,
        "firewall rule" | "nsx-t firewall rule" => Kind::NsxtFirewallRule,
        "firewall" | "nsx-t firewall" => Kind::NsxtFirewall,
        "ip set" | "nsx-t ip set" => Kind::NsxtIpSet,
        "security tag" | "nsx-t security tag" => Kind::SecurityTag,
        "service" | "ns service" => Kind::NsService,
        "service group" | "ns service group" => Kind::NsServiceGroup,
        "kubernetes cluster" | "k8s cluster" => Kind::KubernetesCluster,
        "kubernetes node" | "k8s node" => Kind::KubernetesNode,
        "kubernetes namespace" | "k8s namespace" | "namespace" => Kind::KubernetesNamespace,
        "kubernetes pod" | "k8s pod" | "pod" => Kind::KubernetesPod,
        "kubernetes service" | "k8s service" => Kind::KubernetesService,
        "hcx manager" => Kind::HcxManager,
        "hcx site" => Kind::HcxSite,
        "hcx compute profile" => Kind::HcxComputeProfile,
        "hcx network profile" => Kind::HcxNetworkProfile,
        "hcx service mesh" => Kind::HcxServiceMesh,
        "hcx service" => Kind::HcxService,
        "hcx appliance" => Kind::HcxAppliance,
        "hcx tunnel" => Kind::HcxTunnel,
        "hcx l2 extension" | "hcx l2extension" => Kind::HcxL2Extension,
        "aws account" | "aws account manager" => Kind::AwsAccountManager,
        "azure subscription" => Kind::AzureSubscription,
        "firewall manager" | "check point manager" | "checkpoint manager" => Kind::FirewallManager,
        "sddc" | "vmc sddc" => Kind::VmcSddc,
        "sddc group" | "vmc sddc group" => Kind::SddcGroup,
        "vmware transit gateway" | "transit gateway" => Kind::TransitGateway,
        "direct connect" | "vmc direct connect" => Kind::DxConnection,
        "direct connect interface" | "dx tunnel" => Kind::DxInterface,
        "ipsec vpn session" | "vpn session" => Kind::VpnSession,
        "switch" | "router" | "router device" | "physical switch" => Kind::Switch,
        "switch port" => Kind::SwitchPort,
        "router interface" => Kind::RouterInterface,
        _ => return None,
    })
}

fn function(text: &str) -> types::AggregationType {
    match text.to_ascii_lowercase().as_str() {
        "sum" => types::AggregationType::Sum,
        "min" => types::AggregationType::Min,
        "max" => types::AggregationType::Max,
        _ => types::AggregationType::Avg,
    }
}

fn bad(message: String) -> AriaError {
    AriaError::InvalidInput(message)
}

fn syntax_error(text: &str, e: pest::error::Error<Rule>) -> AriaError {
    let at = match e.location {
        pest::error::InputLocation::Pos(p) | pest::error::InputLocation::Span((p, _)) => p,
    };
    let rest = text.get(at..).unwrap_or("");
    let found: String = rest
        .split_whitespace()
        .next()
        .unwrap_or("end of query")
        .chars()
        .take(40)
        .collect();
    bad(format!(
        "Unsupported query construct {found:?} at position {}: the sandbox reads \
         [count of | sum(p) of | min(p) of | max(p) of | avg(p) of] <entities> [where <filter>] \
         [group by p, ...] [order by p|count|sum(p) [asc|desc]] [limit n]",
        text[..at.min(text.len())].chars().count()
    ))
}

impl Query {
    pub fn parse(text: &str) -> Result<Query, AriaError> {
        let query = QlParser::parse(Rule::query, text)
            .map_err(|e| syntax_error(text, e))?
            .next()
            .expect("a query");
        let mut q = Query {
            projection: None,
            kind: Kind::Vm,
            condition: None,
            group_by: Vec::new(),
            order: None,
            limit: None,
        };
        let function_and_path = |p: Pair<Rule>| {
            let mut inner = p.into_inner();
            let f = function(inner.next().expect("a function").as_str());
            (f, inner.next().expect("a property").as_str().to_string())
        };
        for part in query.into_inner() {
            match part.as_rule() {
                Rule::projection => {
                    let p = part.into_inner().next().expect("a projection");
                    q.projection = Some(match p.as_rule() {
                        Rule::count_of => Projection::Count,
                        _ => {
                            let (f, path) = function_and_path(p);
                            Projection::Function(f, path)
                        }
                    });
                }
                Rule::subject => {
                    let words: Vec<&str> = part.into_inner().map(|w| w.as_str()).collect();
                    let noun = words.join(" ");
                    q.kind = kind_named(&noun).ok_or_else(|| {
                        bad(format!(
                            "Unsupported entity type {noun:?} in the query: the sandbox knows vms, \
                             hosts, clusters, datacenters, vlans, flows and the other types \
                             POST /search/ql's description names"
                        ))
                    })?;
                }
                Rule::where_part => {
                    let condition = part.into_inner().nth(1).expect("a condition");
                    q.condition = Some(condition.as_str().trim().to_string());
                }
                Rule::group_part => {
                    q.group_by = part
                        .into_inner()
                        .filter(|p| p.as_rule() == Rule::path)
                        .map(|p| p.as_str().to_string())
                        .collect();
                }
                Rule::order_part => {
                    let mut inner = part.into_inner().skip(2);
                    let key = inner.next().expect("an order key");
                    let first = key.clone().into_inner().next();
                    let key = match first.as_ref().map(|p| p.as_rule()) {
                        Some(Rule::function) => {
                            let (f, path) = function_and_path(key);
                            OrderKey::Function(f, path)
                        }
                        Some(Rule::count_kw) => OrderKey::Count,
                        _ => OrderKey::Property(key.as_str().to_string()),
                    };
                    let descending = inner
                        .next()
                        .is_some_and(|d| d.as_str().eq_ignore_ascii_case("desc"));
                    q.order = Some((key, descending));
                }
                Rule::limit_part => {
                    let n = part.into_inner().nth(1).expect("a number").as_str();
                    q.limit = Some(
                        n.parse()
                            .map_err(|_| bad(format!("limit {n} is too large")))?,
                    );
                }
                _ => {}
            }
        }
        Ok(q)
    }
}
