//! `Vault`: create, open, lock, change passphrase, regenerate the recovery code, rotate the data key, check.

use crate::db::{self, DB_FILE};
use crate::error::{VaultError, damaged};
use crate::kdf::KdfParams;
use crate::keyslots::{
    self, KEYSLOTS_FILE, Key, KeyslotFile, KeyslotKind, data_key_aad, new_slot, open_slot,
    random_key,
};
use crate::recovery::RecoveryCode;
use crate::secret::{Passphrase, Secret};
use crate::{Migrations, Unlock};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// File name of the advisory lock file.
pub const LOCK_FILE: &str = "sigilo.lock";
/// How long `open` waits for a running key rotation to finish before answering `Busy`.
const OPEN_LOCK_WAIT: Duration = Duration::from_secs(5);

/// What `info()` reports. Contains no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VaultInfo {
    /// Random identifier of the vault, bound into every keyslot.
    pub vault_id: String,
    /// Absolute or as-given path of `sigilo.db`.
    pub database_path: PathBuf,
    /// Total number of migration steps applied (`PRAGMA user_version`).
    pub schema_version: u32,
    /// Applied version per domain.
    pub schema: BTreeMap<String, u32>,
    /// `PRAGMA cipher_version`.
    pub cipher_version: String,
    /// The keyslots, without their secrets.
    pub keyslots: Vec<KeyslotInfo>,
}

/// One keyslot as `info()` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyslotInfo {
    /// Passphrase or recovery code.
    pub kind: KeyslotKind,
    /// Its Argon2id parameters.
    pub kdf: KdfParams,
    /// When it was written (RFC 3339).
    pub created_at: String,
}

/// Result of [`Vault::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// True when no problem was found.
    pub ok: bool,
    /// One plain sentence per problem.
    pub problems: Vec<String>,
}

/// How long the phases of an unlock took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnlockTiming {
    /// Time spent in Argon2id (all keyslots tried).
    pub kdf: Duration,
    /// Everything else: reading keyslots, unwrapping, opening and keying the database, PRAGMAs, migrations.
    pub rest: Duration,
}

