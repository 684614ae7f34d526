//! The invoice arithmetic of EN 16931, exact to the minor unit:
//! 1. each line's net = quantity × unit price − line discount, computed exactly and rounded once to the
//!    currency's minor unit, half away from zero;
//! 2. per tax rate (category, percent, surcharge): base = Σ line nets at that rate (already rounded);
//!    tax = base × percent / 100 rounded once; the recargo de equivalencia likewise on the same base;
//! 3. withholding (IRPF) = Σ all line nets × withholding percent / 100, rounded once;
//! 4. total = Σ nets + Σ taxes + Σ surcharges − withholding.
//!
//! Rounding a tax once per rate (not per line) is what EN 16931 (BR-CO-17) asks; the test
//! `tax_is_rounded_per_rate_not_per_line` shows where the two differ.

use sigilo_crm::money::{Currency, div_round_half_away};

use crate::decimal::Dec;
use crate::tax::TaxRate;
use crate::{InvoicingError, Result};

/// What is being computed: only a credit note may carry negative quantities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Invoice,
    CreditNote,
}

/// A line discount: a percentage of quantity × price, or an amount in the currency's major units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Discount {
    #[default]
    None,
    Percent(Dec),
    Amount(Dec),
}

/// One invoice line as the arithmetic sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub quantity: Dec,
    pub unit_price: Dec,
    pub discount: Discount,
    pub tax: TaxRate,
}

/// The withholding on the invoice (Spain's IRPF), a percentage of the sum of line nets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Withholding {
    pub percent: Dec,
}

/// A line's rounded net amount, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineNet {
    pub net: i64,
}

/// One row of the tax breakdown: the rate, its base and the tax and surcharge on it, in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTotal {
    pub rate: TaxRate,
    pub base: i64,
    pub tax: i64,
    pub surcharge: i64,
}

/// Everything an invoice's figures are, in minor units of `currency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub currency: Currency,
    pub lines: Vec<LineNet>,
    /// The breakdown per distinct rate, in the order the rates first appear on the lines.
    pub rates: Vec<RateTotal>,
    pub net: i64,
    pub tax: i64,
    pub surcharge: i64,
    pub withholding: i64,
    pub total: i64,
}

/// 10^n as i128 (n ≤ 38 never reached: scales are at most 6 and exponents at most 4).
fn pow10(n: u32) -> i128 {
    10i128.pow(n)
}

fn overflow(field: &'static str) -> InvoicingError {
    InvoicingError::Overflow { field }
}

fn to_minor(v: i128, field: &'static str) -> Result<i64> {
    i64::try_from(v).map_err(|_| overflow(field))
}

/// `base × percent / 100`, rounded half away from zero (base in minor units).
fn percent_of(base: i64, percent: Dec, field: &'static str) -> Result<i64> {
    let num = i128::from(base)
        .checked_mul(percent.mantissa())
        .ok_or_else(|| overflow(field))?;
    let den = 100 * pow10(u32::from(percent.scale()));
    to_minor(div_round_half_away(num, den), field)
}

fn check_line(kind: DocKind, line: &Line) -> Result<()> {
    if kind == DocKind::Invoice && line.quantity.is_negative() {
        return Err(InvoicingError::invalid(
            "quantity",
            "a negative quantity is only allowed on a credit note",
        ));
    }
    if line.unit_price.is_negative() {
        return Err(InvoicingError::invalid(
            "unit_price",
            "a unit price cannot be negative; use a discount, or a credit note to give money back",
        ));
    }
    match line.discount {
        Discount::None => {}
        Discount::Percent(p) => {
            if p.is_negative() || p > Dec::int(100) {
                return Err(InvoicingError::invalid(
                    "discount",
                    "a discount is between 0 and 100 %",
                ));
            }
        }
        Discount::Amount(a) => {
            if a.is_negative() {
                return Err(InvoicingError::invalid(
                    "discount",
                    "a discount cannot be negative",
                ));
            }
        }
    }
    line.tax.validate()
}

