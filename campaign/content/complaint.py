"""The campaign's wizard, from `content/complaint/`: what it offers and every sentence of its letters.

- `settings.yml`: the routes, the senders, the letter languages, the email address of the email route;
- `arguments.yml`: the arguments, each with its label per locale, in the letter's order;
- `<language>.yml`: the letter in that language (addressee, subject, wordings, some depending on the arguments,
  the sender or the route: `when`);
- `routes/<locale>/<route>.md`: each route's label and hint (frontmatter `title`, `description`; while the wizard
  builds the record, `record_title` and `record_description` in their place where given) and the instructions
  shown with the finished letter (the body);
- `routes/<locale>/<route>.record.md`: how the route was used, shown instead while the wizard builds the record
  (record_texts.py).

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
from .errors import ContentError, warn
from .pages import Source, read_sources, warn_untranslated
from .record_texts import RECORD_SUFFIX, load_record_texts
from .yamlfile import Mapping, Reader, Sequence, read_yaml

LETTER_KEYS = ("language", "addressee", "subject", "sender_prefix", "personal_heading", "arguments", *OPENING,
               *ENDING)
EMAIL_FORBIDDEN = set(" <>\"'\n?&,;")
WHEN_KEYS = ("arguments", "sender", "route")


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


def read_when(check: Reader, item: Mapping, key: str, arguments: tuple[str, ...],
              routes: tuple[str, ...]) -> tuple[frozenset[str], str | None, str | None]:
    """A wording's conditions: `when: law` and `when: [law, crpd]` name arguments; `when: {arguments: …,
    sender: …, route: …}` any of the three. A route the campaign does not offer is a mistake; a sender it does
    not accept is not (its wordings wait for settings.yml to accept it again)."""
    when = item.get("when")
    if not isinstance(when, Mapping):
        names = when if isinstance(when, list) else [when]
        for name in names:
            if name not in arguments:
                raise check.fail(f"{key!r}: `when: {name}` names no argument of arguments.yml "
                                 f"({', '.join(arguments)})", item, "when")
        return frozenset(names), None, None
    unknown = [k for k in when if k not in WHEN_KEYS]
    if unknown:
        raise check.fail(f"{key!r}: `when` has no condition {unknown[0]!r} (known: {', '.join(WHEN_KEYS)})",
                         when, unknown[0])
    if not when:
        raise check.fail(f"{key!r}: `when` names no condition ({', '.join(WHEN_KEYS)})", item, "when")
    named = when.get("arguments", [])
    names = named if isinstance(named, list) else [named]
    for name in names:
        if name not in arguments:
            raise check.fail(f"{key!r}: `when: {{arguments: {name}}}` names no argument of arguments.yml "
                             f"({', '.join(arguments)})", when, "arguments")
    sender, route = when.get("sender"), when.get("route")
    if "sender" in when and sender not in SENDERS:
        identifying = ROUTES.get(sender)
        hint = (f"; {sender} is a route, whose senders are people: `route: {sender}`"
                if identifying is not None and identifying.identifies_sender else "")
        raise check.fail(f"{key!r}: `when: {{sender: {sender}}}`: {sender!r} is not a kind of sender "
                         f"({', '.join(SENDERS)}{hint})", when, "sender")
    if "route" in when and route not in ROUTES:
        raise check.fail(f"{key!r}: `when: {{route: {route}}}`: {route!r} is not a route ({', '.join(ROUTES)})",
                         when, "route")
    if "route" in when and route not in routes:
        # Like the text of a route not offered: the site serves without it, and it waits for settings.yml.
        warn(check.fail(f"{key!r}: `when: {{route: {route}}}` never holds: settings.yml does not offer the "
                        f"route {route!r} ({', '.join(routes)}): delete the wording, or add {route} to `routes`",
                        when, "route"))
    # An eOtinish appeal comes from a person: `route: eotinish` is how a wording speaks to eOtinish senders.
    if route in ROUTES and ROUTES[route].identifies_sender and sender not in (None, "person"):
        raise check.fail(f"{key!r}: `when` never holds: eOtinish appeals come from people, not from "
                         f"{sender!r}", when, "sender")
    return frozenset(names), sender, route


def load_wordings(path: Path, language: str, arguments: tuple[str, ...], routes: tuple[str, ...]) -> Wordings:
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, Mapping):
        raise ContentError("expected a mapping", path=str(path))
    unknown = [key for key in data if key not in LETTER_KEYS]
    if unknown:
        raise check.fail(f"unknown key {unknown[0]!r} (known: {', '.join(LETTER_KEYS)})", data, unknown[0])

    def part(container: Mapping, key: str, least: int = 2) -> tuple[Wording, ...]:
        node = check.mapping(container, key, what=repr(key))
        items = node.get("wordings")
        if not isinstance(items, Sequence) or len(items) < least:
            texts = "at least two texts" if least > 1 else "texts"
            raise check.fail(f"{key!r} needs a list `wordings` of {texts}", node, "wordings")
        wordings = []
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                wordings.append(Wording(item.strip()))
                continue
            if not isinstance(item, Mapping):
                raise check.fail(f"{key!r}: a wording is a text, or `text:` with `when:`", items, index)
            if "text" not in item and "when" not in item:
                # `- Срок ответа: по закону.` is read as a mapping {Срок ответа: по закону.}, not as a text.
                raise check.fail(f"{key!r}: this wording reads as `{next(iter(item))}: …`, a key and its value: a "
                                 "text containing ': ' must be in quotes", items, index)
            stray = [name for name in item if name not in ("text", "when")]
            if stray:
                raise check.fail(f"{key!r}: a wording has `text:` and `when:` only, not {stray[0]!r}", item,
                                 stray[0])
            names, sender, route = read_when(check, item, key, arguments, routes)
            wordings.append(Wording(check.text(item, "text"), names, sender, route))
        if all(w.conditional for w in wordings):
            raise check.fail(f"{key!r} needs at least one wording without `when`, for letters its conditions do "
                             "not meet", node, "wordings")
        return tuple(wordings)

    def heading() -> tuple[Wording, ...]:
        """`personal_heading`: one text for every letter, or `wordings` like a part's (one will do)."""
        if isinstance(data.get("personal_heading"), Mapping):
            return part(data, "personal_heading", least=1)
        text = check.text(data, "personal_heading", required=False)
        return (Wording(text),) if text else ()

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
        personal_heading=heading(),
    )


def answer_texts(source: Source, recording: bool) -> tuple[str, str]:
    """The route's label and hint as the wizard's first step offers it. A label or hint that speaks of sending
    the appeal now ("You print the letter, sign it and send it") may have a record wording (`record_title`,
    `record_description`), shown instead while the wizard builds a decided campaign's record."""
    texts = []
    for key in ("title", "description"):
        record_key = f"record_{key}"
        if record_key in source.meta and not str(source.meta[record_key] or "").strip():
            raise ContentError(f"frontmatter {record_key!r} is empty: give it a text, or delete it",
                               path=str(source.path), line=1)
        if record_key in source.meta and not recording:
            warn(ContentError(f"the wizard does not build the record (it does only with `status: closed` and "
                              f"`wizard_when_closed: record` in campaign.yml), so {record_key!r} is never shown: "
                              f"delete it, or add it back once the campaign is decided", path=str(source.path),
                              line=1))
        chosen = record_key if recording and record_key in source.meta else key
        texts.append(str(source.meta[chosen]).strip())
    return texts[0], texts[1]


def load_route_texts(root: Path, routes: tuple[str, ...], locales: Locales, recording: bool,
                     render: Callable[[Source, str], Markup]) -> dict[str, dict[str, RouteText]]:
    """Each offered route in each locale; a missing translation falls back to the default locale's text."""
    sources = read_sources(root, locales.codes, skip=RECORD_SUFFIX)
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
            warn_untranslated(source, locale, f"the route {route!r} has no {locale} text", "the wizard")
            texts[route][locale] = RouteText(*answer_texts(source, recording), render(source, locale),
                                             source.locale)
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
            folder / "routes", routes, locales, record is not None, render).items()}),
        record_texts=MappingProxyType({k: MappingProxyType(v) for k, v in load_record_texts(
            folder / "routes", routes, locales, record is not None, render).items()}),
        letters=MappingProxyType({lang: load_wordings(folder / f"{lang}.yml", lang, arguments, routes)
                                  for lang in languages}),
        email=email,
        record=record,
    )
