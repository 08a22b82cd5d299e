"""Seeded, deterministic example data (Beispieldaten) and synthetic regions for benchmarks.

The content comes from ``demo_content`` (facts of shared/spec/domain.md); numbers vary
with a per-municipality random generator, so the same seed always gives the same rows.
A few cells are typed the way clerks really type („12.500 €“, „Stärken“, a date as
text …) so the example exercises the reader; they are readable, never errors.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from parthe_reports.demo import content as content
from parthe_reports.demo.regional import SheetRows, add_typing_quirks, regional_rows
from parthe_reports.paths import MUNICIPAL_INPUTS, REGIONAL_WORKBOOK
from parthe_reports.periods import period_bounds
from parthe_reports.region import Municipality, Region, load_region
from parthe_reports.schema import ALL_CODES, MUNICIPAL, REGIONAL
from parthe_reports.workbooks.template import master_data_row, template_file_name, write_workbook

TODAY = date(2026, 11, 25)  # the example's "today": deadlines and delays are relative to it
CLERK_FILE_NAMES = {"BRA": "Brandis_Erhebung_2026_final.xlsx"}  # recognised by content

_T = TypeVar("_T")
Row = dict[str, object]


def example_rows(
    region: Region, seed: int = 2026, scale: int = 1
) -> tuple[dict[str, SheetRows], SheetRows]:
    """Rows of every municipality (by Kürzel) and of the Verbund, keyed by sheet key."""
    municipal = {
        m.code: _municipal_rows(m, i, region, random.Random(f"{seed}-{m.code}"), scale)
        for i, m in enumerate(region.municipalities)
    }
    regional = regional_rows(region)
    add_typing_quirks(municipal)
    return municipal, regional


def write_example_data(
    out_dir: Path | None = None,
    region: Region | None = None,
    seed: int = 2026,
    scale: int = 1,
    example: bool = True,
) -> list[Path]:
    """Write ``<out>/kommunen/<Kürzel>.xlsx`` per municipality and ``<out>/verbund.xlsx``."""
    region = region or load_region()
    kommunen = out_dir / "kommunen" if out_dir else MUNICIPAL_INPUTS
    verbund = out_dir / "verbund.xlsx" if out_dir else REGIONAL_WORKBOOK
    municipal, regional = example_rows(region, seed, scale)
    paths = []
    for m in region.municipalities:
        name = CLERK_FILE_NAMES.get(m.code, template_file_name(m))
        paths.append(
            write_workbook(kommunen / name, MUNICIPAL, region, m, municipal[m.code], example)
        )
    paths.append(write_workbook(verbund, REGIONAL, region, None, regional, example))
    return paths


def synthetic_region(n: int, base: Region) -> Region:
    """``n`` made-up municipalities (codes of 2–5 capitals, fake 8-digit AGS), same topics."""
    rnd = random.Random(n)
    munis = []
    for i in range(n):
        code = "S" + _letters(i)
        munis.append(
            Municipality(
                code=code,
                name=f"Musterort {i + 1}",
                kind="Stadt" if i % 5 == 0 else "Gemeinde",
                ags=f"99{i:06d}",
                population=rnd.randint(1500, 20000),
                area_km2=round(rnd.uniform(10, 60), 2),
            )
        )
    return replace(base, name=f"{base.name} (synthetisch)", municipalities=tuple(munis))


def _letters(i: int) -> str:
    """0 → "A", 25 → "Z", 26 → "BA" … (base 26, at least one letter)."""
    out = ""
    while True:
        out = chr(ord("A") + i % 26) + out
        i //= 26
        if i == 0:
            return out


# ---------------------------------------------------------------- municipal


def _profile(m: Municipality, index: int) -> str:
    if m.code in content.PROFILE_ORDER:
        return m.code
    return content.PROFILE_ORDER[index % len(content.PROFILE_ORDER)]


def _topic(region: Region, index: int | None) -> str | None:
    return None if index is None else region.topics[index % len(region.topics)]


def _cycle(pool: Sequence[_T], count: int, rnd: random.Random) -> list[tuple[int, _T]]:
    """``count`` items of ``pool`` (pass number, item): a random subset per pass, in order."""
    out: list[tuple[int, _T]] = []
    passes = 0
    while len(out) < count:
        take = min(len(pool), count - len(out))
        picked = sorted(rnd.sample(range(len(pool)), take))
        out += [(passes, pool[k]) for k in picked]
        passes += 1
    return out


def _municipal_rows(
    m: Municipality, index: int, region: Region, rnd: random.Random, scale: int
) -> SheetRows:
    profile = _profile(m, index)
    districts = content.DISTRICTS.get(m.code) or tuple(
        f"{m.name}-{s}" for s in ("Nord", "Süd", "Mitte")
    )
    master = master_data_row(m) | {
        "population_date": date(2022, 12, 31),
        "contact": "Hauptamt (Beispiel)",
        "email": f"kooperation-{m.code.lower()}@example.org",
    }
    measures, programmes = _measures(m, profile, region, rnd, scale)
    applications = _applications(m, measures, programmes, profile, rnd)
    _next_steps(measures, applications)
    return {
        "master_data": [master],
        "administration": _administration(m, region, rnd, scale),
        "infrastructure": _infrastructure(m, region, districts, rnd, scale),
        "documents": _documents(m, region, rnd, scale),
        "swot": _swot(profile, region, districts, rnd, scale),
        "priorities": _priorities(region, rnd),
        "measures": measures,
        "funding_applications": applications,
    }


def _administration(m: Municipality, region: Region, rnd: random.Random, scale: int) -> list[Row]:
    factor = (m.population or 5000) / 8000
    rows: list[Row] = []
    for n, (task, topic, fte, cases, digital, potential) in _cycle(
        content.ADMIN_TASKS, 12 * scale, rnd
    ):
        by_vg = m.code in content.VG_MEMBERS and task in content.VG_TASKS
        posts = 0.0 if by_vg else max(0.25, round(fte * factor * rnd.uniform(0.8, 1.2) * 4) / 4)
        rows.append(
            {
                "task": task if n == 0 else f"{task} (Außenstelle {n})",
                "topic": _topic(region, topic),
                "posts_fte": posts,
                "vacant_fte": min(posts, rnd.choice((0, 0, 0, 0.5, 1.0))),
                "cases_per_year": round(cases * factor * rnd.uniform(0.8, 1.2)),
                "digitalisation": min(5, max(1, digital + rnd.choice((-1, 0, 0, 1)))),
                "cooperation_potential": potential,
                "remark": content.VG_REMARK if by_vg else None,
            }
        )
    return rows


def _infrastructure(
    m: Municipality,
    region: Region,
    districts: Sequence[str],
    rnd: random.Random,
    scale: int,
) -> list[Row]:
    rows: list[Row] = []
    for _, (obj, kind, topic, built, use, invest) in _cycle(content.INFRASTRUCTURE, 9 * scale, rnd):
        condition = rnd.choices(content.CONDITIONS, weights=(3, 4, 3, 1))[0]
        need = 0 if condition == "gut" else round(invest * rnd.uniform(0.6, 1.4), -3)
        rows.append(
            {
                "object": obj.format(d=rnd.choice(districts), n=m.name),
                "type": kind,
                "topic": _topic(region, topic),
                "district": rnd.choice(districts),
                "built": built + rnd.randint(-4, 4),
                "condition": condition,
                "utilisation": None if use is None else min(100, use + rnd.randint(-10, 5)),
                "investment_need": need,
                "remark": None,
            }
        )
    return rows


def _documents(m: Municipality, region: Region, rnd: random.Random, scale: int) -> list[Row]:
    return [
        {
            "title": title.format(n=m.name),
            "type": kind,
            "year": year,
            "topic": _topic(region, topic),
            "status": status,
            "location": location,
        }
        for _, (title, kind, topic, year, status, location) in _cycle(
            content.DOCUMENTS, 6 * scale, rnd
        )
    ]


def _swot(
    profile: str, region: Region, districts: Sequence[str], rnd: random.Random, scale: int
) -> list[Row]:
    entries = [(t, c, s) for t, c, s in content.SWOT_PROFILE[profile]]
    for category, pool in content.SWOT_COMMON.items():
        entries += [(t, category, s) for _, (t, s) in _cycle(pool, 2, rnd)]
    doubled = profile == content.DUPLICATE_SWOT_PROFILE
    if doubled:  # a deliberate clerk habit: one statement entered twice, with a full stop
        entries.append(rnd.choice(entries[4:]))
    rows: list[Row] = []
    for n in range(scale):
        for k, (topic, category, statement) in enumerate(entries):
            if doubled and k == len(entries) - 1:
                statement = statement + "."
            if n:
                statement = f"{statement} ({rnd.choice(districts)})"
            rows.append(
                {
                    "topic": _topic(region, topic),
                    "category": category,
                    "statement": statement,
                    "source": rnd.choice(
                        ("Dokumentenanalyse", "Interview", "Workshop", "Projektgruppe")
                    ),
                    "weight": rnd.randint(1, 3),
                }
            )
    return rows


def _priorities(region: Region, rnd: random.Random) -> list[Row]:
    ranks = list(range(1, len(region.topics) + 1))
    rnd.shuffle(ranks)
    reasons = (
        "Laut Letter of Intent vorrangig.",
        "Hoher Handlungsdruck in der Verwaltung.",
        "Gemeinderatsbeschluss zur Kooperation.",
        "Wird bereits gemeinsam bearbeitet.",
    )
    return [
        {"topic": t, "priority": min(r, 7), "reason": rnd.choice(reasons)}
        for t, r in zip(region.topics, ranks, strict=True)
    ]


def _partners(spec: str, m: Municipality, region: Region, rnd: random.Random) -> str:
    if spec == ALL_CODES:
        return ALL_CODES
    codes = [c for c in (s.strip() for s in spec.split(",")) if c in region.codes]
    if m.code not in codes:  # synthetic region: own code plus random neighbours
        others = [c for c in region.codes if c != m.code]
        codes = [m.code, *rnd.sample(others, min(len(others), len(spec.split(",")) - 1))]
    return ", ".join(codes)


def _measures(
    m: Municipality, profile: str, region: Region, rnd: random.Random, scale: int
) -> tuple[list[Row], dict[str, str]]:
    """The municipality's measures, and which programme funds which (measure id → FPxx)."""
    rows: list[Row] = []
    programmes: dict[str, str] = {}
    pool = content.MEASURES[profile]
    indicators = {g[0]: g[3] for g in content.GOALS}
    for k in range(5 * scale):
        title, desc, topic, goal, partners, prio, cost, start, end, status, consensus, prog = pool[
            k % len(pool)
        ]
        stage = k // len(pool)
        rows.append(
            {
                "measure_id": f"M-{m.code}-{k + 1:02d}",
                "title": title if stage == 0 else f"{title} – Stufe {stage + 1}",
                "description": desc,
                "topic": _topic(region, topic),
                "goal_id": goal,
                "lead": m.code,
                "partners": _partners(partners, m, region, rnd),
                "priority": prio,
                "cost_total": round(cost * (1 + 0.1 * stage)),
                "start": start,
                "end": end,
                "status": status,
                "consensus": consensus,
                "indicator": indicators.get(goal) if goal else None,
                "next_step": None,
                "remark": None,
            }
        )
        if prog:
            programmes[f"M-{m.code}-{k + 1:02d}"] = prog
    return rows, programmes


