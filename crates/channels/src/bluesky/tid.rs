//! Record keys derived from an idempotency key.
//!
//! `app.bsky.feed.post` records must use a TID as their key: 13 characters of "base32-sortable"
//! encoding a 64-bit integer whose top bit is zero (53 bits of microseconds since the epoch,
//! then a 10-bit clock id). The PDS checks that format, so the key derived from a delivery's
//! idempotency key must be a valid TID. Deriving it from a hash, rather than the clock, is
//! what makes a retry of the same delivery collide with the first attempt instead of
//! creating a second post.

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";

/// 2020-09-13T12:26:40Z in microseconds: the derived timestamps start here so they look like
/// plausible post times instead of dates in the 1970s or the 23rd century.
const EPOCH_OFFSET_MICROS: u64 = 1_600_000_000_000_000;
/// 2^50 µs is about 35.7 years: the derived timestamps stay before 2057.
const TIMESTAMP_SPAN_BITS: u32 = 50;

/// The TID used as record key for the delivery identified by `idempotency_key`.
pub fn rkey_for(idempotency_key: &str) -> String {
    let digest = Sha256::digest(idempotency_key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let h = u64::from_be_bytes(first);
    // 50 bits of hash for the timestamp and 10 for the clock id: 60 bits, so two different
    // keys share a record key with probability ~2^-60 per pair.
    let micros = EPOCH_OFFSET_MICROS + (h >> (64 - TIMESTAMP_SPAN_BITS));
    let clock_id = h & 0x3ff;
    encode(micros, clock_id)
}

/// Encodes a TID from its timestamp (microseconds, < 2^53) and clock id (< 2^10).
fn encode(micros: u64, clock_id: u64) -> String {
    debug_assert!(micros < 1 << 53 && clock_id < 1 << 10);
    let mut n = (micros << 10) | clock_id;
    let mut out = [0u8; 13];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n & 31) as usize];
        n >>= 5;
    }
    String::from_utf8(out.to_vec()).expect("alphabet is ASCII")
}

/// Whether `s` has the syntax of a TID, as the PDS checks it.
pub fn is_valid_tid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 13 && b"234567abcdefghij".contains(&b[0]) && b.iter().all(|c| ALPHABET.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_keys_are_valid_and_stable() {
        let a = rkey_for("delivery-42");
        assert!(is_valid_tid(&a), "{a}");
        assert_eq!(a, rkey_for("delivery-42"));
        assert_ne!(a, rkey_for("delivery-43"));
        for i in 0..2000 {
            let k = rkey_for(&format!("key-{i}"));
            assert!(is_valid_tid(&k), "{k}");
        }
    }

    #[test]
    fn encoding_matches_the_reference_layout() {
        // The all-zero TID and the largest one: 13 characters carry 65 bits, of which the
        // top two are zero, so the first character is at most 'b'.
        assert_eq!(encode(0, 0), "2222222222222");
        assert_eq!(encode((1 << 53) - 1, 1023), "bzzzzzzzzzzzz");
        // A TID from the atproto docs: 3jzfcijpj2z2a.
        let n = decode("3jzfcijpj2z2a");
        assert_eq!(encode(n >> 10, n & 0x3ff), "3jzfcijpj2z2a");
    }

    #[test]
    fn derived_timestamps_are_plausible() {
        for i in 0..200 {
            let n = decode(&rkey_for(&format!("k{i}")));
            let micros = n >> 10;
            assert!(micros >= EPOCH_OFFSET_MICROS);
            assert!(micros < EPOCH_OFFSET_MICROS + (1 << TIMESTAMP_SPAN_BITS));
        }
    }

    #[test]
    fn rejects_malformed_tids() {
        assert!(!is_valid_tid("3jzfcijpj2z2"));
        assert!(!is_valid_tid("3jzfcijpj2z2aa"));
        assert!(!is_valid_tid("kjzfcijpj2z2a"), "top bit set");
        assert!(!is_valid_tid("3jzfcijpj2z2A"));
        assert!(!is_valid_tid("3jzfcijpj2z21"));
    }

    fn decode(s: &str) -> u64 {
        s.bytes().fold(0u64, |n, c| {
            (n << 5) | ALPHABET.iter().position(|&a| a == c).unwrap() as u64
        })
    }
}
