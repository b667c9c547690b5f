"""YAML files that remember where each value came from, so a content error can name its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, warn
from .yamlwords import explain


class Mapping(dict):
    """A YAML mapping; `line` is where it starts, `lines[key]` where each key is (1-based)."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}


class Sequence(list):
    """A YAML sequence; `line` is where it starts, `lines[i]` where each item is (1-based)."""

    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    first_line = 1  # the line of the file the YAML text starts on (frontmatter starts after `---`)

    def line_of(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    # Two keys alike would silently leave the last one's value: refuse them, naming both lines. Merged keys
    # (`<<: *anchor`) are meant to be overridden, so only the mapping's own keys are compared.
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is given twice in one mapping, on lines {seen[key]} and "
                f"{loader.line_of(key_node)}: keep one of them (YAML would silently use the last)",
                key_node.start_mark)
        seen[key] = loader.line_of(key_node)
    loader.flatten_mapping(node)
    result = Mapping()
    result.line = loader.line_of(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = loader.line_of(key_node)
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(item, deep=True) for item in node.value)
    result.line = loader.line_of(node)
    result.lines = [loader.line_of(item) for item in node.value]
    return result


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # YAML takes anything shaped like 2026-02-30 for a date; an impossible one would escape as a bare ValueError.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise yaml.constructor.ConstructorError(None, None, f"{node.value!r} is not a date: {error}",
                                                node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def parse_yaml(text: str, path: Path, *, first_line: int = 1, invalid: str = "not valid YAML") -> Any:
    """The data of YAML `text` from the file `path`, where it starts on `first_line`; a mistake raises
    ContentError with the line and, for the ones editors make, plain words (`invalid: …`)."""
    loader = _Loader(text)
    loader.first_line = first_line
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        message, line = explain(error, text, first_line)
        raise ContentError(f"{invalid}: {message}", path=str(path), line=line) from None
    except yaml.YAMLError as error:
        raise ContentError(f"{invalid}: {error}", path=str(path)) from None
    finally:
        loader.dispose()


def read_text(path: Path) -> str:
    """A content file's text; a missing file or one not in UTF-8 raises ContentError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError("file is missing", path=str(path)) from None
    except UnicodeDecodeError as error:
        raise ContentError(f"not UTF-8 text ({error.reason})", path=str(path)) from None


def read_yaml(path: Path, *, missing_ok: bool = False) -> Any:
    """The file's data, its mappings and sequences knowing their lines; None for a missing file if allowed."""
    if missing_ok and not path.exists():
        return None
    return parse_yaml(read_text(path), path)


class Reader:
    """Checks on one YAML file's data that fail with the file and the line of the offending value."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, message: str, container: Any = None, key: Any = None) -> ContentError:
        line = None
        if isinstance(container, Mapping):
            line = container.lines.get(key, container.line)
        elif isinstance(container, Sequence):
            line = container.lines[key] if isinstance(key, int) and key < len(container.lines) else container.line
        return ContentError(message, path=str(self.path), line=line)

    def mapping(self, container: Any, key: Any = None, what: str = "") -> Mapping:
        value = container if key is None else container.get(key)
        if not isinstance(value, Mapping):
            raise self.fail(f"{what or key} must be a mapping (key: value lines)", container, key)
        return value

    def text(self, container: Mapping, key: str, *, required: bool = True) -> str:
        value = container.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(f"needs a non-empty {key!r}", container, key)
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(f"{key!r} must be text", container, key)
        return str(value).strip()

    def names(self, container: Mapping, key: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """A non-empty list of names, none twice, each one of `allowed` when given."""
        value = container.get(key)
        choices = f" of: {', '.join(allowed)}" if allowed else ""
        if not isinstance(value, Sequence) or not value:
            raise self.fail(f"{key!r} must be a non-empty list, each one{choices or ' name'}", container, key)
        for index, item in enumerate(value):
            if not isinstance(item, str) or (allowed and item not in allowed):
                raise self.fail(f"{key!r}: {item!r} is not one{choices or ' name'}", value, index)
        if len(set(value)) != len(value):
            raise self.fail(f"{key!r} lists a value twice", container, key)
        return tuple(value)

    def per_locale(self, container: Mapping, key: str, locales: tuple[str, ...]) -> dict[str, str]:
        """A text per locale; the default (first) locale is required, the others fall back to it (a warning)."""
        value = self.mapping(container, key, what=repr(key))
        default = self.text(value, locales[0])
        self.only_locales(value, repr(key), locales)
        texts = {loc: self.text(value, loc, required=False) for loc in locales}
        for loc in locales:
            if not texts[loc]:
                warn(self.fail(f"{key!r} has no {loc} text: add `{loc}: …` under it (until then the site shows "
                               f"the {locales[0]} text there)", container, key))
        return {loc: text or default for loc, text in texts.items()}

    def only_locales(self, texts: Mapping, what: str, locales: tuple[str, ...]) -> None:
        """Refuse a text for a locale the campaign does not have, in the texts per locale `what`."""
        for key in texts:
            if key not in locales:
                raise self.fail(f"{what} has a text for {key!r}, which is not one of the campaign's locales "
                                f"({', '.join(locales)})", texts, key)
