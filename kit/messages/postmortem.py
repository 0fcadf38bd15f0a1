"""Words for the blameless post-mortem: the wording check's rules, form, document.

The rule table ``BLAME_RULES`` lives here because its ``why`` and ``rewrite`` are what a
person reads next to a phrase the check found. Read the table top to bottom: the first
rule that matches a stretch of text wins, so the more specific rules come first.

How to read a pattern
---------------------
- A space stands for a short run of whitespace (up to 8 characters, newlines included).
- ``@NAME@`` is a fragment from ``FRAGMENTS`` (a person, an adverb ...), written once.
- Matching ignores case, except inside ``(?-i:...)`` (used for names and for "I").
- ``keywords`` (lower case) are words every match of the rule contains. A rule is tried
  only within a short window around them, one sentence at a time, and every quantifier
  is bounded: a long text cannot make the check slow.

None of the ``why`` or ``rewrite`` words may quote blame language themselves: they are
checked with ``kit.check_blame`` like every other message of the kit.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BLAME_RULE_WORDS",
    "BLAME_CATEGORY_LABELS",
    "SELF_BLAME_CARE",
    "POSTMORTEM_FIELD_LABELS",
    "POSTMORTEM_FIELD_HELP",
    "POSTMORTEM_FORM",
    "POSTMORTEM_DOC",
    "POSTMORTEM_TIMELINE",
]


@dataclass(frozen=True)
class BlameRule:
    """One row of the table: what to look for, and what to say about it."""

    name: str
    category: str
    pattern: str
    why: str
    rewrite: str
    #: Lower-case words every match contains; the rule is tried only near them (speed).
    keywords: str


# --- fragments the patterns share ---------------------------------------------------

FRAGMENTS = {
    # Nouns for a person or a group of people in a role.
    "PERSON_NOUN": (
        r"(?:(?:person|engineer|dev|developer) on[ -]call|dev|developer|engineer"
        r"|programmer|coder|intern|hire|newbie|newcomer|contractor|admin|sysadmin"
        r"|operator|on-?call|sre|dba|author|reviewer|tester|qa|person|guy|manager"
        r"|lead|team|teammate|colleague|co-?worker|employee|staff|responder|owner)s?"
    ),
    # "the junior dev", "our backend team", "a reviewer": a determiner, up to two
    # words, then a person noun.
    "PERSON_PHRASE": (
        r"\b(?:the|a|an|our|their|his|her|that|this|some|one|another|my|your|every"
        r"|each) (?:[\w-]{1,20} ){0,2}?@PERSON_NOUN@\b"
    ),
    # A capitalised first name. Words that are sentence-initial nouns rather than
    # names (Monitoring, Validation, Deployment ...) are left out by their ending.
    "NAME": (
        r"(?-i:\b(?!(?:The|An?|It|Its|This|That|There|These|Those|Then|When|What"
        r"|Which|If|So|But|And|Or|Our|Their|His|Her|My|Your|Nothing|Something"
        r"|Everything|Everyone|Everybody|Nobody|People)\b)[A-Z][a-z]{1,20}"
        r"(?<!ing)(?<!ion)(?<!ions)(?<!ment)(?<!ness)(?<!ity)(?<!ware)\b)"
    ),
    "OTHER_PRONOUN": (
        r"\b(?:you|he|she|they|someone|somebody|nobody|no one|everyone|everybody"
        r"|anyone|whoever)\b"
    ),
    "SELF": r"\b(?:(?-i:I)|we)\b",
    "SOMEONE_ELSE": r"(?:@PERSON_PHRASE@|@OTHER_PRONOUN@|@NAME@)",
    "ANYONE": r"(?:@PERSON_PHRASE@|@OTHER_PRONOUN@|@SELF@|@NAME@)",
    # Up to two adverbs between a subject and its verb.
    "ADV": (
        r"(?:(?:just|simply|accidentally|apparently|clearly|obviously|also|then|again"
        r"|never|probably|basically|completely|totally|really|still|somehow|even"
        r"|carelessly|once again) ){0,2}"
    ),
    "INTENS": (
        r"(?:(?:such|so|just|really|completely|totally|truly|utterly|absolutely"
        r"|complete|absolute|simply|clearly|honestly|basically) ){0,2}"
    ),
    "IDENTITY": (
        r"(?:idiot|fool|failure|fraud|impostor|imposter|moron|disaster|joke|liability"
        r"|worst|stupid|useless|incompetent|worthless|hopeless|pathetic|not good"
        r" enough|no good|not cut out|not smart enough|not a real|bad at|terrible at"
        r"|awful at|hopeless at|the problem)"
    ),
    # Verbs of a lapse: a step not taken.
    "LAPSE": (
        r"(?:bother|think|notice|read|check|test|verify|validate|review|double-check"
        r"|look|follow|pay attention|paying attention|listen|ask|communicate|escalate"
        r"|catch|realise|realize|consider|update|care|run the tests)"
    ),
    # What a question about a person asks for.
    "WHO_WANTS": (
        r"(?:pushed|deployed|merged|wrote|approved|broke|did|made|changed|forgot|caused"
        r"|thought|decided|allowed|let|signed|ran|released|touched"
        r"|committed|shipped|touched|signed off|reviewed|let|messed|screwed|is"
        r" responsible|was responsible|is to blame|was to blame|owns|fault|commit"
        r"|change|code|idea|mistake|pr|bad)"
    ),
}


# --- what the check says ------------------------------------------------------------

_LAPSE_WHY = (
    "This makes a lapse of a person the cause. Steps get forgotten, skipped and "
    "misread in every team, every week; the useful question is what let this one reach "
    "production and what would catch it next time, whoever is at the keyboard."
)
_LAPSE_REWRITE = (
    "Describe the step and what was missing around it, e.g. 'the migration step is "
    "manual, and nothing checks that it ran before the deploy'."
)
_OUTCOME_WHY = (
    "Naming a person as the cause ends the search at a name. The same change could "
    "have come from anyone on the team; describe what the change did and why nothing "
    "stopped it."
)
_OUTCOME_REWRITE = (
    "Name the change, not the person: 'the config change removed the upstream host, "
    "and the deploy had no health check that would have stopped it'."
)
_SELF_WHY = (
    "That sounds like a heavy moment, and many engineers feel this way after an "
    "incident. What happened is an event, not a verdict on who you are: incidents "
    "happen to good engineers, and living through them is how the fear gets smaller."
)
_SELF_REWRITE = (
    "Try keeping the event and yourself apart: 'The command ran against the wrong "
    "database. I felt awful, and I am learning what would make that harder to do.'"
)

BLAME_RULES: tuple[BlameRule, ...] = (
    # --- self-blame turned into identity (first: answered gently) ---------------------
    BlameRule(
        name="self-identity",
        category="self-blame",
        keywords=r"i(?:'m| am| was| feel| felt| feeling)",
        pattern=(
            r"\b(?-i:I)(?:'m| am| was) @INTENS@(?:(?:a|an|the) @INTENS@)?@IDENTITY@\b"
            r"|\b(?-i:I) (?:feel|felt|feeling)(?: like)? @INTENS@(?:(?:a|an) @INTENS@)?"
            r"(?:idiot|fool|failure|fraud|impostor|imposter|moron|stupid|useless"
            r"|incompetent|worthless|hopeless|pathetic|liability)\b"
        ),
        why=_SELF_WHY,
        rewrite=_SELF_REWRITE,
    ),
    BlameRule(
        name="self-verdict",
        category="self-blame",
        keywords=(
            r"i(?:'ll| will| should| ought| don't| do not| always| constantly|"
            r" can)|wrong with me|my (?:own )?(?:fault|mistake)"
        ),
        pattern=(
            r"\b(?-i:I)(?:'ll| will) never (?:be|get|become|make it|learn|amount)\b"
            r"|\b(?-i:I) should (?:(?:just|probably|really) )?(?:quit|resign|give up"
            r"|leave the team|find another job|change careers)\b"
            r"|\b(?-i:I) (?:don't|do not) (?:really )?(?:belong|deserve)\b"
            r"|\b(?-i:I) (?:should(?:n't| not| never)|ought never to) have been"
            r" (?:given|allowed|hired|trusted|let)\b"
            r"|\b(?-i:I) (?:always|constantly) (?:break|ruin|mess|screw|wreck)\b"
            r"|\bwhat(?:'s| is) wrong with me\b"
            r"|\b(?-i:I) can(?:'t|not) do anything right\b"
            r"|\b(?:(?:it's|it is|it was|this is|this was|that's|that was) )?(?:all )?"
            r"my (?:own )?(?:fault|mistake)\b"
        ),
        why=_SELF_WHY,
        rewrite=_SELF_REWRITE,
    ),
    # --- a person as the cause --------------------------------------------------------
    BlameRule(
        name="forgot",
        category="person-as-cause",
        keywords=r"forg",
        pattern=(
            r"@ANYONE@ @ADV@(?:forgot|forgets|forget|had forgotten|has forgotten)\b"
        ),
        why=_LAPSE_WHY,
        rewrite=_LAPSE_REWRITE,
    ),
    BlameRule(
        name="should-have",
        category="person-as-cause",
        keywords=r"should|ought",
        pattern=(
            r"@ANYONE@ @ADV@(?:should|ought to)(?:n't| not)?(?: have|'ve)\b"
            r"(?! (?:a|an|the|some|any|no|more|its|their|our|his|her|one|two|enough"
            r"|been|(?:read|write|admin) access|access)\b)"
        ),
        why=(
            "This judges a choice by an ending nobody knew yet. At the time, the "
            "choice made sense to the person making it; the post-mortem asks why it "
            "made sense, and what would make the safer path the easy one."
        ),
        rewrite=(
            "Say what the situation offered then: 'the dashboard did not show the "
            "replica lag, and the runbook had no step for it'."
        ),
    ),
    BlameRule(
        name="lapse",
        category="person-as-cause",
        keywords=r"(?:n't|not|never|failed|neglected|nobody|no one|no-one)\b",
        pattern=(
            r"@ANYONE@ @ADV@(?:didn't|did not|never|failed to|neglected to|wasn't"
            r"|was not|weren't|were not|couldn't be bothered to) @ADV@@LAPSE@\b"
            r"|@ANYONE@ @ADV@not (?:bothering|thinking|noticing|reading|checking"
            r"|testing|verifying|validating|reviewing|looking|following"
            r"|paying attention|listening|asking|escalating|realising|realizing"
            r"|considering)\b"
            # the negation carried by the subject: "nobody checked"
            r"|\b(?:nobody|no one|no-one) @ADV@(?:bothered|thought|noticed|read|checked"
            r"|tested|verified|validated|reviewed|looked|followed|listened|asked"
            r"|escalated|caught|realised|realized|considered|updated|cared)\b"
        ),
        why=_LAPSE_WHY,
        rewrite=_LAPSE_REWRITE,
    ),
    BlameRule(
        name="pushed-bad",
        category="person-as-cause",
        keywords=(
            r"(?:bad|broken|buggy|faulty|untested|wrong|bogus|sloppy|dodgy|"
            r"half-baked|careless|risky)\b"
        ),
        pattern=(
            r"@ANYONE@ @ADV@(?:pushed|deployed|merged|shipped|committed|released"
            r"|rolled out|introduced|wrote|approved|applied|ran|made) (?:(?:a|an|the"
            r"|their|his|her|my|our|some|this|that) )?@ADV@(?:bad|broken|buggy|faulty"
            r"|untested|wrong|bogus|sloppy|dodgy|half-baked|careless|risky)\b"
        ),
        why=(
            "Words like 'bad' and 'broken' can only be seen afterwards. When it went "
            "out, the change looked fine to everyone who saw it; the interesting part "
            "is why."
        ),
        rewrite=(
            "Say what the change did: 'the config set the pool size to 0, and "
            "validation accepted the value'."
        ),
    ),
    BlameRule(
        name="outcome",
        category="person-as-cause",
        keywords=(
            r"(?:broke|breaks|messed|screwed|fouled|botched|dropped|blew|took|"
            r"brought|caused)\b"
        ),
        # "I broke prod" and "I caused it" are left alone: saying them out loud is
        # the safety the kit hopes for. Pinning it on someone else is not.
        pattern=(
            r"@SOMEONE_ELSE@ @ADV@(?:broke|breaks|messed up|screwed up|fouled up"
            r"|botched|dropped the ball|blew it|took down|brought down|caused)\b"
        ),
        why=_OUTCOME_WHY,
        rewrite=_OUTCOME_REWRITE,
    ),
    BlameRule(
        name="slip",
        category="person-as-cause",
        keywords=r"(?:ignored|overlooked|neglected|skipped|fat|rubber|waved|missed)\b",
        pattern=(
            r"@ANYONE@ @ADV@(?:ignored|overlooked|neglected|skipped|fat[- ]fingered"
            r"|rubber[- ]stamped|waved through"
            r"|missed (?:the|an?|that|this|his|her|their|our|my) (?:[\w-]{1,20} )?"
            r"(?:alert|warning|page|step|error|sign|signs|bug|typo|problem|issue"
            r"|check|message|notification))\b"
        ),
        why=_LAPSE_WHY,
        rewrite=_LAPSE_REWRITE,
    ),
    BlameRule(
        name="whose-mistake",
        category="person-as-cause",
        keywords=(
            r"mistake|fault|error|typo|blunder|screw|slip|oversight|"
            r"carelessness|negligence"
        ),
        pattern=(
            r"(?:(?:@NAME@|@PERSON_PHRASE@|\b(?:someone|somebody))'s?"
            r"|\b(?:his|her|their|your|our)) (?:[\w-]{1,20} )?(?:mistake|fault"
            r"|error(?! (?:budget|rate|code|message|handling|page|log|count|path"
            r"|response))|typo|blunder"
            r"|screw-?up|slip|oversight|carelessness|negligence)\b"
            r"|\b(?:mistake|error|blunder|oversight|slip|typo)s? (?:made )?by "
            r"@SOMEONE_ELSE@"
        ),
        why=(
            "This hangs the failure on someone. A blameless document describes the "
            "conditions that made the slip possible, so that the fix lands on the "
            "system, where it protects the next person too."
        ),
        rewrite=(
            "Describe the slip and what let it through: 'a typo in the region name "
            "passed review, and nothing validated the value'."
        ),
    ),
    BlameRule(
        name="seniority",
        category="person-as-cause",
        keywords=(
            r"(?:junior|new|newest|inexperienced|green|rookie|intern|newbie|"
            r"noob)\b"
        ),
        pattern=(
            r"\b(?:the|our|their|that|this|your) @ADV@(?:junior|new|newest"
            r"|inexperienced|green|rookie) (?:[\w-]{1,20}"
            r" )?(?:dev|developer|engineer|hire|guy|person|member|starter|joiner|kid)"
            r"\b(?! (?:environment|env|server|box|cluster|build|branch|instance|stack"
            r"|database|db)\b)"
            r"|\b(?:the|an|our) (?:(?:new|junior|summer) )?(?:intern|newbie|rookie"
            r"|noob)\b"
            r"|\brookie (?:mistake|error)s?\b"
        ),
        why=(
            "Naming seniority hints that inexperience was the cause. Production should "
            "be safe for someone on their first day; where it was not, that is the "
            "finding."
        ),
        rewrite=(
            "Use the role in this incident ('the author of the change', 'the on-call "
            "engineer'), or describe the step itself."
        ),
    ),
    # --- questions about a person -----------------------------------------------------
    BlameRule(
        name="who",
        category="who-question",
        keywords=r"(?:who|whoever|whose|which)\b",
        pattern=(
            # A question asked, or insinuated ("we all know who ..."); a question
            # reported ("she asked who had context") is left alone.
            r"(?:^[^\w]{0,6}|\b(?:know|knows|knew|wonder|wondered|wondering"
            r"|find out) )"
            r"(?:(?:so|and|but|ok|okay|then|now|seriously|honestly|really|well|sorry"
            r"|guys|folks|team),? )?"
            r"(?:who|whoever|whose|which (?:[\w-]{1,20} )?(?:engineer|dev|developer"
            r"|person|team|reviewer|one of you)) @ADV@(?:(?:the hell|the heck|on earth"
            r"|exactly|actually|ever) )?@WHO_WANTS@\b"
        ),
        why=(
            "A question about who points the room at a person, and people stop "
            "sharing what they saw. A question about what happened keeps them talking, "
            "which is where the learning is."
        ),
        rewrite=(
            "Ask about the event: 'What happened, and what made it possible?' or "
            "'How did this change reach production?'"
        ),
    ),
    # --- labels that close the inquiry ------------------------------------------------
    BlameRule(
        name="error-label",
        category="blame-word",
        keywords=r"(?:errors?|fault|blamed?)\b",
        pattern=(
            r"\b(?:human|operator|user|pilot|engineer|developer|dev|people|personnel)"
            r" errors?\b"
            r"|\bat fault\b|\bfault (?:lies|lay|falls|fell|rests) (?:with|on)\b"
            r"|\b(?:is|are|was|were|be) (?:(?:entirely|partly|largely|mostly|squarely"
            r"|solely|really) )?to blame\b"
            r"|\bblame\b(?: [\w-]{1,30}){0,4}? (?:lies|lay|falls|fell|rests|goes"
            r"|belongs) (?:with|on)\b"
            r"|\b(?:put|puts|putting|place|placed|placing|lay|laid|laying|assign"
            r"|assigned|assigning|pin|pinned|pinning|shift|shifted) (?:the |all the )?"
            r"blame\b|\bblamed? (?:(?:it|this|that) )?(?:on|for)\b"
        ),
        why=(
            "This label stops the search just where it gets useful. A slip is where "
            "the investigation starts: what made it easy to make, and hard to catch?"
        ),
        rewrite=(
            "Describe the action and its context: 'the command ran against production "
            "because both terminals looked the same'."
        ),
    ),
    BlameRule(
        name="judgement",
        category="blame-word",
        keywords=(
            r"careless|slopp|negligen|lazy|lazi|incompeten|reckless|"
            r"irresponsib|clueless|stupid|idiot|moron|bonehead|amateur|"
            r"unprofessional|inexcusable|dumb"
        ),
        pattern=(
            r"\b(?:careless(?:ly|ness)?|sloppy|sloppily|sloppiness|negligen(?:t|ce|tly)"
            r"|lazy(?![ -](?:load|eval|init|import|iter|propert|attr|val|seq|compil"
            r"|fetch|mode))|laziness|incompeten(?:t|ce)|reckless(?:ly|ness)?"
            r"|irresponsibl[ey]|clueless|stupid(?:ity)?|idiot(?:s|ic)?|moron(?:s|ic)?"
            r"|boneheaded|amateurish|unprofessional|inexcusable"
            r"|dumb (?:mistake|error|move|thing))\b"
        ),
        why=(
            "A word about someone's character explains nothing about the system, and "
            "it teaches people to hide the next slip. Describe what happened instead."
        ),
        rewrite=(
            "'The review did not include the migration file', rather than a word about "
            "how someone works."
        ),
    ),
    # --- hindsight and counterfactuals ------------------------------------------------
    BlameRule(
        name="hindsight",
        category="hindsight",
        keywords=r"should|would|could|obvious|know|common sense|no-brainer",
        pattern=(
            r"\bshould(?:n't| not)?(?: have|'ve) (?:(?:already|easily) )?(?:known|seen"
            r"|realised|realized|noticed|spotted|foreseen|anticipated|expected|guessed"
            r"|understood)\b|\bknown better\b|\bobviously\b"
            r"|\b(?:was|is|seems|seemed|should be|looks|looked|it's|so) (?:(?:so|pretty"
            r"|[a-z]{2,15}ly) )?obvious\b"
            r"|\bobvious (?:mistake|error|bug|typo|oversight|thing|problem)\b"
            r"|\b(?:any|a|every) (?:competent|decent|good|real|reasonable|experienced"
            r"|senior|careful|half-decent) (?:engineer|developer|dev|programmer|person"
            r"|sre|operator|reviewer)s? (?:would|could|should|knows?)\b"
            r"|\b(?:anyone|anybody|any [\w-]{1,20}) (?:[\w-]{1,20} ){0,4}?"
            r"(?:would|could) (?:have|'ve) (?:spotted|caught|noticed|known|seen"
            r"|realised|realized)\b"
            r"|\beveryone knows\b|\bcommon sense\b|\bno-brainer\b"
            r"|\bhow could @ANYONE@ (?:not|miss|forget|do|let|have)\b"
        ),
        why=(
            "It looks clear now because we know how it ended. At the time the signals "
            "were mixed; describe what was visible then, and why it did not stand out."
        ),
        rewrite=(
            "'At 14:02 one of twelve panels showed a step change, and no alert was set "
            "on it.'"
        ),
    ),
    BlameRule(
        name="counterfactual",
        category="counterfactual",
        keywords=r"(?:if|had)\b",
        pattern=(
            r"\bif only\b"
            r"|\bif @ANYONE@ (?:had|'d|would have|hadn't|had not|didn't|did not)"
            r"(?! (?:a|an|the|any|some|more|no|been)\b) (?:(?:just|only|simply"
            r"|actually|bothered to) )?[\w-]{2,20}\b"
            r"|(?:^[^\w]{0,6}|, )had @ANYONE@ (?:(?:just|only|simply|actually) )?"
            r"(?:[\w-]{1,20}ed|read|known|seen|done|taken|run|caught|thought)\b"
        ),
        why=(
            "Imagining a different choice by a person does not change the system. Ask "
            "what would have made the safer choice the easy one for anyone."
        ),
        rewrite=(
            "Write the counterfactual about the system: 'a canary stage would have "
            "stopped the rollout at 5% of traffic'."
        ),
    ),
)

# The words of the table as plain text, for the tone checks (``all_texts``).
BLAME_RULE_WORDS = {
    rule.name: {"why": rule.why, "rewrite": rule.rewrite} for rule in BLAME_RULES
}

BLAME_CATEGORY_LABELS = {
    "self-blame": "about yourself",
    "person-as-cause": "a person as the cause",
    "who-question": "a question about who",
    "blame-word": "a label that closes the question",
    "hindsight": "hindsight",
    "counterfactual": "a different choice imagined",
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
    "broadcast_at": "First broadcast sent",
    "escalated_at": "Escalated",
    "mitigated_at": "Mitigated: users no longer affected",
    "resolved_at": "Resolved",
    "dead-end": "Dead end",
}
