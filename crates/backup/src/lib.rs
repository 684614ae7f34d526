//! Encrypted backup files of a Sigilo vault: create, inspect, verify, restore.
//!
//! One file = a versioned header authenticated by an HMAC that commits to the key, then the payload
//! (an archive of `keyslots.json`, the data key and a `VACUUM INTO` snapshot of the database) sealed in
//! fixed-size ChaCha20-Poly1305 STREAM chunks. Every byte is specified in `docs/backup-format.md`.

mod archive;
mod error;
mod format;
mod fsutil;
mod stream;
#[cfg(feature = "test-support")]
pub mod testing;

pub use error::BackupError;

use archive::{DATA_KEY, DATABASE, END, KEYSLOTS, archive_len, entry_header, read_archive};
use error::damaged;
use format::{
    DEFAULT_CHUNK_SIZE, FORMAT_VERSION, Header, Key, KeyBlock, KeySource, MAX_CHUNK_SIZE,
    MIN_CHUNK_SIZE, PREFIX_LEN, RawHeader, SALT_LEN, SEED_LEN, argon2id, derive_file_keys,
    header_mac, open_header, read_header,
};
use fsutil::{
    Cleanup, create_private_dir, create_private_file, exchange, fill_random, parent_of, random_hex,
    rename_noreplace, sync_dir,
};
use serde::Serialize;
use sigilo_vault::{KdfParams, Passphrase, RecoveryCode, Vault};
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use stream::{Opener, Sealer, sealed_len};

/// How a new backup file is protected.
#[derive(Debug, Clone, Copy)]
pub enum Protection<'a> {
    /// Mode 1: its own Argon2id slot for this passphrase (may differ from the vault's).
    Passphrase(&'a Passphrase),
    /// Mode 2 (automatic backups): a key derived from the vault key; the vault's keyslots are embedded, so
    /// the vault's passphrase or recovery code (as they were at backup time) open the file.
    VaultKey,
}

/// The secret that opens a backup file.
#[derive(Debug)]
pub enum BackupSecret {
    /// The backup's passphrase (mode 1) or the vault's passphrase (mode 2).
    Passphrase(Passphrase),
    /// The vault's recovery code (mode 2 only).
    RecoveryCode(RecoveryCode),
}

/// Progress of a long operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// `"snapshot"`, `"seal"`, `"verify"` or `"restore"`.
    pub stage: &'static str,
    /// Bytes done in this stage.
    pub done_bytes: u64,
    /// Bytes this stage will handle in all (0 if unknown).
    pub total_bytes: u64,
}

/// How the file's key is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyMode {
    /// Mode 1: a passphrase with the file's own Argon2id slot.
    Passphrase,
    /// Mode 2: the vault's keyslots, embedded in the header.
    VaultKeyslots,
}

/// The header's fields (no secret needed to read them; authenticated only once a secret opens the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// Format version of the file.
    pub format_version: u16,
    /// How the key is obtained.
    pub key_mode: KeyMode,
    /// The file's Argon2id parameters (mode 1); `None` in mode 2 (each embedded keyslot has its own).
    pub kdf: Option<KdfParams>,
    /// When the snapshot was taken (RFC 3339 UTC).
    pub created_at: String,
    /// The backed-up vault's id.
    pub vault_id: String,
    /// The vault's schema version at backup time.
    pub schema_version: u32,
    /// Plaintext bytes per chunk.
    pub chunk_size: u32,
    /// Size of the backup file in bytes.
    pub file_size: u64,
}

/// What [`create`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// The backup file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Plaintext bytes sealed (the archive).
    pub payload_bytes: u64,
    /// Time taken by the snapshot (`VACUUM INTO`), ms.
    pub snapshot_ms: u64,
    /// Time taken by sealing and writing, ms (without the final verification).
    pub seal_ms: u64,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// The header's fields.
    pub info: BackupInfo,
    /// Plaintext bytes authenticated.
    pub payload_bytes: u64,
    /// Whether the database inside passed `PRAGMA cipher_integrity_check` and `PRAGMA integrity_check`.
    pub integrity_ok: bool,
}

