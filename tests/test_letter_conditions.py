"""Wordings that depend on the sender and the route as well as the arguments; an organisation's letter speaks as
an organisation and may carry its outgoing number; a condition that can never hold stops start-up."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from campaign.content.errors import ContentError, collecting_warnings
from campaign.wizard.answers import Answers
from campaign.wizard.letter import candidates, pick, situation_of
from campaign.wizard.model import Situation, Wording

from .conftest import (
    CAMPAIGNS,
    PARK,
    Campaign,
    Wizard,
    answers_for,
    build,
    edit,
    errors_in,
    letter_in,
    line_of,
    make_app,
    read_form,
    translated,
)
from .test_pdf import download_pdf

# --- the picking rule, without Flask ------------------------------------------------------------------------------

GENERAL = (Wording("a"), Wording("b"))
WITH_LAW = Wording("law", arguments=frozenset({"law"}))
WITH_LAW_AND_CRPD = Wording("law+crpd", arguments=frozenset({"law", "crpd"}))
ORGANISATION = Wording("org", sender="organisation")
ORGANISATION_LAW = Wording("org+law", arguments=frozenset({"law"}), sender="organisation")
PERSON_LAW = Wording("person+law", arguments=frozenset({"law"}), sender="person")
EMAIL = Wording("email", route="email")
ORGANISATION_EMAIL = Wording("org+email", sender="organisation", route="email")
PART = (*GENERAL, WITH_LAW, WITH_LAW_AND_CRPD, ORGANISATION, ORGANISATION_LAW, PERSON_LAW, EMAIL,
        ORGANISATION_EMAIL)


def texts(*wordings: Wording) -> set[str]:
    return {w.text for w in wordings}


@pytest.mark.parametrize(("arguments", "sender", "route", "expected"), [
    # Nothing names this sender or route: the general wordings, and those whose arguments the letter makes.
    ((), "person", "paper", {"a", "b"}),
    (("crpd",), "person", "paper", {"a", "b"}),
    (("law", "crpd"), "organisation", "eotinish", {"org", "org+law"}),
    # Arguments admit a wording among those of its rank; they never push the others out.
    (("law", "crpd"), "person", "paper", {"person+law"}),
    (("crpd",), "organisation", "paper", {"org"}),
    # Naming the sender or the route replaces the general wordings; naming both replaces those naming one.
    (("law",), "organisation", "paper", {"org", "org+law"}),
    ((), "person", "email", {"email"}),
    (("law",), "person", "email", {"email", "person+law"}),
    (("law",), "organisation", "email", {"org+email"}),
])
def test_the_candidates_are_the_wordings_that_hold_and_name_most_of_sender_and_route(arguments, sender, route,
                                                                                    expected):
    situation = Situation(frozenset(arguments), sender, route)
    assert texts(*candidates(PART, situation)) == expected
    seen = {pick(PART, situation, bytes([n]), "demand") for n in range(64)}
    assert seen == expected  # the seed picks among all of them, and only among them


def test_without_sender_and_route_wordings_the_arguments_admit_as_before():
    part = (*GENERAL, WITH_LAW, WITH_LAW_AND_CRPD)
    assert texts(*candidates(part, Situation(frozenset({"law"}), "person", "paper"))) == {"a", "b", "law"}
    assert texts(*candidates(part, Situation(frozenset({"law", "crpd"}), "organisation", "paper"))) == {
        "a", "b", "law", "law+crpd"}


def test_the_pick_is_deterministic_and_differs_by_seed_and_part():
    situation = Situation(frozenset({"law"}), "person", "paper")
    part = (*GENERAL, WITH_LAW)
    assert pick(part, situation, b"seed", "demand") == pick(part, situation, b"seed", "demand")
    assert len({pick(part, situation, bytes([n]), "demand") for n in range(32)}) == 3
    assert len({(pick(part, situation, bytes([n]), "demand"), pick(part, situation, bytes([n]), "closing"))
                for n in range(32)}) > 3
    assert pick((), situation, b"seed", "personal_heading") == ""  # a part the campaign leaves out


def test_an_eotinish_appeal_is_a_persons_and_its_route_is_eotinish():
    def answers(**values: Any) -> Answers:
        return Answers(MappingProxyType(values))

    assert situation_of(answers(route="eotinish", sender="organisation", arguments=("law",))) == Situation(
        frozenset({"law"}), "person", "eotinish")
    assert situation_of(answers(route="email", sender="organisation")) == Situation(frozenset(), "organisation",
                                                                                    "email")


# --- first person singular in an organisation's letter ----------------------------------------------------------

# Whole words of the first person singular. Russian: the pronoun in every case and the verbs the letters use.
# Kazakh: the pronoun in every case, first-person possessives the letters use, and every word with a
# first-person-singular verb ending (сұраймын, күтемін, отырмын, жүгіндім, бармақпын), written as the vowel, "й"
# or "р" before it so that a noun's possessive (сезімін, "its feeling") does not count. The bare "мен" is left
# out: it is also the conjunction "and" (емханалар мен мектептер), so only "мен үшін" counts.
SINGULAR_WORDS = {
    "ru": frozenset({
        "я", "мне", "меня", "мной", "мною", "мой", "моя", "моё", "мое", "мои", "моего", "моей", "моему", "моим",
        "моих", "моём", "мою", "прошу", "считаю", "обращаюсь", "подаю", "направляю", "полагаю", "благодарю",
        "рассчитываю", "надеюсь", "жду", "требую", "заявляю", "сообщаю", "уведомляю", "хочу", "выражаю"}),
    "kk": frozenset({
        "маған", "мені", "менің", "менде", "менен", "менімен", "өзім", "өзімнің", "шағымым", "шағымымды",
        "шағымыма", "өтінішім", "өтінішімді", "өтінішіме"}),
}
SINGULAR_PHRASES = {"ru": (), "kk": ("мен үшін",)}
SINGULAR_ENDINGS = {"ru": None, "kk": re.compile(r"\w+(?:[аеәйр](?:мын|мін)|пын|пін|дым|дім|тым|тім)")}


def singular(text: str, language: str) -> list[str]:
    """The first-person-singular words of `text` in the letter's language."""
    lowered = text.lower()
    words = re.findall(r"\w+", lowered)
    hits = [w for w in words if w in SINGULAR_WORDS[language]]
    if (ending := SINGULAR_ENDINGS[language]) is not None:
        hits += [w for w in words if ending.fullmatch(w)]
    return hits + [p for p in SINGULAR_PHRASES[language] if re.search(rf"(?<!\w){p}(?!\w)", lowered)]


