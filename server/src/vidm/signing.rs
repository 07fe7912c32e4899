//! RS256 access tokens with the claims the real Identity Manager puts in them, and the key that
//! signs them.

use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::secrets::secrets_equal;

/// The token-signing key pair.
pub struct SigningKey {
    pub kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub n: String,
    pub e: String,
}

impl SigningKey {
    pub fn from_pem(pem: &str) -> Result<Self, String> {
        let private = RsaPrivateKey::from_pkcs1_pem(pem).map_err(|e| e.to_string())?;
        let n = URL_SAFE_NO_PAD.encode(private.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(private.e().to_bytes_be());
        // A key id derived from the key, so that it stays the same across restarts.
        let kid = format!("{:x}", sha2::Sha256::digest(n.as_bytes()))[..16].to_string();
        Ok(SigningKey {
            kid,
            encoding: EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(|e| e.to_string())?,
            decoding: DecodingKey::from_rsa_components(&n, &e).map_err(|e| e.to_string())?,
            n,
            e,
        })
    }

    /// A new key as PKCS#1 PEM. Generating 2048-bit RSA keys takes a moment, so a process
    /// generates one and every sandbox it starts without a stored key shares it.
    pub fn generate_pem() -> String {
        static GENERATED: OnceLock<String> = OnceLock::new();
        GENERATED
            .get_or_init(|| {
                let private =
                    RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("RSA key generation");
                private
                    .to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
                    .expect("PKCS#1 encoding")
                    .to_string()
            })
            .clone()
    }

    pub fn sign(&self, claims: &AccessClaims) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.typ = Some("JWT".into());
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("RS256 signing")
    }

    /// Verifies signature, issuer, audience, client and expiry (against `now_secs`, the sandbox
    /// clock).
    pub fn verify(
        &self,
        token: &str,
        issuer: &str,
        audience: &str,
        expected_client: &str,
        now_secs: i64,
    ) -> Result<AccessClaims, TokenError> {
        let mut validation = Validation::new(Algorithm::RS256);
        // Expiry is checked against the sandbox clock below, not the wall clock.
        validation.validate_exp = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &validation)
            .map_err(|_| TokenError::BadSignature)?
            .claims;
        if claims.iss != issuer {
            return Err(TokenError::WrongIssuer(claims.iss));
        }
        if claims.aud != audience {
            return Err(TokenError::WrongAudience(claims.aud));
        }
        if !secrets_equal(&claims.cid, expected_client) {
            return Err(TokenError::WrongClient(claims.cid));
        }
        if claims.exp <= now_secs {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }
}

/// The claims of a vIDM access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub jti: String,
    /// `user@TENANT`.
    pub prn: String,
    pub domain: String,
    pub user_id: String,
    pub auth_time: i64,
    pub iss: String,
    pub aud: String,
    pub ctx: String,
    pub scp: String,
    pub idp: String,
    pub eml: String,
    pub cid: String,
    pub did: String,
    pub wid: String,
    pub exp: i64,
    pub iat: i64,
    pub sub: String,
    pub prn_type: String,
}

impl AccessClaims {
    /// The user name without the tenant suffix.
    pub fn username(&self) -> &str {
        self.prn.split('@').next().unwrap_or(&self.prn)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("the vIDM token is malformed or its signature is invalid")]
    BadSignature,
    #[error("the vIDM token was issued by {0}, not by the configured VMware Identity Manager")]
    WrongIssuer(String),
    #[error(
        "the vIDM token is meant for {0}, not for this VMware Identity Manager's token endpoint"
    )]
    WrongAudience(String),
    #[error("the vIDM token was issued to client {0}, not to the password-grant client")]
    WrongClient(String),
    #[error("the vIDM token has expired")]
    Expired,
}