/// An unlocked vault: an open, keyed SQLCipher connection plus the keys needed to rewrap.
///
/// Holds `sigilo.lock` shared while it lives. Dropping it (or [`Vault::lock`])
/// closes the connection, wipes the keys and releases the lock, in that order.
pub struct Vault {
    // Field order is drop order: connection first, then keys, then the lock.
    conn: Connection,
    data_key: Key,
    vault_key: Key,
    vault_id: String,
    dir: PathBuf,
    new_wrap_kdf: KdfParams,
    lock_file: File,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.dir)
            .field("vault_id", &self.vault_id)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Whether `dir` holds a keyslot file.
    pub fn exists(dir: &Path) -> bool {
        dir.join(KEYSLOTS_FILE).is_file()
    }

    /// Creates a vault in `dir` (missing or without a vault in it), protected by
    /// `passphrase`, and returns it unlocked with a fresh recovery code to show once.
    pub fn create(
        dir: &Path,
        passphrase: &Passphrase,
        schema: &[Migrations],
    ) -> Result<(Vault, RecoveryCode), VaultError> {
        Self::create_inner(dir, passphrase, schema, KdfParams::recommended())
    }

    /// **Test-only**: like [`Vault::create`] with chosen KDF parameters (for every
    /// wrap this handle makes). Only compiled with the `test-support` feature.
    #[cfg(feature = "test-support")]
    pub fn create_with_kdf(
        dir: &Path,
        passphrase: &Passphrase,
        schema: &[Migrations],
        kdf: KdfParams,
    ) -> Result<(Vault, RecoveryCode), VaultError> {
        Self::create_inner(dir, passphrase, schema, kdf)
    }

    /// **Test-only**: KDF parameters for the wraps this handle makes from now on
    /// (passphrase change, recovery-code regeneration). Only with `test-support`.
    #[cfg(feature = "test-support")]
    pub fn set_kdf_for_new_wraps(&mut self, kdf: KdfParams) {
        self.new_wrap_kdf = kdf;
    }

    fn create_inner(
        dir: &Path,
        passphrase: &Passphrase,
        schema: &[Migrations],
        kdf: KdfParams,
    ) -> Result<(Vault, RecoveryCode), VaultError> {
        kdf.check_caps()?;
        if dir.exists() {
            if !dir.is_dir() {
                return Err(VaultError::AlreadyExists(dir.to_path_buf()));
            }
            for name in [KEYSLOTS_FILE, DB_FILE, "sigilo.db-wal", "sigilo.db-journal"] {
                if dir.join(name).exists() {
                    return Err(VaultError::AlreadyExists(dir.to_path_buf()));
                }
            }
        }
        // All key material and both Argon2 runs before anything touches the disk.
        let vault_id = uuid::Uuid::new_v4().to_string();
        let vault_key = random_key()?;
        let data_key = random_key()?;
        let code = RecoveryCode::generate()?;
        let pass_slot = new_slot(
            &vault_id,
            KeyslotKind::Passphrase,
            passphrase.expose().as_bytes(),
            &vault_key,
            kdf,
        )?;
        let rec_slot = new_slot(
            &vault_id,
            KeyslotKind::RecoveryCode,
            code.bytes(),
            &vault_key,
            kdf,
        )?;
        let wrapped_dk = keyslots::wrap(&vault_key, &data_key, &data_key_aad(&vault_id))?;
        let file = KeyslotFile {
            format: keyslots::FORMAT_NAME.into(),
            version: keyslots::FORMAT_VERSION,
            vault_id: vault_id.clone(),
            created_at: crate::now_rfc3339(),
            slots: vec![pass_slot, rec_slot],
            data_key: wrapped_dk,
            pending_data_key: None,
        };

        fs::create_dir_all(dir)?;
        let db_path = dir.join(DB_FILE);
        // Reserve the database name: fails if another creator got there first.
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&db_path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(VaultError::AlreadyExists(dir.to_path_buf()));
            }
            Err(e) => return Err(e.into()),
        }
        let built = (|| -> Result<Vault, VaultError> {
            let lock_file = open_lock_shared(dir)?;
            let mut conn = db::open_keyed(&db_path, &data_key, true)?;
            db::configure(&conn)?;
            db::init_bookkeeping(&conn)?;
            db::migrate(&mut conn, schema)?;
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            // The keyslot file is the commit point of creation.
            file.write_atomic(dir)?;
            Ok(Vault {
                conn,
                data_key,
                vault_key,
                vault_id,
                dir: dir.to_path_buf(),
                new_wrap_kdf: kdf,
                lock_file,
            })
        })();
        match built {
            Ok(v) => Ok((v, code)),
            Err(e) => {
                for name in [
                    DB_FILE,
                    "sigilo.db-wal",
                    "sigilo.db-shm",
                    "sigilo.db-journal",
                ] {
                    let _ = fs::remove_file(dir.join(name));
                }
                Err(e)
            }
        }
    }

    /// Unlocks the vault in `dir` and brings its schema up to date.
    ///
    /// Nothing in the folder is created or modified unless the secret opens a keyslot.
    pub fn open(dir: &Path, secret: &Unlock, schema: &[Migrations]) -> Result<Vault, VaultError> {
        Self::open_timed(dir, secret, schema).map(|(v, _)| v)
    }

    /// Like [`Vault::open`], also reporting how long key derivation and the rest took.
    pub fn open_timed(
        dir: &Path,
        secret: &Unlock,
        schema: &[Migrations],
    ) -> Result<(Vault, UnlockTiming), VaultError> {
        let start = Instant::now();
        if !dir.is_dir() && !repair_interrupted_restore(dir) {
            return Err(VaultError::NotFound(dir.to_path_buf()));
        }
        let file = KeyslotFile::read(dir)?;
        let (vault_key, kdf_time) = unlock_vault_key(&file, secret)?;

        // The secret is right. Only now touch the folder.
        let db_path = dir.join(DB_FILE);
        if !db_path.is_file() {
            return Err(damaged(
                "the vault folder has a keyslot file but no database (sigilo.db)",
            ));
        }
        let lock_file = open_lock_shared_waiting(dir)?;
        // Re-read under the lock: a key rotation may have completed since the first read.
        // The vault key does not change with rotation, so no second Argon2 run is needed.
        let file = KeyslotFile::read(dir)?;
        let aad = data_key_aad(&file.vault_id);
        let data_key = keyslots::unwrap(&vault_key, &file.data_key, &aad)?
            .ok_or_else(|| damaged("the wrapped data key does not decrypt under the vault key"))?;
        let pending = match &file.pending_data_key {
            Some(w) => keyslots::unwrap(&vault_key, w, &aad)?,
            None => None,
        };

        let mut conn = db::open_keyed(&db_path, &data_key, false)?;
        let mut data_key = data_key;
        if !db::key_works(&conn)? {
            let Some(pending_key) = pending.as_ref() else {
                return Err(undecryptable());
            };
            drop(conn);
            conn = db::open_keyed(&db_path, pending_key, false)?;
            if !db::key_works(&conn)? {
                return Err(undecryptable());
            }
            data_key = Secret::new(*pending_key.expose());
        }
        // SQLCipher answers `page_size` as text (it routes it to `cipher_page_size`).
        let page_size: String = conn.query_row("PRAGMA page_size", [], |r| {
            r.get::<_, rusqlite::types::Value>(0).map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                _ => String::new(),
            })
        })?;
        let page_size: u64 = page_size.trim().parse().unwrap_or(0);
        let file_len = fs::metadata(&db_path)?.len();
        if page_size == 0 || file_len % page_size != 0 {
            return Err(damaged(
                "the database file is truncated (its size is not a whole number of pages)",
            ));
        }
        if !db::is_vault(&conn)? {
            return Err(damaged("the database is empty or is not a Sigilo vault"));
        }
        if let Some(pending_wrapped) = &file.pending_data_key {
            // An interrupted rotation: keep whichever key opened the database as current.
            let mut fixed = file.clone();
            let promote = pending
                .as_ref()
                .is_some_and(|p| p.expose() == data_key.expose());
            if promote {
                fixed.data_key = pending_wrapped.clone();
            }
            fixed.pending_data_key = None;
            fixed.write_atomic(dir)?;
        }
        db::configure(&conn)?;
        db::migrate(&mut conn, schema)?;
        let vault = Vault {
            conn,
            data_key,
            vault_key,
            vault_id: file.vault_id,
            dir: dir.to_path_buf(),
            new_wrap_kdf: KdfParams::recommended(),
            lock_file,
        };
        let rest = start.elapsed().saturating_sub(kdf_time);
        Ok((
            vault,
            UnlockTiming {
                kdf: kdf_time,
                rest,
            },
        ))
    }

    /// The keyed connection.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The keyed connection, mutably (for transactions).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The vault folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads the current keyslot file and checks it still belongs to this vault and this data key.
    fn current_keyslots(&self) -> Result<KeyslotFile, VaultError> {
        let file = KeyslotFile::read(&self.dir)?;
        if file.vault_id != self.vault_id {
            return Err(damaged("the keyslot file now belongs to a different vault"));
        }
        Ok(file)
    }

    /// Describes the vault (no secrets).
    pub fn info(&self) -> Result<VaultInfo, VaultError> {
        let file = self.current_keyslots()?;
        let schema_version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(VaultInfo {
            vault_id: self.vault_id.clone(),
            database_path: self.dir.join(DB_FILE),
            schema_version: u32::try_from(schema_version).unwrap_or(0),
            schema: db::stored_versions(&self.conn)?,
            cipher_version: db::cipher_version(&self.conn)?,
            keyslots: file
                .slots
                .iter()
                .map(|s| KeyslotInfo {
                    kind: s.kind,
                    kdf: s.kdf.params(),
                    created_at: s.created_at.clone(),
                })
                .collect(),
        })
    }

    /// Replaces the passphrase keyslot(s) with one for `new` (fresh salt, current KDF defaults).
    /// The database is not rewritten; the recovery code keeps working.
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<(), VaultError> {
        let mut file = self.current_keyslots()?;
        let slot = new_slot(
            &self.vault_id,
            KeyslotKind::Passphrase,
            new.expose().as_bytes(),
            &self.vault_key,
            self.new_wrap_kdf,
        )?;
        file.slots.retain(|s| s.kind != KeyslotKind::Passphrase);
        file.slots.insert(0, slot);
        file.write_atomic(&self.dir)
    }

    /// Replaces the recovery-code keyslot with one for a fresh code, returned to be shown once.
    /// The old code stops working.
    pub fn regenerate_recovery_code(&mut self) -> Result<RecoveryCode, VaultError> {
        let mut file = self.current_keyslots()?;
        let code = RecoveryCode::generate()?;
        let slot = new_slot(
            &self.vault_id,
            KeyslotKind::RecoveryCode,
            code.bytes(),
            &self.vault_key,
            self.new_wrap_kdf,
        )?;
        file.slots.retain(|s| s.kind != KeyslotKind::RecoveryCode);
        file.slots.push(slot);
        file.write_atomic(&self.dir)?;
        Ok(code)
    }

    /// Re-encrypts the database under a new random data key.
    ///
    /// Needs exclusive use of the vault: `Busy` if any other handle (in this or
    /// another process) has it open. Crash-safe protocol (see `docs/vault-format.md`):
    /// 1. keyslots gain `pending_data_key` (new key wrapped under the vault key);
    /// 2. `PRAGMA rekey`;
    /// 3. keyslots get the new key as `data_key` and lose `pending_data_key`.
    ///
    /// Open tries the current key, then the pending one, and finishes the promotion.
    pub fn rotate_data_key(&mut self) -> Result<(), VaultError> {
        self.lock_file.unlock()?;
        match self.lock_file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                self.lock_file.lock_shared()?;
                return Err(VaultError::Busy);
            }
            Err(TryLockError::Error(e)) => {
                self.lock_file.lock_shared()?;
                return Err(e.into());
            }
        }
        let result = self.rotate_exclusive();
        // Back to shared (unlock first: converting a held lock in place is not portable).
        let relock = self
            .lock_file
            .unlock()
            .and_then(|()| self.lock_file.lock_shared());
        result?;
        relock?;
        Ok(())
    }

    fn rotate_exclusive(&mut self) -> Result<(), VaultError> {
        let mut file = self.current_keyslots()?;
        let aad = data_key_aad(&self.vault_id);
        let new_key = random_key()?;
        let wrapped_new = keyslots::wrap(&self.vault_key, &new_key, &aad)?;
        // (1) Record the pending key before the database changes.
        file.pending_data_key = Some(wrapped_new.clone());
        file.write_atomic(&self.dir)?;
        // (2) Re-encrypt.
        if let Err(e) = db::rekey(&self.conn, &new_key) {
            if db::key_works(&self.conn).unwrap_or(false) {
                // Still under the old key: forget the pending one (best effort; open also cleans up).
                file.pending_data_key = None;
                let _ = file.write_atomic(&self.dir);
            }
            return Err(e);
        }
        self.data_key = new_key;
        // (3) Promote.
        file.data_key = wrapped_new;
        file.pending_data_key = None;
        file.write_atomic(&self.dir)
    }

    /// The SQLCipher raw key as 64 hex digits (`PRAGMA key = "x'<this>'"` opens the database).
    pub fn raw_key_hex(&self) -> Secret<String> {
        Secret::new(hex::encode(self.data_key.expose()))
    }

    /// The vault's id (as in `keyslots.json`).
    pub fn vault_id(&self) -> &str {
        &self.vault_id
    }

    /// The total number of migration steps applied (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32, VaultError> {
        let v: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        u32::try_from(v).map_err(|_| damaged("the schema version is out of range"))
    }

    /// The SQLCipher raw data key (DK). Sealed into backups so `verify` can check the database.
    pub fn data_key(&self) -> Secret<[u8; 32]> {
        Secret::new(*self.data_key.expose())
    }

    /// The backup root key: `HMAC-SHA256(VK, "sigilo backup v1 root")`. Automatic backups are sealed
    /// under keys derived from it, so no passphrase needs to stay in memory (docs/backup-format.md).
    pub fn backup_root_key(&self) -> Secret<[u8; 32]> {
        backup_root_from_vault_key(&self.vault_key)
    }

    /// The current `keyslots.json`, byte for byte, after checking it parses and belongs to this vault
    /// and still wraps the data key in use.
    pub fn keyslots_bytes(&self) -> Result<Vec<u8>, VaultError> {
        let bytes = keyslots::read_bytes(&self.dir)?;
        let file = KeyslotFile::parse(&bytes)?;
        if file.vault_id != self.vault_id {
            return Err(damaged("the keyslot file now belongs to a different vault"));
        }
        match keyslots::unwrap(
            &self.vault_key,
            &file.data_key,
            &data_key_aad(&file.vault_id),
        )? {
            Some(k) if k.expose() == self.data_key.expose() => Ok(bytes),
            _ => Err(damaged("the wrapped data key is not the key in use")),
        }
    }

    /// Writes a consistent copy of the database to `path` (which must not exist) with `VACUUM INTO`
    /// on this keyed connection: the copy is encrypted under the same data key, has no WAL, and
    /// includes every committed transaction, even while other connections write.
    pub fn snapshot_to(&self, path: &Path) -> Result<(), VaultError> {
        if path.exists() {
            return Err(VaultError::AlreadyExists(path.to_path_buf()));
        }
        let target = path.to_str().ok_or_else(|| {
            VaultError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the snapshot path is not valid UTF-8",
            ))
        })?;
        self.conn.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    /// Verifies the database (`PRAGMA cipher_integrity_check`, `PRAGMA integrity_check`) and the keyslots.
    pub fn check(&self) -> Result<CheckReport, VaultError> {
        let mut problems = Vec::new();
        database_problems(&self.conn, &mut problems);
        match KeyslotFile::read(&self.dir) {
            Err(e) => problems.push(format!("keyslot file: {e}")),
            Ok(file) => {
                if file.vault_id != self.vault_id {
                    problems.push("keyslot file belongs to a different vault".into());
                }
                for (i, s) in file.slots.iter().enumerate() {
                    if !s.kdf.params().within_caps() {
                        problems.push(format!("keyslot {i}: KDF parameters out of bounds"));
                    }
                }
                for kind in [KeyslotKind::Passphrase, KeyslotKind::RecoveryCode] {
                    if !file.slots.iter().any(|s| s.kind == kind) {
                        problems.push(format!("no {kind:?} keyslot"));
                    }
                }
                let aad = data_key_aad(&file.vault_id);
                match keyslots::unwrap(&self.vault_key, &file.data_key, &aad) {
                    Ok(Some(k)) if k.expose() == self.data_key.expose() => {}
                    Ok(Some(_)) => {
                        problems.push("the wrapped data key is not the key in use".into())
                    }
                    _ => problems
                        .push("the wrapped data key does not decrypt under the vault key".into()),
                }
                if file.pending_data_key.is_some() {
                    problems.push(
                        "an interrupted key rotation is recorded (reopen the vault to finish it)"
                            .into(),
                    );
                }
            }
        }
        Ok(CheckReport {
            ok: problems.is_empty(),
            problems,
        })
    }

    /// Closes the connection and wipes the keys (same as dropping the vault).
    pub fn lock(self) {
        let Vault {
            conn,
            data_key,
            vault_key,
            lock_file,
            ..
        } = self;
        if let Err((conn, _)) = conn.close() {
            drop(conn);
        }
        drop(data_key);
        drop(vault_key);
        drop(lock_file);
    }
}