def argument_sets(campaign: Campaign) -> list[tuple[str, ...]]:
    keys = campaign.arguments
    return [combo for size in range(1, len(keys) + 1) for combo in combinations(keys, size)]


def letter_builder(client: Any, campaign: Campaign, answers: dict[str, Any]) -> Callable[[dict[str, list[str]]], str]:
    """Walk the wizard to the check page with `answers`; then build the letter from that page's form with some
    of its answers changed (other arguments, another name: other answers, other wordings)."""
    w = Wizard(client, campaign)
    check = w.run(answers)["check"].get_data(as_text=True)
    data = w.form_data(check)
    action = urljoin(w.url("route"), read_form(check)["action"])

    def build_letter(changes: dict[str, list[str]]) -> str:
        response = w.post(action, {**data, **changes})
        assert response.status_code == 200
        return letter_in(response.get_data(as_text=True))

    return build_letter


def organisation_wordings(campaign: Campaign, language: str) -> set[str]:
    """Every wording the campaign writes for an organisation, read with plain YAML."""
    letter = campaign.letter(language)
    nodes = [letter[key] for key in ("greeting", "intro", "demand", "closing")]
    nodes += list(letter["arguments"].values())
    if isinstance(letter.get("personal_heading"), dict):
        nodes.append(letter["personal_heading"])
    return {w["text"] for node in nodes for w in node["wordings"]
            if isinstance(w, dict) and isinstance(w["when"], dict) and w["when"].get("sender") == "organisation"}


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_an_organisations_letter_has_no_first_person_singular_in_any_variant(campaign: Campaign):
    client = build(campaign.root).test_client()
    offer = build(campaign.root).extensions["campaign_site"].offer
    routes = [r for r in campaign.routes if r != "eotinish"]  # an eOtinish appeal is a person's
    assert routes and "organisation" in campaign.senders
    for language in campaign.letter_languages:
        seen: set[str] = set()
        for route in routes:
            answers = answers_for(campaign, route, "organisation", language, personal="Вопрос касается района.")
            letter_of = letter_builder(client, campaign, answers)
            for chosen in argument_sets(campaign):
                for n in range(3):
                    letter = letter_of({"arguments": list(chosen),
                                        "organisation": [f"Общественное объединение «Сана {n}»"]})
                    assert singular(letter, language) == [], letter
                    seen.update(letter.splitlines())
            # Every wording an organisation's letter can get, not only those the seeds above drew.
            for chosen in argument_sets(campaign):
                situation = Situation(frozenset(chosen), "organisation", route)
                for part in offer.letters[language].parts.values():
                    for wording in candidates(part, situation):
                        assert singular(wording.text, language) == [], wording.text
        assert organisation_wordings(campaign, language) <= seen  # each did come up in a letter
        # The same words in a person's letter: the word list sees what it is meant to see.
        person = answers_for(campaign, routes[0], "person", language, personal="")
        assert singular(letter_builder(client, campaign, person)({}), language)


