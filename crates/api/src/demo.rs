//! Deterministic synthetic data for a living demo vault and for the benchmark: same seed, same vault.
//! Scale 1 is a freelancer (200 contacts); scale 500 is 100k contacts. Each domain adds its entities here.

use sigilo_crm::text::fold;

use crate::dto::ContactInput;
use crate::error::ApiError;
use crate::session::Session;

/// Contacts per unit of scale.
pub const CONTACTS_PER_SCALE: u64 = 200;
/// Largest accepted scale (1M contacts).
pub const MAX_SCALE: u32 = 5_000;
const BATCH: usize = 2_000;

/// A small, fast, deterministic generator (SplitMix64): the demo must not depend on a crate's RNG stream.
#[derive(Debug, Clone)]
pub struct DemoRng(u64);

impl DemoRng {
    pub fn new(seed: u64) -> Self {
        DemoRng(seed ^ 0x5167_696c_6f21_2026)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const FIRST_ES: &[&str] = &[
    "José",
    "María",
    "Álvaro",
    "Lucía",
    "Sofía",
    "Martín",
    "Inés",
    "Íñigo",
    "Nuria",
    "Jesús",
    "Ángela",
    "Raúl",
    "Begoña",
    "Óscar",
    "Carmen",
    "Rocío",
    "Andrés",
    "Zoë",
    "Tomás",
    "Elena",
    "Víctor",
    "Marta",
    "Joaquín",
    "Pilar",
    "Adrián",
    "Mónica",
    "Sebastián",
    "Aitana",
    "Germán",
    "Ainhoa",
    "Ramón",
    "Leticia",
];
const FIRST_EN: &[&str] = &[
    "James", "Olivia", "Harry", "Amelia", "George", "Isla", "Noah", "Grace", "Oliver", "Chloé",
    "Jack", "Emily", "William", "Sophie", "Thomas", "Ruby",
];
const SURNAMES_ES: &[&str] = &[
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Martín",
    "Jiménez",
    "Ruiz",
    "Hernández",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Gil",
    "Ramírez",
    "Serrano",
    "Blanco",
    "Molina",
    "Castro",
    "Ortiz",
    "Rubio",
    "Marín",
    "Sanz",
    "Núñez",
    "Iglesias",
    "Medina",
    "Garrido",
    "Cortés",
    "Castillo",
    "Santos",
    "Lozano",
    "Guerrero",
    "Cano",
    "Prieto",
    "Méndez",
    "Cruz",
    "Calvo",
    "Gallego",
    "Vidal",
    "León",
    "Márquez",
    "Herrera",
    "Peña",
    "Flores",
    "Cabrera",
    "Campos",
    "Vega",
    "Fuentes",
    "Carrasco",
    "Diez",
    "Ibáñez",
    "Muñiz",
];
const SURNAMES_EN: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "O'Brien", "Hughes",
];
const COMPANY_HEAD: &[&str] = &[
    "Talleres",
    "Ferretería",
    "Consultoría",
    "Panadería",
    "Construcciones",
    "Estudio",
    "Clínica Dental",
    "Asesoría",
    "Transportes",
    "Carpintería",
    "Distribuciones",
    "Librería",
    "Óptica",
    "Viveros",
];
const COMPANY_TAIL: &[&str] = &["S.L.", "S.A.", "S.Coop.", "e Hijos", "Ltd", "& Co."];
const DOMAINS: &[&str] = &[
    "correo.example",
    "mail.example.es",
    "empresa.example",
    "post.example.org",
];
const NOTES: &[&str] = &[
    "Prefiere que le llamen por la tarde.",
    "Conocido en la feria de Valencia; interesado en el plan anual.",
    "Pide factura con retención de IRPF.",
    "Met at the Madrid trade fair; wants a quote in English.",
    "Cliente desde hace años: trato cercano, pago puntual.",
    "Referred by a former colleague.",
];

/// The `n`-th demo contact of a seeded stream.
fn contact(rng: &mut DemoRng) -> ContactInput {
    let english = rng.chance(20);
    let (first, last) = if english {
        (rng.pick(FIRST_EN), rng.pick(SURNAMES_EN).to_owned())
    } else {
        let a = rng.pick(SURNAMES_ES);
        let b = rng.pick(SURNAMES_ES);
        (rng.pick(FIRST_ES), format!("{a} {b}"))
    };
    let name = format!("{first} {last}");
    let handle: String = fold(&format!("{first}.{}", last.split(' ').next().unwrap_or("")))
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let mut emails = vec![format!("{handle}{}@{}", rng.below(100), rng.pick(DOMAINS))];
    if rng.chance(25) {
        emails.push(format!(
            "{}@{}",
            handle.replace('.', "_"),
            rng.pick(DOMAINS)
        ));
    }
    let mut phones = Vec::new();
    if rng.chance(85) {
        phones.push(if english {
            format!("+44 7{:03} {:06}", rng.below(1000), rng.below(1_000_000))
        } else {
            format!(
                "+34 6{:02} {:03} {:03}",
                rng.below(100),
                rng.below(1000),
                rng.below(1000)
            )
        });
    }
    if rng.chance(15) {
        phones.push(format!(
            "9{:02} {:03} {:03}",
            rng.below(100),
            rng.below(1000),
            rng.below(1000)
        ));
    }
    let company = rng.chance(60).then(|| {
        format!(
            "{} {} {}",
            rng.pick(COMPANY_HEAD),
            rng.pick(SURNAMES_ES),
            rng.pick(COMPANY_TAIL)
        )
    });
    let notes = rng.chance(20).then(|| rng.pick(NOTES).to_owned());
    ContactInput {
        name,
        emails,
        phones,
        company,
        notes,
    }
}

/// The whole demo contact list for a scale and seed, in a lazy, deterministic stream.
pub fn contacts(scale: u32, seed: u64) -> impl Iterator<Item = ContactInput> {
    let mut rng = DemoRng::new(seed);
    (0..u64::from(scale) * CONTACTS_PER_SCALE).map(move |_| contact(&mut rng))
}

/// How far demo generation has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoProgress {
    pub stage: &'static str,
    pub done: u64,
    pub total: u64,
}

