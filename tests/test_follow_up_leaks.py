"""What a visitor types about their appeal (its number, the answer's gist, their name) travels in the bodies of
the follow-up pages and letters only: never in a URL, a header, a cookie, a file name or a log line."""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import unquote

from .conftest import PARK, client_of
from .test_follow_up_letters import DUE, follow_up, on_day  # noqa: F401 (on_day is a fixture)

NUMBER, GIST, SURNAME = "ЖТ-ЛИЧНОЕ-90417", "Ответ-пересказывает-план-и-молчит", "Секретова"


def exposed(response) -> str:
    """Everything of a response but its body: its headers, decoded as a reader of a log or a proxy would."""
    return unquote("\n".join(f"{name}: {value}" for name, value in response.headers.items()))


def test_nothing_typed_in_a_follow_up_walk_reaches_a_url_header_cookie_or_log(on_day, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    on_day(DUE + dt.timedelta(days=3))
    _, pages = follow_up("ru", "unsatisfactory", registration_number=NUMBER, answer_gist=GIST, surname=SURNAME)
    assert "letter" in pages and NUMBER in pages["letter"].get_data(as_text=True)
    client = client_of(PARK)
    case = {"registered_on": "2026-04-01", "registration_number": NUMBER, "surname": SURNAME, "kind": "reminder"}
    base = PARK.url("petition/follow-up", "ru")
    more = [client.post(base, data={**case, "followup": "card"}),
            client.post(f"{base}/dates.ics", data={**case, "details": "yes"}),
            client.post(f"{base}/saved-answers.json", data=case)]
    assert [r.status_code for r in more] == [200, 200, 200]
    assert NUMBER in more[0].get_data(as_text=True)  # the card shows it: the check below can find it
    for response in [*pages.values(), *more]:
        headers = exposed(response)
        assert NUMBER not in headers and GIST not in headers and SURNAME not in headers, headers
        assert "Set-Cookie" not in response.headers
        assert "90417" not in (response.headers.get("Content-Disposition") or "")
    assert NUMBER not in caplog.text and GIST not in caplog.text and SURNAME not in caplog.text
