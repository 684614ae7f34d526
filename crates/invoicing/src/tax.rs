//! Tax rates on invoice lines: the EN 16931 VAT category, the rate as an exact percentage, Spain's recargo
//! de equivalencia, the legal mention some categories must print, and the country presets (Spain in full,
//! generic standard/reduced/zero VAT elsewhere) plus the IRPF withholding rates.

use crate::decimal::Dec;
use crate::{InvoicingError, Result};

/// The VAT category of a line (EN 16931 BT-151 codes in brackets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaxCategory {
    /// A positive standard or reduced rate [S].
    Standard,
    /// A zero rate [Z].
    Zero,
    /// Exempt, with the legal reason printed on the invoice [E], e.g. "Exento (art. 20.Uno.9.º LIVA)".
    Exempt { reason: String },
    /// Reverse charge: the buyer accounts for the VAT [AE].
    ReverseCharge,
    /// Intra-community supply of goods or services, exempt [K].
    IntraCommunity,
    /// Export outside the EU [G].
    Export,
}

impl TaxCategory {
    /// The EN 16931 VAT category code.
    pub fn code(&self) -> &'static str {
        match self {
            TaxCategory::Standard => "S",
            TaxCategory::Zero => "Z",
            TaxCategory::Exempt { .. } => "E",
            TaxCategory::ReverseCharge => "AE",
            TaxCategory::IntraCommunity => "K",
            TaxCategory::Export => "G",
        }
    }

    /// Whether the category carries a positive rate (only Standard does).
    fn has_rate(&self) -> bool {
        matches!(self, TaxCategory::Standard)
    }
}

/// A line's tax: category, rate in percent and, in Spain, the recargo de equivalencia percent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxRate {
    pub category: TaxCategory,
    pub percent: Dec,
    pub surcharge: Option<Dec>,
}

impl TaxRate {
    /// A standard-category rate such as 21 or 5.5.
    pub fn standard(percent: Dec) -> TaxRate {
        TaxRate {
            category: TaxCategory::Standard,
            percent,
            surcharge: None,
        }
    }

    /// A rate with no tax: zero-rated, exempt (with its reason), reverse charge, intra-EU or export.
    pub fn untaxed(category: TaxCategory) -> TaxRate {
        TaxRate {
            category,
            percent: Dec::ZERO,
            surcharge: None,
        }
    }

    /// Checks the rules a rate must keep: 0–100 %, a positive rate only in the standard category, a
    /// surcharge only with a standard rate, an exemption reason that is not blank.
    pub fn validate(&self) -> Result<()> {
        let hundred = Dec::int(100);
        if self.percent.is_negative() || self.percent > hundred {
            return Err(InvoicingError::invalid(
                "tax_rate",
                "a tax rate is between 0 and 100 %",
            ));
        }
        if self.category.has_rate() && self.percent.is_zero() {
            return Err(InvoicingError::invalid(
                "tax_rate",
                "a standard rate must be above 0 %; use the zero-rated category for 0 %",
            ));
        }
        if !self.category.has_rate() && !self.percent.is_zero() {
            return Err(InvoicingError::invalid(
                "tax_rate",
                "zero-rated, exempt, reverse-charge, intra-EU and export lines carry 0 %",
            ));
        }
        if let Some(s) = self.surcharge {
            if !self.category.has_rate() {
                return Err(InvoicingError::invalid(
                    "surcharge",
                    "the recargo de equivalencia applies only to a standard VAT rate",
                ));
            }
            if s.is_negative() || s > hundred {
                return Err(InvoicingError::invalid(
                    "surcharge",
                    "a surcharge is between 0 and 100 %",
                ));
            }
        }
        if let TaxCategory::Exempt { reason } = &self.category
            && reason.trim().is_empty()
        {
            return Err(InvoicingError::invalid(
                "exemption_reason",
                "an exempt line needs the legal reason printed on the invoice",
            ));
        }
        Ok(())
    }

