"""Kommunalprofil, Prüfbericht and Fortschrittsbericht rules on hand-built inputs."""

from __future__ import annotations

from datetime import date

from parthe_reports import narrative
from parthe_reports.dataset import SourceInfo
from parthe_reports.errors import Finding, Severity
from parthe_reports.narrative import rules_profile as rp
from parthe_reports.narrative import rules_reports as rr
from parthe_reports.progress.model import Deadline, DeliveryIssue, Item, KeyFigures, ProgressDiff
from parthe_reports.region import Judgement, load_region
from parthe_reports.validate.model import RowCount, ValidatedWorkbook
from tests.fixtures_dataset import three_municipalities
from tests.narrative_helpers import model, region, said

NB = "\u00a0"
J = Judgement()


def test_profile_names_extreme_ranks_as_gap_or_strength():
    """It names the municipality's highest vacancy rate (a gap) with the median."""
    c = model(three_municipalities(), region(BBB="Stadt"))
    items = rp.ranks(c, "BBB", J)
    assert (
        said(items, "PR.RANK")[0]
        == f"Ort BBB hat mit 33,3{NB}% die höchste Quote unbesetzter Stellen im Verbund (Median: 16,7{NB}%)."
    )
    assert items[0].claims == (("vacancy_rate:BBB", "Lücke"),)


def test_profile_measures_say_stadt_or_gemeinde():
    """It calls a Stadt „Die Stadt“ and a Gemeinde „Die Gemeinde“, singular application."""
    c = model(three_municipalities(), region(BBB="Stadt"))
    (bbb,) = said(rp.measures(c, "BBB", J), "PR.MEASURES")
    assert bbb.startswith("Die Stadt ist an 2 Maßnahmen beteiligt und bei 1 federführend")
    (ccc,) = said(rp.measures(c, "CCC", J), "PR.MEASURES")
    assert (
        ccc.startswith("Die Gemeinde ist an 2 Maßnahmen beteiligt")
        and "ihr 1 Förderantrag umfasst" in ccc
    )


def test_profile_without_workbook_says_so_and_nothing_else():
    """It says the workbook is missing and draws no ranks for that municipality."""
    c = model(three_municipalities(), missing=("CCC",))
    n = narrative.profile(c, "CCC")
    assert said(n, "PR.NO-DATA") == [
        "Von der Gemeinde Ort CCC liegt kein auswertbarer Erhebungsbogen vor; das Profil zeigt nur, was andere Erhebungsbögen über sie enthalten."
    ]
    assert said(n, "PR.RANK") == []


def book(
    findings: list[Finding], rejected: bool = False, read: int = 10, accepted: int = 10
) -> ValidatedWorkbook:
    src = SourceInfo("BRA.xlsx", "x", "0" * 64, "municipal", "BRA", "1", None, False)
    return ValidatedWorkbook(
        source=src,
        findings=findings,
        row_counts={"measures": RowCount(read=read, accepted=accepted, rejected=read - accepted)},
        sheet_names={"measures": "Maßnahmen", "swot": "SWOT"},
        rejected=rejected,
    )


def finding(sev: Severity, sheet: str = "Maßnahmen", code: str = "not-a-number") -> Finding:
    return Finding(
        code, sev, "„zwölf“ ist keine Zahl.", "BRA.xlsx", sheet, 12, "Kosten gesamt", "I12", "zwölf"
    )


def test_pruefbericht_counts_only_what_was_found():
    """It counts Fehler and Hinweise (no „0 Warnungen“), rows lost and the worst sheet."""
    b = book(
        [finding(Severity.ERROR), finding(Severity.ERROR), finding(Severity.NOTE, "SWOT")],
        read=10,
        accepted=8,
    )
    r = load_region()
    n = narrative.pruefbericht(b, r)
    assert said(n, "PB.RESULT") == ["Die Prüfung ergab 2 Fehler und 1 Hinweis."]
    assert said(n, "PB.ROWS") == [
        "Übernommen wurden 8 von 10 Zeilen; 2 Zeilen fehlen wegen Fehlern in allen Auswertungen."
    ]
    assert said(n, "PB.SHEETS") == [
        "0 von 2 Tabellenblättern sind ohne Befund; die meisten Befunde betreffen „Maßnahmen“ (2)."
    ]
    assert said(n, "PB.REC-FIX") == [
        "Bitte zuerst die 2 Fehler beheben und den Erhebungsbogen erneut einreichen; am häufigsten: „zwölf“ ist keine Zahl (2×)."
    ]
    assert rr.title(b, r) == "Prüfbericht Stadt Brandis"


