"""Content pages: `content/<locale>/<path>.md`, parsed and rendered once at start-up.

A page is identified by its key (the part of `slug` before the colon, or its path) and a locale. Every key
is available in every locale: where a translation is missing, the default locale's text is rendered for that
locale (its links and labels follow the visitor's locale) and flagged `is_fallback`, so the page can say it is
not translated yet.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from frontmatter import YAMLHandler
from markdown import Markdown
from markdown.extensions.toc import TocExtension, slugify_unicode
from markupsafe import Markup

from .components import ComponentsExtension, Node, check_no_leftovers
from .errors import ContentError, warn
from .links import LinksExtension
from .yamlfile import Mapping as YAMLMapping
from .yamlfile import parse_yaml, read_text

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9/-]*$")
HOME_KEY = "home"
FRONTMATTER = YAMLHandler()  # for its split at the `---` lines; the YAML is read by parse_yaml

# Renders one component occurrence for a locale: (locale, node, render_markdown) -> HTML.
ComponentRenderer = Callable[[str, Node, Callable[[str], Markup]], str]
# Turns a local link as written in content ("/petition") into that page's URL in a locale ("/kk/petition").
Localizer = Callable[[str, str], str]


def source_hash(text: str) -> str:
    """A short fingerprint of a page's source, recorded by translations as `translated_from`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Page:
    key: str
    locale: str  # the locale it is served in
    source_locale: str  # the locale its text is written in
    meta: Mapping[str, Any]
    html: Markup

    @property
    def is_fallback(self) -> bool:
        return self.locale != self.source_locale

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def description(self) -> str:
        return str(self.meta.get("description", ""))


class MarkdownRenderer:
    """Markdown with the campaign's extensions, for one locale."""

    def __init__(self, locale: str, localize: Localizer, render_component: ComponentRenderer) -> None:
        self.locale = locale
        self.localize = localize
        self.render_component = render_component

    def _markdown(self) -> Markdown:
        return Markdown(
            extensions=[
                "attr_list",
                TocExtension(slugify=slugify_unicode, toc_depth="2-6"),
                ComponentsExtension(lambda node: self.render_component(self.locale, node, self.render)),
                LinksExtension(lambda href: self.localize(href, self.locale)),
            ],
            output_format="html",
        )

    def render(self, text: str) -> Markup:
        # A fresh instance each time: components render their slots while the outer document is converting.
        html = self._markdown().convert(text)
        check_no_leftovers(html)
        return Markup(html)


@dataclass(frozen=True)
class Source:
    key: str
    locale: str
    path: Path
    text: str
    body: str
    meta: Mapping[str, Any]

    def translation_path(self, locale: str) -> Path:
        """Where this text's translation into `locale` belongs: the same path under that locale's folder."""
        return self.path.parents[self.key.count("/") + 1] / locale / f"{self.key}.md"


def warn_untranslated(source: Source, locale: str, missing: str, shown_by: str) -> None:
    """Where `locale` is given `source`, another locale's text, warn about it: `missing` says what has no
    translation, `shown_by` what shows the other text meanwhile; the warning names the file to add."""
    if source.locale != locale:
        warn(ContentError(f"{missing}: add this file, translated from {source.path} (until then {shown_by} shows "
                          f"the {source.locale} text)", path=str(source.translation_path(locale))))


def read_source(path: Path, locale: str, locale_dir: Path) -> Source:
    """Parse one file's frontmatter; raise ContentError naming the file and line."""
    shown = str(path)
    text = read_text(path)
    meta, body = YAMLMapping(), text.strip()
    if FRONTMATTER.detect(body):
        try:
            head, body = FRONTMATTER.split(body)
        except ValueError:  # no closing `---`: python-frontmatter reads the whole file as the body
            head = ""
        # The frontmatter's text starts on the file's first line, right after the opening `---`.
        data = parse_yaml(head, path, invalid="frontmatter is not valid YAML")
        meta = data if isinstance(data, YAMLMapping) else meta
        body = body.strip()
    relative_key = path.relative_to(locale_dir).with_suffix("").as_posix()
    key = relative_key
    slug = meta.get("slug")
    if slug is not None:
        slug_key, _, slug_locale = str(slug).partition(":")
        if slug_locale != locale:
            raise ContentError(f"slug {slug!r} must end with ':{locale}' (the file is under {locale}/)",
                               path=shown, line=meta.lines["slug"])
        if slug_key != relative_key:
            raise ContentError(f"slug {slug!r} must be '{relative_key}:{locale}': the file's path decides the "
                               f"page's address, and the slug must name the same page", path=shown,
                               line=meta.lines["slug"])
        key = slug_key
    if not KEY_RE.match(key):
        raise ContentError(f"page key {key!r} may hold only a-z, 0-9, '-' and '/'", path=shown)
    for required in ("title", "description"):
        if not str(meta.get(required) or "").strip():
            raise ContentError(f"frontmatter needs a non-empty {required!r}", path=shown, line=1)
    return Source(key, locale, path, text, body, MappingProxyType(meta))


def read_sources(content_dir: Path, locales: tuple[str, ...], skip: str = "") -> dict[tuple[str, str], Source]:
    """Every text with frontmatter under each locale's folder, but files whose names end in `skip` (another kind
    of text, read elsewhere)."""
    sources: dict[tuple[str, str], Source] = {}
    for locale in locales:
        locale_dir = content_dir / locale
        if not locale_dir.is_dir():
            continue
        for path in sorted(locale_dir.rglob("*.md")):
            if skip and path.name.endswith(skip):
                continue
            source = read_source(path, locale, locale_dir)
            other = sources.get((source.key, locale))
            if other is not None:
                raise ContentError(f"claims the slug '{source.key}:{locale}' that {other.path} has already",
                                   path=str(path), line=1)
            sources[(source.key, locale)] = source
    return sources


class PageIndex:
    """Every page in every locale, looked up by key and locale."""

    def __init__(self, pages: Mapping[tuple[str, str], Page], locales: tuple[str, ...]) -> None:
        self._pages = dict(pages)
        self.locales = locales

    def get(self, key: str, locale: str) -> Page | None:
        return self._pages.get((key, locale))

    def keys(self) -> list[str]:
        return sorted({key for key, _ in self._pages})

    def translated_locales(self, key: str) -> list[str]:
        """Locales in which the page exists as written, in configured order."""
        return [loc for loc in self.locales if (page := self.get(key, loc)) and not page.is_fallback]


def load_pages(sources: Mapping[tuple[str, str], Source], locales: tuple[str, ...],
               render: Callable[[Source, str], Markup]) -> PageIndex:
    """Check and render every page once; raise ContentError naming the file and line on a problem.

    A page missing in a locale is rendered from the default (first) locale's text, or any locale's, and warned
    about."""
    default_locale = locales[0]
    pages: dict[tuple[str, str], Page] = {}
    keys = sorted({key for key, _ in sources})
    for key in keys:
        for locale in locales:
            source = sources.get((key, locale)) or sources.get((key, default_locale))
            if source is None:
                source = next(sources[(key, loc)] for loc in locales if (key, loc) in sources)
            warn_untranslated(source, locale, f"the page {key!r} has no {locale} translation", "the site")
            pages[(key, locale)] = Page(key, locale, source.locale, source.meta, render(source, locale))
    return PageIndex(pages, locales)