    /// The mention the invoice must print for this rate in `lang` ("es" or anything else for English), if any.
    pub fn mention(&self, lang: &str) -> Option<String> {
        let es = lang.eq_ignore_ascii_case("es");
        match &self.category {
            TaxCategory::Standard | TaxCategory::Zero => None,
            TaxCategory::Exempt { reason } => Some(reason.trim().to_owned()),
            TaxCategory::ReverseCharge => Some(if es {
                "Inversión del sujeto pasivo (art. 84.Uno.2.º LIVA)".to_owned()
            } else {
                "Reverse charge: VAT to be accounted for by the recipient".to_owned()
            }),
            TaxCategory::IntraCommunity => Some(if es {
                "Entrega intracomunitaria exenta (art. 25 LIVA)".to_owned()
            } else {
                "Intra-community supply exempt from VAT (Art. 138 Directive 2006/112/EC)".to_owned()
            }),
            TaxCategory::Export => Some(if es {
                "Exportación exenta (art. 21 LIVA)".to_owned()
            } else {
                "Export outside the EU, exempt from VAT".to_owned()
            }),
        }
    }
}

/// A named preset a user picks from instead of typing a rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// Stable key ("es.iva21", "es.iva21.re").
    pub key: &'static str,
    /// Label in Spanish.
    pub label_es: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    pub rate: TaxRate,
}

fn pct(mantissa: i128, scale: u8) -> Dec {
    Dec::new(mantissa, scale).unwrap_or(Dec::ZERO)
}

/// Spain's presets: IVA 21/10/4/0 %, each positive rate also with its recargo de equivalencia (5.2/1.4/0.5 %),
/// exempt (the reason is filled in by the user), reverse charge, intra-EU and export.
pub fn spain() -> Vec<Preset> {
    let iva = |key, es, en, p: i64, re: Option<Dec>| Preset {
        key,
        label_es: es,
        label_en: en,
        rate: TaxRate {
            surcharge: re,
            ..TaxRate::standard(Dec::int(p))
        },
    };
    vec![
        iva("es.iva21", "IVA 21 %", "VAT 21%", 21, None),
        iva("es.iva10", "IVA 10 %", "VAT 10%", 10, None),
        iva("es.iva4", "IVA 4 %", "VAT 4%", 4, None),
        iva(
            "es.iva21.re",
            "IVA 21 % + RE 5,2 %",
            "VAT 21% + equivalence surcharge 5.2%",
            21,
            Some(pct(52, 1)),
        ),
        iva(
            "es.iva10.re",
            "IVA 10 % + RE 1,4 %",
            "VAT 10% + equivalence surcharge 1.4%",
            10,
            Some(pct(14, 1)),
        ),
        iva(
            "es.iva4.re",
            "IVA 4 % + RE 0,5 %",
            "VAT 4% + equivalence surcharge 0.5%",
            4,
            Some(pct(5, 1)),
        ),
        Preset {
            key: "es.iva0",
            label_es: "IVA 0 %",
            label_en: "VAT 0%",
            rate: TaxRate::untaxed(TaxCategory::Zero),
        },
        Preset {
            key: "es.exento",
            label_es: "Exento",
            label_en: "Exempt",
            rate: TaxRate::untaxed(TaxCategory::Exempt {
                reason: "Exento de IVA".to_owned(),
            }),
        },
        Preset {
            key: "es.isp",
            label_es: "Inversión del sujeto pasivo",
            label_en: "Reverse charge",
            rate: TaxRate::untaxed(TaxCategory::ReverseCharge),
        },
        Preset {
            key: "es.intracomunitaria",
            label_es: "Operación intracomunitaria exenta",
            label_en: "Intra-EU exempt",
            rate: TaxRate::untaxed(TaxCategory::IntraCommunity),
        },
        Preset {
            key: "es.exportacion",
            label_es: "Exportación exenta",
            label_en: "Export exempt",
            rate: TaxRate::untaxed(TaxCategory::Export),
        },
    ]
}

