//! The business profile: who issues the invoices (legal name, tax id, address, currency, bank account, logo,
//! footer). One row; issuing refuses until the fields an invoice must print are set.

use rusqlite::{Connection, OptionalExtension, params};
use sigilo_crm::money::Currency;
use sigilo_crm::{taxid, valid};

use crate::iban::Iban;
use crate::{InvoicingError, Result};

/// The profile as stored and edited. Every field is optional until issuing needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub legal_name: Option<String>,
    pub tax_country: Option<String>,
    pub tax_id: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub currency: Option<String>,
    pub iban: Option<String>,
    pub footer: Option<String>,
}

/// The logo printed on invoices: PNG or JPEG bytes, at most 1 MiB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

const MAX_LOGO: usize = 1024 * 1024;

fn two_letters(v: Option<String>, field: &'static str) -> Result<Option<String>> {
    match v
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty())
    {
        Some(c) if c.len() == 2 && c.chars().all(|c| c.is_ascii_uppercase()) => Ok(Some(c)),
        Some(_) => Err(InvoicingError::invalid(
            field,
            "a two-letter ISO 3166 country code, such as ES",
        )),
        None => Ok(None),
    }
}

/// Checks and normalises a profile: the tax id by its country's check digits, the IBAN by mod 97, the
/// currency against ISO 4217, the email's shape.
pub fn validate(p: Profile) -> Result<Profile> {
    let tax_country = two_letters(p.tax_country, "tax_country")?;
    let country = two_letters(p.country, "country")?;
    let tax_id = match valid::optional(p.tax_id, "tax_id", 40)? {
        Some(t) => Some(taxid::check(tax_country.as_deref().or(country.as_deref()), &t)?.id),
        None => None,
    };
    let iban = match p.iban.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(i) => Some(Iban::parse(i)?.as_str().to_owned()),
        None => None,
    };
    let currency = match p
        .currency
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(c) => Some(Currency::parse(c, "currency")?.code().to_owned()),
        None => None,
    };
    let email = valid::optional(p.email, "email", 254)?;
    if let Some(e) = &email {
        sigilo_crm::contacts::check_email(e)?;
    }
    Ok(Profile {
        legal_name: valid::optional(p.legal_name, "legal_name", 200)?,
        tax_country,
        tax_id,
        street: valid::optional(p.street, "street", 200)?,
        postal_code: valid::optional(p.postal_code, "postal_code", 20)?,
        city: valid::optional(p.city, "city", 100)?,
        region: valid::optional(p.region, "region", 100)?,
        country,
        email,
        phone: valid::optional(p.phone, "phone", 40)?,
        currency,
        iban,
        footer: valid::optional(p.footer, "footer", 2000)?,
    })
}

/// Saves the profile (the logo is kept).
pub fn set(conn: &Connection, p: Profile, at: &str) -> Result<()> {
    let p = validate(p)?;
    conn.execute(
        "INSERT INTO business_profile (id, legal_name, tax_country, tax_id, street, postal_code, city, region,
             country, email, phone, currency, iban, footer, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET legal_name = ?1, tax_country = ?2, tax_id = ?3, street = ?4,
             postal_code = ?5, city = ?6, region = ?7, country = ?8, email = ?9, phone = ?10, currency = ?11,
             iban = ?12, footer = ?13, updated_at = ?14",
        params![
            p.legal_name, p.tax_country, p.tax_id, p.street, p.postal_code, p.city, p.region, p.country,
            p.email, p.phone, p.currency, p.iban, p.footer, at
        ],
    )?;
    Ok(())
}

