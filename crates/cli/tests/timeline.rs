//! The `sigilo interaction add` and `sigilo timeline` contract: ids on stdout, merged timelines newest first and
//! paged with ties broken by id, local date-times converted to UTC, exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn id_of(vault: &std::path::Path, args: &[&str]) -> String {
    let id = ok(vault, args).trim().to_owned();
    assert!(
        !id.is_empty() && !id.contains(char::is_whitespace),
        "the id alone on stdout: {id:?}"
    );
    id
}

fn ids(page: &serde_json::Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn log_interactions_and_read_timelines() {
    let (_tmp, vault, _) = fast_vault();
    let acme = id_of(&vault, &["company", "add", "--name", "Acme"]);
    let ana = id_of(&vault, &["contact", "add", "--name", "Ana"]);
    let bea = id_of(&vault, &["contact", "add", "--name", "Bea"]);
    ok(&vault, &["contact", "edit", &ana, "--company-id", &acme]);

    let call = id_of(
        &vault,
        &[
            "interaction",
            "add",
            "--contact",
            &ana,
            "--contact",
            &bea,
            "--kind",
            "call",
            "--at",
            "2026-11-20T09:15:00Z",
            "--subject",
            "Presupuesto",
            "--body",
            "Quieren 3 hornos",
            "--direction",
            "outbound",
        ],
    );
    let note = id_of(
        &vault,
        &[
            "interaction",
            "add",
            "--contact",
            &ana,
            "--kind",
            "note",
            "--at",
            "2026-11-21T12:00:00+01:00",
            "--subject",
            "Seguimiento",
        ],
    );
    let meeting = id_of(
        &vault,
        &[
            "interaction",
            "add",
            "--company",
            &acme,
            "--kind",
            "meeting",
            "--at",
            "2026-11-21T11:00:00Z",
            "--subject",
            "Visita",
        ],
    );

    let i = json(&vault, &["interaction", "show", &call, "--json"]);
    assert_eq!(i["id"], call.as_str());
    assert_eq!(i["kind"], "call");
    assert_eq!(i["direction"], "outbound");
    assert_eq!(i["at"], "2026-11-20T09:15:00Z");
    assert_eq!(i["subject"], "Presupuesto");
    assert_eq!(i["body"], "Quieren 3 hornos");
    assert_eq!(i["contact_ids"], serde_json::json!([ana, bea]));
    assert_eq!(
        i["company_id"],
        acme.as_str(),
        "the first contact's company"
    );
    assert!(i["deal_id"].is_null());

    let t = json(&vault, &["timeline", "--contact", &ana, "--json"]);
    assert_eq!(ids(&t), [note.clone(), call.clone()], "newest first");
    assert!(t["next_cursor"].is_null());
    assert_eq!(t["items"][0]["at"], "2026-11-21T11:00:00Z", "stored in UTC");
    let t = json(&vault, &["timeline", "--contact", &bea, "--json"]);
    assert_eq!(ids(&t), [call.as_str()]);
    // The company's merged timeline: its own meeting and what its people logged. The note (11:00Z) and the
    // meeting (11:00Z) tie on time: the newer id comes first.
    let t = json(&vault, &["timeline", "--company", &acme, "--json"]);
    assert_eq!(ids(&t), [meeting.clone(), note.clone(), call.clone()]);

    let p1 = json(
        &vault,
        &["timeline", "--company", &acme, "--json", "--limit", "2"],
    );
    assert_eq!(ids(&p1), [meeting.clone(), note.clone()]);
    let cursor = p1["next_cursor"].as_str().unwrap().to_owned();
    let p2 = json(
        &vault,
        &[
            "timeline",
            "--company",
            &acme,
            "--json",
            "--limit",
            "2",
            "--cursor",
            &cursor,
        ],
    );
    assert_eq!(ids(&p2), [call.as_str()]);
    assert!(p2["next_cursor"].is_null());

    let text = ok(&vault, &["timeline", "--contact", &ana]);
    assert!(text.contains("Seguimiento") && text.contains("Presupuesto"));

    ok(&vault, &["interaction", "delete", &note]);
    let t = json(&vault, &["timeline", "--contact", &ana, "--json"]);
    assert_eq!(ids(&t), [call]);
}

#[test]
fn a_date_time_without_offset_is_local_time() {
    let (_tmp, vault, _) = fast_vault();
    let ana = id_of(&vault, &["contact", "add", "--name", "Ana"]);
    // Central European time as a POSIX rule (no tz database needed): UTC+2 in July, UTC+1 in January.
    let add = |at: &str| {
        let out = sigilo(&vault)
            .env("SIGILO_PASSPHRASE", PASS)
            .env("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
            .args([
                "interaction",
                "add",
                "--contact",
                &ana,
                "--kind",
                "note",
                "--at",
                at,
            ])
            .args(["--subject", "Nota"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let summer = add("2026-07-01T10:00");
    let winter = add("2026-01-15T10:00:30");
    let at = |id: &str| json(&vault, &["interaction", "show", id, "--json"])["at"].clone();
    assert_eq!(at(&summer), "2026-07-01T08:00:00Z");
    assert_eq!(at(&winter), "2026-01-15T09:00:30Z");
}

#[test]
fn bad_input_and_unknown_records() {
    let (_tmp, vault, _) = fast_vault();
    let ana = id_of(&vault, &["contact", "add", "--name", "Ana"]);
    let base = |kind: &str, at: &str| {
        run(
            &vault,
            &[
                "interaction",
                "add",
                "--contact",
                &ana,
                "--kind",
                kind,
                "--at",
                at,
                "--subject",
                "S",
            ],
        )
    };
    assert_eq!(code(&base("fax", "2026-11-20T09:00:00Z")), 2);
    let out = base("call", "ayer");
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("at"));
    assert_eq!(code(&base("call", "2026-13-01T09:00")), 2);
    let out = run(
        &vault,
        &[
            "interaction",
            "add",
            "--kind",
            "call",
            "--at",
            "2026-11-20T09:00:00Z",
            "--subject",
            "S",
        ],
    );
    assert_eq!(code(&out), 2, "linked to nothing");
    assert!(String::from_utf8_lossy(&out.stderr).contains("contacts"));
    let out = run(
        &vault,
        &[
            "interaction",
            "add",
            "--contact",
            "999",
            "--kind",
            "call",
            "--at",
            "2026-11-20T09:00:00Z",
            "--subject",
            "S",
        ],
    );
    assert_eq!(code(&out), 5);
    assert_eq!(code(&run(&vault, &["timeline", "--contact", "999"])), 5);
    assert_eq!(code(&run(&vault, &["timeline", "--company", "999"])), 5);
    assert_eq!(code(&run(&vault, &["timeline"])), 2, "an owner is required");
    assert_eq!(
        code(&run(
            &vault,
            &["timeline", "--contact", &ana, "--company", "1"]
        )),
        2
    );
    assert_eq!(
        code(&run(
            &vault,
            &["timeline", "--contact", &ana, "--cursor", "garbage!"]
        )),
        2
    );
    assert_eq!(code(&run(&vault, &["interaction", "show", "999"])), 5);
    let empty = json(&vault, &["timeline", "--contact", &ana, "--json"]);
    assert!(empty["items"].as_array().unwrap().is_empty());
}
