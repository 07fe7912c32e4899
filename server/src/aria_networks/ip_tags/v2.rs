//! IP tags v2 (E117): a tag as entries, each a subnet or range (its parent) less the subnets
//! and ranges excluded from it, over the same tagged addresses v1 reads and changes.

use super::{parse_range, parse_subnet, subnet_range, without, Addr, Change, Range, TAG_IDS};
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::Aria;
use crate::generated::aria_networks::types;

/// One side of an entry: a subnet (with its comparison key and text) or a range.
enum Span {
    Subnet((Addr, u32), String),
    Range(Range),
}

impl Span {
    fn parse(r: &types::IpRange) -> Result<Span, AriaError> {
        match (&r.subnet, &r.ip_address_range) {
            (Some(subnet), None) => Ok(Span::Subnet(parse_subnet(subnet)?, subnet.trim().into())),
            (None, Some(range)) => Ok(Span::Range(parse_range(range)?)),
            _ => Err(AriaError::InvalidInput(
                "Each parent and exclusion needs exactly one of subnet and ip_address_range".into(),
            )),
        }
    }

    /// The addresses it covers, first to last.
    fn range(&self) -> Range {
        match self {
            Span::Range(r) => *r,
            Span::Subnet(key, _) => subnet_range(*key),
        }
    }
}

/// The body as a v1 change: subnets without exclusions stay subnets; any other entry is its
/// parent's addresses less its exclusions. `cut_subnets` also cuts a subnet's addresses out of
/// the tagged ranges (a removal).
fn change<'a>(
    tag_id: &'a str,
    body: &types::IpTagEntries,
    cut_subnets: bool,
) -> Result<Change<'a>, AriaError> {
    if !TAG_IDS.contains(&tag_id) {
        return Err(AriaError::NotFound(format!("No IP tag {tag_id}")));
    }
    if body.tag_id != tag_id {
        return Err(AriaError::InvalidInput(format!(
            "tag_id {} differs from the path's {tag_id}",
            body.tag_id
        )));
    }
    let (mut subnets, mut ranges) = (Vec::new(), Vec::new());
    for entry in &body.entries {
        let parent = Span::parse(&entry.parent)?;
        let whole = parent.range();
        let exclusions =
            (entry.exclusions.iter().map(Span::parse)).collect::<Result<Vec<_>, _>>()?;
        let mut pieces = vec![whole];
        for cut in exclusions.iter().map(Span::range) {
            if cut.0.v6 != whole.0.v6 || cut.0 < whole.0 || cut.1 > whole.1 {
                let (a, b) = (cut.0.text(), cut.1.text());
                return Err(AriaError::InvalidInput(format!(
                    "The exclusion {a} - {b} lies outside its parent"
                )));
            }
            pieces = without(pieces, cut);
        }
        match parent {
            Span::Subnet(key, text) if exclusions.is_empty() => {
                subnets.push((key, text));
                if cut_subnets {
                    ranges.push(whole);
                }
            }
            _ => ranges.extend(pieces),
        }
    }
    Ok(Change {
        tag: tag_id,
        subnets,
        ranges,
        split_subnets: cut_subnets,
    })
}

impl Aria {
    /// The tag's subnets and ranges, each an entry without exclusions (the tagged addresses
    /// as v1 keeps them; E117).
    pub async fn ip_tag_v2(&self, tag_id: &str) -> Result<types::IpTagEntries, AriaError> {
        let tag = self.ip_tag(tag_id).await?;
        let entry = |parent: types::IpRange| types::IpTagEntry {
            parent,
            exclusions: Vec::new(),
        };
        let subnets = tag.subnets.into_iter().map(|s| types::IpRange {
            subnet: Some(s),
            ip_address_range: None,
        });
        let ranges = tag.ip_address_ranges.into_iter().map(|r| types::IpRange {
            subnet: None,
            ip_address_range: Some(r),
        });
        Ok(types::IpTagEntries {
            tag_id: tag.tag_id,
            entries: subnets.chain(ranges).map(entry).collect(),
        })
    }

    pub async fn add_ip_tag_v2(
        &self,
        tag_id: &str,
        body: &types::IpTagEntries,
    ) -> Result<(), AriaError> {
        self.add_to_ip_tag(change(tag_id, body, false)?).await
    }

    pub async fn remove_ip_tag_v2(
        &self,
        tag_id: &str,
        body: &types::IpTagEntries,
    ) -> Result<(), AriaError> {
        self.remove_from_ip_tag(change(tag_id, body, true)?).await
    }
}

#[cfg(test)]
mod tests {
    use super::super::as_text;
    use super::*;

    fn subnet(text: &str) -> Range {
        Span::Subnet(parse_subnet(text).unwrap(), text.into()).range()
    }

    #[test]
    fn subnets_cover_their_network_whatever_the_host_bits() {
        let texts = |r: Range| (r.0.text(), r.1.text());
        assert_eq!(
            texts(subnet("10.1.2.3/24")),
            ("10.1.2.0".into(), "10.1.2.255".into())
        );
        assert_eq!(
            texts(subnet("0.0.0.0/0")),
            ("0.0.0.0".into(), "255.255.255.255".into())
        );
        assert_eq!(
            texts(subnet("::/0")).1,
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
        );
        assert_eq!(
            texts(subnet("10.0.0.7/32")),
            ("10.0.0.7".into(), "10.0.0.7".into())
        );
    }

    #[test]
    fn exclusions_must_lie_inside_their_parent() {
        let range = |s: &str, e: &str| types::IpRange {
            subnet: None,
            ip_address_range: Some(types::IpAddressRange {
                start_ip: s.into(),
                end_ip: e.into(),
            }),
        };
        let body = |exclusion: types::IpRange| types::IpTagEntries {
            tag_id: "INTERNET".into(),
            entries: vec![types::IpTagEntry {
                parent: types::IpRange {
                    subnet: Some("203.0.113.0/24".into()),
                    ip_address_range: None,
                },
                exclusions: vec![exclusion],
            }],
        };
        let inside = change(
            "INTERNET",
            &body(range("203.0.113.10", "203.0.113.20")),
            false,
        );
        let pieces = as_text(inside.unwrap().ranges);
        assert_eq!(
            pieces,
            [
                ("203.0.113.0".into(), "203.0.113.9".into()),
                ("203.0.113.21".into(), "203.0.113.255".into())
            ]
        );
        let outside = change(
            "INTERNET",
            &body(range("203.0.113.250", "203.0.114.1")),
            false,
        );
        assert!(outside.is_err());
        let both = types::IpRange {
            subnet: Some("203.0.113.0/28".into()),
            ..range("203.0.113.1", "203.0.113.2")
        };
        assert!(change("INTERNET", &body(both), false).is_err());
    }
}
