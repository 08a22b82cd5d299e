"""Tests of the Fortschrittsbericht document: open the .docx and read what it says."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

from parthe_reports import history
from parthe_reports.progress import ProgressError, write_progress_report
from parthe_reports.progress.change_tables import CHANGE_TABLES
from parthe_reports.progress.context import build_context
from parthe_reports.progress.diff import diff_runs
from parthe_reports.progress.template import TEMPLATE, build_template
from parthe_reports.render.engine import missing_variables, template_variables
from tests.test_progress_fixtures import dataset, keep_run, two_runs

Block = tuple[str, object]


def blocks(path: Path) -> list[Block]:
    """Body in order: ("h2", text), ("p", text) or ("t", rows of cell texts)."""
    d = docx.Document(str(path))
    out: list[Block] = []
    for el in d.element.body.iterchildren():
        if el.tag.endswith("}p"):
            p = Paragraph(el, d)
            kind = "h2" if p.style is not None and p.style.name == "Heading 2" else "p"
            if p.text.strip():
                out.append((kind, p.text))
        elif el.tag.endswith("}tbl"):
            t = Table(el, d)
            out.append(("t", [[c.text for c in r.cells] for r in t.rows]))
    return out


def section(doc: Path | list[Block], heading: str) -> object:
    """What follows a Heading 2: a table's data rows, or the sentence printed instead."""
    bs = blocks(doc) if isinstance(doc, Path) else doc
    i = bs.index(("h2", heading))
    kind, content = bs[i + 1]
    return content[1:] if kind == "t" else content  # type: ignore[index]


def all_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in d.sections for p in s.header.paragraphs]
    return "\n".join(parts)


def test_report_shows_the_known_changes(tmp_path: Path) -> None:
    """It lists the started/finished measures, the decisions and the late milestone as rows."""
    two_runs(tmp_path)
    result = write_progress_report(tmp_path)
    path = result.path
    assert path == tmp_path / "2026-12-10_0200" / "Fortschrittsbericht.docx"
    assert result.baseline == "2026-10-01_0200"
    rows = section(path, "Statusänderungen")
    assert [r[:4] for r in rows] == [  # type: ignore[union-attr]
        ["M-BRA-01", "Gemeinsamer Bauhof", "geplant", "in Umsetzung"],
        ["M-BRA-02", "Digitale Akte", "in Umsetzung", "umgesetzt"],
    ]
    decisions = section(path, "Statusänderungen (Bescheide)")
    assert [r[0] + ":" + r[3] for r in decisions] == [  # type: ignore[union-attr]
        "FA-BRA-01:bewilligt",
        "FA-BRA-02:abgelehnt",
    ]
    amounts = section(path, "Geänderte Beträge")
    assert [r[:4] for r in amounts] == [["FA-BRA-01", "bewilligt", "–", "60.000,00\u00a0€"]]  # type: ignore[union-attr]
    late = section(path, "Neu verspätete Meilensteine")
    assert [r[:2] for r in late] == [["Zweckvereinbarung beschlossen", "01.12.2026"]]  # type: ignore[union-attr]
    swot = section(path, "Neue SWOT-Aussagen")
    assert [r[:4] for r in swot] == [  # type: ignore[union-attr]
        ["GRP", "Verwaltungsaufgaben", "Schwäche", "Fachkräftemangel im Bauhof"]
    ]
    assert [
        r[:2] for r in section(path, "Nicht aktualisierte oder fehlerhafte Erhebungsbögen")
    ] == [  # type: ignore[union-attr]
        ["Gemeinde Borsdorf", "unverändert"]
    ]
    assert ("h2", "Neue Maßnahmen") not in blocks(path)  # no rows: collapsed into one line
    text = all_text(path)
    assert "Keine Änderungen bei „Neue Maßnahmen“, „Entfallene Maßnahmen“" in text
    assert "▲ +60.000,00\u00a0€" in text
    assert (
        "Seit dem letzten Bericht: 1 Maßnahme hat begonnen und 1 Maßnahme ist abgeschlossen."
        in text
    )
    assert "1 Antrag abgelehnt (FA-BRA-02)" in text  # what needs the steering group
    assert "Beispieldaten" not in text
    assert len(docx.Document(str(path)).inline_shapes) == 1  # the funding chart


