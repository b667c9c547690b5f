"""The wizard's Flask-free core, called directly: cleaning typed text, reading a form, the path and the checks of
each step, and the letter. The campaign's offer is the fixture campaign's, as the engine loads it; what a test
expects of the campaign it reads from the campaign's own files."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping

import pytest
from werkzeug.datastructures import MultiDict

from campaign.wizard.answers import Answers, clean_text, read_answers
from campaign.wizard.letter import BLANK, build_letter, pick
from campaign.wizard.model import Offer, Situation, Wording
from campaign.wizard.schema import FIELDS_BY_NAME, IDENTIFIED, STEP_NAMES
from campaign.wizard.steps import Progress, field_error, implied

from .conftest import ORGANISATION, PARK, PERSON, VALID_IIN, build, make_app, variant

INVISIBLE = "\u200b\u200d\u2060\u202e\u00ad\ufeff\u3164\x07\U000e0041"


@pytest.fixture(scope="module")
def offer() -> Offer:
    return build(PARK.root).extensions["campaign_site"].offer


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Offer:
    """An offer with one route, one sender and one letter language."""
    campaign = variant(PARK, tmp_path_factory.mktemp("single"), {"campaign.yml": {"shared_device_question": True},
                                                               "complaint/settings.yml": {
        "routes": ["paper"], "senders": ["person"], "letter_languages": [PARK.letter_languages[-1]], "email": ""}})
    return make_app(campaign.root).extensions["campaign_site"].offer


def form(**values: object) -> Answers:
    """The answers a browser's form with these values gives (a list is a field sent several times)."""
    pairs = [(name, item) for name, value in values.items()
             for item in (value if isinstance(value, list) else [value])]
    return read_answers(MultiDict(pairs))


def person(**extra: object) -> Answers:
    return form(**{"route": "paper", "sender": "person", **PERSON, "arguments": list(PARK.arguments[:2]),
                   "letter_language": PARK.letter_languages[0], **extra})


# --- clean_text ----------------------------------------------------------------------------------------------------


def test_clean_text_drops_invisible_characters_and_joins_what_they_split():
    assert clean_text(f"Жұ{INVISIBLE}мабек") == "Жұмабек"


def test_clean_text_composes_letters_and_makes_one_line_of_a_line_field():
    decomposed = "Zoe\u0308  \t Ли\r\nКим\u2028 "
    assert clean_text(decomposed) == "Zoë Ли Ким"
    assert clean_text(decomposed) == unicodedata.normalize("NFC", clean_text(decomposed))


def test_clean_text_keeps_line_breaks_of_a_multiline_field_and_at_most_one_empty_line():
    typed = "  Алматы,\r\nАбая 1  \r\rкв.\u00a0 5\u2029\n\n\n\nКазахстан \t"
    assert clean_text(typed, multiline=True) == "Алматы,\nАбая 1\n\nкв. 5\n\nКазахстан"


@pytest.mark.parametrize("typed", ["", "   ", INVISIBLE, "\n\r\n\t"])
def test_clean_text_of_nothing_visible_is_empty(typed):
    assert clean_text(typed) == "" and clean_text(typed, multiline=True) == ""


# --- reading a form ------------------------------------------------------------------------------------------------


def test_reading_a_form_cleans_normalizes_and_deduplicates():
    answers = form(route="paper", sender="person", surname=f" Ким{INVISIBLE} ", iin="9001 0130-0126",
                   phone="+٧ ٧٠١ ١٢٣ ٤٥ ٦٧", arguments=["trees", " trees", "", "heat"], shared_device="on",
                   done="route,nowhere,sender")
    assert answers["surname"] == "Ким" and answers["iin"] == VALID_IIN and answers["phone"] == "+7 701 123 45 67"
    assert answers["arguments"] == ("trees", "heat")
    assert answers["shared_device"] == ""  # a flag is "yes" or nothing
    assert form(shared_device="yes")["shared_device"] == "yes"
    assert answers.done == ("route", "sender")


def test_unknown_values_are_kept_for_the_checks_to_refuse():
    answers = form(route="pigeon", arguments=["trees", "drop-tables"])
    assert answers["route"] == "pigeon" and answers["arguments"] == ("trees", "drop-tables")


def test_a_field_not_sent_is_empty_and_nothing_else_is_read():
    answers = read_answers(MultiDict({"arguments": "trees", "other": "x"}))
    assert answers["surname"] == "" and answers["given_name"] == "" and answers["arguments"] == ("trees",)
    assert "other" not in answers.values


