//! Sigilo's benchmark harness: builds the same demo vault twice in one run — encrypted (the real vault) and an
//! unencrypted baseline written by the same binary — and measures every hot path on both, so the cost of
//! encryption is always shown against plain SQLite on the same machine in the same run.

mod backup;
mod cipher;
mod invoicing;
mod machine;
mod stats;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use sigilo_api::demo::DemoSummary;
use sigilo_api::{ApiError, SecretString, Session, TaggedKind, TimelineOwner};
use sigilo_vault::{Unlock, Vault};

pub use machine::Machine;
use stats::Samples;

/// What to run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Demo scale: 1 ≈ 200 contacts, 500 ≈ 100k.
    pub scale: u32,
    pub seed: u64,
    /// Where the two vaults are built (a temp dir inside it, removed afterwards); default: the system temp dir.
    pub work_dir: Option<PathBuf>,
    /// Repetitions of each timed read (each query of the search mix, each page…).
    pub samples: u32,
}

impl Default for BenchOptions {
    fn default() -> Self {
        BenchOptions {
            scale: 1,
            seed: 2026,
            work_dir: None,
            samples: 30,
        }
    }
}

/// One measured quantity on both sides.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub unit: &'static str,
    pub encrypted: Option<f64>,
    pub plain: Option<f64>,
    /// encrypted / plain (for rates, plain / encrypted: always "how many times worse encrypted is").
    pub ratio: Option<f64>,
    /// The goal the project holds this number to, in words.
    pub goal: Option<&'static str>,
    pub meets_goal: Option<bool>,
}

/// Everything one run measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub sigilo_version: &'static str,
    pub started_at: String,
    pub scale: u32,
    pub seed: u64,
    pub contacts: u64,
    pub companies: u64,
    pub interactions: u64,
    pub deals: u64,
    pub tasks: u64,
    pub machine: Machine,
    pub metrics: BTreeMap<&'static str, Metric>,
    /// Each query of the search mix on its own (p95 in ms on both sides), to see which ones make the tail.
    pub search_queries: Vec<QueryTiming>,
}

