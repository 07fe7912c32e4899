//! Consistent replacements: the same real name, address or service tag always becomes the same
//! fake one (numbered in the order first seen), so that the topology is kept and nothing of the
//! original is. Without `--anonymize` every value passes through.

use std::collections::HashMap;

pub struct Anonymizer {
    on: bool,
    /// (kind, real) -> fake
    seen: HashMap<(&'static str, String), String>,
    counts: HashMap<&'static str, usize>,
}

impl Anonymizer {
    pub fn new(on: bool) -> Self {
        Self {
            on,
            seen: HashMap::new(),
            counts: HashMap::new(),
        }
    }

    fn map(&mut self, kind: &'static str, real: &str, make: impl Fn(usize) -> String) -> String {
        if !self.on || real.is_empty() {
            return real.to_string();
        }
        if let Some(fake) = self.seen.get(&(kind, real.to_string())) {
            return fake.clone();
        }
        let n = {
            let c = self.counts.entry(kind).or_default();
            *c += 1;
            *c
        };
        let fake = make(n);
        self.seen.insert((kind, real.to_string()), fake.clone());
        fake
    }

    pub fn vcenter_hostname(&mut self, real: &str) -> String {
        self.map("vcenter", real, |n| format!("vc{n:02}-anon.example.com"))
    }

    pub fn datacenter(&mut self, real: &str) -> String {
        self.map("datacenter", real, |n| format!("Datacenter-{n:02}"))
    }

    pub fn cluster(&mut self, real: &str) -> String {
        self.map("cluster", real, |n| format!("Cluster-{n:02}"))
    }

    pub fn host_name(&mut self, real: &str) -> String {
        self.map("host", real, |n| format!("esxi-{n:03}.example.com"))
    }

    pub fn group(&mut self, real: &str) -> String {
        self.map("group", real, |n| format!("group-{n:02}"))
    }

    /// Addresses from 10.99.0.0/16, in the order first seen.
    pub fn address(&mut self, real: &str) -> String {
        self.map("address", real, |n| {
            format!("10.99.{}.{}", n / 250, 1 + n % 250)
        })
    }

    /// Seven characters, as Dell's service tags are.
    pub fn service_tag(&mut self, real: &str) -> String {
        self.map("tag", real, |n| format!("ANON{n:03}"))
    }

    pub fn console_id(&mut self, real: &str) -> String {
        self.map("console", real, |n| {
            uuid::Uuid::new_v5(
                &uuid::Uuid::NAMESPACE_OID,
                format!("console-{n}").as_bytes(),
            )
            .to_string()
        })
    }
}
