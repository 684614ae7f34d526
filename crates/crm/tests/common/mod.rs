//! Shared helpers for the CRM's integration tests: a real encrypted vault (cheap KDF) in a temp dir.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sigilo_vault::{KdfParams, Passphrase, Vault};

/// A fresh vault with the CRM schema; keep the `TempDir` alive as long as the vault.
pub fn vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _code) = Vault::create_with_kdf(
        &tmp.path().join("v"),
        &Passphrase::new("a test passphrase".to_owned()),
        &[sigilo_crm::MIGRATIONS],
        KdfParams::insecure_fast_for_tests(),
    )
    .unwrap();
    (tmp, vault)
}

/// The field an `Invalid` error names; panics on any other outcome.
/// The message of a [`sigilo_crm::CrmError::Refused`] (a rule said no although every field is valid).
pub fn refused<T: std::fmt::Debug>(r: sigilo_crm::Result<T>) -> String {
    match r {
        Err(sigilo_crm::CrmError::Refused(message)) => message,
        other => panic!("expected a Refused error, got {other:?}"),
    }
}

pub fn invalid_field<T: std::fmt::Debug>(r: sigilo_crm::Result<T>) -> &'static str {
    match r {
        Err(sigilo_crm::CrmError::Invalid { field, .. }) => field,
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}
