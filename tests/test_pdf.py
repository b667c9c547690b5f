"""The letter as a PDF, through the test client: it opens, fits its pages, and gives back the letter's text."""

from __future__ import annotations

import io
import re
from html import unescape
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from .conftest import ORGANISATION, PARK, PERSON, Wizard, answers_for, eotinish_route, letter_in, make_app, variant

HOSTILE = "%PDF-1.7 (\\) <script>alert(1)</script> /JS /URI (javascript:alert(1)) \\\\ ) ( endstream"


def normal(text: str) -> str:
    """Text with every run of whitespace as one space: line wraps and page breaks are layout, not text."""
    return re.sub(r"\s+", " ", text).strip()


def download_pdf(w: Wizard, html: str):
    action = urljoin(w.url("letter"), re.search(r'formaction="([^"]+/appeal\.pdf)"', html).group(1))
    return w.client.post(action, data=w.form_data(html, re.search(
        r'<form class="letter-actions" method="post" action="([^"]+)">', html).group(1)))


def pdf_of(response) -> PdfReader:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.get_data()))


def pages_of(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.mark.parametrize("sender", ["person", "organisation"])
def test_the_pdf_is_the_letter_on_a4(wizard, campaign, sender):
    route = next(r for r in campaign.routes if r != "eotinish")
    for language in campaign.letter_languages:
        w = wizard(campaign.locales[-1])
        typical = answers_for(campaign, route, sender, language, arguments=list(campaign.arguments[:3]), personal="")
        html = w.run(typical)["letter"].get_data(as_text=True)
        response = download_pdf(w, html)
        assert response.headers["Cache-Control"] == "no-store"
        assert re.fullmatch(r'attachment; filename="letter(-\d{4}-\d\d-\d\d)?\.pdf"',
                            response.headers["Content-Disposition"])
        reader = pdf_of(response)
        pages = pages_of(reader)
        assert 1 <= len(pages) <= 2 and all(page.strip() for page in pages)  # no blank page
        assert normal("\n".join(pages)) == normal(letter_in(html))
        box = reader.pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
        name = ORGANISATION["organisation"] if sender == "organisation" else PERSON["surname"]
        assert name not in response.headers["Content-Disposition"]


def test_the_longest_letter_the_wizard_allows_fits_on_three_pages(wizard, campaign):
    """Every field at its limit, every argument, the longest paragraph of one's own."""
    route = next(r for r in campaign.routes if r != "eotinish")
    longest = answers_for(campaign, route, "person", arguments=list(campaign.arguments), personal="я " * 1000,
                          surname="Ж" * 100, given_name="Ә" * 100, patronymic="Ө" * 100,
                          address=("Алматы, ул. Абая, " * 20)[:300], email="a" * 240 + "@example.kz",
                          phone="+7 701 123 45 67")
    for language in campaign.letter_languages:
        w = wizard()
        html = w.run({**longest, "letter_language": language})["letter"].get_data(as_text=True)
        pages = pages_of(pdf_of(download_pdf(w, html)))
        assert len(pages) <= 3 and all(page.strip() for page in pages)
        # A word wider than the line is split across lines: only the spaces differ.
        assert re.sub(r"\s", "", "".join(pages)) == re.sub(r"\s", "", letter_in(html))


def test_hostile_input_in_every_field_is_plain_text_in_the_pdf(wizard, campaign):
    route = next(r for r in campaign.routes if r != "eotinish")
    w = wizard()
    person = answers_for(campaign, route, "organisation", personal=HOSTILE, organisation=f"ТОО {HOSTILE}",
                         address=HOSTILE, signatory_position=HOSTILE, signatory_name="Ли-О’Нил Ан",
                         email="x@y.kz")
    html = w.run(person)["letter"].get_data(as_text=True)
    response = download_pdf(w, html)
    text = normal("\n".join(pages_of(pdf_of(response))))
    assert text == normal(letter_in(html)) and text.count(normal(HOSTILE)) == 4
    raw = response.get_data()
    # Drawn as glyphs, the typed "/JS" and "/URI" never become PDF names: no script, link or launch action.
    # A PDF name ends at a delimiter or whitespace: "/AA" is an action, "/AAAAAA+PTSerif" a font subset's tag.
    names = set(re.findall(rb"/([^\s/<>\[\]()%{}]+)", raw))
    assert names.isdisjoint({b"JavaScript", b"JS", b"URI", b"Launch", b"Annots", b"AA", b"OpenAction"}), names
    assert raw.count(b"%%EOF") == 1


def test_no_pdf_for_a_letter_signed_electronically(tmp_path):
    """eOtinish signs the appeal itself: its letter offers the text, not a sheet to sign."""
    campaign = variant(PARK, tmp_path, eotinish_route(PARK))
    w = Wizard(make_app(campaign.root).test_client(), campaign)
    assert "appeal.pdf" not in w.run(answers_for(campaign, "eotinish", "person"))["letter"].get_data(as_text=True)
    assert "appeal.pdf" in w.run(answers_for(campaign, "paper", "person"))["letter"].get_data(as_text=True)


def test_a_character_the_pdf_font_lacks_is_named_on_the_page(wizard, campaign):
    route = next(r for r in campaign.routes if r != "eotinish")
    w = wizard()
    html = w.run(answers_for(campaign, route, "person", personal="Парк 🌳 и сквер"))["letter"].get_data(as_text=True)
    assert any("🌳" in unescape(hint) for hint in re.findall(r'<p class="hint">([^<]*)</p>', html))
    pages = pages_of(pdf_of(download_pdf(w, html)))
    assert "Парк ? и" in normal("\n".join(pages))
