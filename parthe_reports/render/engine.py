"""Fill a Word template with a context: docxtpl with autoescaping and a strict variable check."""

from __future__ import annotations

import io
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from parthe_reports.paths import WORD_TEMPLATES
from parthe_reports.render.images import ChartImage, NativeChart
from parthe_reports.render.layout import fit_tables, keep_small_tables_together, settle_sections
from parthe_reports.render.titlepage import (
    TITLE_PAGE_KEYS,
    set_core_properties,
    title_page_defaults,
)
from parthe_reports.render.toc import fill_toc


class TemplateContextError(ValueError):
    """The context does not supply every variable the template uses."""


def _environment() -> Environment:
    # Autoescape: cell text is content, never markup. StrictUndefined: a misspelt key fails
    # loudly in tests instead of printing an empty cell.
    return Environment(autoescape=True, undefined=StrictUndefined)


def template_path(name: str, template_dir: Path | None = None) -> Path:
    """Path of a template by name (file stem), e.g. ``Phase4_Massnahmenkatalog``."""
    return (template_dir or WORD_TEMPLATES) / f"{name}.docx"


def template_variables(path: Path) -> set[str]:
    """Every top-level variable a template uses."""
    st = path.stat()
    return set(_variables(str(path), st.st_mtime_ns, st.st_size))


@lru_cache(maxsize=64)
def _variables(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    # Parsing the template for its variables costs ≈ 35 ms: once per template (and per
    # change of the file), not once per document.
    return frozenset(DocxTemplate(path).get_undeclared_template_variables(_environment()))


def missing_variables(path: Path, context: dict[str, Any]) -> set[str]:
    """Variables the template uses that ``context`` does not supply (the title-page
    variables have defaults, see ``titlepage``)."""
    return template_variables(path) - set(context) - set(TITLE_PAGE_KEYS)


# python-docx parses with one module-level lxml parser (its custom element classes hang on
# it); lxml parsers must not be used from several threads at once: under a thread pool
# (Prefect's default runner, Dask workers) concurrent renders sporadically got plain
# elements ("'_Element' object has no attribute 'tbl_lst'"). Rendering is CPU-bound, so
# threads gained nothing anyway: a run renders in worker processes (pipeline/pool.py).
RENDER_LOCK = threading.Lock()


def render_docx(path: Path, context: dict[str, Any], out_path: Path) -> Path:
    """Render template ``path`` with ``context`` to ``out_path`` (exactly that file)."""
    with RENDER_LOCK:
        return _render_docx(path, context, out_path)


def _render_docx(path: Path, context: dict[str, Any], out_path: Path) -> Path:
    tpl = DocxTemplate(str(path))
    env = _environment()
    missing = missing_variables(path, context)
    if missing:
        raise TemplateContextError(f"{path.name}: Kontext ohne {', '.join(sorted(missing))}")
    full = {**title_page_defaults(context), **context}
    ctx = {k: _materialise(tpl, v) for k, v in full.items()}
    tpl.render(ctx, jinja_env=env, autoescape=True)
    settle_sections(tpl.docx)
    fit_tables(tpl.docx)
    keep_small_tables_together(tpl.docx)
    fill_toc(tpl.docx)
    set_core_properties(tpl.docx, full)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(str(out_path))
    return out_path


def _materialise(tpl: DocxTemplate, value: Any) -> Any:
    if isinstance(value, ChartImage):
        return InlineImage(tpl, io.BytesIO(value.png), width=Cm(value.width_cm))
    if isinstance(value, NativeChart):
        return value.inline(tpl)
    return _protect(value)


# docxtpl turns "{_{", "}_}", "{_%", "%_}" in the rendered XML back into "{{" … (its escape
# for literal tags in templates). Cell text must survive unchanged: write the underscore as
# a character reference there, which the XML parser reads back as "_".
_DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


def _protect(value: Any) -> Any:
    if isinstance(value, str):
        if "_" in value and any(e in value for e in _DOCXTPL_ESCAPES):
            out = str(escape(value))
            for e in _DOCXTPL_ESCAPES:
                out = out.replace(e, e.replace("_", "&#95;"))
            return Markup(out)
        return value
    if isinstance(value, dict):
        return {k: _protect(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_protect(v) for v in value]
    return value
