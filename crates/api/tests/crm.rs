//! The CRM use cases' audit trail and error codes through `Session`: every write records its event in the same
//! transaction, a refused deletion changes nothing and records nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sigilo_api::*;
use sigilo_vault::{KdfParams, Vault};

fn pass() -> SecretString {
    SecretString::new("correct horse battery".to_owned())
}

fn audit(dir: &std::path::Path) -> Vec<(String, String, Option<String>)> {
    let s = Session::open(dir, &pass(), UnlockKind::Passphrase).unwrap();
    let key = s.raw_key_hex();
    let conn = rusqlite::Connection::open(dir.join("sigilo.db")).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.expose()))
        .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT action, entity, entity_id FROM audit_event WHERE entity != 'vault' ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn crm_writes_are_audited_and_refusals_leave_no_trace() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let kdf = KdfParams::insecure_fast_for_tests();
    let (vault, _) = Vault::create_with_kdf(&dir, &pass(), &sigilo_api::schema(), kdf).unwrap();
    let mut s = Session::from_vault(vault);

    let acme = s
        .company_add(CompanyInput {
            name: "Acme".into(),
            ..Default::default()
        })
        .unwrap();
    let deal = s
        .deal_add(DealInput {
            title: "Pedido".into(),
            company_id: Some(acme.clone()),
            value: "10".into(),
            currency: "EUR".into(),
            ..Default::default()
        })
        .unwrap();
    let task = s
        .task_add(TaskInput {
            title: "Llamar".into(),
            due_date: Some("2026-11-23".into()),
            deal_id: Some(deal.clone()),
            ..Default::default()
        })
        .unwrap();
    let logged = s
        .task_done(
            &task,
            Some(TaskLog {
                kind: InteractionKind::Call,
                direction: Direction::Outbound,
                subject: None,
                body: None,
            }),
        )
        .unwrap()
        .unwrap();
    let refused = s
        .company_delete(&acme, CompanyDeletion::Refuse)
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Refused);
    assert_eq!(refused.code.exit_code(), 6);
    assert_eq!(s.company_get("999").unwrap_err().code, ErrorCode::NotFound);
    let i = s.interaction_get(&logged).unwrap();
    assert_eq!(i.deal_id.as_deref(), Some(deal.as_str()));
    assert_eq!(
        i.company_id.as_deref(),
        Some(acme.as_str()),
        "the deal's company"
    );
    s.lock();

    let events = audit(&dir);
    let e = |a: &str, k: &str, id: &str| (a.to_owned(), k.to_owned(), Some(id.to_owned()));
    assert_eq!(
        events,
        vec![
            e("create", "company", &acme),
            e("create", "deal", &deal),
            e("create", "task", &task),
            e("create", "interaction", &logged),
            e("update", "task", &task),
        ],
        "the refused deletion recorded nothing"
    );
}
