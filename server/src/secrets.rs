//! Password hashing and constant-time comparison.

use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use subtle::ConstantTimeEq;

/// Argon2id with a small memory cost: test suites start many sandboxes and log in often. Still
/// a real salted hash; never a plain password.
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

    /// A precomputed PHC string (`$argon2id$...`), checked for form.
    pub fn parse(phc: &str) -> Result<Self, String> {
        PasswordHash::new(phc).map_err(|e| format!("not a PHC password hash: {e}"))?;
        Ok(Self(phc.to_string()))
    }

    /// The PHC string, for storing.
    pub fn as_phc(&self) -> &str {
        &self.0
    }

    /// Hashes on the blocking pool (argon2 is deliberately slow).
    pub async fn new_async(password: &str) -> Self {
        let password = password.to_string();
        tokio::task::spawn_blocking(move || Self::new(&password))
            .await
            .expect("argon2 hashing does not panic")
    }

    pub fn verify(&self, password: &str) -> bool {
        match PasswordHash::new(&self.0) {
            Ok(parsed) => parsed
                .verify_password(&[&hasher()], password.as_bytes())
                .is_ok(),
            Err(_) => false,
        }
    }
}

/// The password of a configured account. A precomputed hash is used as it is; a plain password
/// from the configuration is hashed on first use, so that a directory of 100,000 users starts
/// at once. Either way, verification is deliberately slow: call it through [`verify`].
pub struct ConfiguredPassword {
    hash: OnceLock<PasswordHashString>,
    plain: Mutex<Option<String>>,
}

impl std::fmt::Debug for ConfiguredPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConfiguredPassword(..)")
    }
}

impl ConfiguredPassword {
    pub fn plain(password: &str) -> Self {
        Self {
            hash: OnceLock::new(),
            plain: Mutex::new(Some(password.to_string())),
        }
    }

    pub fn hashed(hash: PasswordHashString) -> Self {
        Self {
            hash: OnceLock::from(hash),
            plain: Mutex::new(None),
        }
    }

    /// From a configuration entry that has a `password` or a `password_hash`.
    pub fn from_config(password: Option<&str>, hash: Option<&str>) -> Result<Self, String> {
        match (password, hash) {
            (Some(p), None) => Ok(Self::plain(p)),
            (None, Some(h)) => Ok(Self::hashed(PasswordHashString::parse(h)?)),
            _ => Err("give exactly one of password and password_hash".into()),
        }
    }

    /// Blocking: may hash, and always runs argon2.
    pub fn verify_blocking(&self, password: &str) -> bool {
        let hash = self.hash.get_or_init(|| {
            let plain = self.plain.lock().unwrap().take().unwrap_or_default();
            PasswordHashString::new(&plain)
        });
        hash.verify(password)
    }
}

/// Too many password checks are already waiting: the caller answers its API's "busy" (503).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// At most this many checks wait for a turn; more are refused at once.
pub const MAX_WAITING_CHECKS: usize = 64;

/// Password checks run a few at a time: each holds argon2's memory and a core, so a flood of
/// logins must neither take the machine's memory nor starve the requests that need no hash.
struct Gate {
    running: tokio::sync::Semaphore,
    waiting: std::sync::atomic::AtomicUsize,
}

/// Half the cores (at least one) hash; the rest serve.
fn gate() -> &'static Gate {
    static GATE: OnceLock<Gate> = OnceLock::new();
    GATE.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Gate {
            running: tokio::sync::Semaphore::new((cores / 2).max(1)),
            waiting: std::sync::atomic::AtomicUsize::new(0),
        }
    })
}

/// Verifies `attempt` against `password` (or, for an unknown account, against a throwaway hash,
/// so that timing does not tell unknown accounts from wrong passwords) on the blocking pool,
/// when its turn comes; [`Busy`] when [`MAX_WAITING_CHECKS`] are already waiting.
pub async fn verify(
    password: Option<Arc<ConfiguredPassword>>,
    attempt: &str,
) -> Result<bool, Busy> {
    use std::sync::atomic::Ordering;
    let gate = gate();
    if gate.waiting.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING_CHECKS {
        gate.waiting.fetch_sub(1, Ordering::SeqCst);
        return Err(Busy);
    }
    let turn = gate.running.acquire().await;
    gate.waiting.fetch_sub(1, Ordering::SeqCst);
    let _turn = turn.map_err(|_| Busy)?;
    Ok(verify_now(password, attempt).await)
}

async fn verify_now(password: Option<Arc<ConfiguredPassword>>, attempt: &str) -> bool {
    static DECOY: OnceLock<Arc<ConfiguredPassword>> = OnceLock::new();
    let known = password.is_some();
    let password = password.unwrap_or_else(|| {
        DECOY
            .get_or_init(|| Arc::new(ConfiguredPassword::plain("decoy password")))
            .clone()
    });
    let attempt = attempt.to_string();
    let ok = tokio::task::spawn_blocking(move || password.verify_blocking(&attempt))
        .await
        .unwrap_or(false);
    ok && known
}

/// Compares two secrets without leaking where they differ through timing.
pub fn secrets_equal(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Checks an account of the configuration: exactly one of `password` and `password_hash`, a
/// hash being a well-formed PHC string. `what` and `name` say which account, in the error.
pub fn check_password(
    what: &str,
    name: &str,
    password: &Option<String>,
    hash: &Option<String>,
) -> Result<(), String> {
    ConfiguredPassword::from_config(password.as_deref(), hash.as_deref())
        .map(drop)
        .map_err(|e| format!("{what} {name}: {e}"))
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
    fn configured_passwords_hash_lazily_or_take_a_hash() {
        let lazy = ConfiguredPassword::plain("pw");
        assert!(lazy.hash.get().is_none());
        assert!(lazy.verify_blocking("pw"));
        assert!(
            lazy.plain.lock().unwrap().is_none(),
            "the plain text is dropped once hashed"
        );
        assert!(!lazy.verify_blocking("pw2"));
        let phc = PasswordHashString::new("secret").0;
        let given = ConfiguredPassword::from_config(None, Some(&phc)).unwrap();
        assert!(given.verify_blocking("secret"));
        assert!(ConfiguredPassword::from_config(None, Some("not a hash")).is_err());
        assert!(ConfiguredPassword::from_config(Some("a"), Some(&phc)).is_err());
    }

    /// More checks than may wait: the surplus is refused at once, the rest all answer.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_flood_of_checks_queues_a_few_and_refuses_the_rest() {
        let password = Arc::new(ConfiguredPassword::plain("pw"));
        let checks: Vec<_> = (0..4 * MAX_WAITING_CHECKS)
            .map(|i| {
                let password = password.clone();
                tokio::spawn(async move {
                    verify(Some(password), if i % 2 == 0 { "pw" } else { "no" }).await
                })
            })
            .collect();
        let mut answered = 0;
        let mut busy = 0;
        for (i, check) in checks.into_iter().enumerate() {
            match check.await.unwrap() {
                Ok(ok) => {
                    assert_eq!(ok, i % 2 == 0);
                    answered += 1;
                }
                Err(Busy) => busy += 1,
            }
        }
        assert!(busy >= MAX_WAITING_CHECKS, "{busy} refused");
        assert!(answered >= MAX_WAITING_CHECKS / 2, "{answered} answered");
        assert_eq!(gate().waiting.load(std::sync::atomic::Ordering::SeqCst), 0);
    }

    #[test]
    fn constant_time_equality() {
        assert!(secrets_equal("abc", "abc"));
        assert!(!secrets_equal("abc", "abd"));
        assert!(!secrets_equal("abc", "abcd"));
    }
}
