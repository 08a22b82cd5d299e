"""Context builder: ``ProgressDiff`` + the two runs → the dict the template renders.

Pure: every value is already a German-formatted string, so the template only places text.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from parthe_reports import __version__, narrative
from parthe_reports.german import date_de, is_missing, join_de, money, number, plain, text
from parthe_reports.history import RunData
from parthe_reports.progress.change_tables import CHANGE_TABLES, chapters
from parthe_reports.progress.model import Deadline, DeliveryIssue, FieldChange, Item, ProgressDiff
from parthe_reports.progress.periods import PeriodComparison
from parthe_reports.progress.template import chapter_var
from parthe_reports.region import Region, load_region
from parthe_reports.render.narration import narration_context

# How a changed field prints, by column key: amounts as money, dates German, periods joined.
_MONEY = {"cost_total", "requested", "granted", "own_share"}
_FIELD_LABEL = {
    "requested": "beantragt",
    "granted": "bewilligt",
    "own_share": "Eigenanteil",
    "goal": "Ziel",
    "indicator": "Indikator",
    "target": "Zielwert",
    "target_year": "Zieljahr",
}


def value(field: str, v: Any) -> str:
    """One value of a changed field, German-formatted."""
    if field == "period":
        start, end = v
        return f"{text(start)} bis {text(end)}"
    if field in _MONEY:
        return money(v)
    if isinstance(v, date):
        return date_de(v)
    if field == "target_year" and not is_missing(v):
        return str(int(v))
    if isinstance(v, float):
        return number(v, 2)
    return text(v)


def _change(c: FieldChange) -> dict[str, str]:
    return {
        "key": text(c.key),
        "title": text(c.title),
        "field": _FIELD_LABEL.get(c.field, c.field),
        "before": value(c.field, c.before),
        "after": value(c.field, c.after),
        "source": text(c.source),
    }


def _item(i: Item) -> dict[str, str]:
    row = {"key": text(i.key), "title": text(i.title), "source": text(i.source)}
    for k, v in i.values.items():
        if k not in row:
            row[k] = value(k, v)
    row["cost"] = money(i.values.get("cost_total"))
    row["municipality"] = text(i.values.get("municipality"))
    return row


def _deadline(d: Deadline) -> dict[str, str]:
    return {
        "due": date_de(d.due),
        "days": str(d.days_left),
        "kind": d.kind,
        "key": text(d.key),
        "title": text(d.title),
        "municipality": text(d.municipality),
        "source": text(d.source),
    }


def _delivery(d: DeliveryIssue) -> dict[str, str]:
    return {"name": text(d.name), "reason": d.reason, "detail": text(d.detail)}


def _row(entry: object) -> dict[str, str]:
    if isinstance(entry, FieldChange):
        return _change(entry)
    if isinstance(entry, Item):
        return _item(entry)
    if isinstance(entry, Deadline):
        return _deadline(entry)
    if isinstance(entry, DeliveryIssue):
        return _delivery(entry)
    raise TypeError(type(entry))


def trend(before: float, after: float, fmt: Any = str) -> str:
    """``▲ +2`` / ``▼ −1`` / ``► unverändert``."""
    delta = after - before
    if abs(delta) < 0.005:
        return "► unverändert"
    arrow, sign = ("▲", "+") if delta > 0 else ("▼", "−")
    return f"{arrow} {sign}{fmt(abs(delta))}"


def _figures(d: ProgressDiff) -> list[dict[str, str]]:
    f = d.figures
    count = lambda n: number(n)  # noqa: E731
    rows = [
        ("Bewilligte Fördermittel (gesamt)", f.granted_before, f.granted_after, money),
        ("Maßnahmen in Umsetzung", f.in_progress_before, f.in_progress_after, count),
        ("Maßnahmen umgesetzt", f.done_before, f.done_after, count),
        ("Verspätete Meilensteine", f.late_before, f.late_after, count),
    ]
    return [
        {"label": label, "before": fmt(b), "after": fmt(a), "trend": trend(b, a, fmt)}
        for label, b, a, fmt in rows
    ]


# Tables that list the present state, not a change: when empty, their own sentence.
STATE_TABLES = ("deadlines", "deliveries")


def collapsed(ctx: dict[str, Any]) -> dict[str, Any]:
    """Which chapters print (``changed``), the one line per printed chapter naming its
    tables without rows (``unchanged_tables``), and the sentences of the empty state
    tables (``unchanged_chapters``); chapters without changes are named in the summary."""
    changed: dict[str, bool] = {}
    lines: dict[str, str] = {}
    for title in chapters():
        tables = [s for s in CHANGE_TABLES if s.chapter == title]
        var = chapter_var(title)
        changed[var] = any(ctx[s.var] for s in tables)
        quiet = [f"„{s.heading}“" for s in tables if not ctx[s.var]]
        lines[var] = f"Keine Änderungen bei {join_de(quiet)}." if quiet and changed[var] else ""
    empty = [s.empty for s in CHANGE_TABLES if s.var in STATE_TABLES and not ctx[s.var]]
    return {"changed": changed, "unchanged_tables": lines, "unchanged_chapters": " ".join(empty)}


def sources(run: RunData) -> list[dict[str, str]]:
    """The run's workbooks as rows of a sources table."""
    return [
        {
            "workbook": text(s.workbook),
            "municipality": text(run.municipalities.get(s.municipality or "", "Verbund")),
            "modified": date_de(s.modified),
            "template_version": text(s.template_version),
            "errors": str(s.errors),
            "sha256": s.sha256,
        }
        for s in run.sources
    ]


