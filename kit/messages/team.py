"""Words for working with other people: anonymous exports, the pooled team view, the
mentor walkthrough and the workshop.

Problem templates are filled with a file name, a line (counted from 1, the header
being line 1), a column name from the export format and the fix. They never repeat a
value from a file: a stray cell may hold someone's private words.
"""

from __future__ import annotations

__all__ = [
    "PSEUDONYM_COLOURS",
    "PSEUDONYM_NATURE",
    "EXPORT_PREVIEW_PSEUDONYM",
    "EXPORT_NOTHING_FINISHED",
    "EXPORT_BAD_PSEUDONYM",
    "EXPORT_PSEUDONYM_TAKEN",
    "EXPORT_SELF_CHECK_FAILED",
    "EXPORT_SELF_CHECK_CELL",
    "EXPORT_FOLDER_FAILED",
    "EXPORT_UNKNOWN_INCIDENTS",
    "EXPORT_NONE_CHOSEN",
    "EXPORT_WRITTEN",
    "EXPORT_PREVIEW_RECEIPT",
    "EXPORT_CHOICE_LABEL",
    "EXPORT_HIDES_HEADING",
    "EXPORT_HIDES_POINTS",
    "POOL_WITHDRAWN",
    "POOL_ERR_NOT_LISTABLE",
    "POOL_ERR_NO_FOLDER",
    "POOL_ERR_TOO_LARGE",
    "POOL_ERR_UNREADABLE",
    "POOL_ERR_NOT_UTF8",
    "POOL_ERR_EMPTY",
    "POOL_ERR_NO_ROWS",
    "POOL_ERR_TRUNCATED",
    "POOL_ERR_PARSE",
    "POOL_ERR_MISSING_COLUMNS",
    "POOL_ERR_EXTRA_COLUMNS",
    "POOL_ERR_UNNAMED_COLUMN",
    "POOL_ERR_COLUMN_TWICE",
    "POOL_ERR_ORDER",
    "POOL_ERR_CELL",
    "POOL_ERR_MORE",
    "POOL_ERR_DUPLICATE_PSEUDONYM",
    "POOL_ERR_DUPLICATE_CONTENT",
    "POOL_ERR_MIXED_PSEUDONYMS",
    "POOL_CELL_FIXES",
    "POOL_SUMMARY",
    "POOL_IS_SAMPLE",
    "POOL_EMPTY",
    "POOL_PROBLEMS_INTRO",
    "POOL_PROBLEMS_CLOSE",
    "SUPPRESSED_TOO_FEW",
    "SUPPRESSED_COMPLEMENT",
    "SUPPRESSED_TOTAL",
    "SUPPRESSION_RULE",
    "NOTE_ALL_SHOWN",
    "NOTE_SOME_HIDDEN",
    "NOTE_ALL_HIDDEN",
    "NOTE_REASON",
    "NOTE_REASON_TECHNIQUE",
    "NOTE_REASON_INCIDENT",
    "TEAM_BAD_STAT",
    "TEAM_MINUTES_CELL",
    "TEAM_TABLE_HEADERS",
    "TEAM_TOTAL_LABEL",
    "TEAM_WHOSE_LABELS",
    "TEAM_HIDDEN_CELL",
    "TEAM_YES",
    "TEAM_NO",
    "TECHNIQUE_USED",
    "TECHNIQUE_NOT_USED",
    "TECHNIQUE_SHORT",
    "CHART_HIDDEN",
    "CHART_LABELS",
    "PANELS_HIDDEN",
    "BESIDE_YOU",
    "BESIDE_SAMPLE",
    "BESIDE_ONLY_SAMPLE",
    "ATTRIBUTION_BUCKETS",
    "ATTRIBUTION_BUCKET_OF",
    "ATTRIBUTION_HEADERS",
    "ATTRIBUTION_SUMMARY",
    "ATTRIBUTION_EMPTY",
    "MENTOR_AGENDA",
    "MENTOR_AGENDA_HEADERS",
    "MENTOR_QUESTIONS",
    "MENTOR_UNKNOWN_STEP",
    "MENTOR_HIDDEN_TITLE",
    "MENTOR_VIEW_ALL",
    "MENTOR_VIEW_LEFT_OUT",
    "MENTOR_VIEW_TITLES_HIDDEN",
    "MENTOR_VIEW_UNKNOWN",
    "WORKSHOP_PROMPTS",
    "WORKSHOP_REDIRECTS",
    "SYNTHETIC_DESCRIPTION",
    "SYNTHETIC_OVERWRITE_HELP",
    "SYNTHETIC_WROTE",
]

