//! An OMIVV session: a bearer token from `login`, on every call until `logoff`.

use super::{types, Client, Error, ResponseValue};
use crate::retry::{send, SessionOptions};

pub struct Session {
    client: Client,
    options: SessionOptions,
    expires_at: String,
}

impl Session {
    /// Logs in (`domain` is "" for the appliance's own administrator). `base_url` ends in
    /// `/Spectre/api/rest/v1`.
    pub async fn login(
        base_url: &str,
        username: &str,
        domain: &str,
        password: &str,
        options: SessionOptions,
    ) -> Result<Self, Error<types::Error>> {
        let anonymous = Client::new_with_client(base_url, options.http(None));
        let body = types::LoginRequest {
            api_user_credential: types::Credential {
                username: username.into(),
                domain: domain.into(),
                password: password.into(),
            },
        };
        let token = send(&options.retry, || {
            anonymous.login().body(body.clone()).send()
        })
        .await?
        .into_inner();
        let client = Client::new_with_client(
            base_url,
            options.http(Some(format!("Bearer {}", token.access_token))),
        );
        Ok(Self {
            client,
            options,
            expires_at: token.expires_at,
        })
    }

    /// The generated client, authenticated with this session's token.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// How this session retries throttled calls.
    pub(super) fn retry(&self) -> &crate::retry::RetryPolicy {
        &self.options.retry
    }

    /// When the session's token expires (RFC 3339).
    pub fn expires_at(&self) -> &str {
        &self.expires_at
    }

    pub async fn consoles(&self) -> Result<Vec<types::Console>, Error<types::Error>> {
        Ok(
            send(&self.options.retry, || self.client.list_consoles().send())
                .await?
                .into_inner(),
        )
    }

    /// Authorizes the session against a vCenter (its operational context).
    pub async fn set_operational_context(
        &self,
        console_id: &str,
        username: &str,
        domain: &str,
        password: &str,
    ) -> Result<ResponseValue<()>, Error<types::Error>> {
        let body = types::OperationalContextRequest {
            console_id: console_id.into(),
            console_user_credential: types::Credential {
                username: username.into(),
                domain: domain.into(),
                password: password.into(),
            },
        };
        send(&self.options.retry, || {
            self.client
                .set_operational_context()
                .body(body.clone())
                .send()
        })
        .await
    }

    /// Ends the session; the token is refused afterwards.
    pub async fn logoff(self) -> Result<(), Error<types::Error>> {
        send(&self.options.retry, || self.client.logoff().send()).await?;
        Ok(())
    }
}
