"""docs/narrative-rules.md lists every rule id the code can emit."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ID = re.compile(r"\b(?:P\d|PR|PB|FB)\.[A-Z0-9-]+")


def test_every_rule_id_is_documented():
    """It finds each rule id of narrative/rules_*.py in docs/narrative-rules.md, and no stale one."""
    code = {
        m
        for f in (ROOT / "parthe_reports" / "narrative").glob("rules_*.py")
        for m in ID.findall(f.read_text(encoding="utf-8"))
    }
    doc = set(ID.findall((ROOT / "docs" / "narrative-rules.md").read_text(encoding="utf-8")))
    assert code and code == doc
