"""What a campaign sets of the engine's look and interface in campaign.yml: the theme (colours, favicon, logo),
the deadline sentence, the quick exit and the shared-device question.

The park campaign sets each one; the default campaign sets none and keeps the engine's. What a test expects it
reads from the campaign's own files, or from the default campaign's responses (the engine's defaults).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from campaign import clock
from campaign.config import REPO_ROOT
from campaign.content.errors import ContentError

from .conftest import (
    DAYS_LEFT,
    DEFAULT,
    PARK,
    Campaign,
    Wizard,
    answers_for,
    build,
    client_of,
    edit,
    line_of,
    make_app,
    read_form,
    rooted,
    translated,
    translated_plural,
    variant,
    ways,
)

STEPS = ("route", "sender", "about", "complaint", "check", "letter")
LINKED = re.compile(r'<(?:link|script|img)\b[^>]*?\s(?:href|src)="(/[^"/][^"]*)"')


def html_of(response) -> str:
    return response.get_data(as_text=True)


def linked(response) -> list[str]:
    """The stylesheets, scripts, icons and images a page loads from the site."""
    return LINKED.findall(rooted(response))


def status_band(html: str) -> str:
    """The open campaign's deadline sentence, as the status band shows it before the days left."""
    band = re.search(r'<div class="campaign-status" role="region".*?<p>(.*?)<strong>', html, re.S)
    assert band, "no status band"
    return " ".join(unescape(re.sub(r"<[^>]+>", "", band.group(1))).split())


def default_accent() -> str:
    """The engine's accent colour, as the default campaign's theme stylesheet gives it."""
    client = client_of(DEFAULT)
    theme = next(url for url in linked(client.get("/")) if url.startswith("/theme.css"))
    found = re.search(r"--accent: (#[0-9a-f]{6});", html_of(client.get(theme)))
    assert found
    return found.group(1)


def every_response(campaign: Campaign) -> list:
    """Every page in every locale, every wizard step (GET, plain and htmx), a walk of every way through the
    wizard in each letter language (plain and htmx), the error page, the feeds, and everything they load."""
    client = client_of(campaign)
    urls = [campaign.url(key, locale) for key in campaign.page_keys for locale in campaign.locales]
    urls += [campaign.url(f"petition/{step}", locale) for step in STEPS for locale in campaign.locales]
    urls += [campaign.url("addresses", locale) for locale in campaign.locales]
    urls += ["/sitemap.xml", "/robots.txt", "/no-such-page", campaign.url("no-such-page", campaign.locales[-1])]
    responses = [client.get(url) for url in urls]
    responses += [client.get(campaign.url(f"petition/{step}"), headers={"HX-Request": "true"}) for step in STEPS]
    for htmx in (False, True):
        for route, sender in ways(campaign):
            for language in campaign.letter_languages:
                w = Wizard(client, campaign, htmx=htmx)
                responses += w.run(answers_for(campaign, route, sender, language)).values()
    loaded = {url for response in responses if response.mimetype == "text/html" for url in linked(response)}
    assert any(url.startswith("/static/css/site.css") for url in loaded)
    return responses + [client.get(url) for url in sorted(loaded)]


def test_no_response_of_the_park_campaign_holds_the_default_theme():
    accent = default_accent().removeprefix("#")
    engine_favicon = (REPO_ROOT / "static" / "favicon.svg").read_bytes()
    responses = every_response(PARK)
    assert len(responses) > 100
    for response in responses:
        missing = response.request.path.endswith("/no-such-page")  # the two asked for the error page
        assert response.status_code == (404 if missing else 200), response.request.path
        body = response.get_data()
        assert accent.encode() not in body.lower(), response.request.path
        assert b"static/favicon" not in body, response.request.path
        assert body != engine_favicon
    # The same scan finds the engine's look in the default campaign: it can fail.
    default = every_response(DEFAULT)
    assert any(accent.encode() in response.get_data().lower() for response in default)
    assert any(b"static/favicon.svg" in response.get_data() for response in default)


