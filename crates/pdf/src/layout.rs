//! The A4 layout: turns a document into pages of positioned drawing operations (text runs, filled
//! rectangles, the logo). Coordinates are points from the page's top-left corner; text `y` is the baseline.
//! The lines table flows onto as many pages as it needs, repeating its header; the footer with "page x of
//! y" is added once the page count is known.

use crate::format;
use crate::strings::{Strings, strings};
use crate::text::{Face, Fonts, clean};
use crate::{DocumentKind, InvoiceDocument, PaymentMethod, PdfError};

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 42.5;
const MARGIN_BOTTOM: f32 = 34.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const RIGHT: f32 = PAGE_W - MARGIN;
/// Inter's ascender in ems: where the baseline sits below the top of a line box.
const ASCENT: f32 = 0.97;

/// A colour, 8-bit sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

const INK: Rgb = Rgb(17, 24, 39);
const MUTED: Rgb = Rgb(100, 116, 139);
const RULE: Rgb = Rgb(203, 213, 225);
const SHADE: Rgb = Rgb(241, 245, 249);
const ACCENT: Rgb = Rgb(30, 58, 95);

/// One drawing operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Logo {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// One page's operations.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub ops: Vec<Op>,
}

/// A column of the lines table: width and alignment.
#[derive(Debug, Clone, Copy)]
struct Col {
    x: f32,
    w: f32,
    right: bool,
}

const CELL_PAD: f32 = 4.0;
const ROW_PAD: f32 = 5.0;
const ROW_SIZE: f32 = 8.5;
const ROW_LEAD: f32 = 11.5;
const HEAD_H: f32 = 20.0;
const CONT_HEADER_H: f32 = 30.0;

struct Layout<'a> {
    doc: &'a InvoiceDocument,
    s: &'static Strings,
    fonts: &'a Fonts,
    pages: Vec<Page>,
    y: f32,
    bottom: f32,
    /// While the lines table is being laid out: its columns (a new page repeats its header).
    table: Option<Vec<(Col, &'static str)>>,
}

/// Lays out `doc`; `logo` is the logo's size in pixels, when there is one.
pub(crate) fn layout(
    doc: &InvoiceDocument,
    fonts: &Fonts,
    logo: Option<(u32, u32)>,
) -> Result<Vec<Page>, PdfError> {
    let s = strings(doc.lang);
    let footer_lines = footer_lines(doc, fonts);
    let footer_h = 14.0 + footer_lines.len().max(1) as f32 * 9.5;
    let mut l = Layout {
        doc,
        s,
        fonts,
        pages: vec![Page::default()],
        y: MARGIN,
        bottom: PAGE_H - MARGIN_BOTTOM - footer_h,
        table: None,
    };
    l.header(logo);
    l.buyer();
    l.lines()?;
    l.taxes_and_totals();
    l.mentions();
    l.payment();
    l.verification();
    l.footers(&footer_lines, footer_h);
    Ok(l.pages)
}

fn footer_lines(doc: &InvoiceDocument, fonts: &Fonts) -> Vec<String> {
    let Some(footer) = doc.footer.as_deref() else {
        return Vec::new();
    };
    let mut lines = fonts.wrap(Face::Regular, 7.5, footer, CONTENT_W - 140.0);
    if lines.len() > 4 {
        lines.truncate(4);
        if let Some(last) = lines.last_mut() {
            *last = fonts.ellipsize(Face::Regular, 7.5, &format!("{last}…"), CONTENT_W - 140.0);
        }
    }
    lines
}

