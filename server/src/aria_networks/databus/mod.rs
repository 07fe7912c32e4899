//! Databus subscribers (the `Databus` tag, E112): URLs the appliance would post a message group
//! to. Stored, checked and answered; nothing is ever sent.

mod api;
mod messages;

pub use messages::{Delivery, DeliveryPage, DeviceMembers};

use super::errors::AriaError;
use super::tables::SubscriberRow;
use super::Aria;
use crate::generated::aria_networks::types;

/// The appliance's message groups; `applications` is how PowervRNI spells `application`.
const MESSAGE_GROUPS: [&str; 14] = [
    "application",
    "applications",
    "flows",
    "problems",
    "metrics",
    "vms",
    "hosts",
    "nics",
    "switchports",
    "vms-metrics",
    "hosts-metrics",
    "flows-metrics",
    "nics-metrics",
    "switchports-metrics",
];
const MAX_SUBSCRIBERS: usize = 10;
const MAX_URL: usize = 2048;

fn bad(message: String) -> AriaError {
    AriaError::InvalidInput(message)
}

fn not_found(id: &str) -> AriaError {
    AriaError::NotFound(format!("No databus subscriber with id {id}"))
}

/// The group in lower case, one of [`MESSAGE_GROUPS`].
fn message_group(text: &str) -> Result<String, AriaError> {
    let group = text.trim().to_ascii_lowercase();
    if MESSAGE_GROUPS.contains(&group.as_str()) {
        return Ok(group);
    }
    Err(bad(format!(
        "message_group: {text:?} is not one of {}",
        MESSAGE_GROUPS.join(", ")
    )))
}

/// An absolute `http` or `https` URL with a host; never contacted.
fn url(text: &str) -> Result<String, AriaError> {
    let refuse = || bad(format!("url: {text:?} is not an http or https URL"));
    if text.len() > MAX_URL {
        return Err(bad(format!("url: longer than {MAX_URL} characters")));
    }
    let uri: axum::http::Uri = text.trim().parse().map_err(|_| refuse())?;
    match (uri.scheme_str(), uri.host()) {
        (Some("http" | "https"), Some(host)) if !host.is_empty() => Ok(text.trim().to_string()),
        _ => Err(refuse()),
    }
}

/// A group and URL take one subscription (the appliance refuses a second).
fn refuse_twin<'a>(
    rows: impl Iterator<Item = &'a SubscriberRow>,
    except: Option<&str>,
    group: &str,
    url: &str,
) -> Result<(), AriaError> {
    // PowervRNI's `applications` is the group `application`.
    fn canonical(g: &str) -> &str {
        if g == "applications" {
            "application"
        } else {
            g
        }
    }
    let twin = |r: &&SubscriberRow| {
        r.subscriber.id.as_deref() != except
            && canonical(&r.subscriber.message_group) == canonical(group)
            && r.subscriber.url == url
    };
    match rows.into_iter().find(twin) {
        Some(r) => Err(bad(format!(
            "{url} is already subscribed to {group} (subscriber {})",
            r.subscriber.id.as_deref().unwrap_or_default()
        ))),
        None => Ok(()),
    }
}

impl Aria {
    pub async fn databus_subscribers(&self) -> types::DatabusSubscriberList {
        let state = self.db.read().await;
        let mut rows: Vec<&SubscriberRow> = state.aria().subscribers.values().collect();
        rows.sort_by_key(|r| r.seq);
        let results: Vec<_> = rows.into_iter().map(|r| r.subscriber.clone()).collect();
        types::DatabusSubscriberList {
            total_count: results.len() as i32,
            results,
        }
    }

    pub async fn databus_subscriber(
        &self,
        id: &str,
    ) -> Result<types::DatabusSubscriber, AriaError> {
        let state = self.db.read().await;
        let row = state
            .aria()
            .subscribers
            .get(id)
            .ok_or_else(|| not_found(id))?;
        Ok(row.subscriber.clone())
    }

    pub async fn add_databus_subscriber(
        &self,
        body: &types::DatabusSubscriber,
    ) -> Result<types::DatabusSubscriber, AriaError> {
        let group = message_group(&body.message_group)?;
        let url = url(&body.url)?;
        let now = self.clock.now_secs();
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().subscribers;
                if t.len() >= MAX_SUBSCRIBERS {
                    return Err(bad(format!(
                        "At most {MAX_SUBSCRIBERS} databus subscribers; remove one first"
                    )));
                }
                refuse_twin(t.values(), None, &group, &url)?;
                let seq = t.values().map(|r| r.seq + 1).max().unwrap_or(0);
                let name = format!("databus|{seq}|{group}|{url}");
                let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes());
                let subscriber = types::DatabusSubscriber {
                    id: Some(id.to_string()),
                    message_group: group,
                    url,
                    filter_tags: body.filter_tags.clone(),
                };
                let row = SubscriberRow {
                    seq,
                    subscriber: subscriber.clone(),
                    created: now,
                    filtered: now,
                };
                t.insert(id.to_string(), row);
                Ok(subscriber)
            })
            .await
    }

    pub async fn update_databus_subscriber(
        &self,
        id: &str,
        body: &types::DatabusSubscriber,
    ) -> Result<types::DatabusSubscriber, AriaError> {
        let group = message_group(&body.message_group)?;
        let url = url(&body.url)?;
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().subscribers;
                let mut row = t.get(id).cloned().ok_or_else(|| not_found(id))?;
                if row.subscriber.message_group != group {
                    return Err(bad(format!(
                        "message_group cannot change (it is {}); remove the subscriber and add another",
                        row.subscriber.message_group
                    )));
                }
                refuse_twin(t.values(), Some(id), &group, &url)?;
                row.subscriber.url = url;
                let tags = |t: &[types::DatabusFilterTag]| serde_json::to_value(t).ok();
                if tags(&row.subscriber.filter_tags) != tags(&body.filter_tags) {
                    // Read under the store's lock, as application changes are (E127).
                    row.filtered = self.clock.now_secs();
                    row.subscriber.filter_tags = body.filter_tags.clone();
                }
                let subscriber = row.subscriber.clone();
                t.insert(id.to_string(), row);
                Ok(subscriber)
            })
            .await
    }

    pub async fn delete_databus_subscriber(&self, id: &str) -> Result<(), AriaError> {
        self.db
            .write(|s| {
                let t = &mut s.aria_mut().subscribers;
                t.remove(id).map(|_| ()).ok_or_else(|| not_found(id))
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_and_urls_are_checked() {
        assert_eq!(super::message_group("Problems").unwrap(), "problems");
        assert!(super::message_group("alerts").is_err());
        assert!(super::url("http://subscriber.example.com/alerts").is_ok());
        assert!(super::url("https://10.0.0.5:8443/x").is_ok());
        for bad in ["ftp://x.example.com/", "/alerts", "http://", "not a url"] {
            assert!(super::url(bad).is_err(), "{bad}");
        }
    }
}
