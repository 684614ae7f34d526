//! How the CLI prints results: JSON (the public contract) or short human-readable text.

use std::path::Path;

use serde::Serialize;
use sigilo_api::{
    ApiError, CheckReport, Company, CompanyRole, CompanyRow, Contact, ContactRow, CustomFieldValue,
    Deal, ErrorCode, FieldDef, ForecastLine, Interaction, Money, Page, SearchHit, SecretString,
    Stage, Tag, Task, VaultInfo,
};

/// A progress line on stderr: what is happening, how far, how fast. Redrawn in place on a terminal.
#[derive(Debug)]
pub struct ProgressLine {
    start: std::time::Instant,
    last: Option<std::time::Instant>,
    tty: bool,
}

impl ProgressLine {
    pub fn new() -> Self {
        use std::io::IsTerminal as _;
        ProgressLine {
            start: std::time::Instant::now(),
            last: None,
            tty: std::io::stderr().is_terminal(),
        }
    }

    pub fn show(&mut self, stage: &str, done: u64, total: u64) {
        let now = std::time::Instant::now();
        let due = self
            .last
            .is_none_or(|t| now.duration_since(t).as_millis() >= 200)
            || done == total;
        if !due {
            return;
        }
        self.last = Some(now);
        let secs = now.duration_since(self.start).as_secs_f64().max(1e-3);
        let pct = (done * 100).checked_div(total).unwrap_or(100);
        let line = format!(
            "{stage}: {done}/{total} ({pct}%) · {:.0}/s",
            done as f64 / secs
        );
        if self.tty {
            eprint!("\r\x1b[2K{line}");
        } else {
            eprintln!("{line}");
        }
    }

    pub fn finish(&self) {
        if self.tty && self.last.is_some() {
            eprintln!();
        }
    }
}

pub fn bench(report: &sigilo_bench::BenchReport, out: Option<&Path>) -> Result<(), ApiError> {
    print!("{}", sigilo_bench::table(report));
    if let Some(path) = out {
        let json = serde_json::to_vec_pretty(report).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("cannot encode the report: {e}"),
            )
        })?;
        std::fs::write(path, json).map_err(|e| {
            ApiError::new(
                ErrorCode::Io,
                format!("cannot write {}: {e}", path.display()),
            )
        })?;
        eprintln!("report written to {}", path.display());
    }
    Ok(())
}

pub fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("sigilo: cannot encode the result as JSON: {e}"),
    }
}

/// A short hint printed after an error where one helps.
pub fn hint(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::WrongSecret => {
            Some("check SIGILO_PASSPHRASE, or unlock with SIGILO_RECOVERY_CODE")
        }
        ErrorCode::RecoveryCodeTypo => {
            Some("compare each group of the recovery code with your copy")
        }
        ErrorCode::NewerSchema => Some("install the newer version of Sigilo that wrote this vault"),
        ErrorCode::Busy => {
            Some("close the desktop app or the other `sigilo` process using this vault")
        }
        ErrorCode::NotFound => {
            Some("check the id, or name the vault folder with --vault DIR or SIGILO_VAULT")
        }
        _ => None,
    }
}

pub fn recovery_code(dir: &Path, code: &str) {
    eprintln!("Vault ready in {}.", dir.display());
    eprintln!(
        "Your recovery code is below. It is shown only this once: write it down and keep it offline,"
    );
    eprintln!("away from this computer. It opens the vault if you forget the passphrase.");
    println!("{code}");
}

pub fn raw_key(key: &SecretString) {
    eprintln!(
        "WARNING: this is the raw key of your vault's database. Anyone holding it and the database file can"
    );
    eprintln!(
        "read everything in it. Use it only to open your data with a SQLCipher 4 tool: PRAGMA key = \"x'<key>'\";"
    );
    println!("{}", key.expose());
}

