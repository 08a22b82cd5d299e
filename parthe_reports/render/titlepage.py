"""Title page facts and core properties of every document, from ``[documents]`` in region.toml.

The context builders add ``title_page_context(region, generated)`` to every context; a
context without them (an older caller) gets the defaults derived from its region name,
so a template never fails for want of a title-page variable.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from docx.document import Document as DocxDocument

from parthe_reports import german as fmt
from parthe_reports.region import Region
from parthe_reports.render.images import ChartImage
from parthe_reports.render.styles import StyleBook

# The title-page variables every template uses (see authoring/templates.py).
TITLE_PAGE_KEYS = (
    "doc_client",
    "doc_members",
    "doc_author",
    "doc_status",
    "doc_funding",
    "doc_logo",
)


def status_line(status: str, generated: str) -> str:
    """„Entwurf (Stand 25.11.2026)“ or „Fassung vom 25.11.2026“."""
    if status == "Fassung":
        return f"Fassung vom {generated}"
    return f"{status} (Stand {generated})"


def title_page_context(region: Region, generated: date) -> dict[str, Any]:
    """Auftraggeber, Bearbeitung, status with date, funding notice and logo of the region."""
    cfg = region.documents
    full = fmt.plain(region.full_name or region.name)
    logo = None
    if cfg.logo is not None:
        logo = ChartImage(cfg.logo.read_bytes(), cfg.logo_width_cm)
    return {
        "doc_client": fmt.plain(cfg.client or full),
        "doc_members": fmt.join_de(fmt.plain(m.official_name) for m in region.municipalities),
        "doc_author": fmt.plain(cfg.author or f"Projektbüro {region.name}"),
        "doc_status": status_line(cfg.status, fmt.date_de(generated)),
        "doc_funding": fmt.plain(cfg.funding) if cfg.funding else "",
        "doc_logo": logo,
    }


def title_page_defaults(context: dict[str, Any]) -> dict[str, Any]:
    """The title-page variables from what every context has (region name, run date)."""
    name = str(context.get("region_name", ""))
    return {
        "doc_client": str(context.get("region_full_name", name)),
        "doc_members": "",
        "doc_author": f"Projektbüro {name}".strip(),
        "doc_status": status_line("Entwurf", str(context.get("generated", ""))),
        "doc_funding": "",
        "doc_logo": None,
    }


def set_core_properties(
    doc: DocxDocument, context: dict[str, Any], styles: StyleBook | None = None
) -> None:
    """Title, subject, author, keywords and dates of the rendered document (File › Properties)."""
    props = doc.core_properties
    book = styles or StyleBook(doc)
    head = [
        (style.name, " ".join(p.text.split()))
        for p in doc.paragraphs[:15]
        if (style := book.paragraph_style(p._p)) is not None and p.text.strip()
    ]
    names = [n for n, _t in head]
    if "Title" in names:
        at = names.index("Title")
        props.title = head[at][1]
        props.subject = next((t for n, t in head[at + 1 :] if n == "Subtitle"), props.subject)
    props.author = str(context.get("doc_author", "")) or props.author
    props.last_modified_by = props.author
    region = str(context.get("region_name", ""))
    words = [region, props.subject or "", "Interkommunale Zusammenarbeit"]
    props.keywords = "; ".join(w for w in words if w)
    props.comments = str(context.get("doc_status", ""))
    props.category = str(context.get("doc_client", ""))
    props.language = "de-DE"
    when = _parse_de(str(context.get("generated", "")))
    if when is not None:
        props.created = props.modified = when


def _parse_de(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%d.%m.%Y")
    except ValueError:
        return None
