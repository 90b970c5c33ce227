"""Real local accounts for a club server: create them, run a command as one of them.

JupyterHub's local-process spawner starts each server as the user's own uid, so every student
and the instructor is a Linux account with a home of mode 0700 (no one reads another's files).
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import subprocess
from pathlib import Path

from ..course import CourseError

# what useradd accepts on Debian and what nbgrader takes as a student id (no '+', no '*')
ACCOUNT_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")


def account_problem(name: str) -> str | None:
    if not ACCOUNT_NAME.fullmatch(name):
        return (
            f"{name!r} cannot be a login name on the server: use lower-case Latin letters, digits, "
            "'_' or '-' (at most 32, not starting with a digit)"
        )
    return None


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def ensure_user(name: str) -> str | None:
    """The account ``name`` with its home (0700); a new account gets a random password,
    returned (None when the account was already there: its password is left alone)."""
    problem = account_problem(name)
    if problem:
        raise CourseError(problem)
    password = None
    if not exists(name):
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
        password = secrets.token_urlsafe(9)
        subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True)
    os.chmod(home(name), 0o700)
    return password


def home(name: str) -> Path:
    return Path(pwd.getpwnam(name).pw_dir)


def chown_tree(path: Path, name: str) -> None:
    entry = pwd.getpwnam(name)
    for folder, _dirs, files in os.walk(path):
        os.lchown(folder, entry.pw_uid, entry.pw_gid)
        for f in files:
            os.lchown(os.path.join(folder, f), entry.pw_uid, entry.pw_gid)


def as_user(name: str, command: list[str], cwd: Path, path: str, **kwargs) -> subprocess.CompletedProcess:
    """``command`` under the account's uid and gid (no other groups), with its HOME, as its own
    shell would run it: files it writes are its own."""
    entry = pwd.getpwnam(name)
    env = {
        "HOME": entry.pw_dir,
        "USER": name,
        "LOGNAME": name,
        "PATH": path,
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        command, cwd=cwd, env=env, user=entry.pw_uid, group=entry.pw_gid, extra_groups=[], **kwargs
    )


def reachable_by_everyone(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other users cannot enter (None: all can)."""
    for folder in [*reversed(Path(path).resolve().parents)]:
        if not os.stat(folder).st_mode & 0o001:
            return folder
    return None
