"""`make bench`: speed and size, measured in one run and reported as ratios (figures drift between machines).

Speed: wrk against a real gunicorn (this repository's gunicorn.conf.py) for a few kinds of request, each
compared with /healthz, the cheapest response the app gives. Size: each page raw and compressed, and each
wizard step as an htmx fragment against the full page it replaces.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

import brotli

from campaign import create_app
from tests.browser.conftest import free_port, start_gunicorn
from tests.conftest import DEFAULT, Wizard, answers_for

POST_SCRIPT = """
wrk.method = "POST"
wrk.body = "submitted=route&route=paper"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["HX-Request"] = "true"
"""


def wrk(url: str, script: Path | None = None, seconds: int = 5) -> float:
    command = ["wrk", "-t2", "-c20", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def speed() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        server = start_gunicorn(Path(tmp), free_port(), {"GUNICORN_ACCESS_LOG": "/dev/null"})
        script = Path(tmp) / "post.lua"
        script.write_text(POST_SCRIPT)
        try:
            base = server.base_url
            baseline = wrk(base + "/healthz")
            rows = [
                ("home page (ru)", wrk(base + "/")),
                ("share page (kk)", wrk(base + "/kk/share")),
                ("wizard step POST, htmx", wrk(base + "/petition/route", script)),
                ("static CSS", wrk(base + "/static/css/site.css?v=1")),
            ]
        finally:
            server.process.terminate()
            server.process.wait(timeout=30)
    print(f"\nSpeed, requests per second relative to /healthz ({baseline:.0f} req/s on this machine, this run):")
    for name, rate in rows:
        print(f"  {name:28} {rate / baseline:6.2f}")


def sizes() -> None:
    app = create_app({"testing": True})
    client = app.test_client()
    print("\nSize of pages: compressed / raw")
    for url in ("/", "/kk/", "/en/petition/alternative", "/share"):
        raw = client.get(url).get_data()
        print(f"  {url:28} raw {len(raw):6} B   gzip {len(gzip.compress(raw)) / len(raw):5.2f}   "
              f"brotli {len(brotli.compress(raw)) / len(raw):5.2f}")
    print("\nWizard steps: htmx fragment / full page")
    answers = answers_for(DEFAULT, "paper", "person", "kk")
    full = Wizard(client, DEFAULT, "kk").run(answers)
    part = Wizard(client, DEFAULT, "kk", htmx=True).run(answers)
    for step in full:
        whole, fragment = len(full[step].get_data()), len(part[step].get_data())
        print(f"  {step:10} {fragment:6} B / {whole:6} B = {fragment / whole:4.2f}")


def start_up_rendering() -> None:
    app = create_app({"testing": True})
    client = app.test_client()
    render = timeit.timeit(lambda: create_app({"testing": True}), number=3) / 3
    serve = timeit.timeit(lambda: client.get("/kk/"), number=200) / 200
    print(f"\nStart-up (reading and rendering all content) / serving one page: {render / serve:.0f}x "
          "(the cost each request would pay if markdown were rendered per request)")


def letter_files() -> None:
    """The two downloads of a finished letter, each a POST through the test client."""
    client = create_app({"testing": True}).test_client()
    html = Wizard(client, DEFAULT).run(answers_for(DEFAULT, "paper", "person", "ru",
                                                   arguments=list(DEFAULT.arguments[:3])))["letter"]
    data = Wizard.form_data(html.get_data(as_text=True), "/petition/appeal.txt")
    times = {}
    for kind in ("txt", "pdf"):
        client.post(f"/petition/appeal.{kind}", data=data)  # warm up
        times[kind] = timeit.timeit(lambda kind=kind: client.post(f"/petition/appeal.{kind}", data=data),
                                    number=30) / 30
    print(f"\nA typical letter as a file: .txt {times['txt'] * 1000:.1f} ms, PDF {times['pdf'] * 1000:.1f} ms "
          f"({times['pdf'] / times['txt']:.1f}x the .txt)")


if __name__ == "__main__":
    letter_files()
    sizes()
    start_up_rendering()
    speed()
