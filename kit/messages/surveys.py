"""Words for the instruments: the team psychological safety scale, the environment
audit, the systemic-defect question, the stay-or-fight reflection, and where to find
help.

These words observe the environment; they never pass a verdict on a person, and never
diagnose. The help text points to real people and services and says plainly that the
kit is a reflection tool.
"""

from __future__ import annotations

__all__ = [
    "SAFETY_SOURCE",
    "SAFETY_PARAPHRASE_NOTE",
    "SAFETY_ITEMS",
    "SAFETY_SCALE_LABELS",
    "SAFETY_REVERSED_NOTE",
    "SAFETY_FORM_INTRO",
    "SAFETY_ANCHORS_NOTE",
    "SAFETY_ITEM_LABEL",
    "SAFETY_FORM_BUTTON",
    "SAFETY_FORM_SAVE_BUTTON",
    "SAFETY_FORM_MISSING",
    "SAFETY_FORM_SCORE",
    "SAFETY_FORM_PRIVATE",
    "SAFETY_FORM_SAVED",
    "SAFETY_FORM_NO_FOLDER",
    "SAFETY_ERR_ANSWERS",
    "SAFETY_ANSWER_PROBLEMS",
    "SAFETY_ERR_COLUMNS",
    "SAFETY_ERR_CELL",
    "SAFETY_ERR_NO_FOLDER",
    "SAFETY_AGG_SHOWN",
    "SAFETY_AGG_ITEMS_HEADING",
    "SAFETY_AGG_ITEM",
    "SAFETY_AGG_ITEM_TURNED",
    "SAFETY_AGG_HIDDEN",
    "SAFETY_AGG_NONE",
    "SAFETY_AGG_CAVEAT",
    "AUDIT_FIELDS",
    "AUDIT_INTRO",
    "AUDIT_BUTTON",
    "AUDIT_EMPTY",
    "AUDIT_UNANSWERED",
    "AUDIT_NOT_A_NUMBER",
    "AUDIT_OBSERVATIONS",
    "AUDIT_CLOSING",
    "DEFECT_QUESTION",
    "DEFECT_PLACEHOLDER",
    "DEFECT_BUTTON",
    "DEFECT_NAMED",
    "DEFECT_NONE",
    "DEFECT_PRIVATE",
    "STAY_QUESTIONS",
    "STAY_OPTIONS",
    "STAY_WEIGHT_QUESTION",
    "STAY_WEIGHT_ANCHORS",
    "STAY_BUTTON",
    "STAY_OBSERVATIONS",
    "STAY_PRIVATE",
    "DISTRESS_NOTE_WEIGHT",
    "DISTRESS_NOTE_HELP",
    "DISTRESS_NOT_ONE_PERSON",
    "HELP_TEXT",
]

