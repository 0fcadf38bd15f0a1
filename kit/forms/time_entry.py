"""Times as people enter them in the log form: a date, a time of day and one timezone
choice for the incident (this computer's local time, or a fixed UTC offset).

The form's date and time pickers hold ``datetime.date`` and ``datetime.time`` values;
``picked_text`` writes them the way ``read_time`` reads typed text, so one set of rules
(an empty date is the alert's day, a date needs a time) serves both.

Each function is pure (no widgets), so the rules can be read and tested on their own.
A problem is returned as a sentence to show next to the field, never raised.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from .. import messages as msg

__all__ = [
    "offset_text",
    "offset_minutes",
    "timezone_options",
    "zone",
    "typed_clock",
    "when_text",
    "picked_text",
    "read_time",
]

_FRACTIONAL_OFFSETS = (-570, -210, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


def offset_text(minutes: int) -> str:
    """``+05:30`` for 330 minutes east of UTC."""
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def offset_minutes(moment: datetime) -> int:
    """The UTC offset of an aware ``moment``, in minutes."""
    offset = moment.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def timezone_options(extra: int | None = None) -> list[tuple[str, str]]:
    """The timezone choices: local time, then every whole-hour and common fractional
    offset (plus ``extra`` minutes, the offset of an incident being loaded)."""
    local_name = datetime.now().astimezone().tzname() or "local"
    minutes = set(range(-12 * 60, 14 * 60 + 1, 60)) | set(_FRACTIONAL_OFFSETS)
    if extra is not None:
        minutes.add(extra)
    options = [(msg.LOG_TZ_LOCAL.format(name=local_name), "local")]
    for value in sorted(minutes):
        text = offset_text(value)
        options.append((msg.LOG_TZ_FIXED.format(offset=text), text))
    return options


def zone(choice: str) -> timezone | None:
    """The fixed offset of a choice like ``+05:30``; None for local time."""
    if choice == "local":
        return None
    sign = -1 if choice.startswith("-") else 1
    hours, mins = choice[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(mins)))


def typed_clock(moment: datetime | time) -> str:
    """``14:47``, or ``14:47:05`` when the seconds matter."""
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


def when_text(moment: datetime) -> str:
    """``2026-03-10 14:47 +01:00``."""
    offset = offset_text(offset_minutes(moment))
    return f"{moment:%Y-%m-%d} {typed_clock(moment)} {offset}"


def picked_text(day: date | None, clock: time | None) -> tuple[str, str]:
    """A picked date and time as ``read_time`` reads them: ``("2026-03-10", "14:47")``,
    ``""`` for an empty picker, seconds only when there are some."""
    return (
        "" if day is None else day.isoformat(),
        "" if clock is None else typed_clock(clock),
    )


def read_time(
    day_text: str,
    clock_text: str,
    choice: str,
    *,
    label: str,
    is_alert: bool,
    alert_day: date | None,
) -> tuple[datetime | None, str | None]:
    """The datetime a person typed, or a problem to show next to the field.

    Parameters
    ----------
    day_text, clock_text : str
        ``YYYY-MM-DD`` (empty: the alert's day) and ``HH:MM`` or ``HH:MM:SS``.
    choice : str
        ``"local"`` or a fixed offset such as ``"+05:30"``.
    label : str
        The time's name in the problem sentences.
    is_alert : bool
        The alert's time is needed; the others may be left empty.
    alert_day : date or None
        The day used when ``day_text`` is empty.

    Returns
    -------
    (datetime or None, str or None)
        The time (None when empty or unreadable) and the problem, if any.
    """
    day_text, clock_text = day_text.strip(), clock_text.strip()
    if not day_text and not clock_text:
        return None, (msg.LOG_ALERT_NEEDED if is_alert else None)
    if not clock_text:
        return None, msg.LOG_DATE_WITHOUT_TIME.format(field=label)
    if not _TIME_RE.match(clock_text):
        return None, msg.LOG_TIME_UNREADABLE.format(field=label)
    try:
        clock = time.fromisoformat(
            clock_text.zfill(8 if clock_text.count(":") == 2 else 5)
        )
    except ValueError:
        return None, msg.LOG_TIME_UNREADABLE.format(field=label)
    if day_text:
        if not _DATE_RE.match(day_text):
            return None, msg.LOG_DATE_UNREADABLE.format(field=label)
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            return None, msg.LOG_DATE_UNREADABLE.format(field=label)
    elif alert_day is not None and not is_alert:
        day = alert_day
    else:  # the alert's own date, or a later one while the alert has none
        return None, msg.LOG_DATE_NEEDED.format(field=label)
    naive = datetime.combine(day, clock)
    fixed = zone(choice)
    # Local time: this computer's zone rules for that date (summer or winter).
    return (naive.astimezone() if fixed is None else naive.replace(tzinfo=fixed)), None
