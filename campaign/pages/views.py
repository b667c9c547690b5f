"""Content pages, the campaign's media, the sitemap, robots.txt and the health check."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, redirect, render_template, send_from_directory, url_for

from ..content.pages import HOME_KEY, Page
from ..content.site import ADDRESSES_KEY, served_keys, shown_in
from ..i18n import LANG, LinkError, current_locale, localized_route, resolve
from ..site_context import absolute, links, page_endpoint, page_links, site

bp = Blueprint("pages", __name__)


def get_or_404(key: str, locale: str) -> Page:
    page = site().pages.get(key, locale)
    if page is None:
        abort(404)
    return page


def render_page(page: Page) -> str:
    # The home page tells a decided campaign's outcome in full; the others in one line that links to it there.
    return render_template("pages/page.html", page=page, press=site().press if page.meta.get("withPress") else (),
                           outcome_in_full=page.key == HOME_KEY, **page_links(page.key))


@localized_route(bp, "/")
def home() -> str:
    return render_page(get_or_404(HOME_KEY, current_locale()))


@localized_route(bp, "/addresses")
def addresses() -> str:
    """The campaign's current addresses with their fingerprint; a content page `addresses` introduces them."""
    page = site().pages.get(ADDRESSES_KEY, current_locale())
    shown = page_links(ADDRESSES_KEY) if page else links("pages.addresses", {}, shown_in(site().pages, ADDRESSES_KEY),
                                                         switcher=True)
    return render_template("pages/addresses.html", page=page, addresses=site().addresses, **shown)


@localized_route(bp, "/<path:page_path>")
def page(page_path: str) -> str:
    if page_path == HOME_KEY:
        abort(404)  # the home page lives at "/" only
    return render_page(get_or_404(page_path, current_locale()))


@bp.route("/media/<path:filename>")
def media(filename: str) -> Response:
    return send_from_directory(site().media.root, filename)


@bp.route("/sitemap.xml")
def sitemap() -> Response:
    pages = site().pages
    entries = []
    for key in served_keys(pages):
        endpoint, values = page_endpoint(key)
        alternates = links(endpoint, values, shown_in(pages, key), switcher=False)["alternates"]
        for locale in site().locales.codes:
            entries.append({"loc": absolute(url_for(endpoint, **values, **{LANG: locale})),
                            "alternates": alternates})
    xml = render_template("sitemap.xml", entries=entries)
    return Response(xml, mimetype="application/xml")


@bp.route("/robots.txt")
def robots() -> Response:
    body = f"User-agent: *\nAllow: /\nSitemap: {absolute(url_for('pages.sitemap'))}\n"
    return Response(body, mimetype="text/plain")


@bp.route("/healthz")
def healthz() -> Response:
    return Response("ok", mimetype="text/plain", headers={"Cache-Control": "no-store"})


def redirect_default_prefix(rest: str = "") -> Response:
    """`/ru/share` -> 301 `/share`: the default locale has one URL only.

    The target is rebuilt by url_for from a route this site has, never copied from the request: whatever the
    path holds (encoded slashes, tabs, line breaks) it cannot lead to another site.
    """
    try:
        endpoint, values = resolve("/" + rest)
    except LinkError:
        abort(404)
    if values.get(LANG) or (endpoint == "pages.page" and not site().pages.get(values["page_path"],
                                                                                site().locales.default)):
        abort(404)
    return redirect(url_for(endpoint, **values), code=301)


def register_default_prefix_redirect(app: Flask, default: str) -> None:
    app.add_url_rule(f"/{default}", "default_prefix_root", redirect_default_prefix)
    app.add_url_rule(f"/{default}/", "default_prefix", redirect_default_prefix)
    app.add_url_rule(f"/{default}/<path:rest>", "default_prefix", redirect_default_prefix)
