//! Deterministic synthetic data for a living demo vault and for the benchmark: same seed and same "today", same vault.
//! Scale 1 is a small business (200 contacts, 40 companies, 2,000 interactions, 40 deals, 50 tasks); scale 500 is
//! 100k contacts, 20k companies, 1M interactions and 20k deals. Each domain adds its entities here.
//!
//! Everything is written through the `sigilo-crm` domain functions (so every record passes the domain's rules
//! and lands in the search index), in large immediate transactions, each record with its audit event as
//! [`Session::contact_add_many`] does. Dates are relative to the local date at generation time, so the
//! dashboard has tasks due today, overdue ones and a forecast for the coming months.

use rusqlite::{Connection, Transaction, TransactionBehavior};
use sigilo_crm::RecordKind;
use sigilo_crm::companies::{self, NewAgreement, NewCompany, Roles};
use sigilo_crm::contacts::{self, ContactDraft, Source};
use sigilo_crm::deals::{self, NewDeal, StageKind};
use sigilo_crm::fields::{self, FieldKind, NewField};
use sigilo_crm::interactions::{self, Direction, InteractionKind, NewInteraction};
use sigilo_crm::search;
use sigilo_crm::tags::{self, Entity};
use sigilo_crm::tasks::{self, NewTask, Priority};
use sigilo_crm::text::fold;
use sigilo_crm::valid::{self, Address, Labelled};
use time::{Date, Duration};

use crate::audit::{self, Action};
use crate::error::ApiError;
use crate::session::Session;

/// Contacts per unit of scale.
pub const CONTACTS_PER_SCALE: u64 = 200;
/// Companies per unit of scale.
pub const COMPANIES_PER_SCALE: u64 = 40;
/// Interactions (the timeline) per unit of scale.
pub const INTERACTIONS_PER_SCALE: u64 = 2_000;
/// Deals per unit of scale.
pub const DEALS_PER_SCALE: u64 = 40;
/// Tasks per unit of scale.
pub const TASKS_PER_SCALE: u64 = 50;
/// Largest accepted scale (1M contacts).
pub const MAX_SCALE: u32 = 5_000;
/// Records per transaction: large enough that commits cost little, small enough for a lively progress line.
const BATCH: u64 = 5_000;
/// Interactions are the bulk of a big demo: bigger transactions.
const INTERACTION_BATCH: u64 = 20_000;
/// How far back the timeline goes, in days.
const HISTORY_DAYS: u64 = 730;

/// A small, fast, deterministic generator (SplitMix64): the demo must not depend on a crate's RNG stream.
#[derive(Debug, Clone)]
pub struct DemoRng(u64);

impl DemoRng {
    pub fn new(seed: u64) -> Self {
        DemoRng(seed ^ 0x5167_696c_6f21_2026)
    }

    /// An independent stream of the same seed, one per kind of record, so that adding a field to one kind
    /// leaves the others' data unchanged.
    fn stream(seed: u64, kind: u64) -> Self {
        let mut rng = DemoRng::new(seed);
        rng.0 ^= kind.wrapping_mul(0xd6e8_feb8_6659_fd93);
        rng.next_u64();
        rng
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

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
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

const JOB_TITLES: &[&str] = &[
    "Gerente",
    "Directora comercial",
    "Responsable de compras",
    "Administración",
    "Jefe de obra",
    "Técnica de mantenimiento",
    "Socio fundador",
    "Contable",
    "Director financiero",
    "Office manager",
];
const TAGS: &[&str] = &[
    "VIP",
    "Cliente recurrente",
    "Feria 2025",
    "Newsletter",
    "Pago lento",
    "Recomendado",
    "Proveedor local",
    "Sector hostelería",
];
/// Province code (the first two digits of its postal codes), city, region.
const CITIES: &[(&str, &str, &str)] = &[
    ("28", "Madrid", "Comunidad de Madrid"),
    ("08", "Barcelona", "Cataluña"),
    ("46", "Valencia", "Comunitat Valenciana"),
    ("41", "Sevilla", "Andalucía"),
    ("29", "Málaga", "Andalucía"),
    ("48", "Bilbao", "País Vasco"),
    ("50", "Zaragoza", "Aragón"),
    ("30", "Murcia", "Región de Murcia"),
    ("15", "A Coruña", "Galicia"),
    ("07", "Palma", "Illes Balears"),
    ("35", "Las Palmas de Gran Canaria", "Canarias"),
    ("33", "Oviedo", "Principado de Asturias"),
    ("47", "Valladolid", "Castilla y León"),
    ("03", "Alicante", "Comunitat Valenciana"),
    ("18", "Granada", "Andalucía"),
    ("31", "Pamplona", "Navarra"),
];
const STREET_KINDS: &[&str] = &["Calle", "Avenida", "Plaza", "Paseo", "Ronda", "Camino"];
const STREET_NAMES: &[&str] = &[
    "Mayor",
    "de Alcalá",
    "Gran Vía",
    "del Sol",
    "de la Constitución",
    "San Vicente",
    "de Goya",
    "de Colón",
    "de Andalucía",
    "del Mar",
    "Real",
    "de la Paz",
    "de los Reyes Católicos",
    "del Carmen",
];
const SERVICES: &[&str] = &[
    "Mantenimiento anual",
    "Instalación de climatización",
    "Suministro de material de oficina",
    "Reforma del local",
    "Página web y tienda online",
    "Auditoría de protección de datos",
    "Renovación de flota",
    "Formación del personal",
    "Campaña de publicidad",
    "Software de gestión",
    "Asesoría fiscal",
    "Ampliación de almacén",
];
const LOST_REASONS: &[&str] = &[
    "Precio demasiado alto",
    "Eligió a la competencia",
    "Sin presupuesto este año",
    "Dejó de responder",
    "Proyecto aplazado",
];
const WON_REASONS: &[&str] = &["Aceptó la propuesta", "Firmado tras la negociación"];
const OWNER_NOTES: &[&str] = &[
    "Decide el gerente; insistir en el plazo de entrega.",
    "Pide pago en tres plazos.",
    "Competimos con dos proveedores locales.",
    "Possible upsell: a maintenance contract.",
];
const AGREEMENT_TERMS: &[&str] = &[
    "Suministro de material de oficina, pago a 30 días",
    "Transporte semanal de mercancía",
    "Mantenimiento de equipos informáticos",
    "Suministro de materia prima a precio fijo",
    "Limpieza de las oficinas",
    "Licencias anuales de software",
];
const AGREEMENT_CONDITIONS: &[&str] = &[
    "Revisión de precios según el IPC cada enero.",
    "Penalización del 2 % por retraso en la entrega.",
    "Exclusividad en la provincia mientras dure el acuerdo.",
];
const CALL_SUBJECTS: &[&str] = &[
    "Llamada de seguimiento",
    "Consulta sobre el pedido",
    "Confirmar la fecha de entrega",
    "Incidencia con la factura",
    "Llamada de presentación",
    "Pregunta sobre tarifas",
];
const EMAIL_SUBJECTS: &[&str] = &[
    "Envío de presupuesto",
    "Re: factura pendiente",
    "Confirmación del pedido",
    "Documentación solicitada",
    "Propuesta de colaboración",
    "Cambio en las condiciones de pago",
];
const MEETING_SUBJECTS: &[&str] = &[
    "Reunión de presentación",
    "Visita a las instalaciones",
    "Revisión trimestral",
    "Reunión para cerrar la propuesta",
    "Comida de trabajo",
];
const MESSAGE_SUBJECTS: &[&str] = &[
    "WhatsApp: cambio de hora",
    "Mensaje: recordatorio de pago",
    "Mensaje: el transportista llega tarde",
    "WhatsApp: fotos del trabajo terminado",
];
const NOTE_SUBJECTS: &[&str] = &[
    "Nota interna",
    "Prefiere el contacto por correo",
    "Cambio de responsable de compras",
    "Pide descuento por volumen",
];
const BODIES: &[&str] = &[
    "Quedamos en volver a hablar la semana que viene.",
    "Pide el presupuesto desglosado por partidas antes del viernes.",
    "Confirma el pedido; entrega en su almacén de la calle Mayor.",
    "La factura sigue pendiente: dice que la pagan este mes.",
    "Interesado en el mantenimiento anual; enviarle las condiciones.",
    "Se queja del retraso en la última entrega; ofrecer un descuento.",
    "Comentamos la ampliación del contrato para el año que viene.",
    "Le envío el catálogo actualizado y la tarifa de precios.",
    "Pregunta si aceptamos transferencia a 60 días.",
    "Muy contento con la instalación; podría recomendarnos.",
    "Asked for the quote in English for their head office.",
];
const TASK_NOTES: &[&str] = &[
    "Llevar el contrato impreso.",
    "Antes de las 11, que luego está en obra.",
    "Revisar primero el histórico de pagos.",
];
const LANGUAGES: &[&str] = &["Español", "Inglés", "Catalán", "Euskera", "Gallego"];
const SECTORS: &[&str] = &[
    "Hostelería",
    "Construcción",
    "Comercio",
    "Servicios profesionales",
    "Industria",
    "Salud",
];

/// How far demo generation has come: `done` of `total` records of the current `stage` (companies, contacts,
/// deals, interactions, tasks — in that order).
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
    pub companies: u64,
    pub supplier_agreements: u64,
    pub interactions: u64,
    pub deals: u64,
    pub tasks: u64,
    /// Tags put on records (contacts, companies and deals).
    pub taggings: u64,
    /// Custom field values set.
    pub field_values: u64,
    /// Invoices issued (credit notes not counted).
    pub invoices: u64,
    /// Other invoicing records: products, credit notes, quotes, recurring templates.
    pub invoicing_other: u64,
}

impl DemoSummary {
    /// Every record created (contacts, companies, agreements, interactions, deals, tasks).
    pub fn records(&self) -> u64 {
        self.contacts
            + self.companies
            + self.supplier_agreements
            + self.interactions
            + self.deals
            + self.tasks
            + self.invoices
            + self.invoicing_other
    }
}

/// How many records of each kind a scale asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCounts {
    pub contacts: u64,
    pub companies: u64,
    pub interactions: u64,
    pub deals: u64,
    pub tasks: u64,
}

