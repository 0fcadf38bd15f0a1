"""Words for PagerDuty's files: which ones the kit reads, and what to do with the rest.

Error templates name the file, the place in it and the fix; they never quote a cell or
a note, which may hold someone's private words. ``kit.timelines`` adds "Nothing was
saved." to each.
"""

from __future__ import annotations

__all__ = [
    "PAGERDUTY_TIME_FORMATS",
    "PAGERDUTY_ERR_TIME_FORMAT",
    "PAGERDUTY_ERR_SEVERAL_INCIDENTS",
    "PAGERDUTY_ERR_NO_SUCH_INCIDENT",
    "PAGERDUTY_ERR_MID_INCIDENT",
    "PAGERDUTY_ERR_ENTRIES_MISSING",
    "PAGERDUTY_ERR_WEBHOOK",
    "PAGERDUTY_ERR_INCIDENT_OBJECT",
    "PAGERDUTY_ERR_ANALYTICS_SHAPE",
    "PAGERDUTY_ERR_ANALYTICS_ZONE",
    "PAGERDUTY_ERR_ANALYTICS_CHOOSE",
    "PAGERDUTY_ERR_ANALYTICS_NO_SUCH",
    "CHOICE_ERR_NOT_A_TIME_FIELD",
    "CHOICE_ERR_NO_SUCH_CHOICE",
    "CHOICE_FORM_LABEL",
    "CHOICE_FORM_OPTION",
]

PAGERDUTY_TIME_FORMATS = (
    "2026-03-10T14:47:00Z, 2026-03-10T14:47:00+01:00, 2026-03-10 14:47:00 +0100 or "
    "2026-03-10 14:47:00 UTC (ISO 8601 dates, year first)"
)
PAGERDUTY_ERR_TIME_FORMAT = (
    "{file}, {where}, {column}: could not be read as a date and time. The kit reads "
    "{formats}; a time without an offset is read in the time zone you give. Dates "
    "such as 03/10/2026 are not read, since they could be 3 October or 10 March: "
    "export again with ISO dates, or copy the times into the plain CSV "
    "(time,event,text)"
)
PAGERDUTY_ERR_SEVERAL_INCIDENTS = (
    "{file} holds the log entries of {n} incidents ({ids}), and the kit will not mix "
    "their times: pass tool_incident=<id> (in the form, the incident number or id "
    "field) to choose the one to import"
)
PAGERDUTY_ERR_NO_SUCH_INCIDENT = (
    "{file} has no log entries of incident {wanted} (it holds {ids}): check the id in "
    "PagerDuty's incident page address"
)
PAGERDUTY_ERR_MID_INCIDENT = (
    "{file} starts mid-incident: it is a later page of the log entries (offset "
    "{offset}) and holds no trigger, so the alert and the first steps are on an "
    "earlier page. Fetch every page (offset=0 onwards, or limit=1000) and save all "
    "the entries in one log_entries list"
)
PAGERDUTY_ERR_ENTRIES_MISSING = (
    "{file} holds {held} of the {total} log entries PagerDuty counted (\"total\"), so "
    "some times may be missing: fetch every page and save all the entries in one "
    "log_entries list"
)
PAGERDUTY_ERR_WEBHOOK = (
    "{file} is a PagerDuty webhook payload ({shape}). It is sent to a server as things "
    "happen, one event at a time, so it rarely holds a whole incident; the kit does "
    "not read it. Save the response of GET /incidents/{{id}}/log_entries instead"
)
PAGERDUTY_ERR_INCIDENT_OBJECT = (
    "{file} holds PagerDuty incident records (\"{key}\"), which carry no timeline: "
    "save the response of GET /incidents/{{id}}/log_entries, or the incidents CSV "
    "from PagerDuty's reports"
)
PAGERDUTY_ERR_ANALYTICS_SHAPE = (
    "{file}, {where}, {column}: is missing or not of the expected kind: each entry of "
    "\"data\" in PagerDuty's raw incident analytics has an id and a created_at time"
)
PAGERDUTY_ERR_ANALYTICS_ZONE = (
    "{file}: its time_zone is not a time zone the kit knows: save the response again, "
    "or give the time zone yourself"
)
PAGERDUTY_ERR_ANALYTICS_CHOOSE = (
    "{file} holds {n} incidents (numbers {numbers}): pass tool_incident=<number> to "
    "choose the one to import"
)
PAGERDUTY_ERR_ANALYTICS_NO_SUCH = (
    "{file} has no incident with that number or id (it holds {numbers}): check the "
    "number in PagerDuty"
)
# Choosing among several events for one time (kit.timelines.choice), any tool.
CHOICE_ERR_NOT_A_TIME_FIELD = (
    "{field} is not one of the incident's times ({fields})"
)
CHOICE_ERR_NO_SUCH_CHOICE = (
    "{file} has no {event} at {where} to choose: pick one of {choices}"
)
CHOICE_FORM_LABEL = "Which {label} to import"
CHOICE_FORM_OPTION = "{time} ({where})"
