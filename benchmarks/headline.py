"""The headline of RESULTS.md: the command users run against the targets of issue 17.

Every figure here is measured whole: all documents rendered, all outputs written, no
sample scaled up. A target whose size was not part of the run says so and carries
neither ✓ nor ✗. "measured ÷ target" says by how much a target is missed or met.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.report import GIB, stage_stats

LARGE, SMALL, MID = 1000, 6, 100  # the sizes the targets name (6: the example data)


@dataclass(frozen=True)
class Goal:
    """One target: a figure from the run, its limit and whether it is a floor or a ceiling."""

    label: str
    limit: float
    unit: str  # "s", "GiB", "%", "×", "" (a plain number)
    figure: Callable[[dict[int, Any], dict[str, Any]], tuple[float | None, str]]
    at_least: bool = False
    size: int | None = None  # the N the target is about; None: independent of N

    def row(self, sizes: dict[int, Any], validate: dict[str, Any]) -> str:
        if self.size is not None and self.size not in sizes:
            return f"| {self.label} | {_fmt(self.limit, self.unit)} | not measured (N = {self.size:,} not in this run) | | |"
        value, detail = self.figure(sizes, validate)
        if value is None:
            return f"| {self.label} | {_fmt(self.limit, self.unit)} | – {detail} | | |"
        ok = value >= self.limit if self.at_least else value <= self.limit
        ratio = value / self.limit if self.limit else math.nan
        shown = _fmt(value, self.unit) + (f" ({detail})" if detail else "")
        return f"| {self.label} | {_fmt(self.limit, self.unit)} | {shown} | {ratio:.2f} | {'✓' if ok else '✗'} |"


def _fmt(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value * 100:+.0f} %"
    if unit == "s":
        return f"{value:.1f} s" if value < 100 else f"{value:.0f} s"
    if unit == "GiB":
        return f"{value:.2f} GiB"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:.2f}"


def _run(sizes: dict[int, Any], n: int, who: str, label: str) -> dict[str, Any]:
    return ((sizes.get(n) or {}).get(who) or {}).get(label) or {}


def _wall(sizes: dict[int, Any], n: int, who: str = "command", label: str = "cold") -> float | None:
    run = _run(sizes, n, who, label)
    return run.get("wall_s") if not run.get("error") else None


def _seconds(
    n: int, label: str
) -> Callable[[dict[int, Any], dict[str, Any]], tuple[float | None, str]]:
    def figure(sizes: dict[int, Any], _: dict[str, Any]) -> tuple[float | None, str]:
        run = _run(sizes, n, "command", label)
        return _wall(sizes, n, label=label), _files(run)

    return figure


def _files(run: dict[str, Any]) -> str:
    if not run:
        return ""
    return f"{run.get('docx', 0)} .docx, {run.get('xlsx', 0)} .xlsx; exit {run.get('returncode')}"


def _overhead(n: int) -> Callable[[dict[int, Any], dict[str, Any]], tuple[float | None, str]]:
    def figure(sizes: dict[int, Any], _: dict[str, Any]) -> tuple[float | None, str]:
        cmd, core = _wall(sizes, n), _wall(sizes, n, "core")
        if not cmd or not core:
            return None, "(a run failed)"
        a, b = (_run(sizes, n, who, "cold").get("cpu_s") for who in ("command", "core"))
        # On a loaded machine wall time measures the queue; CPU seconds measure the work.
        by_cpu = f"; CPU {a:.1f} s ÷ {b:.1f} s = {(a / b - 1) * 100:+.0f} %" if a and b else ""
        return cmd / core - 1, f"{cmd:.1f} s ÷ {core:.1f} s, both cold, whole processes{by_cpu}"

    return figure


def peak_of(size: dict[str, Any], key: str = "tree_peak_pss") -> float | None:
    """Largest peak of the command's process tree over its cold and warm run (bytes)."""
    vals = [
        (size.get("command") or {}).get(x, {}).get("memory", {}).get(key) for x in ("cold", "warm")
    ]
    return max((v for v in vals if v), default=None)


def _memory(sizes: dict[int, Any], _: dict[str, Any]) -> tuple[float | None, str]:
    pss, rss = peak_of(sizes[LARGE]), peak_of(sizes[LARGE], "tree_peak_rss")
    if not pss:
        return None, "(no sample)"
    return pss / GIB, f"PSS; RSS {rss / GIB:.2f} GiB" if rss else "PSS"


def slope(sizes: dict[int, Any], a: int = MID, b: int = LARGE) -> float | None:
    """log-log slope of the command's cold time from N = a to N = b (1 = linear)."""
    ta, tb = _wall(sizes, a), _wall(sizes, b)
    return math.log(tb / ta) / math.log(b / a) if ta and tb else None


def _slope(sizes: dict[int, Any], _: dict[str, Any]) -> tuple[float | None, str]:
    if MID not in sizes:
        return None, f"(N = {MID} not in this run)"
    return slope(sizes), f"command cold, N = {MID} → {LARGE:,}"


