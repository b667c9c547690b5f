"""Gunicorn settings, read by `gunicorn wsgi:app` from the checkout's directory.

The logs are private by design. The access log holds method, path (no query string), status, bytes and
duration: no client address, no Referer, no User-Agent. The error log keeps only what is known to hold no piece
of a request: gunicorn's messages about the server itself (an allow-list) and the app's own lines, which name a
failure by its type and place. Everything else, such as gunicorn's messages about a malformed request, which
quote the client's address and the request, is reduced to the type and place of its exception, or to a line
saying a message was left out. No traceback is written, and control characters are escaped, so a path cannot
forge a log line. The visitors of this site may be at risk, and a log that never held these cannot leak them.

gunicorn must not face the internet alone: a client that sends its request slowly holds a worker thread, and a
few dozen such clients stop the site. Run it behind a buffering proxy (deploy/nginx/), which the tests show
absorbs them.
"""

import importlib.util
import logging
import os
import re
import sys
from pathlib import Path

from gunicorn.glogging import Logger

# campaign/failure.py, loaded by its path: importing the campaign package here, in gunicorn's master process,
# would hand the master's copy of the code to every worker forked later, and `--reload` would restart into it.
_spec = importlib.util.spec_from_file_location("campaign_failure", Path(__file__).parent / "campaign" / "failure.py")
failure = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(failure)


def setting(name: str, default: str, minimum: int = 1) -> int:
    """A whole number from the environment; a bad value stops start-up with a message naming the variable."""
    raw = os.environ.get(name, default).strip()
    if not raw.isdigit() or int(raw) < minimum:
        raise SystemExit(f"{name}: must be a whole number of {minimum} or more, got {raw!r}")
    return int(raw)


def address(name: str, default: str) -> str:
    raw = os.environ.get(name, default).strip()
    match = re.fullmatch(r"(?:\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})|unix:/\S+", raw)
    if not match or (match.group(1) and not 0 < int(match.group(1)) < 65536):
        raise SystemExit(f"{name}: must be host:port (e.g. 127.0.0.1:8000) or unix:/path, got {raw!r}")
    return raw


bind = address("GUNICORN_BIND", "127.0.0.1:8000")
workers = setting("GUNICORN_WORKERS", "2")
threads = setting("GUNICORN_THREADS", "4")
timeout = setting("GUNICORN_TIMEOUT", "30")
# On SIGTERM, requests in flight get this long to finish before workers stop.
graceful_timeout = setting("GUNICORN_GRACEFUL_TIMEOUT", "20")
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"

# gunicorn's messages about the server itself (as of 27.0: arbiter.py, workers/, sock.py, ctl/): start-up,
# listening, signals, workers booting, exiting, timing out and reloading, shutting down. Their arguments are
# process ids, addresses, signal and file names. Any message not listed (a new one after an upgrade too) is
# reduced: the list fails closed.
LIFECYCLE = frozenset({
    "Starting gunicorn %s", "Arbiter booted", "Listening at: %s (%s)", "Listening at: %s", "Using worker: %s",
    "Handling signal: %s", "Ignoring unknown signal: %s", "Unhandled signal: %s", "Hang up: %s",
    "graceful stop of workers", "SIGWINCH ignored. Not daemonized", "Master has been promoted.",
    "Quick shutdown requested", "USR2 signal ignored. Child exists.", "USR2 signal ignored. Parent exists.",
    "Shutting down: %s", "Reason: %s", "Unhandled exception in main loop",
    "reloading the logger configuration failed, keeping the previous one",
    "Booting worker with pid: %s", "Worker exiting (pid: %s)", "WORKER TIMEOUT (pid:%s)",
    "Worker (pid:%s) was sent %s!", "Worker (pid:%s) was sent %s! Perhaps out of memory?",
    "Worker (pid:%s) exited with code %s.", "Reaped unknown child process (pid:%s, status:%s)",
    "Exception while loading the application", "Exception in worker process",
    "Worker reloading: %s modified", "Reloader is on. Use in development only!", "worker: SIGWINCH ignored.",
    "Parent changed, shutting down: %s", "Autorestarting worker after current request.",
    "No keepalived connections can be handled. Check the number of worker connections and threads.",
    "Connection in use: %s", "Invalid address: %s", "Retrying in 1 second.", "Can't connect to %s",
    "Error while closing socket %s", "Control socket disabled", "Control socket listening at %s",
})
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\\\u2028\u2029]")


def escaped(text: str) -> str:
    """Control characters (line breaks included) and backslashes as visible escapes: one event is one line."""
    return UNPRINTABLE.sub(lambda m: "\\\\" if m.group() == "\\" else (
        f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"), text)


def kept(record: logging.LogRecord) -> bool:
    """Whether a record's text is known to hold nothing of a request: one of gunicorn's lifecycle messages, or a
    line of the app's own loggers, which never log what a visitor sent (errors.py, security.py, i18n.py)."""
    if record.name == "campaign" or record.name.startswith("campaign."):
        return True
    return record.name == "gunicorn.error" and isinstance(record.msg, str) and record.msg in LIFECYCLE


class PrivateLog(logging.Filter):
    """On every handler of the error log: what is kept is written as it is, without its traceback (an exception
    is named by its type and place); any other record is reduced to the exception being handled, or to one line
    saying where a message was left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        text = None
        if kept(record):
            try:
                text = record.getMessage()
            except (TypeError, ValueError):  # arguments that do not fit the message: neither is written
                text = None
            if text is not None and record.exc_info and error is not None:
                text = f"{text} ({failure.named(error)})"
        if text is None:
            text = failure.named(error) if error is not None else (
                f"a message was left out ({record.name}, {record.filename}:{record.lineno})")
        record.msg, record.args = escaped(text), ()
        record.exc_info = record.exc_text = record.stack_info = None
        return True


PRIVATE = PrivateLog()


class PrivateLogger(Logger):
    """gunicorn's logger: the error log through PrivateLog; the access log without addresses, /healthz or refused
    hosts."""

    def setup(self, cfg) -> None:
        super().setup(cfg)  # run again on a reload (SIGHUP), with new handlers
        for handler in self.error_log.handlers:
            handler.addFilter(PRIVATE)
        # Every other logger writes to the same log, through the same filter: the app's ("campaign"), the
        # libraries', and gunicorn's own outside gunicorn.error (gunicorn.http).
        logging.root.handlers = list(self.error_log.handlers)

    def access(self, resp, req, environ, request_time) -> None:
        if environ.get("PATH_INFO") == "/healthz":  # polled every few seconds by monitors
            return
        if environ.get("campaign.refused_host"):  # a Host the site does not answer to (campaign/hosts.py)
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp, req, environ, request_time) -> dict:
        """Just what access_log_format uses (gunicorn's own would gather every header and environ value)."""
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        return {"m": escaped(environ.get("REQUEST_METHOD", "-")), "U": escaped(environ.get("PATH_INFO", "")),
                "s": status, "B": getattr(resp, "sent", None),
                "M": request_time.seconds * 1000 + request_time.microseconds // 1000}


logger_class = PrivateLogger
