//! Encrypted backup files, the use cases over `sigilo-backup`: create (from an unlocked vault), read a file's
//! header, verify and restore (no unlocked vault needed), and the automatic generations written before a lock
//! and daily to a chosen folder, pruned by the retention policy in [`crate::generations`].

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sigilo_backup::{self as backup, BackupError, BackupSecret, Protection};
use sigilo_vault::{Passphrase, RecoveryCode};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::SecretString;
use crate::audit::Action;
use crate::dto::{
    AutoBackupLast, AutoBackupSettings, BackupInfo, BackupKeyMode, BackupProgress, BackupResult,
    BackupStage, KdfInfo, RestoreReport, UnlockKind, VerifyReport,
};
use crate::error::{ApiError, ErrorCode};
use crate::generations::{self, Generation};
use crate::session::{Session, check_new_passphrase};
use crate::settings::{record_auto_backup, remember_vault, settings_load};

/// Progress reports closer together than this are dropped (the first, the last of each stage and its end pass).
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

impl From<BackupError> for ApiError {
    fn from(e: BackupError) -> Self {
        let code = match &e {
            BackupError::WrongSecret => ErrorCode::WrongSecret,
            BackupError::NotABackup
            | BackupError::UnsupportedVersion(_)
            | BackupError::Damaged(_) => ErrorCode::Damaged,
            BackupError::Io(_) => ErrorCode::Io,
            BackupError::Busy => ErrorCode::Busy,
            BackupError::AlreadyExists(_) => ErrorCode::AlreadyExists,
            BackupError::NotFound(_) => ErrorCode::NotFound,
            BackupError::Vault(_) => {
                if let BackupError::Vault(inner) = e {
                    return ApiError::from(inner);
                }
                ErrorCode::Internal
            }
        };
        ApiError::new(code, e.to_string())
    }
}

fn stage(name: &str) -> BackupStage {
    match name {
        "snapshot" => BackupStage::Snapshot,
        "seal" => BackupStage::Seal,
        "restore" => BackupStage::Restore,
        _ => BackupStage::Verify,
    }
}

/// Wraps a progress callback: converts to the DTO and drops reports that come faster than the UI can use.
fn throttled(progress: &mut dyn FnMut(BackupProgress)) -> impl FnMut(backup::Progress) + '_ {
    let mut last: Option<(BackupStage, Instant)> = None;
    move |p: backup::Progress| {
        let report = BackupProgress {
            stage: stage(p.stage),
            // Never past the total, whatever the stage reports (a bar past 100 % helps nobody).
            done: if p.total_bytes > 0 {
                p.done_bytes.min(p.total_bytes)
            } else {
                p.done_bytes
            },
            total: p.total_bytes,
        };
        let now = Instant::now();
        let due = match last {
            None => true,
            Some((s, at)) => {
                s != report.stage
                    || report.done >= report.total
                    || now.duration_since(at) >= PROGRESS_EVERY
            }
        };
        if due {
            last = Some((report.stage, now));
            progress(report);
        }
    }
}

fn info_dto(i: backup::BackupInfo) -> BackupInfo {
    BackupInfo {
        format_version: u32::from(i.format_version),
        key_mode: match i.key_mode {
            backup::KeyMode::Passphrase => BackupKeyMode::Passphrase,
            backup::KeyMode::VaultKeyslots => BackupKeyMode::VaultKeyslots,
        },
        kdf: i.kdf.map(|k| KdfInfo {
            algorithm: "argon2id".into(),
            m_cost_kib: k.m_cost_kib,
            t_cost: k.t_cost,
            p_cost: k.p_cost,
        }),
        created_at: i.created_at,
        vault_id: i.vault_id,
        schema_version: i.schema_version,
        chunk_size: i.chunk_size,
        file_size: i.file_size,
    }
}

fn backup_secret(secret: &SecretString, kind: UnlockKind) -> Result<BackupSecret, ApiError> {
    Ok(match kind {
        UnlockKind::Passphrase => {
            BackupSecret::Passphrase(Passphrase::new(secret.expose().clone()))
        }
        UnlockKind::RecoveryCode => {
            BackupSecret::RecoveryCode(RecoveryCode::parse(secret.expose())?)
        }
    })
}

fn full_path(path: &Path, what: &str) -> Result<(), ApiError> {
    if path.as_os_str().is_empty() || !path.is_absolute() {
        return Err(ApiError::invalid(format!("{what}: give a full path")));
    }
    Ok(())
}

