"""The campaign's look (`theme:` in campaign.yml): colours, favicon and logo, each optional, with the engine's
defaults (the look of the default campaign).

The colours reach the pages as CSS custom properties in a small stylesheet built here once at start-up and
served under a fingerprinted URL (theming.py): the Content-Security-Policy stays `style-src 'self'`, with no
inline style. static/css/site.css only uses the properties, so it holds no colour a campaign could not change.
Each colour is checked against the ones it is shown with (WCAG AA), so a campaign cannot make its pages
unreadable by mistake.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from ..colours import TEXT_CONTRAST, UI_CONTRAST, contrast, is_colour, normalized
from .media import png_size
from .yamlfile import Reader

# The colours a campaign does not set: the page's text and background and the quiet greys around them.
NEUTRALS: Mapping[str, str] = MappingProxyType({
    "text": "#1d1d1b", "muted": "#4b4b47", "background": "#ffffff", "surface": "#f4f4f1",
    "surface_hover": "#e2e2de", "border": "#b1b4b6", "error": "#b3261e", "success": "#0f6b3a",
})
# The colours a campaign may set, with the engine's; a link's colours follow the accent's unless set.
DEFAULTS: Mapping[str, str] = MappingProxyType({
    "accent": "#0b5d66",         # the header band, buttons, the edges of notices and cards, ticked boxes
    "accent_hover": "#074047",   # hovered buttons, their shadow, the exit button's text
    "accent_text": "#ffffff",    # text on the accent: the campaign's name, the language links, buttons
    "link": "#0b5d66",
    "link_hover": "#074047",
    "link_visited": "#4c2c92",
    "focus": "#ffdd00",          # the band behind whatever has the keyboard's focus, under the text colour
})
FOLLOWS = {"link": "accent", "link_hover": "accent_hover"}
# Which colour is shown on which, and the contrast it needs: text 4.5:1, the parts of controls 3:1.
PAIRS = (
    ("accent_text", "accent", TEXT_CONTRAST, "text on the accent"),
    ("accent_text", "accent_hover", TEXT_CONTRAST, "text on hovered buttons and the exit button"),
    ("link", "background", TEXT_CONTRAST, "links"),
    ("link", "surface", TEXT_CONTRAST, "links in notices, the status band and the footer"),
    ("link_hover", "background", TEXT_CONTRAST, "hovered links"),
    ("link_hover", "surface", TEXT_CONTRAST, "hovered links in notices, the status band and the footer"),
    ("link_visited", "background", TEXT_CONTRAST, "visited links"),
    ("link_visited", "surface", TEXT_CONTRAST, "visited links in notices, the status band and the footer"),
    ("text", "focus", TEXT_CONTRAST, "focused links and buttons"),
    ("accent", "background", UI_CONTRAST, "buttons, ticked boxes and the edges of notices"),
)
ICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
MEDIA = "media/"


@dataclass(frozen=True)
class Image:
    """A file under the campaign's media/ (`name` is its path there) and what a page says about it."""

    name: str
    type: str
    width: int | None = None  # PNG only: read from the file, so the page keeps its layout while it loads
    height: int | None = None


@dataclass(frozen=True)
class Theme:
    colours: Mapping[str, str]  # every key of DEFAULTS
    favicons: tuple[Image, ...]  # empty: the engine's own favicon
    logo: Image | None
    logo_alt: Mapping[str, str]  # per locale; empty: the logo is decorative

    @cached_property
    def stylesheet(self) -> str:
        properties = "".join(f"  --{name.replace('_', '-')}: {value};\n"
                             for name, value in {**NEUTRALS, **self.colours}.items())
        return f"/* The campaign's colours (campaign.yml, theme:); site.css uses them. */\n:root {{\n{properties}}}\n"

    @cached_property
    def version(self) -> str:
        """A short hash of the stylesheet, for its URL."""
        return hashlib.sha256(self.stylesheet.encode("utf-8")).hexdigest()[:10]


def ratio(value: float) -> str:
    """A contrast ratio rounded down, so a colour just below a threshold never reads as reaching it."""
    return f"{math.floor(value * 10) / 10:g}:1"


