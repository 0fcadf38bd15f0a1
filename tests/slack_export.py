"""Build a small Slack workspace export for the tests (and to try the import by hand).

    python tests/slack_export.py OUT_FOLDER [--zip] [--malformed]

The export has the layout Slack's workspace export uses: ``channels.json``,
``users.json`` and ``<channel>/<YYYY-MM-DD>.json`` day files, each a list of messages
with ``ts``, ``user``, ``text``, and the details real exports carry: a bot's page
(``subtype: bot_message``, ``bot_id``), a join, a thread with its ``replies``, an edited
message (``edited``), a file share (``subtype: file_share``, ``files``), and another
person's messages that look like a broadcast and a resolution (they must be ignored).
The incident runs over midnight UTC, so it spans two day files. Everything is invented.

Alex (``U01ALEX``, in Berlin) is the person importing; Sam (``U02SAM``) is a colleague.
"""

from __future__ import annotations

import argparse
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

ME, SAM, BOT = "U01ALEX", "U02SAM", "B03PAGER"
CHANNEL = "incident-1234"


def ts(text: str, micro: int = 0) -> str:
    """Slack's ``ts``: seconds since 1970 as a string with six decimals."""
    moment = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
    return f"{int(moment.timestamp())}.{micro:06d}"


BROADCAST_TS = ts("2026-03-09T23:52:30", 100)

USERS = [
    {"id": ME, "name": "alex", "real_name": "Alex Example", "tz": "Europe/Berlin",
     "tz_offset": 3600, "is_bot": False,
     "profile": {"display_name": "alex", "real_name": "Alex Example"}},
    {"id": SAM, "name": "sam", "real_name": "Sam Example", "tz": "America/New_York",
     "tz_offset": -18000, "is_bot": False,
     "profile": {"display_name": "sam", "real_name": "Sam Example"}},
    {"id": "U03PAGER", "name": "pagerduty", "real_name": "PagerDuty", "is_bot": True,
     "profile": {"display_name": "PagerDuty", "bot_id": BOT}},
]
CHANNELS = [
    {"id": "C0INC1234", "name": CHANNEL, "created": 1773100000, "creator": ME,
     "is_archived": False, "members": [ME, SAM],
     "topic": {"value": "checkout 5xx", "creator": ME, "last_set": 0},
     "purpose": {"value": "", "creator": ME, "last_set": 0}},
    {"id": "C0GENERAL", "name": "general", "created": 1700000000, "creator": SAM,
     "is_archived": False, "members": [ME, SAM],
     "topic": {"value": "", "creator": SAM, "last_set": 0},
     "purpose": {"value": "", "creator": SAM, "last_set": 0}},
]

DAY_ONE = [
    {"type": "message", "subtype": "bot_message", "bot_id": BOT,
     "username": "PagerDuty", "ts": ts("2026-03-09T23:47:00"),
     "text": "Triggered #1234: checkout-api 5xx ratio above 25%. Detected by "
             "monitoring. Impact: high. Investigating required."},
    {"type": "message", "subtype": "channel_join", "user": ME,
     "ts": ts("2026-03-09T23:48:00"), "text": "<@U01ALEX> has joined the channel"},
    {"type": "message", "user": SAM, "ts": ts("2026-03-09T23:49:00"),
     "text": "Detected errors on checkout. Impact: everyone? Investigating"},
    {"type": "message", "user": ME, "ts": ts("2026-03-09T23:50:10"),
     "text": "looking, reading the first error line now"},
    {"type": "message", "user": ME, "ts": BROADCAST_TS,
     "text": "<!here> Detected 5xx on checkout-api. Impact: roughly 2k users. "
             "Investigating now.",
     "edited": {"user": ME, "ts": ts("2026-03-09T23:53:10")},
     "thread_ts": BROADCAST_TS, "reply_count": 2, "reply_users_count": 2,
     "replies": [{"user": SAM, "ts": ts("2026-03-09T23:55:00")},
                 {"user": ME, "ts": ts("2026-03-09T23:57:00")}]},
    {"type": "message", "user": SAM, "ts": ts("2026-03-09T23:55:00"),
     "thread_ts": BROADCAST_TS, "parent_user_id": ME, "text": "want a hand?"},
    {"type": "message", "user": ME, "ts": ts("2026-03-09T23:57:00"),
     "thread_ts": BROADCAST_TS, "parent_user_id": ME,
     "text": "yes, escalating to <@U02SAM> for the database side"},
]
DAY_TWO = [
    {"type": "message", "user": ME, "ts": ts("2026-03-10T00:06:00"),
     "text": "Root cause: cache TTL typo in the 14:30 config push. Fix: rolling back. "
             "ETA: 10 min"},
    {"type": "message", "subtype": "file_share", "user": ME,
     "ts": ts("2026-03-10T00:09:00"), "text": "error rate after the rollback",
     "files": [{"id": "F0GRAPH", "name": "errors.png", "mimetype": "image/png"}],
     "upload": True},
    {"type": "message", "user": SAM, "ts": ts("2026-03-10T00:12:00"),
     "text": "resolved on my side, all clear from the database"},
    {"type": "message", "user": ME, "ts": ts("2026-03-10T00:15:30"),
     "text": "All clear: error rate back to normal, resolved."},
    {"type": "message", "user": ME, "ts": ts("2026-03-10T00:31:00"),
     "text": "fixed the dashboard link in the runbook too"},
]
GENERAL = [
    {"type": "message", "user": ME, "ts": ts("2026-03-09T23:51:00"),
     "text": "Detected a typo on the lunch menu. Impact: none. Investigating."},
]


def build(folder: Path, *, as_zip: bool = False, malformed: bool = False) -> Path:
    """Write the export into ``folder`` (made if missing) and return its path: the
    folder, or ``folder/export.zip`` with ``as_zip``. ``malformed`` adds a day file
    cut off in the middle of a message."""
    files = {
        "channels.json": json.dumps(CHANNELS, indent=1),
        "users.json": json.dumps(USERS, indent=1),
        f"{CHANNEL}/2026-03-09.json": json.dumps(DAY_ONE, indent=1),
        f"{CHANNEL}/2026-03-10.json": json.dumps(DAY_TWO, indent=1),
        "general/2026-03-09.json": json.dumps(GENERAL, indent=1),
    }
    if malformed:
        files[f"{CHANNEL}/2026-03-11.json"] = '[{"type": "message", "user": "U01AL'
    folder.mkdir(parents=True, exist_ok=True)
    if as_zip:
        target = folder / "export.zip"
        with zipfile.ZipFile(target, "w") as archive:
            for name, text in files.items():
                archive.writestr(f"Example Workspace Slack export/{name}", text)
        return target
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--zip", action="store_true")
    parser.add_argument("--malformed", action="store_true")
    args = parser.parse_args()
    print(build(args.folder, as_zip=args.zip, malformed=args.malformed))


if __name__ == "__main__":
    main()
