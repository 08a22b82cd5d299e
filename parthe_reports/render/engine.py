"""Fill a Word template with a context: docxtpl with autoescaping and a strict variable check."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from parthe_reports.paths import WORD_TEMPLATES
from parthe_reports.render.images import ChartImage, NativeChart
from parthe_reports.render.layout import fit_tables, keep_small_tables_together, settle_sections
from parthe_reports.render.styles import StyleBook
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


class _CompilingOnceEnvironment(Environment):
    """Compiles each template source once per process.

    docxtpl compiles every XML part (body, headers, footers, core properties) of every
    document anew with ``from_string`` (≈ 35 ms a document), though a template's parts are
    the same for every document rendered from it. Keyed by the source text itself (and the
    autoescape flag docxtpl sets), so a changed template file can never meet a stale entry.
    A compiled template is immutable and may be rendered by several threads at once;
    ``lru_cache`` is thread-safe.
    """

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: Callable[[bool, str], Template] = lru_cache(maxsize=256)(
            self._compile_source
        )

    def _compile_source(self, autoescape: bool, source: str) -> Template:
        return super().from_string(source)

    def from_string(  # type: ignore[override]
        self, source: str, globals: Any = None, template_class: Any = None
    ) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        return self._compiled(bool(self.autoescape), source)


_RENDER_ENV = _CompilingOnceEnvironment()


@lru_cache(maxsize=256)
def _patched(src_xml: str) -> str:
    # docxtpl's patch_xml (≈ 10 ms a document) is a pure function of the part's XML text.
    return str(DocxTemplate.patch_xml(None, src_xml))


class _Template(DocxTemplate):
    """docxtpl with each part's patched source and compiled template kept per process."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)

    def resolve_listing(self, xml: str) -> str:
        # docxtpl's pass (three nested regex walks, ≈ 3 ms a Kommunalprofil) only replaces
        # tab, BEL, newline and form feed characters: without any, it returns its input.
        if not any(c in xml for c in _LISTING_CHARACTERS):
            return xml
        return str(super().resolve_listing(xml))


_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")


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
    tpl = _Template(str(path))
    env = _RENDER_ENV
    missing = missing_variables(path, context)
    if missing:
        raise TemplateContextError(f"{path.name}: Kontext ohne {', '.join(sorted(missing))}")
    full = {**title_page_defaults(context), **context}
    ctx = {k: _materialise(tpl, v) for k, v in full.items()}
    tpl.render(ctx, jinja_env=env, autoescape=True)
    styles = StyleBook(tpl.docx)  # once: python-docx's style lookups walk every style
    settle_sections(tpl.docx, styles)
    fit_tables(tpl.docx, styles)
    keep_small_tables_together(tpl.docx)
    fill_toc(tpl.docx, styles=styles)
    set_core_properties(tpl.docx, full, styles)
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
