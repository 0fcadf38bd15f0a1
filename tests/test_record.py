"""Every rule of the record, each checked with the message a person reads."""

from __future__ import annotations

import copy
from datetime import datetime, timezone

import pytest
from helpers import incident_data

import kit
from kit.record import make_id, validate_incident

SECRET = "my private shame that must never be echoed"


def broken(path: str, value, base: dict | None = None) -> dict:
    """A copy of a valid incident with ``path`` (dotted) set to ``value``."""
    data = copy.deepcopy(base or incident_data())
    keys = path.split(".")
    node = data
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value
    return data


def message_for(data: dict) -> str:
    with pytest.raises(kit.InvalidIncident) as caught:
        validate_incident(data, "2026-03-10-payment-typo.yaml")
    text = str(caught.value)
    assert "2026-03-10-payment-typo.yaml" in text  # names the file
    return text


def test_a_valid_incident_loads_and_derives_panic_to_action(make_incident):
    incident = make_incident()
    assert incident.panic_to_action_min == 12.0
    assert incident.minutes_to("resolved_at") == 40.0
    assert incident.minutes_to("broadcast_at") is None


# (dotted field, bad value, words the message must contain)
RULES = [
    ("schema", 3, ["schema", "version 3", "write schema: 2"]),
    ("id", "payment typo", ["id", "YYYY-MM-DD-short-name"]),
    ("id", "../../etc/passwd", ["id", "YYYY-MM-DD"]),
    ("title", "", ["title", "is empty", "short title"]),
    ("title", 605, ["title", "must be text", "quotes"]),
    ("title", "x" * 201, ["title", "too long"]),
    ("severity", "SEV5", ["severity", "SEV1, SEV2, SEV3, SEV4"]),
    ("role", "hero", ["role", "author, on-call, reviewer, bystander"]),
    ("whose", "theirs", ["whose", "another-team", "systemic"]),
    ("draft", "maybe", ["draft", "true or false"]),
    ("times.alert_at", "2026-03-10T14:47:00", ["times.alert_at", "timezone offset"]),
    ("times.alert_at", "yesterday", ["times.alert_at", "date and time"]),
    ("times.source", "guessed", ["times.source", "live, recalled, imported"]),
    (
        "times.first_action_at",
        "2026-03-10T14:40:00+00:00",
        ["first_action_at", "14:40", "before alert_at", "14:47"],
    ),
    (
        "times.mitigated_at",
        "2026-03-10T14:50:00+00:00",
        ["mitigated_at", "before first_action_at", "correct whichever time is wrong"],
    ),
    (
        "times.resolved_at",
        "2026-03-10T14:59:30+00:00",
        ["resolved_at", "before mitigated_at"],
    ),
    (
        "times.broadcast_at",
        "2026-03-10T14:00:00+00:00",
        ["broadcast_at", "before alert_at"],
    ),
    (
        "times.escalated_at",
        "2026-03-10T14:00:00+00:00",
        ["escalated_at", "before alert_at"],
    ),
    ("body.distress_peak", False, ["body.distress_peak", "whole number", "0 to 10"]),
    ("body.distress_peak", "7", ["body.distress_peak", "whole number"]),
    ("body.distress_peak", 7.5, ["body.distress_peak", "whole number"]),
    ("body.distress_peak", 11, ["body.distress_peak", "above", "0 to 10"]),
    ("body.distress_peak", -1, ["body.distress_peak", "below", "0 to 10"]),
    ("body.symptoms", {"racing_heart": 12}, ["body.symptoms.racing_heart", "0 to 10"]),
    ("body.symptoms", {"sad": 3}, ["body.symptoms.sad", "not one of the allowed"]),
    ("body.heart_rate_bpm", 400, ["body.heart_rate_bpm", "30 and 250"]),
    ("body.notes", ["a", "list"], ["body.notes", "must be text"]),
    ("clarity.next_step", 35, ["clarity.next_step", "multiple of ten"]),
    ("clarity.next_step", 110, ["clarity.next_step", "above"]),
    ("clarity.next_step", True, ["clarity.next_step", "whole number"]),
    ("techniques", ["meditating"], ["techniques[0]", "box_breathing"]),
    ("techniques", ["box_breathing", "box_breathing"], ["techniques", "twice"]),
    ("culture.response", "toxic", ["culture.response", "blameless, mixed, blame"]),
    ("culture.safe_to_say_i_broke_it", 0, ["culture.safe_to_say_i_broke_it", "1 to 5"]),
    ("culture.safe_to_say_i_broke_it", 6, ["culture.safe_to_say_i_broke_it", "1 to 5"]),
    (
        "reflection.include_in_postmortem",
        "yes please",
        ["reflection.include_in_postmortem", "true or false"],
    ),
    (
        "postmortem.what_happened",
        "x" * 20_001,
        ["postmortem.what_happened", "too long"],
    ),
    ("mood", "fine", ["mood", "not a field the kit knows"]),
    ("body.mood", "fine", ["body.mood", "not a field the kit knows"]),
]