def test_the_theme_stylesheet_holds_the_campaigns_colours_and_is_cached_a_year():
    theme = PARK.settings["theme"]
    client = client_of(PARK)
    url = next(url for url in linked(client.get("/")) if url.startswith("/theme.css?v="))
    response = client.get(url, headers={"Accept-Encoding": "br"})
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "br" and "style-src 'self';" in response.headers[
        "Content-Security-Policy"]
    css = html_of(client.get(url))
    for key in ("accent", "accent_hover", "accent_text", "link", "link_hover", "link_visited", "focus"):
        assert f"--{key.replace('_', '-')}: {theme[key]};" in css
    # One URL per theme: the default campaign's colours have another.
    assert url not in linked(client_of(DEFAULT).get("/"))


@pytest.mark.parametrize("campaign", [DEFAULT, PARK], ids=lambda c: c.name)
def test_every_colour_site_css_uses_is_set_by_the_theme(campaign):
    client = client_of(campaign)
    urls = linked(client.get("/"))
    site_css = html_of(client.get(next(url for url in urls if url.startswith("/static/css/site.css"))))
    theme_css = html_of(client.get(next(url for url in urls if url.startswith("/theme.css"))))
    used = set(re.findall(r"var\((--[a-z-]+)\)", site_css))
    defined = set(re.findall(r"(--[a-z-]+):", theme_css + site_css))
    assert len(used) > 10 and used <= defined
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", site_css)  # every colour comes from the theme


def test_the_park_campaign_shows_its_favicons_and_its_logo_with_its_text_in_each_locale():
    theme = PARK.settings["theme"]
    client = client_of(PARK)
    for locale in PARK.locales:
        response = client.get(PARK.url("home", locale))
        html = rooted(response)
        icons = re.findall(r'<link rel="icon" href="(/media/[^"?]+)\?v=\w+" type="([^"]+)"( sizes="32x32")?>', html)
        assert icons == [("/" + theme["favicon"][0], "image/svg+xml", ""),
                         ("/" + theme["favicon"][1], "image/png", ' sizes="32x32"')]
        logo = re.search(r'<img class="site-header__logo" src="(/media/[^"?]+)\?v=\w+" alt="([^"]*)">', html)
        assert logo and logo.groups() == ("/" + theme["logo"], theme["logo_alt"][locale])
    for name in (*theme["favicon"], theme["logo"]):
        url = next(url for url in linked(client.get("/")) if url.startswith(f"/{name}?v="))
        assert client.get(url).get_data() == (PARK.root / name).read_bytes()


def test_a_logo_without_a_text_is_decorative(tmp_path):
    copy = park_copy(tmp_path)
    edit(copy / "campaign.yml", "  logo_alt:\n    kk: 'Көктал саябағының жапырағы'\n    ru: 'Лист парка Коктала'\n", "")
    html = html_of(make_app(copy).test_client().get("/"))
    assert re.search(r'<img class="site-header__logo" src="[^"]+" alt="">', html)


def test_the_default_campaign_keeps_the_engines_look_and_interface():
    client = client_of(DEFAULT)
    for locale in DEFAULT.locales:
        html = rooted(client.get(DEFAULT.url("share", locale)))
        assert re.findall(r'<link rel="icon" href="([^"?]+)', html) == ["/static/favicon.svg", "/static/favicon-32.png"]
        assert "site-header__logo" not in html
        assert 'data-exit-page>' in html
    route = html_of(client.get("/petition/route"))
    assert set(read_form(route)["fields"]) == {"route", "shared_device"}


def open_copy(source: Campaign, tmp_path: Path, deadline: dt.date) -> Path:
    """A copy of a campaign, open until `deadline`."""
    return variant(source, tmp_path, {"campaign.yml": {"status": "open", "deadline": deadline}}, source.name).root


@pytest.mark.parametrize("source", [DEFAULT, PARK], ids=lambda c: c.name)
def test_the_deadline_sentence_is_the_campaigns_or_the_engines_and_never_doubles_a_full_stop(source, tmp_path):
    deadline = clock.today("Asia/Almaty") + dt.timedelta(days=40)
    app = make_app(open_copy(source, tmp_path, deadline))
    wording = source.settings.get("deadline_line")  # the park campaign's own, the engine's in the default
    for locale in source.locales:
        sentence = status_band(html_of(app.test_client().get(source.url("home", locale))))
        template = wording[locale] if wording else translated(
            app, locale, "Send your appeal so that it arrives by %(date)s.", date="{date}")
        before, after = template.split("{date}")
        found = re.fullmatch(re.escape(before) + "(.+)" + re.escape(after), sentence)
        assert found and str(deadline.year) in found.group(1)
        assert ".." not in sentence


