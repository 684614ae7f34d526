//! The keyslot file (`keyslots.json`): its format, key wrapping with ChaCha20-Poly1305, and atomic writes.

use crate::error::{VaultError, damaged};
use crate::kdf::{KdfParams, SALT_LEN, derive_kek};
use crate::secret::Secret;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key as AeadKey, Nonce};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use zeroize::Zeroize;

/// File name of the keyslot file inside the vault folder.
pub const KEYSLOTS_FILE: &str = "keyslots.json";
/// Value of the `format` field.
pub const FORMAT_NAME: &str = "sigilo-keyslots";
/// Version of the keyslot file format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// A keyslot file larger than this is not one of ours.
const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// At most this many slots in a file.
const MAX_SLOTS: usize = 32;
const NONCE_LEN: usize = 12;
const KEY_LEN: usize = 32;
const WRAPPED_LEN: usize = KEY_LEN + 16;

/// A 256-bit key held in a zeroizing box.
pub(crate) type Key = Secret<[u8; KEY_LEN]>;

/// What secret a keyslot is opened with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyslotKind {
    /// The user's passphrase.
    Passphrase,
    /// The recovery code shown once at creation.
    RecoveryCode,
}

impl KeyslotKind {
    fn as_str(self) -> &'static str {
        match self {
            KeyslotKind::Passphrase => "passphrase",
            KeyslotKind::RecoveryCode => "recovery_code",
        }
    }
}

/// The whole keyslot file, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct KeyslotFile {
    pub format: String,
    pub version: u32,
    pub vault_id: String,
    pub created_at: String,
    pub slots: Vec<SlotRecord>,
    pub data_key: WrappedKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_data_key: Option<WrappedKey>,
}

/// One keyslot: the vault key wrapped under a key derived from a secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SlotRecord {
    pub kind: KeyslotKind,
    pub created_at: String,
    pub kdf: KdfRecord,
    pub nonce: String,
    pub wrapped_key: String,
}

/// Argon2id parameters and salt of one slot.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct KdfRecord {
    pub algorithm: String,
    pub version: u32,
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    pub salt: String,
}

impl KdfRecord {
    pub fn params(&self) -> KdfParams {
        KdfParams {
            m_cost_kib: self.m_cost_kib,
            t_cost: self.t_cost,
            p_cost: self.p_cost,
        }
    }
}

/// A 32-byte key wrapped under the vault key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct WrappedKey {
    pub nonce: String,
    pub ciphertext: String,
}

#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// Fills `buf` from the operating system's random source.
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), VaultError> {
    getrandom::fill(buf).map_err(|e| {
        VaultError::Io(std::io::Error::other(format!(
            "the operating system's random source failed: {e}"
        )))
    })
}

/// A fresh random 256-bit key.
pub(crate) fn random_key() -> Result<Key, VaultError> {
    let mut k = Secret::new([0u8; KEY_LEN]);
    fill_random(k.expose_mut())?;
    Ok(k)
}

/// Associated data bound to a keyslot's AEAD: format version, vault id, slot kind and KDF parameters.
pub(crate) fn slot_aad(vault_id: &str, kind: KeyslotKind, kdf: &KdfRecord) -> Vec<u8> {
    format!(
        "sigilo-keyslot/{}/{}/{}/argon2id/19/{}/{}/{}",
        FORMAT_VERSION,
        vault_id,
        kind.as_str(),
        kdf.m_cost_kib,
        kdf.t_cost,
        kdf.p_cost
    )
    .into_bytes()
}

/// Associated data bound to the wrapped data key (current or pending).
pub(crate) fn data_key_aad(vault_id: &str) -> Vec<u8> {
    format!("sigilo-data-key/{FORMAT_VERSION}/{vault_id}").into_bytes()
}

fn decode_exact(
    field: &str,
    len_ok: impl Fn(usize) -> bool,
    what: &str,
) -> Result<Vec<u8>, VaultError> {
    match B64.decode(field) {
        Ok(v) if len_ok(v.len()) => Ok(v),
        _ => Err(damaged(format!("keyslot file: invalid {what}"))),
    }
}

/// Encrypts a 32-byte key under `kek` with a fresh random nonce.
pub(crate) fn wrap(kek: &Key, key: &Key, aad: &[u8]) -> Result<WrappedKey, VaultError> {
    let mut nonce = [0u8; NONCE_LEN];
    fill_random(&mut nonce)?;
    let cipher = ChaCha20Poly1305::new(AeadKey::from_slice(kek.expose()));
    let ct = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: key.expose(),
                aad,
            },
        )
        .map_err(|_| VaultError::Io(std::io::Error::other("key wrapping failed")))?;
    Ok(WrappedKey {
        nonce: B64.encode(nonce),
        ciphertext: B64.encode(ct),
    })
}

