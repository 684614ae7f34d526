//! IBAN validation (ISO 13616): country code, the country's length, allowed characters and the mod-97 check
//! digits; the normalised (upper case, no spaces) and the printed (groups of four) forms.

use crate::{InvoicingError, Result};

/// IBAN lengths by country (the SWIFT IBAN registry; SEPA countries and the usual trading partners).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

/// A checked IBAN, kept in its electronic form (upper case, no spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iban(String);

impl Iban {
    /// Checks `text` (spaces and case are ignored) and returns the IBAN, or an error saying what is wrong.
    pub fn parse(text: &str) -> Result<Iban> {
        let s: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        let bad = |why: &str| InvoicingError::invalid("iban", why.to_owned());
        if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(bad("an IBAN has only letters and digits"));
        }
        let country = s.get(..2).ok_or_else(|| bad("too short to be an IBAN"))?;
        if !country.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(bad(
                "an IBAN starts with a two-letter country code, such as ES",
            ));
        }
        let want = LENGTHS
            .iter()
            .find(|(c, _)| *c == country)
            .map(|&(_, n)| n)
            .ok_or_else(|| bad(&format!("{country} is not a country that uses IBANs")))?;
        if s.len() != want {
            return Err(bad(&format!(
                "an IBAN from {country} has {want} characters, this one has {}",
                s.len()
            )));
        }
        if !s[2..4].chars().all(|c| c.is_ascii_digit()) {
            return Err(bad(
                "the two characters after the country code are check digits",
            ));
        }
        if mod97(&s[4..], &s[..4]) != 1 {
            return Err(bad(
                "the check digits do not match: a character is mistyped",
            ));
        }
        Ok(Iban(s))
    }

    /// The electronic form: "ES9121000418450200051332".
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form, in groups of four: "ES91 2100 0418 4502 0005 1332".
    pub fn printed(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The remainder mod 97 of `body` followed by `head`, letters counting as 10..35.
fn mod97(body: &str, head: &str) -> u32 {
    body.chars().chain(head.chars()).fold(0u32, |acc, c| {
        let v = c.to_digit(36).unwrap_or(0);
        if v >= 10 {
            (acc * 100 + v) % 97
        } else {
            (acc * 10 + v) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn accepts_valid_ibans_in_any_spacing_and_case() {
        for ok in [
            "ES91 2100 0418 4502 0005 1332",
            "es9121000418450200051332",
            "DE89 3704 0044 0532 0130 00",
            "GB29 NWBK 6016 1331 9268 19",
            "FR14 2004 1010 0505 0001 3M02 606",
            "PT50 0002 0123 1234 5678 9015 4",
        ] {
            Iban::parse(ok).unwrap();
        }
        let i = Iban::parse("es91-2100-0418-4502-0005-1332").unwrap();
        assert_eq!(i.as_str(), "ES9121000418450200051332");
        assert_eq!(i.printed(), "ES91 2100 0418 4502 0005 1332");
    }

    #[test]
    fn refuses_with_the_reason() {
        let why = |s: &str| Iban::parse(s).unwrap_err().to_string();
        assert!(why("ES91 2100 0418 4502 0005 1333").contains("check digits do not match"));
        assert!(why("ES91 2100 0418 4502 0005 133").contains("has 24 characters"));
        assert!(why("XX91 2100").contains("not a country"));
        assert!(why("E").contains("too short"));
        assert!(why("ES91 2100 0418 4502 0005 133!").contains("only letters and digits"));
        assert!(why("12345").contains("country code"));
        assert!(why("ESAB21000418450200051332").contains("check digits"));
        // Every single-digit mistype of a valid IBAN is caught (mod 97 guarantees it).
        let good = "ES9121000418450200051332";
        for pos in 4..good.len() {
            for digit in '0'..='9' {
                let mut b: Vec<char> = good.chars().collect();
                if b[pos] == digit {
                    continue;
                }
                b[pos] = digit;
                let typo: String = b.into_iter().collect();
                assert!(Iban::parse(&typo).is_err(), "{typo}");
            }
        }
    }
}
