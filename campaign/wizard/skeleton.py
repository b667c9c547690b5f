"""A page rendered once with a marked slot for each piece that differs between visitors, then filled per request.

A question step's page is the same for every visitor who sees it in the same state (locale, sender kind, errors…)
except for the answers: the hidden fields that carry them, each typed value, each box ticked. The presenter
renders it once with a `Slot` in each of those places; `Skeleton.of` keeps the text between the slots, and
`fill` joins that text with one visitor's escaped values. A request then renders no template at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# A slot's mark in the rendered text. NUL never occurs in a template, in content, nor in a cleaned answer
# (answers.clean_text drops control characters), so a mark cannot be forged or met by chance.
MARK = "\x00"
MARKED = re.compile(f"{MARK}([^{MARK}]+){MARK}")


@dataclass(frozen=True)
class Slot:
    """Where a value goes. Jinja writes it through `__html__`, unescaped: the value is escaped when filled."""

    name: str

    def __html__(self) -> str:
        return f"{MARK}{self.name}{MARK}"

    def __str__(self) -> str:
        return self.__html__()


@dataclass(frozen=True)
class Skeleton:
    parts: tuple[str, ...]  # the text around the slots: one more than there are slots
    slots: tuple[str, ...]

    @classmethod
    def of(cls, rendered: str) -> Skeleton:
        pieces = MARKED.split(rendered)  # text, slot, text, slot, …, text
        return cls(tuple(pieces[0::2]), tuple(pieces[1::2]))

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with each slot's value (already HTML: escaped by the caller)."""
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out.append(values[slot])
            out.append(part)
        return "".join(out)
