//! The bundled fonts (an Inter subset, regular and bold): character to glyph mapping, advance widths, line
//! wrapping, and the glyph runs handed to krilla (which subsets and embeds the fonts and writes ToUnicode maps).

use crate::PdfError;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};
use std::collections::HashMap;
use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../fonts/Inter-Regular-subset.otf");
static BOLD: &[u8] = include_bytes!("../fonts/Inter-Bold-subset.otf");

/// Which of the two bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// One loaded face: the krilla font and, per character, its glyph and advance in ems.
#[derive(Debug)]
pub(crate) struct FontFace {
    pub font: Font,
    glyphs: HashMap<char, (u32, f32)>,
    notdef_advance: f32,
}

/// Both faces, loaded once per process.
#[derive(Debug)]
pub(crate) struct Fonts {
    regular: FontFace,
    bold: FontFace,
}

fn load(data: &'static [u8]) -> Option<FontFace> {
    let font_ref = FontRef::new(data).ok()?;
    let upem = f32::from(font_ref.head().ok()?.units_per_em());
    let metrics = font_ref.glyph_metrics(Size::unscaled(), LocationRef::default());
    let mut glyphs = HashMap::new();
    for (cp, gid) in font_ref.charmap().mappings() {
        if let Some(ch) = char::from_u32(cp) {
            let advance = metrics.advance_width(gid).unwrap_or(0.0) / upem;
            glyphs.insert(ch, (gid.to_u32(), advance));
        }
    }
    let notdef_advance = metrics
        .advance_width(skrifa::GlyphId::new(0))
        .unwrap_or(0.0)
        / upem;
    let font = Font::new(data.into(), 0)?;
    Some(FontFace {
        font,
        glyphs,
        notdef_advance,
    })
}

impl Fonts {
    /// The bundled fonts, parsed on first use.
    pub(crate) fn get() -> Result<&'static Fonts, PdfError> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Some(Fonts {
                    regular: load(REGULAR)?,
                    bold: load(BOLD)?,
                })
            })
            .as_ref()
            .ok_or(PdfError::Font)
    }

    pub(crate) fn face(&self, face: Face) -> &FontFace {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// The width of `text` in points at `size`.
    pub(crate) fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let f = self.face(face);
        text.chars().map(|ch| f.advance(ch)).sum::<f32>() * size
    }

    /// `text` broken into lines no wider than `max` points: at spaces where possible, inside a word only
    /// when the word alone is too wide. Newlines in `text` always break.
    pub(crate) fn wrap(&self, face: Face, size: f32, text: &str, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.lines() {
            let para = clean(para);
            let mut line = String::new();
            let mut line_w = 0.0;
            let space_w = self.width(face, size, " ");
            for word in para.split_whitespace() {
                let word_w = self.width(face, size, word);
                let sep_w = if line.is_empty() { 0.0 } else { space_w };
                if line_w + sep_w + word_w <= max {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += sep_w + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= max {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                // A word wider than the line: cut it where it overflows.
                for ch in word.chars() {
                    let ch_w = self.face(face).advance(ch) * size;
                    if line_w + ch_w > max && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(ch);
                    line_w += ch_w;
                }
            }
            lines.push(line);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    /// The longest prefix of `text` (ending in "…") that fits in `max` points; `text` itself when it fits.
    pub(crate) fn ellipsize(&self, face: Face, size: f32, text: &str, max: f32) -> String {
        if self.width(face, size, text) <= max {
            return text.to_string();
        }
        let budget = max - self.width(face, size, "…");
        let mut out = String::new();
        let mut w = 0.0;
        for ch in text.chars() {
            let ch_w = self.face(face).advance(ch) * size;
            if w + ch_w > budget {
                break;
            }
            out.push(ch);
            w += ch_w;
        }
        out.push('…');
        out
    }
}

impl FontFace {
    /// The advance of `ch` in ems (a character the font lacks takes the width of its missing-glyph box).
    fn advance(&self, ch: char) -> f32 {
        self.glyphs
            .get(&ch)
            .map_or(self.notdef_advance, |&(_, advance)| advance)
    }

    /// The glyph run for `text`: one glyph per character, each mapped back to its character so that the
    /// text extracts as written. Control characters are dropped by the caller (`clean`).
    pub(crate) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(i, ch)| {
                let (gid, advance) = self
                    .glyphs
                    .get(&ch)
                    .copied()
                    .unwrap_or((0, self.notdef_advance));
                KrillaGlyph::new(
                    GlyphId::new(gid),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    i..i + ch.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

/// `text` without control characters (a tab or a newline becomes a space) and without the invisible format
/// characters (zero-width spaces and joiners, bidi controls, soft hyphen, BOM) that would print as boxes.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .filter(|&c| !c.is_control() && !is_invisible_format(c))
        .collect()
}

fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn fonts_load_and_cover_spanish_and_the_euro() {
        let fonts = Fonts::get().unwrap();
        for ch in "ÁÉÍÓÚÜÑáéíóúüñ¿¡€ºª·–—‘’“”…ŁőŠș αβγ ЖЯ".chars()
        {
            assert!(
                fonts.regular.glyphs.contains_key(&ch) && fonts.bold.glyphs.contains_key(&ch),
                "{ch} missing"
            );
        }
        // Tabular digits: every digit has the same advance.
        let w0 = fonts.width(Face::Regular, 10.0, "0");
        for d in "123456789".chars() {
            assert!((fonts.width(Face::Regular, 10.0, &d.to_string()) - w0).abs() < 1e-4);
        }
        assert!(fonts.width(Face::Bold, 10.0, "Total") > fonts.width(Face::Regular, 10.0, "Total"));
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_long_words() {
        let fonts = Fonts::get().unwrap();
        let lines = fonts.wrap(
            Face::Regular,
            10.0,
            "uno dos tres cuatro cinco seis siete",
            60.0,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(fonts.width(Face::Regular, 10.0, l) <= 60.0, "{l}");
        }
        assert_eq!(lines.join(" "), "uno dos tres cuatro cinco seis siete");
        let long = "x".repeat(200);
        let lines = fonts.wrap(Face::Regular, 10.0, &long, 50.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat(), long);
        assert_eq!(
            fonts.wrap(Face::Regular, 10.0, "a\nb", 500.0),
            vec!["a", "b"]
        );
        assert_eq!(fonts.wrap(Face::Regular, 10.0, "", 500.0), vec![""]);
        let e = fonts.ellipsize(Face::Regular, 10.0, &long, 50.0);
        assert!(e.ends_with('…') && fonts.width(Face::Regular, 10.0, &e) <= 50.0);
        assert_eq!(clean("a\tb\u{7}c\n"), "a bc ");
        assert_eq!(clean("x\u{202E}y\u{200B}z\u{FEFF}\u{AD}"), "xyz");
    }
}
