"""Words of the two forms: the live companion (notebook 01) and the log form (02).

Everything a person reads in those widgets is here. The live companion speaks to
someone who is frightened right now: short sentences, one thing at a time, no alarm.
"""

from __future__ import annotations

__all__ = [
    # shared
    "FORM_SAVED_AT",
    "FORM_NOT_SAVED",
    "FORM_READ_ONLY",
    # live companion: starting
    "LIVE_START_HEADING",
    "LIVE_START_HELP",
    "LIVE_TITLE_PROMPT",
    "LIVE_TITLE_PLACEHOLDER",
    "LIVE_SERVICE_PROMPT",
    "LIVE_SERVICE_PLACEHOLDER",
    "LIVE_ALERT_TIME_PROMPT",
    "LIVE_ALERT_TIME_PLACEHOLDER",
    "LIVE_ALERT_BUTTON",
    "LIVE_ALERT_TIME_UNREADABLE",
    "LIVE_ALERT_TIME_FUTURE",
    "LIVE_DEFAULT_TITLE",
    "LIVE_CONTINUE_BUTTON",
    "LIVE_CONTINUE_HELP",
    "LIVE_NEW_BUTTON",
    "LIVE_HEADER",
    "LIVE_CLOCK",
    "LIVE_RESUMED",
    "LIVE_STARTED",
    # live companion: the first five minutes
    "LIVE_BREATHE_HEADING",
    "LIVE_BREATHE_HELP",
    "LIVE_BREATHE_BUTTON",
    "LIVE_PACER_WORDS",
    "LIVE_PACER_FOOT",
    "LIVE_PACER_DONE",
    "LIVE_HANDS_OFF_BUTTON",
    "LIVE_HANDS_OFF_HELP",
    "LIVE_HANDS_OFF_LEFT",
    "LIVE_HANDS_OFF_DONE",
    "LIVE_ERROR_HEADING",
    "LIVE_ERROR_HELP",
    "LIVE_ERROR_PLACEHOLDER",
    "LIVE_ERROR_BUTTON",
    "LIVE_BROKEN_HEADING",
    "LIVE_BROKEN_HELP",
    "LIVE_BROKEN_PLACEHOLDER",
    "LIVE_BROKEN_BUTTON",
    "LIVE_BROADCAST_HEADING",
    "LIVE_BROADCAST_HELP",
    "LIVE_BROADCAST_SYMPTOM",
    "LIVE_BROADCAST_SERVICE",
    "LIVE_BROADCAST_USERS",
    "LIVE_BROADCAST_TEMPLATE",
    "LIVE_BROADCAST_BLANK",
    "LIVE_BROADCAST_BUTTON",
    "LIVE_BROADCAST_SENT",
    "LIVE_TRIAGE_HEADING",
    "LIVE_TRIAGE_HELP",
    "LIVE_TRIAGE_LEFT",
    "LIVE_TRIAGE_FOUND_BUTTON",
    "LIVE_TRIAGE_UP",
    "LIVE_TRIAGE_ESCALATED",
    "LIVE_TRIAGE_FOUND",
    "LIVE_ESCALATE_PLACEHOLDER",
    "LIVE_ESCALATE_BUTTON",
    # live companion: the next twenty minutes
    "LIVE_STEP_HEADING",
    "LIVE_STEP_HELP",
    "LIVE_STEP_PLACEHOLDER",
    "LIVE_STEP_BUTTON",
    "LIVE_STEP_AGAIN_BUTTON",
    "LIVE_STEP_RECORDED",
    "LIVE_ROLLBACK_HEADING",
    "LIVE_ROLLBACK_HELP",
    "LIVE_ROLLBACK_ITEMS",
    "LIVE_UPDATE_HEADING",
    "LIVE_UPDATE_HELP",
    "LIVE_UPDATE_CAUSE",
    "LIVE_UPDATE_FIX",
    "LIVE_UPDATE_ETA",
    "LIVE_UPDATE_TEMPLATE",
    "LIVE_UPDATE_BUTTON",
    "LIVE_DEAD_END_HEADING",
    "LIVE_DEAD_END_HELP",
    "LIVE_DEAD_END_PLACEHOLDER",
    "LIVE_DEAD_END_BUTTON",
    "LIVE_END_HEADING",
    "LIVE_END_HELP",
    "LIVE_MITIGATED_BUTTON",
    "LIVE_RESOLVED_BUTTON",
    "LIVE_ALREADY",
    "LIVE_RESOLVED_NEXT",
    "LIVE_TIMELINE_HEADING",
    "LIVE_TIMELINE_EMPTY",
    "LIVE_NOTHING_TYPED",
    "LIVE_EVENT_TEXTS",
    "DRAFT_WORDS_NEEDED",
    "DRAFT_UNKNOWN_MARK",
    "DRAFT_NONE_RUNNING",
    # log form
    "LOG_PICKER_PROMPT",
    "LOG_PICKER_NEW",
    "LOG_PICKER_DRAFT",
    "LOG_PICKER_SAVED",
    "LOG_LOAD_BUTTON",
    "LOG_LOAD_CONFIRM",
    "LOG_LOADED",
    "LOG_MODE_NEW",
    "LOG_MODE_DRAFT",
    "LOG_MODE_EDIT",
    "LOG_DRAFTS_WAITING",
    "LOG_SECTIONS",
    "LOG_FIELD_LABELS",
    "LOG_PLACEHOLDERS",
    "LOG_TIME_NAMES",
    "LOG_TIMES_HELP",
    "LOG_TZ_LOCAL",
    "LOG_TZ_FIXED",
    "LOG_DATE_UNREADABLE",
    "LOG_TIME_UNREADABLE",
    "LOG_DATE_WITHOUT_TIME",
    "LOG_DATE_NEEDED",
    "LOG_ALERT_NEEDED",
    "LOG_HEART_UNREADABLE",
    "LOG_CHOOSE",
    "LOG_NOT_ANSWERED",
    "LOG_RATED",
    "LOG_SYMPTOMS_HELP",
    "LOG_SUDS_HELP",
    "LOG_CLARITY_HELP",
    "LOG_POSTMORTEM_QUESTIONS",
    "LOG_REFLECTION_QUESTIONS",
    "LOG_REFLECTION_HELP",
    "LOG_INCLUDE_REFLECTION",
    "LOG_KEEP_DRAFT",
    "LOG_EVENTS_HEADING",
    "LOG_SAVE_BUTTON",
    "LOG_SAVED_NEW",
    "LOG_SAVED_UPDATE",
    "LOG_INVALID",
    "LOG_SUMMARY_HEADING",
    "LOG_SUMMARY_PARTS",
]

