# The club's JupyterHub, as `modschool hub` starts it (`jupyterhub -f <this file>`).
# Everything site-specific comes from the state folder that `modschool hub` set up
# (MODSCHOOL_HUB_STATE, its club.json; grading/hub/club.py); an admin's additions (TLS, another
# authenticator, ...) go in <state>/jupyterhub_config.d/*.py, loaded last.
import glob
import json
import os
import pwd
import shutil

c = get_config()  # noqa: F821

state = os.environ["MODSCHOOL_HUB_STATE"]
with open(os.path.join(state, "club.json"), encoding="utf-8") as f:
    club = json.load(f)
instructor = club["instructor"]
students = club["students"]  # account -> course language
bin_dir = os.path.join(club["environment"], "bin")

ip, _, port = os.environ.get("MODSCHOOL_HUB_BIND", "127.0.0.1:8000").rpartition(":")
c.JupyterHub.bind_url = f"http://{ip}:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("MODSCHOOL_HUB_API_PORT", 0)) or int(port) + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(port) + 2}"
c.ConfigurableHTTPProxy.command = [club["proxy"]]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{os.path.join(state, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")

# the machine's own accounts and passwords (PAM); only the club's accounts are let in
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = {instructor, *students}
c.Authenticator.admin_users = {instructor}
c.JupyterHub.admin_access = False  # the instructor reaches students' work through the exchange only

# each server is a local process under its user's own uid, from the environment every user can run
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(bin_dir, "jupyterhub-singleuser")]
c.Spawner.environment = {"PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
# the instructor's default server is the first language's course, a server named after the
# other language is that one's (/user/<instructor>/en/)
c.JupyterHub.allow_named_servers = True
c.JupyterHub.named_server_limit_per_user = len(club["langs"])


def course_of(spawner):
    """(role, language) of the server being started; refuses what the club does not have."""
    name = spawner.user.name
    if name == instructor:
        lang = spawner.name or club["langs"][0]
        if lang not in club["langs"]:
            raise ValueError(f"{instructor}'s servers are named after a course language: {club['langs']}")
        return "instructor", lang
    if spawner.name:
        raise ValueError("students have one server each")
    return "student", students[name]


def place_start_here(home, config_dir, user):
    """START_HERE in the student's home, once: a copy the student edits is theirs."""
    target = os.path.join(home, club["start_here"])
    if not os.path.exists(target):
        shutil.copyfile(os.path.join(config_dir, club["start_here"]), target)
        os.chown(target, user.pw_uid, user.pw_gid)


def pre_spawn_hook(spawner):
    role, lang = course_of(spawner)
    config_dir = club["configs"][f"{role}-{lang}"]
    user = pwd.getpwnam(spawner.user.name)
    spawner.environment = dict(spawner.environment, JUPYTER_CONFIG_PATH=config_dir)
    if role == "instructor":
        # the course checkout (terminal: `modschool grade ...`); the formgrader serves course/<lang>
        spawner.notebook_dir = club["project"]
        spawner.default_url = "/lab"
    else:
        place_start_here(user.pw_dir, config_dir, user)
        spawner.notebook_dir = user.pw_dir
        spawner.default_url = f"/lab/tree/{club['start_here']}"


c.Spawner.pre_spawn_hook = pre_spawn_hook

for extra in sorted(glob.glob(os.path.join(state, "jupyterhub_config.d", "*.py"))):
    load_subconfig(extra)  # noqa: F821
