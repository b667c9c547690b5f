"""Debian's nginx with the repository's deploy config, in front of gunicorn with the repository's config."""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from campaign.config import REPO_ROOT

from .conftest import free_port, start_gunicorn

pytestmark = pytest.mark.nginx
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CLIENT_ADDRESS = "203.0.113.77"  # what a client claims in X-Forwarded-For: must never reach a log


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is missing: apt-get install nginx")
    tmp = tmp_path_factory.mktemp("nginx")
    app_port, web_port = free_port(), free_port()
    server = start_gunicorn(tmp, app_port, {"CAMPAIGN_TRUSTED_PROXIES": "1"})
    deploy = tmp / "deploy"
    (deploy / "nginx").mkdir(parents=True)
    for name in ("campaign-locations.conf", "campaign-headers.conf"):
        text = (REPO_ROOT / "deploy" / "nginx" / name).read_text(encoding="utf-8")
        text = text.replace("/srv/campaign/deploy", str(deploy)).replace("/srv/campaign", str(REPO_ROOT))
        text = text.replace("/var/log/nginx/campaign.log", str(tmp / "nginx-access.log"))
        (deploy / "nginx" / name).write_text(text, encoding="utf-8")
    site = (REPO_ROOT / "deploy" / "nginx" / "campaign-site.conf").read_text(encoding="utf-8")
    log_format = next(line for line in site.splitlines() if line.startswith("log_format"))
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    upstream campaign_app {{ server 127.0.0.1:{app_port}; keepalive 4; }}
    {log_format}
    server {{
        listen 127.0.0.1:{web_port};
        include {deploy}/nginx/campaign-locations.conf;
    }}
}}
""", encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{web_port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    yield {"base": base, "server": server, "tmp": tmp, "app_port": app_port}
    nginx.terminate()
    nginx.wait(timeout=10)
    if server.process.poll() is None:
        server.process.terminate()
        server.process.wait(timeout=30)


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
    css = html.split('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    status, headers, body = fetch(base + css, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert b"calm civic service" in gzip.decompress(body)
    status, _, body = fetch(base + "/healthz")
    assert status == 200 and body == b"ok"
    status, _, _ = fetch(base + "/ru/share?x=1")  # urllib follows the 301
    assert status == 200


def test_no_client_address_in_any_log(stack):
    fetch(stack["base"] + "/privacy?secret=query")
    time.sleep(0.3)
    gunicorn_log = stack["server"].access_log.read_text(encoding="utf-8")
    nginx_log = (stack["tmp"] / "nginx-access.log").read_text(encoding="utf-8")
    assert "GET /privacy 200" in gunicorn_log and "GET /privacy 200" in nginx_log
    for log in (gunicorn_log, nginx_log):
        assert "127.0.0.1" not in log and CLIENT_ADDRESS not in log
        assert "secret=query" not in log and "/healthz" not in log and "Python-urllib" not in log


def test_sigterm_lets_requests_in_flight_finish(stack):
    """A request whose body is still arriving when gunicorn is told to stop is answered in full."""
    body = b"submitted=route&route=eotinish"
    with socket.create_connection(("127.0.0.1", stack["app_port"]), timeout=20) as connection:
        connection.sendall(b"POST /petition/route HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           b"Content-Type: application/x-www-form-urlencoded\r\n"
                           b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body[:8])
        time.sleep(0.5)
        stack["server"].process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        connection.sendall(body[8:])
        response = b""
        while chunk := connection.recv(65536):
            response += chunk
    assert response.startswith(b"HTTP/1.1 307"), response[:200]
    assert b"Location: /petition/about" in response
    assert stack["server"].process.wait(timeout=30) == 0
