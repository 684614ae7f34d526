//! Writes laid-out pages with krilla: text runs in the bundled fonts, filled rectangles, the logo, metadata.

use crate::layout::{Op, PAGE_H, PAGE_W, Page, Rgb};
use crate::text::Fonts;
use crate::{DocumentKind, InvoiceDocument, PdfError};
use krilla::Document;
use krilla::color::rgb;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;

const MAX_LOGO_BYTES: usize = 8 << 20;
const MAX_LOGO_SIDE: u32 = 4096;

/// A decoded-enough logo: krilla's image and its size in pixels.
#[derive(Debug)]
pub(crate) struct Logo {
    image: Image,
    pub size: (u32, u32),
}

/// Checks the logo's format (by its signature, not by a name) and size; krilla reads the header now and
/// decodes the pixels when the PDF is written.
pub(crate) fn load_logo(bytes: Option<&[u8]>) -> Result<Option<Logo>, PdfError> {
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(PdfError::LogoTooLarge);
    }
    let data = krilla::Data::from(bytes.to_vec());
    let image = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Image::from_png(data, true)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Image::from_jpeg(data, true)
    } else {
        return Err(PdfError::LogoFormat);
    }
    .map_err(PdfError::LogoUnreadable)?;
    let size = image.size();
    if size.0 == 0 || size.1 == 0 {
        return Err(PdfError::LogoUnreadable("empty image".into()));
    }
    if size.0 > MAX_LOGO_SIDE || size.1 > MAX_LOGO_SIDE {
        return Err(PdfError::LogoTooLarge);
    }
    Ok(Some(Logo { image, size }))
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, op: &Op, logo: Option<&Logo>) {
    match op {
        Op::Text {
            x,
            y,
            face,
            size,
            color,
            text,
        } => {
            let f = fonts.face(*face);
            surface.set_fill(Some(fill(*color)));
            surface.draw_glyphs(
                Point::from_xy(*x, *y),
                &f.glyphs(text),
                f.font.clone(),
                text,
                *size,
                false,
            );
        }
        Op::Rect { x, y, w, h, color } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
        Op::Logo { x, y, w, h } => {
            if let (Some(logo), Some(size)) = (logo, Size::from_wh(*w, *h)) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_image(logo.image.clone(), size);
                surface.pop();
            }
        }
    }
}

/// The PDF for `pages`.
pub(crate) fn write(
    doc: &InvoiceDocument,
    fonts: &Fonts,
    pages: &[Page],
    logo: Option<Logo>,
) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    let title = match doc.kind {
        DocumentKind::Invoice => crate::strings::strings(doc.lang).invoice,
        DocumentKind::CreditNote { .. } => crate::strings::strings(doc.lang).credit_note,
    };
    let d = doc.issue_date;
    let created = u16::try_from(d.year())
        .ok()
        .map(|year| DateTime::new(year).month(u8::from(d.month())).day(d.day()));
    let mut metadata = Metadata::new()
        .title(format!("{title} {}", doc.number))
        .authors(vec![doc.seller.name.clone()])
        .language(doc.lang.code().to_string())
        .creator("Sigilo".to_string());
    if let Some(created) = created {
        metadata = metadata.creation_date(created);
    }
    document.set_metadata(metadata);
    for page in pages {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| PdfError::Writer("page size".into()))?;
        let mut p = document.start_page_with(settings);
        let mut surface = p.surface();
        for op in &page.ops {
            draw(&mut surface, fonts, op, logo.as_ref());
        }
        surface.finish();
        p.finish();
    }
    document.finish().map_err(|e| match e {
        KrillaError::Image(_, _, message) => PdfError::LogoUnreadable(message),
        other => PdfError::Writer(other.to_string()),
    })
}