# --- shared ---

FORM_SAVED_AT = "Saved at {time}: {what}."
FORM_NOT_SAVED = "Not saved: {reason}. Everything you typed is still here."
FORM_READ_ONLY = (
    "This journal is read-only (it is the sample), so nothing here can be saved. "
    "Set JOURNAL = None in the parameters cell to use your own journal."
)

# --- live companion: starting ---

LIVE_START_HEADING = "An alert just came in"
LIVE_START_HELP = (
    "Press the button now. Every step from here on gets its time written down for you, "
    "so you do not have to remember anything."
)
LIVE_TITLE_PROMPT = "A few words for the incident (optional)"
LIVE_TITLE_PLACEHOLDER = "e.g. checkout errors"
LIVE_SERVICE_PROMPT = "Service (optional)"
LIVE_SERVICE_PLACEHOLDER = "e.g. payments-api"
LIVE_ALERT_TIME_PROMPT = (
    "Paged a while ago? Type the time of the alert (HH:MM), or leave it empty for now"
)
LIVE_ALERT_TIME_PLACEHOLDER = "now"
LIVE_ALERT_BUTTON = "Alert: start the clock"
LIVE_ALERT_TIME_UNREADABLE = (
    "the alert time could not be read: write it as HH:MM (24-hour, e.g. 14:47) or "
    "YYYY-MM-DD HH:MM, or leave it empty to use now"
)
LIVE_ALERT_TIME_FUTURE = (
    "the alert time is later than now: check the time, or leave it empty to use now"
)
LIVE_DEFAULT_TITLE = "Incident at {time}"
LIVE_CONTINUE_BUTTON = "Continue this incident"
LIVE_CONTINUE_HELP = (
    "An unfinished live incident is in your journal: {title}, alert at {time}."
)
LIVE_NEW_BUTTON = "Start a new incident"
LIVE_HEADER = "{title} · alert at {time} · every step is saved as a draft"
LIVE_CLOCK = "{elapsed} since the alert"
LIVE_RESUMED = "Picked up where you left off. Nothing was lost."
LIVE_STARTED = "The clock is running. Nothing to fix yet: breathe first."

