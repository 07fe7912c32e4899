//! Consistent replacements: the same real name, address or service tag always becomes the same
//! fake one (numbered in the order first seen), so that the topology is kept and nothing of the
//! original is. Without `--anonymize` every value passes through.

use std::collections::HashMap;

pub struct Anonymizer {
    on: bool,
    /// (kind, real) -> fake
    seen: HashMap<(&'static str, String), String>,
    counts: HashMap<&'static str, usize>,
    /// An address's octet, by the real octets up to it -> its fake.
    octets: HashMap<Vec<u8>, u8>,
    /// How many octets have been given out under a real prefix.
    given: HashMap<Vec<u8>, u32>,
}

impl Anonymizer {
    pub fn new(on: bool) -> Self {
        Self {
            on,
            seen: HashMap::new(),
            counts: HashMap::new(),
            octets: HashMap::new(),
            given: HashMap::new(),
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

    /// The fake of one real octet, given the real octets before it: numbered in the order first
    /// seen under that prefix, from `first`, wrapping within `span`.
    fn octet(&mut self, real: &[u8], first: u32, span: u32) -> u8 {
        if let Some(o) = self.octets.get(real) {
            return *o;
        }
        let n = self
            .given
            .entry(real[..real.len() - 1].to_vec())
            .or_default();
        let fake = (first + *n % span) as u8;
        *n += 1;
        self.octets.insert(real.to_vec(), fake);
        fake
    }

    /// Addresses, prefix by prefix: two real addresses that share their first one, two or three
    /// octets share them in the fake ones too, so that subnets still hold their members. Private
    /// addresses become `10.200.0.0`-`10.255.255.255`, public ones `198.18.0.0/15`; a last octet
    /// of 0 stays 0 (a network's address).
    pub fn address(&mut self, real: &str) -> String {
        let Ok(ip) = real.parse::<std::net::Ipv4Addr>() else {
            return self.map("address", real, |n| format!("anon-address-{n}"));
        };
        if !self.on {
            return real.to_string();
        }
        let o = ip.octets();
        let private =
            o[0] == 10 || (o[0] == 172 && (16..32).contains(&o[1])) || o[..2] == [192, 168];
        let (first, second) = if private {
            (10, self.octet(&[0, o[0], o[1]], 200, 56))
        } else {
            (198, self.octet(&[1, o[0], o[1]], 18, 2))
        };
        let third = self.octet(&[2, o[0], o[1], o[2]], 0, 256);
        let fourth = match o[3] {
            0 => 0,
            _ => self.octet(&[3, o[0], o[1], o[2], o[3]], 1, 254),
        };
        format!("{first}.{second}.{third}.{fourth}")
    }

    /// A subnet (`a.b.c.d/len`): its address as `address` gives it, the bits past `len` cleared
    /// octet by octet.
    pub fn subnet(&mut self, real: &str) -> String {
        let Some((addr, len)) = real.split_once('/') else {
            return self.address(real);
        };
        let fake = self.address(addr);
        let Ok(bits) = len.parse::<usize>() else {
            return format!("{fake}/{len}");
        };
        let kept: Vec<&str> = fake.split('.').collect();
        let octets: Vec<&str> = (0..4)
            .map(|i| {
                if i * 8 < bits {
                    kept.get(i).copied().unwrap_or("0")
                } else {
                    "0"
                }
            })
            .collect();
        format!("{}/{len}", octets.join("."))
    }

    pub fn application(&mut self, real: &str) -> String {
        self.map("application", real, |n| format!("application-{n:02}"))
    }

    pub fn tier(&mut self, real: &str) -> String {
        self.map("tier", real, |n| format!("tier-{n:02}"))
    }

    /// A search filter with every name and address seen so far replaced by its fake, and every
    /// other quoted value by a fake of its own (a filter can name anything).
    pub fn scrub(&mut self, filter: &str) -> String {
        if !self.on {
            return filter.to_string();
        }
        let fakes: HashMap<String, String> = self
            .seen
            .iter()
            .map(|((_, real), fake)| (real.clone(), fake.clone()))
            .collect();
        let quoted = regex::Regex::new(r"'([^']*)'").expect("a valid pattern");
        let mut out = String::new();
        let mut last = 0;
        for m in quoted.captures_iter(filter) {
            let (whole, inner) = (m.get(0).expect("a match"), &m[1]);
            out.push_str(&filter[last..whole.start()]);
            let fake = match fakes.get(inner) {
                Some(f) => f.clone(),
                None => self.map("literal", inner, |n| format!("anon-{n}")),
            };
            out.push_str(&format!("'{fake}'"));
            last = whole.end();
        }
        out.push_str(&filter[last..]);
        out
    }

    pub fn vm(&mut self, real: &str) -> String {
        self.map("vm", real, |n| format!("vm-{n:04}"))
    }

    pub fn network(&mut self, real: &str) -> String {
        self.map("network", real, |n| format!("network-{n:02}"))
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
