"""Words for the blameless post-mortem: the wording check's answers, form, document.

Words only: what the check looks for is in ``kit/lexicons/`` and ``kit/blame.py``. A
finding carries a category (``blame_other``, ``self_blame``, ``ownership``, ``label``,
``hindsight``) and a reason (``lapse``, ``judgement`` ...); ``BLAME_ANSWERS`` holds what
a person reads next to it, by category and reason, with a ``default`` for each
category. None of these words may read as blame themselves: they are checked with
``kit.check_blame`` like every other message of the kit.
"""

from __future__ import annotations

__all__ = [
    "BLAME_ANSWERS",
    "BLAME_CATEGORY_LABELS",
    "BLAME_GROUP_INTROS",
    "SELF_BLAME_CARE",
    "POSTMORTEM_FIELD_LABELS",
    "POSTMORTEM_FIELD_HELP",
    "POSTMORTEM_FORM",
    "POSTMORTEM_DOC",
    "POSTMORTEM_TIMELINE",
]

# --- what the check says ------------------------------------------------------------

_LAPSE = {
    "why": (
        "This makes a lapse of one person the cause. Steps get dropped and misread in "
        "every team, every week; the useful question is what let this one reach "
        "production, and what would catch it next time, whoever is at the keyboard."
    ),
    "rewrite": (
        "Describe the step and what was missing around it, e.g. 'the migration step "
        "is manual, and nothing checks that it ran before the deploy'."
    ),
}
_SELF = {
    "why": (
        "That sounds like a heavy moment, and many engineers feel this way after an "
        "incident. What happened is an event, not a verdict on who you are: incidents "
        "happen to good engineers, and living through them is how the fear gets "
        "smaller."
    ),
    "rewrite": (
        "Try keeping the event and yourself apart: 'The command ran against the "
        "production database. It shook me, and I am learning what would make that "
        "harder to do.'"
    ),
}

