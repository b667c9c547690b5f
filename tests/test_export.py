"""The static copy (`flask campaign export`): plain files whose links all resolve, no form, an offline kit."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from campaign.content.site import share_links

from .conftest import CAMPAIGNS, Campaign, build

LINK = re.compile(r'\s(?:href|src|action|formaction|data-hx-post)="([^"]*)"')


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def listed_hosts(campaign: Campaign) -> set[str]:
    return {entry.host for entry in build(campaign.root).extensions["campaign_site"].addresses.entries}


def hosts_content_links_to(campaign: Campaign) -> set[str]:
    """Hosts of other sites the campaign's own texts link to (press, sources, share networks, the exit page)."""
    texts = "".join(path.read_text(encoding="utf-8") for path in campaign.root.rglob("*") if path.suffix in
                    (".md", ".yml"))
    hosts = {urlsplit(url).hostname for url in re.findall(r"https://[^\s)'\"]+", texts)}
    hosts |= {urlsplit(url).hostname for _, url in share_links("https://x.example", "x")}
    return hosts | {urlsplit(build(campaign.root).config["CAMPAIGN"].exit_url).hostname}


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_the_export_holds_every_page_of_every_locale_from_the_sites_own_list(campaign, exports):
    folder = exports[campaign.name]
    for locale in campaign.locales:
        for key in (*campaign.page_keys, "addresses"):
            url = campaign.url(key, locale)
            file = folder / (url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/") + ".html")
            assert file.is_file(), file
    assert (folder / "static" / "css" / "site.css").is_file() and (folder / "static" / "js" / "site.js").is_file()
    media = [p for p in (campaign.root / "media").rglob("*") if p.is_file()]
    assert media and all((folder / "media" / p.relative_to(campaign.root / "media")).is_file() for p in media)
    assert not list(folder.rglob("*.py")) and not list(folder.rglob("*.gz"))


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_every_link_resolves_inside_the_export_or_to_a_listed_host(campaign, exports):
    folder = exports[campaign.name]
    allowed = listed_hosts(campaign) | hosts_content_links_to(campaign)
    followed = 0
    for path in html_files(folder):
        html = path.read_text(encoding="utf-8")
        for raw in LINK.findall(html):
            parts = urlsplit(raw)
            if raw.startswith("#") or parts.scheme == "mailto":
                continue
            if parts.scheme in ("http", "https"):
                assert parts.hostname in allowed, (path, raw)
                continue
            assert not raw.startswith("/"), (path, raw)  # root-absolute breaks in a sub-folder or from disk
            target = Path(unquote(urlsplit(urljoin(path.as_uri(), raw)).path))
            assert target.is_file() and folder in target.parents, (path, raw)
            if parts.fragment and target.suffix == ".html":
                assert f'id="{unquote(parts.fragment)}"' in target.read_text(encoding="utf-8"), (path, raw)
            followed += 1
    assert followed > 100


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_the_export_holds_no_form_and_its_start_page_sends_to_the_campaigns_hosts(campaign, exports):
    folder = exports[campaign.name]
    for path in html_files(folder):
        html = path.read_text(encoding="utf-8")
        assert "<form" not in html and "data-hx-" not in html, path
    addresses = build(campaign.root).extensions["campaign_site"].addresses
    for locale in campaign.locales:
        start = (folder / campaign.url("petition", locale).lstrip("/")).with_suffix(".html").read_text("utf-8")
        own = [entry.url + campaign.url("petition", locale) for entry in addresses.entries if entry.runs_the_form]
        assert own and all(url in start for url in own)
        kits = re.findall(rf'href="([^"]*/{campaign.wizard_path}/offline-kit-[a-z]+\.html)" download', start)
        assert [Path(k).name for k in kits] == [f"offline-kit-{lang}.html" for lang in campaign.letter_languages]


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_the_offline_kit_is_one_self_contained_file_per_letter_language(campaign, exports):
    folder = exports[campaign.name]
    for language in campaign.letter_languages:
        html = (folder / campaign.wizard_path / f"offline-kit-{language}.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html
        assert not re.search(r'\s(?:src|href)="(?!https?://|#)', html)  # nothing beside it to load
        assert "<script" not in html and "<img" not in html and "<link" not in html
        assert "default-src 'none'" in html
        letter = yaml.safe_load((campaign.root / "complaint" / f"{language}.yml").read_text(encoding="utf-8"))
        assert letter["subject"] in html and "____" in html
        # How to send it by each route; a decided campaign's record tells how each was used then instead.
        recording = campaign.settings["status"] == "closed" and campaign.settings.get("wizard_when_closed") == "record"
        for route in campaign.routes:
            routes = campaign.root / "complaint" / "routes" / language
            text = (routes / f"{route}.md").read_text(encoding="utf-8")
            assert (re.search(r"^title: '(.*)'$", text, re.M).group(1) in html) == (not recording)
            if recording:
                record = (routes / f"{route}.record.md").read_text(encoding="utf-8")
                assert re.search(r"^## (.*)$", record, re.M).group(1) in html


def test_export_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = build(CAMPAIGNS[0].root).test_cli_runner().invoke(args=["campaign", "export", str(tmp_path)])
    assert result.exit_code != 0 and "not an empty folder" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_the_live_site_serves_the_same_kit_as_a_file(campaign, exports):
    client = build(campaign.root).test_client()
    for language in campaign.letter_languages:
        response = client.get(f"/{campaign.wizard_path}/offline-kit-{language}.html")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == f'attachment; filename="offline-kit-{language}.html"'
        kit = exports[campaign.name] / campaign.wizard_path / f"offline-kit-{language}.html"
        assert response.get_data() == kit.read_bytes()
    assert client.get(f"/{campaign.wizard_path}/offline-kit-xx.html").status_code == 404
