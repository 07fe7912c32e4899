//! The filter language's properties of the devices that are entities themselves: AWS accounts
//! and Azure subscriptions (E102), Check Point servers (E104).

use super::{id, Field, Val};
use crate::aria_networks::inventory::Kind;

/// E102: a cloud account's name, id and vendor id (its number; a subscription's id).
pub static AWS_ACCOUNT: &[Field] = &[
    text!("name", |inv, i| &inv.world.aws_accounts[i].name),
    text!("entity_id", |inv, i| id(inv, Kind::AwsAccountManager, i)),
    text!("vendor_id", |inv, i| &inv.world.aws_accounts[i].account_id),
];
pub static AZURE_SUBSCRIPTION: &[Field] = &[
    text!("name", |inv, i| &inv.world.azure_subscriptions[i].name),
    text!("entity_id", |inv, i| id(inv, Kind::AzureSubscription, i)),
    text!("vendor_id", |inv, i| &inv.world.azure_subscriptions[i]
        .subscription),
    text!("secondary_id", |inv, i| &inv.world.azure_subscriptions[i]
        .tenant),
];

/// E104: a Check Point server's name, id, version and address.
pub static FIREWALL_MANAGER: &[Field] = &[
    text!("name", |inv, i| &inv.world.checkpoint_managers[i].name),
    text!("entity_id", |inv, i| id(inv, Kind::FirewallManager, i)),
    text!("version", |inv, i| &inv.world.checkpoint_managers[i]
        .version),
    text!("ip_address.ip_address", |inv, i| &inv
        .world
        .checkpoint_managers[i]
        .ip),
];