# --- pseudonyms: readable, neutral words (colours and things in nature) ---------------
# Random combinations, never derived from a name. Neutral on purpose: a pseudonym should
# say nothing about the person (no "brave", no "slow").
PSEUDONYM_COLOURS = (
    "amber", "azure", "beige", "cedar", "coral", "cobalt", "copper", "cream",
    "ember", "fern", "flint", "frost", "ginger", "golden", "granite", "hazel",
    "indigo", "ivory", "jade", "lemon", "lilac", "maple", "mint", "moss",
    "ochre", "olive", "pearl", "plum", "rust", "sage", "sand", "silver",
    "slate", "teal", "umber", "violet",
)
PSEUDONYM_NATURE = (
    "acorn", "alder", "aspen", "badger", "bay", "birch", "brook", "canyon",
    "cliff", "cloud", "comet", "cove", "crane", "delta", "dune", "falcon",
    "finch", "fjord", "glade", "grove", "harbor", "heron", "hill", "island",
    "kestrel", "lagoon", "lake", "lark", "marsh", "meadow", "mesa", "moor",
    "oak", "otter", "owl", "pine", "plover", "pond", "quail", "reef",
    "ridge", "river", "robin", "shore", "sparrow", "spruce", "stone", "summit",
    "swift", "thistle", "tide", "trail", "tundra", "valley", "willow", "wren",
)

# --- export ---------------------------------------------------------------------------
EXPORT_PREVIEW_PSEUDONYM = "(a new random name at each export)"
EXPORT_PREVIEW_RECEIPT = "(the hash of your receipt)"
EXPORT_CHOICE_LABEL = "#{n} {date} {title}"
EXPORT_UNKNOWN_INCIDENTS = (
    "{n} of the chosen incidents are not finished incidents of this journal, so "
    "nothing was exported: choose from the list of finished incidents and export "
    "again."
)
EXPORT_NONE_CHOSEN = (
    "No incident was chosen, so nothing was exported: tick at least one incident, or "
    "simply do not hand in a file (that is fine too)."
)
EXPORT_WRITTEN = (
    "Exported to `{name}`. Your receipt, to withdraw this file later: "
    "`{receipt}`. Copy it somewhere of your own now: nobody else has it, the "
    "facilitator included, and it cannot be shown again."
)
EXPORT_HIDES_HEADING = "What the pseudonym hides, and what it does not"
EXPORT_HIDES_POINTS = (
    ("Hidden", "your name, incident titles, services, dates and times of day, ids, "
     "and every word you wrote (notes, post-mortems, reflections). Drafts never "
     "leave. Only whether an alert came at night (22:00 to 07:00) or in the day "
     "goes with each incident, never its hour."),
    ("Made coarse", "minutes are rounded (to the minute below 10, to five minutes "
     "below 60, then to fifteen) and every rating becomes a band (distress and body "
     "responses 0-3, 4-6 or 7-10; clarity 0-30, 40-60 or 70-100; safety 1-2, 3 or "
     "4-5). The workshop's charts show minutes, categories and techniques, and no "
     "rating at all."),
    ("Not hidden", "the file holds your incidents row by row under one pseudonym. "
     "Someone who was in one of those incidents may recognise its row, and someone "
     "who holds your files from two workshops may match them by their rows. On a "
     "shared server the facilitator can see which account a file in the drop "
     "folder belongs to."),
    ("So", "choose which incidents go in (leave out any you would rather not have "
     "recognised), and keep your receipt: with it you can withdraw your file at any "
     "time without telling anyone which one it is."),
)
EXPORT_NOTHING_FINISHED = (
    "There is nothing to export yet: the journal at {path} holds no finished incident "
    "(drafts stay private and are never exported). Finish an incident in notebook 02, "
    "then export again."
)
EXPORT_BAD_PSEUDONYM = (
    "That pseudonym cannot be used: choose 3 to 40 characters of lower-case letters, "
    "digits and single dashes, starting with a letter (for example amber-heron-42), "
    "or leave it out and the kit draws a random one. Please pick something that is not "
    "your name."
)
EXPORT_PSEUDONYM_TAKEN = (
    "{name} is already in {folder}, so nothing was written and nothing was "
    "overwritten: choose another pseudonym, or leave it out for a random one."
)
EXPORT_SELF_CHECK_FAILED = (
    "The export did not pass the kit's own check, so nothing was written "
    "({reason}). This is a bug in the kit, not in your journal: please report it."
)
EXPORT_SELF_CHECK_CELL = "column {column}: {fix}"
EXPORT_FOLDER_FAILED = (
    "{folder} could not be created ({reason}): choose a folder you can write, and "
    "export again."
)

