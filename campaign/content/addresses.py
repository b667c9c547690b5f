"""Where to find the campaign (`content/addresses.yml`): its current addresses, and a fingerprint of the list.

Where a site like this is blocked by host name, people reach it through other addresses: mirrors on neutral
host names, static copies that anyone may host, an onion service. A list that people can check, dated and
with a fingerprint the campaign also publishes on its other channels, tells a real address from a copy made
to collect what people type. The primary and the onion address default to the site's configuration
(CAMPAIGN_BASE_URL, CAMPAIGN_ONION_URL), so one content directory serves every host alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..config import ONION_RE, Config
from .errors import ContentError
from .yamlfile import Mapping, Reader, Sequence, read_yaml

KINDS = ("site", "copy")  # a host the campaign runs (the whole site, the form too); a static copy (no form)
SHARE_BASES = ("primary", "addresses")


@dataclass(frozen=True)
class Address:
    url: str
    kind: str  # primary | site | copy | onion

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @property
    def runs_the_form(self) -> bool:
        """Whether the campaign itself runs this host, the form to build a letter included."""
        return self.kind != "copy"


@dataclass(frozen=True)
class Addresses:
    updated: dt.date | None
    entries: tuple[Address, ...]  # the primary first, then the mirrors, then the onion
    share: str  # what share links lead to: the primary's home page, or the addresses page

    @property
    def primary(self) -> Address:
        return self.entries[0]

    @property
    def onion(self) -> Address | None:
        return next((entry for entry in self.entries if entry.kind == "onion"), None)

    @property
    def listing(self) -> str:
        """The list as plain text, one address a line: what the fingerprint is the hash of."""
        head = [f"updated {self.updated.isoformat()}"] if self.updated else []
        return "\n".join([*head, *(f"{entry.kind} {entry.url}" for entry in self.entries)]) + "\n"

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.listing.encode("utf-8")).hexdigest()

    @property
    def short_fingerprint(self) -> str:
        """The first 16 hex digits of the fingerprint, in groups of four: short enough to read out."""
        return " ".join(self.fingerprint[i:i + 4] for i in range(0, 16, 4))


def web_url(check: Reader, container: Mapping | Sequence, key: object, value: object) -> str:
    if not isinstance(value, str):
        raise check.fail("an address must be a URL like https://mirror.example", container, key)
    url = value.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise check.fail(f"{value!r} is not an address like https://mirror.example", container, key)
    return url


def load_addresses(path: Path, config: Config) -> tuple[Addresses, list[str]]:
    """The addresses and the warnings a hoster should see (the file may be missing: then only the
    configured addresses are listed). Raises ContentError, with file and line, on a mistake."""
    data = read_yaml(path, missing_ok=True)
    check = Reader(path)
    if data is None:
        data = Mapping()
        data.line, data.lines = 1, {}
    if not isinstance(data, Mapping):
        raise ContentError("expected a mapping: updated, primary, mirrors, onion, share", path=str(path), line=1)
    unknown = [key for key in data if key not in ("updated", "primary", "mirrors", "onion", "share")]
    if unknown:
        raise check.fail(f"unknown key {unknown[0]!r} (known: updated, primary, mirrors, onion, share)", data,
                         unknown[0])
    warnings = []
    updated = data.get("updated")
    if updated is not None and not isinstance(updated, dt.date):
        raise check.fail(f"updated must be a date (YYYY-MM-DD), got {updated!r}", data, "updated")
    primary = web_url(check, data, "primary", data["primary"]) if data.get("primary") else config.base_url
    if primary != config.base_url:
        warnings.append(f"{path}: the primary address {primary} is not CAMPAIGN_BASE_URL ({config.base_url}): "
                        "canonical and share links name CAMPAIGN_BASE_URL")
    entries = [Address(primary, "primary")]
    mirrors = data.get("mirrors") or Sequence()
    if not isinstance(mirrors, Sequence):
        raise check.fail("mirrors must be a list of `- url: …` entries, each with `kind: site` or `kind: copy`",
                         data, "mirrors")
    for index, item in enumerate(mirrors):
        if not isinstance(item, Mapping) or item.get("kind") not in KINDS:
            raise check.fail("a mirror is `url: …` with `kind: site` (the campaign runs it, the form too) or "
                             "`kind: copy` (a static copy, no form)", mirrors, index)
        entries.append(Address(web_url(check, item, "url", item.get("url")), str(item["kind"])))
    onion = web_url(check, data, "onion", data["onion"]) if data.get("onion") else config.onion_url
    if onion:
        if not ONION_RE.fullmatch(urlsplit(onion).netloc):
            raise check.fail(f"onion {onion!r} is not a v3 onion address (56 letters and digits, then .onion)",
                             data, "onion")
        if config.onion_url and onion != config.onion_url:
            raise check.fail(f"the onion listed here differs from CAMPAIGN_ONION_URL ({config.onion_url}): the "
                             "site would send visitors to an address this list does not give", data, "onion")
        entries.append(Address(onion, "onion"))
    urls = [entry.url for entry in entries]
    if len(set(urls)) != len(urls):
        raise check.fail("an address is listed twice", data, "mirrors")
    share = data.get("share", "primary")
    if share not in SHARE_BASES:
        raise check.fail(f"share must be one of {', '.join(SHARE_BASES)}, got {share!r}", data, "share")
    return Addresses(updated, tuple(entries), share), warnings
