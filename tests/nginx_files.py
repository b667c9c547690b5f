"""The repository's nginx files as a hoster installs them, rewritten for a test: into a temporary directory, with
its own certificate, logs and (where a test asks) ports."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import subprocess
from pathlib import Path

from campaign.config import REPO_ROOT

NGINX_FILES = REPO_ROOT / "deploy" / "nginx"
SITE_FILES = ("campaign-site.conf", "campaign-locations.conf", "campaign-headers.conf")
CERTIFICATE = "/etc/letsencrypt/live/campaign.example/fullchain.pem"
PRIVATE_KEY = "/etc/letsencrypt/live/campaign.example/privkey.pem"
ONION_PLACEHOLDER = "x" * 56 + ".onion"
ACCEPTED = re.compile(r"#\s*gixy accepts (\w+)")


def replaced(text: str, old: str, new: str, count: int = 1) -> str:
    """`text` with `old` replaced, failing when `old` is not there exactly `count` times (a changed config must
    not leave a test quietly running something else)."""
    assert text.count(old) == count, f"{old!r} is in the config {text.count(old)} times, not {count}"
    return text.replace(old, new)


def self_signed(directory: Path, name: str = "campaign.example") -> tuple[Path, Path]:
    """A throwaway certificate for `name` (and its key), good for a day."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


Changes = dict[str, tuple[tuple[str, str, int], ...]]


def install(directory: Path, cert: Path, key: Path, changes: Changes | None = None) -> Path:
    """The three files in `directory`/deploy/nginx, pointing at each other, the checkout, `cert` and logs in
    `directory`; `changes` are (old, new, count) replacements by file name. Returns that folder."""
    deploy = directory / "deploy" / "nginx"
    deploy.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        text = (NGINX_FILES / name).read_text(encoding="utf-8")
        if name == "campaign-site.conf":
            text = replaced(text, CERTIFICATE, str(cert))
            text = replaced(text, PRIVATE_KEY, str(key))
        for old, new, count in (changes or {}).get(name, ()):
            text = replaced(text, old, new, count)
        text = text.replace("/srv/campaign/deploy", str(directory / "deploy")).replace("/srv/campaign", str(REPO_ROOT))
        text = text.replace("/var/log/nginx/", f"{directory}/")
        (deploy / name).write_text(text, encoding="utf-8")
    return deploy


def write_nginx_conf(tmp: Path, http_body: str) -> Path:
    """An nginx.conf that keeps everything of nginx's own under `tmp` and serves `http_body` in its http block."""
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-main-error.log alert;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
{http_body}
}}
""", encoding="utf-8")
    return conf


def accepted_findings() -> set[tuple[str, str, int]]:
    """The gixy findings the config says are wrong for this site: (plugin, file, line), where each is marked by a
    `# gixy accepts <plugin>` comment above the directive it is about, with the reason."""
    found = set()
    for name in SITE_FILES:
        lines = (NGINX_FILES / name).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if match := ACCEPTED.search(line):
                target = next(i for i in range(number, len(lines)) if not lines[i].lstrip().startswith("#"))
                found.add((match[1], name, target + 1))
    return found


def onion_address() -> str:
    """A v3 onion name as Tor writes it: base32 of a 32-byte key, its two-byte checksum and the version 3."""
    key, version = secrets.token_bytes(32), b"\x03"
    checksum = hashlib.sha3_256(b".onion checksum" + key + version).digest()[:2]
    return base64.b32encode(key + checksum + version).decode("ascii").lower() + ".onion"