# --- each condition of the fixture campaign, reached exactly when it holds -------------------------------------

Condition = tuple[str, frozenset[str], str | None, str | None]  # text, arguments, sender, route


def parts_of(language: str) -> list[list[Condition]]:
    """Every part of the fixture's letter as its wordings and their conditions, read with plain YAML."""
    letter = PARK.letter(language)
    nodes = [letter[key] for key in ("greeting", "intro", "demand", "closing", "personal_heading")]
    nodes += list(letter["arguments"].values())
    parts = []
    for node in nodes:
        part = []
        for w in node["wordings"]:
            when = w.get("when") if isinstance(w, dict) else None
            when = when if isinstance(when, dict) else {"arguments": when or []}
            named = when.get("arguments", [])
            part.append((w["text"] if isinstance(w, dict) else w,
                         frozenset(named if isinstance(named, list) else [named]), when.get("sender"),
                         when.get("route")))
        parts.append(part)
    return parts


def expected(parts: list[list[Condition]], chosen: set[str], sender: str, route: str) -> set[str]:
    """The conditioned wordings a letter may use, by the rule the letter files state: of those whose conditions
    hold, the ones naming the most of sender and route."""
    found = set()
    for part in parts:
        holding = [(t, a, s, r) for t, a, s, r in part if a <= chosen and s in (None, sender) and r in (None, route)]
        top = max((s is not None) + (r is not None) for _, _, s, r in holding)
        found |= {t for t, a, s, r in holding if (s is not None) + (r is not None) == top and (a or s or r)}
    return found


@pytest.mark.parametrize("language", PARK.letter_languages)
def test_each_condition_of_the_fixture_is_reached_exactly_when_it_holds(language: str):
    parts = parts_of(language)
    wordings = [w for part in parts for w in part if w[1] or w[2] or w[3]]
    kinds = {("arguments" if a else "") + ("+sender" if s else "") + ("+route" if r else "")
             for _, a, s, r in wordings}
    assert {"arguments", "+sender", "+route", "arguments+sender"} <= kinds  # the fixture uses each condition
    client = build(PARK.root).test_client()
    reached: set[str] = set()
    for route in PARK.routes:
        for sender in PARK.senders:
            answers = answers_for(PARK, route, sender, language, personal="Парк нужен жителям района.")
            letter_of = letter_builder(client, PARK, answers)
            name = "organisation" if sender == "organisation" else "surname"
            for chosen in argument_sets(PARK):
                holding = expected(parts, set(chosen), sender, route)
                seen: set[str] = set()
                for n in range(40):  # other names, other picks: until each wording that may come has come
                    lines = set(letter_of({"arguments": list(chosen), name: [f"Ким{'а' * n}"]}).splitlines())
                    seen |= {text for text, *_ in wordings if text in lines}
                    assert seen <= holding, (route, sender, chosen, seen - holding)
                    if seen == holding:
                        break
                assert seen == holding, (route, sender, chosen, holding - seen)
                reached |= seen
    assert reached == {text for text, *_ in wordings}  # no condition is dead


# --- the outgoing number ------------------------------------------------------------------------------------------

