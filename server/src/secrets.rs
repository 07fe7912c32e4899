//! Password hashing and constant-time comparison.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use subtle::ConstantTimeEq;

/// Argon2id with a small memory cost: the sandbox hashes every configured account at start and
/// test suites start many sandboxes. Still a real salted hash; never a plain password.
fn hasher() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(4096, 1, 1, None).expect("valid argon2 parameters"),
    )
}

/// A stored password: only its PHC-format hash.
#[derive(Clone)]
pub struct PasswordHashString(String);

impl std::fmt::Debug for PasswordHashString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(..)")
    }
}

impl PasswordHashString {
    pub fn new(password: &str) -> Self {
        let salt = SaltString::generate(&mut OsRng);
        let hash = hasher()
            .hash_password(password.as_bytes(), &salt)
            .expect("argon2 hashing cannot fail with valid parameters");
        Self(hash.to_string())
    }

    pub fn verify(&self, password: &str) -> bool {
        match PasswordHash::new(&self.0) {
            Ok(parsed) => hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        }
    }
}

/// Compares two secrets without leaking where they differ through timing.
pub fn secrets_equal(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_hide_the_password() {
        let h = PasswordHashString::new("admin123");
        assert!(h.verify("admin123"));
        assert!(!h.verify("admin124"));
        assert!(!format!("{h:?}").contains("admin123"));
        assert!(!h.0.contains("admin123"));
    }

    #[test]
    fn constant_time_equality() {
        assert!(secrets_equal("abc", "abc"));
        assert!(!secrets_equal("abc", "abd"));
        assert!(!secrets_equal("abc", "abcd"));
    }
}
