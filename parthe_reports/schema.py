"""The workbook contract: the single source of truth for every sheet and column.

Templates, the reader, the validator, the feedback workbooks and the docs all read
this module; nothing else restates a column list. Keys are English (what the code
uses), headers and help texts German (what the clerk sees).

Two vocabularies depend on the region and are resolved through it: ``topic``
(Themenbereiche) and ``guiding_question`` (Leitfragen). Municipality codes
(``CODE``/``CODE_LIST`` columns) are the region's Kürzel.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from parthe_reports import contract_versions
from parthe_reports.contract_versions import version_key
from parthe_reports.region import Region
from parthe_reports.sections import DOCUMENTS as ASSESSED_DOCUMENTS

# The version history (and what each version changed) is ``contract_versions.HISTORY``.
TEMPLATE_VERSION = contract_versions.current()
SCHEMA_VERSION = TEMPLATE_VERSION
# Template versions whose workbooks are still read (with a note when not current). A
# column or sheet added later (``since``) is simply empty in an older workbook.
SUPPORTED_TEMPLATE_VERSIONS = contract_versions.supported()

# The stamp: a hidden sheet "_Vorlage" with a header row ("Schlüssel", "Wert") and one
# key/value row per META_* key below; the reader recognises a workbook by it, never by file name.
META_SHEET = "_Vorlage"
META_KIND = "Art"  # WorkbookKind.name, e.g. "Kommunal-Workbook"
META_TEMPLATE_VERSION = "Vorlagenversion"
META_SCHEMA_VERSION = "Schemaversion"
META_CODE = "Kürzel"  # municipality code ("" in a Verbund-Workbook)
META_EXAMPLE = "Beispieldaten"  # "ja" for the shipped example data, else "nein"
META_REGION = "Region"
META_FILLED_FROM = "Vorbefüllt aus Lauf"  # pre-filled workbooks: the run folder's name
GUIDE_SHEET = "Anleitung"
ALL_CODES = "alle"  # in a Kürzel-Liste: every municipality of the region


class ColumnType(StrEnum):
    """Column types of the contract; the values are the German names clerks read."""

    TEXT = "Text"
    NUMBER = "Zahl"
    AMOUNT = "Betrag"
    PERCENT = "Prozent"
    DATE = "Datum"
    PERIOD = "Zeitraum"
    CHOICE = "Auswahl"
    CODE = "Kürzel"
    CODE_LIST = "Kürzel-Liste"
    ID = "ID"


@dataclass(frozen=True)
class Vocabulary:
    """A fixed list of values; synonyms map what people type to a canonical value."""

    name: str
    values: tuple[str, ...]
    synonyms: dict[str, str] = field(default_factory=dict)

    def lookup(self) -> dict[str, str]:
        """Normalised spelling → canonical value, for values and synonyms alike."""
        table = {normalize(v): v for v in self.values}
        table.update({normalize(k): v for k, v in self.synonyms.items()})
        return table


@dataclass(frozen=True)
class Column:
    """One column of a sheet as the clerk sees it."""

    key: str
    header: str
    type: ColumnType
    required: bool = False
    help: str = ""
    vocabulary: str | None = None  # name in VOCABULARIES, or "topic" / "guiding_question"
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unique: bool = False  # an ID that must not repeat within the sheet
    references: str | None = None  # "sheet_key.column_key" of the Verbund-Workbook or "measures"
    aliases: tuple[str, ...] = ()  # other headers accepted when reading
    width: int | None = None
    since: str = "1.0"  # template version that introduced the column

    @property
    def label(self) -> str:
        """Header with the required marker, as written into the templates."""
        return f"{self.header} *" if self.required else self.header


@dataclass(frozen=True)
class Sheet:
    """One sheet: a table with a header row in row 1."""

    key: str
    name: str
    columns: tuple[Column, ...]
    help: str
    phase: int
    single_row: bool = False
    since: str = "1.0"  # template version that introduced the sheet

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def table_name(self) -> str:
        """Excel table (ListObject) name: letters only, no umlauts."""
        return "tbl_" + self.key


@dataclass(frozen=True)
class WorkbookKind:
    key: str  # "municipal" / "regional"
    name: str  # German, as stamped into the workbook
    sheets: tuple[Sheet, ...]
    help: str

    def sheet(self, key: str) -> Sheet:
        for s in self.sheets:
            if s.key == key:
                return s
        raise KeyError(key)


_SPACES = re.compile(r"\s+")


def is_newer(since: str, version: str | None) -> bool:
    """True when a column/sheet ``since`` a version is missing by design in a ``version`` workbook."""
    return version is not None and version_key(since) > version_key(version)


def normalize(text: str) -> str:
    """Fold what people vary: case, stray/non-breaking spaces, line breaks, ß, '*' markers."""
    text = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").replace("*", " ")
    return _SPACES.sub(" ", text).strip().casefold().replace("ß", "ss")


# ---------------------------------------------------------------- vocabularies

# Verbundziele › Kennzahl: figures the pipeline can compute from the workbooks (the
# region's current value of a goal). „Kommunen mit …“ counts municipalities with a
# document of that Art (Dokumente), so its target can never exceed the region's size.
MUNICIPALITIES_WITH = "Kommunen mit "
GOAL_FIGURES = (
    "unbesetzte Stellen VZÄ",
    "Stellen VZÄ",
    "Fördermittel beantragt",
    "Fördermittel bewilligt",
    "Förderanträge bewilligt",
    "Maßnahmen umgesetzt",
    "Maßnahmen begonnen oder umgesetzt",
    *(
        f"{MUNICIPALITIES_WITH}{t}"
        for t in ("Leitbild", "Zielsetzung", "Fachkonzept", "Beschluss", "Plan", "Satzung")
    ),
)

_STATUS_WORK = ("offen", "in Arbeit", "erledigt", "verzögert")

VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        Vocabulary(
            "cooperation_potential",
            ("hoch", "mittel", "gering", "keins"),
            {"niedrig": "gering", "kein": "keins", "keine": "keins", "sehr hoch": "hoch"},
        ),
        Vocabulary(
            "infrastructure_type",
            (
                "Schule",
                "Kita",
                "Verwaltungsgebäude",
                "Bauhof",
                "Feuerwehr",
                "Sportstätte",
                "Kultureinrichtung",
                "Straße und Brücke",
                "Breitband",
                "Sonstiges",
            ),
            {
                "Schulen": "Schule",
                "Grundschule": "Schule",
                "Kindertagesstätte": "Kita",
                "Kitas": "Kita",
                "Rathaus": "Verwaltungsgebäude",
                "Feuerwehrhaus": "Feuerwehr",
                "Sporthalle": "Sportstätte",
                "Straße": "Straße und Brücke",
                "Brücke": "Straße und Brücke",
                "Straße/Brücke": "Straße und Brücke",
                "Sonstige": "Sonstiges",
            },
        ),
        Vocabulary(
            "condition",
            ("gut", "befriedigend", "mangelhaft", "kritisch"),
            {"sehr gut": "gut", "ausreichend": "befriedigend", "schlecht": "mangelhaft"},
        ),
        Vocabulary(
            "document_type",
            ("Leitbild", "Zielsetzung", "Fachkonzept", "Beschluss", "Plan", "Satzung", "Sonstiges"),
            {"Konzept": "Fachkonzept", "Ziele": "Zielsetzung", "Sonstige": "Sonstiges"},
        ),
        Vocabulary(
            "document_status",
            ("gültig", "in Überarbeitung", "veraltet"),
            {"gueltig": "gültig", "aktuell": "gültig", "in Ueberarbeitung": "in Überarbeitung"},
        ),
        Vocabulary(
            "swot_category",
            ("Stärke", "Schwäche", "Chance", "Risiko"),
            {
                "Stärken": "Stärke",
                "Schwächen": "Schwäche",
                "Chancen": "Chance",
                "Risiken": "Risiko",
                "Gefahr": "Risiko",
                "Gefahren": "Risiko",
                "S": "Stärke",
                "W": "Schwäche",
                "O": "Chance",
                "T": "Risiko",
            },
        ),
        Vocabulary(
            "swot_source",
            ("Dokumentenanalyse", "Interview", "Workshop", "Projektgruppe", "Lenkungsgruppe"),
            {"Interviews": "Interview", "Workshops": "Workshop", "Dokumente": "Dokumentenanalyse"},
        ),
        Vocabulary(
            "measure_priority", ("A", "B", "C"), {"hoch": "A", "mittel": "B", "niedrig": "C"}
        ),
        Vocabulary(
            "measure_status",
            ("Idee", "geplant", "in Umsetzung", "umgesetzt", "zurückgestellt"),
            {
                "in Planung": "geplant",
                "Planung": "geplant",
                "läuft": "in Umsetzung",
                "abgeschlossen": "umgesetzt",
                "erledigt": "umgesetzt",
                "zurueckgestellt": "zurückgestellt",
            },
        ),
        Vocabulary(
            "yes_no", ("ja", "nein"), {"j": "ja", "x": "ja", "n": "nein", "yes": "ja", "no": "nein"}
        ),
        Vocabulary(
            "application_status",
            ("in Vorbereitung", "eingereicht", "bewilligt", "abgelehnt", "abgerechnet"),
            {
                "beantragt": "eingereicht",
                "genehmigt": "bewilligt",
                "Vorbereitung": "in Vorbereitung",
                "abgeschlossen": "abgerechnet",
            },
        ),
        Vocabulary(
            "workshop",
            ("Kooperationswerkstatt", "Zukunftswerkstatt", "Strategiewerkstatt"),
        ),
        Vocabulary(
            "communication_type",
            ("CI", "Kanal", "Veranstaltung", "Publikation"),
            {"Corporate Identity": "CI", "Corporate Design": "CI"},
        ),
        Vocabulary(
            "funder_level",
            ("EU", "Bund", "Land", "Sonstige"),
            {
                "Europäische Union": "EU",
                "EU + Land": "EU",
                "Bund + Land": "Bund",
                "Freistaat": "Land",
                "Freistaat Sachsen": "Land",
                "Sachsen": "Land",
                "Sonstiges": "Sonstige",
                "Stiftung": "Sonstige",
            },
        ),
        Vocabulary(
            "legal_form",
            (
                "kommunale Arbeitsgemeinschaft",
                "Zweckvereinbarung",
                "Zweckverband",
                "Verwaltungsverband",
                "Verwaltungsgemeinschaft",
                "öffentlich-rechtlicher Vertrag",
                "Verein",
                "GmbH",
            ),
            {
                "kAG": "kommunale Arbeitsgemeinschaft",
                "ö.-r. Vertrag": "öffentlich-rechtlicher Vertrag",
                "e. V.": "Verein",
                "eingetragener Verein": "Verein",
                "gGmbH": "GmbH",
            },
        ),
        Vocabulary(
            "application_kind",
            ("Erstantrag", "Folgeantrag", "Anschlussförderung Verbund"),
            {"Anschlussförderung": "Anschlussförderung Verbund", "Neuantrag": "Erstantrag"},
        ),
        Vocabulary(
            "programme_status",
            ("offen", "geschlossen", "laufend"),
            {"beendet": "geschlossen", "ausgelaufen": "geschlossen", "Aufruf offen": "offen"},
        ),
        Vocabulary(
            "direction",
            ("steigen", "sinken"),
            {"erhöhen": "steigen", "mehr": "steigen", "senken": "sinken", "weniger": "sinken"},
        ),
        Vocabulary("goal_figure", GOAL_FIGURES),
        Vocabulary(
            "assessment_document", ASSESSED_DOCUMENTS, {f"P{i}": f"Phase {i}" for i in range(1, 7)}
        ),
        Vocabulary(
            "work_status", _STATUS_WORK, {"in Bearbeitung": "in Arbeit", "fertig": "erledigt"}
        ),
    )
}

REGION_VOCABULARIES = ("topic", "guiding_question")


def vocabulary_values(column: Column, region: Region) -> tuple[str, ...]:
    """Allowed values of a vocabulary column (region-dependent ones resolved)."""
    return vocabulary_for(column, region).values


def vocabulary_for(column: Column, region: Region) -> Vocabulary:
    name = column.vocabulary
    if name == "topic":
        return Vocabulary("topic", region.topics, _topic_synonyms(region.topics))
    if name == "guiding_question":
        return Vocabulary("guiding_question", region.guiding_questions)
    if name is None:
        raise KeyError(f"{column.key} has no vocabulary")
    return VOCABULARIES[name]


def _topic_synonyms(topics: tuple[str, ...]) -> dict[str, str]:
    """A topic may be typed by its number („3“) or its first word („Kultur“, „Umwelt“)."""
    syn: dict[str, str] = {}
    for i, t in enumerate(topics, start=1):
        syn[str(i)] = t
        syn[f"{i}. {t}"] = t
        first = re.split(r"[-, ]", t)[0]
        syn.setdefault(first, t)
    return syn


# ---------------------------------------------------------------- columns, shortly

T, N, A, P = ColumnType.TEXT, ColumnType.NUMBER, ColumnType.AMOUNT, ColumnType.PERCENT
D, Z, C = ColumnType.DATE, ColumnType.PERIOD, ColumnType.CHOICE
K, KL, ID = ColumnType.CODE, ColumnType.CODE_LIST, ColumnType.ID


def _topic(required: bool = True) -> Column:
    return Column(
        "topic",
        "Themenbereich",
        C,
        required=required,
        vocabulary="topic",
        help="Einer der sieben Themenbereiche der Kooperation (Auswahlliste).",
        width=34,
    )


def _remark() -> Column:
    return Column("remark", "Bemerkung", T, help="Freitext.", width=40)


# ---------------------------------------------------------------- Kommunal-Workbook

MASTER_DATA = Sheet(
    "master_data",
    "Stammdaten",
    (
        Column("name", "Kommune", T, required=True, help="Name der Kommune (vorausgefüllt)."),
        Column(
            "code", "Kürzel", K, required=True, help="Kürzel der Kommune (vorausgefüllt).", width=10
        ),
        Column(
            "ags",
            "AGS",
            T,
            help="Amtlicher Gemeindeschlüssel, 8 Ziffern (vorausgefüllt).",
            width=12,
        ),
        Column("population", "Einwohner", N, integer=True, minimum=0, help="Einwohnerzahl."),
        Column(
            "population_date", "Stichtag Einwohner", D, help="Stand der Einwohnerzahl (TT.MM.JJJJ)."
        ),
        Column("area_km2", "Fläche km²", N, minimum=0, help="Gemeindefläche in km²."),
        Column("contact", "Ansprechpartner", T, help="Wer das Workbook pflegt.", width=26),
        Column("email", "E-Mail", T, help="E-Mail-Adresse für Rückfragen.", width=30),
    ),
    help="Grunddaten der Kommune. Genau eine Zeile.",
    phase=1,
    single_row=True,
)

ADMINISTRATION = Sheet(
    "administration",
    "Verwaltung",
    (
        Column(
            "task",
            "Aufgabe/Organisationseinheit",
            T,
            required=True,
            help="Aufgabe oder Organisationseinheit, z. B. „Gewerbeamt“.",
            aliases=("Aufgabe", "Organisationseinheit"),
            width=34,
        ),
        _topic(),
        Column("posts_fte", "Stellen VZÄ", N, minimum=0, help="Stellen in Vollzeitäquivalenten."),
        Column(
            "vacant_fte",
            "davon unbesetzt VZÄ",
            N,
            minimum=0,
            help="Davon derzeit unbesetzte Stellen (VZÄ).",
        ),
        Column("cases_per_year", "Fallzahl pro Jahr", N, minimum=0, help="Vorgänge pro Jahr."),
        Column(
            "digitalisation",
            "Digitalisierungsgrad",
            N,
            integer=True,
            minimum=1,
            maximum=5,
            help="1 = analog, 5 = vollständig digital.",
        ),
        Column(
            "cooperation_potential",
            "Kooperationspotenzial",
            C,
            vocabulary="cooperation_potential",
            help="Eignung für eine gemeinsame Erledigung mit anderen Kommunen.",
        ),
        _remark(),
    ),
    help="Analyse der Verwaltung (Phase 1): Aufgaben, Stellen, Digitalisierung.",
    phase=1,
)

INFRASTRUCTURE = Sheet(
    "infrastructure",
    "Infrastruktur",
    (
        Column("object", "Objekt", T, required=True, help="Bezeichnung des Objekts.", width=32),
        Column(
            "type",
            "Art",
            C,
            required=True,
            vocabulary="infrastructure_type",
            help="Art der Einrichtung.",
        ),
        _topic(required=False),
        Column("district", "Ortsteil", T, help="Ortsteil, in dem das Objekt liegt."),
        Column(
            "built", "Baujahr", N, integer=True, minimum=1000, maximum=2100, help="Jahr (JJJJ)."
        ),
        Column(
            "condition", "Zustand", C, vocabulary="condition", help="Baulicher/technischer Zustand."
        ),
        Column(
            "utilisation", "Auslastung", P, minimum=0, maximum=100, help="Auslastung in Prozent."
        ),
        Column(
            "investment_need",
            "Investitionsbedarf",
            A,
            minimum=0,
            help="Geschätzter Investitionsbedarf in Euro.",
        ),
        _remark(),
    ),
    help="Kommunale Infrastruktur (Phase 1): Zustand und Investitionsbedarf.",
    phase=1,
)

DOCUMENTS = Sheet(
    "documents",
    "Dokumente",
    (
        Column("title", "Titel", T, required=True, help="Titel des Dokuments.", width=40),
        Column(
            "type", "Art", C, required=True, vocabulary="document_type", help="Art des Dokuments."
        ),
        Column(
            "year",
            "Jahr",
            N,
            integer=True,
            minimum=1990,
            maximum=2100,
            help="Jahr der Beschlussfassung.",
        ),
        _topic(required=False),
        Column(
            "status", "Status", C, vocabulary="document_status", help="Gültigkeit des Dokuments."
        ),
        Column(
            "location",
            "Fundstelle",
            T,
            help="Wo das Dokument zu finden ist (Link, Ablage).",
            width=36,
        ),
    ),
    help="Vorhandene Leitbilder, Zielsetzungen und Fachkonzepte (Phase 1).",
    phase=1,
)

SWOT = Sheet(
    "swot",
    "SWOT",
    (
        _topic(),
        Column(
            "category",
            "Kategorie",
            C,
            required=True,
            vocabulary="swot_category",
            help="Stärke, Schwäche (intern), Chance, Risiko (extern).",
        ),
        Column(
            "statement", "Aussage", T, required=True, help="Die Aussage in einem Satz.", width=60
        ),
        Column("source", "Quelle", C, vocabulary="swot_source", help="Woher die Aussage stammt."),
        Column(
            "weight",
            "Gewichtung",
            N,
            integer=True,
            minimum=1,
            maximum=3,
            help="1 = gering, 3 = hoch.",
        ),
    ),
    help="Stärken-/Schwächenanalyse (Phase 1).",
    phase=1,
)

PRIORITIES = Sheet(
    "priorities",
    "Prioritäten",
    (
        _topic(),
        Column(
            "priority",
            "Priorität",
            N,
            required=True,
            integer=True,
            minimum=1,
            maximum=7,
            help="1 = höchste Priorität.",
        ),
        Column("reason", "Begründung", T, help="Warum diese Priorität.", width=50),
    ),
    help="Priorisierung der Themenbereiche laut Letter of Intent (Phase 1).",
    phase=1,
)

MEASURES = Sheet(
    "measures",
    "Maßnahmen",
    (
        Column(
            "measure_id",
            "Maßnahmen-Nr.",
            ID,
            required=True,
            unique=True,
            help="Eindeutige Nummer, z. B. „M-BRA-01“.",
            aliases=("Massnahmen-Nr.", "Maßnahmen-Nr", "Nr."),
            width=14,
        ),
        Column("title", "Titel", T, required=True, help="Kurzer Titel der Maßnahme.", width=36),
        Column("description", "Beschreibung", T, help="Ausgangslage, Ziel, Vorgehen.", width=50),
        _topic(),
        Column(
            "goal_id",
            "Verbundziel-Nr.",
            ID,
            references="goals.goal_id",
            help="Nummer des Verbundziels (Verbund-Workbook › Verbundziele).",
            width=14,
        ),
        Column("lead", "Federführung", K, help="Kürzel der federführenden Kommune."),
        Column(
            "partners",
            "Beteiligte",
            KL,
            help="Kürzel der beteiligten Kommunen, durch Komma getrennt, oder „alle“.",
            width=24,
        ),
        Column(
            "priority", "Priorität", C, vocabulary="measure_priority", help="A = hoch, C = niedrig."
        ),
        Column(
            "cost_total", "Kosten gesamt", A, minimum=0, help="Geschätzte Gesamtkosten in Euro."
        ),
        Column("start", "Beginn", Z, help="Monat (MM/JJJJ), Quartal (Q1/JJJJ) oder Jahr (JJJJ)."),
        Column("end", "Ende", Z, help="Monat (MM/JJJJ), Quartal (Q1/JJJJ) oder Jahr (JJJJ)."),
        Column("status", "Status", C, vocabulary="measure_status", help="Umsetzungsstand."),
        Column(
            "consensus",
            "Konsens",
            C,
            vocabulary="yes_no",
            help="Breiter Konsens in der Lenkungsgruppe?",
        ),
        Column(
            "indicator",
            "Indikator",
            T,
            help="Woran der Erfolg der Maßnahme gemessen wird (für den Maßnahmensteckbrief).",
            width=34,
            since="2.0",
        ),
        Column(
            "next_step",
            "Nächster Schritt",
            T,
            help="Was als Nächstes zu tun ist, von wem, bis wann.",
            aliases=("Naechster Schritt",),
            width=40,
            since="2.0",
        ),
        _remark(),
    ),
    help="Maßnahmen, die die Kommune vorschlägt oder federführend betreut (Phase 4).",
    phase=4,
)

FUNDING_APPLICATIONS = Sheet(
    "funding_applications",
    "Förderanträge",
    (
        Column(
            "application_id",
            "Antrags-Nr.",
            ID,
            required=True,
            unique=True,
            help="Eindeutige Nummer des Antrags, z. B. „FA-BRA-01“.",
            width=14,
        ),
        Column(
            "measure_id",
            "Maßnahmen-Nr.",
            ID,
            references="measures.measure_id",
            help="Maßnahme, die gefördert werden soll.",
            aliases=("Massnahmen-Nr.",),
            width=14,
        ),
        Column(
            "programme_id",
            "Förderprogramm-Nr.",
            ID,
            required=True,
            references="programmes.programme_id",
            help="Nummer des Programms (Verbund-Workbook › Förderprogramme).",
            width=16,
        ),
        Column("requested", "beantragt", A, minimum=0, help="Beantragte Fördersumme in Euro."),
        Column("granted", "bewilligt", A, minimum=0, help="Bewilligte Fördersumme in Euro."),
        Column("own_share", "Eigenanteil", A, minimum=0, help="Eigenanteil der Kommune in Euro."),
        Column(
            "status",
            "Status",
            C,
            required=True,
            vocabulary="application_status",
            help="Stand des Antrags.",
        ),
        Column("submitted_on", "eingereicht am", D, help="Datum der Einreichung."),
        Column("decided_on", "Bescheid am", D, help="Datum des Bescheids."),
        Column(
            "proof_due", "Frist Verwendungsnachweis", D, help="Frist für den Verwendungsnachweis."
        ),
        Column(
            "kind",
            "Art",
            C,
            vocabulary="application_kind",
            help="Erstantrag, Folgeantrag oder Anschlussförderung des Verbunds (Phase 6).",
            width=24,
            since="2.0",
        ),
        _remark(),
    ),
    help="Förderanträge der Kommune und ihr Stand (Phase 5).",
    phase=5,
)

MUNICIPAL = WorkbookKind(
    "municipal",
    "Kommunal-Workbook",
    (
        MASTER_DATA,
        ADMINISTRATION,
        INFRASTRUCTURE,
        DOCUMENTS,
        SWOT,
        PRIORITIES,
        MEASURES,
        FUNDING_APPLICATIONS,
    ),
    help="Erhebung einer Kommune für das Kooperationsprojekt: Analyse, SWOT, Maßnahmen, Förderanträge.",
)

# ---------------------------------------------------------------- Verbund-Workbook

_WORK_STATUS = Column(
    "status", "Status", C, vocabulary="work_status", help="offen, in Arbeit, erledigt, verzögert."
)
_RESPONSIBLE = Column("responsible", "Verantwortlich", T, help="Person oder Gremium.", width=24)


def _votes(key: str, header: str) -> Column:
    return Column(key, header, N, integer=True, minimum=0, help=f"Anzahl {header}.")


WORKSHOPS = Sheet(
    "workshops",
    "Werkstätten",
    (
        Column(
            "workshop",
            "Werkstatt",
            C,
            required=True,
            vocabulary="workshop",
            help="Stufe des Strategieprozesses.",
        ),
        Column("date", "Datum", D, required=True, help="Datum der Werkstatt."),
        Column("place", "Ort", T, help="Ort der Werkstatt."),
        Column(
            "participants", "Teilnehmende", N, integer=True, minimum=0, help="Anzahl Teilnehmende."
        ),
        _topic(required=False),
        Column(
            "agenda_item",
            "Tagesordnungspunkt",
            T,
            help="Der Tagesordnungspunkt; je Punkt eine Zeile mit eigenen Stimmen.",
            aliases=("TOP",),
            width=34,
            since="2.0",
        ),
        Column(
            "method",
            "Methode",
            T,
            help="Arbeitsform, z. B. Punktabfrage, World Café, Kleingruppen, Plenum.",
            width=22,
            since="2.0",
        ),
        Column(
            "result",
            "Ergebnis",
            T,
            required=True,
            help="Ergebnis bzw. Beschlussvorschlag.",
            width=60,
        ),
        _votes("votes_for", "Stimmen dafür"),
        _votes("votes_against", "Stimmen dagegen"),
        _votes("abstentions", "Enthaltungen"),
    ),
    help="Kooperations-, Zukunfts- und Strategiewerkstatt (Phase 2).",
    phase=2,
)

LEGAL_FRAMEWORK = Sheet(
    "legal_framework",
    "Rahmenbedingungen",
    (
        Column(
            "law", "Rechtsgrundlage", T, required=True, help="z. B. „§ 71 SächsKomZG“.", width=30
        ),
        Column("content", "Inhalt", T, help="Was die Vorschrift regelt.", width=50),
        Column("relevance", "Bedeutung für die Kooperation", T, help="Was daraus folgt.", width=50),
    ),
    help="Rechtlicher Rahmen der Kooperation (Phase 2).",
    phase=2,
)

SUB_STRATEGIES = Sheet(
    "sub_strategies",
    "Teilstrategien",
    (
        _topic(),
        Column(
            "goal", "Strategisches Ziel", T, required=True, help="Das strategische Ziel.", width=50
        ),
        Column("approach", "Ansatz", T, help="Wie das Ziel erreicht werden soll.", width=50),
        Column(
            "municipalities",
            "Kommunen",
            KL,
            help="Beteiligte Kommunen (Kürzel, Komma) oder „alle“.",
        ),
        Column("council_vote", "Gremienvotum", T, help="Beschluss-Nr. / Datum.", width=24),
    ),
    help="Teilstrategien je Themenbereich (Phase 2).",
    phase=2,
)

MISSION_STATEMENT = Sheet(
    "mission_statement",
    "Leitbild",
    (
        Column(
            "question",
            "Leitfrage",
            C,
            required=True,
            vocabulary="guiding_question",
            help="Eine der drei Leitfragen.",
            width=50,
        ),
        Column("statement", "Leitsatz", T, required=True, help="Antwort als Leitsatz.", width=70),
    ),
    help="Das gemeinsame Leitbild: Leitsätze zu den drei Leitfragen (Phase 3).",
    phase=3,
)

GOALS = Sheet(
    "goals",
    "Verbundziele",
    (
        Column("goal_id", "Ziel-Nr.", ID, required=True, unique=True, help="z. B. „Z1“.", width=10),
        _topic(),
        Column("goal", "Ziel", T, required=True, help="Das Ziel.", width=50),
        Column(
            "indicator", "Indikator", T, help="Woran die Zielerreichung gemessen wird.", width=34
        ),
        Column("baseline", "Ausgangswert", N, help="Wert zu Beginn."),
        Column("target", "Zielwert", N, help="Angestrebter Wert."),
        Column(
            "target_year",
            "Zieljahr",
            N,
            integer=True,
            minimum=2000,
            maximum=2100,
            help="Jahr (JJJJ).",
        ),
        Column(
            "figure",
            "Kennzahl",
            C,
            vocabulary="goal_figure",
            help="Kennzahl, die die Pipeline aus den Workbooks berechnet; leer = nicht berechenbar.",
            width=30,
            since="2.0",
        ),
        Column(
            "direction",
            "Richtung",
            C,
            vocabulary="direction",
            help="Soll der Wert steigen oder sinken?",
            since="2.0",
        ),
    ),
    help="Gemeinsame Ziele des Verbunds mit Indikatoren (Phase 3).",
    phase=3,
)

COMMUNICATION = Sheet(
    "communication",
    "Kommunikation",
    (
        Column(
            "element", "Element", T, required=True, help="z. B. „Logo“, „Newsletter“.", width=34
        ),
        Column(
            "type",
            "Art",
            C,
            vocabulary="communication_type",
            help="CI, Kanal, Veranstaltung, Publikation.",
        ),
        Column("audience", "Zielgruppe", T, help="Für wen.", width=26),
        _RESPONSIBLE,
        Column("date", "Termin", Z, help="Monat (MM/JJJJ), Quartal (Q1/JJJJ) oder Jahr (JJJJ)."),
        Column(
            "message",
            "Botschaft",
            T,
            help="Die Kernbotschaft in einem Satz.",
            width=40,
            since="2.0",
        ),
        Column(
            "channel",
            "Kanal",
            T,
            help="Über welchen Weg, z. B. Amtsblatt, Website, App, Presse.",
            width=22,
            since="2.0",
        ),
        Column(
            "rhythm",
            "Rhythmus",
            T,
            help="Wie oft, z. B. monatlich, jährlich, einmalig.",
            since="2.0",
        ),
        Column("budget", "Budget", A, minimum=0, help="Budget in Euro.", since="2.0"),
    ),
    help="Corporate Identity und Kommunikationsstrategie (Phase 3).",
    phase=3,
)

PROGRAMMES = Sheet(
    "programmes",
    "Förderprogramme",
    (
        Column(
            "programme_id",
            "Programm-Nr.",
            ID,
            required=True,
            unique=True,
            help="z. B. „FP01“.",
            width=12,
        ),
        Column(
            "programme", "Programm", T, required=True, help="Name des Förderprogramms.", width=40
        ),
        Column(
            "funder",
            "Fördergeber",
            C,
            required=True,
            vocabulary="funder_level",
            help="EU, Bund, Land, Sonstige.",
        ),
        Column("authority", "Bewilligungsstelle", T, help="z. B. SAB, LASuV, Landkreis.", width=24),
        Column("rate", "Förderquote", P, minimum=0, maximum=100, help="Förderquote in Prozent."),
        _topic(required=False),
        Column("deadline", "Antragsfrist", D, help="Nächste Antragsfrist."),
        Column(
            "max_amount",
            "Höchstbetrag",
            A,
            minimum=0,
            help="Höchste Fördersumme je Antrag in Euro (leer = keine Obergrenze).",
            since="2.0",
        ),
        Column(
            "status",
            "Status",
            C,
            vocabulary="programme_status",
            help="offen (Aufruf läuft), laufend (Antrag jederzeit), geschlossen.",
            since="2.0",
        ),
        _remark(),
    ),
    help="Förderlandschaft: relevante Programme (Phase 5).",
    phase=5,
)

STRUCTURE_OPTIONS = Sheet(
    "structure_options",
    "Strukturoptionen",
    (
        Column("option", "Option", T, required=True, help="Bezeichnung der Option.", width=34),
        Column(
            "legal_form",
            "Rechtsform",
            C,
            vocabulary="legal_form",
            help="Rechtsform nach SächsKomZG, oder Verein / GmbH.",
            width=30,
        ),
        Column("pros", "Vorteile", T, help="Vorteile.", width=40),
        Column("cons", "Nachteile", T, help="Nachteile.", width=40),
        Column(
            "rating",
            "Bewertung",
            N,
            integer=True,
            minimum=1,
            maximum=5,
            help="1 = ungeeignet, 5 = sehr gut.",
        ),
        Column("recommended", "Empfehlung", C, vocabulary="yes_no", help="Empfohlene Option?"),
    ),
    help="Optionen zur Verstetigung der Zusammenarbeit (Phase 6).",
    phase=6,
)

CRITERIA = Sheet(
    "criteria",
    "Kriterien",
    (
        Column(
            "criterion",
            "Kriterium",
            T,
            required=True,
            help="Bewertungskriterium für die Strukturoptionen.",
            width=30,
        ),
        Column(
            "weight",
            "Gewicht",
            P,
            required=True,
            minimum=0,
            maximum=100,
            help="Gewicht in Prozent; alle Gewichte zusammen 100 %.",
        ),
        Column("description", "Beschreibung", T, help="Was das Kriterium misst.", width=50),
    ),
    help="Kriterien zur Bewertung der Strukturoptionen, mit Gewicht (Phase 6).",
    phase=6,
    since="2.0",
)

STRUCTURE_SCORES = Sheet(
    "structure_scores",
    "Strukturbewertung",
    (
        Column(
            "option",
            "Option",
            T,
            required=True,
            help="Eine Option aus dem Blatt „Strukturoptionen“.",
            width=34,
        ),
        Column(
            "criterion",
            "Kriterium",
            T,
            required=True,
            help="Ein Kriterium aus dem Blatt „Kriterien“.",
            width=30,
        ),
        Column(
            "points",
            "Punkte",
            N,
            required=True,
            integer=True,
            minimum=1,
            maximum=5,
            help="1 = erfüllt das Kriterium nicht, 5 = voll. Die gewichtete Summe rechnet die Pipeline.",
        ),
    ),
    help="Punkte je Option und Kriterium (Phase 6); die Gesamtbewertung wird berechnet.",
    phase=6,
    since="2.0",
)

SCHEDULE = Sheet(
    "schedule",
    "Zeitplan",
    (
        Column("milestone", "Meilenstein", T, required=True, help="Der Meilenstein.", width=40),
        Column("due", "Termin", D, required=True, help="Datum (TT.MM.JJJJ)."),
        _RESPONSIBLE,
        _WORK_STATUS,
        Column(
            "reference",
            "Bezug",
            ID,
            help="Maßnahmen-Nr. oder Antrags-Nr., auf die sich der Meilenstein bezieht.",
            width=14,
            since="2.0",
        ),
    ),
    help="Meilensteinplan der Umsetzung (Phase 6).",
    phase=6,
)

CHANGE_MANAGEMENT = Sheet(
    "change_management",
    "Veränderungsmanagement",
    (
        Column(
            "measure",
            "Maßnahme",
            T,
            required=True,
            help="Maßnahme des Veränderungsmanagements.",
            width=40,
        ),
        Column("audience", "Zielgruppe", T, help="Für wen.", width=26),
        Column("due", "Termin", D, help="Datum (TT.MM.JJJJ)."),
        _RESPONSIBLE,
        _WORK_STATUS,
    ),
    help="Veränderungsmanagement in den Verwaltungen (Phase 6).",
    phase=6,
)

ASSESSMENTS = Sheet(
    "assessments",
    "Bewertungen",
    (
        Column(
            "document",
            "Dokument",
            C,
            required=True,
            vocabulary="assessment_document",
            help="In welchem Dokument die Bewertung steht.",
            width=20,
        ),
        Column(
            "section",
            "Abschnitt",
            T,
            required=True,
            help="Schlüssel des Abschnitts laut Anleitung, z. B. „swot“.",
            width=22,
        ),
        Column(
            "code",
            "Kürzel",
            K,
            help="Kommune, für ein Kommunalprofil.",
            width=10,
        ),
        Column(
            "text",
            "Text",
            T,
            required=True,
            help="Die Bewertung des Projektbüros, in ganzen Sätzen.",
            width=70,
        ),
        Column("as_of", "Stand", D, help="Datum der Bewertung."),
        Column("author", "Verfasst von", T, help="Wer die Bewertung geschrieben hat.", width=24),
    ),
    help="Bewertungen des Projektbüros, die in die Dokumente übernommen werden.",
    phase=0,
    since="2.0",
)

REGIONAL = WorkbookKind(
    "regional",
    "Verbund-Workbook",
    (
        WORKSHOPS,
        LEGAL_FRAMEWORK,
        SUB_STRATEGIES,
        MISSION_STATEMENT,
        GOALS,
        COMMUNICATION,
        PROGRAMMES,
        STRUCTURE_OPTIONS,
        CRITERIA,
        STRUCTURE_SCORES,
        SCHEDULE,
        CHANGE_MANAGEMENT,
        ASSESSMENTS,
    ),
    help="Daten des Verbunds für die Lenkungsgruppe: Strategie, Leitbild, Ziele, Förderung, Verstetigung.",
)

WORKBOOK_KINDS: dict[str, WorkbookKind] = {k.key: k for k in (MUNICIPAL, REGIONAL)}


def kind_by_name(name: str) -> WorkbookKind | None:
    """The kind whose German name (as stamped) matches, tolerant of case and spaces."""
    for k in WORKBOOK_KINDS.values():
        if normalize(k.name) == normalize(name) or normalize(k.key) == normalize(name):
            return k
    return None