pub fn vault_info(info: &VaultInfo, json: bool) {
    if json {
        return print_json(info);
    }
    println!("vault id        {}", info.vault_id);
    println!("database        {}", info.database_path);
    println!("schema version  {}", info.schema_version);
    println!("cipher          SQLCipher {}", info.cipher_version);
    for slot in &info.keyslots {
        let kind = match slot.kind {
            sigilo_api::UnlockKind::Passphrase => "passphrase",
            sigilo_api::UnlockKind::RecoveryCode => "recovery code",
        };
        println!(
            "keyslot         {kind}: argon2id m={} KiB t={} p={} (since {})",
            slot.kdf.m_cost_kib, slot.kdf.t_cost, slot.kdf.p_cost, slot.created_at
        );
    }
}

pub fn check(report: &CheckReport, json: bool) -> Result<(), ApiError> {
    if json {
        print_json(report);
    } else if report.ok {
        println!("ok");
    }
    if report.ok {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Damaged,
            format!("the vault failed its check: {}", report.problems.join("; ")),
        ))
    }
}

pub fn contact_list(page: &Page<ContactRow>, json: bool) {
    if json {
        return print_json(page);
    }
    for c in &page.items {
        println!(
            "{:>8}  {:<32}  {:<32}  {:<18}  {}",
            c.id,
            c.name,
            c.email.as_deref().unwrap_or(""),
            c.phone.as_deref().unwrap_or(""),
            c.company.as_deref().unwrap_or("")
        );
    }
    more(page.next_cursor.as_ref());
}

pub fn contact(c: &Contact, json: bool) {
    if json {
        return print_json(c);
    }
    let labelled = |l: &sigilo_api::LabelledValue| match &l.label {
        Some(label) => format!("{} ({label})", l.value),
        None => l.value.clone(),
    };
    println!("id       {}", c.id);
    println!("name     {}", c.name);
    for e in &c.labelled_emails {
        println!("email    {}", labelled(e));
    }
    for p in &c.labelled_phones {
        println!("phone    {}", labelled(p));
    }
    if let Some(company) = &c.company {
        println!("company  {company}");
    }
    if let Some(t) = &c.job_title {
        println!("job      {t}");
    }
    if let Some(b) = &c.birthday {
        println!("birthday {b}");
    }
    for a in &c.addresses {
        println!("address  {}", address_line(a));
    }
    if let Some(s) = &c.source {
        match &c.source_detail {
            Some(d) => println!("source   {} ({d})", wire(s)),
            None => println!("source   {}", wire(s)),
        }
    }
    for p in &c.company_history {
        println!(
            "worked   {} {} – {}",
            p.company_name,
            p.from_date.as_deref().unwrap_or("?"),
            p.to_date.as_deref().unwrap_or("now")
        );
    }
    if let Some(at) = &c.last_interaction_at {
        println!("last     {at}");
    }
    custom_fields(&c.custom_fields, 9);
    println!("created  {}", c.created_at);
    println!("updated  {}", c.updated_at);
    if let Some(notes) = &c.notes {
        println!("\n{notes}");
    }
}

/// A record's custom field values, one "name: value" line each, under a label column `width` wide.
fn custom_fields(values: &[CustomFieldValue], width: usize) {
    for v in values {
        println!("{:<width$}{}: {}", "field", v.name, v.value);
    }
}

pub fn search_hits(hits: &[SearchHit]) {
    for h in hits {
        let kind = wire(&h.kind);
        println!(
            "{kind:<8} {:>8}  {}{}",
            h.id,
            h.title,
            h.subtitle
                .as_deref()
                .map(|s| format!("  — {s}"))
                .unwrap_or_default()
        );
    }
}

/// A backup stage in words, for the progress line.
pub fn stage_name(stage: sigilo_api::BackupStage) -> &'static str {
    match stage {
        sigilo_api::BackupStage::Snapshot => "snapshot",
        sigilo_api::BackupStage::Seal => "sealing",
        sigilo_api::BackupStage::Verify => "verifying",
        sigilo_api::BackupStage::Restore => "restoring",
    }
}

