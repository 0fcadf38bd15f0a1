"""The blameless post-mortem: the document, the export, and the form (notebook 03).

The wording check itself is tested in ``tests/test_blame.py``.
"""

from __future__ import annotations

import html
import os
import stat
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest
from helpers import incident_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit import blame
from kit import postmortem as pm
from kit.messages import postmortem as words
from kit.record import validate_incident

# --- to_markdown --------------------------------------------------------------------

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "img": "<img src=x onerror=alert(1)>",
    "heading": "# Not a heading\n## Nor this\nTitle\n===\nSub\n---",
    "link": "[click](javascript:alert(1)) ![img](javascript:alert(2)) <javascript:x>",
    "backticks": "```\ncode block\n``` and `inline`",
    "pipes": "a | b | c\n--|--|--\n1 | 2 | 3",
    "lists": "- item\n> quote\n1. one\n2) two\n+ plus\n    indented code",
    "entities": "&lt;script&gt; &#106;avascript: &amp;",
    "refdef": "[x]: javascript:alert(3)\n[x]",
    "html_comment": "<!-- hidden --> <a href='javascript:alert(4)'>a</a>",
}
HOSTILE_TEXT = "\n\n".join(HOSTILE.values())


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def render(markdown: str) -> _Tags:
    """Render like a permissive viewer would: raw HTML passes, every plugin is on."""
    import mistune

    renderer = mistune.create_markdown(
        escape=False,
        plugins=[
            "strikethrough",
            "footnotes",
            "table",
            "url",
            "task_lists",
            "def_list",
            "abbr",
            "mark",
            "insert",
            "superscript",
            "subscript",
            "math",
        ],
    )
    parsed = _Tags()
    parsed.feed(str(renderer(markdown)))
    return parsed


def assert_inert(parsed: _Tags) -> None:
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names
    assert "img" not in names
    assert "code" not in names and "pre" not in names
    assert "blockquote" not in names and "ol" not in names
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), tag
        assert tag != "a", attrs  # no typed text becomes a link


@pytest.fixture
def hostile_incident():
    alert = datetime(2026, 3, 10, 14, 47, tzinfo=timezone.utc)
    events = [
        {
            "at": (alert + timedelta(minutes=3)).isoformat(),
            "kind": "dead-end",
            "text": HOSTILE_TEXT[:5000],
        },
        {
            "at": (alert + timedelta(minutes=5)).isoformat(),
            "kind": "action",
            "text": "| pipe | in | a | cell |\nnew line",
        },
    ]
    answers = {name: HOSTILE_TEXT for name in pm.POSTMORTEM_FIELDS}
    data = incident_data(
        title="# <script>alert(1)</script> [x](javascript:y) `t` | z",
        service="<img src=x onerror=alert(1)>",
        events=events,
        postmortem=answers,
        reflection={
            "body": HOSTILE_TEXT,
            "at_3am": "## 3am",
            "learned": "`x`",
            "include_in_postmortem": True,
        },
    )
    return validate_incident(data)


EXPECTED_H2 = [
    words.POSTMORTEM_DOC[key]
    for key in (
        "summary",
        "impact",
        "timeline",
        "what_happened",
        "why_tests_missed",
        "one_change",
        "dead_ends",
        "went_well",
        "reflection",
    )
]


def _headings(parsed: _Tags) -> list[str]:
    return [
        tag for tag, _ in parsed.tags if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
    ]


def test_typed_text_never_becomes_markup(hostile_incident):
    markdown = kit.to_markdown(hostile_incident)
    parsed = render(markdown)
    assert_inert(parsed)
    assert _headings(parsed) == ["h1"] + ["h2"] * len(EXPECTED_H2)
    # the timeline is one table: a header, the times and the two events
    rows = [tag for tag, _ in parsed.tags if tag == "tr"]
    assert len(rows) == 1 + 4 + 2
    # and it stays readable: the text is there, as text
    text = "".join(parsed.text)
    assert "<script>alert('x')</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "# Not a heading" in text
    assert "[click](javascript:alert(1))" in text