/// Writes a verified backup of `vault` to `out` (which must not exist).
///
/// Snapshot (`VACUUM INTO`, inside the vault folder, still encrypted) → sealed stream to
/// `<out>.tmp` → fsync → rename (never over an existing file) → fsync of the folder → snapshot
/// deleted → the written file verified (every chunk, then the database's integrity check). On any
/// error, every partial file is removed. Memory stays flat: one chunk buffer.
pub fn create(
    vault: &Vault,
    out: &Path,
    protection: Protection<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupSummary, BackupError> {
    let opts = SealOptions {
        kdf: KdfParams::recommended(),
        chunk_size: DEFAULT_CHUNK_SIZE,
    };
    create_impl(vault, out, protection, opts, progress, &mut |f| Box::new(f))
}

/// **Test-only** costs for [`create_with_options`]. Only compiled with the `test-support` feature.
#[cfg(feature = "test-support")]
#[derive(Debug, Clone, Copy)]
pub struct TestOptions {
    /// Argon2id parameters of the file's own slot (mode 1); must be within the caps.
    pub kdf: KdfParams,
    /// Plaintext bytes per chunk (4 KiB..16 MiB).
    pub chunk_size: u32,
}

#[cfg(feature = "test-support")]
impl TestOptions {
    /// The vault's cheap test KDF parameters and the smallest chunk size.
    pub fn fast() -> Self {
        TestOptions {
            kdf: KdfParams::insecure_fast_for_tests(),
            chunk_size: MIN_CHUNK_SIZE,
        }
    }
}

/// **Test-only**: like [`create`] with chosen KDF parameters and chunk size. Only compiled with
/// the `test-support` feature; shipped code uses [`create`] (the vault's recommended KDF, 1 MiB chunks).
#[cfg(feature = "test-support")]
pub fn create_with_options(
    vault: &Vault,
    out: &Path,
    protection: Protection<'_>,
    options: TestOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupSummary, BackupError> {
    let opts = SealOptions {
        kdf: options.kdf,
        chunk_size: options.chunk_size,
    };
    create_impl(vault, out, protection, opts, progress, &mut |f| Box::new(f))
}

#[derive(Debug, Clone, Copy)]
struct SealOptions {
    kdf: KdfParams,
    chunk_size: u32,
}

/// Where sealed bytes go: a file, or (in unit tests) a writer that fails like a full disk.
trait Sink: Write {
    fn sync(&mut self) -> io::Result<()>;
}

impl Sink for File {
    fn sync(&mut self) -> io::Result<()> {
        self.sync_all()
    }
}

fn invalid_input(msg: &str) -> BackupError {
    BackupError::Io(io::Error::new(io::ErrorKind::InvalidInput, msg.to_owned()))
}

/// `<path>.tmp`, beside it.
fn with_suffix(path: &Path, suffix: &str) -> Result<PathBuf, BackupError> {
    let name = path
        .file_name()
        .ok_or_else(|| invalid_input("the backup path names no file"))?;
    let mut n = OsString::from(name);
    n.push(suffix);
    Ok(parent_of(path).join(n))
}

fn create_impl(
    vault: &Vault,
    out: &Path,
    protection: Protection<'_>,
    opts: SealOptions,
    progress: &mut dyn FnMut(Progress),
    wrap: &mut dyn FnMut(File) -> Box<dyn Sink>,
) -> Result<BackupSummary, BackupError> {
    if !(MIN_CHUNK_SIZE..=MAX_CHUNK_SIZE).contains(&opts.chunk_size) {
        return Err(invalid_input("chunk size out of bounds"));
    }
    if !opts.kdf.within_caps() {
        return Err(invalid_input("KDF parameters out of bounds"));
    }
    if fs::symlink_metadata(out).is_ok() {
        return Err(BackupError::AlreadyExists(out.to_path_buf()));
    }
    let parent = parent_of(out);
    if !parent.is_dir() {
        return Err(BackupError::NotFound(parent));
    }
    let tmp = with_suffix(out, ".tmp")?;

    // 1. Snapshot, inside the vault folder (it stays encrypted under the data key).
    progress(Progress {
        stage: "snapshot",
        done_bytes: 0,
        total_bytes: 0,
    });
    let started = Instant::now();
    let snap = vault
        .dir()
        .join(format!(".sigilo-backup-{}.snapshot", random_hex(8)?));
    let snap_guard = Cleanup::file(snap.clone());
    vault.snapshot_to(&snap).map_err(|e| match e {
        // Never name the temporary snapshot in a message.
        sigilo_vault::VaultError::AlreadyExists(_) => {
            BackupError::Io(io::Error::other("the snapshot's temporary name was taken"))
        }
        other => other.into(),
    })?;
    let db_len = fs::metadata(&snap)?.len();
    let snapshot_ms = started.elapsed().as_millis() as u64;
    progress(Progress {
        stage: "snapshot",
        done_bytes: db_len,
        total_bytes: db_len,
    });
    let keyslots = vault.keyslots_bytes()?;
    let data_key = vault.data_key();
    let payload_len = archive_len(keyslots.len() as u64, db_len);
    if sealed_len(payload_len, opts.chunk_size).is_none() {
        return Err(invalid_input("the vault is too large for this chunk size"));
    }

    // 2. Keys and header.
    let mut seed = [0u8; SEED_LEN];
    fill_random(&mut seed)?;
    let mut nonce_prefix = [0u8; PREFIX_LEN];
    fill_random(&mut nonce_prefix)?;
    let (ikm, key): (Key, KeyBlock) = match protection {
        Protection::Passphrase(p) => {
            let mut salt = vec![0u8; SALT_LEN];
            fill_random(&mut salt)?;
            let ikm = argon2id(p.expose().as_bytes(), &salt, &opts.kdf)?;
            (
                ikm,
                KeyBlock::Passphrase {
                    kdf: opts.kdf,
                    salt,
                },
            )
        }
        Protection::VaultKey => (
            vault.backup_root_key(),
            KeyBlock::VaultKeyslots(keyslots.clone()),
        ),
    };
    let header = Header {
        version: FORMAT_VERSION,
        chunk_size: opts.chunk_size,
        seed,
        nonce_prefix,
        payload_len,
        schema_version: vault.schema_version()?,
        created_at: sigilo_vault::now_rfc3339(),
        vault_id: vault.vault_id().to_owned(),
        key,
    };
    let body = header.encode_body()?;
    let keys = derive_file_keys(&ikm, &seed);
    let mac = header_mac(&keys.header, &body);
    let raw = RawHeader { header, body, mac };

    // 3. Seal to `<out>.tmp`.
    let started = Instant::now();
    let _ = fs::remove_file(&tmp); // a stale one from a crash
    let mut tmp_guard = Cleanup::file(tmp.clone());
    let mut sink = wrap(create_private_file(&tmp)?);
    sink.write_all(&raw.body)?;
    sink.write_all(&raw.mac)?;
    let mut sealer = Sealer::new(
        sink,
        &keys.payload,
        nonce_prefix,
        raw.associated_data(),
        opts.chunk_size,
    );
    let ks_len = keyslots.len() as u64;
    sealer.write_all(&entry_header(KEYSLOTS, ks_len))?;
    sealer.write_all(&keyslots)?;
    sealer.write_all(&entry_header(DATA_KEY, 32))?;
    sealer.write_all(data_key.expose())?;
    sealer.write_all(&entry_header(DATABASE, db_len))?;
    let base = archive_len(ks_len, 0) - END.len() as u64;
    let mut snap_file = File::open(&snap)?;
    sealer.copy_from(&mut snap_file, db_len, &mut |n| {
        progress(Progress {
            stage: "seal",
            done_bytes: base + n,
            total_bytes: payload_len,
        })
    })?;
    drop(snap_file);
    sealer.write_all(&END)?;
    let mut sink = sealer.finish()?;
    sink.sync()?;
    drop(sink);
    rename_noreplace(&tmp, out)?;
    tmp_guard.keep();
    let mut out_guard = Cleanup::file(out.to_path_buf());
    sync_dir(&parent)?;
    drop(snap_guard);
    let seal_ms = started.elapsed().as_millis() as u64;

    // 4. Verify what reached the disk (no second Argon2 run).
    let report = open_and_check(out, &KeySource::Ikm(&ikm), "verify", progress)?;
    if !report.integrity_ok {
        return Err(damaged(
            "the database in the new backup failed its integrity check (the vault itself may be damaged; run a vault check)",
        ));
    }
    out_guard.keep();
    Ok(BackupSummary {
        path: out.to_path_buf(),
        bytes: report.info.file_size,
        payload_bytes: payload_len,
        snapshot_ms,
        seal_ms,
    })
}

/// Opens a backup file for reading; a missing file is `NotFound(path)`.
fn open_backup(path: &Path) -> Result<(File, u64), BackupError> {
    match File::open(path) {
        Ok(f) => {
            let meta = f.metadata()?;
            if meta.is_dir() {
                return Err(BackupError::NotABackup);
            }
            Ok((f, meta.len()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(BackupError::NotFound(path.to_path_buf()))
        }
        Err(e) => Err(e.into()),
    }
}

fn info_from(h: &Header, file_size: u64) -> BackupInfo {
    let (key_mode, kdf) = match &h.key {
        KeyBlock::Passphrase { kdf, .. } => (KeyMode::Passphrase, Some(*kdf)),
        KeyBlock::VaultKeyslots(_) => (KeyMode::VaultKeyslots, None),
    };
    BackupInfo {
        format_version: h.version,
        key_mode,
        kdf,
        created_at: h.created_at.clone(),
        vault_id: h.vault_id.clone(),
        schema_version: h.schema_version,
        chunk_size: h.chunk_size,
        file_size,
    }
}

/// Reads the header, derives the keys, checks the MAC and that the file's size is the one the header
/// implies (a cheap early answer for truncation or appended bytes; the chunks check it again).
fn open_file(
    path: &Path,
    source: &KeySource<'_>,
) -> Result<(RawHeader, Opener<File>, u64), BackupError> {
    let (mut f, file_size) = open_backup(path)?;
    let raw = read_header(&mut f)?;
    let keys = open_header(&raw, source)?;
    let h = &raw.header;
    let expected = sealed_len(h.payload_len, h.chunk_size).and_then(|n| n.checked_add(raw.len()));
    if expected != Some(file_size) {
        return Err(damaged(
            "its size does not match its header (it is truncated or has bytes appended)",
        ));
    }
    let op = Opener::new(
        f,
        &keys.payload,
        h.nonce_prefix,
        raw.associated_data(),
        h.chunk_size,
        h.payload_len,
    );
    Ok((raw, op, file_size))
}

/// A private scratch folder for a database taken out of a backup: beside `near` if possible, else in
/// the system's temporary folder. The database stays SQLCipher-encrypted there.
fn scratch_dir(near: &Path) -> Result<Cleanup, BackupError> {
    let name = format!(".sigilo-verify-{}", random_hex(8)?);
    for base in [parent_of(near), std::env::temp_dir()] {
        let dir = base.join(&name);
        if create_private_dir(&dir).is_ok() {
            return Ok(Cleanup::dir(dir));
        }
    }
    Err(BackupError::Io(io::Error::other(
        "no writable folder for the verification's scratch copy",
    )))
}

fn open_and_check(
    path: &Path,
    source: &KeySource<'_>,
    stage: &'static str,
    progress: &mut dyn FnMut(Progress),
) -> Result<VerifyReport, BackupError> {
    let (raw, op, file_size) = open_file(path, source)?;
    let total = raw.header.payload_len;
    let scratch = scratch_dir(path)?;
    let db_path = scratch.path().join(DATABASE);
    let mut db = create_private_file(&db_path)?;
    let (contents, payload_bytes) = read_archive(op, &mut db, &mut |n| {
        progress(Progress {
            stage,
            done_bytes: n,
            total_bytes: total,
        })
    })?;
    db.flush()?;
    drop(db);
    let integrity_ok = database_ok(&db_path, &contents.data_key)?;
    drop(scratch);
    Ok(VerifyReport {
        info: info_from(&raw.header, file_size),
        payload_bytes,
        integrity_ok,
    })
}

/// Runs the SQLCipher and SQLite integrity checks on a database with its data key.
fn database_ok(db_path: &Path, data_key: &Key) -> Result<bool, BackupError> {
    match sigilo_vault::check_database(db_path, data_key) {
        Ok(report) => Ok(report.ok),
        Err(sigilo_vault::VaultError::Damaged(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Reads the header's fields; needs no secret (they are authenticated only once a secret opens the file).
pub fn info(path: &Path) -> Result<BackupInfo, BackupError> {
    let (mut f, file_size) = open_backup(path)?;
    let raw = read_header(&mut f)?;
    Ok(info_from(&raw.header, file_size))
}

/// Decrypts and checks the whole file, then the database inside (`PRAGMA cipher_integrity_check`
/// and `PRAGMA integrity_check` with the sealed data key), without restoring anything.
///
/// `Ok` with `integrity_ok: false` means the file is intact but the vault it holds was already
/// damaged when backed up.
pub fn verify(
    path: &Path,
    secret: &BackupSecret,
    progress: &mut dyn FnMut(Progress),
) -> Result<VerifyReport, BackupError> {
    open_and_check(path, &KeySource::Secret(secret), "verify", progress)
}

/// Restores the vault in the backup to `to`.
///
/// The whole file is decrypted and checked into a new folder beside `to` first; nothing is written
/// at `to` before that succeeded. A missing or empty `to` receives it by rename. An existing vault is
/// replaced only with `replace`, and only while no process has it open (else `Busy`): the folders are
/// swapped atomically where the OS allows (Linux), the old one kept as `<to>.previous-<unix time>`
/// until the new one passes its integrity check, then removed. The restored vault opens with the
/// passphrase and recovery code it had when backed up.
pub fn restore(
    path: &Path,
    secret: &BackupSecret,
    to: &Path,
    replace: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupInfo, BackupError> {
    restore_impl(path, secret, to, replace, progress, &mut |f| Box::new(f))
}

fn restore_impl(
    path: &Path,
    secret: &BackupSecret,
    to: &Path,
    replace: bool,
    progress: &mut dyn FnMut(Progress),
    wrap: &mut dyn FnMut(File) -> Box<dyn Sink>,
) -> Result<BackupInfo, BackupError> {
    let name = to
        .file_name()
        .ok_or_else(|| invalid_input("the restore destination names no folder"))?
        .to_os_string();
    let parent = parent_of(to);
    if !parent.is_dir() {
        return Err(BackupError::NotFound(parent));
    }
    let replacing = match fs::symlink_metadata(to) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e.into()),
        Ok(m) if m.is_dir() && fs::read_dir(to)?.next().is_none() => false,
        Ok(m) if replace && m.is_dir() && Vault::exists(to) => true,
        Ok(_) => return Err(BackupError::AlreadyExists(to.to_path_buf())),
    };
    if replacing {
        // Answer "busy" before the long decryption; taken again for the swap itself.
        drop(lock_exclusive(to)?);
    }

    let (raw, op, file_size) = open_file(path, &KeySource::Secret(secret))?;
    let total = raw.header.payload_len;
    let mut staging_name = OsString::from(".");
    staging_name.push(&name);
    staging_name.push(format!(".restore-{}", random_hex(8)?));
    let staging = parent.join(staging_name);
    create_private_dir(&staging)?;
    let mut staging_guard = Cleanup::dir(staging.clone());
    let db_path = staging.join(DATABASE);
    let mut db = wrap(create_private_file(&db_path)?);
    let (contents, _) = read_archive(op, &mut db, &mut |n| {
        progress(Progress {
            stage: "restore",
            done_bytes: n,
            total_bytes: total,
        })
    })?;
    db.sync()?;
    drop(db);
    let mut ks = create_private_file(&staging.join(sigilo_vault::files::KEYSLOTS))?;
    ks.write_all(&contents.keyslots)?;
    ks.sync_all()?;
    drop(ks);
    if !database_ok(&db_path, &contents.data_key)? {
        return Err(damaged(
            "the database inside the backup fails its integrity check",
        ));
    }
    sync_dir(&staging)?;

    if !replacing {
        if to.is_dir() {
            fs::remove_dir(to)?; // empty, checked above
        }
        rename_noreplace(&staging, to)?;
        staging_guard.keep();
        sync_dir(&parent)?;
        return Ok(info_from(&raw.header, file_size));
    }

    let lock = lock_exclusive(to)?;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut previous_name = name.clone();
    previous_name.push(format!(".previous-{secs}"));
    let previous = parent.join(previous_name);
    let exchanged = exchange(&staging, to)?;
    if exchanged {
        // `staging` now holds the old vault: never delete it from here on.
        staging_guard.keep();
        sync_dir(&parent)?;
        rename_noreplace(&staging, &previous)?;
    } else {
        rename_noreplace(to, &previous)?;
        if let Err(e) = rename_noreplace(&staging, to) {
            let _ = fs::rename(&previous, to);
            return Err(e);
        }
        staging_guard.keep();
    }
    sync_dir(&parent)?;
    drop(lock);

    // Keep the old vault until the new one opens with its data key and passes the checks.
    if database_ok(&to.join(DATABASE), &contents.data_key)? {
        fs::remove_dir_all(&previous)?;
        sync_dir(&parent)?;
        Ok(info_from(&raw.header, file_size))
    } else {
        // Put the old vault back (the new one is moved aside, then removed).
        let _ = exchange(&previous, to).and_then(|done| {
            if done {
                fs::remove_dir_all(&previous)
            } else {
                fs::remove_dir_all(to).and_then(|()| fs::rename(&previous, to))
            }
        });
        let _ = sync_dir(&parent);
        Err(damaged(
            "the restored vault did not pass its integrity check; the previous vault was put back",
        ))
    }
}

/// Takes `<dir>/sigilo.lock` exclusively, or answers `Busy` if any handle has the vault open.
fn lock_exclusive(dir: &Path) -> Result<File, BackupError> {
    let f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(sigilo_vault::files::LOCK))?;
    match f.try_lock() {
        Ok(()) => Ok(f),
        Err(fs::TryLockError::WouldBlock) => Err(BackupError::Busy),
        Err(fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use sigilo_vault::{Migrations, Secret};

    const SCHEMA: &[Migrations] = &[Migrations {
        domain: "t",
        steps: &["CREATE TABLE t (x BLOB)"],
    }];

    /// A disk that fills up after `room` bytes (or whose fsync fails).
    struct FullDisk {
        inner: File,
        room: usize,
        fail_sync: bool,
    }

    impl Write for FullDisk {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "no space left on device",
                ));
            }
            let n = self.inner.write(&b[..b.len().min(self.room)])?;
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    impl Sink for FullDisk {
        fn sync(&mut self) -> io::Result<()> {
            if self.fail_sync {
                return Err(io::Error::other("fsync failed"));
            }
            self.inner.sync_all()
        }
    }

    #[test]
    fn a_full_disk_or_failed_fsync_while_creating_or_restoring_leaves_no_partial_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let pw = Secret::new("pw".to_owned());
        let (v, _) =
            Vault::create_with_kdf(&dir, &pw, SCHEMA, KdfParams::insecure_fast_for_tests())
                .unwrap();
        v.conn()
            .execute("INSERT INTO t VALUES (randomblob(50000))", [])
            .unwrap();
        let vault_files = fs::read_dir(&dir).unwrap().count();
        let opts = SealOptions {
            kdf: KdfParams::insecure_fast_for_tests(),
            chunk_size: MIN_CHUNK_SIZE,
        };
        let out = tmp.path().join("b.sigilobak");
        for (room, fail_sync) in [
            (0, false),
            (10, false),
            (150, false),
            (5000, false),
            (40_000, false),
            (usize::MAX, true),
        ] {
            for protection in [Protection::Passphrase(&pw), Protection::VaultKey] {
                let r = create_impl(&v, &out, protection, opts, &mut |_| {}, &mut |f| {
                    Box::new(FullDisk {
                        inner: f,
                        room,
                        fail_sync,
                    })
                });
                match r {
                    Err(BackupError::Io(_)) => {}
                    other => panic!("room {room}: {other:?}"),
                }
                let left: Vec<_> = fs::read_dir(tmp.path())
                    .unwrap()
                    .map(|e| e.unwrap().file_name())
                    .collect();
                assert_eq!(left, vec![OsString::from("vault")], "room {room}");
                assert_eq!(fs::read_dir(&dir).unwrap().count(), vault_files);
            }
        }
        // Restoring onto a disk that fills up (or fails to sync) leaves no folder behind either.
        create_impl(
            &v,
            &out,
            Protection::Passphrase(&pw),
            opts,
            &mut |_| {},
            &mut |f| Box::new(f),
        )
        .unwrap();
        let to = tmp.path().join("restored");
        let secret = BackupSecret::Passphrase(Secret::new("pw".to_owned()));
        for (room, fail_sync) in [
            (0, false),
            (4096, false),
            (30_000, false),
            (usize::MAX, true),
        ] {
            let r = restore_impl(&out, &secret, &to, false, &mut |_| {}, &mut |f| {
                Box::new(FullDisk {
                    inner: f,
                    room,
                    fail_sync,
                })
            });
            assert!(matches!(r, Err(BackupError::Io(_))), "room {room}: {r:?}");
            let mut left: Vec<_> = fs::read_dir(tmp.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            left.sort();
            assert_eq!(
                left,
                vec![OsString::from("b.sigilobak"), OsString::from("vault")]
            );
        }
        restore_impl(&out, &secret, &to, false, &mut |_| {}, &mut |f| Box::new(f)).unwrap();
        fs::remove_file(&out).unwrap();
        // The same call with a healthy disk succeeds.
        create_impl(
            &v,
            &out,
            Protection::VaultKey,
            opts,
            &mut |_| {},
            &mut |f| Box::new(f),
        )
        .unwrap();
        assert!(out.is_file());
    }
}
