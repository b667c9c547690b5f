"""The letter as a PDF to take to a print shop: A4, laid out as an appeal, the same as the printed page.

The addressee and the sender in a block at the top right, the title and the greeting centred, the paragraphs
justified with an indent, then the date and the signature line. Text is drawn as plain text (nothing in it is
markup), in PT Serif embedded as a subset, so it can be selected and copied back; a character the font lacks
(emoji, scripts beyond Latin and Cyrillic) is drawn as "?". Margins follow Kazakh office paperwork: 30 mm left,
15 mm right, 20 mm top and bottom; 12 pt type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .letter import Letter

PT = 25.4 / 72  # millimetres per point
SIZE = 12
LINE = SIZE * 1.15 * PT
MARGINS = {"left": 30, "top": 20, "right": 15}
BOTTOM = 20
INDENT = 12.5
FAMILY = "PTSerif"
NO_DATE = dt.datetime(1969, 12, 31, 19, tzinfo=dt.UTC)  # fpdf2's stand-in for "no date"


@dataclass(frozen=True)
class Fonts:
    regular: Path
    bold: Path

    @cached_property
    def supported(self) -> frozenset[str]:
        """Every character the fonts can draw (read once)."""
        return frozenset(chr(code) for code in TTFont(self.regular, lazy=True).getBestCmap()) | {"\n"}

    def drawable(self, text: str) -> str:
        return "".join(char if char in self.supported else "?" for char in text)

    def missing(self, text: str) -> set[str]:
        return {char for char in text if char not in self.supported}


def build_pdf(letter: Letter, fonts: Fonts) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(**MARGINS)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.c_margin = 0
    pdf.add_font(FAMILY, "", fonts.regular)
    pdf.add_font(FAMILY, "B", fonts.bold)
    pdf.set_title(fonts.drawable(letter.title))
    pdf.set_lang(letter.language)
    pdf.set_creation_date(NO_DATE)  # the file keeps no trace of when it was made
    pdf.add_page()
    draw = fonts.drawable

    def line(text: str, align: str = "L", x: float | None = None, width: float = 0) -> None:
        if x is not None:
            pdf.set_x(x)
        pdf.multi_cell(width, LINE, draw(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    block_x = pdf.w / 2
    block_width = pdf.w - pdf.r_margin - block_x
    pdf.set_font(FAMILY, size=SIZE)
    if letter.reference:
        line(letter.reference)
        pdf.ln(LINE / 2)
    for text in letter.addressee:
        line(text, x=block_x, width=block_width)
    pdf.ln(LINE / 2)
    for text in letter.sender:
        line(text, x=block_x, width=block_width)
    pdf.ln(LINE * 1.5)
    pdf.set_font(FAMILY, "B", SIZE)
    line(letter.title, align="C")
    pdf.ln(LINE / 2)
    pdf.set_font(FAMILY, size=SIZE)
    line(letter.greeting, align="C")
    pdf.ln(LINE / 3)
    with pdf.text_columns(text_align="J", line_height=1.15) as columns:
        for paragraph in letter.paragraphs:
            with columns.paragraph(first_line_indent=INDENT, bottom_margin=LINE / 3) as part:
                part.write(draw(paragraph))
    pdf.ln(LINE)
    line(letter.date_line)
    if letter.signature_line:
        pdf.ln(LINE)
        line(letter.signature_line, align="R")
    return bytes(pdf.output())
