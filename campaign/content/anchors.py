"""Links to a place on a page (`/#sources`, `/share#banners`): the page, in the reader's locale, must have it.

A heading's id is made from its text by python-markdown's toc extension (`slugify_unicode`): lower case, letters
of any script kept, punctuation dropped, each run of spaces and hyphens one '-' ("## Наши источники" gets
`#наши-источники`); a second heading alike gets `_1` added. `{#id}` written after a heading sets its id.
Links are checked once every page is rendered, since a page may link to one rendered after it, and only where
the linking text and the page are both written in the locale: where either is another locale's text shown in
its place, the missing translation is warned about already, and the link is checked once it is translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import unquote

from .errors import ContentError
from .pages import PageIndex

# The markup is python-markdown's and the components' own, which always quote attributes with '"'.
ANY_ID = re.compile(r'\sid="([^"]*)"')
HEADING_ID = re.compile(r'<h[1-6]\b[^>]*\sid="([^"]*)"')
HOW_IDS_ARE_MADE = ("a heading's id is its text in lower case with '-' for spaces (## Our sources: #our-sources), "
                    "or the {#id} written after it")


@dataclass(frozen=True)
class AnchorLink:
    href: str  # as written in content
    key: str  # the page it leads to
    fragment: str
    locale: str  # the locale it is rendered in
    written_in: str | None  # the locale of the text it is in (None: campaign.yml, whose texts are per locale)
    path: str  # the file it is written in
    source: str | None  # that file's text, to find the line in


@dataclass
class AnchorLinks:
    """The links to a place on a page met while rendering; `check` once every page is rendered."""

    links: list[AnchorLink] = field(default_factory=list)

    def add(self, link: AnchorLink) -> None:
        self.links.append(link)

    def check(self, pages: PageIndex) -> None:
        for link in self.links:
            page = pages.get(link.key, link.locale)
            if page is None or page.is_fallback or link.written_in not in (None, link.locale):
                continue
            html = str(page.html)
            if unquote(link.fragment) in {unescape(found) for found in ANY_ID.findall(html)}:
                continue
            headings = [f"#{unescape(found)}" for found in HEADING_ID.findall(html)]
            has = f"its headings have {', '.join(headings)}" if headings else "it has no headings"
            raise ContentError(f"the link {link.href!r} points to #{unquote(link.fragment)}, which the page "
                               f"{link.key!r} does not have in {link.locale} ({has}): {HOW_IDS_ARE_MADE}",
                               link.href).located(link.path, link.source)
