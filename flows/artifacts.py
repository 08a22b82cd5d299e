"""Artifacts for the project office in the Prefect UI: run summary, funding deadlines, links."""

from __future__ import annotations

import logging

from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.context import FlowRunContext

from parthe_reports.pipeline import RunSummary

log = logging.getLogger("flows.artifacts")


def summary_markdown(summary: RunSummary) -> str:
    """The run in German, as Markdown: findings per municipality, documents with links."""
    folder = summary.run_folder
    lines = [
        f"# Lauf {folder.name}",
        "",
        f"Stichtag: {summary.stichtag} · Exit-Code {summary.exit_code} · Ordner: `{folder}`",
        "",
        "## Prüfergebnisse je Kommune",
        "",
        "| Kommune / Workbook | Fehler | Warnungen | Hinweise |",
        "|---|---:|---:|---:|",
    ]
    for label, c in sorted(summary.findings.items()):
        lines.append(
            f"| {label} | {c.get('Fehler', 0)} | {c.get('Warnung', 0)} | {c.get('Hinweis', 0)} |"
        )
    for name in summary.unreadable:
        lines.append(f"| {name} | nicht lesbar | | |")
    lines += ["", f"## Dokumente ({len(summary.documents)})", ""]
    lines += [f"- [{d}]({(folder / d).as_uri()})" for d in summary.documents]
    if summary.failed_documents:
        lines += ["", "## Fehlgeschlagen", ""]
        lines += [f"- {d}: {why}" for d, why in summary.failed_documents.items()]
    lines += ["", "## Aufgaben (ausgeführt / aus dem Cache)", ""]
    lines += [f"- {k}: {v['run']} / {v['cached']}" for k, v in sorted(summary.task_runs.items())]
    return "\n".join(lines)


def publish(summary: RunSummary) -> None:
    """Create the artifacts of this flow run (no-op outside a flow run; never fails the run)."""
    if FlowRunContext.get() is None:
        return
    try:
        create_markdown_artifact(
            summary_markdown(summary),
            key="lauf-zusammenfassung",
            description="Zusammenfassung des Laufs",
        )
        create_table_artifact(
            summary.deadlines or [{"Hinweis": "Keine Förderfristen in den nächsten 90 Tagen"}],
            key="foerderfristen-90-tage",
            description="Förderfristen in den nächsten 90 Tagen",
        )
    except Exception as exc:  # the UI is a convenience; the run's files are what counts
        log.warning("Artefakte nicht angelegt: %s", exc)
