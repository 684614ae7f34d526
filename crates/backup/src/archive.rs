//! The payload archive: `keyslots.json`, `data-key`, `sigilo.db`, then an end marker (docs/backup-format.md).

use crate::error::{BackupError, damaged};
use crate::format::{Key, MAX_KEYSLOTS_LEN};
use crate::stream::Opener;
use sigilo_vault::Secret;
use std::io::{Read, Write};

/// Entry holding the vault's keyslot file.
pub(crate) const KEYSLOTS: &str = "keyslots.json";
/// Entry holding the 32-byte SQLCipher raw key.
pub(crate) const DATA_KEY: &str = "data-key";
/// Entry holding the database snapshot.
pub(crate) const DATABASE: &str = "sigilo.db";
/// The entries of format version 1, in order.
pub(crate) const ENTRIES: [&str; 3] = [KEYSLOTS, DATA_KEY, DATABASE];

/// The bytes that precede an entry's content.
pub(crate) fn entry_header(name: &str, size: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(2 + name.len() + 8);
    // Names are the constants above: always 1..=255 bytes.
    h.extend_from_slice(&(name.len() as u16).to_le_bytes());
    h.extend_from_slice(name.as_bytes());
    h.extend_from_slice(&size.to_le_bytes());
    h
}

/// The end marker.
pub(crate) const END: [u8; 2] = [0, 0];

/// Total archive length for a keyslot file and a database of the given sizes.
pub(crate) fn archive_len(keyslots_len: u64, db_len: u64) -> u64 {
    let overhead: u64 = ENTRIES.iter().map(|n| 2 + n.len() as u64 + 8).sum();
    overhead + keyslots_len + 32 + db_len + END.len() as u64
}

/// What an archive holds besides the database (which is streamed out as it is read).
pub(crate) struct Contents {
    pub keyslots: Vec<u8>,
    pub data_key: Key,
}

/// Reads the archive from `op`, streaming `sigilo.db` into `db_out`, and checks the payload ends
/// right after the end marker. Returns the other entries and the payload length.
pub(crate) fn read_archive<R: Read>(
    mut op: Opener<R>,
    db_out: &mut dyn Write,
    on_progress: &mut dyn FnMut(u64),
) -> Result<(Contents, u64), BackupError> {
    let mut keyslots = Vec::new();
    let mut data_key = Secret::new([0u8; 32]);
    for expected in ENTRIES {
        let mut len = [0u8; 2];
        op.read_exact(&mut len)?;
        let len = usize::from(u16::from_le_bytes(len));
        if len != expected.len() {
            return Err(damaged("the archive inside the backup is malformed"));
        }
        let mut name = [0u8; 16];
        op.read_exact(&mut name[..len])?;
        if &name[..len] != expected.as_bytes() {
            return Err(damaged("the archive inside the backup is malformed"));
        }
        let mut size = [0u8; 8];
        op.read_exact(&mut size)?;
        let size = u64::from_le_bytes(size);
        match expected {
            KEYSLOTS => {
                if !(2..=u64::from(MAX_KEYSLOTS_LEN)).contains(&size) {
                    return Err(damaged("the archive's keyslot entry has an invalid size"));
                }
                keyslots = vec![0u8; size as usize];
                op.read_exact(&mut keyslots)?;
            }
            DATA_KEY => {
                if size != 32 {
                    return Err(damaged("the archive's data-key entry has an invalid size"));
                }
                op.read_exact(data_key.expose_mut())?;
            }
            _ => {
                if size == 0 {
                    return Err(damaged("the archive's database entry is empty"));
                }
                let base = op.consumed();
                op.copy_to(db_out, size, &mut |n| on_progress(base + n))?;
                on_progress(op.consumed());
            }
        }
        on_progress(op.consumed());
    }
    let mut end = [0u8; 2];
    op.read_exact(&mut end)?;
    if end != END {
        return Err(damaged("the archive inside the backup has no end marker"));
    }
    let total = op.finish()?;
    on_progress(total);
    Ok((Contents { keyslots, data_key }, total))
}
