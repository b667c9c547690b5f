"""Files a campaign keeps but never shows: left from the campaign it was copied from, or from a route or a locale
it no longer offers. The site runs without them, so each is a warning: `content check` names it, to delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..wizard.model import Offer
from .campaign import Locales
from .errors import ContentError, warn
from .media import BANNER_NAMES
from .record_texts import RECORD_SUFFIX, route_of

OWN_FOLDERS = ("complaint", "media")  # the other folders at the top of a campaign are its locales' pages
WIZARD_FILES = ("settings.yml", "arguments.yml")


def _visible(folder: Path) -> list[Path]:
    """The folder's entries, without hidden ones (`.git`, an editor's swap files)."""
    return sorted(path for path in folder.iterdir() if not path.name.startswith(".")) if folder.is_dir() else []


def _not_a_locale(folder: Path, locales: Locales, what: str) -> None:
    warn(ContentError(f"{folder.name} is not one of the campaign's locales ({', '.join(locales.codes)}), so {what} "
                      f"never shown: delete the folder, or add {folder.name} to `locales` in campaign.yml",
                      path=f"{folder}/"))


def _locale_folders(root: Path, locales: Locales, what: str) -> Iterator[Path]:
    """The entries of `root` named for one of the campaign's locales; each other one is warned about."""
    for folder in _visible(root):
        if folder.name in locales.codes:
            yield folder
        else:
            _not_a_locale(folder, locales, what)


def warn_unread_record_text(path: Path, locales: Locales, offer: Offer) -> None:
    """A record text is shown only for an offered route, while the wizard builds the record, and only when the
    default locale has one for that route."""
    route = route_of(path)
    if route not in offer.routes:
        problem = (f"the route {route!r} is not offered (settings.yml: routes: {', '.join(offer.routes)}), so its "
                   f"record text is never shown: delete it, or add {route} to `routes`")
    elif offer.record is None:
        problem = ("the wizard does not build the record (it does only with `status: closed` and "
                   "`wizard_when_closed: record` in campaign.yml), so this record text is never shown: delete it, "
                   "or add it back once the campaign is decided")
    elif route not in offer.record_texts:
        problem = (f"the route {route!r} has no record text in {locales.default}, the default locale, which "
                   f"decides whether there is one, so this translation is never shown: add "
                   f"{path.parents[1] / locales.default / path.name}, or delete this file")
    else:
        return
    warn(ContentError(problem, path=str(path)))


def warn_leftovers(content_dir: Path, locales: Locales, offer: Offer) -> None:
    """Warn about each file or folder of the campaign that nothing reads."""
    for folder in _visible(content_dir):
        if folder.is_dir() and folder.name not in (*OWN_FOLDERS, *locales.codes) and any(folder.rglob("*.md")):
            _not_a_locale(folder, locales, "its pages are")
    complaint = content_dir / "complaint"
    for path in _visible(complaint):
        if path.suffix == ".yml" and path.name not in WIZARD_FILES and path.stem not in offer.letter_languages:
            warn(ContentError(f"letters are not written in {path.stem!r} (settings.yml: letter_languages: "
                              f"{', '.join(offer.letter_languages)}), so this file is never read: delete it, or add "
                              f"{path.stem} to `letter_languages`", path=str(path)))
    for folder in _locale_folders(complaint / "routes", locales, "its route texts are"):
        for path in sorted(folder.rglob("*.md")):
            if path.name.endswith(RECORD_SUFFIX):
                warn_unread_record_text(path, locales, offer)
            elif path.stem not in offer.routes:
                warn(ContentError(f"the route {path.stem!r} is not offered (settings.yml: routes: "
                                  f"{', '.join(offer.routes)}), so this text is never shown: delete it, or add "
                                  f"{path.stem} to `routes`", path=str(path)))
    banner_files = {f"{name}.{kind}" for name in BANNER_NAMES for kind in ("png", "svg")}
    for folder in _locale_folders(content_dir / "media" / "banners", locales, "its banners are"):
        for path in _visible(folder):
            if path.name not in banner_files:
                warn(ContentError(f"not a banner the site shows (those are {', '.join(BANNER_NAMES)}, each a PNG "
                                  "with an optional SVG beside it): delete it, or rename it", path=str(path)))
            elif path.suffix == ".svg" and not path.with_suffix(".png").is_file():
                warn(ContentError(f"an SVG banner is offered only beside its PNG: add {path.with_suffix('.png').name}"
                                  ", or delete this file", path=str(path)))
