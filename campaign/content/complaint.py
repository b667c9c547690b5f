"""The campaign's wizard, from `content/complaint/`: what it offers and every sentence of its letters.

- `settings.yml`: the routes, the senders, the letter languages, the email address of the email route;
- `arguments.yml`: the arguments, each with its label per locale, in the letter's order;
- `<language>.yml`: the letter in that language (addressee, subject, wordings, some depending on arguments);
- `routes/<locale>/<route>.md`: each route's label and hint (frontmatter `title`, `description`) and the
  instructions shown with the finished letter (the body).

Everything is checked here, at start-up, and a problem names its file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from markupsafe import Markup

from ..wizard.model import ENDING, OPENING, Offer, Record, RouteText, Wording, Wordings
from ..wizard.schema import ROUTES, SENDERS
from .campaign import Locales
from .errors import ContentError
from .pages import Source, read_sources
from .yamlfile import Mapping, Reader, Sequence, read_yaml

LETTER_KEYS = ("language", "addressee", "subject", "sender_prefix", "personal_heading", "arguments", *OPENING,
               *ENDING)
EMAIL_FORBIDDEN = set(" <>\"'\n?&,;")


def load_settings(path: Path, locales: Locales) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]:
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, Mapping):
        raise ContentError("expected a mapping of settings", path=str(path))
    routes = check.names(data, "routes", tuple(ROUTES))
    senders = check.names(data, "senders", SENDERS)
    languages = check.names(data, "letter_languages", locales.codes)
    addressed = [route for route in routes if ROUTES[route].needs_address]
    email = check.text(data, "email", required=bool(addressed))
    if email and ("@" not in email or EMAIL_FORBIDDEN & set(email)):
        raise check.fail(f"email {email!r} is not an email address", data, "email")
    if email and not addressed:
        needing = ", ".join(f"`{route.name}`" for route in ROUTES.values() if route.needs_address)
        raise check.fail(f"email is set but the routes do not offer {needing}", data, "email")
    return routes, senders, languages, email


def load_arguments(path: Path, locales: Locales) -> dict[str, dict[str, str]]:
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, Mapping) or not data:
        raise ContentError("expected the arguments, each with its label per locale", path=str(path))
    labels = {}
    for key in data:
        if not isinstance(key, str) or not key.replace("_", "").replace("-", "").isalnum():
            raise check.fail(f"argument key {key!r} may hold only letters, digits, '-' and '_'", data, key)
        labels[key] = check.per_locale(data, key, locales.codes)
    return labels


def load_wordings(path: Path, language: str, arguments: tuple[str, ...]) -> Wordings:
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, Mapping):
        raise ContentError("expected a mapping", path=str(path))
    unknown = [key for key in data if key not in LETTER_KEYS]
    if unknown:
        raise check.fail(f"unknown key {unknown[0]!r} (known: {', '.join(LETTER_KEYS)})", data, unknown[0])

    def part(container: Mapping, key: str) -> tuple[Wording, ...]:
        node = check.mapping(container, key, what=repr(key))
        items = node.get("wordings")
        if not isinstance(items, Sequence) or len(items) < 2:
            raise check.fail(f"{key!r} needs a list `wordings` of at least two texts", node, "wordings")
        wordings = []
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                wordings.append(Wording(item.strip()))
                continue
            if not isinstance(item, Mapping):
                raise check.fail(f"{key!r}: a wording is a text, or `text:` with `when:`", items, index)
            when = item.get("when")
            names = when if isinstance(when, list) else [when]
            for name in names:
                if name not in arguments:
                    raise check.fail(f"{key!r}: `when: {name}` names no argument of arguments.yml "
                                     f"({', '.join(arguments)})", item, "when")
            wordings.append(Wording(check.text(item, "text"), frozenset(names)))
        if all(w.when for w in wordings):
            raise check.fail(f"{key!r} needs at least one wording without `when`, for letters without those "
                             "arguments", node, "wordings")
        return tuple(wordings)

    parts = {key: part(data, key) for key in (*OPENING, *ENDING)}
    argument_node = check.mapping(data, "arguments", what="'arguments'")
    missing = [a for a in arguments if a not in argument_node]
    if missing:
        raise check.fail(f"arguments lack wordings for: {', '.join(missing)}", data, "arguments")
    extra = [a for a in argument_node if a not in arguments]
    if extra:
        raise check.fail(f"arguments: {extra[0]!r} is not in arguments.yml", argument_node, extra[0])
    parts.update({f"argument:{a}": part(argument_node, a) for a in arguments})
    return Wordings(
        language=language,
        addressee=tuple(line.strip() for line in check.text(data, "addressee").splitlines() if line.strip()),
        subject=check.text(data, "subject"),
        sender_prefix=check.text(data, "sender_prefix", required=False),
        parts=MappingProxyType(parts),
        personal_heading=check.text(data, "personal_heading", required=False),
    )


def load_route_texts(root: Path, routes: tuple[str, ...], locales: Locales,
                     render: Callable[[Source, str], Markup]) -> dict[str, dict[str, RouteText]]:
    """Each offered route in each locale; a missing translation falls back to the default locale's text."""
    sources = read_sources(root, locales.codes)
    for (key, _), source in sources.items():
        if key not in ROUTES:
            raise ContentError(f"{key!r} is not a route ({', '.join(ROUTES)})", path=str(source.path), line=1)
    texts: dict[str, dict[str, RouteText]] = {}
    for route in routes:
        if (route, locales.default) not in sources:
            raise ContentError(f"the route {route!r} is offered in settings.yml but has no text: add "
                               f"{root / locales.default / route}.md")
        texts[route] = {}
        for locale in locales.codes:
            source = sources.get((route, locale)) or sources[(route, locales.default)]
            texts[route][locale] = RouteText(str(source.meta["title"]).strip(),
                                             str(source.meta["description"]).strip(),
                                             render(source, locale), source.locale)
    return texts


def load_offer(content_dir: Path, locales: Locales, render: Callable[[Source, str], Markup],
               record: Record | None) -> Offer:
    folder = content_dir / "complaint"
    routes, senders, languages, email = load_settings(folder / "settings.yml", locales)
    labels = load_arguments(folder / "arguments.yml", locales)
    arguments = tuple(labels)
    return Offer(
        routes=routes,
        senders=senders,
        letter_languages=languages,
        arguments=arguments,
        argument_labels=MappingProxyType({k: MappingProxyType(v) for k, v in labels.items()}),
        route_texts=MappingProxyType({k: MappingProxyType(v) for k, v in load_route_texts(
            folder / "routes", routes, locales, render).items()}),
        letters=MappingProxyType({lang: load_wordings(folder / f"{lang}.yml", lang, arguments)
                                  for lang in languages}),
        email=email,
        record=record,
    )
