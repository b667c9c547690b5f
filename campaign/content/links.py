"""Links in rendered content: local links follow the page's locale; new-tab links never leak the opener."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def is_local(href: str) -> bool:
    """A path on this site ("/petition"), not a protocol-relative or absolute URL."""
    return href.startswith("/") and not href.startswith("//")


class LinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, localize: Callable[[str], str]) -> None:
        super().__init__(md)
        self.localize = localize

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if is_local(href):
                link.set("href", self.localize(href))
            if link.get("target") == "_blank":
                # The new tab must not be able to reach back into this one, nor learn where it came from.
                link.set("rel", "noopener noreferrer")


class LinksExtension(Extension):
    def __init__(self, localize: Callable[[str], str]) -> None:
        super().__init__()
        self.localize = localize

    def extendMarkdown(self, md: Markdown) -> None:  # python-markdown's API name
        # After attr_list (priority 8), so `{:target="_blank"}` is already an attribute.
        md.treeprocessors.register(LinkTreeprocessor(md, self.localize), "campaign-links", 4)
