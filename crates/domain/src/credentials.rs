//! Secrets the desk hands out or checks: password hashes (argon2id), opaque bearer tokens
//! (stored only as SHA-256) and TOTP second factors.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters cannot fail on a generated salt")
        .to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the user does not exist, so timing does not reveal which
/// emails have accounts.
pub fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("carepost-timing-equaliser"))
}

/// A new random secret for a session, API token or setup link (256 bits, URL-safe).
pub fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// What the database keeps of a bearer secret: a stolen database yields no usable tokens.
pub fn secret_digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub const SESSION_PREFIX: &str = "cps_";
pub const TOKEN_PREFIX: &str = "cpt_";
pub const SETUP_PREFIX: &str = "cpsetup_";

fn totp(secret_b32: &str, account: &str, issuer: &str) -> Option<totp_rs::TOTP> {
    let secret = totp_rs::Secret::Encoded(secret_b32.to_string())
        .to_bytes()
        .ok()?;
    totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        secret,
        Some(issuer.to_string()),
        account.to_string(),
    )
    .ok()
}

/// A new TOTP secret (base32) for enrolment.
pub fn new_totp_secret() -> String {
    match totp_rs::Secret::generate_secret().to_encoded() {
        totp_rs::Secret::Encoded(s) => s,
        totp_rs::Secret::Raw(_) => unreachable!("to_encoded returns Encoded"),
    }
}

/// The `otpauth://` URL an authenticator app scans.
pub fn totp_url(secret_b32: &str, account: &str, issuer: &str) -> Option<String> {
    totp(secret_b32, account, issuer).map(|t| t.get_url())
}

/// Checks a 6-digit code, allowing one 30-second step of clock drift either way.
pub fn check_totp(secret_b32: &str, code: &str, unix_time: u64) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    totp(secret_b32, "user", "Carepost")
        .map(|t| t.check(&code, unix_time))
        .unwrap_or(false)
}

/// The current code, for tests and tools.
pub fn totp_code(secret_b32: &str, unix_time: u64) -> Option<String> {
    totp(secret_b32, "user", "Carepost").map(|t| t.generate(unix_time))
}

/// Constant-time comparison of two secrets (CSRF tokens, webhook verify tokens), so one
/// cannot be guessed byte by byte.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip() {
        let h = hash_password("correct horse battery");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterz", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn secrets_are_unique_and_digests_stable() {
        let a = new_secret(TOKEN_PREFIX);
        assert!(a.starts_with("cpt_"));
        assert_ne!(a, new_secret(TOKEN_PREFIX));
        assert_eq!(secret_digest(&a), secret_digest(&a));
        assert_eq!(secret_digest(&a).len(), 64);
    }

    #[test]
    fn totp_accepts_current_code_and_rejects_other() {
        let s = new_totp_secret();
        let now = 1_800_000_000;
        let code = totp_code(&s, now).unwrap();
        assert!(check_totp(&s, &code, now));
        assert!(check_totp(&s, &code, now + 30));
        assert!(!check_totp(&s, &code, now + 120));
        assert!(!check_totp(&s, "000000x", now));
    }
}
