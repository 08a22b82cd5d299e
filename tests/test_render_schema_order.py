"""``schema_order`` adds w:keepNext and w:tcW exactly where python-docx would."""

from __future__ import annotations

import random

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from parthe_reports.render.layout import _cell_width, _keep_with_next
from parthe_reports.render.schema_order import PPR_SEQUENCE, TCPR_SEQUENCE


def _shuffled_children(tags: list[str], rng: random.Random) -> str:
    picked = rng.sample(tags, rng.randint(0, 6))
    if rng.random() < 0.5:
        picked.sort(key=tags.index)  # usually in schema order, sometimes not
    return "".join(f"<{t}/>" for t in picked)


def test_keep_with_next_writes_what_python_docx_writes():
    rng = random.Random(17)
    others = [t for t in PPR_SEQUENCE if t != "w:keepNext"]
    for _ in range(300):
        inner = _shuffled_children(others, rng)
        if rng.random() < 0.3:
            inner = '<w:keepNext w:val="0"/>' + inner
        ppr = f"<w:pPr>{inner}</w:pPr>" if rng.random() < 0.8 else ""
        xml = f"<w:p {nsdecls('w')}>{ppr}<w:r><w:t>x</w:t></w:r></w:p>"
        theirs, ours = parse_xml(xml), parse_xml(xml)
        theirs.get_or_add_pPr().keepNext_val = True
        _keep_with_next(ours)
        assert etree.tostring(ours) == etree.tostring(theirs), xml


def test_cell_width_writes_what_python_docx_writes():
    from docx.shared import Twips

    rng = random.Random(18)
    others = [t for t in TCPR_SEQUENCE if t != "w:tcW"]
    for _ in range(300):
        inner = _shuffled_children(others, rng)
        if rng.random() < 0.3:
            inner += '<w:tcW w:w="5" w:type="auto"/>'
        tc_pr = f"<w:tcPr>{inner}</w:tcPr>" if rng.random() < 0.8 else ""
        xml = f"<w:tc {nsdecls('w')}>{tc_pr}<w:p/></w:tc>"
        theirs, ours = parse_xml(xml), parse_xml(xml)
        w = rng.randint(100, 9000)
        theirs.width = Twips(w)
        _cell_width(ours, w)
        assert etree.tostring(ours) == etree.tostring(theirs), xml
