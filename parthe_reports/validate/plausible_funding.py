"""Plausibility of measures, applications and programmes: status, cost, dates, caps, deadlines."""

from __future__ import annotations

from datetime import date

from parthe_reports.validate.plausible_rows import Row, Rows, approx, day, money, number

EARLY_MEASURE = ("Idee", "geplant")
FUNDED = ("bewilligt", "abgerechnet")
DECIDED = ("bewilligt", "abgelehnt", "abgerechnet")
PREPARING = "in Vorbereitung"
DONE_MEASURE = "umgesetzt"
# Funding may exceed a measure's cost by rounding only: 1 % and at least 100 €.
COST_TOLERANCE, COST_TOLERANCE_MIN = 0.01, 100.0
RATE_TOLERANCE = 0.5  # percentage points
PASSED_OPEN = (None, "offen")  # programme statuses that claim the call is still open


def check_funding(rows: Rows, stichtag: date) -> None:
    """Every check of this module."""
    measures = rows.by_id("measures", "measure_id")
    programmes = rows.by_id("programmes", "programme_id")
    apps = rows.of("funding_applications")
    for app in apps:
        measure = measures.get(app.get("measure_id") or "")
        if measure is not None:
            _status(app, measure)
        _dates(app, stichtag)
        programme = programmes.get(app.get("programme_id") or "")
        if programme is not None:
            _caps(app, programme)
            _deadline(app, programme, stichtag)
    _costs(apps, measures)
    for programme in rows.of("programmes"):
        _programme_deadline(programme, stichtag)


def _status(app: Row, measure: Row) -> None:
    a, m = app.get("status"), measure.get("status")
    if a in FUNDED and m in EARLY_MEASURE:
        app.finding("measure-behind-funding", f"Der Antrag ist „{a}“, die Maßnahme "
                    f"{measure.get('measure_id')} steht aber noch auf „{m}“ "
                    f"({measure.ref('status')}). Bitte den Status der Maßnahme prüfen.",
                    "status", expected="Maßnahme „in Umsetzung“ oder „umgesetzt“")  # fmt: skip
    elif a == PREPARING and m == DONE_MEASURE:
        app.finding("measure-done-funding-open", f"Der Antrag ist noch „{a}“, die Maßnahme "
                    f"{measure.get('measure_id')} ist aber schon „{m}“ ({measure.ref('status')}).",
                    "status", expected="Antrag eingereicht oder abgerechnet")  # fmt: skip


def _costs(apps: list[Row], measures: dict[str, Row]) -> None:
    plans: dict[str, list[Row]] = {}
    for app in apps:
        if app.get("status") != "abgelehnt" and app.get("measure_id") in measures:
            plans.setdefault(app.get("measure_id"), []).append(app)
    for mid, group in plans.items():
        measure = measures[mid]
        cost = measure.get("cost_total")
        funded = sum((a.get("requested") or 0.0) + (a.get("own_share") or 0.0) for a in group)
        if cost is None or not funded:
            continue
        if funded > cost + max(COST_TOLERANCE * cost, COST_TOLERANCE_MIN):
            refs = "; ".join(a.ref("requested") for a in group)
            measure.finding("cost-below-funding", f"Die Kosten gesamt ({approx(measure, 'cost_total')}"
                            f"{money(cost)}) sind niedriger als beantragt plus Eigenanteil der "
                            f"Förderanträge ({money(funded)}; {refs}).", "cost_total",
                            expected="Kosten mindestens beantragt + Eigenanteil")  # fmt: skip


def _dates(app: Row, stichtag: date) -> None:
    sent, decided, proof = app.get("submitted_on"), app.get("decided_on"), app.get("proof_due")
    if decided and proof and proof < decided:
        app.finding("proof-before-decision", f"Die Frist für den Verwendungsnachweis ({day(proof)}) "
                    f"liegt vor dem Bescheid ({day(decided)}, {app.ref('decided_on')}).",
                    "proof_due", expected="Frist nach dem Bescheid")  # fmt: skip
    if sent and decided and decided < sent:
        app.finding("decision-before-submission", f"Der Bescheid ({day(decided)}) liegt vor der "
                    f"Einreichung ({day(sent)}, {app.ref('submitted_on')}).", "decided_on",
                    expected="Bescheid nach der Einreichung")  # fmt: skip
    status = app.get("status")
    for key, label in (("submitted_on", "eingereicht am"), ("decided_on", "Bescheid am")):
        value = app.get(key)
        if value and value > stichtag and (status in DECIDED or status == "eingereicht"):
            app.finding("date-after-stichtag", f"Der Antrag ist „{status}“, aber „{label}“ "
                        f"({day(value)}) liegt nach dem Stichtag {day(stichtag)}.", key,
                        expected=f"ein Datum bis {day(stichtag)}")  # fmt: skip


def _caps(app: Row, programme: Row) -> None:
    requested, own = app.get("requested"), app.get("own_share")
    rate = programme.get("rate")
    if rate is not None and requested and own is not None and requested + own > 0:
        share = 100.0 * requested / (requested + own)
        if share > rate + RATE_TOLERANCE:
            app.finding("above-programme-rate", f"Beantragt sind {number(share)} % der Kosten "
                        f"({money(requested)} von {money(requested + own)}); das Programm "
                        f"{programme.get('programme_id')} fördert höchstens {number(rate)} % "
                        f"({programme.ref('rate')}).", "requested",
                        expected=f"höchstens {number(rate)} %")  # fmt: skip
    cap = programme.get("max_amount")
    for key, label in (("requested", "beantragt"), ("granted", "bewilligt")):
        value = app.get(key)
        if cap is not None and value and value > cap:
            app.finding("above-programme-maximum", f"{label.capitalize()} sind {money(value)}; das "
                        f"Programm {programme.get('programme_id')} fördert höchstens "
                        f"{money(cap)} je Antrag ({programme.ref('max_amount')}).", key,
                        expected=f"höchstens {money(cap)}")  # fmt: skip
            return


def _deadline(app: Row, programme: Row, stichtag: date) -> None:
    if app.get("status") != PREPARING:
        return
    deadline, status = programme.get("deadline"), programme.get("status")
    if status == "geschlossen" or (deadline and deadline < stichtag):
        why = (
            "ist geschlossen"
            if status == "geschlossen"
            else f"hatte die Antragsfrist {day(deadline)}"
        )
        app.finding("application-after-deadline", f"Der Antrag ist „{PREPARING}“, das Programm "
                    f"{programme.get('programme_id')} {why} ({programme.ref('deadline')}).",
                    "programme_id", expected="ein offenes Programm")  # fmt: skip


def _programme_deadline(programme: Row, stichtag: date) -> None:
    deadline = programme.get("deadline")
    if deadline and deadline < stichtag and programme.get("status") in PASSED_OPEN:
        programme.finding("programme-deadline-passed", f"Die Antragsfrist {day(deadline)} ist "
                          f"vorbei (Stichtag {day(stichtag)}), das Programm gilt aber als offen. "
                          "Bitte die nächste Frist eintragen oder den Status „geschlossen“ "
                          "bzw. „laufend“ setzen.", "deadline",
                          expected=f"eine Frist ab {day(stichtag)}")  # fmt: skip