def test_report_records_its_baseline(tmp_path: Path) -> None:
    """It notes the baseline in the run's metadata, and the next report starts from there."""
    old, new = two_runs(tmp_path)
    write_progress_report(tmp_path)
    assert history.read_meta(new)["progress_report"]["baseline"] == old.name
    third = keep_run(tmp_path, "2027-01-10_0200", dataset(True), datetime(2027, 1, 10, 2))
    result = write_progress_report(tmp_path)
    assert (result.run, result.baseline) == (third.name, new.name)
    assert result.diff.measures_status == []


def test_unchanged_runs_collapse_into_one_line(tmp_path: Path) -> None:
    """It says once that nothing changed, prints no heading or sentence per empty change
    table, and no empty table."""
    keep_run(tmp_path, "2026-12-01_a", dataset(True), datetime(2026, 12, 1))
    keep_run(tmp_path, "2026-12-02_b", dataset(True), datetime(2026, 12, 2))
    path = write_progress_report(tmp_path).path
    bs = blocks(path)
    text = all_text(path)
    assert text.count("Seit dem letzten Bericht gibt es keine Änderungen.") == 1
    for s in (s for s in CHANGE_TABLES if s.var not in ("deadlines", "deliveries")):
        assert ("h2", s.heading) not in bs and s.empty not in text, s.heading
    assert "Keine Änderungen bei „" not in text
    for chapter in ("Maßnahmen", "Förderanträge", "SWOT und Verbundziele"):
        assert chapter not in [
            p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"
        ]
    tables = [c for k, c in bs if k == "t"]
    assert all(len(t) > 1 for t in tables)  # type: ignore[arg-type]


def test_report_with_changes_has_no_empty_sentence_for_them(tmp_path: Path) -> None:
    """It shows a table, not the sentence, where the section has rows (negative partner)."""
    two_runs(tmp_path)
    path = write_progress_report(tmp_path).path
    assert isinstance(section(path, "Statusänderungen"), list)
    assert "Keine Maßnahme hat ihren Status geändert." not in all_text(path)


def test_hostile_text_prints_literally(tmp_path: Path) -> None:
    """It prints &, <, {{ }}, {% %} and line breaks from cells as text, and the file opens."""
    hostile = "A & B <c> {{ region_name }} {% if x %}\nZeile 2"
    two_runs(tmp_path, title=hostile, programme="Risiko </w:t> & {{ 1+1 }}")
    path = write_progress_report(tmp_path).path
    rows = section(path, "Statusänderungen")
    assert rows[0][1] == hostile  # type: ignore[index]
    text = all_text(path)
    assert "Risiko </w:t> & {{ 1+1 }}" in text
    assert "{%p" not in text and "{%tr" not in text


def test_example_data_is_marked(tmp_path: Path) -> None:
    """It puts the Beispieldaten marker into the header when the data is example data."""
    for name, new, day in (("a", False, datetime(2026, 10, 1)), ("b", True, datetime(2026, 12, 1))):
        ds = dataset(new)
        ds.sources = [s.__class__(**{**s.__dict__, "is_example": True}) for s in ds.sources]
        keep_run(tmp_path, name, ds, day)
    path = write_progress_report(tmp_path).path
    assert "Beispieldaten" in all_text(path)


def test_context_supplies_every_template_variable(tmp_path: Path) -> None:
    """It gives the template every variable it uses (the chart is added by the renderer)."""
    old, new = (history.load_run(p) for p in two_runs(tmp_path))
    ctx = build_context(diff_runs(old, new), old, new)
    assert missing_variables(TEMPLATE, ctx) == {"chart"}


