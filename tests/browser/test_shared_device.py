"""Shared-device mode, in Chromium with a real profile on disk: what the browser keeps of what was typed."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ..conftest import DEFAULT, VALID_IIN, build, translated
from .conftest import CHROMIUM, CHROMIUM_ARGS

TYPED = {"surname": "Шарипова", "given_name": "Меруерт", "patronymic": "Ерланқызы", "iin": VALID_IIN,
         "address": "Шымкент, Тауке хан, 5", "email": "meruert@example.kz", "phone": "+7 777 000 11 22"}
# WCAG 2.2 SC 1.3.5: the purpose of each field about the user, as an autocomplete token.
TOKENS = {"surname": "family-name", "given_name": "given-name", "patronymic": "additional-name",
          "iin": "off", "address": "street-address", "email": "email", "phone": "tel"}


@pytest.fixture(params=[DEFAULT], ids=["default"])
def campaign(request):
    return request.param


def autofill_store(profile: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """Every (field name, value) Chromium's autofill database holds, read after the browser closed."""
    copy = tmp_path / "Web Data"
    shutil.copy(profile / "Default" / "Web Data", copy)
    with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}
        rows = [tuple(row) for table in ("autofill", "autocomplete") if table in tables
                for row in db.execute(f"select name, value from {table}")]  # fixed table names
    return rows


def fill_the_wizard(page, shared: bool) -> dict[str, str]:
    """The paper route as a person, typing into every field; returns each field's autocomplete attribute."""
    page.goto("/petition/route")
    page.locator("#route-paper").check()
    if shared:
        page.locator("#shared_device").check()
    page.locator("form button.button").click()
    page.locator("#sender").check()
    page.locator("form button.button").click()
    page.locator("#surname").wait_for()
    tokens = {name: page.locator(f"#{name}").get_attribute("autocomplete") for name in TYPED}
    for name, value in TYPED.items():
        page.locator(f"#{name}").press_sequentially(value)
    page.locator("form button.button").click()
    page.wait_for_url("**/petition/complaint")
    page.locator("form button.button").click()
    page.wait_for_url("**/petition/check")
    page.locator("form button.button").click()
    page.wait_for_url("**/petition/letter")
    assert TYPED["surname"] in page.locator("#letter-text").input_value()
    return tokens


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_shared_device_mode_leaves_nothing_typed_in_the_autofill_store(playwright, server, campaign, tmp_path,
                                                                       javascript):
    profile = tmp_path / "profile"
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, base_url=server.base_url,
        java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    tokens = fill_the_wizard(page, shared=True)
    assert translated(build(campaign.root), campaign.default_locale,
                      "Leaving fewer traces on this device") in page.content()
    context.close()
    assert set(tokens.values()) == {"off"}
    stored = autofill_store(profile, tmp_path)
    assert [(name, value) for name, value in stored if any(typed in value for typed in TYPED.values())] == []


def test_without_it_fields_keep_their_tokens_and_the_browser_remembers(playwright, server, tmp_path):
    """The control: the same walk without shared-device mode, in which Chromium does keep what was typed."""
    profile = tmp_path / "profile"
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, base_url=server.base_url)
    context.set_default_timeout(10_000)
    tokens = fill_the_wizard(context.new_page(), shared=False)
    context.close()
    assert tokens == TOKENS
    stored = dict(autofill_store(profile, tmp_path))
    assert stored.get("surname") == TYPED["surname"] and stored.get("email") == TYPED["email"]
