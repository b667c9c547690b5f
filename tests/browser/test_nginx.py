"""Debian's nginx with the repository's deploy config, in front of gunicorn with the repository's config."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode, urljoin, urlsplit

import pytest

from campaign.config import REPO_ROOT

from ..conftest import PARK
from ..nginx_files import write_nginx_conf
from .conftest import free_port, start_gunicorn

pytestmark = pytest.mark.nginx
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CLIENT_ADDRESS = "203.0.113.77"  # what a client claims in X-Forwarded-For: must never reach a log


@contextlib.contextmanager
def nginx_stack(tmp: Path, extra_env: dict[str, str] | None = None):
    """nginx with the deploy config in front of a gunicorn of `extra_env`'s campaign, both logging to `tmp`."""
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is missing: apt-get install nginx")
    app_port, web_port = free_port(), free_port()
    server = start_gunicorn(tmp, app_port, {"CAMPAIGN_TRUSTED_PROXIES": "1", **(extra_env or {})})
    deploy = tmp / "deploy"
    (deploy / "nginx").mkdir(parents=True)
    for name in ("campaign-locations.conf", "campaign-headers.conf"):
        text = (REPO_ROOT / "deploy" / "nginx" / name).read_text(encoding="utf-8")
        text = text.replace("/srv/campaign/deploy", str(deploy)).replace("/srv/campaign", str(REPO_ROOT))
        text = text.replace("/var/log/nginx/campaign.log", str(tmp / "nginx-access.log"))
        text = text.replace("/var/log/nginx/campaign-error.log", str(tmp / "nginx-error.log"))
        (deploy / "nginx" / name).write_text(text, encoding="utf-8")
    site = (REPO_ROOT / "deploy" / "nginx" / "campaign-site.conf").read_text(encoding="utf-8")
    log_format = next(line for line in site.splitlines() if line.startswith("log_format"))
    maps = "\n".join(re.findall(r"^map .*?^}", site, re.M | re.S))  # the variables campaign-headers.conf uses
    assert "$campaign_hsts {" in maps
    conf = write_nginx_conf(tmp, f"""
    upstream campaign_app {{ server 127.0.0.1:{app_port}; keepalive 4; }}
    {log_format}
    {maps}
    server {{
        listen 127.0.0.1:{web_port};
        include {deploy}/nginx/campaign-locations.conf;
    }}""")
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{web_port}"
    wait_for(lambda: answers(base + "/healthz"), "nginx answering")
    try:
        yield {"base": base, "server": server, "tmp": tmp, "app_port": app_port}
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        if server.process.poll() is None:
            server.process.terminate()
            server.process.wait(timeout=30)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with nginx_stack(tmp_path_factory.mktemp("nginx")) as running:
        yield running


@pytest.fixture(scope="module")
def park_stack(tmp_path_factory):
    """The same in front of the fixture campaign, which offers follow-up (the default campaign is decided)."""
    with nginx_stack(tmp_path_factory.mktemp("nginx-park"), {"CAMPAIGN_CONTENT_DIR": str(PARK.root)}) as running:
        yield running


