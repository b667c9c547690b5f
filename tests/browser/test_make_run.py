"""The README's first command: `make run` serves the seed page at http://127.0.0.1:5000/."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request

from campaign.config import REPO_ROOT


def test_make_run_serves_the_seed_title():
    process = subprocess.Popen(["make", "run"], cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120  # a fresh clone sets itself up first
        while True:
            try:
                with urllib.request.urlopen("http://127.0.0.1:5000/", timeout=2) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                assert process.poll() is None, "make run exited"
                assert time.monotonic() < deadline, "nothing answered on 127.0.0.1:5000"
                time.sleep(0.3)
        assert "<title>Мы против петиции «О запрете пропаганды ЛГБТ+ в Казахстане»</title>" in html
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
