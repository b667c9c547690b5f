"""The wizard's answers: read from a submitted form, cleaned, and written back as hidden fields.

Nothing here is stored anywhere: the answers travel in each POST body and are rebuilt on every request.
No Flask: these are plain functions over a mapping of form values and the schema.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Protocol

from .schema import APPEAL, FIELDS, FIELDS_BY_NAME, IDENTIFIED, ROUTES, STEP_NAMES, Field, Route

Value = str | tuple[str, ...]

# Invisible characters that could hide text in a letter or make two names look alike: every format character
# (Unicode category Cf: bidi controls, zero-width joiners, tag characters…), controls, and the Hangul and
# halfwidth fillers that render as blanks. Line and paragraph separators become line breaks.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
SEPARATORS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\u0085": "\n", "\t": " "})


def is_invisible(char: str) -> bool:
    return char in FILLERS or (char != "\n" and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"))


class _Visible(dict):
    """A str.translate table that deletes invisible characters, each looked up once (up to a bound)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if is_invisible(chr(code)) else code
        if len(self) < 65536:
            self[code] = kept
        return kept


VISIBLE = _Visible()


def clean_text(value: str, multiline: bool = False) -> str:
    """Normalize, drop invisible characters, trim; keep line breaks only where a field may have them."""
    if not value:
        return ""
    if value.isprintable() and FILLERS.isdisjoint(value):
        # The common case, a line of visible text: no separator or invisible character to look up one by one.
        value = unicodedata.normalize("NFC", value)
    else:
        value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").translate(SEPARATORS)).translate(VISIBLE)
    if not multiline:
        return " ".join(value.split())  # runs of whitespace (str.split's and the regex \s's alike) as one space
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def empty(f: Field) -> Value:
    return () if f.kind.is_list else ""


@dataclass(frozen=True)
class Answers:
    """Every answer by field name (a string, or a tuple for multiple choices), the steps completed, and the
    letter they are for (schema.LETTER_KINDS; any other value is a tampered form's, for validation to refuse)."""

    values: Mapping[str, Value] = field(default_factory=lambda: MappingProxyType({}))
    done: tuple[str, ...] = ()
    kind: str = APPEAL

    def __getitem__(self, name: str) -> Value:
        value = self.values.get(name)
        return empty(FIELDS_BY_NAME[name]) if value is None else value

    def text(self, name: str) -> str:
        value = self[name]
        return value if isinstance(value, str) else ""

    def chosen(self, name: str) -> tuple[str, ...]:
        value = self[name]
        return value if isinstance(value, tuple) else ()

    def with_values(self, **changes: Value) -> Answers:
        return replace(self, values=MappingProxyType({**self.values, **changes}))

    def with_done(self, step: str) -> Answers:
        return replace(self, done=tuple(s for s in STEP_NAMES if s in self.done or s == step))

    @property
    def route(self) -> Route | None:
        """The route chosen, None until it is (or when the value is none of them)."""
        return ROUTES.get(self.text("route"))

    @cached_property
    def sender_kind(self) -> str | None:
        """The kind of sender (schema.SENDER_KINDS): the one the route identifies, else the one chosen; None until
        the answers say."""
        route = self.route
        if route is not None and route.identifies_sender:
            return IDENTIFIED
        return self.text("sender") or None

    def hidden_fields(self, skip: Iterable[str] = ()) -> list[tuple[str, str]]:
        """(name, value) pairs that carry these answers in the next form; `skip` the fields it asks anew."""
        skip = set(skip)
        pairs: list[tuple[str, str]] = []
        for f in FIELDS:
            if f.name in skip:
                continue
            value = self[f.name]
            if isinstance(value, tuple):
                pairs.extend((f.name, item) for item in value)
            elif value:
                pairs.append((f.name, value))
        pairs.append(("done", ",".join(self.done)))
        pairs.append(("kind", self.kind))
        return pairs


class Form(Protocol):
    """A form's data, as werkzeug's MultiDict gives it: one value of a name, or all of them."""

    def get(self, key: str, default: str) -> str: ...

    def getlist(self, key: str) -> list[str]: ...


def read_value(f: Field, form: Form) -> Value:
    if f.kind.is_list:
        return tuple(dict.fromkeys(v for v in (clean_text(raw) for raw in form.getlist(f.name)) if v))
    raw = form.get(f.name, "")
    if not raw:
        return ""
    value = clean_text(raw, f.kind.multiline)
    if f.kind.normalize is not None:
        value = f.kind.normalize(value)
    if f.kind.control == "flag":
        return "yes" if value == "yes" else ""
    return value


def read_answers(form: Form) -> Answers:
    """Every answer the form carries, cleaned; unknown values are kept as given so validation can reject them."""
    done = tuple(step for step in form.get("done", "").split(",") if step in STEP_NAMES)
    return Answers(MappingProxyType({f.name: read_value(f, form) for f in FIELDS}), done,
                   form.get("kind", "") or APPEAL)