/// Tries every keyslot of the secret's kind (KDF caps checked before Argon2 runs); returns the vault key
/// and the time spent in key derivation. `WrongSecret` if none opens, or the first damage found.
fn unlock_vault_key(file: &KeyslotFile, secret: &Unlock) -> Result<(Key, Duration), VaultError> {
    let (kind, secret_bytes): (KeyslotKind, &[u8]) = match secret {
        Unlock::Passphrase(p) => (KeyslotKind::Passphrase, p.expose().as_bytes()),
        Unlock::RecoveryCode(c) => (KeyslotKind::RecoveryCode, c.bytes()),
    };
    let mut kdf_time = Duration::ZERO;
    let mut first_damage = None;
    for slot in file.slots.iter().filter(|s| s.kind == kind) {
        if let Err(e) = slot.kdf.params().check_caps() {
            first_damage.get_or_insert(e);
            continue;
        }
        let t = Instant::now();
        let opened = open_slot(&file.vault_id, slot, secret_bytes);
        kdf_time += t.elapsed();
        match opened {
            Ok(Some(vk)) => return Ok((vk, kdf_time)),
            Ok(None) => {}
            Err(e) => {
                first_damage.get_or_insert(e);
            }
        }
    }
    Err(first_damage.unwrap_or(VaultError::WrongSecret))
}