impl DemoCounts {
    pub fn at(scale: u32) -> DemoCounts {
        let s = u64::from(scale);
        DemoCounts {
            contacts: s * CONTACTS_PER_SCALE,
            companies: s * COMPANIES_PER_SCALE,
            interactions: s * INTERACTIONS_PER_SCALE,
            deals: s * DEALS_PER_SCALE,
            tasks: s * TASKS_PER_SCALE,
        }
    }
}

fn check_scale(scale: u32) -> Result<(), ApiError> {
    if scale == 0 || scale > MAX_SCALE {
        return Err(ApiError::invalid(format!("scale: from 1 to {MAX_SCALE}")));
    }
    Ok(())
}

// ----- what one record looks like (pure: a seeded stream, no database) -----

/// A demo company before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCompany {
    pub company: NewCompany,
    /// The mail domain of its people.
    pub domain: String,
    pub agreement: Option<NewAgreement>,
    pub tag: Option<&'static str>,
    pub sector: Option<&'static str>,
    pub employees: Option<u32>,
}

/// The CIF of an organisation: its letter, the province code, five digits and the control character.
fn cif(letter: u8, province: &str, serial: u64) -> String {
    let digits = format!("{province}{:05}", serial % 100_000);
    let mut sum = 0u32;
    for (i, d) in digits.bytes().enumerate() {
        let d = u32::from(d - b'0');
        sum += if i % 2 == 0 {
            (d * 2) / 10 + (d * 2) % 10
        } else {
            d
        };
    }
    let control = ((10 - sum % 10) % 10) as usize;
    let tail = match letter {
        b'P' | b'Q' | b'R' | b'S' | b'N' | b'W' => char::from(b"JABCDEFGHI"[control]),
        _ => char::from(b'0' + control as u8),
    };
    format!("{}{digits}{tail}", char::from(letter))
}

/// The NIF of a person (a self-employed business): eight digits and the letter they select.
fn nif(number: u64) -> String {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let n = number % 100_000_000;
    format!("{n:08}{}", char::from(LETTERS[(n % 23) as usize]))
}

