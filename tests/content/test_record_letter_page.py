"""The default campaign is decided, and its wizard builds the record: the letter page must never tell how to file the
text now (W4). Every way through the wizard, in every interface language and letter language, is walked, and the
page around the letter searched for present-tense filing instructions in any of the three languages."""

from __future__ import annotations

import re
from html import unescape

import pytest

from ..conftest import DEFAULT, Wizard, answers_for, client_of, letter_in, ways

# What the route texts, the print hint and the wizard's first steps said while the campaign ran: paste, sign,
# send, post by registered letter, print at a print shop, hand in; "how will you send it", "you will print, sign and
# send it", "the letter I will sign". Lowercase; the page is searched lowercased.
FILING_NOW = {
    "ru": ["вставьте текст", "скопируйте текст", "подпишите", "поставьте дату", "отправьте", "заказн",
           "распечатайте", "отнесите", "копицентр", "готовое к подписи", r"\bотправите\b", r"\bподпишете\b",
           r"\bподпишу\b", r"\bраспечатаете\b", r"\bотнесёте\b", "вы подписываете"],
    "kk": ["мәтінді қойып", "көшіріп алыңыз", "қол қойыңыз", "жіберіңіз", "тапсырыс хат", "басып шығарыңыз",
           "апарыңыз", "тапсырыңыз", "көшірме орталығ", "қол қоюға дайын", r"\bжібересіз\b", r"\bапарасыз\b",
           "қол қоятын қағаз", "өтінішке қол қоятын"],
    "en": [r"\bpaste the text", r"\bcopy the text above", r"\bsign (it|the appeal|the letter|by hand)\b",
           r"\bready to sign\b", r"\bdate it\b", r"\bsend\b", r"\bregistered post\b", r"\bprint the letter\b",
           r"\bhand it in\b", r"\bprint shop\b"],
}
PATTERN = re.compile("|".join(p for patterns in FILING_NOW.values() for p in patterns))
WALKS = [(locale, route, sender, language) for locale in DEFAULT.locales for route, sender in ways(DEFAULT)
         for language in DEFAULT.letter_languages]


def around_the_letter(html: str) -> str:
    """The page's text without the letter itself (the textarea, and its copy laid out for print): what the page
    tells the visitor."""
    letter = letter_in(html)
    text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<textarea.*?</textarea>", " ", html, flags=re.S)))
    for line in sorted({line.strip() for line in letter.splitlines() if line.strip()}, key=len, reverse=True):
        text = text.replace(line, " ")
    return re.sub(r"\s+", " ", text)


def test_the_default_campaign_builds_the_record():
    assert DEFAULT.settings["status"] == "closed" and DEFAULT.settings["wizard_when_closed"] == "record"


@pytest.mark.parametrize(("locale", "route", "sender", "language"), WALKS,
                         ids=["-".join(walk) for walk in WALKS])
def test_the_record_letter_page_tells_no_one_how_to_file_it_now(locale, route, sender, language):
    pages = Wizard(client_of(DEFAULT), DEFAULT, locale).run(answers_for(DEFAULT, route, sender, language))
    text = around_the_letter(pages["letter"].get_data(as_text=True)).lower()
    assert [match.group(0) for match in PATTERN.finditer(text)] == []
    # What it does say of the route: how such appeals were filed in 2024, in the past tense.
    record = (DEFAULT.root / "complaint" / "routes" / locale / f"{route}.record.md").read_text(encoding="utf-8")
    assert re.search(r"^## (.+)$", record, re.M).group(1).lower() in text