BLAME_ANSWERS = {
    "blame_other": {
        "default": _LAPSE,
        "lapse": _LAPSE,
        "judgement": {
            "why": (
                "A word about how someone works, or who they are, explains nothing "
                "about the system, and it teaches people to hide the next slip."
            ),
            "rewrite": (
                "Describe what happened instead: 'the review did not include the "
                "migration file'."
            ),
        },
        "punishment": {
            "why": (
                "A penalty settles the question of who, and leaves the question of "
                "how open, so the same conditions wait for the next person. It also "
                "tells everyone watching to stay quiet about their own slips."
            ),
            "rewrite": (
                "Write what will change in the system or the process: 'the delete "
                "command now asks for the cluster name before it runs'."
            ),
        },
        "label": {
            "why": (
                "This label stops the search just where it gets useful. A slip is "
                "where the investigation starts: what made it easy to make, and hard "
                "to catch?"
            ),
            "rewrite": (
                "Describe the action and its context: 'the command ran against "
                "production because both terminals looked the same'."
            ),
        },
        "cause": {
            "why": (
                "Naming a person as the cause ends the search at a name. The same "
                "change could have come from anyone on the team; describe what the "
                "change did and why nothing stopped it."
            ),
            "rewrite": (
                "Name the change, not the person: 'the config change removed the "
                "upstream host, and the deploy had no health check that would have "
                "stopped it'."
            ),
        },
        "record": {
            "why": (
                "A person's history turns a question about this incident into a "
                "judgement of them. If the same kind of slip keeps happening, that is "
                "a finding about the conditions people work in."
            ),
            "rewrite": (
                "Ask what the earlier events have in common: 'three of the last four "
                "wrong-target commands came from the same two-terminal setup'."
            ),
        },
        "order": {
            "why": (
                "An instruction to one person about what they did reads as a verdict "
                "on them. Everyone already wants to be careful; what helps is a change "
                "that makes the slip hard to make, for whoever comes next."
            ),
            "rewrite": (
                "Write the change for everyone: 'CI now blocks a merge while its "
                "checks fail', or 'the release script asks which part of the version "
                "to raise'."
            ),
        },
        "question": {
            "why": (
                "A question about who points the room at a person, and people stop "
                "sharing what they saw. A question about what happened keeps them "
                "talking, which is where the learning is."
            ),
            "rewrite": (
                "Ask about the event: 'What happened, and what made it possible?' or "
                "'How did this change reach production?'"
            ),
        },
        "hindsight": {
            "why": (
                "This judges a choice by an ending nobody knew yet. At the time, the "
                "choice made sense to the person making it; the post-mortem asks why "
                "it made sense, and what would make the safer path the easy one."
            ),
            "rewrite": (
                "Say what the situation offered then: 'the dashboard did not show the "
                "replica lag, and the runbook had no step for it'."
            ),
        },
        "counterfactual": {
            "why": (
                "Imagining a different choice by a person does not change the system. "
                "Ask what would have made the safer choice the easy one for anyone."
            ),
            "rewrite": (
                "Write the counterfactual about the system: 'a canary stage would "
                "have stopped the rollout at 5% of traffic'."
            ),
        },
    },
    "self_blame": {
        "default": _SELF,
        "identity": _SELF,
        "reproach": {
            "why": (
                "You are being hard on yourself here. Owning your part is honest and "
                "brave; the reproach adds weight without adding learning. The part "
                "worth keeping is what happened and what would make it harder to "
                "happen again."
            ),
            "rewrite": (
                "Keep the fact, drop the verdict: 'I ran the update without a "
                "transaction; the table type did not support one, and nothing told "
                "me so.'"
            ),
        },
    },
    "ownership": {
        "default": {
            "why": (
                "Thank you for saying plainly what you did: that honesty is what "
                "makes a team safe to learn in. In a shared document, add the "
                "mechanism too, so the fix lands on the system rather than on you."
            ),
            "rewrite": (
                "Follow it with the how: what let this step reach production, and "
                "what would catch it next time, for anyone?"
            ),
        },
    },
    "label": {
        "default": {
            "why": (
                "Nobody is named here, and that is good; but the label stops the "
                "search just where it gets useful. Every system has people in it, so "
                "a slip is where the investigation starts: what made it easy to make, "
                "and hard to catch?"
            ),
            "rewrite": (
                "Describe the action and its context: 'the command ran against "
                "production because both terminals looked the same'."
            ),
        },
    },
    "hindsight": {
        "default": {
            "why": (
                "It looks clear now because we know how it ended. At the time the "
                "signals were mixed; describe what was visible then, and why it did "
                "not stand out."
            ),
            "rewrite": (
                "'At 14:02 one of twelve panels showed a step change, and no alert "
                "was set on it.'"
            ),
        },
        "counterfactual": {
            "why": (
                "A wish about the past does not change the system. Ask what would "
                "make the safer path the easy one next time."
            ),
            "rewrite": (
                "Write the counterfactual about the system: 'a canary stage would "
                "have stopped the rollout at 5% of traffic'."
            ),
        },
    },
}

BLAME_CATEGORY_LABELS = {
    "blame_other": "About someone else",
    "self_blame": "About yourself",
    "ownership": "Owning your part",
    "label": "Labels that close the question",
    "hindsight": "Hindsight",
}

BLAME_GROUP_INTROS = {
    "blame_other": (
        "These phrases make a person the cause. Each one is shown crossed out, with a "
        "way to say it about the system."
    ),
    "self_blame": (
        "These are hard words about yourself. What happened is an event, not a "
        "verdict on you."
    ),
    "ownership": (
        "Here you say plainly what you did. That is honest, and it is welcome; a "
        "shared document also needs the mechanism around it."
    ),
    "label": (
        "These words name a cause without saying what happened. They blame nobody, "
        "and they end the search early; say what the action was and what made it "
        "easy."
    ),
    "hindsight": (
        "These phrases judge with knowledge that came later. Describe what was "
        "visible at the time."
    ),
}

SELF_BLAME_CARE = (
    "If thoughts like this stay with you for days, or make it hard to sleep or work, "
    "please talk to someone you trust, or to a professional. This kit is a reflection "
    "tool, not a clinical one."
)

# --- the form ------------------------------------------------------------------------

POSTMORTEM_FIELD_LABELS = {
    "summary": "Summary",
    "impact": "Impact",
    "what_happened": "1. What actually happened?",
    "why_tests_missed": "2. Why didn't our tests catch it?",
    "one_change": "3. What one change prevents it recurring?",
    "went_well": "What went well",
}

