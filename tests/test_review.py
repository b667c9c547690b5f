"""`flask content review`: every letter the wizard can build, for both campaigns, read back from the file.

What the file should hold is worked out here from the campaign's own files (its routes, senders, arguments and
letter languages) and the wizard's letter builder: each combination of answers gives one letter, and the file
shows each distinct text once, under exactly the combinations that give it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

import frontmatter
import pytest
from babel import Locale
from flask import Flask
from flask_babel import force_locale, gettext

from campaign.review import with_placeholders
from campaign.wizard.answers import Answers
from campaign.wizard.letter import Letter, build_letter
from campaign.wizard.schema import FIELDS_BY_NAME, SENDER_KINDS
from campaign.wizard.steps import implied

from .conftest import CAMPAIGNS, PARK, Campaign, build, closed, translated, variant

Words = frozenset[tuple[str, tuple[str, ...]]]  # a combination in plain words: (question, its answers)


class Review(HTMLParser):
    """Each section of the file: the combinations of answers heading it, and the letter's lines below."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict] = []
        self.letter_divs = 0  # the divs open inside the letter (its head is one)
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section":
            self.sections.append({"ways": [], "lines": [], "lang": None})
        elif tag == "li":
            self.sections[-1]["ways"].append([])
        elif tag in ("dt", "dd"):
            self.text = []
            if tag == "dt":
                self.sections[-1]["ways"][-1].append([None, []])
        elif tag == "div" and (self.letter_divs or "letter-print" in (a.get("class") or "").split()):
            if not self.letter_divs:
                self.sections[-1]["lang"] = a.get("lang")
            self.letter_divs += 1
        elif tag == "p" and self.letter_divs:
            self.text = []

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("dt", "dd", "p") and self.text is not None:
            text = "".join(self.text)
            self.text = None
            if tag == "p":
                self.sections[-1]["lines"].append(text)
            elif tag == "dt":
                self.sections[-1]["ways"][-1][-1][0] = text
            else:
                self.sections[-1]["ways"][-1][-1][1].append(text)
        elif tag == "div" and self.letter_divs:
            self.letter_divs -= 1

    def variants(self) -> list[tuple[set[Words], tuple[str, ...], str | None]]:
        """(the combinations heading it, the letter's lines, the letter's lang) of each section."""
        return [({frozenset((q, tuple(a)) for q, a in way) for way in s["ways"]}, tuple(s["lines"]), s["lang"])
                for s in self.sections]


def read_review(path: Path) -> list[tuple[set[Words], tuple[str, ...], str | None]]:
    parser = Review()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.variants()


def lines_of(letter: Letter) -> tuple[str, ...]:
    return (*([letter.reference] if letter.reference else []), *letter.head, letter.title, letter.greeting,
            *letter.paragraphs, *([letter.date_line] if letter.date_line else []),
            *([letter.signature_line] if letter.signature_line else []))


def choices_of(campaign: Campaign) -> list[dict]:
    """Every combination of answers the campaign's files allow: each route; on a route signed by hand each
    sender; every non-empty set of arguments; each letter language."""
    argument_sets = [chosen for size in range(1, len(campaign.arguments) + 1)
                     for chosen in combinations(campaign.arguments, size)]
    return [{"route": route, "sender": sender, "arguments": chosen, "letter_language": language}
            for route in campaign.routes
            for sender in (("",) if route == "eotinish" else campaign.senders)
            for chosen in argument_sets for language in campaign.letter_languages]


def letter_for(app: Flask, choice: dict) -> Letter:
    """The letter the wizard's builder gives for these answers, with the file's placeholders for the details."""
    offer = app.extensions["campaign_site"].offer
    with app.test_request_context(), force_locale(choice["letter_language"]):
        answers = with_placeholders(implied(Answers().with_values(**choice), offer), offer, gettext)
        return build_letter(answers, offer, offer.record.date if offer.record else None, gettext)