def date_of(letter: str) -> str:
    """The letter's date as its date line gives it ("Дата: 01.12.2026" -> "01.12.2026", or the blank)."""
    return letter.rstrip("\n").split("\n\n")[-1].splitlines()[0].split(": ", 1)[1]


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_the_outgoing_number_heads_an_organisations_letter_only_when_given(campaign: Campaign):
    app = build(campaign.root)
    route = next(r for r in campaign.routes if r != "eotinish")
    for language in campaign.letter_languages:
        w = Wizard(app.test_client(), campaign)
        given = answers_for(campaign, route, "organisation", language, outgoing_number="№ 01-12/345", personal="")
        pages = w.run(given)
        assert "outgoing_number" in read_form(pages["about"].get_data(as_text=True))["fields"]
        html = pages["letter"].get_data(as_text=True)
        letter = letter_in(html)
        line = translated(app, language, "Our ref. %(number)s, %(date)s", number="01-12/345",
                          date=date_of(letter))
        assert letter.split("\n\n")[0] == line  # first, above the addressee, at the left
        printed = rf'<p class="letter-print__reference">{re.escape(line)}</p>\s*<div class="letter-print__head">'
        assert re.search(printed, html)
        pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(download_pdf(w, html).get_data())).pages)
        assert pdf.splitlines()[0] == line
        addressee = campaign.letter(language)["addressee"].splitlines()[0].strip()

        without = letter_in(Wizard(app.test_client(), campaign).run(
            answers_for(campaign, route, "organisation", language, personal=""))["letter"].get_data(as_text=True))
        assert without.splitlines()[0] == addressee
        # A person is never asked it, and a number slipped into a person's form stays out of the letter.
        person = Wizard(app.test_client(), campaign).run(
            answers_for(campaign, route, "person", language, personal=""))
        assert "outgoing_number" not in read_form(person["about"].get_data(as_text=True))["fields"]
        check = person["check"].get_data(as_text=True)
        form = Wizard.form_data(check)
        smuggled = w.post(urljoin(w.url("route"), read_form(check)["action"]), {**form, "outgoing_number": ["7"]})
        assert letter_in(smuggled.get_data(as_text=True)).splitlines()[0] == addressee


@pytest.mark.parametrize(("typed", "msgid"), [
    ("12<script>", "The outgoing number must only include letters, digits, spaces, full stops, slashes and hyphens"),
    ("1" * 31, "The outgoing number must be %(limit)s characters or fewer"),
])
def test_a_wrong_outgoing_number_is_named_on_the_about_step(typed: str, msgid: str):
    app = build(PARK.root)
    w = Wizard(app.test_client(), PARK)
    html = w.start().get_data(as_text=True)
    html = w.submit(html, {"route": "paper"}).get_data(as_text=True)
    html = w.submit(html, {"sender": "organisation"}).get_data(as_text=True)
    answers = answers_for(PARK, "paper", "organisation", outgoing_number=typed)
    about = w.submit(html, answers).get_data(as_text=True)
    assert w.step_of(about) == "about"
    assert errors_in(about) == [translated(app, PARK.default_locale, msgid, limit="30")]


# --- conditions that cannot hold stop start-up ----------------------------------------------------------------

@pytest.fixture()
def park_copy(tmp_path: Path) -> Path:
    target = tmp_path / "park"
    shutil.copytree(PARK.root, target)
    return target


ORG_CLOSING = "    - when: {sender: organisation}\n      text: 'Просим ответить"
ORG_INTRO_KK = "    - when: {sender: organisation}\n      text: 'Сізге Көктал"


