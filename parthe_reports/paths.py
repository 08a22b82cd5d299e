"""Every default path of the project, defined once from the repository root."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGION_CONFIG = ROOT / "region.toml"
INPUTS = ROOT / "inputs"
MUNICIPAL_INPUTS = INPUTS / "kommunen"
REGIONAL_WORKBOOK = INPUTS / "verbund.xlsx"
OUTPUTS = ROOT / "outputs"
WORD_TEMPLATES = ROOT / "templates" / "word"