# --- live companion: the first five minutes ---

LIVE_BREATHE_HEADING = "1 · Stop. Breathe."
LIVE_BREATHE_HELP = (
    "Follow the dot around the square: 4 seconds in, 4 hold, 4 out, 4 hold. "
    "The article this kit follows says it takes about ninety seconds to work: its "
    "claim, not an established fact. Or take two minutes with your hands off the "
    "keyboard and just watch the dashboard. Either one, done on purpose, is already "
    "a deliberate step: it stops the clock of your panic-to-action time."
)
LIVE_BREATHE_BUTTON = "Breathe with the square"
LIVE_PACER_WORDS = ("Breathe in", "Hold", "Breathe out", "Hold")
LIVE_PACER_FOOT = "4 seconds each side · six rounds, about ninety seconds"
LIVE_PACER_DONE = "Done. Notice your breathing now, then go on."
LIVE_HANDS_OFF_BUTTON = "Two minutes hands-off"
LIVE_HANDS_OFF_HELP = "Hands in your lap. Watch the dashboard. Let the first wave pass."
LIVE_HANDS_OFF_LEFT = "{left} of hands-off left"
LIVE_HANDS_OFF_DONE = "Two minutes are up. Now read the first error line, out loud."

LIVE_ERROR_HEADING = "2 · Read the first error line aloud"
LIVE_ERROR_HELP = (
    "Only the top line, not the whole stack trace. Say it out loud, slowly. "
    "Paste it here if you like."
)
LIVE_ERROR_PLACEHOLDER = "the first error line"
LIVE_ERROR_BUTTON = "I read it aloud"

LIVE_BROKEN_HEADING = "3 · One sentence: what is actually broken?"
LIVE_BROKEN_HELP = (
    "What you can see is broken, not what you think caused it. One sentence is enough."
)
LIVE_BROKEN_PLACEHOLDER = "e.g. checkout returns errors for card payments"
LIVE_BROKEN_BUTTON = "Keep this sentence"

LIVE_BROADCAST_HEADING = "4 · Tell people"
LIVE_BROADCAST_HELP = (
    "Fill in three blanks, copy the message into your incident channel, then press "
    "the button so its time is kept. \"I do not know yet\" is a fine thing to write "
    "in a blank, and a fine thing to say to yourself: it is true, and it is a start."
)
LIVE_BROADCAST_SYMPTOM = "symptom, e.g. failed payments"
LIVE_BROADCAST_SERVICE = "service, e.g. checkout"
LIVE_BROADCAST_USERS = "rough user count, e.g. about 2,000 users"
LIVE_BROADCAST_TEMPLATE = (
    "Detected {symptom} on {service}. Impact: {users}. Investigating now."
)
LIVE_BROADCAST_BLANK = "…"
LIVE_BROADCAST_BUTTON = "I sent this message"
LIVE_BROADCAST_SENT = "First message sent at {time}."