# --- pooling: problems ----------------------------------------------------------------
POOL_ERR_NO_FOLDER = (
    "There is no folder at {folder}: check the path, or ask people to put their "
    "exports there."
)
POOL_ERR_TOO_LARGE = (
    "{file} is {size:,} bytes, more than the {cap:,} bytes an export may have: it is "
    "probably not an export; ask its owner to export again."
)
POOL_ERR_UNREADABLE = (
    "{file} could not be read ({kind}): ask its owner to export again."
)
POOL_ERR_NOT_UTF8 = (
    "{file} is not UTF-8 text: it may be damaged, or re-saved by another program; ask "
    "its owner to export again rather than edit it."
)
POOL_ERR_EMPTY = "{file} is empty: ask its owner to export again."
POOL_ERR_NO_ROWS = (
    "{file} holds the header but no incidents: ask its owner to export again once a "
    "finished incident is in their journal."
)
POOL_ERR_TRUNCATED = (
    "{file} stops part-way through line {line} (it does not end with a line break), so "
    "it was probably cut short while copying: ask its owner to send it again."
)
POOL_ERR_PARSE = (
    "{file}, line {line}: the line does not split into the export's columns (a stray "
    "comma or quote?): ask its owner to export again rather than edit it."
)
POOL_ERR_MISSING_COLUMNS = (
    "{file} lacks the column(s) {columns}: it may come from an older kit or have been "
    "edited; ask its owner to export again."
)
POOL_ERR_EXTRA_COLUMNS = (
    "{file} has column(s) the export format does not have ({columns}). An extra column "
    "could carry free text, so the whole file is left out: ask its owner to export "
    "again without editing the file."
)
POOL_ERR_UNNAMED_COLUMN = "an unexpected column at position {position}"
POOL_ERR_COLUMN_TWICE = "a column twice"
POOL_ERR_ORDER = (
    "{file} has the right columns in a different order: it was probably re-saved by a "
    "spreadsheet; ask its owner to export again."
)
POOL_ERR_CELL = "{file}, line {line}, column {column}: {fix}."
POOL_ERR_MORE = "{file}: and {n} more cell(s) like these; the whole file is left out."
POOL_ERR_DUPLICATE_PSEUDONYM = (
    "{file} uses the same pseudonym as {other}, so it is left out (one person must "
    "count once): if they are two people, ask one of them to export again."
)
POOL_ERR_DUPLICATE_CONTENT = (
    "{file} holds exactly the same incidents as {other}: probably one person exported "
    "twice; only {other} is used, so that everyone counts once."
)
POOL_ERR_MIXED_PSEUDONYMS = (
    "{file} holds more than one pseudonym: an export is one person's; ask its owner "
    "to export again."
)

