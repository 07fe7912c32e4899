//! The vCenters registered with OMEVV (Consoles tag), managed by OpenManage Enterprise users:
//! registering a vCenter of the world, its extensions (removing the last unregisters it), the
//! vCenter account OMEVV signs in with.

mod api;

use super::api::vcenter_account_may_modify;
use super::errors::OmevvError;
use super::tables::Registration;
use super::{console_uuid, Console, Omevv};
use crate::generated::omevv::types;

fn console_view(c: &Console<'_>) -> types::Console {
    types::Console {
        uuid: Some(c.uuid.clone()),
        console_address: Some(c.vcenter.config.hostname.clone()),
        description: c.registration.description.clone(),
        registered_extensions: c
            .registration
            .extensions
            .iter()
            .filter_map(|e| e.parse().ok())
            .collect(),
    }
}

/// The extensions as their wire names, each once, in the order given.
fn extension_names<T: ToString>(items: &[T]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in items.iter().map(ToString::to_string) {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

impl Omevv {
    pub async fn console_list(&self) -> Vec<types::Console> {
        self.consoles().await.iter().map(console_view).collect()
    }

    /// Registers a vCenter of the world by its host name or address.
    pub async fn register(
        &self,
        body: types::ConsoleCreateRequest,
    ) -> Result<types::Console, OmevvError> {
        let address = body.console_address.unwrap_or_default();
        let vc = self
            .world
            .vcenters
            .iter()
            .find(|v| {
                v.config.hostname.eq_ignore_ascii_case(address.trim())
                    || v.config.ip == address.trim()
            })
            .ok_or_else(|| OmevvError::InvalidInput(format!("No vCenter answers at {address}")))?;
        let extensions = extension_names(&body.extensions);
        if extensions.is_empty() {
            return Err(OmevvError::InvalidInput(
                "Register at least one extension".into(),
            ));
        }
        let username = check_admin(vc, &body.credential)?;
        self.db
            .write(|s| {
                let t = s.omevv_mut();
                if self.registration(t, vc).registered {
                    return Err(OmevvError::InvalidInput(format!(
                        "The vCenter {address} is already registered"
                    )));
                }
                t.registrations.insert(
                    vc.config.name.clone(),
                    Registration {
                        registered: true,
                        extensions,
                        description: body.description.clone(),
                        username,
                    },
                );
                Ok(())
            })
            .await?;
        let console = self.console(&console_uuid(&vc.config.name)).await?;
        Ok(console_view(&console))
    }

    /// Adds or removes extensions; none left unregisters the vCenter.
    pub async fn change_extensions<T: ToString>(
        &self,
        console: &Console<'_>,
        add: bool,
        items: &[T],
    ) -> Result<types::Console, OmevvError> {
        let names = extension_names(items);
        if names.is_empty() {
            return Err(OmevvError::InvalidInput(
                "Name at least one extension".into(),
            ));
        }
        let mut r = console.registration.clone();
        if add {
            r.extensions.extend(
                names
                    .into_iter()
                    .filter(|n| !console.registration.extensions.contains(n)),
            );
        } else {
            r.extensions.retain(|e| !names.contains(e));
            r.registered = !r.extensions.is_empty();
        }
        let left = Console {
            uuid: console.uuid.clone(),
            vcenter: console.vcenter,
            registration: r.clone(),
        };
        self.db
            .write(|s| {
                s.omevv_mut()
                    .registrations
                    .insert(console.vcenter.config.name.clone(), r);
                Ok::<_, OmevvError>(())
            })
            .await?;
        Ok(console_view(&left))
    }

    pub async fn set_credential(
        &self,
        console: &Console<'_>,
        body: types::Credential,
    ) -> Result<types::Console, OmevvError> {
        let username = check_admin(console.vcenter, &body)?;
        let mut r = console.registration.clone();
        r.username = username;
        self.db
            .write(|s| {
                s.omevv_mut()
                    .registrations
                    .insert(console.vcenter.config.name.clone(), r.clone());
                Ok::<_, OmevvError>(())
            })
            .await?;
        let console = Console {
            uuid: console.uuid.clone(),
            vcenter: console.vcenter,
            registration: r,
        };
        Ok(console_view(&console))
    }
}

/// The credentials must be the vCenter's administrator's; answers the user name as kept.
fn check_admin(vc: &crate::world::Vcenter, c: &types::Credential) -> Result<String, OmevvError> {
    match vcenter_account_may_modify(vc, &c.username, &c.password) {
        Some(true) => Ok(c.username.clone()),
        Some(false) => Err(OmevvError::InvalidInput(format!(
            "{} is a read-only account of the vCenter; OMEVV needs its administrator",
            c.username
        ))),
        None => Err(OmevvError::InvalidInput(
            "The vCenter refused the user name or password".into(),
        )),
    }
}
