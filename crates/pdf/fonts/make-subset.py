"""Makes the bundled Inter subsets from Inter's OTF files (fontTools; not run by the build).

    pip install fonttools
    python3 make-subset.py /usr/share/fonts/opentype/inter   # Debian's fonts-inter

Keeps Latin (Basic, Latin-1, Extended-A, the Romanian comma letters), Greek and Cyrillic (so every EU
language prints), common punctuation and the euro sign,
makes tabular digits the default (columns of figures line up; the PDF writer applies no OpenType features),
and drops layout tables and hinting.
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

UNICODES = (
    list(range(0x20, 0x7F)) + list(range(0xA0, 0x100)) + list(range(0x100, 0x180))
    + [0x218, 0x219, 0x21A, 0x21B, 0x2C6, 0x2C7, 0x2D8, 0x2D9, 0x2DA, 0x2DB, 0x2DC, 0x2DD]
    + list(range(0x384, 0x3CF)) + list(range(0x400, 0x460)) + [0x490, 0x491]
    + list(range(0x2010, 0x2028)) + [0x202F, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2116, 0x2122, 0x2212]
)


def tabular_digits(font: TTFont) -> None:
    """Points the cmap's digits at the glyphs the `tnum` feature substitutes for them."""
    gsub = font["GSUB"].table
    lookups = set()
    for rec in gsub.FeatureList.FeatureRecord:
        if rec.FeatureTag == "tnum":
            lookups.update(rec.Feature.LookupListIndex)
    mapping = {}
    for i in sorted(lookups):
        for st in gsub.LookupList.Lookup[i].SubTable:
            if hasattr(st, "mapping"):
                mapping.update(st.mapping)
    for table in font["cmap"].tables:
        for cp, glyph in list(table.cmap.items()):
            if 0x30 <= cp <= 0x39 and glyph in mapping:
                table.cmap[cp] = mapping[glyph]


def main(src: Path) -> None:
    out = Path(__file__).parent
    for style in ("Regular", "Bold"):
        font = TTFont(src / f"Inter-{style}.otf")
        tabular_digits(font)
        opts = subset.Options()
        opts.layout_features = []
        opts.hinting = False
        opts.desubroutinize = False
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=UNICODES)
        sub.subset(font)
        font.save(out / f"Inter-{style}-subset.otf")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
