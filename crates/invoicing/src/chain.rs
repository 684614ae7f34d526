//! The tamper-evident hash chain over issued invoices and credit notes: one chain per issuer across every
//! series. Record *n* stores SHA-256 over its canonical content, which includes record *n − 1*'s hash. The
//! buyer's personal fields enter as per-field commitments (SHA-256 over a random salt, a zero byte and the
//! value), so erasing a value under legal hold leaves the chain verifiable. Canonical content is JSON with
//! sorted keys and no spaces, built only from stored facts; `docs/invoice-chain.md` would spell it out.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::Result;

/// Version of the canonical form, part of the hashed content.
pub const CANONICAL_VERSION: u32 = 1;

/// The commitment to one buyer field: hex SHA-256(salt ‖ 0x00 ‖ value) with the salt as hex text's bytes.
pub fn commitment(salt_hex: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt_hex.as_bytes());
    h.update([0u8]);
    h.update(value.as_bytes());
    hex::encode(h.finalize())
}

/// A fresh random salt (128 bits, hex).
pub fn new_salt() -> Result<String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b)
        .map_err(|e| crate::InvoicingError::Refused(format!("no randomness available: {e}")))?;
    Ok(hex::encode(b))
}

/// SHA-256 of the canonical text, hex.
pub fn hash(canonical: &str) -> String {
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// The canonical content of invoice `id` as stored, with `seq` and `prev` (the chain position being written
/// or checked). Returns the text and, for verification, the first buyer field whose value no longer matches
/// its commitment.
pub(crate) fn canonical(
    conn: &Connection,
    id: i64,
    seq: i64,
    prev: &str,
) -> Result<(String, Option<String>)> {
    let head = conn.query_row(
        "SELECT i.kind, s.code, i.full_number, i.issue_date, i.due_date, i.currency, i.language,
                i.withholding_percent, i.net, i.tax, i.surcharge, i.withholding, i.total, i.seller,
                (SELECT o.full_number FROM invoice o WHERE o.id = i.corrects_id), i.correction_reason
         FROM invoice i JOIN series s ON s.id = i.series_id WHERE i.id = ?1",
        [id],
        |r| {
            let seller: Option<String> = r.get(13)?;
            Ok(json!({
                "kind": r.get::<_, String>(0)?,
                "series": r.get::<_, String>(1)?,
                "number": r.get::<_, Option<String>>(2)?,
                "issue_date": r.get::<_, Option<String>>(3)?,
                "due_date": r.get::<_, Option<String>>(4)?,
                "currency": r.get::<_, String>(5)?,
                "language": r.get::<_, String>(6)?,
                "withholding_percent": r.get::<_, Option<String>>(7)?,
                "totals": {
                    "net": r.get::<_, i64>(8)?,
                    "tax": r.get::<_, i64>(9)?,
                    "surcharge": r.get::<_, i64>(10)?,
                    "withholding": r.get::<_, i64>(11)?,
                    "total": r.get::<_, i64>(12)?,
                },
                "seller": seller.and_then(|s| serde_json::from_str::<Value>(&s).ok()).unwrap_or(Value::Null),
                "corrects": r.get::<_, Option<String>>(14)?,
                "correction_reason": r.get::<_, Option<String>>(15)?,
            }))
        },
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT position, description, quantity, unit, unit_price, discount_kind, discount, tax_category,
                tax_percent, tax_surcharge, exemption_reason, net
         FROM invoice_line WHERE invoice_id = ?1 ORDER BY position",
    )?;
    let lines = stmt
        .query_map([id], |r| {
            Ok(json!({
                "position": r.get::<_, i64>(0)?,
                "description": r.get::<_, String>(1)?,
                "quantity": r.get::<_, String>(2)?,
                "unit": r.get::<_, Option<String>>(3)?,
                "unit_price": r.get::<_, String>(4)?,
                "discount_kind": r.get::<_, String>(5)?,
                "discount": r.get::<_, Option<String>>(6)?,
                "tax_category": r.get::<_, String>(7)?,
                "tax_percent": r.get::<_, String>(8)?,
                "tax_surcharge": r.get::<_, Option<String>>(9)?,
                "exemption_reason": r.get::<_, Option<String>>(10)?,
                "net": r.get::<_, i64>(11)?,
            }))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut buyer = Map::new();
    let mut mismatch = None;
    let mut stmt = conn.prepare_cached(
        "SELECT field, value, salt, commitment FROM invoice_buyer WHERE invoice_id = ?1 ORDER BY field",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (field, value, salt, commit) in rows {
        if let (Some(v), Some(s)) = (&value, &salt)
            && commitment(s, v) != commit
            && mismatch.is_none()
        {
            mismatch = Some(field.clone());
        }
        buyer.insert(field, Value::String(commit));
    }
    let mut doc = head;
    if let Value::Object(m) = &mut doc {
        m.insert("v".into(), json!(CANONICAL_VERSION));
        m.insert("seq".into(), json!(seq));
        m.insert("prev".into(), json!(prev));
        m.insert("lines".into(), Value::Array(lines));
        m.insert("buyer".into(), Value::Object(buyer));
    }
    // serde_json's map keeps keys sorted: the text is canonical.
    Ok((doc.to_string(), mismatch))
}

/// The chain's last record: its sequence number and hash (0 and "" when nothing was issued yet).
pub(crate) fn tip(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT chain_seq, hash FROM invoice WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new())))
}

/// A record that does not verify, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub seq: i64,
    pub number: String,
    pub reason: String,
}