/// One query of the search mix.
#[derive(Debug, Clone, Serialize)]
pub struct QueryTiming {
    pub query: &'static str,
    pub encrypted_p95_ms: Option<f64>,
    pub plain_p95_ms: Option<f64>,
}

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{0}")]
    Api(#[from] ApiError),
    #[error("{0}")]
    Vault(#[from] sigilo_vault::VaultError),
    #[error("benchmark work folder: {0}")]
    Io(#[from] std::io::Error),
}

/// What the harness is doing, for a progress line.
#[derive(Debug, Clone)]
pub struct Progress {
    pub stage: String,
    pub done: u64,
    pub total: u64,
}

const PASSPHRASE: &str = "benchmark passphrase, not a secret";

/// The fixed search mix: names, accent-folded names, prefixes, emails, phones, companies and note text; then
/// the other kinds: tax ids, deal titles, interaction text, task titles, tags. Every query runs across every
/// kind (`Session::search`, at most 20 hits of each).
pub const SEARCH_MIX: &[&str] = &[
    "garcia",
    "José Martínez",
    "jose",
    "nunez",
    "mart",
    "fer",
    "ibanez",
    "jose.garcia",
    "correo.example",
    "+34 6",
    "612",
    "talleres",
    "ferreteria lopez",
    "feria valencia",
    "retención",
    "smith",
    "oliv",
    "Ángela",
    "B28",
    "climatización",
    "presupuesto",
    "factura pendiente",
    "llamar a",
    "vip",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Encrypted,
    Plain,
}

#[derive(Debug, Default)]
struct SideResults {
    values: BTreeMap<&'static str, f64>,
    /// p95 of each query of the search mix.
    queries: BTreeMap<&'static str, f64>,
}

/// Runs the whole benchmark and returns its report.
pub fn run(
    opts: &BenchOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<BenchReport, BenchError> {
    let started_at = sigilo_crm_now();
    let parent = opts.work_dir.clone().unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&parent)?;
    let work = tempfile::Builder::new()
        .prefix("sigilo-bench-")
        .tempdir_in(&parent)?;
    let mut made = DemoSummary::default();
    let mut sides = BTreeMap::new();
    for side in [Side::Plain, Side::Encrypted] {
        let (results, summary) = run_side(side, work.path(), opts, progress)?;
        made = summary;
        sides.insert(side == Side::Encrypted, results);
    }
    let mut enc = sides.remove(&true).unwrap_or_default();
    progress(Progress {
        stage: "raw ChaCha20-Poly1305".into(),
        done: 0,
        total: 1,
    });
    // Enough data to reach a steady speed at real scales; a token amount in tiny runs (CI checks the metric exists).
    let cipher_mib = if opts.scale >= 100 { 256 } else { 16 };
    let raw = cipher::chacha20poly1305_mb_per_s(cipher_mib);
    enc.values.insert("raw_cipher", raw);
    let mut plain = sides.remove(&false).unwrap_or_default();
    // The backup's sealing stage is read against the raw cipher: its "plain" column is the cipher alone.
    plain.values.insert("backup_seal", raw);
    Ok(BenchReport {
        sigilo_version: env!("CARGO_PKG_VERSION"),
        started_at,
        scale: opts.scale,
        seed: opts.seed,
        contacts: made.contacts,
        companies: made.companies,
        interactions: made.interactions,
        deals: made.deals,
        tasks: made.tasks,
        machine: Machine::detect(),
        metrics: combine(&enc, &plain),
        search_queries: SEARCH_MIX
            .iter()
            .map(|q| QueryTiming {
                query: q,
                encrypted_p95_ms: enc.queries.get(q).copied(),
                plain_p95_ms: plain.queries.get(q).copied(),
            })
            .collect(),
    })
}

fn sigilo_crm_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn run_side(
    side: Side,
    work: &Path,
    opts: &BenchOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<(SideResults, DemoSummary), BenchError> {
    let label = match side {
        Side::Encrypted => "encrypted",
        Side::Plain => "plain",
    };
    let dir = work.join(label);
    let schema = sigilo_api::schema();
    let pass = SecretString::new(PASSPHRASE.to_owned());
    stats::reset_peak_memory();
    let mut out = SideResults::default();

    // Build: create the vault and fill it with the demo data.
    let vault = match side {
        Side::Encrypted => Vault::create(&dir, &pass, &schema)?.0,
        Side::Plain => Vault::create_unencrypted_baseline(&dir, &schema)?,
    };
    let mut session = Session::from_vault(vault);
    let start = Instant::now();
    let summary = session.fill_demo(opts.scale, opts.seed, &mut |p| {
        progress(Progress {
            stage: format!("{label}: demo {}", p.stage),
            done: p.done,
            total: p.total,
        });
    })?;
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    out.values
        .insert("bulk_insert", summary.records() as f64 / secs);
    out.values.insert("demo_fill", secs);
    session.lock();

    // Unlock: key derivation apart from the rest (opening, keying, PRAGMAs, migrations check).
    let mut kdf = Samples::default();
    let mut rest = Samples::default();
    for i in 0..3 {
        progress(Progress {
            stage: format!("{label}: unlock"),
            done: i,
            total: 3,
        });
        let session = match side {
            Side::Encrypted => {
                let unlock = Unlock::Passphrase(SecretString::new(PASSPHRASE.to_owned()));
                let (vault, timing) = Vault::open_timed(&dir, &unlock, &schema)?;
                kdf.push(ms(timing.kdf));
                rest.push(ms(timing.rest));
                Session::from_vault(vault)
            }
            Side::Plain => {
                let t = Instant::now();
                let vault = Vault::open_unencrypted_baseline(&dir, &schema)?;
                rest.push(ms(t.elapsed()));
                Session::from_vault(vault)
            }
        };
        session.lock();
    }
    if side == Side::Encrypted {
        out.values.insert("unlock_kdf", kdf.median());
    }
    out.values.insert("unlock_rest", rest.median());

    let mut session = match side {
        Side::Encrypted => Session::from_vault(Vault::open(
            &dir,
            &Unlock::Passphrase(SecretString::new(PASSPHRASE.to_owned())),
            &schema,
        )?),
        Side::Plain => Session::from_vault(Vault::open_unencrypted_baseline(&dir, &schema)?),
    };
    let total = session.contact_window(0, 1)?.total;

    // Search: the fixed mix, each query `samples` times (the first run of each warms nothing up for the next).
    progress(Progress {
        stage: format!("{label}: search"),
        done: 0,
        total: 1,
    });
    let mut search = Samples::default();
    let mut per_query: Vec<Samples> = SEARCH_MIX.iter().map(|_| Samples::default()).collect();
    for _ in 0..opts.samples {
        for (q, mine) in SEARCH_MIX.iter().zip(per_query.iter_mut()) {
            let t = Instant::now();
            session.search(q, 20)?;
            let took = ms(t.elapsed());
            search.push(took);
            mine.push(took);
        }
    }
    for (q, mine) in SEARCH_MIX.iter().zip(&per_query) {
        out.queries.insert(q, mine.percentile(95.0));
    }
    out.values.insert("search_p50", search.percentile(50.0));
    out.values.insert("search_p95", search.percentile(95.0));

    // A list page: 50 rows of the name-ordered list at spread offsets (a virtual list's jump), and keyset pages.
    progress(Progress {
        stage: format!("{label}: list pages"),
        done: 0,
        total: 1,
    });
    let mut window = Samples::default();
    let mut keyset = Samples::default();
    let mut rng = sigilo_api::demo::DemoRng::new(opts.seed);
    for _ in 0..opts.samples {
        let offset = rng.below(u64::from(total.max(1))) as u32;
        let t = Instant::now();
        session.contact_window(offset, 50)?;
        window.push(ms(t.elapsed()));
    }
    let mut cursor: Option<String> = None;
    for _ in 0..opts.samples {
        let t = Instant::now();
        let page = session.contact_list(50, cursor.as_deref())?;
        keyset.push(ms(t.elapsed()));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    out.values
        .insert("list_window_p95", window.percentile(95.0));
    out.values
        .insert("list_keyset_p95", keyset.percentile(95.0));

    // Keyset pages of the company and deal lists (the CLI's `company list` / `deal list`, the desktop's lists).
    progress(Progress {
        stage: format!("{label}: CRM pages"),
        done: 0,
        total: 1,
    });
    let mut companies = Samples::default();
    let mut cursor: Option<String> = None;
    for _ in 0..opts.samples {
        let t = Instant::now();
        let page = session.company_list(None, 50, cursor.as_deref())?;
        companies.push(ms(t.elapsed()));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    out.values
        .insert("company_list_p95", companies.percentile(95.0));
    let mut deals = Samples::default();
    let mut cursor: Option<String> = None;
    for _ in 0..opts.samples {
        let t = Instant::now();
        let page = session.deal_list(None, 50, cursor.as_deref())?;
        deals.push(ms(t.elapsed()));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    out.values.insert("deal_list_p95", deals.percentile(95.0));

    // A contact page as the desktop's detail opens it: the contact's full record, the first 50 items of its
    // timeline and its tags. The contacts are drawn from the first 1% of ids, where the demo puts its busiest
    // customers (their first timeline page is full), each opened once.
    let busy = (u64::from(total) / 100).max(1);
    let mut page = Samples::default();
    for _ in 0..opts.samples {
        let id = (1 + rng.below(busy)).to_string();
        let t = Instant::now();
        session.contact_get(&id)?;
        session.timeline(&TimelineOwner::Contact(id.clone()), 50, None)?;
        session.tag_list(Some((TaggedKind::Contact, &id)))?;
        page.push(ms(t.elapsed()));
    }
    out.values.insert("contact_page_p95", page.percentile(95.0));

    // A company page likewise: the company (with its contact and deal counts), the first 50 items of its merged
    // timeline and its tags, at random companies.
    let n_companies = summary.companies.max(1);
    let mut page = Samples::default();
    for _ in 0..opts.samples {
        let id = (1 + rng.below(n_companies)).to_string();
        let t = Instant::now();
        session.company_get(&id)?;
        session.timeline(&TimelineOwner::Company(id.clone()), 50, None)?;
        session.tag_list(Some((TaggedKind::Company, &id)))?;
        page.push(ms(t.elapsed()));
    }
    out.values.insert("company_page_p95", page.percentile(95.0));

    // The morning dashboard in one call (what the desktop's home screen asks for), and the forecast on its own.
    progress(Progress {
        stage: format!("{label}: dashboard"),
        done: 0,
        total: 1,
    });
    let mut dashboard = Samples::default();
    let mut forecast = Samples::default();
    for _ in 0..opts.samples {
        let t = Instant::now();
        session.dashboard(30)?;
        dashboard.push(ms(t.elapsed()));
        let t = Instant::now();
        session.deal_forecast()?;
        forecast.push(ms(t.elapsed()));
    }
    out.values
        .insert("dashboard_p95", dashboard.percentile(95.0));
    out.values.insert("forecast_p95", forecast.percentile(95.0));

    // Invoicing: issue, PDF, the money dashboard at the demo's invoice count, a list page, the chain check.
    invoicing::measure(&mut session, label, opts.samples, &mut out.values, progress)?;

    // The side's peak before the backup measurement, which resets the mark to measure the backup on its own.
    if let Some(peak) = stats::peak_memory_mib() {
        out.values.insert("peak_memory", peak);
    }
    if side == Side::Encrypted {
        backup::measure(&mut session, work, &pass, &mut out.values, progress)?;
        session.lock();
    } else {
        session.lock();
    }

    out.values.insert(
        "vault_size",
        stats::folder_size(&dir) as f64 / (1024.0 * 1024.0),
    );
    Ok((out, summary))
}

/// A goal in words and the check of (encrypted value, ratio) against it.
type Goal = (&'static str, fn(f64, Option<f64>) -> bool);

struct Spec {
    key: &'static str,
    name: &'static str,
    unit: &'static str,
    higher_is_better: bool,
    goal: Option<Goal>,
}

const SPECS: &[Spec] = &[
    Spec {
        key: "unlock_kdf",
        name: "unlock_kdf_ms",
        unit: "ms",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "unlock_rest",
        name: "unlock_rest_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 50 ms beyond the KDF", |e, _| e < 50.0)),
    },
    Spec {
        key: "demo_fill",
        name: "demo_fill_s",
        unit: "s",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "bulk_insert",
        name: "bulk_insert_rows_per_s",
        unit: "rows/s",
        higher_is_better: true,
        goal: Some(("ratio ≤ 1.5 (writes)", |_, r| r.is_some_and(|r| r <= 1.5))),
    },
    Spec {
        key: "search_p50",
        name: "search_p50_ms",
        unit: "ms",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "search_p95",
        name: "search_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 5 ms, ratio ≤ 1.2", |e, r| {
            e < 5.0 && r.is_none_or(|r| r <= 1.2)
        })),
    },
    Spec {
        key: "list_window_p95",
        name: "list_page_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 5 ms, ratio ≤ 1.2", |e, r| {
            e < 5.0 && r.is_none_or(|r| r <= 1.2)
        })),
    },
    Spec {
        key: "list_keyset_p95",
        name: "list_keyset_page_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 5 ms", |e, _| e < 5.0)),
    },
    Spec {
        key: "company_list_p95",
        name: "company_list_page_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 5 ms", |e, _| e < 5.0)),
    },
    Spec {
        key: "deal_list_p95",
        name: "deal_list_page_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 5 ms", |e, _| e < 5.0)),
    },
    Spec {
        key: "contact_page_p95",
        name: "contact_page_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 10 ms", |e, _| e < 10.0)),
    },
    Spec {
        key: "company_page_p95",
        name: "company_page_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 10 ms", |e, _| e < 10.0)),
    },
    Spec {
        key: "dashboard_p95",
        name: "dashboard_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 50 ms", |e, _| e < 50.0)),
    },
    Spec {
        key: "invoice_issue_p95",
        name: "invoice_issue_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 5 ms", |e, _| e < 5.0)),
    },
    Spec {
        key: "invoice_pdf_p95",
        name: "invoice_pdf_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 50 ms", |e, _| e < 50.0)),
    },
    Spec {
        key: "money_dashboard_p95",
        name: "money_dashboard_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: Some(("< 50 ms at 50k invoices", |e, _| e < 50.0)),
    },
    Spec {
        key: "invoice_list_page_p95",
        name: "invoice_list_page_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "invoices",
        name: "invoices_in_chain",
        unit: "records",
        higher_is_better: true,
        goal: None,
    },
    Spec {
        key: "verify_chain_s",
        name: "verify_chain_s",
        unit: "s",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "forecast_p95",
        name: "forecast_p95_ms",
        unit: "ms",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "raw_cipher",
        name: "raw_chacha20poly1305_mb_per_s",
        unit: "MB/s",
        higher_is_better: true,
        goal: None,
    },
    Spec {
        key: "backup_create",
        name: "backup_create_mb_per_s",
        unit: "MB/s",
        higher_is_better: true,
        goal: None,
    },
    Spec {
        key: "backup_seal",
        name: "backup_seal_mb_per_s",
        unit: "MB/s",
        higher_is_better: true,
        goal: Some(("≥ 0.7 × raw cipher (plain column)", |_, r| {
            r.is_some_and(|r| r <= 1.0 / 0.7)
        })),
    },
    Spec {
        key: "backup_snapshot_ms",
        name: "backup_snapshot_ms",
        unit: "ms",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "backup_verify",
        name: "backup_verify_mb_per_s",
        unit: "MB/s",
        higher_is_better: true,
        goal: None,
    },
    Spec {
        key: "backup_restore",
        name: "backup_restore_mb_per_s",
        unit: "MB/s",
        higher_is_better: true,
        goal: None,
    },
    Spec {
        key: "backup_peak_memory",
        name: "backup_peak_memory_above_start_mib",
        unit: "MiB",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "age_encrypt",
        name: "peer_age_encrypt_mb_per_s",
        unit: "MB/s",
        higher_is_better: true,
        goal: None,
    },
    Spec {
        key: "vault_size",
        name: "vault_size_mib",
        unit: "MiB",
        higher_is_better: false,
        goal: None,
    },
    Spec {
        key: "peak_memory",
        name: "peak_memory_mib",
        unit: "MiB",
        higher_is_better: false,
        goal: None,
    },
];

