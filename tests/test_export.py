"""kit.export: the anonymous export holds the allow-listed columns only, never free
text or dates, uses a fresh random pseudonym, and is written atomically, never over
another file."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from helpers import incident_data

import kit
from kit import export, pool
from kit.errors import InvalidExport, NotEnoughData, SaveFailed
from kit.record import validate_incident


def _free_texts(incidents) -> set[str]:
    """Every free-text value a person typed or that names the incident."""
    texts: set[str] = set()
    for inc in incidents:
        texts |= {inc.id, inc.title, inc.service, inc.body.notes}
        texts |= {inc.id[:10], inc.id[11:]}  # the date and the slug of the id
        texts |= {event.text for event in inc.events}
        texts |= set(inc.postmortem.model_dump().values())
        texts |= {inc.reflection.body, inc.reflection.at_3am, inc.reflection.learned}
    return {text for text in texts if isinstance(text, str) and len(text) > 4}


def _marked_journal(journal, marker: str):
    """A journal whose every free-text field holds a unique marker, plus a draft."""
    alert = datetime(2026, 5, 4, 2, 13, tzinfo=timezone.utc)
    data = incident_data(
        id="2026-05-04-quokka-secret-outage",
        title=f"Title {marker} quokka",
        service=f"service-{marker.lower()}",
        events=[{"at": (alert + timedelta(minutes=3)).isoformat(), "kind": "dead-end",
                 "text": f"Event {marker} restarted the pods"}],
        body={"distress_peak": 6, "symptoms": {"racing_heart": 5},
              "notes": f"Notes {marker} hands shaking"},
        postmortem={"summary": f"Summary {marker}", "impact": f"Impact {marker}",
                    "what_happened": f"Happened {marker}",
                    "why_tests_missed": f"Tests {marker}",
                    "one_change": f"Change {marker}", "went_well": f"Well {marker}"},
        reflection={"body": f"Body {marker}", "at_3am": f"Night {marker}",
                    "learned": f"Learned {marker}", "include_in_postmortem": False},
    )
    data["times"] = dict(data["times"], alert_at=alert.isoformat(),
                         first_action_at=(alert + timedelta(minutes=4)).isoformat(),
                         mitigated_at=(alert + timedelta(minutes=9)).isoformat(),
                         resolved_at=(alert + timedelta(minutes=30)).isoformat())
    journal.save(validate_incident(data))
    draft = incident_data(id="2026-05-20-draft-walrus", title=f"Draft {marker}",
                          draft=True, severity=None)
    draft["times"] = {"alert_at": "2026-05-20T10:00:00+00:00"}
    journal.save(validate_incident(draft))
    return journal


def test_export_holds_exactly_the_allow_listed_columns(tmp_path):
    path = export.export_anonymous(kit.Journal.sample(), tmp_path / "workshop")
    lines = path.read_text().splitlines()
    assert lines[0].split(",") == list(export.EXPORT_COLUMNS)
    data = pd.read_csv(path)
    assert list(data.columns) == list(export.EXPORT_COLUMNS)
    assert len(data) == 5
    assert (data["format"] == export.EXPORT_FORMAT).all()
    assert data["pseudonym"].nunique() == 1
    assert data["pseudonym"].iloc[0] == path.stem
    assert data["incident_no"].tolist() == [1, 2, 3, 4, 5]
    minutes = kit.Journal.sample().frame()["panic_to_action_min"]
    assert data["panic_to_action_min"].tolist() == export.coarse_minutes(
        minutes).tolist()
    assert data["whose"].tolist() == ["mine", "teammate", "dependency", "systemic",
                                      "mine"]


def test_export_leaks_none_of_the_samples_free_text(tmp_path):
    journal = kit.Journal.sample()
    path = export.export_anonymous(journal, tmp_path)
    exported = path.read_bytes().lower()
    texts = _free_texts(journal.load().incidents)
    assert len(texts) > 40  # titles, ids, events, post-mortems, reflections...
    leaked = [text for text in texts if text.lower().encode() in exported]
    assert leaked == []
    for inc in journal.load().incidents:  # no exact dates or clock times either
        assert inc.times.alert_at.strftime("%Y-%m-%d").encode() not in exported
        assert inc.times.alert_at.strftime("%H:%M").encode() not in exported


def test_export_leaks_no_free_text_from_any_field_and_skips_drafts(tmp_journal,
                                                                    tmp_path):
    marker = "Zq8Kx"
    _marked_journal(tmp_journal, marker)
    path = export.export_anonymous(tmp_journal, tmp_path)
    raw = path.read_bytes()
    assert marker.lower().encode() not in raw.lower()
    assert b"quokka" not in raw and b"walrus" not in raw and b"2026" not in raw
    data = pd.read_csv(path)
    assert len(data) == 1  # the draft stayed private
    assert set(data.columns) == set(export.EXPORT_COLUMNS)


def test_export_preview_is_what_is_written(tmp_path):
    journal = kit.Journal.sample()
    preview = export.export_preview(journal)
    path = export.export_anonymous(journal, tmp_path)
    where = export.EXPORT_COLUMNS.index("pseudonym")

    def cells(lines):
        return [line.split(",")[:where] + line.split(",")[where + 1:] for line in lines]

    def without_receipt(rows):
        return [row[:-1] for row in rows]  # receipt_hash is the last column

    shown = preview.to_csv(index=False, lineterminator="\n").splitlines()
    assert without_receipt(cells(shown)) == without_receipt(
        cells(path.read_text().splitlines()))
    assert preview["pseudonym"].iloc[0] == kit.messages.EXPORT_PREVIEW_PSEUDONYM
    assert preview["receipt_hash"].iloc[0] == kit.messages.EXPORT_PREVIEW_RECEIPT


def test_two_workshops_never_share_a_pseudonym(tmp_path):
    journal = kit.Journal.sample()
    first = export.export_anonymous(journal, tmp_path / "spring")
    second = export.export_anonymous(journal, tmp_path / "autumn")
    assert first.stem != second.stem
    many = {export.new_pseudonym() for _ in range(200)}
    assert len(many) >= 195  # about 180,000 combinations
    assert all(re.fullmatch(export.PSEUDONYM_PATTERN, name) for name in many)


ROSTER = [
    "Alice Moreau", "Bilal Khan", "Chen Wei", "Dana Okafor", "Elif Yilmaz",
    "Farid Haddad", "Grace Kim", "Hugo Martin", "Ines Duarte", "Jonas Berg",
    "Kavya Rao", "Liam O'Brien", "Maya Cohen", "Noah Fischer", "Olga Petrova",
    "Pablo Ruiz", "Qi Zhang", "Rosa Alvarez", "Sven Larsen", "Tariq Aziz",
    "Uma Patel", "Victor Nguyen", "Wanda Nowak", "Xavier Dubois", "Yara Haddad",
    "Zoe Turner", "Ahmed Saleh", "Beatriz Lima", "Carlos Mendes", "Divya Iyer",
    "Emil Novak", "Fatima Zahra", "Goran Petrovic", "Hana Sato", "Igor Ivanov",
    "Julia Schmidt", "Kofi Mensah", "Lena Vogel", "Marco Rossi", "Nadia Ali",
]


def test_a_pseudonym_cannot_be_matched_to_a_roster_by_hashing(tmp_path, sample_copy):
    assert len(ROSTER) == 40
    pseudonyms = [export.export_anonymous(sample_copy, tmp_path / f"w{i}").stem
                  for i in range(12)]
    salts = ["", "salt", "workshop", "team", "kit", "incident-kit", "2026", "secret"]
    digests = set()
    for name in ROSTER:
        for spelled in {name, name.lower(), name.replace(" ", "").lower(),
                        name.split()[0].lower()}:
            for salt in salts:
                for text in (salt + spelled, spelled + salt):
                    for algorithm in (hashlib.sha256, hashlib.md5, hashlib.sha1):
                        digests.add(algorithm(text.encode()).hexdigest())
    for pseudonym in pseudonyms:
        compact = pseudonym.replace("-", "")
        for digest in digests:
            assert not digest.startswith(compact)
            assert compact not in digest
            # no run of 6+ hex characters of the pseudonym comes from a digest
            for run in re.findall(r"[0-9a-f]{6,}", compact):
                assert run not in digest
        assert not any(part.lower() in pseudonym for name in ROSTER
                       for part in name.split() if len(part) > 3)
    colours, nature = set(kit.messages.PSEUDONYM_COLOURS), set(
        kit.messages.PSEUDONYM_NATURE)
    for pseudonym in pseudonyms:  # built only from the word lists and a number
        colour, thing, number = pseudonym.split("-")
        assert colour in colours and thing in nature and 10 <= int(number) <= 99


def test_a_chosen_pseudonym_is_used_checked_and_never_overwritten(tmp_path):
    journal = kit.Journal.sample()
    path = export.export_anonymous(journal, tmp_path, pseudonym="quiet-river")
    assert path.name == "quiet-river.csv"
    before = path.read_bytes()
    with pytest.raises(SaveFailed, match="quiet-river.csv is already in"):
        export.export_anonymous(journal, tmp_path, pseudonym="quiet-river")
    assert path.read_bytes() == before
    for bad in ("Alice Moreau", "x", "../escape", "a" * 41, "-dash", "UPPER"):
        with pytest.raises(InvalidExport, match="cannot be used"):
            export.export_anonymous(journal, tmp_path, pseudonym=bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiet-river.csv"]


def test_export_is_atomic_when_the_move_fails(tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    # An export never replaces a file: it is linked into place, never renamed over one.
    monkeypatch.setattr(os, "link", broken)
    with pytest.raises(SaveFailed, match="No space left"):
        export.export_anonymous(kit.Journal.sample(), tmp_path)
    assert list(tmp_path.iterdir()) == []  # no half-written file, no temp file


def test_export_of_an_empty_journal_says_so(tmp_journal, tmp_path):
    with pytest.raises(NotEnoughData, match="nothing to export"):
        export.export_anonymous(tmp_journal, tmp_path)


def test_an_export_pools_back_to_the_journal_numbers(tmp_path):
    journal = kit.Journal.sample()
    export.export_anonymous(journal, tmp_path)
    pooled = pool.pool(tmp_path)
    frame = journal.frame()
    assert pooled.attrs["problems"] == []
    assert pooled["panic_to_action_min"].tolist() == export.coarse_minutes(
        frame["panic_to_action_min"]).tolist()
    assert pooled["distress_peak"].tolist() == export.band(frame["distress_peak"],
                                                           "distress")
    assert pooled["n_techniques"].tolist() == frame["n_techniques"].tolist()
    for name in kit.record.TECHNIQUES:
        column = f"technique_{name}"
        assert pooled[column].tolist() == frame[column].tolist()
    assert pooled["culture_response"].tolist() == frame["culture_response"].tolist()


def test_exports_are_not_world_readable(tmp_path, sample_copy):
    path = export.export_anonymous(sample_copy, tmp_path / "drop")
    assert stat.S_IMODE(path.stat().st_mode) == export.EXPORT_MODE == 0o640


# --- choosing, coarsening, the receipt ----------------------------------------------


def test_an_export_leaves_out_the_incidents_not_chosen(tmp_path):
    journal = kit.Journal.sample()
    incidents = journal.load().incidents
    left_out = incidents[1]
    chosen = [inc.id for inc in incidents if inc.id != left_out.id]
    path = export.export_anonymous(journal, tmp_path, incidents=chosen)
    data = pd.read_csv(path)
    # Numbers count every finished incident, so the curve keeps its steps.
    assert data["incident_no"].tolist() == [1, 3, 4, 5]
    assert data["whose"].tolist() == ["mine", "dependency", "systemic", "mine"]
    preview = export.export_preview(journal, incidents=chosen)
    assert preview["incident_no"].tolist() == [1, 3, 4, 5]
    choices = export.export_choices(journal)
    assert [ident for _, ident in choices] == [inc.id for inc in incidents]
    assert left_out.title in choices[1][0]  # the person's own list names them


def test_choosing_nothing_or_an_unknown_incident_writes_nothing(tmp_path):
    journal = kit.Journal.sample()
    with pytest.raises(NotEnoughData, match="No incident was chosen"):
        export.export_anonymous(journal, tmp_path, incidents=[])
    with pytest.raises(InvalidExport, match="not finished incidents"):
        export.export_anonymous(journal, tmp_path, incidents=["2026-01-01-nothing"])
    assert list(tmp_path.iterdir()) == []


def test_durations_and_ratings_leave_coarsened(tmp_path):
    journal = kit.Journal.sample()
    path = export.export_anonymous(journal, tmp_path)
    data = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = journal.frame()
    for name in ("panic_to_action_min", "to_mitigate_min", "to_resolve_min"):
        minutes = data[name].astype(float)
        assert (export.coarse_minutes(minutes) == minutes).all()
    assert data["to_resolve_min"].astype(float).tolist() != frame[
        "to_resolve_min"].tolist()
    bands = {"0-3", "4-6", "7-10"}
    assert set(data["distress_peak"]) <= bands
    assert set(data["symptom_racing_heart"]) <= bands
    assert set(data["clarity_next_step"]) <= {"0-30", "40-60", "70-100"}
    assert set(data["culture_safety"]) <= {"1-2", "3", "4-5", ""}
    assert data["distress_peak"].tolist() == export.band(frame["distress_peak"],
                                                         "distress")
    # The words the person reads say what was coarsened.
    words = str(export.what_it_hides())
    assert "rounded" in words and "0-3, 4-6 or 7-10" in words


def test_coarse_minutes_keep_the_time_order():
    minutes = [i / 10 for i in range(0, 2000)]
    coarse = export.coarse_minutes(minutes)
    assert (coarse[1:] >= coarse[:-1]).all()
    assert export.coarse_minutes([9.4, 9.6, 12.4, 12.6, 59, 67, 68]).tolist() == [
        9, 10, 10, 15, 60, 60, 75]


def test_an_export_carries_only_the_hash_of_its_receipt(tmp_path):
    path = export.export_anonymous(kit.Journal.sample(), tmp_path)
    assert re.fullmatch(export.RECEIPT_PATTERN, path.receipt)
    raw = path.read_text()
    assert path.receipt not in raw
    data = pd.read_csv(path)
    assert set(data["receipt_hash"]) == {
        hashlib.sha256(path.receipt.encode()).hexdigest()}
    again = export.export_anonymous(kit.Journal.sample(), tmp_path)
    assert again.receipt != path.receipt
    assert path.receipt in path._repr_markdown_()


def test_night_says_night_or_day_in_the_alerts_own_local_time_and_never_the_hour():
    """The pooled 3 AM view needs night or day per incident; the hour stays home."""
    from kit import hours

    journal = kit.Journal.sample()
    data = export.export_frame(journal.frame(), "amber-heron-42")
    local = hours.alert_hours(journal)
    finished = local.loc[~local["draft"]]
    assert data["night"].tolist() == finished["night"].astype(int).tolist()
    kept_home = {"hour", "local_time", "alert_at", "alert_offset_min", "utc_offset_min"}
    assert not kept_home & set(data.columns)
