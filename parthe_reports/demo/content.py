"""Text pools of the example data (Beispieldaten), drawn from shared/spec/domain.md.

Topics are referenced by their index in ``Region.topics`` (0 = Verwaltungsaufgaben …
6 = Kommunikation). Municipal content is grouped into six profiles, one per founding
municipality; a synthetic municipality borrows profile ``i % 6``.
"""

from __future__ import annotations

from datetime import date

# fmt: off

PROFILE_ORDER = ("BOR", "BRA", "GRP", "NAU", "BEL", "PAR")

DISTRICTS: dict[str, tuple[str, ...]] = {
    "BOR": ("Borsdorf", "Panitzsch", "Zweenfurth", "Cunnersdorf"),
    "BRA": ("Brandis", "Beucha", "Polenz", "Waldsteinberg"),
    "GRP": ("Großpösna", "Störmthal", "Seifertshain", "Güldengossa", "Dreiskau-Muckern"),
    "NAU": ("Naunhof", "Albrechtshain", "Ammelshain", "Eicha", "Fuchshain", "Lindhardt"),
    "BEL": ("Belgershain", "Köhra", "Threna", "Rohrbach"),
    "PAR": ("Großsteinberg", "Grethen", "Klinga", "Pomßen"),
    "MAC": ("Machern", "Püchau", "Gerichshain", "Posthausen"),
}

# (Aufgabe, topic, VZÄ per 8,000 inhabitants, cases per year, digitalisation, potential)
ADMIN_TASKS: tuple[tuple[str, int, float, int, int, str], ...] = (("Gewerbeamt", 0, 1.0, 420, 3, "hoch"), ("Standesamt", 0, 1.2, 310, 2, "mittel"), ("Bürgerbüro/Einwohnermeldeamt", 0, 2.5, 6100, 3, "mittel"), ("Personalverwaltung", 0, 1.5, 240, 2, "hoch"), ("Vergabestelle", 0, 0.8, 65, 2, "hoch"), ("Datenschutz", 0, 0.3, 40, 3, "hoch"), ("IT-Betreuung", 0, 1.0, 950, 3, "hoch"), ("Kämmerei/Haushalt", 5, 3.0, 2600, 3, "gering"), ("Fördermittelmanagement", 5, 0.5, 24, 2, "hoch"), ("Bauverwaltung", 1, 2.0, 360, 2, "mittel"), ("Wirtschaftsförderung", 1, 0.5, 85, 2, "hoch"), ("Ordnungsamt", 0, 2.0, 1500, 2, "mittel"), ("Bauhof", 2, 8.0, 2100, 1, "gering"), ("Klimaschutz und Umwelt", 2, 0.3, 30, 2, "hoch"), ("Bibliothek und Kultur", 3, 1.5, 12500, 3, "hoch"), ("Tourismus und Veranstaltungen", 4, 0.5, 55, 2, "hoch"), ("Öffentlichkeitsarbeit/Amtsblatt", 6, 0.7, 24, 3, "mittel"), ("Kita-Verwaltung", 1, 1.0, 410, 2, "keins"))
VG_TASKS = ("Gewerbeamt", "Standesamt", "Bürgerbüro/Einwohnermeldeamt")
VG_REMARK = "Wird von der Verwaltungsgemeinschaft Naunhof (erfüllende Gemeinde) wahrgenommen."
VG_MEMBERS = ("BEL", "PAR")

# (Objekt pattern, Art, topic or None, built, utilisation %, investment need €);
# {d} = a district, {n} = the municipality.
INFRASTRUCTURE: tuple[tuple[str, str, int | None, int, int | None, int], ...] = (("Grundschule {d}", "Schule", 1, 1968, 96, 1_450_000), ("Kita „Parthezwerge“ {d}", "Kita", 1, 1985, 100, 380_000), ("Rathaus {n}", "Verwaltungsgebäude", 0, 1912, 85, 620_000), ("Bauhof {n}", "Bauhof", 2, 1979, 90, 240_000), ("Feuerwehrgerätehaus {d}", "Feuerwehr", 0, 1974, 100, 1_100_000), ("Sporthalle {d}", "Sportstätte", 1, 1992, 78, 890_000), ("Bibliothek {n}", "Kultureinrichtung", 3, 1956, 64, 150_000), ("Parthebrücke {d}", "Straße und Brücke", 2, 1961, None, 730_000), ("Glasfaser Gewerbegebiet {d}", "Breitband", 1, 2019, 55, 90_000), ("Dorfgemeinschaftshaus {d}", "Sonstiges", 3, 1930, 40, 210_000), ("Radweg Parthenaue Abschnitt {d}", "Straße und Brücke", 4, 2004, None, 310_000), ("Kita „Sonnenschein“ {d}", "Kita", 1, 2012, 92, 40_000))
CONDITIONS = ("gut", "befriedigend", "mangelhaft", "kritisch")

