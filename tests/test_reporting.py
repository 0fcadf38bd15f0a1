"""The shareable report: self-contained, offline, escaped, and holding only what the
author chose."""

from __future__ import annotations

import base64
import html
import importlib
import os
import re
import struct
from datetime import datetime, timedelta, timezone

import markupsafe
import pytest
from helpers import save_artefact

import kit

report_module = importlib.import_module("kit.reporting")

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
FETCH = ('<img src="https://example.invalid/track.png">'
         "<link rel=stylesheet href=//x.invalid/a.css>")
SECRETS = {
    "2026-01-05-first": "SECRET-ONE never shared unless ticked",
    "2026-02-09-second": "SECRET-TWO never shared unless ticked",
    "2026-03-16-third": "SECRET-THREE never shared unless ticked",
}


def _incident(make_incident, number: int, incident_id: str, minutes: float):
    alert = datetime(2026, number, 5 + 2 * number, 9, 0, tzinfo=timezone.utc)
    return make_incident(
        id=incident_id,
        title=f"{SCRIPT} {IMG} title {number}",
        service=FETCH[:200],
        times={
            "alert_at": alert.isoformat(),
            "first_action_at": (alert + timedelta(minutes=minutes)).isoformat(),
            "mitigated_at": (alert + timedelta(minutes=minutes + 4)).isoformat(),
            "source": "recalled",
        },
        events=[{"at": (alert + timedelta(minutes=1)).isoformat(), "kind": "note",
                 "text": f"EVENT-TEXT {SCRIPT} {IMG} {FETCH}"}],
        reflection={
            "body": f"{SECRETS[incident_id]} {SCRIPT}",
            "at_3am": f"{IMG} breathe first",
            "learned": f"{FETCH} line one\nline two",
        },
    )


@pytest.fixture
def hostile(tmp_journal, make_incident) -> kit.Journal:
    """Three incidents with script payloads in every field a person types."""
    for number, (incident_id, minutes) in enumerate(
        zip(SECRETS, (12, 7, 3), strict=True), start=1
    ):
        tmp_journal.save(_incident(make_incident, number, incident_id, minutes))
    return tmp_journal


def escaped(text: str) -> str:
    """``text`` as the report's template writes it (Jinja2's autoescape)."""
    return str(markupsafe.escape(text))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# --- the file itself ---------------------------------------------------------------


def test_report_is_one_private_file_with_csp_and_four_images(hostile, tmp_path):
    written = kit.report(hostile, tmp_path / "out" / "report.html")
    assert isinstance(written, os.PathLike) and written.name == "report.html"
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    assert oct(written.parent.stat().st_mode & 0o777) == "0o700"
    page = written.read_text(encoding="utf-8")
    head = page[: page.index("</head>")]
    assert head.index('http-equiv="Content-Security-Policy"') < head.index("<title>")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    policy = html.unescape(csp.group(1))
    for part in ("default-src 'none'", "img-src data:", "style-src 'unsafe-inline'"):
        assert part in policy
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert "@import" not in page and "url(" not in page
    sources = re.findall(r'<img src="([^"]*)"', page)
    assert len(sources) == 4
    for source in sources:
        assert source.startswith("data:image/png;base64,")
        width, height = png_size(base64.b64decode(source.split(",", 1)[1]))
        assert width > 300 and height > 200
    assert not re.search(r'(?:src|href)="(?!data:)', page), "nothing to fetch"


def test_report_has_the_trend_sentences_and_the_incidents(hostile, tmp_path):
    page = kit.report(hostile, tmp_path / "r.html").read_text()
    for sentence in kit.trend(hostile.frame()).summary:
        assert escaped(sentence) in page
    assert "fell from 12 to 3 minutes" in page
    for number in (1, 2, 3):
        assert escaped(f"{SCRIPT} {IMG} title {number}") in page


def test_user_text_is_escaped_and_event_text_left_out(hostile, tmp_path):
    written = kit.report(hostile, tmp_path / "r.html", reflections=list(SECRETS))
    raw = written.read_bytes()
    for payload in (SCRIPT, IMG, "<img src=\"https", "<link"):
        assert payload.encode() not in raw
    assert escaped(SCRIPT).encode() in raw
    assert escaped(IMG).encode() in raw
    assert b"EVENT-TEXT" not in raw, "event texts are never part of the report"