def test_the_document_has_every_part_in_order(make_incident):
    alert = datetime(2026, 3, 10, 14, 47, tzinfo=timezone.utc)
    incident = make_incident(
        events=[
            {
                "at": (alert + timedelta(minutes=2)).isoformat(),
                "kind": "dead-end",
                "text": "Restarted the pods; no change.",
            },
            {
                "at": (alert + timedelta(minutes=3)).isoformat(),
                "kind": "breathing",
                "text": "Box breathing.",
            },
            {
                "at": (alert + timedelta(minutes=12)).isoformat(),
                "kind": "action",
                "text": "Rolled back the config.",
            },
        ],
        postmortem={
            "summary": "Payments failed for 13 minutes.",
            "impact": "About 4,000 checkouts.",
            "what_happened": "A typo in the region key sent payments to a test host.",
            "why_tests_missed": "Config is not validated against the region list.",
            "one_change": "Validate region keys in CI.",
            "went_well": "The rollback took one minute.",
        },
        reflection={
            "body": "Racing heart.",
            "at_3am": "Breathe first.",
            "learned": "Rollback first.",
            "include_in_postmortem": False,
        },
    )
    markdown = kit.to_markdown(incident)
    order = [
        "# Post-mortem: Payments down after a config typo",
        "Payments failed for 13 minutes.",
        "About 4,000 checkouts.",
        "| 14:49 | +2 | **Dead end**: Restarted the pods; no change. |",
        "| 14:59 | +12 | First deliberate step |",
        "A typo in the region key sent payments to a test host.",
        "Config is not validated against the region list.",
        "Validate region keys in CI.",
        "- 14:49: Restarted the pods; no change.",
        "The rollback took one minute.",
    ]
    positions = [markdown.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert "**Time to mitigate:** 13 min" in markdown
    # private unless shared: the reflection and the breathing event
    assert "Racing heart" not in markdown and "Box breathing" not in markdown
    shared = kit.to_markdown(incident, include_reflection=True)
    assert "Racing heart" in shared and "Box breathing" in shared
    assert "Breathe first." in shared and "Rollback first." in shared
    ticked = incident.model_copy(
        update={
            "reflection": incident.reflection.model_copy(
                update={"include_in_postmortem": True}
            )
        }
    )
    assert "Racing heart" in kit.to_markdown(ticked)
    assert "Racing heart" not in kit.to_markdown(ticked, include_reflection=False)


def test_empty_answers_and_a_draft_say_so(make_incident):
    draft = make_incident(draft=True, severity=None)
    markdown = kit.to_markdown(draft)
    assert words.POSTMORTEM_DOC["draft_note"] in markdown
    assert markdown.count(words.POSTMORTEM_DOC["not_written"]) == 6
    assert_inert(render(markdown))


def test_every_sample_incident_renders_cleanly():
    for incident in kit.Journal.sample().load().incidents:
        parsed = render(kit.to_markdown(incident))
        assert_inert(parsed)
        assert _headings(parsed)[0] == "h1"


_RISKY = st.sampled_from(
    list("#*_`[]()<>!|~=-+.:\\&;'\"$^ \t\n\r\x0b\x0c\x85\u2028\u2029")
    + ["javascript:", "<script>", "onerror=", "1.", "```", "---", "    ", "a", "b"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.lists(_RISKY, min_size=1, max_size=40).map("".join),
    answer=st.lists(_RISKY, max_size=80).map("".join),
    event=st.lists(_RISKY, max_size=40).map("".join),
)
def test_no_typed_text_changes_the_documents_structure(title, answer, event):
    alert = datetime(2026, 3, 10, 14, 47, tzinfo=timezone.utc)
    incident = validate_incident(
        incident_data(
            title=title,
            service=event[:200],
            events=[
                {
                    "at": (alert + timedelta(minutes=1)).isoformat(),
                    "kind": "dead-end",
                    "text": event,
                }
            ],
            postmortem={name: answer for name in pm.POSTMORTEM_FIELDS},
            reflection={"body": answer, "include_in_postmortem": True},
        )
    )
    parsed = render(kit.to_markdown(incident))
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "a" not in names
    assert _headings(parsed) == ["h1"] + ["h2"] * len(EXPECTED_H2)
    assert names.count("table") == 1
    assert names.count("tr") == 1 + 4 + 1


# --- export_markdown ----------------------------------------------------------------


def test_export_writes_next_to_the_journal_privately(sample_copy):
    incident_id = "2026-03-03-search-cache-stampede"
    path = pm.export_markdown(sample_copy, incident_id)
    assert path == sample_copy.path / "postmortems" / f"{incident_id}-postmortem.md"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_text(encoding="utf-8") == kit.to_markdown(
        sample_copy.get(incident_id)
    )
    # the journal still loads: the export folder is not mistaken for a record
    assert sample_copy.load().problems == []


def test_export_never_overwrites_an_earlier_one(sample_copy, tmp_path):
    incident_id = "2026-01-14-payment-config-typo"
    first = pm.export_markdown(sample_copy, incident_id, tmp_path / "out")
    first.write_text("my edits", encoding="utf-8")
    second = pm.export_markdown(sample_copy, incident_id, tmp_path / "out")
    third = pm.export_markdown(sample_copy, incident_id, tmp_path / "out")
    assert first.read_text(encoding="utf-8") == "my edits"
    assert second.name == f"{incident_id}-postmortem-2.md"
    assert third.name == f"{incident_id}-postmortem-3.md"


def test_export_from_the_sample_needs_a_folder(tmp_path):
    sample = kit.Journal.sample()
    with pytest.raises(kit.ReadOnlyJournal, match="folder="):
        pm.export_markdown(sample, "2026-01-14-payment-config-typo")
    assert not (sample.path / "postmortems").exists()
    path = pm.export_markdown(sample, "2026-01-14-payment-config-typo", tmp_path)
    assert path.exists()


def test_export_of_an_unknown_incident(tmp_journal):
    with pytest.raises(kit.UnknownIncident):
        pm.export_markdown(tmp_journal, "2026-01-01-nothing")


def test_a_failed_export_leaves_no_file_and_no_temp(sample_copy, monkeypatch):
    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    # a new file is put in place by a hard link (never replacing), others by replace
    monkeypatch.setattr(os, "replace", broken_replace)
    monkeypatch.setattr(os, "link", broken_replace)
    with pytest.raises(kit.SaveFailed, match="No space left"):
        pm.export_markdown(sample_copy, "2026-03-03-search-cache-stampede")
    assert list((sample_copy.path / "postmortems").iterdir()) == []


# --- the form, without a browser ----------------------------------------------------


def _form(journal, incident_id=None, **kwargs):
    return kit.forms.postmortem_form(journal, incident_id, **kwargs)


def test_form_saves_the_answers_into_the_incident(sample_copy):
    incident_id = "2026-06-30-batch-disk-full"
    before = sample_copy.get(incident_id)
    form = _form(sample_copy, incident_id)
    assert form.incident_id == incident_id
    # each answer is findable in a browser, and none is styled as a summary box
    summary_classes = form.controls["summary"]._dom_classes
    assert "kit-answer-summary" in summary_classes
    assert "kit-summary" not in summary_classes
    assert form.controls["what_happened"].value == before.postmortem.what_happened
    form.controls["what_happened"].value = "Log rotation was off on the batch hosts."
    form.controls["one_change"].value = "Alert at 80% disk on batch hosts."
    form.controls["include_reflection"].value = False
    assert form.dirty
    form.controls["save"].click()
    after = sample_copy.get(incident_id)
    assert after.postmortem.what_happened == "Log rotation was off on the batch hosts."
    assert after.postmortem.one_change == "Alert at 80% disk on batch hosts."
    assert after.postmortem.summary == before.postmortem.summary
    assert after.reflection.include_in_postmortem is False
    # nothing else in the record was touched
    assert after.events == before.events and after.body == before.body
    assert (
        after.times == before.times and after.reflection.body == before.reflection.body
    )
    assert "Saved" in form.status.value and not form.dirty


def test_form_shows_findings_as_you_write(sample_copy):
    form = _form(sample_copy)
    box = form.controls["findings_why_tests_missed"]
    assert box.value == ""
    form.controls[
        "why_tests_missed"
    ].value = "Who approved this? <img src=x onerror=alert(1)>"
    (found,) = form.findings["why_tests_missed"]
    assert (found.category, found.reason) == ("blame_other", "question")
    assert "Who approved" in box.value
    answer = words.BLAME_ANSWERS["blame_other"]["question"]
    assert html.escape(answer["why"]) in box.value
    assert html.escape(answer["rewrite"]) in box.value
    assert html.escape(words.BLAME_CATEGORY_LABELS["blame_other"]) in box.value
    assert "1 phrase(s)" in form.controls["summary_line"].value
    # typed HTML is shown as text, in the findings and in the preview
    preview = _Tags()
    preview.feed(form.controls["preview"].value)
    assert "img" not in [tag for tag, _ in preview.tags]
    assert "<img src=x onerror=alert(1)>" in "".join(preview.text)
    form.controls["why_tests_missed"].value = "Load tests ran against a warm cache."
    assert box.value == "" and form.findings["why_tests_missed"] == []


def test_findings_html_escapes_everything_it_shows(sample_copy):
    finding = blame.BlameFinding(
        phrase="<img src=x onerror=alert(1)> forgot",
        span=(0, 36),
        category="blame_other",
        reason="lapse",
        cues=("forgot",),
        why="<b>why</b>",
        rewrite="<i>rewrite</i>",
    )
    shown = _Tags()
    shown.feed(blame.findings_html([finding]))
    allowed = {"div", "p", "strong", "ul", "li", "s", "small", "br", "em"}
    assert {tag for tag, _ in shown.tags} <= allowed
    assert "<img src=x onerror=alert(1)> forgot" in "".join(shown.text)
    # in the form, typed tags next to a finding stay text too
    form = _form(sample_copy)
    form.controls["summary"].value = "<b>x</b> Sam forgot to renew the certificate."
    box = form.controls["findings_summary"].value
    assert "Sam forgot" in box and "<b>" not in box


def test_form_checks_a_shared_reflection_too(sample_copy, make_incident):
    incident = make_incident(
        id="2026-10-01-queue-backlog",
        title="Queue backlog",
        reflection={"body": "I'm such an idiot.", "include_in_postmortem": False},
    )
    sample_copy.save(incident)
    form = _form(sample_copy, incident.id)
    assert form.controls["findings_reflection"].value == ""
    form.controls["include_reflection"].value = True
    assert [f.category for f in form.findings["reflection"]] == ["self_blame"]
    assert (
        html.escape(words.SELF_BLAME_CARE) in form.controls["findings_reflection"].value
    )
    assert "such an idiot." in form.controls["preview"].value


def test_form_groups_findings_and_answers_each_kind_differently(sample_copy):
    form = _form(sample_copy)
    form.controls["what_happened"].value = (
        "I skipped the staging test. The admin misconfigured the firewall. "
        "I'm an idiot."
    )
    box = form.controls["findings_what_happened"].value
    groups = blame.group_findings(form.findings["what_happened"])
    assert list(groups) == ["self_blame", "ownership", "blame_other"]
    # each group has its own heading, in the order shown, and its own kind answer
    labels = [words.BLAME_CATEGORY_LABELS[c] for c in groups]
    positions = [box.index(html.escape(label)) for label in labels]
    assert positions == sorted(positions)
    owned = words.BLAME_ANSWERS["ownership"]["default"]
    assert html.escape(owned["why"]) in box and "Thank you" in owned["why"]
    assert "&ldquo;I skipped&rdquo;" in box  # your own words are quoted, not struck
    assert "<s>The admin misconfigured</s>" in box
    assert html.escape(words.SELF_BLAME_CARE) in box


def test_form_reflection_owning_a_slip_is_not_flagged(sample_copy, make_incident):
    incident = make_incident(
        id="2026-10-02-skipped-staging",
        title="Skipped staging",
        reflection={"learned": "I skipped the staging test.",
                    "include_in_postmortem": True},
    )
    sample_copy.save(incident)
    form = _form(sample_copy, incident.id)
    assert form.findings["reflection"] == []
    assert form.controls["findings_reflection"].value == ""


def test_form_export_saves_then_writes_the_document(sample_copy):
    form = _form(sample_copy, "2026-04-21-dns-provider-outage")
    form.controls["went_well"].value = "The status page update went out in 3 minutes."
    form.controls["export"].click()
    path = form.last_export
    assert path is not None and path.exists()
    assert str(path) in html.unescape(form.status.value)
    assert "The status page update went out in 3 minutes." in path.read_text("utf-8")
    saved = sample_copy.get("2026-04-21-dns-provider-outage")
    assert saved.postmortem.went_well == "The status page update went out in 3 minutes."
    form.controls["export"].click()
    assert form.last_export != path and path.exists()


def test_form_on_the_read_only_sample_is_kind_and_writes_nothing():
    sample = kit.Journal.sample()
    before = {p.name: p.read_bytes() for p in sample.path.iterdir()}
    form = _form(sample)
    assert (
        html.escape(words.POSTMORTEM_FORM["on_sample"]) in form.controls["note"].value
    )
    form.controls["summary"].value = "Changed."
    form.controls["save"].click()
    assert html.escape(words.POSTMORTEM_FORM["sample_read_only"]) == form.status.value
    form.controls["export"].click()
    assert html.escape(words.POSTMORTEM_FORM["sample_read_only"]) == form.status.value
    assert {p.name: p.read_bytes() for p in sample.path.iterdir()} == before


def test_form_on_an_empty_journal_practises_on_the_sample(tmp_journal):
    form = _form(tmp_journal)
    assert form.journal.is_sample
    assert len(form.controls["picker"].options) == 5
    assert "no incidents yet" in form.controls["note"].value
    form.controls["save"].click()
    assert "read-only" in form.status.value
    assert tmp_journal.ids() == []

    bare = _form(tmp_journal, practice_on_sample=False)
    assert bare.incident_id is None and bare.controls["save"].disabled
    assert "no incidents to write about" in bare.status.value


def test_form_lists_drafts_and_keeps_unsaved_answers_when_switching(
    tmp_journal, make_incident
):
    done = make_incident()
    draft = make_incident(
        id="2026-03-12-search-slow", title="Search slow", draft=True, severity=None
    )
    tmp_journal.save(done)
    tmp_journal.save(draft)
    form = _form(tmp_journal, draft.id)
    labels = dict((value, label) for label, value in form.controls["picker"].options)
    assert labels[draft.id].endswith("(draft)")
    form.controls["summary"].value = "Half written."
    form.controls["picker"].value = done.id
    assert form.controls["summary"].value == ""
    form.controls["picker"].value = draft.id
    assert form.controls["summary"].value == "Half written."
    assert "not saved yet" in form.status.value
    form.controls["save"].click()
    assert tmp_journal.get(draft.id).postmortem.summary == "Half written."
    assert tmp_journal.get(draft.id).draft is True


def test_form_save_problem_names_the_field_without_quoting_the_answer(sample_copy):
    form = _form(sample_copy)
    secret = "private words " * 2_000  # longer than an answer may be
    form.controls["impact"].value = secret
    form.controls["save"].click()
    status = form.status.value
    assert "Nothing was saved" in status and "postmortem.impact" in status
    assert "private words" not in status
    assert sample_copy.get(form.incident_id).postmortem.impact != secret


def test_form_with_an_unknown_incident_shows_the_latest(sample_copy):
    form = _form(sample_copy, "2030-01-01-not-there")
    assert form.incident_id == "2026-09-08-feature-flag-rollout"
    assert "no incident 2030-01-01-not-there" in form.status.value
    assert repr(form) == "PostMortemForm(2026-09-08-feature-flag-rollout)"


def test_form_words_pass_the_check():
    for text in (
        *words.POSTMORTEM_FORM.values(),
        *words.POSTMORTEM_FIELD_HELP.values(),
        *words.POSTMORTEM_DOC.values(),
        words.SELF_BLAME_CARE,
    ):
        assert kit.check_blame(text) == [], text


def test_public_names():
    assert kit.to_markdown is pm.to_markdown
    assert kit.forms.postmortem_form.__module__ == "kit.forms.postmortem"
    for name in pm.__all__:
        assert hasattr(pm, name), name


def test_the_sample_post_mortems_read_as_mechanics():
    for incident in kit.Journal.sample().load().incidents:
        assert pm.check_incident(incident) == {}, incident.id


def test_check_incident_reports_by_field(make_incident):
    incident = make_incident(
        postmortem={"what_happened": "The intern forgot the flag."},
        reflection={"learned": "I'm useless.", "include_in_postmortem": False},
    )
    assert list(pm.check_incident(incident)) == ["postmortem.what_happened"]
    both = pm.check_incident(incident, include_reflection=True)
    assert list(both) == ["postmortem.what_happened", "reflection.learned"]
