"""What a step or a route does is declared once, in the schema: no other code names a step or a route to decide
something (compares with its name, links to it by name, writes it into a form).

A name is still fine where it is a field's name (`answers["route"]`, `request.form.get("sender")`), a key of a
content file (settings.yml's `email`), a folder (`content/complaint/`) or a command (`flask content check`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from campaign.config import REPO_ROOT
from campaign.wizard.schema import ROUTES, STEP_NAMES

ENGINE = REPO_ROOT / "campaign"
SCHEMA = ENGINE / "wizard" / "schema.py"
NAMES = frozenset(STEP_NAMES) | frozenset(ROUTES)
ALTERNATION = "|".join(sorted(NAMES))
# Calls whose string arguments are keys, not steps or routes: reading a field of a form or of the answers, a key
# of a content file (yamlfile.Reader), a command's name.
READS = {"get", "getlist", "text", "chosen", "names", "fail", "mapping", "per_locale", "command"}
# A name that means something else where it stands: the email share link is a network, not the route; a
# wording's `when: {sender: …, route: …}` names keys of the letter files; `complaint` is a campaign's folder;
# `letter` is the downloaded file's neutral name.
ELSEWHERE = {("campaign/content/site.py", "email"), ("campaign/content/letter_texts.py", "sender"),
             ("campaign/content/letter_texts.py", "route"), ("campaign/content/leftovers.py", "complaint"),
             ("campaign/wizard/views.py", "letter")}


def call_name(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def named_in_python(path: Path, root: Path = REPO_ROOT) -> list[str]:
    """Each string constant that is a step's or route's name, used as one: every use but those of a key."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in sorted(ast.walk(tree), key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0))):
        if not (isinstance(node, ast.Constant) and node.value in NAMES):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Subscript) and parent.slice is node:
            continue  # answers["route"]: a field
        if isinstance(parent, ast.Dict) and node in parent.keys:
            continue  # a field's value by its name
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Div):
            continue  # content_dir / "complaint": a folder
        if isinstance(parent, ast.Call) and node in parent.args and call_name(parent) in READS:
            continue
        if (str(path.relative_to(root)), node.value) not in ELSEWHERE:
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value!r}")
    return found


# In templates and the script: a name compared with a step, route or sender value, given as a step to link to,
# written as a form's value, or looked for in an attribute selector.
TEMPLATE_USES = [
    re.compile(rf"""\bstep\s*=\s*["']({ALTERNATION})["']"""),
    re.compile(rf"""\b(?:step|route|sender|submitted|return_to|done)(?:\.name)?\s*[!=]=\s*["']({ALTERNATION})["']"""),
    re.compile(rf"""["']({ALTERNATION})["']\s*(?:not\s+)?in\b"""),
    re.compile(rf"""\bvalue="({ALTERNATION})\""""),
]
SCRIPT_USES = [
    re.compile(rf"""\bvalue[*^$~|]?=\s*\\?["']({ALTERNATION})\\?["']"""),
    re.compile(rf"""[!=]==?\s*["']({ALTERNATION})["']|["']({ALTERNATION})["']\s*[!=]==?"""),
    re.compile(rf"""(?:indexOf|includes)\(\s*["']({ALTERNATION})["']"""),
]


def named_in_text(path: Path, uses: list[re.Pattern], root: Path = REPO_ROOT) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found += [f"{path.relative_to(root)}:{number}: {line.strip()}" for use in uses if use.search(line)]
    return found


PYTHON = sorted(p for p in ENGINE.rglob("*.py") if p != SCHEMA)
TEMPLATES = sorted((ENGINE / "templates").rglob("*.html"))
SITE_JS = REPO_ROOT / "static" / "js" / "site.js"


def test_the_checks_find_the_uses_they_are_for(tmp_path: Path):
    """Each kind of use is caught, and a field's name, a content key or a folder is not."""
    module = tmp_path / "campaign" / "module.py"
    module.parent.mkdir()
    module.write_text('if step == "complaint" and "about" in done:\n    go(step_url("check"), route="paper")\n'
                      'ROUTE = "eotinish"\n'
                      'value = answers["route"] or form.get("sender") or check.text(data, "email")\n'
                      'folder = root / "complaint"\n', encoding="utf-8")
    found = [line.rsplit(" ", 1)[1] for line in named_in_python(module, tmp_path)]
    assert found == ["'complaint'", "'about'", "'check'", "'paper'", "'eotinish'"]
    template = tmp_path / "step.html"
    template.write_text('{% if step.name == "about" %}\n<a href="{{ url_for(\'x\', step=\'route\') }}">\n'
                        '<input name="return_to" value="check">\n<input name="route" value="{{ v }}">\n'
                        '{% if network == "email" %}\n', encoding="utf-8")
    assert [line.split(":")[1] for line in named_in_text(template, TEMPLATE_USES, tmp_path)] == ["1", "2", "3"]
    script = tmp_path / "site.js"
    script.write_text('document.querySelector(\'input[name="done"][value*="route"]\');\nif (x === "paper") {}\n'
                      'form.querySelector(\'[name="email"]\');\n', encoding="utf-8")
    assert [line.split(":")[1] for line in named_in_text(script, SCRIPT_USES, tmp_path)] == ["1", "2"]


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_engine_module_names_a_step_or_route(path: Path):
    assert named_in_python(path) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_no_template_names_a_step_or_route(path: Path):
    assert named_in_text(path, TEMPLATE_USES) == []


def test_the_script_names_no_step_or_route():
    assert named_in_text(SITE_JS, SCRIPT_USES) == []
