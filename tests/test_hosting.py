"""Configuration, security headers and caching, through the Flask test client."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from campaign.config import ConfigError, from_env

from .conftest import DEFAULT, PARK, PERSON, client_of, location, make_app, rooted, translated

EXPECTED_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def test_settings_come_from_the_environment():
    config = from_env({
        "CAMPAIGN_BASE_URL": "https://example.org/", "CAMPAIGN_TRUSTED_PROXIES": "1",
        "CAMPAIGN_LOG_LEVEL": "warning", "CAMPAIGN_HSTS": "true", "CAMPAIGN_EXIT_URL": "https://weather.example/",
        "CAMPAIGN_TIMEZONE": "Asia/Aqtobe",
    })
    assert config.base_url == "https://example.org" and config.trusted_proxies == 1
    assert config.log_level == "WARNING" and config.hsts is True and config.exit_url == "https://weather.example/"
    assert config.timezone == "Asia/Aqtobe"


@pytest.mark.parametrize(("environ", "variable"), [
    ({"CAMPAIGN_BASE_URL": "example.org"}, "CAMPAIGN_BASE_URL"),
    ({"CAMPAIGN_BASE_URL": "https://example.org/campaign?x=1"}, "CAMPAIGN_BASE_URL"),
    ({"CAMPAIGN_BASE_URL": "http://" + "a" * 56 + ".onion"}, "CAMPAIGN_BASE_URL"),
    ({"CAMPAIGN_ONION_URL": "http://example.org"}, "CAMPAIGN_ONION_URL"),
    ({"CAMPAIGN_ONION_URL": "http://short.onion"}, "CAMPAIGN_ONION_URL"),
    ({"CAMPAIGN_HOSTS": "mirror.example, bad_host"}, "CAMPAIGN_HOSTS"),
    ({"CAMPAIGN_HOSTS": "mirror.example:8080"}, "CAMPAIGN_HOSTS"),
    ({"CAMPAIGN_TIMEZONE": "Mars/Olympus"}, "CAMPAIGN_TIMEZONE"),
    ({"CAMPAIGN_TIMEZONE": "../etc/passwd"}, "CAMPAIGN_TIMEZONE"),
    ({"CAMPAIGN_TRUSTED_PROXIES": "two"}, "CAMPAIGN_TRUSTED_PROXIES"),
    ({"CAMPAIGN_TRUSTED_PROXIES": "-1"}, "CAMPAIGN_TRUSTED_PROXIES"),
    ({"CAMPAIGN_LOG_LEVEL": "LOUD"}, "CAMPAIGN_LOG_LEVEL"),
    ({"CAMPAIGN_HSTS": "maybe"}, "CAMPAIGN_HSTS"),
    ({"CAMPAIGN_EXIT_URL": "javascript:alert(1)"}, "CAMPAIGN_EXIT_URL"),
    ({"CAMPAIGN_CONTENT_DIR": "/nonexistent"}, "CAMPAIGN_CONTENT_DIR"),
])
def test_bad_settings_stop_start_up_naming_the_variable(environ, variable):
    with pytest.raises(ConfigError, match=variable):
        from_env(environ)


def every_response(client, campaign):
    """(name, response) for every kind of response the site gives."""
    for key in campaign.page_keys:
        for locale in campaign.locales:
            yield campaign.url(key, locale), client.get(campaign.url(key, locale))
    for url in ("/sitemap.xml", "/robots.txt", "/healthz", "/no-such-page", f"/{campaign.default_locale}/share",
                "/static/css/site.css", campaign.url("petition/about")):
        yield url, client.get(url)
    yield "fragment", client.get(campaign.url("petition/route", campaign.locales[-1]), headers={"HX-Request": "true"})
    yield "step POST", client.post(campaign.url("petition/route"), data={"submitted": "route", "route": "paper"})
    yield "error POST", client.post(campaign.url("petition/route"), data={"submitted": "route"},
                                    headers={"HX-Request": "true"})
    answers = {**PERSON, "route": "paper", "sender": "person", "arguments": campaign.arguments[0],
               "letter_language": campaign.letter_languages[0]}
    yield "download", client.post(campaign.url("petition/appeal.txt"), data=answers)
    case = {"registered_on": "2026-02-02", "registration_number": "17"}
    yield "follow-up", client.get(campaign.url("petition/follow-up"))
    yield "card", client.post(campaign.url("petition/follow-up"), data={**case, "followup": "card"})
    yield "ics", client.post(campaign.url("petition/follow-up/dates.ics"), data=case)
    yield "answers file", client.post(campaign.url("petition/follow-up/saved-answers.json"), data=answers)
    yield "405", client.put(campaign.url("petition/route"))


def test_every_response_carries_the_security_headers(client, campaign):
    for name, response in every_response(client, campaign):
        for header, value in EXPECTED_HEADERS.items():
            assert response.headers.get(header) == value, (name, header)
        policy = response.headers["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, name
        assert "Set-Cookie" not in response.headers, name
        assert "Strict-Transport-Security" not in response.headers, name


def test_a_server_error_is_localized_and_carries_the_headers(caplog):
    app = make_app(PARK.root, testing=False)
    locale = PARK.locales[-1]

    def broken():
        raise RuntimeError("Секретова typed this")

    app.add_url_rule(f"/{locale}/boom", "boom", broken)
    response = app.test_client().get(f"/{locale}/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert f'<html lang="{locale}"' in html and translated(app, locale, "Sorry, something went wrong") in html
    for header, value in EXPECTED_HEADERS.items():
        assert response.headers[header] == value
    assert "RuntimeError" in caplog.text and "Секретова" not in caplog.text


def test_html_has_an_etag_and_a_short_max_age(client, campaign):
    url = campaign.url("share", campaign.locales[-1])
    first = client.get(url)
    assert first.headers["Cache-Control"] == "public, max-age=300"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_answers_are_never_cached(client, campaign):
    response = client.post(campaign.url("petition/about"), data={"submitted": "route", "route": campaign.routes[0]})
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers


def test_static_files_have_fingerprinted_immutable_urls(engine_client):
    html = rooted(engine_client.get("/"))
    css = re.search(r'href="(/static/css/site\.css\?v=(\w+))"', html)
    assert css and len(css.group(2)) == 10
    response = engine_client.get(css.group(1))
    directives = {d.strip().split("=")[0]: d.strip() for d in response.headers["Cache-Control"].split(",")}
    assert "immutable" in directives and "public" in directives
    assert int(directives["max-age"].split("=")[1]) >= 31536000
    assert re.search(r'src="/static/vendor/htmx\.min\.js\?v=\w+"', html)


def test_text_is_compressed_when_gunicorn_serves_alone(engine_client):
    for url in ("/", "/static/css/site.css?v=1", "/static/vendor/htmx.min.js?v=1"):
        response = engine_client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.headers.get("Content-Encoding") == "gzip", url
        assert "Accept-Encoding" in response.headers["Vary"]
    brotli = engine_client.get("/", headers={"Accept-Encoding": "br"})
    assert brotli.headers.get("Content-Encoding") == "br"


def test_health_check(engine_client):
    response = engine_client.get("/healthz")
    assert response.status_code == 200 and response.get_data() == b"ok"


def test_htmx_is_configured_for_the_csp(engine_client):
    html = engine_client.get("/").get_data(as_text=True)
    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html).group(1)
    import json

    settings = json.loads(config)
    assert settings["allowEval"] is False and settings["includeIndicatorStyles"] is False
    assert settings["selfRequestsOnly"] is True and settings["historyCacheSize"] == 0
    assert "<script>" not in html and " style=" not in html and "onclick" not in html


def test_quick_exit_is_on_every_page_and_a_plain_link():
    # The park campaign turns the quick exit off (test_theme.py).
    client, campaign = client_of(DEFAULT), DEFAULT
    for url in ("/", campaign.url("share", campaign.locales[-1]), campaign.url("petition/route"), "/no-such-page"):
        html = client.get(url).get_data(as_text=True)
        link = re.search(r'<a class="exit-button" href="([^"]+)" rel="noreferrer" data-exit-page>', html)
        assert link and link.group(1).startswith("https://")


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "https://evil.example"}, {"Origin": "null"}])
def test_a_form_posted_from_another_site_is_refused_in_the_visitors_language(engine_app, headers):
    locale = PARK.locales[-1]
    answers = {**PERSON, "route": "paper", "sender": "person", "arguments": PARK.arguments[0],
               "letter_language": PARK.letter_languages[0], "done": "route,sender,about,complaint"}
    response = engine_app.test_client().post(PARK.url("petition/letter", locale), data=answers, headers=headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 403 and f'<html lang="{locale}"' in html
    assert PERSON["surname"] not in html
    assert translated(engine_app, locale, "This form came from another site") in html


@pytest.mark.parametrize("headers", [{}, {"Sec-Fetch-Site": "same-origin"}, {"Origin": "https://campaign.example"},
                                     {"Sec-Fetch-Site": "same-origin", "Origin": "https://campaign.example"}])
def test_a_form_of_this_site_or_with_no_such_headers_is_accepted(engine_client, headers):
    response = engine_client.post(PARK.url("petition/route"), data={"submitted": "route", "route": "paper"},
                                  headers=headers)
    assert response.status_code == 307


# Paths a hostile link may use to lead a visitor elsewhere, and where each leads: a redirect within the site (as
# a path) or a 404 (None). Read in the fixture campaign, whose locales are kk (the default) and ru.
HOSTILE_PATHS = [
    ("/ru", 308, "/ru/"), ("//evil.example", 308, "/"), ("///evil.example", 404, None),
    ("/ru//evil.example", 404, None), ("/ru/%09/evil.example", 404, None), ("/ru/%0a/x", 404, None),
    ("/ru/%0d/x", 404, None), ("/ru/%5c/evil.example", 404, None), ("/ru/%2e%2e/%2e%2e/evil.example", 404, None),
    ("/ru/\\/evil.example", 404, None), ("/%5C%5Cevil.example", 404, None), ("/kk/share", 301, "/share"),
]


@pytest.mark.parametrize(("path", "status", "target"), HOSTILE_PATHS, ids=[path for path, _, _ in HOSTILE_PATHS])
def test_redirects_never_leave_the_site(engine_client, path, status, target):
    response = engine_client.get(path)
    assert response.status_code == status
    if target is None:
        assert "Location" not in response.headers
    else:
        written = response.headers["Location"]
        parts = urlsplit(written)
        # Relative to the page, never to the host's root or another host (which a browser could read as a host).
        assert not parts.scheme and not parts.netloc and not written.startswith(("/", "\\")), written
        assert location(response) == target


def test_a_locale_root_without_its_slash_redirects_relatively(client, campaign):
    code = campaign.locales[1]
    response = client.get(f"/{code}")
    assert response.status_code == 308 and response.headers["Location"] == f"./{code}/"
    assert location(response) == f"/{code}/"
