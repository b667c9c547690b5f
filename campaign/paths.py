"""The site's pages that depend only on their path: one list, built once at start-up (prebuilt.py) and written
out as files by the export (export.py)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, url_for

from .content.site import page_endpoint, served_keys
from .wizard.schema import STEP_NAMES

PAGE, WIZARD_START, WIZARD_STEP, KIT, FEED, STYLE = "page", "wizard-start", "wizard-step", "kit", "feed", "style"


@dataclass(frozen=True)
class SitePath:
    path: str
    locale: str | None  # None for the sitemap and robots.txt
    kind: str  # page | wizard-start | wizard-step | kit | feed | style

    @property
    def varies_by_htmx(self) -> bool:
        """A wizard step is a whole page for a browser, and a fragment when htmx asks for one."""
        return self.kind == WIZARD_STEP


def site_paths(app: Flask) -> tuple[SitePath, ...]:
    """Every content page and the addresses page in every locale, the wizard's start page and GET steps, the
    offline kit of each letter language, the sitemap, robots.txt and the theme's stylesheet."""
    site = app.extensions["campaign_site"]
    config = app.config["CAMPAIGN"]
    found: dict[str, SitePath] = {}
    with app.test_request_context("/", base_url=config.origin):
        for locale in site.locales.codes:
            for key in served_keys(site.pages):
                endpoint, values = page_endpoint(key)
                path = url_for(endpoint, **values, lang_code=locale)
                # The content page of the wizard's key is its start page, served at the wizard's own URL.
                found.setdefault(path, SitePath(path, locale, PAGE))
            start = url_for("wizard.start", lang_code=locale)
            found[start] = SitePath(start, locale, WIZARD_START)
            for step in STEP_NAMES:
                path = url_for("wizard.step_view", step=step, lang_code=locale)
                found[path] = SitePath(path, locale, WIZARD_STEP)
        if site.lifecycle.wizard_enabled:
            for language in site.offer.letter_languages:
                path = url_for("wizard.offline_kit", language=language)
                found[path] = SitePath(path, language, KIT)
        for endpoint in ("pages.sitemap", "pages.robots"):
            path = url_for(endpoint)
            found[path] = SitePath(path, None, FEED)
        path = url_for("theme")
        found[path] = SitePath(path, None, STYLE)
    return tuple(found.values())
