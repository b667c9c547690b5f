"""The README's first command: `make run` serves the site (on 127.0.0.1:5000 by default; here on a free port), and
restarts it when the campaign's content changes."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from campaign.config import REPO_ROOT

from ..conftest import PARK
from .conftest import free_port


@contextmanager
def make_run(port: int, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """`make run PORT=port` with the test's environment (but no CAMPAIGN_BASE_URL: make run's own) and `env`."""
    environ = {name: value for name, value in os.environ.items() if name != "CAMPAIGN_BASE_URL"}
    process = subprocess.Popen(["make", "run", f"PORT={port}"], cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True, env={**environ, **(env or {})})
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def page_when(url: str, process: subprocess.Popen, ready: Callable[[str], bool], timeout: float) -> str:
    """The page at `url` once it answers and `ready` accepts it."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                html = response.read().decode("utf-8")
            if ready(html):
                return html
        except OSError:
            pass
        assert process.poll() is None, "make run exited"
        assert time.monotonic() < deadline, f"{url} never gave the page expected"
        time.sleep(0.3)


def title_of(home: Path) -> str:
    return re.search(r"^title: '(.*)'$", home.read_text(encoding="utf-8"), re.M).group(1)


def test_make_run_serves_the_home_page():
    port = free_port()
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PORT \?= 5000$", makefile, re.M)  # what the README promises when PORT is not given
    with make_run(port) as process:
        html = page_when(f"http://127.0.0.1:{port}/", process, lambda html: True, 120)  # a fresh clone sets up
    title = title_of(REPO_ROOT / "content" / "ru" / "home.md")
    assert f"<title>{title}</title>" in html
    # The canonical link follows PORT under make run.
    assert f'<link rel="canonical" href="http://127.0.0.1:{port}/">' in html


def test_make_run_restarts_when_the_campaign_changes(tmp_path):
    campaign = tmp_path / "campaign"
    shutil.copytree(PARK.root, campaign)
    home = campaign / PARK.default_locale / "home.md"
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with make_run(port, {"CAMPAIGN_CONTENT_DIR": str(campaign)}) as process:
        old = title_of(home)
        page_when(url, process, lambda html: f"<title>{old}</title>" in html, 120)
        home.write_text(home.read_text(encoding="utf-8").replace(f"title: '{old}'", "title: 'Edited while running'"),
                        encoding="utf-8")
        page_when(url, process, lambda html: "<title>Edited while running</title>" in html, 30)
        # A new file counts too: a page added in every locale is served after the restart. The files are written
        # aside and moved in together, so no restart sees the page in one locale only.
        for locale in PARK.locales:
            (tmp_path / f"added-{locale}.md").write_text(
                f"---\nslug: 'added:{locale}'\ntitle: 'Added {locale}'\ndescription: 'Added while the site runs.'\n"
                f"---\n\n# Added {locale}\n\nA new page.\n", encoding="utf-8")
        for locale in PARK.locales:
            (tmp_path / f"added-{locale}.md").replace(campaign / locale / "added.md")
        page_when(url + "added", process, lambda html: f"<title>Added {PARK.default_locale}" in html, 30)
