//! Deals against a real vault: seeded stages, default probabilities, recorded moves, won/lost rules, the
//! forecast arithmetic per currency with its rounding, pipeline sums, won/lost figures and kanban paging.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invalid_field, refused, vault};
use rusqlite::Connection;
use sigilo_crm::deals::{self, DealFilter, NewDeal, NewStage, StageKind};
use sigilo_crm::money::Money;
use sigilo_crm::{CrmError, RecordKind, search};

const AT: &str = "2026-11-23T09:00:00Z";

fn deal(
    c: &Connection,
    title: &str,
    value: &str,
    currency: &str,
    stage: &str,
    close: Option<&str>,
) -> i64 {
    let stage_id = deals::stage_by_name(c, stage).unwrap().id;
    deals::insert(
        c,
        NewDeal {
            title: title.into(),
            stage_id: Some(stage_id),
            value: value.into(),
            currency: currency.into(),
            expected_close: close.map(str::to_owned),
            ..Default::default()
        },
        AT,
    )
    .unwrap()
}

#[test]
fn default_stages_are_seeded_in_spanish_with_their_probabilities() {
    let (_t, v) = vault();
    let got: Vec<(String, u8, StageKind)> = deals::stages(v.conn())
        .unwrap()
        .into_iter()
        .map(|s| (s.name, s.probability, s.kind))
        .collect();
    let want = [
        ("Nuevo", 10, StageKind::Open),
        ("Cualificado", 25, StageKind::Open),
        ("Propuesta", 50, StageKind::Open),
        ("Negociación", 75, StageKind::Open),
        ("Ganado", 100, StageKind::Won),
        ("Perdido", 0, StageKind::Lost),
    ];
    assert_eq!(got, want.map(|(n, p, k)| (n.to_owned(), p, k)));
    assert_eq!(
        deals::stage_by_name(v.conn(), "NEGOCIACION").unwrap().name,
        "Negociación"
    );
    assert_eq!(
        invalid_field(deals::stage_by_name(v.conn(), "Inexistente")),
        "stage"
    );
}

#[test]
fn a_deal_takes_its_stage_probability_and_records_every_move() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = deals::insert(
        c,
        NewDeal {
            title: "Web nueva".into(),
            value: "1200.50".into(),
            currency: "eur".into(),
            ..Default::default()
        },
        AT,
    )
    .unwrap();
    let d = deals::get(c, id).unwrap();
    assert_eq!(d.stage_name, "Nuevo", "no stage: the first open one");
    assert_eq!(d.probability, 10);
    assert_eq!(d.value, Money::new(120_050, "EUR").unwrap());
    assert_eq!(d.value.to_decimal_string(), "1200.50");

    let propuesta = deals::stage_by_name(c, "Propuesta").unwrap().id;
    deals::move_to(c, id, propuesta, "2026-11-24T10:00:00+01:00", None).unwrap();
    assert_eq!(deals::get(c, id).unwrap().probability, 50);
    let lost = deals::stage_by_name(c, "Perdido").unwrap().id;
    assert_eq!(
        invalid_field(deals::move_to(c, id, lost, AT, None)),
        "reason"
    );
    deals::move_to(c, id, lost, "2026-11-25T00:00:00Z", Some("Precio".into())).unwrap();
    let d = deals::get(c, id).unwrap();
    assert_eq!((d.stage_kind, d.probability), (StageKind::Lost, 0));
    assert_eq!(d.reason.as_deref(), Some("Precio"));
    assert_eq!(d.closed_at.as_deref(), Some("2026-11-25T00:00:00Z"));
    // Reopening clears the outcome.
    deals::move_to(c, id, propuesta, "2026-11-26T00:00:00Z", None).unwrap();
    let d = deals::get(c, id).unwrap();
    assert_eq!((d.reason, d.closed_at), (None, None));
    let moves: Vec<(Option<String>, String, String)> = deals::moves(c, id)
        .unwrap()
        .into_iter()
        .map(|m| (m.from_stage, m.to_stage, m.at))
        .collect();
    assert_eq!(
        moves,
        vec![
            (None, "Nuevo".into(), AT.into()),
            (
                Some("Nuevo".into()),
                "Propuesta".into(),
                "2026-11-24T09:00:00Z".into()
            ),
            (
                Some("Propuesta".into()),
                "Perdido".into(),
                "2026-11-25T00:00:00Z".into()
            ),
            (
                Some("Perdido".into()),
                "Propuesta".into(),
                "2026-11-26T00:00:00Z".into()
            ),
        ]
    );
    // Moving to the stage it is in records nothing.
    deals::move_to(c, id, propuesta, AT, None).unwrap();
    assert_eq!(deals::moves(c, id).unwrap().len(), 4);
}

