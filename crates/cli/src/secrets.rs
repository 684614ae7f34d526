//! Where the CLI takes secrets from: environment variables, else a prompt without echo — never the command line.

use sigilo_api::{ApiError, SecretString, UnlockKind};

fn env_secret(name: &str) -> Option<SecretString> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .map(SecretString::new)
}

fn prompt(label: &str) -> Result<SecretString, ApiError> {
    rpassword::prompt_password(label).map(SecretString::new).map_err(|_| {
        ApiError::invalid(
            "no secret given: set SIGILO_PASSPHRASE (or SIGILO_RECOVERY_CODE) or run in a terminal to be asked",
        )
    })
}

/// The secret that unlocks the vault: `SIGILO_PASSPHRASE`, else `SIGILO_RECOVERY_CODE`, else a prompt.
pub fn unlock_secret() -> Result<(SecretString, UnlockKind), ApiError> {
    if let Some(s) = env_secret("SIGILO_PASSPHRASE") {
        return Ok((s, UnlockKind::Passphrase));
    }
    if let Some(s) = env_secret("SIGILO_RECOVERY_CODE") {
        return Ok((s, UnlockKind::RecoveryCode));
    }
    Ok((prompt("Passphrase: ")?, UnlockKind::Passphrase))
}

/// A new passphrase: from `env_name`, else asked twice at the prompt.
pub fn new_passphrase(env_name: &str) -> Result<SecretString, ApiError> {
    if let Some(s) = env_secret(env_name) {
        return Ok(s);
    }
    let first = prompt("New passphrase: ")?;
    let second = prompt("Repeat the new passphrase: ")?;
    if first.expose() != second.expose() {
        return Err(ApiError::invalid("the two passphrases differ"));
    }
    Ok(first)
}

/// A backup's own passphrase for `backup create`, if one is set: `SIGILO_BACKUP_PASSPHRASE`.
pub fn backup_passphrase() -> Option<SecretString> {
    env_secret("SIGILO_BACKUP_PASSPHRASE")
}

/// What opens a backup file (verify, restore): `SIGILO_BACKUP_PASSPHRASE`, else the vault's `SIGILO_PASSPHRASE`
/// or `SIGILO_RECOVERY_CODE` (automatic backups open with the vault's secrets), else a prompt.
pub fn backup_secret() -> Result<(SecretString, UnlockKind), ApiError> {
    if let Some(s) = env_secret("SIGILO_BACKUP_PASSPHRASE") {
        return Ok((s, UnlockKind::Passphrase));
    }
    if let Some(s) = env_secret("SIGILO_PASSPHRASE") {
        return Ok((s, UnlockKind::Passphrase));
    }
    if let Some(s) = env_secret("SIGILO_RECOVERY_CODE") {
        return Ok((s, UnlockKind::RecoveryCode));
    }
    Ok((prompt("Backup passphrase: ")?, UnlockKind::Passphrase))
}