def test_a_date_that_ends_in_a_full_stop_takes_the_place_of_the_sentences():
    from campaign.content.interface import deadline_sentence

    assert deadline_sentence("Не позднее {date}.", "1 марта 2027 г.") == "Не позднее 1 марта 2027 г."
    assert deadline_sentence("Срок: {date}. Спешите.", "1 марта 2027 г.") == "Срок: 1 марта 2027 г. Спешите."
    assert deadline_sentence("By {date}.", "1 March 2027") == "By 1 March 2027."
    assert deadline_sentence("{date}: the last day", "2027. március 1.") == "2027. március 1.: the last day"


@pytest.mark.parametrize(("days", "count"), [(1, 2), (40, 41)])
def test_the_days_left_count_today_and_the_deadline_day_and_say_so(tmp_path, days, count):
    copy = open_copy(PARK, tmp_path, clock.today("Asia/Almaty") + dt.timedelta(days=days))
    app = make_app(copy)
    for locale in PARK.locales:
        left = translated_plural(app, locale, *DAYS_LEFT, count)
        assert f"<strong>{left}</strong>" in html_of(app.test_client().get(PARK.url("home", locale)))


def test_the_park_campaign_has_no_quick_exit_and_no_listener_for_it():
    client = client_of(PARK)
    for response in every_response(PARK):
        if response.mimetype == "text/html":
            html = html_of(response)
            assert "data-exit-page" not in html and "exit-button" not in html
            for locale in PARK.locales:
                assert translated(build(PARK.root), locale, "Exit this page") not in html
    # The script listens for the quick exit only where a page has its link.
    script = html_of(client.get(next(u for u in linked(client.get("/")) if u.startswith("/static/js/site.js"))))
    guard = script.index('if (document.querySelector("[data-exit-page]")) {')
    assert guard < script.index('document.addEventListener("keyup"') and "keyup" not in script[:guard]


def test_the_park_campaign_never_asks_about_a_shared_device_and_ignores_an_answer_to_it():
    client = client_of(PARK)
    app = build(PARK.root)
    route = html_of(client.get(PARK.url("petition/route")))
    assert "shared_device" not in read_form(route)["fields"]
    for locale in PARK.locales:
        tips = translated(app, locale, "Leaving fewer traces on this device")
        w = Wizard(client, PARK, locale)
        answers = answers_for(PARK, "paper", "person")
        response, pages = w.start(), {}
        while (step := w.step_of(html_of(response))) is not None:
            pages[step] = html_of(response)
            # A form altered to answer the question anyway changes nothing.
            response = w.submit(pages[step], answers, shared_device="yes")
        pages["letter"] = html_of(response)
        assert list(pages) == ["route", "sender", "about", "complaint", "check", "letter"]
        assert 'autocomplete="family-name"' in pages["about"] and 'autocomplete="off" novalidate' not in pages["about"]
        assert all(tips not in html and 'name="shared_device"' not in html for html in pages.values())
        assert translated(app, locale, "Someone else may use or check this device") not in pages["check"]


def test_a_first_step_left_with_nothing_to_ask_is_skipped(tmp_path):
    copy = park_copy(tmp_path)
    edit(copy / "complaint" / "settings.yml", "routes: [paper, email]", "routes: [email]")
    campaign = Campaign("one-route", copy)
    client = make_app(copy).test_client()
    steps = Wizard(client, campaign).run(answers_for(campaign, "email", "person"))
    assert list(steps) == ["sender", "about", "complaint", "check", "letter"]
    assert steps["letter"].status_code == 200 and 'id="letter-text"' in html_of(steps["letter"])
    assert Wizard.step_of(html_of(client.get(campaign.url("petition/about")))) == "sender"  # a restart begins there too


# --- the content check -------------------------------------------------------------------------------------------

