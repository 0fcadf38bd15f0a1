"""The log form's summary: what Save will write, in a few lines a person can check.

Free text is never repeated: titles are shown (the person just typed them), but notes,
post-mortem answers and reflections appear only as counts; ratings and times as
values. The form shows these lines, escaped, on every change.
"""

from __future__ import annotations

from typing import Any

from .. import messages as msg
from ..record import TIME_FIELDS
from .time_entry import when_text

__all__ = ["summary_lines"]


def summary_lines(data: dict[str, Any], unreadable: set[str], zone: str) -> list[str]:
    """The summary of a record as typed.

    Parameters
    ----------
    data : dict
        The record as the form gathered it.
    unreadable : set of str
        Fields whose typed value could not be read (``"times.mitigated_at"`` ...).
    zone : str
        The words of the chosen timezone.

    Returns
    -------
    list of str
        Plain lines (not yet escaped).
    """
    parts = msg.LOG_SUMMARY_PARTS
    lines = []
    head = [
        f"«{data['title']}»" if data["title"] else parts["untitled"],
        data["service"] or parts["no_service"],
        data["severity"] or parts["severity_missing"],
        msg.ROLE_LABELS[data["role"]],
        msg.WHOSE_LABELS[data["whose"]],
    ]
    lines.append(" · ".join(head))
    times = data["times"]
    alert = times.get("alert_at")
    when = [f"{msg.SOURCE_LABELS[times['source']]}, {zone}"]
    for name in TIME_FIELDS:
        label = msg.LOG_TIME_NAMES[name].split(":")[0]
        moment = times.get(name)
        if f"times.{name}" in unreadable:
            when.append(f"{label}: {parts['time_unreadable']}")
        elif moment is None:
            if name == "alert_at" or name == "first_action_at":
                when.append(f"{label}: {parts['time_missing']}")
        else:
            text = f"{label}: {when_text(moment)}"
            if alert is not None and name != "alert_at":
                minutes = (moment - alert).total_seconds() / 60
                text += (
                    " (" + parts["after_alert"].format(minutes=f"{minutes:g}") + ")"
                )
            when.append(text)
    if times.get("alert_source") == "recalled" and times.get("source") == "live":
        when.append(msg.SUMMARY_ALERT_RECALLED)
    lines.append(" · ".join(when))
    body = data["body"]
    rating = [
        parts["distress"].format(value=body["distress_peak"])
        if body["distress_peak"] is not None
        else parts["distress_none"],
        parts["clarity"].format(value=data["clarity"]["next_step"])
        if data["clarity"]["next_step"] is not None
        else parts["clarity_none"],
        parts["heart"].format(value=body["heart_rate_bpm"])
        if body["heart_rate_bpm"] is not None
        else parts["heart_unreadable"]
        if "body.heart_rate_bpm" in unreadable
        else parts["heart_none"],
    ]
    lines.append(" · ".join(rating))
    symptoms = body["symptoms"]
    lines.append(
        ", ".join(f"{msg.SYMPTOM_LABELS[s]} {v}" for s, v in symptoms.items())
        or parts["symptoms_none"]
    )
    if body["notes"].strip():
        lines.append(parts["notes"].format(chars=len(body["notes"])))
    lines.append(
        ", ".join(msg.TECHNIQUE_LABELS[t] for t in data["techniques"])
        or parts["techniques_none"]
    )
    answered_pm = sum(1 for v in data["postmortem"].values() if v.strip())
    answered_refl = sum(
        1 for k in msg.LOG_REFLECTION_QUESTIONS if data["reflection"][k].strip()
    )
    lines.append(
        parts["postmortem"].format(n=answered_pm)
        + " · "
        + parts["reflection"].format(n=answered_refl)
    )
    culture = data["culture"]
    team = []
    if culture["response"]:
        team.append(parts["culture"].format(response=culture["response"]))
    if culture["safe_to_say_i_broke_it"]:
        team.append(parts["safety"].format(value=culture["safe_to_say_i_broke_it"]))
    if team:
        lines.append(" · ".join(team))
    back = data.get("lookback")
    if back:
        answered = sum(1 for k in ("heavy_now", "sleep", "dread_next") if k in back)
        answered += sum(1 for k in ("tell_junior", "at_3am") if back.get(k, "").strip())
        lines.append(msg.SUMMARY_LOOKBACK.format(n=answered))
    if data["events"]:
        lines.append(parts["events"].format(n=len(data["events"])))
    lines.append(parts["draft"] if data["draft"] else parts["finished"])
    return lines