LIVE_TRIAGE_HEADING = "5 · Five minutes of triage, then escalate"
LIVE_TRIAGE_HELP = (
    "The five minutes run from the alert. No root cause by then means you bring "
    "someone in: that is a triage decision, not a failure."
)
LIVE_TRIAGE_LEFT = "{left} of triage left"
LIVE_TRIAGE_FOUND_BUTTON = "I know the root cause"
LIVE_TRIAGE_UP = (
    "Five minutes have passed and the root cause is not clear yet. This is the moment "
    "to escalate: page the next person or your lead. It is the plan working."
)
LIVE_TRIAGE_ESCALATED = "Escalated at {time}. You are not alone with it now."
LIVE_TRIAGE_FOUND = "Root cause noted at {time}. Go on to the fix: rollback first."
LIVE_ESCALATE_PLACEHOLDER = "who you brought in (optional)"
LIVE_ESCALATE_BUTTON = "I escalated"

# --- live companion: the next twenty minutes ---

LIVE_STEP_HEADING = "6 · A step on the problem"
LIVE_STEP_HELP = (
    "Your first deliberate step may already be behind you: breathing, the hands-off "
    "timer, the one sentence or the broadcast each counted. This is for the first "
    "hands-on step on the problem itself, chosen, not typed in a hurry. Write what it "
    "is, then press the button as you take it."
)
LIVE_STEP_PLACEHOLDER = "e.g. rolled back release 4.2.1"
LIVE_STEP_BUTTON = "I am taking a step on the problem"
LIVE_STEP_AGAIN_BUTTON = "Log another step on the problem"
LIVE_STEP_RECORDED = (
    "First step on the problem at {time}. Well chosen is better than fast."
)

LIVE_ROLLBACK_HEADING = "7 · Rollback first"
LIVE_ROLLBACK_HELP = "Boring and safe is good. Tick each one as you go."
LIVE_ROLLBACK_ITEMS = (
    "Checked for a recent deploy or config change that can be rolled back",
    "Rolled back, or decided a rollback does not apply",
    "No rollback: isolated the one commit or config that changed",
    "Fixing only that one thing, no refactoring",
    "Tried the fix on staging first",
)

LIVE_UPDATE_HEADING = "8 · Second update"
LIVE_UPDATE_HELP = "Once you know more, tell people again, in one line each."
LIVE_UPDATE_CAUSE = "root cause, in one line"
LIVE_UPDATE_FIX = "fix, briefly"
LIVE_UPDATE_ETA = "ETA, e.g. 15 minutes"
LIVE_UPDATE_TEMPLATE = "Root cause: {cause}. Fix: {fix}. ETA: {eta}."
LIVE_UPDATE_BUTTON = "I sent this update"

LIVE_DEAD_END_HEADING = "9 · Dead ends"
LIVE_DEAD_END_HELP = (
    "Each thing you tried that did not help, one line each. It makes the post-mortem "
    "much quicker, and it is not a score."
)
LIVE_DEAD_END_PLACEHOLDER = "e.g. restarted the pods: errors continued"
LIVE_DEAD_END_BUTTON = "Log dead end"

LIVE_END_HEADING = "10 · Mitigated, then resolved"
LIVE_END_HELP = (
    "Mitigated: users are no longer affected. Resolved: the incident is over."
)
LIVE_MITIGATED_BUTTON = "Mitigated"
LIVE_RESOLVED_BUTTON = "Resolved"
LIVE_ALREADY = "{what} was already recorded at {time}; it stays as it is."
LIVE_RESOLVED_NEXT = (
    "Resolved at {time}. Well done getting through it. When you have had a break, "
    "finish the record in 02-after-the-incident: this draft is waiting there."
)
LIVE_TIMELINE_HEADING = "So far"
LIVE_TIMELINE_EMPTY = "Nothing logged yet."
LIVE_NOTHING_TYPED = "type a few words first, then press the button again"