/// Decrypts a wrapped key; `Ok(None)` if authentication fails (wrong key or altered record).
pub(crate) fn unwrap(
    kek: &Key,
    wrapped: &WrappedKey,
    aad: &[u8],
) -> Result<Option<Key>, VaultError> {
    let nonce = decode_exact(&wrapped.nonce, |n| n == NONCE_LEN, "nonce")?;
    let ct = decode_exact(&wrapped.ciphertext, |n| n == WRAPPED_LEN, "wrapped key")?;
    let cipher = ChaCha20Poly1305::new(AeadKey::from_slice(kek.expose()));
    match cipher.decrypt(Nonce::from_slice(&nonce), Payload { msg: &ct, aad }) {
        Ok(mut pt) => {
            let mut key = Secret::new([0u8; KEY_LEN]);
            let ok = pt.len() == KEY_LEN;
            if ok {
                key.expose_mut().copy_from_slice(&pt);
            }
            pt.zeroize();
            Ok(ok.then_some(key))
        }
        Err(_) => Ok(None),
    }
}

/// Builds a new keyslot wrapping `vk` under a key derived from `secret` with `kdf`.
pub(crate) fn new_slot(
    vault_id: &str,
    kind: KeyslotKind,
    secret: &[u8],
    vk: &Key,
    kdf: KdfParams,
) -> Result<SlotRecord, VaultError> {
    kdf.check_caps()?;
    let mut salt = [0u8; SALT_LEN];
    fill_random(&mut salt)?;
    let record = KdfRecord {
        algorithm: "argon2id".into(),
        version: 19,
        m_cost_kib: kdf.m_cost_kib,
        t_cost: kdf.t_cost,
        p_cost: kdf.p_cost,
        salt: B64.encode(salt),
    };
    let kek = derive_kek(secret, &salt, &kdf)?;
    let wrapped = wrap(&kek, vk, &slot_aad(vault_id, kind, &record))?;
    Ok(SlotRecord {
        kind,
        created_at: crate::now_rfc3339(),
        kdf: record,
        nonce: wrapped.nonce,
        wrapped_key: wrapped.ciphertext,
    })
}

/// Tries to open one slot with `secret`. Checks the KDF caps before Argon2 runs.
/// `Ok(None)`: the secret does not open this slot (or the slot was altered).
pub(crate) fn open_slot(
    vault_id: &str,
    slot: &SlotRecord,
    secret: &[u8],
) -> Result<Option<Key>, VaultError> {
    let params = slot.kdf.params();
    params.check_caps()?;
    let salt = decode_exact(&slot.kdf.salt, |n| (SALT_LEN..=64).contains(&n), "salt")?;
    let kek = derive_kek(secret, &salt, &params)?;
    let wrapped = WrappedKey {
        nonce: slot.nonce.clone(),
        ciphertext: slot.wrapped_key.clone(),
    };
    unwrap(&kek, &wrapped, &slot_aad(vault_id, slot.kind, &slot.kdf))
}

impl KeyslotFile {
    /// Parses and validates the structure (not the KDF caps: those are checked per slot before use).
    pub fn parse(bytes: &[u8]) -> Result<Self, VaultError> {
        let header: Header = serde_json::from_slice(bytes)
            .map_err(|_| damaged("the keyslot file is not valid (truncated or not JSON)"))?;
        if header.format != FORMAT_NAME {
            return Err(damaged("the keyslot file is not a Sigilo keyslot file"));
        }
        if header.version > FORMAT_VERSION {
            return Err(VaultError::NewerSchema {
                domain: "keyslots".into(),
                found: header.version,
                supported: FORMAT_VERSION,
            });
        }
        if header.version != FORMAT_VERSION {
            return Err(damaged("the keyslot file has an unknown format version"));
        }
        let file: KeyslotFile = serde_json::from_slice(bytes).map_err(|_| {
            damaged("the keyslot file is not valid (a field is missing or malformed)")
        })?;
        file.validate()?;
        Ok(file)
    }

