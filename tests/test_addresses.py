"""Where to find us: the campaign's addresses in every locale, a fingerprint anyone can recompute, the warning,
and the onion address as plain text on the safety page."""

from __future__ import annotations

import hashlib
import re
import shutil
from html import unescape

import pytest

from .conftest import CAMPAIGNS, DEFAULT, PARK, Campaign, build, line_of, make_app, translated, variant

ONION = "http://" + "b" * 52 + "cdqd.onion"
WARNING = ("A copy of this site at an address that is not on this list may have been made to collect what people "
           "type into it: your IIN above all, your name and your address. The form that builds a letter runs only "
           "at the campaign’s own addresses; copies of the pages have no form.")


def listed(campaign: Campaign, base_url: str = "https://campaign.example") -> list[str]:
    """The addresses the campaign's file lists, as the file says (the primary defaults to the base URL)."""
    data = campaign.yaml("addresses.yml") or {}
    urls = [data.get("primary") or base_url, *(m["url"] for m in data.get("mirrors") or [])]
    return urls + ([data["onion"]] if data.get("onion") else [])


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_every_locale_shows_every_address_and_a_fingerprint_of_the_list(campaign):
    client = build(campaign.root).test_client()
    fingerprints = set()
    for locale in campaign.locales:
        html = client.get(campaign.url("addresses", locale)).get_data(as_text=True)
        assert f'<html lang="{locale}"' in html
        for url in listed(campaign):
            assert url in html, (locale, url)
        listing = unescape(re.search(r'<pre class="addresses__listing">(.*?)</pre>', html, re.S).group(1))
        assert [line.split(" ", 1)[1] for line in listing.splitlines() if not line.startswith("updated ")] \
            == listed(campaign)
        full = re.search(r'<code class="fingerprint__full">(\w+)</code>', html).group(1)
        assert full == hashlib.sha256(listing.encode("utf-8")).hexdigest()
        short = re.search(r'<p class="fingerprint"><code>([\w ]+)</code></p>', html).group(1)
        assert short.replace(" ", "") == full[:16]
        warning = translated(build(campaign.root), locale, WARNING)  # what a copy of the site would collect
        assert unescape(warning) in unescape(html)
        fingerprints.add(full)
    assert len(fingerprints) == 1  # the same list in every language


def test_onion_addresses_are_text_and_the_others_links():
    html = build(PARK.root).test_client().get("/addresses").get_data(as_text=True)
    onion = listed(PARK)[-1]
    assert f"<code class=\"addresses__url\">{onion}</code>" in html and f'href="{onion}' not in html
    assert 'href="https://koktal-park.example/"' in html


def test_the_fingerprint_changes_with_the_list(tmp_path):
    before = make_app(PARK.root).test_client().get("/addresses").get_data(as_text=True)
    more = variant(PARK, tmp_path, {"addresses.yml": lambda data: data["mirrors"].append(
        {"url": "https://mirror.example", "kind": "site"})})
    after = make_app(more.root).test_client().get("/addresses").get_data(as_text=True)
    pattern = r'<code class="fingerprint__full">(\w+)</code>'
    assert re.search(pattern, before).group(1) != re.search(pattern, after).group(1)
    assert "https://mirror.example" in after


def test_the_safety_page_shows_the_configured_onion_as_plain_text_to_copy():
    client = make_app(DEFAULT.root, base_url="https://campaign.example", onion_url=ONION).test_client()
    for locale in DEFAULT.locales:
        html = client.get(DEFAULT.url("safety", locale)).get_data(as_text=True)
        assert re.search(rf'<input class="copy-link__input" id="onion-address" type="text" value="{ONION}" readonly',
                         html)
        assert f'href="{ONION}' not in html
        assert ONION in client.get(DEFAULT.url("addresses", locale)).get_data(as_text=True)
    plain = build(DEFAULT.root).test_client().get("/safety").get_data(as_text=True)
    assert 'id="onion-address"' not in plain  # no onion, no box


@pytest.mark.parametrize(("new", "at", "message"), [
    ("mirrors:\n  - url: https://mirror.example\n    kind: proxy", "- url:", "`kind: site`"),
    ("mirrors:\n  - url: mirror.example\n    kind: copy", "  - url:", "is not an address"),
    ("mirrors: []\nshare: onion", "share: onion", "share must be one of"),
    ("mirrors: []\nupdated: soon", "updated: soon", "updated must be a date"),
    ("mirrors: []\nonion: http://notanonion.example", "onion: http", "not a v3 onion"),
    ("mirrors: []\nprimary_url: https://x.example", "primary_url", "unknown key 'primary_url'"),
    ("mirrors:\n  - url: https://a.example\n    kind: copy\n  - url: https://a.example\n    kind: site",
     "mirrors:", "listed twice"),
])
def test_mistakes_in_the_addresses_are_named_with_file_and_line(tmp_path, new, at, message):
    """A campaign's own addresses.yml, written here."""
    from campaign.content.errors import ContentError

    path = tmp_path / "content" / "addresses.yml"
    shutil.copytree(PARK.root, tmp_path / "content")
    path.write_text(new + "\n" if "updated:" in new else f"updated: 2031-01-01\n{new}\n", encoding="utf-8")
    line = line_of(path, at)
    with pytest.raises(ContentError) as caught:
        make_app(tmp_path / "content")
    assert message in str(caught.value) and str(caught.value).startswith(f"{path}:{line}:"), str(caught.value)


def test_an_onion_in_content_must_be_the_servers(tmp_path):
    from campaign.content.errors import ContentError

    campaign = variant(PARK, tmp_path, {"addresses.yml": {"onion": ONION}})
    assert ONION in make_app(campaign.root).test_client().get("/addresses").get_data(as_text=True)
    assert ONION in make_app(campaign.root, onion_url=ONION).test_client().get("/addresses").get_data(as_text=True)
    other = "http://" + "c" * 52 + "cdqd.onion"
    with pytest.raises(ContentError, match="differs from CAMPAIGN_ONION_URL"):
        make_app(campaign.root, onion_url=other)
