//! The conformance report: per operation, the calls seen, how many conformed, and each distinct
//! divergence with how often it was seen and the ERRATA entries it bears on; as JSON for tools
//! and as Markdown for people.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

use serde_json::{json, Value};

use super::contract::{Divergence, Operation};

#[derive(Default)]
struct OperationStats {
    api: &'static str,
    method: String,
    path: String,
    errata: Vec<String>,
    calls: u64,
    conforming: u64,
    divergences: BTreeMap<(String, String, String), (Divergence, u64)>,
}

#[derive(Default)]
pub struct Report {
    upstream: String,
    operations: Mutex<BTreeMap<String, OperationStats>>,
    /// Requests no operation of the specs describes, by `METHOD path`.
    undocumented: Mutex<BTreeMap<String, u64>>,
}

impl Report {
    pub fn new(upstream: &str) -> Report {
        Report {
            upstream: upstream.to_string(),
            ..Default::default()
        }
    }

    pub fn record(&self, op: &Operation, divergences: Vec<Divergence>) {
        let Ok(mut ops) = self.operations.lock() else {
            return;
        };
        let stats = ops
            .entry(format!("{}:{}", op.api, op.id))
            .or_insert_with(|| OperationStats {
                api: op.api,
                method: op.method.clone(),
                path: op.path.clone(),
                errata: op.errata.clone(),
                ..Default::default()
            });
        stats.calls += 1;
        if divergences.is_empty() {
            stats.conforming += 1;
        }
        for d in divergences {
            let key = (d.place.clone(), d.pointer.clone(), d.expected.clone());
            stats.divergences.entry(key).or_insert((d, 0)).1 += 1;
        }
    }

    pub fn record_undocumented(&self, method: &str, path: &str) {
        if let Ok(mut u) = self.undocumented.lock() {
            *u.entry(format!("{method} {path}")).or_default() += 1;
        }
    }

    /// Divergences seen, undocumented operations counted once per call.
    pub fn divergence_count(&self) -> u64 {
        let ops = self.operations.lock().map(|o| {
            o.values()
                .flat_map(|s| s.divergences.values().map(|(_, n)| *n))
                .sum::<u64>()
        });
        let undocumented = self.undocumented.lock().map(|u| u.values().sum::<u64>());
        ops.unwrap_or(0) + undocumented.unwrap_or(0)
    }

    pub fn json(&self) -> Value {
        let ops = self.operations.lock().map(|ops| {
            ops.iter()
                .map(|(id, s)| {
                    json!({
                        "operation": id.split_once(':').map_or(id.as_str(), |(_, o)| o),
                        "api": s.api,
                        "method": s.method,
                        "path": s.path,
                        "calls": s.calls,
                        "conforming": s.conforming,
                        "divergences": s.divergences.values().map(|(d, n)| json!({
                            "place": d.place,
                            "pointer": d.pointer,
                            "expected": d.expected,
                            "example": d.example,
                            "count": n,
                            "errata": s.errata,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect::<Vec<_>>()
        });
        let undocumented = self.undocumented.lock().map(|u| {
            u.iter()
                .map(|(k, n)| json!({"request": k, "calls": n}))
                .collect::<Vec<_>>()
        });
        json!({
            "upstream": self.upstream,
            "divergences": self.divergence_count(),
            "operations": ops.unwrap_or_default(),
            "undocumented_operations": undocumented.unwrap_or_default(),
        })
    }

    pub fn markdown(&self) -> String {
        let j = self.json();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Conformance of {}\n",
            j["upstream"].as_str().unwrap_or("")
        );
        let _ = writeln!(out, "{} divergence(s) seen.\n", j["divergences"]);
        let _ = writeln!(out, "| operation | calls | conforming |\n|---|---|---|");
        for op in j["operations"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "| `{}` {} `{}` | {} | {} |",
                op["operation"].as_str().unwrap_or(""),
                op["method"].as_str().unwrap_or(""),
                op["path"].as_str().unwrap_or(""),
                op["calls"],
                op["conforming"]
            );
        }
        for op in j["operations"].as_array().into_iter().flatten() {
            let divergences = op["divergences"].as_array().cloned().unwrap_or_default();
            if divergences.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n## `{}`\n", op["operation"].as_str().unwrap_or(""));
            for d in divergences {
                let errata: Vec<String> = d["errata"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.as_str().map(String::from))
                    .collect();
                let _ = writeln!(
                    out,
                    "- {}{}: {}; seen {}, {} time(s){}",
                    d["place"].as_str().unwrap_or(""),
                    d["pointer"]
                        .as_str()
                        .filter(|p| !p.is_empty())
                        .map(|p| format!(" `{p}`"))
                        .unwrap_or_default(),
                    d["expected"].as_str().unwrap_or(""),
                    d["example"].as_str().unwrap_or(""),
                    d["count"],
                    if errata.is_empty() {
                        String::new()
                    } else {
                        format!("; bears on ERRATA {}", errata.join(", "))
                    }
                );
            }
        }
        let undocumented = j["undocumented_operations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if !undocumented.is_empty() {
            let _ = writeln!(out, "\n## Requests no spec documents\n");
            for u in undocumented {
                let _ = writeln!(
                    out,
                    "- `{}` ({} call(s))",
                    u["request"].as_str().unwrap_or(""),
                    u["calls"]
                );
            }
        }
        out
    }
}
