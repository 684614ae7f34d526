//! The header of a backup file: its fields, encoding and parsing (bounded, caps before Argon2), and key derivation.

use crate::BackupSecret;
use crate::error::{BackupError, damaged};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use sigilo_vault::{KdfParams, RecoveryCode, Secret, Unlock};
use std::io::Read;

/// The first 8 bytes of every backup file.
pub(crate) const MAGIC: &[u8; 8] = b"SIGILOBK";
/// The newest format version this build reads, and the one it writes.
pub(crate) const FORMAT_VERSION: u16 = 1;
/// Smallest chunk size a reader accepts.
pub(crate) const MIN_CHUNK_SIZE: u32 = 4096;
/// Largest chunk size a reader accepts.
pub(crate) const MAX_CHUNK_SIZE: u32 = 16 * 1024 * 1024;
/// Chunk size written.
pub(crate) const DEFAULT_CHUNK_SIZE: u32 = 1024 * 1024;
/// Length of the random per-file seed.
pub(crate) const SEED_LEN: usize = 32;
/// Length of the random nonce prefix.
pub(crate) const PREFIX_LEN: usize = 7;
/// Length of the header MAC.
pub(crate) const MAC_LEN: usize = 32;
/// Salt length written in mode 1.
pub(crate) const SALT_LEN: usize = 32;
const MIN_SALT_LEN: usize = 16;
const MAX_SALT_LEN: usize = 64;
/// Largest embedded keyslot file (mode 2), as the vault's own cap.
pub(crate) const MAX_KEYSLOTS_LEN: u32 = 1024 * 1024;
const MAX_SHORT_STRING: usize = 64;
const KDF_ARGON2ID_13: u8 = 1;
const MODE_PASSPHRASE: u8 = 1;
const MODE_VAULT_KEYSLOTS: u8 = 2;

const INFO_PAYLOAD: &[u8] = b"sigilo backup v1 payload";
const INFO_HEADER: &[u8] = b"sigilo backup v1 header";

/// A 256-bit key in a zeroizing box.
pub(crate) type Key = Secret<[u8; 32]>;

/// How the file's key material is obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyBlock {
    /// Mode 1: Argon2id over a passphrase.
    Passphrase { kdf: KdfParams, salt: Vec<u8> },
    /// Mode 2: the vault's `keyslots.json`, embedded.
    VaultKeyslots(Vec<u8>),
}

/// Every header field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub version: u16,
    pub chunk_size: u32,
    pub seed: [u8; SEED_LEN],
    pub nonce_prefix: [u8; PREFIX_LEN],
    pub payload_len: u64,
    pub schema_version: u32,
    pub created_at: String,
    pub vault_id: String,
    pub key: KeyBlock,
}

/// A header as read from (or written to) a file: its fields, the exact bytes the MAC covers, and the MAC.
#[derive(Debug, Clone)]
pub(crate) struct RawHeader {
    pub header: Header,
    /// Every header byte before the MAC.
    pub body: Vec<u8>,
    pub mac: [u8; MAC_LEN],
}

impl RawHeader {
    /// SHA-256 of the whole header (MAC included): every chunk's associated data.
    pub fn associated_data(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(&self.body);
        h.update(self.mac);
        h.finalize().into()
    }

    /// Total header length in bytes.
    pub fn len(&self) -> u64 {
        (self.body.len() + MAC_LEN) as u64
    }
}

/// The two keys of one file.
pub(crate) struct FileKeys {
    pub payload: Key,
    pub header: Key,
}

