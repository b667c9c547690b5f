"""The real gunicorn with the repository's gunicorn.conf.py: start-up errors, hostile requests, private logs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

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
    # gunicorn's message about each (it quotes the address and the request) is reduced to its exception's type
    # and place.
    assert "[WARNING] InvalidRequestLine at " in server.error_log.read_text(encoding="utf-8")
    assert "127.0.0.1" not in logs.replace(f"127.0.0.1:{port}", "")  # only the server's own listening address
    assert MARKER not in logs and MARKER.encode("utf-8").decode("latin-1") not in logs
    access = server.access_log.read_text(encoding="utf-8").splitlines()
    assert not [line for line in access if line.startswith(("INJECTED", "X:"))]  # no forged line
    assert any("/ru/\\x0aINJECTED 200 GET /forged" in line for line in access)
    assert answers[-1].startswith(b"HTTP/1.1 400") and not [line for line in access if "-refused" in line]


# The repository's app with two failures a visitor's text reaches: a view whose exception quotes the form (the
# app logs it, by its type and place), and a request that makes the WSGI callable itself raise with its query
# string (gunicorn logs "Error handling request GET /raise?…" with the traceback).
FAILING_APP = """
from flask import request

from wsgi import app as site


@site.post("/fail")
def fail():
    raise ValueError(request.form["text"])


def app(environ, start_response):
    if environ["PATH_INFO"] == "/raise":
        raise RuntimeError(environ["QUERY_STRING"])
    return site(environ, start_response)
"""


def line_of(text: str) -> int:
    return next(number for number, line in enumerate(FAILING_APP.splitlines(), 1) if text in line)


def test_the_error_log_keeps_the_servers_own_messages_and_names_every_failure_by_type_and_place(tmp_path):
    (tmp_path / "failing_app.py").write_text(FAILING_APP, encoding="utf-8")
    server = start_gunicorn(tmp_path, free_port(), {}, "--pythonpath", str(tmp_path), app="failing_app:app")
    port = int(server.base_url.rsplit(":", 1)[1])
    try:
        body = f"text={MARKER}".encode()
        failed = raw(port, b"POST /fail HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                           b"Content-Type: application/x-www-form-urlencoded\r\n"
                           b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        raised = raw(port, f"GET /raise?{quote(MARKER)} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Connection: close\r\n\r\n".encode())
        malformed = raw(port, f"GET /{MARKER} HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n".encode())
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    assert failed.startswith(b"HTTP/1.1 500") and raised.startswith(b"HTTP/1.1 500")
    assert malformed.startswith(b"HTTP/1.1 400")
    log = server.error_log.read_text(encoding="utf-8")
    for text in (MARKER, MARKER.encode("utf-8").decode("latin-1"), quote(MARKER)):
        assert text not in server.logs()
    assert "Traceback" not in log
    # The app's own line, written by PrivateFlask.log_exception through the "campaign" logger, reaches gunicorn's
    # error log.
    assert f"[ERROR] unhandled ValueError at {tmp_path}/failing_app.py:{line_of('raise ValueError')}\n" in log
    # gunicorn's messages about the two failed requests, reduced to the exception's type and place.
    assert f"[ERROR] RuntimeError at {tmp_path}/failing_app.py:{line_of('raise RuntimeError')}\n" in log
    assert "[WARNING] InvalidRequestLine at " in log
    for line in ("[INFO] Starting gunicorn ", f"[INFO] Listening at: http://127.0.0.1:{port} (",
                 "[INFO] Using worker: gthread", "[INFO] Booting worker with pid: ", "[INFO] Handling signal: term",
                 "[INFO] Worker exiting (pid: ", "[INFO] Shutting down: Master"):
        assert line in log, line
