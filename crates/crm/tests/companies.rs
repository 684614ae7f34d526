//! Companies against a real vault: CRUD, validation naming fields, role filters with keyset paging, addresses,
//! renames reaching contacts, deletion that refuses / cascades / detaches, supplier agreements and search.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invalid_field, vault};
use sigilo_crm::companies::{
    self, CompanyFilter, NewAgreement, NewCompany, OnDelete, Role, Roles, Sort,
};
use sigilo_crm::contacts::{self, ContactDraft};
use sigilo_crm::deals::{self, NewDeal};
use sigilo_crm::interactions::{self, Direction, InteractionKind, NewInteraction};
use sigilo_crm::valid::Address;
use sigilo_crm::{CrmError, RecordKind, search};

fn company(name: &str, roles: &[Role]) -> NewCompany {
    NewCompany {
        name: name.into(),
        roles: Roles::of(roles),
        ..Default::default()
    }
}

#[test]
fn crud_round_trips_every_field() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = companies::insert(
        c,
        NewCompany {
            name: "  Ñandú S.L. ".into(),
            roles: Roles::of(&[Role::Customer, Role::Supplier]),
            tax_country: None,
            tax_id: Some("b-12345674".into()),
            addresses: vec![
                Address {
                    label: Some("facturación".into()),
                    street: Some("Calle Mayor 1".into()),
                    postal_code: Some("28013".into()),
                    city: Some("Madrid".into()),
                    region: None,
                    country: Some("es".into()),
                },
                Address::default(),
            ],
            website: Some("https://nandu.example".into()),
            payment_days: Some(30),
            currency: Some("eur".into()),
            notes: Some("Buen pagador".into()),
        },
    )
    .unwrap();
    let got = companies::get(c, id).unwrap();
    assert_eq!(got.name, "Ñandú S.L.");
    assert!(got.roles.customer && got.roles.supplier && !got.roles.prospect);
    assert_eq!(got.roles.list(), vec![Role::Customer, Role::Supplier]);
    assert_eq!(got.tax_country.as_deref(), Some("ES"));
    assert_eq!(got.tax_id.as_deref(), Some("B12345674"));
    assert_eq!(got.addresses.len(), 1, "the empty address is dropped");
    assert_eq!(got.addresses[0].country.as_deref(), Some("ES"));
    assert_eq!(got.currency.as_deref(), Some("EUR"));
    assert_eq!(got.payment_days, Some(30));

    companies::update(c, id, company("Ñandú Global", &[Role::Prospect])).unwrap();
    let got = companies::get(c, id).unwrap();
    assert_eq!(got.name, "Ñandú Global");
    assert_eq!(got.roles.list(), vec![Role::Prospect]);
    assert!(got.addresses.is_empty() && got.tax_id.is_none());
    assert_eq!(companies::count(c).unwrap(), 1);
    assert_eq!(companies::row(c, id).unwrap().name, "Ñandú Global");

    companies::delete(c, id, OnDelete::Refuse, "2026-11-23").unwrap();
    assert!(matches!(
        companies::get(c, id),
        Err(CrmError::NotFound { .. })
    ));
    assert!(matches!(
        companies::delete(c, id, OnDelete::Refuse, "2026-11-23"),
        Err(CrmError::NotFound { .. })
    ));
    assert!(
        search::query_kinds(c, "nandu", 10, &[]).unwrap().is_empty(),
        "search entry removed"
    );
}

