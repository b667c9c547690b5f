"""Gunicorn settings, read by `gunicorn wsgi:app` from the checkout's directory.

The logs are private by design. The access log holds method, path (no query string), status, bytes and
duration: no client address, no Referer, no User-Agent. The error log never holds a client address or any piece
of a request: gunicorn's own messages about malformed requests quote both, so they are rewritten below. Control
characters are escaped in everything written, so a path cannot forge a log line. The visitors of this site may be
at risk, and a log that never held these cannot leak them.

gunicorn must not face the internet alone: a client that sends its request slowly holds a worker thread, and a
few dozen such clients stop the site. Run it behind a buffering proxy (deploy/nginx/), which the tests show
absorbs them.
"""

import logging
import os
import re
import sys

from gunicorn.glogging import Logger


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
# Request bodies carry what visitors type: keep them small and never echo them.
limit_request_line = 4094
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn's messages about a request in progress (as of 27.0; check them on upgrade): they quote its request
# line or its data.
REQUEST_MESSAGES = ("Error handling request", "Socket error processing request", "Error processing SSL request",
                    "HTTP/2", "Failed to send error message", "No more data", "Closing connection",
                    "Ignored premature client disconnection")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\\\u2028\u2029]")


def escaped(text: str) -> str:
    """Control characters (line breaks included) and backslashes as visible escapes: one event is one line."""
    return UNPRINTABLE.sub(lambda m: "\\\\" if m.group() == "\\" else (
        f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"), text)


def where(error: BaseException) -> str:
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    return f"{trace.tb_frame.f_code.co_filename}:{trace.tb_lineno}" if trace else "?"


class PrivateLogger(Logger):
    """gunicorn's logger, minus anything a client sent or where from."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        # The app's own error lines ("unhandled …") go to the same, configured, error log.
        app_log = logging.getLogger("campaign")
        app_log.handlers = list(self.error_log.handlers)
        app_log.propagate = False

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

    def log_error(self, level: int, msg, args, exc_info=None) -> None:
        """Every error-log line goes through here: request-related ones are reduced to their kind."""
        error = sys.exc_info()[1]
        text = str(msg)
        if text.startswith("Invalid request from"):
            # gunicorn quotes the client's address and the offending part of the request (a header, the
            # request line, a piece of the body).
            self.error_log.log(level, "invalid request refused: %s", type(error).__name__ if error else "?")
            return
        if text.startswith(REQUEST_MESSAGES):
            # The request's line and the exception's message may hold what a visitor typed; its type and place
            # say what went wrong.
            kind = f"{type(error).__name__} at {where(error)}" if error else "?"
            self.error_log.log(level, "error handling a request: %s", escaped(kind))
            return
        # An exception passed as an argument is named by its type: its message may quote the request.
        args = tuple(type(arg).__name__ if isinstance(arg, BaseException) else arg for arg in args)
        try:
            text = text % args if args else text
        except (TypeError, ValueError):
            text = f"{text} (unformattable arguments dropped)"
        # Other messages are about the server (start-up, workers, signals): kept, with their tracebacks.
        self.error_log.log(level, "%s", escaped(text), exc_info=exc_info)

    def critical(self, msg, *args, **kwargs) -> None:
        self.log_error(logging.CRITICAL, msg, args, kwargs.get("exc_info"))

    def error(self, msg, *args, **kwargs) -> None:
        self.log_error(logging.ERROR, msg, args, kwargs.get("exc_info"))

    def warning(self, msg, *args, **kwargs) -> None:
        self.log_error(logging.WARNING, msg, args, kwargs.get("exc_info"))

    def info(self, msg, *args, **kwargs) -> None:
        self.log_error(logging.INFO, msg, args, kwargs.get("exc_info"))

    def debug(self, msg, *args, **kwargs) -> None:
        self.log_error(logging.DEBUG, msg, args, kwargs.get("exc_info"))

    def exception(self, msg, *args, **kwargs) -> None:
        self.log_error(logging.ERROR, msg, args, exc_info=True)

    def log(self, lvl, msg, *args, **kwargs) -> None:
        level = logging.getLevelName(lvl.upper()) if isinstance(lvl, str) else lvl
        self.log_error(level if isinstance(level, int) else logging.INFO, msg, args, kwargs.get("exc_info"))


logger_class = PrivateLogger
