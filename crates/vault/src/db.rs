//! The SQLCipher connection (keying, PRAGMAs, rekey) and the schema migration runner.

use crate::Migrations;
use crate::error::{VaultError, damaged};
use crate::keyslots::Key;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::collections::BTreeMap;
use std::path::Path;
use zeroize::Zeroizing;

/// File name of the database inside the vault folder.
pub const DB_FILE: &str = "sigilo.db";
/// Milliseconds a writer waits for another connection's lock before failing.
pub const BUSY_TIMEOUT_MS: u64 = 5000;

/// Opens the database file (without creating it unless `create`) and checks that SQLCipher is linked.
pub(crate) fn open_raw(path: &Path, create: bool) -> Result<Connection, VaultError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
    let _guard = keying_guard();
    cipher_version(&conn)?;
    // SQLCipher logs decryption failures to stderr by default; errors reach the caller as
    // values instead, and shells print one plain sentence. The level is process-wide, and
    // setting it while another thread runs `PRAGMA key` made that key fail now and then
    // (seen in a stress test), so it is set once, under the keying mutex.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let _ = run_pragma(&conn, "PRAGMA cipher_log_level = NONE");
    });
    Ok(conn)
}

/// `PRAGMA cipher_version`; an empty answer means plain SQLite was linked by mistake.
pub(crate) fn cipher_version(conn: &Connection) -> Result<String, VaultError> {
    let v: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .ok();
    match v {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(damaged(
            "this build is linked against plain SQLite, not SQLCipher; refusing to touch the vault",
        )),
    }
}

/// Serialises SQLCipher's process-wide set-up and keying across threads: a `PRAGMA key`
/// racing with a global SQLCipher setting was seen to fail. Keying in raw-key mode takes
/// microseconds, so a process-wide mutex costs nothing.
fn keying_guard() -> std::sync::MutexGuard<'static, ()> {
    static KEYING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    KEYING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs a PRAGMA that may or may not return rows, discarding them.
fn run_pragma(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

fn raw_key_literal(key: &Key) -> Zeroizing<String> {
    let hex = Zeroizing::new(hex::encode(key.expose()));
    Zeroizing::new(format!("\"x'{}'\"", hex.as_str()))
}

/// Keys the connection in raw-key mode: `PRAGMA key = "x'<64 hex>'"`.
pub(crate) fn apply_key(conn: &Connection, key: &Key) -> Result<(), VaultError> {
    let lit = raw_key_literal(key);
    let sql = Zeroizing::new(format!("PRAGMA key = {};", lit.as_str()));
    let _guard = keying_guard();
    // Never propagate the driver's error: it could quote the statement.
    run_pragma(conn, &sql).map_err(|_| damaged("the database refused its key"))
}

/// Opens the database and keys it, retrying a failed `PRAGMA key` on a fresh connection.
///
/// Under heavy thread contention at process start, SQLCipher's `PRAGMA key` was seen to
/// fail spuriously (about 1 run in 150 of a 24-thread stress test, never twice in a row).
/// Keying does not touch the file, so retrying is safe; a persistent failure is reported.
pub(crate) fn open_keyed(path: &Path, key: &Key, create: bool) -> Result<Connection, VaultError> {
    let mut attempt = 0;
    loop {
        let conn = open_raw(path, create)?;
        match apply_key(&conn, key) {
            Ok(()) => return Ok(conn),
            Err(e) if attempt >= 3 => return Err(e),
            Err(_) => {
                attempt += 1;
                drop(conn);
                std::thread::sleep(std::time::Duration::from_millis(5 * attempt));
            }
        }
    }
}

/// Whether the key applied to `conn` decrypts the database's first page.
///
/// `Ok(false)`: wrong key (or page 1 unreadable). `Err(Damaged)`: page 1 decrypts
/// but the file is inconsistent (e.g. truncated: its header counts more pages than the file has).
pub(crate) fn key_works(conn: &Connection) -> Result<bool, VaultError> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(true),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => Ok(false),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            Err(damaged(
                "the database file is truncated or corrupted (its header does not match its contents)",
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether the decrypted database carries the vault's bookkeeping table.
pub(crate) fn is_vault(conn: &Connection) -> Result<bool, VaultError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        [],
        |r| r.get(0),
    )?;
    Ok(n == 1)
}

/// The PRAGMAs every vault connection runs after keying.
pub(crate) fn configure(conn: &Connection) -> Result<(), VaultError> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(damaged("the database could not be switched to WAL mode"));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Decrypted pages are cached per connection: without a generous cache, every list page and search
    // re-decrypts the same index pages (see docs/performance.md). Negative = KiB.
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    Ok(())
}