/// What re-computing the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    /// Records checked (only those of `series` when one was asked for, but always verified in full chain order).
    pub checked: u64,
    /// The first record that does not match, if any.
    pub first_broken: Option<Broken>,
    /// The last record's hash.
    pub tip: String,
}

/// Re-computes every issued record's hash in chain order and checks the links, the sequence and the buyer
/// commitments; reports the first record that does not match. With `series`, only that series' records are
/// counted and reported, but links through other series' records are still checked.
pub fn verify(conn: &Connection, series: Option<&str>) -> Result<ChainReport> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.chain_seq, i.prev_hash, i.hash, i.full_number, s.code
         FROM invoice i JOIN series s ON s.id = i.series_id
         WHERE i.chain_seq IS NOT NULL ORDER BY i.chain_seq",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Issued records outside the chain (a hash wiped, a sequence removed) are breaks too.
    let unchained: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT id, full_number FROM invoice WHERE issued_at IS NOT NULL AND (chain_seq IS NULL OR hash IS NULL)
             ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let mut report = ChainReport {
        checked: 0,
        first_broken: None,
        tip: String::new(),
    };
    let mut prev = String::new();
    for (expected, (id, seq, stored_prev, stored_hash, number, code)) in (1i64..).zip(rows) {
        let wanted = series.is_none_or(|s| s == code);
        let number = number.unwrap_or_else(|| format!("#{id}"));
        let reason = if seq != expected {
            Some(format!(
                "the chain skips from record {} to {seq}",
                expected - 1
            ))
        } else if stored_prev.as_deref().unwrap_or("") != prev {
            Some("its link to the previous record does not match: a record was changed, removed or inserted".to_owned())
        } else {
            let (text, mismatch) = canonical(conn, id, seq, &prev)?;
            if let Some(field) = mismatch {
                Some(format!("the buyer's {field} was changed after issue"))
            } else if stored_hash.as_deref() != Some(hash(&text).as_str()) {
                Some("its content was changed after issue".to_owned())
            } else {
                None
            }
        };
        if let Some(reason) = reason
            && report.first_broken.is_none()
            && wanted
        {
            report.first_broken = Some(Broken {
                seq,
                number,
                reason,
            });
        }
        if wanted {
            report.checked += 1;
        }
        prev = stored_hash.unwrap_or_default();
    }
    if report.first_broken.is_none()
        && let Some((id, number)) = unchained
    {
        report.first_broken = Some(Broken {
            seq: 0,
            number: number.unwrap_or_else(|| format!("#{id}")),
            reason: "it is issued but not in the chain".to_owned(),
        });
    }
    report.tip = prev;
    Ok(report)
}

/// The chain position and hash invoice `id` gets when issued now: `(seq, prev, hash)`. The caller writes
/// them together with the number and `issued_at`, inside the issuing transaction.
pub(crate) fn next_link(conn: &Connection, id: i64) -> Result<(i64, String, String)> {
    let (last, prev) = tip(conn)?;
    let seq = last + 1;
    let (text, _) = canonical(conn, id, seq, &prev)?;
    Ok((seq, prev, hash(&text)))
}
