"""`modschool lab` (what `make lab` runs) starts a real JupyterLab on the workspace,
in the course language, opening on START_HERE."""

import json
import re
import urllib.error

import pytest
from helpers import lab_get, running_lab


@pytest.fixture
def lab(fresh_course, request):
    with running_lab(fresh_course, request.param) as port:
        yield port, request.param


@pytest.mark.parametrize("lab", ["ru", "en"], indirect=True)
def test_lab_serves_the_workspace_in_the_course_language(lab):
    port, lang = lab
    status, listing = lab_get(port, "/api/contents/")
    names = {entry["name"] for entry in json.loads(listing)["content"]}
    assert {"START_HERE.ipynb", "00-how-this-course-works"} <= names
    assert "source" not in names and "gradebook.db" not in names  # no solutions in reach

    status, page = lab_get(port, "/lab/tree/START_HERE.ipynb")
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
