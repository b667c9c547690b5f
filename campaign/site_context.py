"""What every view and template needs: the campaign, its URLs in each locale, its state, the chrome."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask, current_app, url_for
from flask_babel import gettext

from . import clock
from .config import Config
from .content.interface import DATE, deadline_sentence
from .content.site import Site, page_endpoint
from .i18n import LANG, current_locale, long_date


def site() -> Site:
    return current_app.extensions["campaign_site"]


def config() -> Config:
    return current_app.config["CAMPAIGN"]


def today() -> dt.date:
    return clock.today(config().timezone)


def absolute(url: str) -> str:
    """A URL of this site at its configured public address (never the Host a request names)."""
    return config().base_url + url


def links(endpoint: str, values: dict[str, Any], locales: list[str], switcher: bool) -> dict:
    """Canonical URL, hreflang alternates and the language switcher of a page that exists in `locales`."""
    default = site().locales.default
    alternates = [(loc, absolute(url_for(endpoint, **values, **{LANG: loc}))) for loc in locales]
    if default in locales:
        alternates.append(("x-default", absolute(url_for(endpoint, **values, **{LANG: default}))))
    return {
        "alternates": alternates,
        "canonical": absolute(url_for(endpoint, **values)),
        "switcher": [(loc, url_for(endpoint, **values, **{LANG: loc})) for loc in locales] if switcher else [],
    }


def page_links(key: str, endpoint: str | None = None) -> dict:
    """`links` for a content page, served at its own URL or by `endpoint`."""
    page = site().pages.get(key, current_locale())
    if page is None:
        return {}
    target, values = (endpoint, {}) if endpoint else page_endpoint(key)
    return links(target, values, site().pages.translated_locales(key), bool(page.meta.get("withLocaleSwitcher")))


def page_url(key: str) -> str | None:
    """The URL of a content page in the current locale, or None when the campaign has no such page."""
    if site().pages.get(key, current_locale()) is None:
        return None
    endpoint, values = page_endpoint(key)
    return url_for(endpoint, **values)


def deadline_line(s: Site, locale: str) -> str:
    """The open campaign's deadline sentence: the campaign's wording, else the engine's."""
    # Translators: the campaign's deadline, e.g. "Send your appeal so that it arrives by 1 August 2024."
    template = s.interface.deadline_line.get(locale) or gettext("Send your appeal so that it arrives by %(date)s.",
                                                                date=DATE)
    return deadline_sentence(template, long_date(s.lifecycle.deadline))


def theme_images(s: Site, locale: str) -> dict:
    """The campaign's favicons (none: the engine's) and its logo, with the logo's text in `locale`."""
    theme = s.theme
    logo = theme.logo
    return {
        "favicons": [(s.media.url(icon.name), icon.type, f"{icon.width}x{icon.height}" if icon.width else None)
                     for icon in theme.favicons],
        "logo": {"url": s.media.url(logo.name), "alt": theme.logo_alt.get(locale, ""), "width": logo.width,
                 "height": logo.height} if logo else None,
    }


def init_site_context(app: Flask) -> None:
    app.jinja_env.globals["page_url"] = page_url

    chrome: dict[str, dict] = {}  # per locale: what the page around a step or a page shows, worked out once

    @app.context_processor
    def campaign_context() -> dict:
        locale = current_locale()
        if locale not in chrome:
            s = site()
            preview = s.media.preview(locale)
            chrome[locale] = {
                "campaign": s.lifecycle,
                "campaign_name": s.lifecycle.name[locale],
                "campaign_outcome": s.outcome_html.get(locale),
                "campaign_outcome_line": s.outcome_line_html.get(locale),
                "footer_links": s.footer[locale],
                "exit_url": config().exit_url if s.interface.quick_exit else None,
                "preview_image": absolute(preview) if preview else None,
                "deadline_line": deadline_line(s, locale) if s.lifecycle.is_open else None,
                **theme_images(s, locale),
            }
        lifecycle = chrome[locale]["campaign"]
        return {**chrome[locale], "days_left": lifecycle.days_left(today()) if lifecycle.is_open else None}
