"""What a rule says: a ``Statement``; what a document gets: a ``Narrative``.

A rule is a plain function ``(model, judgement) -> list[Statement]``: empty when it has
nothing to say. Every statement carries its rule id, the figures it used and the section
and table it belongs to, so a sentence can be traced like a table row.

Contradictions are made checkable: a statement may assert *claims*, ``(subject, value)``
pairs such as ``("vacancy:BOR", "hoch")``. Two statements with the same subject and
different values contradict each other; ``contradictions`` finds them and ``assemble``
refuses to build a narrative that has any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SUMMARY_MIN = 3
SUMMARY_MAX = 7
SECTION_MAX = 4


class Kind(StrEnum):
    """What a statement is for; the values are what readers see."""

    KEY = "Kernaussage"  # in the Zusammenfassung
    FINDING = "Befund"  # at the end of a section
    RECOMMENDATION = "Empfehlung"  # in the Zusammenfassung's Empfehlungen


@dataclass(frozen=True)
class Statement:
    """One generated German sentence and where it comes from."""

    rule: str  # stable id, e.g. "P1.VACANCY-MAX"
    kind: Kind
    text: str
    section: str  # section key of the deliverable (``sections``)
    refers_to: str = ""  # the table or chart it speaks about, as captioned
    figures: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    claims: tuple[tuple[str, str], ...] = ()

    @property
    def cited(self) -> str:
        """The sentence with its table or chart: „… (siehe Tabelle „Quick Wins“).“"""
        if not self.refers_to:
            return self.text
        return f"{self.text.rstrip('.')} (siehe {self.refers_to})."

    def as_kind(self, kind: Kind) -> Statement:
        """The same sentence in another role (a Befund promoted to a Kernaussage)."""
        return Statement(
            self.rule, kind, self.text, self.section, self.refers_to, self.figures, self.claims
        )


@dataclass(frozen=True)
class Narrative:
    """One deliverable's generated text: Zusammenfassung, Empfehlungen, Befunde per section."""

    summary: tuple[Statement, ...] = ()
    recommendations: tuple[Statement, ...] = ()
    sections: Mapping[str, tuple[Statement, ...]] = field(default_factory=dict)

    def all(self) -> list[Statement]:
        """Every statement once (summary, recommendations, then sections in order)."""
        seen: dict[tuple[str, str], Statement] = {}
        for s in (*self.summary, *self.recommendations, *_flat(self.sections)):
            seen.setdefault((s.rule, s.text), s)
        return list(seen.values())


Rule = Callable[..., list[Statement]]


def table(caption: str) -> str:
    """``Tabelle „caption“`` for ``Statement.refers_to``."""
    return f"Tabelle „{caption}“"


def chart(caption: str) -> str:
    """``Abbildung „caption“`` for ``Statement.refers_to``."""
    return f"Abbildung „{caption}“"


def _flat(sections: Mapping[str, tuple[Statement, ...]]) -> list[Statement]:
    return [s for items in sections.values() for s in items]


def contradictions(statements: Iterable[Statement]) -> list[tuple[Statement, Statement]]:
    """Pairs of statements claiming different values for the same subject."""
    first: dict[str, tuple[str, Statement]] = {}
    clashes: list[tuple[Statement, Statement]] = []
    for s in statements:
        for subject, value in s.claims:
            if subject in first and first[subject][0] != value:
                clashes.append((first[subject][1], s))
            first.setdefault(subject, (value, s))
    return clashes


class ContradictionError(ValueError):
    """Two rules fired that say opposite things: a bug in the rules, never in the data."""


def assemble(
    statements: Iterable[Statement],
    section_keys: Iterable[str],
    fallback: Iterable[Statement] = (),
) -> Narrative:
    """Sort statements into a Narrative.

    Kernaussagen go to the summary (at most ``SUMMARY_MAX``, in rule order); when fewer than
    ``SUMMARY_MIN`` rules had a key statement, the first Befunde are promoted (``fallback``
    first). Befunde go to their section (at most ``SECTION_MAX`` each); Empfehlungen to
    the recommendations. Raises ``ContradictionError`` when two statements contradict."""
    items = list(statements)
    clashes = contradictions(items)
    if clashes:
        a, b = clashes[0]
        raise ContradictionError(f"{a.rule} und {b.rule} widersprechen sich: {a.text} / {b.text}")
    keys = list(section_keys)
    summary = [s for s in items if s.kind is Kind.KEY][:SUMMARY_MAX]
    findings = [s for s in items if s.kind is Kind.FINDING]
    promote = [*fallback, *findings]
    for s in promote:
        if len(summary) >= SUMMARY_MIN:
            break
        if all(s.text != t.text for t in summary):
            summary.append(s.as_kind(Kind.KEY))
    sections: dict[str, tuple[Statement, ...]] = {}
    for key in keys:
        here = [s for s in findings if s.section == key][:SECTION_MAX]
        if here:
            sections[key] = tuple(here)
    unknown = sorted({s.section for s in items} - set(keys))
    if unknown:
        raise ValueError(f"Unbekannte Abschnitte: {', '.join(unknown)}")
    recs = tuple(s for s in items if s.kind is Kind.RECOMMENDATION)
    return Narrative(summary=tuple(summary), recommendations=recs, sections=sections)


def run_rules(rules: Iterable[Rule], *args: Any) -> list[Statement]:
    """Every rule's statements, in rule order."""
    return [s for rule in rules for s in rule(*args)]
