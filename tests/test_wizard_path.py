"""The wizard's URL segment is the campaign's (campaign.yml `wizard_path`), and its start page is the content page
of that name. The fixture campaign puts its wizard at /obrashenie: nothing it answers leads to /petition."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from campaign.content.errors import ContentError

from .conftest import (
    BASE_URL,
    DEFAULT,
    PARK,
    PERSON,
    SiteClient,
    Wizard,
    answers_for,
    edit,
    make_app,
    rooted,
    ways,
)


class RecordingClient(SiteClient):
    """The site's client, keeping every response it got."""

    seen: list

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        self.seen.append(response)
        return response


def park_client() -> RecordingClient:
    app = make_app(PARK.root, base_url=BASE_URL)
    app.test_client_class = RecordingClient
    client = app.test_client()
    client.seen = []
    return client


def everything_the_park_campaign_answers() -> list:
    """Every page in every locale, a missing page, the sitemap and robots.txt, every wizard step of every way
    walked plain and with htmx (errors and a restart on the way), both downloads and each offline kit."""
    client = park_client()
    for locale in PARK.locales:
        for key in (*PARK.page_keys, "addresses", "no-such-page"):
            client.get(PARK.url(key, locale))
        for route, sender in ways(PARK):
            for htmx in (False, True):
                wizard = Wizard(client, PARK, locale, htmx=htmx)
                steps = wizard.run(answers_for(PARK, route, sender, shared_device="yes"))
                wizard.submit(steps["about"].get_data(as_text=True), dict.fromkeys(PERSON, "1"))  # errors
                answers = Wizard.form_data(rooted(steps["letter"]), PARK.url("petition/appeal.txt", locale))
                for kind in ("txt", "pdf"):
                    client.post(PARK.url(f"petition/appeal.{kind}", locale), data=answers)
        client.get(PARK.url("petition/check", locale))  # a bare visit: back to the start
        client.post(PARK.url("petition/about", locale), data={"submitted": "about"})  # answers missing
        client.post(PARK.url("petition/appeal.txt", locale), data={})  # nothing to build a letter from: 303
    for language in PARK.letter_languages:
        client.get(f"/{PARK.wizard_path}/offline-kit-{language}.html")
    for path in ("/sitemap.xml", "/robots.txt"):
        client.get(path)
    return client.seen


def test_no_response_of_a_campaign_with_its_own_segment_leads_to_petition():
    responses = everything_the_park_campaign_answers()
    statuses = {response.status_code for response in responses}
    assert {200, 303, 307, 404} <= statuses  # pages, restarts, the no-JS redirects and a missing page
    assert sum("HX-Push-Url" in response.headers for response in responses) > 20
    for response in responses:
        where = f"{response.request.method} {response.request.path}"
        assert b"/petition" not in response.get_data(), where
        assert b"petition" not in response.get_data(), where  # not even relative ("../petition/about")
        for name, value in response.headers.items():
            assert "petition" not in value, f"{where}: {name}"
    # The wizard does answer at the campaign's own segment, its steps too.
    locations = [response.headers["Location"] for response in responses if response.status_code in (303, 307)]
    assert locations and all(f"{PARK.wizard_path}/" in location for location in locations)
    pushed = [response.headers["HX-Push-Url"] for response in responses
              if response.headers.get("HX-Push-Url", "false") != "false"]
    assert pushed and all(f"{PARK.wizard_path}/" in url for url in pushed)


def test_the_static_copy_of_that_campaign_holds_no_petition(exports):
    files = [path for path in exports[PARK.name].rglob("*") if path.is_file() and path.suffix in (".html", ".xml")]
    assert any(f"/{PARK.wizard_path}/" in f"/{path.relative_to(exports[PARK.name])}" for path in files)
    for path in files:
        assert "petition" not in path.read_text(encoding="utf-8"), path


def test_its_start_page_is_the_content_page_of_its_segment():
    client = park_client()
    for locale in PARK.locales:
        page = (PARK.root / locale / f"{PARK.wizard_path}.md").read_text(encoding="utf-8")
        heading = next(line for line in page.splitlines() if line.startswith("# ")).removeprefix("# ")
        response = client.get(PARK.url("petition", locale))
        assert response.status_code == 200
        assert re.search(rf"<h1[^>]*>{re.escape(heading)}</h1>", response.get_data(as_text=True))
        assert client.get("/petition" if locale == PARK.default_locale else f"/{locale}/petition").status_code == 404


def test_the_default_campaign_keeps_its_wizard_at_petition():
    client = make_app(DEFAULT.root, base_url=BASE_URL).test_client()
    assert client.get("/petition").status_code == 200
    assert client.get("/kk/petition/route").status_code == 200
    # A content page under the wizard's segment is still a page.
    assert client.get("/petition/alternative").status_code == 200
    pages = sorted(p.stem for p in (DEFAULT.root / DEFAULT.default_locale / "petition").glob("*.md"))
    assert pages and all(client.get(f"/petition/{page}").status_code == 200 for page in pages)


@pytest.mark.parametrize("segment", ["Petition", "pe/tition", "обращение", "static", "kk", "''"])
def test_a_segment_that_cannot_be_the_wizards_stops_start_up(tmp_path: Path, segment: str):
    root = tmp_path / "content"
    shutil.copytree(PARK.root, root)
    edit(root / "campaign.yml", "wizard_path: obrashenie", f"wizard_path: {segment}")
    with pytest.raises(ContentError) as error:
        make_app(root)
    assert "wizard_path" in str(error.value) and "campaign.yml" in str(error.value)
