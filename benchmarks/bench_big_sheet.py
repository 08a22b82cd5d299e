"""One big sheet: a Maßnahmen sheet of 1,000 / 10,000 / 100,000 rows (a pasted full export).

``python -m benchmarks.bench_big_sheet [--sizes 1000,10000,100000] [--out FILE]``

Each size runs in a fresh process (peak memory = that process's max RSS): read the
workbook, validate it (with the region's row limit lifted), cross-check and check
plausibility against a Verbund-Workbook, build the Dataset and consolidate. Prints time
and peak memory in total and per 1,000 rows, and the time of a run at the region's
default row limit (the sheet refused before typing: the Fehler ``sheet-too-large``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from parthe_reports.region import Region, load_region
from parthe_reports.schema import MEASURES, META_SHEET, MUNICIPAL, REGIONAL
from parthe_reports.workbooks.template import master_data_row, stamp_values, write_workbook

STICHTAG = date(2026, 11, 25)
STATUSES = ("Idee", "geplant", "in Umsetzung", "umgesetzt")


def write_big(path: Path, region: Region, n: int) -> Path:
    """A Kommunal-Workbook (write-only, as an export would be) with ``n`` measure rows."""
    m = region.municipalities[0]
    wb = Workbook(write_only=True)
    for kind_sheet in MUNICIPAL.sheets:
        ws = wb.create_sheet(kind_sheet.name)
        ws.append([c.label for c in kind_sheet.columns])
        if kind_sheet.key == "master_data":
            master = master_data_row(m)
            ws.append([master.get(c.key) for c in kind_sheet.columns])
        elif kind_sheet.key == "measures":
            for i in range(n):
                row = {
                    "measure_id": f"M-{m.code}-{i + 1:06d}",
                    "title": f"Maßnahme {i + 1} aus dem Gesamtexport",
                    "description": "Ausgangslage, Ziel und Vorgehen wie im Fachverfahren.",
                    "topic": region.topics[i % len(region.topics)],
                    "goal_id": "Z1",
                    "lead": m.code,
                    "partners": "alle" if i % 7 == 0 else m.code,
                    "priority": "ABC"[i % 3],
                    "cost_total": 1000.0 + i,
                    "start": "Q1/2027",
                    "end": "2028",
                    "status": STATUSES[i % len(STATUSES)],
                    "consensus": "ja",
                }
                ws.append([row.get(c.key) for c in MEASURES.columns])
    stamp = wb.create_sheet(META_SHEET)
    stamp.sheet_state = "hidden"
    stamp.append(["Schlüssel", "Wert"])
    for k, v in stamp_values(MUNICIPAL, region, m, False).items():
        stamp.append([k, v])
    wb.save(path)
    return path


def measure(folder: Path, n: int, lift_limit: bool) -> dict[str, float]:
    """Run every step on the folder; seconds per step and the process's peak RSS in MB."""
    from parthe_reports.consolidate import consolidate
    from parthe_reports.ingest import read_workbook
    from parthe_reports.validate import build_dataset, check_plausibility, check_region
    from parthe_reports.validate.workbook import check_file, validate_workbook

    region = load_region()
    if lift_limit:
        region = replace(region, max_sheet_rows=max(n, region.max_sheet_rows))
    t: dict[str, float] = {}
    start = time.perf_counter()
    raw = read_workbook(folder / "big.xlsx")
    t["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    big = validate_workbook(raw, region)
    del raw
    t["validate"] = time.perf_counter() - mark
    mark = time.perf_counter()
    books = check_region([big, check_file(folder / "verbund.xlsx", region)], region)
    check_plausibility(books, region, STICHTAG)
    t["crosscheck+plausibility"] = time.perf_counter() - mark
    mark = time.perf_counter()
    c = consolidate(build_dataset(books, region, STICHTAG))
    t["consolidate"] = time.perf_counter() - mark
    t["total"] = time.perf_counter() - start
    t["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t["accepted"] = float(big.row_counts["measures"].accepted)
    t["measures_consolidated"] = float(len(c.phase4.measures))
    return t


def _child(folder: Path, n: int, lift: bool) -> dict[str, float]:
    cmd = [sys.executable, "-m", "benchmarks.bench_big_sheet", "--child", str(folder), str(n)]
    out = subprocess.run(cmd + (["--lift"] if lift else []), capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--out", type=Path, default=None, help="also write the table (Markdown) here")
    p.add_argument("--child", nargs=2, metavar=("FOLDER", "N"), help=argparse.SUPPRESS)
    p.add_argument("--lift", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), int(args.child[1]), args.lift)))
        return
    region = load_region()
    lines = [
        "| rows | read s | validate s | checks s | consolidate s | total s | s / 1,000 rows "
        "| peak MB | MB / 1,000 rows |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    limited = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / str(n)
            folder.mkdir()
            write_workbook(folder / "verbund.xlsx", REGIONAL, region, rows=_regional(region))
            write_big(folder / "big.xlsx", region, n)
            r = _child(folder, n, lift=True)
            k = n / 1000
            lines.append(
                f"| {n:,} | {r['read']:.2f} | {r['validate']:.2f} | "
                f"{r['crosscheck+plausibility']:.2f} | {r['consolidate']:.2f} | {r['total']:.2f} | "
                f"{r['total'] / k:.3f} | {r['peak_mb']:.0f} | {r['peak_mb'] / k:.1f} |"
            )
            if n > region.max_sheet_rows:
                limited.append((n, _child(folder, n, lift=False)))
            print(lines[-1], flush=True)
    for n, r in limited:
        lines.append(
            f"\nAt the default limit ({region.max_sheet_rows:,} rows) the {n:,}-row sheet is "
            f"refused before typing: total {r['total']:.2f} s, peak {r['peak_mb']:.0f} MB, "
            f"{r['accepted']:.0f} rows accepted."
        )
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


def _regional(region: Region) -> dict[str, list[dict[str, object]]]:
    return {
        "goals": [{"goal_id": "Z1", "topic": region.topics[0], "goal": "Gemeinsame Dienste"}],
        "programmes": [{"programme_id": "FP01", "programme": "FR-Regio", "funder": "Land"}],
    }


if __name__ == "__main__":
    main()
