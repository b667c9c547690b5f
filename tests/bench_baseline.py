"""The one-line Flask app `make bench` measures the site against, under the same gunicorn.conf.py."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def ok() -> str:
    return "ok"
