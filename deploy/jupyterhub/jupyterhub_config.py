"""JupyterHub configuration for running the incident reflection kit with a team.

Two ways to use this one file, unchanged:

- **The Littlest JupyterHub** (one machine, a real Unix account per person): copy it to
  ``/opt/tljh/config/jupyterhub_config.d/incident-kit.py`` and run
  ``sudo tljh-config reload``. TLJH keeps its own login, user creation and HTTPS; this
  file only adds what the kit needs.
- **A plain JupyterHub on one machine**: ``jupyterhub -f jupyterhub_config.py``. Its
  defaults are the right ones for the kit (PAM login with the machine's accounts, one
  server process per person running as that person); this file lets in the members
  of the participants' and facilitators' Unix groups.

Run ``setup_workshop.py install`` (as root) first: it makes the read-only master copy
of the notebooks and the write-only workshop drop folder.

What every person gets (see README.md beside this file for the reasons):

- their own private journal, ``KIT_JOURNAL=~/incident-journal``: the kit creates it
  0700 with 0600 files, so no other account on the machine can read it;
- their own copy of the notebooks in ``~/incident-kit`` (0700), made on each server
  start by their own process, as their own user: missing notebooks are copied, nothing
  of theirs is ever overwritten;
- ``KIT_WORKSHOP_DROP``: the shared folder that only receives anonymous exports;
  participants can put files in but cannot list or read it; the facilitators' group
  can;
- the app (Voila, no code cells) or JupyterLab as the page they land on.

Settings (environment variables of the hub process, or edit the defaults here):

``KIT_HUB_PREFIX``         the set-up folder (default ``/srv/incident-kit``)
``KIT_HUB_FACILITATORS``   the facilitators' Unix group (default ``kit-facilitators``)
``KIT_HUB_PARTICIPANTS``   the participants' Unix group (default ``kit-participants``)
``KIT_HUB_START``          ``app`` (Voila, the default) or ``lab`` (JupyterLab)
``KIT_HUB_CULL_IDLE``      seconds before an idle server is stopped (default 3600;
                           0: never)
``KIT_USER_PYTHON``        the Python that has the kit and ``jupyterhub`` installed for
                           the users (default: TLJH's user environment when present,
                           else the hub's own Python)
"""

import os
import sys
from importlib.util import find_spec
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

PREFIX = Path(os.environ.get("KIT_HUB_PREFIX", "/srv/incident-kit"))
FACILITATORS = os.environ.get("KIT_HUB_FACILITATORS", "kit-facilitators")
PARTICIPANTS = os.environ.get("KIT_HUB_PARTICIPANTS", "kit-participants")
START = os.environ.get("KIT_HUB_START", "app")
_TLJH_USER_PYTHON = Path("/opt/tljh/user/bin/python")
USER_PYTHON = os.environ.get("KIT_USER_PYTHON") or (
    str(_TLJH_USER_PYTHON) if _TLJH_USER_PYTHON.exists() else sys.executable
)

# Everything below is per person: the spawner gives each server its own environment,
# HOME is that person's home, and "~" is expanded by the kit.
c.Spawner.environment.update(
    {
        "KIT_JOURNAL": "~/incident-journal",
        "KIT_NOTEBOOKS_SOURCE": str(PREFIX / "notebooks"),
        "KIT_NOTEBOOKS_HOME": "~/incident-kit",
        "KIT_WORKSHOP_DROP": str(PREFIX / "workshop-drop"),
        # Notebook 07's team folder for survey answers; the same path on Kubernetes.
        "KIT_WORKSHOP_SAFETY": str(PREFIX / "workshop-drop" / "safety"),
    }
)

# The person's own process copies the notebooks and creates the journal, then becomes
# jupyterhub-singleuser. Not a pre_spawn_hook: TLJH creates the Unix account inside
# start(), after that hook has run, and a hook running as root inside a home folder
# that its owner controls could be sent elsewhere by a symlink.
c.Spawner.cmd = [USER_PYTHON, "-m", "kit.workshop", "singleuser"]

c.Spawner.notebook_dir = "~"
if START == "lab":
    c.Spawner.default_url = "/lab/tree/incident-kit/00-start-here.ipynb"
else:
    # Voila's server extension lists ~/incident-kit; each notebook opens as an app.
    c.Spawner.default_url = "/voila/tree/incident-kit"

# A plain hub with PAM login lets in the two workshop groups only. (TLJH and other
# authenticators ignore this: they are not LocalAuthenticators.)
c.LocalAuthenticator.allowed_groups = {PARTICIPANTS, FACILITATORS}

# A hub restart (a reload of the settings, an upgrade) mid-workshop keeps everyone's
# server and open app running; the restarted hub finds them again. TLJH and Zero to
# JupyterHub do the same. Stopping the machine still stops them.
c.JupyterHub.cleanup_servers = False

# Idle servers are stopped after KIT_HUB_CULL_IDLE seconds without activity (default an
# hour; 0 turns it off), which frees their memory; the journal is on disk, so nothing
# is lost, and the next visit starts the server again. An open app keeps its server
# active. TLJH culls on its own (its "cull-idle" service, `sudo tljh-config set
# services.cull.timeout 3600`): then this adds nothing.
CULL_IDLE = int(os.environ.get("KIT_HUB_CULL_IDLE", "3600"))
_services = c.JupyterHub.services if isinstance(c.JupyterHub.services, list) else []
_has_culler = any("cull" in service.get("name", "") for service in _services)
if CULL_IDLE > 0 and not _has_culler and find_spec("jupyterhub_idle_culler"):
    c.JupyterHub.services = [
        *_services,
        {
            "name": "kit-idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={CULL_IDLE}",
            ],
        },
    ]
    _roles = c.JupyterHub.load_roles
    _roles = _roles if isinstance(_roles, list) else []
    c.JupyterHub.load_roles = [
        *_roles,
        {
            "name": "kit-idle-culler",
            "services": ["kit-idle-culler"],
            "scopes": [
                "list:users",
                "read:users:activity",
                "read:servers",
                "delete:servers",
            ],
        },
    ]