/// The label of the backup root key: `HMAC-SHA256(VK, this)` (docs/backup-format.md, "Keys").
const BACKUP_ROOT_LABEL: &[u8] = b"sigilo backup v1 root";

fn backup_root_from_vault_key(vault_key: &Key) -> Secret<[u8; 32]> {
    use hmac::{Hmac, Mac};
    let mut out = Secret::new([0u8; 32]);
    // HMAC accepts keys of any length: `new_from_slice` cannot fail for a 32-byte key.
    if let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(vault_key.expose()) {
        mac.update(BACKUP_ROOT_LABEL);
        out.expose_mut()
            .copy_from_slice(&mac.finalize().into_bytes());
    }
    out
}

/// The backup root key of the vault whose `keyslots.json` is `keyslots_json`, unlocked with `secret`
/// (the vault's passphrase or recovery code as of that keyslot file). Used to open automatic
/// (vault-key) backups, which embed the keyslots. KDF caps are checked before Argon2 runs.
pub fn backup_root_key_from_keyslots(
    keyslots_json: &[u8],
    secret: &Unlock,
) -> Result<Secret<[u8; 32]>, VaultError> {
    let file = KeyslotFile::parse(keyslots_json)?;
    let (vault_key, _) = unlock_vault_key(&file, secret)?;
    Ok(backup_root_from_vault_key(&vault_key))
}

