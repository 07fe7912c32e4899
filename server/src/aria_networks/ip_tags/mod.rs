//! IP tags: the subnets and IP ranges the appliance treats as a kind of traffic (`EAST_WEST`,
//! `INTERNET`). Adding merges ranges that overlap or touch; removing cuts addresses out of the
//! tagged ranges, which may leave two pieces of one.

mod api;
mod v2;

use std::net::IpAddr;

use super::errors::AriaError;
use super::Aria;
use crate::generated::aria_networks::types;

/// The tags the appliance knows (ERRATA E40).
pub const TAG_IDS: [&str; 2] = ["EAST_WEST", "INTERNET"];

/// An address as a number, with its family (ranges never mix families).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Addr {
    v6: bool,
    n: u128,
}

impl Addr {
    fn parse(text: &str) -> Result<Addr, AriaError> {
        match text.trim().parse::<IpAddr>() {
            Ok(IpAddr::V4(a)) => Ok(Addr {
                v6: false,
                n: u128::from(u32::from(a)),
            }),
            Ok(IpAddr::V6(a)) => Ok(Addr {
                v6: true,
                n: u128::from(a),
            }),
            Err(_) => Err(AriaError::InvalidInput(format!(
                "{text:?} is not an IP address"
            ))),
        }
    }

    fn text(self) -> String {
        if self.v6 {
            std::net::Ipv6Addr::from(self.n).to_string()
        } else {
            std::net::Ipv4Addr::from(self.n as u32).to_string()
        }
    }
}

type Range = (Addr, Addr);

fn parse_range(r: &types::IpAddressRange) -> Result<Range, AriaError> {
    let (start, end) = (Addr::parse(&r.start_ip)?, Addr::parse(&r.end_ip)?);
    if start.v6 != end.v6 || start > end {
        return Err(AriaError::InvalidInput(format!(
            "{} - {} is not a range (same family, start not after end)",
            r.start_ip, r.end_ip
        )));
    }
    Ok((start, end))
}

/// `addr/len`, checked; answers it in a canonical form for comparison.
fn parse_subnet(text: &str) -> Result<(Addr, u32), AriaError> {
    let bad = || AriaError::InvalidInput(format!("{text:?} is not a subnet (address/prefix)"));
    let (addr, len) = text.trim().split_once('/').ok_or_else(bad)?;
    let addr = Addr::parse(addr).map_err(|_| bad())?;
    let len: u32 = len.parse().map_err(|_| bad())?;
    if len > if addr.v6 { 128 } else { 32 } {
        return Err(bad());
    }
    Ok((addr, len))
}

fn stored(ranges: &[(String, String)]) -> Vec<Range> {
    ranges
        .iter()
        .filter_map(|(s, e)| Some((Addr::parse(s).ok()?, Addr::parse(e).ok()?)))
        .collect()
}

/// Sorted, with overlapping and adjacent ranges of one family merged.
fn merged(mut ranges: Vec<Range>) -> Vec<Range> {
    ranges.sort();
    let mut out: Vec<Range> = Vec::new();
    for (s, e) in ranges {
        match out.last_mut() {
            Some((_, last)) if last.v6 == s.v6 && s.n <= last.n.saturating_add(1) => {
                last.n = last.n.max(e.n);
            }
            _ => out.push((s, e)),
        }
    }
    out
}

/// `ranges` without the addresses of `cut`.
fn without(ranges: Vec<Range>, cut: Range) -> Vec<Range> {
    let mut out = Vec::new();
    for (s, e) in ranges {
        if s.v6 != cut.0.v6 || e.n < cut.0.n || s.n > cut.1.n {
            out.push((s, e));
            continue;
        }
        if s.n < cut.0.n {
            out.push((
                s,
                Addr {
                    n: cut.0.n - 1,
                    ..s
                },
            ));
        }
        if e.n > cut.1.n {
            out.push((
                Addr {
                    n: cut.1.n + 1,
                    ..e
                },
                e,
            ));
        }
    }
    out
}

