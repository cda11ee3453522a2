//! Enrolment secrets and device tokens.
//!
//! Both are 32 random bytes from the operating system, written as hex. The platform keeps only
//! their SHA-256: with 256 bits of entropy no dictionary or brute force can invert the hash, so a
//! slow password hash (argon2, bcrypt) would add cost and nothing else, and a plain digest lets a
//! request find its device by an indexed lookup.

use rand::TryRngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use solidesk_protocol::hex;

use crate::StoreError;

/// A fresh 32-byte secret in hex.
pub fn fresh() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(StoreError::database)?;
    Ok(hex(&bytes))
}

/// The stored form of a secret: hex SHA-256.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_64_hex_digits_and_differ() {
        let a = fresh().expect("random bytes");
        let b = fresh().expect("random bytes");
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), a);
    }
}
