"""Question steps are drawn from skeletons kept across requests: the kept text never holds an answer, and each
visitor's page is filled with their own answers, escaped."""

from __future__ import annotations

from jinja2 import Environment

from campaign.wizard.skeleton import Skeleton, Slot

from .conftest import PARK, PERSON, Wizard, answers_for, make_app


def test_a_skeleton_keeps_the_text_around_its_slots_and_fills_them_in_order():
    template = Environment(autoescape=True).from_string('<input value="{{ a }}">{{ b }}<p>{{ text }}</p>{{ a }}')
    skeleton = Skeleton.of(template.render(a=Slot("a"), b=Slot("b"), text="<kept & escaped>"))
    assert skeleton.slots == ("a", "b", "a")
    assert skeleton.parts == ('<input value="', '">', "<p>&lt;kept &amp; escaped&gt;</p>", "")
    assert skeleton.fill({"a": "1", "b": "&lt;2&gt;"}) == '<input value="1">&lt;2&gt;<p>&lt;kept &amp; escaped&gt;</p>1'
    assert Skeleton.of("no slots").fill({}) == "no slots"


def test_no_kept_skeleton_holds_what_a_visitor_typed_and_each_page_holds_its_own():
    app = make_app(PARK.root, base_url="https://campaign.example")
    secrets = {"surname": "Тайнова", "given_name": "Лиана", "address": "Көктал, <b>1</b> & 2",
               "personal": "Мой абзац \"в кавычках\""}
    pages = {}
    for htmx in (False, True):
        wizard = Wizard(app.test_client(), PARK, htmx=htmx)
        steps = wizard.run(answers_for(PARK, "paper", "person", **{**PERSON, **secrets}))
        # Back to the about step from the check page: the typed values are shown again, from the same skeleton.
        answers = Wizard.form_data(steps["check"].get_data(as_text=True))
        pages[htmx] = wizard.post(wizard.url("about"), answers).get_data(as_text=True)
        other = Wizard(app.test_client(), PARK, htmx=htmx).run(answers_for(PARK, "paper", "person", **PERSON))
        assert secrets["surname"] not in other["letter"].get_data(as_text=True)
    kept = app.extensions["campaign_wizard"].skeletons.values()
    assert kept
    for skeleton in kept:
        text = "".join(skeleton.parts)
        for value in secrets.values():
            assert value not in text and value.replace("<", "&lt;").replace("&", "&amp;") not in text
    for html in pages.values():
        assert 'value="Тайнова"' in html and 'value="Лиана"' in html
        assert ">Көктал, &lt;b&gt;1&lt;/b&gt; &amp; 2</textarea>" in html
