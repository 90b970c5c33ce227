"""`modschool lab` (what `make lab` runs) starts a real JupyterLab on the workspace,
in the course language, opening on START_HERE."""

import json
import re
import urllib.error

import pytest
from helpers import lab_get, running_lab, wait_for_lab


@pytest.fixture
def lab(fresh_course, request):
    with running_lab(fresh_course, request.param) as port:
        yield port, request.param


@pytest.mark.parametrize("lab", ["ru", "en"], indirect=True)
def test_lab_serves_the_workspace_in_the_course_language(lab):
    port, lang = lab
    status, listing = lab_get(port, "/api/contents/")
    names = {entry["name"] for entry in json.loads(listing)["content"]}
    assert {"START_HERE.md", "00-how-this-course-works"} <= names
    assert "source" not in names and "gradebook.db" not in names  # no solutions in reach

    status, page = lab_get(port, "/lab/tree/START_HERE.md")
    assert status == 200 and "JupyterLab" in page
    # a student's JupyterLab has Validate and Assignments, not the instructor's formgrader
    disabled = json.loads(re.search(r'"disabledExtensions": (\[[^\]]*\])', page).group(1))
    assert "@jupyter/nbgrader:formgrader" in disabled
    assert "@jupyter/nbgrader:validate-assignment" not in disabled
    with pytest.raises(urllib.error.HTTPError, match="404"):
        lab_get(port, "/formgrader")

    _, settings = lab_get(port, "/lab/api/settings/@jupyterlab/translation-extension:plugin")
    locale = json.loads(settings)["settings"]["locale"]
    assert locale == {"ru": "ru_RU", "en": "en"}[lang]
    _, news = lab_get(port, "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert json.loads(news)["settings"]["fetchNews"] == "false"
    if lang == "ru":  # the Russian language pack is installed and serves Russian strings
        _, pack = lab_get(port, "/lab/api/translations/ru_RU")
        data = json.loads(pack)["data"]
        assert "jupyterlab" in data and any("Файл" in str(v) for v in data["jupyterlab"].values())


def test_the_instructors_lab_reads_the_news_setting_the_build_writes(tmp_path):
    """The formgrader's lab is a plain `jupyter lab` in course/<lang>: it reads its environment's
    overrides.json, where `modschool build` turns the news pop-up off (here a copy of that folder,
    so the test leaves the environment alone), keeping what else the file says."""
    import json as json_
    import os
    import signal
    import subprocess
    import sys

    from helpers import LAB_TOKEN, _free_port
    from moderation_school.grading.instructor.formgrader_lab import PLUGIN, hide_news

    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "overrides.json").write_text(json_.dumps({"@jupyterlab/apputils-extension:themes": {"x": 1}}))
    assert hide_news(settings) == settings / "overrides.json"
    assert hide_news(settings) is None  # once only; a choice made in the file is left alone
    written = json_.loads((settings / "overrides.json").read_text())
    assert written == {"@jupyterlab/apputils-extension:themes": {"x": 1}, PLUGIN: {"fetchNews": "false"}}

    port = _free_port()
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", f"--LabApp.app_settings_dir={settings}",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]  # fmt: skip
    course_dir = tmp_path / "course-ru"
    course_dir.mkdir()
    process = subprocess.Popen(
        command,
        cwd=course_dir,
        env=dict(os.environ, JUPYTER_TOKEN=LAB_TOKEN),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        news = wait_for_lab(process, port, f"/lab/api/settings/{PLUGIN}")
        # a default of the environment: the schema's default, which the lab uses unless told otherwise
        assert json_.loads(news)["schema"]["properties"]["fetchNews"]["default"] == "false"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
