"""The whole campaign read from `content/` once at start-up: pages, lifecycle, press, letter wordings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from flask import Flask
from flask_babel import force_locale
from markupsafe import Markup

from ..config import Config
from ..i18n import localize_path
from ..wizard.letter import Complaint, load_complaint
from .campaign import Lifecycle, PressItem, load_lifecycle, load_press
from .components import Node
from .errors import ContentError
from .pages import MarkdownRenderer, PageIndex, load_pages

BANNERS = (("post", 1080, 1080), ("story", 1080, 1920), ("preview", 1200, 630))


@dataclass(frozen=True)
class Site:
    pages: PageIndex
    lifecycle: Lifecycle
    outcome_html: dict[str, Markup]
    press: tuple[PressItem, ...]
    complaint: Complaint


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


def load_site(app: Flask, config: Config) -> Site:
    """Read and render everything in `content/`; raise ContentError naming the file on any problem."""
    content_dir = Path(config.content_dir)
    lifecycle = load_lifecycle(content_dir / "campaign.yml", config.locales, config.default_locale)
    asset_url = app.jinja_env.globals["asset_url"]

    def render_component(locale: str, node: Node, render_markdown) -> str:
        template = app.jinja_env.get_template(f"components/{node.name}.html")
        home_url = config.base_url + localize_path("/", locale, config.default_locale)
        context = {
            "node": node,
            "attrs": node.attrs,
            "slots": {name: render_markdown(text) for name, text in node.slots.items()},
            "children": [
                {"node": child, "slots": {n: render_markdown(t) for n, t in child.slots.items()}}
                for child in node.children
            ],
            "body": render_markdown(node.body) if node.body else Markup(""),
            "localize": lambda path: localize_path(path, locale, config.default_locale),
            "locale": locale,
            "home_url": home_url,
            "share_links": share_links(home_url, lifecycle.name[locale]),
            "banners": [
                {"name": name, "width": w, "height": h,
                 "png": asset_url(f"share/{locale}/{name}.png"), "svg": asset_url(f"share/{locale}/{name}.svg")}
                for name, w, h in BANNERS
            ],
        }
        return template.render(**context)

    with app.app_context():
        renderers: dict[str, MarkdownRenderer] = {}
        outcome_html: dict[str, Markup] = {}
        for locale in config.locales:
            renderer = MarkdownRenderer(
                locale, lambda path, loc: localize_path(path, loc, config.default_locale), render_component
            )
            renderers[locale] = _LocaleBound(renderer)
            with force_locale(locale):
                try:
                    outcome_html[locale] = renderer.render(lifecycle.outcome[locale])
                except ContentError as error:
                    raise error.located(str(content_dir / "campaign.yml")) from None
        pages = load_pages(content_dir, config.locales, config.default_locale, renderers)
    if pages.get("home", config.default_locale) is None:
        raise ContentError(f"the home page is missing: add {content_dir / config.default_locale / 'home.md'}")
    return Site(pages, lifecycle, outcome_html, load_press(content_dir / "press.yml"),
                load_complaint(content_dir, config.locales, config.default_locale))


class _LocaleBound:
    """A renderer whose component labels are translated into its own locale."""

    def __init__(self, renderer: MarkdownRenderer) -> None:
        self.renderer = renderer

    def render(self, text: str) -> Markup:
        with force_locale(self.renderer.locale):
            return self.renderer.render(text)


__all__ = ["Site", "load_site", "share_links"]