# --- team psychological safety (Edmondson 1999) ---------------------------------------
SAFETY_SOURCE = (
    "Edmondson, A. (1999). Psychological safety and learning behavior in work teams. "
    "Administrative Science Quarterly, 44(2), 350-383."
)
SAFETY_PARAPHRASE_NOTE = (
    "The seven statements below are paraphrased in the kit's own words from "
    "Edmondson's team psychological safety scale; they are not the published wording. "
    "Use the published items if you need results comparable with research."
)
# Paraphrased, in the scale's order. Items 1, 3 and 5 are phrased the unsafe way round
# and are reverse-scored (8 minus the answer).
SAFETY_ITEMS = (
    "On this team, a slip you make tends to be counted against you later.",
    "People on this team are able to raise problems and hard issues.",
    "People on this team sometimes shut others out for being different.",
    "It feels safe to take a risk on this team.",
    "It is hard to ask other people on this team for help.",
    "Nobody on this team would knowingly act in a way that undercuts my work.",
    "Working with this team, my particular skills and talents are valued and used.",
)
# The paper's seven-point scale ran from "very inaccurate" (1) to "very accurate" (7):
# those two anchors are Edmondson's; the five between are the kit's.
SAFETY_SCALE_LABELS = {
    1: "1 very inaccurate",
    2: "2 inaccurate",
    3: "3 somewhat inaccurate",
    4: "4 neither",
    5: "5 somewhat accurate",
    6: "6 accurate",
    7: "7 very accurate",
}
SAFETY_ANCHORS_NOTE = (
    "Each statement is rated from 1 (very inaccurate) to 7 (very accurate) as a "
    "description of your team: the two ends of the seven-point scale used in "
    "Edmondson's 1999 paper; the labels between them are the kit's."
)
SAFETY_REVERSED_NOTE = (
    "Statements 1, 3 and 5 are worded the other way round, so their answers are turned "
    "over (8 minus the answer) before the mean is taken. The score runs from 1 to 7; "
    "higher means the team feels safer to speak up in."
)
SAFETY_FORM_INTRO = (
    "How accurately does each statement describe your team as it is now? From 1 "
    "(very inaccurate) to 7 (very accurate)."
)
SAFETY_ITEM_LABEL = "Statement {number}"
SAFETY_FORM_BUTTON = "Show my self-check"
SAFETY_FORM_SAVE_BUTTON = "Add my answers anonymously to the team folder"
SAFETY_FORM_MISSING = "Answer all seven statements first (still open: {items})."
SAFETY_FORM_SCORE = (
    "Your self-check: {score:.1f} out of 7. This is your own reading of the team "
    "today, not a grade of it or of you; it is most useful beside your team's answers."
)
SAFETY_FORM_PRIVATE = (
    "Nothing is saved unless you press the button to add your answers. Added answers "
    "carry no name, pseudonym or date and get a random file name, and the team sees "
    "only the mean of five or more people. On a shared server the facilitator can "
    "still see which account added a file."
)
SAFETY_FORM_SAVED = (
    "Added anonymously. Thank you: the team figure appears once five or more people "
    "have answered."
)
SAFETY_FORM_NO_FOLDER = (
    "There is no team folder here, so nothing can be added. On the team's server the "
    "folder is set for you; elsewhere, set SAFETY_FOLDER to the folder your "
    "facilitator gave you."
)
SAFETY_ERR_ANSWERS = (
    "The self-check needs seven whole-number answers from 1 to 7, one per statement "
    "(statement {item} is {problem})."
)
# The {problem} of SAFETY_ERR_ANSWERS.
SAFETY_ANSWER_PROBLEMS = {
    "missing": "missing",
    "extra": "one too many",
    "not_whole": "not a whole number",
    "outside": "outside 1 to 7",
}
SAFETY_ERR_COLUMNS = (
    "{file} does not hold survey answers in the kit's format (the columns are format, "
    "item_1 ... item_7): ask for it to be saved again with the form."
)
SAFETY_ERR_CELL = (
    "{file}, line {line}, column {column}: answers are whole numbers from 1 to 7; the "
    "file is left out."
)
SAFETY_ERR_NO_FOLDER = "There is no folder of survey answers at {folder} yet."
SAFETY_AGG_SHOWN = (
    "**Team psychological safety: {score:.1f} out of 7**, the mean of {n} anonymous "
    "answers (each person's score is the mean of the seven statements, with statements "
    "1, 3 and 5 turned over)."
)
SAFETY_AGG_ITEMS_HEADING = "Statement by statement (after turning over 1, 3 and 5):"
SAFETY_AGG_ITEM = "{number}. {mean:.1f}: {statement}"
SAFETY_AGG_ITEM_TURNED = "{number}. {mean:.1f}: {statement} (turned over)"
SAFETY_AGG_HIDDEN = (
    "The team figure is hidden: {n} answer(s) so far, and the kit shows it only from "
    "{min_people} answers up, so that nobody's answers can be picked out. Wait for "
    "more answers before opening the figure."
)
SAFETY_AGG_NONE = (
    "No survey answers yet. People answer in notebook 07 and add them anonymously to "
    "the folder the facilitator names."
)
SAFETY_AGG_CAVEAT = (
    "Read it as the start of a conversation about the team's habits, not a grade: the "
    "question is what would make it easier to say I broke it and hear first what we "
    "can learn."
)