# (Titel pattern, Art, topic or None, year, status, Fundstelle)
DOCUMENTS: tuple[tuple[str, str, int | None, int, str, str], ...] = (
    ("Integriertes Gemeindeentwicklungskonzept {n}", "Fachkonzept", 1, 2019, "gültig", "Hauptamt"),
    ("Leitbild {n} 2030", "Leitbild", 6, 2017, "in Überarbeitung", "Ratsinformationssystem"),
    ("Haushaltssatzung 2026", "Satzung", 5, 2026, "gültig", "Amtsblatt 01/2026"),
    ("Brandschutzbedarfsplan", "Plan", 0, 2021, "gültig", "Ordnungsamt"),
    ("Klimaschutzkonzept", "Fachkonzept", 2, 2015, "veraltet", "Bauamt"),
    ("Beschluss Letter of Intent Partheland", "Beschluss", None, 2018, "gültig", "Beschluss 16.11.2018"),
    ("Digitalisierungsstrategie der Verwaltung", "Zielsetzung", 0, 2023, "gültig", "Intranet"),
    ("Baumschutzsatzung", "Satzung", 2, 2021, "gültig", "Amtsblatt 05/2021"),
    ("Tourismuskonzept Parthenaue", "Fachkonzept", 4, 2020, "gültig", "partheland.de"),
    ("Flächennutzungsplan", "Plan", 1, 2008, "in Überarbeitung", "Bauamt"),
)

# SWOT statements per topic and category, shared by all: near-identical statements
# across municipalities give SWOT merging something to merge.
SWOT_COMMON: dict[str, tuple[tuple[int, str], ...]] = {
    "Stärke": ((1, "Gute S-Bahn- und Straßenanbindung an Leipzig"), (6, "Aktives Vereinsleben trägt die Öffentlichkeitsarbeit mit"), (3, "Engagierte Ehrenamtliche in Kultur und Heimatpflege"), (4, "Attraktive Naherholung in der Parthenaue")),
    "Schwäche": ((0, "Fachkräftemangel in der Verwaltung, Stellen bleiben lange unbesetzt"), (0, "Geringer Digitalisierungsgrad der Verwaltungsabläufe"), (5, "Wenig Personal für Fördermittelakquise und Verwendungsnachweise"), (1, "Sanierungsstau bei Schulen und Kitas")),
    "Chance": ((5, "Förderbonus für interkommunale Kooperation in der Städtebauförderung"), (6, "Gemeinsamer Auftritt als Partheland erhöht die Sichtbarkeit"), (2, "Klimaschutzmanagement gemeinsam über die Kommunalrichtlinie finanzieren"), (1, "Zuzug junger Familien aus Leipzig")),
    "Risiko": ((0, "Altersbedingte Abgänge in der Verwaltung bis 2030"), (5, "Steigende Eigenanteile bei knappen Haushalten"), (2, "Zunehmende Starkregen- und Hitzeereignisse"), (4, "Konkurrenz der Leipziger Seen um Tagesgäste")),
}
# Per profile: (topic, category, statement). Strength of one meets weakness of another.
SWOT_PROFILE: dict[str, tuple[tuple[int, str, str], ...]] = {
    "BOR": ((1, "Stärke", "Gefragter Wohnstandort mit S-Bahn-Halt nach Leipzig"), (2, "Schwäche", "Kleinste Gemarkung im Landkreis, kaum Flächen für Ausgleichsmaßnahmen"), (3, "Stärke", "Bibliothek mit hohen Entleihzahlen und Leseförderung"), (0, "Schwäche", "Vergabestelle personell nicht besetzt")),
    "BRA": ((2, "Stärke", "Erfahrung mit Großprojekten erneuerbarer Energien (Solarpark Waldpolenz)"), (6, "Stärke", "Federführung im Modellprojekt Smart Cities, digitale Kompetenz"), (4, "Schwäche", "Kein eigenes Tourismusmarketing"), (0, "Stärke", "Eigene Vergabestelle mit erfahrenem Personal")),
    "GRP": ((4, "Stärke", "Störmthaler See als Anziehungspunkt für Tagesgäste"), (0, "Schwäche", "Gewerbeamt personell unterbesetzt, Aufgabe wurde an Naunhof abgegeben"), (3, "Stärke", "Kulturangebote im Rittergut und Pösna-Park"), (2, "Schwäche", "Kein Klimaschutzkonzept vorhanden")),
    "NAU": ((0, "Stärke", "Zentrales Gewerbeamt mit eingespielten Abläufen für mehrere Kommunen"), (0, "Stärke", "Erfahrung als erfüllende Gemeinde der Verwaltungsgemeinschaft"), (4, "Schwäche", "Geringe touristische Vermarktung der Seen und Wälder"), (1, "Schwäche", "Oberschule an der Kapazitätsgrenze")),
    "BEL": ((3, "Stärke", "Schloss und Park Belgershain als kultureller Anziehungspunkt"), (0, "Schwäche", "Sehr kleine Verwaltung, Vertretung kaum möglich"), (1, "Schwäche", "Schwache ÖPNV-Anbindung der Ortsteile"), (2, "Stärke", "Große Waldflächen und intakte Naturräume")),
    "PAR": ((4, "Stärke", "Wanderwege im Naturschutzgebiet Parthenaue"), (1, "Schwäche", "Schwache ÖPNV-Anbindung der Ortsteile"), (6, "Schwäche", "Keine eigene Stelle für Öffentlichkeitsarbeit"), (2, "Risiko", "Hochwassergefahr an der Parthe")),
}

