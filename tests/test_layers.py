"""The engine's structure: layers import downward only, and no code spells an internal URL by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from campaign.config import REPO_ROOT

ENGINE = REPO_ROOT / "campaign"
RULE_CALLS = {"localized_route", "route", "add_url_rule", "Flask", "PrivateFlask"}  # where URL rules are declared
URL_PATH = re.compile(r"^/[a-z<{]")


def imports_of(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved within `campaign`)."""
    package = ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_the_wizard_imports_neither_flask_nor_content_outside_its_views():
    for path in sorted((ENGINE / "wizard").glob("*.py")):
        if path.name in ("views.py", "presenter.py"):  # HTTP, and what the templates show
            continue
        imported = imports_of(path)
        forbidden = {name for name in imported
                     if name.split(".")[0] in ("flask", "flask_babel", "werkzeug")
                     or name.startswith("campaign.content") or name.startswith("campaign.pages")}
        assert forbidden == set(), f"{path.name} imports {forbidden}"


def test_the_wizard_views_import_nothing_from_the_pages():
    for name in ("views.py", "presenter.py"):
        imported = imports_of(ENGINE / "wizard" / name)
        assert not any(module.startswith("campaign.pages") for module in imported), name


def test_content_never_imports_views():
    for path in sorted((ENGINE / "content").glob("*.py")):
        assert not any(name.endswith(".views") or name.startswith("campaign.site_context")
                       for name in imports_of(path)), path.name


def url_paths_outside_rules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def in_rule(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in RULE_CALLS:
                    return True
            if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id.endswith("_RULE")
                                                    for t in node.targets):
                return True
        return False

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and URL_PATH.match(node.value):
            parent = parents.get(node)
            if isinstance(parent, ast.Expr):  # a docstring
                continue
            if isinstance(parent, ast.JoinedStr) and parent.values[0] is not node:  # the middle of an f-string
                continue
            if not in_rule(node):
                found.append((node.lineno, node.value))
    return found


def test_no_module_spells_a_url_path_outside_its_route_rules():
    problems = {str(path.relative_to(REPO_ROOT)): found for path in sorted(ENGINE.rglob("*.py"))
                if (found := url_paths_outside_rules(path))}
    assert problems == {}


def test_no_template_spells_an_internal_url():
    for path in sorted((ENGINE / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'(?:href|action|src|formaction)="/', text), path.name
