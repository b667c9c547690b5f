"""Fixtures as a chain: app -> client -> helpers (a wizard driver, a copy of the content to break)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campaign import create_app
from campaign.config import REPO_ROOT

LOCALES = ("ru", "kk", "en")
PAGE_KEYS = ("home", "petition/alternative", "share", "privacy", "safety", "petition")
# A valid IIN: its twelfth digit is the check digit of the first eleven.
VALID_IIN = "900101300126"


def page_url(key: str, locale: str) -> str:
    path = "/" if key == "home" else f"/{key}"
    return path if locale == "ru" else f"/{locale}{path}"


@pytest.fixture(scope="session")
def app() -> Flask:
    return create_app({"testing": True, "base_url": "https://campaign.example"})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    """A private copy of content/ that a test may edit or break."""
    target = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", target)
    return target


@pytest.fixture()
def app_with_content():
    """Build an app from another content directory."""

    def build(content_dir: Path, **overrides) -> Flask:
        return create_app({"testing": True, "content_dir": content_dir, **overrides})

    return build


class Wizard:
    """Drives the wizard through the test client the way a browser submits its forms."""

    def __init__(self, client: FlaskClient, locale: str = "ru", htmx: bool = False) -> None:
        self.client = client
        self.locale = locale
        self.htmx = htmx

    def url(self, step: str) -> str:
        return page_url(f"petition/{step}", self.locale)

    @property
    def headers(self) -> dict[str, str]:
        return {"HX-Request": "true"} if self.htmx else {}

    def post(self, step: str, data: dict, follow: bool = True):
        response = self.client.post(self.url(step), data=data, headers=self.headers)
        if follow and response.status_code == 307:
            # What a browser does with a 307: send the same body to the new address.
            response = self.client.post(response.headers["Location"], data=data, headers=self.headers)
        return response

    @staticmethod
    def hidden_fields(html: str) -> list[tuple[str, str]]:
        import html as html_module

        return [
            (html_module.unescape(name), html_module.unescape(value))
            for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
        ]

    def form_data(self, html: str) -> dict[str, list[str]]:
        """What the page's forms carry in hidden fields, as a browser would send it."""
        data: dict[str, list[str]] = {}
        for name, value in self.hidden_fields(html):
            data.setdefault(name, []).append(value)
        return data

    def submit(self, step: str, html: str, answers: dict) -> object:
        """Submit `step`'s form as shown in `html`, with `answers` typed into its fields."""
        data = self.form_data(html)
        for name, value in answers.items():
            data[name] = value if isinstance(value, list) else [value]
        data["submitted"] = [step]
        return self.post(step, data)

    def run(self, route: str, about: dict, complaint: dict) -> dict[str, object]:
        """The whole wizard; returns each step's response by name."""
        pages: dict[str, object] = {}
        pages["route"] = self.client.get(self.url("route"), headers=self.headers)
        pages["about"] = self.submit("route", pages["route"].get_data(as_text=True), {"route": route})
        pages["complaint"] = self.submit("about", pages["about"].get_data(as_text=True), about)
        pages["check"] = self.submit("complaint", pages["complaint"].get_data(as_text=True), complaint)
        pages["letter"] = self.submit("check", pages["check"].get_data(as_text=True), {})
        return pages


@pytest.fixture()
def wizard(client: FlaskClient):
    def make(locale: str = "ru", htmx: bool = False) -> Wizard:
        return Wizard(client, locale, htmx)

    return make
