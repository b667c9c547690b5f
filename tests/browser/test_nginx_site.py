"""The whole nginx site of deploy/nginx/ as a hoster installs it (TLS primary, onion server, default servers, two
backends in the upstream), run by Debian's nginx on 127.0.0.1 in front of two gunicorns."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import ssl
import subprocess
import threading
import uuid
from pathlib import Path
from urllib.parse import urlencode, urljoin

import pytest

from campaign.hosts import HSTS

from ..conftest import DEFAULT, Wizard, answers_for, letter_in, read_form
from ..nginx_files import ONION_PLACEHOLDER, install, onion_address, self_signed, write_nginx_conf
from .conftest import free_port, start_gunicorn
from .test_nginx import NGINX, wait_for

pytestmark = pytest.mark.nginx
PRIMARY = "campaign.example"


def need_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is missing: apt-get install nginx")


class Site:
    """nginx with the deploy site on local ports: `http` (80), `https` (443), `onion` (the torrc's port)."""

    def __init__(self, tmp: Path, backends: list[int]) -> None:
        self.tmp = tmp
        self.http, self.https, self.onion = free_port(), free_port(), free_port()
        tmp.mkdir(parents=True, exist_ok=True)
        cert, key = self_signed(tmp)
        listens = (
            ("listen 80 default_server;", f"listen 127.0.0.1:{self.http} default_server;", 1),
            ("listen 80;", f"listen 127.0.0.1:{self.http};", 1),
            ("listen 443 ssl http2 default_server;", f"listen 127.0.0.1:{self.https} ssl http2 default_server;", 1),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{self.https} ssl http2;", 1),
            ("127.0.0.1:8080", f"127.0.0.1:{self.onion}", 2),
            *((f"    listen [::]:{line};\n", "", 1) for line in ("80 default_server", "80",
                                                           "443 ssl http2 default_server", "443 ssl http2")),
        )
        upstream = (("server 127.0.0.1:8000;", f"server 127.0.0.1:{backends[0]};", 1),
                    ("# server 10.0.0.2:8000;", f"server 127.0.0.1:{backends[1]};", 1))
        # Here nginx's error log keeps its messages about backends too, to show which one it tried.
        log_level = ("campaign-error.log alert;", "campaign-error.log error;")
        site = (*listens, *upstream, (ONION_PLACEHOLDER, ONION, 1), (*log_level, 2))
        deploy = install(tmp, cert, key, {"campaign-site.conf": site,
                                          "campaign-locations.conf": ((*log_level, 1),)})
        conf = write_nginx_conf(tmp, f"    include {deploy}/campaign-site.conf;")
        check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.tls = ssl.create_default_context(cafile=str(cert))
        wait_for(lambda: self.answers("/healthz"), "nginx answering")
        self.access_log, self.error_log = tmp / "campaign.log", tmp / "campaign-error.log"

    def answers(self, path: str) -> bool:
        try:
            return self.request("GET", path)[0] == 200
        except OSError:
            return False

    def connection(self, server: str, host: str) -> http.client.HTTPConnection:
        """A connection to the primary (`https`, by TLS with `host` as the server name) or the `onion` server."""
        if server == "onion":
            return HostConnection(host, self.onion)
        return TLSConnection(host, self.https, context=self.tls)

    def request(self, method: str, path: str, server: str = "https", host: str = PRIMARY, body: bytes | None = None,
                **headers: str):
        connection = self.connection(server, host)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class HostConnection(http.client.HTTPConnection):
    """Plain HTTP to 127.0.0.1:`port`, naming `host` in the Host header (as Tor hands a visitor to nginx)."""

    def connect(self) -> None:
        self.sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)