fn slug(s: &str) -> String {
    fold(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn date_plus(today: Date, days: i64) -> Date {
    today.checked_add(Duration::days(days)).unwrap_or(today)
}

fn iso(d: Date) -> String {
    valid::format_date(d)
}

pub(crate) fn at_time(d: Date, hour: u64, minute: u64) -> String {
    format!("{}T{hour:02}:{minute:02}:00Z", iso(d))
}

/// The `n`-th company of a seeded stream (`n` keeps tax ids unique).
fn company(rng: &mut DemoRng, n: u64, today: Date) -> DemoCompany {
    let english = rng.chance(12);
    let self_employed = !english && rng.chance(10);
    let surname = rng.pick(SURNAMES_ES);
    let head = rng.pick(COMPANY_HEAD);
    let (province, city, region) = CITIES[rng.below(CITIES.len() as u64) as usize];
    let (name, tax_country, tax_id) = if english {
        let tail = if rng.chance(50) { "Ltd" } else { "& Co." };
        let name = format!("{} {} {tail}", rng.pick(SURNAMES_EN), head);
        let vat = format!("{:09}", (n * 7_919 + 104_729) % 1_000_000_000);
        (name, Some("GB".to_owned()), vat)
    } else if self_employed {
        let name = format!("{head} {} {surname}", rng.pick(FIRST_ES));
        (
            name,
            None,
            nif(n * 7_919 + 10_000_000 + rng.below(1000) * 100_000_000),
        )
    } else {
        let (tail, letter) = match rng.below(100) {
            0..60 => ("S.L.", b'B'),
            60..80 => ("S.A.", b'A'),
            80..90 => ("S.Coop.", b'F'),
            _ => ("e Hijos S.L.", b'B'),
        };
        let name = format!("{head} {surname} {tail}");
        // Five digits from n (a permutation of 0..100000), so tax ids do not repeat below 100k companies.
        (name, None, cif(letter, province, n * 7_919 + 31))
    };
    let roles = match rng.below(100) {
        0..45 => Roles {
            customer: true,
            ..Roles::default()
        },
        45..65 => Roles {
            prospect: true,
            ..Roles::default()
        },
        65..85 => Roles {
            supplier: true,
            ..Roles::default()
        },
        85..95 => Roles {
            customer: true,
            supplier: true,
            ..Roles::default()
        },
        _ => Roles {
            prospect: true,
            supplier: true,
            ..Roles::default()
        },
    };
    let domain = format!("{}.example", slug(&format!("{head}{surname}")));
    let address = if english {
        Address {
            label: Some("Head office".into()),
            street: Some(format!("{} High Street", rng.between(1, 240))),
            postal_code: Some(format!("EC{}A {}AB", rng.between(1, 4), rng.between(1, 9))),
            city: Some("London".into()),
            region: None,
            country: Some("GB".into()),
        }
    } else {
        Address {
            label: Some(if rng.chance(70) { "Sede" } else { "Oficina" }.into()),
            street: Some(format!(
                "{} {}, {}",
                rng.pick(STREET_KINDS),
                rng.pick(STREET_NAMES),
                rng.between(1, 180)
            )),
            postal_code: Some(format!("{province}{:03}", rng.below(1000))),
            city: Some(city.into()),
            region: Some(region.into()),
            country: Some("ES".into()),
        }
    };
    let website = rng.chance(70).then(|| format!("https://www.{domain}"));
    let payment_days = match rng.below(10) {
        0..4 => Some(30),
        4..7 => Some(60),
        7 => Some(90),
        _ => None,
    };
    let currency = Some(if english { "GBP" } else { "EUR" }.to_owned());
    let notes = rng.chance(25).then(|| rng.pick(NOTES).to_owned());
    let agreement = (roles.supplier && rng.chance(60)).then(|| {
        let start = date_plus(today, -(rng.between(30, 1000) as i64));
        let end = date_plus(start, if rng.chance(50) { 365 } else { 730 });
        NewAgreement {
            terms: rng.pick(AGREEMENT_TERMS).to_owned(),
            start_date: Some(iso(start)),
            end_date: Some(iso(end)),
            renewal_reminder: Some(iso(date_plus(end, -30))),
            conditions: rng
                .chance(50)
                .then(|| rng.pick(AGREEMENT_CONDITIONS).to_owned()),
        }
    });
    let tag = rng.chance(30).then(|| rng.pick(TAGS));
    let sector = rng.chance(90).then(|| rng.pick(SECTORS));
    let employees = rng.chance(70).then(|| rng.between(1, 250) as u32);
    DemoCompany {
        company: NewCompany {
            name,
            roles,
            tax_country,
            tax_id: Some(tax_id),
            addresses: vec![address],
            website,
            payment_days,
            currency,
            notes,
        },
        domain,
        agreement,
        tag,
        sector,
        employees,
    }
}

/// A demo contact before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoContact {
    pub draft: ContactDraft,
    pub first_name: &'static str,
    /// Index of the company (in the company stream) they work at now, with the date they joined.
    pub company: Option<(u64, String)>,
    /// Index of a company they worked at before, with the date they joined it.
    pub previous: Option<(u64, String)>,
    pub tag: Option<&'static str>,
    pub language: Option<&'static str>,
}

/// The next contact of a seeded stream; `companies` are the already generated companies' mail domains.
fn contact(rng: &mut DemoRng, domains: &[String], today: Date) -> DemoContact {
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
    let company = (!domains.is_empty() && rng.chance(75)).then(|| {
        let at = rng.below(domains.len() as u64);
        let since = date_plus(today, -(rng.between(60, 3000) as i64));
        (at, iso(since))
    });
    let previous = company
        .as_ref()
        .filter(|_| rng.chance(10))
        .map(|(_, since)| {
            let at = rng.below(domains.len() as u64);
            let since = valid::date(since, "since")
                .map(|d| date_plus(d, -(rng.between(200, 2000) as i64)))
                .unwrap_or(today);
            (at, iso(since))
        });
    let mut emails = Vec::new();
    if let Some((at, _)) = &company {
        emails.push(Labelled::new(
            Some("trabajo"),
            &format!("{handle}@{}", domains[*at as usize]),
        ));
    }
    if company.is_none() || rng.chance(25) {
        emails.push(Labelled::new(
            Some("personal"),
            &format!("{handle}{}@{}", rng.below(100), rng.pick(DOMAINS)),
        ));
    }
    let mut phones = Vec::new();
    if rng.chance(85) {
        let mobile = if english {
            format!("+44 7{:03} {:06}", rng.below(1000), rng.below(1_000_000))
        } else {
            format!(
                "+34 6{:02} {:03} {:03}",
                rng.below(100),
                rng.below(1000),
                rng.below(1000)
            )
        };
        phones.push(Labelled::new(Some("móvil"), &mobile));
    }
    if rng.chance(if company.is_some() { 40 } else { 10 }) {
        phones.push(Labelled::new(
            Some("oficina"),
            &format!(
                "9{:02} {:03} {:03}",
                rng.below(100),
                rng.below(1000),
                rng.below(1000)
            ),
        ));
    }
    let addresses = if rng.chance(15) {
        let (province, city, region) = CITIES[rng.below(CITIES.len() as u64) as usize];
        vec![Address {
            label: Some("casa".into()),
            street: Some(format!(
                "{} {}, {}, {}º",
                rng.pick(STREET_KINDS),
                rng.pick(STREET_NAMES),
                rng.between(1, 120),
                rng.between(1, 8)
            )),
            postal_code: Some(format!("{province}{:03}", rng.below(1000))),
            city: Some(city.into()),
            region: Some(region.into()),
            country: Some("ES".into()),
        }]
    } else {
        Vec::new()
    };
    let job_title = company.as_ref().map(|_| rng.pick(JOB_TITLES).to_owned());
    let birthday = rng.chance(30).then(|| {
        format!(
            "{}-{:02}-{:02}",
            rng.between(1950, 2002),
            rng.between(1, 12),
            rng.between(1, 28)
        )
    });
    let (source, source_detail) = match rng.below(10) {
        0..3 => (Some(Source::Referral), Some("Recomendado por un cliente")),
        3..5 => (
            Some(Source::Event),
            Some(rng.pick(&["Feria de Valencia", "Congreso PYME Madrid"])),
        ),
        5..7 => (Some(Source::Form), Some("Formulario de la web")),
        7..9 => (Some(Source::Import), Some("agenda_antigua.csv")),
        _ => (None, None),
    };
    // People without a company record sometimes have a company name typed as text.
    let free_company = (company.is_none() && rng.chance(20)).then(|| {
        format!(
            "{} {} {}",
            rng.pick(COMPANY_HEAD),
            rng.pick(SURNAMES_ES),
            rng.pick(COMPANY_TAIL)
        )
    });
    let notes = rng.chance(20).then(|| rng.pick(NOTES).to_owned());
    let tag = rng.chance(20).then(|| rng.pick(TAGS));
    let language = rng.chance(60).then(|| {
        if english {
            "Inglés"
        } else {
            rng.pick(LANGUAGES)
        }
    });
    DemoContact {
        draft: ContactDraft {
            name,
            emails,
            phones,
            addresses,
            job_title,
            birthday,
            source,
            source_detail: source_detail.map(str::to_owned),
            company: free_company,
            notes,
        },
        first_name: first,
        company,
        previous,
        tag,
        language,
    }
}

/// The contacts of the demo for a scale, seed and today, in a lazy, deterministic stream (company indexes refer
/// to [`companies`] of the same arguments).
pub fn contacts(scale: u32, seed: u64, today: Date) -> impl Iterator<Item = DemoContact> {
    let domains: Vec<String> = companies(scale, seed, today).map(|c| c.domain).collect();
    contact_stream(scale, seed, today, domains)
}

fn contact_stream(
    scale: u32,
    seed: u64,
    today: Date,
    domains: Vec<String>,
) -> impl Iterator<Item = DemoContact> {
    let mut rng = DemoRng::stream(seed, 1);
    (0..DemoCounts::at(scale).contacts).map(move |_| contact(&mut rng, &domains, today))
}

/// The companies of the demo for a scale, seed and today, in a lazy, deterministic stream.
pub fn companies(scale: u32, seed: u64, today: Date) -> impl Iterator<Item = DemoCompany> {
    let mut rng = DemoRng::stream(seed, 2);
    (0..DemoCounts::at(scale).companies).map(move |n| company(&mut rng, n, today))
}

// ----- filling a vault -----

/// The custom fields the demo defines (found by name when they already exist).
struct DemoFields {
    language: i64,
    sector: i64,
    employees: i64,
    auto_renewal: i64,
}

fn field(
    conn: &Connection,
    entity: Entity,
    name: &str,
    kind: FieldKind,
    choices: &[&str],
) -> Result<i64, ApiError> {
    if let Some(def) = fields::definitions(conn, entity)?
        .into_iter()
        .find(|d| fold(&d.name) == fold(name))
    {
        return Ok(def.id);
    }
    Ok(fields::define(
        conn,
        NewField {
            entity,
            name: name.to_owned(),
            kind,
            choices: choices.iter().map(|c| (*c).to_owned()).collect(),
        },
    )?)
}

struct CompanyInfo {
    id: i64,
    name: String,
    roles: Roles,
    people: Vec<u32>,
    deals: Vec<u32>,
}

struct ContactInfo {
    id: i64,
    first_name: &'static str,
    company: Option<u32>,
}

struct DealInfo {
    id: i64,
    title: String,
    company: u32,
    contact: Option<i64>,
}

/// Runs `one(tx, n)` for `n` in `0..total`, `batch` at a time in one immediate transaction each, reporting
/// progress after every batch.
pub(crate) fn batched(
    conn: &Connection,
    stage: &'static str,
    total: u64,
    batch: u64,
    progress: &mut dyn FnMut(DemoProgress),
    mut one: impl FnMut(&Connection, u64) -> Result<(), ApiError>,
) -> Result<(), ApiError> {
    progress(DemoProgress {
        stage,
        done: 0,
        total,
    });
    let mut done = 0;
    while done < total {
        let end = (done + batch).min(total);
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        fast_reindexing(&tx, true)?;
        for n in done..end {
            one(&tx, n)?;
        }
        fast_reindexing(&tx, false)?;
        tx.commit()?;
        done = end;
        progress(DemoProgress { stage, done, total });
    }
    Ok(())
}

/// While a batch of new demo records is written, their search entries are rewritten several times (a contact is
/// indexed when inserted, again when linked to its company, again when tagged). FTS5's `secure-delete` makes
/// each rewrite seek and overwrite the old entry's terms in every index segment — about a millisecond per
/// rewrite at 100k contacts. Nothing deleted here is a user's (it is the same record's previous demo entry), so
/// the batch turns it off and back on **inside its own transaction**: the setting lives in the index's config
/// table, so a crash or an error rolls the change back with the batch and the vault keeps `secure-delete` on.
fn fast_reindexing(tx: &Connection, on: bool) -> Result<(), ApiError> {
    for kind in RecordKind::ALL {
        let t = search::table(kind);
        tx.execute(
            &format!("INSERT INTO {t} ({t}, rank) VALUES ('secure-delete', ?1)"),
            [i64::from(!on)],
        )?;
    }
    Ok(())
}

pub(crate) fn created(conn: &Connection, entity: &str, id: i64) -> Result<(), ApiError> {
    audit::record(conn, Action::Create, entity, Some(&id.to_string()))?;
    Ok(())
}

/// Fills the demo; `invoices` adds the invoicing data (a business profile and issued invoices, which are
/// immutable once issued: only for a vault that is all demo, never for the newcomer's own vault).
fn fill(
    conn: &Connection,
    scale: u32,
    seed: u64,
    today: Date,
    invoices: bool,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<DemoSummary, ApiError> {
    let counts = DemoCounts::at(scale);
    let mut summary = DemoSummary::default();
    // A record's insert runs a few dozen distinct statements: keep them all prepared.
    conn.set_prepared_statement_cache_capacity(256);

    // The custom fields, and the pipeline's stages as the vault has them.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let f = DemoFields {
        language: field(
            &tx,
            Entity::Contact,
            "Idioma preferido",
            FieldKind::Choice,
            LANGUAGES,
        )?,
        sector: field(&tx, Entity::Company, "Sector", FieldKind::Choice, SECTORS)?,
        employees: field(&tx, Entity::Company, "Empleados", FieldKind::Number, &[])?,
        auto_renewal: field(
            &tx,
            Entity::Deal,
            "Renovación automática",
            FieldKind::Boolean,
            &[],
        )?,
    };
    tx.commit()?;
    let stages = deals::stages(conn)?;
    let open: Vec<&deals::Stage> = stages
        .iter()
        .filter(|s| s.kind == StageKind::Open)
        .collect();
    let won = stages.iter().find(|s| s.kind == StageKind::Won);
    let lost = stages.iter().find(|s| s.kind == StageKind::Lost);
    let Some(first_open) = open.first().map(|s| s.id) else {
        return Err(ApiError::invalid("the pipeline has no open stage"));
    };

    // Companies, with their supplier agreements, tags and custom fields.
    let mut known_companies: Vec<CompanyInfo> = Vec::new();
    let mut domains: Vec<String> = Vec::new();
    let mut stream = companies(scale, seed, today);
    batched(
        conn,
        "companies",
        counts.companies,
        BATCH,
        progress,
        |tx, _| {
            let Some(c) = stream.next() else {
                return Ok(());
            };
            let (name, roles) = (c.company.name.clone(), c.company.roles);
            let id = companies::insert(tx, c.company)?;
            created(tx, "company", id)?;
            if let Some(a) = c.agreement {
                companies::add_agreement(tx, id, a)?;
                summary.supplier_agreements += 1;
            }
            if let Some(tag) = c.tag {
                tags::add(tx, Entity::Company, id, tag)?;
                summary.taggings += 1;
            }
            if let Some(sector) = c.sector {
                fields::set(tx, Entity::Company, id, f.sector, Some(sector))?;
                summary.field_values += 1;
            }
            if let Some(n) = c.employees {
                fields::set(tx, Entity::Company, id, f.employees, Some(&n.to_string()))?;
                summary.field_values += 1;
            }
            known_companies.push(CompanyInfo {
                id,
                name,
                roles,
                people: Vec::new(),
                deals: Vec::new(),
            });
            domains.push(c.domain);
            summary.companies += 1;
            Ok(())
        },
    )?;

    // Contacts, linked to their company (some with an earlier one in their history).
    let mut known_contacts: Vec<ContactInfo> = Vec::new();
    let mut stream = contact_stream(scale, seed, today, domains);
    batched(
        conn,
        "contacts",
        counts.contacts,
        BATCH,
        progress,
        |tx, _| {
            let Some(c) = stream.next() else {
                return Ok(());
            };
            let job = c.draft.job_title.clone();
            let id = contacts::insert_draft(tx, c.draft)?;
            created(tx, "contact", id)?;
            let company_id = |at: u64| known_companies.get(at as usize).map(|k| k.id);
            if let Some((at, since)) = &c.previous {
                contacts::link_company(tx, id, company_id(*at), since, None)?;
            }
            let mut company = None;
            if let Some((at, since)) = &c.company {
                contacts::link_company(tx, id, company_id(*at), since, job)?;
                company = u32::try_from(*at).ok();
            }
            if let Some(tag) = c.tag {
                tags::add(tx, Entity::Contact, id, tag)?;
                summary.taggings += 1;
            }
            if let Some(language) = c.language {
                fields::set(tx, Entity::Contact, id, f.language, Some(language))?;
                summary.field_values += 1;
            }
            let index = u32::try_from(known_contacts.len()).unwrap_or(u32::MAX);
            if let Some(k) = company.and_then(|at| known_companies.get_mut(at as usize)) {
                k.people.push(index);
            }
            known_contacts.push(ContactInfo {
                id,
                first_name: c.first_name,
                company,
            });
            summary.contacts += 1;
            Ok(())
        },
    )?;

    // Deals across the stages: open ones expected to close in the next twelve months, closed ones in the past.
    let mut known_deals: Vec<DealInfo> = Vec::new();
    let mut rng = DemoRng::stream(seed, 3);
    let n_companies = known_companies.len() as u64;
    if n_companies > 0 {
        batched(conn, "deals", counts.deals, BATCH, progress, |tx, n| {
            // Mostly customers and prospects.
            let mut at = rng.below(n_companies) as usize;
            for _ in 0..3 {
                let r = known_companies[at].roles;
                if r.customer || r.prospect {
                    break;
                }
                at = rng.below(n_companies) as usize;
            }
            let people = &known_companies[at].people;
            let contact = (!people.is_empty())
                .then(|| people[rng.below(people.len() as u64) as usize])
                .and_then(|p| known_contacts.get(p as usize))
                .map(|p| p.id);
            // Every stage at every scale: 15 % won, 10 % lost, the rest spread over the open stages.
            let slot = n % 20;
            let target = match slot {
                0..3 => won,
                3..5 => lost,
                _ => open.get((slot as usize - 5) % open.len()).copied(),
            }
            .or(open.first().copied());
            let Some(target) = target else {
                return Ok(());
            };
            let age = rng.between(20, 300) as i64;
            let created_on = date_plus(today, -age);
            let created_at = at_time(created_on, rng.between(8, 18), rng.below(60));
            let closed = target.kind != StageKind::Open;
            let moved_on = date_plus(created_on, rng.between(1, age as u64 - 1) as i64);
            let expected_close = if closed {
                moved_on
            } else {
                date_plus(today, rng.between(7, 365) as i64)
            };
            let major = if rng.chance(70) {
                rng.between(300, 15_000)
            } else {
                rng.between(15_000, 120_000)
            } / 50
                * 50;
            let cents = if rng.chance(20) { rng.below(100) } else { 0 };
            let currency = if rng.chance(10) { "USD" } else { "EUR" };
            let title = format!("{} – {}", rng.pick(SERVICES), known_companies[at].name);
            let owner_notes = rng.chance(30).then(|| rng.pick(OWNER_NOTES).to_owned());
            let id = deals::insert(
                tx,
                NewDeal {
                    title: title.clone(),
                    stage_id: Some(first_open),
                    company_id: Some(known_companies[at].id),
                    contact_id: contact,
                    value: format!("{major}.{cents:02}"),
                    currency: currency.to_owned(),
                    probability: None,
                    expected_close: Some(iso(expected_close)),
                    owner_notes,
                },
                &created_at,
            )?;
            created(tx, "deal", id)?;
            if target.id != first_open {
                let reason = match target.kind {
                    StageKind::Lost => Some(rng.pick(LOST_REASONS).to_owned()),
                    StageKind::Won => rng.chance(50).then(|| rng.pick(WON_REASONS).to_owned()),
                    StageKind::Open => None,
                };
                let moved_at = at_time(moved_on, rng.between(8, 18), rng.below(60));
                deals::move_to(tx, id, target.id, &moved_at, reason)?;
            }
            if rng.chance(25) {
                tags::add(tx, Entity::Deal, id, rng.pick(TAGS))?;
                summary.taggings += 1;
            }
            if rng.chance(50) {
                let v = if rng.chance(50) { "true" } else { "false" };
                fields::set(tx, Entity::Deal, id, f.auto_renewal, Some(v))?;
                summary.field_values += 1;
            }
            let index = u32::try_from(known_deals.len()).unwrap_or(u32::MAX);
            known_companies[at].deals.push(index);
            known_deals.push(DealInfo {
                id,
                title,
                company: at as u32,
                contact,
            });
            summary.deals += 1;
            Ok(())
        })?;
    }

    // The timeline: over the last two years, a few contacts very often and most now and then.
    let mut rng = DemoRng::stream(seed, 4);
    let n_contacts = known_contacts.len() as u64;
    if n_contacts > 0 {
        batched(
            conn,
            "interactions",
            counts.interactions,
            INTERACTION_BATCH,
            progress,
            |tx, _| {
                // The product of two uniform draws: the busiest customers get a hundred or so interactions.
                let who = (rng.below(n_contacts) * rng.below(n_contacts)) / n_contacts;
                let c = &known_contacts[who as usize];
                let (kind, subjects) = match rng.below(100) {
                    0..30 => (InteractionKind::Call, CALL_SUBJECTS),
                    30..60 => (InteractionKind::Email, EMAIL_SUBJECTS),
                    60..75 => (InteractionKind::Meeting, MEETING_SUBJECTS),
                    75..90 => (InteractionKind::Message, MESSAGE_SUBJECTS),
                    _ => (InteractionKind::Note, NOTE_SUBJECTS),
                };
                let direction = match kind {
                    InteractionKind::Note | InteractionKind::Meeting => Direction::None,
                    _ if rng.chance(50) => Direction::Inbound,
                    _ => Direction::Outbound,
                };
                let day = date_plus(today, -(rng.between(1, HISTORY_DAYS) as i64));
                let at = at_time(day, rng.between(7, 18), rng.below(60));
                let subject = rng.pick(subjects).to_owned();
                let body = rng.chance(60).then(|| rng.pick(BODIES).to_owned());
                let mut contact_ids = vec![c.id];
                let company = c.company.and_then(|at| known_companies.get(at as usize));
                let mut deal_id = None;
                if let Some(k) = company {
                    if k.people.len() > 1 && rng.chance(10) {
                        let other = k.people[rng.below(k.people.len() as u64) as usize];
                        if let Some(o) = known_contacts.get(other as usize) {
                            contact_ids.push(o.id);
                        }
                    }
                    if !k.deals.is_empty() && rng.chance(30) {
                        let d = k.deals[rng.below(k.deals.len() as u64) as usize];
                        deal_id = known_deals.get(d as usize).map(|d| d.id);
                    }
                }
                let id = interactions::insert(
                    tx,
                    NewInteraction {
                        kind,
                        at,
                        direction,
                        subject: Some(subject),
                        body,
                        contact_ids,
                        company_id: company.map(|k| k.id),
                        deal_id,
                    },
                )?;
                created(tx, "interaction", id)?;
                summary.interactions += 1;
                Ok(())
            },
        )?;
    }

    // Tasks: some due today, some overdue, many upcoming, many done, a few undated.
    let mut rng = DemoRng::stream(seed, 5);
    if n_contacts > 0 {
        batched(conn, "tasks", counts.tasks, BATCH, progress, |tx, n| {
            let slot = n % 20;
            let due = match slot {
                0 => Some(today),
                1 | 2 => Some(date_plus(today, -(rng.between(1, 30) as i64))),
                3..=9 => Some(date_plus(today, rng.between(1, 60) as i64)),
                10..=17 => Some(date_plus(today, -(rng.between(1, 200) as i64))),
                _ => None,
            };
            let done = (10..=17).contains(&slot);
            let deal = (!known_deals.is_empty() && rng.chance(20))
                .then(|| rng.below(known_deals.len() as u64) as usize)
                .and_then(|d| known_deals.get(d));
            let (title, contact_id, company_id, deal_id) = match deal {
                Some(d) => {
                    let title = match rng.below(3) {
                        0 => format!("Enviar propuesta revisada: {}", d.title),
                        1 => format!("Seguimiento de la oferta: {}", d.title),
                        _ => format!("Preparar contrato: {}", d.title),
                    };
                    let company = known_companies.get(d.company as usize).map(|k| k.id);
                    (title, d.contact, company, Some(d.id))
                }
                None => {
                    let c = &known_contacts[rng.below(n_contacts) as usize];
                    let company = c.company.and_then(|at| known_companies.get(at as usize));
                    let title = match (rng.below(5), company) {
                        (0, Some(k)) => format!("Enviar presupuesto a {}", k.name),
                        (1, Some(k)) => format!("Revisar la factura pendiente de {}", k.name),
                        (2, _) => format!("Confirmar la reunión con {}", c.first_name),
                        (3, _) => format!("Mandar el catálogo a {}", c.first_name),
                        _ => format!("Llamar a {}", c.first_name),
                    };
                    (title, Some(c.id), company.map(|k| k.id), None)
                }
            };
            let due_time = (due.is_some() && rng.chance(40)).then(|| {
                format!(
                    "{:02}:{}",
                    rng.between(9, 18),
                    if rng.chance(50) { "00" } else { "30" }
                )
            });
            let priority = match rng.below(10) {
                0 => Priority::Low,
                1..7 => Priority::Normal,
                7..9 => Priority::High,
                _ => Priority::Urgent,
            };
            let notes = rng.chance(15).then(|| rng.pick(TASK_NOTES).to_owned());
            let id = tasks::insert(
                tx,
                NewTask {
                    title,
                    due_date: due.map(iso),
                    due_time,
                    priority,
                    contact_id,
                    company_id,
                    deal_id,
                    notes,
                },
            )?;
            created(tx, "task", id)?;
            if let (true, Some(day)) = (done, due) {
                tasks::complete(
                    tx,
                    id,
                    &at_time(day, rng.between(9, 18), rng.below(60)),
                    None,
                )?;
            }
            summary.tasks += 1;
            Ok(())
        })?;
    }
    if invoices {
        (summary.invoices, summary.invoicing_other) =
            crate::demo_invoicing::fill_invoicing(conn, scale, seed, today, progress)?;
    }
    Ok(summary)
}

impl Session {
    /// Fills this (new) vault with the demo data for `scale` and `seed`, dated relative to this computer's local
    /// date, in batches of one transaction each, reporting progress after every batch.
    pub fn fill_demo(
        &mut self,
        scale: u32,
        seed: u64,
        progress: &mut dyn FnMut(DemoProgress),
    ) -> Result<DemoSummary, ApiError> {
        check_scale(scale)?;
        let today = valid::local_today(self.vault().conn())?;
        let today = valid::date(&today, "today")?;
        self.fill_demo_on(scale, seed, today, progress)
    }

    /// Like [`Session::fill_demo`] with an explicit "today": the same scale, seed and today give the same data.
    pub fn fill_demo_on(
        &mut self,
        scale: u32,
        seed: u64,
        today: Date,
        progress: &mut dyn FnMut(DemoProgress),
    ) -> Result<DemoSummary, ApiError> {
        check_scale(scale)?;
        fill(self.vault().conn(), scale, seed, today, true, progress)
    }
}

/// The demo a newcomer loads from the app's empty contact list: a small business's worth of data.
pub const NEWCOMER_SCALE: u32 = 1;
/// The seed of the newcomer's demo (the same data on every machine, dated from the day it is loaded).
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
        // The CRM only: issued demo invoices could never be removed from the owner's own vault, and a demo
        // business profile would be printed on their first real invoice.
        let today = valid::date(&valid::local_today(self.vault().conn())?, "today")?;
        let summary = fill(
            self.vault().conn(),
            NEWCOMER_SCALE,
            NEWCOMER_SEED,
            today,
            false,
            progress,
        )?;
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
    check_scale(scale)?;
    let (mut session, created) = Session::create(dir, passphrase)?;
    let summary = session.fill_demo(scale, seed, progress)?;
    session.lock();
    Ok((created, summary))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use rusqlite::types::Value;
    use sigilo_vault::{KdfParams, Vault};

    fn day() -> Date {
        valid::date("2026-11-23", "today").unwrap()
    }

    fn new_session(dir: &std::path::Path) -> Session {
        let pass = crate::SecretString::new("demo test passphrase".to_owned());
        let kdf = KdfParams::insecure_fast_for_tests();
        let (vault, _) = Vault::create_with_kdf(dir, &pass, &crate::schema(), kdf).unwrap();
        Session::from_vault(vault)
    }

    /// Everything the demo wrote, as text, leaving out the `created_at` / `updated_at` stamps of the clock.
    fn content(s: &Session) -> Vec<String> {
        let conn = s.vault().conn();
        let queries = [
            "SELECT name, is_customer, is_supplier, is_prospect, tax_country, tax_id, website, payment_days, \
             currency, notes, last_interaction_at FROM company ORDER BY id",
            "SELECT * FROM company_address ORDER BY company_id, position",
            "SELECT company_id, terms, start_date, end_date, renewal_reminder, conditions FROM supplier_agreement \
             ORDER BY id",
            "SELECT name, company, email, phone, notes, job_title, birthday, source, source_detail, company_id, \
             last_interaction_at FROM contact ORDER BY id",
            "SELECT * FROM contact_email ORDER BY contact_id, position",
            "SELECT * FROM contact_phone ORDER BY contact_id, position",
            "SELECT * FROM contact_address ORDER BY contact_id, position",
            "SELECT * FROM contact_company ORDER BY id",
            "SELECT title, stage_id, company_id, contact_id, value_minor, currency, probability, expected_close, \
             owner_notes, reason, closed_at FROM deal ORDER BY id",
            "SELECT deal_id, from_name, to_name, at FROM deal_move ORDER BY id",
            "SELECT kind, at, direction, subject, body, company_id, deal_id FROM interaction ORDER BY id",
            "SELECT * FROM interaction_contact ORDER BY interaction_id, contact_id",
            "SELECT title, due_date, due_time, done, done_at, priority, contact_id, company_id, deal_id, notes \
             FROM task ORDER BY id",
            "SELECT name FROM tag ORDER BY id",
            "SELECT * FROM contact_tag ORDER BY contact_id, tag_id",
            "SELECT * FROM company_tag ORDER BY company_id, tag_id",
            "SELECT * FROM deal_tag ORDER BY deal_id, tag_id",
            "SELECT * FROM contact_field ORDER BY contact_id, field_id",
            "SELECT * FROM company_field ORDER BY company_id, field_id",
            "SELECT * FROM deal_field ORDER BY deal_id, field_id",
            "SELECT rowid, title, body FROM search_contact ORDER BY rowid",
            "SELECT rowid, title, body FROM search_company ORDER BY rowid",
            "SELECT rowid, title, body FROM search_deal ORDER BY rowid",
            "SELECT rowid, title, body FROM search_interaction ORDER BY rowid",
            "SELECT rowid, title, body FROM search_task ORDER BY rowid",
        ];
        let mut out = Vec::new();
        for sql in queries {
            let mut stmt = conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .unwrap();
            for row in rows {
                out.push(format!("{sql}: {}", row.unwrap().join("|")));
            }
        }
        out
    }

    fn count(s: &Session, sql: &str) -> i64 {
        s.vault().conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let a: Vec<_> = contacts(1, 7, day()).collect();
        let b: Vec<_> = contacts(1, 7, day()).collect();
        let c: Vec<_> = contacts(1, 8, day()).collect();
        assert_eq!(a.len(), 200);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let a: Vec<_> = companies(1, 7, day()).collect();
        assert_eq!(a.len(), 40);
        assert_eq!(a, companies(1, 7, day()).collect::<Vec<_>>());
        assert_ne!(a, companies(1, 8, day()).collect::<Vec<_>>());
    }

    #[test]
    fn every_demo_record_passes_the_domain_rules() {
        for c in contacts(3, 42, day()) {
            assert!(contacts::validate_draft(c.draft.clone()).is_ok(), "{c:?}");
        }
        let mut spanish = 0;
        for c in companies(5, 42, day()) {
            let valid = companies::validate(c.company.clone()).expect("a valid company");
            assert_eq!(
                valid.tax_id, c.company.tax_id,
                "tax ids are stored as generated"
            );
            spanish += usize::from(valid.tax_country.as_deref() == Some("ES"));
        }
        assert!(spanish > 150, "mostly Spanish NIF/CIF: {spanish}");
    }

    #[test]
    fn tax_ids_follow_the_check_digit_rules() {
        // Known-good values: a CIF with a digit, one with a letter, a NIF.
        assert_eq!(cif(b'B', "12", 34_567), "B12345674");
        assert!(sigilo_crm::taxid::check(None, &cif(b'B', "28", 1)).is_ok());
        assert!(sigilo_crm::taxid::check(None, &cif(b'Q', "28", 1)).is_ok());
        assert_eq!(nif(12_345_678), "12345678Z");
        for n in 0..2_000 {
            for letter in [b'A', b'B', b'F', b'Q'] {
                let id = cif(letter, "46", n * 7_919 + 31);
                assert!(sigilo_crm::taxid::check(None, &id).is_ok(), "{id}");
            }
            assert!(sigilo_crm::taxid::check(None, &nif(n * 104_729)).is_ok());
        }
    }

    #[test]
    fn names_carry_accents() {
        assert!(
            contacts(1, 1, day()).any(|c| c
                .draft
                .name
                .chars()
                .any(|ch| "áéíóúñÁÉÍÓÚÑ".contains(ch)))
        );
    }

    #[test]
    fn a_scale_one_fill_has_every_entity_and_the_same_seed_gives_the_same_vault() {
        let tmp = tempfile::tempdir().unwrap();
        let mut a = new_session(&tmp.path().join("a"));
        let mut stages = Vec::new();
        let summary = a
            .fill_demo_on(1, 2026, day(), &mut |p| stages.push(p))
            .unwrap();
        assert_eq!(
            (
                summary.contacts,
                summary.companies,
                summary.interactions,
                summary.deals,
                summary.tasks
            ),
            (200, 40, 2_000, 40, 50)
        );
        assert_eq!(summary.invoices, 100);
        assert_eq!(
            count(
                &a,
                "SELECT count(*) FROM invoice WHERE kind = 'invoice' AND issued_at IS NOT NULL"
            ),
            100
        );
        let chain = a.invoice_verify_chain(None).unwrap();
        assert!(chain.intact && chain.checked >= 100, "{chain:?}");
        let overview = a.money_overview().unwrap();
        assert!(
            overview.receivables.iter().any(|r| r.overdue_count > 0),
            "some invoices are overdue"
        );
        assert!(overview.revenue.len() >= 12);
        assert!(
            summary.supplier_agreements > 0 && summary.taggings > 0 && summary.field_values > 0
        );
        for (table, n) in [
            ("contact", 200),
            ("company", 40),
            ("interaction", 2_000),
            ("deal", 40),
            ("task", 50),
            ("field_def", 4),
        ] {
            assert_eq!(
                count(&a, &format!("SELECT count(*) FROM {table}")),
                n,
                "{table}"
            );
        }
        assert_eq!(
            count(&a, "SELECT count(*) FROM supplier_agreement"),
            summary.supplier_agreements as i64
        );
        assert_eq!(
            count(
                &a,
                "SELECT count(*) FROM audit_event WHERE action = 'create'"
            ),
            summary.records() as i64 - summary.supplier_agreements as i64,
            "one audit event per record created"
        );
        for stage in ["companies", "contacts", "deals", "interactions", "tasks"] {
            assert!(
                stages
                    .iter()
                    .any(|p| p.stage == stage && p.done == p.total && p.total > 0)
            );
        }
        // Realistic shape: people at companies, every stage used, EUR and USD, a live dashboard for "today".
        assert!(
            count(
                &a,
                "SELECT count(*) FROM contact WHERE company_id IS NOT NULL"
            ) > 100
        );
        assert!(
            count(
                &a,
                "SELECT count(*) FROM contact_company WHERE to_date IS NOT NULL"
            ) > 0
        );
        assert_eq!(count(&a, "SELECT count(DISTINCT stage_id) FROM deal"), 6);
        assert_eq!(count(&a, "SELECT count(DISTINCT currency) FROM deal"), 2);
        assert!(count(&a, "SELECT count(*) FROM deal WHERE reason IS NOT NULL") > 0);
        assert!(
            count(
                &a,
                "SELECT count(*) FROM interaction WHERE deal_id IS NOT NULL"
            ) > 0
        );
        assert_eq!(
            count(&a, "SELECT count(DISTINCT kind) FROM interaction"),
            5,
            "call, meeting, email, message, note"
        );
        assert_eq!(
            count(
                &a,
                "SELECT count(*) FROM interaction WHERE at >= '2024-11-23' AND at < '2026-11-23'"
            ),
            2_000,
            "the last two years"
        );
        let conn = a.vault().conn();
        let dash = sigilo_crm::dashboard::dashboard(conn, "2026-11-23", 30, 10).unwrap();
        assert!(
            dash.due_today_count > 0 && dash.overdue_count > 0,
            "{dash:?}"
        );
        assert!(!dash.forecast.is_empty() && !dash.untouched.is_empty());
        assert!(count(&a, "SELECT count(*) FROM task WHERE done = 1") > 0);
        assert!(
            count(
                &a,
                "SELECT count(*) FROM task WHERE due_date > '2026-11-23' AND done = 0"
            ) > 0
        );
        assert!(a.vault_check().unwrap().ok);
        for kind in RecordKind::ALL {
            let t = search::table(kind);
            assert_eq!(
                count(
                    &a,
                    &format!("SELECT v FROM {t}_config WHERE k = 'secure-delete'")
                ),
                1,
                "the batches leave {t}'s secure-delete on"
            );
        }

        let mut b = new_session(&tmp.path().join("b"));
        b.fill_demo_on(1, 2026, day(), &mut |_| {}).unwrap();
        let mut c = new_session(&tmp.path().join("c"));
        c.fill_demo_on(1, 2027, day(), &mut |_| {}).unwrap();
        let (ca, cb, cc) = (content(&a), content(&b), content(&c));
        assert!(ca.len() > 5_000);
        assert!(ca == cb, "same seed, same data");
        assert!(ca != cc, "another seed, other data");
    }
}