def in_words(app: Flask, campaign: Campaign, choice: dict) -> Words:
    """A combination as the file heads a letter with it: each question the wizard asks, in the campaign's
    default locale, with the answers' labels as the campaign's files and the catalogs give them."""
    locale = campaign.default_locale
    offer = app.extensions["campaign_site"].offer  # a decided campaign's record words the route question its way

    def question(name: str) -> str:
        return translated(app, locale, offer.worded(FIELDS_BY_NAME[name]).label)

    def route_label(route: str) -> str:
        path = campaign.root / "complaint" / "routes" / locale / f"{route}.md"
        meta = frontmatter.loads(path.read_text(encoding="utf-8"))
        return meta["record_title" if offer.record and "record_title" in meta else "title"]

    labels = campaign.yaml("complaint/arguments.yml")
    rows = []
    if len(campaign.routes) > 1:
        rows.append((question("route"), (route_label(choice["route"]),)))
    if choice["sender"] and len(campaign.senders) > 1:
        rows.append((question("sender"), (translated(app, locale, SENDER_KINDS[choice["sender"]].answer[0]),)))
    if len(campaign.arguments) > 1:
        rows.append((question("arguments"), tuple(labels[a][locale] for a in choice["arguments"])))
    if len(campaign.letter_languages) > 1:
        name = Locale.parse(choice["letter_language"]).get_display_name(locale).capitalize()
        rows.append((question("letter_language"), (name,)))
    return frozenset(rows)


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_the_review_shows_each_distinct_letter_once_under_exactly_the_answers_that_give_it(campaign, reviews):
    app = build(campaign.root)
    by_text: dict[tuple[str, ...], set[Words]] = {}
    languages = {}
    for choice in choices_of(campaign):
        lines = lines_of(letter_for(app, choice))
        by_text.setdefault(lines, set()).add(in_words(app, campaign, choice))
        languages[lines] = choice["letter_language"]
    shown = read_review(reviews[campaign.name])
    assert len(shown) == len(by_text)
    assert {lines: ways for ways, lines, _ in shown} == by_text
    # Each letter is marked with its own language, for a translator's tools and a screen reader.
    assert {lines: lang for _, lines, lang in shown} == languages


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_a_wording_that_needs_an_argument_heads_only_combinations_that_make_it(campaign, reviews):
    app = build(campaign.root)
    shown = read_review(reviews[campaign.name])
    arguments = translated(app, campaign.default_locale, FIELDS_BY_NAME["arguments"].label)
    checked = 0
    for language in campaign.letter_languages:
        letter = campaign.letter(language)
        for part in ("greeting", "intro", "demand", "closing"):
            for wording in letter[part]["wordings"]:
                if not isinstance(wording, dict) or not isinstance(wording.get("when"), str):
                    continue
                text, needed = wording["text"], wording["when"]
                expected = {in_words(app, campaign, choice) for choice in choices_of(campaign)
                            if choice["letter_language"] == language
                            and text in letter_for(app, choice).paragraphs}
                headed = {way for ways, lines, _ in shown if text in lines for way in ways}
                assert headed == expected
                label = campaign.yaml("complaint/arguments.yml")[needed][campaign.default_locale]
                assert headed and all(label in dict(way)[arguments] for way in headed)
                checked += 1
    assert checked > 0, "the campaign has no wording with `when: <argument>` to check"


def test_the_review_says_which_campaign_it_read_and_how_many_letters(tmp_path):
    from campaign.cli import content

    out = tmp_path / "park.html"
    result = build(PARK.root).test_cli_runner().invoke(content, ["review", str(PARK.root), str(out)])
    assert result.exit_code == 0, result.output
    first, *rest = result.stdout.splitlines()
    assert first == f"campaign directory: {PARK.root}"
    ways = len(choices_of(PARK))
    assert rest[-1] == f"{out}: {len(read_review(out))} different letters from {ways} ways of answering"


def test_a_campaign_whose_wizard_is_off_has_no_letters_to_review(tmp_path):
    from campaign.cli import content

    closed_park = variant(PARK, tmp_path, {"campaign.yml": closed(PARK, wizard="off")}, "park").root
    out = tmp_path / "review.html"
    result = build(PARK.root).test_cli_runner().invoke(content, ["review", str(closed_park), str(out)])
    assert result.exit_code == 1
    assert "wizard_when_closed: off, so its wizard builds no letters" in result.output
    assert not out.exists()