/// Opens a standalone SQLCipher database file with a raw data key and runs
/// `PRAGMA cipher_integrity_check` and `PRAGMA integrity_check` on it (e.g. a snapshot taken
/// out of a backup file). `Damaged` if the key does not open it or it is not a Sigilo vault database.
pub fn check_database(
    db_path: &Path,
    data_key: &Secret<[u8; 32]>,
) -> Result<CheckReport, VaultError> {
    if !db_path.is_file() {
        return Err(VaultError::NotFound(db_path.to_path_buf()));
    }
    let conn = db::open_keyed(db_path, data_key, false)?;
    if !db::key_works(&conn)? {
        return Err(undecryptable());
    }
    if !db::is_vault(&conn)? {
        return Err(damaged("the database is empty or is not a Sigilo vault"));
    }
    let mut problems = Vec::new();
    database_problems(&conn, &mut problems);
    Ok(CheckReport {
        ok: problems.is_empty(),
        problems,
    })
}

fn database_problems(conn: &Connection, problems: &mut Vec<String>) {
    match pragma_rows(conn, "PRAGMA cipher_integrity_check") {
        Ok(rows) => problems.extend(rows.into_iter().map(|r| format!("cipher integrity: {r}"))),
        Err(e) => problems.push(format!("cipher integrity check failed to run: {e}")),
    }
    match pragma_rows(conn, "PRAGMA integrity_check") {
        Ok(rows) => problems.extend(
            rows.into_iter()
                .filter(|r| r != "ok")
                .map(|r| format!("database integrity: {r}")),
        ),
        Err(e) => problems.push(format!("database integrity check failed to run: {e}")),
    }
}

