"""What is typed: payloads that set a flag if they ever run, and incidents whose every
free-text field holds one."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

_P = "window.__pwned=(window.__pwned||0)+1"

# Each sets window.__pwned if it ever runs; each tag carries the attribute ``kitpwn``
# so that live markup can be found even where it cannot run. None starts with "/" or
# "~" (the forms' path fields get them too) and none is longer than 200 characters
# (the record's limit for titles and services).
PAYLOADS: tuple[str, ...] = (
    f"<script kitpwn>{_P}</script>",
    f'<img kitpwn src=x onerror="{_P}">',
    "<svg kitpwn onload=window.__pwned=1>",
    '"><img kitpwn src=x onerror=window.__pwned=1>',
    "'><svg kitpwn onload=window.__pwned=1>",
    "[click me](javascript:window.__pwned=1)",
    '<a kitpwn href="javascript:window.__pwned=1">click</a>',
    '<iframe kitpwn srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "<details kitpwn open ontoggle=window.__pwned=1><summary>x</summary></details>",
    "</textarea><script kitpwn>window.__pwned=1</script>",
    '</script><script kitpwn>window.__pwned=1</script>{"a":"',
    "<style kitpwn>@keyframes kp{from{opacity:1}to{opacity:.9}}</style>"
    '<b style="animation:kp 1ms" onanimationstart=window.__pwned=1>pwned</b>',
    "<math><mtext><table><mglyph><style><!--</style><img kitpwn src=x "
    "onerror=window.__pwned=1>",
    "<svg><style><img kitpwn src=x onerror=window.__pwned=1></style></svg>",
    '<svg><a kitpwn href="javascript:window.__pwned=1"><text x=5 y=15>click'
    "</text></a></svg>",
    "x` <img kitpwn src=x onerror=window.__pwned=1> `y",
    "```\n</code></pre><img kitpwn src=x onerror=window.__pwned=1>\n```",
    "&lt;img kitpwn src=x onerror=window.__pwned=1&gt;",
    "&#60;img kitpwn src=x onerror=window.__pwned=1&#62;",
    "\uff1cimg kitpwn src=x onerror=window.__pwned=1\uff1e",
    "\\u003cimg kitpwn src=x onerror=window.__pwned=1\\u003e",
    '<a kitpwn href="jav&#x09;ascript:window.__pwned=1">tab</a>',
    '<form kitpwn action="javascript:window.__pwned=1"><button>go</button></form>',
    "<input kitpwn autofocus onfocus=window.__pwned=1>",
    '![pwned](x" onerror="window.__pwned=1)',
    "<javascript:window.__pwned=1>",
    "[x][r]\n\n[r]: javascript:window.__pwned=1",
    "<!--><img kitpwn src=x onerror=window.__pwned=1>-->",
    "';window.__pwned=1;// \"-(window.__pwned=1)-\" ${window.__pwned=1}",
    "**bold** <b kitpwn onmouseover=window.__pwned=1>hover</b> _x_",
    '<noscript><p title="</noscript><img kitpwn src=x onerror=window.__pwned=1>">',
    "<img kitpwn\nsrc=x\nonerror=window.__pwned=1>",
    "<video kitpwn><source onerror=window.__pwned=1></video>",
    "$\\href{javascript:window.__pwned=1}{click}$ <x kitpwn>\u2028\u0085</x>",
)




def _at(base: datetime, minutes: float) -> str:
    return (base + timedelta(minutes=minutes)).isoformat()


def finished_incident(payload: str | Callable[[int], str], n: int) -> dict:
    """A finished incident whose every free-text field holds a payload."""
    from kit.record import EVENT_KINDS, SYMPTOMS, TECHNIQUES

    text = payload if callable(payload) else (lambda _k: payload)
    alert = datetime(2026, 4, 1, 9, 0, tzinfo=timezone.utc) + timedelta(days=n)
    return {
        "schema": 1,
        "id": f"{alert:%Y-%m-%d}-payload-{n}",
        "title": text(0)[:200],
        "service": text(1)[:200],
        "severity": "SEV2",
        "role": "on-call",
        "whose": "systemic",
        "draft": False,
        "times": {
            "alert_at": _at(alert, 0),
            "first_action_at": _at(alert, 4.5),
            "broadcast_at": _at(alert, 3),
            "escalated_at": _at(alert, 6),
            "mitigated_at": _at(alert, 20),
            "resolved_at": _at(alert, 40),
            "source": "recalled",
        },
        "events": [
            {"at": _at(alert, k + 1), "kind": kind, "text": text(k + 2)}
            for k, kind in enumerate(EVENT_KINDS)
        ],
        "body": {
            "distress_peak": 7,
            "symptoms": {name: 5 for name in SYMPTOMS[:4]},
            "heart_rate_bpm": 120,
            "notes": text(9),
        },
        "clarity": {"next_step": 40},
        "techniques": list(TECHNIQUES[:2]),
        "postmortem": {
            key: text(10 + k)
            for k, key in enumerate(
                ("summary", "impact", "what_happened", "why_tests_missed",
                 "one_change", "went_well")
            )
        },
        "reflection": {
            "body": text(16),
            "at_3am": text(17),
            "learned": text(18),
            "include_in_postmortem": True,
        },
        "culture": {"response": "blameless", "safe_to_say_i_broke_it": 4},
    }


def live_draft(payload: str | Callable[[int], str], n: int) -> dict:
    """An unfinished live draft (the live companion resumes it) full of payloads."""
    from kit.record import EVENT_KINDS

    text = payload if callable(payload) else (lambda _k: payload)
    alert = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=7)
    return {
        "schema": 1,
        "id": f"{alert:%Y-%m-%d}-live-payload-{n}",
        "title": text(0)[:200],
        "service": text(1)[:200],
        "draft": True,
        "times": {"alert_at": _at(alert, 0), "source": "live"},
        "events": [
            {"at": _at(alert, 0.5 + k / 2), "kind": kind, "text": text(k + 2)}
            for k, kind in enumerate(EVENT_KINDS)
        ],
    }


def path_part(payload: str) -> str:
    """A payload as a relative path: "/" makes folders, so the path text keeps it."""
    parts = []
    for part in payload.split("/"):
        part = part.replace("\x00", "")
        if part in ("", ".", ".."):
            part = "_"
        parts.append(part.encode()[:200].decode(errors="ignore") or "_")
    return "/".join(parts)


def journal_with(folder: Path, incidents: list[dict]):
    import kit
    from kit.record import validate_incident

    journal = kit.Journal(folder)
    for incident in kit.Journal.sample().load().incidents:
        journal.save(incident)
    for data in incidents:
        journal.save(validate_incident(data))
    return journal


def timeline_csv(path: Path, payload: str, alert: datetime) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["time", "event", "text"])
    writer.writerow([_at(alert, 0), "alert", payload])
    writer.writerow([_at(alert, 1), "acknowledge", payload])
    writer.writerow([_at(alert, 2), "note", payload])
    writer.writerow([_at(alert, 30), "resolve", payload])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
