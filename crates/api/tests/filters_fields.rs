//! Custom field values and filtered lists through `Session`, as the desktop and the CLI use them: `field_set`
//! (by name or id, normalised, cleared, audited), `custom_fields` on contacts, companies and deals, and the
//! `*_list_filtered` methods with their error codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sigilo_api::*;
use sigilo_vault::{KdfParams, Vault};

fn session() -> (tempfile::TempDir, Session) {
    let tmp = tempfile::tempdir().unwrap();
    let kdf = KdfParams::insecure_fast_for_tests();
    let pass = SecretString::new("correct horse battery".to_owned());
    let (vault, _) =
        Vault::create_with_kdf(&tmp.path().join("v"), &pass, &sigilo_api::schema(), kdf).unwrap();
    (tmp, Session::from_vault(vault))
}

fn field(s: &mut Session, entity: TaggedKind, name: &str, kind: FieldKind) -> String {
    s.field_define(FieldInput {
        entity,
        name: name.into(),
        kind,
        choices: vec!["Oro".into(), "Plata".into()],
    })
    .unwrap()
}

#[test]
fn field_values_round_trip_and_filter_every_list() {
    let (_t, mut s) = session();
    let nivel = field(&mut s, TaggedKind::Contact, "Nivel", FieldKind::Choice);
    field(&mut s, TaggedKind::Company, "Plantilla", FieldKind::Number);
    field(&mut s, TaggedKind::Deal, "Origen", FieldKind::Text);
    let ana = s
        .contact_add(ContactInput {
            name: "Ana".into(),
            ..Default::default()
        })
        .unwrap();
    let bea = s
        .contact_add(ContactInput {
            name: "Bea".into(),
            ..Default::default()
        })
        .unwrap();
    // By name (any case) or by id; normalised.
    s.field_set(TaggedKind::Contact, &ana, "NIVEL", Some("oro".into()))
        .unwrap();
    s.field_set(TaggedKind::Contact, &bea, &nivel, Some("plata".into()))
        .unwrap();
    let got = s.contact_get(&ana).unwrap().custom_fields;
    assert_eq!(
        got,
        [CustomFieldValue {
            field_id: nivel.clone(),
            name: "Nivel".into(),
            kind: FieldKind::Choice,
            value: "Oro".into(),
        }]
    );
    let bad = s
        .field_set(TaggedKind::Contact, &ana, "Nivel", Some("Bronce".into()))
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::InvalidInput);
    assert!(bad.message.contains("Nivel"), "{}", bad.message);
    assert_eq!(
        s.field_set(TaggedKind::Contact, "99", "Nivel", Some("Oro".into()))
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert_eq!(
        s.field_set(TaggedKind::Company, &ana, "Nivel", Some("Oro".into()))
            .unwrap_err()
            .code,
        ErrorCode::NotFound,
        "a contact field is not a company field"
    );

    let filter = |value: &str| ContactFilterInput {
        field: Some(FieldMatch {
            field: "nivel".into(),
            value: value.into(),
        }),
        ..Default::default()
    };
    let names = |p: Page<ContactRow>| p.items.into_iter().map(|r| r.name).collect::<Vec<_>>();
    assert_eq!(
        names(s.contact_list_filtered(filter("ORO"), 10, None).unwrap()),
        ["Ana"]
    );
    s.field_set(TaggedKind::Contact, &ana, "Nivel", None)
        .unwrap();
    assert!(s.contact_get(&ana).unwrap().custom_fields.is_empty());
    assert!(names(s.contact_list_filtered(filter("oro"), 10, None).unwrap()).is_empty());
    s.tag_add(TaggedKind::Contact, &bea, "vip").unwrap();
    let by_tag = ContactFilterInput {
        tag: Some("VIP".into()),
        sort: ListSort::Created,
        ..Default::default()
    };
    assert_eq!(
        names(s.contact_list_filtered(by_tag, 10, None).unwrap()),
        ["Bea"]
    );
    let unknown = ContactFilterInput {
        tag: Some("nadie".into()),
        ..Default::default()
    };
    assert_eq!(
        s.contact_list_filtered(unknown, 10, None).unwrap_err().code,
        ErrorCode::NotFound
    );

    // Companies and deals.
    let acme = s
        .company_add(CompanyInput {
            name: "Acme".into(),
            roles: vec![CompanyRole::Customer],
            ..Default::default()
        })
        .unwrap();
    s.field_set(TaggedKind::Company, &acme, "plantilla", Some("040".into()))
        .unwrap();
    assert_eq!(s.company_get(&acme).unwrap().custom_fields[0].value, "40");
    let f = CompanyFilterInput {
        role: Some(CompanyRole::Customer),
        field: Some(FieldMatch {
            field: "Plantilla".into(),
            value: "40.0".into(),
        }),
        ..Default::default()
    };
    assert_eq!(s.company_list_filtered(f, 10, None).unwrap().items.len(), 1);
    let deal = s
        .deal_add(DealInput {
            title: "Pedido".into(),
            value: "10".into(),
            currency: "EUR".into(),
            ..Default::default()
        })
        .unwrap();
    s.field_set(
        TaggedKind::Deal,
        &deal,
        "Origen",
        Some(" Feria de Valencia ".into()),
    )
    .unwrap();
    let d = s.deal_get(&deal).unwrap();
    assert_eq!(d.custom_fields[0].value, "Feria de Valencia");
    let f = DealFilterInput {
        stage: Some("nuevo".into()),
        field: Some(FieldMatch {
            field: "origen".into(),
            value: "Feria de Valencia".into(),
        }),
        sort: ListSort::LastContacted,
        ..Default::default()
    };
    let page = s.deal_list_filtered(f, 10, None).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].custom_fields.len(), 1);
    // The old signatures still work.
    assert_eq!(s.deal_list(Some("Nuevo"), 10, None).unwrap().items.len(), 1);
    assert_eq!(
        s.company_list(Some(CompanyRole::Customer), 10, None)
            .unwrap()
            .items
            .len(),
        1
    );
}