#[test]
fn an_explicit_probability_wins_and_update_keeps_it() {
    let (_t, v) = vault();
    let c = v.conn();
    let input = NewDeal {
        title: "Consultoría".into(),
        value: "10".into(),
        currency: "EUR".into(),
        probability: Some(33),
        ..Default::default()
    };
    let id = deals::insert(c, input.clone(), AT).unwrap();
    assert_eq!(deals::get(c, id).unwrap().probability, 33);
    deals::update(
        c,
        id,
        NewDeal {
            title: "Consultoría 2".into(),
            probability: None,
            ..input.clone()
        },
        AT,
    )
    .unwrap();
    assert_eq!(
        deals::get(c, id).unwrap().probability,
        33,
        "same stage, no probability given: kept"
    );
    let neg = deals::stage_by_name(c, "Negociación").unwrap().id;
    deals::update(
        c,
        id,
        NewDeal {
            stage_id: Some(neg),
            probability: None,
            ..input
        },
        AT,
    )
    .unwrap();
    let d = deals::get(c, id).unwrap();
    assert_eq!((d.stage_name.as_str(), d.probability), ("Negociación", 75));
    assert_eq!(deals::moves(c, id).unwrap().len(), 2);
}

#[test]
fn deal_input_is_validated() {
    let (_t, v) = vault();
    let c = v.conn();
    let base = NewDeal {
        title: "X".into(),
        value: "1".into(),
        currency: "EUR".into(),
        ..Default::default()
    };
    let try_ = |d: NewDeal| deals::insert(c, d, AT);
    assert_eq!(
        invalid_field(try_(NewDeal {
            title: " ".into(),
            ..base.clone()
        })),
        "title"
    );
    assert_eq!(
        invalid_field(try_(NewDeal {
            value: "-1".into(),
            ..base.clone()
        })),
        "value"
    );
    assert_eq!(
        invalid_field(try_(NewDeal {
            value: "1.999".into(),
            ..base.clone()
        })),
        "value"
    );
    assert_eq!(
        invalid_field(try_(NewDeal {
            value: "1e9".into(),
            ..base.clone()
        })),
        "value"
    );
    assert_eq!(
        invalid_field(try_(NewDeal {
            currency: "XYZ".into(),
            ..base.clone()
        })),
        "currency"
    );
    assert_eq!(
        invalid_field(try_(NewDeal {
            probability: Some(101),
            ..base.clone()
        })),
        "probability"
    );
    assert_eq!(
        invalid_field(try_(NewDeal {
            expected_close: Some("2026-02-30".into()),
            ..base.clone()
        })),
        "expected_close"
    );
    assert_eq!(
        invalid_field(try_(NewDeal {
            stage_id: Some(999),
            ..base.clone()
        })),
        "stage"
    );
    assert!(matches!(
        try_(NewDeal {
            company_id: Some(999),
            ..base.clone()
        }),
        Err(CrmError::NotFound { .. })
    ));
    assert_eq!(invalid_field(deals::insert(c, base, "ayer")), "at");
    assert_eq!(
        deals::list(c, &DealFilter::default(), 10, None)
            .unwrap()
            .items
            .len(),
        0
    );
}

#[test]
fn forecast_is_per_month_and_currency_rounded_once_half_away_from_zero() {
    let (_t, v) = vault();
    let c = v.conn();
    // Two 0.01 EUR deals at 50 %: exact sum 0.01, not 0.02 (rounding once per line).
    deal(c, "a", "0.01", "EUR", "Propuesta", Some("2026-12-05"));
    deal(c, "b", "0.01", "EUR", "Propuesta", Some("2026-12-20"));
    // 0.03 EUR at 50 % = 0.015: a tie, rounds away from zero to 0.02.
    deal(c, "c", "0.03", "EUR", "Propuesta", Some("2027-01-10"));
    // 1000 EUR at 75 % and 333.33 at 10 % = 750 + 33.333 → 783.33.
    deal(c, "d", "1000", "EUR", "Negociación", Some("2027-02-01"));
    deal(c, "e", "333.33", "EUR", "Nuevo", Some("2027-02-28"));
    // Same month in dollars: its own line, never added to euros; 999.99 × 25 % = 249.9975 → 250.00.
    deal(c, "f", "999.99", "USD", "Cualificado", Some("2027-02-15"));
    // Yen has no minor unit: 15 JPY at 10 % = 1.5 → 2.
    deal(c, "g", "15", "JPY", "Nuevo", Some("2027-02-15"));
    // No close date; won and lost deals are not forecast.
    deal(c, "h", "50", "EUR", "Propuesta", None);
    deal(c, "i", "5000", "EUR", "Ganado", Some("2026-12-01"));
    let lost = deal(c, "j", "7000", "EUR", "Nuevo", Some("2026-12-01"));
    let perdido = deals::stage_by_name(c, "Perdido").unwrap().id;
    deals::move_to(c, lost, perdido, AT, Some("Sin presupuesto".into())).unwrap();

    let lines: Vec<(Option<String>, String, String, String, u64)> = deals::forecast(c, None, None)
        .unwrap()
        .into_iter()
        .map(|l| {
            (
                l.month,
                l.weighted.to_string(),
                l.total.to_decimal_string(),
                l.weighted.currency.code().to_owned(),
                l.deals,
            )
        })
        .collect();
    let want: Vec<(Option<&str>, &str, &str, &str, u64)> = vec![
        (None, "25.00 EUR", "50.00", "EUR", 1),
        (Some("2026-12"), "0.01 EUR", "0.02", "EUR", 2),
        (Some("2027-01"), "0.02 EUR", "0.03", "EUR", 1),
        (Some("2027-02"), "783.33 EUR", "1333.33", "EUR", 2),
        (Some("2027-02"), "2 JPY", "15", "JPY", 1),
        (Some("2027-02"), "250.00 USD", "999.99", "USD", 1),
    ];
    let want: Vec<_> = want
        .into_iter()
        .map(|(m, w, t, c, n)| {
            (
                m.map(str::to_owned),
                w.to_owned(),
                t.to_owned(),
                c.to_owned(),
                n,
            )
        })
        .collect();
    assert_eq!(lines, want);

    // Bounded: months inside the range only, no undated line.
    let bounded = deals::forecast(c, Some("2027-01"), Some("2027-01")).unwrap();
    assert_eq!(bounded.len(), 1);
    assert_eq!(bounded[0].month.as_deref(), Some("2027-01"));
    assert_eq!(
        invalid_field(deals::forecast(c, Some("2027-13"), None)),
        "from_month"
    );
}

