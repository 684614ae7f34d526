//! Tests of the filtered lists at a size where the driving choice matters: every filter × sort pages through
//! exactly the rows a brute-force filter and sort finds (ties on names and dates across page boundaries, both
//! the sparse path, driven by the filter's index, and the dense one, walking the sort index), and the query plan
//! of every page uses an index — never a bare `SCAN` of the listed table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rusqlite::Connection;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use sigilo_vault::{KdfParams, Passphrase, Vault};

use crate::companies::{self, CompanyFilter, Role};
use crate::contacts::{self, ContactFilter};
use crate::deals::{self, DealFilter};
use crate::fields::{self, FieldFilter, FieldKind, NewField};
use crate::paging::{self, ListQuery, SPARSE_MAX, Sort};
use crate::tags::{self, Entity};

/// More rows than [`SPARSE_MAX`], so a filter matching every other row is dense.
const N: i64 = 5000;

fn vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _code) = Vault::create_with_kdf(
        &tmp.path().join("v"),
        &Passphrase::new("a test passphrase".to_owned()),
        &[crate::MIGRATIONS],
        KdfParams::insecure_fast_for_tests(),
    )
    .unwrap();
    (tmp, vault)
}

/// Test data straight in SQL (the lists read rows, not the search index): names repeat every 40 rows, dates
/// every 12, a third never contacted. Tag "rare" on 9 rows, "common" on every other; field values likewise.
struct Fixture {
    rare: i64,
    common: i64,
    field: [i64; 3],
}

fn fill(c: &Connection) -> Fixture {
    let field = [Entity::Contact, Entity::Company, Entity::Deal].map(|entity| {
        fields::define(
            c,
            NewField {
                entity,
                name: "Nivel".into(),
                kind: FieldKind::Choice,
                choices: vec!["Oro".into(), "Plata".into()],
            },
        )
        .unwrap()
    });
    let rare = tags::ensure(c, "rare").unwrap();
    let common = tags::ensure(c, "common").unwrap();
    let last =
        "CASE WHEN i % 3 = 0 THEN NULL ELSE printf('2026-%02d-01T10:00:00Z', i % 12 + 1) END";
    let rows =
        format!("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {N})");
    c.execute_batch(&format!(
        "{rows} INSERT INTO contact (id, name, sort_key, created_at, updated_at, last_interaction_at) \
           SELECT i, 'n' || (i % 40), 'n' || (i % 40), 'x', 'x', {last} FROM n;
         {rows} INSERT INTO company (id, name, sort_key, is_supplier, created_at, updated_at, last_interaction_at) \
           SELECT i, 'n' || (i % 40), 'n' || (i % 40), i % 2, 'x', 'x', {last} FROM n;
         {rows} INSERT INTO deal (id, title, sort_key, stage_id, value_minor, currency, probability, created_at, \
           updated_at, last_interaction_at) \
           SELECT i, 'n' || (i % 40), 'n' || (i % 40), CASE WHEN i % 500 = 0 THEN 2 ELSE 1 END, 0, 'EUR', 0, 'x', \
           'x', {last} FROM n;"
    ))
    .unwrap();
    for (table, column, f) in [
        ("contact", "contact_id", field[0]),
        ("company", "company_id", field[1]),
        ("deal", "deal_id", field[2]),
    ] {
        c.execute_batch(&format!(
            "{rows} INSERT INTO {table}_tag (tag_id, {column}) SELECT {rare}, i FROM n WHERE i % 555 = 1;
             {rows} INSERT INTO {table}_tag (tag_id, {column}) SELECT {common}, i FROM n WHERE i % 2 = 0;
             {rows} INSERT INTO {table}_field (field_id, {column}, value) \
               SELECT {f}, i, CASE WHEN i % 600 = 7 THEN 'Oro' ELSE 'Plata' END FROM n WHERE i % 2 = 1 OR i % 600 = 7;"
        ))
        .unwrap();
    }
    Fixture {
        rare,
        common,
        field,
    }
}

