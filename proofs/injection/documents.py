"""Document places: the report, the Markdown export and other files the kit writes."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from .payloads import path_part, timeline_csv
from .places import Render, as_html, page_html
from .widgets import quick_charts


def document_places(i: int, payload: str, journal, work: Path, renderers, findings,
                     errors) -> list[Render]:
    import kit
    from kit import postmortem as pm
    from kit import team, timelines
    from kit.reporting import render_html

    folder = work / "pages" / f"{i}"
    folder.mkdir(parents=True, exist_ok=True)
    finished = f"{datetime(2026, 4, 1) + timedelta(days=i):%Y-%m-%d}-payload-{i}"
    incident = journal.get(finished)
    mistune = renderers["mistune"]
    out: list[Render] = []

    def page(place: str, name: str, text: Callable[[], str]) -> None:
        path = folder / name
        try:
            path.write_text(text(), encoding="utf-8")
        except Exception as error:  # noqa: BLE001 - a place that cannot be built
            errors.append(f"{place}: {type(error).__name__}")
            out.append(Render(place, i, error=f"not built: {type(error).__name__}"))
            return
        out.append(Render(place, i, path=path))

    # The Markdown export, through each renderer and opened raw.
    markdown = pm.to_markdown(incident, include_reflection=True)
    for name, render in renderers.items():
        page(f"Markdown export via {name}", f"md-{name}.html",
             lambda r=render: page_html("export", [r(markdown)]))
    page("Markdown export opened raw", "md-raw.html", lambda: markdown)

    # Notebook 00/04/05/07 outputs of a journal named with the payload.
    def outputs() -> str:
        frame = journal.frame()
        shown = [
            journal.describe(),
            journal.table(),
            kit.trend(frame),
            team.attribution_table(frame),
            kit.surveys.distress_note(frame),
            kit.blame.explain(
                f"{payload} forgot to warm the cache; {payload} was careless."
            ),
        ]
        named = folder / "named" / path_part(payload)
        with quick_charts():  # the sentences matter here, not the pictures
            shown.append(kit.report(journal, named / "report.html", dpi=20))
            shown.append(kit.chart_files.save_pngs(journal, named, dpi=20))
        return page_html("outputs", [as_html(obj, mistune) for obj in shown])

    page("notebook outputs: describe, table, trend, attribution, report, charts",
         "out.html", outputs)

    # The import preview (HTML and Markdown) of a timeline full of payloads.
    def plan() -> str:
        timeline = timelines.read_timeline(
            timeline_csv(folder / "timeline" / (path_part(payload) + ".csv"),
                          payload, incident.times.alert_at)
        )
        planned = timelines.plan_import(incident, timeline, overwrite=True)
        return page_html("plan", [planned.to_html(), mistune(planned.to_markdown())])

    page("import preview", "plan.html", plan)

    # The team: a pseudonym of your choosing, a forged pool, a payload-named folder.
    def pool() -> str:
        exports = work / "exports" / f"{i}"
        try:
            team.export_anonymous(journal, exports, pseudonym=payload)
            findings.accepted_pseudonyms += 1
        except kit.KitError:
            findings.refused_pseudonyms += 1
        forged = work / "pools" / f"{i}" / path_part(payload)
        forged.mkdir(parents=True, exist_ok=True)
        for source in exports.glob("*.csv") if exports.exists() else []:
            shutil.copy(source, forged / source.name)
        good = team.export_anonymous(journal, work / "exports" / f"good-{i}")
        rows = list(csv.reader(io.StringIO(good.read_text())))
        where = rows[0].index("pseudonym")
        for row in rows[1:]:
            row[where] = payload
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        name = payload.replace("/", "\u2215").replace("\n", " ")[:150] + ".csv"
        (forged / name).write_text(text.getvalue())
        (forged / "forged.csv").write_text(text.getvalue())
        pooled = team.pool(forged)
        empty = work / "pools" / f"{i}-empty" / path_part(payload)
        empty.mkdir(parents=True, exist_ok=True)
        shown = [
            team.describe_pool(pooled),
            team.show(team.by_incident_number(pooled)),
            team.show(team.systemic_share(pooled)),
            team.show(team.technique_comparison(pooled)),
            team.describe_pool(team.pool(empty)),
            kit.surveys.safety_aggregate(None, pool=pooled),
        ]
        return page_html("pool", [as_html(obj, mistune) for obj in shown])

    page("team pool outputs (06)", "pool.html", pool)

    # The report, as written and with its Content-Security-Policy taken out (so that
    # escaping alone is what is tested).
    def report() -> str:
        return render_html(journal, reflections=[finished], dpi=30)

    page("report", "report.html", report)
    written = folder / "report.html"
    if written.exists():
        page("report without its CSP", "report-nocsp.html",
             lambda: re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "",
                            written.read_text(encoding="utf-8"), flags=re.I))
    return out