/// The page cache per connection, in KiB (32 MiB).
pub const CACHE_KIB: i64 = 32 * 1024;

/// Re-encrypts the whole database under `new_key` (`PRAGMA rekey`).
///
/// SQLCipher's rekey is run in rollback-journal mode: the WAL is checkpointed
/// and truncated, the journal mode switched to DELETE, the rekey done in one
/// transaction, and WAL mode restored. The caller must hold the exclusive lock.
pub(crate) fn rekey(conn: &Connection, new_key: &Key) -> Result<(), VaultError> {
    run_pragma(conn, "PRAGMA wal_checkpoint(TRUNCATE)")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(VaultError::Busy);
    }
    let lit = raw_key_literal(new_key);
    let sql = Zeroizing::new(format!("PRAGMA rekey = {};", lit.as_str()));
    let rekeyed =
        run_pragma(conn, &sql).map_err(|_| damaged("the database could not be re-encrypted"));
    // Restore WAL mode whatever happened.
    let restored = configure(conn);
    rekeyed?;
    restored?;
    if !key_works(conn)? {
        return Err(damaged("the database is unreadable after re-encryption"));
    }
    Ok(())
}

const CREATE_BOOKKEEPING: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    domain TEXT NOT NULL,
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (domain, version)
)";

/// Creates the bookkeeping table (new vaults only).
pub(crate) fn init_bookkeeping(conn: &Connection) -> Result<(), VaultError> {
    conn.execute_batch(CREATE_BOOKKEEPING)?;
    Ok(())
}

/// Applied versions per domain, as stored.
pub(crate) fn stored_versions(conn: &Connection) -> Result<BTreeMap<String, u32>, VaultError> {
    let mut stmt = conn.prepare(
        "SELECT domain, MAX(version), COUNT(*), MIN(version) FROM schema_migrations GROUP BY domain",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (domain, max, count, min) = row?;
        if min != 1 || max != count {
            return Err(damaged("the schema bookkeeping table is inconsistent"));
        }
        let v = u32::try_from(max)
            .map_err(|_| damaged("the schema bookkeeping table is inconsistent"))?;
        out.insert(domain, v);
    }
    Ok(out)
}

/// Refuses a vault written by a newer build, then applies every missing step, in order.
///
/// Each step runs in its own `BEGIN IMMEDIATE` transaction together with its
/// bookkeeping row and the new `user_version`, so a crash between steps leaves a
/// consistent, resumable state, and two processes opening at once do not apply a step twice.
pub(crate) fn migrate(conn: &mut Connection, schema: &[Migrations]) -> Result<(), VaultError> {
    for (i, m) in schema.iter().enumerate() {
        if schema[..i].iter().any(|o| o.domain == m.domain) {
            return Err(VaultError::Sqlite(rusqlite::Error::InvalidParameterName(
                format!("schema domain {} registered twice", m.domain),
            )));
        }
    }
    let stored = stored_versions(conn)?;
    for (domain, &found) in &stored {
        let supported = schema
            .iter()
            .find(|m| m.domain == domain)
            .map_or(0, |m| m.steps.len());
        let supported = u32::try_from(supported).unwrap_or(u32::MAX);
        if found > supported {
            return Err(VaultError::NewerSchema {
                domain: domain.clone(),
                found,
                supported,
            });
        }
    }
    for m in schema {
        let have = stored.get(m.domain).copied().unwrap_or(0) as usize;
        for (i, step) in m.steps.iter().enumerate().skip(have) {
            let version = i64::try_from(i + 1).unwrap_or(i64::MAX);
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let current: i64 = tx.query_row(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE domain = ?1",
                [m.domain],
                |r| r.get(0),
            )?;
            if current >= version {
                continue; // another process applied it meanwhile
            }
            tx.execute_batch(step)?;
            tx.execute(
                "INSERT INTO schema_migrations (domain, version, applied_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![m.domain, version, crate::now_rfc3339()],
            )?;
            let total: i64 =
                tx.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))?;
            tx.pragma_update(None, "user_version", total)?;
            tx.commit()?;
        }
    }
    Ok(())
}