# Measures per profile: (title, description, topic, goal, partners, priority, cost,
# start, end, status, consensus, programme of its funding application or None)
Measure = tuple[str, str, int, str | None, str, str, int, str, str, str, str, str | None]
MEASURES: dict[str, tuple[Measure, ...]] = {
    "BOR": (
        ("Partheland-Bibliotheken", "Gemeinsamer Bibliotheksausweis, Ausleihe über Gemeindegrenzen, Bibliothekskonferenz.", 3, "Z6", "BOR, BRA, GRP, NAU", "A", 135_000, "04/2021", "2027", "in Umsetzung", "ja", "FP12"),
        ("Mustersatzung Baumschutz", "Gemeinsam erarbeitete Baumschutzsatzung für alle Kommunen.", 2, "Z5", "alle", "B", 5_000, "2026", "2027", "geplant", "ja", None),
        ("Gewerbeflächenbörse Partheland", "Gemeinsames Flächenangebot für Ansiedlungen an der S-Bahn-Achse.", 1, "Z3", "BOR, BRA, NAU", "B", 25_000, "Q2/2027", "Q4/2027", "Idee", "nein", "FP05"),
        ("Hochwasserpartnerschaft Parthe", "Abgestimmte Vorsorge und Alarmpläne entlang der Parthe.", 2, "Z5", "BOR, NAU, PAR, GRP", "A", 60_000, "2027", "2028", "geplant", "ja", "FP16"),
        ("Sanierung Grundschule Panitzsch", "Energetische Sanierung und Digitalisierung der Grundschule.", 1, "Z3", "BOR", "A", 1_450_000, "Q3/2027", "Q4/2029", "geplant", "ja", "FP08"),
    ),
    "BRA": (
        ("Gemeinsame Stellenbörse", "Alle Stellenangebote der Kommunen auf partheland.de/stellenboerse.", 0, "Z2", "alle", "A", 8_000, "01/2020", "12/2020", "umgesetzt", "ja", "FP03"),
        ("Partheland-App", "App mit Nachrichten, Veranstaltungen, Mängelmelder und Umfragen.", 6, "Z9", "alle", "A", 180_000, "Q1/2026", "Q4/2027", "in Umsetzung", "ja", "FP05"),
        ("Klimaschutzmanagement Partheland", "Gemeinsames Klimaschutzkonzept und Klimaschutzmanager/in.", 2, "Z4", "alle", "A", 240_000, "Q2/2027", "Q1/2030", "geplant", "ja", "FP07"),
        ("Gemeinsame Vergabestelle", "Vergabestelle in Brandis übernimmt Vergaben per Zweckvereinbarung.", 0, "Z1", "BRA, BOR, NAU", "A", 90_000, "Q1/2027", "Q4/2028", "Idee", "nein", None),
        ("Fördermittellotse Partheland", "Gemeinsame Stelle für Fördermittelakquise und Verwendungsnachweise.", 5, "Z10", "alle", "A", 70_000, "2027", "2029", "geplant", "ja", "FP05"),
    ),
    "GRP": (
        ("Gemeinsamer Veranstaltungskalender", "Ein Kalender für alle Veranstaltungen auf partheland.de und in der App.", 4, "Z8", "alle", "B", 12_000, "03/2026", "12/2026", "in Umsetzung", "ja", "FP03"),
        ("Marketing Störmthaler See und Parthenaue", "Gemeinsame Vermarktung von See, Auen und Radwegen.", 4, "Z8", "GRP, NAU, PAR", "B", 48_000, "Q2/2026", "Q4/2027", "in Umsetzung", "ja", "FP02"),
        ("Kommunales Energiemanagement", "Verbrauchsmonitoring aller kommunalen Liegenschaften.", 2, "Z4", "GRP, BEL, BRA", "B", 65_000, "Q1/2027", "Q4/2028", "geplant", "ja", "FP14"),
        ("Kulturpfad Rittergut", "Kulturpfad mit Stationen zu Geschichte und Kunst.", 3, "Z6", "GRP", "C", 35_000, "2027", "2027", "Idee", "nein", "FP11"),
        ("Sanierung Sporthalle Seifertshain", "Dach und Sanitär der Sporthalle.", 1, "Z3", "GRP", "B", 890_000, "Q3/2027", "Q2/2028", "geplant", "ja", "FP13"),
    ),
    "NAU": (
        ("Zentrales Gewerbeamt Naunhof", "Gewerbeamt für weitere Kommunen per Zweckvereinbarung (§ 71 SächsKomZG).", 0, "Z1", "NAU, GRP, BRA, BOR", "A", 45_000, "07/2021", "Q4/2027", "in Umsetzung", "ja", None),
        ("Gemeinsamer Datenschutzbeauftragter", "Ein Datenschutzbeauftragter für alle Verwaltungen.", 0, "Z1", "alle", "A", 30_000, "01/2027", "12/2027", "geplant", "ja", None),
        ("Abgestimmte Schulnetz- und Kitaplanung", "Gemeinsame Bedarfsplanung mit dem Landkreis.", 1, "Z3", "NAU, BEL, PAR", "B", 20_000, "01/2025", "06/2026", "umgesetzt", "ja", "FP05"),
        ("Erweiterung Oberschule Naunhof", "Anbau für zwei Klassenzüge.", 1, "Z3", "NAU", "A", 3_200_000, "2027", "2030", "geplant", "ja", "FP08"),
        ("Dorfkern Ammelshain", "Neugestaltung des Dorfplatzes.", 1, "Z3", "NAU", "C", 280_000, "2027", "2028", "Idee", "ja", "FP01"),
    ),
    "BEL": (
        ("Newsletter Partheland", "Monatlicher Newsletter der Kooperation an alle Haushalte mit E-Mail.", 6, "Z9", "alle", "B", 6_000, "01/2027", "12/2027", "geplant", "ja", None),
        ("Dorfkern Belgershain", "Belebung des Ortszentrums am Schlosspark.", 1, None, "BEL", "B", 320_000, "2027", "2029", "zurückgestellt", "nein", "FP04"),
        ("Radwegelückenschluss Threna–Naunhof", "Fehlendes Radwegstück an der Kreisstraße.", 4, "Z7", "BEL, NAU", "B", 850_000, "Q3/2026", "2028", "in Umsetzung", "ja", "FP09"),
        ("Schlosspark-Konzerte", "Sommerkonzerte im Schlosspark mit den Nachbarkommunen.", 3, "Z6", "BEL, GRP", "C", 15_000, "Q2/2027", "Q3/2027", "geplant", "ja", "FP11"),
        ("Feuerwehr: gemeinsame Fahrzeugbeschaffung", "Sammelbeschaffung von Löschfahrzeugen.", 0, "Z2", "BEL, PAR, NAU", "B", 400_000, "2027", "2028", "geplant", "ja", "FP10"),
    ),
    "PAR": (
        ("Wanderwegekonzept Partheland", "Einheitliche Beschilderung und Karte aller Wanderwege.", 4, "Z7", "alle", "B", 60_000, "2027", "2028", "geplant", "ja", "FP01"),
        ("Bürgerbüro mobil", "Mobiler Bürgerservice für die Ortsteile.", 0, "Z2", "PAR, BEL", "C", 20_000, "Q3/2027", "Q4/2027", "Idee", "nein", "FP03"),
        ("Rastplätze an der Parthe", "Rastplätze und Infotafeln entlang der Wanderwege.", 4, "Z7", "PAR, GRP", "C", 12_000, "2025", "2025", "umgesetzt", "ja", "FP03"),
        ("Gerätehaus Großsteinberg", "Ersatzneubau des Feuerwehrgerätehauses.", 0, "Z2", "PAR", "A", 1_100_000, "Q3/2026", "2028", "in Umsetzung", "ja", "FP10"),
        ("Dorfladen Pomßen", "Nahversorgung mit Bürgertreff.", 1, "Z3", "PAR", "C", 150_000, "2027", "2028", "zurückgestellt", "nein", "FP04"),
    ),
}
# A measure's application follows the measure: (status of the measure) → status of its
# application; a „geplant“ measure alternates between submitted and in preparation.
APPLICATION_BY_MEASURE = {"Idee": ("in Vorbereitung",), "geplant": ("eingereicht", "in Vorbereitung"), "in Umsetzung": ("bewilligt",), "umgesetzt": ("abgerechnet",), "zurückgestellt": ("abgelehnt",)}
# (profile, measure index) → application status where the story needs it. BOR-05 is a
# deliberate clerk habit: the grant came, the measure's status was not updated.
APPLICATION_OVERRIDES = {("BRA", 2): "eingereicht", ("BRA", 4): "in Vorbereitung", ("PAR", 0): "in Vorbereitung", ("BOR", 4): "bewilligt"}
# Art of an application other than Erstantrag, by (profile, measure index): the libraries'
# second funding round, and the Verbund's follow-up funding (phase 6: Anschlussförderung).
APPLICATION_KINDS = {("BOR", 0): "Folgeantrag", ("BOR", 3): "Anschlussförderung Verbund", ("BRA", 4): "Anschlussförderung Verbund"}
# The one municipality whose SWOT has a statement twice (a deliberate clerk habit).
DUPLICATE_SWOT_PROFILE = "BEL"
NEXT_STEPS = {
    "in Vorbereitung": "Förderantrag fertigstellen und Ratsbeschluss zum Eigenanteil einholen.",
    "eingereicht": "Bescheid abwarten; Vergabe so vorbereiten, dass sie nach der Bewilligung starten kann.",
    "bewilligt": "Umsetzung nach Zeitplan; Zwischenstand im nächsten Fortschrittsbericht.",
    "abgerechnet": "Erfahrungen auswerten und der Lenkungsgruppe berichten.",
    "abgelehnt": "Neu bewerten, sobald ein passendes Programm oder Haushaltsmittel bereitstehen.",
    None: "Projektskizze in der Lenkungsgruppe vorstellen und Partnerkommunen gewinnen.",
}
NEXT_STEP_DONE = "Betrieb in der Regelverwaltung; Erfahrungen an die Nachbarkommunen weitergeben."