# How each column of the export is fixed; used as "{fix}" in POOL_ERR_CELL.
POOL_CELL_FIXES = {
    "format": "write 3, the export format this kit reads (or export again with this "
    "kit)",
    "pseudonym": "a pseudonym is 3 to 40 lower-case letters, digits and dashes, "
    "starting with a letter",
    "incident_no": "incident numbers are whole numbers from 1, each used once per file",
    "severity": "choose one of SEV1, SEV2, SEV3, SEV4",
    "role": "choose one of author, on-call, reviewer, bystander",
    "whose": "choose one of mine, teammate, another-team, dependency, systemic, "
    "unknown",
    "night": "1 when the alert came at night (22:00 to 07:00 local time), 0 when it "
    "came in the day",
    "panic_to_action_min": "minutes from the alert to the first deliberate step: a "
    "number from 0, rounded as the kit rounds (whole minutes below 10, fives below "
    "60, then fifteens), and every exported incident has one",
    "duration": "minutes from the alert, from 0 up to 43,200 (30 days), rounded as "
    "the kit rounds (whole minutes below 10, fives below 60, then fifteens), or empty "
    "when unknown",
    "order": "the times run alert, first action, mitigated, resolved: this duration "
    "is shorter than the one before it",
    "distress_peak": "a band: 0-3, 4-6 or 7-10, or empty",
    "clarity_next_step": "a band: 0-30, 40-60 or 70-100, or empty",
    "symptom": "a band: 0-3, 4-6 or 7-10 (0-3 when not felt)",
    "technique": "1 when the technique was used, 0 when it was not",
    "culture_response": "choose one of blameless, mixed, blame, or leave it empty",
    "culture_safety": "a band: 1-2, 3 or 4-5, or empty",
    "receipt_hash": "64 lower-case hexadecimal characters written by the kit, or "
    "empty",
    "not_a_number": "a number was expected here",
}

POOL_IS_SAMPLE = (
    "This is the synthetic sample team shipped with the kit (data/team-sample): "
    "generated numbers, no real person behind any of them."
)
POOL_SUMMARY = (
    "Pooled {files} export(s): {people} people, {incidents} incidents."
)
POOL_EMPTY = (
    "No exports are in {folder} yet. Each person exports with "
    "`kit.team.export_anonymous(kit.Journal(), FOLDER)` and puts the file here."
)
POOL_ERR_NOT_LISTABLE = (
    "The exports in {folder} cannot be read from this account ({kind}). On the team's "
    "server that is on purpose: only the facilitators read the workshop folder, so "
    "the team's figures below stay empty here and appear on the facilitator's "
    "screen."
)
POOL_WITHDRAWN = (
    "{n} export(s) were withdrawn by their owners and are left out."
)
POOL_PROBLEMS_INTRO = (
    "{n} file(s) could not be used this time. That happens: files get edited, cut "
    "short or mixed up on the way. Nothing in them was read into the team view, and "
    "each one is easy to fix:"
)
POOL_PROBLEMS_CLOSE = (
    "The rest of the pool is fine and is used below. Ask the owners to export again; "
    "there is no need to say whose file it was."
)

# --- minimum group sizes --------------------------------------------------------------
SUPPRESSED_TOO_FEW = "hidden: fewer than {min_people} people"
SUPPRESSED_COMPLEMENT = (
    "hidden too, so that a smaller group cannot be worked out from the total"
)
SUPPRESSED_TOTAL = (
    "Team figures are hidden: only {people} people contributed, and the kit shows a "
    "team figure only when at least {min_people} people stand behind it, so that no "
    "one's numbers can be picked out. Pool more exports, or talk through the questions "
    "without the figures."
)
SUPPRESSION_RULE = (
    "Every figure here counts distinct people, not incidents. A group is shown only "
    "when at least {min_people} people contribute to it. When a group is hidden, the "
    "next smallest groups are hidden as well, until the hidden groups together involve "
    "at least {min_people} people: then no hidden group can be worked out by "
    "subtracting the shown groups from the total."
)
NOTE_ALL_SHOWN = "Every group has at least {min_people} people behind it."
NOTE_SOME_HIDDEN = (
    "{hidden} of {groups} group(s) are hidden ({reasons}). " + SUPPRESSION_RULE
)
NOTE_ALL_HIDDEN = SUPPRESSED_TOTAL