#[test]
fn validation_names_the_field() {
    let (_t, v) = vault();
    let c = v.conn();
    let with = |f: &dyn Fn(&mut NewCompany)| {
        let mut n = company("Acme", &[]);
        f(&mut n);
        companies::insert(c, n)
    };
    assert_eq!(invalid_field(with(&|n| n.name = "   ".into())), "name");
    assert_eq!(
        invalid_field(with(&|n| n.tax_id = Some("12345678A".into()))),
        "tax_id"
    );
    assert_eq!(
        invalid_field(with(&|n| {
            n.tax_country = Some("Francia".into());
            n.tax_id = Some("X".into());
        })),
        "tax_country"
    );
    assert_eq!(
        invalid_field(with(&|n| n.currency = Some("EURO".into()))),
        "currency"
    );
    assert_eq!(
        invalid_field(with(&|n| n.payment_days = Some(5000))),
        "payment_days"
    );
    assert_eq!(
        invalid_field(with(&|n| n.website = Some("no es web".into()))),
        "website"
    );
    assert_eq!(
        invalid_field(with(&|n| n.addresses = vec![Address {
            country: Some("ESP".into()),
            ..Default::default()
        }])),
        "addresses"
    );
    // Other countries: shape only.
    with(&|n| {
        n.tax_country = Some("de".into());
        n.tax_id = Some("DE 123 456 789".into());
    })
    .unwrap();
    assert_eq!(companies::count(c).unwrap(), 1);
}

#[test]
fn role_filter_pages_by_name_with_ties() {
    let (_t, v) = vault();
    let c = v.conn();
    let mut customers = Vec::new();
    for (i, name) in ["Beta", "alfa", "Álfa", "Gamma", "beta", "Delta"]
        .iter()
        .enumerate()
    {
        let roles: &[Role] = if i % 2 == 0 {
            &[Role::Customer]
        } else {
            &[Role::Customer, Role::Supplier]
        };
        customers.push(companies::insert(c, company(name, roles)).unwrap());
    }
    companies::insert(c, company("Zeta prospect", &[Role::Prospect])).unwrap();
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = companies::list(
            c,
            &CompanyFilter {
                role: Some(Role::Customer),
                ..Default::default()
            },
            2,
            cursor.as_deref(),
        )
        .unwrap();
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|r| (r.name.clone(), r.id)));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    // Folded names order; equal folded names ("alfa"/"Álfa", "Beta"/"beta") by id.
    let names: Vec<&str> = seen.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["alfa", "Álfa", "Beta", "beta", "Delta", "Gamma"]);
    let suppliers = companies::list(
        c,
        &CompanyFilter {
            role: Some(Role::Supplier),
            ..Default::default()
        },
        50,
        None,
    )
    .unwrap();
    assert_eq!(suppliers.items.len(), 3);
    assert!(suppliers.items.iter().all(|r| r.roles.supplier));
    let all = companies::list(c, &CompanyFilter::default(), 50, None).unwrap();
    assert_eq!(all.items.len(), 7);
    assert!(matches!(
        companies::list(c, &CompanyFilter::default(), 5, Some("garbage!")),
        Err(CrmError::BadCursor)
    ));
}

#[test]
fn a_rename_reaches_linked_contacts_and_search() {
    let (_t, v) = vault();
    let c = v.conn();
    let acme = companies::insert(c, company("Acme", &[Role::Customer])).unwrap();
    let ana = contacts::insert_draft(
        c,
        ContactDraft {
            name: "Ana".into(),
            ..Default::default()
        },
    )
    .unwrap();
    contacts::link_company(c, ana, Some(acme), "2026-01-01", Some("CEO".into())).unwrap();
    assert_eq!(
        contacts::get(c, ana).unwrap().company.as_deref(),
        Some("Acme")
    );
    companies::update(c, acme, company("Zapatos Pérez", &[Role::Customer])).unwrap();
    assert_eq!(
        contacts::row(c, ana).unwrap().company.as_deref(),
        Some("Zapatos Pérez")
    );
    let hits = search::query_kinds(c, "zapatos perez", 10, &[]).unwrap();
    let kinds: Vec<RecordKind> = hits.iter().map(|h| h.kind).collect();
    assert!(
        kinds.contains(&RecordKind::Company) && kinds.contains(&RecordKind::Contact),
        "{hits:?}"
    );
}

