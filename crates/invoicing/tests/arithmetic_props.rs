//! Property tests of the invoice arithmetic against an independent reference written here with exact
//! fractions: random lines, quantities, prices, discounts, rates, surcharges, withholdings and currencies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sigilo_crm::money::Currency;
use sigilo_invoicing::tax::{TaxCategory, TaxRate};
use sigilo_invoicing::{Dec, Discount, DocKind, Line, Withholding, compute};

/// An exact fraction n/d with d > 0, reduced.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frac {
    n: i128,
    d: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl Frac {
    fn new(n: i128, d: i128) -> Frac {
        let g = gcd(n, d);
        Frac { n: n / g, d: d / g }
    }
    fn of(x: Dec) -> Frac {
        Frac::new(x.mantissa(), 10i128.pow(u32::from(x.scale())))
    }
    fn int(n: i128) -> Frac {
        Frac { n, d: 1 }
    }
    fn mul(self, o: Frac) -> Frac {
        Frac::new(self.n * o.n, self.d * o.d)
    }
    fn add(self, o: Frac) -> Frac {
        Frac::new(self.n * o.d + o.n * self.d, self.d * o.d)
    }
    fn neg(self) -> Frac {
        Frac {
            n: -self.n,
            d: self.d,
        }
    }
    /// Rounds to an integer, ties away from zero, by comparing twice the remainder with the denominator.
    fn round(self) -> i128 {
        let (a, sign) = (self.n.abs(), self.n.signum());
        let q = a / self.d;
        let twice_rest = 2 * (a - q * self.d);
        sign * if twice_rest >= self.d { q + 1 } else { q }
    }
}

struct Reference {
    nets: Vec<i128>,
    taxes: Vec<(String, i128, i128, i128)>,
    withholding: i128,
    total: i128,
}

fn reference(lines: &[Line], w: Option<Dec>, exponent: u8) -> Reference {
    let unit = Frac::int(10i128.pow(u32::from(exponent)));
    let hundredth = Frac::new(1, 100);
    let mut nets = Vec::new();
    let mut groups: Vec<(TaxRate, i128)> = Vec::new();
    for l in lines {
        let gross = Frac::of(l.quantity).mul(Frac::of(l.unit_price));
        let exact = match l.discount {
            Discount::None => gross,
            Discount::Percent(p) => gross.mul(Frac::int(1).add(Frac::of(p).mul(hundredth).neg())),
            Discount::Amount(a) => {
                let a = if gross.n < 0 {
                    Frac::of(a).neg()
                } else {
                    Frac::of(a)
                };
                gross.add(a.neg())
            }
        };
        let net = exact.mul(unit).round();
        nets.push(net);
        match groups.iter_mut().find(|(r, _)| *r == l.tax) {
            Some((_, b)) => *b += net,
            None => groups.push((l.tax.clone(), net)),
        }
    }
    let pct = |base: i128, p: Dec| Frac::int(base).mul(Frac::of(p)).mul(hundredth).round();
    let taxes: Vec<_> = groups
        .iter()
        .map(|(r, base)| {
            let s = r.surcharge.map_or(0, |s| pct(*base, s));
            (
                r.category.code().to_owned(),
                *base,
                pct(*base, r.percent),
                s,
            )
        })
        .collect();
    let net: i128 = nets.iter().sum();
    let withholding = w.map_or(0, |w| pct(net, w));
    let total = net + taxes.iter().map(|t| t.2 + t.3).sum::<i128>() - withholding;
    Reference {
        nets,
        taxes,
        withholding,
        total,
    }
}

fn dec(max_mantissa: i128, max_scale: u8) -> impl Strategy<Value = Dec> {
    (0..=max_mantissa, 0..=max_scale).prop_map(|(m, s)| Dec::new(m, s).unwrap())
}