/// Generic VAT presets for a country without its own table: a standard and a reduced rate the user sets,
/// plus zero-rated, reverse charge and intra-EU.
pub fn generic(standard: Dec, reduced: Option<Dec>) -> Vec<Preset> {
    let mut out = vec![Preset {
        key: "vat.standard",
        label_es: "IVA general",
        label_en: "Standard VAT",
        rate: TaxRate::standard(standard),
    }];
    if let Some(r) = reduced {
        out.push(Preset {
            key: "vat.reduced",
            label_es: "IVA reducido",
            label_en: "Reduced VAT",
            rate: TaxRate::standard(r),
        });
    }
    out.extend([
        Preset {
            key: "vat.zero",
            label_es: "IVA 0 %",
            label_en: "Zero-rated",
            rate: TaxRate::untaxed(TaxCategory::Zero),
        },
        Preset {
            key: "vat.reverse",
            label_es: "Inversión del sujeto pasivo",
            label_en: "Reverse charge",
            rate: TaxRate::untaxed(TaxCategory::ReverseCharge),
        },
        Preset {
            key: "vat.intra_eu",
            label_es: "Operación intracomunitaria exenta",
            label_en: "Intra-EU exempt",
            rate: TaxRate::untaxed(TaxCategory::IntraCommunity),
        },
    ]);
    out
}

/// Spain's IRPF withholding for professionals: 15 % in general, 7 % in the first years of activity.
pub fn irpf_rates() -> [Dec; 2] {
    [Dec::int(15), Dec::int(7)]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_preset_is_valid_and_keys_are_unique() {
        let mut all = spain();
        all.extend(generic(Dec::int(20), Some(Dec::parse("5.5", "x").unwrap())));
        for p in &all {
            p.rate.validate().unwrap();
        }
        let mut keys: Vec<_> = all.iter().map(|p| p.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
    }

    #[test]
    fn spanish_surcharges_pair_with_their_rates() {
        let find = |k: &str| spain().into_iter().find(|p| p.key == k).unwrap().rate;
        assert_eq!(find("es.iva21.re").surcharge.unwrap().to_string(), "5.2");
        assert_eq!(find("es.iva10.re").surcharge.unwrap().to_string(), "1.4");
        assert_eq!(find("es.iva4.re").surcharge.unwrap().to_string(), "0.5");
        assert_eq!(find("es.iva21").percent, Dec::int(21));
    }

    #[test]
    fn rates_out_of_their_category_are_refused() {
        let msg = |r: TaxRate| r.validate().unwrap_err().to_string();
        assert!(msg(TaxRate::standard(Dec::int(101))).contains("between 0 and 100"));
        assert!(msg(TaxRate::standard(Dec::int(-1))).contains("between 0 and 100"));
        assert!(msg(TaxRate::standard(Dec::ZERO)).contains("zero-rated"));
        let mut r = TaxRate::untaxed(TaxCategory::ReverseCharge);
        r.percent = Dec::int(21);
        assert!(msg(r).contains("carry 0 %"));
        let mut r = TaxRate::untaxed(TaxCategory::Zero);
        r.surcharge = Some(Dec::int(1));
        assert!(msg(r).starts_with("surcharge: "));
        let r = TaxRate::untaxed(TaxCategory::Exempt {
            reason: "  ".into(),
        });
        assert!(msg(r).starts_with("exemption_reason: "));
    }

    #[test]
    fn mentions_are_printed_in_the_invoice_language() {
        let r = TaxRate::untaxed(TaxCategory::ReverseCharge);
        assert!(
            r.mention("es")
                .unwrap()
                .contains("Inversión del sujeto pasivo")
        );
        assert!(r.mention("en").unwrap().contains("Reverse charge"));
        assert_eq!(TaxRate::standard(Dec::int(21)).mention("es"), None);
        let r = TaxRate::untaxed(TaxCategory::Exempt {
            reason: " Exento art. 20 LIVA ".into(),
        });
        assert_eq!(r.mention("en").unwrap(), "Exento art. 20 LIVA");
        assert_eq!(TaxCategory::IntraCommunity.code(), "K");
    }
}