/// The saved profile (all empty when none was saved yet).
pub fn get(conn: &Connection) -> Result<Profile> {
    Ok(conn
        .query_row(
            "SELECT legal_name, tax_country, tax_id, street, postal_code, city, region, country, email, phone,
                    currency, iban, footer
             FROM business_profile WHERE id = 1",
            [],
            |r| {
                Ok(Profile {
                    legal_name: r.get(0)?,
                    tax_country: r.get(1)?,
                    tax_id: r.get(2)?,
                    street: r.get(3)?,
                    postal_code: r.get(4)?,
                    city: r.get(5)?,
                    region: r.get(6)?,
                    country: r.get(7)?,
                    email: r.get(8)?,
                    phone: r.get(9)?,
                    currency: r.get(10)?,
                    iban: r.get(11)?,
                    footer: r.get(12)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Stores the logo after checking it is a PNG or JPEG of at most 1 MiB (`None` removes it).
pub fn set_logo(conn: &Connection, bytes: Option<&[u8]>, at: &str) -> Result<()> {
    let logo = match bytes {
        Some(b) => Some(sniff_logo(b)?),
        None => None,
    };
    conn.execute(
        "INSERT INTO business_profile (id, logo, logo_mime, updated_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET logo = ?1, logo_mime = ?2, updated_at = ?3",
        params![
            logo.as_ref().map(|l| &l.bytes),
            logo.as_ref().map(|l| l.mime),
            at
        ],
    )?;
    Ok(())
}

/// The stored logo, if any.
pub fn logo(conn: &Connection) -> Result<Option<Logo>> {
    let row: Option<(Option<Vec<u8>>, Option<String>)> = conn
        .query_row(
            "SELECT logo, logo_mime FROM business_profile WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((Some(bytes), Some(mime))) => Some(Logo {
            mime: if mime == "image/png" {
                "image/png"
            } else {
                "image/jpeg"
            },
            bytes,
        }),
        _ => None,
    })
}

fn sniff_logo(b: &[u8]) -> Result<Logo> {
    if b.len() > MAX_LOGO {
        return Err(InvoicingError::invalid(
            "logo",
            "the logo must be at most 1 MiB",
        ));
    }
    let mime = if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else {
        return Err(InvoicingError::invalid(
            "logo",
            "the logo must be a PNG or JPEG image",
        ));
    };
    Ok(Logo {
        mime,
        bytes: b.to_vec(),
    })
}

/// The fields an invoice must print that the profile still lacks, by their field names (empty when complete).
pub fn missing_for_issue(p: &Profile) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut need = |v: &Option<String>, name| {
        if v.as_deref().is_none_or(|s| s.trim().is_empty()) {
            out.push(name);
        }
    };
    need(&p.legal_name, "legal_name");
    need(&p.tax_id, "tax_id");
    need(&p.street, "street");
    need(&p.postal_code, "postal_code");
    need(&p.city, "city");
    need(&p.country, "country");
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn validation_normalises_and_names_the_field() {
        let p = validate(Profile {
            legal_name: Some(" Taller Ñandú SL ".into()),
            tax_country: Some("es".into()),
            tax_id: Some("b-12345674".into()),
            iban: Some("es91 2100 0418 4502 0005 1332".into()),
            currency: Some("eur".into()),
            ..Profile::default()
        })
        .unwrap();
        assert_eq!(p.legal_name.as_deref(), Some("Taller Ñandú SL"));
        assert_eq!(p.tax_id.as_deref(), Some("B12345674"));
        assert_eq!(p.iban.as_deref(), Some("ES9121000418450200051332"));
        assert_eq!(p.currency.as_deref(), Some("EUR"));
        let field = |p: Profile| match validate(p).unwrap_err() {
            InvoicingError::Invalid { field, .. } => field,
            InvoicingError::Crm(sigilo_crm::CrmError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(Profile {
                tax_id: Some("12345678A".into()),
                ..Profile::default()
            }),
            "tax_id"
        );
        assert_eq!(
            field(Profile {
                iban: Some("ES91 2100".into()),
                ..Profile::default()
            }),
            "iban"
        );
        assert_eq!(
            field(Profile {
                currency: Some("EUX".into()),
                ..Profile::default()
            }),
            "currency"
        );
        assert_eq!(
            field(Profile {
                country: Some("Spain".into()),
                ..Profile::default()
            }),
            "country"
        );
    }

    #[test]
    fn logos_are_png_or_jpeg() {
        assert_eq!(
            sniff_logo(b"\x89PNG\r\n\x1a\nrest").unwrap().mime,
            "image/png"
        );
        assert_eq!(
            sniff_logo(&[0xFF, 0xD8, 0xFF, 0xE0]).unwrap().mime,
            "image/jpeg"
        );
        assert!(
            sniff_logo(b"GIF89a")
                .unwrap_err()
                .to_string()
                .contains("PNG or JPEG")
        );
        assert!(sniff_logo(&vec![0u8; MAX_LOGO + 1]).is_err());
    }

    #[test]
    fn missing_fields_are_listed() {
        assert_eq!(missing_for_issue(&Profile::default()).len(), 6);
        let p = Profile {
            legal_name: Some("A".into()),
            tax_id: Some("B12345674".into()),
            street: Some("Calle 1".into()),
            postal_code: Some("28001".into()),
            city: Some("Madrid".into()),
            country: Some("ES".into()),
            ..Profile::default()
        };
        assert!(missing_for_issue(&p).is_empty());
    }
}