def load_theme(data: Mapping, check: Reader, media_root: Path, locales: tuple[str, ...]) -> Theme:
    if data.get("theme") is None:
        return Theme(DEFAULTS, (), None, MappingProxyType({}))
    node = check.mapping(data, "theme")
    known = (*DEFAULTS, "favicon", "logo", "logo_alt")
    for key in node:
        if key not in known:
            raise check.fail(f"theme: unknown key {key!r} (known: {', '.join(known)})", node, key)
    colours = read_colours(node, check)
    favicon = node.get("favicon")
    names = favicon if isinstance(favicon, list) else [] if favicon is None else [favicon]
    favicons = tuple(media_file(node, "favicon", name, tuple(ICON_TYPES), check, media_root) for name in names)
    logo = media_file(node, "logo", node["logo"], LOGO_TYPES, check, media_root) if "logo" in node else None
    alt = {}
    if "logo_alt" in node:
        if logo is None:
            raise check.fail("theme: logo_alt describes a logo, but there is no `logo:`", node, "logo_alt")
        texts = check.mapping(node, "logo_alt", what="theme: logo_alt")
        check.only_locales(texts, "theme: logo_alt", locales)
        for locale in locales:
            if not check.text(texts, locale, required=False):
                raise check.fail(f"theme: logo_alt needs a text for {locale!r} (or leave logo_alt out: the logo "
                                 "is then decorative)", node, "logo_alt")
            alt[locale] = check.text(texts, locale)
    return Theme(colours, favicons, logo, MappingProxyType(alt))


def read_colours(node: Mapping, check: Reader) -> Mapping[str, str]:
    colours = dict(DEFAULTS)
    for name in DEFAULTS:
        if name not in node:
            continue
        value = node[name]
        if value is None:
            raise check.fail(f"theme: {name} is empty: write the colour in quotes, {name}: '#0b5d66' (unquoted, "
                             "YAML reads # as the start of a comment)", node, name)
        if not isinstance(value, str) or not is_colour(value.strip()):
            raise check.fail(f"theme: {name} must be a colour written #rrggbb or #rgb, in quotes, got {value!r}",
                             node, name)
        colours[name] = normalized(value.strip())
    for name, leader in FOLLOWS.items():
        if name not in node:
            colours[name] = colours[leader]
    shown = {**NEUTRALS, **colours}
    for foreground, background, needed, where in PAIRS:
        found = contrast(shown[foreground], shown[background])
        if found < needed:
            blamed = next((key for key in (foreground, background, FOLLOWS.get(foreground))
                           if key and key in node), foreground)
            raise check.fail(
                f"theme: {describe(foreground, node, shown)} on {describe(background, node, shown)} has a "
                f"contrast of {ratio(found)}, below the {needed:g}:1 needed for {where}", node, blamed)
    return MappingProxyType(colours)


def describe(name: str, node: Mapping, colours: Mapping[str, str]) -> str:
    """A colour as a message names it: its key and value, and where the value comes from when not set here."""
    if name in NEUTRALS:
        return f"the page's {name.replace('_', ' ')} colour {NEUTRALS[name]}"
    if name in node:
        return f"{name} {colours[name]}"
    if name in FOLLOWS:
        return f"{name} ({colours[name]}, the {FOLLOWS[name]}'s colour, as {name} is not set)"
    return f"{name} ({colours[name]}, the engine's)"


def media_file(node: Mapping, key: str, value: object, suffixes: tuple[str, ...], check: Reader,
               media_root: Path) -> Image:
    """A file under media/, named from the campaign's folder ("media/logo.svg"), checked to exist."""
    if not isinstance(value, str) or not value.startswith(MEDIA) or ".." in value.split("/"):
        raise check.fail(f"theme: {key} must be a file under media/, written like {key}: 'media/{key}"
                         f"{suffixes[0]}', got {value!r}", node, key)
    name = value.removeprefix(MEDIA)
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise check.fail(f"theme: {key} {value!r} must be one of {', '.join(suffixes)}", node, key)
    path = media_root / name
    if not path.is_file():
        raise check.fail(f"theme: {key} {value!r} is missing: add {path}", node, key)
    width = height = None
    if suffix == ".png":
        try:
            width, height = png_size(path)
        except ValueError:
            raise check.fail(f"theme: {key} {value!r} is not a PNG file", node, key) from None
    return Image(name, ICON_TYPES.get(suffix, ""), width, height)

