"""The campaign's wizard, from `content/complaint/`: what it offers and every sentence of its letters.

- `settings.yml`: the routes, the senders, the letter languages, the email address of the email route;
- `arguments.yml`: the arguments, each with its label per locale, in the letter's order;
- `<language>.yml`: the letter in that language (addressee, subject, wordings, some depending on the arguments,
  the sender or the route: `when`; letter_texts.py);
- `routes/<locale>/<route>.md`: each route's label and hint (frontmatter `title`, `description`; while the wizard
  builds the record, `record_title` and `record_description` in their place where given) and the instructions
  shown with the finished letter (the body);
- `routes/<locale>/<route>.record.md`: how the route was used, shown instead while the wizard builds the record
  (record_texts.py);
- `follow-up/`: the letters that follow the appeal up, written like its letters (follow_up.py).

Everything is checked here, at start-up, and a problem names its file and line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from markupsafe import Markup

from ..wizard.model import Offer, Record, RouteText
from ..wizard.schema import ROUTES, SENDERS
from .campaign import Locales
from .errors import ContentError, warn
from .follow_up import load_follow_up
from .letter_texts import load_wordings
from .pages import Source, read_sources, warn_untranslated
from .record_texts import RECORD_SUFFIX, load_record_texts
from .yamlfile import Mapping, Reader, read_yaml

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
               record: Record | None, today: dt.date, open_for_filing: bool) -> Offer:
    """`today` dates the warnings of texts checked too long ago; only a campaign `open_for_filing` offers
    follow-up letters."""
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
        follow_up=load_follow_up(folder, languages, routes, today, open_for_filing),
    )