/// A backup restore that replaces a vault without an atomic folder exchange (platforms other than
/// Linux) renames the old vault to `<dir>.previous-<unix seconds>` and then the new one to `<dir>`. A
/// crash between the two leaves no `<dir>`: put the newest whole previous vault back. Returns whether
/// `dir` now exists. See docs/backup-format.md ("Restore").
fn repair_interrupted_restore(dir: &Path) -> bool {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return false;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!("{}.previous-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return false;
    };
    let newest = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let stamp: u64 = n.strip_prefix(&prefix)?.parse().ok()?;
            Vault::exists(&e.path()).then_some((stamp, e.path()))
        })
        .max();
    match newest {
        Some((_, previous)) => fs::rename(previous, dir).is_ok() && dir.is_dir(),
        None => false,
    }
}

fn undecryptable() -> VaultError {
    damaged(
        "the database cannot be decrypted with the vault's key (it is truncated, corrupted, or from another vault)",
    )
}

fn pragma_rows(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

fn open_lock_file(dir: &Path) -> Result<File, VaultError> {
    Ok(OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))?)
}

/// Opens `sigilo.lock` and takes it shared, failing with `Busy` at once if it is held exclusively.
fn open_lock_shared(dir: &Path) -> Result<File, VaultError> {
    let f = open_lock_file(dir)?;
    match f.try_lock_shared() {
        Ok(()) => Ok(f),
        Err(TryLockError::WouldBlock) => Err(VaultError::Busy),
        Err(TryLockError::Error(e)) => Err(e.into()),
    }
}

