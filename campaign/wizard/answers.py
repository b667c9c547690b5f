"""The wizard's answers: read from a submitted form, cleaned, and written back as hidden fields.

Nothing here is stored anywhere: the answers travel in each POST body and are rebuilt on every request.
No Flask imports: these are plain functions over a mapping of form values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields

ROUTES = ("eotinish", "alternative", "foreign")
LETTER_LANGUAGES = ("ru", "kk")
STEPS = ("route", "about", "complaint")  # the steps whose answers are carried

LIMITS = {
    "full_name": 100, "surname": 100, "given_name": 100, "patronymic": 100,
    "iin": 20, "address": 300, "email": 254, "phone": 30, "personal": 2000,
}
MULTILINE = frozenset({"address", "personal"})
# Every control character except the newline (kept in multi-line fields only).
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Answers:
    route: str = ""
    full_name: str = ""  # the eOtinish route: optional, for the text only
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    iin: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    arguments: tuple[str, ...] = ()
    personal: str = ""
    letter_language: str = ""
    done: tuple[str, ...] = ()  # the steps already completed, in order

    @property
    def is_alternative(self) -> bool:
        return self.route in ("alternative", "foreign")

    @property
    def sender_name(self) -> str:
        if self.is_alternative:
            return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)
        return self.full_name

    def with_done(self, step: str) -> Answers:
        done = tuple(s for s in STEPS if s in self.done or s == step)
        return replace_answers(self, done=done)

    def hidden_fields(self, skip: Iterable[str] = ()) -> list[tuple[str, str]]:
        """(name, value) pairs that carry these answers in the next form; `skip` the fields it asks anew."""
        skip = set(skip)
        pairs: list[tuple[str, str]] = []
        for name, value in asdict(self).items():
            if name in skip or name == "done":
                continue
            if isinstance(value, (tuple, list)):
                pairs.extend((name, item) for item in value)
            elif value:
                pairs.append((name, value))
        pairs.append(("done", ",".join(self.done)))
        return pairs


def replace_answers(answers: Answers, **changes: object) -> Answers:
    values = asdict(answers)
    values.update(changes)
    values["arguments"] = tuple(values["arguments"])
    values["done"] = tuple(values["done"])
    return Answers(**values)


def clean_text(value: str, multiline: bool = False) -> str:
    """Normalize, drop control characters, trim; keep line breaks only where a field may have them."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        value = value.replace("\n", " ")
    value = CONTROL.sub("", value.replace("\t", " "))
    if multiline:
        lines = [re.sub(r"[ ]{2,}", " ", line).strip() for line in value.split("\n")]
        value = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    else:
        value = re.sub(r"\s{2,}", " ", value)
    return value.strip()


class FormValues:
    """The read side of a form: `get(name)` and `getlist(name)`, like werkzeug's MultiDict."""

    def __init__(self, data: Mapping[str, object]) -> None:
        self.data = data

    def get(self, name: str) -> str:
        getter = getattr(self.data, "get", None)
        value = getter(name, "") if getter else ""
        return value if isinstance(value, str) else ""

    def getlist(self, name: str) -> list[str]:
        getlist = getattr(self.data, "getlist", None)
        if getlist is not None:
            return [v for v in getlist(name) if isinstance(v, str)]
        value = self.data.get(name)
        return list(value) if isinstance(value, (list, tuple)) else ([value] if isinstance(value, str) else [])


def read_answers(form: Mapping[str, object]) -> Answers:
    """Every answer the form carries, cleaned; unknown values are kept as given so validation can reject them."""
    values = FormValues(form)
    text = {
        f.name: clean_text(values.get(f.name), f.name in MULTILINE)
        for f in fields(Answers)
        if f.name not in ("arguments", "done")
    }
    arguments = tuple(dict.fromkeys(clean_text(v) for v in values.getlist("arguments")))
    done = tuple(step for step in values.get("done").split(",") if step)
    return Answers(**text, arguments=arguments, done=done)


def iin_is_valid(iin: str) -> bool:
    """The IIN's twelfth digit checks the first eleven (two weighted sums modulo 11; 10 twice means invalid)."""
    if not re.fullmatch(r"\d{12}", iin):
        return False
    digits = [int(c) for c in iin]
    for weights in (range(1, 12), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)):
        check = sum(d * w for d, w in zip(digits[:11], weights, strict=True)) % 11
        if check != 10:
            return check == digits[11]
    return False


def normalize_iin(value: str) -> str:
    return re.sub(r"[\s-]", "", value)