# How a hidden group is named in a note: "{group}: {why}" joined by "; ".
NOTE_REASON = "{group}: {why}"
NOTE_REASON_TECHNIQUE = "{technique} ({used}): {why}"
NOTE_REASON_INCIDENT = "incident {n}: {why}"
TEAM_BAD_STAT = "stat must be one of {known}, not {stat!r}."
TEAM_MINUTES_CELL = "{minutes} min"

TEAM_TABLE_HEADERS = {
    "group": "group",
    "people": "people",
    "incidents": "incidents",
    "value": "figure",
    "shown": "shown",
    "why": "why hidden",
    "technique": "technique",
    "used": "used?",
    "incident_no": "incident number",
    "q1": "lower quartile",
    "median": "median",
    "q3": "upper quartile",
}
TEAM_HIDDEN_CELL = "hidden"
TEAM_YES = "yes"
TEAM_NO = "no"
TEAM_TOTAL_LABEL = "all incidents"
# The whose categories seen from the team, not from the person who logged them.
TEAM_WHOSE_LABELS = {
    "mine": "the person's own change",
    "teammate": "a teammate's change",
    "another-team": "another team's system or change",
    "dependency": "a dependency or provider",
    "systemic": "the system itself",
    "unknown": "not known yet",
}
TECHNIQUE_USED = "used"
TECHNIQUE_NOT_USED = "not used"
# Short names for chart labels, in the record's order of techniques.
TECHNIQUE_SHORT = {
    "box_breathing": "box breathing",
    "read_error_aloud": "first error line aloud",
    "two_minute_timer": "two-minute timer",
    "rollback_first": "rollback first",
    "escalate_at_five": "escalate at five minutes",
    "broadcast_template": "broadcast template",
}

CHART_HIDDEN = (
    "Hidden: fewer than {min_people} people\ncontribute here, so no figure is drawn."
)
CHART_LABELS = {
    "incident_no": "incident number (each person's own count)",
    "panic_to_action_min": "panic to action (minutes)",
    "by_number_title": "Panic to action by incident number, {people} people",
    "by_number_note": "boxes only where {min_people} or more people contribute; "
    "no averaged curve",
    "share_title": "Where each incident came from: share of all incidents",
    "share_axis": "share of incidents",
    "techniques_title": "Panic to action with and without each technique",
    "techniques_axis": "median panic to action (minutes)",
    "techniques_note": "not an effect: techniques tend to come with experience",
    "people_note": "{n} people",
}
PANELS_HIDDEN = (
    "The per-person panels are hidden: with fewer than {min_people} people in the room "
    "it is too easy to tell whose curve is whose."
)

# --- the mentor walkthrough -----------------------------------------------------------
MENTOR_HIDDEN_TITLE = "incident {n}"
MENTOR_VIEW_ALL = "The mentor sees all {n} finished incident(s) of this journal."
MENTOR_VIEW_LEFT_OUT = (
    "The mentor sees {shown} finished incident(s); {left} more stay(s) with you, left "
    "out of every cell below. Incident numbers keep their place, so a gap is where "
    "one was left out."
)
MENTOR_VIEW_TITLES_HIDDEN = (
    "Titles and services are hidden: each incident is shown by its number only."
)
MENTOR_VIEW_UNKNOWN = (
    "{n} entry(ies) of LEAVE_OUT match no incident of this journal, so nothing is "
    "shown yet: use the incident numbers (1, 2, ...) or ids of your own journal, then "
    "run the notebook again."
)
BESIDE_YOU = "your journal"
BESIDE_SAMPLE = "the fictional sample"
BESIDE_ONLY_SAMPLE = "the fictional sample (no journal of your own yet)"

