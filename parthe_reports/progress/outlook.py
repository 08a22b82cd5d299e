"""What the new run says on its own: deadlines ahead, and whose workbook did not move on."""

from __future__ import annotations

from datetime import date, timedelta

from parthe_reports.history import RunData
from parthe_reports.progress.model import Deadline, DeliveryIssue
from parthe_reports.progress.rows import source

WINDOW_DAYS = 90


def deadlines(run: RunData, day: date) -> list[Deadline]:
    """Programme Antragsfristen and Fristen Verwendungsnachweis from ``day`` to day + 90."""
    end = day + timedelta(days=WINDOW_DAYS)
    out = []
    for r in run.table("programmes").to_dict("records"):
        due = r.get("deadline")
        if isinstance(due, date) and day <= due <= end:
            out.append(
                Deadline(
                    due,
                    "Antragsfrist",
                    str(r["programme_id"]),
                    str(r.get("programme") or ""),
                    None,
                    (due - day).days,
                    source(r),
                )
            )
    for r in run.table("funding_applications").to_dict("records"):
        due = r.get("proof_due")
        if isinstance(due, date) and day <= due <= end and r.get("status") != "abgerechnet":
            out.append(
                Deadline(
                    due,
                    "Frist Verwendungsnachweis",
                    str(r["application_id"]),
                    str(r.get("programme_id") or ""),
                    r.get("municipality"),
                    (due - day).days,
                    source(r),
                )
            )
    return sorted(out, key=lambda x: (x.due, x.kind, x.key))


def deliveries(old: RunData, new: RunData) -> list[DeliveryIssue]:
    """Municipalities with no updated workbook (same SHA-256, or none) or with Fehler now."""
    names = old.municipalities | new.municipalities
    before = {s.municipality: s for s in old.sources if s.municipality}
    after = {s.municipality: s for s in new.sources if s.municipality}
    out = []
    for code, name in names.items():
        s = after.get(code)
        if s is None or code in new.missing_municipalities:
            out.append(
                DeliveryIssue(code, name, "fehlt", "Kein lesbarer Erhebungsbogen in diesem Lauf.")
            )
            continue
        if code in before and before[code].sha256 == s.sha256:
            out.append(
                DeliveryIssue(
                    code,
                    name,
                    "unverändert",
                    "Erhebungsbogen seit dem Vergleichslauf nicht aktualisiert (gleicher Inhalt).",
                )
            )
        if s.errors or code in new.incomplete_municipalities:
            count = f"{s.errors} Fehler" if s.errors else "Fehler"
            detail = (
                f"Erhebungsbogen enthält {count}; die betroffenen Zeilen fehlen in diesem Bericht."
            )
            out.append(DeliveryIssue(code, name, "Fehler", detail))
    return out