def test_pruefbericht_of_a_clean_workbook_has_three_key_statements():
    """It says the workbook was taken over without findings, with rows and sheets."""
    n = narrative.pruefbericht(book([]), load_region())
    assert [s.text for s in n.summary] == [
        "Der Erhebungsbogen wurde vollständig geprüft und ohne Befund übernommen.",
        "Übernommen wurden 10 von 10 Zeilen.",
        "2 von 2 Tabellenblättern sind ohne Befund.",
    ]
    assert n.recommendations == ()


def test_pruefbericht_of_a_rejected_workbook():
    """It says a rejected workbook was not used and counts no rows."""
    n = narrative.pruefbericht(book([finding(Severity.ERROR)], rejected=True), load_region())
    assert said(n, "PB.RESULT")[0].startswith("Der Erhebungsbogen konnte nicht verwendet werden")
    assert said(n, "PB.ROWS") == []


def figures(newly: float = 0.0) -> KeyFigures:
    return KeyFigures(1000.0, 1000.0 + newly, newly, 1, 2, 0, 1, 0, 1, 3)


def diff(**kw) -> ProgressDiff:
    return ProgressDiff(
        "alt",
        "neu",
        date(2026, 10, 25),
        date(2026, 11, 25),
        date(2026, 11, 25),
        kw.pop("figures", figures()),
        **kw,
    )


def test_progress_first_page_says_what_changed_and_what_needs_attention():
    """It reports new grants, started measures and items for the steering group."""
    item = Item("MS1", "Vertrag unterschrieben", {}, "verbund.xlsx › Zeitplan › Zeile 3")
    d = diff(
        figures=figures(120_000),
        measures_started=["M1", "M2"],
        milestones_late=[item],
        applications_refused=["FA-BRA-01"],
        deadlines=[Deadline(date(2026, 12, 1), "Antragsfrist", "P1", "LEADER", None, 6, "x")],
    )
    n = narrative.progress(d, load_region())
    assert said(n, "FB.GRANTED") == [
        f"Seit dem letzten Bericht (Stichtag 25.10.2026) wurden 120.000{NB}€ Fördermittel neu bewilligt; insgesamt sind es jetzt 121.000{NB}€."
    ]
    assert said(n, "FB.MEASURES") == ["Seit dem letzten Bericht: 2 Maßnahmen haben begonnen."]
    assert said(n, "FB.ATTENTION") == [
        "Die Lenkungsgruppe sollte sich befassen mit: 1 Meilenstein neu überfällig („Vertrag unterschrieben“), "
        "1 Antrag abgelehnt (FA-BRA-01) und 1 Frist in den nächsten 30 Tagen."
    ]
    assert said(n, "FB.UNCHANGED") == [
        "Keine Änderungen bei Maßnahmen, Förderanträgen, Veränderungsmanagement, SWOT-Aussagen und Verbundzielen."
    ]


def test_progress_of_an_unchanged_period_is_one_line():
    """It collapses a period without changes into one sentence and asks for nothing."""
    n = narrative.progress(
        diff(deliveries=[DeliveryIssue("BRA", "Brandis", "unverändert", "x")]), load_region()
    )
    assert said(n, "FB.UNCHANGED") == ["Seit dem letzten Bericht gibt es keine Änderungen."]
    assert said(n, "FB.ATTENTION") == []
    assert said(n, "FB.DELIVERIES") == [
        "1 Kommune hat keinen aktuellen, fehlerfreien Erhebungsbogen geliefert: Brandis."
    ]