pub fn backup_info(info: &sigilo_api::BackupInfo, json: bool) {
    if json {
        return print_json(info);
    }
    let mode = match info.key_mode {
        sigilo_api::BackupKeyMode::Passphrase => "its own passphrase",
        sigilo_api::BackupKeyMode::VaultKeyslots => "the vault's passphrase or recovery code",
    };
    println!("format version  {}", info.format_version);
    println!("created         {}", info.created_at);
    println!("vault id        {}", info.vault_id);
    println!("schema version  {}", info.schema_version);
    println!("opens with      {mode}");
    if let Some(kdf) = &info.kdf {
        println!(
            "kdf             argon2id m={} KiB t={} p={}",
            kdf.m_cost_kib, kdf.t_cost, kdf.p_cost
        );
    }
    println!("size            {} bytes", info.file_size);
}

pub fn verify_report(report: &sigilo_api::VerifyReport, json: bool) {
    if json {
        return print_json(report);
    }
    println!("ok");
    eprintln!(
        "Every chunk authenticated and the database passed its integrity check (backup of {}, {} bytes inside).",
        report.info.created_at, report.payload_bytes
    );
}

/// A serde enum's wire name ("customer", "call"…), for text output.
fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn roles(roles: &[CompanyRole]) -> String {
    roles.iter().map(wire).collect::<Vec<_>>().join(",")
}

/// Prints `more: --cursor C` on stderr when a list continues.
pub fn more(next_cursor: Option<&String>) {
    if let Some(cursor) = next_cursor {
        eprintln!("more: --cursor {cursor}");
    }
}

pub fn company_list(page: &Page<CompanyRow>, json: bool) {
    if json {
        return print_json(page);
    }
    for c in &page.items {
        println!(
            "{:>8}  {:<40}  {:<28}  {}",
            c.id,
            c.name,
            roles(&c.roles),
            c.tax_id.as_deref().unwrap_or("")
        );
    }
    more(page.next_cursor.as_ref());
}

pub fn company(c: &Company, json: bool) {
    if json {
        return print_json(c);
    }
    println!("id        {}", c.id);
    println!("name      {}", c.name);
    if !c.roles.is_empty() {
        println!("roles     {}", roles(&c.roles));
    }
    if let Some(t) = &c.tax_id {
        println!(
            "tax id    {t} ({})",
            c.tax_country.as_deref().unwrap_or("ES")
        );
    }
    if let Some(w) = &c.website {
        println!("website   {w}");
    }
    if let Some(d) = c.payment_days {
        println!("pays in   {d} days");
    }
    if let Some(cur) = &c.currency {
        println!("currency  {cur}");
    }
    for a in &c.addresses {
        println!("address   {}", address_line(a));
    }
    println!("contacts  {}", c.contacts);
    println!("deals     {}", c.deals);
    if let Some(at) = &c.last_interaction_at {
        println!("last      {at}");
    }
    custom_fields(&c.custom_fields, 10);
    println!("created   {}", c.created_at);
    println!("updated   {}", c.updated_at);
    if let Some(notes) = &c.notes {
        println!("\n{notes}");
    }
}

fn interaction_line(i: &Interaction) -> String {
    format!(
        "{:>8}  {}  {:<8}  {}",
        i.id,
        i.at,
        wire(&i.kind),
        i.subject.as_deref().unwrap_or("")
    )
}

pub fn timeline(page: &Page<Interaction>, json: bool) {
    if json {
        return print_json(page);
    }
    for i in &page.items {
        println!("{}", interaction_line(i));
    }
    more(page.next_cursor.as_ref());
}

