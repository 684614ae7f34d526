//! Backup throughput on the encrypted vault: create (end to end, as a user waits for it), the sealing stage alone
//! (to compare with the raw cipher), the snapshot, verify and restore; and the `age` command on the same database
//! file when it is installed, as a peer.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use sigilo_api::{SecretString, Session, UnlockKind};

use crate::{BenchError, Progress};

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

pub fn measure(
    session: &mut Session,
    work: &Path,
    pass: &SecretString,
    values: &mut BTreeMap<&'static str, f64>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), BenchError> {
    let file = work.join("bench.sigilobak");
    let mut report = |stage: &str, done: u64, total: u64| {
        progress(Progress {
            stage: format!("encrypted: backup {stage}"),
            done,
            total,
        });
    };

    let t = Instant::now();
    let created = session.backup_create(&file, Some(pass), &mut |p| {
        report("create", p.done, p.total)
    })?;
    let create_s = t.elapsed().as_secs_f64().max(1e-9);
    values.insert("backup_create", mb(created.payload_bytes) / create_s);
    values.insert(
        "backup_seal",
        mb(created.payload_bytes) / (f64::from(created.seal_ms) / 1000.0).max(1e-3),
    );
    values.insert("backup_snapshot_ms", f64::from(created.snapshot_ms));

    let t = Instant::now();
    sigilo_api::backup_verify(&file, pass, UnlockKind::Passphrase, &mut |p| {
        report("verify", p.done, p.total)
    })?;
    values.insert(
        "backup_verify",
        mb(created.payload_bytes) / t.elapsed().as_secs_f64().max(1e-9),
    );

    let to = work.join("restored");
    let t = Instant::now();
    sigilo_api::backup_restore(&file, pass, UnlockKind::Passphrase, &to, false, &mut |p| {
        report("restore", p.done, p.total)
    })?;
    values.insert(
        "backup_restore",
        mb(created.payload_bytes) / t.elapsed().as_secs_f64().max(1e-9),
    );

    // Memory stays flat whatever the vault's size: an automatic backup (sealed under the vault's keys, so no
    // Argon2id working memory) measured from a reset peak.
    let auto = work.join("bench-auto.sigilobak");
    crate::stats::reset_peak_memory();
    let before = crate::stats::current_rss_mib();
    session.backup_create(&auto, None, &mut |p| report("automatic", p.done, p.total))?;
    if let (Some(peak), Some(before)) = (crate::stats::peak_memory_mib(), before) {
        values.insert("backup_peak_memory", (peak - before).max(0.0));
    }
    std::fs::remove_file(&auto)?;

    if let Some(speed) = age_peer(work, &to.join(sigilo_vault::files::DATABASE))? {
        values.insert("age_encrypt", speed);
    }
    std::fs::remove_file(&file)?;
    std::fs::remove_dir_all(&to)?;
    Ok(())
}

/// `age` encrypting `input` to an X25519 recipient (its STREAM is ChaCha20-Poly1305 too), in MB/s; `None` when
/// `age` or `age-keygen` is not installed.
fn age_peer(work: &Path, input: &Path) -> Result<Option<f64>, BenchError> {
    let installed = |cmd: &str| {
        Command::new(cmd)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    };
    if !installed("age") || !installed("age-keygen") {
        return Ok(None);
    }
    let key = work.join("age-key.txt");
    let made = Command::new("age-keygen")
        .arg("-o")
        .arg(&key)
        .stderr(Stdio::null())
        .status()?;
    if !made.success() {
        return Ok(None);
    }
    let size = std::fs::metadata(input)?.len();
    let out = work.join("age.out");
    let t = Instant::now();
    let status = Command::new("age")
        .arg("-e")
        .arg("-i")
        .arg(&key)
        .arg("-o")
        .arg(&out)
        .arg(input)
        .status()?;
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    let _ = std::fs::remove_file(&out);
    let _ = std::fs::remove_file(&key);
    Ok(status.success().then(|| mb(size) / secs))
}