/// Like [`open_lock_shared`], but waits up to a few seconds for a key rotation to finish.
fn open_lock_shared_waiting(dir: &Path) -> Result<File, VaultError> {
    let f = open_lock_file(dir)?;
    let deadline = Instant::now() + OPEN_LOCK_WAIT;
    loop {
        match f.try_lock_shared() {
            Ok(()) => return Ok(f),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => return Err(VaultError::Busy),
            Err(TryLockError::Error(e)) => return Err(e.into()),
        }
    }
}

/// File name marking a benchmark's unencrypted baseline folder (never a user's vault).
#[cfg(feature = "bench-baseline")]
const BASELINE_MARKER: &str = "UNENCRYPTED-BASELINE";

#[cfg(feature = "bench-baseline")]
impl Vault {
    /// **Benchmarks only**: a database in `dir` written by this same binary *without a key* (SQLCipher then
    /// behaves as plain SQLite), with the same PRAGMAs and migrations as a real vault. It is the fair baseline
    /// that shows encryption's cost; it has no keyslots and is marked by a file named `UNENCRYPTED-BASELINE`.
    #[cfg(feature = "bench-baseline")]
    pub fn create_unencrypted_baseline(
        dir: &Path,
        schema: &[Migrations],
    ) -> Result<Vault, VaultError> {
        if dir.join(DB_FILE).exists() || dir.join(KEYSLOTS_FILE).exists() {
            return Err(VaultError::AlreadyExists(dir.to_path_buf()));
        }
        fs::create_dir_all(dir)?;
        fs::write(
            dir.join(BASELINE_MARKER),
            b"plain SQLite baseline for benchmarks; not a vault\n",
        )?;
        Self::baseline(dir, schema, true)
    }

    /// **Benchmarks only**: reopens a folder made by [`Vault::create_unencrypted_baseline`].
    #[cfg(feature = "bench-baseline")]
    pub fn open_unencrypted_baseline(
        dir: &Path,
        schema: &[Migrations],
    ) -> Result<Vault, VaultError> {
        if !dir.join(BASELINE_MARKER).is_file() {
            return Err(VaultError::NotFound(dir.to_path_buf()));
        }
        Self::baseline(dir, schema, false)
    }

    fn baseline(dir: &Path, schema: &[Migrations], create: bool) -> Result<Vault, VaultError> {
        let lock_file = open_lock_shared(dir)?;
        let mut conn = db::open_raw(&dir.join(DB_FILE), create)?;
        db::configure(&conn)?;
        if create {
            db::init_bookkeeping(&conn)?;
        }
        db::migrate(&mut conn, schema)?;
        Ok(Vault {
            conn,
            data_key: random_key()?,
            vault_key: random_key()?,
            vault_id: BASELINE_MARKER.to_owned(),
            dir: dir.to_path_buf(),
            new_wrap_kdf: KdfParams::recommended(),
            lock_file,
        })
    }
}
