//! Money without floats: integer minor units with an ISO 4217 currency, decimal-string parsing and formatting,
//! and the one rounding rule (half away from zero) used for forecasts.

use crate::{CrmError, Result};

/// A currency from ISO 4217 with its minor-unit exponent (EUR 2, JPY 0, KWD 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: &'static str,
    exponent: u8,
}

impl Currency {
    /// The three-letter code, upper case.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// How many decimal digits the minor unit has.
    pub fn exponent(self) -> u8 {
        self.exponent
    }

    /// Looks a code up in the ISO 4217 list (active currencies and funds; no metals or test codes).
    /// Case and surrounding spaces are ignored; anything else is an error naming `field`.
    pub fn parse(code: &str, field: &'static str) -> Result<Currency> {
        let wanted = code.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == wanted)
            .map(|&(code, exponent)| Currency { code, exponent })
            .ok_or_else(|| {
                CrmError::invalid(
                    field,
                    format!(
                        "\"{}\" is not an ISO 4217 currency code such as EUR",
                        code.trim()
                    ),
                )
            })
    }
}

/// ISO 4217 codes with their minor-unit exponents.
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BOV", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHE", 2),
    ("CHF", 2),
    ("CHW", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("COU", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MXV", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("USN", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// An amount of money: integer minor units (cents for EUR) in a currency. Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    /// Builds an amount from minor units and a currency code.
    pub fn new(minor: i64, currency: &str) -> Result<Money> {
        Ok(Money {
            minor,
            currency: Currency::parse(currency, "currency")?,
        })
    }

    /// Parses a decimal string in major units ("12.50", "-3", "1234.5") for `currency`. A comma is accepted as
    /// the decimal separator; no thousands separators, no exponent, no more decimals than the currency has.
    pub fn parse(amount: &str, currency: &str, field: &'static str) -> Result<Money> {
        let currency = Currency::parse(currency, "currency")?;
        let minor = parse_minor(amount, currency.exponent(), field)?;
        Ok(Money { minor, currency })
    }

    /// Like [`Money::parse`], refusing negative amounts.
    pub fn parse_non_negative(amount: &str, currency: &str, field: &'static str) -> Result<Money> {
        let m = Money::parse(amount, currency, field)?;
        if m.minor < 0 {
            return Err(CrmError::invalid(field, "the amount cannot be negative"));
        }
        Ok(m)
    }

    /// The amount as a decimal string in major units with exactly the currency's decimals: "12.50", "-0.05", "7".
    pub fn to_decimal_string(&self) -> String {
        format_minor(self.minor, self.currency.exponent())
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.to_decimal_string(), self.currency.code())
    }
}

fn parse_minor(amount: &str, exponent: u8, field: &'static str) -> Result<i64> {
    let bad = |why: &str| {
        CrmError::invalid(
            field,
            format!("\"{}\" is not an amount: {why}", amount.trim()),
        )
    };
    let s = amount.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = match digits.split_once(['.', ',']) {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return Err(bad("no digits"));
    }
    if !int.chars().all(|c| c.is_ascii_digit())
        || !frac.unwrap_or("").chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad("use digits and one decimal point, such as 12.50"));
    }
    let frac = frac.unwrap_or("");
    if frac.len() > usize::from(exponent) {
        return Err(bad(&format!(
            "at most {exponent} decimals for this currency"
        )));
    }
    let mut value: i128 = 0;
    for c in int.chars().chain(frac.chars()) {
        value = value * 10 + i128::from(c as u8 - b'0');
        if value > i128::from(i64::MAX) {
            return Err(bad("too large"));
        }
    }
    for _ in frac.len()..usize::from(exponent) {
        value *= 10;
    }
    let value = if negative { -value } else { value };
    i64::try_from(value).map_err(|_| bad("too large"))
}

fn format_minor(minor: i64, exponent: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if exponent == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(u32::from(exponent));
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = usize::from(exponent)
    )
}

/// Divides `numerator` by a positive `denominator`, rounding half away from zero: 250/100 → 3, −250/100 → −3,
/// 249/100 → 2. This is the only rounding the CRM does to money.
pub fn div_round_half_away(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let q = numerator / denominator;
    let r = numerator % denominator;
    if r.abs() * 2 >= denominator {
        q + numerator.signum()
    } else {
        q
    }
}