    fn validate(&self) -> Result<(), VaultError> {
        if self.vault_id.is_empty()
            || self.vault_id.len() > 64
            || !self
                .vault_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(damaged("keyslot file: invalid vault id"));
        }
        if self.slots.is_empty() || self.slots.len() > MAX_SLOTS {
            return Err(damaged("keyslot file: no keyslots or too many"));
        }
        for s in &self.slots {
            if s.kdf.algorithm != "argon2id" || s.kdf.version != 19 {
                return Err(damaged("keyslot file: unsupported key derivation function"));
            }
            decode_exact(&s.kdf.salt, |n| (SALT_LEN..=64).contains(&n), "salt")?;
            decode_exact(&s.nonce, |n| n == NONCE_LEN, "nonce")?;
            decode_exact(&s.wrapped_key, |n| n == WRAPPED_LEN, "wrapped key")?;
        }
        for w in std::iter::once(&self.data_key).chain(self.pending_data_key.as_ref()) {
            decode_exact(&w.nonce, |n| n == NONCE_LEN, "nonce")?;
            decode_exact(&w.ciphertext, |n| n == WRAPPED_LEN, "wrapped data key")?;
        }
        Ok(())
    }

    /// Reads `dir/keyslots.json`. A missing folder or file is `NotFound(dir)`.
    pub fn read(dir: &Path) -> Result<Self, VaultError> {
        Self::parse(&read_bytes(dir)?)
    }

    /// Writes the file atomically: a temporary file in the same folder, fsync, rename, fsync of the folder.
    pub fn write_atomic(&self, dir: &Path) -> Result<(), VaultError> {
        let mut json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        json.push(b'\n');
        let mut rnd = [0u8; 8];
        fill_random(&mut rnd)?;
        let tmp = dir.join(format!(".{KEYSLOTS_FILE}.{}.tmp", hex::encode(rnd)));
        let result = (|| -> std::io::Result<()> {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
            drop(f);
            fs::rename(&tmp, dir.join(KEYSLOTS_FILE))?;
            sync_dir(dir)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        Ok(result?)
    }
}

/// The raw bytes of `dir/keyslots.json` (at most 1 MiB). A missing folder or file is `NotFound(dir)`.
pub(crate) fn read_bytes(dir: &Path) -> Result<Vec<u8>, VaultError> {
    let path = dir.join(KEYSLOTS_FILE);
    let f = match fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(VaultError::NotFound(dir.to_path_buf()));
        }
        Err(e) => return Err(e.into()),
    };
    let mut bytes = Vec::new();
    f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(damaged(
            "the keyslot file is too large to be a Sigilo keyslot file",
        ));
    }
    Ok(bytes)
}

/// Makes a rename in `dir` durable. On Windows, directories cannot be opened for syncing; NTFS journals the rename.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn wrap_unwrap_and_aad_binding() {
        let kek = random_key().unwrap();
        let key = random_key().unwrap();
        let w = wrap(&kek, &key, b"aad-1").unwrap();
        assert_eq!(
            unwrap(&kek, &w, b"aad-1").unwrap().unwrap().expose(),
            key.expose()
        );
        assert!(unwrap(&kek, &w, b"aad-2").unwrap().is_none());
        let other = random_key().unwrap();
        assert!(unwrap(&other, &w, b"aad-1").unwrap().is_none());
    }

    #[test]
    fn slot_metadata_is_authenticated() {
        let vk = random_key().unwrap();
        let kdf = KdfParams {
            m_cost_kib: 8,
            t_cost: 1,
            p_cost: 1,
        };
        let slot = new_slot("v1", KeyslotKind::Passphrase, b"pw", &vk, kdf).unwrap();
        assert_eq!(
            open_slot("v1", &slot, b"pw").unwrap().unwrap().expose(),
            vk.expose()
        );
        assert!(open_slot("v1", &slot, b"px").unwrap().is_none());
        assert!(open_slot("v2", &slot, b"pw").unwrap().is_none());
        let mut kind = slot.clone();
        kind.kind = KeyslotKind::RecoveryCode;
        assert!(open_slot("v1", &kind, b"pw").unwrap().is_none());
        let mut t = slot.clone();
        t.kdf.t_cost = 2;
        assert!(open_slot("v1", &t, b"pw").unwrap().is_none());
    }

    #[test]
    fn garbage_is_damaged_never_a_panic() {
        for bad in [
            &b""[..],
            b"{",
            b"null",
            b"[]",
            b"{\"format\":\"x\",\"version\":1}",
            b"\xff\xfe",
        ] {
            assert!(matches!(
                KeyslotFile::parse(bad),
                Err(VaultError::Damaged(_))
            ));
        }
        let newer = br#"{"format":"sigilo-keyslots","version":9}"#;
        assert!(matches!(
            KeyslotFile::parse(newer),
            Err(VaultError::NewerSchema { .. })
        ));
    }
}
