//! Public-cloud accounts (E102): AWS accounts (`[[world.aws_accounts]]`) and Azure subscriptions
//! (`[[world.azure_subscriptions]]`). Aria's AWS data sources collect an account whose access
//! key and secret key they hold; its Azure data sources a subscription whose client, tenant and
//! client secret they hold.

use serde::Deserialize;

/// One AWS account as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwsAccountConfig {
    pub name: String,
    /// The twelve-digit account number.
    pub account_id: String,
    /// The IAM access key a data source presents, and its secret.
    pub access_key: String,
    pub secret_key: String,
}

/// One Azure subscription as the configuration describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AzureSubscriptionConfig {
    pub name: String,
    /// The subscription's id and its tenant's (GUIDs).
    pub subscription: String,
    pub tenant: String,
    /// The application (client) id a data source signs in as, and its client secret.
    pub client: String,
    pub key: String,
}

/// The world's AWS accounts unless the configuration names its own (an empty list for none):
/// `aws-prod`, account 123456789012, access key `AKIASANDBOX000000001`, secret
/// `sandbox-aws-secret`.
pub fn default_aws_accounts() -> Vec<AwsAccountConfig> {
    vec![AwsAccountConfig {
        name: "aws-prod".into(),
        account_id: "123456789012".into(),
        access_key: "AKIASANDBOX000000001".into(),
        secret_key: "sandbox-aws-secret".into(),
    }]
}

/// The world's Azure subscriptions unless the configuration names its own (an empty list for
/// none): `azure-prod`, secret `sandbox-azure-secret`.
pub fn default_azure_subscriptions() -> Vec<AzureSubscriptionConfig> {
    vec![AzureSubscriptionConfig {
        name: "azure-prod".into(),
        subscription: "6d1f0c2e-5a3b-4c8d-9e7f-0a1b2c3d4e5f".into(),
        tenant: "3e8a9b7c-1d2e-4f60-8a9b-c0d1e2f3a4b5".into(),
        client: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d".into(),
        key: "sandbox-azure-secret".into(),
    }]
}

/// Checks the accounts and subscriptions: what a data source identifies them by is unique and
/// well formed, and no secret is empty.
pub fn check(aws: &[AwsAccountConfig], azure: &[AzureSubscriptionConfig]) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for a in aws {
        let bad = |what: &str| Err(format!("world: AWS account {}: {what}", a.name));
        if a.account_id.len() != 12 || !a.account_id.bytes().all(|b| b.is_ascii_digit()) {
            return bad("account_id must be twelve digits");
        }
        if a.access_key.is_empty() || a.secret_key.is_empty() {
            return bad("access_key and secret_key must not be empty");
        }
        if !seen.insert(("AWS", a.access_key.clone()))
            || !seen.insert(("AWS id", a.account_id.clone()))
        {
            return bad("its access key or account id is another account's");
        }
    }
    for s in azure {
        let bad = |what: &str| Err(format!("world: Azure subscription {}: {what}", s.name));
        for id in [&s.subscription, &s.tenant, &s.client] {
            if uuid::Uuid::parse_str(id).is_err() {
                return bad("subscription, tenant and client must be GUIDs");
            }
        }
        if s.key.is_empty() {
            return bad("key must not be empty");
        }
        let subscription = uuid::Uuid::parse_str(&s.subscription).map(|u| u.to_string());
        if !seen.insert(("Azure", subscription.unwrap_or_default())) {
            return bad("its subscription id is another subscription's");
        }
    }
    Ok(())
}

/// The subscriptions with their GUIDs in one spelling (hyphenated, lower-case), as a data
/// source's are compared: `{6D1F...}` and `6d1f...` are one subscription.
pub fn canonical(azure: &[AzureSubscriptionConfig]) -> Vec<AzureSubscriptionConfig> {
    let one =
        |id: &str| uuid::Uuid::parse_str(id).map_or(id.to_string(), |u| u.hyphenated().to_string());
    (azure.iter())
        .map(|s| AzureSubscriptionConfig {
            subscription: one(&s.subscription),
            tenant: one(&s.tenant),
            client: one(&s.client),
            ..s.clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_data_source_could_not_tell_apart_is_refused() {
        assert_eq!(
            check(&default_aws_accounts(), &default_azure_subscriptions()),
            Ok(())
        );
        let mut aws = default_aws_accounts();
        aws.push(aws[0].clone());
        assert!(check(&aws, &[]).unwrap_err().contains("another account's"));
        aws[1].account_id = "12345".into();
        assert!(check(&aws, &[]).unwrap_err().contains("twelve digits"));
        let mut azure = default_azure_subscriptions();
        azure[0].tenant = "not-a-guid".into();
        assert!(check(&[], &azure).unwrap_err().contains("GUIDs"));
        azure[0] = default_azure_subscriptions().remove(0);
        azure[0].key.clear();
        assert!(check(&[], &azure)
            .unwrap_err()
            .contains("key must not be empty"));
    }
}
