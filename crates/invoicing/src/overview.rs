//! The money figures of the dashboard, per currency (never mixed): what customers owe (receivables), how much
//! of it is overdue, and revenue by month (net of issued invoices minus credit notes, by issue date). Receivables
//! read only the open invoices (`open_invoice`, kept with every fact that moves a balance), each balance from the
//! payment and credit sums' covering indexes, so they stay fast however many invoices were paid long ago.

use rusqlite::Connection;

use crate::Result;

/// Owed and overdue amounts in one currency, minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receivables {
    pub currency: String,
    pub owed: i64,
    pub owed_count: i64,
    pub overdue: i64,
    pub overdue_count: i64,
}

/// Net revenue of one month in one currency, minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRevenue {
    /// YYYY-MM.
    pub month: String,
    pub currency: String,
    pub net: i64,
    pub invoices: i64,
}

/// Receivables per currency (`?1` = today). CROSS JOIN keeps the open few as the outer loop (SQLite never
/// reorders it): a plain JOIN let the planner scan every invoice row and probe the open set.
const RECEIVABLES: &str = "SELECT currency, SUM(balance), COUNT(*),
                SUM(CASE WHEN due_date < ?1 THEN balance ELSE 0 END),
                SUM(CASE WHEN due_date < ?1 THEN 1 ELSE 0 END)
         FROM (SELECT i.currency, i.due_date,
                      i.total
                        + COALESCE((SELECT SUM(c.total) FROM invoice c
                                    WHERE c.corrects_id = i.id AND c.issued_at IS NOT NULL), 0)
                        - COALESCE((SELECT SUM(p.amount) FROM payment p WHERE p.invoice_id = i.id), 0) AS balance
               FROM open_invoice o CROSS JOIN invoice i ON i.id = o.invoice_id)
         WHERE balance > 0 GROUP BY currency ORDER BY currency";

/// Receivables per currency on the local date `today`: Σ balances of issued invoices still owed; overdue those
/// past their due date.
pub fn receivables(conn: &Connection, today: &str) -> Result<Vec<Receivables>> {
    let mut stmt = conn.prepare_cached(RECEIVABLES)?;
    Ok(stmt
        .query_map([today], |r| {
            Ok(Receivables {
                currency: r.get(0)?,
                owed: r.get(1)?,
                owed_count: r.get(2)?,
                overdue: r.get(3)?,
                overdue_count: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Net revenue by month and currency for the issue dates in `[from, to]` (YYYY-MM-DD), oldest first: invoices
/// add their net, credit notes subtract theirs. Months without invoices are left out.
pub fn revenue_by_month(conn: &Connection, from: &str, to: &str) -> Result<Vec<MonthRevenue>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(issue_date, 1, 7) AS month, currency, SUM(net),
                SUM(CASE WHEN kind = 'invoice' THEN 1 ELSE 0 END)
         FROM invoice
         WHERE issued_at IS NOT NULL AND issue_date BETWEEN ?1 AND ?2
         GROUP BY month, currency ORDER BY month, currency",
    )?;
    Ok(stmt
        .query_map([from, to], |r| {
            Ok(MonthRevenue {
                month: r.get(0)?,
                currency: r.get(1)?,
                net: r.get(2)?,
                invoices: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn receivables_walk_the_open_set_not_every_invoice() {
        let tmp = tempfile::tempdir().unwrap();
        let (vault, _) = sigilo_vault::Vault::create_with_kdf(
            &tmp.path().join("v"),
            &sigilo_vault::Passphrase::new("a test passphrase".to_owned()),
            &[sigilo_crm::MIGRATIONS, crate::MIGRATIONS],
            sigilo_vault::KdfParams::insecure_fast_for_tests(),
        )
        .unwrap();
        let plan: Vec<String> = vault
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {RECEIVABLES}"))
            .unwrap()
            .query_map(["2026-11-23"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(plan.iter().any(|l| l.starts_with("SCAN o")), "{plan:?}");
        assert!(!plan.iter().any(|l| l == "SCAN i"), "{plan:?}");
    }
}
