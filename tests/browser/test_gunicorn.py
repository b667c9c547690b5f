"""The real gunicorn with the repository's gunicorn.conf.py: start-up errors, hostile requests, private logs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from campaign.config import REPO_ROOT

from ..conftest import PARK, variant
from .conftest import free_port, start_gunicorn

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
MARKER = "Маркер-вводимого-текста"


@pytest.mark.parametrize(("variable", "value"), [
    ("GUNICORN_WORKERS", "abc"), ("GUNICORN_WORKERS", "0"), ("GUNICORN_THREADS", "abc"),
    ("GUNICORN_TIMEOUT", "abc"), ("GUNICORN_GRACEFUL_TIMEOUT", "-5"), ("GUNICORN_BIND", "localhost"),
    ("GUNICORN_BIND", "127.0.0.1:99999"),
])
def test_a_bad_setting_stops_start_up_naming_the_variable(variable, value):
    result = subprocess.run([GUNICORN, "--no-control-socket", "wsgi:app"], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=60, env={**os.environ, variable: value})
    assert result.returncode != 0
    assert f"{variable}: must be" in result.stderr and repr(value) in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_content_stops_start_up_naming_the_file(tmp_path):
    broken = variant(PARK, tmp_path, {f"{PARK.default_locale}/home.md": None})
    result = subprocess.run([GUNICORN, "--no-control-socket", "--bind", f"127.0.0.1:{free_port()}", "wsgi:app"],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "CAMPAIGN_CONTENT_DIR": str(broken.root)})
    assert result.returncode != 0 and "the home page is missing" in result.stderr


def raw(port: int, data: bytes, wait: float = 5) -> bytes:
    """Send bytes as they are and read what comes back until the server closes or stops answering."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as connection:
        connection.sendall(data)
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return answer


HOSTILE_REQUESTS = [
    f"GET /{MARKER} HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n".encode(),  # a malformed request line
    f"GE\x01T /{MARKER} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(),
    f"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: {MARKER}\r\n\r\n".encode(),  # an invalid header name
    f"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: {MARKER}\x00\r\n\r\n".encode(),
    b"GET /" + MARKER.encode() * 400 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  # too long a request line
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(f"X-{n}: {MARKER}\r\n".encode() for n in range(200)) + b"\r\n",
    ("POST /petition/about HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
     "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
     f"zz\r\nsurname={MARKER}\r\n0\r\n\r\n").encode(),  # a malformed chunk whose body is the visitor's text
    ("POST /petition/about HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 9\r\n\r\n"
     f"surname={MARKER}").encode(),
    b"GET /ru/%0aINJECTED%20200%20GET%20/forged HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  # a line break in the path
    b"GET /kk/%0d%0aX: y HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    f"GET /{MARKER}-refused HTTP/1.1\r\nHost: {MARKER}.example\r\n\r\n".encode(),  # a host the site is not
]


def test_hostile_requests_leave_no_address_and_no_request_content_in_the_logs(tmp_path):
    server = start_gunicorn(tmp_path, free_port(), {"CAMPAIGN_LOG_LEVEL": "DEBUG"})
    port = int(server.base_url.rsplit(":", 1)[1])
    try:
        answers = [raw(port, request) for request in HOSTILE_REQUESTS]
        # A malformed chunked body, read by the app, is the client's error (a 400 page), never a server error.
        assert [answer.split(b"\r\n", 1)[0] for answer in answers if not answer.startswith(
            (b"HTTP/1.1 2", b"HTTP/1.1 3", b"HTTP/1.1 4"))] == []
        assert answers[6].startswith(b"HTTP/1.1 400") and b"<html" in answers[6]
        raw(port, b"GET /share HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")  # the last line of the log
        deadline = time.monotonic() + 10
        while " /share 200 " not in server.access_log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, "the access log never showed the last request"
            time.sleep(0.05)
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    logs = server.logs()
    assert "invalid request refused" in server.error_log.read_text(encoding="utf-8")
    assert "127.0.0.1" not in logs.replace(f"127.0.0.1:{port}", "")  # only the server's own listening address
    assert MARKER not in logs and MARKER.encode("utf-8").decode("latin-1") not in logs
    access = server.access_log.read_text(encoding="utf-8").splitlines()
    assert not [line for line in access if line.startswith(("INJECTED", "X:"))]  # no forged line
    assert any("/ru/\\x0aINJECTED 200 GET /forged" in line for line in access)
    assert answers[-1].startswith(b"HTTP/1.1 400") and not [line for line in access if "-refused" in line]


def test_the_apps_error_lines_go_to_the_configured_error_log(tmp_path):
    """What the app logs (an unhandled exception's type and place) is written where gunicorn's errors are."""
    import importlib.util
    import logging

    from gunicorn.config import Config

    spec = importlib.util.spec_from_file_location("gunicorn_conf", REPO_ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = Config()
    config.set("errorlog", str(tmp_path / "error.log"))
    logger = module.PrivateLogger(config)
    try:
        logging.getLogger("campaign.errors").error("unhandled %s in %s", "KeyError", "views.py:1")
        for handler in logger.error_log.handlers:
            handler.flush()
        assert "unhandled KeyError in views.py:1" in (tmp_path / "error.log").read_text(encoding="utf-8")
    finally:
        logging.getLogger("campaign").handlers = []
        logging.getLogger("campaign").propagate = True