# ---------------------------------------------------------------- Verbund-Workbook

# (Werkstatt, Datum, Ort, Teilnehmende, topic, Tagesordnungspunkt, Methode, Ergebnis,
#  dafür, dagegen, Enthaltungen): one row per agenda item, each with its own votes.
WORKSHOPS = (
    ("Kooperationswerkstatt", date(2026, 3, 18), "Rathaus Brandis", 34, 0, "TOP 2: Zentrales Gewerbeamt", "Kleingruppen, dann Plenum", "Das zentrale Gewerbeamt in Naunhof arbeitet seit 2021 zuverlässig für Großpösna. Die Werkstatt empfiehlt, Brandis und Borsdorf per Zweckvereinbarung anzuschließen; offene Fragen zur Kostenverteilung klärt die Kämmerei-Runde.", 28, 2, 4),
    ("Kooperationswerkstatt", date(2026, 3, 18), "Rathaus Brandis", 34, 0, "TOP 3: Gemeinsame Vergabestelle", "World Café", "Eine gemeinsame Vergabestelle in Brandis wird geprüft. Die Teilnehmenden sehen den größten Nutzen bei Bauvergaben über 100.000 €; kleinere Kommunen wünschen eine Probephase von zwei Jahren.", 22, 5, 7),
    ("Zukunftswerkstatt", date(2026, 6, 10), "Kulturhaus Borsdorf", 52, 6, "TOP 1: Partheland-App", "Galerie mit Punktabfrage", "Die Partheland-App soll die zentrale Bürgerplattform werden: Nachrichten, Veranstaltungen und Mängelmelder in einer App. Gewünscht werden eine Barrierefreiheitsprüfung und ein Pilotbetrieb vor der Ausweitung.", 41, 3, 8),
    ("Zukunftswerkstatt", date(2026, 6, 10), "Kulturhaus Borsdorf", 52, 4, "TOP 2: Wanderwege", "Kartenarbeit in Kleingruppen", "Ein Wanderwegekonzept mit einheitlicher Beschilderung verbindet Parthenaue, Störmthaler See und Colditzer Forst. Parthenstein übernimmt die Federführung für den LEADER-Antrag.", 45, 1, 6),
    ("Strategiewerkstatt", date(2026, 9, 16), "Rittergut Großpösna", 38, 0, "TOP 1: Top-Ziel des Verbunds", "Punktabfrage", "Als wichtigstes Ziel wählt die Werkstatt die gemeinsame Erledigung von Pflichtaufgaben. Begründung: Fachkräftemangel und altersbedingte Abgänge treffen alle Verwaltungen zugleich.", 30, 2, 6),
    ("Strategiewerkstatt", date(2026, 9, 16), "Rittergut Großpösna", 38, 2, "TOP 2: Klimaschutzmanagement", "Pro-und-Contra-Runde", "Das Klimaschutzmanagement wird gemeinsam über die Kommunalrichtlinie beantragt; Brandis stellt den Antrag für alle. Kritisch gesehen wird der Eigenanteil nach Ende der Förderung.", 27, 6, 5),
    ("Strategiewerkstatt", date(2026, 9, 16), "Rittergut Großpösna", 38, None, "TOP 3: Verstetigung", "Bewertung der Strukturoptionen nach Kriterien", "Die Werkstatt empfiehlt, die Zusammenarbeit als kommunale Arbeitsgemeinschaft zu verstetigen und einzelne Aufgaben weiter per Zweckvereinbarung zu bündeln. Ein Zweckverband gilt derzeit als zu aufwendig.", 25, 4, 9),
)
LEGAL_FRAMEWORK = (
    ("§ 2 SächsKomZG", "Formen der kommunalen Zusammenarbeit in Sachsen.", "Fünf Formen stehen zur Wahl; die Kooperation braucht eine passende Form für die Verstetigung."),
    ("§§ 3–35 SächsKomZG (Verwaltungsverband)", "Verwaltungsverband als Körperschaft.", "Seit 17.11.2012 keine Neubildung oder Erweiterung mehr möglich."),
    ("§§ 36–43 SächsKomZG (Verwaltungsgemeinschaft)", "Erfüllende Gemeinde nimmt Aufgaben der Mitglieder wahr.", "VG Naunhof besteht für Naunhof, Belgershain, Parthenstein; nicht erweiterbar."),
    ("§ 44 ff. SächsKomZG (Zweckverband)", "Zweckverband mit eigener Rechtspersönlichkeit und Umlage.", "Für eine dauerhafte gemeinsame Einrichtung denkbar, aber aufwendig."),
    ("§ 71 Abs. 1 SächsKomZG", "Delegierende Zweckvereinbarung: Zuständigkeit geht über.", "Grundlage des zentralen Gewerbeamts in Naunhof."),
    ("§ 71 Abs. 2 SächsKomZG", "Mandatierende Zweckvereinbarung: Erledigung im Namen der Gemeinde.", "Geeignet für Vergabestelle, IT, Datenschutz, Personalverwaltung."),
    ("Kommunale Arbeitsgemeinschaft (SächsKomZG)", "Vertrag zur Abstimmung von Planungen ohne Aufgabenübertragung.", "Leichter Rahmen für Lenkungsgruppe und gemeinsame Strategie."),
    ("§ 74 Abs. 1 SächsKomZG", "Zuständige Rechtsaufsichtsbehörde für Genehmigungen.", "Für kreisangehörige Gemeinden genehmigt der Landkreis Leipzig."),
    ("§ 28 SächsGemO", "Zuständigkeit des Gemeinderats.", "Jede Kooperationsvereinbarung braucht Ratsbeschlüsse in allen Kommunen."),
    ("§ 39 SächsGemO", "Beschlussfassung; Stimmengleichheit bedeutet Ablehnung.", "Bei knappen Mehrheiten früh informieren."),
    ("VVK und ANBest-K", "Zuwendungen an kommunale Körperschaften.", "Gilt für alle Landesförderungen der Maßnahmen."),
)
SUB_STRATEGIES = (
    (0, "Pflichtaufgaben gemeinsam sichern", "Zweckvereinbarungen für Gewerbeamt, Vergabe, Datenschutz", "alle", "LG-2026-04 vom 14.10.2026"),
    (1, "Wohn-, Wirtschafts- und Schulstandorte abstimmen", "Gemeinsame Flächen- und Schulnetzplanung", "BOR, BRA, NAU", "LG-2026-05 vom 14.10.2026"),
    (2, "Klimaneutrale Verwaltung bis 2040", "Klimaschutzmanagement, Energiemanagement", "alle", ""),
    (3, "Kultur und Bibliotheken vernetzen", "Bibliotheksverbund, gemeinsamer Kalender", "BOR, BRA, GRP, NAU", "LG-2026-06 vom 14.10.2026"),
    (4, "Partheland als Naherholungsregion vermarkten", "Wanderwege, Radwege, Seen", "alle", ""),
    (6, "Eine Stimme nach außen", "Marke Partheland, App, Newsletter", "alle", "LG-2026-07 vom 14.10.2026"),
)
MISSION_STATEMENT = (
    (0, "Das Partheland ist ein lebenswerter Verbund von {n} Kommunen zwischen Leipzig und dem Muldental."),
    (0, "Wir nutzen die Stärken jeder Kommune, um die ganze Region zu entwickeln."),
    (1, "Wir arbeiten als gleichberechtigte Partner zusammen; jede Kommune bleibt selbstständig."),
    (1, "Aufgaben, die gemeinsam besser gelingen, erledigen wir gemeinsam."),
    (2, "Bürgerinnen und Bürger erhalten schnelle, digitale und verlässliche Verwaltungsleistungen."),
    (2, "Wir beteiligen die Menschen im Partheland aktiv an der Entwicklung ihrer Region."),
)
# (Ziel-Nr., topic, Ziel, Indikator, Ausgangswert, Zielwert, Zieljahr, Kennzahl, Richtung)
GOALS = (
    ("Z1", 0, "Pflichtaufgaben gemeinsam sichern", "Aufgaben per Zweckvereinbarung", 1, 5, 2030, None, "steigen"),
    ("Z2", 0, "Fachkräfte gewinnen und halten", "Unbesetzte Stellen (VZÄ) im Verbund", 14, 5, 2029, "unbesetzte Stellen VZÄ", "sinken"),
    ("Z3", 1, "Wohn-, Wirtschafts- und Schulstandorte abgestimmt entwickeln", "Abgestimmte Planungen", 0, 3, 2028, None, "steigen"),
    ("Z4", 2, "CO₂-Ausstoß der kommunalen Liegenschaften senken", "t CO₂ pro Jahr", 4200, 3000, 2030, None, "sinken"),
    ("Z5", 2, "Natur und Stadtgrün schützen", "Kommunen mit Baumschutzsatzung", 2, 6, 2028, None, "steigen"),
    ("Z6", 3, "Kultur und Bibliotheken vernetzen", "Entleihungen im Bibliotheksverbund", 60000, 80000, 2028, None, "steigen"),
    ("Z7", 4, "Rad- und Wanderwege durchgängig machen", "km ausgeschilderte Wege", 85, 140, 2029, None, "steigen"),
    ("Z8", 4, "Das Partheland als Marke für Naherholung etablieren", "Übernachtungen pro Jahr", 120000, 150000, 2030, None, "steigen"),
    ("Z9", 6, "Bürgerinnen und Bürger digital informieren und beteiligen", "Nutzer der Partheland-App", 0, 5000, 2028, None, "steigen"),
    ("Z10", 5, "Fördermittel gemeinsam einwerben", "Bewilligte Fördermittel (€)", 1_200_000, 5_000_000, 2029, "Fördermittel bewilligt", "steigen"),
    ("Z11", 1, "ÖPNV-Anbindung zwischen den Ortsteilen verbessern", "Ortsteile mit Stundentakt", 9, 20, 2030, None, "steigen"),
)
# (Element, Art, Zielgruppe, Verantwortlich, Termin, Botschaft, Kanal, Rhythmus, Budget)
COMMUNICATION = (
    ("Logo und Corporate Design", "CI", "alle Kommunen", "Lenkungsgruppe", "07/2020", "Sechs Kommunen, ein Auftritt: das Partheland.", "Briefbogen, Website, Beschilderung", "einmalig", 12_000),
    ("Gestaltungshandbuch Partheland", "CI", "Verwaltungen", "Projektbüro", "Q1/2027", "So sieht das Partheland aus – in jeder Verwaltung gleich.", "Intranet", "einmalig", 4_500),
    ("Website partheland.de", "Kanal", "Öffentlichkeit", "Projektbüro", "2026", "Alles über die Zusammenarbeit an einem Ort.", "Website", "laufend", 6_000),
    ("Newsletter Partheland", "Kanal", "Bürgerinnen und Bürger", "Gemeinde Belgershain", "01/2027", "Was die Kooperation diesen Monat für Sie erreicht hat.", "E-Mail", "monatlich", 2_400),
    ("Partheland-App", "Kanal", "Bürgerinnen und Bürger", "Stadt Brandis", "Q4/2027", "Ihre Verwaltung in der Hosentasche.", "App", "laufend", 15_000),
    ("Partheland-Tag", "Veranstaltung", "Öffentlichkeit", "Lenkungsgruppe", "2027", "Die Region feiert ihre Zusammenarbeit.", "Fest im Wechsel der Kommunen", "jährlich", 18_000),
    ("Jahresbericht der Kooperation", "Publikation", "Gemeinderäte", "Projektbüro", "Q1/2027", "Was wir gemeinsam geschafft haben und was als Nächstes kommt.", "Ratsinformationssystem, Amtsblätter", "jährlich", 3_000),
    ("Pressemitteilungen", "Kanal", "Presse", "Projektbüro", "2026", "Konkrete Ergebnisse statt Absichtserklärungen.", "Presseverteiler", "anlassbezogen", None),
)
# (id, name, funder, authority, rate (number, or text as typed), topic, deadline, remark);
# Höchstbetrag per application and Status: PROGRAMME_CAPS / PROGRAMME_STATUS (else by deadline).
PROGRAMMES = (
    ("FP01", "LEADER – LAG Leipziger Muldenland", "EU", "LAG / Landratsamt Landkreis Leipzig", "80 %", 1, date(2027, 1, 31), "BOR, BRA, NAU, PAR (und MAC); Quote laut LES"),
    ("FP02", "LEADER – LAG Südraum Leipzig", "EU", "LAG / Landratsamt Landkreis Leipzig", 80, 4, date(2027, 2, 28), "GRP, BEL"),
    ("FP03", "Regionalbudget (Kleinprojekte bis 20.000 €)", "Bund", "LAG", 80, 3, date(2027, 1, 15), "Projektkosten höchstens 20.000 €"),
    ("FP04", "Vitale Dorfkerne und Ortszentren im ländlichen Raum", "Land", "SMIL über die LAG", 75, 1, date(2027, 4, 30), "jährlicher Aufruf"),
    ("FP05", "FR-Regio (Förderrichtlinie Regionalentwicklung)", "Land", "Regionaler Planungsverband / LDS", 75, 0, date(2027, 10, 30), "Projekte bis 30.10. des Vorjahres melden"),
    ("FP06", "Städtebauförderung – Lebendige Zentren", "Bund", "SAB", 66.67, 1, None, "Bonus für interkommunale Kooperation"),
    ("FP07", "Kommunalrichtlinie (NKI)", "Bund", "ZUG", 70, 2, None, "Klimaschutzkonzept und -management"),
    ("FP08", "Schulinfrastrukturverordnung (SchulInfraVO)", "Land", "SAB", 60, 1, None, "Gesamtkosten ab 100.000 €"),
    ("FP09", "FRL KStB (Kommunaler Straßen- und Brückenbau)", "Land", "LASuV", 75, 4, None, "Radwege bis 100 %"),
    ("FP10", "RLFw (Feuerwehrförderung)", "Land", "Landratsamt Landkreis Leipzig", None, 0, date(2026, 12, 31), "Festbeträge; Prioritätenliste des Landkreises"),
    ("FP11", "Kulturraum Leipziger Raum", "Sonstige", "Kulturkonvent", 50, 3, date(2027, 2, 15), "jährliche Antragstellung"),
    ("FP12", "hochdrei – Stadtbibliotheken verändern", "Bund", "Kulturstiftung des Bundes", 91, 3, None, "Partheland-Bibliotheken: 123.000 € von 135.000 €"),
    ("FP13", "Sportförderrichtlinie (Sport-FRL)", "Land", "SAB", 50, 1, None, "überdachte Anlagen bis 50 %"),
    ("FP14", "EFRE Nachhaltige integrierte Stadtentwicklung", "EU", "SAB", 60, 2, date(2027, 5, 31), "GIHK erforderlich"),
    ("FP15", "Modellprojekte Smart Cities", "Bund", "KfW", 65, 6, date(2021, 3, 14), "Staffel 1 seit 2019; für neue Teilnehmer geschlossen"),
    ("FP16", "DAS – Anpassung an den Klimawandel", "Bund", "ZUG", 80, 2, date(2027, 9, 30), "zweistufig: Skizze, dann Antrag"),
)
PROGRAMME_CAPS = {"FP01": 500_000, "FP03": 16_000, "FP04": 300_000, "FP11": 25_000, "FP12": 125_000}
PROGRAMME_STATUS = {"FP15": "geschlossen"}  # Staffel 1 closed for new members since 2021
# Every legal form of domain.md §3 (plus Verein and GmbH), evaluated against CRITERIA.
STRUCTURE_OPTIONS = (
    ("Kommunale Arbeitsgemeinschaft Partheland", "kommunale Arbeitsgemeinschaft", "Leicht zu gründen, keine Aufgabenübertragung, politisch bindend", "Rechtlich wenig bindend, kein eigenes Budget", 4, "ja"),
    ("Zweckvereinbarungen je Aufgabe", "Zweckvereinbarung", "Bewährt (Gewerbeamt), passgenau je Aufgabe", "Viele Einzelverträge, Genehmigung nötig", 4, "nein"),
    ("Zweckverband Partheland", "Zweckverband", "Eigene Rechtspersönlichkeit, Personal und Haushalt", "Aufwendige Gründung, Umlage, Satzung", 2, "nein"),
    ("Verwaltungsverband", "Verwaltungsverband", "Starke Bündelung", "Neubildung seit 17.11.2012 nicht möglich", 1, "nein"),
    ("Erweiterte Verwaltungsgemeinschaft Naunhof", "Verwaltungsgemeinschaft", "Besteht bereits für Naunhof, Belgershain und Parthenstein", "Seit 17.11.2012 nicht erweiterbar", 1, "nein"),
    ("Kooperationsvertrag", "öffentlich-rechtlicher Vertrag", "Keine Genehmigung nötig", "Nur Absichtserklärung", 3, "nein"),
    ("Partheland e. V.", "Verein", "Offen für Vereine und Unternehmen, Spenden möglich", "Keine hoheitlichen Aufgaben, Ehrenamt trägt die Arbeit", 2, "nein"),
    ("Partheland Regionalmanagement GmbH", "GmbH", "Professionelles Management, wirtschaftlich handlungsfähig", "Gesellschaftsrecht, Haftung, keine hoheitlichen Aufgaben", 2, "nein"),
)
# (Kriterium, Gewicht in %, Beschreibung); the weights add up to 100.
CRITERIA = (
    ("Rechtliche Bindung", 25, "Wie verlässlich bindet die Form die Mitglieder?"),
    ("Aufwand der Gründung", 20, "Verträge, Satzungen, Genehmigungen, Zeitbedarf."),
    ("Steuerung durch die Räte", 20, "Wie stark bleiben die Gemeinderäte am Zug?"),
    ("Förderfähigkeit", 20, "Erfüllt die Form die Voraussetzungen der Förderprogramme (FR-Regio)?"),
    ("Kosten im Betrieb", 15, "Laufender Aufwand für Personal, Gremien und Umlage."),
)
# Points 1–5 per option (in STRUCTURE_OPTIONS order) and criterion (in CRITERIA order).
STRUCTURE_POINTS = (
    (3, 5, 5, 4, 5),
    (4, 3, 4, 4, 4),
    (5, 1, 3, 4, 2),
    (5, 1, 2, 3, 2),
    (4, 1, 2, 3, 3),
    (2, 5, 4, 3, 5),
    (2, 4, 2, 2, 4),
    (4, 2, 1, 3, 2),
)
# (Meilenstein, Termin, Verantwortlich, Status, Bezug: measure/application "<prefix>-<code>-<nn>")
SCHEDULE = (
    ("Kooperationsvereinbarung in allen Räten beschlossen", date(2026, 6, 30), "Bürgermeister", "erledigt", None),
    ("Strategiewerkstatt durchgeführt", date(2026, 9, 16), "Projektbüro", "erledigt", None),
    ("Entwurf Maßnahmenkatalog an die Lenkungsgruppe", date(2026, 10, 31), "Projektbüro", "erledigt", None),
    ("Antrag Klimaschutzmanagement (Kommunalrichtlinie) eingereicht", date(2026, 10, 15), "Stadt Brandis", "erledigt", "FA-BRA-03"),
    ("Zweckvereinbarung Datenschutz unterschriftsreif", date(2026, 11, 15), "Stadt Naunhof", "verzögert", "M-NAU-02"),
    ("LEADER-Antrag Wanderwegekonzept eingereicht", date(2027, 1, 31), "Gemeinde Parthenstein", "in Arbeit", "FA-PAR-01"),
    ("Ratsbeschlüsse zur kommunalen Arbeitsgemeinschaft", date(2027, 3, 31), "Bürgermeister", "offen", None),
    ("Pilotbetrieb Partheland-App", date(2027, 4, 30), "Stadt Brandis", "offen", "M-BRA-02"),
    ("Fortschrittsbericht 2027 an die Räte", date(2027, 6, 30), "Lenkungsgruppe", "offen", None),
    ("Gründung der kommunalen Arbeitsgemeinschaft", date(2027, 7, 1), "Lenkungsgruppe", "offen", None),
)
CHANGE_MANAGEMENT = (
    ("Informationsveranstaltung für alle Beschäftigten", "Beschäftigte", date(2026, 10, 20), "Projektbüro", "erledigt"),
    ("Schulung Zweckvereinbarungen für Amtsleitungen", "Amtsleitungen", date(2027, 2, 10), "Stadt Naunhof", "offen"),
    ("Personalrat frühzeitig einbinden", "Personalräte", date(2026, 11, 10), "Bürgermeister", "erledigt"),
    ("Hospitationen zwischen den Verwaltungen", "Sachbearbeitung", date(2027, 3, 15), "Hauptämter", "offen"),
    ("Intranet-Seite zur Kooperation", "Beschäftigte", date(2027, 1, 15), "Stadt Brandis", "offen"),
)

