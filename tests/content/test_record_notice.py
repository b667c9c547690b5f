"""The default campaign's record notice (campaign.yml `record.notice`), as the letter page shows it: it calls the
text a model built on the 2024 campaign's arguments, never the text people filed (W6), and says what filing it
would still reveal, with a link to the safety page (A15)."""

from __future__ import annotations

import re

import pytest

from ..conftest import DEFAULT, Wizard, answers_for, client_of

# The notice once said the builder makes the appeal "as it was filed" in 2024: the wordings are this site's.
AS_FILED = {"ru": "в каком его подавали", "kk": "берілген күйінде", "en": "as it was filed"}
A_MODEL = {"ru": "образец обращения", "kk": "өтініш үлгісі", "en": "model appeal"}
REVEALS = {"ru": "ФИО и ИИН", "kk": "ЖСН", "en": "full name and IIN"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_record_notice_calls_the_text_a_model_and_says_what_filing_it_reveals(locale):
    html = Wizard(client_of(DEFAULT), DEFAULT, locale).run(
        answers_for(DEFAULT, "eotinish", "person"))["letter"].get_data(as_text=True)
    notice = re.search(r'<div class="notice notice--record" role="note">(.*?)</div>', html, re.S).group(1)
    assert AS_FILED[locale] not in notice and A_MODEL[locale] in notice
    assert REVEALS[locale] in notice and re.search(r'<a href="[^"]*safety">', notice)
