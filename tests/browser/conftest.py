"""A real gunicorn serving the repository's app with its own gunicorn.conf.py, and a real Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign.config import REPO_ROOT

from ..conftest import CAMPAIGNS, Campaign

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


class Server:
    def __init__(self, base_url: str, access_log: Path, error_log: Path, process: subprocess.Popen) -> None:
        self.base_url = base_url
        self.access_log = access_log
        self.error_log = error_log
        self.process = process

    def logs(self) -> str:
        return self.access_log.read_text(encoding="utf-8") + self.error_log.read_text(encoding="utf-8")


def start_gunicorn(tmp: Path, port: int, extra_env: dict[str, str] | None = None, *args: str,
                   app: str = "wsgi:app") -> Server:
    base_url = f"http://127.0.0.1:{port}"
    access_log, error_log = tmp / "access.log", tmp / "error.log"
    env = {
        **os.environ,
        "CAMPAIGN_BASE_URL": base_url,
        "CAMPAIGN_EXIT_URL": f"{base_url}/robots.txt",
        "CAMPAIGN_LOG_LEVEL": "DEBUG",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": str(access_log),
        "GUNICORN_ERROR_LOG": str(error_log),
        **(extra_env or {}),
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [gunicorn, "--no-control-socket", *args, app], cwd=REPO_ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wait_until_up(f"{base_url}/healthz", process)
    return Server(base_url, access_log, error_log, process)


@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Iterator[dict[str, Server]]:
    """A gunicorn per campaign, started when a test first needs it."""
    started: dict[str, Server] = {}

    def start(campaign: Campaign) -> Server:
        if campaign.name not in started:
            started[campaign.name] = start_gunicorn(tmp_path_factory.mktemp(f"gunicorn-{campaign.name}"), free_port(),
                                                    {"CAMPAIGN_CONTENT_DIR": str(campaign.root)})
        return started[campaign.name]

    yield start
    for server in started.values():
        server.process.terminate()
        server.process.wait(timeout=30)


@pytest.fixture(params=CAMPAIGNS, ids=lambda c: c.name)
def campaign(request) -> Campaign:
    return request.param


@pytest.fixture()
def server(servers, campaign) -> Server:
    return servers(campaign)


@pytest.fixture(scope="session")
def playwright():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture()
def context(browser, server):
    context = browser.new_context(base_url=server.base_url, accept_downloads=True)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture()
def page(context, server):
    """A page that records its console messages and every request it makes."""
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.dialogs = []

    def answer(dialog) -> None:  # the "leave this page?" question the wizard asks before a reload
        page.dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    return page


@pytest.fixture()
def axe_page(browser, server):
    """For axe only: its script is injected inline, which the site's CSP (rightly) refuses."""
    context = browser.new_context(base_url=server.base_url, bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture()
def nojs_page(browser, server):
    context = browser.new_context(base_url=server.base_url, java_script_enabled=False, accept_downloads=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `make setup`")
    page.add_script_tag(path=str(AXE))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    result = page.evaluate("tags => axe.run(document, {runOnly: tags})", tags)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]


__all__ = ["axe_violations", "start_gunicorn", "free_port", "shutil"]
