//! Tags, custom fields and search across every kind against a real vault: case- and accent-insensitive tag
//! names, values checked against their definitions, text fields and tags in the index, grouped results, and
//! user input that cannot break a query.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invalid_field, refused, vault};
use sigilo_crm::companies::{self, CompanyFilter, NewCompany};
use sigilo_crm::contacts::{self, ContactDraft};
use sigilo_crm::deals::{self, DealFilter, NewDeal};
use sigilo_crm::fields::{self, FieldFilter, FieldKind, NewField};
use sigilo_crm::interactions::{self, Direction, InteractionKind, NewInteraction};
use sigilo_crm::tags::{self, Entity};
use sigilo_crm::tasks::{self, NewTask};
use sigilo_crm::{CrmError, RecordKind, search};

#[test]
fn tag_names_are_unique_ignoring_case_and_accents() {
    let (_t, v) = vault();
    let c = v.conn();
    let ana = contacts::insert_draft(
        c,
        ContactDraft {
            name: "Ana".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let acme = companies::insert(
        c,
        NewCompany {
            name: "Acme".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let t1 = tags::add(c, Entity::Contact, ana, "Clientes  Año").unwrap();
    let t2 = tags::add(c, Entity::Company, acme, "clientes año").unwrap();
    let t3 = tags::add(c, Entity::Contact, ana, "CLIENTES ANO").unwrap();
    assert_eq!((t1, t1), (t2, t3));
    assert_eq!(tags::list(c).unwrap().len(), 1);
    assert_eq!(
        tags::list(c).unwrap()[0].name,
        "Clientes Año",
        "first spelling kept, spaces collapsed"
    );
    assert_eq!(
        tags::of(c, Entity::Contact, ana).unwrap().len(),
        1,
        "tagging twice is harmless"
    );
    assert_eq!(invalid_field(tags::ensure(c, "  ")), "tag");
    assert_eq!(invalid_field(tags::ensure(c, &"x".repeat(51))), "tag");
    let other = tags::ensure(c, "Proveedor").unwrap();
    assert!(refused(tags::rename(c, other, "CLIENTES AÑO")).contains("already exists"));
    assert!(matches!(
        tags::add(c, Entity::Deal, 42, "x"),
        Err(CrmError::NotFound { .. })
    ));

    // Tags are searchable on their records, and follow renames and removal.
    assert_eq!(
        search::query_kinds(c, "clientes", 5, &[sigilo_crm::RecordKind::Contact])
            .unwrap()
            .len(),
        1
    );
    tags::rename(c, t1, "Socios").unwrap();
    assert!(
        search::query_kinds(c, "clientes", 5, &[sigilo_crm::RecordKind::Contact])
            .unwrap()
            .is_empty()
    );
    assert_eq!(search::query_kinds(c, "socios", 5, &[]).unwrap().len(), 2);
    let filter = CompanyFilter {
        tag_id: Some(t1),
        ..Default::default()
    };
    assert_eq!(
        companies::list(c, &filter, 10, None).unwrap().items.len(),
        1
    );
    tags::remove(c, Entity::Contact, ana, t1).unwrap();
    assert_eq!(search::query_kinds(c, "socios", 5, &[]).unwrap().len(), 1);
    tags::delete(c, t1).unwrap();
    assert!(search::query_kinds(c, "socios", 5, &[]).unwrap().is_empty());
    assert!(tags::of(c, Entity::Company, acme).unwrap().is_empty());
}

#[test]
fn custom_fields_are_defined_per_entity_and_values_checked() {
    let (_t, v) = vault();
    let c = v.conn();
    let def = |entity, name: &str, kind, choices: &[&str]| {
        fields::define(
            c,
            NewField {
                entity,
                name: name.into(),
                kind,
                choices: choices.iter().map(|s| (*s).to_owned()).collect(),
            },
        )
    };
    let sector = def(Entity::Company, "Sector", FieldKind::Text, &[]).unwrap();
    let staff = def(Entity::Company, "Empleados", FieldKind::Number, &[]).unwrap();
    let since = def(Entity::Company, "Cliente desde", FieldKind::Date, &[]).unwrap();
    let tier = def(
        Entity::Company,
        "Nivel",
        FieldKind::Choice,
        &["Oro", "Plata"],
    )
    .unwrap();
    let active = def(Entity::Company, "Activo", FieldKind::Boolean, &[]).unwrap();
    let deal_src = def(Entity::Deal, "Origen", FieldKind::Text, &[]).unwrap();
    assert!(
        refused(def(Entity::Company, "SECTOR", FieldKind::Text, &[])).contains("already exists"),
        "a name taken regardless of case is refused"
    );
    def(Entity::Contact, "Sector", FieldKind::Text, &[]).unwrap(); // same name, other entity: fine
    assert_eq!(
        invalid_field(def(Entity::Company, "Vacía", FieldKind::Choice, &[])),
        "choices"
    );
    assert_eq!(
        fields::definitions(c, Entity::Company)
            .unwrap()
            .iter()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>(),
        ["Sector", "Empleados", "Cliente desde", "Nivel", "Activo"]
    );

    let acme = companies::insert(
        c,
        NewCompany {
            name: "Acme".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let beta = companies::insert(
        c,
        NewCompany {
            name: "Beta".into(),
            ..Default::default()
        },
    )
    .unwrap();
    fields::set(
        c,
        Entity::Company,
        acme,
        sector,
        Some("Hostelería y turismo"),
    )
    .unwrap();
    fields::set(c, Entity::Company, acme, staff, Some("0012,50")).unwrap();
    fields::set(c, Entity::Company, acme, since, Some("2020-05-01")).unwrap();
    fields::set(c, Entity::Company, acme, tier, Some("oro")).unwrap();
    fields::set(c, Entity::Company, acme, active, Some("sí")).unwrap();
    fields::set(c, Entity::Company, beta, tier, Some("Plata")).unwrap();
    let vals: Vec<(String, String)> = fields::values(c, Entity::Company, acme)
        .unwrap()
        .into_iter()
        .map(|v| (v.name, v.value))
        .collect();
    assert_eq!(
        vals,
        [
            ("Sector", "Hostelería y turismo"),
            ("Empleados", "12.5"),
            ("Cliente desde", "2020-05-01"),
            ("Nivel", "Oro"),
            ("Activo", "true")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        invalid_field(fields::set(c, Entity::Company, acme, staff, Some("doce"))),
        "custom_fields"
    );
    assert_eq!(
        invalid_field(fields::set(
            c,
            Entity::Company,
            acme,
            since,
            Some("2020-13-01")
        )),
        "custom_fields"
    );
    assert_eq!(
        invalid_field(fields::set(c, Entity::Company, acme, tier, Some("Bronce"))),
        "custom_fields"
    );
    assert_eq!(
        invalid_field(fields::set(c, Entity::Contact, acme, tier, Some("Oro"))),
        "custom_fields"
    );
    assert!(matches!(
        fields::set(c, Entity::Company, 999, tier, Some("Oro")),
        Err(CrmError::NotFound { .. })
    ));

    // Text values are searchable; filters match the normalised value.
    let hits = search::query_kinds(c, "hosteleria", 5, &[]).unwrap();
    assert_eq!(
        (hits.len(), hits[0].kind, hits[0].id),
        (1, RecordKind::Company, acme)
    );
    let by = |field_id, value: &str| CompanyFilter {
        field: Some(FieldFilter {
            field_id,
            value: value.into(),
        }),
        ..Default::default()
    };
    let ids = |f: CompanyFilter| {
        companies::list(c, &f, 10, None)
            .unwrap()
            .items
            .into_iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(by(tier, "ORO")), [acme]);
    assert_eq!(ids(by(tier, "plata")), [beta]);
    assert_eq!(ids(by(staff, "12.50")), [acme]);
    assert_eq!(ids(by(active, "yes")), [acme]);
    // Clearing a value, and undefining a field, take it out of search.
    fields::set(c, Entity::Company, acme, sector, None).unwrap();
    assert!(
        search::query_kinds(c, "hosteleria", 5, &[])
            .unwrap()
            .is_empty()
    );
    fields::set(c, Entity::Company, acme, sector, Some("Turismo rural")).unwrap();
    fields::undefine(c, sector).unwrap();
    assert!(search::query_kinds(c, "rural", 5, &[]).unwrap().is_empty());
    assert_eq!(fields::values(c, Entity::Company, acme).unwrap().len(), 4);

    // Deal fields and tags filter deal lists.
    let deal = deals::insert(
        c,
        NewDeal {
            title: "Hotel".into(),
            value: "1".into(),
            currency: "EUR".into(),
            ..Default::default()
        },
        "2026-11-23T10:00:00Z",
    )
    .unwrap();
    fields::set(
        c,
        Entity::Deal,
        deal,
        deal_src,
        Some("Recomendación de Beta"),
    )
    .unwrap();
    let tag = tags::add(c, Entity::Deal, deal, "urgente").unwrap();
    let f = DealFilter {
        tag_id: Some(tag),
        field: Some(FieldFilter {
            field_id: deal_src,
            value: "Recomendación de Beta".into(),
        }),
        ..Default::default()
    };
    assert_eq!(deals::list(c, &f, 10, None).unwrap().items.len(), 1);
    assert_eq!(
        search::query_kinds(c, "recomendacion urgente", 5, &[RecordKind::Deal])
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn search_groups_every_kind_and_user_input_cannot_break_it() {
    let (_t, v) = vault();
    let c = v.conn();
    let acme = companies::insert(
        c,
        NewCompany {
            name: "Peña Hermanos".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let ana = contacts::insert_draft(
        c,
        ContactDraft {
            name: "Ana Peña".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let deal = deals::insert(
        c,
        NewDeal {
            title: "Reforma Peña".into(),
            value: "1".into(),
            currency: "EUR".into(),
            company_id: Some(acme),
            ..Default::default()
        },
        "2026-11-23T10:00:00Z",
    )
    .unwrap();
    let call = interactions::insert(
        c,
        NewInteraction {
            kind: InteractionKind::Call,
            at: "2026-11-23T10:00:00Z".into(),
            direction: Direction::Outbound,
            subject: Some("Llamada".into()),
            body: Some("Hablamos con los Peña del presupuesto".into()),
            contact_ids: vec![ana],
            company_id: None,
            deal_id: Some(deal),
        },
    )
    .unwrap();
    let task = tasks::insert(
        c,
        NewTask {
            title: "Enviar contrato a Peña".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let groups = search::grouped(c, "PENA", 10).unwrap();
    let got: Vec<(RecordKind, Vec<i64>)> = groups
        .into_iter()
        .map(|g| (g.kind, g.hits.into_iter().map(|h| h.id).collect()))
        .collect();
    assert_eq!(
        got,
        vec![
            (RecordKind::Contact, vec![ana]),
            (RecordKind::Company, vec![acme]),
            (RecordKind::Deal, vec![deal]),
            (RecordKind::Interaction, vec![call]),
            (RecordKind::Task, vec![task]),
        ]
    );
    // Prefixes, accents, and a deal found by its company's name.
    assert_eq!(
        search::query_kinds(c, "herman", 10, &[RecordKind::Deal])
            .unwrap()
            .len(),
        1
    );
    for nasty in [
        "\"",
        "pe*",
        "NEAR(pena",
        "'; DROP TABLE contact; --",
        "pena OR",
        "{title}: x",
        "^pena",
        "pena -ana",
        "\0",
    ] {
        let r = search::grouped(c, nasty, 10);
        assert!(r.is_ok(), "{nasty:?}: {r:?}");
    }
    assert!(search::grouped(c, "  ;; ", 10).unwrap().is_empty());
    assert_eq!(contacts::count(c).unwrap(), 1, "nothing was dropped");
}
