"""One negotiation of Accept-Encoding for the prebuilt and the per-request responses, and the fast compression of
the latter."""

from __future__ import annotations

import gzip

import brotli
import pytest

from campaign.compression import MIN_SIZE, choose_encoding

from .conftest import PARK, client_of


@pytest.mark.parametrize(("accept", "chosen"), [
    (None, "identity"),  # no header: a body anyone can read
    ("", "identity"),
    ("gzip, deflate, br, zstd", "br"),  # what browsers send: equal weights, the site's preference
    ("gzip", "gzip"),
    ("GZIP", "gzip"),
    ("br;q=0.5, gzip", "gzip"),  # the client's weights first
    ("gzip;q=0.2, br;q=0.8", "br"),
    ("br;q=0.5, gzip;q=0.5", "br"),
    ("br;q=0, gzip", "gzip"),  # a refusal
    ("br;q=0, gzip;q=0", "identity"),
    ("*", "br"),
    ("*;q=0.5, gzip", "gzip"),
    ("br;q=0, *", "gzip"),  # `*` stands for the codings not named, never for a refused one
    ("*;q=0", "identity"),  # nothing acceptable: identity all the same
    ("identity", "identity"),
    ("identity;q=0", "identity"),
    ("identity;q=0, gzip", "gzip"),
    ("gzip;q=0.5, identity", "identity"),
    ("deflate, zstd, x-unknown", "identity"),  # codings the site does not make
    ("br;q=nonsense, gzip", "gzip"),  # an unreadable entry counts for nothing
])
def test_the_coding_is_the_one_the_client_weighs_most(accept, chosen):
    assert choose_encoding(accept) == chosen


def wizard_post(accept: str | None):
    """An htmx POST of the wizard's first step: the next step's fragment, built for this request."""
    headers = {"HX-Request": "true"} | ({"Accept-Encoding": accept} if accept is not None else {})
    return client_of(PARK).post(PARK.url("petition/route"), headers=headers,
                                data={"route": PARK.routes[0], "submitted": "route"})


@pytest.mark.parametrize(("accept", "encoding", "decode", "level"), [
    ("gzip, deflate, br, zstd", "br", brotli.decompress, lambda body: brotli.compress(body, quality=1, lgwin=16)),
    ("gzip", "gzip", gzip.decompress, lambda body: gzip.compress(body, compresslevel=1, mtime=0)),
])
def test_a_wizard_answer_is_compressed_at_the_fastest_level(accept, encoding, decode, level):
    plain = wizard_post(None)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    body = plain.get_data()
    assert len(body) > MIN_SIZE and b"<html" not in body
    response = wizard_post(accept)
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"] and response.headers["Cache-Control"] == "no-store"
    assert decode(response.get_data()) == body
    assert response.get_data() == level(body)
    assert int(response.headers["Content-Length"]) == len(response.get_data())


def test_a_refused_coding_is_never_sent():
    response = wizard_post("br;q=0, gzip;q=0, identity")
    assert "Content-Encoding" not in response.headers and b"<form" in response.get_data()
