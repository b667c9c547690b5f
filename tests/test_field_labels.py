"""The labels of the questions: an optional field says so, in its own words where the schema gives them."""

from __future__ import annotations

import re
from html import unescape

from campaign.wizard.schema import FIELDS_BY_NAME

from .conftest import answers_for, translated


def labels_on(html: str) -> dict[str, str]:
    return {name: unescape(text) for name, text in re.findall(r'<label for="(\w+)">(.*?)</label>', html)}


def test_an_optional_field_has_its_own_label_where_the_schema_gives_one(app, campaign, wizard):
    """The IIN is asked by law of whoever has one: "(optional)" would say otherwise, so its label says "if you
    have one"; the other optional fields keep "(optional)", the required ones have none."""
    iin, patronymic, surname = (FIELDS_BY_NAME[name] for name in ("iin", "patronymic", "surname"))
    assert iin.optional_label and not iin.required and not patronymic.required and surname.required
    for locale in campaign.locales:
        pages = wizard(locale).run(answers_for(campaign, "paper", "person"))
        labels = labels_on(pages["about"].get_data(as_text=True))
        assert labels["iin"] == translated(app, locale, iin.optional_label)
        assert labels["iin"] != translated(app, locale, "%(label)s (optional)", label=translated(app, locale, "IIN"))
        assert labels["patronymic"] == translated(app, locale, "%(label)s (optional)",
                                                  label=translated(app, locale, patronymic.label))
        assert labels["surname"] == translated(app, locale, surname.label)
