"""`flask content check` on broken throwaway campaigns: each mistake gets its file, its line and plain words.

Mistakes that stop start-up are printed as `error: …` and end the check; what the site can serve with (a
translation left out, a file nothing reads) is printed as `warning: …`, every one of them, and fails the check.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from click.testing import Result

from campaign.cli import content

from .conftest import DEFAULT, PARK, build, edit, line_of, make_app

TAIL = "(the site would still start)"


@pytest.fixture()
def park(tmp_path: Path) -> Path:
    """A private copy of the fictional campaign (kk, ru; paper and email; no press) to break."""
    target = tmp_path / "park"
    shutil.copytree(PARK.root, target)
    return target


@pytest.fixture()
def three_locales(tmp_path: Path) -> Path:
    """A private copy of the default campaign (ru, kk, en; press) to break."""
    target = tmp_path / "content"
    shutil.copytree(DEFAULT.root, target)
    return target


def check(directory: Path) -> Result:
    return build(PARK.root).test_cli_runner().invoke(content, ["check", str(directory)])


def said(directory: Path) -> str:
    """What every content command prints first: the campaign directory it reads."""
    return f"campaign directory: {directory}\n"


def append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def fails_with(directory: Path, message: str) -> None:
    """The check stops with exactly this error and nothing else."""
    result = check(directory)
    assert (result.exit_code, result.stderr, result.stdout) == (1, f"error: {message}\n", said(directory))


def warns(directory: Path, *messages: str) -> None:
    """The check lists exactly these warnings, in order, and fails."""
    result = check(directory)
    lines = result.stderr.splitlines()
    assert result.exit_code == 1, result.output
    assert lines[:-1] == [f"warning: {message}" for message in messages]
    count = f"{len(messages)} warning{'s' if len(messages) > 1 else ''}"
    assert lines[-1].startswith(f"{directory}: ") and lines[-1].endswith(f": {count} to fix {TAIL}")


def page(path: Path, slug: str, body: str, *meta: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "\n".join([f"slug: '{slug}'", "title: 'Title'", "description: 'One sentence.'", *meta])
    path.write_text(f"---\n{head}\n---\n\n{body}\n", encoding="utf-8")


@pytest.mark.parametrize("campaign", ["park", "three_locales"])
def test_the_unbroken_copies_pass(campaign, request):
    directory = request.getfixturevalue(campaign)
    result = check(directory)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(f"{said(directory)}{directory}: ") and result.stdout.endswith(": fine\n")


# 1. Translations left out: every one is listed; the site still serves, with the default locale's text.

def test_a_page_missing_in_a_locale_is_a_warning(park):
    (park / "ru" / "share.md").unlink()
    warns(park, f"{park}/ru/share.md: the page 'share' has no ru translation: add this file, translated from "
                f"{park}/kk/share.md (until then the site shows the kk text)")


def test_a_whole_locale_folder_missing_lists_every_page(three_locales):
    keys = sorted(path.relative_to(three_locales / "kk").with_suffix("").as_posix()
                  for path in (three_locales / "kk").rglob("*.md"))
    shutil.rmtree(three_locales / "kk")
    warns(three_locales, *(f"{three_locales}/kk/{key}.md: the page {key!r} has no kk translation: add this file, "
                           f"translated from {three_locales}/ru/{key}.md (until then the site shows the ru text)"
                           for key in keys))


def test_a_route_text_missing_in_a_locale_is_a_warning(park):
    (park / "complaint" / "routes" / "ru" / "email.md").unlink()
    warns(park, f"{park}/complaint/routes/ru/email.md: the route 'email' has no ru text: add this file, "
                f"translated from {park}/complaint/routes/kk/email.md (until then the wizard shows the kk text)")


def test_an_argument_label_missing_in_a_locale_is_a_warning(park):
    path = park / "complaint" / "arguments.yml"
    append(path, "lights:\n  kk: 'Шамдар'\n")
    edit(park / "complaint" / "kk.yml", "arguments:\n", "arguments:\n  lights:\n    wordings: ['а', 'ә']\n")
    edit(park / "complaint" / "ru.yml", "arguments:\n", "arguments:\n  lights:\n    wordings: ['а', 'б']\n")
    warns(park, f"{path}:{line_of(path, 'lights:')}: 'lights' has no ru text: add `ru: …` under it (until then "
                "the site shows the kk text there)")


def test_start_up_serves_a_missing_translation_in_the_default_locale_and_logs_it(park, caplog):
    (park / "ru" / "share.md").unlink()
    with caplog.at_level(logging.WARNING, logger="campaign.content"):
        app = make_app(park)
    assert f"{park}/ru/share.md: the page 'share' has no ru translation" in caplog.text
    heading = next(line[2:] for line in (park / "kk" / "share.md").read_text(encoding="utf-8").splitlines()
                   if line.startswith("# "))
    response = app.test_client().get("/ru/share")
    assert response.status_code == 200 and heading in response.get_data(as_text=True)


# 2. A slug must name its own file's page.

def test_a_slug_whose_key_is_not_the_files_path_stops_start_up(park):
    path = park / "kk" / "share.md"
    edit(path, "slug: 'share:kk'", "slug: 'shar:kk'")
    fails_with(park, f"{path}:2: slug 'shar:kk' must be 'share:kk': the file's path decides the page's address, "
                     "and the slug must name the same page")


def test_a_slug_of_another_locale_stops_start_up(park):
    path = park / "kk" / "share.md"
    edit(path, "slug: 'share:kk'", "slug: 'share:ru'")
    fails_with(park, f"{path}:2: slug 'share:ru' must end with ':kk' (the file is under kk/)")


# 3. Links to a heading: the page must have it in the reader's locale.

HOW_IDS = ("a heading's id is its text in lower case with '-' for spaces (## Our sources: #our-sources), or the "
           "{#id} written after it")


@pytest.fixture()
def with_sources(park: Path) -> Path:
    """The park campaign with an "about" page in both locales and a footer link to its sources."""
    page(park / "kk" / "about.md", "about:kk", "# Біз туралы\n\n## Дереккөздер\n\nМәтін.")
    page(park / "ru" / "about.md", "about:ru", "# О нас\n\n## Наши источники {#sources}\n\nТекст.")
    append(park / "campaign.yml", "sources:\n  kk: '/about#дереккөздер'\n  ru: '/about#sources'\n")
    return park


def test_heading_links_that_exist_pass(with_sources):
    append(with_sources / "kk" / "privacy.md", "\n[Дереккөздер](/about#дереккөздер)\n")
    assert check(with_sources).exit_code == 0


def test_sources_pointing_at_no_heading_stop_start_up(with_sources):
    path = with_sources / "campaign.yml"
    edit(path, "kk: '/about#дереккөздер'", "kk: '/about#дерекөздер'")
    fails_with(with_sources, f"{path}:{line_of(path, '#дерекөздер')}: the link '/about#дерекөздер' points to "
                             "#дерекөздер, which the page 'about' does not have in kk (its headings have "
                             f"#біз-туралы, #дереккөздер): {HOW_IDS}")


def test_a_content_link_to_no_heading_stops_start_up(with_sources):
    path = with_sources / "ru" / "privacy.md"
    append(path, "\n[Источники](/about#источники)\n")
    fails_with(with_sources, f"{path}:{line_of(path, '/about#')}: the link '/about#источники' points to "
                             "#источники, which the page 'about' does not have in ru (its headings have #о-нас, "
                             f"#sources): {HOW_IDS}")


# 4. A key given twice: YAML would keep the last one without a word.

def test_a_key_given_twice_in_content_yaml_stops_start_up(park):
    path = park / "complaint" / "arguments.yml"
    first = line_of(path, "heat:")
    append(path, "heat:\n  kk: 'Көлеңке'\n  ru: 'Тень'\n")
    second = len(path.read_text(encoding="utf-8").splitlines()) - 2
    fails_with(park, f"{path}:{second}: not valid YAML: the key 'heat' is given twice in one mapping, on lines "
                     f"{first} and {second}: keep one of them (YAML would silently use the last)")


def test_a_key_given_twice_in_frontmatter_stops_start_up(park):
    path = park / "kk" / "share.md"
    edit(path, "title:", "description: 'Екінші.'\ntitle:")
    first, second = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                     if line.startswith("description:")]
    fails_with(park, f"{path}:{second}: frontmatter is not valid YAML: the key 'description' is given twice in one "
                     f"mapping, on lines {first} and {second}: keep one of them (YAML would silently use the last)")


# 5. A press list asked for and not there.

def test_with_press_and_no_press_file_stops_start_up(park):
    path = park / "kk" / "home.md"
    edit(path, "title:", "withPress: true\ntitle:")
    fails_with(park, f"{path}:{line_of(path, 'withPress')}: withPress: true shows the press list, but "
                     f"{park}/press.yml does not exist: add the press items there, or remove withPress")


def test_with_press_and_an_empty_press_file_stops_start_up(park):
    path = park / "kk" / "home.md"
    edit(path, "title:", "withPress: true\ntitle:")
    (park / "press.yml").write_text("items: []\n", encoding="utf-8")
    fails_with(park, f"{path}:{line_of(path, 'withPress')}: withPress: true shows the press list, but "
                     f"{park}/press.yml lists no items: add the press items there, or remove withPress")


# 6. Files nothing reads: left from another campaign, a route or a locale no longer offered.

def test_files_for_routes_and_locales_not_offered_are_warnings(park):
    edit(park / "complaint" / "settings.yml", "routes: [paper, email]", "routes: [email]")
    shutil.copytree(park / "kk", park / "en")
    shutil.copytree(park / "media" / "banners" / "kk", park / "media" / "banners" / "en")
    shutil.copy(park / "complaint" / "kk.yml", park / "complaint" / "en.yml")
    shutil.copy(park / "media" / "banners" / "kk" / "post.png", park / "media" / "banners" / "kk" / "old.png")
    (park / "media" / "banners" / "ru" / "preview.png").unlink()
    locales = "(kk, ru)"
    warns(park,
          f"{park}/en/: en is not one of the campaign's locales {locales}, so its pages are never shown: delete the "
          "folder, or add en to `locales` in campaign.yml",
          f"{park}/complaint/en.yml: letters are not written in 'en' (settings.yml: letter_languages: kk, ru), so "
          "this file is never read: delete it, or add en to `letter_languages`",
          f"{park}/complaint/routes/kk/paper.md: the route 'paper' is not offered (settings.yml: routes: email), so "
          "this text is never shown: delete it, or add paper to `routes`",
          f"{park}/complaint/routes/ru/paper.md: the route 'paper' is not offered (settings.yml: routes: email), so "
          "this text is never shown: delete it, or add paper to `routes`",
          f"{park}/media/banners/en/: en is not one of the campaign's locales {locales}, so its banners are never "
          "shown: delete the folder, or add en to `locales` in campaign.yml",
          f"{park}/media/banners/kk/old.png: not a banner the site shows (those are post, story, preview, each a "
          "PNG with an optional SVG beside it): delete it, or rename it",
          f"{park}/media/banners/ru/preview.svg: an SVG banner is offered only beside its PNG: add preview.png, or "
          "delete this file")


def test_a_route_folder_for_a_locale_not_listed_is_a_warning(park):
    shutil.copytree(park / "complaint" / "routes" / "kk", park / "complaint" / "routes" / "en")
    warns(park, f"{park}/complaint/routes/en/: en is not one of the campaign's locales (kk, ru), so its route "
                "texts are never shown: delete the folder, or add en to `locales` in campaign.yml")


# 7. YAML mistakes in plain words.

INDENT = "indent it exactly as far as the lines it belongs with"


def test_an_item_indented_less_than_its_list_is_named(park):
    path = park / "complaint" / "ru.yml"
    edit(path, "closing:\n  wordings:\n", "closing:\n  wordings:\n    - 'Первый.'\n   - 'Второй.'\n")
    fails_with(park, f"{path}:{line_of(path, 'Второй')}: not valid YAML: indentation: this line is indented less "
                     "than the one before (3 against 4 spaces), and lines up with no key or '- ' item above that "
                     f"it could belong to: {INDENT}")


def test_a_key_of_a_wording_indented_less_than_its_item_is_named(park):
    path = park / "complaint" / "ru.yml"
    edit(path, "closing:\n  wordings:\n", "closing:\n  wordings:\n    - when: heat\n     text: 'Жара.'\n")
    fails_with(park, f"{path}:{line_of(path, 'Жара')}: not valid YAML: indentation: this line is indented less "
                     "than the one before (5 against 6 spaces), and lines up with no key or '- ' item above that "
                     f"it could belong to: {INDENT}")


def test_a_key_lined_up_with_list_items_is_named(park):
    path = park / "complaint" / "ru.yml"
    edit(path, "closing:\n  wordings:\n", "closing:\n  wordings:\n    - 'Первый.'\n    note: 'x'\n")
    fails_with(park, f"{path}:{line_of(path, 'note:')}: not valid YAML: indentation: this line lines up with line "
                     f"{line_of(path, 'Первый')}, but one of them is a '- ' item and the other a `key:`: a list's "
                     f"items and a mapping's keys cannot share an indentation; {INDENT}")


def test_a_line_indented_more_than_the_one_before_is_named(park):
    path = park / "campaign.yml"
    edit(path, "status: open", "status: open\n  deadline_soon: yes")
    fails_with(park, f"{path}:{line_of(path, 'deadline_soon')}: not valid YAML: indentation: this line is indented "
                     "more than the one before, so YAML reads it as more of that line's text, where ': ' is not "
                     "allowed: indent it as far as the key it belongs with (or, if it is text, put the whole text "
                     "in quotes)")


def test_a_tab_is_named(park):
    path = park / "complaint" / "settings.yml"
    append(path, "extra:\n\tkey: 1\n")
    fails_with(park, f"{path}:{line_of(path, 'key: 1')}: not valid YAML: a tab: YAML indents with spaces only, so "
                     "replace the tab with spaces")


def test_an_unquoted_colon_in_a_text_is_named(park):
    path = park / "campaign.yml"
    edit(path, "  ru: '", "  ru: Парк: '")
    fails_with(park, f"{path}:{line_of(path, 'ru: Парк:')}: not valid YAML: a text containing ': ' must be in "
                     "quotes: put the whole text in '…' (write '' for an apostrophe inside) or in \"…\"")


def test_an_unquoted_colon_in_a_wording_is_named_not_taken_for_a_condition(park):
    path = park / "complaint" / "ru.yml"
    edit(path, "closing:\n  wordings:\n", "closing:\n  wordings:\n    - Срок ответа: установленный законом.\n")
    fails_with(park, f"{path}:{line_of(path, 'Срок ответа')}: 'closing': this wording reads as `Срок ответа: …`, a "
                     "key and its value: a text containing ': ' must be in quotes")


def test_an_unclosed_quote_is_named_on_its_line(park):
    path = park / "kk" / "share.md"
    edit(path, "title:", 'title: "Жабылмаған\nformer_title:')
    fails_with(park, f"{path}:{line_of(path, 'Жабылмаған')}: frontmatter is not valid YAML: the quote opened on this "
                     "line is never closed: end the text with the same quote mark (inside '…', write '' for an "
                     "apostrophe)")


# 8. Messages that named the wrong thing.

def test_a_name_not_allowed_lists_the_choices(park):
    path = park / "complaint" / "settings.yml"
    edit(path, "routes: [paper, email]", "routes: [e-otinish, email]")
    fails_with(park, f"{path}:{line_of(path, 'routes:')}: 'routes': 'e-otinish' is not one of: eotinish, paper, "
                     "email")


def test_a_link_to_no_page_names_the_campaigns_folder(park):
    path = park / "kk" / "privacy.md"
    append(path, "\n[Өтініш](/petiton)\n")
    fails_with(park, f"{path}:{line_of(path, '/petiton')}: the link '/petiton' leads to no page: no locale's folder "
                     f"of {park} has petiton.md")


def test_an_error_without_a_file_has_no_content_prefix(park):
    (park / "complaint" / "routes" / "kk" / "email.md").unlink()
    fails_with(park, "the route 'email' is offered in settings.yml but has no text: add "
                     f"{park}/complaint/routes/kk/email.md")