/// What a demo fill created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    pub contacts: u64,
}

impl Session {
    /// Fills this (new) vault with the demo data for `scale` and `seed`, in batches of one transaction each,
    /// reporting progress after every batch.
    pub fn fill_demo(
        &mut self,
        scale: u32,
        seed: u64,
        progress: &mut dyn FnMut(DemoProgress),
    ) -> Result<DemoSummary, ApiError> {
        if scale == 0 || scale > MAX_SCALE {
            return Err(ApiError::invalid(format!("scale: from 1 to {MAX_SCALE}")));
        }
        let total = u64::from(scale) * CONTACTS_PER_SCALE;
        let mut summary = DemoSummary::default();
        let mut stream = contacts(scale, seed).peekable();
        progress(DemoProgress {
            stage: "contacts",
            done: 0,
            total,
        });
        while stream.peek().is_some() {
            let batch: Vec<ContactInput> = stream.by_ref().take(BATCH).collect();
            summary.contacts += self.contact_add_many(batch)?;
            progress(DemoProgress {
                stage: "contacts",
                done: summary.contacts,
                total,
            });
        }
        Ok(summary)
    }
}

/// The demo a newcomer loads from the app's empty contact list: a freelancer's worth of data.
pub const NEWCOMER_SCALE: u32 = 1;
/// The seed of the newcomer's demo (the same data on every machine).
pub const NEWCOMER_SEED: u64 = 2026;

impl Session {
    /// Fills an empty vault with the newcomer's demo data; refused once the vault holds contacts, so demo data
    /// never mixes with a business's own. Returns how many contacts were added.
    pub fn load_demo(&mut self, progress: &mut dyn FnMut(DemoProgress)) -> Result<u32, ApiError> {
        if self.contact_window(0, 1)?.total > 0 {
            return Err(ApiError::new(
                crate::ErrorCode::Refused,
                "demo data only goes into an empty vault: this one already holds contacts",
            ));
        }
        let summary = self.fill_demo(NEWCOMER_SCALE, NEWCOMER_SEED, progress)?;
        Ok(u32::try_from(summary.contacts).unwrap_or(u32::MAX))
    }
}

/// Creates a new vault in `dir` and fills it with the demo data; returns the recovery code (shown once) and
/// what was created. The vault is locked again when this returns.
pub fn create_demo_vault(
    dir: &std::path::Path,
    passphrase: &crate::SecretString,
    scale: u32,
    seed: u64,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<(crate::CreatedVault, DemoSummary), ApiError> {
    if scale == 0 || scale > MAX_SCALE {
        return Err(ApiError::invalid(format!("scale: from 1 to {MAX_SCALE}")));
    }
    let (mut session, created) = Session::create(dir, passphrase)?;
    let summary = session.fill_demo(scale, seed, progress)?;
    session.lock();
    Ok((created, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let a: Vec<_> = contacts(1, 7).collect();
        let b: Vec<_> = contacts(1, 7).collect();
        let c: Vec<_> = contacts(1, 8).collect();
        assert_eq!(a.len(), 200);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn every_demo_contact_passes_validation() {
        for input in contacts(3, 42) {
            let c = sigilo_crm::contacts::NewContact {
                name: input.name.clone(),
                emails: input.emails.clone(),
                phones: input.phones.clone(),
                company: input.company.clone(),
                notes: input.notes.clone(),
            };
            assert!(sigilo_crm::contacts::validate(c).is_ok(), "{input:?}");
        }
    }

    #[test]
    fn names_carry_accents() {
        assert!(contacts(1, 1).any(|c| c.name.chars().any(|ch| "áéíóúñÁÉÍÓÚÑ".contains(ch))));
    }
}