/// A line's net in minor units: (quantity × price − discount) exactly, then rounded once.
fn line_net(line: &Line, exponent: u8) -> Result<i64> {
    const F: &str = "net";
    let q = line.quantity;
    let p = line.unit_price;
    // gross = q.m × p.m at scale sq + sp.
    let gross = q
        .mantissa()
        .checked_mul(p.mantissa())
        .ok_or_else(|| overflow(F))?;
    let gross_scale = u32::from(q.scale()) + u32::from(p.scale());
    // exact net = num / 10^scale
    let (num, scale) = match line.discount {
        Discount::None => (gross, gross_scale),
        Discount::Percent(d) => {
            // gross × (100 − d) / 100  →  gross × (100·10^sd − d.m) at scale + sd + 2
            let keep = 100 * pow10(u32::from(d.scale())) - d.mantissa();
            let num = gross.checked_mul(keep).ok_or_else(|| overflow(F))?;
            (num, gross_scale + u32::from(d.scale()) + 2)
        }
        Discount::Amount(a) => {
            // Same sign as the gross (a credit-note line's discount reduces its magnitude).
            let s = gross_scale.max(u32::from(a.scale()));
            let g = gross
                .checked_mul(pow10(s - gross_scale))
                .ok_or_else(|| overflow(F))?;
            let a = a.mantissa() * pow10(s - u32::from(a.scale()));
            if a > g.abs() {
                return Err(InvoicingError::invalid(
                    "discount",
                    "the discount is larger than quantity × unit price",
                ));
            }
            (g - g.signum() * a, s)
        }
    };
    let e = u32::from(exponent);
    let v = if scale >= e {
        div_round_half_away(num, pow10(scale - e))
    } else {
        num.checked_mul(pow10(e - scale))
            .ok_or_else(|| overflow(F))?
    };
    to_minor(v, F)
}