def cpu_share(run: dict[str, Any]) -> float | None:
    """CPU seconds of the whole process tree ÷ wall seconds (2 = both cores busy)."""
    cpu, wall = run.get("cpu_s"), run.get("wall_s")
    return cpu / wall if cpu and wall else None


def _cores(sizes: dict[int, Any], _: dict[str, Any]) -> tuple[float | None, str]:
    run = _run(sizes, LARGE, "command", "cold")
    return cpu_share(run), f"{run.get('cpu_s', 0):.0f} CPU s ÷ {run.get('wall_s', 0):.0f} s"


def _validate(kind: str) -> Callable[[dict[int, Any], dict[str, Any]], tuple[float | None, str]]:
    def figure(_: dict[int, Any], v: dict[str, Any]) -> tuple[float | None, str]:
        r = (v or {}).get(kind) or {}
        if "seconds" not in r:
            return None, r.get("error", "(not measured)")
        detail = (
            f"median; first check {r['first_s']:.2f} s"
            if kind == "in_process"
            else "median, start to exit"
        )
        return r["seconds"], f"{v.get('workbook', '')}, {detail}"

    return figure


GOALS = (
    Goal(
        "`run` at N = 1,000, cold, all outputs, no PDF",
        120,
        "s",
        _seconds(LARGE, "cold"),
        size=LARGE,
    ),
    Goal("peak memory of the process tree (N = 1,000)", 1.5, "GiB", _memory, size=LARGE),
    Goal(
        "Prefect's overhead over the core sequence, N = 1,000",
        0.2,
        "%",
        _overhead(LARGE),
        size=LARGE,
    ),
    Goal(
        "Prefect's overhead over the core sequence, N = 6", 0.5, "%", _overhead(SMALL), size=SMALL
    ),
    Goal("time from N = 100 to N = 1,000 (log-log slope)", 1.0, "", _slope, size=LARGE),
    Goal(
        "example data, first `run` on a fresh machine", 10, "s", _seconds(SMALL, "cold"), size=SMALL
    ),
    Goal("example data, unchanged re-run", 3, "s", _seconds(SMALL, "warm"), size=SMALL),
    Goal("`validate` of one workbook, in process after warm-up", 0.5, "s", _validate("in_process")),
    Goal("`validate` of one workbook, as a command", 1.5, "s", _validate("command")),
    Goal(
        "both cores: CPU s ÷ wall s of `run`, N = 1,000",
        1.7,
        "×",
        _cores,
        at_least=True,
        size=LARGE,
    ),
)


def headline_table(sizes: dict[int, Any], validate: dict[str, Any]) -> list[str]:
    """Every target with its limit, the measured figure, measured ÷ target and ✓/✗."""
    lines = ["| target | limit | measured | measured ÷ limit | |", "|---|---|---|---|---|"]
    return lines + [g.row(sizes, validate) for g in GOALS]


def _mem(run: dict[str, Any]) -> str:
    m = run.get("memory", {})
    pss, rss = m.get("tree_peak_pss"), m.get("tree_peak_rss")
    return f"{pss / GIB:.2f} / {rss / GIB:.2f}" if pss and rss else "–"


def command_table(n: int, size: dict[str, Any]) -> list[str]:
    """The command and the core sequence at one N, cold and warm, side by side."""
    lines = [
        f"| N = {n}: whole process | wall s | CPU s | CPU ÷ wall | peak GiB PSS / RSS (tree) | written | exit |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {
        "command": "`parthe-reports run`",
        "core": "core sequence, no Prefect (`pipeline.run`, same worker processes)",
    }
    for who, name in names.items():
        for label in ("cold", "warm"):
            run = (size.get(who) or {}).get(label)
            if not run:
                continue
            if run.get("error"):
                lines.append(f"| {name}, {label} | {run['error']} | | | | | |")
                continue
            share = cpu_share(run)
            exit_code = run.get("returncode", run.get("exit_code"))
            lines.append(
                f"| {name}, {label} | {run['wall_s']:.2f} | {run.get('cpu_s') or 0:.1f} | "
                f"{share:.2f} | {_mem(run)} | {run.get('docx', 0)} .docx, {run.get('xlsx', 0)} .xlsx "
                f"({run.get('files', 0)} files) | {exit_code} |"
                if share
                else f"| {name}, {label} | {run.get('wall_s', 0):.2f} | | | {_mem(run)} | | {exit_code} |"
            )
    core = (size.get("core") or {}).get("cold") or {}
    if core.get("seconds"):
        lines.append(
            f"| core sequence, cold, inside its process (no start-up) | {core['seconds']:.2f} | | | | | |"
        )
    return lines


def bound_by(size: dict[str, Any]) -> str:
    """The two largest stages of the staged profile at one size: where the time goes."""
    st = stage_stats(size.get("stages", []))
    parts = {
        k: st[k].median for k in ("read", "validate", "consolidate", "render", "outputs") if k in st
    }
    top = sorted(parts.items(), key=lambda kv: -kv[1])[:2]
    return ", ".join(f"{k} {v:.0f} s" for k, v in top)
