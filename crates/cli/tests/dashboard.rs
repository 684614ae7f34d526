//! The `sigilo dashboard` contract: task counts by the computer's date, the pipeline by stage and currency, the
//! forecast, this year's won and lost deals, contacts not touched in N days; money as decimal strings.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::path::Path;

use serde_json::json;

/// Runs `sigilo` in UTC, so that "today" for the binary is the test's UTC date.
fn ok_utc(vault: &Path, args: &[&str]) -> String {
    let out = sigilo(vault)
        .env("SIGILO_PASSPHRASE", PASS)
        .env("TZ", "UTC0")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sigilo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn day(offset: i64) -> String {
    let d = time::OffsetDateTime::now_utc().date() + time::Duration::days(offset);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn names(list: &serde_json::Value, path: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v.pointer(path).unwrap().as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_dashboard_shows_the_morning_at_a_glance() {
    let (_tmp, vault, _) = fast_vault();
    let v = vault.as_path();
    // Tasks: one due today, two overdue, one upcoming, one done.
    ok_utc(v, &["task", "add", "--title", "Hoy", "--due", &day(0)]);
    ok_utc(v, &["task", "add", "--title", "Ayer", "--due", &day(-1)]);
    ok_utc(
        v,
        &["task", "add", "--title", "Anteayer", "--due", &day(-2)],
    );
    ok_utc(v, &["task", "add", "--title", "Mañana", "--due", &day(1)]);
    let done = ok_utc(v, &["task", "add", "--title", "Hecha", "--due", &day(0)]);
    ok_utc(v, &["task", "done", &done]);
    // Contacts: never contacted, contacted today, contacted 40 days ago.
    let ana = ok_utc(v, &["contact", "add", "--name", "Ana Nunca"]);
    let bea = ok_utc(v, &["contact", "add", "--name", "Bea Hoy"]);
    let carl = ok_utc(v, &["contact", "add", "--name", "Carl Antiguo"]);
    for (who, when) in [(&bea, day(0)), (&carl, day(-40))] {
        ok_utc(
            v,
            &[
                "interaction",
                "add",
                "--contact",
                who,
                "--kind",
                "call",
                "--at",
                &format!("{when}T09:00:00Z"),
                "--subject",
                "Hola",
            ],
        );
    }
    // Deals: two open in EUR, one open in USD, one won and one lost in EUR.
    let close = day(0);
    for (title, value, currency, stage) in [
        ("A", "100", "EUR", "Nuevo"),
        ("B", "50.5", "EUR", "Nuevo"),
        ("C", "10", "USD", "Propuesta"),
        ("D", "200", "EUR", "Nuevo"),
        ("E", "30", "EUR", "Nuevo"),
    ] {
        ok_utc(
            v,
            &[
                "deal",
                "add",
                "--title",
                title,
                "--value",
                value,
                "--currency",
                currency,
                "--stage",
                stage,
                "--close",
                &close,
            ],
        );
    }
    let list: serde_json::Value =
        serde_json::from_str(&ok_utc(v, &["deal", "list", "--json"])).unwrap();
    let id = |t: &str| {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["title"] == t)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    ok_utc(v, &["deal", "move", &id("D"), "--stage", "ganado"]);
    ok_utc(
        v,
        &[
            "deal",
            "move",
            &id("E"),
            "--stage",
            "perdido",
            "--reason",
            "Precio",
        ],
    );

    let d: serde_json::Value =
        serde_json::from_str(&ok_utc(v, &["dashboard", "--days", "30", "--json"])).unwrap();
    assert_eq!(d["today"], day(0).as_str());
    assert_eq!(d["due_today_count"], 1);
    assert_eq!(names(&d["due_today"], "/title"), ["Hoy"]);
    assert_eq!(d["overdue_count"], 2);
    assert_eq!(
        names(&d["overdue"], "/title"),
        ["Anteayer", "Ayer"],
        "oldest first"
    );

    let pipeline = d["pipeline"].as_array().unwrap();
    assert_eq!(
        names(&d["pipeline"], "/stage/name"),
        [
            "Nuevo",
            "Cualificado",
            "Propuesta",
            "Negociación",
            "Ganado",
            "Perdido"
        ]
    );
    assert_eq!(pipeline[0]["count"], 2);
    assert_eq!(
        pipeline[0]["totals"],
        json!([{"amount": "150.50", "currency": "EUR"}])
    );
    assert_eq!(pipeline[1]["count"], 0);
    assert_eq!(pipeline[1]["totals"], json!([]));
    assert_eq!(
        pipeline[2]["totals"],
        json!([{"amount": "10.00", "currency": "USD"}])
    );
    assert_eq!(pipeline[4]["stage"]["kind"], "won");
    assert_eq!(
        pipeline[4]["totals"],
        json!([{"amount": "200.00", "currency": "EUR"}])
    );

    // 150.50 × 10 % = 15.05 EUR; 10 × 50 % = 5 USD, currencies never mixed.
    assert_eq!(
        d["forecast"],
        json!([
            {"month": &close[..7], "weighted": {"amount": "15.05", "currency": "EUR"},
             "total": {"amount": "150.50", "currency": "EUR"}, "deals": 2},
            {"month": &close[..7], "weighted": {"amount": "5.00", "currency": "USD"},
             "total": {"amount": "10.00", "currency": "USD"}, "deals": 1},
        ])
    );
    assert_eq!(d["won_lost_since"], format!("{}-01-01", &close[..4]));
    assert_eq!(
        d["won_lost"],
        json!([{"currency": "EUR", "won_count": 1, "won": {"amount": "200.00", "currency": "EUR"},
                "lost_count": 1, "lost": {"amount": "30.00", "currency": "EUR"}}])
    );

    assert_eq!(d["untouched_days"], 30);
    assert_eq!(
        names(&d["untouched"], "/contact/id"),
        [ana.as_str(), carl.as_str()],
        "never-contacted first, then the longest untouched; Bea was called today"
    );
    assert!(d["untouched"][0]["last_interaction_at"].is_null());
    assert_eq!(
        d["untouched"][1]["last_interaction_at"],
        format!("{}T09:00:00Z", day(-40))
    );
    // With a longer window Carl is recent enough.
    let d: serde_json::Value =
        serde_json::from_str(&ok_utc(v, &["dashboard", "--days", "60", "--json"])).unwrap();
    assert_eq!(names(&d["untouched"], "/contact/id"), [ana.as_str()]);

    let text = ok_utc(v, &["dashboard"]);
    assert!(
        text.contains("due today: 1") && text.contains("overdue: 2"),
        "{text}"
    );
    assert!(
        text.contains("150.50 EUR") && text.contains("Ana Nunca"),
        "{text}"
    );
}
