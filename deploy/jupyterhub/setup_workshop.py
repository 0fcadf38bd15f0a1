#!/usr/bin/env python3
"""Prepare one machine for an incident-kit workshop, and check that privacy holds.

Run as root, with any Python 3.10+ (standard library only; the kit need not be
importable here):

    sudo python3 setup_workshop.py install --facilitator alice
    sudo python3 setup_workshop.py check bob carol
    sudo python3 setup_workshop.py clear-drop        # after the workshop

``install`` makes (idempotently):

- the Unix groups ``kit-facilitators`` and ``kit-participants`` (and adds the people
  named with ``--facilitator`` / ``--participant``);
- ``PREFIX/notebooks``: a read-only master copy of the notebooks (root, 0755/0644).
  Each person's server copies the ones they lack into ``~/incident-kit``;
- ``PREFIX/workshop-drop`` (and its ``safety`` sub-folder for notebook 07's survey
  answers): the drop folder, ``root:kit-facilitators`` mode 3773.
  Participants ("others": -wx) can create files but cannot list the folder or read a
  file in it; setgid makes every file belong to the facilitators' group, which can
  list and read (rwx); the sticky bit stops anyone removing or replacing another
  person's file. The kit writes each export 0640.

``check`` audits each named account: its journal folder (``~/incident-journal``)
must be owned by it and 0700, every file in it 0600, and the drop folder must still
be 3773 ``root:kit-facilitators``. It exits 1 when anything is off.

Each person's journal itself is created by their own server process (as them) the
first time it starts: root never writes into a home folder.
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import shutil
import stat
import subprocess
import sys
from pathlib import Path

DEFAULT_PREFIX = Path("/srv/incident-kit")
DEFAULT_FACILITATORS = "kit-facilitators"
DEFAULT_PARTICIPANTS = "kit-participants"
DEFAULT_NOTEBOOKS = Path(__file__).resolve().parent.parent.parent / "notebooks"
JOURNAL = "incident-journal"  # under each home; KIT_JOURNAL=~/incident-journal
DROP_MODE = 0o3773
# Made by root with the same mode: a participant who created one would own it, and
# nobody else could write into it (notebook 07 saves survey answers in "safety").
DROP_SUBFOLDERS = ("safety",)
JOURNAL_DIR_MODE = 0o700
JOURNAL_FILE_MODE = 0o600

# Words this script says to the administrator, kept together.
SAY = {
    "not_root": "setup_workshop.py must run as root (it creates groups and folders).",
    "no_notebooks": "No notebooks found in {folder}: pass --notebooks FOLDER.",
    "no_user": "There is no account named {user} on this machine.",
    "group": "group {group}: ready",
    "member": "{user} is in {group}",
    "notebooks": "{n} notebooks in {folder} (read-only master copy)",
    "drop": "drop folder {folder}: root:{group}, mode {mode:o}",
    "env": (
        "Hub settings: KIT_HUB_PREFIX={prefix} KIT_HUB_FACILITATORS={group} "
        "(see deploy/jupyterhub/README.md)"
    ),
    "ok": "ok: {what}",
    "bad": "PROBLEM: {what}",
    "no_journal": (
        "{user}: no journal yet at {path} (it is created when their server first "
        "starts)"
    ),
    "journal_owner": "{user}: {path} belongs to uid {uid}, not to {user}",
    "journal_mode": "{user}: {path} is {mode:o}, should be {want:o}",
    "journal_ok": "{user}: journal {path} is private ({n} incidents, every file 0600)",
    "drop_missing": "the drop folder {folder} is missing: run install",
    "drop_wrong": (
        "the drop folder {folder} is {owner}:{group} mode {mode:o}; run install again "
        "to make it root:{want_group} mode {want:o}"
    ),
    "drop_ok": "drop folder {folder} is write-only for participants",
    "cleared": "removed {n} export(s) from {folder}",
}


def say(key: str, **values) -> None:
    print(SAY[key].format(**values))


def ensure_group(name: str) -> int:
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        subprocess.run(["groupadd", name], check=True)
        return grp.getgrnam(name).gr_gid


def add_member(user: str, group: str) -> None:
    try:
        pwd.getpwnam(user)
    except KeyError:
        sys.exit(SAY["no_user"].format(user=user))
    if user not in grp.getgrnam(group).gr_mem:
        subprocess.run(
            ["gpasswd", "--add", user, group], check=True, stdout=subprocess.DEVNULL
        )
    say("member", user=user, group=group)


def install_notebooks(source: Path, target: Path) -> int:
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        sys.exit(SAY["no_notebooks"].format(folder=source))
    target.mkdir(parents=True, exist_ok=True)
    os.chown(target, 0, 0)
    target.chmod(0o755)
    for notebook in notebooks:
        copy = target / notebook.name
        temp = target / f".{notebook.name}.tmp"
        shutil.copyfile(notebook, temp)
        os.chown(temp, 0, 0)
        temp.chmod(0o644)
        os.replace(temp, copy)
    return len(notebooks)


def make_drop(folder: Path, gid: int) -> None:
    for each in (folder, *(folder / name for name in DROP_SUBFOLDERS)):
        each.mkdir(parents=True, exist_ok=True)
        os.chown(each, 0, gid)
        each.chmod(DROP_MODE)  # after chown: chown clears setgid on some systems


def install(args: argparse.Namespace) -> int:
    prefix = args.prefix
    facilitators = ensure_group(args.group)
    say("group", group=args.group)
    ensure_group(args.participants_group)
    say("group", group=args.participants_group)
    for user in args.facilitator:
        add_member(user, args.group)
    for user in args.participant:
        add_member(user, args.participants_group)
    prefix.mkdir(parents=True, exist_ok=True)
    prefix.chmod(0o755)
    n = install_notebooks(args.notebooks, prefix / "notebooks")
    say("notebooks", n=n, folder=prefix / "notebooks")
    make_drop(prefix / "workshop-drop", facilitators)
    say("drop", folder=prefix / "workshop-drop", group=args.group, mode=DROP_MODE)
    say("env", prefix=prefix, group=args.group)
    return 0


def check_drop(folder: Path, group: str) -> bool:
    good = True
    for name in DROP_SUBFOLDERS:
        good = _check_drop_folder(folder / name, group) and good
    return _check_drop_folder(folder, group) and good


def _check_drop_folder(folder: Path, group: str) -> bool:
    try:
        info = folder.stat()
    except FileNotFoundError:
        say("bad", what=SAY["drop_missing"].format(folder=folder))
        return False
    want_gid = grp.getgrnam(group).gr_gid
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid != 0 or info.st_gid != want_gid or mode != DROP_MODE:
        owner = pwd.getpwuid(info.st_uid).pw_name
        group_now = grp.getgrgid(info.st_gid).gr_name
        what = SAY["drop_wrong"].format(
            folder=folder,
            owner=owner,
            group=group_now,
            mode=mode,
            want_group=group,
            want=DROP_MODE,
        )
        say("bad", what=what)
        return False
    say("ok", what=SAY["drop_ok"].format(folder=folder))
    return True


def check_journal(user: str) -> bool:
    try:
        account = pwd.getpwnam(user)
    except KeyError:
        say("bad", what=SAY["no_user"].format(user=user))
        return False
    path = Path(account.pw_dir) / JOURNAL
    try:
        info = path.lstat()
    except FileNotFoundError:
        say("ok", what=SAY["no_journal"].format(user=user, path=path))
        return True
    good = True
    if info.st_uid != account.pw_uid:
        say(
            "bad",
            what=SAY["journal_owner"].format(user=user, path=path, uid=info.st_uid),
        )
        good = False
    if not stat.S_ISDIR(info.st_mode) or stat.S_IMODE(info.st_mode) != JOURNAL_DIR_MODE:
        say(
            "bad",
            what=SAY["journal_mode"].format(
                user=user,
                path=path,
                mode=stat.S_IMODE(info.st_mode),
                want=JOURNAL_DIR_MODE,
            ),
        )
        return False
    files = [entry for entry in path.iterdir() if entry.is_file()]
    for entry in files:
        info = entry.lstat()
        if info.st_uid != account.pw_uid:
            say(
                "bad",
                what=SAY["journal_owner"].format(
                    user=user, path=entry, uid=info.st_uid
                ),
            )
            good = False
        if stat.S_IMODE(info.st_mode) & 0o077:
            say(
                "bad",
                what=SAY["journal_mode"].format(
                    user=user,
                    path=entry,
                    mode=stat.S_IMODE(info.st_mode),
                    want=JOURNAL_FILE_MODE,
                ),
            )
            good = False
    if good:
        n = sum(1 for entry in files if entry.suffix == ".yaml")
        say("ok", what=SAY["journal_ok"].format(user=user, path=path, n=n))
    return good


def check(args: argparse.Namespace) -> int:
    good = check_drop(args.prefix / "workshop-drop", args.group)
    for user in args.users:
        good = check_journal(user) and good
    return 0 if good else 1


def clear_drop(args: argparse.Namespace) -> int:
    folder = args.prefix / "workshop-drop"
    removed = 0
    for each in (folder, *(folder / name for name in DROP_SUBFOLDERS)):
        if not each.is_dir():
            continue
        for entry in each.iterdir():
            if entry.is_file() or entry.is_symlink():
                entry.unlink()
                removed += 1
    say("cleared", n=removed, folder=folder)
    return 0


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--prefix",
        type=Path,
        default=DEFAULT_PREFIX,
        help=f"set-up folder (default {DEFAULT_PREFIX})",
    )
    parser.add_argument(
        "--group",
        default=DEFAULT_FACILITATORS,
        help=f"facilitators' group (default {DEFAULT_FACILITATORS})",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    setup = commands.add_parser("install", help="groups, notebooks, drop folder")
    setup.add_argument(
        "--notebooks",
        type=Path,
        default=DEFAULT_NOTEBOOKS,
        help="the kit's notebooks folder (default: this repository's)",
    )
    setup.add_argument("--participants-group", default=DEFAULT_PARTICIPANTS)
    setup.add_argument("--facilitator", action="append", default=[], metavar="USER")
    setup.add_argument("--participant", action="append", default=[], metavar="USER")
    audit = commands.add_parser("check", help="audit the drop folder and journals")
    audit.add_argument("users", nargs="*", metavar="USER")
    commands.add_parser("clear-drop", help="remove every export, withdrawal note and "
                        "survey answer after the workshop")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if os.geteuid() != 0:
        sys.exit(SAY["not_root"])
    return {"install": install, "check": check, "clear-drop": clear_drop}[args.command](
        args
    )


if __name__ == "__main__":
    sys.exit(main())