impl Header {
    /// The header bytes before the MAC, as specified in docs/backup-format.md.
    pub fn encode_body(&self) -> Result<Vec<u8>, BackupError> {
        let mut b = Vec::with_capacity(160);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&self.version.to_le_bytes());
        b.push(match self.key {
            KeyBlock::Passphrase { .. } => MODE_PASSPHRASE,
            KeyBlock::VaultKeyslots(_) => MODE_VAULT_KEYSLOTS,
        });
        b.push(0); // flags
        b.extend_from_slice(&self.chunk_size.to_le_bytes());
        b.extend_from_slice(&self.seed);
        b.extend_from_slice(&self.nonce_prefix);
        b.extend_from_slice(&self.payload_len.to_le_bytes());
        b.extend_from_slice(&self.schema_version.to_le_bytes());
        for s in [&self.created_at, &self.vault_id] {
            let len = u8::try_from(s.len())
                .ok()
                .filter(|&n| n >= 1 && usize::from(n) <= MAX_SHORT_STRING)
                .ok_or_else(|| invalid_input("a header string is empty or too long"))?;
            b.push(len);
            b.extend_from_slice(s.as_bytes());
        }
        match &self.key {
            KeyBlock::Passphrase { kdf, salt } => {
                b.push(KDF_ARGON2ID_13);
                b.extend_from_slice(&kdf.m_cost_kib.to_le_bytes());
                b.extend_from_slice(&kdf.t_cost.to_le_bytes());
                b.extend_from_slice(&kdf.p_cost.to_le_bytes());
                let len = u8::try_from(salt.len())
                    .ok()
                    .filter(|&n| (MIN_SALT_LEN..=MAX_SALT_LEN).contains(&usize::from(n)))
                    .ok_or_else(|| invalid_input("salt length out of range"))?;
                b.push(len);
                b.extend_from_slice(salt);
            }
            KeyBlock::VaultKeyslots(ks) => {
                let len = u32::try_from(ks.len())
                    .ok()
                    .filter(|&n| (2..=MAX_KEYSLOTS_LEN).contains(&n))
                    .ok_or_else(|| invalid_input("keyslot file too large to embed"))?;
                b.extend_from_slice(&len.to_le_bytes());
                b.extend_from_slice(ks);
            }
        }
        Ok(b)
    }
}

fn invalid_input(msg: &str) -> BackupError {
    BackupError::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        msg.to_owned(),
    ))
}

/// Reads the header, recording every byte read, with every field rule checked as it comes.
struct HeaderReader<'a, R: Read> {
    r: &'a mut R,
    body: Vec<u8>,
}

impl<R: Read> HeaderReader<'_, R> {
    fn take(&mut self, n: usize) -> Result<&[u8], BackupError> {
        let start = self.body.len();
        self.body.resize(start + n, 0);
        let got = read_full(self.r, &mut self.body[start..])?;
        if got < n {
            return Err(damaged("the file is truncated inside its header"));
        }
        Ok(&self.body[start..])
    }
    fn u8(&mut self) -> Result<u8, BackupError> {
        Ok(self.take(1)?[0])
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], BackupError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, BackupError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn short_string(&mut self, what: &str, ok: impl Fn(u8) -> bool) -> Result<String, BackupError> {
        let len = usize::from(self.u8()?);
        if len == 0 || len > MAX_SHORT_STRING {
            return Err(damaged(format!(
                "the header's {what} has an invalid length"
            )));
        }
        let bytes = self.take(len)?;
        if !bytes.iter().all(|&b| ok(b)) {
            return Err(damaged(format!("the header's {what} is malformed")));
        }
        Ok(bytes.iter().map(|&b| char::from(b)).collect())
    }
}

/// Reads from `r` until `buf` is full or the end of the input; returns the number of bytes read.
pub(crate) fn read_full<R: Read + ?Sized>(r: &mut R, buf: &mut [u8]) -> Result<usize, BackupError> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(BackupError::Io(e)),
        }
    }
    Ok(n)
}

