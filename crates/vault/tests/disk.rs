//! What reaches the disk (no plaintext anywhere in the folder) and two handles writing at once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sigilo_vault::Vault;
use std::path::Path;

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn assert_no_plaintext(root: &Path, marker: &[u8]) {
    let mut seen = 0;
    for e in std::fs::read_dir(root).unwrap() {
        let e = e.unwrap();
        if !e.file_type().unwrap().is_file() {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        seen += 1;
        assert!(
            !contains(&bytes, marker),
            "marker found in {:?}",
            e.file_name()
        );
        assert!(
            !contains(&bytes, b"SQLite format 3"),
            "plain SQLite header in {:?}",
            e.file_name()
        );
    }
    assert!(seen >= 2);
}

#[test]
fn marker_never_reaches_disk_in_plaintext() {
    let marker = "Zyxwv-MARKER-4f1c9e-Ñandú";
    let (_t, dir, v, _code) = new_vault("pw");
    for _ in 0..50 {
        v.conn()
            .execute("INSERT INTO note (body) VALUES (?1)", [marker])
            .unwrap();
    }
    // While open: database, WAL, shm, keyslots, lock.
    assert!(dir.join("sigilo.db-wal").exists());
    assert_no_plaintext(&dir, marker.as_bytes());
    v.conn().execute("DELETE FROM note", []).unwrap();
    assert_no_plaintext(&dir, marker.as_bytes());
    v.lock();
    assert_no_plaintext(&dir, marker.as_bytes());
    // Nothing was written beside the vault folder either.
    let parent: Vec<_> = std::fs::read_dir(dir.parent().unwrap()).unwrap().collect();
    assert_eq!(parent.len(), 1);
}

#[test]
fn two_handles_write_concurrently() {
    let (_t, dir, v1, _code) = new_vault("pw");
    let v2 = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    let write = |v: Vault, tag: &'static str| {
        std::thread::spawn(move || {
            for i in 0..200 {
                v.conn()
                    .execute("INSERT INTO note (body) VALUES (?1)", [format!("{tag}{i}")])
                    .unwrap();
            }
            v
        })
    };
    let a = write(v1, "a");
    let b = write(v2, "b");
    let v1 = a.join().unwrap();
    let v2 = b.join().unwrap();
    let n: i64 = v1
        .conn()
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 400);
    drop(v2);
    assert!(v1.check().unwrap().ok);
}

#[test]
fn two_processes_style_open_at_once() {
    // Two opens racing (as the app and the CLI would) both succeed and migrate once.
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let d1 = dir.clone();
    let d2 = dir.clone();
    let h1 =
        std::thread::spawn(move || Vault::open(&d1, &unlock_pass("pw"), &[NOTES_V2]).map(|_| ()));
    let h2 =
        std::thread::spawn(move || Vault::open(&d2, &unlock_pass("pw"), &[NOTES_V2]).map(|_| ()));
    h1.join().unwrap().unwrap();
    h2.join().unwrap().unwrap();
    let v = Vault::open(&dir, &unlock_pass("pw"), &[NOTES_V2]).unwrap();
    assert_eq!(v.info().unwrap().schema_version, 2);
}

#[test]
fn many_vaults_created_and_opened_at_once() {
    // Regression: SQLCipher's `PRAGMA key` failed spuriously under thread contention at process start.
    let handles: Vec<_> = (0..16)
        .map(|_| {
            std::thread::spawn(|| {
                let t = tempfile::tempdir().unwrap();
                let (v, _) = Vault::create_with_kdf(t.path(), &pass("pw"), SCHEMA, fast()).unwrap();
                v.lock();
                Vault::open(t.path(), &unlock_pass("pw"), SCHEMA).unwrap();
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}
