//! Formatting of money, decimals, dates and IBANs in the document's language, from integers and strings only.

use crate::{Currency, Lang, PdfError};
use time::Date;

/// The separators of a language: (thousands, decimal).
fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Es => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// `digits` (ASCII digits only) with a separator every three from the right.
fn group(digits: &str, sep: char) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// An amount in minor units as a number of the language, without a currency: `1.234,56` / `1,234.56`.
pub(crate) fn amount(lang: Lang, exponent: u8, minor: i64) -> String {
    let (thousands, decimal) = separators(lang);
    let negative = minor < 0;
    let digits = minor.unsigned_abs().to_string();
    let exp = usize::from(exponent);
    let padded = if digits.len() <= exp {
        format!("{}{digits}", "0".repeat(exp + 1 - digits.len()))
    } else {
        digits
    };
    let (int, frac) = padded.split_at(padded.len() - exp);
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(int, thousands));
    if exp > 0 {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// The symbol printed for a currency, and whether it is a symbol glued to the number (English `€1.00`)
/// rather than a code set apart (`CHF 1.00`).
fn symbol(lang: Lang, code: &str) -> (&str, bool) {
    match (lang, code) {
        (_, "EUR") => ("€", true),
        (Lang::En, "USD") => ("$", true),
        (Lang::Es, "USD") => ("US$", true),
        (Lang::En, "GBP") => ("£", true),
        (Lang::En, "JPY") => ("¥", true),
        _ => (code, false),
    }
}

/// An amount with its currency: `1.234,56 €` in Spanish, `€1,234.56` in English.
pub(crate) fn money(lang: Lang, currency: &Currency, minor: i64) -> String {
    let number = amount(lang, currency.exponent, minor);
    let (sym, glued) = symbol(lang, &currency.code);
    match lang {
        Lang::Es => format!("{number} {sym}"),
        Lang::En => {
            let (sign, abs) = match number.strip_prefix('-') {
                Some(rest) => ("-", rest),
                None => ("", number.as_str()),
            };
            if glued {
                format!("{sign}{sym}{abs}")
            } else {
                format!("{sign}{sym} {abs}")
            }
        }
    }
}

/// A decimal string (`-12.5`, `3`, `0.125`) printed in the language, with at least `min_frac` decimals and
/// no trailing zeros beyond them. Anything but an optional sign, digits and one `.` is refused.
pub(crate) fn decimal(
    lang: Lang,
    text: &str,
    min_frac: usize,
    field: &'static str,
    line: usize,
) -> Result<String, PdfError> {
    let bad = || PdfError::InvalidDecimal { field, line };
    let text = text.trim();
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty()
        || !all_digits(int)
        || !all_digits(frac)
        || (body.contains('.') && frac.is_empty())
    {
        return Err(bad());
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let mut frac = frac.trim_end_matches('0').to_string();
    while frac.len() < min_frac {
        frac.push('0');
    }
    let zero = int == "0" && frac.bytes().all(|b| b == b'0');
    let (thousands, decimal) = separators(lang);
    let mut out = String::new();
    if negative && !zero {
        out.push('-');
    }
    out.push_str(&group(int, thousands));
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(&frac);
    }
    Ok(out)
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date: `15/03/2026` in Spanish, `15 Mar 2026` in English (unambiguous on both sides of the Atlantic).
pub(crate) fn date(lang: Lang, d: Date) -> String {
    let month = u8::from(d.month());
    match lang {
        Lang::Es => format!("{:02}/{:02}/{}", d.day(), month, d.year()),
        Lang::En => {
            let name = MONTHS_EN
                .get(usize::from(month).saturating_sub(1))
                .copied()
                .unwrap_or("");
            format!("{} {name} {}", d.day(), d.year())
        }
    }
}

/// An IBAN as printed: upper case, in groups of four (`ES91 2100 0418 4502 0005 1332`).
pub(crate) fn iban(text: &str) -> String {
    let compact: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    compact
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use time::macros::date;

    fn eur() -> Currency {
        Currency::new("EUR", 2)
    }

    #[test]
    fn money_in_both_languages() {
        assert_eq!(money(Lang::Es, &eur(), 123_456), "1.234,56 €");
        assert_eq!(money(Lang::En, &eur(), 123_456), "€1,234.56");
        assert_eq!(money(Lang::Es, &eur(), -5), "-0,05 €");
        assert_eq!(money(Lang::En, &eur(), -5), "-€0.05");
        assert_eq!(money(Lang::Es, &eur(), 0), "0,00 €");
        assert_eq!(
            money(Lang::En, &Currency::new("USD", 2), 100_000_000),
            "$1,000,000.00"
        );
        assert_eq!(money(Lang::En, &Currency::new("CHF", 2), 1999), "CHF 19.99");
        assert_eq!(money(Lang::Es, &Currency::new("CHF", 2), 1999), "19,99 CHF");
        assert_eq!(money(Lang::En, &Currency::new("JPY", 0), 1234), "¥1,234");
        assert_eq!(
            money(Lang::Es, &Currency::new("KWD", 3), 1_234_567),
            "1.234,567 KWD"
        );
        assert_eq!(amount(Lang::Es, 2, i64::MIN), "-92.233.720.368.547.758,08");
        assert_eq!(amount(Lang::En, 2, 999), "9.99");
        assert_eq!(amount(Lang::En, 2, 100_000), "1,000.00");
    }

    #[test]
    fn decimals_are_checked_and_localised() {
        let d = |s: &str, min| decimal(Lang::Es, s, min, "quantity", 1);
        assert_eq!(d("1234.5", 2).unwrap(), "1.234,50");
        assert_eq!(d("2.000", 0).unwrap(), "2");
        assert_eq!(d("0.125", 2).unwrap(), "0,125");
        assert_eq!(d("-3", 0).unwrap(), "-3");
        assert_eq!(d("-0.00", 0).unwrap(), "0");
        assert_eq!(d("007", 0).unwrap(), "7");
        assert_eq!(
            decimal(Lang::En, "1234567.5", 2, "price", 1).unwrap(),
            "1,234,567.50"
        );
        for bad in ["", "-", "1,5", "1.", ".5", "1e3", "1.2.3", "abc", " 1 2"] {
            assert!(d(bad, 0).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn dates_and_ibans() {
        assert_eq!(date(Lang::Es, date!(2026 - 03 - 05)), "05/03/2026");
        assert_eq!(date(Lang::En, date!(2026 - 03 - 05)), "5 Mar 2026");
        assert_eq!(date(Lang::En, date!(2026 - 12 - 31)), "31 Dec 2026");
        assert_eq!(
            iban("es9121000418450200051332"),
            "ES91 2100 0418 4502 0005 1332"
        );
        assert_eq!(
            iban("ES91 2100 0418 4502 0005 1332"),
            "ES91 2100 0418 4502 0005 1332"
        );
        assert_eq!(
            iban("GB82WEST12345698765432"),
            "GB82 WEST 1234 5698 7654 32"
        );
    }
}
