"""gzip / brotli for the responses built per request (the wizard's answers) when gunicorn serves alone.

Responses that depend only on their path are compressed once, at the best level (prebuilt.py); static files at
build time (assets.py). What is left is compressed at levels suited to per-request work: brotli quality 4 (gzip 6
for browsers without brotli) with a 64 KB window, larger than any response here, where the default is 4 MB.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress

TEXT_TYPES = ["text/html", "text/plain", "application/xml", "application/json"]


def init_compression(app: Flask) -> None:
    app.config.update(
        COMPRESS_MIMETYPES=TEXT_TYPES,
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_MIN_SIZE=500,
        COMPRESS_BR_LEVEL=4,
        COMPRESS_BR_WINDOW=16,
        COMPRESS_LEVEL=6,
    )
    Compress(app)
