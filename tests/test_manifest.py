"""manifest.json: every output with kind, phase, municipality and SHA-256; inputs; versions."""

from __future__ import annotations

import hashlib
from pathlib import Path

from parthe_reports import manifest as mf
from parthe_reports import runs


def _run_with_files(tmp_path: Path) -> tuple[Path, list[mf.OutputEntry], list[mf.InputEntry]]:
    folder = runs.create_run_folder(tmp_path / "outputs")
    doc = runs.atomic_write_bytes(folder / "Phase1_Analyse.docx", b"docx bytes")
    prof = runs.atomic_write_bytes(folder / "Profil_BRA.docx", b"profile")
    pdf = runs.atomic_write_bytes(folder / "PDF" / "Phase1_Analyse.pdf", b"%PDF")
    wb = tmp_path / "BRA.xlsx"
    wb.write_bytes(b"workbook")
    outputs = [
        mf.output_entry(folder, doc, mf.OutputKind.PHASE_DOCUMENT, phase=1),
        mf.output_entry(folder, prof, mf.OutputKind.PROFILE, municipality="BRA"),
        mf.output_entry(folder, pdf, mf.OutputKind.PDF, phase=1, source=doc),
    ]
    inputs = [mf.InputEntry(str(wb), mf.sha256_file(wb), "BRA")]
    return folder, outputs, inputs


def test_manifest_lists_outputs_inputs_and_versions(tmp_path: Path) -> None:
    """It records kind, phase, municipality, relative path and SHA-256 of every output."""
    folder, outputs, inputs = _run_with_files(tmp_path)
    mf.write_manifest(folder, outputs, inputs, stichtag="2026-11-25")
    data = mf.read_manifest(folder)
    by_path = {o["path"]: o for o in data["outputs"]}
    assert sorted(by_path) == ["PDF/Phase1_Analyse.pdf", "Phase1_Analyse.docx", "Profil_BRA.docx"]
    assert by_path["Profil_BRA.docx"]["kind"] == "profile"
    assert by_path["Profil_BRA.docx"]["municipality"] == "BRA"
    assert by_path["Phase1_Analyse.docx"]["phase"] == 1
    assert by_path["Phase1_Analyse.docx"]["sha256"] == hashlib.sha256(b"docx bytes").hexdigest()
    assert by_path["PDF/Phase1_Analyse.pdf"]["source"] == "Phase1_Analyse.docx"
    assert data["inputs"] == [
        {
            "path": inputs[0].path,
            "sha256": hashlib.sha256(b"workbook").hexdigest(),
            "municipality": "BRA",
        }
    ]
    assert set(data["versions"]) == {"package", "workbook_template", "schema", "word_templates"}
    assert data["stichtag"] == "2026-11-25" and data["run"] == folder.name


def test_verify_detects_a_changed_document(tmp_path: Path) -> None:
    """It reports a document whose bytes no longer match the manifest, and none when intact."""
    folder, outputs, inputs = _run_with_files(tmp_path)
    mf.write_manifest(folder, outputs, inputs)
    assert mf.verify_manifest(folder) == []
    (folder / "Profil_BRA.docx").write_bytes(b"edited by hand")
    assert mf.verify_manifest(folder) == ["Profil_BRA.docx"]


def test_word_template_version_follows_template_bytes(tmp_path: Path) -> None:
    """It changes the template version when a Word template is restyled, not otherwise."""
    (tmp_path / "phase1.docx").write_bytes(b"v1")
    before = mf.word_templates_version(tmp_path)
    assert mf.word_templates_version(tmp_path) == before
    (tmp_path / "phase1.docx").write_bytes(b"v2")
    assert mf.word_templates_version(tmp_path) != before
