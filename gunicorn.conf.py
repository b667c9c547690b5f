"""Gunicorn settings, read by `gunicorn wsgi:app` from the checkout's directory.

The access log is private by design: method, path without its query string, status, bytes and duration.
No client address, no Referer, no User-Agent: the visitors of this site may be at risk, and a log that never
held those cannot leak them.
"""

import os

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM, requests in flight get this long to finish before workers stop.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"
# Request bodies carry what visitors type: keep them small and never echo them.
limit_request_line = 4094
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


class PrivateAccessLogger(Logger):
    """The access log above, minus the health check (polled every few seconds by monitors)."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") == "/healthz":
            return
        super().access(resp, req, environ, request_time)


logger_class = PrivateAccessLogger
