"""`modschool lab` (what `make lab` runs) starts a real JupyterLab on the workspace,
in the course language, opening on START_HERE."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

TOKEN = "moderation-school-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path):
    url = f"http://127.0.0.1:{port}{path}{'&' if '?' in path else '?'}token={TOKEN}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


@pytest.fixture
def lab(fresh_course, request):
    lang = request.param
    port = _free_port()
    env = dict(os.environ, JUPYTER_TOKEN=TOKEN)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "moderation_school.grading.cli",
            "lab",
            "--lang",
            lang,
            "--port",
            str(port),
            "--no-browser",
        ],
        cwd=fresh_course.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            _get(port, "/api/status")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGKILL)
                pytest.fail("JupyterLab did not start:\n" + process.stdout.read().decode()[-3000:])
            time.sleep(0.5)
    yield port, lang
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.parametrize("lab", ["ru", "en"], indirect=True)
def test_lab_serves_the_workspace_in_the_course_language(lab):
    port, lang = lab
    status, listing = _get(port, "/api/contents/")
    names = {entry["name"] for entry in json.loads(listing)["content"]}
    assert {"START_HERE.ipynb", "00-how-this-course-works"} <= names
    assert "source" not in names and "gradebook.db" not in names  # no solutions in reach

    status, page = _get(port, "/lab/tree/START_HERE.ipynb")
    assert status == 200 and "JupyterLab" in page
    # a student's JupyterLab has Validate and Assignments, not the instructor's formgrader
    disabled = json.loads(re.search(r'"disabledExtensions": (\[[^\]]*\])', page).group(1))
    assert "@jupyter/nbgrader:formgrader" in disabled
    assert "@jupyter/nbgrader:validate-assignment" not in disabled
    with pytest.raises(urllib.error.HTTPError, match="404"):
        _get(port, "/formgrader")

    _, settings = _get(port, "/lab/api/settings/@jupyterlab/translation-extension:plugin")
    locale = json.loads(settings)["settings"]["locale"]
    assert locale == {"ru": "ru_RU", "en": "en"}[lang]
    _, news = _get(port, "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert json.loads(news)["settings"]["fetchNews"] == "false"
    if lang == "ru":  # the Russian language pack is installed and serves Russian strings
        _, pack = _get(port, "/lab/api/translations/ru_RU")
        data = json.loads(pack)["data"]
        assert "jupyterlab" in data and any("Файл" in str(v) for v in data["jupyterlab"].values())
