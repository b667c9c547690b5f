"""Localized error pages; a failure is logged without anything a visitor typed."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from .config import Config

log = logging.getLogger("campaign.errors")


def init_errors(app: Flask, config: Config) -> None:
    @app.errorhandler(404)
    def not_found(error: HTTPException):
        return render_template("errors/404.html"), 404

    @app.errorhandler(413)
    def too_large(error: HTTPException):
        return render_template("errors/413.html"), 413

    @app.errorhandler(405)
    def not_allowed(error: HTTPException):
        return render_template("errors/404.html"), 405

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        return render_template("errors/500.html"), 500

    def log_exception(exc_info) -> None:
        # The exception's type and place only: its message or locals could carry what a visitor typed.
        _, exc, _ = exc_info
        if exc is not None:
            log.error("unhandled %s in %s", type(exc).__name__, _where(exc))

    app.log_exception = log_exception  # type: ignore[method-assign]


def _where(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "?"
    return f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