# The texts the companion writes into events it creates itself (the person's own words
# are added after a colon where they typed something).
LIVE_EVENT_TEXTS = {
    "started": "Opened the live companion.",
    "triage_started": "Five-minute triage clock started from the alert.",
    "breathing": "Box breathing with the pacer.",
    "hands_off": "Two minutes hands-off started.",
    "read_error": "Read the first error line aloud",
    "broken": "What is actually broken",
    "root_cause": "Root cause found.",
    "triage_up": "Five minutes of triage passed without a root cause.",
    "escalated": "Escalated",
    "checklist": "Checklist",
    "mitigated": "Mitigated: users no longer affected.",
    "resolved": "Resolved.",
}

# Marking a live draft from code or the command line (kit/draft.py).
DRAFT_WORDS_NEEDED = "{mark} needs a few words (what you sent, tried or noticed)"
DRAFT_UNKNOWN_MARK = "{mark} is not a mark the kit knows: use one of {marks}"
DRAFT_NONE_RUNNING = (
    "There is no running live draft in this journal: start one at the alert "
    "(notebook 01), or name the incident"
)

# --- log form ---

LOG_PICKER_PROMPT = "Which incident?"
LOG_PICKER_NEW = "A new incident"
LOG_PICKER_DRAFT = "Finish the draft: {title} ({when})"
LOG_PICKER_SAVED = "Correct: {title} ({when})"
LOG_LOAD_BUTTON = "Open in the form"
LOG_LOAD_CONFIRM = (
    "The form has changes that are not saved. Press the button again to replace them, "
    "or save first."
)
LOG_LOADED = "Opened {what}."
LOG_MODE_NEW = "New incident: Save adds it to your journal."
LOG_MODE_DRAFT = (
    "Finishing the draft {id}: Save completes it (the live times are kept)."
)
LOG_MODE_EDIT = "Correcting {id}: Save replaces the saved version."
LOG_DRAFTS_WAITING = (
    "{n} draft(s) from the live companion are waiting: choose one above to finish it."
)

LOG_SECTIONS = {
    "what": "What happened, in a few words",
    "times": "When",
    "body": "Your body",
    "ratings": "Distress and clarity",
    "techniques": "What you used",
    "events": "The live log",
    "postmortem": "Post-mortem questions",
    "reflection": "Just for you",
    "culture": "How the team responded",
    "save": "Save",
}

LOG_FIELD_LABELS = {
    "title": "Title",
    "service": "Service",
    "severity": "Severity",
    "role": "Your role",
    "whose": "Where did the change or the failure come from?",
    "source": "How the times were taken",
    "timezone": "Timezone of these times",
    "distress_peak": (
        "Peak distress (0-10, adapted from Wolpe's 0-100 SUDS), as you remember it"
    ),
    "clarity_next_step": "How certain were you of your next step when you first acted?",
    "heart_rate_bpm": "Heart rate, if you know it (beats per minute)",
    "body_notes": "Anything else your body did",
    "culture_response": "The team's first response",
    "culture_safety": 'How safe did it feel to say "I broke it"? (1-5)',
}

LOG_PLACEHOLDERS = {
    "title": "e.g. Payments down after a config typo",
    "service": "e.g. payments-api",
    "heart_rate_bpm": "e.g. 110",
}

LOG_TIME_NAMES = {
    "alert_at": "Alert: you noticed or were paged",
    "first_action_at": "First deliberate step (breathing, timer, broadcast, a step…)",
    "hands_on_at": "First step on the problem itself",
    "broadcast_at": "First broadcast",
    "escalated_at": "Escalated",
    "mitigated_at": "Mitigated: users no longer affected",
    "resolved_at": "Resolved",
}

