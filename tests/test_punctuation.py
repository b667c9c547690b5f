"""No doubled punctuation where a sentence meets a date or a count: the deadline line of an open campaign with its
count of days, in every locale, for deadlines in every month (a Russian long date ends in "г."), and every plural
message of the catalogs for numbers that pick each plural form of each language."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from babel.messages.pofile import read_po

from campaign import clock
from campaign.config import REPO_ROOT
from campaign.i18n import long_date, use_locale

from .conftest import DAYS_LEFT, DEFAULT, PARK, UNSET, make_app, translated, translated_plural, variant

# Two marks where one belongs ("г..", ".,", ",,"), or a space before a mark that ends a phrase (" ." but not ".txt").
DOUBLED = re.compile(r"[.,;:][.,;:]|\s[.,;:!?](?!\w)")
# 0, 1, 2, 5, 11, 21 and 22 between them take every plural form of Russian, Kazakh and English.
COUNTS = (0, 1, 2, 5, 11, 21, 22)
# A deadline in every month, on days whose numbers take different forms, in a leap year too.
DEADLINES = (dt.date(2027, 1, 1), dt.date(2028, 2, 29), dt.date(2027, 3, 1), dt.date(2029, 4, 30),
             dt.date(2030, 5, 9), dt.date(2031, 6, 30), dt.date(2027, 7, 21), dt.date(2032, 8, 22),
             dt.date(2030, 9, 11), dt.date(2029, 10, 31), dt.date(2028, 11, 2), dt.date(2029, 12, 31))
# Open campaigns: the park's own deadline wording, the engine's sentence in its locales, and the default
# campaign's three locales with the engine's sentence.
OPEN = {
    "park": (PARK, {}),
    "park-engine-sentence": (PARK, {"deadline_line": UNSET}),
    "default": (DEFAULT, {"status": "open"}),
}
BAND = re.compile(r'<div class="campaign-status" role="region".*?<p>(.*?)</p>', re.S)


def doubled(text: str) -> list[str]:
    return [text[max(m.start() - 20, 0):m.end() + 5] for m in DOUBLED.finditer(text)]


def band_of(html: str) -> str:
    """The status band's sentence and count, as a reader sees them."""
    found = BAND.search(html)
    assert found, "no status band"
    return re.sub(r"[ \t\n]+", " ", unescape(re.sub(r"<[^>]+>", "", found.group(1)))).strip()  # keeps a no-break space


def test_the_check_finds_what_it_is_for():
    assert doubled("не позднее 1 марта 2027 г..") and doubled("by 1 March , 2027") and doubled("2027 г.,")
    assert doubled("a ,, b") and doubled("end .")
    assert doubled("Скачать в формате .txt") == [] and doubled("1 марта 2027 г. Осталось 5 дней") == []


@pytest.mark.parametrize("deadline", DEADLINES, ids=str)
@pytest.mark.parametrize("name", OPEN)
def test_every_deadline_line_and_count_of_days_has_single_punctuation(name, deadline, tmp_path, monkeypatch):
    base, changes = OPEN[name]
    campaign = variant(base, tmp_path, {"campaign.yml": {**changes, "deadline": deadline}})
    app = make_app(campaign.root)
    client = app.test_client()
    for count in COUNTS:
        today = deadline - dt.timedelta(days=count - 1)  # the deadline day counts: one day left on it, none after
        monkeypatch.setattr(clock, "now", lambda today=today: dt.datetime.combine(today, dt.time(6), dt.UTC))
        for locale in campaign.locales:
            with app.test_request_context():
                use_locale(locale)
                date = long_date(deadline)
            left = (translated_plural(app, locale, *DAYS_LEFT, count) if count > 1
                    else translated(app, locale, "Today is the last day." if count else "The deadline has passed."))
            for page in ("home", "petition"):
                band = band_of(client.get(campaign.url(page, locale)).get_data(as_text=True))
                assert date in band and band.endswith(left), (locale, band)
                assert doubled(band) == [], (locale, count, band)


def plural_messages() -> list[tuple[str, str]]:
    with (REPO_ROOT / "translations" / "messages.pot").open("rb") as pot:
        return [message.id for message in read_po(pot) if isinstance(message.id, tuple)]


def sample_values(message: str) -> dict[str, str]:
    """A short text for each placeholder but the count, which ngettext fills in itself."""
    return {name: "ǂ" for name in re.findall(r"%\((\w+)\)s", message)}


@pytest.mark.parametrize("locale", ["ru", "kk", "en"])
def test_every_count_form_has_single_punctuation(engine_app, locale):
    messages = plural_messages()
    assert DAYS_LEFT in messages and len(messages) > 1
    for singular, plural in messages:
        for number in COUNTS:
            text = translated_plural(engine_app, locale, singular, plural, number, **sample_values(singular))
            assert str(number) in text and "%(" not in text, text
            assert doubled(text) == [], (singular, number, text)
