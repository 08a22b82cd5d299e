"""The machine and software a benchmark ran on, and how busy the machine was."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = (
    "pandas",
    "openpyxl",
    "python-calamine",
    "docxtpl",
    "python-docx",
    "lxml",
    "matplotlib",
    "prefect",
    "prefect-dask",
    "pyarrow",
)


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def memory_gib() -> float:
    """Total memory of the machine."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024**2
    return 0.0


def load() -> tuple[float, float, float]:
    """Load average (1, 5, 15 min): on a 2-core machine above 2 means others were running."""
    return os.getloadavg()


def busy_processes(limit: int = 5) -> list[str]:
    """The processes using the most CPU right now (name and %CPU), not our own."""
    try:
        out = subprocess.run(
            ["ps", "-eo", "pid,pcpu,comm", "--sort=-pcpu", "--no-headers"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except OSError:
        return []
    rows = []
    for line in out.splitlines():
        pid, pcpu, comm = line.split(None, 2)
        if int(pid) != os.getpid() and float(pcpu) >= 5:
            rows.append(f"{comm} {pcpu} %")
    return rows[:limit]


def describe() -> list[str]:
    """Markdown bullet lines: CPU, cores, memory, OS, Python, library versions."""
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return [
        f"- CPU: {_cpu_model()}, {os.cpu_count()} cores; memory {memory_gib():.1f} GiB",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- Libraries: {', '.join(versions)}",
    ]