fn with_people_and_deal() -> (tempfile::TempDir, sigilo_vault::Vault, i64, i64, i64) {
    let (t, v) = vault();
    let c = v.conn();
    let acme = companies::insert(c, company("Acme", &[Role::Customer])).unwrap();
    let ana = contacts::insert_draft(
        c,
        ContactDraft {
            name: "Ana".into(),
            ..Default::default()
        },
    )
    .unwrap();
    contacts::link_company(c, ana, Some(acme), "2026-01-01", None).unwrap();
    let deal = deals::insert(
        c,
        NewDeal {
            title: "Renovación".into(),
            company_id: Some(acme),
            value: "100".into(),
            currency: "EUR".into(),
            ..Default::default()
        },
        "2026-01-02T10:00:00Z",
    )
    .unwrap();
    (t, v, acme, ana, deal)
}

#[test]
fn deleting_a_company_with_links_is_refused_unless_told() {
    let (_t, v, acme, ana, deal) = with_people_and_deal();
    let c = v.conn();
    assert_eq!(companies::linked_counts(c, acme).unwrap(), (1, 1));
    assert!(matches!(
        companies::delete(c, acme, OnDelete::Refuse, "2026-11-23"),
        Err(CrmError::Refused(m)) if m.contains("1 contact(s) and 1 deal(s)")
    ));
    assert!(companies::get(c, acme).is_ok(), "nothing changed");
    assert!(contacts::get(c, ana).is_ok() && deals::get(c, deal).is_ok());
}

#[test]
fn cascade_deletes_contacts_and_deals() {
    let (_t, v, acme, ana, deal) = with_people_and_deal();
    let c = v.conn();
    companies::delete(c, acme, OnDelete::Cascade, "2026-11-23").unwrap();
    assert!(matches!(
        contacts::get(c, ana),
        Err(CrmError::NotFound { .. })
    ));
    assert!(matches!(
        deals::get(c, deal),
        Err(CrmError::NotFound { .. })
    ));
    assert!(search::query_kinds(c, "ana", 10, &[]).unwrap().is_empty());
    assert!(
        search::query_kinds(c, "renovacion", 10, &[])
            .unwrap()
            .is_empty()
    );
}

#[test]
fn detach_keeps_contacts_and_deals_unlinked_with_history() {
    let (_t, v, acme, ana, deal) = with_people_and_deal();
    let c = v.conn();
    companies::delete(c, acme, OnDelete::Detach, "2026-11-23").unwrap();
    let person = contacts::get_full(c, ana).unwrap();
    assert_eq!(person.company_id, None);
    assert_eq!(
        person.company.as_deref(),
        Some("Acme"),
        "the name stays as text"
    );
    let history = contacts::company_history(c, ana).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].company_id, None);
    assert_eq!(history[0].company_name, "Acme");
    assert_eq!(history[0].to_date.as_deref(), Some("2026-11-23"));
    assert_eq!(deals::get(c, deal).unwrap().company_id, None);
}

