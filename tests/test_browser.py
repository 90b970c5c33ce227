"""A person's view: JupyterLab in headless Chromium plays a lesson's role-play by clicking.

Uses Debian's Chromium (`apt-get install chromium`; .ci/run installs it) driven by
Playwright for Python. In CI a missing browser fails the test; on a developer's machine
without Chromium it is skipped with the command that installs it.
"""

import json
import os
import shutil
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import LAB_TOKEN, ROOT, copy_course, lab_get, running_lab
from moderation_school.grading.build import build
from moderation_school.grading.course import Course

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip("no Chromium here: `apt-get install chromium` runs this test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def _moves(page) -> int:
    return page.locator(".modschool-transcript p", has_text="➜").count()


ROLE_PLAY_MODULES = [
    m.id for m in Course.load(ROOT).modules if "RolePlay(" in (m.path / "lesson.ipynb").read_text()
]


@pytest.fixture(scope="module")
def lab_ru(tmp_path_factory):
    """One JupyterLab on the Russian course for every lesson below."""
    course = copy_course(tmp_path_factory.mktemp("browser"))
    build(course, "ru", log=lambda *_: None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_lab(course, "ru") as port:
        yield port


@pytest.mark.parametrize("module", ROLE_PLAY_MODULES)
def test_each_lesson_opens_and_its_role_play_is_played_to_the_debrief(lab_ru, browser, module):
    """The lesson's first screen and the debrief, as a student sees them (screenshots in
    tests/artifacts/); the role-play is played by clicking the first move offered each turn."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"http://127.0.0.1:{lab_ru}/lab/tree/{module}/lesson.ipynb?reset&token={LAB_TOKEN}")
    title = page.locator(".jp-MarkdownCell h1").first
    title.wait_for(timeout=60_000)
    assert title.inner_text().startswith(module[:2])
    time.sleep(1)
    page.screenshot(path=str(ARTIFACTS / f"lesson-{module}-ru.png"))
    cell = page.locator(".jp-CodeCell", has_text="RolePlay(").first
    cell.click()
    page.keyboard.press("Shift+Enter")
    page.locator(".modschool-choice.modschool-turn-0").first.wait_for(timeout=90_000)
    moves = 0
    # each render marks its buttons with the turn, so a click never lands on a stale one
    while True:
        fresh = page.locator(f".modschool-choice.modschool-turn-{moves}")
        page.wait_for_function(
            "turn => document.querySelector('.modschool-choice.modschool-turn-' + turn) || "
            "!document.querySelector('.modschool-choice')",
            arg=moves,
            timeout=90_000,
        )
        if not fresh.count():
            break
        fresh.first.click()
        moves += 1
        if moves == 4 and module == "01-focus-question":
            page.wait_for_selector(f".modschool-turn-{moves}", timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / "roleplay-mid-ru.png"))
        assert moves < 60, "the role-play never ended"
    assert not page.locator(".modschool-error").count()
    debrief = page.get_by_text("Разбор", exact=True)
    debrief.wait_for(timeout=30_000)
    debrief.scroll_into_view_if_needed()
    time.sleep(1)
    page.screenshot(path=str(ARTIFACTS / f"roleplay-debrief-{module}-ru.png"))
    assert moves >= 3 and _moves(page) == moves
    chart = page.locator("img.widget-image")  # the trust chart, drawn at the ending
    assert chart.count() == 1
    # the PNG decodes asynchronously: wait for it rather than read its width at once
    chart.evaluate("img => img.decode()")
    assert chart.evaluate("img => img.naturalWidth") > 0
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(ARTIFACTS / f"roleplay-chart-{module}-ru.png"))  # as the student sees it
    assert page.locator(".modschool-choice").count() == 0
    page.close()


def test_a_reopened_lesson_asks_in_russian_to_run_the_role_play_cell_again(lab_ru, browser):
    """Saved notebooks keep no widget state: after a save and a reload the game is gone, and
    the cell's saved output says what to do, in the course language."""
    module = ROLE_PLAY_MODULES[0]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    url = f"http://127.0.0.1:{lab_ru}/lab/tree/{module}/lesson.ipynb?reset&token={LAB_TOKEN}"
    page.goto(url)
    page.locator(".jp-MarkdownCell h1").first.wait_for(timeout=60_000)
    sentence = "Чтобы начать ролевую игру, выполните эту ячейку ещё раз (Shift+Enter)."
    cell = page.locator(".jp-CodeCell", has_text="RolePlay(").first
    cell.click()
    page.keyboard.press("Shift+Enter")
    page.locator(".modschool-choice.modschool-turn-0").first.wait_for(timeout=90_000)
    assert not page.get_by_text(sentence).is_visible()  # the live game hides the note
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)  # saved
    # reopened another day: the kernel that held the widget is gone
    for kernel in json.loads(lab_get(lab_ru, "/api/kernels")[1]):
        request = urllib.request.Request(
            f"http://127.0.0.1:{lab_ru}/api/kernels/{kernel['id']}?token={LAB_TOKEN}", method="DELETE"
        )
        urllib.request.urlopen(request, timeout=30).close()
    page.goto(url)
    page.locator(".jp-MarkdownCell h1").first.wait_for(timeout=60_000)
    note = page.get_by_text(sentence)
    note.wait_for(timeout=30_000)
    note.scroll_into_view_if_needed()
    time.sleep(1)
    page.screenshot(path=str(ARTIFACTS / "roleplay-reopened-ru.png"))
    assert note.is_visible() and not page.locator(".modschool-choice").count()
    page.close()


def test_start_here_is_a_page_and_notebooks_open_unmodified(lab_ru, browser):
    """START_HERE, a page to read, opens rendered and starts no kernel; a lesson and the exercises
    open, start their kernel and still show no "modified" mark (●) on their tab."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"http://127.0.0.1:{lab_ru}/lab/tree/START_HERE.md?reset&token={LAB_TOKEN}")
    page.locator(".jp-RenderedMarkdown h1").first.wait_for(timeout=60_000)
    page.locator(".jp-RenderedMarkdown a", has_text="урок").first.wait_for(timeout=30_000)
    assert page.locator(".jp-FileEditor").count() == 0  # rendered, not opened as text
    time.sleep(2)
    page.screenshot(path=str(ARTIFACTS / "start-here-ru.png"))
    sessions = json.loads(lab_get(lab_ru, "/api/sessions")[1])
    assert not [s for s in sessions if s["path"].endswith("START_HERE.md")], sessions
    for name in ("lesson.ipynb", "exercises.ipynb"):
        path = f"{ROLE_PLAY_MODULES[0]}/{name}"
        page.goto(f"http://127.0.0.1:{lab_ru}/lab/tree/{path}?reset&token={LAB_TOKEN}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        deadline = time.monotonic() + 60  # the kernel has started and reported its language
        while time.monotonic() < deadline:
            started = [s for s in json.loads(lab_get(lab_ru, "/api/sessions")[1]) if s["path"] == path]
            if started and started[0]["kernel"]["execution_state"] == "idle":
                break
            time.sleep(0.5)
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
        time.sleep(2)
        page.screenshot(path=str(ARTIFACTS / f"opened-{name.replace('.ipynb', '')}-ru.png"))
        assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0, f"{path} opens modified"
    page.close()