@pytest.mark.parametrize(("path", "value", "words"), RULES, ids=[r[0] for r in RULES])
def test_each_rule_names_the_field_and_the_fix(path, value, words):
    text = message_for(broken(path, value))
    for word in words:
        assert word in text, f"{word!r} missing from: {text}"


def test_an_event_before_the_alert_is_refused():
    data = incident_data(
        events=[{"at": "2026-03-10T14:30:00+00:00", "kind": "dead-end", "text": SECRET}]
    )
    text = message_for(data)
    assert "events[0].at" in text and "before alert_at" in text
    assert SECRET not in text


def test_an_unknown_event_kind_is_refused():
    data = incident_data(
        events=[{"at": "2026-03-10T14:50:00+00:00", "kind": "panic", "text": "x"}]
    )
    text = message_for(data)
    assert "events[0].kind" in text and "dead-end" in text


def test_a_finished_incident_needs_a_first_action_and_a_severity():
    data = incident_data()
    del data["times"]["first_action_at"]
    del data["times"]["mitigated_at"]
    del data["times"]["resolved_at"]
    assert "first_action_at is missing" in message_for(data)
    assert "severity is missing" in message_for(incident_data(severity=None))


def test_a_draft_may_lack_a_first_action_and_a_severity():
    data = incident_data(draft=True, severity=None)
    data["times"] = {"alert_at": data["times"]["alert_at"], "source": "live"}
    incident = validate_incident(data)
    assert incident.draft and incident.panic_to_action_min is None


def test_missing_required_fields_are_named():
    text = message_for({"schema": 1})
    for field in ("id is missing", "title is missing", "times is missing"):
        assert field in text


def test_a_file_that_is_not_a_mapping_is_explained():
    with pytest.raises(kit.InvalidIncident, match="mapping of field names"):
        validate_incident(["a", "list"], "x.yaml")


@pytest.mark.parametrize(
    "path",
    [
        "title",
        "service",
        "body.notes",
        "postmortem.what_happened",
        "reflection.body",
        "reflection.at_3am",
        "reflection.learned",
    ],
)
def test_messages_never_echo_free_text(path):
    # Free text placed where it is too long, or next to other broken fields.
    data = broken(path, SECRET * 1000)
    data = broken("body.distress_peak", "no", data)
    text = message_for(data)
    assert SECRET not in text
    assert "my private" not in text


def test_problems_are_listed_per_field():
    data = broken("body.distress_peak", 11, broken("severity", "SEV9"))
    with pytest.raises(kit.InvalidIncident) as caught:
        validate_incident(data)
    fields = [field for field, _ in caught.value.problems]
    assert "severity" in fields and "body.distress_peak" in fields


def test_times_with_offsets_compare_by_instant():
    data = incident_data()
    data["times"]["alert_at"] = "2026-03-10T15:47:00+01:00"  # 14:47 UTC
    incident = validate_incident(data)
    assert incident.panic_to_action_min == 12.0


def test_make_id_is_a_safe_slug():
    at = datetime(2026, 3, 10, tzinfo=timezone.utc)
    assert make_id(at, "Payments down: typo!") == "2026-03-10-payments-down-typo"
    assert make_id(at, "Ünïcode — and 🔥") == "2026-03-10-unicode-and"
    assert make_id(at, "   ") == "2026-03-10-incident"
    assert make_id(at, "x" * 300).startswith("2026-03-10-x")
    validate_incident(incident_data(id=make_id(at, "x" * 300)))


def test_the_record_round_trips_through_plain_data(make_incident):
    incident = make_incident()
    assert validate_incident(incident.to_data()) == incident
