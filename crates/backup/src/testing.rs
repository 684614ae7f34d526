//! **Test-only** access to the format's layers (header + STREAM, archive) on byte buffers, for the
//! integration tests and the fuzz target. Only compiled with the `test-support` feature.

use crate::archive::read_archive;
use crate::error::BackupError;
use crate::format::{
    FORMAT_VERSION, Header, KeyBlock, KeySource, PREFIX_LEN, RawHeader, SEED_LEN, derive_file_keys,
    header_mac, open_header, read_header,
};
use crate::stream::{Opener, Sealer};
use crate::{BackupSecret, fsutil::fill_random};
use sigilo_vault::{KdfParams, Passphrase, Secret};

/// How [`seal_bytes`] keys a file.
#[derive(Debug)]
pub enum TestKey<'a> {
    /// Mode 1 with this passphrase and KDF parameters (Argon2id runs).
    Passphrase(&'a Passphrase, KdfParams),
    /// Mode 1 header, but this input key material instead of Argon2 (for fuzzing: no KDF cost).
    Ikm([u8; 32]),
}

/// Seals an arbitrary byte payload (not necessarily an archive) into a complete mode-1 file.
pub fn seal_bytes(
    payload: &[u8],
    key: TestKey<'_>,
    chunk_size: u32,
) -> Result<Vec<u8>, BackupError> {
    let mut seed = [0u8; SEED_LEN];
    fill_random(&mut seed)?;
    let mut prefix = [0u8; PREFIX_LEN];
    fill_random(&mut prefix)?;
    let mut salt = vec![0u8; 32];
    fill_random(&mut salt)?;
    let (ikm, kdf) = match key {
        TestKey::Passphrase(p, kdf) => (
            crate::format::argon2id(p.expose().as_bytes(), &salt, &kdf)?,
            kdf,
        ),
        TestKey::Ikm(k) => (
            Secret::new(k),
            KdfParams {
                m_cost_kib: 8,
                t_cost: 1,
                p_cost: 1,
            },
        ),
    };
    let header = Header {
        version: FORMAT_VERSION,
        chunk_size,
        seed,
        nonce_prefix: prefix,
        payload_len: payload.len() as u64,
        schema_version: 1,
        created_at: "2026-11-23T14:05:00Z".into(),
        vault_id: "00000000-0000-4000-8000-000000000000".into(),
        key: KeyBlock::Passphrase { kdf, salt },
    };
    let body = header.encode_body()?;
    let keys = derive_file_keys(&ikm, &seed);
    let mac = header_mac(&keys.header, &body);
    let raw = RawHeader { header, body, mac };
    let mut out = raw.body.clone();
    out.extend_from_slice(&raw.mac);
    let mut s = Sealer::new(
        out,
        &keys.payload,
        prefix,
        raw.associated_data(),
        chunk_size,
    );
    s.write_all(payload)?;
    Ok(s.finish()?)
}

/// How [`open_bytes`] and [`open_archive_bytes`] get the key.
#[derive(Debug)]
pub enum TestSecret<'a> {
    /// A secret, exactly as `verify` takes it.
    Secret(&'a BackupSecret),
    /// Input key material, skipping Argon2 (matches [`TestKey::Ikm`]).
    Ikm([u8; 32]),
}

fn open<'a>(file: &'a [u8], secret: &TestSecret<'_>) -> Result<Opener<&'a [u8]>, BackupError> {
    let mut r = file;
    let raw = read_header(&mut r)?;
    let ikm;
    let source = match secret {
        TestSecret::Secret(s) => KeySource::Secret(s),
        TestSecret::Ikm(k) => {
            ikm = Secret::new(*k);
            KeySource::Ikm(&ikm)
        }
    };
    let keys = open_header(&raw, &source)?;
    let h = &raw.header;
    Ok(Opener::new(
        r,
        &keys.payload,
        h.nonce_prefix,
        raw.associated_data(),
        h.chunk_size,
        h.payload_len,
    ))
}

/// Parses the header and opens every chunk of an in-memory file (no file-size shortcut: the STREAM
/// layer alone must catch every truncation). Returns the raw payload.
pub fn open_bytes(file: &[u8], secret: &TestSecret<'_>) -> Result<Vec<u8>, BackupError> {
    let mut op = open(file, secret)?;
    let mut out = Vec::new();
    op.read_rest(&mut out)?;
    op.finish()?;
    Ok(out)
}

/// The entries of an archive read from an in-memory file.
#[derive(Debug)]
pub struct Entries {
    /// The `keyslots.json` entry.
    pub keyslots: Vec<u8>,
    /// The `data-key` entry.
    pub data_key: Secret<[u8; 32]>,
    /// The `sigilo.db` entry.
    pub database: Vec<u8>,
}

/// Header, every chunk and the archive of an in-memory file (the database is not checked).
pub fn open_archive_bytes(file: &[u8], secret: &TestSecret<'_>) -> Result<Entries, BackupError> {
    let op = open(file, secret)?;
    let mut database = Vec::new();
    let (c, _) = read_archive(op, &mut database, &mut |_| {})?;
    Ok(Entries {
        keyslots: c.keyslots,
        data_key: c.data_key,
        database,
    })
}