#[test]
fn the_forecast_follows_a_stage_move() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = deal(c, "Web", "1000", "EUR", "Nuevo", Some("2027-03-01"));
    let before = deals::forecast(c, None, None).unwrap();
    assert_eq!(before[0].weighted.minor, 10_000);
    deals::move_to(
        c,
        id,
        deals::stage_by_name(c, "Propuesta").unwrap().id,
        AT,
        None,
    )
    .unwrap();
    assert_eq!(
        deals::forecast(c, None, None).unwrap()[0].weighted.minor,
        50_000
    );
    deals::move_to(
        c,
        id,
        deals::stage_by_name(c, "Ganado").unwrap().id,
        AT,
        None,
    )
    .unwrap();
    assert!(deals::forecast(c, None, None).unwrap().is_empty());
}

#[test]
fn pipeline_counts_and_sums_per_stage_and_currency() {
    let (_t, v) = vault();
    let c = v.conn();
    deal(c, "a", "10.50", "EUR", "Nuevo", None);
    deal(c, "b", "4.50", "EUR", "Nuevo", None);
    deal(c, "c", "7", "USD", "Nuevo", None);
    deal(c, "d", "100", "EUR", "Ganado", None);
    let p = deals::pipeline(c).unwrap();
    assert_eq!(p.len(), 6, "every stage, even empty ones");
    assert_eq!(p[0].stage.name, "Nuevo");
    assert_eq!(p[0].count, 3);
    assert_eq!(
        p[0].totals
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["15.00 EUR", "7.00 USD"]
    );
    assert_eq!(p[1].count, 0);
    assert!(p[1].totals.is_empty());
    assert_eq!(p[4].totals[0].to_string(), "100.00 EUR");
}

