"""The complaint letter, assembled from the answers and the wordings in `content/complaint/`.

`arguments.yml` lists the arguments a visitor can choose (with their labels in each site language);
`<lang>.yml` holds every sentence of the letter in that language, each with several wordings.

Pure and deterministic: the same answers on the same day give the same text, and different answers pick
different wordings, so the ministry does not receive a pile of identical letters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..content.campaign import read_yaml
from ..content.errors import ContentError
from .answers import LETTER_LANGUAGES, Answers

VARIED = ("greeting", "intro", "demand", "closing")
LABELS = ("iin", "address", "email", "phone", "date", "signature", "signed_by_eds")


@dataclass(frozen=True)
class Wordings:
    language: str
    addressee: str
    sender_prefix: str
    subject: str
    variants: Mapping[str, tuple[str, ...]]  # greeting, intro, demand, closing, and each argument
    personal_heading: str
    labels: Mapping[str, str]


def _variants(data: dict, key: str, path: Path) -> tuple[str, ...]:
    node = data.get(key)
    wordings = node.get("wordings") if isinstance(node, dict) else None
    if not isinstance(wordings, list) or len(wordings) < 2 or not all(isinstance(w, str) and w.strip()
                                                                     for w in wordings):
        raise ContentError(f"{key!r} needs a list `wordings` of at least two texts", key, path=str(path))
    return tuple(w.strip() for w in wordings)


def load_wordings(path: Path, arguments: tuple[str, ...]) -> Wordings:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError("expected a mapping", path=str(path))
    for key in ("addressee", "subject"):
        if not str(data.get(key) or "").strip():
            raise ContentError(f"needs a non-empty {key!r}", path=str(path))
    argument_wordings = data.get("arguments") or {}
    missing = [a for a in arguments if a not in argument_wordings]
    if missing:
        raise ContentError(f"arguments lack wordings for: {', '.join(missing)}", path=str(path))
    variants = {key: _variants(data, key, path) for key in VARIED}
    variants.update({f"argument:{a}": _variants(argument_wordings, a, path) for a in arguments})
    labels = data.get("labels") or {}
    missing_labels = [label for label in LABELS if not str(labels.get(label) or "").strip()]
    if missing_labels:
        raise ContentError(f"labels lack: {', '.join(missing_labels)}", path=str(path))
    return Wordings(
        language=str(data.get("language") or path.stem),
        addressee=str(data["addressee"]).strip(),
        sender_prefix=str(data.get("sender_prefix") or "").strip(),
        subject=str(data["subject"]).strip(),
        variants=MappingProxyType(variants),
        personal_heading=str(data.get("personal_heading") or "").strip(),
        labels=MappingProxyType({k: str(labels[k]).strip() for k in LABELS}),
    )


@dataclass(frozen=True)
class Complaint:
    """What the wizard offers and how the letter reads, from `content/complaint/`."""

    arguments: tuple[str, ...]  # keys, in the letter's order
    labels: Mapping[str, Mapping[str, str]]  # argument -> site locale -> checkbox label
    letters: Mapping[str, Wordings]  # letter language -> wordings


def load_complaint(content_dir: Path, locales: tuple[str, ...], default_locale: str) -> Complaint:
    path = content_dir / "complaint" / "arguments.yml"
    data = read_yaml(path)
    if not isinstance(data, dict) or not data:
        raise ContentError("expected the arguments, each with its labels per language", path=str(path))
    labels: dict[str, Mapping[str, str]] = {}
    for key, per_locale in data.items():
        if not isinstance(per_locale, dict) or not str(per_locale.get(default_locale) or "").strip():
            raise ContentError(f"argument {key!r} needs a label in {default_locale!r}", f"{key}:", path=str(path))
        labels[str(key)] = MappingProxyType(
            {loc: str(per_locale.get(loc) or per_locale[default_locale]).strip() for loc in locales})
    arguments = tuple(labels)
    letters = {lang: load_wordings(content_dir / "complaint" / f"{lang}.yml", arguments) for lang in LETTER_LANGUAGES}
    return Complaint(arguments, MappingProxyType(labels), MappingProxyType(letters))


def _seed(answers: Answers) -> bytes:
    """A fingerprint of the answers: what picks the wordings."""
    parts = [answers.route, answers.sender_name, answers.address, answers.personal, ",".join(answers.arguments)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def pick(options: tuple[str, ...], seed: bytes, slot: str) -> str:
    digest = hashlib.sha256(seed + slot.encode("utf-8")).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def format_letter_date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def build_letter(answers: Answers, wordings: Wordings, day: dt.date) -> str:
    """The complete complaint text, as the visitor will send it."""
    seed = _seed(answers)
    labels = wordings.labels
    header = [wordings.addressee]
    if answers.sender_name:
        header.append(f"{wordings.sender_prefix} {answers.sender_name}".strip())
    if answers.is_alternative:
        if answers.iin:
            header.append(f"{labels['iin']}: {answers.iin}")
        header.append(f"{labels['address']}: {answers.address}")
        if answers.email:
            header.append(f"{labels['email']}: {answers.email}")
        if answers.phone:
            header.append(f"{labels['phone']}: {answers.phone}")

    body = [pick(wordings.variants[key], seed, key) for key in ("greeting", "intro")]
    body += [pick(wordings.variants[f"argument:{a}"], seed, a) for a in answers.arguments]
    if answers.personal:
        body.append(f"{wordings.personal_heading}\n{answers.personal}" if wordings.personal_heading
                    else answers.personal)
    body += [pick(wordings.variants[key], seed, key) for key in ("demand", "closing")]

    footer = [f"{labels['date']}: {format_letter_date(day)}"]
    if answers.is_alternative:
        footer.append(f"{labels['signature']}: ____________  {answers.sender_name}")
    else:
        footer.append(f"{labels['signed_by_eds']}" + (f": {answers.sender_name}" if answers.sender_name else ""))

    sections = ["\n".join(header), wordings.subject, *body, "\n".join(footer)]
    return "\n\n".join(sections) + "\n"


def letter_subject(wordings: Wordings) -> str:
    return wordings.subject.splitlines()[0]


__all__ = ["Complaint", "Wordings", "build_letter", "load_complaint", "load_wordings", "letter_subject"]