def test_reflections_not_ticked_never_enter_the_file(hostile, tmp_path):
    none = kit.report(hostile, tmp_path / "none.html").read_bytes()
    for secret in SECRETS.values():
        assert secret.encode() not in none
    assert b"breathe first" not in none and b"line two" not in none
    one = kit.report(hostile, tmp_path / "one.html",
                     reflections=["2026-02-09-second"]).read_bytes()
    assert SECRETS["2026-02-09-second"].encode() in one
    assert SECRETS["2026-01-05-first"].encode() not in one
    assert SECRETS["2026-03-16-third"].encode() not in one
    assert one.count(b"breathe first") == 1


def test_only_the_chosen_incidents_are_in_it(hostile, tmp_path):
    written = kit.report(hostile, tmp_path / "r.html",
                         incidents=["2026-02-09-second", "2026-03-16-third"],
                         reflections=["2026-03-16-third"])
    page = written.read_text()
    assert "title 1" not in page and "title 2" in page and "title 3" in page
    assert "2 incident(s)" in written._repr_markdown_()
    assert "reflections of 1 incident(s)" in written._repr_markdown_()
    with pytest.raises(kit.UnknownIncident, match="2026-12-24-nope"):
        kit.report(hostile, tmp_path / "x.html", incidents=["2026-12-24-nope"])
    with pytest.raises(kit.UnknownIncident, match="not among the incidents"):
        kit.report(hostile, tmp_path / "y.html", incidents=["2026-02-09-second"],
                   reflections=["2026-01-05-first"])
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "y.html").exists()


