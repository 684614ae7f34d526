//! App settings outside any vault (language, auto-lock, recent vault folders, automatic backups) and the default
//! vault folder.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::autolock::MAX_AUTO_LOCK_MINUTES;
use crate::dto::{AppSettings, AutoBackupLast, VaultSummary};
use crate::error::{ApiError, ErrorCode};
use crate::generations::{MAX_KEEP_LAST, MAX_KEEP_MONTHLY};

/// How many recent vaults are remembered.
pub const MAX_RECENT: usize = 8;

/// The vault folder used when none is named: env `SIGILO_VAULT`, else `<platform data dir>/sigilo/vault`.
/// Both shells use this, so the CLI and the desktop app open the same vault by default.
pub fn default_vault_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SIGILO_VAULT").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("sigilo")
        .join("vault")
}

/// Where settings live: env `SIGILO_CONFIG_DIR`, else `<platform config dir>/sigilo`.
pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SIGILO_CONFIG_DIR").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("sigilo")
}

fn settings_path() -> PathBuf {
    config_dir().join("settings.json")
}

/// Reads the settings; a missing or unreadable file gives the defaults (settings hold nothing worth failing for).
pub fn settings_load() -> AppSettings {
    load_from(&settings_path())
}

fn load_from(path: &Path) -> AppSettings {
    fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<AppSettings>(&bytes).ok())
        .map(normalise)
        .unwrap_or_default()
}

fn normalise(mut s: AppSettings) -> AppSettings {
    s.auto_lock_minutes = s.auto_lock_minutes.min(MAX_AUTO_LOCK_MINUTES);
    s.recent_vaults.truncate(MAX_RECENT);
    let auto = &mut s.auto_backup;
    auto.folder = auto
        .folder
        .take()
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty());
    auto.keep_last = auto.keep_last.clamp(1, MAX_KEEP_LAST);
    auto.keep_monthly = auto.keep_monthly.min(MAX_KEEP_MONTHLY);
    s
}

/// Checks what a user may set; errors name the field.
fn validate(settings: &AppSettings) -> Result<(), ApiError> {
    if settings.auto_lock_minutes > MAX_AUTO_LOCK_MINUTES {
        return Err(ApiError::invalid(format!(
            "auto-lock: at most {MAX_AUTO_LOCK_MINUTES} minutes (0 turns it off)"
        )));
    }
    let auto = &settings.auto_backup;
    if !(1..=MAX_KEEP_LAST).contains(&auto.keep_last) {
        return Err(ApiError::invalid(format!(
            "automatic backups: keep from 1 to {MAX_KEEP_LAST} newest"
        )));
    }
    if auto.keep_monthly > MAX_KEEP_MONTHLY {
        return Err(ApiError::invalid(format!(
            "automatic backups: keep monthly ones for at most {MAX_KEEP_MONTHLY} months"
        )));
    }
    if let Some(folder) = auto
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        && !Path::new(folder).is_absolute()
    {
        return Err(ApiError::invalid(
            "automatic backups: the folder must be a full path",
        ));
    }
    if (auto.before_lock || auto.daily)
        && auto.folder.as_deref().is_none_or(|f| f.trim().is_empty())
    {
        return Err(ApiError::invalid(
            "automatic backups: choose the folder they go to",
        ));
    }
    Ok(())
}

/// Writes the settings atomically (temp file in the same folder, then rename). The last automatic backup's
/// result belongs to the backend: the stored one is kept whatever the caller sends.
pub fn settings_save(settings: &AppSettings) -> Result<(), ApiError> {
    validate(settings)?;
    let mut next = normalise(settings.clone());
    next.auto_backup.last = settings_load().auto_backup.last;
    save_to(&settings_path(), &next)
}

/// Records how the last automatic backup went.
pub fn record_auto_backup(last: AutoBackupLast) -> Result<(), ApiError> {
    let mut settings = settings_load();
    settings.auto_backup.last = Some(last);
    save_to(&settings_path(), &settings)
}

