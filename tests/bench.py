"""`make bench`: speed and size, measured in one run and reported as ratios (figures drift between machines).

Speed: wrk (2 threads, 50 connections, a browser's Accept-Encoding) against the site and, in the same run and
under the same gunicorn.conf.py, against a one-line Flask app: each row gives its requests per second as a ratio
of the one-line app's, its p99 latency and that as a ratio of the one-line app's p99, and the goal beside each.
Also: the time of create_app(), the two downloads of a letter, and sizes (pages raw and compressed, each wizard
step as an htmx fragment against the full page it replaces).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

import brotli

from campaign import create_app
from campaign.config import REPO_ROOT
from tests.browser.conftest import free_port, start_gunicorn, wait_until_up
from tests.conftest import DEFAULT, PERSON, Wizard, answers_for, client_of, rooted

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
BROWSER_ENCODING = "gzip, deflate, br, zstd"
# A visitor's htmx POST of the about step with valid answers: the site answers with the next step's fragment.
ABOUT_POST = "&".join(f"{k}={v}" for k, v in {
    "route": "paper", "sender": "person", "surname": "%D0%9A%D0%B8%D0%BC", "given_name": "%D0%9B%D0%B5%D0%B2",
    "address": "Almaty", "letter_language": "ru", "done": "route,sender", "submitted": "about"}.items())
POST_SCRIPT = f"""
wrk.method = "POST"
wrk.body = "{ABOUT_POST}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["HX-Request"] = "true"
"""
# (name, path, goal for the req/s ratio, whether the p99 goal applies)
ROWS = [
    ("home (ru)", "/", 0.8, True),
    ("home (kk)", "/kk/", 0.8, True),
    ("share (ru)", "/share", 0.8, True),
    ("wizard start (ru)", "/petition", 0.8, True),
    ("first step (ru)", "/petition/route", 0.8, True),
    ("wizard POST, htmx", "/petition/about", 0.5, False),
    ("static CSS", "/static/css/site.css?v=1", 0.8, True),
]
P99_GOAL = 1.5


def milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, script: Path | None = None) -> tuple[float, float]:
    """(requests per second, p99 in ms)."""
    command = ["wrk", "-t2", "-c50", f"-d{SECONDS}s", "--latency", "-H", f"Accept-Encoding: {BROWSER_ENCODING}", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"{url}: {errors.group(1)} responses were errors")
    return rate, p99


def baseline_server(tmp: Path):
    port = free_port()
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESS_LOG": "/dev/null",
           "GUNICORN_ERROR_LOG": str(tmp / "baseline-error.log")}
    process = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "--no-control-socket",
                                "tests.bench_baseline:app"], cwd=REPO_ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}/", process)
    return f"http://127.0.0.1:{port}", process


def speed() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        server = start_gunicorn(Path(tmp), free_port(), {"GUNICORN_ACCESS_LOG": "/dev/null"})
        base_url, baseline = baseline_server(Path(tmp))
        script = Path(tmp) / "post.lua"
        script.write_text(POST_SCRIPT)
        try:
            for _, path, _, _ in ROWS:  # first use: anything built on demand is built before measuring
                subprocess.run(["wrk", "-t1", "-c4", "-d1s", "-H", f"Accept-Encoding: {BROWSER_ENCODING}",
                                server.base_url + path], capture_output=True, check=True)
            # The one-line app is measured again before each row, so a machine that slows down or speeds up
            # during the run moves both sides of each ratio alike.
            results = []
            for name, path, goal, p99_goal in ROWS:
                base_rate, base_p99 = wrk(base_url + "/")
                rate, p99 = wrk(server.base_url + path, script if "POST" in name else None)
                results.append((name, rate, p99, base_rate, base_p99, goal, p99_goal))
        finally:
            for process in (server.process, baseline):
                process.terminate()
                process.wait(timeout=30)
    print(f"\nSpeed against a one-line Flask app under the same gunicorn.conf.py, measured just before each row "
          f"(its req/s and p99 in brackets); wrk -t2 -c50 -d{SECONDS}s, Accept-Encoding: {BROWSER_ENCODING}")
    print(f"  {'request':20} {'req/s':>6} {'ratio':>6} {'goal':>5}  {'p99 ms':>7} {'ratio':>6} {'goal':>5}  "
          f"{'(one-line app)':>18}")
    for name, rate, p99, base_rate, base_p99, goal, p99_goal in results:
        ratio, p99_ratio = rate / base_rate, p99 / base_p99
        mark = "" if ratio >= goal and (not p99_goal or p99_ratio <= P99_GOAL) else "  <- below the goal"
        p99_text = f"≤{P99_GOAL:.1f}" if p99_goal else "-"
        print(f"  {name:20} {rate:6.0f} {ratio:6.2f} {f'≥{goal:.1f}':>5}  {p99:7.1f} {p99_ratio:6.2f} "
              f"{p99_text:>5}  ({base_rate:5.0f}, {base_p99:5.1f} ms){mark}")


def start_up() -> None:
    create_app({"testing": True})
    seconds = timeit.timeit(lambda: create_app({"testing": True}), number=5) / 5
    print(f"\ncreate_app(): {seconds * 1000:.0f} ms (content read, checked and rendered once)")


def letter_files() -> None:
    """The two downloads of a finished letter, each a POST through the test client."""
    client = client_of(DEFAULT)
    html = Wizard(client, DEFAULT).run(answers_for(DEFAULT, "paper", "person", "ru",
                                                   arguments=list(DEFAULT.arguments[:3])))["letter"]
    data = Wizard.form_data(rooted(html), "/petition/appeal.txt")
    times = {}
    for kind in ("txt", "pdf"):
        client.post(f"/petition/appeal.{kind}", data=data)  # warm up
        times[kind] = timeit.timeit(lambda kind=kind: client.post(f"/petition/appeal.{kind}", data=data),
                                    number=30) / 30
    print(f"\nA typical letter as a file: .txt {times['txt'] * 1000:.1f} ms, PDF {times['pdf'] * 1000:.1f} ms "
          f"({times['pdf'] / times['txt']:.0f}x the .txt)")


def sizes() -> None:
    client = client_of(DEFAULT)
    print("\nSize of pages: compressed / raw")
    for url in ("/", "/kk/", "/en/petition/alternative", "/share"):
        raw = client.get(url, headers={"Accept-Encoding": "identity"}).get_data()
        print(f"  {url:28} raw {len(raw):6} B   gzip {len(gzip.compress(raw)) / len(raw):5.2f}   "
              f"brotli {len(brotli.compress(raw)) / len(raw):5.2f}")
    print("\nWizard steps: htmx fragment / full page")
    answers = answers_for(DEFAULT, "paper", "person", "kk", **{k: v for k, v in PERSON.items() if v})
    full = Wizard(client, DEFAULT, "kk").run(answers)
    part = Wizard(client, DEFAULT, "kk", htmx=True).run(answers)
    for step in full:
        whole, fragment = len(full[step].get_data()), len(part[step].get_data())
        print(f"  {step:10} {fragment:6} B / {whole:6} B = {fragment / whole:4.2f}")


if __name__ == "__main__":
    start_up()
    letter_files()
    sizes()
    speed()
