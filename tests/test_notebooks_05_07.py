"""Notebooks 05 (mentor walkthrough), 06 (team workshop) and 07 (resilient against
what?) run end to end on the samples and on temporary data, show no errors, keep to the
team rules, and use no blame language outside struck-through counter-examples."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta, timezone

import pytest
from helpers import NOTEBOOKS, incident_data, notebook_text

import kit
from kit import mentor, paths, pool, privacy, surveys, synthetic
from kit.blame import check_own_words
from kit.record import validate_incident

N05 = "05-mentor-walkthrough.ipynb"
N06 = "06-team-workshop.ipynb"
N07 = "07-resilient-against-what.ipynb"
STRUCK = re.compile(r"~~(.+?)~~", re.S)


def _outputs_are_clean(nb) -> None:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", out
            if out["output_type"] == "stream":
                assert out["name"] != "stderr", out["text"][:500]


# Look-backs that show distress lasting after an incident (the kind note's signal).
HEAVY_LOOKBACK = {"heavy_now": 8, "sleep": "hardly", "dread_next": 8}


def _save(journal, peaks, *, marker: str = "", lookback: dict | None = None,
          recent: bool = False) -> None:
    start = datetime(2026, 2, 2, 3, 0, tzinfo=timezone.utc)
    if recent:  # within the kind note's window, which counts back from today
        start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(
            days=9 * len(peaks) + 2)
    for number, peak in enumerate(peaks):
        alert = start + timedelta(days=9 * number)
        data = incident_data(
            id=f"{alert:%Y-%m-%d}-night-page-{number}",
            title=f"Night page {number}",
            body={"distress_peak": peak, "symptoms": {"racing_heart": peak},
                  "notes": f"notes {marker}"},
            reflection={"body": f"reflection {marker}", "at_3am": f"at3 {marker}",
                        "learned": f"learned {marker}", "include_in_postmortem": False},
            postmortem={"what_happened": f"postmortem {marker}"},
            whose=("mine", "systemic", "dependency")[number % 3],
        )
        data["times"] = {
            "alert_at": alert.isoformat(),
            "first_action_at": (alert + timedelta(minutes=9 - 2 * number)).isoformat(),
            "source": "recalled",
        }
        if lookback is not None:
            data["lookback"] = {"at": (alert + timedelta(days=1)).isoformat(),
                                **lookback}
        journal.save(validate_incident(data))


# --- 05 · mentor walkthrough --------------------------------------------------------


def test_mentor_walkthrough_on_the_sample(run_notebook):
    nb = run_notebook(N05)
    _outputs_are_clean(nb)
    text = notebook_text(nb)
    assert "sample journal" in text
    assert "2 came from a change of yours, 3 belonged to the system" in text
    assert "What would you tell a junior engineer in your exact seat?" in text
    assert "findahelpline.com" not in text  # the sample's distress is falling
    assert "image/png" in json.dumps([c.get("outputs") for c in nb.cells])


def test_mentor_walkthrough_on_an_empty_journal(run_notebook, tmp_journal):
    nb = run_notebook(N05, journal=tmp_journal.path,
                      params={"JOURNAL": str(tmp_journal.path), "LEAVE_OUT": [],
                              "HIDE_TITLES": False})
    _outputs_are_clean(nb)
    assert "sample journal" in notebook_text(nb)


def test_mentor_walkthrough_shows_the_note_and_hides_private_text(run_notebook,
                                                                   tmp_journal):
    marker = "Xy7Qp"
    _save(tmp_journal, [8, 9, 8], marker=marker, lookback=HEAVY_LOOKBACK, recent=True)
    nb = run_notebook(N05, journal=tmp_journal.path)
    _outputs_are_clean(nb)
    text = notebook_text(nb)
    assert "3 finished incident(s)" in text
    assert "Night page 0" in text
    assert "findahelpline.com" in text and "look-backs" in text
    assert marker not in text  # notes, post-mortems and reflections stay private


def test_mentor_walkthrough_with_a_single_incident(run_notebook, tmp_journal):
    _save(tmp_journal, [4])
    nb = run_notebook(N05, journal=tmp_journal.path)
    _outputs_are_clean(nb)
    assert "1 finished incident(s)" in notebook_text(nb)


def _save_named(journal, names) -> list:
    """Finished incidents whose title, service and id each carry a distinct word."""
    start = datetime(2026, 2, 2, 3, 0, tzinfo=timezone.utc)
    saved = []
    for number, word in enumerate(names):
        alert = start + timedelta(days=9 * number)
        data = incident_data(id=f"{alert:%Y-%m-%d}-{word}-id", title=f"{word} title",
                             service=f"{word}-service",
                             whose=("mine", "systemic", "dependency")[number % 3])
        data["times"] = {
            "alert_at": alert.isoformat(),
            "first_action_at": (alert + timedelta(minutes=9 - 2 * number)).isoformat(),
            "source": "recalled",
        }
        journal.save(validate_incident(data))
        saved.append(data)
    return saved


def _every_output(nb) -> str:
    """Every output of every cell, whatever its kind, as one lower-case text."""
    return json.dumps([cell.get("outputs", []) for cell in nb.cells]).lower()


def test_mentor_walkthrough_shows_nothing_of_a_left_out_incident(run_notebook,
                                                                 tmp_journal):
    saved = _save_named(tmp_journal, ["wombatkept", "narwhalgone", "ibexkept"])
    gone = saved[1]
    nb = run_notebook(N05, journal=tmp_journal.path,
                      params={"JOURNAL": None, "LEAVE_OUT": [gone["id"]],
                              "HIDE_TITLES": False})
    _outputs_are_clean(nb)
    everything = _every_output(nb)
    for value in (gone["id"], gone["title"], gone["service"], "narwhalgone"):
        assert value.lower() not in everything, value
    assert "wombatkept title" in everything and "ibexkept title" in everything
    assert "1 more stay(s) with you" in notebook_text(nb)


def test_mentor_walkthrough_can_hide_every_title(run_notebook, tmp_journal):
    _save_named(tmp_journal, ["wombatshown", "narwhalgone", "ibexshown"])
    nb = run_notebook(N05, journal=tmp_journal.path,
                      params={"JOURNAL": None, "LEAVE_OUT": [2],
                              "HIDE_TITLES": True})
    _outputs_are_clean(nb)
    everything = _every_output(nb)
    for word in ("wombatshown", "narwhalgone", "ibexshown"):
        assert word not in everything, word
    assert "| incident 3 |" in notebook_text(nb)
    assert "Titles and services are hidden" in notebook_text(nb)


# --- 06 · team workshop -------------------------------------------------------------


def test_team_workshop_on_the_synthetic_sample(run_notebook):
    nb = run_notebook(N06)
    _outputs_are_clean(nb)
    text = notebook_text(nb)
    assert "synthetic sample team" in text
    assert "Pooled 12 export(s): 12 people" in text
    assert "Team psychological safety:" in text
    assert "hidden: fewer than 5 people" in text  # the later incident numbers
    assert "Team figures are hidden" not in text


def test_team_workshop_with_three_people_hides_every_figure(run_notebook, tmp_path):
    folder = tmp_path / "three"
    synthetic.team_exports(folder, people=3, seed=5)
    for _ in range(3):
        surveys.save_safety_answers([3, 5, 3, 5, 3, 5, 5], folder / "safety")
    nb = run_notebook(N06, params={"POOL": str(folder), "SAFETY": None})
    _outputs_are_clean(nb)
    text = notebook_text(nb)
    assert "Pooled 3 export(s): 3 people" in text
    assert "Team figures are hidden: only 3 people contributed" in text
    assert text.count("Team figures are hidden") >= 4  # summary and each table
    assert "The team figure is hidden: 3 answer(s)" in text
    tables = text.split("Pool the exports")[-1]
    assert " min |" not in text and not re.search(r"\|\s*\d+%\s*\|", tables)
    assert "Team psychological safety:" not in text


def test_team_workshop_reports_broken_files_kindly(run_notebook, tmp_path):
    folder = tmp_path / "pool"
    shutil.copytree(paths.team_sample(), folder)
    (folder / "cut-short.csv").write_bytes(
        (folder / sorted(p.name for p in folder.glob("*.csv"))[0]).read_bytes()[:-30])
    (folder / "spreadsheet.csv").write_text("name,notes\nBob,\"I broke it\"\n")
    nb = run_notebook(N06, params={"POOL": str(folder), "SAFETY": None})
    _outputs_are_clean(nb)
    # Charts are embedded as base64, where any three letters can turn up by chance.
    text = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", notebook_text(nb))
    assert "2 file(s) could not be used this time" in text
    assert "cut-short.csv" in text and "spreadsheet.csv" in text
    assert "Bob" not in text
    assert "Pooled 12 export(s)" in text


def test_team_workshop_on_an_empty_folder(run_notebook, tmp_path):
    nb = run_notebook(N06, params={"POOL": str(tmp_path), "SAFETY": str(tmp_path)})
    _outputs_are_clean(nb)
    assert "No exports are in" in notebook_text(nb)


# --- 07 · resilient against what? ---------------------------------------------------


def test_resilient_against_what_on_the_sample(run_notebook):
    nb = run_notebook(N07)
    _outputs_are_clean(nb)
    text = notebook_text(nb)
    assert "about 50 service(s)" in text
    assert "findahelpline.com" in text  # where to find help is always there
    assert "three most recent incidents" not in text


def test_resilient_against_what_on_an_empty_journal(run_notebook, tmp_journal,
                                                    tmp_path):
    answers = tmp_path / "team-answers"
    nb = run_notebook(N07, journal=tmp_journal.path,
                      params={"JOURNAL": None, "SAFETY_FOLDER": str(answers)})
    _outputs_are_clean(nb)
    assert "sample journal" in notebook_text(nb)
    assert not answers.exists()  # nothing is saved without a click
    assert tmp_journal.ids() == []


def test_resilient_against_what_with_sustained_distress(run_notebook, tmp_journal):
    _save(tmp_journal, [3, 7, 9, 8], lookback=HEAVY_LOOKBACK, recent=True)
    nb = run_notebook(N07, journal=tmp_journal.path)
    _outputs_are_clean(nb)
    assert "findahelpline.com" in notebook_text(nb)


# --- shape and tone -----------------------------------------------------------------


@pytest.mark.parametrize("name", [N05, N06, N07])
def test_notebook_parameters_and_shape(name):
    nb = json.loads((NOTEBOOKS / name).read_text())
    (params,) = [c for c in nb["cells"]
                 if "parameters" in c["metadata"].get("tags", [])]
    source = "".join(params["source"])
    assert ("POOL = None" if name == N06 else "JOURNAL = None") in source
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            lines = "".join(cell["source"]).splitlines()
            assert len(lines) <= 3, lines
            assert "def " not in "".join(lines)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", [N05, N06, N07])
def test_notebook_words_hold_no_blame_outside_struck_examples(name):
    nb = json.loads((NOTEBOOKS / name).read_text())
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        for example in STRUCK.findall(source):  # counter-examples really are blame
            assert kit.check_blame(example), example
        kept = STRUCK.sub(" ", source)
        findings = check_own_words(kept)
        assert findings == [], [f.phrase for f in findings]


def test_the_counter_examples_are_marked():
    struck = [STRUCK.findall("".join(c["source"]))
              for name in (N05, N06)
              for c in json.loads((NOTEBOOKS / name).read_text())["cells"]]
    assert ["who wrote this?"] in struck
    assert ["who pushed that on a Friday?"] in struck


def test_the_kits_own_words_in_these_notebooks_hold_no_blame(tmp_path):
    pooled = pool.pool()
    texts = [
        pool.describe_pool(pooled), privacy.suppression_rule(),
        mentor.workshop_prompts(), privacy.show(privacy.systemic_share(pooled)),
        privacy.show(privacy.technique_comparison(pooled)),
        privacy.show(privacy.by_incident_number(pooled)), mentor.mentor_agenda(),
        *(mentor.mentor_questions(step) for step in mentor.MENTOR_STEPS),
        mentor.attribution_table(kit.Journal.sample().frame()),
        surveys.safety_aggregate().text, surveys.help_text(),
        surveys.audit_report(surveys.EXAMPLE_AUDIT),
        surveys.distress_note(reflection={"weight": 10}),
    ]
    for text in texts:
        assert check_own_words(str(text)) == [], str(text)[:200]


def _sources(name: str) -> str:
    nb = json.loads((NOTEBOOKS / name).read_text())
    return "\n\n".join("".join(cell["source"]) for cell in nb["cells"])


def test_the_workshop_words_promise_only_what_the_export_gives():
    words = {name: _sources(name).lower() for name in (N06, N07)}
    assert "nothing links this workshop" not in words[N06]
    assert "kit.team.what_it_hides()" in words[N06]  # hidden, coarsened, not hidden
    assert "kit.forms.workshop_form()" in words[N06]
    assert "different people stand behind each box" in words[N06]
    assert "receipt" in words[N06] and "withdraw" in words[N06]
    for name in (N06, N07):
        assert "very inaccurate" in words[name] and "strongly agree" not in words[name]
    assert "facilitator can see which account" in words[N07]
    hides = str(kit.team.what_it_hides()).lower()
    assert "match them by their rows" in hides
    assert "which account a file" in hides


def test_resilient_against_what_has_the_articles_missing_pieces():
    text = _sources(N07)
    names = " | ".join(line for line in text.splitlines() if line.startswith("## "))
    assert "Resilient against what: a hard bug, or a hard environment?" in names
    assert "Protecting yourself where blame is the habit" in names
    assert "What would you tell a junior engineer in your exact seat?" in names
    assert "live companion" in text and "kindly and firmly" in text
