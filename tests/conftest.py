"""Fixtures as a chain: campaign -> app -> client -> helpers (a wizard driver, throwaway campaign variants).

Every engine test whose subject depends on the campaign runs against two campaigns (`campaign`, `app`, `client`):
the default one in `content/` and a fictional one in `tests/fixtures/park/`, which differs wherever the engine
allows; one whose subject does not runs once (`engine_app`, `engine_client`). A test that needs a campaign changed
builds a throwaway copy with `variant`. What a test expects of a campaign it reads from that campaign's own files
(`Campaign`), never from the engine's parse of them; wording it reads from the catalogs (`translated`).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, format_number, gettext, ngettext

from campaign import clock, create_app
from campaign.config import REPO_ROOT

FIXTURES = Path(__file__).parent / "fixtures"
# Valid numbers: the twelfth digit is the check digit of the first eleven.
VALID_IIN = "900101300126"
VALID_BIN = "040340000126"

PERSON = {"surname": "Сапарова", "given_name": "Әсел", "patronymic": "", "iin": VALID_IIN,
          "address": "Астана, пр. Мангилик Ел, 1, кв. 5", "email": "asel@example.kz", "phone": ""}
ORGANISATION = {"organisation": "«Жасыл ел» қоғамдық бірлестігі", "bin": VALID_BIN,
                "address": "Алматы, Абай даңғылы, 10, 3-кеңсе", "signatory_name": "Ахметов Серік Болатұлы",
                "signatory_position": "Төраға", "email": "", "phone": "+7 701 123 45 67"}
EOTINISH = {"full_name": "Айгүл Серікқызы"}


@dataclass(frozen=True)
class Campaign:
    """A campaign directory as its files say, read with plain YAML (an oracle independent of the engine)."""

    name: str
    root: Path

    def yaml(self, relative: str) -> Any:
        path = self.root / relative
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None

    @cached_property
    def settings(self) -> dict:
        return self.yaml("campaign.yml")

    @cached_property
    def wizard(self) -> dict:
        return self.yaml("complaint/settings.yml")

    @property
    def wizard_path(self) -> str:
        return self.settings.get("wizard_path", "petition")

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(self.settings["locales"])

    @property
    def default_locale(self) -> str:
        return self.locales[0]

    @property
    def routes(self) -> tuple[str, ...]:
        return tuple(self.wizard["routes"])

    @property
    def senders(self) -> tuple[str, ...]:
        return tuple(self.wizard["senders"])

    @property
    def letter_languages(self) -> tuple[str, ...]:
        return tuple(self.wizard["letter_languages"])

    @cached_property
    def arguments(self) -> tuple[str, ...]:
        return tuple(self.yaml("complaint/arguments.yml"))

    def letter(self, language: str) -> dict:
        return self.yaml(f"complaint/{language}.yml")

    def wordings(self, language: str, part: str) -> list[str]:
        """Every wording of a part of the letter ("intro", or an argument's key), as plain texts."""
        letter = self.letter(language)
        node = letter["arguments"][part] if part in self.arguments else letter[part]
        return [w if isinstance(w, str) else w["text"] for w in node["wordings"]]

    @cached_property
    def page_keys(self) -> tuple[str, ...]:
        keys = set()
        for locale in self.locales:
            for path in (self.root / locale).rglob("*.md"):
                keys.add(path.relative_to(self.root / locale).with_suffix("").as_posix())
        return tuple(sorted(keys))

    def url(self, key: str, locale: str | None = None) -> str:
        """The path of a page, or of the wizard: in a key, `petition` stands for the campaign's wizard segment
        ("petition/about" is the about step wherever the campaign puts its wizard)."""
        locale = locale or self.default_locale
        if key == "petition" or key.startswith("petition/"):
            key = self.wizard_path + key.removeprefix("petition")
        path = "/" if key == "home" else f"/{key}"
        return path if locale == self.default_locale else f"/{locale}{path}"


DEFAULT = Campaign("default", REPO_ROOT / "content")
PARK = Campaign("park", FIXTURES / "park")
CAMPAIGNS = (DEFAULT, PARK)


BASE_URL = "https://campaign.example"


class SiteClient(FlaskClient):
    """The test client as a browser of the site at its address (the site answers only its own host names), which
    reads a relative Location against the page's URL, as browsers do."""

    def open(self, *args: Any, **kwargs: Any):
        if args and isinstance(args[0], str) and "base_url" not in kwargs:
            kwargs["base_url"] = self.application.config["CAMPAIGN"].base_url
        return super().open(*args, **kwargs)

    def resolve_redirect(self, response, buffered: bool = False):
        response.headers["Location"] = urljoin(response.request.url, response.headers["Location"])
        return super().resolve_redirect(response, buffered)


def make_app(content_dir: Path, **overrides: Any) -> Flask:
    app = create_app({"testing": True, "content_dir": content_dir, **overrides})
    app.test_client_class = SiteClient
    return app


@cache
def build(root: Path) -> Flask:
    return make_app(root, base_url=BASE_URL)


def client_of(campaign: Campaign) -> FlaskClient:
    """A test client of one given campaign (for tests about that campaign only)."""
    return build(campaign.root).test_client()


# The moment every test stands at unless it sets another (monkeypatch `clock.now`): what the site shows and checks
# depends on the date (an open campaign's days left, `content check`'s warning about a calendar year no editor
# reviewed), and a test must not start failing on a later day. 2 March 2026 is inside the fixture campaign's
# reviewed calendar year, far enough from its end that no appeal registered that day reaches the next one.
TEST_MOMENT = dt.datetime(2026, 3, 2, 6, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: TEST_MOMENT)


# Every test in these folders carries the folder's mark, so that `-m "not browser"` starts no server and
# `-m content` is the editorial check of the default campaign (`make content-lint`).
MARKED_FOLDERS = {"browser": Path(__file__).parent / "browser", "content": Path(__file__).parent / "content"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for mark, folder in MARKED_FOLDERS.items():
            if item.path.is_relative_to(folder):
                item.add_marker(mark)


@pytest.fixture(scope="session")
def exports(tmp_path_factory) -> dict[str, Path]:
    """Each campaign exported as a static copy by `flask campaign export`, once per test run."""
    folders = {}
    for campaign in CAMPAIGNS:
        folder = tmp_path_factory.mktemp(f"export-{campaign.name}") / "site"
        result = build(campaign.root).test_cli_runner().invoke(args=["campaign", "export", str(folder)])
        assert result.exit_code == 0, result.output
        folders[campaign.name] = folder
    return folders


@pytest.fixture(scope="session")
def reviews(tmp_path_factory) -> dict[str, Path]:
    """Each campaign's review of every letter, written by `flask content review DIR OUT.html`, once per test run."""
    from campaign.cli import content

    files = {}
    for campaign in CAMPAIGNS:
        out = tmp_path_factory.mktemp(f"review-{campaign.name}") / "review.html"
        result = build(campaign.root).test_cli_runner().invoke(content, ["review", str(campaign.root), str(out)])
        assert result.exit_code == 0, result.output
        files[campaign.name] = out
    return files


@pytest.fixture(params=CAMPAIGNS, ids=lambda c: c.name)
def campaign(request) -> Campaign:
    return request.param


@pytest.fixture()
def app(campaign: Campaign) -> Flask:
    return build(campaign.root)


@pytest.fixture()
def engine_app() -> Flask:
    """One campaign's app (the fixture campaign's), for a test whose subject does not depend on the campaign
    (encodings, hostile paths, plurals, refused forms): it runs once, not once per campaign."""
    return build(PARK.root)


@pytest.fixture()
def engine_client(engine_app: Flask) -> FlaskClient:
    return engine_app.test_client()


@pytest.fixture()
def default_app() -> Flask:
    """The default campaign's app, for tests of its own content."""
    return build(DEFAULT.root)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def app_with_content():
    """Build an app from another content directory."""

    return make_app


def write_yaml(path: Path, data: Any) -> None:
    """YAML as an editor writes it: keys in their order, short lists inline, text unescaped."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None,
                                   width=1000), encoding="utf-8")


UNSET = object()  # a value in a `change_file` mapping: remove the key
Change = Mapping[str, Any] | Callable[[Any], Any] | str | None


def change_file(path: Path, change: Change) -> None:
    """Apply one change to a campaign file: a mapping sets keys of its YAML (a dotted key reaches into a nested
    mapping; the value UNSET removes the key), a function changes the loaded YAML in place (or
    returns a replacement), a text is the file's whole new content, None deletes the file."""
    if change is None:
        path.unlink()
        return
    if isinstance(change, str):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(change, encoding="utf-8")
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    if callable(change):
        returned = change(data)
        data = data if returned is None else returned
    else:
        for dotted, value in change.items():
            *parents, key = dotted.split(".")
            node = data
            for name in parents:
                node = node.setdefault(name, {})
            if value is UNSET:
                del node[key]
            else:
                node[key] = value
    write_yaml(path, data)


def line_of(path: Path, text: str) -> int:
    """The number of the one line of `path` that holds `text` (comment lines aside), as an error message names it."""
    lines = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if text in line and not line.lstrip().startswith("#")]
    assert len(lines) == 1, (text, lines)
    return lines[0]


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file of a throwaway campaign, failing if the text is not there (a test must not edit
    nothing)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def variant(base: Campaign, folder: Path, changes: Mapping[str, Change], name: str = "variant") -> Campaign:
    """A throwaway copy of `base` in `folder`, with each file named in `changes` (a path relative to the
    campaign's root) changed by key: the test says what it needs, whatever else the campaign's files hold."""
    root = folder / name
    shutil.copytree(base.root, root)
    for relative, change in changes.items():
        change_file(root / relative, change)
    return Campaign(name, root)


def closed(campaign: Campaign, wizard: str = "record", date: Any = None) -> dict[str, Any]:
    """The changes to campaign.yml that decide a campaign: an outcome, and the wizard off or building the record
    (with the letter's `date`, or None for a date line left blank)."""
    changes: dict[str, Any] = {"status": "closed", "wizard_when_closed": wizard,
                               "outcome": {loc: f"Decided ({loc}). The outcome." for loc in campaign.locales}}
    if wizard == "record":
        changes["record"] = {"date": date, "notice": {loc: f"**Kept for the record ({loc}).**"
                                                      for loc in campaign.locales}}
    return changes


def eotinish_route(campaign: Campaign) -> dict[str, Change]:
    """The changes that offer a campaign's visitors the eOtinish route first (with its text in each locale)."""
    changes: dict[str, Change] = {"complaint/settings.yml": lambda data: data.update(
        routes=["eotinish", *[r for r in data["routes"] if r != "eotinish"]])}
    for locale in campaign.locales:
        changes[f"complaint/routes/{locale}/eotinish.md"] = (
            f"---\ntitle: 'eOtinish ({locale})'\ndescription: 'Signed online ({locale}).'\n---\n\n"
            f"## Send it through eOtinish ({locale})\n\nSign it there.\n")
    return changes


def translated(app: Flask, locale: str, message: str, **values: Any) -> str:
    """A message of the engine's catalogs as the site shows it in `locale` (a test never spells a translation)."""
    with app.test_request_context(), force_locale(locale):
        return gettext(message, **values)


# The open campaign's count of days (its msgid and plural), as the catalogs hold it.
DAYS_LEFT = ("%(num)d day left, today included", "%(num)d days left, today included")


def translated_plural(app: Flask, locale: str, singular: str, plural: str, number: int, **values: Any) -> str:
    with app.test_request_context(), force_locale(locale):
        return ngettext(singular, plural, number, **values)


def number_in(app: Flask, locale: str, number: int) -> str:
    """A number as the site writes it in `locale` ("2 000" in Russian)."""
    with app.test_request_context(), force_locale(locale):
        return format_number(number)


LETTER = re.compile(r'<textarea class="letter"[^>]*>(.*?)</textarea>', re.S)


def letter_in(html: str) -> str:
    """The letter's text, out of the letter page's textarea."""
    match = LETTER.search(html)
    assert match, "no letter on the page"
    return unescape(match.group(1))


class FormReader(HTMLParser):
    """What a browser would send from the form that holds `submitted` (or the first POST form): hidden and
    filled-in inputs, checked boxes and radios, textareas."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "data": [], "fields": []})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind != "hidden":
                self.forms[-1]["fields"].append(a["name"])
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.forms[-1]["data"].append((a["name"], a.get("value", "on")))
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.forms[-1]["fields"].append(a["name"])
            self.forms[-1]["data"].append((a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self.textarea:
            name, value = self.forms[-1]["data"][-1]
            self.forms[-1]["data"][-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self.textarea:
            name, value = self.forms[-1]["data"][-1]
            self.forms[-1]["data"][-1] = (name, value.removeprefix("\n"))
            self.textarea = None


def read_form(html: str, action: str | None = None) -> dict[str, Any]:
    """The wizard's step form in `html` (or the form posting to `action`)."""
    reader = FormReader()
    reader.feed(html)
    for form in reader.forms:
        names = [name for name, _ in form["data"]]
        if (action and form["action"] == action) or (not action and "submitted" in names):
            return form
    raise AssertionError("no such form on the page")


class Wizard:
    """Drives the wizard through the test client the way a browser submits its forms."""

    def __init__(self, client: FlaskClient, campaign: Campaign, locale: str | None = None,
                 htmx: bool = False, root: str = "") -> None:
        self.client = client
        self.campaign = campaign
        self.locale = locale or campaign.default_locale
        self.htmx = htmx
        self.root = root  # where the site is mounted: "" at the host's root

    def url(self, step: str) -> str:
        return self.root + self.campaign.url(f"petition/{step}", self.locale)

    @property
    def headers(self) -> dict[str, str]:
        return {"HX-Request": "true"} if self.htmx else {}

    def post(self, url: str, data: Any, follow: bool = True):
        response = self.client.post(url, data=data, headers=self.headers)
        if follow and response.status_code == 307:
            # What a browser does with a 307: send the same body to the new address.
            response = self.client.post(urljoin(response.request.url, response.headers["Location"]), data=data,
                                        headers=self.headers)
        return response

    @staticmethod
    def step_of(html: str) -> str | None:
        match = re.search(r'<input type="hidden" name="submitted" value="(\w+)">', html)
        return match.group(1) if match else None

    @staticmethod
    def form_data(html: str, action: str | None = None) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for name, value in read_form(html, action)["data"]:
            data.setdefault(name, []).append(value)
        return data

    def submit(self, html: str, answers: dict[str, Any], **form: str):
        """Submit the step form in `html` with `answers` typed into the fields it shows."""
        shown = read_form(html)
        data = self.form_data(html)
        for name, value in answers.items():
            if name in shown["fields"]:
                data[name] = value if isinstance(value, list) else [value]
        for name, value in form.items():
            data[name] = [value]
        return self.post(urljoin(self.url("route"), shown["action"]), data)

    def start(self):
        return self.client.get(self.url("route"), headers=self.headers)

    def run(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The whole wizard, answering each question it shows from `answers`; each step's response by name."""
        pages: dict[str, Any] = {}
        response = self.start()
        while (step := self.step_of(response.get_data(as_text=True))) is not None:
            assert step not in pages, f"{step} came back: {errors_in(response.get_data(as_text=True))}"
            pages[step] = response
            response = self.submit(response.get_data(as_text=True), answers)
        pages["letter"] = response
        return pages


RELATIVE_URL = re.compile(r'(\s(?:href|src|action|formaction|data-hx-post)=")(\.\.?/[^"]*)"')


def rooted(response) -> str:
    """The page's HTML with each of its relative URLs written as the path it leads to, as a browser reads it
    (the site writes every internal URL relative to the page)."""
    base = response.request.path
    return RELATIVE_URL.sub(lambda m: f'{m[1]}{urljoin(base, m[2])}"', response.get_data(as_text=True))


def location(response) -> str:
    """The path a redirect leads to, read against the request's URL."""
    return urljoin(response.request.path, response.headers["Location"])


def errors_in(html: str) -> list[str]:
    return re.findall(r'<li><a href="#[^"]+">(.*?)</a></li>', html)


def answers_for(campaign: Campaign, route: str, sender: str, letter_language: str | None = None,
                **extra: Any) -> dict[str, Any]:
    """A full set of answers for a route and a kind of sender."""
    about = EOTINISH if route == "eotinish" else (ORGANISATION if sender == "organisation" else PERSON)
    return {"route": route, "sender": sender, **about, "arguments": list(campaign.arguments[:2]),
            "personal": "Это касается моих друзей.",
            "letter_language": letter_language or campaign.letter_languages[0], **extra}


def ways(campaign: Campaign) -> list[tuple[str, str]]:
    """Every (route, sender) a visitor of the campaign can take."""
    return [(route, "person") if route == "eotinish" else (route, sender)
            for route in campaign.routes for sender in (campaign.senders if route != "eotinish" else ("person",))]


@pytest.fixture()
def wizard(client: FlaskClient, campaign: Campaign):
    def make(locale: str | None = None, htmx: bool = False) -> Wizard:
        return Wizard(client, campaign, locale, htmx)

    return make