/// Computes every figure of an invoice or credit note in `currency`. Refuses negative quantities outside
/// credit notes, negative prices, discounts out of range, invalid tax rates and amounts beyond 64 bits; an
/// error names the line (1-based) in its message.
pub fn compute(
    kind: DocKind,
    currency: Currency,
    lines: &[Line],
    withholding: Option<Withholding>,
) -> Result<Totals> {
    let on_line = |i: usize, e: InvoicingError| match e {
        InvoicingError::Invalid { field, message } => InvoicingError::Invalid {
            field,
            message: format!("line {}: {message}", i + 1),
        },
        other => other,
    };
    if let Some(w) = withholding
        && (w.percent.is_negative() || w.percent > Dec::int(100))
    {
        return Err(InvoicingError::invalid(
            "withholding",
            "a withholding is between 0 and 100 %",
        ));
    }
    let mut nets = Vec::with_capacity(lines.len());
    let mut rates: Vec<RateTotal> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        check_line(kind, line).map_err(|e| on_line(i, e))?;
        let net = line_net(line, currency.exponent()).map_err(|e| on_line(i, e))?;
        nets.push(LineNet { net });
        let slot = match rates.iter().position(|r| r.rate == line.tax) {
            Some(k) => k,
            None => {
                rates.push(RateTotal {
                    rate: line.tax.clone(),
                    base: 0,
                    tax: 0,
                    surcharge: 0,
                });
                rates.len() - 1
            }
        };
        if let Some(r) = rates.get_mut(slot) {
            r.base = r.base.checked_add(net).ok_or_else(|| overflow("net"))?;
        }
    }
    for r in &mut rates {
        r.tax = percent_of(r.base, r.rate.percent, "tax")?;
        r.surcharge = match r.rate.surcharge {
            Some(s) => percent_of(r.base, s, "surcharge")?,
            None => 0,
        };
    }
    let sum = |f: &dyn Fn(&RateTotal) -> i64, field| {
        rates
            .iter()
            .try_fold(0i64, |acc, r| acc.checked_add(f(r)))
            .ok_or_else(|| overflow(field))
    };
    let net = sum(&|r| r.base, "net")?;
    let tax = sum(&|r| r.tax, "tax")?;
    let surcharge = sum(&|r| r.surcharge, "surcharge")?;
    let withholding = match withholding {
        Some(w) => percent_of(net, w.percent, "withholding")?,
        None => 0,
    };
    let total = net
        .checked_add(tax)
        .and_then(|t| t.checked_add(surcharge))
        .and_then(|t| t.checked_sub(withholding))
        .ok_or_else(|| overflow("total"))?;
    Ok(Totals {
        currency,
        lines: nets,
        rates,
        net,
        tax,
        surcharge,
        withholding,
        total,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::tax::TaxCategory;

    fn d(s: &str) -> Dec {
        Dec::parse(s, "x").unwrap()
    }

    fn eur() -> Currency {
        Currency::parse("EUR", "currency").unwrap()
    }

    fn line(q: &str, p: &str, rate: &str) -> Line {
        Line {
            quantity: d(q),
            unit_price: d(p),
            discount: Discount::None,
            tax: TaxRate::standard(d(rate)),
        }
    }

    #[test]
    fn a_spanish_freelancer_invoice_with_irpf() {
        // 10 h × 45.00 at IVA 21 %, IRPF 15 %: 450.00 + 94.50 − 67.50 = 477.00
        let t = compute(
            DocKind::Invoice,
            eur(),
            &[line("10", "45", "21")],
            Some(Withholding { percent: d("15") }),
        )
        .unwrap();
        assert_eq!(
            (t.net, t.tax, t.withholding, t.total),
            (45000, 9450, 6750, 47700)
        );
    }

    #[test]
    fn two_rates_make_two_breakdown_rows() {
        let t = compute(
            DocKind::Invoice,
            eur(),
            &[
                line("3", "33.33", "21"),
                line("2", "12.345", "10"),
                line("1", "0.01", "21"),
            ],
            None,
        )
        .unwrap();
        assert_eq!(
            t.lines.iter().map(|l| l.net).collect::<Vec<_>>(),
            vec![9999, 2469, 1]
        );
        assert_eq!(t.rates.len(), 2);
        // 100.00 × 21 % = 21.00; 24.69 × 10 % = 2.469 → 2.47
        assert_eq!((t.rates[0].base, t.rates[0].tax), (10000, 2100));
        assert_eq!((t.rates[1].base, t.rates[1].tax), (2469, 247));
        assert_eq!(t.total, 10000 + 2100 + 2469 + 247);
    }

    #[test]
    fn tax_is_rounded_per_rate_not_per_line() {
        // Three lines of 0.15 at 10 %: per line 0.015 → 0.02 each (0.06); per rate 0.45 × 10 % = 0.045 → 0.05.
        let lines = vec![line("1", "0.15", "10"); 3];
        let t = compute(DocKind::Invoice, eur(), &lines, None).unwrap();
        assert_eq!((t.net, t.tax, t.total), (45, 5, 50));
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_credit_notes_too() {
        // 1 × 0.125 → 0.13; −1 × 0.125 → −0.13
        let t = compute(DocKind::Invoice, eur(), &[line("1", "0.125", "21")], None).unwrap();
        assert_eq!(t.lines[0].net, 13);
        let t = compute(
            DocKind::CreditNote,
            eur(),
            &[line("-1", "0.125", "21")],
            None,
        )
        .unwrap();
        assert_eq!(t.lines[0].net, -13);
        // tax on −100.05 at 10 % = −10.005 → −10.01
        let t = compute(
            DocKind::CreditNote,
            eur(),
            &[line("-1", "100.05", "10")],
            None,
        )
        .unwrap();
        assert_eq!((t.net, t.tax, t.total), (-10005, -1001, -11006));
    }

    #[test]
    fn discounts_are_taken_before_the_one_rounding() {
        let mut l = line("3", "9.99", "21");
        l.discount = Discount::Percent(d("12.5"));
        // 29.97 × 0.875 = 26.22375 → 26.22
        let t = compute(DocKind::Invoice, eur(), &[l.clone()], None).unwrap();
        assert_eq!(t.lines[0].net, 2622);
        l.discount = Discount::Amount(d("5.005"));
        // 29.97 − 5.005 = 24.965 → 24.97
        let t = compute(DocKind::Invoice, eur(), &[l.clone()], None).unwrap();
        assert_eq!(t.lines[0].net, 2497);
        l.discount = Discount::Percent(d("100"));
        assert_eq!(
            compute(DocKind::Invoice, eur(), &[l], None).unwrap().total,
            0
        );
    }

    #[test]
    fn recargo_de_equivalencia_is_its_own_figure() {
        let mut l = line("1", "100", "21");
        l.tax.surcharge = Some(d("5.2"));
        let t = compute(DocKind::Invoice, eur(), &[l], None).unwrap();
        assert_eq!((t.tax, t.surcharge, t.total), (2100, 520, 12620));
    }

    #[test]
    fn untaxed_categories_have_a_base_and_no_tax() {
        let l = Line {
            tax: TaxRate::untaxed(TaxCategory::IntraCommunity),
            ..line("2", "50", "21")
        };
        let t = compute(DocKind::Invoice, eur(), &[l, line("1", "10", "21")], None).unwrap();
        assert_eq!(t.rates[0].base, 10000);
        assert_eq!(t.rates[0].tax, 0);
        assert_eq!(t.total, 10000 + 1000 + 210);
    }

    #[test]
    fn currencies_round_to_their_own_minor_unit() {
        let jpy = Currency::parse("JPY", "currency").unwrap();
        let t = compute(DocKind::Invoice, jpy, &[line("3", "333.5", "10")], None).unwrap();
        assert_eq!((t.net, t.tax), (1001, 100)); // 1000.5 → 1001; 100.1 → 100
        let kwd = Currency::parse("KWD", "currency").unwrap();
        let t = compute(DocKind::Invoice, kwd, &[line("1", "1.2345", "5")], None).unwrap();
        assert_eq!(t.net, 1235); // 1.2345 → 1.235 (fils)
    }

    #[test]
    fn bad_lines_are_refused_naming_field_and_line() {
        let err = |l: Line, k| {
            compute(k, eur(), &[line("1", "1", "21"), l], None)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err(line("-1", "5", "21"), DocKind::Invoice),
            "quantity: line 2: a negative quantity is only allowed on a credit note"
        );
        assert!(err(line("1", "-5", "21"), DocKind::CreditNote).starts_with("unit_price: line 2"));
        let mut l = line("1", "5", "21");
        l.discount = Discount::Percent(d("101"));
        assert!(err(l.clone(), DocKind::Invoice).starts_with("discount: line 2"));
        l.discount = Discount::Amount(d("5.01"));
        assert!(err(l, DocKind::Invoice).contains("larger than"));
        assert!(err(line("1", "5", "150"), DocKind::Invoice).starts_with("tax_rate: line 2"));
        let e = compute(
            DocKind::Invoice,
            eur(),
            &[line("1", "1", "21")],
            Some(Withholding { percent: d("-1") }),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("withholding: "));
    }

    #[test]
    fn amounts_beyond_64_bits_are_an_error_not_a_wrap() {
        let huge = line("999999999999", "999999999999", "21");
        let e = compute(DocKind::Invoice, eur(), &[huge], None).unwrap_err();
        assert_eq!(e, InvoicingError::Overflow { field: "net" });
        let big = line("90000000000000000", "1", "21"); // 9e16 EUR = 9e18 cents > i64::MAX
        assert!(compute(DocKind::Invoice, eur(), &[big], None).is_err());
    }
}
