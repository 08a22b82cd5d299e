"""Column widths from the content: amounts, dates and IDs never narrower than themselves."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from parthe_reports.render.widths import (
    PADDING_PT,
    distribute,
    is_protected,
    measure,
    width_pt,
)
from tests.test_render_fixtures import rendered_example

AMOUNT = "1.450.000,00\u00a0€"


def test_amounts_dates_ids_and_kuerzel_are_protected_words_are_not():
    """It keeps amounts, dates, percentages, IDs and Kürzel whole; ordinary words may break."""
    for tok in (AMOUNT, "18.03.2026", "80\u00a0%", "M-BOR-05", "BRA", "Q3/2027"):
        assert is_protected(tok), tok
    for tok in ("Belgershain", "Fachkonzept", "Verwaltungsaufgaben", "und"):
        assert not is_protected(tok), tok


def test_a_column_is_never_narrower_than_its_longest_amount():
    """It gives the amount column at least the amount's width while text columns wrap."""
    text = ["Sanierung der Grundschule Panitzsch mit Erweiterung des Horts " * 3] * 5
    cols = [measure("Maßnahme", text, 8.5), measure("Kosten", [AMOUNT, "8.000,00\u00a0€"], 8.5)]
    widths = distribute(cols, 300.0)
    assert abs(sum(widths) - 300.0) < 0.5
    assert widths[1] >= width_pt(AMOUNT, 8.5) + PADDING_PT
    assert widths[0] > widths[1]


def test_too_little_room_squeezes_words_before_amounts():
    """It squeezes a column of long words below their width but keeps the amount whole."""
    words = ["Donaudampfschifffahrtsgesellschaft Kapitänswitwenrentenversicherung"] * 3
    cols = [measure("Text", words, 8.5), measure("Kosten", [AMOUNT], 8.5)]
    widths = distribute(cols, 130.0)
    assert widths[1] >= width_pt(AMOUNT, 8.5) + PADDING_PT
    assert widths[0] < width_pt("Kapitänswitwenrentenversicherung", 8.5)


def test_reference_columns_take_only_their_floor():
    """It keeps a „Quelle“ column narrow even when its cells are long."""
    refs = ["Brandis_Erhebung_2026_final.xlsx › Maßnahmen › 12"] * 4
    text = ["Ein längerer Satz über eine Maßnahme im Partheland"] * 4
    narrow = distribute([measure("Titel", text, 8.5), measure("Quelle", refs, 8.5, True)], 400.0)
    wide = distribute([measure("Titel", text, 8.5), measure("Quelle", refs, 8.5, False)], 400.0)
    assert narrow[1] < wide[1]


def _col_widths(table) -> list[int]:
    return [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_rendered_cost_columns_fit_their_longest_amount():
    """It sizes every „Kosten“ column of the catalogue to its widest amount (in twips)."""
    d = docx.Document(str(rendered_example()["Phase4_Massnahmenkatalog.docx"]))
    checked = 0
    for table in d.tables:
        heads = [c.text for c in table.rows[0].cells]
        for i, h in enumerate(heads):
            if not h.startswith("Kosten"):
                continue
            amounts = [r.cells[i].text for r in table.rows[1:]]
            need = max(width_pt(a, 8.5) for a in amounts) + PADDING_PT
            assert _col_widths(table)[i] >= need * 20, (heads, amounts)
            checked += 1
    assert checked >= 5


def test_tables_with_the_same_header_share_their_widths():
    """It gives the per-topic measure tables of one section identical column widths."""
    d = docx.Document(str(rendered_example()["Phase4_Massnahmenkatalog.docx"]))
    measures = [t for t in d.tables if t.rows[0].cells[0].text == "Nr." and len(t.columns) == 10]
    assert len(measures) >= 3
    assert len({tuple(_col_widths(t)) for t in measures}) == 1
    other = [t for t in d.tables if t.rows[0].cells[0].text == "Themenbereich"]
    assert other and _col_widths(other[0]) != _col_widths(measures[0])


def test_long_tokens_with_digits_may_wrap():
    """It lets a checksum wrap (not protected) so the date column beside it stays whole."""
    sha = "a86ea6ae6d23218b0fddb568fa8585e43a276baa19534fd29042bbac9c40901b"
    assert not is_protected(sha)
    cols = [measure("Stand", ["01.01.2026"], 8.5), measure("Prüfsumme SHA-256", [sha], 8.5)]
    widths = distribute(cols, 250.0)
    assert widths[0] >= width_pt("01.01.2026", 8.5) + PADDING_PT


def test_a_reference_column_gives_way_before_words():
    """It narrows the „Quelle“ column first when the words alone do not fit."""
    words = ["Verwaltungsaufgaben"] * 3
    refs = ["Brandis_Erhebung_2026_final.xlsx › Dokumente › 4"] * 3
    cols = [measure("Thema", words, 8.5), measure("Quelle", refs, 8.5, reference=True)]
    need = width_pt("Verwaltungsaufgaben", 8.5) * 1.02 + PADDING_PT
    sheet = width_pt("Dokumente", 8.5) * 1.02 + PADDING_PT  # sheet names stay whole
    widths = distribute(cols, need + sheet + 2)
    assert widths[0] >= need - 0.5 and sheet - 0.5 <= widths[1] < sheet + 3
