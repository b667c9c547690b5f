"""Locales: the URL-prefix rule, Babel wiring, compiled catalogs checked at start-up.

The default locale lives at unprefixed URLs ("/petition"), every other one under its code ("/kk/petition").
The locale comes from the URL alone, never from Accept-Language or a cookie: a shared link shows what the
sharer saw, and every response can be cached by its URL. Every internal URL is built by `url_for`, which the
URL-defaults hook below makes locale-aware: it builds for the locale being served unless told another.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale
from flask import Flask, current_app, g, request, url_for
from flask_babel import Babel, format_date, refresh
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, RequestRedirect

from .config import Config
from .content.campaign import Locales

SOURCE_LOCALE = "en"  # msgids are English: this locale needs no catalog
# Numbers and dates follow these regional conventions: English as in Britain ("1 August 2024"), and a long
# Kazakh date in the form formal texts use ("2024 жылғы 1 тамыз", where CLDR has "2024 ж. 1 тамыз").
FORMAT_LOCALES = {"en": "en_GB"}
LONG_DATES = {"kk": "y 'жылғы' d MMMM"}
DOMAIN = "messages"
LANG = "lang_code"  # the URL value that carries a non-default locale
log = logging.getLogger(__name__)


class CatalogError(RuntimeError):
    """The default locale cannot be served: its catalog is missing or broken."""


class LinkError(ValueError):
    """A local link in content leads nowhere on this site."""


def text_direction(locale: str) -> str:
    return "rtl" if Locale.parse(locale).character_order == "right-to-left" else "ltr"


def make_locale_converter(locales: Locales) -> type[BaseConverter]:
    """A URL converter matching the non-default locales' codes only."""

    class LocaleConverter(BaseConverter):
        # Matches nothing when only the default locale is configured.
        regex = "|".join(locales.prefixed) if locales.prefixed else "(?!)"

    return LocaleConverter


def catalog_paths(translations_dir: Path, locale: str) -> tuple[Path, Path]:
    base = translations_dir / locale / "LC_MESSAGES"
    return base / f"{DOMAIN}.po", base / f"{DOMAIN}.mo"


def check_catalogs(config: Config, locales: Locales) -> None:
    """Refuse to start with a missing or stale compiled catalog; a locale without a catalog is only logged.

    Catalogs are compiled by the install step (`make setup`, or `flask --app wsgi translate compile`), never by
    the running site: several workers writing into the code tree at once could leave one reading a truncated
    file, and the code tree can then be read-only.
    """
    for locale in locales.codes:
        if locale == SOURCE_LOCALE:
            continue
        po_path, mo_path = catalog_paths(config.translations_dir, locale)
        if not po_path.exists():
            if locale == locales.default:
                raise CatalogError(
                    f"the default locale {locale!r} has no catalog at {po_path}: "
                    f"create it with `flask translate init {locale}` (see README, \"For translators\") "
                    "or make another locale the first in content/campaign.yml"
                )
            log.warning("locale %r has no catalog at %s: its interface will be in English", locale, po_path)
            continue
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            state = "is missing" if not mo_path.exists() else "is older than its .po"
            raise CatalogError(f"{mo_path} {state}: compile the catalogs with `make compile-catalogs` "
                               "(or `.venv/bin/flask --app wsgi translate compile`), then start again")


def long_date(day: dt.date) -> str:
    return format_date(day, LONG_DATES.get(current_locale(), "long"))


def current_locale() -> str:
    """The locale of the URL being served (set for every request), else the default."""
    return g.get("locale") or current_app.extensions["campaign_locales"].default


def use_locale(code: str) -> None:
    """Serve `code` from here on. flask-babel keeps the locale it worked out in `g`, which a request made inside
    another's app context (a page built once, the export) shares: it is forgotten here, so each page's locale is
    its own URL's."""
    g.locale = code
    refresh()


def locale_from_path(path: str, locales: Locales) -> str:
    """The locale a URL belongs to, for pages that matched no route (404s)."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in locales.prefixed else locales.default


def resolve(path: str) -> tuple[str, dict[str, Any]]:
    """(endpoint, values) of a path on this site, as the default locale serves it; LinkError if none."""
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, values = adapter.match(path, method="GET")
    except RequestRedirect as redirect:
        endpoint, values = adapter.match(urlsplit(redirect.new_url).path, method="GET")
    except HTTPException:
        raise LinkError(f"{path!r} is no page of this site") from None
    return str(endpoint), dict(values)


def localize_url(href: str, locale: str | None = None) -> str:
    """A local link as written in content ("/petition", "/#sources") as the URL of that page in `locale`."""
    parts = urlsplit(href)
    endpoint, values = resolve(parts.path or "/")
    if values.get(LANG):
        raise LinkError(f"{href!r}: write local links without a language; they follow the reader's")
    values[LANG] = locale or current_locale()
    url = url_for(endpoint, **values)
    return url + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def init_i18n(app: Flask, config: Config, locales: Locales) -> None:
    check_catalogs(config, locales)
    app.extensions["campaign_locales"] = locales
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(config.translations_dir)
    app.config["BABEL_DEFAULT_LOCALE"] = locales.default
    Babel(app, locale_selector=lambda: FORMAT_LOCALES.get(current_locale(), current_locale()))
    app.url_map.converters["locale"] = make_locale_converter(locales)

    @app.url_value_preprocessor
    def pull_locale(endpoint: str | None, values: dict[str, Any] | None) -> None:
        code = (values or {}).pop(LANG, None)
        # Routes without a locale in their rule (and 404s) take it from the path's prefix.
        use_locale(code or locale_from_path(request.path, locales))

    @app.url_defaults
    def add_locale(endpoint: str, values: dict[str, Any]) -> None:
        if not app.url_map.is_endpoint_expecting(endpoint, LANG):
            return
        code = values.get(LANG) or current_locale()
        values[LANG] = None if code == locales.default else code

    app.jinja_env.globals.update(
        get_locale=current_locale,
        text_direction=text_direction,
        long_date=long_date,
        locale_names={code: Locale.parse(code).get_display_name(code).capitalize() for code in locales.codes},
    )


def localized_route(blueprint: Any, rule: str, **options: Any) -> Callable:
    """Register a view at `rule` for the default locale and at `/<locale>rule` for the others."""

    def decorator(view: Callable) -> Callable:
        endpoint = options.pop("endpoint", view.__name__)
        blueprint.add_url_rule(rule, endpoint, view, defaults={LANG: None}, **options)
        blueprint.add_url_rule(f"/<locale:{LANG}>{rule}", endpoint, view, **options)
        return view

    return decorator