def test_the_hidden_fields_carry_the_answers_whole():
    answers = person(personal="Строка 1\nСтрока 2").with_done("about").with_done("route")
    assert answers.done == ("route", "about")  # in the wizard's order
    carried = read_answers(MultiDict(answers.hidden_fields()))
    assert carried == answers
    without = dict(answers.hidden_fields(skip=["surname", "arguments"]))
    assert "surname" not in without and "arguments" not in without and without["given_name"] == "Әсел"


def test_the_sender_kind_follows_the_route_then_the_sender():
    assert form(route="eotinish", sender="organisation").sender_kind == IDENTIFIED
    assert form(route="paper", sender="organisation").sender_kind == "organisation"
    assert form(route="paper").sender_kind is None


# --- field_error ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value", "code"), [
    ("surname", "", "required"), ("surname", "Ким", None), ("surname", "Ким2", "invalid"),
    ("surname", "К" * 101, "too_long"), ("patronymic", "", None), ("iin", "", None), ("iin", VALID_IIN, None),
    ("iin", VALID_IIN[:-1] + "7", "invalid"), ("email", "name@example", "invalid"), ("email", "a@b.kz", None),
    ("personal", "я" * 2000, None), ("personal", "я" * 2001, "too_long"), ("route", "paper", None),
    ("route", "pigeon", "required"), ("route", "eotinish", "required"), ("arguments", ["trees", "x"], "required"),
    ("arguments", [], "required"), ("letter_language", "de", "required"),
])
def test_each_field_gives_the_error_its_value_earns(offer, name, value, code):
    error = field_error(FIELDS_BY_NAME[name], form(**{name: value}), offer)
    assert (error.code if error else None) == code
    if error:
        assert error.message == FIELDS_BY_NAME[name].errors[code]


# --- implied -------------------------------------------------------------------------------------------------------


def test_a_single_option_is_implied(single):
    answers = implied(form(surname="Ким"), single)
    assert answers["route"] == "paper" and answers["sender"] == "person"
    assert answers["letter_language"] == PARK.letter_languages[-1]
    assert answers["arguments"] == ()  # several arguments are offered: nothing chosen for the visitor


def test_chosen_arguments_are_put_in_the_campaigns_order_unknown_ones_last(offer):
    answers = implied(form(arguments=[PARK.arguments[2], "x", PARK.arguments[0]]), offer)
    assert answers["arguments"] == (PARK.arguments[0], PARK.arguments[2], "x")


def test_fields_of_another_kind_of_sender_are_emptied(offer):
    switched = implied(form(**{"route": "paper", "sender": "person", **ORGANISATION, **PERSON}), offer)
    assert switched["surname"] == PERSON["surname"] and switched["address"] == PERSON["address"]
    assert switched["organisation"] == "" and switched["bin"] == "" and switched["signatory_name"] == ""
    unknown = implied(form(route="paper", **ORGANISATION), offer)
    assert unknown["organisation"] == ORGANISATION["organisation"]  # the sender is not known yet: kept


# --- Progress ------------------------------------------------------------------------------------------------------


def test_the_path_is_the_longest_until_the_answers_say(offer, single):
    appeal = tuple(s for s in STEP_NAMES if s != "case")  # the appeal's case is asked of follow-up letters only
    assert Progress(form(), offer).path == appeal
    assert Progress(form(route="eotinish"), offer).path == tuple(s for s in appeal if s != "sender")
    assert Progress(implied(form(), single), single).path == tuple(s for s in appeal if s != "sender")


def test_steps_follow_each_other_on_the_path(offer):
    progress = Progress(person(), offer)
    assert [progress.next_step(s) for s in progress.path] == [*progress.path[1:], None]
    assert [progress.previous_step(s) for s in progress.path] == [None, *progress.path[:-1]]
    assert progress.step_number("about") == (3, 6)
    assert progress.next_step("nowhere") is None


def test_a_steps_errors_come_in_the_order_of_its_fields(offer):
    answers = form(route="paper", sender="person", iin="1", email="x")
    codes = [(e.field.name, e.code) for e in Progress(answers, offer).validate("about")]
    assert codes == [("surname", "required"), ("given_name", "required"), ("iin", "invalid"),
                     ("address", "required"), ("email", "invalid")]


def test_a_step_is_reached_only_with_every_earlier_answer_valid(offer):
    assert Progress(person(), offer).carried_answers_valid("letter")
    assert not Progress(person(surname=""), offer).carried_answers_valid("check")
    assert Progress(person(surname=""), offer).carried_answers_valid("about")  # about is where it is asked
    assert not Progress(implied(form(route="eotinish", full_name="Ли"), offer), offer).carried_answers_valid(
        "letter")  # a route the campaign does not offer


