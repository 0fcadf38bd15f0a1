"""Times from the incident's Slack channel: your broadcast, update, escalation, end.

Most incidents are run in a chat channel, and its messages hold the real times of the
first broadcast, the second update, the escalation and the resolution. This reads a
standard Slack workspace export (the ``.zip``, or the folder it unzips to:
``channels.json``, ``users.json`` and one ``<channel>/<YYYY-MM-DD>.json`` per day, each
a list of messages with ``ts``, ``user``, ``text``; threads, edits, file shares, joins
and bot messages included) and proposes times from **your own** messages only:

- **broadcast**: the article's template, "Detected ... on ... Impact: ...
  Investigating";
- **update**: the second update's template, "Root cause: ... Fix: ... ETA: ...";
- **resolve**: "resolved", "fixed" or "all clear";
- **escalate**: a mention of someone, ``@here``/``@channel``, or "escalat...".

A message is one kind at most, tried in that order. For each kind the first message
is proposed and every other one is listed (``Proposals.to_html``) and can be chosen
(``Proposals.timeline(choose=...)``). Other people's messages, bot messages and joins
are never read into anything. Times are shown in your own time zone from
``users.json`` (``tz``), so the 3 AM view sees the hour where you were.

What the journal keeps: the times (through the same plan-then-save as every timeline:
nothing is saved until you confirm, and a time you typed is kept unless you choose the
tool's), and for the second update a note saying only that it was posted. Never the
words of any message.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any

from .. import messages as msgs
from .._text import html_escape
from ..errors import InvalidTimeline
from ..journal import Journal
from .choice import alternatives, choose
from .plan import ImportPlan, save_plan
from .timeline import (
    FIELD_FOR_EVENT,
    MAX_TIMELINE_BYTES,
    MAX_TIMELINE_ROWS,
    Timeline,
    TimelineEvent,
    fail,
    stamp,
    zone_named,
)

__all__ = [
    "KIND",
    "KINDS",
    "Message",
    "Proposals",
    "SlackExport",
    "classify",
    "is_export",
    "read_export",
    "proposals",
    "read_slack",
    "import_slack",
]

KIND = "slack-export"
KINDS = ("update", "broadcast", "resolve", "escalate")
"""The kinds of message the kit looks for, in the order they are tried."""

_PATTERNS = {
    "update": (re.compile(r"\broot[ -]cause\b", re.I),
               re.compile(r"\b(fix|eta)\b", re.I)),
    "broadcast": (re.compile(r"\bdetected\b", re.I),
                  re.compile(r"\b(impact|investigating)\b", re.I)),
    "resolve": (re.compile(r"\b(resolved|fixed|all[ -]clear)\b", re.I),),
    "escalate": (re.compile(r"<@[UW][A-Z0-9]+>|<!(here|channel)\b|@(here|channel)\b"
                            r"|\bescalat", re.I),),
}
# Messages a person wrote; everything else (joins, topics, bots...) is not theirs.
_PERSON_SUBTYPES = {None, "file_share", "thread_broadcast", "me_message"}
_EVENT_OF_KIND = {"broadcast": "broadcast", "escalate": "escalate",
                  "resolve": "resolve", "update": "note"}
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")


def classify(text: str, *, me: str | None = None) -> str | None:
    """The kind of one message, or None: ``update``, ``broadcast``, ``resolve`` or
    ``escalate``. A mention of ``me`` (your own id) is not an escalation.

    Examples
    --------
    >>> classify("Detected 5xx on checkout. Impact: 2k users. Investigating now.")
    'broadcast'
    >>> classify("Root cause: a TTL typo. Fix: rollback. ETA: 10 min")
    'update'
    >>> classify("escalating to the database on-call"), classify("lunch?")
    ('escalate', None)
    """
    if me:
        text = text.replace(f"<@{me}>", "")
    for kind in KINDS:
        if all(pattern.search(text) for pattern in _PATTERNS[kind]):
            return kind
    return None


# --- the export: a zip or a folder --------------------------------------------------


class SlackExport:
    """A Slack workspace export opened for reading (a ``.zip`` or a folder).

    Attributes
    ----------
    name : str
        The file or folder name, for messages.
    channels : dict[str, str]
        Channel name -> id, public (``channels.json``) and private (``groups.json``).
    users : dict[str, dict]
        User id -> that person's entry of ``users.json``.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path).expanduser()
        self.name = self.path.name
        self._zip: zipfile.ZipFile | None = None
        self._prefix = ""
        try:
            if self.path.is_dir():
                # an export's files sit two levels deep at most (channel/day.json),
                # three when unzipped into a folder of its own: never walk further
                names = [p.relative_to(self.path).as_posix()
                         for pattern in ("*.json", "*/*.json", "*/*/*.json")
                         for p in self.path.glob(pattern)]
            else:
                self._zip = zipfile.ZipFile(self.path)
                names = [n for n in self._zip.namelist() if n.endswith(".json")]
        except (OSError, zipfile.BadZipFile):
            raise fail(msgs.SLACK_ERR_NOT_AN_EXPORT.format(file=self.name)) from None
        tops = sorted((n for n in names if PurePosixPath(n).name == "channels.json"),
                      key=lambda n: n.count("/"))
        if not tops:
            raise fail(msgs.SLACK_ERR_NOT_AN_EXPORT.format(file=self.name))
        self._prefix = tops[0][: -len("channels.json")]
        self._names = set(names)
        if self._prefix + "users.json" not in self._names:
            raise fail(msgs.SLACK_ERR_NOT_AN_EXPORT.format(file=self.name))
        self.channels: dict[str, str] = {}
        for listing in ("channels.json", "groups.json"):
            if self._prefix + listing in self._names:
                for number, item in enumerate(self._list(listing), start=1):
                    if not isinstance(item, dict) or not isinstance(
                            item.get("name"), str):
                        raise self._entry_error(listing, number, "name")
                    self.channels[item["name"]] = str(item.get("id", ""))
        self.users: dict[str, dict] = {}
        users = "users.json"
        for number, item in enumerate(self._list(users), start=1):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise self._entry_error(users, number, "id")
            self.users[item["id"]] = item

    def close(self) -> None:
        """Close the zip file, if it is one."""
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> SlackExport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _entry_error(self, member: str, entry: int, name: str) -> InvalidTimeline:
        return fail(msgs.SLACK_ERR_ENTRY.format(
            file=self.name, member=member, entry=entry, field=name))

    def _raw(self, member: str) -> bytes:
        full = self._prefix + member
        if self._zip is not None:
            size = self._zip.getinfo(full).file_size
        else:
            size = (self.path / full).stat().st_size
        if size > MAX_TIMELINE_BYTES:
            raise fail(msgs.SLACK_ERR_TOO_LARGE.format(
                file=self.name, member=member, limit=MAX_TIMELINE_BYTES))
        if self._zip is not None:
            return self._zip.read(full)
        return (self.path / full).read_bytes()

    def _json(self, member: str) -> Any:
        try:
            return json.loads(self._raw(member).decode("utf-8-sig"))
        except json.JSONDecodeError as error:
            raise fail(msgs.SLACK_ERR_JSON.format(
                file=self.name, member=member, row=error.lineno,
                column=error.colno)) from None
        except (UnicodeDecodeError, RecursionError):
            raise fail(msgs.SLACK_ERR_JSON.format(
                file=self.name, member=member, row=1, column=1)) from None

    def _list(self, member: str) -> list:
        data = self._json(member)
        if not isinstance(data, list):
            raise fail(msgs.SLACK_ERR_SHAPE.format(
                file=self.name, member=member, expected="a list"))
        return data

    def days(self, channel: str) -> list[str]:
        """The day files of ``channel`` (``name/YYYY-MM-DD.json``), in date order."""
        folder = self._prefix + channel + "/"
        return sorted(n[len(self._prefix):] for n in self._names
                      if n.startswith(folder)
                      and _DAY_FILE.match(n[len(folder):]))

    def user_id(self, user: str) -> str:
        """The id of ``user``: an id, or a name, display name or real name."""
        if user in self.users:
            return user
        wanted = user.strip().lstrip("@").casefold()
        for uid, item in self.users.items():
            given = item.get("profile")
            profile: dict = given if isinstance(given, dict) else {}
            names = (item.get("name"), item.get("real_name"),
                     profile.get("display_name"), profile.get("real_name"))
            if any(isinstance(n, str) and n.casefold() == wanted for n in names):
                return uid
        raise fail(msgs.SLACK_ERR_NO_USER.format(file=self.name, user=user[:40]))

    def zone_of(self, uid: str) -> tzinfo | None:
        """The person's time zone from ``users.json`` (``tz``), or None."""
        named = self.users.get(uid, {}).get("tz")
        if not isinstance(named, str) or not named:
            return None
        try:
            return zone_named(named)
        except InvalidTimeline:  # a zone this machine does not know: ask instead
            return None


