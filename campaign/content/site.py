"""The whole campaign read from `content/` once at start-up: pages, lifecycle, press, the wizard's offer."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from flask import Flask, url_for
from flask_babel import force_locale
from markupsafe import Markup

from .. import clock
from ..config import Config
from ..i18n import LinkError, localize_url, resolve
from ..texts import N_
from ..wizard.model import Offer, Record
from .addresses import Addresses, load_addresses
from .anchors import AnchorLink, AnchorLinks
from .campaign import Lifecycle, Locales, PressItem, load_lifecycle, load_press
from .complaint import load_offer
from .components import Node
from .errors import ContentError
from .interface import Interface, load_interface
from .leftovers import warn_leftovers
from .media import Media
from .pages import HOME_KEY, MarkdownRenderer, PageIndex, Source, load_pages, read_sources
from .theme import Theme, load_theme
from .yamlfile import Reader, parse_yaml, read_text

# Footer links to pages the engine knows by key, shown where the campaign has the page; then "Sources".
FOOTER_PAGES = (("privacy", N_("Privacy")), ("safety", N_("Browsing safely")), ("share", N_("Share")))
# Translators: the footer link to the page listing the site's current addresses (mirrors, onion).
ADDRESSES_LABEL = N_("Where to find us")
SOURCES_LABEL = N_("Sources")
ADDRESSES_KEY = "addresses"  # the engine's page of addresses; a content page of this key is its introduction
log = logging.getLogger("campaign.content")


@dataclass(frozen=True)
class Site:
    locales: Locales
    pages: PageIndex
    lifecycle: Lifecycle
    outcome_html: dict[str, Markup]
    outcome_line_html: dict[str, Markup]  # per locale, inline; empty: the engine's line
    footer: dict[str, list[tuple[str, str]]]  # per locale: (msgid of the label, URL)
    press: tuple[PressItem, ...]
    offer: Offer
    media: Media
    addresses: Addresses
    theme: Theme
    interface: Interface
    wizard_path: str  # the wizard's URL segment; the content page of this key opens the wizard


def served_keys(pages: PageIndex) -> list[str]:
    """The keys of every page the site serves: the campaign's, and the engine's addresses page."""
    return sorted({*pages.keys(), ADDRESSES_KEY})


def shown_in(pages: PageIndex, key: str) -> list[str]:
    """The locales a page exists in as written; an engine page the campaign does not introduce is in every one."""
    return pages.translated_locales(key) if any(pages.get(key, loc) for loc in pages.locales) else list(pages.locales)


def page_endpoint(key: str) -> tuple[str, dict[str, Any]]:
    """The endpoint and values that serve a content page."""
    if key in (HOME_KEY, ADDRESSES_KEY):
        return f"pages.{key}", {}
    return "pages.page", {"page_path": key}


def share_links(url: str, text: str) -> list[tuple[str, str]]:
    """Plain links to each network's own share page: no script of theirs ever loads here."""
    q = lambda **params: urlencode(params, quote_via=quote)  # noqa: E731
    return [
        ("Telegram", f"https://t.me/share/url?{q(url=url, text=text)}"),
        ("WhatsApp", f"https://wa.me/?{q(text=f'{text} {url}')}"),
        ("VK", f"https://vk.com/share.php?{q(url=url, title=text)}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?{q(u=url)}"),
        ("X", f"https://x.com/intent/post?{q(url=url, text=text)}"),
        ("email", f"mailto:?{q(subject=text, body=url)}"),
    ]


class Renderers:
    """Markdown renderers per locale, whose components and interface labels follow that locale."""

    def __init__(self, app: Flask, config: Config, locales: Locales, lifecycle: Lifecycle, media: Media,
                 addresses: Addresses, page_keys: set[str]) -> None:
        self.app = app
        self.config = config
        self.lifecycle = lifecycle
        self.media = media
        self.addresses = addresses
        self.page_keys = page_keys | {ADDRESSES_KEY}
        self.by_locale = {loc: MarkdownRenderer(loc, self.localize, self.render_component) for loc in locales.codes}
        self.anchor_links = AnchorLinks()
        # What is being rendered: its locale (None for campaign.yml's texts), its file and the file's text.
        self.origin: tuple[str | None, str, str | None] = (None, config.content_dir, None)

    def localize(self, href: str, locale: str) -> str:
        """A local link in content, checked: it must lead to a page that exists."""
        parts = urlsplit(href)
        try:
            endpoint, values = resolve(parts.path or "/")
            url = localize_url(href, locale)
        except LinkError as error:
            raise ContentError(str(error), href) from None
        key = HOME_KEY if endpoint == "pages.home" else values.get("page_path")
        if endpoint == "pages.page" and key not in self.page_keys:
            raise ContentError(f"the link {href!r} leads to no page: no locale's folder of {self.config.content_dir}"
                               f" has {key}.md", href)
        if parts.fragment and endpoint in ("pages.home", "pages.page"):
            self.anchor_links.add(AnchorLink(href, str(key), parts.fragment, locale, *self.origin))
        return url

    def render_component(self, locale: str, node: Node, render_markdown) -> str:
        template = self.app.jinja_env.get_template(f"components/{node.name}.html")
        # Share links lead to the primary's home page, or to the addresses page where content says so: never
        # to the onion, nor to the host the page happens to be served from.
        shared = "pages.addresses" if self.addresses.share == "addresses" else "pages.home"
        home_url = self.config.base_url + url_for(shared, lang_code=locale)
        context = {
            "node": node,
            "attrs": node.attrs,
            "slots": {name: render_markdown(text) for name, text in node.slots.items()},
            "children": [
                {"node": child, "slots": {n: render_markdown(t) for n, t in child.slots.items()}}
                for child in node.children
            ],
            "body": render_markdown(node.body) if node.body else Markup(""),
            "link": lambda href: self.localize(href, locale) if href.startswith("/") else href,
            "home_url": home_url,
            "share_links": share_links(home_url, self.lifecycle.name[locale]),
            "banners": self.media.banners(locale),
            "onion": self.addresses.onion.url if self.addresses.onion else "",
        }
        return template.render(**context)

    def render(self, text: str, locale: str) -> Markup:
        with force_locale(locale):
            return self.by_locale[locale].render(text)

    def render_source(self, source: Source, locale: str) -> Markup:
        self.origin = (source.locale, str(source.path), source.text)
        try:
            return self.render(source.body, locale)
        except ContentError as error:
            raise error.located(str(source.path), source.text) from None


