"""Words for the shareable report: headings, chart texts, the PDF note, errors."""

from __future__ import annotations

__all__ = [
    "REPORT_TITLE",
    "REPORT_INTRO",
    "REPORT_MADE_ON",
    "REPORT_SAMPLE_NOTE",
    "REPORT_NO_INCIDENTS",
    "REPORT_PROBLEMS_NOTE",
    "REPORT_HEADINGS",
    "REPORT_CHARTS",
    "REPORT_ALT_PHASE",
    "REPORT_ALT_PHASE_NOT_TIMED",
    "REPORT_ALT_FIRST_STEP",
    "REPORT_TABLE_HEADERS",
    "REPORT_SOURCE_WORDS",
    "REPORT_REFLECTION_LABELS",
    "REPORT_REFLECTION_EMPTY",
    "REPORT_NO_REFLECTIONS",
    "REPORT_FOOTER",
    "REPORT_WRITTEN",
    "REPORT_WRITTEN_REFLECTIONS",
    "REPORT_PDF_WRITTEN",
    "REPORT_PDF_UNAVAILABLE",
    "REPORT_PDF_FAILED",
    "REPORT_PDF_TOO_SLOW",
    "REPORT_PDF_NONE_CAME_OUT",
    "REPORT_ERR_EXISTS",
    "REPORT_ERR_UNKNOWN_IDS",
    "REPORT_ERR_REFLECTION_NOT_INCLUDED",
    "REPORT_ERR_FOLDER",
    "REPORT_FORM_HELP",
    "REPORT_AUDIENCE_QUESTION",
    "REPORT_AUDIENCES",
    "REPORT_BODY_CHARTS_LABEL",
    "REPORT_BODY_CHARTS_WHY",
    "REPORT_BODY_LEFT_OUT",
    "REPORT_ERR_AUDIENCE",
    "REPORT_FORM_LABELS",
    "REPORT_FORM_STATUS",
]

REPORT_TITLE = "Acting clearly while not calm: an incident reflection report"
REPORT_INTRO = (
    "This report was made by its author from their own incident journal, to share "
    "with a mentor, a manager or a team. It shows how the time from an alert to a "
    "first deliberate step has changed, how the body responded, and how clear the "
    "next step felt. It holds only the incidents and reflections the author chose "
    "to include."
)
REPORT_MADE_ON = "Made on {date}, from {n} incident(s)."
REPORT_SAMPLE_NOTE = (
    "These are the sample journal's incidents: a fictional engineer, shown to "
    "illustrate the report."
)
REPORT_NO_INCIDENTS = "No incidents were chosen for this report."
REPORT_PROBLEMS_NOTE = (
    "{n} file(s) of the journal could not be read and are not part of this report."
)

REPORT_HEADINGS = {
    "summary": "In plain words",
    "charts": "Charts",
    "incidents": "The incidents",
    "reflections": "Reflections the author chose to share",
}

# Title and description of each chart of kit.charts.PERSONAL_CHARTS, shown under
# the chart; the image's own text alternative carries the chart's numbers.
REPORT_CHARTS = {
    "panic-to-action": (
        "From alert to first deliberate step",
        "Minutes from the alert to the first deliberate step, incident by incident, "
        "with the three-to-five-incident band shaded.",
    ),
    "body": (
        "How the body responded",
        "How strongly each body response was felt, from 0 to 10, incident by incident.",
    ),
    "clarity": (
        "Clarity of the next step against peak distress",
        "Peak distress from 0 to 10 against how certain the next step felt, from 0 "
        "to 100, with the clear-while-not-calm region shaded.",
    ),
    "timeline": (
        "The latest incident against the 45-minute walk",
        "The latest incident's triage and fix against the plan of 5, 20 and 20 "
        "minutes; events are shown by kind only.",
    ),
}

# The latest incident's timeline in words, for its image's text alternative: each
# timed phase, then the first deliberate step (the events' texts are never read out).
REPORT_ALT_PHASE = "{label}: {minutes} min."
REPORT_ALT_PHASE_NOT_TIMED = "{label}: not timed."
REPORT_ALT_FIRST_STEP = "First deliberate step: {minutes} min after the alert."

