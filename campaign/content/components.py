"""The content components of the campaign's markdown, as a python-markdown extension.

Syntax (see README, "For content editors"):

    :button-link{to="/petition" title="File a complaint"}      a leaf component, alone in its paragraph

    ::options                                                   a container, closed by `::`
      :::options-item                                           a child, closed by `:::`
      #title                                                    a named slot; its text is markdown
        Text
      :::
    ::

Each component is rendered by the Jinja template `components/<name>.html`, so its markup lives with the other
templates. Slots are markdown rendered by the same pipeline, so links in them are localized as well.
Anything that looks like a component but is not a known one is an error: an editor's typo must stop start-up,
not leak `::optins` onto a live page.
"""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markupsafe import Markup

from .errors import ContentError

# `:name{attrs}` alone on a line.
LEAF_RE = re.compile(r"^:(?P<name>[a-z][a-z0-9-]*)\{(?P<attrs>[^}\n]*)\}\s*$")
# `::name` or `:::name` opens, a bare `::` / `:::` closes.
OPEN_RE = re.compile(r"^(?P<colons>:{2,})(?P<name>[a-z][a-z0-9-]*)\s*$")
CLOSE_RE = re.compile(r"^(?P<colons>:{2,})\s*$")
# Something component-like that matched nothing known: `::name`, `:name{`.
SUSPECT_RE = re.compile(r"^\s*(:{2,}[a-z]|:[a-z][a-z0-9-]*\{)", re.MULTILINE)
# The same, as it would show in rendered HTML: right after a tag. Also attribute lists that were not applied.
LEFTOVER_RE = re.compile(r"(?:^|>)\s*(:{2,}[a-z][a-z0-9-]*|:[a-z][a-z0-9-]*\{[^}<]*\}?)|(\{:[^}<]*\})", re.MULTILINE)
SLOT_RE = re.compile(r"^#(?P<name>[a-z][a-z0-9-]*)\s*$")
ATTR_RE = re.compile(r'(?P<key>[a-zA-Z][\w-]*)="(?P<value>[^"]*)"')


@dataclass(frozen=True)
class ComponentSpec:
    """What a component accepts: its attributes, slots and child component."""

    name: str
    container: bool = False
    attrs: frozenset[str] = frozenset()
    required_attrs: frozenset[str] = frozenset()
    slots: frozenset[str] = frozenset()
    required_slots: frozenset[str] = frozenset()
    child: str | None = None
    body: bool = False  # whether free markdown is allowed in the body


COMPONENTS: dict[str, ComponentSpec] = {
    spec.name: spec
    for spec in (
        ComponentSpec("button-link", attrs=frozenset({"to", "title"}), required_attrs=frozenset({"to", "title"})),
        ComponentSpec("banners"),
        ComponentSpec("share-links"),
        ComponentSpec("onion-address"),
        ComponentSpec("options", container=True, child="options-item"),
        ComponentSpec(
            "options-item",
            container=True,
            slots=frozenset({"title", "action", "result"}),
            required_slots=frozenset({"title", "action", "result"}),
        ),
        ComponentSpec("notice", container=True, body=True),
    )
}


@dataclass
class Node:
    """One parsed component occurrence."""

    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    slots: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    body: str = ""


# Renders a node to HTML; given the node and a function turning slot markdown into HTML.
NodeRenderer = Callable[[Node, Callable[[str], Markup]], str]


def parse_attrs(raw: str, marker: str) -> dict[str, str]:
    attrs = {m["key"]: m["value"] for m in ATTR_RE.finditer(raw)}
    leftover = ATTR_RE.sub("", raw).strip()
    if leftover:
        raise ContentError(f"cannot read the attributes of {marker!r}: {leftover!r}", marker)
    return attrs


def _check(node: Node, marker: str) -> None:
    spec = COMPONENTS.get(node.name)
    if spec is None:
        raise ContentError(f"unknown component {marker!r}", marker)
    unknown = set(node.attrs) - spec.attrs
    if unknown:
        raise ContentError(f"{marker!r} has unknown attributes: {', '.join(sorted(unknown))}", marker)
    missing = spec.required_attrs - set(node.attrs)
    if missing:
        raise ContentError(f"{marker!r} needs the attributes: {', '.join(sorted(missing))}", marker)
    missing_slots = spec.required_slots - set(node.slots)
    if missing_slots:
        raise ContentError(f"{marker!r} needs the slots: {', '.join('#' + s for s in sorted(missing_slots))}", marker)


