"""gzip / brotli for text responses when gunicorn serves alone (nginx compresses on its own otherwise)."""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress

TEXT_TYPES = [
    "text/html", "text/css", "text/plain", "text/xml", "application/xml", "application/javascript",
    "text/javascript", "image/svg+xml", "application/json",
]


def init_compression(app: Flask) -> None:
    app.config.setdefault("COMPRESS_MIMETYPES", TEXT_TYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    # Static files are sent as streams; old browsers on slow networks still ask for gzip only.
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "gzip"])
    Compress(app)