/// Every row of a table with what the filters and sorts look at.
struct Row {
    id: i64,
    key: String,
    last: Option<String>,
    tags: Vec<i64>,
    value: Option<String>,
    supplier: bool,
    stage: i64,
}

fn rows(c: &Connection, table: &str, column: &str) -> Vec<Row> {
    let extra = match table {
        "company" => "is_supplier, 1",
        "deal" => "0, stage_id",
        _ => "0, 1",
    };
    let mut out: Vec<Row> = c
        .prepare(&format!(
            "SELECT id, sort_key, last_interaction_at, {extra}, \
             (SELECT value FROM {table}_field f WHERE f.{column} = t.id) FROM {table} t"
        ))
        .unwrap()
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                key: r.get(1)?,
                last: r.get(2)?,
                supplier: r.get::<_, i64>(3)? == 1,
                stage: r.get(4)?,
                value: r.get(5)?,
                tags: Vec::new(),
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let links: Vec<(i64, i64)> = c
        .prepare(&format!("SELECT {column}, tag_id FROM {table}_tag"))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (id, tag) in links {
        out[usize::try_from(id - 1).unwrap()].tags.push(tag);
    }
    out
}

/// What one filter case asks, in terms every entity shares.
#[derive(Debug, Clone, Default)]
struct Case {
    tag: Option<i64>,
    value: Option<&'static str>,
    before: Option<&'static str>,
    after: Option<&'static str>,
    /// Suppliers (companies) or stage 2 (deals).
    special: bool,
}

fn expected(all: &[Row], case: &Case, sort: Sort) -> Vec<i64> {
    let mut rows: Vec<&Row> = all
        .iter()
        .filter(|r| case.tag.is_none_or(|t| r.tags.contains(&t)))
        .filter(|r| case.value.is_none_or(|v| r.value.as_deref() == Some(v)))
        .filter(|r| {
            case.before
                .is_none_or(|b| r.last.as_deref().is_none_or(|l| l < b))
        })
        .filter(|r| {
            case.after
                .is_none_or(|a| r.last.as_deref().is_some_and(|l| l >= a))
        })
        .filter(|r| !case.special || r.supplier || r.stage == 2)
        .collect();
    match sort {
        Sort::Name => rows.sort_by(|a, b| (&a.key, a.id).cmp(&(&b.key, b.id))),
        Sort::Newest => rows.sort_by_key(|r| std::cmp::Reverse(r.id)),
        Sort::RecentlyContacted => rows.sort_by(|a, b| {
            // Contacted first (latest first), then never contacted; ties by newest id.
            (b.last.is_some(), &b.last, b.id).cmp(&(a.last.is_some(), &a.last, a.id))
        }),
    }
    rows.into_iter().map(|r| r.id).collect()
}

fn cases(f: &Fixture) -> Vec<Case> {
    vec![
        Case::default(),
        Case {
            tag: Some(f.rare),
            ..Case::default()
        },
        Case {
            tag: Some(f.common),
            ..Case::default()
        },
        Case {
            value: Some("Oro"),
            ..Case::default()
        },
        Case {
            value: Some("Plata"),
            ..Case::default()
        },
        Case {
            tag: Some(f.common),
            value: Some("Oro"),
            ..Case::default()
        },
        Case {
            before: Some("2026-03-01T10:00:00Z"),
            ..Case::default()
        },
        Case {
            after: Some("2026-11-01T10:00:00Z"),
            ..Case::default()
        },
        Case {
            after: Some("2026-06-01T10:00:00Z"),
            before: Some("2026-08-01T10:00:00Z"),
            tag: Some(f.common),
            ..Case::default()
        },
        Case {
            special: true,
            ..Case::default()
        },
        Case {
            special: true,
            tag: Some(f.rare),
            ..Case::default()
        },
    ]
}

fn field_filter(case: &Case, field: i64) -> Option<FieldFilter> {
    case.value.map(|v| FieldFilter {
        field_id: field,
        value: v.to_owned(),
    })
}