/// Parses a header from the start of `r`, reading exactly its bytes (MAC included) and no more.
///
/// Checks every field rule, including the KDF caps, but not the MAC (that needs the secret).
pub(crate) fn read_header<R: Read>(r: &mut R) -> Result<RawHeader, BackupError> {
    let mut magic = [0u8; 8];
    if read_full(r, &mut magic)? < magic.len() || &magic != MAGIC {
        return Err(BackupError::NotABackup);
    }
    let mut hr = HeaderReader {
        r,
        body: magic.to_vec(),
    };
    let version = u16::from_le_bytes(hr.array()?);
    if version > FORMAT_VERSION {
        return Err(BackupError::UnsupportedVersion(version));
    }
    if version == 0 {
        return Err(damaged("the header has an invalid format version"));
    }
    let mode = hr.u8()?;
    if mode != MODE_PASSPHRASE && mode != MODE_VAULT_KEYSLOTS {
        return Err(damaged("the header names an unknown key mode"));
    }
    if hr.u8()? != 0 {
        return Err(damaged("the header has unknown flags set"));
    }
    let chunk_size = hr.u32()?;
    if !(MIN_CHUNK_SIZE..=MAX_CHUNK_SIZE).contains(&chunk_size) {
        return Err(damaged("the header's chunk size is out of bounds"));
    }
    let seed = hr.array::<SEED_LEN>()?;
    let nonce_prefix = hr.array::<PREFIX_LEN>()?;
    let payload_len = u64::from_le_bytes(hr.array()?);
    let schema_version = hr.u32()?;
    let created_at = hr.short_string("creation time", |b| b.is_ascii_graphic())?;
    let vault_id = hr.short_string("vault id", |b| b.is_ascii_alphanumeric() || b == b'-')?;
    let key = if mode == MODE_PASSPHRASE {
        if hr.u8()? != KDF_ARGON2ID_13 {
            return Err(damaged(
                "the header names an unknown key derivation function",
            ));
        }
        let kdf = KdfParams {
            m_cost_kib: hr.u32()?,
            t_cost: hr.u32()?,
            p_cost: hr.u32()?,
        };
        if !kdf.within_caps() {
            return Err(damaged("the header's KDF parameters are out of bounds"));
        }
        let salt_len = usize::from(hr.u8()?);
        if !(MIN_SALT_LEN..=MAX_SALT_LEN).contains(&salt_len) {
            return Err(damaged("the header's salt has an invalid length"));
        }
        let salt = hr.take(salt_len)?.to_vec();
        KeyBlock::Passphrase { kdf, salt }
    } else {
        let len = hr.u32()?;
        if !(2..=MAX_KEYSLOTS_LEN).contains(&len) {
            return Err(damaged("the header's keyslot block has an invalid length"));
        }
        // Read in bounded steps so a lying length on a short file allocates no more than the file holds.
        let mut ks = Vec::new();
        let mut left = len as usize;
        while left > 0 {
            let step = left.min(64 * 1024);
            ks.extend_from_slice(hr.take(step)?);
            left -= step;
        }
        KeyBlock::VaultKeyslots(ks)
    };
    let body = hr.body;
    let mut mac = [0u8; MAC_LEN];
    if read_full(r, &mut mac)? < MAC_LEN {
        return Err(damaged("the file is truncated inside its header"));
    }
    Ok(RawHeader {
        header: Header {
            version,
            chunk_size,
            seed,
            nonce_prefix,
            payload_len,
            schema_version,
            created_at,
            vault_id,
            key,
        },
        body,
        mac,
    })
}

/// The HKDF step: the file's payload and header keys from the input key material and the file seed.
pub(crate) fn derive_file_keys(ikm: &Key, seed: &[u8; SEED_LEN]) -> FileKeys {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(seed), ikm.expose());
    let mut payload = Secret::new([0u8; 32]);
    let mut header = Secret::new([0u8; 32]);
    // 32 bytes is far below HKDF-SHA256's limit (255 × 32): expansion cannot fail.
    let _ = hk.expand(INFO_PAYLOAD, payload.expose_mut());
    let _ = hk.expand(INFO_HEADER, header.expose_mut());
    FileKeys { payload, header }
}

/// HMAC-SHA256 of the header body under the header key.
pub(crate) fn header_mac(header_key: &Key, body: &[u8]) -> [u8; MAC_LEN] {
    match Hmac::<Sha256>::new_from_slice(header_key.expose()) {
        Ok(mut m) => {
            m.update(body);
            m.finalize().into_bytes().into()
        }
        // Unreachable: HMAC takes keys of any length.
        Err(_) => [0u8; MAC_LEN],
    }
}

/// Argon2id (v0x13) of a passphrase; caps checked first.
pub(crate) fn argon2id(
    passphrase: &[u8],
    salt: &[u8],
    kdf: &KdfParams,
) -> Result<Key, BackupError> {
    if !kdf.within_caps() {
        return Err(damaged("the header's KDF parameters are out of bounds"));
    }
    let params = argon2::Params::new(kdf.m_cost_kib, kdf.t_cost, kdf.p_cost, Some(32))
        .map_err(|_| damaged("the header's KDF parameters are out of bounds"))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Secret::new([0u8; 32]);
    argon
        .hash_password_into(passphrase, salt, out.expose_mut())
        .map_err(|_| damaged("the header's KDF parameters or salt are invalid"))?;
    Ok(out)
}