#[test]
fn supplier_agreements() {
    let (_t, v) = vault();
    let c = v.conn();
    let paper = companies::insert(c, company("Papelera", &[Role::Supplier])).unwrap();
    let a = companies::add_agreement(
        c,
        paper,
        NewAgreement {
            terms: "Suministro anual".into(),
            start_date: Some("2026-01-01".into()),
            end_date: Some("2026-12-31".into()),
            renewal_reminder: Some("2026-11-30".into()),
            conditions: Some("Precio fijo".into()),
        },
    )
    .unwrap();
    let b = companies::add_agreement(
        c,
        paper,
        NewAgreement {
            terms: "Mantenimiento".into(),
            renewal_reminder: Some("2027-03-01".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let bad = companies::add_agreement(
        c,
        paper,
        NewAgreement {
            terms: "Al revés".into(),
            start_date: Some("2026-02-01".into()),
            end_date: Some("2026-01-01".into()),
            ..Default::default()
        },
    );
    assert_eq!(invalid_field(bad), "end_date");
    assert_eq!(
        invalid_field(companies::add_agreement(
            c,
            paper,
            NewAgreement {
                terms: "x".into(),
                renewal_reminder: Some("mañana".into()),
                ..Default::default()
            }
        )),
        "renewal_reminder"
    );
    assert!(matches!(
        companies::add_agreement(
            c,
            999,
            NewAgreement {
                terms: "x".into(),
                ..Default::default()
            }
        ),
        Err(CrmError::NotFound { .. })
    ));
    let list = companies::agreements(c, paper).unwrap();
    assert_eq!(
        list.iter().map(|x| x.id).collect::<Vec<_>>(),
        vec![b, a],
        "undated first, then by start"
    );
    let due = companies::renewals_due(c, "2026-12-01", 10).unwrap();
    assert_eq!(due.iter().map(|x| x.id).collect::<Vec<_>>(), vec![a]);
    companies::update_agreement(
        c,
        a,
        NewAgreement {
            terms: "Suministro bianual".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        companies::renewals_due(c, "2026-12-01", 10)
            .unwrap()
            .is_empty()
    );
    companies::delete_agreement(c, b).unwrap();
    assert_eq!(companies::agreements(c, paper).unwrap().len(), 1);
    // Agreements go with their company; they do not block its deletion.
    companies::delete(c, paper, OnDelete::Refuse, "2026-11-23").unwrap();
    assert!(companies::agreements(c, paper).unwrap().is_empty());
}

#[test]
fn companies_are_found_by_name_tax_id_and_city() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = companies::insert(
        c,
        NewCompany {
            name: "Construcciones Ibéricas".into(),
            tax_id: Some("Q2826000H".into()),
            addresses: vec![Address {
                city: Some("Logroño".into()),
                ..Default::default()
            }],
            ..Default::default()
        },
    )
    .unwrap();
    for q in ["iberic", "Q2826000H", "logrono", "CONSTRUCCIONES"] {
        let hits = search::query_kinds(c, q, 10, &[RecordKind::Company]).unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!((hits[0].kind, hits[0].id), (RecordKind::Company, id));
    }
    // The contacts-only search the API uses today does not report companies.
    assert!(
        search::query_kinds(c, "iberic", 10, &[sigilo_crm::RecordKind::Contact])
            .unwrap()
            .is_empty()
    );
}

#[test]
fn role_lists_sort_by_recent_contact_and_newest() {
    let (_t, v) = vault();
    let c = v.conn();
    let a = companies::insert(c, company("A", &[Role::Customer])).unwrap();
    let b = companies::insert(c, company("B", &[Role::Customer])).unwrap();
    let s = companies::insert(c, company("S", &[Role::Supplier])).unwrap();
    let d = companies::insert(c, company("D", &[Role::Customer])).unwrap();
    for (who, at) in [
        (b, "2026-11-01T00:00:00Z"),
        (s, "2026-11-09T00:00:00Z"),
        (a, "2026-11-03T00:00:00Z"),
    ] {
        interactions::insert(
            c,
            NewInteraction {
                kind: InteractionKind::Note,
                at: at.into(),
                direction: Direction::None,
                subject: None,
                body: None,
                contact_ids: vec![],
                company_id: Some(who),
                deal_id: None,
            },
        )
        .unwrap();
    }
    let ids = |sort: Sort, size: u32| -> Vec<i64> {
        let f = CompanyFilter {
            role: Some(Role::Customer),
            sort,
            ..Default::default()
        };
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let p = companies::list(c, &f, size, cursor.as_deref()).unwrap();
            out.extend(p.items.into_iter().map(|r| r.id));
            let Some(next) = p.next_cursor else { break };
            cursor = Some(next);
        }
        out
    };
    for size in [1, 2, 10] {
        assert_eq!(ids(Sort::RecentlyContacted, size), vec![a, b, d]);
        assert_eq!(ids(Sort::Newest, size), vec![d, b, a]);
        assert_eq!(ids(Sort::Name, size), vec![a, b, d]);
    }
}
