//! Tax identifiers: Spanish NIF (DNI), NIE and CIF with their check characters; other countries by shape only.

use crate::{CrmError, Result};

/// A validated tax id: country (ISO 3166-1 alpha-2) and the identifier, upper case without separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxId {
    pub country: String,
    pub id: String,
}

const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Checks a tax id for `country` (default "ES"). Spaces, dots and dashes are dropped and letters upper-cased;
/// an EU VAT prefix equal to the country ("ESB12345674") is accepted and removed.
///
/// Spain: a NIF of 8 digits and a letter (the digits mod 23 pick it), a K/L/M NIF or a NIE (X/Y/Z = 0/1/2, then
/// 7 digits and the letter, computed the same way), or a CIF (an organisation letter, 7 digits and a control
/// digit or letter from the Luhn-like sum). Elsewhere: 2 to 20 letters and digits.
pub fn check(country: Option<&str>, value: &str) -> Result<TaxId> {
    let country = country
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "ES".to_owned());
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(CrmError::invalid(
            "tax_country",
            "the country must be a two-letter ISO 3166 code such as ES",
        ));
    }
    let mut id: String = value
        .chars()
        .filter(|c| !(c.is_whitespace() || ".-/".contains(*c)))
        .flat_map(char::to_uppercase)
        .collect();
    if id.len() > 2 + 8 && id.starts_with(&country)
        || (country == "ES" && id.len() == 11 && id.starts_with("ES"))
    {
        id.drain(..2);
    }
    if id.is_empty() {
        return Err(CrmError::invalid("tax_id", "the tax id is empty"));
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(CrmError::invalid(
            "tax_id",
            "a tax id holds letters and digits only",
        ));
    }
    if country == "ES" {
        check_spanish(&id)?;
    } else if !(2..=20).contains(&id.len()) {
        return Err(CrmError::invalid(
            "tax_id",
            "a tax id has between 2 and 20 letters and digits",
        ));
    }
    Ok(TaxId { country, id })
}

fn check_spanish(id: &str) -> Result<()> {
    let b = id.as_bytes();
    let bad = |why: &str| {
        Err(CrmError::invalid(
            "tax_id",
            format!("\"{id}\" is not a valid Spanish NIF/NIE/CIF: {why}"),
        ))
    };
    if b.len() != 9 {
        return bad("it must have 9 characters");
    }
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let number = |s: &[u8]| s.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    match b[0] {
        b'0'..=b'9' => {
            if !digits(&b[..8]) {
                return bad("a NIF has 8 digits and a letter");
            }
            if DNI_LETTERS[(number(&b[..8]) % 23) as usize] != b[8] {
                return bad("the letter does not match the number");
            }
        }
        first @ (b'X' | b'Y' | b'Z' | b'K' | b'L' | b'M') => {
            if !digits(&b[1..8]) {
                return bad("7 digits must follow the first letter");
            }
            let prefix = match first {
                b'Y' => 1,
                b'Z' => 2,
                _ => 0,
            };
            let n = prefix * 10_000_000 + number(&b[1..8]);
            if DNI_LETTERS[(n % 23) as usize] != b[8] {
                return bad("the letter does not match the number");
            }
        }
        first @ (b'A' | b'B' | b'C' | b'D' | b'E' | b'F' | b'G' | b'H' | b'J' | b'N' | b'P'
        | b'Q' | b'R' | b'S' | b'U' | b'V' | b'W') => {
            if !digits(&b[1..8]) {
                return bad("7 digits must follow the first letter");
            }
            let mut sum = 0u32;
            for (i, d) in b[1..8].iter().enumerate() {
                let d = u32::from(d - b'0');
                sum += if i % 2 == 0 {
                    (d * 2) / 10 + (d * 2) % 10
                } else {
                    d
                };
            }
            let control = (10 - sum % 10) % 10;
            let as_digit = b'0' + control as u8;
            let as_letter = b"JABCDEFGHI"[control as usize];
            let ok = match first {
                b'P' | b'Q' | b'R' | b'S' | b'N' | b'W' => b[8] == as_letter,
                b'A' | b'B' | b'E' | b'H' => b[8] == as_digit,
                _ => b[8] == as_digit || b[8] == as_letter,
            };
            if !ok {
                return bad("the control character does not match");
            }
        }
        _ => return bad("it must start with a digit or a letter that Spanish tax ids use"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn es(v: &str) -> bool {
        check(None, v).is_ok()
    }

    #[test]
    fn nif_letter_is_the_number_mod_23() {
        assert!(es("12345678Z"));
        assert!(es("12.345.678-z"));
        assert!(es("00000000T"));
        assert!(!es("12345678A"));
        assert!(!es("1234567Z"));
        assert!(!es("1234567AZ"));
        assert_eq!(check(None, " 12345678-z ").unwrap().id, "12345678Z");
    }

    #[test]
    fn nie_prefix_counts_as_a_digit() {
        assert!(es("X1234567L"));
        assert!(es("Y1234567X"));
        assert!(es("Z1234567R"));
        assert!(!es("X1234567A"));
        assert!(!es("Y1234567L"));
    }

    #[test]
    fn cif_control_digit_or_letter() {
        assert!(es("B12345674"));
        assert!(!es("B12345675"));
        assert!(!es("B1234567D"), "B takes a digit");
        assert!(es("Q2826000H"));
        assert!(!es("Q28260008"), "Q takes a letter");
        assert!(es("G12345674") && es("G1234567D"), "G takes either");
        assert!(es("ESB12345674"), "VAT prefix");
        assert_eq!(check(Some("es"), "ES-B12345674").unwrap().id, "B12345674");
        assert!(!es("I12345674"));
    }

    #[test]
    fn other_countries_by_shape() {
        let t = check(Some("fr"), "FR 40 303 265 045").unwrap();
        assert_eq!((t.country.as_str(), t.id.as_str()), ("FR", "40303265045"));
        assert!(check(Some("DE"), "DE123456789").is_ok());
        assert!(check(Some("DE"), "1").is_err());
        assert!(check(Some("DE"), "12'34").is_err());
        assert!(check(Some("Alemania"), "123").is_err());
        let Err(CrmError::Invalid { field, .. }) = check(None, "nope") else {
            panic!("expected Invalid")
        };
        assert_eq!(field, "tax_id");
    }
}