/// A probability-weighted value: `minor × percent / 100`, rounded half away from zero to the minor unit.
pub fn weighted(minor: i64, percent: u8) -> i64 {
    let v = div_round_half_away(i128::from(minor) * i128::from(percent), 100);
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn currencies_are_checked_against_iso_4217() {
        assert_eq!(Currency::parse(" eur ", "c").unwrap().code(), "EUR");
        assert_eq!(Currency::parse("JPY", "c").unwrap().exponent(), 0);
        assert_eq!(Currency::parse("KWD", "c").unwrap().exponent(), 3);
        assert!(Currency::parse("EURO", "c").is_err());
        assert!(Currency::parse("XXX", "c").is_err());
        assert!(Currency::parse("ABC", "c").is_err());
        let Err(CrmError::Invalid { field, .. }) = Currency::parse("", "currency") else {
            panic!("expected Invalid")
        };
        assert_eq!(field, "currency");
    }

    #[test]
    fn the_currency_list_is_sorted_and_unique() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn parses_decimal_strings_exactly() {
        let p = |s: &str, c: &str| Money::parse(s, c, "value").map(|m| m.minor);
        assert_eq!(p("12.50", "EUR").unwrap(), 1250);
        assert_eq!(p("12,5", "EUR").unwrap(), 1250);
        assert_eq!(p("12", "EUR").unwrap(), 1200);
        assert_eq!(p(".5", "EUR").unwrap(), 50);
        assert_eq!(p("7.", "EUR").unwrap(), 700);
        assert_eq!(p("-0.05", "EUR").unwrap(), -5);
        assert_eq!(p("1500", "JPY").unwrap(), 1500);
        assert_eq!(p("1.234", "KWD").unwrap(), 1234);
        assert_eq!(p("0.10", "EUR").unwrap(), 10);
        assert!(
            p("12.505", "EUR").is_err(),
            "more decimals than the currency has"
        );
        assert!(p("1.5", "JPY").is_err());
        assert!(p("1e3", "EUR").is_err());
        assert!(p("1,000.00", "EUR").is_err());
        assert!(p("", "EUR").is_err());
        assert!(p(".", "EUR").is_err());
        assert!(p("NaN", "EUR").is_err());
        assert!(p("99999999999999999999", "EUR").is_err());
        assert!(Money::parse_non_negative("-1", "EUR", "value").is_err());
        assert!(Money::parse("1", "ZZZ", "value").is_err());
    }

    #[test]
    fn formats_with_the_currency_decimals() {
        let f = |minor: i64, c: &str| Money::new(minor, c).unwrap().to_decimal_string();
        assert_eq!(f(1250, "EUR"), "12.50");
        assert_eq!(f(5, "EUR"), "0.05");
        assert_eq!(f(-5, "EUR"), "-0.05");
        assert_eq!(f(0, "EUR"), "0.00");
        assert_eq!(f(1500, "JPY"), "1500");
        assert_eq!(f(1234, "KWD"), "1.234");
        assert_eq!(f(i64::MIN, "EUR"), "-92233720368547758.08");
        assert_eq!(Money::new(1250, "eur").unwrap().to_string(), "12.50 EUR");
        // Formatting and parsing round-trip.
        for minor in [0, 1, 99, 100, 123_456, -7, i64::MAX] {
            let m = Money::new(minor, "EUR").unwrap();
            assert_eq!(Money::parse(&m.to_decimal_string(), "EUR", "v").unwrap(), m);
        }
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round_half_away(250, 100), 3);
        assert_eq!(div_round_half_away(249, 100), 2);
        assert_eq!(div_round_half_away(-250, 100), -3);
        assert_eq!(div_round_half_away(-249, 100), -2);
        assert_eq!(div_round_half_away(0, 100), 0);
        assert_eq!(div_round_half_away(150, 100), 2);
        assert_eq!(div_round_half_away(50, 100), 1);
        assert_eq!(weighted(1001, 50), 501, "500.5 rounds up");
        assert_eq!(weighted(1003, 50), 502, "501.5 rounds up");
        assert_eq!(weighted(333, 10), 33);
        assert_eq!(weighted(335, 10), 34, "33.5 rounds away from zero");
        assert_eq!(weighted(-335, 10), -34);
        assert_eq!(weighted(12_345, 100), 12_345);
        assert_eq!(weighted(12_345, 0), 0);
        assert_eq!(weighted(i64::MAX, 100), i64::MAX);
    }
}
