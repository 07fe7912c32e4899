//! Where the Identity Manager answers: at its configured host name (which scripts cannot reach,
//! since it names no real machine) and at every address the sandbox itself is reached at, so that
//! a script that reads `vidm_appliance` back and sends the password grant there works unchanged.

use std::net::SocketAddr;

use super::IdentityManager;

/// Where the sandbox was bound, and the certificate chain it serves HTTPS with.
#[derive(Debug)]
pub struct Listening {
    addr: SocketAddr,
    certificate_chain: Option<String>,
}

/// An address as users write it: `host`, `host:port`, `https://host:port/...`, `[::1]:8443`.
/// Answers the host in lower case and the port, if one is given.
pub fn parse(address: &str) -> Option<(String, Option<u16>)> {
    let a = address.trim();
    let lower = a.to_ascii_lowercase();
    let a = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.strip_prefix(s))
        .unwrap_or(&lower);
    let authority = a.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        (host.to_string(), port)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h.to_string(), Some(p.parse().ok()?)),
            None => (authority.to_string(), None),
        }
    };
    (!host.is_empty()).then_some((host, port))
}

fn is_loopback_name(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl IdentityManager {
    /// Records the address the sandbox listens on once it is bound, and the PEM chain it serves
    /// HTTPS with, if it does.
    pub fn serving_at(&self, addr: SocketAddr, certificate_chain: Option<String>) {
        *self.listen.write().unwrap() = Some(Listening {
            addr,
            certificate_chain,
        });
    }

    /// `https` when the sandbox serves HTTPS.
    pub fn scheme(&self) -> &'static str {
        match &*self.listen.read().unwrap() {
            Some(l) if l.certificate_chain.is_some() => "https",
            _ => "http",
        }
    }

    /// The root certificate a TLS client sees here: the last of the sandbox's own chain when it
    /// serves HTTPS, otherwise a self-signed certificate for the configured host name, made once
    /// per process.
    pub fn root_certificate(&self) -> Result<String, String> {
        let served = self.listen.read().unwrap();
        if let Some(chain) = served.as_ref().and_then(|l| l.certificate_chain.as_ref()) {
            let last = chain.rfind("-----BEGIN CERTIFICATE-----").unwrap_or(0);
            return Ok(chain[last..].trim_end().to_string() + "\n");
        }
        drop(served);
        if let Some(pem) = self.own_certificate.get() {
            return Ok(pem.clone());
        }
        let made = rcgen::generate_simple_self_signed(vec![self.config.host.clone()])
            .map_err(|e| format!("cannot make a certificate: {e}"))?;
        Ok(self.own_certificate.get_or_init(|| made.cert.pem()).clone())
    }

    /// Whether this Identity Manager answers at `address`: its configured host name (port 443 or
    /// none), the address the current request was sent to (`request_host`, its `Host` header),
    /// or a loopback or listening address with the port the sandbox listens on.
    pub fn answers_at(&self, address: &str, request_host: Option<&str>) -> bool {
        let Some((host, port)) = parse(address) else {
            return false;
        };
        if host == self.config.host.to_ascii_lowercase() && port.is_none_or(|p| p == 443) {
            return true;
        }
        if request_host.and_then(parse) == Some((host.clone(), port)) {
            return true;
        }
        let Some(listen) = self.listen.read().unwrap().as_ref().map(|l| l.addr) else {
            return false;
        };
        port == Some(listen.port())
            && (is_loopback_name(&host)
                || listen.ip().is_unspecified()
                || host.trim_matches(['[', ']']) == listen.ip().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn addresses_parse_with_or_without_scheme_and_port() {
        let hp = |h: &str, p: Option<u16>| Some((h.to_string(), p));
        assert_eq!(
            parse("identity.domain.com"),
            hp("identity.domain.com", None)
        );
        assert_eq!(
            parse("HTTPS://Identity.Domain.com/SAAS"),
            hp("identity.domain.com", None)
        );
        assert_eq!(parse("127.0.0.1:8443"), hp("127.0.0.1", Some(8443)));
        assert_eq!(
            parse("https://localhost:8080/"),
            hp("localhost", Some(8080))
        );
        assert_eq!(parse("[::1]:8443"), hp("::1", Some(8443)));
        assert_eq!(parse("host:notaport"), None);
        assert_eq!(parse(""), None);
    }
}
