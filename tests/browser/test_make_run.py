"""The README's first command: `make run` serves the site (on 127.0.0.1:5000 by default; here on a free port)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request

from campaign.config import REPO_ROOT

from ..conftest import DEFAULT
from .conftest import free_port


def test_make_run_serves_the_home_page():
    port = free_port()
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PORT \?= 5000$", makefile, re.M)  # what the README promises when PORT is not given
    process = subprocess.Popen(["make", "run", f"PORT={port}"], cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120  # a fresh clone sets itself up first
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                assert process.poll() is None, "make run exited"
                assert time.monotonic() < deadline, f"nothing answered on 127.0.0.1:{port}"
                time.sleep(0.3)
        home = DEFAULT.root / DEFAULT.default_locale / "home.md"
        title = re.search(r"^title: '(.*)'$", home.read_text(encoding="utf-8"), re.M).group(1)
        assert f"<title>{title}</title>" in html
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
