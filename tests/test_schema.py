"""The wizard's schema is the one description of a field: every message it needs, and nothing else to edit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

from campaign.config import REPO_ROOT
from campaign.wizard.schema import FIELDS, SENDER_KINDS, STEP_NAMES

from .conftest import letter_in

NEW_FIELD = '''    Field("district", TEXT, "about", N_("District"), N_("Change the district"),
          MappingProxyType({"required": N_("Enter the district"),
                            "too_long": N_("The district must be %(limit)s characters or fewer")}),
          required=True, limit=50, autocomplete="address-level2", senders=CHOSEN, letter="detail"),
'''

DRIVE = """
import json, sys
from pathlib import Path
from tests.conftest import Campaign, Wizard, answers_for, make_app

campaign = Campaign("copy", Path("content"))
client = make_app(Path("content")).test_client()
steps = Wizard(client, campaign, "en").run(answers_for(campaign, "paper", "person", district="Esil"))
pages = {name: response.get_data(as_text=True) for name, response in steps.items()}
wizard = Wizard(client, campaign, "en")
about = wizard.submit(wizard.submit(wizard.start().get_data(as_text=True), {"route": "paper"}).get_data(as_text=True),
                      {"sender": "person"})
pages["empty"] = wizard.submit(about.get_data(as_text=True), {"surname": "Ким", "given_name": "Лев",
                                                               "address": "Almaty"}).get_data(as_text=True)
json.dump(pages, sys.stdout)
"""


def test_every_field_has_a_message_for_each_error_it_can_give():
    for f in FIELDS:
        # The codes validation (steps.field_error) can give for this field.
        codes = ({"required"} if f.required or f.required_with else set()) | (
            {"too_long"} if f.limit is not None else set())
        codes |= {"invalid"} if f.kind.check is not None and not f.kind.is_choice else set()
        codes |= ({"before"} if f.not_before else set()) | ({"future"} if f.by_today else set())
        assert codes <= set(f.errors), f.name
        assert f.step in STEP_NAMES and f.senders <= set(SENDER_KINDS), f.name
        assert f.letter in (None, "name", "detail", "signer_title", "signer_name", "reference", "own"), f.name
        assert f.kind.is_choice == bool(f.options), f.name
    # Each Change link has a text of its own, a whole sentence to translate (not "Change" + the label made
    # lower case, which gave "Изменить фамилия" and "Change iin").
    changes = [f.change for f in FIELDS]
    assert len(set(changes)) == len(changes)
    check = (REPO_ROOT / "campaign" / "templates" / "wizard" / "steps" / "check.html").read_text(encoding="utf-8")
    assert "|lower" not in check and "row.change" in check


def test_a_field_added_to_the_schema_appears_everywhere_with_no_other_edit(tmp_path: Path):
    root = tmp_path / "project"
    for name in ("campaign", "content", "translations", "static"):
        shutil.copytree(REPO_ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    schema = root / "campaign" / "wizard" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    anchor = '    Field("arguments", CHOICES, "complaint"'
    assert anchor in text
    schema.write_text(text.replace(anchor, NEW_FIELD + anchor, 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", DRIVE], cwd=root, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{REPO_ROOT}"})
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout)
    about = pages["about"]
    assert '<label for="district">District</label>' in about
    assert re.search(r'<input id="district" name="district" type="text" value="" autocomplete="address-level2"',
                     about)
    check = unescape(pages["check"])
    assert "<dt>District</dt><dd>Esil</dd>" in check and "Change the district" in check
    assert '<input type="hidden" name="district" value="Esil">' in pages["letter"]
    assert "\nDistrict: Esil\n" in letter_in(pages["letter"])
    assert '<a href="#district">Enter the district</a>' in pages["empty"]
