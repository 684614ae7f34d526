//! End-to-end journey (b): a vault seeded with 100,000 contacts opens in the real window, the virtual list shows the
//! total, scrolls to the last contact, and never holds more than a few hundred row elements in the DOM.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

use serde_json::Value;
use sigilo_api::{ContactInput, SecretString, Session};
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "cien mil contactos y ni uno más";
const TOTAL: usize = 100_000;
const BATCH: usize = 10_000;
/// Sorts after every generated name (the list is in name order, accents and case folded).
const LAST_NAME: &str = "Zz Último 100000";
/// "A few hundred" rows at most in the DOM, wherever the list is scrolled.
const MAX_ROWS_IN_DOM: usize = 300;

const FIRST: &[&str] = &[
    "Alba", "Bruno", "Carmen", "Diego", "Elena", "Fermín", "Gloria", "Héctor", "Inés", "Javier",
    "Lucía", "Manuel", "Nuria", "Óscar", "Paula", "Ramón", "Sofía", "Tomás", "Úrsula", "Víctor",
    "Yolanda",
];
const LAST: &[&str] = &[
    "García",
    "Martínez",
    "López",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Ruiz",
    "Díaz",
    "Moreno",
    "Muñoz",
];

fn seed(dir: &std::path::Path) {
    let started = Instant::now();
    let pass = SecretString::from(PASSPHRASE);
    let (mut session, _) = Session::create_for_tests(dir, &pass).unwrap();
    let mut made = 0usize;
    while made < TOTAL {
        let batch: Vec<ContactInput> = (made..(made + BATCH).min(TOTAL))
            .map(|i| {
                let n = i + 1;
                let name = if n == TOTAL {
                    LAST_NAME.to_owned()
                } else {
                    format!(
                        "{} {} {n:06}",
                        FIRST[i % FIRST.len()],
                        LAST[(i / FIRST.len()) % LAST.len()]
                    )
                };
                ContactInput {
                    name,
                    emails: vec![format!("contacto{n}@ejemplo.test")],
                    phones: vec![format!("+34 600 {:03} {:03}", n / 1000 % 1000, n % 1000)],
                    company: Some(format!("Empresa {}", n % 97)),
                    notes: None,
                    ..ContactInput::default()
                }
            })
            .collect();
        made += session.contact_add_many(batch).unwrap() as usize;
    }
    session.lock();
    eprintln!("seeded {TOTAL} contacts in {:?}", started.elapsed());
}

/// How many row elements the list holds, and the smallest and largest row index among them.
fn rows(app: &App) -> (usize, i64, i64) {
    let v = app
        .exec(
            "const rows = [...document.querySelectorAll('[data-testid=contact-row]')];\
             const idx = rows.map(r => Number(r.dataset.index));\
             return [rows.length, Math.min(...idx), Math.max(...idx)];",
        )
        .unwrap();
    let n = |i: usize| v[i].as_i64().unwrap_or(-1);
    (n(0) as usize, n(1), n(2))
}

/// Scrolls the list to `fraction` (0.0–1.0) of its height; returns the scrollTop set.
fn scroll_to(app: &App, fraction: f64) -> f64 {
    let v = app
        .session()
        .execute(
            "const s = document.querySelector('[data-testid=contact-list-scroll]');\
             s.scrollTop = (s.scrollHeight - s.clientHeight) * arguments[0];\
             s.dispatchEvent(new Event('scroll'));\
             return s.scrollTop;",
            &[Value::from(fraction)],
        )
        .unwrap();
    v.as_f64().unwrap_or(0.0)
}

/// Whether the row with `index` is rendered, loaded with `name` (any name when `None`), and inside the list's
/// visible box.
fn row_visible_with(app: &App, index: usize, name: Option<&str>) -> bool {
    let v = app
        .session()
        .execute(
            "const s = document.querySelector('[data-testid=contact-list-scroll]');\
             const r = document.querySelector(`[data-testid=contact-row][data-index=\"${arguments[0]}\"]`);\
             if (!s || !r) return false;\
             const n = r.querySelector('.name');\
             if (!n || !n.innerText || (arguments[1] !== null && n.innerText !== arguments[1])) return false;\
             const a = s.getBoundingClientRect(), b = r.getBoundingClientRect();\
             return b.top >= a.top && b.bottom <= a.bottom + 1 && b.height > 0;",
            &[Value::from(index), name.map_or(Value::Null, Value::from)],
        )
        .unwrap();
    v.as_bool() == Some(true)
}