# --- the letter ----------------------------------------------------------------------------------------------------


def label(msgid: str) -> str:
    """A stand-in translation that shows where the letter used one."""
    return f"<{msgid}>"


def letter_text(answers: Answers, offer: Offer, day: dt.date | None = dt.date(2031, 5, 2)) -> str:
    return build_letter(implied(answers, offer), offer, day, label).text


def test_the_same_answers_give_the_same_letter_and_other_answers_other_wordings(offer):
    assert letter_text(person(), offer) == letter_text(person(), offer)
    texts = {letter_text(person(surname=f"Ким{'а' * n}"), offer).split("\n\n", 2)[2] for n in range(12)}
    assert len(texts) > 1


def test_a_persons_letter_names_them_and_ends_with_the_date_and_a_signature_line(offer):
    language = PARK.letter_languages[0]
    letter = PARK.letter(language)
    text = letter_text(person(personal="Мой парк.", address="Алматы,\nАбая 1"), offer)
    head, title, *_ = text.split("\n\n")
    addressee = [line.strip() for line in letter["addressee"].splitlines() if line.strip()]
    name = f"{PERSON['surname']} {PERSON['given_name']}"
    assert head.splitlines() == [*addressee, f"{letter['sender_prefix']} {name}", f"<IIN>: {VALID_IIN}",
                                 "<Postal address>: Алматы,", "Абая 1", f"<Email>: {PERSON['email']}"]
    assert title == letter["subject"]
    # The heading's one wording without conditions is the one a person's letter takes.
    person_heading = next(w for w in letter["personal_heading"]["wordings"] if isinstance(w, str))
    assert f"\n\n{person_heading}\nМой парк.\n\n" in text
    assert text.endswith(f"\n\n<Date>: 02.05.2031\n<Signature>: {BLANK} {name}\n")


def test_an_organisations_letter_is_signed_by_its_signatory(offer):
    answers = form(route="paper", sender="organisation", **ORGANISATION, arguments=[PARK.arguments[0]],
                   letter_language=PARK.letter_languages[-1])
    text = letter_text(answers, offer, day=None)
    assert f"{ORGANISATION['organisation']}\n<BIN>: {ORGANISATION['bin']}\n" in text
    assert text.endswith(f"\n\n<Date>: {BLANK}\n"
                         f"{ORGANISATION['signatory_position']} {BLANK} {ORGANISATION['signatory_name']}\n")


def test_the_arguments_make_paragraphs_in_the_campaigns_order(offer):
    language = PARK.letter_languages[0]
    chosen = [PARK.arguments[2], PARK.arguments[0]]
    paragraphs = letter_text(person(arguments=chosen), offer).split("\n\n")
    found = [next(i for i, p in enumerate(paragraphs) if p in PARK.wordings(language, a)) for a in PARK.arguments
             if a in chosen]
    assert found == sorted(found) and len(found) == 2
    assert not any(p in PARK.wordings(language, PARK.arguments[1]) for p in paragraphs)


# --- pick ----------------------------------------------------------------------------------------------------------


WORDINGS = (Wording("plain one"), Wording("plain two"), Wording("with trees", frozenset({"trees"})),
            Wording("with both", frozenset({"trees", "heat"})))


def picked(chosen: set[str], seeds: int = 200, slot: str = "demand") -> Mapping[str, int]:
    counts: dict[str, int] = {}
    for n in range(seeds):
        text = pick(WORDINGS, Situation(frozenset(chosen), "person", "paper"), n.to_bytes(4, "big"), slot)
        counts[text] = counts.get(text, 0) + 1
    return counts


def test_pick_takes_only_wordings_whose_arguments_are_chosen_and_each_of_those():
    assert set(picked(set())) == {"plain one", "plain two"}
    assert set(picked({"trees"})) == {"plain one", "plain two", "with trees"}
    assert set(picked({"trees", "heat", "hearings"})) == {w.text for w in WORDINGS}


def test_pick_is_the_same_for_a_seed_and_slot_and_differs_between_slots():
    seed = b"answers"
    plain = Situation(frozenset(), "person", "paper")
    assert pick(WORDINGS, plain, seed, "demand") == pick(WORDINGS, plain, seed, "demand")
    by_slot = {slot: [pick(WORDINGS, plain, n.to_bytes(4, "big"), slot) for n in range(50)]
               for slot in ("demand", "closing")}
    assert by_slot["demand"] != by_slot["closing"]
