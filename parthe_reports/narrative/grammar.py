"""German for generated sentences: numbers, amounts, counts with the right noun, lists, names.

Numbers, amounts, dates and lists come from ``parthe_reports.german`` (the one German
formatter, shared with the documents); this module adds what sentences need on top.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

# Re-exported: the rules take all their German from this module.
from parthe_reports.german import (
    MISSING as MISSING,
)
from parthe_reports.german import (
    NBSP as NBSP,
)
from parthe_reports.german import (
    date_de as date_de,
)
from parthe_reports.german import (
    is_missing as is_missing,
)
from parthe_reports.german import (
    join_de as join_de,
)
from parthe_reports.german import (
    money as money,
)
from parthe_reports.german import (
    number as number,
)
from parthe_reports.german import (
    percent as percent,
)
from parthe_reports.region import Municipality, Region

ORDINALS = {1: "", 2: "zweit", 3: "dritt", 4: "viert", 5: "fünft"}

# Plural of the nouns the rules count (German plurals are not a suffix rule).
PLURALS = {
    "Kommune": "Kommunen",
    "Stadt": "Städte",
    "Gemeinde": "Gemeinden",
    "Maßnahme": "Maßnahmen",
    "Förderantrag": "Förderanträge",
    "Antrag": "Anträge",
    "Programm": "Programme",
    "Förderprogramm": "Förderprogramme",
    "Frist": "Fristen",
    "Meilenstein": "Meilensteine",
    "Objekt": "Objekte",
    "Dokument": "Dokumente",
    "Themenbereich": "Themenbereiche",
    "Verbundziel": "Verbundziele",
    "Ziel": "Ziele",
    "Leitfrage": "Leitfragen",
    "Leitsatz": "Leitsätze",
    "Werkstatt": "Werkstätten",
    "Ergebnis": "Ergebnisse",
    "Teilstrategie": "Teilstrategien",
    "Aussage": "Aussagen",
    "Stärke": "Stärken",
    "Schwäche": "Schwächen",
    "Chance": "Chancen",
    "Risiko": "Risiken",
    "Stelle": "Stellen",
    "Aufgabe": "Aufgaben",
    "Element": "Elemente",
    "Kanal": "Kanäle",
    "Veranstaltung": "Veranstaltungen",
    "Publikation": "Publikationen",
    "Fehler": "Fehler",
    "Warnung": "Warnungen",
    "Hinweis": "Hinweise",
    "Zeile": "Zeilen",
    "Tabellenblatt": "Tabellenblätter",
    "Rechtsgrundlage": "Rechtsgrundlagen",
    "Option": "Optionen",
    "Strukturoption": "Strukturoptionen",
    "SWOT-Aussage": "SWOT-Aussagen",
    "Tag": "Tage",
    "Jahr": "Jahre",
    "Kriterium": "Kriterien",
}


def plural(n: int | float, singular: str) -> str:
    """The noun in the number ``n`` asks for: ``Kommune`` for 1, ``Kommunen`` otherwise."""
    return singular if n == 1 else PLURALS.get(singular, singular)


def dative_plural(noun: str) -> str:
    """``Themenbereiche`` → ``Themenbereichen`` (German adds -n unless it ends in -n or -s)."""
    return noun if noun.endswith(("n", "s")) else noun + "n"


def count(n: Any, singular: str, plural_form: str | None = None, dative: bool = False) -> str:
    """``1 Kommune``, ``2 Kommunen``, ``0 Kommunen`` (plural from ``PLURALS`` unless given);
    ``dative`` after „von“, „mit“, „in“: ``von 7 Themenbereichen``."""
    value = 0 if is_missing(n) else n
    if value == 1:
        return f"{number(value)} {singular}"
    noun = plural_form or PLURALS.get(singular, singular)
    return f"{number(value)} {dative_plural(noun) if dative else noun}"


def verb(n: int | float, singular: str, plural_form: str) -> str:
    """``ist``/``sind``, ``hat``/``haben``: the verb agreeing with a count."""
    return singular if n == 1 else plural_form


def approx_money(value: float) -> str:
    """Rounded amount with „ca.“ where rounding changed it: ``ca. 20,9 Mio. €``,
    ``ca. 184.000 €``; exact (``45.000 €``) when already round."""
    v = float(value)
    if abs(v) >= 1_000_000:
        rounded = round(v / 100_000) * 100_000
        text = f"{number(rounded / 1_000_000, 1)}{NBSP}Mio.{NBSP}€"
    elif abs(v) >= 10_000:
        rounded = round(v / 1_000) * 1_000
        text = money(rounded, 0)
    else:
        rounded = round(v)
        text = money(rounded, 0)
    return text if math.isclose(rounded, v, abs_tol=0.005) else f"ca.{NBSP}{text}"


def ordinal_extreme(
    rank: int, top: bool, adjective: tuple[str, str] = ("höchste", "niedrigste")
) -> str:
    """``höchste``, ``zweithöchste``, ``niedrigste``, ``drittniedrigste``; beyond 5: ``Rang 6``."""
    word = adjective[0] if top else adjective[1]
    if rank in ORDINALS:
        return ORDINALS[rank] + word
    return f"auf Rang {rank} {word}"


def municipality_of(region: Region, code: str) -> Municipality | None:
    """The configured municipality of a Kürzel, None for unknown codes."""
    try:
        return region.municipality(code)
    except KeyError:
        return None


def name_of(region: Region, code: str) -> str:
    """Short name of a Kürzel (``Brandis``); unknown codes stay as typed."""
    m = municipality_of(region, code)
    return m.name if m else str(code)


def names(region: Region, codes: Iterable[str]) -> str:
    """``Brandis, Naunhof und Borsdorf`` in the given order."""
    return join_de(name_of(region, c) for c in codes)


def who(region: Region, codes: Iterable[str], limit: int = 3) -> str:
    """Names up to ``limit`` municipalities, else counts them: „5 Kommunen“."""
    items = list(codes)
    return count(len(items), "Kommune") if len(items) > limit else names(region, items)


def the_municipality(region: Region, code: str, case: str = "nom") -> str:
    """``die Stadt Brandis`` / ``der Gemeinde Borsdorf`` (nominative/dative/genitive)."""
    m = municipality_of(region, code)
    if m is None:
        return str(code)
    article = {"nom": "die", "acc": "die", "dat": "der", "gen": "der"}[case]
    return f"{article} {m.kind} {m.name}"


def kind_noun(region: Region, code: str) -> str:
    """``Stadt`` or ``Gemeinde`` as configured (``Kommune`` for unknown codes)."""
    m = municipality_of(region, code)
    return m.kind if m else "Kommune"


def quoted(text: Any) -> str:
    """Cell text in German quotation marks, on one line: „Gemeinsame Vergabestelle“."""
    return f"„{' '.join(str(text).split())}“"


def sentence(text: str) -> str:
    """First letter upper case and a final full stop (unless it ends with one already)."""
    s = text.strip()
    if not s:
        return s
    s = s[0].upper() + s[1:]
    return s if s[-1] in ".!?" else s + "."
