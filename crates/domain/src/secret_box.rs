//! Secrets at rest (TOTP seeds, channel credentials, files) are sealed with
//! ChaCha20-Poly1305 under the installation's key, so a copied database alone reveals none.
//! The same key also signs links Carepost hands out (unsubscribe links), through a MAC key
//! derived from it.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

const PREFIX: &str = "v1:";

#[derive(Clone)]
pub struct SecretBox {
    cipher: ChaCha20Poly1305,
    /// HMAC key derived from the sealing key, so signing and sealing never share a key.
    mac_key: [u8; 32],
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the secret key must be 32 bytes, base64-encoded (got {0} bytes)")]
    KeyLength(usize),
    #[error("the secret key is not valid base64")]
    KeyEncoding,
    #[error("a stored secret cannot be opened: wrong key or damaged data")]
    Open,
}

impl SecretBox {
    pub fn from_key(key: &[u8; 32]) -> SecretBox {
        use sha2::Digest;
        let mut derive = sha2::Sha256::new();
        derive.update(b"carepost link signing v1");
        derive.update(key);
        SecretBox {
            cipher: ChaCha20Poly1305::new(Key::from_slice(key)),
            mac_key: derive.finalize().into(),
        }
    }

    /// Parses a base64 key as written by [`SecretBox::generate_key`].
    pub fn from_base64(key: &str) -> Result<SecretBox, SecretError> {
        let bytes = STANDARD
            .decode(key.trim())
            .map_err(|_| SecretError::KeyEncoding)?;
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| SecretError::KeyLength(bytes.len()))?;
        Ok(SecretBox::from_key(&key))
    }

    /// A new random key, base64-encoded.
    pub fn generate_key() -> String {
        STANDARD.encode(ChaCha20Poly1305::generate_key(&mut OsRng))
    }

    /// A box with a random key that lives only as long as the process: for tests.
    pub fn ephemeral() -> SecretBox {
        SecretBox::from_base64(&SecretBox::generate_key()).expect("generated key is valid")
    }

    pub fn seal(&self, plaintext: &str) -> String {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let ct = self
            .cipher
            .encrypt(&nonce, plaintext.as_bytes())
            .expect("encryption of a short secret cannot fail");
        let mut out = nonce.to_vec();
        out.extend(ct);
        format!("{PREFIX}{}", STANDARD.encode(out))
    }

    /// Seals a file's bytes: a 12-byte nonce, then the ciphertext with its tag. Files
    /// (media, signed consents) are sealed so a copied disk or bucket reveals nothing.
    pub fn seal_bytes(&self, plaintext: &[u8]) -> Vec<u8> {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let ct = self
            .cipher
            .encrypt(&nonce, plaintext)
            .expect("ChaCha20-Poly1305 encrypts any length Carepost accepts");
        let mut out = Vec::with_capacity(12 + ct.len());
        out.extend_from_slice(&nonce);
        out.extend(ct);
        out
    }

    pub fn open_bytes(&self, sealed: &[u8]) -> Result<Vec<u8>, SecretError> {
        if sealed.len() <= 12 {
            return Err(SecretError::Open);
        }
        let (nonce, ct) = sealed.split_at(12);
        self.cipher
            .decrypt(Nonce::from_slice(nonce), ct)
            .map_err(|_| SecretError::Open)
    }

    /// A URL-safe token carrying `data` and its HMAC-SHA256 under the derived key.
    pub fn sign(&self, data: &str) -> String {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(data),
            URL_SAFE_NO_PAD.encode(self.mac(data))
        )
    }

    /// The data of a token made by [`SecretBox::sign`], if its MAC is right.
    pub fn verify(&self, token: &str) -> Option<String> {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use hmac::Mac;
        let (data, tag) = token.split_once('.')?;
        let data = String::from_utf8(URL_SAFE_NO_PAD.decode(data).ok()?).ok()?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut mac =
            <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(&self.mac_key).ok()?;
        mac.update(data.as_bytes());
        mac.verify_slice(&tag).ok()?;
        Some(data)
    }

    fn mac(&self, data: &str) -> Vec<u8> {
        use hmac::Mac;
        let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(&self.mac_key)
            .expect("HMAC takes any key length");
        mac.update(data.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    pub fn open(&self, sealed: &str) -> Result<String, SecretError> {
        let raw = sealed
            .strip_prefix(PREFIX)
            .and_then(|b| STANDARD.decode(b).ok())
            .filter(|r| r.len() > 12)
            .ok_or(SecretError::Open)?;
        let (nonce, ct) = raw.split_at(12);
        let pt = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ct)
            .map_err(|_| SecretError::Open)?;
        String::from_utf8(pt).map_err(|_| SecretError::Open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secret_opens_only_with_its_key() {
        let a = SecretBox::ephemeral();
        let sealed = a.seal("JBSWY3DPEHPK3PXP");
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, a.seal("JBSWY3DPEHPK3PXP"), "fresh nonce each time");
        assert_eq!(a.open(&sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(SecretBox::ephemeral().open(&sealed).is_err());
        assert!(a.open("v1:garbage").is_err());
    }

    #[test]
    fn sealed_bytes_open_only_with_their_key_and_detect_tampering() {
        let a = SecretBox::ephemeral();
        let data = vec![0xFFu8; 100_000];
        let mut sealed = a.seal_bytes(&data);
        assert_eq!(a.open_bytes(&sealed).unwrap(), data);
        assert!(SecretBox::ephemeral().open_bytes(&sealed).is_err());
        sealed[500] ^= 1;
        assert!(a.open_bytes(&sealed).is_err());
    }

    #[test]
    fn signed_tokens_verify_only_unchanged_and_with_their_key() {
        let a = SecretBox::ephemeral();
        let t = a.sign("org:contact:email");
        assert_eq!(a.verify(&t).as_deref(), Some("org:contact:email"));
        assert_eq!(SecretBox::ephemeral().verify(&t), None);
        let forged = format!("{}x", t);
        assert_eq!(a.verify(&forged), None);
        assert_eq!(a.verify("garbage"), None);
    }

    #[test]
    fn key_must_be_32_bytes() {
        assert!(matches!(
            SecretBox::from_base64("AAAA"),
            Err(SecretError::KeyLength(3))
        ));
        assert!(SecretBox::from_base64(&SecretBox::generate_key()).is_ok());
    }
}