pub fn interaction(i: &Interaction, json: bool) {
    if json {
        return print_json(i);
    }
    println!("id         {}", i.id);
    println!("kind       {}", wire(&i.kind));
    println!("at         {}", i.at);
    println!("direction  {}", wire(&i.direction));
    if let Some(s) = &i.subject {
        println!("subject    {s}");
    }
    if !i.contact_ids.is_empty() {
        println!("contacts   {}", i.contact_ids.join(", "));
    }
    if let Some(c) = &i.company_id {
        println!("company    {c}");
    }
    if let Some(d) = &i.deal_id {
        println!("deal       {d}");
    }
    if let Some(b) = &i.body {
        println!("\n{b}");
    }
}

pub fn task_list(page: &Page<Task>, json: bool) {
    if json {
        return print_json(page);
    }
    for t in &page.items {
        println!(
            "{:>8}  {} {:<5}  {:<6}  {}",
            t.id,
            t.due_date.as_deref().unwrap_or("          "),
            t.due_time.as_deref().unwrap_or(""),
            wire(&t.priority),
            t.title
        );
    }
    more(page.next_cursor.as_ref());
}

pub fn task(t: &Task, json: bool) {
    if json {
        return print_json(t);
    }
    println!("id        {}", t.id);
    println!("title     {}", t.title);
    if let Some(d) = &t.due_date {
        println!("due       {d} {}", t.due_time.as_deref().unwrap_or(""));
    }
    println!("priority  {}", wire(&t.priority));
    match &t.done_at {
        Some(at) if t.done => println!("done      {at}"),
        _ => println!("done      no"),
    }
    for (what, id) in [
        ("contact ", &t.contact_id),
        ("company ", &t.company_id),
        ("deal    ", &t.deal_id),
    ] {
        if let Some(id) = id {
            println!("{what}  {id}");
        }
    }
    if let Some(n) = &t.notes {
        println!("\n{n}");
    }
}

fn money(m: &Money) -> String {
    format!("{} {}", m.amount, m.currency)
}

pub fn deal_list(page: &Page<Deal>, json: bool) {
    if json {
        return print_json(page);
    }
    for d in &page.items {
        println!(
            "{:>8}  {:<40}  {:<14}  {:>16}  {:>3}%",
            d.id,
            d.title,
            d.stage_name,
            money(&d.value),
            d.probability
        );
    }
    more(page.next_cursor.as_ref());
}

pub fn deal(d: &Deal, json: bool) {
    if json {
        return print_json(d);
    }
    println!("id           {}", d.id);
    println!("title        {}", d.title);
    println!("stage        {} ({})", d.stage_name, wire(&d.stage_kind));
    println!("value        {}", money(&d.value));
    println!("probability  {}%", d.probability);
    if let Some(c) = &d.expected_close {
        println!("close        {c}");
    }
    if let Some(c) = &d.company_id {
        println!("company      {c}");
    }
    if let Some(c) = &d.contact_id {
        println!("contact      {c}");
    }
    if let Some(at) = &d.closed_at {
        println!("closed       {at}");
    }
    if let Some(r) = &d.reason {
        println!("reason       {r}");
    }
    if let Some(at) = &d.last_interaction_at {
        println!("last         {at}");
    }
    custom_fields(&d.custom_fields, 13);
    if let Some(n) = &d.owner_notes {
        println!("\n{n}");
    }
}

pub fn stages(stages: &[Stage], json: bool) {
    if json {
        return print_json(&Page {
            items: stages.iter().collect::<Vec<_>>(),
            next_cursor: None,
        });
    }
    for s in stages {
        println!(
            "{:>4}  {:<24}  {:>3}%  {}",
            s.id,
            s.name,
            s.probability,
            wire(&s.kind)
        );
    }
}

pub fn forecast(lines: &[ForecastLine], json: bool) {
    if json {
        return print_json(&Page {
            items: lines.iter().collect::<Vec<_>>(),
            next_cursor: None,
        });
    }
    for l in lines {
        println!(
            "{:<8}  {:>18}  of {:>18}  ({} deal{})",
            l.month.as_deref().unwrap_or("no date"),
            money(&l.weighted),
            money(&l.total),
            l.deals,
            if l.deals == 1 { "" } else { "s" }
        );
    }
}

