"""Title page and document properties from ``[documents]`` in region.toml."""

from __future__ import annotations

import dataclasses
import io
import tomllib
from pathlib import Path

import docx
import pytest

from parthe_reports.paths import REGION_CONFIG
from parthe_reports.region import DocumentsConfig, load_region, region_from_dict
from parthe_reports.render import plan_documents
from parthe_reports.render.engine import render_docx, template_path
from parthe_reports.render.titlepage import title_page_context
from tests.test_render_fixtures import GENERATED, doc_text, example

FUNDING = "Gefördert durch den Freistaat Sachsen (FR-Regio)"


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "#1F4E5F").save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def job():
    c, ds, books = example()
    return next(
        j for j in plan_documents(c, ds, books, generated=GENERATED) if "Phase3" in j.template
    )


def test_region_toml_names_client_author_and_status():
    """It reads the shipped [documents] table: Lenkungsgruppe, project office, draft."""
    docs = load_region().documents
    assert docs.client.startswith("Lenkungsgruppe") and docs.author and docs.status == "Entwurf"


def test_a_wrong_status_or_a_missing_logo_is_refused(tmp_path):
    """It refuses a status other than Entwurf/Fassung and a logo file that is not there."""
    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="Entwurf"):
        region_from_dict({**raw, "documents": {"status": "final"}})
    with pytest.raises(ValueError, match=r"logo\.png"):
        region_from_dict({**raw, "documents": {"logo": "logo.png"}}, base_dir=tmp_path)


def test_the_title_page_carries_the_configured_facts(job, tmp_path):
    """It prints client, members, author, „Fassung vom …“, funding notice and the logo."""
    (tmp_path / "logo.png").write_bytes(_png())
    cfg = DocumentsConfig(
        "Lenkungsgruppe X", "Büro Y", "Fassung", tmp_path / "logo.png", 3.0, FUNDING
    )
    region = dataclasses.replace(load_region(), documents=cfg)
    ctx = {**job.context, **title_page_context(region, GENERATED)}
    out = render_docx(template_path(job.template), ctx, tmp_path / "a.docx")
    text = doc_text(out)
    for want in ("Auftraggeber: Lenkungsgruppe X", "Bearbeitung: Büro Y", FUNDING):
        assert want in text
    assert "Status: Fassung vom 25.11.2026" in text and "Stadt Brandis" in text
    assert "Version" not in text.split("Inhalt")[0]  # the version is in the appendix
    d = docx.Document(str(out))
    assert len(d.inline_shapes) == 1
    props = d.core_properties
    assert props.title == "Leitbild und Verbundziele" and props.subject.startswith("Phase 3")
    assert props.author == "Büro Y" and "Partheland" in props.keywords


def test_without_configuration_the_defaults_are_printed(job, tmp_path):
    """It prints a draft status and no funding notice or logo when nothing is configured."""
    region = dataclasses.replace(load_region(), documents=DocumentsConfig())
    ctx = {**job.context, **title_page_context(region, GENERATED)}
    out = render_docx(template_path(job.template), ctx, tmp_path / "b.docx")
    text = doc_text(out)
    assert "Auftraggeber: Interkommunaler Verbundraum Partheland" in text
    assert "Status: Entwurf (Stand 25.11.2026)" in text
    assert "Gefördert" not in text and not docx.Document(str(out)).inline_shapes


def test_a_context_without_title_page_facts_still_renders(job, tmp_path: Path):
    """It fills the title-page variables from the region name when the caller gave none."""
    ctx = {k: v for k, v in job.context.items() if not k.startswith("doc_")}
    out = render_docx(template_path(job.template), ctx, tmp_path / "c.docx")
    assert "Bearbeitung: Projektbüro Partheland" in doc_text(out)