fn combine(enc: &SideResults, plain: &SideResults) -> BTreeMap<&'static str, Metric> {
    let mut metrics = BTreeMap::new();
    for spec in SPECS {
        let e = enc.values.get(spec.key).copied();
        let p = plain.values.get(spec.key).copied();
        let ratio = match (e, p) {
            (Some(e), Some(p)) if e > 0.0 && p > 0.0 => {
                Some(if spec.higher_is_better { p / e } else { e / p })
            }
            _ => None,
        };
        let meets_goal = spec.goal.zip(e).map(|((_, check), e)| check(e, ratio));
        metrics.insert(
            spec.name,
            Metric {
                unit: spec.unit,
                encrypted: e,
                plain: p,
                ratio,
                goal: spec.goal.map(|(g, _)| g),
                meets_goal,
            },
        );
    }
    metrics
}

/// The report as a human-readable table.
pub fn table(report: &BenchReport) -> String {
    let fmt = |v: Option<f64>| v.map(|v| format!("{v:.3}")).unwrap_or_else(|| "—".into());
    let mut s = format!(
        "Sigilo {} — scale {} ({} contacts, {} companies, {} interactions, {} deals, {} tasks), seed {} — {} ({} cores)\n",
        report.sigilo_version,
        report.scale,
        report.contacts,
        report.companies,
        report.interactions,
        report.deals,
        report.tasks,
        report.seed,
        report.machine.cpu,
        report.machine.cores
    );
    s.push_str(&format!(
        "{:<26} {:>12} {:>12} {:>7}  {:<7} {}\n",
        "metric", "encrypted", "plain", "ratio", "unit", "goal"
    ));
    for (name, m) in &report.metrics {
        let verdict = match m.meets_goal {
            Some(true) => "✓ ",
            Some(false) => "✗ ",
            None => "",
        };
        s.push_str(&format!(
            "{:<26} {:>12} {:>12} {:>7}  {:<7} {}{}\n",
            name,
            fmt(m.encrypted),
            fmt(m.plain),
            m.ratio
                .map(|r| format!("{r:.2}"))
                .unwrap_or_else(|| "—".into()),
            m.unit,
            verdict,
            m.goal.unwrap_or("")
        ));
    }
    s
}