ATTRIBUTION_BUCKETS = {
    "yours": "yours to own",
    "system": "the system's",
    "open": "not known yet",
}
ATTRIBUTION_BUCKET_OF = {
    "mine": "yours",
    "teammate": "system",
    "another-team": "system",
    "dependency": "system",
    "systemic": "system",
    "unknown": "open",
}
ATTRIBUTION_HEADERS = ("incident", "severity", "title", "whose", "so it is")
ATTRIBUTION_SUMMARY = (
    "Of {n} finished incident(s), {yours} came from a change of yours, {system} "
    "belonged to the system (a teammate's change, another team, a dependency or the "
    "system itself), and {open} are not known yet."
)
ATTRIBUTION_EMPTY = (
    "There are no finished incidents to sort yet: come back after the first one."
)

MENTOR_AGENDA_HEADERS = ("time", "step", "what happens")
MENTOR_AGENDA = (
    ("0-5 min", "Set the frame",
     "Agree that this is about the system and the skill, not a review of the person. "
     "The junior decides what to show; reflections stay private unless offered."),
    ("5-15 min", "Read the curve together",
     "Look at panic-to-action across incidents, then the fictional sample beside it: a "
     "reference for the shape, never a yardstick."),
    ("15-25 min", "What was mine, what was the system's",
     "Sort each incident by its whose category. Own what was yours in full; name what "
     "belonged to the system."),
    ("25-35 min", "The body and the next step",
     "How did the body respond, and how clear was the next step? Which technique "
     "helped, which did not?"),
    ("35-45 min", "One change, and a word to a junior",
     "Pick one change to the system the junior can influence, and answer: what would "
     "you tell a junior engineer in your exact seat?"),
)

MENTOR_QUESTIONS = {
    "frame": (
        "What would make this conversation useful to you today?",
        "Is there an incident you would rather not open? (That is fine.)",
    ),
    "curve": (
        "Which incident surprised you when you saw it on the chart?",
        "What was different about the ones where you got moving sooner?",
        "What else changed between incidents: severity, time of day, who was around?",
    ),
    "attribution": (
        "For the incidents marked as yours: what part of the system let the change "
        "reach production?",
        "For the system's incidents: what did you carry that was not yours to carry?",
        "Which 'not known yet' could we find out together?",
    ),
    "body": (
        "What did your body do first, and when did you notice it?",
        "Which technique would you try first next time, and why that one?",
        "When was the next step clearest, and what made it clear?",
    ),
    "change": (
        "What one change to the system would have made your first minutes easier?",
        "Who can help you make it happen, and what would you need from me?",
        "What would you tell a junior engineer in your exact seat?",
    ),
}

MENTOR_UNKNOWN_STEP = (
    "There are no questions for the step {step!r}: choose one of {known}."
)

# --- the team workshop ----------------------------------------------------------------
WORKSHOP_PROMPTS = (
    "Which part of our system turns up in the most incidents?",
    "Where did people wait before they could act: access, runbooks, dashboards, "
    "permissions?",
    "Which of these incidents could a new teammate have handled in their first month, "
    "and what would they have needed?",
    "What made escalating easy, and what made it feel costly?",
    "Which one change to the system would shorten everyone's first five minutes?",
)
WORKSHOP_REDIRECTS = (
    "If the talk turns to a person, ask what in the system let it happen to anyone.",
    "If someone tries to match a curve to a person, stop and move on: the panels are "
    "not for that.",
    "If a curve looks flat, ask what the environment gave that person to learn from.",
)

# --- the synthetic team (python -m kit.synthetic) -------------------------------------
SYNTHETIC_DESCRIPTION = "Write a synthetic team's anonymous exports and survey answers."
SYNTHETIC_OVERWRITE_HELP = "remove the folder's existing *.csv files first"
SYNTHETIC_WROTE = (
    "wrote {exports} exports and {answers} survey answers to {folder} (seed {seed})"
)