LOG_TIMES_HELP = (
    "Type the digits of each date and time, use the arrow keys, or open the calendar. "
    "Leave a later date empty when it is the alert's day. Times you remember "
    "afterwards are estimates; that is fine, and the source below says so."
)
LOG_TZ_LOCAL = "This computer's local time ({name})"
LOG_TZ_FIXED = "UTC{offset}"
LOG_DATE_UNREADABLE = "{field}: write the date as YYYY-MM-DD, e.g. 2026-03-10"
LOG_TIME_UNREADABLE = "{field}: write the time as HH:MM (24-hour), e.g. 14:47"
LOG_DATE_WITHOUT_TIME = "{field}: add the time too, or clear the date"
LOG_DATE_NEEDED = "{field}: add the date too"
LOG_ALERT_NEEDED = (
    "times.alert_at: the alert time is needed, the date and time you noticed or were "
    "paged"
)
LOG_HEART_UNREADABLE = (
    "body.heart_rate_bpm: write a whole number of beats per minute, e.g. 110, or leave "
    "it empty"
)
LOG_CHOOSE = "choose…"
LOG_NOT_ANSWERED = "not answered"
LOG_RATED = "include this rating"
LOG_SYMPTOMS_HELP = (
    "How strong was each, at its peak? 0 means not at all, 10 the strongest you can "
    "imagine. Leave at 0 anything that was not there."
)
LOG_SUDS_HELP = "Choosing a number includes the rating; untick to leave it out."
LOG_CLARITY_HELP = "In tens: 0 I could not see any next step, 100 highly certain."

LOG_POSTMORTEM_QUESTIONS = {
    "summary": "In two sentences, what happened?",
    "impact": "Who was affected, and how?",
    "what_happened": "What actually happened (the mechanics, not the people)?",
    "why_tests_missed": "Why didn't the tests or checks catch it?",
    "one_change": "What one change would stop it happening again?",
    "went_well": "What went well?",
}
LOG_REFLECTION_QUESTIONS = {
    "body": "How did your body feel while it was happening?",
    "at_3am": "If it hit at 3 AM next month, what would you do differently?",
    "learned": "What did you learn about how you act under pressure?",
}
LOG_REFLECTION_HELP = (
    "These answers stay in your journal. They never appear in summaries or team "
    "exports, and only go into the post-mortem if you tick the box."
)
LOG_INCLUDE_REFLECTION = "include my reflection in the post-mortem write-up"
LOG_KEEP_DRAFT = "keep it as a draft (finish later)"
LOG_EVENTS_HEADING = "Logged live: {n} entries (kept as they are)"
LOG_SAVE_BUTTON = "Save to my journal"
LOG_SAVED_NEW = "Saved {id} to your journal."
LOG_SAVED_UPDATE = "Saved your changes to {id}."
LOG_INVALID = (
    "Not saved yet: {n} thing(s) to look at, marked next to the fields. Everything you "
    "typed is still here."
)
LOG_SUMMARY_HEADING = "What Save will write"
LOG_SUMMARY_PARTS = {
    "untitled": "(no title yet)",
    "no_service": "no service",
    "severity_missing": "severity not chosen",
    "time_missing": "not set",
    "time_unreadable": "not readable yet",
    "after_alert": "{minutes} min after the alert",
    "distress": "peak distress {value}/10",
    "distress_none": "peak distress not rated",
    "clarity": "clarity {value}/100",
    "clarity_none": "clarity not rated",
    "heart": "heart rate {value} bpm",
    "heart_none": "heart rate not given",
    "heart_unreadable": "heart rate not readable yet",
    "symptoms_none": "no body responses rated",
    "notes": "body notes: {chars} characters",
    "techniques_none": "no techniques ticked",
    "postmortem": "post-mortem: {n} of 6 answered",
    "reflection": "reflection: {n} of 3 answered (private, not shown here)",
    "culture": "team response: {response}",
    "safety": "safety to say it {value}/5",
    "events": "{n} live log entries kept",
    "draft": "saved as a draft",
    "finished": "saved as finished",
}
