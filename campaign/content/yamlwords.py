"""YAML's parser errors said in an editor's words: what is wrong with the line, and how to fix it.

PyYAML names the tokens it expected ("expected <block end>, but found '<block sequence start>'"); an editor
needs to hear that a line is indented wrongly, that a tab is not allowed, or that a text holding ': ' needs
quotes. The few errors an editor actually meets are recognised here; any other keeps the parser's words.
"""

from __future__ import annotations

import yaml

TAB = "a tab: YAML indents with spaces only, so replace the tab with spaces"
UNQUOTED_COLON = ("a text containing ': ' must be in quotes: put the whole text in '…' (write '' for an apostrophe "
                  "inside) or in \"…\"")
INDENTED_MORE = ("indentation: this line is indented more than the one before, so YAML reads it as more of that "
                 "line's text, where ': ' is not allowed: indent it as far as the key it belongs with (or, if it "
                 "is text, put the whole text in quotes)")
UNCLOSED_QUOTE = ("the quote opened on this line is never closed: end the text with the same quote mark (inside "
                  "'…', write '' for an apostrophe)")
LINE_UP = "indent it exactly as far as the lines it belongs with"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _levels(line: str) -> list[tuple[int, str]]:
    """Where a line's '- ' items and its text start, each as (column, 'item' or 'key')."""
    column = _indent(line)
    levels = []
    while line.startswith("-", column) and line[column + 1:column + 2] in (" ", ""):
        levels.append((column, "item"))
        column += 1 + _indent(line[column + 1:])
    if column < len(line):
        levels.append((column, "key"))
    return levels


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _misindented(lines: list[str], index: int, first_line: int) -> str:
    """What is wrong with a line YAML could not fit into the mapping or list above it."""
    line = lines[index]
    column = _indent(line)
    kind = "item" if _levels(line)[0][1] == "item" else "key"
    above = [n for n in range(index - 1, -1, -1) if _is_content(lines[n])]
    # The columns a line could start at here: those of the line before, and of each less indented line above.
    deepest: int | None = None
    for number in above:
        if deepest is not None and _indent(lines[number]) >= deepest:
            continue
        deepest = _indent(lines[number])
        for level, level_kind in _levels(lines[number]):
            if level == column and level_kind != kind:
                return (f"indentation: this line lines up with line {first_line + number}, but one of them is a "
                        "'- ' item and the other a `key:`: a list's items and a mapping's keys cannot share an "
                        f"indentation; {LINE_UP}")
    # Against the line before: its '- ' for an item, else where its text starts.
    before = _levels(lines[above[0]]) if above else [(0, kind)]
    alike = [level for level, level_kind in before if level_kind == kind] or [before[-1][0]]
    if column < alike[-1]:
        return (f"indentation: this line is indented less than the one before ({column} against {alike[-1]} "
                f"spaces), and lines up with no key or '- ' item above that it could belong to: {LINE_UP}")
    return (f"indentation: this line ({column} spaces) lines up with no key or '- ' item above that it could "
            f"belong to: {LINE_UP}")


def explain(error: yaml.MarkedYAMLError, text: str, first_line: int = 1) -> tuple[str, int | None]:
    """The error in plain words, and the line it is on (None when unknown); `text` starts on `first_line`."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or str(error)
    if mark is None:
        return problem, None
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    at = first_line + mark.line
    if "'\\t'" in problem:
        return TAB, at
    if problem == "mapping values are not allowed here":
        # The ': ' of a key earlier on the same line means this ': ' is inside that key's text.
        return (UNQUOTED_COLON if ": " in line[:mark.column] else INDENTED_MORE), at
    if "quoted scalar" in (error.context or "") and error.context_mark and "end of stream" in problem:
        return UNCLOSED_QUOTE, first_line + error.context_mark.line
    if problem.startswith(("expected <block end>", "expected '<document start>'")) and line.strip():
        return _misindented(lines, mark.line, first_line), at
    return problem, at
