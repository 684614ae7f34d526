//! App settings outside any vault (language, auto-lock, recent vault folders) and the default vault folder.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::autolock::MAX_AUTO_LOCK_MINUTES;
use crate::dto::{AppSettings, VaultSummary};
use crate::error::{ApiError, ErrorCode};

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
    s
}

/// Writes the settings atomically (temp file in the same folder, then rename).
pub fn settings_save(settings: &AppSettings) -> Result<(), ApiError> {
    if settings.auto_lock_minutes > MAX_AUTO_LOCK_MINUTES {
        return Err(ApiError::invalid(format!(
            "auto-lock: at most {MAX_AUTO_LOCK_MINUTES} minutes (0 turns it off)"
        )));
    }
    save_to(&settings_path(), &normalise(settings.clone()))
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
        };
        save_to(&path, &s).unwrap();
        assert_eq!(load_from(&path), s);
        fs::write(&path, b"{not json").unwrap();
        assert_eq!(load_from(&path), AppSettings::default());
    }
}