fn save_to(path: &Path, settings: &AppSettings) -> Result<(), ApiError> {
    let io = |e: std::io::Error| ApiError::new(ErrorCode::Io, format!("cannot save settings: {e}"));
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let json = serde_json::to_vec_pretty(settings)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot encode settings: {e}")))?;
    let tmp = path.with_extension("json.tmp");
    let mut file = fs::File::create(&tmp).map_err(io)?;
    file.write_all(&json).map_err(io)?;
    file.sync_all().map_err(io)?;
    fs::rename(&tmp, path).map_err(io)
}

/// A vault folder as the app lists it: its path and its folder name.
pub fn summary_of(dir: &Path) -> VaultSummary {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.to_string_lossy().into_owned());
    VaultSummary {
        path: dir.to_string_lossy().into_owned(),
        name,
    }
}

/// Puts a vault first in the recent list (once), keeping at most [`MAX_RECENT`].
pub fn remember_vault(dir: &Path) -> Result<(), ApiError> {
    let mut settings = settings_load();
    let entry = summary_of(dir);
    settings.recent_vaults.retain(|v| v.path != entry.path);
    settings.recent_vaults.insert(0, entry);
    settings.recent_vaults.truncate(MAX_RECENT);
    save_to(&settings_path(), &settings)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trips_and_survives_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(load_from(&path), AppSettings::default());
        let s = AppSettings {
            locale: Some(crate::Locale::En),
            auto_lock_minutes: 3,
            recent_vaults: vec![],
            auto_backup: crate::AutoBackupSettings {
                folder: Some("/backups".into()),
                before_lock: true,
                daily: false,
                keep_last: 3,
                keep_monthly: 6,
                last: None,
            },
        };
        save_to(&path, &s).unwrap();
        assert_eq!(load_from(&path), s);
        fs::write(&path, b"{not json").unwrap();
        assert_eq!(load_from(&path), AppSettings::default());
    }

    #[test]
    fn a_settings_file_from_before_automatic_backups_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        fs::write(
            &path,
            br#"{"locale":"es","auto_lock_minutes":5,"recent_vaults":[{"path":"/v","name":"v"}]}"#,
        )
        .unwrap();
        let s = load_from(&path);
        assert_eq!(s.locale, Some(crate::Locale::Es));
        assert_eq!(s.auto_lock_minutes, 5);
        assert_eq!(s.recent_vaults.len(), 1);
        assert_eq!(s.auto_backup, crate::AutoBackupSettings::default());
        assert_eq!(s.auto_backup.keep_last, 7);
        assert_eq!(s.auto_backup.keep_monthly, 12);
        // A partial auto_backup object fills the rest with defaults too.
        fs::write(&path, br#"{"auto_backup":{"folder":"/b","daily":true}}"#).unwrap();
        let s = load_from(&path);
        assert_eq!(s.auto_backup.folder.as_deref(), Some("/b"));
        assert!(s.auto_backup.daily);
        assert_eq!(s.auto_backup.keep_last, 7);
        assert_eq!(s.auto_lock_minutes, 10);
    }

    #[test]
    fn automatic_backup_settings_are_checked() {
        let mut s = AppSettings::default();
        assert!(validate(&s).is_ok());
        s.auto_backup.daily = true;
        assert!(validate(&s).is_err(), "daily without a folder");
        s.auto_backup.folder = Some("relative/path".into());
        assert!(validate(&s).is_err(), "relative folder");
        s.auto_backup.folder = Some("/backups".into());
        assert!(validate(&s).is_ok());
        s.auto_backup.keep_last = 0;
        assert!(validate(&s).is_err());
        s.auto_backup.keep_last = 1;
        s.auto_backup.keep_monthly = MAX_KEEP_MONTHLY + 1;
        assert!(validate(&s).is_err());
        s.auto_backup.keep_monthly = 0;
        s.auto_backup.folder = Some("  ".into());
        s.auto_backup.daily = false;
        assert!(validate(&s).is_ok());
        assert_eq!(normalise(s).auto_backup.folder, None);
    }
}