# The project office's assessments (Verbund › Bewertungen):
# (Dokument, Abschnitt, Kürzel, Text, Stand, Verfasst von)
ASSESSMENTS = (
    ("Phase 1", "zusammenfassung", None, "Die Verwaltungen des Partheland sind klein und spezialisiert zugleich: Jede hat Stärken, die den Nachbarn fehlen. Der größte gemeinsame Engpass ist das Personal; hier liegt der größte Nutzen der Zusammenarbeit.", date(2026, 11, 20), "Projektbüro Partheland"),
    ("Phase 1", "swot", None, "Die SWOT-Analyse zeigt ein klares Muster: Was die eine Kommune stark macht (Vergabestelle in Brandis, Gewerbeamt in Naunhof), ist anderswo eine Lücke. Diese Paare sind die ersten Kandidaten für Zweckvereinbarungen.", date(2026, 11, 20), "Projektbüro Partheland"),
    ("Phase 4", "quickwins", None, "Die Quick Wins sind bewusst klein gewählt: Sie kosten wenig, brauchen keinen Förderbescheid und zeigen den Räten schon im ersten Jahr, dass die Zusammenarbeit trägt.", date(2026, 11, 20), "Projektbüro Partheland"),
    ("Phase 5", "antraege", None, "Die Förderquote ist für eine junge Kooperation gut. Engpass sind nicht die Programme, sondern die Eigenanteile der kleineren Kommunen; ein gemeinsamer Fördermittellotse würde hier am meisten helfen.", date(2026, 11, 20), "Projektbüro Partheland"),
    ("Phase 6", "strukturoptionen", None, "Die kommunale Arbeitsgemeinschaft ist der passende nächste Schritt: schnell gegründet, ohne Aufgabenübertragung, und offen für spätere Zweckvereinbarungen je Aufgabe. Einen Zweckverband empfehlen wir erst, wenn gemeinsames Personal dauerhaft angestellt werden soll.", date(2026, 11, 20), "Projektbüro Partheland"),
    ("Kommunalprofil", "vergleich", "BRA", "Brandis trägt als federführende Stadt überdurchschnittlich viele Maßnahmen. Die eigene Vergabestelle ist ein Angebot an die Region, das in der Zweckvereinbarung zur Vergabe genutzt werden sollte.", date(2026, 11, 20), "Projektbüro Partheland"),
)
