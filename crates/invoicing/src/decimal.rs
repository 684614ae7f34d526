//! Exact decimal numbers for quantities, unit prices, rates and discounts: an integer mantissa and a scale
//! (number of decimals), parsed from and printed as plain decimal strings. No floats anywhere.

use std::cmp::Ordering;
use std::fmt;

use crate::{InvoicingError, Result};

/// The most decimals a quantity, price or rate may carry.
pub const MAX_SCALE: u8 = 6;
/// The largest magnitude of a mantissa (18 digits): products of two stay far inside `i128`.
const MAX_MANTISSA: i128 = 999_999_999_999_999_999;

/// An exact decimal `mantissa × 10^-scale`, with `scale` at most [`MAX_SCALE`] and at most 18 digits.
/// Equality and order compare values, so `1.50 == 1.5`.
#[derive(Debug, Clone, Copy)]
pub struct Dec {
    mantissa: i128,
    scale: u8,
}

impl Dec {
    pub const ZERO: Dec = Dec {
        mantissa: 0,
        scale: 0,
    };

    /// A whole number.
    pub fn int(n: i64) -> Dec {
        Dec {
            mantissa: i128::from(n),
            scale: 0,
        }
    }

    /// `mantissa × 10^-scale`; `None` when the scale or the size is out of range.
    pub fn new(mantissa: i128, scale: u8) -> Option<Dec> {
        (scale <= MAX_SCALE && mantissa.abs() <= MAX_MANTISSA).then_some(Dec { mantissa, scale })
    }

    /// Parses "12", "-0.5", "1234.567890", "3,5" (a comma is a decimal separator too). No exponent, no
    /// thousands separators, at most six decimals; `field` names the input in the message.
    pub fn parse(text: &str, field: &'static str) -> Result<Dec> {
        let s = text.trim();
        let bad =
            |why: &str| InvoicingError::invalid(field, format!("\"{s}\" is not a number: {why}"));
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = digits.split_once(['.', ',']).unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() {
            return Err(bad("no digits"));
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad("use digits and one decimal point, such as 2.5"));
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > usize::from(MAX_SCALE) {
            return Err(bad("at most 6 decimals"));
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa * 10 + i128::from(b - b'0');
            if mantissa > MAX_MANTISSA {
                return Err(bad("too large"));
            }
        }
        let scale = u8::try_from(frac.len()).map_err(|_| bad("too many decimals"))?;
        Ok(Dec {
            mantissa: if negative { -mantissa } else { mantissa },
            scale,
        })
    }

    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    pub fn scale(self) -> u8 {
        self.scale
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// The mantissa at a larger scale (`to >= self.scale`).
    fn mantissa_at(self, to: u8) -> i128 {
        self.mantissa * 10i128.pow(u32::from(to.saturating_sub(self.scale)))
    }
}

impl PartialEq for Dec {
    fn eq(&self, other: &Dec) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Dec {}

impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Dec) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Dec {
    fn cmp(&self, other: &Dec) -> Ordering {
        let s = self.scale.max(other.scale);
        self.mantissa_at(s).cmp(&other.mantissa_at(s))
    }
}

/// The shortest plain form: "2.5", "-0.125", "21".
impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let abs = self.mantissa.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{abs}");
        }
        let unit = 10u128.pow(u32::from(self.scale));
        let frac = format!("{:0w$}", abs % unit, w = usize::from(self.scale));
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            write!(f, "{sign}{}", abs / unit)
        } else {
            write!(f, "{sign}{}.{frac}", abs / unit)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s, "x").unwrap()
    }

    #[test]
    fn parses_and_prints_canonically() {
        assert_eq!(d("12").to_string(), "12");
        assert_eq!(d("-0.50").to_string(), "-0.5");
        assert_eq!(d("3,25").to_string(), "3.25");
        assert_eq!(d("+1.000000").to_string(), "1");
        assert_eq!(d(".5").to_string(), "0.5");
        assert_eq!(d("7.").to_string(), "7");
        assert_eq!(d("0.000001").scale(), 6);
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal() {
        for bad in [
            "",
            "-",
            ".",
            "1e3",
            "1.2.3",
            "1 000",
            "abc",
            "0.0000001",
            "NaN",
            "1_0",
        ] {
            let err = Dec::parse(bad, "quantity").unwrap_err();
            assert!(err.to_string().starts_with("quantity: "), "{bad}: {err}");
        }
        assert!(Dec::parse("9999999999999999999", "q").is_err());
        assert!(Dec::parse("999999999999999999", "q").is_ok());
    }

    #[test]
    fn compares_by_value() {
        assert_eq!(d("1.50"), d("1.5"));
        assert!(d("-1") < d("0.000001"));
        assert!(d("2.1") > d("2.09"));
        assert_eq!(Dec::new(150, 2), Some(d("1.5")));
        assert_eq!(Dec::new(1, 7), None);
    }
}