fn as_text(ranges: Vec<Range>) -> Vec<(String, String)> {
    ranges
        .into_iter()
        .map(|(s, e)| (s.text(), e.text()))
        .collect()
}

/// An add or remove, checked: the path's tag (and the body's, if it names one), the subnets
/// with their comparison keys, the ranges.
struct Change<'a> {
    tag: &'a str,
    subnets: Vec<((Addr, u32), String)>,
    ranges: Vec<Range>,
    /// On a removal, whether a listed subnet some cut overlaps turns into its range first, so
    /// that every address cut stops being tagged (v2, E117); v1 removes listed subnets only
    /// by name.
    split_subnets: bool,
}

/// The addresses a subnet covers, first to last, whatever its host bits.
fn subnet_range((addr, len): (Addr, u32)) -> Range {
    let bits = if addr.v6 { 128 } else { 32 };
    // A /0 covers the whole family; shifting by the width would overflow.
    let host = match bits - len {
        0 => 0,
        128 => u128::MAX,
        n => (1u128 << n) - 1,
    };
    let start = Addr {
        n: addr.n & !host,
        ..addr
    };
    (
        start,
        Addr {
            n: start.n | host,
            ..addr
        },
    )
}

fn overlaps(a: Range, b: Range) -> bool {
    a.0.v6 == b.0.v6 && a.0.n <= b.1.n && b.0.n <= a.1.n
}