def load_site(app: Flask, config: Config, locales: Locales, wizard_path: str) -> Site:
    """Read, check and render everything in `content/`; raise ContentError naming the file on any problem. What
    the site can serve with (a missing translation, a file nothing reads) is warned about (errors.warn)."""
    content_dir = Path(config.content_dir)
    campaign_file = content_dir / "campaign.yml"
    # Read once for all its parts; its text is kept to find the line of a problem in what it renders.
    in_campaign_file = (str(campaign_file), read_text(campaign_file))
    settings, check = parse_yaml(in_campaign_file[1], campaign_file), Reader(campaign_file)
    lifecycle = load_lifecycle(settings, check, locales)
    media = Media(content_dir / "media")
    theme = load_theme(settings, check, media.root, locales.codes)
    interface = load_interface(settings, check, locales.codes)
    addresses, warnings = load_addresses(content_dir / "addresses.yml", config)
    for warning in warnings:
        log.warning("%s", warning)
    sources = read_sources(content_dir, locales.codes)
    if (HOME_KEY, locales.default) not in sources:
        raise ContentError(f"the home page is missing: add {content_dir / locales.default / 'home.md'}")
    press = load_press(content_dir / "press.yml")
    check_press_wanted(sources.values(), press, content_dir / "press.yml")
    # URLs are built with url_for, which needs a request: the site's own root, at its public address.
    with app.test_request_context("/", base_url=config.origin):
        renderers = Renderers(app, config, locales, lifecycle, media, addresses, {key for key, _ in sources})
        renderers.origin = (None, *in_campaign_file)
        outcome_html, outcome_line_html = {}, {}
        for locale in locales.codes:
            try:
                outcome_html[locale] = renderers.render(lifecycle.outcome[locale], locale)
                outcome_line_html[locale] = one_line(renderers.render(lifecycle.outcome_line[locale], locale),
                                                     lifecycle.outcome_line[locale])
            except ContentError as error:
                raise error.located(*in_campaign_file) from None
        pages = load_pages(sources, locales.codes, renderers.render_source)
        record = None
        if lifecycle.record:
            renderers.origin = (None, *in_campaign_file)
            try:
                record = Record(lifecycle.record.date, MappingProxyType(
                    {loc: renderers.render(lifecycle.record.notice[loc], loc) for loc in locales.codes}))
            except ContentError as error:
                raise error.located(*in_campaign_file) from None
        offer = replace(load_offer(content_dir, locales, renderers.render_source, record,
                                   clock.today(config.timezone), lifecycle.is_open),
                        shared_device_question=interface.shared_device_question)
        renderers.origin = (None, *in_campaign_file)
        footer = {}
        for locale in locales.codes:
            footer[locale] = [(label, url_for(endpoint, **values, lang_code=locale))
                              for key, label in FOOTER_PAGES if pages.get(key, locale)
                              for endpoint, values in [page_endpoint(key)]]
            footer[locale].append((ADDRESSES_LABEL, url_for("pages.addresses", lang_code=locale)))
            if lifecycle.sources[locale]:
                try:
                    footer[locale].append((SOURCES_LABEL, renderers.localize(lifecycle.sources[locale], locale)))
                except ContentError as error:
                    raise ContentError(f"sources: {error.message}", error.marker).located(*in_campaign_file) \
                        from None
        renderers.anchor_links.check(pages)
    warn_leftovers(content_dir, locales, offer)
    return Site(locales, pages, lifecycle, outcome_html, outcome_line_html, footer, press, offer, media, addresses,
                theme, interface, wizard_path)


def one_line(html: Markup, text: str) -> Markup:
    """Markdown rendered as one paragraph, without it: the text of a line the engine puts in its own paragraph."""
    if not text:
        return Markup("")
    inner = html.removeprefix("<p>").removesuffix("</p>")
    if not html.startswith("<p>") or "<p>" in inner or "</p>" in inner:
        raise ContentError("outcome_line must be one paragraph of text: no blank line, heading, list or notice",
                           text.splitlines()[0])
    return Markup(inner)


def check_press_wanted(sources: Iterable[Source], press: tuple[PressItem, ...], path: Path) -> None:
    """A page that asks for the press list (`withPress: true`) needs one to show."""
    for source in sources:
        if source.meta.get("withPress") and not press:
            state = "lists no items" if path.is_file() else "does not exist"
            raise ContentError(f"withPress: true shows the press list, but {path} {state}: add the press items "
                               "there, or remove withPress", "withPress").located(str(source.path), source.text)


__all__ = ["Site", "load_site", "share_links"]
