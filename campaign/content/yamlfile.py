"""YAML files that remember where each value came from, so a content error can name its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError


class Mapping(dict):
    """A YAML mapping; `line` is where it starts, `lines[key]` where each key is (1-based)."""

    line: int = 0
    lines: dict[Any, int]


class Sequence(list):
    """A YAML sequence; `line` is where it starts, `lines[i]` where each item is (1-based)."""

    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [item.start_mark.line + 1 for item in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_yaml(path: Path, *, missing_ok: bool = False) -> Any:
    """The file's data, its mappings and sequences knowing their lines; None for a missing file if allowed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return None
        raise ContentError("file is missing", path=str(path)) from None
    except UnicodeDecodeError as error:
        raise ContentError(f"not UTF-8 text ({error.reason})", path=str(path)) from None
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError(f"not valid YAML: {error.problem or error}", path=str(path),
                           line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise ContentError(f"not valid YAML: {error}", path=str(path)) from None


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
        choices = f", of: {', '.join(allowed)}" if allowed else ""
        if not isinstance(value, Sequence) or not value:
            raise self.fail(f"{key!r} must be a non-empty list{choices}", container, key)
        for index, item in enumerate(value):
            if not isinstance(item, str) or (allowed and item not in allowed):
                raise self.fail(f"{key!r}: {item!r} is not one{choices or ' name'}", value, index)
        if len(set(value)) != len(value):
            raise self.fail(f"{key!r} lists a value twice", container, key)
        return tuple(value)

    def per_locale(self, container: Mapping, key: str, locales: tuple[str, ...]) -> dict[str, str]:
        """A text per locale; the default (first) locale is required, the others fall back to it."""
        value = self.mapping(container, key, what=repr(key))
        default = self.text(value, locales[0])
        unknown = [k for k in value if k not in locales]
        if unknown:
            raise self.fail(f"{key!r} has a text for {unknown[0]!r}, which is not one of the campaign's locales "
                            f"({', '.join(locales)})", value, unknown[0])
        return {loc: self.text(value, loc, required=False) or default for loc in locales}
