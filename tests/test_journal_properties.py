"""Property tests: whatever a person types, a save reads back exactly."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone

from helpers import incident_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.record import SYMPTOMS, TECHNIQUES, validate_incident

AWKWARD = [
    "no",
    "yes",
    "off",
    "null",
    "~",
    "10:05",
    "1:30:00",
    "- x",
    "#",
    "# not a comment",
    "\u0085",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\ufeff",
    "🔥😱",
    "&anchor",
    "*alias",
    "!!python/object/apply:os.system",
    "{",
    "[",
    "|",
    ">",
    "'",
    '"',
    "0x1F",
    "1e3",
    ".inf",
    "---",
    "...",
    "key: value",
    "  leading",
    "trailing  ",
    "\t",
    "\x00",
    "\x1b[31m",
    "é",
    "ß",
    "中文",
    "مرحبا",
    "<script>x</script>",
    "%TAG",
    "@",
    "`",
]

text = st.lists(
    st.one_of(st.sampled_from(AWKWARD), st.text(max_size=12)), max_size=6
).map("".join)
title = text.filter(lambda t: 1 <= len(t) <= 200)
offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
alerts = st.builds(
    lambda base, tz: base.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    offsets,
)
gaps = st.floats(min_value=0, max_value=600, allow_nan=False).map(
    lambda m: timedelta(minutes=round(m, 3))
)


@st.composite
def incidents(draw):
    alert = draw(alerts)
    first = alert + draw(gaps)
    mitigated = first + draw(gaps)
    resolved = mitigated + draw(gaps)
    events = [
        {
            "at": (alert + draw(gaps)).isoformat(),
            "kind": draw(st.sampled_from(kit.record.EVENT_KINDS)),
            "text": draw(text),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    data = incident_data(
        id=f"{alert:%Y-%m-%d}-incident",
        title=draw(title),
        service=draw(text.filter(lambda t: len(t) <= 200)),
        severity=draw(st.sampled_from(kit.record.SEVERITIES)),
        role=draw(st.sampled_from(kit.record.ROLES)),
        whose=draw(st.sampled_from(kit.record.WHOSE)),
        times={
            "alert_at": alert.isoformat(),
            "first_action_at": first.isoformat(),
            "mitigated_at": mitigated.isoformat(),
            "resolved_at": resolved.isoformat(),
            "source": draw(st.sampled_from(kit.record.SOURCES)),
        },
        events=events,
        body={
            "distress_peak": draw(st.integers(0, 10)),
            "symptoms": draw(
                st.dictionaries(st.sampled_from(SYMPTOMS), st.integers(0, 10))
            ),
            "notes": draw(text),
        },
        clarity={"next_step": draw(st.sampled_from(range(0, 101, 10)))},
        techniques=draw(st.lists(st.sampled_from(TECHNIQUES), unique=True)),
        postmortem={"what_happened": draw(text), "one_change": draw(text)},
        reflection={
            "body": draw(text),
            "at_3am": draw(text),
            "learned": draw(text),
            "include_in_postmortem": draw(st.booleans()),
        },
    )
    return validate_incident(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents())
def test_save_then_load_is_exact(incident):
    with tempfile.TemporaryDirectory() as folder:
        journal = kit.Journal(folder)
        journal.save(incident)
        result = journal.load()
        assert result.problems == []
        assert result.incidents == [incident]
        loaded = result.incidents[0]
        # exact text, not merely equal after normalisation
        assert loaded.title == incident.title
        assert loaded.body.notes == incident.body.notes
        assert loaded.reflection.at_3am == incident.reflection.at_3am
        assert [e.text for e in loaded.events] == [e.text for e in incident.events]
        assert loaded.times.alert_at.utcoffset() == incident.times.alert_at.utcoffset()


@settings(max_examples=60, deadline=None)
@given(incidents(), text)
def test_update_then_get_is_exact(incident, new_notes):
    with tempfile.TemporaryDirectory() as folder:
        journal = kit.Journal(folder)
        journal.save(incident)
        changed = incident.model_copy(deep=True)
        changed.body.notes = new_notes
        journal.update(changed)
        assert journal.get(incident.id).body.notes == new_notes