def park_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "park"
    shutil.copytree(PARK.root, copy)
    return copy


def contrast_case(tmp_path: Path) -> Path:
    """A yellow accent under dark text: readable, but too pale against the page for buttons and boxes."""
    copy = park_copy(tmp_path)
    path = copy / "campaign.yml"
    edit(path, "  accent: '#2f5d1e'", "  accent: '#ffe066'")
    edit(path, "  accent_hover: '#1e3d13'", "  accent_hover: '#f5c400'")
    edit(path, "  accent_text: '#ffffff'", "  accent_text: '#1d1d1b'")
    return copy


def error_of(copy: Path) -> str:
    with pytest.raises(ContentError) as raised:
        make_app(copy)
    return str(raised.value)


@pytest.mark.parametrize(("old", "new", "message", "marker"), [
    ("  accent: '#2f5d1e'", "  accent: 'green'",
     "theme: accent must be a colour written #rrggbb or #rgb, in quotes, got 'green'", "  accent: "),
    ("  accent: '#2f5d1e'", "  accent: #2f5d1e",
     "theme: accent is empty: write the colour in quotes, accent: '#0b5d66' (unquoted, YAML reads # as the start of "
     "a comment)", "  accent: "),
    ("  accent_text: '#ffffff'", "  accent_text: '#9fc3c6'",
     "theme: accent_text #9fc3c6 on accent #2f5d1e has a contrast of 4.1:1, below the 4.5:1 needed for text on the "
     "accent", "accent_text"),
    ("  link_visited: '#5a2d82'", "  link_visited: '#a58bc2'",
     "theme: link_visited #a58bc2 on the page's background colour #ffffff has a contrast of 2.9:1, below the 4.5:1 "
     "needed for visited links", "link_visited"),
    ("  logo: media/theme/logo.svg", "  logo: theme/logo.svg",
     "theme: logo must be a file under media/, written like logo: 'media/logo.svg', got 'theme/logo.svg'", "  logo:"),
    ("    ru: 'Лист парка Коктала'\n", "",
     "theme: logo_alt needs a text for 'ru' (or leave logo_alt out: the logo is then decorative)", "  logo_alt:"),
    ("Акимат должен объявить решение о парке не позднее {date}.", "Акимат должен объявить решение о парке {datum}.",
     "deadline_line: the 'ru' text has no {date}: write {date} once, where the deadline goes (it is the only "
     "placeholder)", "Акимат должен"),
    ("жариялауға тиіс соңғы күн: {date}.", "жариялауға тиіс соңғы күн: {date}, {date}.",
     "deadline_line: the 'kk' text has {date} twice: write {date} once, where the deadline goes (it is the only "
     "placeholder)", "жариялауға тиіс"),
    ("quick_exit: false", "quick_exit: 'maybe'", "quick_exit must be true or false, got 'maybe'", "quick_exit"),
])
def test_the_check_names_a_theme_or_interface_mistake_with_its_file_and_line(tmp_path, old, new, message, marker):
    copy = park_copy(tmp_path)
    path = copy / "campaign.yml"
    edit(path, old, new)
    assert error_of(copy) == f"{path}:{line_of(path, marker)}: {message}"


def test_the_check_names_a_pale_accent_against_the_page(tmp_path):
    copy = contrast_case(tmp_path)
    path = copy / "campaign.yml"
    assert error_of(copy) == (
        f"{path}:{line_of(path, '  accent: ')}: theme: accent #ffe066 on the page's background colour #ffffff has a "
        "contrast of 1.3:1, below the 3:1 needed for buttons, ticked boxes and the edges of notices")


def test_the_check_names_a_missing_favicon_file(tmp_path):
    copy = park_copy(tmp_path)
    (copy / "media" / "theme" / "favicon.svg").unlink()
    path = copy / "campaign.yml"
    expected = (f"{path}:{line_of(path, 'favicon:')}: theme: favicon 'media/theme/favicon.svg' is missing: add "
                f"{copy / 'media' / 'theme' / 'favicon.svg'}")
    assert error_of(copy) == expected
    # The content check an editor runs says the same.
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "content", "check", str(copy)],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stderr == f"error: {expected}\n"
