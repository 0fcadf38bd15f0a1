"""The wording check (``kit.blame``): what it finds, whose it is, how it answers, speed.

How well it does on real sentences it was not written for is in
``tests/test_blame_corpus.py``. Run ``pytest tests/test_blame.py -s`` to see the figures
on the old labelled sentences (kept as a regression set) and the CPU times.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import time
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit import blame
from kit.lexicon import FILES, lexicon
from kit.messages import postmortem as words

SENTENCES = Path(__file__).parent / "data" / "blame_sentences.csv"


def found(text: str, where: str = "postmortem") -> list[tuple[str, str]]:
    return [(f.category, f.reason) for f in kit.check_blame(text, where=where)]


def categories(text: str) -> list[str]:
    return [finding.category for finding in kit.check_blame(text)]


# --- what a finding is ------------------------------------------------------------


def test_public_names():
    assert kit.check_blame is blame.check_blame
    assert kit.BlameFinding is blame.BlameFinding
    for name in blame.__all__:
        assert hasattr(blame, name), name


def test_a_finding_has_phrase_span_category_reason_cues_why_and_rewrite():
    text = "At 14:02 the junior dev forgot to warm the cache."
    (finding,) = kit.check_blame(text)
    assert finding.phrase == "the junior dev forgot"
    assert text[finding.start : finding.end] == finding.phrase
    assert finding.span == (9, 30)
    assert (finding.category, finding.reason) == ("blame_other", "lapse")
    assert finding.cues == ("forgot",)
    assert finding.why == words.BLAME_ANSWERS["blame_other"]["lapse"]["why"]
    assert finding.rewrite and finding.is_blame and not finding.is_self_blame
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.phrase = "something else"  # type: ignore[misc]


# --- blame of someone else: roles, lapses, judgements, punishment -----------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # role words beyond any fixed list of job titles
        ("The technician forgot to reconnect the ground wire.", "lapse"),
        ("The operator skipped the pre-flight checklist.", "lapse"),
        ("The crew failed to monitor the airspeed.", "lapse"),
        ("The supervisor ignored the second warning.", "lapse"),
        ("Staff neglected to log the change.", "lapse"),
        ("The contractor cut the fibre by accident.", "lapse"),
        ("Someone deleted the production bucket.", "lapse"),
        ("The new hire dropped the users table.", "lapse"),
        # error verbs and adverbs that make a person the cause
        ("An engineer typed the wrong host into the failover script.", "lapse"),
        ("She ran it against the wrong cluster.", "lapse"),
        ("The admin misconfigured the load balancer.", "lapse"),
        ("The on-call engineer restarted the primary by mistake.", "lapse"),
        ("Our DBA accidentally dropped the users table.", "lapse"),
        ("The firewall was misconfigured by the admin.", "cause"),
        ("Neither the pilot nor the first officer checked the fuel.", "lapse"),
        ("The pilot, who should have been calling out airspeed, said nothing.",
         "hindsight"),
        # judgements of competence, character or history
        ("The release showed sloppy work by the mobile team.", "judgement"),
        ("The junior engineer lacked the experience to run the failover.",
         "judgement"),
        ("The signaller has a pattern of mistakes on night shifts.", "record"),
        # punishment and shaming
        ("The engineer was disciplined after the outage.", "punishment"),
        ("Two of the operators were let go the following week.", "punishment"),
        ("She received a written warning for the missed backup.", "punishment"),
        # labels, causes and questions about who
        ("The root cause was operator error during the failover.", "label"),
        ("The outage was caused by human error by an engineer.", "cause"),
        ("The database team was at fault.", "label"),
        ("The build is broken because Sam pushed on Friday.", "cause"),
        ("Who merged this without tests?", "question"),
        # kinds beyond the first lexicons: a person before "on"/"at", a refusal
        # that lets a judgement stand, "the employee responsible", review reproaches
        ("Someone on the team force-pushed over main.", "lapse"),
        ("No, I cannot accept such carelessness from the release team.", "judgement"),
        ("The employee responsible has been temporarily reassigned.", "punishment"),
        ("Did you not read the contributing guide?", "question"),
        ("How many times do we have to tell you to use a branch?", "record"),
        ("The failure of the ship's captain to order an evacuation cost lives.",
         "judgement"),
        ("The signaller was asleep on duty.", None),
        ("He breached the rules by approving the trades.", "lapse"),
        # a friend of the writer is someone else; a job lost; an insult; a punished
        # "her" at the end of the sentence
        ("My friend wiped a live database.", "lapse"),
        ("The driver, guard and signaller lost their jobs.", "punishment"),
        ("The fucktard from the vendor can't find the data center.", "judgement"),
        ("After the incident, the hospital fired her.", "punishment"),
        ("The student should really have known where he was.", "hindsight"),
        ("A junior technician caused the meltdown.", "lapse"),
        # a person with a phrase between them and the lapse; the one a reporter
        # names after "said"; a relative clause far from the adverb
        ("A contractor patching the rack did not follow the lockout procedure.",
         "lapse"),
        ("The spokesperson Dana Ruiz said an admin handling the ticket did not "
         "check the region.", "lapse"),
        ("The change was made by a clerk who entered the rates far too quickly.",
         "lapse"),
        ("I think Lee meant to stop the replica, but accidentally stopped the "
         "primary.", "lapse"),
        ("The individual who did that did not follow the handover checklist.",
         "lapse"),
        # a wrong thing done, one thing in place of another, a person's failing owned
        ("The nurse had labelled the wrong sample.", "lapse"),
        ("The operator opened valve 4 instead of valve 3.", "lapse"),
        ("The probable cause was the pilot's improper flare.", "label"),
        ("The cause was human error from a night-shift dispatcher.", "label"),
        ("The watchkeeper was absent from the bridge for twenty minutes.", "lapse"),
        # punishment in everyday words; orders to someone about what they did
        ("The engineer was shown the door a week later.", "punishment"),
        ("Heads would have rolled at my last job.", "punishment"),
        ("Please don't merge on a red build.", "order"),
        ("Next time, run the migration in staging first.", "order"),
        ("Please check the version number when you publish.", "order"),
        ("Be careful when you tag a release.", "order"),
    ],
)
def test_finds_blame_of_someone_else(text, reason):
    got = found(text)
    assert any(category == "blame_other" for category, _ in got), (text, got)
    if reason is not None:
        assert ("blame_other", reason) in got, (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "I screwed up the rollback.",
        "My bad, sorry.",
        "I should've double-checked the region before running it.",
        "It was all my fault.",
        "I can't stop beating myself up about it.",
        "I'll be more careful from now on.",
        "How did I miss such a simple thing?",
        "My mistake, sorry about that.",
        "I was the reason the site went down.",
        "I hate that I let my team down.",
        "I was so angry at myself all evening.",
        "The broken tag is entirely on me.",
        "A silly typo, again.",
        "I am terrible with rebases.",
    ],
)
def test_finds_informal_self_blame(text):
    got = found(text)
    assert ("self_blame", "reproach") in got, (text, got)


@pytest.mark.parametrize(
    "text",
    [
        # denied blame
        "It was not carelessness.",
        "Nobody is at fault here.",
        "In no way was this your fault.",
        # talk about blame itself
        "The review avoids blaming human error.",
        "We run blameless post-mortems.",
        "Mistakes happen.",
        # a company speaking as "we"
        "We should have had an alert on this queue.",
        # general statements
        "About 60% of unplanned downtime is attributed to human error.",
        "Doctors make mistakes, of course they do.",
        "Sometimes it is due to pilot error.",
        # a firm acting is mechanics; so is a slip told plainly, and a denial by name
        "The FAA alleges that the airline failed to inspect the cargo door skins.",
        "The company did not immediately respond to a request for comment.",
        "I immediately realized my mistake and turned back.",
        "It was the training at fault and not the pilot.",
        "What you can see is broken, not what you think caused it.",
        "If someone forgets the flag, the pipeline catches it.",
        # systems and processes, and people acting without a failing
        "The batch job ran before the cache warmed.",
        "The job failed to start after the deploy.",
        "Warning systems failed to alert the pilots.",
        "A missing environment variable caused the crash.",
        "Sam rolled back the deploy at 14:59.",
        "The driver applied the brakes before the signal.",
        "The changes by one engineer were reviewed by two others.",
        "Rapid pressure drops caused some pilots to mis-set their altimeters.",
        "The alert fired or you were paged.",
        "Whose incidents were they?",
        "This post-mortem is blameless.",
        "The valve was opened by the automatic controller.",
        "The team responsible for the database rotated the keys.",
        "I feel the cause was a race in the cache.",
        "The signal was at danger because of a fault in the track circuit.",
        "Nobody knew the queue had a size limit.",
        # requests with nothing done in them, plans of your own, choices of a system
        "Please reach out if you have questions.",
        "Please upgrade to 2.4.1.",
        "Next time we will rehearse the failover.",
        "The individual services restart on their own.",
        "The dashboard showed the wrong region after the cache expired.",
        "The scheduler picked node 4 instead of node 3.",
        "The dose was injected instead of the antibiotic.",
        "The engineer following the runbook restarted the primary.",
        # what anyone may do, a practice of punishing, an organisation's apology,
        # a slip told plainly
        "Everyone on a rota will make mistakes at three in the morning.",
        "Firing someone for one slip teaches the rest to hide the next one.",
        "We let our users down last night.",
        "My mistake was to trust the default timeout.",
        "I owned up to my error the same evening.",
        "",
        "   \n\n  ",
    ],
)
def test_leaves_denials_meta_talk_and_mechanics_alone(text):
    assert [f for f in kit.check_blame(text) if f.is_blame] == [], kit.check_blame(text)


# --- ownership and self-blame are answered kindly, and differently -----------------


def test_owning_a_slip_gets_a_prompt_in_a_document_and_nothing_in_a_reflection():
    text = "I skipped the staging test."
    (finding,) = kit.check_blame(text)
    assert (finding.category, finding.reason) == ("ownership", "owned")
    assert not finding.is_blame
    assert "Thank you" in finding.why and "mechanism" in finding.why
    assert kit.check_blame(text, where="reflection") == []
    assert found("We did not spot this in staging.") == [("ownership", "owned")]


def test_self_blame_separates_the_event_from_the_self_in_both_places():
    for where in blame.PLACES:
        (finding,) = kit.check_blame("I'm an idiot.", where=where)
        assert (finding.category, finding.reason) == ("self_blame", "identity")
        assert "not a verdict on who you are" in finding.why
    shown = blame.findings_html(kit.check_blame("Honestly, I'm just not cut out."))
    assert html.escape(words.SELF_BLAME_CARE) in shown  # points to real help
    assert "<s>" not in shown  # a person's words about themselves are not struck


def test_the_three_answers_differ():
    whys = {
        kit.check_blame(text)[0].why
        for text in ("The admin misconfigured it.", "I skipped the test.",
                     "I screwed up.", "I'm an idiot.")
    }
    assert len(whys) == 4


def test_findings_group_in_the_order_they_are_shown():
    text = (
        "Obviously it failed. The admin misconfigured it. I skipped a step. "
        "I'm useless."
    )
    groups = blame.group_findings(kit.check_blame(text))
    assert list(groups) == ["self_blame", "ownership", "blame_other", "hindsight"]
    assert tuple(groups) == tuple(c for c in blame.CATEGORIES if c in groups)


def test_curly_apostrophes_and_wrapped_lines():
    assert categories("I\u2019m useless.") == ["self_blame"]
    text = "Then the\n  junior dev\n  forgot to drain the node."
    (finding,) = kit.check_blame(text)
    assert text[finding.start : finding.end] == "the\n  junior dev\n  forgot"


def test_findings_are_ordered_and_never_overlap():
    text = (
        "Who merged this? The intern forgot the flag. Obviously nobody checked. "
        "If only Kim had waited. It's all my fault."
    )
    findings = kit.check_blame(text)
    assert len(findings) >= 5
    spans = [finding.span for finding in findings]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for finding in findings:
        assert text[finding.start : finding.end] == finding.phrase


_WORDS = st.sampled_from(
    ["I", "I'm", "I\u2019m", "the", "junior", "dev", "forgot", "who", "pushed",
     "should", "have", "known", "if", "only", "Sam", "had", "fault", "human", "error",
     "obviously", "didn't", "check", "an", "idiot", "by", "mistake", "admin", "not",
     "nobody", "fired", "(", ")", "\u0130", "\u00df", "~~", ".", "?", "\n", "\n\n",
     "- ", "# ", "  ", "'", "\u201c", "my", "[name]", "@sam", "wrong", "ran",
     "he", "failed", "never", "did", "caused", "friend", "nurses", "make", "her",
     "realized", "at", "least", "really", "think", "fallen", "asleep"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=60).map(" ".join))
def test_spans_always_point_at_the_phrase(text):
    previous_end = 0
    for finding in kit.check_blame(text):
        assert text[finding.start : finding.end] == finding.phrase
        assert finding.phrase.strip() == finding.phrase != ""
        assert finding.start >= previous_end
        assert finding.category in blame.CATEGORIES
        previous_end = finding.end


def test_refuses_what_is_not_text_and_unknown_places():
    with pytest.raises(TypeError):
        kit.check_blame(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reflection"):
        kit.check_blame("text", where="slack")


def test_check_own_words_skips_quoted_counter_examples_and_owning_it():
    text = "Write ~~the junior dev forgot~~ as mechanics. Who merged this?"
    assert [f.reason for f in blame.check_own_words(text)] == ["question"]
    assert blame.strip_quoted(text).index("as mechanics") == text.index("as mechanics")
    assert blame.check_own_words("~~the junior dev forgot") != []  # unclosed
    assert blame.check_own_words('Can you say "I broke it" in your team?') == []


# --- the lexicons are data --------------------------------------------------------


def test_every_lexicon_file_loads_and_is_described():
    folder = resources.files("kit") / "lexicons"
    on_disk = {p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")}
    assert on_disk == set(FILES)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in FILES:
        entries = lexicon(name)
        assert entries, name
        assert all(entry == entry.lower() or name == "first-names" for entry in entries)
        assert f"`{name}.txt`" in readme, name
    with pytest.raises(KeyError, match="people"):
        lexicon("nonsense")


def test_a_new_role_word_in_the_lexicon_is_all_it_takes(monkeypatch):
    from kit import lexicon as lexicon_module

    text = "The wrangler forgot to close the gate."
    assert kit.check_blame(text) == []
    original = lexicon_module.lexicons()
    people = original["people"]
    grown = dict(original)
    grown["people"] = lexicon_module.Lexicon("people", [*people.entries, ("wrangler",)])
    monkeypatch.setattr(lexicon_module, "lexicons", lambda: grown)
    monkeypatch.setattr("kit._sentence.lexicons", lambda: grown)
    assert categories(text) == ["blame_other"]


def test_every_answer_has_words_for_each_category():
    for category in blame.CATEGORIES:
        answers = words.BLAME_ANSWERS[category]
        assert answers["default"]["why"] and answers["default"]["rewrite"]
        assert words.BLAME_CATEGORY_LABELS[category]
        assert words.BLAME_GROUP_INTROS[category]


# --- the old labelled sentences, kept as a regression set -------------------------


def _labelled() -> list[dict[str, str]]:
    with open(SENTENCES, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_old_labelled_sentences_do_not_regress():
    """The kit's first hand-written set (labels: blame, self-blame, mechanics).

    Written by the kit's authors, so it says little about real writing (that is the
    corpus test's job); it guards against a change that breaks what worked. Its labels
    predate ownership: "I forgot to update the flag" is labelled blame there and is
    ownership here, so its floor is measured, not a target.
    """
    rows = _labelled()
    tp = fp = fn = 0
    for row in rows:
        flagged = any(f.is_blame for f in kit.check_blame(row["sentence"]))
        blamed = row["label"] != "mechanics"
        tp += flagged and blamed
        fp += flagged and not blamed
        fn += blamed and not flagged
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\nold labelled set ({len(rows)} sentences): precision {precision:.3f}, "
          f"recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})")
    assert precision >= 0.93 and recall >= 0.85


# --- time -------------------------------------------------------------------------


def _cpu(text: str) -> float:
    start = time.process_time()
    kit.check_blame(text)
    return time.process_time() - start


def _fill(seed: str, size: int) -> str:
    return (seed * (size // len(seed) + 1))[:size]


def test_a_two_page_post_mortem_checks_quickly():
    prose = " ".join(row["sentence"] for row in _labelled())
    page = " ".join(prose.split()[:1000])
    kit.check_blame("warm up the lexicons")
    best = min(_cpu(page) for _ in range(5))
    print(f"\n1,000 words: {best * 1000:.1f} ms CPU")
    # The target is 50 ms (see bench/blame_speed.py for the figures); the limit is
    # generous, and in CPU time, because the machine is shared.
    assert best < 0.25


def test_a_megabyte_and_adversarial_inputs_take_linear_time():
    prose = " ".join(row["sentence"] for row in _labelled())
    texts = {
        "prose": _fill(prose + "\n\n", 1_000_000),
        "spaces": " " * 1_000_000,
        "repeated role words": _fill("the engineer the operator the admin ", 1_000_000),
        "nested quotes": _fill("\"'\"' he said ", 1_000_000),
        "no sentence end, 100k": _fill("the junior dev who had forgotten ", 100_000),
        "repeated negation": _fill("not ", 1_000_000),
        "repeated I": _fill("I ", 1_000_000),
    }
    cpu = {name: _cpu(text) for name, text in texts.items()}
    report = ", ".join(f"{name}: {seconds:.2f} s" for name, seconds in cpu.items())
    print(f"\ncheck_blame CPU time: {report}")
    assert cpu["prose"] < 8.0, report  # target 2 s; the limit is generous
    assert max(cpu.values()) < 15.0, report  # linear, never catastrophic


def test_a_label_that_names_nobody_is_a_prompt_not_blame():
    """"Human error" closes the question, but blames no one: its own group."""
    findings = kit.check_blame("The root cause was human error during the failover.")
    assert [(f.category, f.reason) for f in findings] == [("label", "label")]
    assert not findings[0].is_blame
    assert words.BLAME_CATEGORY_LABELS["label"] in blame.findings_html(findings)
    # a role in the label, or a person named by "by", is blame of that person
    assert found("The root cause was pilot error.") == [("blame_other", "label")]


def test_nobody_noticing_is_a_prompt_about_what_was_visible_not_blame():
    """"Nobody noticed" names no one: the real post-mortems read it as a condition
    (nine of twelve such sentences were not blame), so it is a hindsight prompt."""
    findings = kit.check_blame("Nobody noticed the disk filling up for two hours.")
    assert [(f.category, f.reason) for f in findings] == [("hindsight", "nobody")]
    assert not findings[0].is_blame
    assert findings[0].why == words.BLAME_ANSWERS["hindsight"]["default"]["why"]


def test_a_sentence_ending_in_failed_is_read_whole():
    """It once ran past the sentence's last word (a real sentence from an accident
    report); the phrase is the person and "failed"."""
    text = ("The Third Officer attempted to avoid the small vessel, however, with the "
            "time available he failed.")
    findings = kit.check_blame(text)
    assert all(text[f.span[0]:f.span[1]] == f.phrase for f in findings)
    assert [f.phrase for f in kit.check_blame("he failed")] == ["he failed"]
