"""The answers file: what a visitor may keep on their own device, and read back on the follow-up page.

The site stores nothing, so a visitor who comes back weeks later to write the next letter either types the few
fields of the card again or uploads this file. It is a small JSON object:

    {"format": "appeal-answers", "version": 1, "answers": {"surname": "…", "arguments": ["…", "…"], …}}

Reading it trusts nothing: a size cap, strict UTF-8, a JSON object of exactly that shape, only the schema's field
names, text only (a list only for a list field), no control characters. What passes is handed on as form values,
which the wizard then cleans and validates by its own rules, as if typed; it is only ever drawn escaped. Every
refusal is a `SavedFileError` whose message is a msgid, translated where it is shown.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from ..texts import N_
from ..wizard.answers import Answers
from ..wizard.schema import FIELDS, FIELDS_BY_NAME

FORMAT = "appeal-answers"
VERSION = 1
# Every answer at its longest is under 20 KB; twice that leaves room for escapes (\uXXXX), and no more.
SIZE_LIMIT = 40 * 1024
# Never kept in the file: the device question is asked afresh (and a file is not offered on a shared device).
NOT_SAVED = frozenset({"shared_device"})
TOP_KEYS = frozenset({"format", "version", "answers"})
LINE_BREAKS = frozenset("\n")  # the only control character a cleaned answer holds (multi-line fields)


@dataclass(frozen=True)
class SavedFileError(Exception):
    """Why a file was refused: a msgid (it may use %(limit)s, the size cap in KB)."""

    message: str


# Each refusal, worded for the visitor; nothing of the file is repeated in it.
NO_FILE = N_("Choose the file with your saved answers, then upload it.")
EMPTY = N_("The file you chose is empty. Choose the file with your saved answers.")
TOO_LARGE = N_("The file you chose is larger than a file of saved answers can be (%(limit)s KB). Choose the file "
               "“Save my answers” gave you.")
PDF = N_("The file you chose is a PDF, perhaps the letter itself. Choose the file with your saved answers: its "
         "name ends in .json.")
NOT_UTF8 = N_("The file you chose is not a text file in UTF-8, so it is not one of saved answers. Choose the file "
              "“Save my answers” gave you.")
NOT_JSON = N_("The file you chose could not be read as saved answers: its text is not in their format, or it was "
              "changed after it was saved.")
NOT_OBJECT = N_("The file you chose does not hold saved answers in their format.")
WRONG_FORMAT = N_("The file you chose was not made by “Save my answers” on this site.")
NO_VERSION = N_("The file you chose does not say which version of saved answers it is, so it cannot be read.")
WRONG_VERSION = N_("The file you chose was saved in another version of this site’s format, which cannot be read "
                   "here. Type the answers in the form instead.")
DUPLICATE = N_("The file you chose gives the same answer twice, so it was changed after it was saved. Choose the "
               "file as “Save my answers” gave it, or type the answers in the form.")
UNKNOWN_FIELD = N_("The file you chose holds an answer this site’s form does not ask for, so it was not read.")
NOT_TEXT = N_("The file you chose holds an answer that is not text, so it was not read.")
NOT_ONE_TEXT = N_("The file you chose holds a list where an answer is a single text, so it was not read.")
CONTROL = N_("The file you chose holds invisible control characters, so it was not read.")


def dump(answers: Answers) -> bytes:
    """The file of `answers`: every field answered, in the schema's order (lists for list fields)."""
    kept: dict[str, str | list[str]] = {}
    for f in FIELDS:
        value = answers[f.name]
        if f.name in NOT_SAVED or not value:
            continue
        kept[f.name] = list(value) if isinstance(value, tuple) else value
    text = json.dumps({"format": FORMAT, "version": VERSION, "answers": kept}, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def no_duplicates(pairs: Iterable[tuple[str, object]]) -> dict[str, object]:
    """A JSON object's members, refusing a name given twice (json keeps the last one silently)."""
    members: dict[str, object] = {}
    for name, value in pairs:
        if name in members:
            raise SavedFileError(DUPLICATE)
        members[name] = value
    return members


def has_control(text: str) -> bool:
    return any(unicodedata.category(char) == "Cc" and char not in LINE_BREAKS for char in text)


def load(data: bytes) -> MultiDict:
    """The answers a file holds, as the form values the wizard reads; SavedFileError when it is not such a file."""
    if not data:
        raise SavedFileError(EMPTY)
    if len(data) > SIZE_LIMIT:
        raise SavedFileError(TOO_LARGE)
    if data.startswith(b"%PDF-"):
        raise SavedFileError(PDF)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SavedFileError(NOT_UTF8) from None
    try:
        # Strict JSON: no NaN or Infinity (they are not JSON), no name twice.
        document = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=refuse_constant)
    except (ValueError, RecursionError):  # JSONDecodeError, and a number too long for int() (over 4,300 digits)
        raise SavedFileError(NOT_JSON) from None
    if not isinstance(document, dict):
        raise SavedFileError(NOT_OBJECT)
    if document.get("format") != FORMAT:
        raise SavedFileError(WRONG_FORMAT)
    version = document.get("version")
    if version is None:
        raise SavedFileError(NO_VERSION)
    if type(version) is not int or version != VERSION:  # a bool is an int to Python, not a version
        raise SavedFileError(WRONG_VERSION)
    if not set(document) <= TOP_KEYS or not isinstance(document.get("answers"), dict):
        raise SavedFileError(NOT_OBJECT)
    return form_of(document["answers"])


def refuse_constant(name: str) -> object:
    raise SavedFileError(NOT_JSON)


def form_of(answers: dict[str, object]) -> MultiDict:
    """The file's answers as form values, each checked for its field's shape only."""
    form = MultiDict()
    for name, value in answers.items():
        f = FIELDS_BY_NAME.get(name)
        if f is None or name in NOT_SAVED:
            raise SavedFileError(UNKNOWN_FIELD)
        if isinstance(value, list):
            if not f.kind.is_list:
                raise SavedFileError(NOT_ONE_TEXT)
            items = value
        else:
            items = [value]
        for item in items:
            if not isinstance(item, str):
                raise SavedFileError(NOT_TEXT)
            if has_control(item):
                raise SavedFileError(CONTROL)
            form.add(name, item)
    return form