/// Where the input key material comes from when opening a file.
pub(crate) enum KeySource<'a> {
    /// A secret typed by the user.
    Secret(&'a BackupSecret),
    /// Already derived (create verifies the file it just wrote without a second Argon2 run).
    Ikm(&'a Key),
}

/// Derives the file's keys from `source` and checks the header MAC (constant time).
pub(crate) fn open_header(
    raw: &RawHeader,
    source: &KeySource<'_>,
) -> Result<FileKeys, BackupError> {
    let ikm = match source {
        KeySource::Ikm(k) => Secret::new(*k.expose()),
        KeySource::Secret(secret) => ikm_from_secret(&raw.header.key, secret)?,
    };
    let keys = derive_file_keys(&ikm, &raw.header.seed);
    let ok = Hmac::<Sha256>::new_from_slice(keys.header.expose())
        .map(|mut m| {
            m.update(&raw.body);
            m.verify_slice(&raw.mac).is_ok()
        })
        .unwrap_or(false);
    if ok {
        return Ok(keys);
    }
    match raw.header.key {
        // Argon2 over a wrong passphrase and an altered header look the same here.
        KeyBlock::Passphrase { .. } => Err(BackupError::WrongSecret),
        // The keyslot opened (the secret is right), so the header itself was altered.
        KeyBlock::VaultKeyslots(_) => Err(damaged(
            "the header does not match its authentication code (it was altered)",
        )),
    }
}

fn ikm_from_secret(key: &KeyBlock, secret: &BackupSecret) -> Result<Key, BackupError> {
    match (key, secret) {
        (KeyBlock::Passphrase { kdf, salt }, BackupSecret::Passphrase(p)) => {
            argon2id(p.expose().as_bytes(), salt, kdf)
        }
        (KeyBlock::Passphrase { .. }, BackupSecret::RecoveryCode(_)) => {
            Err(BackupError::WrongSecret)
        }
        (KeyBlock::VaultKeyslots(ks), secret) => {
            let unlock = match secret {
                BackupSecret::Passphrase(p) => Unlock::Passphrase(p.clone()),
                BackupSecret::RecoveryCode(c) => {
                    Unlock::RecoveryCode(RecoveryCode::parse(c.to_display().expose())?)
                }
            };
            sigilo_vault::backup_root_key_from_keyslots(ks, &unlock).map_err(|e| match e {
                sigilo_vault::VaultError::WrongSecret => BackupError::WrongSecret,
                sigilo_vault::VaultError::Damaged(_) => {
                    damaged("the vault keyslots embedded in the header are malformed")
                }
                sigilo_vault::VaultError::NewerSchema { .. } => {
                    damaged("the embedded vault keyslots were written by a newer version of Sigilo")
                }
                other => BackupError::from(other),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn sample() -> Header {
        Header {
            version: 1,
            chunk_size: 4096,
            seed: [7; SEED_LEN],
            nonce_prefix: [9; PREFIX_LEN],
            payload_len: 12345,
            schema_version: 3,
            created_at: "2026-11-23T14:05:00Z".into(),
            vault_id: "abc-123".into(),
            key: KeyBlock::Passphrase {
                kdf: KdfParams {
                    m_cost_kib: 8,
                    t_cost: 1,
                    p_cost: 1,
                },
                salt: vec![1; 32],
            },
        }
    }

    #[test]
    fn encode_parse_round_trip_reads_exactly_the_header() {
        for h in [
            sample(),
            Header {
                key: KeyBlock::VaultKeyslots(b"{}".to_vec()),
                ..sample()
            },
        ] {
            let body = h.encode_body().unwrap();
            let mut file = body.clone();
            file.extend_from_slice(&[0xAA; MAC_LEN]);
            file.extend_from_slice(b"after");
            let mut r = &file[..];
            let raw = read_header(&mut r).unwrap();
            assert_eq!(raw.header, h);
            assert_eq!(raw.body, body);
            assert_eq!(raw.mac, [0xAA; MAC_LEN]);
            assert_eq!(r, b"after");
        }
    }

    #[test]
    fn the_mac_commits_to_the_key() {
        let a = derive_file_keys(&Secret::new([1; 32]), &[0; SEED_LEN]);
        let b = derive_file_keys(&Secret::new([2; 32]), &[0; SEED_LEN]);
        let c = derive_file_keys(&Secret::new([1; 32]), &[1; SEED_LEN]);
        assert_ne!(header_mac(&a.header, b"x"), header_mac(&b.header, b"x"));
        assert_ne!(header_mac(&a.header, b"x"), header_mac(&c.header, b"x"));
        assert_ne!(a.payload.expose(), a.header.expose());
    }
}