POSTMORTEM_FIELD_HELP = {
    "summary": "Two or three sentences: what users saw, and what stopped it.",
    "impact": "Who was affected, roughly how many, and for how long.",
    "what_happened": (
        "The mechanics, step by step: what the system did, in order. Your dead ends "
        "from the live log go into the timeline by themselves."
    ),
    "why_tests_missed": (
        "Which check could have seen this, and why it did not: a path no test covers, "
        "a mock that hid it, a staging that differs from production."
    ),
    "one_change": (
        "One change, to the system or the process, that would stop this happening "
        "again. One is enough; it is more likely to get done."
    ),
    "went_well": (
        "What helped: an alert that fired, a rollback that worked, a broadcast that "
        "went out early, a breath taken before typing."
    ),
}

POSTMORTEM_FORM = {
    "picker": "Incident",
    "draft": "draft",
    "include_reflection": "Include my reflection in the document",
    "include_reflection_help": (
        "Your reflection is private unless you tick this. When ticked, the wording "
        "check reads it too, because it will be in the document."
    ),
    "check": "Check wording",
    "save": "Save",
    "export": "Export Markdown",
    "preview": "Preview of the document",
    "reflection_field": "Your reflection (from notebook 02)",
    "no_findings": "Nothing here reads as blame. Mechanics, not people: well done.",
    "n_findings": (
        "{n} phrase(s) may read as blame. Each one is shown under its answer, with "
        "why, and a way to say it as mechanics. You decide: saving works either way."
    ),
    "finding_try": "Try:",
    "empty_journal": (
        "Your journal has no incidents yet. To show how the post-mortem works, this "
        "form is open on the sample journal, read-only: the wording check works, "
        "saving and exporting are off. Log an incident in 02-after-the-incident, then "
        "come back."
    ),
    "on_sample": (
        "This is the sample journal, read-only: try the wording check freely; saving "
        "and exporting are off."
    ),
    "sample_read_only": (
        "The sample journal is read-only, so nothing was saved or written. Your own "
        "incidents can be saved here once you log one in 02-after-the-incident."
    ),
    "no_incidents": (
        "There are no incidents to write about yet. Log one in 02-after-the-incident, "
        "then come back."
    ),
    "not_found": (
        "There is no incident {id} in this journal, so the most recent one is shown "
        "instead."
    ),
    "unreadable": (
        "{n} file(s) in the journal could not be loaded and are not in the list; "
        "notebook 02 shows why."
    ),
    "showing": "Showing {id}.",
    "restored": "Showing {id}, with the answers you had not saved yet.",
    "saved": "Saved the post-mortem of {id}.",
    "saved_with_findings": (
        "Saved the post-mortem of {id}. {n} phrase(s) may still read as blame; you can "
        "rewrite them any time."
    ),
    "save_failed": "Nothing was saved: {reason}",
    "exported": "Wrote the document to {path}",
    "export_failed": "No document was written: {reason}",
    "checked": "Checked the wording of every answer.",
}

# --- the document --------------------------------------------------------------------

POSTMORTEM_DOC = {
    "title": "Post-mortem: {title}",
    "draft_note": "This incident is still a draft in the journal.",
    "service": "Service",
    "severity": "Severity",
    "alert": "Alert",
    "to_mitigate": "Time to mitigate",
    "to_resolve": "Time to resolve",
    "minutes": "{m} min",
    "summary": "Summary",
    "impact": "Impact",
    "timeline": "Timeline",
    "timeline_time": "Time",
    "timeline_since": "Since alert (min)",
    "timeline_what": "What happened",
    "no_timeline": "Only the alert time is known.",
    "dead_ends": "Dead ends tried",
    "dead_ends_note": (
        "Paths that were tried and did not help; each one narrowed the search."
    ),
    "what_happened": "What actually happened?",
    "why_tests_missed": "Why didn't our tests catch it?",
    "one_change": "The one change that prevents it recurring",
    "went_well": "What went well",
    "reflection": "Reflection, shared by the author",
    "reflection_body": "How my body responded",
    "reflection_at_3am": "What I would do differently at 3 AM next month",
    "reflection_learned": "What I learned",
    "not_written": "Not written yet.",
    "footer": (
        "Written with the incident reflection kit. A blameless post-mortem: it "
        "describes what the system did, so that the fix lands on the system."
    ),
}

POSTMORTEM_TIMELINE = {
    "alert_at": "Alert: noticed or paged",
    "first_action_at": "First deliberate step",
    "hands_on_at": "First step on the problem",
    "broadcast_at": "First broadcast sent",
    "escalated_at": "Escalated",
    "mitigated_at": "Mitigated: users no longer affected",
    "resolved_at": "Resolved",
    "dead-end": "Dead end",
}
