"""Locales: the URL-prefix rule, Babel wiring, catalogs compiled and checked at start-up.

The default locale lives at unprefixed URLs ("/petition"), every other one under its code ("/kk/petition").
The locale comes from the URL alone, never from Accept-Language or a cookie: a shared link shows what the
sharer saw, and every response can be cached by its URL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app, g, request
from flask_babel import Babel, format_date, format_number
from werkzeug.routing import BaseConverter

from .config import Config

SOURCE_LOCALE = "en"  # msgids are English: this locale needs no catalog
DOMAIN = "messages"
log = logging.getLogger(__name__)


class CatalogError(RuntimeError):
    """The default locale cannot be served: its catalog is missing or broken."""


def prefix(locale: str, default_locale: str) -> str:
    return "" if locale == default_locale else f"/{locale}"


def localize_path(path: str, locale: str, default_locale: str) -> str:
    """"/petition" -> "/kk/petition"; "/" -> "/kk/"; fragments and queries kept."""
    if locale == default_locale:
        return path
    return f"/{locale}{path}"


def text_direction(locale: str) -> str:
    return "rtl" if Locale.parse(locale).character_order == "right-to-left" else "ltr"


def make_locale_converter(config: Config) -> type[BaseConverter]:
    """A URL converter matching the non-default locales' codes only."""
    prefixed = [code for code in config.locales if code != config.default_locale]

    class LocaleConverter(BaseConverter):
        # Matches nothing when only the default locale is configured.
        regex = "|".join(prefixed) if prefixed else "(?!)"

    return LocaleConverter


def catalog_paths(translations_dir: Path, locale: str) -> tuple[Path, Path]:
    base = translations_dir / locale / "LC_MESSAGES"
    return base / f"{DOMAIN}.po", base / f"{DOMAIN}.mo"


def compile_catalog(po_path: Path, mo_path: Path) -> None:
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    with mo_path.open("wb") as mo_file:
        write_mo(mo_file, catalog, use_fuzzy=False)


def ensure_catalogs(config: Config) -> None:
    """Compile stale .mo files; log a missing catalog; stop if the default locale's is missing.

    `gunicorn wsgi:app` straight after `pip install .` must work, so the compiled files are made here when
    they are missing or older than their .po, not only by the Makefile.
    """
    for locale in config.locales:
        if locale == SOURCE_LOCALE:
            continue
        po_path, mo_path = catalog_paths(config.translations_dir, locale)
        if not po_path.exists():
            if locale == config.default_locale:
                raise CatalogError(
                    f"the default locale {locale!r} has no catalog at {po_path}: "
                    f"create it with `flask translate init {locale}` (see README, \"For translators\") "
                    "or set CAMPAIGN_DEFAULT_LOCALE to a locale that has one"
                )
            log.warning("locale %r has no catalog at %s: its interface will be in English", locale, po_path)
            continue
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            try:
                compile_catalog(po_path, mo_path)
            except OSError as error:  # read-only checkout: serve what is there
                log.warning("cannot compile %s: %s", po_path, error)


def current_locale() -> str:
    """The locale of the URL being served (set for every request), else the configured default."""
    return g.get("locale") or current_app.config["CAMPAIGN"].default_locale


def init_i18n(app: Flask, config: Config) -> None:
    ensure_catalogs(config)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(config.translations_dir)
    app.config["BABEL_DEFAULT_LOCALE"] = config.default_locale
    Babel(app, locale_selector=current_locale)
    app.url_map.converters["locale"] = make_locale_converter(config)

    @app.url_value_preprocessor
    def pull_locale(endpoint: str | None, values: dict[str, Any] | None) -> None:
        code = (values or {}).pop("lang_code", None)
        # Routes without a locale in their rule (and 404s) take it from the path's prefix.
        g.locale = code or locale_from_path(request.path, config)

    @app.url_defaults
    def add_locale(endpoint: str, values: dict[str, Any]) -> None:
        if not app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
            return
        code = values.get("lang_code", current_locale())
        values["lang_code"] = None if code == config.default_locale else code

    def localize(path: str, locale: str | None = None) -> str:
        return localize_path(path, locale or current_locale(), config.default_locale)

    app.jinja_env.globals.update(
        get_locale=current_locale,
        localize=localize,
        text_direction=text_direction,
        format_date=format_date,
        format_number=format_number,
        locales=config.locales,
        locale_names={code: Locale.parse(code).get_display_name(code).capitalize() for code in config.locales},
        default_locale=config.default_locale,
    )


def locale_from_path(path: str, config: Config) -> str:
    """The locale a URL belongs to, for pages that matched no route (404s)."""
    first = path.lstrip("/").split("/", 1)[0]
    if first in config.locales and first != config.default_locale:
        return first
    return config.default_locale


def localized_route(blueprint: Any, rule: str, **options: Any) -> Callable:
    """Register a view at `rule` for the default locale and at `/<locale>rule` for the others."""

    def decorator(view: Callable) -> Callable:
        endpoint = options.pop("endpoint", view.__name__)
        blueprint.add_url_rule(rule, endpoint, view, defaults={"lang_code": None}, **options)
        blueprint.add_url_rule(f"/<locale:lang_code>{rule}", endpoint, view, **options)
        return view

    return decorator