def wait_for(condition, what: str, seconds: float = 15) -> None:
    """Poll until `condition()` holds; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.02)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except OSError:
        return False


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers={"X-Forwarded-For": CLIENT_ADDRESS, **headers})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_pages_headers_static_and_health_through_nginx(stack):
    base = stack["base"]
    for path in ("/", "/kk/share", "/en/petition/route", "/petition/alternative"):
        status, headers, body = fetch(base + path, **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip" and b"<html" in gzip.decompress(body)
        assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self';")
        assert headers["Referrer-Policy"] == "no-referrer" and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "public, max-age=300" and headers["ETag"]
        assert "Set-Cookie" not in headers
    _, headers, body = fetch(base + "/")
    html = body.decode("utf-8")
    # The site's own style sheet, a file nginx serves from static/ (the theme's is the app's, built at start-up).
    css = re.search(r'<link rel="stylesheet" href="([^"]*static/css/site\.css[^"]*)"', html)[1]
    status, headers, body = fetch(urljoin(base + "/", css), **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert gzip.decompress(body) == (REPO_ROOT / urlsplit(css).path.lstrip("/")).read_bytes()
    status, _, body = fetch(base + "/healthz")
    assert status == 200 and body == b"ok"
    status, _, _ = fetch(base + "/ru/share?x=1")  # urllib follows the 301
    assert status == 200


# Paths a hostile link may use to lead a visitor elsewhere, and what each gets: a 404, or a redirect that stays on
# the site (relative to the page). nginx itself refuses a path that climbs above the root.
HOSTILE_PATHS = {path: (404, None) for path in (
    "/ru/%09/evil.example", "/ru/%0a/x", "/ru/%0d/x", "/ru/%5c/evil.example", "/ru//evil.example", "//evil.example",
    "/ru/\\/evil.example", "/ru/%2e%2e/%2e%2e/evil.example", "/ru/%2F%2Fevil.example", "/kk//evil.example",
    "/%5c%5cevil.example", "/ru/.%2e/evil", "/ru/%E2%80%AE/x", "///evil")} | {"/kk": (308, "./kk/")}
THROUGH_NGINX = {**HOSTILE_PATHS, "/ru/%2e%2e/%2e%2e/evil.example": (400, None)}


def raw_request(port: int, path: str, host: str = "evil.example") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("through", ["nginx", "gunicorn"])
def test_no_path_redirects_to_another_site_or_fails(stack, through):
    port = int(stack["base"].rsplit(":", 1)[1]) if through == "nginx" else stack["app_port"]
    got = {}
    for path in HOSTILE_PATHS:
        answer = raw_request(port, path, host="127.0.0.1")  # the site's own host: the path is what is hostile
        location = next((line.split(b":", 1)[1].strip().decode() for line in
                         answer.split(b"\r\n\r\n")[0].split(b"\r\n") if line.lower().startswith(b"location:")), None)
        got[path] = (int(answer.split(b" ", 2)[1]), location)
    assert got == (THROUGH_NGINX if through == "nginx" else HOSTILE_PATHS)


def test_no_client_address_in_any_log(stack):
    fetch(stack["base"] + "/privacy?secret=query")
    gunicorn_log, nginx_log = stack["server"].access_log, stack["tmp"] / "nginx-access.log"
    wait_for(lambda: "GET /privacy 200" in gunicorn_log.read_text(encoding="utf-8")
             and "GET /privacy 200" in nginx_log.read_text(encoding="utf-8"), "both access logs")
    for log in (gunicorn_log.read_text(encoding="utf-8"), nginx_log.read_text(encoding="utf-8")):
        assert "127.0.0.1" not in log and CLIENT_ADDRESS not in log
        assert "secret=query" not in log and "/healthz" not in log and "Python-urllib" not in log


MARKER = b"surname=%D0%A1%D0%B5%D0%BA%D1%80%D0%B5%D1%82"


def test_malformed_and_slow_requests_leave_no_address_in_the_nginx_logs(stack):
    port = int(stack["base"].rsplit(":", 1)[1])
    malformed = [
        b"GET /" + MARKER + b" HTTP/1.1 x\r\nHost: a\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: a\r\nBad Header: " + MARKER + b"\r\n\r\n",
        b"POST /petition/about HTTP/1.1\r\nHost: a\r\nContent-Length: 300000\r\n\r\n" + MARKER,
        b"POST /petition/about HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + MARKER,
        b"GET /" + MARKER * 2000 + b" HTTP/1.1\r\nHost: a\r\n\r\n",
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + MARKER,  # TLS spoken to plain HTTP
    ]
    for request in malformed:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall(request)
            connection.shutdown(socket.SHUT_WR)
            with contextlib.suppress(ConnectionResetError):  # nginx may reset a connection it refuses
                while connection.recv(65536):
                    pass
    # A client that goes quiet half-way is reset once the header timeout passes (logged at "info" by nginx).
    quiet = socket.create_connection(("127.0.0.1", port), timeout=30)
    quiet.sendall(b"GET /share HTTP/1.1\r\nHo")
    started = time.monotonic()
    with pytest.raises(ConnectionResetError):
        quiet.recv(10)
    assert 9 < time.monotonic() - started < 20
    quiet.close()
    fetch(stack["base"] + "/healthz")
    for log in ("nginx-error.log", "nginx-main-error.log", "nginx-access.log"):
        path = stack["tmp"] / log
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        assert "127.0.0.1" not in text and "client:" not in text and "%D0%A1" not in text, (log, text[-500:])


def test_slow_clients_do_not_stop_the_site(stack):
    """50 connections that send half a request line and stall, while a visitor keeps getting pages."""
    port = int(stack["base"].rsplit(":", 1)[1])
    stalled = []
    try:
        for _ in range(50):
            connection = socket.create_connection(("127.0.0.1", port), timeout=30)
            connection.sendall(b"GET /share HT")
            stalled.append(connection)
        for _ in range(10):
            started = time.monotonic()
            status, _, _ = fetch(stack["base"] + "/share")
            assert status == 200 and time.monotonic() - started < 1
        # The same through a POST: a visitor's answers reach gunicorn whole.
        started = time.monotonic()
        status, headers = post(port, "/petition/route", b"submitted=route&route=paper")
        assert status == 307 and headers["Location"] == "../petition/sender" and time.monotonic() - started < 1
    finally:
        for connection in stalled:
            connection.close()


def post(port: int, path: str, data: bytes):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", path, body=data, headers={"Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        return response.status, response.headers
    finally:
        connection.close()


def accepted(server_port: int, client_port: int) -> bool:
    """Whether gunicorn has accepted the connection from `client_port` (a socket not yet accepted has no inode)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if int(local.split(":")[1], 16) == server_port and int(remote.split(":")[1], 16) == client_port:
            return inode != "0"
    return False