#[test]
fn b_hundred_thousand_contacts_virtual_list() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    seed(&vault);

    let mut app = App::launch(AppOptions::new("b-hundred-thousand-contacts").vault(vault));
    app.el("[data-testid=unlock-form]");
    let memory_locked = app.memory_pss_by_process();
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");

    // The list opens and shows the total.
    app.el("[data-testid=contact-list-scroll]");
    app.wait_until("the total of 100,000 contacts", || {
        let v = app.exec("const c = document.querySelector('[data-testid=contact-count]'); return c && c.dataset.total")?;
        Ok(v.as_str() == Some("100000"))
    });
    let count_text = app.wait_text("[data-testid=contact-count]", "the total", |t| {
        !t.is_empty()
    });
    let digits: String = count_text.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits, TOTAL.to_string(), "the count shows {count_text:?}");
    app.wait_until("the first rows to load", || {
        Ok(row_visible_with(&app, 0, None))
    });
    let (n, lo, _) = rows(&app);
    assert!(
        n > 0 && n <= MAX_ROWS_IN_DOM,
        "{n} rows in the DOM at the top"
    );
    assert_eq!(lo, 0);
    app.shot("top");
    let memory_top = app.memory_pss_by_process();

    // The middle.
    scroll_to(&app, 0.5);
    app.wait_until("rows near the middle to load", || {
        let (n, lo, hi) = rows(&app);
        if n == 0 || lo > 50_500 || hi < 49_500 {
            return Ok(false);
        }
        let v = app.exec(
            "return [...document.querySelectorAll('[data-testid=contact-row]')].every(r => r.getAttribute('aria-busy') !== 'true')",
        )?;
        Ok(v.as_bool() == Some(true))
    });
    let (n, lo, hi) = rows(&app);
    assert!(n <= MAX_ROWS_IN_DOM, "{n} rows in the DOM in the middle");
    assert!(
        lo >= 49_000 && hi <= 51_000,
        "rows {lo}..{hi} in the middle"
    );
    app.shot("middle");

    // The bottom: the last contact is visible.
    scroll_to(&app, 1.0);
    app.wait_until("the last contact to be visible", || {
        Ok(row_visible_with(&app, TOTAL - 1, Some(LAST_NAME)))
    });
    let (n, _, hi) = rows(&app);
    assert!(n <= MAX_ROWS_IN_DOM, "{n} rows in the DOM at the bottom");
    assert_eq!(hi, (TOTAL - 1) as i64);
    app.shot("bottom");

    // Memory is a benchmark figure (docs/performance.md), never an assertion: written down for people to read.
    let memory_open = app.memory_pss_by_process();
    let total = |rows: &Option<Vec<(String, f64)>>| {
        rows.as_ref().map(|r| r.iter().map(|(_, m)| m).sum::<f64>())
    };
    let report = serde_json::json!({
        "what": "PSS summed over the app and its WebKit processes, debug build, under Xvfb",
        "unlock_screen_mib": total(&memory_locked),
        "vault_100k_open_list_scrolled_mib": total(&memory_open),
        "vault_100k_open_list_top_mib": total(&memory_top),
        "unlock_screen_by_process": memory_locked,
        "vault_100k_open_top_by_process": memory_top,
        "vault_100k_open_by_process": memory_open,
    });
    let path = sigilo_e2e::artifacts_dir("b-hundred-thousand-contacts").join("memory.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&report).unwrap()).unwrap();
    eprintln!(
        "memory (PSS, MiB): unlock screen {memory_locked:?}, 100k vault open {memory_open:?}"
    );
    eprintln!(
        "totals: {:?} → top {:?} → scrolled {:?}",
        total(&memory_locked),
        total(&memory_top),
        total(&memory_open)
    );
    eprintln!("journey b took {:?}", started.elapsed());
}
