"""Settings, read once from the environment into a frozen, typed object.

Every setting has a safe default so `make run` works on a fresh checkout; a hoster overrides them with
environment variables (see README, "Deploying"). Bad values stop start-up with a message naming the variable,
because a half-configured campaign site is worse than one that does not start.
"""

from __future__ import annotations

import os
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


class ConfigError(ValueError):
    """A setting is missing or malformed."""


@dataclass(frozen=True)
class Config:
    base_url: str = "http://127.0.0.1:5000"
    content_dir: Path = REPO_ROOT / "content"
    translations_dir: Path = REPO_ROOT / "translations"
    trusted_proxies: int = 0
    log_level: str = "INFO"
    hsts: bool = False
    exit_url: str = "https://www.google.com/search?q=weather"
    timezone: str = "Asia/Almaty"  # decides "today": the letter's date, the deadline, the days left
    testing: bool = False

    def __post_init__(self) -> None:
        validate(self)


ENV_NAMES: dict[str, str] = {
    "base_url": "CAMPAIGN_BASE_URL",
    "content_dir": "CAMPAIGN_CONTENT_DIR",
    "translations_dir": "CAMPAIGN_TRANSLATIONS_DIR",
    "trusted_proxies": "CAMPAIGN_TRUSTED_PROXIES",
    "log_level": "CAMPAIGN_LOG_LEVEL",
    "hsts": "CAMPAIGN_HSTS",
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
    if config.base_url.endswith("/"):
        fail("base_url", "must not end with a slash")
    if urlsplit(config.base_url).path or urlsplit(config.base_url).query:
        fail("base_url", "must be the site's root, with no path (the site is served at its own domain's /)")
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
    return raw.strip().rstrip("/") if field == "base_url" else raw.strip()


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
