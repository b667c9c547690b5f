"""The default campaign's letters, read as a lawyer would sign them, over every wording a letter can get: each
combination of route, sender and arguments, and for each part every wording the engine may pick for it (the
candidates), not only the ones a few answers happen to pick.

- An organisation's letter never speaks as one private person (no first person singular anywhere).
- A part that is not an argument (intro, demand, closing…) claims a legal ground only in letters that make
  the argument behind it.
- The letter is named as the eOtinish route tells people to file it, and never calls itself a complaint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

import pytest

from campaign.wizard.letter import candidates
from campaign.wizard.model import ENDING, OPENING, Offer, Situation, Wording
from campaign.wizard.schema import ROUTES

from ..conftest import DEFAULT, build

# The first person singular: pronouns, possessives and verb forms ("прошу", "обращаюсь"; "сұраймын", "маған").
FIRST_SINGULAR = {
    "ru": re.compile(r"\b(?:я|меня|мне|мной|мною|мой|моя|моё|мое|мои|моего|моей|моему|моим|моими|моих|моём|моем|"
                     r"мою|прошу|благодарю|хочу|могу|требую|\w+(?:аю|яю|ею|юсь))\b", re.I),
    # A verb's "-мын/-мін" follows a vowel, "й" or "р" ("сұраймын", "өтінемін", "отырмын"); a noun's "-ымыз"
    # is the plural ("өтінішіміз"), "-ін" after "ім" a third person ("сезімін").
    "kk": re.compile(r"\b(?:менің|маған|мені|менде|менен|менімен|өзім\w*|\w+[аеәйр]м[ыі]н|\w+(?:ымша|імше)|"
                     r"(?:өтініш|шағым|арыз)[ыі]м(?![ыі]з)\w*)\b", re.I),
}

# A legal qualifier outside the arguments, and the arguments any one of which makes it good.
LEGAL = frozenset({"appc", "constitution", "iccpr"})
QUALIFIERS = {
    "ru": {
        r"противореч\w* (?:закону|законодательству|нормам)": LEGAL,
        r"несовместим\w* с правами": LEGAL,
        r"Административн\w* процедурно": frozenset({"appc"}),
        r"Конституци": frozenset({"constitution"}),
        r"международн\w* обязательств|Международн\w* пакт": frozenset({"iccpr"}),
        r"сбора подписей": frozenset({"signatures"}),
    },
    "kk": {
        r"заң\w* (?:\w+ )?қайшы": LEGAL,
        r"құқықтары мен бостандықтарына сыйыспайтын": LEGAL,
        r"Әкімшілік рәсімдік": frozenset({"appc"}),
        r"Конституция": frozenset({"constitution"}),
        r"халықаралық міндеттеме|халықаралық пакт": frozenset({"iccpr"}),
        r"қол жинау": frozenset({"signatures"}),
    },
}
# The texts the review found in letters that did not make the argument: the patterns above must catch them.
OLD_QUALIFIED = {
    "ru": ("…и отказать в её удовлетворении как противоречащей закону.",
           "…прекратить её рассмотрение как несовместимую с правами и свободами человека.",
           "…противоречит законодательству Республики Казахстан и её международным обязательствам."),
    "kk": ("…оны заңға қайшы келетін петиция ретінде қанағаттандырудан бас тартуды сұраймын.",
           "…адамның құқықтары мен бостандықтарына сыйыспайтын петиция ретінде…",
           "…Қазақстан Республикасының заңнамасына және оның халықаралық міндеттемелеріне қайшы келеді."),
}
NOT_ARGUMENTS = (*OPENING, *ENDING)


@pytest.fixture(scope="module")
def offer() -> Offer:
    return build(DEFAULT.root).extensions["campaign_site"].offer


def situations(offer: Offer, sender: str | None = None) -> Iterator[Situation]:
    """Every situation a letter of the campaign can be written in (of one kind of sender, if given)."""
    sets = [frozenset(c) for n in range(1, len(offer.arguments) + 1) for c in combinations(offer.arguments, n)]
    for route in offer.routes:
        for kind in ("person",) if ROUTES[route].identifies_sender else offer.senders:
            if sender in (None, kind):
                yield from (Situation(arguments, kind, route) for arguments in sets)


def parts_of(offer: Offer, language: str, situation: Situation) -> Iterator[tuple[str, Wording]]:
    """(part, wording) for every wording a letter in this situation may get, arguments included."""
    wordings = offer.letters[language]
    keys = [*NOT_ARGUMENTS, *(f"argument:{a}" for a in situation.arguments)]
    for key in keys:
        for wording in candidates(wordings.parts[key], situation):
            yield key, wording
    for wording in candidates(wordings.personal_heading, situation):
        yield "personal_heading", wording


@pytest.mark.parametrize("language", DEFAULT.letter_languages)
def test_an_organisations_letter_has_no_first_person_singular_in_any_wording(offer, language):
    detector = FIRST_SINGULAR[language]
    found, seen = set(), set()
    for situation in situations(offer, "organisation"):
        for key, wording in parts_of(offer, language, situation):
            seen.add(wording)
            found |= {(key, m) for m in detector.findall(wording.text)}
    found |= {("subject", m) for m in detector.findall(offer.letters[language].subject)}
    assert found == set()
    # Every wording written for organisations was among those checked.
    letter = offer.letters[language]
    written = {w for part in (*letter.parts.values(), letter.personal_heading) for w in part
               if w.sender == "organisation"}
    assert written <= seen
    # The detector is not blind: a person's letter does speak in the first person.
    person = next(situations(offer, "person"))
    assert any(detector.search(w.text) for _, w in parts_of(offer, language, person))


@pytest.mark.parametrize("language", DEFAULT.letter_languages)
def test_no_part_claims_a_legal_ground_the_letter_does_not_argue(offer, language):
    unbacked: dict[tuple[str, str, str], tuple[str, ...]] = {}  # (part, pattern, wording) -> arguments made
    used = set()
    for situation in situations(offer):
        for key, wording in parts_of(offer, language, situation):
            if key not in NOT_ARGUMENTS and key != "personal_heading":
                continue  # an argument's paragraph is the argument itself
            for pattern, backers in QUALIFIERS[language].items():
                if re.search(pattern, wording.text):
                    used.add(pattern)
                    if not backers & situation.arguments:
                        unbacked[key, pattern, wording.text[:70]] = tuple(sorted(situation.arguments))
    assert unbacked == {}
    # Each letter, whatever it argues, has an intro and a demand to choose from.
    for situation in situations(offer):
        for key in ("intro", "demand"):
            assert candidates(offer.letters[language].parts[key], situation), (key, situation)
    assert used, "no qualified wording at all: the check saw nothing"


@pytest.mark.parametrize("language", DEFAULT.letter_languages)
def test_the_qualifier_patterns_catch_what_the_review_found(language):
    for text in OLD_QUALIFIED[language]:
        assert any(re.search(p, text) for p in QUALIFIERS[language]), text


SELF_AS_COMPLAINT = {"ru": re.compile(r"жалоб", re.I), "kk": re.compile(r"шағым", re.I)}


@pytest.mark.parametrize("language", DEFAULT.letter_languages)
def test_the_letter_is_named_as_the_portal_route_tells_people_to_file_it(offer, language):
    """The eOtinish route tells people which type of appeal to choose; the letter's title names that type, and
    no wording calls the letter a complaint (one challenges a decision already taken)."""
    letter = offer.letters[language]
    outside_quotes = re.sub(r"«[^»]*»", "", letter.subject)  # the petition's title has capitals of its own
    kind = next(word for word in outside_quotes.split() if word.isupper() and len(word) > 2)
    portal = [route for route in offer.routes if ROUTES[route].identifies_sender]
    assert portal
    for route in portal:
        text = str(offer.route_texts[route][language].instructions)
        assert re.search(rf"«{kind}»", text, re.I), (kind, route)
    wordings = {w.text for part in (*letter.parts.values(), letter.personal_heading) for w in part}
    assert [t for t in (letter.subject, *wordings) if SELF_AS_COMPLAINT[language].search(t)] == []