pub fn tags(tags: &[Tag], json: bool) {
    if json {
        return print_json(&Page {
            items: tags.iter().collect::<Vec<_>>(),
            next_cursor: None,
        });
    }
    for t in tags {
        println!("{:>6}  {}", t.id, t.name);
    }
}

pub fn fields(defs: &[FieldDef], json: bool) {
    if json {
        return print_json(&Page {
            items: defs.iter().collect::<Vec<_>>(),
            next_cursor: None,
        });
    }
    for d in defs {
        println!(
            "{:>6}  {:<32}  {:<8}  {}",
            d.id,
            d.name,
            wire(&d.kind),
            d.choices.join(" | ")
        );
    }
}

pub fn dashboard(d: &sigilo_api::DashboardDto, json: bool) {
    if json {
        return print_json(d);
    }
    println!("today {}", d.today);
    println!("\ndue today: {}", d.due_today_count);
    for t in &d.due_today {
        println!(
            "  {:>8}  {:<5}  {}",
            t.id,
            t.due_time.as_deref().unwrap_or(""),
            t.title
        );
    }
    println!("\noverdue: {}", d.overdue_count);
    for t in &d.overdue {
        println!(
            "  {:>8}  {}  {}",
            t.id,
            t.due_date.as_deref().unwrap_or(""),
            t.title
        );
    }
    println!("\npipeline");
    for p in &d.pipeline {
        let totals: Vec<String> = p.totals.iter().map(money).collect();
        println!(
            "  {:<24}  {:>4}  {}",
            p.stage.name,
            p.count,
            totals.join(" · ")
        );
    }
    println!("\nforecast");
    for l in &d.forecast {
        println!(
            "  {:<8}  {:>18}  of {:>18}",
            l.month.as_deref().unwrap_or("no date"),
            money(&l.weighted),
            money(&l.total)
        );
    }
    println!("\nwon / lost since {}", d.won_lost_since);
    for w in &d.won_lost {
        println!(
            "  {}  won {} ({})  lost {} ({})",
            w.currency,
            w.won_count,
            money(&w.won),
            w.lost_count,
            money(&w.lost)
        );
    }
    println!("\nnot touched in {} days", d.untouched_days);
    for u in &d.untouched {
        println!(
            "  {:>8}  {:<32}  {}",
            u.contact.id,
            u.contact.name,
            u.last_interaction_at.as_deref().unwrap_or("never")
        );
    }
}

/// An address on one line: "street, postal code, city, region, country (label)".
fn address_line(a: &sigilo_api::Address) -> String {
    let parts: Vec<&str> = [&a.street, &a.postal_code, &a.city, &a.region, &a.country]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
    match &a.label {
        Some(l) => format!("{} ({l})", parts.join(", ")),
        None => parts.join(", "),
    }
}

pub fn agreements(list: &[sigilo_api::Agreement], json: bool) {
    if json {
        return print_json(&Page {
            items: list.iter().collect::<Vec<_>>(),
            next_cursor: None,
        });
    }
    for a in list {
        println!(
            "{:>6}  {:>8}  {:<10} – {:<10}  renew {:<10}  {}",
            a.id,
            a.company_id,
            a.start_date.as_deref().unwrap_or(""),
            a.end_date.as_deref().unwrap_or(""),
            a.renewal_reminder.as_deref().unwrap_or("-"),
            a.terms
        );
    }
}

pub fn agreement(a: &sigilo_api::Agreement, json: bool) {
    if json {
        return print_json(a);
    }
    println!("id        {}", a.id);
    println!("company   {}", a.company_id);
    println!("terms     {}", a.terms);
    if let Some(d) = &a.start_date {
        println!("start     {d}");
    }
    if let Some(d) = &a.end_date {
        println!("end       {d}");
    }
    if let Some(d) = &a.renewal_reminder {
        println!("renew on  {d}");
    }
    if let Some(c) = &a.conditions {
        println!("\n{c}");
    }
}
