"""Settings, read once from the environment into a frozen, typed object.

Every setting has a safe default so `make run` works on a fresh checkout; a hoster overrides them with
environment variables (see README, "Deploying"). Bad values stop start-up with a message naming the variable,
because a half-configured campaign site is worse than one that does not start.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfoNotFoundError

from .clock import zone

_SOURCE_ROOT = Path(__file__).resolve().parent.parent
# From a checkout the package sits beside content/; after `pip install .` it does not, and the site is run
# from the checkout's directory instead.
REPO_ROOT = _SOURCE_ROOT if (_SOURCE_ROOT / "content").is_dir() else Path.cwd()
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# A DNS name (labels of 1-63 letters, digits and hyphens, 253 characters at most) or an IPv4 address.
HOST_RE = re.compile(r"(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)*(?!-)[a-z0-9-]{1,63}(?<!-)")
ONION_RE = re.compile(r"[a-z2-7]{56}\.onion")  # a v3 onion service


class ConfigError(ValueError):
    """A setting is missing or malformed."""


@dataclass(frozen=True)
class Config:
    base_url: str = "http://127.0.0.1:5000"
    content_dir: Path = REPO_ROOT / "content"
    translations_dir: Path = REPO_ROOT / "translations"
    trusted_proxies: int = 0
    log_level: str = "INFO"
    hsts: bool = False  # Strict-Transport-Security on HTTPS responses of every host but the onion
    hosts: tuple[str, ...] = ()  # other host names answered (mirrors); the primary's and the onion's always are
    onion_url: str = ""  # the onion service's address: sent as Onion-Location by the HTTPS hosts
    exit_url: str = "https://www.google.com/search?q=weather"
    timezone: str = "Asia/Almaty"  # decides "today": the letter's date, the deadline, the days left
    testing: bool = False

    def __post_init__(self) -> None:
        validate(self)

    @property
    def origin(self) -> str:
        """The primary's scheme and host: requests the app makes to itself (to build pages once) go there, to
        its root, since its links are relative wherever it is mounted."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def primary_host(self) -> str:
        return host_name(self.base_url)

    @property
    def onion_host(self) -> str:
        return host_name(self.onion_url) if self.onion_url else ""

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Every host name the site answers to: the primary's, the mirrors', the onion's."""
        return frozenset(h for h in (self.primary_host, self.onion_host, *self.hosts) if h)


def host_name(url: str) -> str:
    """The host name of an absolute URL, lower case, without its port."""
    return (urlsplit(url).hostname or "").lower()


ENV_NAMES: dict[str, str] = {
    "base_url": "CAMPAIGN_BASE_URL",
    "content_dir": "CAMPAIGN_CONTENT_DIR",
    "translations_dir": "CAMPAIGN_TRANSLATIONS_DIR",
    "trusted_proxies": "CAMPAIGN_TRUSTED_PROXIES",
    "log_level": "CAMPAIGN_LOG_LEVEL",
    "hsts": "CAMPAIGN_HSTS",
    "hosts": "CAMPAIGN_HOSTS",
    "onion_url": "CAMPAIGN_ONION_URL",
    "exit_url": "CAMPAIGN_EXIT_URL",
    "timezone": "CAMPAIGN_TIMEZONE",
}


def validate(config: Config) -> None:
    """Raise ConfigError naming the variable of the first bad setting."""

    def fail(field: str, why: str) -> None:
        raise ConfigError(f"{ENV_NAMES.get(field, field)}: {why}")

    for url_field in ("base_url", "exit_url"):
        parts = urlsplit(getattr(config, url_field))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            fail(url_field, f"must be an absolute http(s) URL, got {getattr(config, url_field)!r}")
    for url_field in ("base_url", "onion_url"):
        url = getattr(config, url_field)
        if url.endswith("/"):
            fail(url_field, "must not end with a slash")
        if urlsplit(url).query or urlsplit(url).fragment:
            fail(url_field, "must be the site's address, with no query or fragment")
    if config.primary_host.endswith(".onion"):
        fail("base_url", "is an onion address: set the public address here and the onion in CAMPAIGN_ONION_URL "
                         "(share links and canonical links must never name the onion)")
    if config.onion_url:
        parts = urlsplit(config.onion_url)
        if parts.scheme not in ("http", "https") or not ONION_RE.fullmatch(parts.netloc):
            fail("onion_url", f"must be http(s)://<56 letters and digits>.onion, got {config.onion_url!r}")
    for host in config.hosts:
        if not HOST_RE.fullmatch(host):
            fail("hosts", f"{host!r} is not a host name (a list like mirror.example, other.example; no ports)")
    try:
        zone(config.timezone)
    except (ValueError, ZoneInfoNotFoundError):
        fail("timezone", f"{config.timezone!r} is not a time zone name, like Asia/Almaty")
    if config.trusted_proxies < 0:
        fail("trusted_proxies", "must be 0 or more")
    if config.log_level not in LOG_LEVELS:
        fail("log_level", f"must be one of {', '.join(LOG_LEVELS)}")
    if not Path(config.content_dir).is_dir():
        fail("content_dir", f"{config.content_dir} is not a directory")


def _parse(field: str, raw: str) -> object:
    name = ENV_NAMES[field]
    if field in ("content_dir", "translations_dir"):
        return Path(raw)
    if field == "trusted_proxies":
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{name}: must be a whole number, got {raw!r}") from None
    if field == "hsts":
        lowered = raw.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off", ""):
            return False
        raise ConfigError(f"{name}: must be true or false, got {raw!r}")
    if field == "log_level":
        return raw.strip().upper()
    if field == "hosts":
        return tuple(dict.fromkeys(h.lower() for h in re.split(r"[\s,]+", raw) if h))
    return raw.strip().rstrip("/") if field in ("base_url", "onion_url") else raw.strip()


def from_env(environ: Mapping[str, str] | None = None) -> Config:
    """Read the settings the environment gives; the rest keep their defaults."""
    environ = os.environ if environ is None else environ
    values = {field: _parse(field, environ[name]) for field, name in ENV_NAMES.items() if name in environ}
    return Config(**values)


def with_overrides(config: Config, overrides: Mapping[str, object]) -> Config:
    """A copy of `config` with some fields replaced (tests pass overrides to create_app)."""
    known = {f.name for f in fields(Config)}
    unknown = set(overrides) - known
    if unknown:
        raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
    return replace(config, **overrides)