fn change<'a>(tag_id: &'a str, body: &types::IpTagRequest) -> Result<Change<'a>, AriaError> {
    if !TAG_IDS.contains(&tag_id) {
        return Err(AriaError::NotFound(format!("No IP tag {tag_id}")));
    }
    if let Some(t) = body.tag_id.as_deref().filter(|t| *t != tag_id) {
        return Err(AriaError::InvalidInput(format!(
            "tag_id {t} differs from the path's {tag_id}"
        )));
    }
    let subnets = body
        .subnets
        .iter()
        .map(|s| parse_subnet(s).map(|key| (key, s.trim().to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let ranges = body
        .ip_address_ranges
        .iter()
        .map(parse_range)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Change {
        tag: tag_id,
        subnets,
        ranges,
        split_subnets: false,
    })
}

impl Aria {
    pub fn ip_tag_ids(&self) -> types::IpTagIdList {
        types::IpTagIdList {
            tag_ids: TAG_IDS.iter().map(|t| t.to_string()).collect(),
        }
    }

    pub async fn ip_tag(&self, tag_id: &str) -> Result<types::IpTag, AriaError> {
        if !TAG_IDS.contains(&tag_id) {
            return Err(AriaError::NotFound(format!("No IP tag {tag_id}")));
        }
        let state = self.db.read().await;
        let row = state
            .aria()
            .ip_tags
            .get(tag_id)
            .cloned()
            .unwrap_or_default();
        Ok(types::IpTag {
            tag_id: tag_id.to_string(),
            subnets: row.subnets,
            ip_address_ranges: row
                .ranges
                .into_iter()
                .map(|(start_ip, end_ip)| types::IpAddressRange { start_ip, end_ip })
                .collect(),
        })
    }

    pub async fn add_ip_tag(
        &self,
        tag_id: &str,
        body: &types::IpTagRequest,
    ) -> Result<(), AriaError> {
        self.add_to_ip_tag(change(tag_id, body)?).await
    }

    /// Tags the change's subnets (each once) and ranges (merged), in one transaction.
    async fn add_to_ip_tag(&self, change: Change<'_>) -> Result<(), AriaError> {
        let Change {
            tag,
            subnets,
            ranges,
            ..
        } = change;
        self.db
            .write(|s| {
                let mut row = s.aria_mut().ip_tags.get(tag).cloned().unwrap_or_default();
                for (key, text) in subnets {
                    let known = row
                        .subnets
                        .iter()
                        .any(|t| parse_subnet(t).is_ok_and(|k| k == key));
                    if !known {
                        row.subnets.push(text);
                    }
                }
                let mut all = stored(&row.ranges);
                all.extend(ranges);
                row.ranges = as_text(merged(all));
                s.aria_mut().ip_tags.insert(tag.to_string(), row);
                Ok(())
            })
            .await
    }

    pub async fn remove_ip_tag(
        &self,
        tag_id: &str,
        body: &types::IpTagRequest,
    ) -> Result<(), AriaError> {
        self.remove_from_ip_tag(change(tag_id, body)?).await
    }

    /// Untags the change's subnets (as listed) and cuts its ranges' addresses out of the
    /// tagged ranges, in one transaction.
    async fn remove_from_ip_tag(&self, change: Change<'_>) -> Result<(), AriaError> {
        let Change {
            tag,
            subnets,
            ranges: cuts,
            split_subnets,
        } = change;
        self.db
            .write(|s| {
                let Some(mut row) = s.aria_mut().ip_tags.get(tag).cloned() else {
                    return Ok(());
                };
                row.subnets.retain(|t| {
                    !parse_subnet(t).is_ok_and(|k| subnets.iter().any(|(key, _)| *key == k))
                });
                let mut ranges = stored(&row.ranges);
                if split_subnets {
                    let cut_into = |t: &String| {
                        (parse_subnet(t).ok().map(subnet_range))
                            .filter(|r| cuts.iter().any(|c| overlaps(*r, *c)))
                    };
                    ranges.extend(row.subnets.iter().filter_map(cut_into));
                    row.subnets.retain(|t| cut_into(t).is_none());
                }
                for cut in cuts {
                    ranges = without(ranges, cut);
                }
                row.ranges = as_text(merged(ranges));
                s.aria_mut().ip_tags.insert(tag.to_string(), row);
                Ok(())
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str, e: &str) -> Range {
        (Addr::parse(s).unwrap(), Addr::parse(e).unwrap())
    }

    fn text(ranges: Vec<Range>) -> Vec<(String, String)> {
        as_text(ranges)
    }

    #[test]
    fn ranges_merge_when_they_overlap_or_touch_and_never_across_families() {
        let m = merged(vec![
            r("10.0.0.5", "10.0.0.9"),
            r("10.0.0.1", "10.0.0.4"),
            r("10.0.0.8", "10.0.0.12"),
            r("10.0.1.0", "10.0.1.0"),
            r("::1", "::2"),
        ]);
        assert_eq!(
            text(m),
            [
                ("10.0.0.1".into(), "10.0.0.12".into()),
                ("10.0.1.0".into(), "10.0.1.0".into()),
                ("::1".into(), "::2".into())
            ]
        );
    }

    #[test]
    fn removing_cuts_ranges_into_pieces() {
        let left = without(vec![r("10.0.0.1", "10.0.0.10")], r("10.0.0.4", "10.0.0.5"));
        assert_eq!(
            text(left),
            [
                ("10.0.0.1".into(), "10.0.0.3".into()),
                ("10.0.0.6".into(), "10.0.0.10".into())
            ]
        );
        assert!(without(vec![r("10.0.0.1", "10.0.0.1")], r("10.0.0.1", "10.0.0.1")).is_empty());
        let untouched = without(vec![r("10.0.0.1", "10.0.0.2")], r("::1", "::2"));
        assert_eq!(untouched.len(), 1);
    }

    #[test]
    fn subnets_and_ranges_are_checked() {
        assert!(parse_subnet("10.0.0.0/8").is_ok());
        assert!(parse_subnet("2001:db8::/32").is_ok());
        for bad in ["10.0.0.0", "10.0.0.0/33", "x/8", "10.0.0.0/-1"] {
            assert!(parse_subnet(bad).is_err(), "{bad}");
        }
        let backwards = types::IpAddressRange {
            start_ip: "10.0.0.9".into(),
            end_ip: "10.0.0.1".into(),
        };
        assert!(parse_range(&backwards).is_err());
        let mixed = types::IpAddressRange {
            start_ip: "10.0.0.1".into(),
            end_ip: "::1".into(),
        };
        assert!(parse_range(&mixed).is_err());
    }
}