# --- the environment audit ------------------------------------------------------------
AUDIT_FIELDS = {
    "rotation_people": "People in the on-call rotation",
    "services_covered": "Services the rotation covers",
    "pages_per_week": "Pages in a typical week",
    "out_of_hours_pages": "Of those, pages out of hours",
    "deploys_last_month": "Deploys last month",
    "deploys_skipping_staging": "Of those, deploys that skipped staging",
    "friday_evening_deploys": "Of those, deploys on a Friday evening",
    "postmortems_last_quarter": "Post-mortems last quarter",
    "postmortems_about_a_person": "Of those, post-mortems whose first question was "
    "about a person rather than the mechanism",
}
AUDIT_INTRO = (
    "Rough numbers are fine. This looks at the environment, not at anyone in it: each "
    "line below is an observation about the system you work in."
)
AUDIT_BUTTON = "Show observations"
AUDIT_EMPTY = (
    "Fill in the numbers you know (leave the rest empty: an empty question stays "
    "unanswered) and press the button."
)
AUDIT_UNANSWERED = "not answered"
AUDIT_NOT_A_NUMBER = (
    "\"{field}\" needs a whole number from 0, or nothing at all if you would rather "
    "not answer it."
)
AUDIT_OBSERVATIONS = {
    "coverage": "Each person in the rotation covers about {ratio:.0f} service(s).",
    "coverage_wide": (
        "That is more than anyone can know well at 3 AM. The gap comes from how the "
        "rotation is designed, not from the people in it."
    ),
    "small_rotation": (
        "With {people} people in the rotation, each is on call about one week in "
        "{people}, which leaves little time to recover between shifts."
    ),
    "pages": "{pages} page(s) in a typical week is about {per_day:.1f} a day.",
    "out_of_hours": (
        "{night} of them ({share:.0%}) come out of hours. Each one interrupts rest, "
        "and the next day's work carries the cost."
    ),
    "out_of_hours_many": (
        "Several out-of-hours pages a week is a load that personal resilience cannot "
        "absorb for long; it is a property of the alerting and of the system."
    ),
    "staging_skipped": (
        "{skipped} of {deploys} deploy(s) ({share:.0%}) skipped staging: each reached "
        "users without the rehearsal the pipeline exists to give."
    ),
    "staging_used": "No deploy skipped staging: the pipeline's rehearsal is in use.",
    "friday": (
        "{friday} deploy(s) went out on a Friday evening, when the fewest people are "
        "around to notice a problem and help."
    ),
    "postmortems_person": (
        "{person} of {total} post-mortem(s) started with a person rather than the "
        "mechanism. Where that is the first question, people learn to hide incidents "
        "and the system stops learning from them."
    ),
    "postmortems_mechanism": (
        "Every post-mortem started with the mechanism: that is what lets people say "
        "I broke it early."
    ),
    "no_postmortems": (
        "No post-mortems last quarter: either a calm quarter, or incidents that ended "
        "without anyone writing down what the system taught."
    ),
}
AUDIT_CLOSING = (
    "None of these is a judgement of you. If several lines describe your week, it is "
    "the question this notebook asks: resilient against what, a hard bug or a hard "
    "environment?"
)

# --- one systemic defect --------------------------------------------------------------
DEFECT_QUESTION = (
    "Name one systemic defect you personally influenced last quarter: a flaky alert "
    "fixed, a runbook written, a staging gap closed, a rotation rebalanced."
)
DEFECT_PLACEHOLDER = "A few words are enough. This stays in this notebook only."
DEFECT_BUTTON = "Reflect"
DEFECT_NAMED = (
    "That counts. Influencing the system, even a little, is the part of resilience "
    "that lasts: it changes what the next person meets at 3 AM. What made it possible, "
    "and could it happen again this quarter?"
)
DEFECT_NONE = (
    "Nothing comes to mind? That is common, and it may say more about how much room "
    "the environment gives you than about you. Ask what stood in the way: time, "
    "permission, or the question never coming up. That answer is worth taking into "
    "the next section."
)
DEFECT_PRIVATE = "Nothing typed here is saved or shared."

