"""Which host names the site answers to, and the headers that differ from one host to another.

The site may be reached at several addresses: its primary (CAMPAIGN_BASE_URL), mirrors on neutral host names
(CAMPAIGN_HOSTS) and an onion service (CAMPAIGN_ONION_URL). A request naming any other host, or a malformed
one, gets a short localized 400 page before the app runs: nothing is built from such a Host, and gunicorn's
access log leaves it out (`REFUSED`), so a scan of made-up names leaves no trace.

Per host, on HTTPS only: HSTS (when CAMPAIGN_HSTS is on) and `Onion-Location`, which tells Tor Browser the same
page's onion address; the onion host itself sends neither (HSTS there would pin a name Tor does not need pinned,
and Onion-Location would point at itself).

The app never needs to know where it is mounted either: every link it writes is relative (relative.py), so the
mount point (SCRIPT_NAME) is set aside here and the app builds its URLs as if it were at the root.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import quote

from .config import HOST_RE, Config

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
REFUSED = "campaign.refused_host"  # set in the environ of a request refused for its Host: not logged
MOUNT = "campaign.mount"  # the SCRIPT_NAME the server gave, kept aside
HSTS = "max-age=63072000; includeSubDomains"
HOST_HEADER = re.compile(r"(?P<name>[^:\[\]]+|\[[0-9a-fA-F:.]+\])(?::(?P<port>[0-9]{1,5}))?")
PATH_SAFE = "/:@!$&'()*+,;=-._~"
QUERY = re.compile(r"[\x21-\x7e]*")  # a query string as it may stand in a header: printable ASCII only


def host_of(environ: Mapping[str, object]) -> str | None:
    """The host name a request names (lower case, no port), or None when it names none or a malformed one."""
    raw = environ.get("HTTP_HOST")
    if not isinstance(raw, str):
        return None
    match = HOST_HEADER.fullmatch(raw.strip().lower())
    if match is None or (match["port"] and not 0 < int(match["port"]) < 65536):
        return None
    name = match["name"].removesuffix(".")
    return name if name.startswith("[") or HOST_RE.fullmatch(name) else None


def onion_location(onion_url: str, environ: Mapping[str, object]) -> str:
    """The same page at the onion address: its path and, when it is plain ASCII, its query."""
    path = quote(str(environ.get("PATH_INFO", "")).encode("latin-1", "replace"), safe=PATH_SAFE)
    query = str(environ.get("QUERY_STRING", ""))
    return onion_url + path + (f"?{query}" if query and QUERY.fullmatch(query) else "")


class HostPolicy:
    """WSGI middleware: refuses other hosts; adds each host's own headers to the response."""

    def __init__(self, app: WSGIApp, config: Config, refusal: Callable[[str], tuple[list[tuple[str, str]], bytes]]
                 ) -> None:
        self.app = app
        self.allowed = config.allowed_hosts
        self.onion_host = config.onion_host
        self.onion_url = config.onion_url
        self.hsts = config.hsts
        self.refusal = refusal  # path -> (headers, body) of the 400 page in the path's locale

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        host = host_of(environ)
        if host not in self.allowed:
            environ[REFUSED] = True
            headers, body = self.refusal(str(environ.get("PATH_INFO", "")))
            start_response("400 Bad Request", [*headers, ("Content-Length", str(len(body)))])
            return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]
        environ[MOUNT] = environ.get("SCRIPT_NAME", "")
        environ["SCRIPT_NAME"] = ""
        extra = self.headers_for(host, environ)
        if not extra:
            return self.app(environ, start_response)

        def with_host_headers(status: str, headers: list[tuple[str, str]], exc_info=None):
            return start_response(status, [*headers, *extra], exc_info)

        return self.app(environ, with_host_headers)

    def headers_for(self, host: str, environ: Mapping[str, object]) -> list[tuple[str, str]]:
        if environ.get("wsgi.url_scheme") != "https" or host == self.onion_host:
            return []
        extra = [("Strict-Transport-Security", HSTS)] if self.hsts else []
        if self.onion_url:
            extra.append(("Onion-Location", onion_location(self.onion_url, environ)))
        return extra
