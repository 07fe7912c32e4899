//! The vCenter consoles registered with OMIVV (from the configuration), and the vCenter login
//! that the operational context presents.

use super::errors::OmivvError;
use super::Omivv;
use crate::config::OmivvConsole;
use crate::generated::omivv::types;
use crate::secrets::secrets_equal;

impl Omivv {
    pub fn consoles(&self) -> Vec<types::Console> {
        self.config.consoles.iter().map(console).collect()
    }

    pub fn console(&self, id: &str) -> Result<types::Console, OmivvError> {
        self.find_console(id).map(console)
    }

    fn find_console(&self, id: &str) -> Result<&OmivvConsole, OmivvError> {
        self.config
            .consoles
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| OmivvError::ConsoleNotFound(id.to_string()))
    }

    /// Checks vCenter credentials against a console's account.
    pub(super) fn check_vcenter_login(
        &self,
        console_id: &str,
        cred: &types::Credential,
    ) -> Result<&OmivvConsole, OmivvError> {
        let console = self.find_console(console_id)?;
        // All three compared, so that timing says nothing about which one failed.
        let user_ok = secrets_equal(&cred.username, &console.vcenter_username);
        let domain_ok = secrets_equal(&cred.domain, &console.vcenter_domain);
        let password_ok = secrets_equal(&cred.password, &console.vcenter_password);
        if user_ok & domain_ok & password_ok {
            Ok(console)
        } else {
            Err(OmivvError::VcenterLoginFailed)
        }
    }
}

fn console(c: &OmivvConsole) -> types::Console {
    types::Console {
        id: c.id.clone(),
        name: c.name.clone(),
        address: c.address.clone(),
        description: c.description.clone(),
    }
}
