"""What nginx sets by itself (deploy/nginx/) against what the app sends: the security headers on the files nginx
serves, HSTS on its own responses, and the largest body it passes on. The copies are by hand: these keep them
the same."""

from __future__ import annotations

import re

from campaign.hosts import HSTS
from campaign.security import security_headers

from .conftest import PARK, client_of
from .nginx_files import NGINX_FILES

# A simple directive on one line, as these files write them: its name and arguments (quoted strings with backslash
# escapes, or bare words) up to the `;`; anything after that is a comment.
DIRECTIVE = re.compile(r'^\s*(\w+)((?:\s+(?:"(?:[^"\\]|\\.)*"|[^\s";{}#]+))*)\s*;')
ARGUMENT = re.compile(r'"((?:[^"\\]|\\.)*)"|([^\s"]+)')


def directives(name: str, directive: str) -> list[list[str]]:
    """The arguments of every `directive` in the nginx file `name`."""
    found = []
    for line in (NGINX_FILES / name).read_text(encoding="utf-8").splitlines():
        match = DIRECTIVE.match(line)
        if match and match[1] == directive:
            found.append([re.sub(r"\\(.)", r"\1", quoted) if quoted else bare
                          for quoted, bare in ARGUMENT.findall(match[2])])
        else:
            assert not line.strip().startswith(directive + " "), f"{name}: not read: {line}"
    return found


def nginx_headers() -> dict[str, str]:
    """The headers campaign-headers.conf adds: name -> value (every one of them `always`)."""
    headers = {}
    for arguments in directives("campaign-headers.conf", "add_header"):
        assert arguments[2:] == ["always"], arguments
        assert arguments[0] not in headers, f"{arguments[0]} is added twice"
        headers[arguments[0]] = arguments[1]
    return headers


def test_nginx_adds_the_apps_security_headers_with_the_same_values():
    headers = nginx_headers()
    assert headers.pop("Strict-Transport-Security") == "$campaign_hsts"
    assert headers == security_headers()
    # What the app really sends on a page, where security.py and hosts.py add them.
    page = client_of(PARK).get("/")
    assert {name: page.headers.get(name) for name in headers} == headers


def size_in_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}[unit.lower()]


def test_nginx_sends_the_apps_hsts_on_https_only_and_never_from_the_onion():
    site = (NGINX_FILES / "campaign-site.conf").read_text(encoding="utf-8")
    mapping = re.search(r'map "\$scheme:\$host" \$campaign_hsts \{(.*?)\}', site, re.S).group(1)
    entries = dict(re.findall(r'^\s*("[^"]*"|\S+)\s+("[^"]*"|\S+);', mapping, re.M))
    assert entries == {"default": '""', '"~\\.onion$"': '""', '"~^https:"': f'"{HSTS}"'}


def test_nginx_passes_on_bodies_up_to_the_apps_limit():
    [[limit]] = directives("campaign-locations.conf", "client_max_body_size")
    assert size_in_bytes(limit) == client_of(PARK).application.config["MAX_CONTENT_LENGTH"]
