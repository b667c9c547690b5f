"""The deploy files: gixy's scan of the nginx site, and the onion service's torrc beside it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from campaign.config import ONION_RE, REPO_ROOT

from .nginx_files import NGINX_FILES, ONION_PLACEHOLDER, accepted_findings, install

GIXY = Path(sys.executable).with_name("gixy")


def gixy(tmp: Path, *site_changes: tuple[str, str, int]) -> list[dict]:
    """gixy's findings on the site as a hoster installs it: campaign-site.conf, and the files it includes, in the
    http block of nginx.conf."""
    deploy = install(tmp, tmp / "cert.pem", tmp / "key.pem", {"campaign-site.conf": site_changes})
    conf = tmp / "nginx.conf"
    conf.write_text(f"events {{}}\nhttp {{\n    include {deploy}/campaign-site.conf;\n}}\n", encoding="utf-8")
    result = subprocess.run([str(GIXY), "-f", "json", str(conf)], capture_output=True, text=True, timeout=120)
    # gixy reports a file it cannot find only as a warning, and a file it cannot parse not at all.
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def test_gixy_finds_nothing_but_what_the_config_accepts(tmp_path):
    if not GIXY.exists():
        if os.environ.get("CI"):
            pytest.fail("gixy is missing: pip install -e '.[test]' installs gixy-ng")
        pytest.skip("gixy is missing: pip install gixy-ng")
    findings = gixy(tmp_path / "site")
    found = {(item["plugin"], Path(item["file"]).name, item["line"]) for item in findings}
    assert found == accepted_findings(), json.dumps(findings, indent=1)
    # The scan reads these files: the same site with its version shown is found out.
    redirect = "server_name campaign.example;\n    server_tokens off;"
    shown = gixy(tmp_path / "shown", (redirect, "server_name campaign.example;", 1))
    assert {(item["plugin"], Path(item["file"]).name) for item in shown} >= {
        ("version_disclosure", "campaign-site.conf")}


def test_the_torrc_leads_to_the_onion_server_of_the_nginx_site():
    torrc = (REPO_ROOT / "deploy" / "tor" / "torrc").read_text(encoding="utf-8")
    settings = [line.split(None, 1) for line in torrc.splitlines() if line.strip() and not line.startswith("#")]
    assert ["HiddenServiceDir", "/var/lib/tor/campaign/"] in settings
    ports = [value.split() for key, value in settings if key == "HiddenServicePort"]
    assert len(ports) == 1 and ports[0][0] == "80"
    site = (NGINX_FILES / "campaign-site.conf").read_text(encoding="utf-8")
    onion_server = site.split(f"server_name {ONION_PLACEHOLDER};", 1)[0].rsplit("server {", 1)[1]
    assert re.findall(r"^\s*listen (\S+);", onion_server, re.M) == [ports[0][1]]
    assert ONION_RE.fullmatch(ONION_PLACEHOLDER)
    for words in ("hostname", "CAMPAIGN_ONION_URL", "content/addresses.yml", "back them up", "No HTTPS and no HSTS"):
        assert words in torrc, words
