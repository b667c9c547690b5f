"""What the app answers htmx when a wizard request fails, and the mark site.js reads before a reload: the error
pages as fragments for the wizard's place, each response varying by HX-Request alone."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale, gettext

from .conftest import PERSON, make_app

HTMX = {"HX-Request": "true"}
WIZARD_TARGET = {"HX-Retarget": "#wizard", "HX-Reswap": "innerHTML show:window:top"}


def translated(app, locale: str, message: str) -> str:
    with app.test_request_context(), force_locale(locale):
        return gettext(message)


def heading_of(html: str) -> str:
    return re.search(r"<h1>([^<]+)</h1>", html).group(1)


def assert_error_fragment(response, status: int, heading: str) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert "<html" not in html and "<title>" in html and heading_of(html) == heading
    assert {name: response.headers.get(name) for name in WIZARD_TARGET} == WIZARD_TARGET
    assert "HX-Request" in response.headers["Vary"]


def assert_error_page(response, status: int, heading: str) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert "<html" in html and heading_of(html) == heading
    assert "HX-Retarget" not in response.headers and "HX-Request" in response.headers["Vary"]


def test_an_oversized_step_gets_the_error_page_for_the_wizards_place(app, client, campaign):
    for locale in campaign.locales:
        url = campaign.url("petition/about", locale)
        body = {"data": b"x" * (300 * 1024), "content_type": "application/x-www-form-urlencoded"}
        heading = translated(app, locale, "The form was too large")
        assert_error_fragment(client.post(url, headers=HTMX, **body), 413, heading)
        assert_error_page(client.post(url, **body), 413, heading)


def test_a_cross_site_step_gets_the_refusal_for_the_wizards_place(app, client, campaign):
    locale = campaign.locales[-1]
    url = campaign.url("petition/about", locale)
    heading = translated(app, locale, "This form came from another site")
    cross_site = {"Sec-Fetch-Site": "cross-site"}
    assert_error_fragment(client.post(url, data=PERSON, headers={**HTMX, **cross_site}), 403, heading)
    assert_error_page(client.post(url, data=PERSON, headers=cross_site), 403, heading)


def test_a_fault_gets_the_server_error_page_for_the_wizards_place(campaign):
    app = make_app(campaign.root, testing=False)  # errors answered, as in production

    def broken():
        raise RuntimeError("a fault")

    locale = campaign.locales[-1]
    app.add_url_rule(f"/{locale}/boom", "boom", broken, methods=["POST"])
    heading = translated(app, locale, "Sorry, something went wrong")
    client = app.test_client()
    base_url = app.config["CAMPAIGN"].base_url
    assert_error_fragment(client.post(f"/{locale}/boom", headers=HTMX, base_url=base_url), 500, heading)
    assert_error_page(client.post(f"/{locale}/boom", base_url=base_url), 500, heading)


def test_a_missing_page_asked_by_htmx_is_a_fragment_and_the_kept_page_says_it_varies(app, client, campaign):
    url = campaign.url("petition/no-such-step")
    heading = translated(app, campaign.default_locale, "Page not found")
    assert_error_fragment(client.get(url, headers=HTMX), 404, heading)
    assert_error_page(client.get(url), 404, heading)


@pytest.mark.parametrize("other", [{}, {"HX-History-Restore-Request": "true"}], ids=["plain", "restore"])
def test_hx_request_alone_picks_fragment_or_page(client, campaign, other):
    """As Vary: HX-Request says: the other headers htmx may send change nothing."""
    url = campaign.url("petition/route")
    fragment = client.get(url, headers={**HTMX, **other})
    page = client.get(url, headers=other)
    assert fragment.get_data() == client.get(url, headers=HTMX).get_data()
    assert page.get_data() == client.get(url).get_data()
    assert "<html" not in fragment.get_data(as_text=True) and "<html" in page.get_data(as_text=True)
    assert fragment.headers["Vary"] == page.headers["Vary"] and "HX-Request" in page.headers["Vary"]


def test_a_step_carrying_answers_is_marked_for_the_reload_question(wizard, campaign):
    w = wizard(htmx=True)
    route = next(route for route in campaign.routes if route != "eotinish")
    steps = w.run({"route": route, "sender": "person", **PERSON, "arguments": list(campaign.arguments[:1]),
                   "personal": "", "letter_language": campaign.letter_languages[0]})
    marked = {step: "data-holds-answers" in response.get_data(as_text=True) for step, response in steps.items()}
    assert marked == {"route": False, **{step: True for step in steps if step != "route"}}
