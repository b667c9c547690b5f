"""Colours as CSS writes them (`#rgb`, `#rrggbb`) and their contrast, as WCAG 2 defines it."""

from __future__ import annotations

import re

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
TEXT_CONTRAST = 4.5  # WCAG 1.4.3 (AA): text
UI_CONTRAST = 3.0  # WCAG 1.4.11 (AA): the parts of controls and graphics needed to see them


def is_colour(value: str) -> bool:
    return bool(HEX.match(value))


def normalized(value: str) -> str:
    """`#ABC` -> `#aabbcc`: one spelling per colour."""
    digits = value[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def luminance(colour: str) -> float:
    """The relative luminance of an sRGB colour (WCAG 2's definition)."""
    digits = normalized(colour)[1:]
    channels = []
    for index in range(0, 6, 2):
        c = int(digits[index:index + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