@pytest.mark.parametrize(("relative", "old", "new", "marker", "message"), [
    ("ru.yml", ORG_CLOSING, ORG_CLOSING.replace("sender: organisation", "sender: company"), "sender: company",
     "'closing': `when: {sender: company}`: 'company' is not a kind of sender (person, organisation)"),
    ("ru.yml", ORG_CLOSING, ORG_CLOSING.replace("sender: organisation", "sender: eotinish"), "sender: eotinish",
     "'closing': `when: {sender: eotinish}`: 'eotinish' is not a kind of sender (person, organisation; "
     "eotinish is a route, whose senders are people: `route: eotinish`)"),
    ("kk.yml", ORG_INTRO_KK, ORG_INTRO_KK.replace("sender: organisation", "route: fax"), "route: fax",
     "'intro': `when: {route: fax}`: 'fax' is not a route (eotinish, paper, email)"),
    ("ru.yml", ORG_CLOSING, ORG_CLOSING.replace("{sender: organisation}", "{sender: organisation, lang: ru}"),
     "lang: ru", "'closing': `when` has no condition 'lang' (known: arguments, sender, route)"),
    ("ru.yml", ORG_CLOSING, ORG_CLOSING.replace("{sender: organisation}", "{}"), "when: {}",
     "'closing': `when` names no condition (arguments, sender, route)"),
    ("kk.yml", "when: {arguments: [hearings], sender: organisation}",
     "when: {arguments: [hearings, lakes], sender: organisation}", "lakes",
     "'demand': `when: {arguments: lakes}` names no argument of arguments.yml (trees, hearings, heat)"),
    ("kk.yml", "    - when: hearings\n", "    - when: [hearings, lakes]\n", "when: [hearings, lakes]",
     "'demand': `when: lakes` names no argument of arguments.yml (trees, hearings, heat)"),
])
def test_a_condition_mistake_names_the_file_and_line(park_copy: Path, relative: str, old: str, new: str,
                                                    marker: str, message: str):
    path = park_copy / "complaint" / relative
    edit(path, old, new)
    line = line_of(path, marker)
    with pytest.raises(ContentError) as raised:
        make_app(park_copy)
    assert str(raised.value) == f"{path}:{line}: {message}"


def test_a_wording_for_a_route_not_offered_is_a_warning_and_never_used(park_copy: Path):
    """Like a route text for a route not offered: the site serves without it, and the check names it."""
    path = park_copy / "complaint" / "kk.yml"
    edit(path, ORG_INTRO_KK, ORG_INTRO_KK.replace("sender: organisation", "route: eotinish"))
    line = line_of(path, "route: eotinish")
    with collecting_warnings() as warnings:
        offer = make_app(park_copy).extensions["campaign_site"].offer
    assert [str(w) for w in warnings] == [
        f"{path}:{line}: 'intro': `when: {{route: eotinish}}` never holds: settings.yml does not offer the route "
        "'eotinish' (paper, email): delete the wording, or add eotinish to `routes`"]
    assert "eotinish" not in offer.routes


def test_a_campaign_that_stops_accepting_organisations_keeps_their_wordings(park_copy: Path):
    """A sender kind it does not accept is no mistake either: the campaign can accept organisations again
    without writing their wordings anew."""
    edit(park_copy / "complaint" / "settings.yml", "senders: [person, organisation]", "senders: [person]")
    offer = make_app(park_copy).extensions["campaign_site"].offer
    assert offer.senders == ("person",)
    assert any(w.sender == "organisation" for w in offer.letters["kk"].parts["intro"])


def test_an_eotinish_wording_for_an_organisation_never_holds(park_copy: Path):
    edit(park_copy / "complaint" / "settings.yml", "routes: [paper, email]", "routes: [eotinish, paper, email]")
    for locale in PARK.locales:
        shutil.copy(park_copy / "complaint" / "routes" / locale / "paper.md",
                    park_copy / "complaint" / "routes" / locale / "eotinish.md")
    path = park_copy / "complaint" / "ru.yml"
    edit(path, ORG_CLOSING, ORG_CLOSING.replace("{sender: organisation}", "{sender: organisation, route: eotinish}"))
    line = line_of(path, "route: eotinish")
    with pytest.raises(ContentError) as raised:
        make_app(park_copy)
    assert str(raised.value) == (f"{path}:{line}: 'closing': `when` never holds: eOtinish appeals come from "
                                 "people, not from 'organisation'")


def test_a_heading_needs_a_wording_for_every_letter(park_copy: Path):
    path = park_copy / "complaint" / "ru.yml"
    edit(path, "    - 'Для меня этот вопрос важен, потому что:'\n",
         "    - when: {sender: person}\n      text: 'Для меня этот вопрос важен, потому что:'\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("personal_heading:") + 2  # its `wordings:`, the line after
    with pytest.raises(ContentError) as raised:
        make_app(park_copy)
    assert str(raised.value) == (f"{path}:{line}: 'personal_heading' needs at least one wording without `when`, "
                                 "for letters its conditions do not meet")