def test_needs_two_completed_runs(tmp_path: Path) -> None:
    """It refuses with a German message when there is nothing to compare, or a failed run."""
    keep_run(tmp_path, "2026-12-01_a", dataset(True), datetime(2026, 12, 1))
    keep_run(tmp_path, "2026-12-02_b", dataset(True), datetime(2026, 12, 2), status=history.FAILED)
    with pytest.raises(ProgressError, match="mindestens zwei abgeschlossene Läufe"):
        write_progress_report(tmp_path)
    with pytest.raises(ProgressError, match="nicht gefunden"):
        write_progress_report(tmp_path, since="zzz")


@pytest.mark.libreoffice
@pytest.mark.slow
def test_summary_is_one_page_in_pdf(tmp_path: Path) -> None:
    """It puts Zusammenfassung and figures on one page: the first chapter starts on the next."""
    import subprocess

    from parthe_reports.render.pdf import convert_to_pdf

    two_runs(tmp_path)
    path = write_progress_report(tmp_path).path
    (pdf,) = convert_to_pdf([path], tmp_path / "pdf", timeout=180)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    summary = next(i for i, p in enumerate(pages) if "Auf einen Blick" in p and "Kennzahl" in p)
    assert "Zusammenfassung" in pages[summary] and "Die Lenkungsgruppe sollte" in pages[summary]
    assert "Statusänderungen" not in pages[summary]
    assert "Statusänderungen" in pages[summary + 1]
    assert "Verspätete Meilensteine" in pages[summary]


def test_chart_left_out_without_funding(tmp_path: Path) -> None:
    """It prints the sentence instead of a chart when no run has any application."""
    for name, day in (
        ("2026-12-01_a", datetime(2026, 12, 1)),
        ("2026-12-02_b", datetime(2026, 12, 2)),
    ):
        ds = dataset(True)
        del ds.tables["funding_applications"]
        keep_run(tmp_path, name, ds, day)
    path = write_progress_report(tmp_path).path
    assert len(docx.Document(str(path)).inline_shapes) == 0
    assert "Für die Abbildung liegen keine Läufe mit Förderanträgen vor." in all_text(path)


def test_committed_template_matches_its_build(tmp_path: Path) -> None:
    """It finds the same variables and headings in the committed template as in a fresh build."""
    fresh = build_template(tmp_path)
    assert template_variables(fresh) == template_variables(TEMPLATE)
    headings = [b for b in blocks(TEMPLATE) if b[0] == "h2"]
    assert headings == [b for b in blocks(fresh) if b[0] == "h2"]
    assert ("h2", "Neu verspätete Meilensteine") in headings


def _with_assessment(new: bool, text: str) -> object:
    from datetime import date

    from tests.test_progress_fixtures import table

    ds = dataset(new)
    row = dict(document="Phase 1", section="swot", text=text, as_of=date(2026, 11, 20))
    ds.tables["assessments"] = table("assessments", [row])
    return ds


def test_report_shows_changed_assessments_as_typed(tmp_path: Path) -> None:
    """It lists an assessment whose text changed, with document, section and the new wording."""
    keep_run(tmp_path, "a", _with_assessment(False, "Alt."), datetime(2026, 10, 1))  # type: ignore[arg-type]
    new = "Neu: die SWOT zeigt Paare.\nZweite Zeile."
    keep_run(tmp_path, "b", _with_assessment(True, new), datetime(2026, 12, 10))  # type: ignore[arg-type]
    rows = section(write_progress_report(tmp_path).path, "Neue oder geänderte Einschätzungen")
    assert [r[:4] for r in rows] == [["Phase 1", "swot", new, "20.11.2026"]]  # type: ignore[index]


def test_unchanged_assessments_are_not_listed(tmp_path: Path) -> None:
    """It leaves the assessments chapter out when the wording is the same in both runs."""
    keep_run(tmp_path, "a", _with_assessment(False, "Gleich."), datetime(2026, 10, 1))  # type: ignore[arg-type]
    keep_run(tmp_path, "b", _with_assessment(True, "Gleich."), datetime(2026, 12, 10))  # type: ignore[arg-type]
    path = write_progress_report(tmp_path).path
    assert ("h2", "Neue oder geänderte Einschätzungen") not in blocks(path)
    assert "Einschätzungen des Projektbüros" not in all_text(path)