def parse_container(name: str, body_lines: list[str], marker: str) -> Node:
    """Parse a container's body (already without its opening and closing lines)."""
    node = Node(name)
    spec = COMPONENTS.get(name)
    if spec is None or not spec.container:
        raise ContentError(f"unknown component {marker!r}", marker)
    lines = textwrap.dedent("\n".join(body_lines)).split("\n")
    free: list[str] = []
    slot_name: str | None = None
    slot_lines: list[str] = []

    def end_slot() -> None:
        if slot_name is not None:
            node.slots[slot_name] = textwrap.dedent("\n".join(slot_lines)).strip("\n")

    i = 0
    while i < len(lines):
        line = lines[i]
        opened = OPEN_RE.match(line)
        slot = SLOT_RE.match(line)
        if opened:
            child_marker = line.strip()
            end = find_close(lines, i, child_marker)
            child = parse_container(opened["name"], lines[i + 1 : end], child_marker)
            if spec.child != child.name:
                raise ContentError(f"{child_marker!r} cannot stand inside {marker!r}", child_marker)
            node.children.append(child)
            i = end + 1
            continue
        if slot:
            if slot["name"] not in spec.slots:
                raise ContentError(f"{marker!r} has no slot {line.strip()!r}", line.strip())
            end_slot()
            slot_name, slot_lines = slot["name"], []
        elif slot_name is not None:
            slot_lines.append(line)
        else:
            free.append(line)
        i += 1
    end_slot()
    node.body = "\n".join(free).strip("\n")
    if node.body and not spec.body:
        suspect = SUSPECT_RE.search(node.body)
        what = suspect.group(1) if suspect else node.body.strip().splitlines()[0]
        raise ContentError(f"unexpected text inside {marker!r}: {what!r}", what)
    _check(node, marker)
    return node


def find_close(lines: list[str], start: int, marker: str) -> int:
    """Index of the line closing the container opened at lines[start]; nested openers of the same depth count."""
    colons = len(OPEN_RE.match(lines[start].strip())["colons"])
    depth = 0
    for j in range(start, len(lines)):
        stripped = lines[j].strip()
        opened = OPEN_RE.match(stripped)
        closed = CLOSE_RE.match(stripped)
        if opened and len(opened["colons"]) == colons:
            depth += 1
        elif closed and len(closed["colons"]) == colons:
            depth -= 1
            if depth == 0:
                return j
    raise ContentError(f"{marker!r} is never closed (a line with {':' * colons} is missing)", marker)


class ComponentBlockProcessor(BlockProcessor):
    """Turns component blocks into stashed HTML rendered by `render_node`."""

    def __init__(self, parser, render_node: Callable[[Node], str]) -> None:
        super().__init__(parser)
        self.render_node = render_node

    def test(self, parent: etree.Element, block: str) -> bool:
        first = block.split("\n", 1)[0].rstrip()
        return bool(OPEN_RE.match(first) or LEAF_RE.match(first))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        first = blocks[0].split("\n", 1)[0].rstrip()
        leaf = LEAF_RE.match(first)
        if leaf:
            block = blocks.pop(0)
            if "\n" in block.strip():
                raise ContentError(f"{first!r} must stand alone in its paragraph", first)
            node = Node(leaf["name"], parse_attrs(leaf["attrs"], first))
            spec = COMPONENTS.get(node.name)
            if spec is None or spec.container:
                raise ContentError(f"unknown component {first!r}", first)
            _check(node, first)
        else:
            # The block parser split the container at blank lines: join blocks until it is closed.
            lines: list[str] = []
            while blocks:
                lines.extend(blocks.pop(0).split("\n"))
                try:
                    end = find_close(lines, 0, first)
                except ContentError:
                    lines.append("")
                    continue
                if end != len(lines) - 1:
                    # Text after the closing line belongs to the next block.
                    blocks.insert(0, "\n".join(lines[end + 1 :]))
                break
            else:
                raise ContentError(f"{first!r} is never closed (a line with :: is missing)", first)
            node = parse_container(OPEN_RE.match(first)["name"], lines[1:end], first)
        placeholder = self.parser.md.htmlStash.store(self.render_node(node))
        paragraph = etree.SubElement(parent, "p")
        paragraph.text = placeholder


class ComponentsExtension(Extension):
    """Registers the component processor; `render_node` turns a Node into HTML."""

    def __init__(self, render_node: Callable[[Node], str]) -> None:
        super().__init__()
        self.render_node = render_node

    def extendMarkdown(self, md: Markdown) -> None:  # python-markdown's API name
        # Before the paragraph and code-block processors, so indented slots are not read as code.
        md.parser.blockprocessors.register(ComponentBlockProcessor(md.parser, self.render_node), "components", 105)


def check_no_leftovers(html: str) -> None:
    """Fail if component syntax survived into the HTML (a component inside a list, say)."""
    leftover = LEFTOVER_RE.search(html)
    if leftover:
        text = (leftover.group(1) or leftover.group(2)).strip()
        raise ContentError(f"markup left unrendered (a component or attribute list out of place): {text!r}", text)