def _rate(programme_id: str) -> float:
    for pid, *_rest, rate, _t, _deadline, _remark in content.PROGRAMMES:
        if pid == programme_id:
            if isinstance(rate, str):
                return float(rate.rstrip(" %"))
            return float(rate) if rate is not None else 50.0
    raise KeyError(programme_id)


def _application_status(profile: str, k: int, measure_status: str) -> str:
    """The application's status follows its measure's (``content.APPLICATION_BY_MEASURE``)."""
    if (profile, k % 5) in content.APPLICATION_OVERRIDES:
        return content.APPLICATION_OVERRIDES[(profile, k % 5)]
    cycle = content.APPLICATION_BY_MEASURE[measure_status]
    return cycle[k % len(cycle)]


def _applications(
    m: Municipality,
    measures: list[Row],
    programmes: dict[str, str],
    profile: str,
    rnd: random.Random,
) -> list[Row]:
    """One application per funded measure: dates in order, requested within the rate."""
    rows: list[Row] = []
    by_id = {r["measure_id"]: (k, r) for k, r in enumerate(measures)}
    for n, (mid, prog) in enumerate(programmes.items()):
        k, measure = by_id[mid]
        cost = float(measure["cost_total"])  # type: ignore[arg-type]
        status = _application_status(profile, k, str(measure["status"]))
        requested = math.floor(cost * _rate(prog) / 100 / 100) * 100  # within the rate
        submitted, decided, proof = _dates(status, str(measure["start"]), rnd)
        granted: float | None = None
        if status in ("bewilligt", "abgerechnet"):
            granted = round(requested * rnd.choice((1.0, 1.0, 0.9, 0.8)), -2)
        elif status == "abgelehnt":
            granted = 0.0
        rows.append(
            {
                "application_id": f"FA-{m.code}-{n + 1:02d}",
                "measure_id": mid,
                "programme_id": prog,
                "requested": float(requested),
                "granted": granted,
                "own_share": round(cost - requested, 2),
                "status": status,
                "submitted_on": submitted,
                "decided_on": decided,
                "proof_due": proof,
                "kind": content.APPLICATION_KINDS.get((profile, k % 5), "Erstantrag"),
                "remark": None,
            }
        )
    return rows


