"""The letter as a PDF to take to a print shop: A4, laid out as an appeal, the same as the printed page.

The addressee and the sender in a block at the top right, the title and the greeting centred, the paragraphs
justified with an indent, then the date and the signature line. Text is drawn as plain text (nothing in it is
markup), in PT Serif embedded as a subset, so it can be selected and copied back; a character the font lacks
(emoji, scripts beyond Latin and Cyrillic) is drawn as "?". Margins follow Kazakh office paperwork: 30 mm left,
15 mm right, 20 mm top and bottom; 12 pt type.

ReportLab lays the letter out: its line breaker measures each word once, where fpdf2's measured the growing line
again for every character (a letter took 40 times as long as the page that shows it). The fonts are prepared once
per process: their TrueType hinting, which PDF viewers do not use, is dropped, so a subset embeds about a quarter
of the bytes.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from xml.sax.saxutils import escape

from fontTools import subset
from fontTools.ttLib import TTFont as FontFile
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

from .letter import Letter

SIZE = 12
LINE = SIZE * 1.15  # points
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
INDENT = 12.5 * mm
REGULAR, BOLD = "PTSerif", "PTSerif-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
BLOCK_INDENT = PAGE_WIDTH / 2 - LEFT  # the top-right block starts at the middle of the page

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=SIZE, leading=LINE)
STYLES = {
    "block": ParagraphStyle("block", BODY, leftIndent=BLOCK_INDENT),
    "title": ParagraphStyle("title", BODY, fontName=BOLD, alignment=TA_CENTER),
    "greeting": ParagraphStyle("greeting", BODY, alignment=TA_CENTER),
    "paragraph": ParagraphStyle("paragraph", BODY, alignment=TA_JUSTIFY, firstLineIndent=INDENT,
                                spaceAfter=LINE / 3),
    "line": BODY,
    "signature": ParagraphStyle("signature", BODY, alignment=TA_RIGHT),
}
_registering = threading.Lock()


@dataclass(frozen=True)
class Fonts:
    regular: Path
    bold: Path

    @cached_property
    def supported(self) -> frozenset[str]:
        """Every character the fonts can draw (read once)."""
        return frozenset(chr(code) for code in FontFile(self.regular, lazy=True).getBestCmap()) | {"\n"}

    def drawable(self, text: str) -> str:
        return "".join(char if char in self.supported else "?" for char in text)

    def missing(self, text: str) -> set[str]:
        return {char for char in text if char not in self.supported}

    def register(self) -> None:
        """Make both faces known to ReportLab, once per process (its font registry is global)."""
        with _registering:
            if REGULAR not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(BOLD, without_hinting(self.bold)))
                pdfmetrics.registerFont(TTFont(REGULAR, without_hinting(self.regular)))


def without_hinting(path: Path) -> io.BytesIO:
    """The font with every glyph it maps but none of its hinting instructions (screen-only, unused in PDFs)."""
    font = FontFile(path)
    options = subset.Options()
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    prepared = io.BytesIO()
    font.save(prepared)
    prepared.seek(0)
    return prepared


def build_pdf(letter: Letter, fonts: Fonts) -> bytes:
    fonts.register()

    def text(line: str, style: str) -> Paragraph:
        # Paragraph reads a little markup: the visitor's text is escaped, its line breaks kept.
        return Paragraph(escape(fonts.drawable(line)).replace("\n", "<br/>"), STYLES[style])

    # An organisation's outgoing number and date, at the left above the addressee, as official letters have it.
    story: list[Flowable] = [text(letter.reference, "line"), Spacer(0, LINE / 2)] if letter.reference else []
    story += [text(line, "block") for line in letter.addressee]
    story.append(Spacer(0, LINE / 2))
    story += [text(line, "block") for line in letter.sender]
    story += [Spacer(0, LINE * 1.5), text(letter.title, "title"), Spacer(0, LINE / 2),
              text(letter.greeting, "greeting"), Spacer(0, LINE / 3)]
    story += [text(paragraph, "paragraph") for paragraph in letter.paragraphs]
    if letter.date_line:
        story += [Spacer(0, LINE), text(letter.date_line, "line")]
    if letter.signature_line:
        story += [Spacer(0, LINE), text(letter.signature_line, "signature")]

    output = io.BytesIO()
    # invariant: a fixed date and document id, so the file keeps no trace of when it was made.
    document = BaseDocTemplate(output, pagesize=A4, title=fonts.drawable(letter.title), lang=letter.language,
                               author="", subject="", creator="", producer="", keywords="", invariant=1,
                               initialFontName=REGULAR, initialFontSize=SIZE, initialLeading=LINE)
    frame = Frame(LEFT, BOTTOM, PAGE_WIDTH - LEFT - RIGHT, PAGE_HEIGHT - TOP - BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate(frames=[frame])])
    document.build(story)
    return output.getvalue()