def is_export(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a folder or a ``.zip``: a Slack export, not one file."""
    target = Path(path).expanduser()
    return target.is_dir() or target.suffix.lower() == ".zip"


def read_export(path: str | os.PathLike[str]) -> SlackExport:
    """Open a Slack workspace export (``.zip`` or folder) and read its lists.

    Raises
    ------
    InvalidTimeline
        When it is not an export, or ``channels.json``/``users.json`` are malformed.
    """
    return SlackExport(path)


# --- your messages and what they propose ----------------------------------------------


@dataclass(frozen=True)
class Message:
    """One of your own messages in the channel.

    ``text`` is yours and private: it is shown to you in the preview and never saved
    or put in ``repr``. ``member`` and ``entry`` say where it is in the export.
    """

    at: datetime
    kind: str | None
    member: str
    entry: int
    text: str = field(default="", repr=False)
    edited: bool = False
    in_thread: bool = False


def _ts(value: Any) -> datetime | None:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    if not 0 < seconds < 4_102_444_800:  # before 2100
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def _messages(export: SlackExport, channel: str, uid: str,
              zone: tzinfo) -> list[Message]:
    seen: set[str] = set()
    found: list[Message] = []
    for member in export.days(channel):
        for entry, item in enumerate(export._list(member), start=1):
            if not isinstance(item, dict):
                raise export._entry_error(member, entry, "(the whole entry)")
            moment = _ts(item.get("ts"))
            if moment is None:
                raise export._entry_error(member, entry, "ts")
            if item.get("user") != uid or item.get("type", "message") != "message":
                continue  # someone else's message, a bot's, or not a message
            if item.get("subtype") not in _PERSON_SUBTYPES:
                continue  # a join, a topic change, a bot speaking for you...
            if str(item["ts"]) in seen:
                continue
            seen.add(str(item["ts"]))
            said = item.get("text")
            text: str = said if isinstance(said, str) else ""
            thread = item.get("thread_ts")
            found.append(Message(
                at=moment.astimezone(zone), kind=classify(text, me=uid),
                member=member, entry=entry, text=text,
                edited=isinstance(item.get("edited"), dict),
                in_thread=thread is not None and str(thread) != str(item["ts"])))
            if len(found) > MAX_TIMELINE_ROWS:
                raise fail(msgs.IMPORT_ERR_TOO_MANY_ROWS.format(
                    file=export.name, limit=MAX_TIMELINE_ROWS))
    found.sort(key=lambda m: (m.at, m.member, m.entry))
    return found


@dataclass(frozen=True)
class Proposals:
    """Your messages in one channel, and the times they propose.

    ``timeline()`` gives the ``Timeline`` for ``plan_import`` (the first message of
    each kind, or the ones chosen); ``to_html()`` shows each proposal beside your
    message, so you can check it before anything is saved.
    """

    name: str
    channel: str
    messages: tuple[Message, ...] = field(repr=False)

    def timeline(self, choose_rows: Mapping[str, int] | None = None) -> Timeline:
        """The times as a ``Timeline``: the first message of each kind, unless
        ``choose_rows`` maps a time field (``"resolved_at"``) to another message's
        row (its position in ``messages``, from 1)."""
        events = []
        notes = 0
        for row, message in enumerate(self.messages, start=1):
            if message.kind is None:
                continue
            event = _EVENT_OF_KIND[message.kind]
            if event == "note":
                if notes:
                    continue  # one note for the second update: the first one
                notes += 1
                events.append(TimelineEvent(message.at, event, row, "ts",
                                            msgs.SLACK_UPDATE_NOTE))
            else:
                events.append(TimelineEvent(message.at, event, row, "ts"))
        timeline = Timeline(self.name, KIND, tuple(events), unit="message")
        chosen = dict(choose_rows or {})
        for event in ("broadcast", "escalate", "resolve"):
            name = FIELD_FOR_EVENT[event]
            candidates = alternatives(timeline, name)
            if name not in chosen and len(candidates) > 1:
                chosen[name] = candidates[0].row  # the first, for every kind
        for name, row in chosen.items():
            timeline = choose(timeline, name, row)
        return timeline

    def proposed(self, choose_rows: Mapping[str, int] | None = None
                 ) -> dict[str, Message]:
        """Time field -> the message that gives it."""
        timeline = self.timeline(choose_rows)
        picked = {name: self.messages[e.row - 1]
                  for name, e in timeline.proposed().items()}
        notes = timeline.notes
        if notes:
            picked["update"] = self.messages[notes[0].row - 1]
        return picked

    def to_html(self, choose_rows: Mapping[str, int] | None = None) -> str:
        """Each of your messages that matched a kind, its time and its words, marked
        proposed or also matching; everything escaped."""
        e = html_escape
        shown = [(row, m) for row, m in enumerate(self.messages, start=1) if m.kind]
        if not shown:
            return f"<p>{e(msgs.SLACK_PROPOSALS_NONE.format(channel=self.channel))}</p>"
        picked = {id(m) for m in self.proposed(choose_rows).values()}
        head = "".join(f'<th scope="col">{e(h)}</th>'
                       for h in msgs.SLACK_PROPOSALS_HEADERS)
        rows = []
        for _row, message in shown:
            assert message.kind is not None
            state = msgs.SLACK_PROPOSED if id(message) in picked else msgs.SLACK_ALSO
            notes = [n for n, on in ((msgs.SLACK_EDITED, message.edited),
                                     (msgs.SLACK_IN_THREAD, message.in_thread)) if on]
            small = f"<br><small>{e(', '.join(notes))}</small>" if notes else ""
            rows.append(
                f'<tr><th scope="row">{e(msgs.SLACK_KIND_LABELS[message.kind])}'
                f"<br><small>{e(state)}</small></th>"
                f'<td style="white-space: nowrap">{e(stamp(message.at))}</td>'
                f"<td>{e(_short(message.text))}{small}</td></tr>")
        intro = e(msgs.SLACK_PROPOSALS_INTRO.format(channel=self.channel))
        return (f"<p>{intro}</p><table><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")

    def _repr_html_(self) -> str:
        return self.to_html()


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def proposals(
    path: str | os.PathLike[str],
    *,
    channel: str,
    user: str,
    assume_timezone: str | tzinfo | None = None,
) -> Proposals:
    """Read your messages in one channel of a Slack export and propose times.

    Parameters
    ----------
    path : str or Path
        The export's ``.zip``, or the folder it unzips to.
    channel : str
        The incident's channel, by name (``incident-1234``) or id.
    user : str
        You: your Slack user id (``U...``) or your name as Slack shows it.
    assume_timezone : str or tzinfo, optional
        Where to show times when ``users.json`` has no time zone for you (default UTC).

    Returns
    -------
    Proposals

    Raises
    ------
    InvalidTimeline
        Naming the file in the export, the entry and the field.
    """
    with read_export(path) as export:
        by_id = {cid: name for name, cid in export.channels.items() if cid}
        name = by_id.get(channel, channel.strip().lstrip("#"))
        if name not in export.channels:
            listed = ", ".join(sorted(export.channels)[:10]) or "none"
            raise fail(msgs.SLACK_ERR_NO_CHANNEL.format(
                file=export.name, channel=name[:40], channels=listed))
        uid = export.user_id(user)
        zone = export.zone_of(uid) or zone_named(assume_timezone) or timezone.utc
        found = _messages(export, name, uid, zone)
        return Proposals(export.name, name, tuple(found))


def read_slack(
    path: str | os.PathLike[str],
    *,
    channel: str,
    user: str,
    assume_timezone: str | tzinfo | None = None,
    choose_rows: Mapping[str, int] | None = None,
) -> Timeline:
    """The ``Timeline`` your messages propose (see :func:`proposals`).

    Raises
    ------
    InvalidTimeline
        As :func:`proposals`, and when none of your messages matches a kind.
    """
    found = proposals(path, channel=channel, user=user,
                      assume_timezone=assume_timezone)
    timeline = found.timeline(choose_rows)
    if not timeline.events:
        raise fail(msgs.SLACK_ERR_NOTHING_FOUND.format(
            file=found.name, channel=found.channel))
    return timeline


def import_slack(
    journal: Journal,
    incident_id: str,
    path: str | os.PathLike[str],
    *,
    channel: str,
    user: str,
    overwrite: bool | Iterable[str] = False,
    skip: Iterable[str] = (),
    choose_rows: Mapping[str, int] | None = None,
    assume_timezone: str | tzinfo | None = None,
) -> ImportPlan:
    """Save the times your Slack messages propose into one incident, under the lock.

    Look at ``proposals(...).to_html()`` and ``plan_import`` first: this saves. A time
    already in the journal is kept unless its field is named in ``overwrite``.

    Returns
    -------
    ImportPlan
        The plan that was applied.
    """
    timeline = read_slack(path, channel=channel, user=user,
                          assume_timezone=assume_timezone, choose_rows=choose_rows)
    return save_plan(journal, incident_id, timeline, overwrite=overwrite, skip=skip)
