"""Helpers of the narrative tests: consolidate a few rows, pick a rule's statements."""

from __future__ import annotations

import dataclasses
from typing import Any

from parthe_reports.consolidate import Consolidated, consolidate
from parthe_reports.narrative import Narrative, Statement
from parthe_reports.region import Judgement, Municipality, Region
from tests.fixtures_dataset import TOPICS, make_dataset, small_region


def region(judgement: Judgement | None = None, **towns: str) -> Region:
    """AAA, BBB, CCC („Ort …“); ``towns`` turns codes into a Stadt: ``BBB="Stadt"``."""
    r = small_region()
    munis = tuple(dataclasses.replace(m, kind=towns.get(m.code, m.kind)) for m in r.municipalities)
    return dataclasses.replace(r, municipalities=munis, judgement=judgement or Judgement())


def model(
    rows: dict[str, list[dict[str, Any]]], r: Region | None = None, **kw: Any
) -> Consolidated:
    """Consolidate hand-written rows (see ``fixtures_dataset.make_dataset``)."""
    return consolidate(make_dataset(rows, region=r or region(), **kw))


def said(n: Narrative | list[Statement], rule: str) -> list[str]:
    """The sentences of one rule, wherever they ended up."""
    items = n.all() if isinstance(n, Narrative) else n
    return [s.text for s in items if s.rule == rule]


def admin(
    code: str, posts: float, vacant: float, topic: str = TOPICS[0], **kw: Any
) -> dict[str, Any]:
    return dict(
        municipality=code,
        task=kw.pop("task", "Bauamt"),
        topic=topic,
        posts_fte=posts,
        vacant_fte=vacant,
        **kw,
    )


__all__ = ["Municipality", "admin", "model", "region", "said"]
