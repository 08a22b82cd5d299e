"""A rendered document's styles, read once per document.

python-docx's ``Paragraph.style`` finds the default paragraph style of every paragraph
without a ``w:pStyle`` by walking all styles and converting each one's type (≈ 25 ms a
document over the title page, the TOC's heading scan and the tables). ``StyleBook`` walks
them once and answers the same questions from dictionaries, with python-docx's rules.
"""

from __future__ import annotations

import re
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.styles.style import BaseStyle
from lxml.etree import _Element

_HEADING = re.compile(r"^Heading (\d)$")


class StyleBook:
    """Styles by id, the default paragraph style and heading levels of one document.

    Valid while the document's styles part is unchanged (rendering never changes it).
    """

    def __init__(self, doc: DocxDocument) -> None:
        styles = list(doc.styles)
        self.all = styles
        self.by_id = {s.style_id: s for s in styles}  # the last of a repeated id
        first: dict[str, BaseStyle] = {}
        for s in styles:
            first.setdefault(s.style_id, s)  # python-docx's lookup finds the first
        self._paragraph = {k: s for k, s in first.items() if s.type == WD_STYLE_TYPE.PARAGRAPH}
        self._default = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._levels: dict[int, int | None] = {}

    def paragraph_style(self, p: _Element) -> BaseStyle | None:
        """The style of paragraph ``p`` (a ``w:p``) as ``Paragraph.style`` gives it: its
        ``w:pStyle`` when that names a paragraph style, else the default paragraph style."""
        style_id = p.style  # CT_P: its w:pStyle's value
        found = self._paragraph.get(style_id) if style_id else None
        return found if found is not None else self._default

    def heading_level(self, p: _Element) -> int | None:
        """The n of the first „Heading n“ in the paragraph's style or the styles it is based on."""
        style = self.paragraph_style(p)
        if style is None:
            return None
        key = id(style)  # the book keeps each style object alive, so ids stay unique
        if key not in self._levels:
            self._levels[key] = _level(style)
        return self._levels[key]


def _level(style: Any) -> int | None:  # a ParagraphStyle (python-docx types it loosely)
    while style is not None:
        m = _HEADING.match(style.name or "")
        if m:
            return int(m.group(1))
        style = style.base_style
    return None