impl Layout<'_> {
    fn title(&self) -> &'static str {
        match self.doc.kind {
            DocumentKind::Invoice => self.s.invoice,
            DocumentKind::CreditNote { .. } => self.s.credit_note,
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.ops.push(op);
        }
    }

    fn text(&mut self, x: f32, y: f32, face: Face, size: f32, color: Rgb, text: &str) {
        let text = clean(text);
        if text.trim().is_empty() {
            return;
        }
        self.push(Op::Text {
            x,
            y,
            face,
            size,
            color,
            text,
        });
    }

    /// Text whose right edge is at `right`.
    fn text_right(&mut self, right: f32, y: f32, face: Face, size: f32, color: Rgb, text: &str) {
        let w = self.fonts.width(face, size, &clean(text));
        self.text(right - w, y, face, size, color, text);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.push(Op::Rect { x, y, w, h, color });
    }

    /// A horizontal rule under `y`.
    fn rule(&mut self, x: f32, y: f32, w: f32) {
        self.rect(x, y, w, 0.6, RULE);
    }

    /// Moves to a new page when `h` points do not fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        let base = MARGIN + 9.0 * ASCENT;
        let seller = self.fonts.ellipsize(
            Face::Bold,
            9.0,
            &clean(&self.doc.seller.name),
            CONTENT_W * 0.5,
        );
        self.text(MARGIN, base, Face::Bold, 9.0, INK, &seller);
        let title = format!(
            "{} {} ({})",
            self.title(),
            self.doc.number,
            self.s.continued
        );
        self.text_right(RIGHT, base, Face::Regular, 9.0, MUTED, &title);
        self.rule(MARGIN, MARGIN + 16.0, CONTENT_W);
        self.y = MARGIN + CONT_HEADER_H;
        if let Some(cols) = self.table.clone() {
            self.table_header(&cols);
        }
    }

    fn header(&mut self, logo: Option<(u32, u32)>) {
        let doc = self.doc;
        let s = self.s;
        let left_w = CONTENT_W * 0.5;
        let mut ly = MARGIN;
        if let Some((pw, ph)) = logo
            && pw > 0
            && ph > 0
        {
            let scale = (160.0 / pw as f32).min(48.0 / ph as f32);
            let (w, h) = (pw as f32 * scale, ph as f32 * scale);
            self.push(Op::Logo {
                x: MARGIN,
                y: MARGIN,
                w,
                h,
            });
            ly += h + 10.0;
        }
        for line in self.fonts.wrap(Face::Bold, 12.0, &doc.seller.name, left_w) {
            self.text(MARGIN, ly + 12.0 * ASCENT, Face::Bold, 12.0, INK, &line);
            ly += 15.5;
        }
        ly += 1.0;
        let mut details = Vec::new();
        if let Some(id) = &doc.seller.tax_id {
            details.push(format!("{}: {id}", s.tax_id));
        }
        details.extend(doc.seller.address.iter().cloned());
        details.extend(doc.seller.email.iter().cloned());
        details.extend(doc.seller.phone.iter().cloned());
        for detail in details {
            for line in self.fonts.wrap(Face::Regular, 8.5, &detail, left_w) {
                self.text(MARGIN, ly + 8.5 * ASCENT, Face::Regular, 8.5, MUTED, &line);
                ly += 12.0;
            }
        }

        let mut ry = MARGIN;
        let title = self.title();
        self.text_right(RIGHT, ry + 22.0 * ASCENT, Face::Bold, 22.0, ACCENT, title);
        ry += 36.0;
        let mut meta = vec![
            (s.number, doc.number.clone(), Face::Bold),
            (
                s.issue_date,
                format::date(doc.lang, doc.issue_date),
                Face::Regular,
            ),
        ];
        if let Some(due) = doc.due_date {
            meta.push((s.due_date, format::date(doc.lang, due), Face::Regular));
        }
        if let DocumentKind::CreditNote {
            original_number,
            original_issue_date,
            ..
        } = &doc.kind
        {
            let original = format!(
                "{original_number} ({})",
                format::date(doc.lang, *original_issue_date)
            );
            meta.push((s.corrects, original, Face::Regular));
        }
        meta.push((s.currency, doc.currency.code.clone(), Face::Regular));
        let label_x = RIGHT - 220.0;
        for (label, value, face) in meta {
            let base = ry + 9.0 * ASCENT;
            self.text(label_x, base, Face::Regular, 9.0, MUTED, label);
            let value = self.fonts.ellipsize(face, 9.0, &clean(&value), 140.0);
            self.text_right(RIGHT, base, face, 9.0, INK, &value);
            ry += 14.0;
        }
        self.y = ly.max(ry) + 14.0;
    }

    fn buyer(&mut self) {
        let doc = self.doc;
        let s = self.s;
        let pad = 10.0;
        let w = CONTENT_W * 0.5;
        let inner = w - 2.0 * pad;
        let name = self.fonts.wrap(Face::Bold, 10.5, &doc.buyer.name, inner);
        let mut details = Vec::new();
        if let Some(id) = &doc.buyer.tax_id {
            details.push(format!("{}: {id}", s.tax_id));
        }
        details.extend(doc.buyer.address.iter().cloned());
        details.extend(doc.buyer.email.iter().cloned());
        details.extend(doc.buyer.phone.iter().cloned());
        let details: Vec<String> = details
            .iter()
            .flat_map(|d| self.fonts.wrap(Face::Regular, 9.0, d, inner))
            .collect();
        let h = pad + 13.0 + name.len() as f32 * 14.0 + details.len() as f32 * 12.5 + pad - 2.0;
        let top = self.y;
        self.rect(MARGIN, top, w, h, SHADE);
        self.rect(MARGIN, top, 2.0, h, ACCENT);
        let x = MARGIN + pad + 2.0;
        let mut y = top + pad;
        self.text(x, y + 7.0 * ASCENT, Face::Bold, 7.0, MUTED, s.bill_to);
        y += 13.0;
        for line in name {
            self.text(x, y + 10.5 * ASCENT, Face::Bold, 10.5, INK, &line);
            y += 14.0;
        }
        for line in details {
            self.text(x, y + 9.0 * ASCENT, Face::Regular, 9.0, INK, &line);
            y += 12.5;
        }
        self.y = top + h + 14.0;

        if let DocumentKind::CreditNote {
            original_number,
            original_issue_date,
            reason,
        } = &doc.kind
        {
            let sentence = (s.corrects_sentence)(
                original_number,
                &format::date(doc.lang, *original_issue_date),
            );
            let mut paragraphs = vec![(sentence, Face::Bold)];
            if let Some(reason) = reason {
                paragraphs.push((format!("{}: {reason}", s.reason), Face::Regular));
            }
            for (text, face) in paragraphs {
                for line in self.fonts.wrap(face, 9.0, &text, CONTENT_W) {
                    self.ensure(12.5);
                    let y = self.y + 9.0 * ASCENT;
                    self.text(MARGIN, y, face, 9.0, INK, &line);
                    self.y += 12.5;
                }
            }
            self.y += 10.0;
        }
    }

    fn table_header(&mut self, cols: &[(Col, &'static str)]) {
        let top = self.y;
        self.rect(MARGIN, top, CONTENT_W, HEAD_H, SHADE);
        let base = top + 6.0 + 8.0 * ASCENT;
        for (col, label) in cols {
            if col.right {
                self.text_right(col.x + col.w - CELL_PAD, base, Face::Bold, 8.0, INK, label);
            } else {
                self.text(col.x + CELL_PAD, base, Face::Bold, 8.0, INK, label);
            }
        }
        self.y = top + HEAD_H;
    }

    fn lines(&mut self) -> Result<(), PdfError> {
        let doc = self.doc;
        let s = self.s;
        let lang = doc.lang;
        let exp = usize::from(doc.currency.exponent);
        let with_discount = doc.lines.iter().any(|l| l.discount.is_some());
        let (qty_w, price_w, disc_w, tax_w, amount_w) = (
            66.0,
            66.0,
            if with_discount { 46.0 } else { 0.0 },
            62.0,
            74.0,
        );
        let desc_w = CONTENT_W - qty_w - price_w - disc_w - tax_w - amount_w;
        let mut x = MARGIN;
        let mut col = |w: f32, right: bool| {
            let c = Col { x, w, right };
            x += w;
            c
        };
        let desc = col(desc_w, false);
        let qty = col(qty_w, true);
        let price = col(price_w, true);
        let disc = col(disc_w, true);
        let tax = col(tax_w, true);
        let amount = col(amount_w, true);
        let mut cols = vec![
            (desc, s.description),
            (qty, s.quantity),
            (price, s.unit_price),
        ];
        if with_discount {
            cols.push((disc, s.discount));
        }
        cols.push((tax, s.tax));
        cols.push((amount, s.line_amount));

        self.ensure(HEAD_H + ROW_PAD * 2.0 + ROW_LEAD);
        self.table_header(&cols);
        self.table = Some(cols);
        let fresh_capacity = self.bottom - (MARGIN + CONT_HEADER_H + HEAD_H);

        for (i, line) in doc.lines.iter().enumerate() {
            let n = i + 1;
            let mut qty_text = format::decimal(lang, &line.quantity, 0, "quantity", n)?;
            if let Some(unit) = &line.unit {
                qty_text = format!("{qty_text} {unit}");
            }
            let cells = [
                (qty, qty_text),
                (
                    price,
                    format::decimal(lang, &line.unit_price, exp, "unit price", n)?,
                ),
                (disc, line.discount.clone().unwrap_or_default()),
                (tax, line.tax.clone()),
                (
                    amount,
                    format::amount(lang, doc.currency.exponent, line.net),
                ),
            ];
            let desc_lines = self.fonts.wrap(
                Face::Regular,
                ROW_SIZE,
                &line.description,
                desc.w - 2.0 * CELL_PAD,
            );
            let mut rest: &[String] = &desc_lines;
            let mut first = true;
            loop {
                let need = 2.0 * ROW_PAD + rest.len() as f32 * ROW_LEAD;
                let avail = self.bottom - self.y;
                if need <= avail {
                    self.row(desc, rest, first.then_some(&cells[..]));
                    break;
                }
                let mut fit = ((avail - 2.0 * ROW_PAD) / ROW_LEAD).floor().max(0.0) as usize;
                let on_fresh_page = self.y <= MARGIN + CONT_HEADER_H + HEAD_H + 0.5;
                if on_fresh_page {
                    // Never turn an empty page: at least one line goes on it.
                    fit = fit.max(1);
                } else if need <= fresh_capacity || fit == 0 {
                    self.new_page();
                    continue;
                }
                let (now, later) = rest.split_at(fit.min(rest.len()));
                self.row(desc, now, first.then_some(&cells[..]));
                first = false;
                rest = later;
                self.new_page();
            }
        }
        self.table = None;
        self.y += 14.0;
        Ok(())
    }

    /// One table row (or the part of one that fits): description lines, and the figures on its first part.
    fn row(&mut self, desc: Col, lines: &[String], cells: Option<&[(Col, String)]>) {
        let top = self.y;
        let base = top + ROW_PAD + ROW_SIZE * ASCENT;
        for (i, line) in lines.iter().enumerate() {
            let y = base + i as f32 * ROW_LEAD;
            self.text(desc.x + CELL_PAD, y, Face::Regular, ROW_SIZE, INK, line);
        }
        for (col, text) in cells.unwrap_or_default() {
            if col.w <= 0.0 {
                continue;
            }
            let text = self.fonts.ellipsize(
                Face::Regular,
                ROW_SIZE,
                &clean(text),
                col.w - 2.0 * CELL_PAD,
            );
            self.text_right(
                col.x + col.w - CELL_PAD,
                base,
                Face::Regular,
                ROW_SIZE,
                INK,
                &text,
            );
        }
        let h = 2.0 * ROW_PAD + lines.len() as f32 * ROW_LEAD;
        self.rule(MARGIN, top + h - 0.6, CONTENT_W);
        self.y = top + h;
    }

    fn taxes_and_totals(&mut self) {
        let doc = self.doc;
        let s = self.s;
        let lang = doc.lang;
        let exp = doc.currency.exponent;
        let totals_w = 200.0;
        let left_w = CONTENT_W - totals_w - 16.0;
        let with_surcharge = doc.taxes.iter().any(|r| r.surcharge.is_some());
        let row_h = 17.0;

        // The totals box's rows: label, amount, bold.
        let mut rows = vec![(s.net_total.to_string(), doc.totals.net)];
        rows.push((s.tax_total.to_string(), doc.totals.tax));
        if doc.totals.surcharge != 0 || with_surcharge {
            rows.push((s.surcharge_total.to_string(), doc.totals.surcharge));
        }
        if let Some(w) = &doc.withholding {
            rows.push((format!("{} {}", s.withholding, w.label), -w.amount));
        }
        let totals_h = rows.len() as f32 * row_h + 8.0 + 26.0;
        let taxes_h = if doc.taxes.is_empty() {
            0.0
        } else {
            HEAD_H - 2.0 + doc.taxes.len() as f32 * row_h
        };
        self.ensure(totals_h.max(taxes_h));
        let top = self.y;

        if !doc.taxes.is_empty() {
            let mut labels = vec![s.tax, s.tax_base, s.tax_amount];
            if with_surcharge {
                labels.extend([s.surcharge, s.surcharge_amount]);
            }
            let table: Vec<Vec<String>> = doc
                .taxes
                .iter()
                .map(|row| {
                    let mut cells = vec![
                        clean(&row.label),
                        format::amount(lang, exp, row.base),
                        format::amount(lang, exp, row.tax),
                    ];
                    if with_surcharge {
                        match &row.surcharge {
                            Some(sur) => {
                                cells.push(clean(&sur.label));
                                cells.push(format::amount(lang, exp, sur.amount));
                            }
                            None => cells.extend([String::new(), String::new()]),
                        }
                    }
                    cells
                })
                .collect();
            // Each column as wide as its widest cell or header; what is left goes to the label column,
            // and when too little is left every column shrinks in proportion (cells then end in "…").
            let mut widths: Vec<f32> = labels
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let cells = table.iter().filter_map(|r| r.get(i));
                    cells
                        .map(|c| self.fonts.width(Face::Regular, ROW_SIZE, c))
                        .fold(self.fonts.width(Face::Bold, 7.5, label), f32::max)
                        + 2.0 * CELL_PAD
                        + 4.0
                })
                .collect();
            let used: f32 = widths.iter().sum();
            if used <= left_w {
                if let Some(first) = widths.first_mut() {
                    *first += left_w - used;
                }
            } else {
                widths.iter_mut().for_each(|w| *w *= left_w / used);
            }
            let mut cols = Vec::new();
            let mut x = MARGIN;
            for (i, w) in widths.iter().enumerate() {
                cols.push(Col {
                    x,
                    w: *w,
                    right: i > 0,
                });
                x += w;
            }
            self.rect(MARGIN, top, left_w, HEAD_H - 2.0, SHADE);
            let base = top + 5.0 + 7.5 * ASCENT;
            for (col, label) in cols.iter().zip(&labels) {
                let label = self
                    .fonts
                    .ellipsize(Face::Bold, 7.5, label, col.w - 2.0 * CELL_PAD);
                if col.right {
                    self.text_right(col.x + col.w - CELL_PAD, base, Face::Bold, 7.5, INK, &label);
                } else {
                    self.text(col.x + CELL_PAD, base, Face::Bold, 7.5, INK, &label);
                }
            }
            let mut y = top + HEAD_H - 2.0;
            for cells in &table {
                let base = y + 4.5 + ROW_SIZE * ASCENT;
                for (col, cell) in cols.iter().zip(cells) {
                    let cell = self.fonts.ellipsize(
                        Face::Regular,
                        ROW_SIZE,
                        &clean(cell),
                        col.w - 2.0 * CELL_PAD,
                    );
                    if col.right {
                        self.text_right(
                            col.x + col.w - CELL_PAD,
                            base,
                            Face::Regular,
                            ROW_SIZE,
                            INK,
                            &cell,
                        );
                    } else {
                        self.text(col.x + CELL_PAD, base, Face::Regular, ROW_SIZE, INK, &cell);
                    }
                }
                self.rule(MARGIN, y + row_h - 0.6, left_w);
                y += row_h;
            }
        }

        let x = RIGHT - totals_w;
        let mut y = top;
        for (label, minor) in rows {
            let base = y + 4.5 + 9.0 * ASCENT;
            let value = format::money(lang, &doc.currency, minor);
            let value_w = self.fonts.width(Face::Regular, 9.0, &value);
            let label = self.fonts.ellipsize(
                Face::Regular,
                9.0,
                &clean(&label),
                totals_w - 24.0 - value_w,
            );
            self.text(x + 8.0, base, Face::Regular, 9.0, MUTED, &label);
            self.text_right(RIGHT - 8.0, base, Face::Regular, 9.0, INK, &value);
            y += row_h;
        }
        y += 8.0;
        self.rect(x, y, totals_w, 26.0, ACCENT);
        let base = y + 7.0 + 12.0 * ASCENT;
        let white = Rgb(255, 255, 255);
        self.text(x + 8.0, base, Face::Bold, 12.0, white, s.total);
        let total = format::money(lang, &doc.currency, doc.totals.total);
        self.text_right(RIGHT - 8.0, base, Face::Bold, 12.0, white, &total);
        self.y = top + totals_h.max(taxes_h) + 16.0;
    }

    fn mentions(&mut self) {
        let mentions = self.doc.mentions.clone();
        if mentions.is_empty() {
            return;
        }
        for mention in &mentions {
            for line in self.fonts.wrap(Face::Regular, 8.5, mention, CONTENT_W) {
                self.ensure(12.0);
                let y = self.y + 8.5 * ASCENT;
                self.text(MARGIN, y, Face::Regular, 8.5, INK, &line);
                self.y += 12.0;
            }
            self.y += 4.0;
        }
        self.y += 10.0;
    }

    fn payment(&mut self) {
        let doc = self.doc;
        let s = self.s;
        let Some(p) = &doc.payment else {
            return;
        };
        let method = match &p.method {
            PaymentMethod::BankTransfer => s.bank_transfer.to_string(),
            PaymentMethod::DirectDebit => s.direct_debit.to_string(),
            PaymentMethod::Card => s.card.to_string(),
            PaymentMethod::Cash => s.cash.to_string(),
            PaymentMethod::Other(other) => other.clone(),
        };
        // Two columns: where to pay on the left, when and with what reference on the right.
        let mut left = vec![(s.method, method, Face::Regular)];
        if let Some(iban) = &p.iban {
            left.push(("IBAN", format::iban(iban), Face::Bold));
        }
        if let Some(bic) = &p.bic {
            left.push((s.bic, bic.clone(), Face::Regular));
        }
        let mut right = Vec::new();
        if let Some(due) = doc.due_date {
            right.push((s.pay_by, format::date(doc.lang, due), Face::Regular));
        }
        right.push((s.reference, doc.number.clone(), Face::Regular));
        let note = p
            .note
            .as_deref()
            .map(|n| self.fonts.wrap(Face::Regular, 8.5, n, CONTENT_W))
            .unwrap_or_default();
        let rows = left.len().max(right.len());
        // The note flows line by line; its first lines stay with the rows.
        let h = 18.0 + rows as f32 * 13.0 + 2.0 + note.len().min(3) as f32 * 12.0;
        self.ensure(h);
        self.text(
            MARGIN,
            self.y + 9.5 * ASCENT,
            Face::Bold,
            9.5,
            ACCENT,
            s.payment,
        );
        self.y += 18.0;
        let half = CONTENT_W / 2.0;
        for (column, items) in [(MARGIN, left), (MARGIN + half, right)] {
            let mut y = self.y;
            for (label, value, face) in items {
                let base = y + 9.0 * ASCENT;
                self.text(column, base, Face::Regular, 9.0, MUTED, label);
                let value = self.fonts.ellipsize(face, 9.0, &clean(&value), half - 90.0);
                self.text(column + 84.0, base, face, 9.0, INK, &value);
                y += 13.0;
            }
        }
        self.y += rows as f32 * 13.0 + 2.0;
        for line in note {
            self.ensure(12.0);
            self.text(
                MARGIN,
                self.y + 8.5 * ASCENT,
                Face::Regular,
                8.5,
                INK,
                &line,
            );
            self.y += 12.0;
        }
        self.y += 10.0;
    }

    fn verification(&mut self) {
        let Some(hash) = self.doc.verification.clone() else {
            return;
        };
        let text = format!("{}: {hash}", self.s.verification);
        let text = self
            .fonts
            .ellipsize(Face::Regular, 7.5, &clean(&text), CONTENT_W);
        self.ensure(12.0);
        self.text(
            MARGIN,
            self.y + 7.5 * ASCENT,
            Face::Regular,
            7.5,
            MUTED,
            &text,
        );
        self.y += 12.0;
    }

    fn footers(&mut self, lines: &[String], footer_h: f32) {
        let count = self.pages.len();
        let rule_y = PAGE_H - MARGIN_BOTTOM - footer_h + 6.0;
        for i in 0..count {
            let mut ops = Vec::new();
            ops.push(Op::Rect {
                x: MARGIN,
                y: rule_y,
                w: CONTENT_W,
                h: 0.6,
                color: RULE,
            });
            let first = rule_y + 8.0 + 7.5 * ASCENT;
            for (j, line) in lines.iter().enumerate() {
                ops.push(Op::Text {
                    x: MARGIN,
                    y: first + j as f32 * 9.5,
                    face: Face::Regular,
                    size: 7.5,
                    color: MUTED,
                    text: clean(line),
                });
            }
            let label = format!(
                "{} · {}",
                clean(&self.doc.number),
                (self.s.page)(i + 1, count)
            );
            let w = self.fonts.width(Face::Regular, 7.5, &label);
            ops.push(Op::Text {
                x: RIGHT - w,
                y: first,
                face: Face::Regular,
                size: 7.5,
                color: MUTED,
                text: label,
            });
            if let Some(page) = self.pages.get_mut(i) {
                page.ops.extend(ops);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{Lang, sample};

    /// Every operation stays inside the margins, and nothing but the footer goes below the content's bottom.
    fn assert_inside(doc: &InvoiceDocument) -> usize {
        let fonts = Fonts::get().unwrap();
        let footer_h = 14.0 + footer_lines(doc, fonts).len().max(1) as f32 * 9.5;
        let bottom = PAGE_H - MARGIN_BOTTOM - footer_h;
        let pages = layout(doc, fonts, Some((400, 112))).unwrap();
        for (i, page) in pages.iter().enumerate() {
            for op in &page.ops {
                let (x, top, right, low, footer) = match op {
                    Op::Text {
                        x,
                        y,
                        face,
                        size,
                        text,
                        ..
                    } => (
                        *x,
                        y - size,
                        x + fonts.width(*face, *size, text),
                        *y,
                        *size == 7.5 && *y > bottom,
                    ),
                    Op::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h, *h < 1.0 && *y > bottom),
                    Op::Logo { x, y, w, h } => (*x, *y, x + w, y + h, false),
                };
                assert!(
                    x >= MARGIN - 0.01 && right <= RIGHT + 0.01,
                    "page {i}: {op:?} outside"
                );
                assert!(top >= MARGIN - 1.0, "page {i}: {op:?} above the top margin");
                if !footer {
                    assert!(
                        low <= bottom + 0.01,
                        "page {i}: {op:?} below the content's bottom"
                    );
                }
            }
        }
        pages.len()
    }

    #[test]
    fn content_stays_inside_the_page_and_above_the_footer() {
        for lang in [Lang::Es, Lang::En] {
            for lines in [0, 1, 5, 17, 18, 19, 20, 21, 22, 23, 40, 60, 200] {
                assert_inside(&sample::invoice(lang, lines));
            }
            assert_inside(&sample::credit_note(lang));
        }
        let mut doc = sample::invoice(Lang::Es, 7);
        doc.lines[3].description = "palabra ".repeat(2000);
        doc.mentions = vec!["mención ".repeat(600); 3];
        if let Some(p) = doc.payment.as_mut() {
            p.note = Some("nota ".repeat(3000));
        }
        assert!(assert_inside(&doc) > 3);
    }
}
