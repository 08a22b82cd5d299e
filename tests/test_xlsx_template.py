"""Tests of the Excel templates generated from the schema."""

from __future__ import annotations

import subprocess
import uuid
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from parthe_reports.paths import REGIONAL_WORKBOOK
from parthe_reports.region import Region, load_region
from parthe_reports.schema import (
    GUIDE_SHEET,
    META_CODE,
    META_EXAMPLE,
    META_KIND,
    META_REGION,
    META_SCHEMA_VERSION,
    META_SHEET,
    META_TEMPLATE_VERSION,
    MUNICIPAL,
    REGIONAL,
    SCHEMA_VERSION,
    TEMPLATE_VERSION,
    Column,
    ColumnType,
    WorkbookKind,
    vocabulary_values,
)
from parthe_reports.workbooks.template import (
    LISTS_SHEET,
    fill_by_header,
    write_templates,
    write_workbook,
)


@pytest.fixture(scope="module")
def region() -> Region:
    return load_region()


@pytest.fixture(scope="module")
def templates(region: Region, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_templates(region, tmp_path_factory.mktemp("vorlagen"))


def _kind_of(path: Path) -> WorkbookKind:
    return REGIONAL if path.name == REGIONAL_WORKBOOK.name else MUNICIPAL


def _dropdown_values(wb: Workbook, ws: Worksheet, column: int) -> list[str] | None:
    """Values of the list validation covering row 2 of ``column`` (None: no list)."""
    letter = ws.cell(2, column).column_letter
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and f"{letter}2" in dv.sqref:
            sheet_ref, cells = dv.formula1.split("!")
            lists = wb[sheet_ref.strip("'")]
            return [str(c.value) for (c,) in lists[cells.replace("$", "")]]
    return None


def _validation(ws: Worksheet, column: int) -> object | None:
    letter = ws.cell(2, column).column_letter
    return next((dv for dv in ws.data_validations.dataValidation if f"{letter}2" in dv.sqref), None)


def test_one_template_per_municipality_and_one_regional(templates: list[Path]) -> None:
    """It writes <Kürzel>.xlsx for each municipality and verbund.xlsx, as the example data."""
    assert sorted(p.name for p in templates) == sorted(
        ["BOR.xlsx", "BRA.xlsx", "GRP.xlsx", "NAU.xlsx", "BEL.xlsx", "PAR.xlsx", "verbund.xlsx"]
    )
    assert all(p.stat().st_size > 0 for p in templates)


def test_every_sheet_and_column_of_the_schema(templates: list[Path]) -> None:
    """It has every sheet as a named table with the schema's German headers, guide first."""
    for path in templates:
        wb = load_workbook(path)
        kind = _kind_of(path)
        assert wb.sheetnames[0] == GUIDE_SHEET
        assert wb.sheetnames[1 : 1 + len(kind.sheets)] == [s.name for s in kind.sheets]
        for sheet in kind.sheets:
            ws = wb[sheet.name]
            assert [c.value for c in ws[1]] == [c.label for c in sheet.columns]
            assert list(ws.tables) == [sheet.table_name]
            assert ws.tables[sheet.table_name].ref.startswith("A1:")
            assert ws.freeze_panes == "A2"
            assert ws.cell(1, 1).font.bold


def test_required_columns_are_marked(templates: list[Path]) -> None:
    """It marks required columns with " *" and leaves optional ones unmarked."""
    ws = load_workbook(templates[0])["Maßnahmen"]
    headers = [c.value for c in ws[1]]
    assert "Maßnahmen-Nr. *" in headers and "Titel *" in headers
    assert "Beschreibung" in headers and "Beschreibung *" not in headers


def _list_columns(kind: WorkbookKind) -> list[tuple[str, int, Column]]:
    return [
        (s.name, i, c)
        for s in kind.sheets
        for i, c in enumerate(s.columns, start=1)
        if c.vocabulary or c.type is ColumnType.CODE
    ]


def test_dropdowns_on_vocabulary_topic_and_code_columns(
    templates: list[Path], region: Region
) -> None:
    """It puts a dropdown with the right values on every vocabulary, Themenbereich and Kürzel column."""
    for path in templates:
        wb = load_workbook(path)
        kind = _kind_of(path)
        columns = _list_columns(kind)
        assert columns
        for sheet_name, idx, col in columns:
            expected = (
                list(vocabulary_values(col, region)) if col.vocabulary else list(region.codes)
            )
            assert _dropdown_values(wb, wb[sheet_name], idx) == expected, (sheet_name, col.key)
        assert wb[LISTS_SHEET].sheet_state == "hidden"


def test_topic_dropdown_lists_the_seven_topics(templates: list[Path], region: Region) -> None:
    """It offers the region's seven Themenbereiche in the Verwaltung sheet."""
    wb = load_workbook(templates[0])
    ws = wb["Verwaltung"]
    assert _dropdown_values(wb, ws, 2) == list(region.topics)
    assert len(region.topics) == 7


def test_free_text_columns_have_no_dropdown(templates: list[Path]) -> None:
    """It puts no list on a free-text column (Bemerkung, Aufgabe)."""
    wb = load_workbook(templates[0])
    ws = wb["Verwaltung"]
    assert _dropdown_values(wb, ws, 1) is None
    assert _validation(ws, 8) is None


def test_code_list_columns_get_an_input_message(templates: list[Path]) -> None:
    """It explains a Kürzel-Liste column (comma separated or „alle“) without a list."""
    wb = load_workbook(templates[0])
    ws = wb["Maßnahmen"]
    idx = [c.value for c in ws[1]].index("Beteiligte") + 1
    dv = _validation(ws, idx)
    assert dv is not None and dv.type is None  # type: ignore[attr-defined]
    assert "Komma" in dv.prompt and "alle" in dv.prompt  # type: ignore[attr-defined]


def test_number_and_date_checks(templates: list[Path]) -> None:
    """It checks numbers against the schema's bounds and dates, with German messages."""
    wb = load_workbook(templates[0])
    ws = wb["Verwaltung"]
    digital = _validation(ws, 6)  # Digitalisierungsgrad 1–5
    assert digital.type == "whole"  # type: ignore[attr-defined]
    assert (digital.formula1, digital.formula2) == ("1", "5")  # type: ignore[attr-defined]
    assert "ganze Zahl" in digital.error  # type: ignore[attr-defined]
    assert str(digital.sqref) == "F2:F1000"  # type: ignore[attr-defined]
    ws = wb["Förderanträge"]
    submitted = _validation(ws, 8)
    assert submitted.type == "date" and "TT.MM.JJJJ" in submitted.error  # type: ignore[attr-defined]


def test_number_formats_per_type(templates: list[Path]) -> None:
    """It formats Betrag, Datum, Prozent and text columns for what the clerk types."""
    wb = load_workbook(templates[0])
    ws = wb["Förderanträge"]
    assert "€" in ws.column_dimensions["D"].number_format
    assert ws.column_dimensions["H"].number_format == "DD.MM.YYYY"
    assert wb["Infrastruktur"].column_dimensions["G"].number_format == "0%"
    assert wb["Maßnahmen"].column_dimensions["J"].number_format == "@"  # Zeitraum as text


def test_master_data_prefilled(templates: list[Path], region: Region) -> None:
    """It pre-fills Stammdaten with name, Kürzel, AGS as text, population and area."""
    ws = load_workbook(templates[1])["Stammdaten"]
    bra = region.municipality("BRA")
    assert templates[1].name == "BRA.xlsx"
    row = [c.value for c in ws[2]]
    assert row[:6] == ["Brandis", "BRA", "14729070", bra.population, None, bra.area_km2]
    assert isinstance(row[2], str)


def test_regional_template_has_no_master_data(templates: list[Path]) -> None:
    """It leaves the Verbund-Workbook's tables empty (header and one blank row)."""
    wb = load_workbook(templates[-1])
    assert "Stammdaten" not in wb.sheetnames
    ws = wb["Zeitplan"]
    assert all(c.value is None for c in ws[2])


def _stamp(path: Path) -> dict[str, str]:
    ws = load_workbook(path)[META_SHEET]
    rows = list(ws.values)
    assert rows[0] == ("Schlüssel", "Wert")
    return {str(k): str(v) for k, v in rows[1:]}


def test_stamp(templates: list[Path]) -> None:
    """It stamps kind, versions, Kürzel, example flag and region on a hidden sheet."""
    stamp = _stamp(templates[1])
    assert stamp == {
        META_KIND: "Kommunal-Workbook",
        META_TEMPLATE_VERSION: TEMPLATE_VERSION,
        META_SCHEMA_VERSION: SCHEMA_VERSION,
        META_CODE: "BRA",
        META_EXAMPLE: "nein",
        META_REGION: "Partheland",
    }
    regional = _stamp(templates[-1])
    assert regional[META_KIND] == "Verbund-Workbook" and regional[META_CODE] == "None"
    assert load_workbook(templates[1])[META_SHEET].sheet_state == "hidden"


def test_document_properties(templates: list[Path]) -> None:
    """It sets title, keywords and a fixed creation date."""
    props = load_workbook(templates[1]).properties
    assert props.title == "Kommunal-Workbook Stadt Brandis"
    assert "Partheland" in (props.keywords or "")
    assert props.created is not None and props.created.year == 2026


def test_guide_mentions_every_sheet_and_column(templates: list[Path]) -> None:
    """It explains every sheet and column in the Anleitung, with hand-in instructions."""
    for path in templates:
        ws = load_workbook(path)[GUIDE_SHEET]
        text = "\n".join(str(v) for row in ws.values for v in row if v)
        for sheet in _kind_of(path).sheets:
            assert f"Blatt „{sheet.name}“" in text
            for col in sheet.columns:
                assert col.label in text
        assert "Pflichtfeld" in text and ".ods" in text and "Projektbüro" in text
        assert "BEISPIELDATEN" not in text


def test_example_flag_in_guide_and_stamp(tmp_path: Path, region: Region) -> None:
    """It marks an example workbook in the stamp, the guide and the properties."""
    path = write_workbook(tmp_path / "x.xlsx", REGIONAL, region, example=True)
    assert _stamp(path)[META_EXAMPLE] == "ja"
    wb = load_workbook(path)
    assert "BEISPIELDATEN" in str(wb[GUIDE_SHEET]["A2"].value)
    assert "Beispieldaten" in (wb.properties.keywords or "")


def test_regeneration_gives_identical_files(tmp_path: Path, region: Region) -> None:
    """It writes byte-identical files when regenerated (fixed timestamps)."""
    a = write_workbook(tmp_path / "a.xlsx", MUNICIPAL, region, region.municipalities[0])
    b = write_workbook(tmp_path / "b.xlsx", MUNICIPAL, region, region.municipalities[0])
    c = write_workbook(tmp_path / "c.xlsx", MUNICIPAL, region, region.municipalities[1])
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_values_written_as_given(tmp_path: Path, region: Region) -> None:
    """It keeps typed text as text, dates as dates, numbers as numbers, percent as fraction."""
    rows = {
        "infrastructure": [
            {
                "object": "=Bauhof",
                "type": "Bauhof",
                "utilisation": 80,
                "investment_need": "12.500 €",
            }
        ],
        "funding_applications": [
            {"application_id": "FA-1", "programme_id": "FP01", "submitted_on": date(2026, 11, 25)}
        ],
    }
    path = write_workbook(tmp_path / "v.xlsx", MUNICIPAL, region, region.municipalities[0], rows)
    wb = CalamineWorkbook.from_path(str(path))
    infra = wb.get_sheet_by_name("Infrastruktur").to_python()
    assert infra[1][0] == "=Bauhof"  # text, not a formula
    assert infra[1][6] == pytest.approx(0.8)
    assert infra[1][7] == "12.500 €"
    apps = wb.get_sheet_by_name("Förderanträge").to_python()
    assert apps[1][7] == date(2026, 11, 25)
    ws = load_workbook(path)["Förderanträge"]
    assert ws["H2"].number_format == "DD.MM.YYYY"


def test_unknown_sheet_or_column_keys_are_refused(tmp_path: Path, region: Region) -> None:
    """It refuses rows for a sheet or column the workbook kind does not have."""
    with pytest.raises(KeyError, match="workshops"):
        write_workbook(tmp_path / "a.xlsx", MUNICIPAL, region, rows={"workshops": []})
    with pytest.raises(KeyError, match="colour"):
        write_workbook(tmp_path / "b.xlsx", MUNICIPAL, region, rows={"swot": [{"colour": 1}]})
    assert not (tmp_path / "a.xlsx").exists()


def test_fill_by_header_and_read_back(tmp_path: Path, region: Region) -> None:
    """It fills a template by header name (any column order) and reads the values back."""
    path = write_templates(region, tmp_path)[0]
    rows = [
        {"Kosten gesamt": 12500, "Titel": "Stellenbörse", "Maßnahmen-Nr. *": "M-BOR-01"},
        {"Beginn": "Q3/2027", "Maßnahmen-Nr.": "M-BOR-02", "Titel *": "Wanderwege"},
    ]
    fill_by_header(path, "Maßnahmen", rows)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Maßnahmen").to_python()
    header = sheet[0]
    got = [dict(zip(header, r, strict=True)) for r in sheet[1:]]
    assert got[0]["Maßnahmen-Nr. *"] == "M-BOR-01" and got[0]["Kosten gesamt"] == 12500
    assert got[1]["Titel *"] == "Wanderwege" and got[1]["Beginn"] == "Q3/2027"
    assert load_workbook(path)["Maßnahmen"].tables["tbl_measures"].ref == "A1:P3"


def test_fill_by_header_extends_table_and_validations(tmp_path: Path, region: Region) -> None:
    """It extends the table and the validations when more rows than covered are filled."""
    path = write_templates(region, tmp_path)[0]
    fill_by_header(path, "SWOT", [{"Aussage": f"Aussage {i}"} for i in range(1200)])
    ws = load_workbook(path)["SWOT"]
    assert ws.tables["tbl_swot"].ref == "A1:E1201"
    assert all(r.max_row >= 1201 for dv in ws.data_validations.dataValidation for r in dv.sqref)


def test_fill_by_header_rejects_unknown_header(tmp_path: Path, region: Region) -> None:
    """It refuses a header that the sheet does not have."""
    path = write_templates(region, tmp_path)[0]
    with pytest.raises(KeyError):
        fill_by_header(path, "SWOT", [{"Kategorie": "Stärke", "Farbe": "blau"}])


def _soffice(files: list[Path], fmt: str, out: Path) -> None:
    profile = f"file:///tmp/lo-{uuid.uuid4().hex}"
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt]
    subprocess.run(
        [*cmd, "--outdir", str(out), *map(str, files)],
        check=True,
        timeout=180,
        capture_output=True,
    )


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_converts_every_template(templates: list[Path], tmp_path: Path) -> None:
    """It opens in LibreOffice: each template converts to .ods and back with sheets and headers."""
    _soffice(templates, "ods", tmp_path)
    for path in templates:
        ods = tmp_path / f"{path.stem}.ods"
        assert ods.exists(), path.name
        wb = CalamineWorkbook.from_path(str(ods))
        kind = _kind_of(path)
        for sheet in kind.sheets:
            assert wb.get_sheet_by_name(sheet.name).to_python()[0][: len(sheet.columns)] == [
                c.label for c in sheet.columns
            ]
    back = tmp_path / "back"
    _soffice([tmp_path / "BRA.ods"], "xlsx", back)
    wb = load_workbook(back / "BRA.xlsx")
    assert list(wb["SWOT"].tables) == ["tbl_swot"]
    assert len(wb["SWOT"].data_validations.dataValidation) == 4
    assert wb["Stammdaten"]["C2"].value == "14729070"