def test_an_existing_file_is_never_replaced_silently(hostile, tmp_path):
    target = tmp_path / "report.html"
    target.write_text("my earlier report")
    with pytest.raises(kit.SaveFailed, match="already exists.*overwrite=True"):
        kit.report(hostile, target)
    assert target.read_text() == "my earlier report"
    kit.report(hostile, target, overwrite=True)
    assert "Content-Security-Policy" in target.read_text()
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_a_failed_write_leaves_nothing_half_written(hostile, tmp_path, monkeypatch):
    target = tmp_path / "report.html"

    def broken_replace(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    monkeypatch.setattr(os, "link", broken_replace)  # the no-replace path
    with pytest.raises(kit.SaveFailed, match="No space left"):
        kit.report(hostile, target)
    assert list(tmp_path.iterdir()) == [hostile.path]


def test_without_chromium_the_html_is_written_and_the_reason_given(
    hostile, tmp_path, monkeypatch
):
    monkeypatch.setattr(report_module, "find_chromium", lambda: None)
    written = kit.report(hostile, tmp_path / "r.html", pdf=True)
    assert written.exists() and written.pdf is None
    assert written.pdf_status == "no-chromium"
    assert not (tmp_path / "r.pdf").exists()
    assert kit.messages.REPORT_PDF_UNAVAILABLE in written.notes
    assert "no Chromium" in written._repr_markdown_()


@pytest.mark.browser
def test_with_chromium_a_pdf_is_printed(hostile, tmp_path):
    if report_module.find_chromium() is None:
        pytest.skip("Chromium is not installed here (apt-get install -y chromium)")
    written = kit.report(hostile, tmp_path / "r.html", pdf=True)
    assert written.pdf == tmp_path / "r.pdf" and written.pdf_status == "written"
    assert written.pdf.read_bytes().startswith(b"%PDF")
    assert oct(written.pdf.stat().st_mode & 0o777) == "0o600"
    written.unlink()
    with pytest.raises(kit.SaveFailed, match="r.pdf already exists"):
        kit.report(hostile, tmp_path / "r.html", pdf=True)
    assert not written.exists(), "both files are checked before anything is written"


def test_an_empty_journal_still_gives_an_honest_report(tmp_journal, tmp_path):
    page = kit.report(tmp_journal, tmp_path / "r.html").read_text()
    assert "nothing to chart yet" in page
    assert escaped(kit.messages.REPORT_NO_INCIDENTS) in page
    assert page.count("data:image/png;base64,") == 4


def test_the_sample_report_says_it_is_fictional(tmp_path):
    page = kit.report(kit.Journal.sample(), tmp_path).read_text()  # a folder
    assert escaped(kit.messages.REPORT_SAMPLE_NOTE) in page
    assert len(list(tmp_path.glob("incident-report-*.html"))) == 1


# --- the form ------------------------------------------------------------------------


def test_form_shares_only_the_ticked_reflection(hostile, tmp_path):
    form = kit.forms.report_form(hostile)
    assert set(form.reflections) == set(SECRETS)
    assert not any(box.value for box in form.reflections.values())
    assert all(box.value for box in form.incidents.values())
    form.path.value = str(tmp_path / "shared.html")
    form.reflections["2026-03-16-third"].value = True
    form.write_button.click()
    raw = (tmp_path / "shared.html").read_bytes()
    assert SECRETS["2026-03-16-third"].encode() in raw
    assert SECRETS["2026-01-05-first"].encode() not in raw
    assert "shared.html" in form.status.value
    form.write_button.click()  # the same path again: said in the form, nothing replaced
    assert "already exists" in form.status.value
    assert (tmp_path / "shared.html").read_bytes() == raw


def test_form_drops_a_reflection_whose_incident_is_unticked(hostile, tmp_path):
    form = kit.forms.report_form(hostile)
    form.path.value = str(tmp_path / "r.html")
    form.reflections["2026-01-05-first"].value = True
    form.incidents["2026-01-05-first"].value = False
    form.write_button.click()
    raw = (tmp_path / "r.html").read_bytes()
    assert SECRETS["2026-01-05-first"].encode() not in raw and b"title 1" not in raw


def test_form_labels_are_plain_text(hostile):
    form = kit.forms.report_form(hostile)
    box = form.incidents["2026-01-05-first"]
    assert not box.description_allow_html
    assert SCRIPT in box.description  # shown as text, not run


# --- a real browser ------------------------------------------------------------------


@pytest.mark.browser
def test_report_opens_offline_shows_images_and_runs_no_script(
    hostile, tmp_path, browser_page
):
    written = kit.report(hostile, tmp_path / "report.html",
                         reflections=list(SECRETS))
    url = written.resolve().as_uri()
    requested: list[str] = []
    browser_page.on("request", lambda request: requested.append(request.url))
    browser_page.goto(url, wait_until="load")
    browser_page.wait_for_function(
        "Array.from(document.images).every(img => img.complete)")
    assert requested, "the page itself was requested"
    for seen in requested:
        assert seen == url or seen.startswith("data:"), seen
    images = browser_page.evaluate(
        "Array.from(document.images).map(img => [img.src.slice(0, 22), "
        "img.naturalWidth, img.naturalHeight])")
    assert len(images) == 4
    for start, width, height in images:
        assert start == "data:image/png;base64,"
        assert width > 0 and height > 0
    assert browser_page.evaluate("typeof window.__pwned") == "undefined"
    assert browser_page.evaluate("document.scripts.length") == 0
    shown = browser_page.inner_text("body")
    assert SCRIPT in shown and IMG in shown, "payloads are shown as text"
    assert SECRETS["2026-02-09-second"] in shown
    save_artefact(browser_page, "report.png")


# --- one template, one list of charts, a status instead of sentences ------------------


def test_the_figures_are_the_personal_charts_in_their_order(hostile, tmp_path):
    page = kit.report(hostile, tmp_path / "r.html").read_text()
    ids = re.findall(r'<figure id="([^"]+)">', page)
    assert ids == [spec.name for spec in kit.charts.PERSONAL_CHARTS]
    for spec in kit.charts.PERSONAL_CHARTS:
        title, about = kit.messages.REPORT_CHARTS[spec.name]
        assert f"<figcaption>{escaped(title)}. {escaped(about)}</figcaption>" in page


def _alts(page: str) -> dict[str, str]:
    """Each figure's id and its image's text alternative, as a screen reader gets it."""
    found = re.findall(r'<figure id="([^"]+)"><img [^>]*alt="([^"]*)"', page)
    return {name: html.unescape(alt) for name, alt in found}


def test_each_chart_image_is_described_with_its_numbers(tmp_path):
    # The sample journal: panic to action 12, 5, 6, 0.5 and 0.2 minutes; clarity of the
    # next step 20, 40, 50, 70 and 90; the latest incident (8 Sep 2026) took 0.2 min
    # to a first deliberate step, 1.5 min of triage and 2.5 min of fixing.
    alts = _alts(kit.report(kit.Journal.sample(), tmp_path / "r.html").read_text())
    assert list(alts) == [spec.name for spec in kit.charts.PERSONAL_CHARTS]
    assert "the first 12, the latest 0.2, a change of -11.8" in alts["panic-to-action"]
    assert "the first 20, the latest 90, a change of +70" in alts["clarity"]
    assert "11 rows by 5 columns, values from 0 to 9" in alts["body"]
    timeline = alts["timeline"]
    assert "08 Sep 2026" in timeline
    for words in ("Triage: 1.5 min", "Fix: 2.5 min", "Post-mortem: not timed",
                  "First deliberate step: 0.2 min after the alert"):
        assert words in timeline


def test_each_chart_has_its_numbers_one_click_away(hostile, tmp_path):
    page = kit.report(hostile, tmp_path / "r.html").read_text()
    found = re.findall(
        r'</figure>\s*<details class="numbers"><summary>([^<]+)</summary>'
        r"(.*?)</details>", page, flags=re.S)
    assert len(found) == len(kit.charts.PERSONAL_CHARTS)
    panic = found[0][1]
    assert html.unescape(found[0][0]) == kit.messages.CHART_TABLE_SUMMARY
    cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>([^<]*)</td>", panic)]
    for minutes in ("12", "7", "3"):  # the hostile journal's three incidents
        assert minutes in cells
    assert SCRIPT not in page and "EVENT-TEXT" not in page


def test_the_page_comes_from_the_template_with_autoescape(hostile, monkeypatch):
    template = report_module._template()
    assert template.environment.autoescape is True
    assert template.name == report_module.TEMPLATE
    page = report_module.render_html(hostile, reflections=list(SECRETS))
    assert page.startswith("<!DOCTYPE html>")
    assert SCRIPT not in page and escaped(SCRIPT) in page


def test_a_failed_pdf_is_a_status_not_a_sentence(hostile, tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "find_chromium", lambda: "/bin/false")
    monkeypatch.setitem(kit.messages._loaded, "REPORT_PDF_FAILED", "Reworded {reason}")
    written = kit.report(hostile, tmp_path / "r.html", pdf=True)
    assert written.pdf is None and written.pdf_status == "failed"
    assert written.notes[-1].startswith("Reworded")
    assert written.exists()


def test_without_a_pdf_asked_the_status_says_so(hostile, tmp_path):
    written = kit.report(hostile, tmp_path / "r.html")
    assert written.pdf is None and written.pdf_status == "not-asked"


def test_the_form_is_built_on_the_kit_form_base(hostile):
    from kit.forms._common import Form

    form = kit.forms.report_form(hostile)
    assert isinstance(form, Form)
    assert form.controls["write"] is form.write_button
    assert "kit-write" in form.write_button._dom_classes


# --- who the report is for ---------------------------------------------------------


def _chart_titles(page: str) -> set[str]:
    return {name for name, (title, _) in kit.messages.REPORT_CHARTS.items()
            if escaped(title) in page}


def test_a_report_for_a_manager_leaves_out_the_body_and_distress_charts(
        hostile, tmp_path):
    page = kit.report(hostile, tmp_path / "manager.html",
                      audience="manager").read_text(encoding="utf-8")
    assert _chart_titles(page) == {"panic-to-action", "timeline"}
    assert len(re.findall(r'<img src="data:', page)) == 2
    assert escaped(kit.messages.REPORT_BODY_LEFT_OUT) in page
    ticked = kit.report(hostile, tmp_path / "ticked.html", audience="manager",
                        body_charts=True).read_text(encoding="utf-8")
    assert _chart_titles(ticked) == set(kit.messages.REPORT_CHARTS)
    mentor = kit.report(hostile, tmp_path / "mentor.html",
                        audience="mentor").read_text(encoding="utf-8")
    assert len(re.findall(r'<img src="data:', mentor)) == 4
    with pytest.raises(ValueError, match="audience must be one of"):
        kit.report(hostile, tmp_path / "x.html", audience="boss")


def test_the_form_asks_who_it_is_for_and_says_why_for_a_manager(hostile, tmp_path):
    form = kit.forms.report_form(hostile)
    assert form.controls["audience"].value == "self"
    assert form.controls["body_charts"].value is True
    assert form.controls["body_why"].value == ""
    form.controls["audience"].value = "manager"
    assert form.controls["body_charts"].value is False
    assert "yours to share" in form.controls["body_why"].value
    form.path.value = str(tmp_path / "for-manager.html")
    form.write_button.click()
    page = (tmp_path / "for-manager.html").read_text(encoding="utf-8")
    assert _chart_titles(page) == {"panic-to-action", "timeline"}
    form.controls["body_charts"].value = True  # ticked on purpose
    form.path.value = str(tmp_path / "with-body.html")
    form.write_button.click()
    page = (tmp_path / "with-body.html").read_text(encoding="utf-8")
    assert _chart_titles(page) == set(kit.messages.REPORT_CHARTS)