fn ms(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The header of the backup file at `path`: no secret needed (and nothing in it is authenticated yet).
pub fn backup_info(path: &Path) -> Result<BackupInfo, ApiError> {
    full_path(path, "backup file")?;
    Ok(info_dto(backup::info(path)?))
}

/// Decrypts and authenticates the whole file with its own secret (the backup's passphrase, or for an
/// automatic backup the vault's passphrase or recovery code), then runs the database's integrity check.
/// A file whose database fails that check is `damaged`.
pub fn backup_verify(
    path: &Path,
    secret: &SecretString,
    kind: UnlockKind,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<VerifyReport, ApiError> {
    full_path(path, "backup file")?;
    let secret = backup_secret(secret, kind)?;
    let report = backup::verify(path, &secret, &mut throttled(progress))?;
    if !report.integrity_ok {
        return Err(ApiError::new(
            ErrorCode::Damaged,
            "the database inside the backup fails its integrity check",
        ));
    }
    Ok(VerifyReport {
        info: info_dto(report.info),
        payload_bytes: report.payload_bytes,
        integrity_ok: report.integrity_ok,
    })
}

/// Restores the vault in the backup to `to`: a new (missing or empty) folder, or with `replace` a vault no
/// process has open (the caller locks its own first). The whole file is verified before anything is written.
/// The restored vault joins the recent list and opens with the secrets it had when it was backed up.
pub fn backup_restore(
    path: &Path,
    secret: &SecretString,
    kind: UnlockKind,
    to: &Path,
    replace: bool,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<RestoreReport, ApiError> {
    full_path(path, "backup file")?;
    full_path(to, "destination folder")?;
    let secret = backup_secret(secret, kind)?;
    let info = backup::restore(path, &secret, to, replace, &mut throttled(progress))?;
    // The recent list is a convenience: failing to save it must not fail the restore.
    let _ = remember_vault(to);
    Ok(RestoreReport {
        info: info_dto(info),
        to: to.to_string_lossy().into_owned(),
        vault_locked: false,
    })
}

/// Whether two paths name the same folder (both resolved when they exist).
pub fn same_folder(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    resolve(a) == resolve(b)
}

/// What asked for an automatic generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoTrigger {
    /// The vault is about to lock (lock button, shortcut, auto-lock).
    BeforeLock,
    /// The periodic daily check while unlocked.
    Daily,
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// Best effort: make a rename inside `dir` durable (a no-op where folders cannot be opened).
fn sync_dir(dir: &Path) {
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

impl Session {
    /// Writes a backup of this vault to `out` (a full path that must not exist yet), sealed under
    /// `passphrase` (its own Argon2id slot; at least the length a vault passphrase needs), or with `None`
    /// under a key derived from the vault key so that the vault's own passphrase or recovery code open it.
    /// The file is verified before this returns; the backup is recorded in the audit log.
    pub fn backup_create(
        &mut self,
        out: &Path,
        passphrase: Option<&SecretString>,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<BackupResult, ApiError> {
        full_path(out, "backup file")?;
        if out.is_dir() {
            return Err(ApiError::invalid(
                "backup file: this is a folder; add a file name",
            ));
        }
        let protection = match passphrase {
            Some(p) => {
                check_new_passphrase(p)?;
                Protection::Passphrase(p)
            }
            None => Protection::VaultKey,
        };
        let summary = backup::create(self.vault(), out, protection, &mut throttled(progress))?;
        self.record(Action::BackupCreated, "vault")?;
        Ok(BackupResult {
            path: summary.path.to_string_lossy().into_owned(),
            bytes: summary.bytes,
            payload_bytes: summary.payload_bytes,
            snapshot_ms: ms(summary.snapshot_ms),
            seal_ms: ms(summary.seal_ms),
        })
    }

    /// This vault's generations in `folder`: files named like one whose header names this vault. Files of
    /// other vaults, other names and unreadable headers are left alone.
    fn generations(&self, folder: &Path) -> Result<Vec<Generation>, ApiError> {
        let vault_id = self.vault().info()?.vault_id;
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(ApiError::new(
                    ErrorCode::Io,
                    format!("cannot read the backup folder: {e}"),
                ));
            }
        };
        Ok(entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_str()?.to_owned();
                let g = Generation::from_name(&name)?;
                let header = backup::info(&entry.path()).ok()?;
                (header.vault_id == vault_id).then_some(g)
            })
            .collect())
    }

    /// Writes an automatic generation if `settings` ask for one on `trigger` and (for the daily trigger) one
    /// is due at `now`; returns how it went, or `None` when nothing was due. The new generation is sealed
    /// under the vault key (no passphrase is kept in memory), verified under a temporary name and only then
    /// renamed in; only after that does the retention policy delete old generations, so a failed attempt
    /// never replaces or removes a good one.
    pub fn auto_backup_if_due(
        &mut self,
        settings: &AutoBackupSettings,
        now: OffsetDateTime,
        trigger: AutoTrigger,
    ) -> Option<AutoBackupLast> {
        let folder = PathBuf::from(settings.folder.as_deref()?.trim());
        if folder.as_os_str().is_empty() {
            return None;
        }
        match trigger {
            AutoTrigger::BeforeLock if !settings.before_lock => return None,
            AutoTrigger::Daily if !settings.daily => return None,
            _ => {}
        }
        let last_at = settings.last.as_ref().and_then(|l| {
            OffsetDateTime::parse(&l.at, &Rfc3339)
                .ok()
                .map(|at| (l.ok, at))
        });
        if trigger == AutoTrigger::Daily {
            // Cheap first look: a recent success (or a failure within the retry delay) means not due, without
            // reading the folder.
            if let Some((ok, at)) = last_at {
                let wait = if ok {
                    generations::DAILY_INTERVAL
                } else {
                    generations::RETRY_AFTER_FAILURE
                };
                if at <= now && now - at < wait {
                    return None;
                }
            }
            let newest = match self.generations(&folder) {
                Ok(gens) => gens.iter().map(|g| g.at).max(),
                Err(e) => return Some(failed(now, &e)),
            };
            let last_failure = last_at.filter(|(ok, _)| !ok).map(|(_, at)| at);
            if !generations::daily_due(newest, last_failure, now) {
                return None;
            }
        }
        Some(match self.write_generation(&folder, settings, now) {
            Ok(file) => AutoBackupLast {
                at: rfc3339(now),
                ok: true,
                code: None,
                message: None,
                file: Some(file.to_string_lossy().into_owned()),
            },
            Err(e) => failed(now, &e),
        })
    }

    fn write_generation(
        &mut self,
        folder: &Path,
        settings: &AutoBackupSettings,
        now: OffsetDateTime,
    ) -> Result<PathBuf, ApiError> {
        full_path(folder, "automatic backups folder")?;
        fs::create_dir_all(folder).map_err(|e| {
            ApiError::new(
                ErrorCode::Io,
                format!("cannot create the backup folder: {e}"),
            )
        })?;
        let name = generations::generation_name(now);
        let target = folder.join(&name);
        if target.exists() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                format!("{name} already exists"),
            ));
        }
        // Sealed and verified under a name retention never matches; renamed in only once it is whole.
        let partial = folder.join(format!("{name}.partial"));
        let _ = fs::remove_file(&partial);
        if let Err(e) = self.backup_create(&partial, None, &mut |_| {}) {
            let _ = fs::remove_file(&partial);
            return Err(e);
        }
        if let Err(e) = fs::rename(&partial, &target) {
            let _ = fs::remove_file(&partial);
            return Err(ApiError::new(
                ErrorCode::Io,
                format!("cannot name the new backup: {e}"),
            ));
        }
        sync_dir(folder);
        // Prune only now that a verified generation is in place.
        let gens = self.generations(folder)?;
        for doomed in generations::to_delete(&gens, now, settings.keep_last, settings.keep_monthly)
        {
            let _ = fs::remove_file(folder.join(doomed));
        }
        sync_dir(folder);
        Ok(target)
    }

    /// [`Session::auto_backup_if_due`] with the stored settings and the current time; the outcome (if any) is
    /// recorded in the settings for the UI to show.
    pub fn auto_backup(&mut self, trigger: AutoTrigger) -> Option<AutoBackupLast> {
        let settings = settings_load();
        let outcome =
            self.auto_backup_if_due(&settings.auto_backup, OffsetDateTime::now_utc(), trigger)?;
        let _ = record_auto_backup(outcome.clone());
        Some(outcome)
    }

    /// Writes the before-lock generation (when the settings ask for one), then locks. A failed backup never
    /// keeps the vault open: the outcome is recorded and the lock goes ahead.
    pub fn lock_after_auto_backup(mut self) -> Option<AutoBackupLast> {
        let outcome = self.auto_backup(AutoTrigger::BeforeLock);
        self.lock();
        outcome
    }
}

fn failed(now: OffsetDateTime, e: &ApiError) -> AutoBackupLast {
    AutoBackupLast {
        at: rfc3339(now),
        ok: false,
        code: Some(e.code),
        message: Some(e.message.clone()),
        file: None,
    }
}
