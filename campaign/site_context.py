"""What every template needs: the current page's URLs in each locale, the campaign's state, the chrome."""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app

from .config import Config
from .content.site import Site
from .i18n import current_locale, localize_path


def site() -> Site:
    return current_app.extensions["campaign_site"]


def config() -> Config:
    return current_app.config["CAMPAIGN"]


def today() -> dt.date:
    return dt.date.today()


def absolute(path: str) -> str:
    return config().base_url + path


def alternates(path: str, locales: list[str]) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each locale the page exists in, plus x-default."""
    default = config().default_locale
    links = [(loc, absolute(localize_path(path, loc, default))) for loc in locales]
    if default in locales:
        links.append(("x-default", absolute(path)))
    return links


def init_site_context(app: Flask) -> None:
    @app.context_processor
    def campaign_context() -> dict:
        s = site()
        locale = current_locale()
        lifecycle = s.lifecycle
        return {
            "campaign": lifecycle,
            "campaign_name": lifecycle.name.get(locale, lifecycle.name[config().default_locale]),
            "campaign_outcome": s.outcome_html.get(locale),
            "days_left": lifecycle.days_left(today()) if lifecycle.is_open else None,
            "sources_url": localize_path(lifecycle.sources[locale], locale, config().default_locale),
            "exit_url": config().exit_url,
            "base_url": config().base_url,
            "preview_image": absolute(f"/static/share/{locale}/preview.png"),
        }