def test_sigterm_lets_requests_in_flight_finish(stack):
    """A request whose body is still arriving when gunicorn is told to stop is answered in full."""
    body = b"submitted=route&route=eotinish"
    server = stack["server"]
    with socket.create_connection(("127.0.0.1", stack["app_port"]), timeout=20) as connection:
        connection.sendall(b"POST /petition/route HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           b"Content-Type: application/x-www-form-urlencoded\r\n"
                           b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body[:8])
        client_port = connection.getsockname()[1]
        wait_for(lambda: accepted(stack["app_port"], client_port), "a worker to take the connection")
        server.process.send_signal(signal.SIGTERM)
        wait_for(lambda: "Handling signal: term" in server.error_log.read_text(encoding="utf-8"), "the signal")
        connection.sendall(body[8:])
        response = b""
        while chunk := connection.recv(65536):
            response += chunk
    assert response.startswith(b"HTTP/1.1 307"), response[:200]
    assert b"Location: ../petition/about" in response
    assert server.process.wait(timeout=30) == 0


def test_the_site_configuration_passes_nginx_t(tmp_path):
    """deploy/nginx/campaign-site.conf as a hoster installs it, with a throwaway certificate for its placeholders."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: .ci/run installs it") if os.environ.get("CI") else pytest.skip("no nginx")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=campaign.example", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    deploy = tmp_path / "deploy" / "nginx"
    deploy.mkdir(parents=True)
    for name in ("campaign-site.conf", "campaign-locations.conf", "campaign-headers.conf"):
        text = (REPO_ROOT / "deploy" / "nginx" / name).read_text(encoding="utf-8")
        text = text.replace("/etc/letsencrypt/live/campaign.example/fullchain.pem", str(cert))
        text = text.replace("/etc/letsencrypt/live/campaign.example/privkey.pem", str(key))
        text = text.replace("/srv/campaign/deploy", str(tmp_path / "deploy")).replace("/srv/campaign", str(REPO_ROOT))
        text = text.replace("/var/log/nginx/", f"{tmp_path}/")
        (deploy / name).write_text(text, encoding="utf-8")
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/main-error.log alert;\nevents {{}}\n"
                    f"http {{ include /etc/nginx/mime.types; include {deploy}/campaign-site.conf; }}\n",
                    encoding="utf-8")
    result = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def send(url: str, body: bytes, content_type: str = "application/x-www-form-urlencoded"):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type,
                                                              "X-Forwarded-For": CLIENT_ADDRESS})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_nothing_typed_on_the_follow_up_pages_reaches_a_log(park_stack):
    """The card, its .ics, the answers file and its upload, through nginx: what the visitor typed travels in the
    bodies only, and neither server logs a body."""
    base = park_stack["base"] + "/" + PARK.wizard_path + "/follow-up"
    number, surname = "ЖТ-ТАЙНА-4242", "Секретова"
    case = {"registered_on": "2026-11-02", "registration_number": number}
    sender = {"route": "paper", "sender": "person", "surname": surname, "given_name": "Айгерим",
              "address": "Коктал, ул. Тайная, 1", "letter_language": PARK.letter_languages[0]}
    status, _, page = send(base, urlencode({**case, "followup": "card"}).encode())
    assert status == 200 and number.encode() in page
    status, headers, ics = send(base + "/dates.ics", urlencode({**case, "details": "yes"}).encode())
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    # As the card's own "Save my answers" form posts them: with the kind of letter the card reads them for.
    kind = {"kind": PARK.yaml("complaint/follow-up/settings.yml")["letters"][0]}
    status, _, saved = send(base + "/saved-answers.json", urlencode({**case, **sender, **kind}).encode())
    assert status == 200 and surname in saved.decode("utf-8") and number in saved.decode("utf-8")
    boundary = "campaign-test-boundary"
    upload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"answers_file\"; filename=\"a.json\"\r\n"
              f"Content-Type: application/json\r\n\r\n").encode() + saved + f"\r\n--{boundary}--\r\n".encode()
    status, _, page = send(base, upload, f"multipart/form-data; boundary={boundary}")
    assert status == 200 and number.encode() in page
    gunicorn_log, nginx_log = park_stack["server"].access_log, park_stack["tmp"] / "nginx-access.log"
    wait_for(lambda: gunicorn_log.read_text(encoding="utf-8").count("POST ") >= 4
             and nginx_log.read_text(encoding="utf-8").count("POST ") >= 4, "both access logs")
    typed = [number, surname, "4242", "2026-11-02", "Тайная"]
    typed += [quote(value) for value in typed] + [quote_plus(value) for value in typed]
    for log in ("nginx-access.log", "nginx-error.log", "access.log", "error.log"):
        path = park_stack["tmp"] / log
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        assert not [value for value in typed if value in text], (log, text[-800:])
        assert CLIENT_ADDRESS not in text
