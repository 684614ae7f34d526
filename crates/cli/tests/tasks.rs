//! The `sigilo task` contract: ids on stdout, the today / overdue / upcoming views by the computer's own date,
//! completing a task (optionally logging an interaction), exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::path::Path;
use std::process::Output;

/// Runs `sigilo` in UTC, so that "today" for the binary is the test's UTC date.
fn run_utc(vault: &Path, args: &[&str]) -> Output {
    sigilo(vault)
        .env("SIGILO_PASSPHRASE", PASS)
        .env("TZ", "UTC0")
        .args(args)
        .output()
        .unwrap()
}

fn ok_utc(vault: &Path, args: &[&str]) -> String {
    let out = run_utc(vault, args);
    assert!(
        out.status.success(),
        "sigilo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn json_utc(vault: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok_utc(vault, args)).unwrap()
}

fn day(offset: i64) -> String {
    let d = time::OffsetDateTime::now_utc().date() + time::Duration::days(offset);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn titles(page: &serde_json::Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn views_follow_the_computers_date() {
    let (_tmp, vault, _) = fast_vault();
    let (today, yesterday, tomorrow, later) = (day(0), day(-1), day(1), day(30));
    let ana = ok_utc(&vault, &["contact", "add", "--name", "Ana"]);
    let call = ok_utc(
        &vault,
        &[
            "task",
            "add",
            "--title",
            "Llamar a Ana",
            "--due",
            &today,
            "--time",
            "16:30",
            "--priority",
            "high",
            "--contact",
            &ana,
        ],
    );
    assert!(!call.is_empty() && !call.contains(char::is_whitespace));
    ok_utc(
        &vault,
        &["task", "add", "--title", "Enviar catálogo", "--due", &today],
    );
    ok_utc(
        &vault,
        &[
            "task",
            "add",
            "--title",
            "Factura pendiente",
            "--due",
            &yesterday,
        ],
    );
    ok_utc(
        &vault,
        &["task", "add", "--title", "Visita", "--due", &later],
    );
    ok_utc(
        &vault,
        &[
            "task",
            "add",
            "--title",
            "Revisar stock",
            "--due",
            &tomorrow,
        ],
    );

    let t = json_utc(&vault, &["task", "list", "--json"]);
    assert_eq!(
        titles(&t),
        ["Enviar catálogo", "Llamar a Ana"],
        "today by default; tasks without a time first in their day"
    );
    assert!(t["next_cursor"].is_null());
    let first = &t["items"][1];
    assert_eq!(first["id"], call.as_str());
    assert_eq!(first["due_date"], today.as_str());
    assert_eq!(first["due_time"], "16:30");
    assert_eq!(first["priority"], "high");
    assert_eq!(first["contact_id"], ana.as_str());
    assert_eq!(first["done"], false);
    assert_eq!(
        titles(&json_utc(
            &vault,
            &["task", "list", "--view", "overdue", "--json"]
        )),
        ["Factura pendiente"]
    );
    let up = json_utc(
        &vault,
        &[
            "task", "list", "--view", "upcoming", "--json", "--limit", "1",
        ],
    );
    assert_eq!(titles(&up), ["Revisar stock"]);
    let cursor = up["next_cursor"].as_str().unwrap().to_owned();
    let rest = json_utc(
        &vault,
        &[
            "task", "list", "--view", "upcoming", "--json", "--limit", "1", "--cursor", &cursor,
        ],
    );
    assert_eq!(titles(&rest), ["Visita"]);
    assert!(rest["next_cursor"].is_null());
    let text = ok_utc(&vault, &["task", "list", "--view", "today"]);
    assert!(text.contains("Llamar a Ana") && text.contains("16:30"));

    // Completing a task takes it out of its view; --log-as logs an interaction on the contact's timeline.
    let interaction = ok_utc(
        &vault,
        &[
            "task",
            "done",
            &call,
            "--log-as",
            "call",
            "--body",
            "Le interesa",
        ],
    );
    assert!(!interaction.is_empty());
    let done = json_utc(&vault, &["task", "show", &call, "--json"]);
    assert_eq!(done["done"], true);
    assert!(done["done_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        titles(&json_utc(&vault, &["task", "list", "--json"])),
        ["Enviar catálogo"]
    );
    let timeline = json_utc(&vault, &["timeline", "--contact", &ana, "--json"]);
    assert_eq!(timeline["items"][0]["id"], interaction.as_str());
    assert_eq!(timeline["items"][0]["kind"], "call");
    assert_eq!(timeline["items"][0]["subject"], "Llamar a Ana");
    assert_eq!(timeline["items"][0]["body"], "Le interesa");
    let again = run_utc(&vault, &["task", "done", &call]);
    assert_eq!(
        code(&again),
        6,
        "already done: refused by a rule, not bad input"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("already done"));

    // Without --log-as nothing is printed and nothing is logged.
    let plain = ok_utc(
        &vault,
        &[
            "task",
            "add",
            "--title",
            "Archivar",
            "--due",
            &today,
            "--contact",
            &ana,
        ],
    );
    assert_eq!(ok_utc(&vault, &["task", "done", &plain]), "");
    let timeline = json_utc(&vault, &["timeline", "--contact", &ana, "--json"]);
    assert_eq!(timeline["items"].as_array().unwrap().len(), 1);

    ok_utc(&vault, &["task", "delete", &plain]);
    assert_eq!(code(&run_utc(&vault, &["task", "show", &plain])), 5);
}

#[test]
fn bad_input_and_unknown_records() {
    let (_tmp, vault, _) = fast_vault();
    let today = day(0);
    let out = run_utc(&vault, &["task", "add", "--title", "X", "--due", "mañana"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("due_date"));
    let out = run_utc(
        &vault,
        &[
            "task", "add", "--title", "X", "--due", &today, "--time", "25:00",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("due_time"));
    assert_eq!(
        code(&run_utc(
            &vault,
            &["task", "add", "--title", "  ", "--due", &today]
        )),
        2
    );
    assert_eq!(
        code(&run_utc(&vault, &["task", "add", "--title", "X"])),
        2,
        "--due is required"
    );
    assert_eq!(
        code(&run_utc(
            &vault,
            &[
                "task",
                "add",
                "--title",
                "X",
                "--due",
                &today,
                "--priority",
                "asap"
            ]
        )),
        2
    );
    assert_eq!(
        code(&run_utc(
            &vault,
            &[
                "task",
                "add",
                "--title",
                "X",
                "--due",
                &today,
                "--contact",
                "999"
            ]
        )),
        5
    );
    assert_eq!(
        code(&run_utc(&vault, &["task", "list", "--view", "someday"])),
        2
    );
    assert_eq!(
        code(&run_utc(&vault, &["task", "list", "--cursor", "garbage!"])),
        2
    );
    assert_eq!(code(&run_utc(&vault, &["task", "done", "999"])), 5);
    // A task linked to nothing cannot log an interaction: refused, and the task stays open.
    let lone = ok_utc(&vault, &["task", "add", "--title", "Sola", "--due", &today]);
    let out = run_utc(&vault, &["task", "done", &lone, "--log-as", "note"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        json_utc(&vault, &["task", "show", &lone, "--json"])["done"],
        false
    );

    // --log is the short spelling of --log-as.
    let meeting = ok_utc(
        &vault,
        &[
            "task",
            "add",
            "--title",
            "Reunión",
            "--due",
            &day(0),
            "--contact",
            &ana_for_log(&vault),
        ],
    );
    let logged = ok_utc(
        &vault,
        &[
            "task", "done", &meeting, "--log", "meeting", "--body", "Acta",
        ],
    );
    let i = json_utc(&vault, &["interaction", "show", &logged, "--json"]);
    assert_eq!(i["kind"], "meeting");
    assert_eq!(i["subject"], "Reunión");
    assert_eq!(i["body"], "Acta");
}

fn ana_for_log(vault: &Path) -> String {
    ok_utc(vault, &["contact", "add", "--name", "Ana Registro"])
}
