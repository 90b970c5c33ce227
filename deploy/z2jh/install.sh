#!/bin/sh
# The single-user image's install, step for step what the README's set-up does (a venv, the
# project installed editable from its checkout, the hub extra); the Dockerfile runs this file and
# tests/test_hub.py runs it into a fresh venv, so the image and the test cannot drift apart.
# usage: install.sh VENV [PYTHON]   (run in the checkout)
set -eu
venv="$1"
python="${2:-python3}"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip --disable-pip-version-check install -q --upgrade pip
"$venv/bin/python" -m pip --disable-pip-version-check install -q -e '.[hub]'
# the sandbox kernel's spec and the formgrader lab's settings live in the environment: written
# now, while it is writable, as `modschool build` would (users cannot write it later)
"$venv/bin/python" -c "from moderation_school.grading.instructor.kernels.kernelspec import install_kernelspec; install_kernelspec()"
"$venv/bin/python" -c "from moderation_school.grading.instructor.formgrader_lab import hide_news; hide_news()"
# the sandbox's font-list cache, which the grader writes: every pod has its own copy of the image,
# so open to whichever uid grades there (on a shared machine, `modschool hub` gives it to the instructor)
mkdir -p "$venv/share/modschool/matplotlib-cache"
chmod 1777 "$venv/share/modschool/matplotlib-cache"
