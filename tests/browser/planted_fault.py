"""The site's app with one fault planted, as a bug would be: a wizard step whose posted paragraph holds FAULT
raises. Everything else (the error handler, its page for htmx, gunicorn) is the site's own."""

from __future__ import annotations

from flask import request

from campaign import create_app

FAULT = "planted-fault"

app = create_app()
step_view = app.view_functions["wizard.step_view"]


def faulty_step_view(**values: object) -> object:
    if FAULT in request.form.get("personal", ""):
        raise RuntimeError("a planted fault")
    return step_view(**values)


app.view_functions["wizard.step_view"] = faulty_step_view
