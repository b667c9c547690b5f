"""Localized error pages; a failure is logged without anything a visitor typed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType

from flask import Flask, Response, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import MethodNotAllowed

from .failure import named
from .htmx import asks_for_fragment
from .i18n import locale_from_path, use_locale
from .prebuilt import BUILDING
from .relative import depth
from .security import security_headers

log = logging.getLogger("campaign.errors")
WIZARD = "#wizard"  # where htmx swaps a wizard step (wizard/_macros.html), and so an error page in its place

# status -> (heading, message, link text, link endpoint)
PAGES = {
    400: (_l("The form could not be read"),
          _l("What was sent did not arrive whole, so it was not read. Nothing was kept. Please start again."),
          _l("Start again"), "wizard.start"),
    403: (_l("This form came from another site"),
          _l("For your safety this site only accepts its own forms, and this one was sent from another site's "
             "page. Nothing was kept. If you were filling in the form here, start again from this site."),
          _l("Start again"), "wizard.start"),
    404: (_l("Page not found"),
          _l("If you typed the web address, check it is correct. If you followed a link, it may be out of date."),
          _l("Go to the home page"), "pages.home"),
    # A method the address does not take: most often a download's address opened directly, or a page sent a form.
    405: (_l("This page cannot be opened this way"),
          _l("This address works only from the site's own pages and forms, so the request was not read. "
             "Nothing was kept."),
          _l("Go to the home page"), "pages.home"),
    413: (_l("The form was too large"),
          _l("What was sent is far longer than the form allows, so it was not read. Nothing was kept."),
          _l("Start again"), "wizard.start"),
    500: (_l("Sorry, something went wrong"),
          _l("The problem is on our side. Nothing you typed has been kept. "
             "Please go back and try again in a few minutes."),
          _l("Go to the home page"), "pages.home"),
}


def render_error(status: int) -> Response:
    """The error page; for htmx, its content alone, sent to take the wizard step's place (as a page would),
    from the top. site.js tells these from error answers the app did not write by HX-Retarget."""
    heading, message, link_text, endpoint = PAGES[status]
    fragment = asks_for_fragment(request.environ)
    body = render_template("errors/fragment.html" if fragment else "errors/error.html", heading=heading,
                           message=message, link_text=link_text, link=url_for(endpoint))
    response = Response(body, status=status, mimetype="text/html")
    response.vary.add("HX-Request")
    if fragment:
        response.headers["HX-Retarget"] = WIZARD
        response.headers["HX-Reswap"] = "innerHTML show:window:top"
    return response


# The 404 page depends on the locale and on how deep the path is (its links are relative): it is built from a
# path of the same locale and depth that can name no page (keys start with [a-z0-9]).
MISSING_PAGE = "-missing-"
KEPT_DEPTHS = 8  # 404 pages of deeper paths are rendered each time, not kept


def missing_path(path: str) -> str:
    """A path of the same locale and depth as `path`, naming no page."""
    levels = depth(path) - (0 if url_for("pages.home") == "/" else 1)
    return url_for("pages.page", page_path="/".join([MISSING_PAGE] * (levels + 1)))


def not_found(error: Exception) -> Response:
    """Each locale's 404 page for each depth, built once (see prebuilt.py); rendered afresh while being built,
    and as a fragment for htmx."""
    prebuilder = current_app.extensions.get("prebuilder")
    if (prebuilder is None or BUILDING in request.environ or asks_for_fragment(request.environ)
            or depth(request.path) > KEPT_DEPTHS):
        return render_error(404)
    return prebuilder.entry(missing_path(request.path)).response(request.environ)


def host_refusal(app: Flask) -> Callable[[str], tuple[list[tuple[str, str]], bytes]]:
    """The page for a request that names a host this site does not answer to, in each locale, rendered once.

    It is plain (no links to follow, no style sheet): it is shown to whoever reached the wrong name, and says
    where the list of the site's addresses is."""
    locales = app.extensions["campaign_locales"]
    config = app.config["CAMPAIGN"]
    pages = {}
    for locale in locales.codes:
        with app.test_request_context("/", base_url=config.origin):
            use_locale(locale)
            addresses = config.base_url + url_for("pages.addresses")
            pages[locale] = render_template("errors/host.html", addresses=addresses).encode("utf-8")
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
               *security_headers().items()]
    return lambda path: (headers, pages[locale_from_path(path, locales)])


def method_not_allowed(error: MethodNotAllowed) -> Response:
    """The 405 page, with the Allow header HTTP asks for (the methods the address takes)."""
    response = render_error(405)
    response.headers["Allow"] = ", ".join(error.valid_methods or ())
    return response


def init_errors(app: Flask) -> None:
    for status in PAGES:
        if status not in (404, 405):
            app.register_error_handler(status, lambda error, status=status: render_error(status))
    app.register_error_handler(404, not_found)
    app.register_error_handler(405, method_not_allowed)


class PrivateFlask(Flask):
    """Flask, but an unhandled exception is logged by its type and place only: its message, traceback or locals
    could carry what a visitor typed. Under gunicorn the line goes to its error log (gunicorn.conf.py)."""

    def log_exception(self, exc_info: tuple[type, BaseException, TracebackType] | tuple[None, None, None]) -> None:
        if exc_info[1] is not None:
            log.error("unhandled %s", named(exc_info[1]))
