//! The `Keys` tag: the signing key set.

use crate::generated::vidm::{self as api, types, Failure, RequestContext};
use crate::vidm::api::VidmApi;

impl api::KeysApi for VidmApi {
    async fn get_public_key(
        &self,
        _ctx: RequestContext,
        _query: api::queries::GetPublicKeyQuery,
    ) -> Result<api::GetPublicKeyResponse, Failure> {
        let key = &self.0.key;
        Ok(api::GetPublicKeyResponse::Ok(types::JsonWebKeySet {
            keys: vec![types::JsonWebKey {
                kty: "RSA".into(),
                alg: Some("RS256".into()),
                use_: Some("sig".into()),
                kid: Some(key.kid.clone()),
                n: key.n.clone(),
                e: key.e.clone(),
            }],
        }))
    }
}
