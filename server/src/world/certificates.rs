//! The TLS certificate each world vCenter presents (E93): self-signed for its host name and
//! address, from an Ed25519 key derived from its name and how many times it has been renewed.
//! Ed25519 signs deterministically, so a vCenter presents the same certificate on every start
//! until a renewal (the control API) changes it.

use rcgen::{CertificateParams, DnType, KeyPair, SerialNumber, PKCS_ED25519};
use rustls::pki_types::PrivatePkcs8KeyDer;
use sha2::{Digest, Sha256};

use super::VcenterConfig;

/// What a device presents: the certificate (PEM) and its SHA-256 thumbprint, upper-case hex in
/// colon-separated pairs as vSphere shows thumbprints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCertificate {
    pub pem: String,
    pub sha_thumbprint: String,
}

/// The PKCS#8 v1 wrapping of a raw Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// The certificate `vc` presents after `renewals` renewals.
pub fn vcenter_certificate(vc: &VcenterConfig, renewals: u32) -> DeviceCertificate {
    let seed = Sha256::digest(format!("vcenter|{}|{renewals}", vc.name).as_bytes());
    let mut der = ED25519_PKCS8_PREFIX.to_vec();
    der.extend_from_slice(&seed);
    let key = KeyPair::from_pkcs8_der_and_sign_algo(&PrivatePkcs8KeyDer::from(der), &PKCS_ED25519)
        .expect("a well-formed Ed25519 key");
    let mut params = CertificateParams::new(vec![vc.hostname.clone(), vc.ip.clone()])
        .expect("a host name and an address the world checked");
    params
        .distinguished_name
        .push(DnType::CommonName, vc.hostname.clone());
    params.serial_number = Some(SerialNumber::from(u64::from(renewals) + 1));
    params.not_before = rcgen::date_time_ymd(2026, 1, 1);
    params.not_after = rcgen::date_time_ymd(2036, 1, 1);
    let cert = params.self_signed(&key).expect("a self-signed certificate");
    let digest = Sha256::digest(cert.der());
    let sha_thumbprint = digest
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    DeviceCertificate {
        pem: cert.pem(),
        sha_thumbprint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::WorldConfig;

    #[test]
    fn a_vcenter_presents_the_same_certificate_until_it_is_renewed() {
        let config = WorldConfig::default();
        let vc = &config.vcenters[0];
        let first = vcenter_certificate(vc, 0);
        assert_eq!(first, vcenter_certificate(vc, 0));
        assert!(first.pem.starts_with("-----BEGIN CERTIFICATE-----"));
        assert_eq!(first.sha_thumbprint.len(), 32 * 3 - 1);
        let renewed = vcenter_certificate(vc, 1);
        assert_ne!(first.sha_thumbprint, renewed.sha_thumbprint);
        assert_ne!(
            first.sha_thumbprint,
            vcenter_certificate(&config.vcenters[1], 0).sha_thumbprint
        );
    }
}