# --- stay or fight --------------------------------------------------------------------
STAY_QUESTIONS = {
    "leadership": (
        "When you raise a problem in the system, does leadership want the system to "
        "change, rather than you to cope?"
    ),
    "influence": "Could you name one systemic defect you influenced last quarter?",
    "learning": "Are incidents still teaching you something, or mostly to be endured?",
    "support": (
        "Is there someone at work you can say I broke it to, and hear help first?"
    ),
}
STAY_OPTIONS = {
    "leadership": (("yes", "yes"), ("sometimes", "sometimes"), ("no", "no")),
    "influence": (("yes", "yes"), ("not really", "no")),
    "learning": (("still learning", "learning"), ("both", "both"),
                 ("mostly enduring", "enduring")),
    "support": (("yes", "yes"), ("not sure", "unsure"), ("no", "no")),
}
STAY_WEIGHT_QUESTION = (
    "Over the last few weeks, how heavy has work felt, outside incidents as well as in "
    "them?"
)
STAY_WEIGHT_ANCHORS = "0 light, 5 heavy but manageable, 10 too heavy to carry"
STAY_BUTTON = "Reflect"
STAY_OBSERVATIONS = {
    "fight": (
        "Staying to fight has something to work with here: leadership wants the system "
        "to change, and you have already moved it once."
    ),
    "leadership_no": (
        "Staying to fight works when leadership wants the system, not you, to change. "
        "Where it does not, enduring is not a career strategy, and looking elsewhere "
        "is a reasonable choice rather than a failure."
    ),
    "leadership_sometimes": (
        "Sometimes is a place to start: which problems did get a hearing, and what did "
        "they have in common?"
    ),
    "influence_no": (
        "Not being able to name a defect you influenced may say more about the room "
        "the environment gives you than about you."
    ),
    "enduring": (
        "When incidents are mostly endured rather than learned from, the load is "
        "coming from the environment faster than experience can absorb it."
    ),
    "learning": (
        "Incidents are still teaching you: that is the skill growing, whatever it "
        "feels like at the time."
    ),
    "support_no": (
        "Having nobody to tell is a property of the team, and worth naming: a mentor "
        "outside the team can fill part of that gap."
    ),
    "open": (
        "There is no right answer here. Whichever way you lean, write down what would "
        "have to change for you to lean the other way."
    ),
}
STAY_PRIVATE = "Nothing here is saved or shared; it stays in this notebook."

# --- sustained distress ---------------------------------------------------------------
DISTRESS_NOTE_WEIGHT = (
    "You rated the weight of work at {weight} out of 10. That is a lot to carry, and "
    "you do not have to carry it alone."
)
DISTRESS_NOTE_HELP = (
    "If it has felt like this for a while, it may help to talk to someone you trust: "
    "a friend, a mentor, or a manager you feel safe with. If your employer has an "
    "employee assistance programme, it is confidential and usually free to use. A "
    "doctor is also a good person to talk to about stress that stays with you after "
    "work.\n\n"
    "If you ever feel you cannot keep yourself safe, contact your local emergency "
    "services or a crisis line now; findahelpline.com lists free, confidential lines "
    "by country.\n\n"
    "This kit is for reflection only: it cannot tell what is going on for you, only "
    "that these numbers stayed high."
)
DISTRESS_NOT_ONE_PERSON = (
    "This note reads one person's own journal; a pooled team frame holds several "
    "people and is never used for it."
)
HELP_TEXT = (
    "**Where to find help.** Incidents end; what they leave behind sometimes does not. "
    "If work has felt heavy for weeks, talk to someone you trust: a friend, a mentor, "
    "a manager you feel safe with. Many employers have an employee assistance "
    "programme (confidential, usually free); a doctor can help with stress that "
    "follows you home. In a crisis, or if you ever feel you cannot keep yourself safe, "
    "contact local emergency services or a crisis line: findahelpline.com lists free, "
    "confidential lines by country. This kit is a reflection tool and cannot tell what "
    "is going on for you; people can."
)