const SORTS: [Sort; 3] = [Sort::Name, Sort::Newest, Sort::RecentlyContacted];

/// Pages through a list `size` rows at a time.
fn paged<T>(
    size: u32,
    mut page: impl FnMut(Option<&str>) -> paging::Page<T>,
    id: impl Fn(&T) -> i64,
) -> Vec<i64> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let p = page(cursor.as_deref());
        assert!(p.items.len() <= size as usize);
        out.extend(p.items.iter().map(&id));
        match p.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    out
}

/// The EXPLAIN QUERY PLAN lines of every statement a page with a cursor runs.
fn plan(c: &Connection, q: &ListQuery, sort: Sort) -> Vec<String> {
    let base = paging::base_sql(c, q, sort).unwrap();
    let a = q.alias;
    let tails = match sort {
        Sort::Name => vec![format!(
            " AND ({a}.sort_key, {a}.id) > (?, ?) ORDER BY {a}.sort_key, {a}.id LIMIT 101"
        )],
        Sort::Newest => vec![format!(
            " AND {a}.id < ? AND ? ORDER BY {a}.id DESC LIMIT 101"
        )],
        Sort::RecentlyContacted => vec![
            format!(
                " AND {a}.last_interaction_at IS NOT NULL AND ({a}.last_interaction_at, {a}.id) < (?, ?) \
                 ORDER BY {a}.last_interaction_at DESC, {a}.id DESC LIMIT 101"
            ),
            format!(
                " AND {a}.last_interaction_at IS NULL AND {a}.id < ? AND ? \
                 ORDER BY {a}.last_interaction_at DESC, {a}.id DESC LIMIT 101"
            ),
        ],
    };
    let mut out = Vec::new();
    for tail in tails {
        let mut args: Vec<Value> = q.args.clone();
        args.push(Value::Text("n1".to_owned()));
        args.push(1000_i64.into());
        let n = q.args.len();
        let tail = renumber(&tail, n);
        let sql = format!("EXPLAIN QUERY PLAN {base}{tail}");
        let lines: Vec<String> = c
            .prepare(&sql)
            .unwrap()
            .query_map(params_from_iter(args), |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        out.extend(lines);
    }
    out
}

/// Numbers the anonymous parameters of `tail` after the list's own `n`.
fn renumber(tail: &str, n: usize) -> String {
    let mut out = String::new();
    let mut k = n;
    let mut chars = tail.chars().peekable();
    while let Some(ch) = chars.next() {
        out.push(ch);
        if ch == '?' && !chars.peek().is_some_and(char::is_ascii_digit) {
            k += 1;
            out.push_str(&k.to_string());
        }
    }
    out
}

fn assert_indexed(plan: &[String], table: &str, alias: &str, what: &str) {
    for line in plan {
        let bare = line == &format!("SCAN {alias}") || line == &format!("SCAN {table}");
        assert!(!bare, "{what}: a full scan without an index: {plan:#?}");
    }
}

#[test]
fn every_filter_and_sort_pages_exactly_and_uses_an_index() {
    let (_t, v) = vault();
    let c = v.conn();
    let fx = fill(c);
    let all_contacts = rows(c, "contact", "contact_id");
    let all_companies = rows(c, "company", "company_id");
    let all_deals = rows(c, "deal", "deal_id");
    for case in cases(&fx) {
        for sort in SORTS {
            // Contacts.
            if !case.special {
                let f = ContactFilter {
                    tag_id: case.tag,
                    field: field_filter(&case, fx.field[0]),
                    last_contacted_before: case.before.map(str::to_owned),
                    last_contacted_after: case.after.map(str::to_owned),
                    sort,
                    ..ContactFilter::default()
                };
                let want = expected(&all_contacts, &case, sort);
                for size in [7, 500] {
                    let got = paged(
                        size,
                        |cur| contacts::list_filtered(c, &f, size, cur).unwrap(),
                        |r| r.id,
                    );
                    assert_eq!(got, want, "contacts {case:?} {sort:?} by {size}");
                }
                let q = contacts::list_query(c, &f).unwrap();
                assert_indexed(
                    &plan(c, &q, sort),
                    "contact",
                    "c",
                    &format!("{case:?} {sort:?}"),
                );
            }
            // Companies (special: suppliers).
            let f = CompanyFilter {
                role: case.special.then_some(Role::Supplier),
                tag_id: case.tag,
                field: field_filter(&case, fx.field[1]),
                last_contacted_before: case.before.map(str::to_owned),
                last_contacted_after: case.after.map(str::to_owned),
                sort,
            };
            let want = expected(&all_companies, &case, sort);
            let got = paged(13, |cur| companies::list(c, &f, 13, cur).unwrap(), |r| r.id);
            assert_eq!(got, want, "companies {case:?} {sort:?}");
            let q = companies::list_query(c, &f).unwrap();
            assert_indexed(
                &plan(c, &q, sort),
                "company",
                "c",
                &format!("{case:?} {sort:?}"),
            );
            // Deals (special: stage 2).
            let f = DealFilter {
                stage_id: case.special.then_some(2),
                tag_id: case.tag,
                field: field_filter(&case, fx.field[2]),
                last_contacted_before: case.before.map(str::to_owned),
                last_contacted_after: case.after.map(str::to_owned),
                sort,
                ..DealFilter::default()
            };
            let want = expected(&all_deals, &case, sort);
            let got = paged(11, |cur| deals::list(c, &f, 11, cur).unwrap(), |d| d.id);
            assert_eq!(got, want, "deals {case:?} {sort:?}");
            let q = deals::list_query(c, &f).unwrap();
            assert_indexed(
                &plan(c, &q, sort),
                "deal",
                "d",
                &format!("{case:?} {sort:?}"),
            );
        }
    }
}

#[test]
fn a_sparse_filter_drives_the_list_from_its_own_index() {
    let (_t, v) = vault();
    let c = v.conn();
    let fx = fill(c);
    let joined = |p: &[String]| p.join("\n");
    for sort in SORTS {
        let rare = ContactFilter {
            tag_id: Some(fx.rare),
            sort,
            ..ContactFilter::default()
        };
        let p = joined(&plan(c, &contacts::list_query(c, &rare).unwrap(), sort));
        println!("contacts, sparse tag, {sort:?}:\n{p}\n");
        assert!(
            p.contains("SEARCH contact_tag USING PRIMARY KEY (tag_id=?")
                && p.contains("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"),
            "{sort:?}: {p}"
        );
        let gold = ContactFilter {
            field: Some(FieldFilter {
                field_id: fx.field[0],
                value: "oro".into(),
            }),
            sort,
            ..ContactFilter::default()
        };
        let p = joined(&plan(c, &contacts::list_query(c, &gold).unwrap(), sort));
        assert!(
            p.contains("contact_field_by_value (field_id=? AND value=?"),
            "{sort:?}: {p}"
        );
        // A dense tag walks the sort's own index instead (a page is found after a few rows).
        let common = ContactFilter {
            tag_id: Some(fx.common),
            sort,
            ..ContactFilter::default()
        };
        let p = joined(&plan(c, &contacts::list_query(c, &common).unwrap(), sort));
        let walk = match sort {
            Sort::Name => "USING INDEX contact_",
            Sort::Newest => "USING INTEGER PRIMARY KEY (rowid<?)",
            Sort::RecentlyContacted => "USING INDEX contact_by_last_interaction",
        };
        assert!(p.contains(walk), "{sort:?}: {p}");
        println!("contacts, dense tag, {sort:?}:\n{p}\n");
        let deal_rare = DealFilter {
            tag_id: Some(fx.rare),
            sort,
            ..DealFilter::default()
        };
        let p = joined(&plan(c, &deals::list_query(c, &deal_rare).unwrap(), sort));
        assert!(
            p.contains("SEARCH deal_tag USING PRIMARY KEY (tag_id=?"),
            "{sort:?}: {p}"
        );
    }
    const { assert!(SPARSE_MAX < N / 2, "the common tag must be dense") };
}