class TLSConnection(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1:`port` with `host` as the TLS server name, its certificate checked for that name."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=10, context=context)
        self.tls = context

    def connect(self) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


ONION = onion_address()
APP_ENV = {
    "CAMPAIGN_BASE_URL": f"https://{PRIMARY}",
    "CAMPAIGN_ONION_URL": f"http://{ONION}",
    "CAMPAIGN_HSTS": "true",
    "CAMPAIGN_TRUSTED_PROXIES": "1",
    "CAMPAIGN_HOSTS": "127.0.0.1",  # for start_gunicorn's own /healthz check, straight to gunicorn
}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    need_nginx()
    tmp = tmp_path_factory.mktemp("nginx-site")
    backends = []
    for name in ("a", "b"):
        (tmp / name).mkdir()
        backends.append(start_gunicorn(tmp / name, free_port(), APP_ENV))
    site = Site(tmp / "nginx", [int(b.base_url.rsplit(":", 1)[1]) for b in backends])
    yield {"site": site, "backends": backends}
    site.stop()
    for backend in backends:
        if backend.process.poll() is None:
            backend.process.terminate()
            backend.process.wait(timeout=30)


def stylesheet_of(path: str, html: bytes) -> str:
    return urljoin(path, html.decode("utf-8").split('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0])


def test_the_primary_sends_hsts_and_the_same_page_at_the_onion(stack):
    site = stack["site"]
    path = "/kk/share?utm_source=test&x=%D0%B0"
    status, headers, body = site.request("GET", path)
    assert status == 200 and b'<html lang="kk"' in body
    assert headers.get_all("Strict-Transport-Security") == [HSTS]
    assert headers.get_all("Onion-Location") == [f"http://{ONION}{path}"]
    for file in (stylesheet_of(path, body), "/media/banners/en/post.svg"):
        status, headers, _ = site.request("GET", file)
        assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable", file
        assert headers.get_all("Strict-Transport-Security") == [HSTS], file
        assert headers["X-Content-Type-Options"] == "nosniff", file
    # nginx's own pages too: a file that is not there.
    status, headers, _ = site.request("GET", "/static/missing.css")
    assert status == 404 and headers.get_all("Strict-Transport-Security") == [HSTS]


def test_the_onion_sends_neither_hsts_nor_onion_location(stack):
    site = stack["site"]
    path = "/kk/share?utm_source=test"
    claim = {"X-Forwarded-Proto": "https"}  # even from a client that claims HTTPS
    status, headers, body = site.request("GET", path, server="onion", host=ONION, **claim)
    assert status == 200 and b'<html lang="kk"' in body
    assert "Strict-Transport-Security" not in headers and "Onion-Location" not in headers
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    for file in (stylesheet_of(path, body), "/media/banners/en/post.svg", "/static/missing.css"):
        status, headers, _ = site.request("GET", file, server="onion", host=ONION, **claim)
        assert status == (404 if "missing" in file else 200), file
        assert headers["X-Content-Type-Options"] == "nosniff", file
        assert "Strict-Transport-Security" not in headers and "Onion-Location" not in headers, file


def raw_answer(sock: socket.socket, host: str, path: str) -> bytes:
    """What comes back for a GET of `path` naming `host`, until the server closes the connection."""
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    return answer


def test_other_host_names_are_refused_by_nginx(stack):
    site = stack["site"]
    probe = f"/probe-{uuid.uuid4().hex}"
    # HTTPS for another name, or for none: no handshake, so no certificate either.
    for server_name in ("unknown.example", None):
        with socket.create_connection(("127.0.0.1", site.https), timeout=10) as sock:
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            with pytest.raises(ssl.SSLError, match="UNRECOGNIZED_NAME"):
                context.wrap_socket(sock, server_hostname=server_name)
    # The primary's TLS, or plain HTTP on port 80 or the onion's port, with another Host: closed without a word.
    with socket.create_connection(("127.0.0.1", site.https), timeout=10) as sock, \
            site.tls.wrap_socket(sock, server_hostname=PRIMARY) as tls:
        assert raw_answer(tls, "unknown.example", probe + "/tls") == b""
    for port in (site.http, site.onion):
        for host in ("unknown.example", "127.0.0.1", ONION_PLACEHOLDER):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                assert raw_answer(sock, host, f"{probe}/{port}") == b"", (port, host)
    # The onion server and the primary's port 80 do answer their own names.
    with socket.create_connection(("127.0.0.1", site.http), timeout=10) as sock:
        assert raw_answer(sock, PRIMARY, "/").startswith(b"HTTP/1.1 301")
    status, _, _ = site.request("GET", "/privacy", server="onion", host=ONION)
    assert status == 200
    # Nothing of the probes reached a log; the request after them did.
    gunicorn_logs = [backend.access_log for backend in stack["backends"]]
    wait_for(lambda: any("GET /privacy 200" in log.read_text(encoding="utf-8") for log in gunicorn_logs)
             and "GET /privacy 200" in site.access_log.read_text(encoding="utf-8"), "the request in the logs")
    for log in (*gunicorn_logs, site.access_log):
        assert "probe-" not in log.read_text(encoding="utf-8"), log


class Visitor:
    """A browser with JavaScript off walking through the wizard: each step's form POSTed, a 307 followed by
    POSTing the same body to its Location (relative, read against the request's URL)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.origin = {"Origin": f"https://{PRIMARY}", "Content-Type": "application/x-www-form-urlencoded"}

    def post(self, url: str, body: bytes) -> tuple[str, bytes]:
        status, headers, page = self.site.request("POST", url, body=body, **self.origin)
        while status == 307:
            url = urljoin(url, headers["Location"])
            status, headers, page = self.site.request("POST", url, body=body, **self.origin)
        assert status == 200, (url, status, page[:300])
        return url, page

    def submit(self, url: str, html: str, answers: dict) -> tuple[str, bytes]:
        shown, data = read_form(html), Wizard.form_data(html)
        for name, value in answers.items():
            if name in shown["fields"]:
                data[name] = value if isinstance(value, list) else [value]
        return self.post(urljoin(url, shown["action"]), urlencode(data, doseq=True).encode())


def posts_in(log: Path) -> int:
    return len(re.findall(r"^POST /petition/", log.read_text(encoding="utf-8"), re.M))


def test_a_walk_through_the_wizard_survives_a_backend_stopped_half_way(stack):
    site, backends = stack["site"], stack["backends"]
    answers = answers_for(DEFAULT, "paper", "person", surname="Нуртаева", personal="Сквер у дома 12 нужен всем.")
    visitor = Visitor(site)
    url = DEFAULT.url("petition/route")
    status, _, page = site.request("GET", url)
    assert status == 200
    steps = []
    stopped = backends[1]
    stopped_port = stopped.base_url.rsplit(":", 1)[1]
    while (step := Wizard.step_of(html := page.decode("utf-8"))) is not None:
        assert step not in steps, (step, html[:500])
        steps.append(step)
        if len(steps) == 3:
            # Half-way: both backends have served the walk; one of them is stopped, as a machine going away.
            wait_for(lambda: all(posts_in(backend.access_log) > 0 for backend in backends), "both serving")
            stopped.process.terminate()
            assert stopped.process.wait(timeout=30) == 0
        url, page = visitor.submit(url, html, answers)
    assert steps == ["route", "sender", "about", "complaint", "check"]
    letter = letter_in(page.decode("utf-8"))
    for typed in ("Нуртаева Әсел", answers["address"], answers["iin"], "Сквер у дома 12 нужен всем."):
        assert typed in letter
    # nginx did try the stopped backend after it was gone, and sent that request on to the other.
    assert f"127.0.0.1:{stopped_port}" in site.error_log.read_text(encoding="utf-8")


class Dropper:
    """A backend that takes a request and closes the connection without an answer, as a machine that fails while
    handling it; keeps what it was sent."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.requests: list[bytes] = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = self.listener.accept()
                with connection:
                    data = connection.recv(65536)
                    while b"\r\n\r\n" not in data and (chunk := connection.recv(65536)):
                        data += chunk
                    self.requests.append(data)


def test_a_post_a_failing_backend_took_is_answered_by_the_other(tmp_path):
    """`proxy_next_upstream … non_idempotent`: a POST already sent to a backend that then fails is sent to the next
    one (without it nginx answers 502)."""
    need_nginx()
    (tmp_path / "app").mkdir()
    backend = start_gunicorn(tmp_path / "app", free_port(), APP_ENV)
    dropper = Dropper()
    site = Site(tmp_path / "nginx", [int(backend.base_url.rsplit(":", 1)[1]), dropper.port])
    try:
        body = b"submitted=route&route=paper"
        headers = {"Origin": f"https://{PRIMARY}", "Content-Type": "application/x-www-form-urlencoded"}
        for _ in range(2):  # taken in turn: one of the two goes to the dropper first
            status, answer, _ = site.request("POST", "/petition/route", body=body, **headers)
            assert status == 307 and answer["Location"] == "../petition/sender"
        assert len(dropper.requests) == 1
        assert dropper.requests[0].startswith(b"POST /petition/route HTTP/1.1\r\n")
        # gunicorn writes a request's line once the answer is sent: wait for it rather than race it.
        wait_for(lambda: posts_in(backend.access_log) >= 2, "both POSTs in the backend's access log")
        assert posts_in(backend.access_log) == 2
    finally:
        site.stop()
        dropper.listener.close()
        backend.process.terminate()
        backend.process.wait(timeout=30)