REPORT_TABLE_HEADERS = (
    "#",
    "date",
    "incident",
    "service",
    "severity",
    "alert to first step (min)",
    "times",
)
REPORT_SOURCE_WORDS = {
    "live": "timed live",
    "recalled": "recalled",
    "imported": "from the incident tool",
}

REPORT_REFLECTION_LABELS = {
    "body": "How my body responded",
    "at_3am": "What I would do differently at 3 AM next month",
    "learned": "What I learned",
}
REPORT_REFLECTION_EMPTY = "No reflection was written for this incident."
REPORT_NO_REFLECTIONS = "The author chose not to share reflections in this report."
REPORT_FOOTER = (
    "Made with the incident reflection kit: a tool for reflection, not a clinical "
    "one. The numbers are a person's own record of hard moments; read them as a "
    "story of practice, never as a rating of the person."
)

# --- what the notebook says after writing ---------------------------------------------

REPORT_WRITTEN = "The report is written to {path} ({n} incident(s), 4 charts)."
REPORT_WRITTEN_REFLECTIONS = (
    "It includes the reflections of {n} incident(s) you ticked."
)
REPORT_PDF_WRITTEN = "A PDF copy is at {path}."
REPORT_PDF_UNAVAILABLE = (
    "A PDF could not be made here: this machine has no Chromium to print it. The HTML "
    "report is complete; open it in a browser and print it to PDF from there."
)
REPORT_PDF_TOO_SLOW = "it took more than {seconds} seconds"
REPORT_PDF_NONE_CAME_OUT = "no PDF came out"
REPORT_PDF_FAILED = (
    "A PDF could not be made here: Chromium did not finish printing it ({reason}). "
    "The HTML report is complete; open it in a browser and print it to PDF from there."
)

# --- errors ---------------------------------------------------------------------------

REPORT_ERR_EXISTS = (
    "{name} already exists and was left as it is: choose another file name, or pass "
    "overwrite=True to replace it"
)
REPORT_ERR_UNKNOWN_IDS = (
    "incidents names {ids}, which the journal does not hold: pick ids from "
    "journal.ids()"
)
REPORT_ERR_REFLECTION_NOT_INCLUDED = (
    "reflections names {ids}, which is not among the incidents of this report: add it "
    "to incidents=, or untick it"
)
REPORT_ERR_FOLDER = (
    "the folder {folder} could not be created ({reason}): choose a path in a folder "
    "you can write"
)

# --- the form -------------------------------------------------------------------------

REPORT_FORM_HELP = (
    "Tick the incidents to include, and the incidents whose reflections you want to "
    "share (none are shared unless you tick them). The report is one HTML file that "
    "loads nothing from the network; give it a path and press Write."
)
REPORT_AUDIENCE_QUESTION = "Who is this report for?"
REPORT_AUDIENCES = {
    "self": "Me",
    "mentor": "A mentor",
    "manager": "A manager",
    "team": "A team",
}
REPORT_BODY_CHARTS_LABEL = "Include the charts of how my body responded and my distress"
REPORT_BODY_CHARTS_WHY = (
    "For a manager these two charts are left out unless you tick the box. How your "
    "body responded under stress is yours to share, and a manager also weighs "
    "performance: some people are glad to show it, others would rather talk it "
    "through first. Your choice either way."
)
REPORT_BODY_LEFT_OUT = (
    "The charts of the body's response and of peak distress are not part of this "
    "report."
)
REPORT_ERR_AUDIENCE = "audience must be one of {known}, not {audience!r}."
REPORT_FORM_LABELS = {
    "incidents": "Incidents in the report",
    "reflections": "Share the reflection of",
    "path": "Save as",
    "pdf": "Also make a PDF (where this machine can)",
    "overwrite": "Replace the file if it exists",
    "write": "Write the report",
}
REPORT_FORM_STATUS = {
    "ready": "Nothing is written until you press the button.",
    "no_incidents": "The journal has no incidents yet, so the report would be empty.",
}