def _dates(
    status: str, start: str, rnd: random.Random
) -> tuple[date | None, date | None, date | None]:
    """Eingereicht, Bescheid, Verwendungsnachweis in this order, all before the example's today
    except the proof of a running grant (due within 90 days: the deadline list)."""
    if status == "in Vorbereitung":
        return None, None, None
    if status == "abgerechnet":  # applied for before the measure started, settled since
        year = min(period_bounds(start)[0].year, TODAY.year - 1)
        submitted = date(year - 1, 9, 1) + timedelta(days=rnd.randint(0, 60))
    else:
        submitted = date(2026, 2, 1) + timedelta(days=rnd.randint(0, 150))
    if status == "eingereicht":
        return submitted, None, None
    decided = submitted + timedelta(days=rnd.randint(40, 100))
    if status == "bewilligt":
        return submitted, decided, TODAY + timedelta(days=rnd.randint(20, 85))
    if status == "abgerechnet":
        return submitted, decided, date(decided.year + 1, 6, 30)
    return submitted, decided, None


def _next_steps(measures: list[Row], applications: list[Row]) -> None:
    """Nächster Schritt of each measure, from its state and its application's."""
    by_measure = {a["measure_id"]: a["status"] for a in applications}
    for r in measures:
        if r["status"] == "umgesetzt":
            r["next_step"] = content.NEXT_STEP_DONE
        else:
            r["next_step"] = content.NEXT_STEPS[by_measure.get(r["measure_id"])]  # type: ignore[index]
