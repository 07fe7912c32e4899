//! Consistent replacements: the same real name, address or service tag always becomes the same
//! fake one (numbered in the order first seen), so that the topology is kept and nothing of the
//! original is. Without `--anonymize` every value passes through.

use std::collections::HashMap;

/// The fake /16s, in the order they are given out: reserved or private space only.
const POOL: [(u8, u8); 138] = {
    let mut pool = [(0u8, 0u8); 138];
    let mut i = 0;
    while i < 56 {
        pool[i] = (10, 200 + i as u8);
        i += 1;
    }
    while i < 72 {
        pool[i] = (172, 16 + (i - 56) as u8);
        i += 1;
    }
    while i < 136 {
        pool[i] = (100, 64 + (i - 72) as u8);
        i += 1;
    }
    pool[136] = (198, 18);
    pool[137] = (198, 19);
    pool
};

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

    /// The fake of `real` (a key: the real octets so far) numbered in the order first seen
    /// within `space`, from `first`, wrapping within `span`.
    fn octet(&mut self, real: &[u8], space: &[u8], first: u32, span: u32) -> u32 {
        if let Some(o) = self.octets.get(real) {
            return u32::from(*o);
        }
        let n = self.given.entry(space.to_vec()).or_default();
        let fake = first + *n % span;
        *n += 1;
        self.octets.insert(real.to_vec(), fake as u8);
        fake
    }

    /// Addresses, prefix by prefix: two real addresses that share their first two or three
    /// octets share them in the fake ones too, so that a subnet on an octet boundary still holds
    /// its members. Each real /16 takes the next fake /16 of a pool of 138 reserved ones
    /// (10.200-255, 172.16-31, 100.64-127, 198.18-19; wrapping past that); the third octet is
    /// numbered within the fake /16, the fourth within the /24; a last octet of 0 stays 0.
    pub fn address(&mut self, real: &str) -> String {
        let Ok(ip) = real.parse::<std::net::Ipv4Addr>() else {
            return self.map("address", real, |n| format!("anon-address-{n}"));
        };
        if !self.on {
            return real.to_string();
        }
        let o = ip.octets();
        let slash16 = self.octet(&[0, o[0], o[1]], &[0], 0, POOL.len() as u32) as usize;
        let (first, second) = POOL[slash16 % POOL.len()];
        let third = self.octet(&[2, o[0], o[1], o[2]], &[2, first, second], 0, 256);
        let fourth = match o[3] {
            0 => 0,
            _ => self.octet(
                &[3, o[0], o[1], o[2], o[3]],
                &[3, first, second, third as u8],
                1,
                254,
            ),
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

    /// A search filter with every quoted value (in single or double quotes) replaced: an
    /// address or subnet by its fake, a name seen so far by its fake (looked up by kind in a
    /// fixed order), anything else by a fake of its own (a filter can name anything).
    pub fn scrub(&mut self, filter: &str) -> String {
        if !self.on {
            return filter.to_string();
        }
        const KINDS: [&str; 9] = [
            "vm",
            "host",
            "network",
            "group",
            "cluster",
            "datacenter",
            "vcenter",
            "tier",
            "application",
        ];
        let quoted =
            regex::Regex::new(r#"'((?:[^']|'')*)'|"((?:[^"]|"")*)""#).expect("a valid pattern");
        let mut out = String::new();
        let mut last = 0;
        for m in quoted.captures_iter(filter) {
            let whole = m.get(0).expect("a match");
            let (quote, inner) = match (m.get(1), m.get(2)) {
                (Some(i), _) => ('\'', i.as_str()),
                (_, Some(i)) => ('"', i.as_str()),
                _ => continue,
            };
            out.push_str(&filter[last..whole.start()]);
            let known = KINDS
                .iter()
                .find_map(|k| self.seen.get(&(*k, inner.to_string())).cloned());
            let is_address = inner
                .split('/')
                .next()
                .is_some_and(|a| a.parse::<std::net::Ipv4Addr>().is_ok());
            let fake = match known {
                Some(f) => f,
                None if is_address => self.subnet(inner),
                None => self.map("literal", inner, |n| format!("anon-{n}")),
            };
            out.push_str(&format!("{quote}{fake}{quote}"));
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

#[cfg(test)]
mod tests {
    use super::Anonymizer;

    #[test]
    fn distinct_addresses_stay_distinct_and_subnets_keep_their_members() {
        let mut a = Anonymizer::new(true);
        let fakes: Vec<String> = [
            "10.5.1.7",
            "192.168.1.7",
            "203.0.113.5",
            "198.51.100.5",
            "10.5.2.7",
        ]
        .iter()
        .map(|r| a.address(r))
        .collect();
        let unique: std::collections::BTreeSet<&String> = fakes.iter().collect();
        assert_eq!(unique.len(), fakes.len(), "{fakes:?}");
        // 10.5.1.7 and 10.5.2.7 share their /16; so do their fakes, and the /16's fake holds both.
        let net = a.subnet("10.5.0.0/16");
        let prefix = net.trim_end_matches(".0.0/16");
        assert!(
            fakes[0].starts_with(prefix) && fakes[4].starts_with(prefix),
            "{net} {fakes:?}"
        );
        assert_eq!(
            a.address("10.5.1.7"),
            fakes[0],
            "the same real address, the same fake"
        );
        assert_eq!(
            a.address("10.5.1.0"),
            format!("{prefix}.{}.0", fakes[0].split('.').nth(2).unwrap())
        );
    }

    #[test]
    fn a_filter_keeps_no_quoted_original() {
        let mut a = Anonymizer::new(true);
        let vm = a.vm("billing-01");
        let ip = a.address("10.5.1.7");
        let scrubbed =
            a.scrub(r#"name = 'billing-01' or ip_address = "10.5.1.7" or tag = 'secret'"#);
        let expected = format!(r#"name = '{vm}' or ip_address = "{ip}" or tag = 'anon-1'"#);
        assert_eq!(scrubbed, expected);
    }
}