def period_context(p: PeriodComparison | None, baseline: str) -> dict[str, Any]:
    """„Periode mit Periode“: the sentence and, unless the run comparison already is the
    period comparison, the same key figures against the previous period's last run."""
    if p is None:
        return {"period_intro": "", "period_figures": []}
    intro = (
        f"Erhebungsrunde {plain(p.period)} im Vergleich mit der vorigen Runde {plain(p.previous)} "
        f"(deren letzter Lauf {plain(p.run)}, Stichtag {date_de(p.diff.old_stichtag)})"
    )
    if p.run == baseline:
        return {"period_intro": intro + ": der Vergleichsstand oben.", "period_figures": []}
    return {"period_intro": intro + ":", "period_figures": _figures(p.diff)}


def build_context(
    d: ProgressDiff,
    old: RunData,
    new: RunData,
    generated: datetime | None = None,
    region: Region | None = None,
    period: PeriodComparison | None = None,
) -> dict[str, Any]:
    """Everything the template uses except ``chart`` (an image the renderer adds)."""
    ctx: dict[str, Any] = {s.var: [_row(e) for e in getattr(d, s.var)] for s in CHANGE_TABLES}
    meta = new.meta
    ctx.update(
        region_name=plain(meta.get("region", "")),
        region_full_name=plain(meta.get("region_full", meta.get("region", ""))),
        stichtag=date_de(d.stichtag),
        baseline_stichtag=date_de(old.stichtag),
        generated=date_de(generated or datetime.now()),
        version=__version__,
        is_example=new.is_example or old.is_example,
        intro=(
            f"Dieser Bericht vergleicht den Datenstand vom {date_de(d.new_stichtag)} (Lauf "
            f"{plain(new.name)}, Erhebungsrunde {plain(new.period)}) mit dem Stand vom "
            f"{date_de(d.old_stichtag)} (Lauf {plain(old.name)}, Erhebungsrunde "
            f"{plain(old.period)}), auf dem der vorige Bericht beruhte."
        ),
        figures=_figures(d),
        chart_intro=(
            "Die Abbildung zeigt für jeden aufbewahrten Lauf die Summe der beantragten und "
            "der bewilligten Fördermittel."
        ),
        sources=sources(new),
        baseline_intro=(
            f"Der Vergleichsstand (Lauf {plain(old.name)}, Stichtag {date_de(old.stichtag)}) "
            "beruhte auf diesen Erhebungsbögen."
        ),
        baseline_sources=sources(old),
    )
    ctx |= period_context(period, old.name)
    ctx |= collapsed(ctx)
    return ctx | narration_context(
        narrative.progress(d, region or load_region()), None, "Fortschrittsbericht"
    )