fn rate() -> impl Strategy<Value = TaxRate> {
    prop_oneof![
        Just(TaxRate::standard(Dec::int(21))),
        Just(TaxRate::standard(Dec::int(10))),
        Just(TaxRate::standard(Dec::int(4))),
        Just(TaxRate::standard(Dec::new(55, 1).unwrap())),
        Just(TaxRate::standard(Dec::new(725, 2).unwrap())),
        Just(TaxRate {
            surcharge: Some(Dec::new(52, 1).unwrap()),
            ..TaxRate::standard(Dec::int(21))
        }),
        Just(TaxRate {
            surcharge: Some(Dec::new(5, 1).unwrap()),
            ..TaxRate::standard(Dec::int(4))
        }),
        Just(TaxRate::untaxed(TaxCategory::Zero)),
        Just(TaxRate::untaxed(TaxCategory::ReverseCharge)),
        Just(TaxRate::untaxed(TaxCategory::Exempt {
            reason: "Exento art. 20 LIVA".into()
        })),
    ]
}

fn line(credit: bool) -> impl Strategy<Value = Line> {
    (
        dec(1_000_000, 3),
        dec(10_000_000, 4),
        0..3u8,
        dec(10_000, 2),
        rate(),
        any::<bool>(),
    )
        .prop_map(move |(q, p, dk, dv, tax, neg)| {
            let quantity = if credit && neg {
                Dec::new(-q.mantissa(), q.scale()).unwrap()
            } else {
                q
            };
            let discount = match dk {
                0 => Discount::None,
                // percent in 0..=100
                1 => Discount::Percent(Dec::new(dv.mantissa() % 10_001, 2).unwrap()),
                // an amount no larger than the gross: a fraction of q × p, in cents
                _ => {
                    let gross_cents = (q.mantissa() * p.mantissa())
                        / 10i128
                            .pow(u32::from(q.scale()) + u32::from(p.scale()))
                            .max(1)
                        * 100;
                    Discount::Amount(
                        Dec::new((dv.mantissa() % 10_000) * gross_cents / 10_000, 2).unwrap(),
                    )
                }
            };
            Line {
                quantity,
                unit_price: p,
                discount,
                tax,
            }
        })
}

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![Just("EUR"), Just("JPY"), Just("KWD"), Just("USD")]
        .prop_map(|c| Currency::parse(c, "currency").unwrap())
}

fn withholding() -> impl Strategy<Value = Option<Dec>> {
    prop_oneof![
        Just(None),
        Just(Some(Dec::int(15))),
        Just(Some(Dec::int(7))),
        Just(Some(Dec::ZERO))
    ]
}

fn check(
    kind: DocKind,
    lines: Vec<Line>,
    cur: Currency,
    w: Option<Dec>,
) -> Result<(), TestCaseError> {
    let t = compute(kind, cur, &lines, w.map(|percent| Withholding { percent })).unwrap();
    let r = reference(&lines, w, cur.exponent());
    let nets: Vec<i128> = t.lines.iter().map(|l| i128::from(l.net)).collect();
    prop_assert_eq!(nets, r.nets);
    let rows: Vec<_> = t
        .rates
        .iter()
        .map(|x| {
            (
                x.rate.category.code().to_owned(),
                i128::from(x.base),
                i128::from(x.tax),
                i128::from(x.surcharge),
            )
        })
        .collect();
    prop_assert_eq!(rows, r.taxes);
    prop_assert_eq!(i128::from(t.withholding), r.withholding);
    prop_assert_eq!(i128::from(t.total), r.total);
    prop_assert_eq!(t.total, t.net + t.tax + t.surcharge - t.withholding);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn invoices_match_the_reference(lines in prop::collection::vec(line(false), 1..9), cur in currency(), w in withholding()) {
        check(DocKind::Invoice, lines, cur, w)?;
    }

    #[test]
    fn credit_notes_match_the_reference(lines in prop::collection::vec(line(true), 1..9), cur in currency(), w in withholding()) {
        check(DocKind::CreditNote, lines, cur, w)?;
    }

    #[test]
    fn invoices_never_take_negative_quantities(mut lines in prop::collection::vec(line(false), 1..5), cur in currency()) {
        let q = lines[0].quantity;
        prop_assume!(!q.is_zero());
        lines[0].quantity = Dec::new(-q.mantissa(), q.scale()).unwrap();
        let err = compute(DocKind::Invoice, cur, &lines, None).unwrap_err();
        prop_assert!(err.to_string().starts_with("quantity: line 1:"));
    }
}