#[test]
fn won_and_lost_figures_by_closing_date() {
    let (_t, v) = vault();
    let c = v.conn();
    let ganado = deals::stage_by_name(c, "Ganado").unwrap().id;
    let perdido = deals::stage_by_name(c, "Perdido").unwrap().id;
    let a = deal(c, "a", "100", "EUR", "Nuevo", None);
    let b = deal(c, "b", "50", "EUR", "Nuevo", None);
    let d = deal(c, "d", "30", "EUR", "Nuevo", None);
    let e = deal(c, "e", "9", "USD", "Nuevo", None);
    deals::move_to(c, a, ganado, "2026-11-02T10:00:00Z", None).unwrap();
    deals::move_to(
        c,
        b,
        perdido,
        "2026-11-03T10:00:00Z",
        Some("Competencia".into()),
    )
    .unwrap();
    deals::move_to(c, d, ganado, "2026-12-01T00:00:00Z", None).unwrap();
    deals::move_to(c, e, ganado, "2026-11-30T23:59:59Z", None).unwrap();
    let nov = deals::won_lost(c, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z").unwrap();
    assert_eq!(nov.len(), 2);
    assert_eq!(nov[0].currency.code(), "EUR");
    assert_eq!(
        (
            nov[0].won_count,
            nov[0].won.minor,
            nov[0].lost_count,
            nov[0].lost.minor
        ),
        (1, 10_000, 1, 5_000)
    );
    assert_eq!(
        (nov[1].currency.code(), nov[1].won_count, nov[1].won.minor),
        ("USD", 1, 900)
    );
}

#[test]
fn stages_are_configurable_within_rules() {
    let (_t, v) = vault();
    let c = v.conn();
    let demo = deals::add_stage(
        c,
        NewStage {
            name: "Demo".into(),
            probability: 40,
            kind: StageKind::Open,
        },
    )
    .unwrap();
    assert!(
        refused(deals::add_stage(
            c,
            NewStage {
                name: "demo".into(),
                probability: 1,
                kind: StageKind::Open
            }
        ))
        .contains("already exists"),
        "a name taken regardless of case is refused"
    );
    assert_eq!(
        invalid_field(deals::add_stage(
            c,
            NewStage {
                name: "X".into(),
                probability: 101,
                kind: StageKind::Open
            }
        )),
        "probability"
    );
    let mut order: Vec<i64> = deals::stages(c).unwrap().iter().map(|s| s.id).collect();
    order.retain(|&id| id != demo);
    order.insert(2, demo);
    deals::reorder_stages(c, &order).unwrap();
    assert_eq!(deals::stages(c).unwrap()[2].name, "Demo");
    assert_eq!(
        invalid_field(deals::reorder_stages(c, &order[1..])),
        "stages"
    );
    // A stage holding deals cannot be deleted; an empty one can.
    let id = deal(c, "en demo", "1", "EUR", "Demo", None);
    assert!(refused(deals::delete_stage(c, demo)).contains("holds 1 deal(s)"));
    deals::delete(c, id).unwrap();
    deals::delete_stage(c, demo).unwrap();
    // The only won and lost stages stay.
    let ganado = deals::stage_by_name(c, "Ganado").unwrap().id;
    assert!(refused(deals::delete_stage(c, ganado)).contains("at least one won stage"));
    deals::update_stage(
        c,
        ganado,
        NewStage {
            name: "Cerrado".into(),
            probability: 100,
            kind: StageKind::Won,
        },
    )
    .unwrap();
    assert_eq!(deals::stage(c, ganado).unwrap().name, "Cerrado");
    assert!(
        refused(deals::update_stage(
            c,
            ganado,
            NewStage {
                name: "Cerrado".into(),
                probability: 100,
                kind: StageKind::Open
            }
        ))
        .contains("at least one won stage")
    );
}

#[test]
fn kanban_columns_page_by_title_with_ties_and_deals_are_searchable() {
    let (_t, v) = vault();
    let c = v.conn();
    let mut ids = Vec::new();
    for t in ["Bravo", "alfa", "Álfa", "charlie", "Alfa"] {
        ids.push(deal(c, t, "1", "EUR", "Propuesta", None));
    }
    deal(c, "otro", "1", "EUR", "Nuevo", None);
    let stage_id = deals::stage_by_name(c, "Propuesta").unwrap().id;
    let filter = DealFilter {
        stage_id: Some(stage_id),
        ..Default::default()
    };
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = deals::list(c, &filter, 2, cursor.as_deref()).unwrap();
        seen.extend(page.items.into_iter().map(|d| d.id));
        let Some(next) = page.next_cursor else { break };
        cursor = Some(next);
    }
    // "alfa", "Álfa", "Alfa" fold equal: by id.
    assert_eq!(seen, vec![ids[1], ids[2], ids[4], ids[0], ids[3]]);
    let hits = search::query_kinds(c, "charl", 5, &[RecordKind::Deal]).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, ids[3]);
    deals::delete(c, ids[3]).unwrap();
    assert!(search::query_kinds(c, "charl", 5, &[]).unwrap().is_empty());
}

#[test]
fn update_cannot_lose_a_deal_without_a_reason_and_writes_nothing_when_refused() {
    let (_t, v) = vault();
    let c = v.conn();
    let input = NewDeal {
        title: "Antes".into(),
        value: "5".into(),
        currency: "EUR".into(),
        ..Default::default()
    };
    let id = deals::insert(c, input.clone(), AT).unwrap();
    let lost = deals::stage_by_name(c, "Perdido").unwrap().id;
    let refused = deals::update(
        c,
        id,
        NewDeal {
            title: "Después".into(),
            stage_id: Some(lost),
            ..input.clone()
        },
        AT,
    );
    assert_eq!(invalid_field(refused), "reason");
    assert_eq!(
        invalid_field(deals::update(
            c,
            id,
            NewDeal {
                title: "Después".into(),
                ..input
            },
            "luego"
        )),
        "at"
    );
    let d = deals::get(c, id).unwrap();
    assert_eq!(
        (d.title.as_str(), d.stage_name.as_str()),
        ("Antes", "Nuevo")
    );
    assert_eq!(deals::moves(c, id).unwrap().len(), 1);
}
