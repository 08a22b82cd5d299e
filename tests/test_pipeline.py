"""The run sequence without Prefect: partial failure, exit codes, manifest, run status."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from parthe_reports import manifest as mf
from parthe_reports import pipeline as core
from parthe_reports import runs
from parthe_reports.paths import INPUTS
from parthe_reports.pipeline import keys, sequence

STICHTAG = date(2026, 11, 25)


def docx_text(path: Path) -> str:
    """Paragraphs and table cells of a .docx, one per line."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def copy_inputs(dest: Path) -> Path:
    shutil.copytree(INPUTS, dest)
    return dest


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory) -> core.RunSummary:
    """One full core run on the example data with Borsdorf's workbook broken."""
    base = tmp_path_factory.mktemp("broken")
    inputs = copy_inputs(base / "inputs")
    (inputs / "kommunen" / "BOR.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return core.run(core.RunOptions(inputs=inputs, outputs=base / "out", stichtag=STICHTAG))


@pytest.mark.slow
def test_one_broken_workbook_does_not_stop_the_region(broken_run: core.RunSummary) -> None:
    """It renders every phase document although one workbook cannot be read, and exits 1."""
    assert broken_run.error is None and broken_run.failed_documents == {}
    phases = sorted(d for d in broken_run.documents if d.startswith("Phase"))
    assert len(phases) == 6
    assert broken_run.findings["BOR.xlsx"]["Fehler"] >= 1 or "BOR.xlsx" in broken_run.unreadable
    assert broken_run.exit_code == core.EXIT_INPUT_ERRORS


@pytest.mark.slow
def test_documents_name_the_missing_municipality(broken_run: core.RunSummary) -> None:
    """It says in the phase-1 document that Borsdorf's data is missing."""
    phase1 = next(d for d in broken_run.documents if d.startswith("Phase1"))
    text = docx_text(broken_run.run_folder / phase1)
    assert "Borsdorf lag kein auswertbarer Erhebungsbogen vor" in text


@pytest.mark.slow
def test_complete_run_has_manifest_status_and_pointer(broken_run: core.RunSummary) -> None:
    """It lists every file of the run in manifest.json with a matching SHA-256 and moves aktuell."""
    folder = broken_run.run_folder
    data = mf.read_manifest(folder)
    listed = {o["path"] for o in data["outputs"]}
    on_disk = {p.relative_to(folder).as_posix() for p in runs.list_outputs(folder)}
    assert (
        on_disk - {mf.MANIFEST} - {p for p in on_disk if p.startswith("Eingangsdaten/")} == listed
    )
    assert mf.verify_manifest(folder) == []
    kinds = {o["kind"] for o in data["outputs"]}
    assert {"phase_document", "profile", "pruefbericht", "annotated_workbook"} <= kinds
    assert "consolidated_workbook" in kinds
    assert len(data["inputs"]) == 7 and all(len(i["sha256"]) == 64 for i in data["inputs"])
    assert runs.read_run_json(folder)["status"] == runs.STATUS_COMPLETE
    assert runs.latest_complete_run(folder.parent) == folder
    assert not [p for p in folder.rglob("*") if ".part" in p.name]


@pytest.mark.slow
def test_a_failing_render_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It writes every other document when one render fails, exits 2 and keeps the pointer."""
    real = sequence.render_bytes

    def flaky(job: Any) -> bytes:
        if job.file_name.startswith("Phase3"):
            raise RuntimeError("Vorlage kaputt")
        return real(job)

    monkeypatch.setattr(sequence, "render_bytes", flaky)
    out = tmp_path / "out"
    summary = core.run(
        core.RunOptions(inputs=INPUTS, outputs=out, phases=(2, 3), stichtag=STICHTAG)
    )
    assert (
        list(summary.failed_documents)
        == [d for d in summary.failed_documents if d.startswith("Phase3")]
        and len(summary.failed_documents) == 1
    )
    assert any(d.startswith("Phase2") for d in summary.documents)
    assert (
        summary.run_folder / next(d for d in summary.documents if d.startswith("Phase2"))
    ).is_file()
    assert summary.exit_code == core.EXIT_FAILED
    assert runs.read_run_json(summary.run_folder)["status"] == runs.STATUS_FAILED
    assert runs.latest_complete_run(out) is None


def test_exit_codes() -> None:
    """It exits 0 when clean, 1 with Fehler in the input, 2 when a document or the run failed."""
    s = core.RunSummary(Path("x"), findings={"BRA": {"Fehler": 0, "Warnung": 2}})
    assert s.exit_code == 0
    s.findings["BOR"] = {"Fehler": 1}
    assert s.exit_code == 1
    s.failed_documents["Phase1.docx"] = "boom"
    assert s.exit_code == 2
    assert core.RunSummary(Path("x"), error="kaputt").exit_code == 2


def test_no_workbooks_is_a_failed_run(tmp_path: Path) -> None:
    """It fails the run (exit 2, status failed, no pointer) when the inputs folder is empty."""
    (tmp_path / "leer").mkdir()
    summary = core.run(core.RunOptions(inputs=tmp_path / "leer", outputs=tmp_path / "out"))
    assert summary.exit_code == core.EXIT_FAILED and "Keine Workbooks" in (summary.error or "")
    assert runs.read_run_json(summary.run_folder)["status"] == runs.STATUS_FAILED
    assert runs.latest_complete_run(tmp_path / "out") is None


def test_cache_keys_follow_content(tmp_path: Path) -> None:
    """It changes a workbook's read key when its bytes change, and only then."""
    wb = tmp_path / "BRA.xlsx"
    wb.write_bytes(b"one")
    k1 = keys.read_key(wb, "v")
    assert keys.read_key(wb, "v") == k1
    wb.write_bytes(b"two")
    assert keys.read_key(wb, "v") != k1
    assert keys.read_key(wb, "w") != keys.read_key(wb, "v")


def test_locked_file_raises_for_a_retry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It raises PermissionError (retryable) for a locked file instead of validating it."""
    from parthe_reports.region import load_region

    wb = tmp_path / "BRA.xlsx"
    wb.write_bytes(b"x")
    real_open = Path.open

    def locked(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == wb:
            raise PermissionError(13, "gesperrt", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    with pytest.raises(PermissionError):
        sequence.read_book(wb, load_region())
    monkeypatch.setattr(Path, "open", real_open)
    assert sequence.read_book(wb, load_region()) is not None


@pytest.mark.slow
@pytest.mark.libreoffice
def test_pdf_beside_its_document_in_the_manifest(tmp_path: Path) -> None:
    """It converts the documents to PDF/ and records each PDF with its document's phase."""
    summary = core.run(
        core.RunOptions(outputs=tmp_path / "out", phases=(3,), pdf=True, stichtag=STICHTAG)
    )
    assert summary.exit_code == core.EXIT_OK, summary.to_dict()
    pdfs = [o for o in mf.read_manifest(summary.run_folder)["outputs"] if o["kind"] == "pdf"]
    assert [(Path(o["path"]).parent.name, o["phase"]) for o in pdfs] == [(core.PDF_DIR, 3)]
    assert pdfs[0]["source"] == summary.documents[0]
    assert (summary.run_folder / pdfs[0]["path"]).read_bytes().startswith(b"%PDF")


def test_broken_workbook_counts_as_missing_municipality(broken_run: core.RunSummary) -> None:
    """It names Borsdorf among the municipalities without a usable workbook."""
    assert broken_run.missing == ["BOR"]
    assert broken_run.to_dict()["missing_municipalities"] == ["BOR"]


def test_undelivered_workbook_gives_exit_code_1(tmp_path: Path) -> None:
    """It exits 1 (not 0) when a municipality delivered no workbook at all, and says whose."""
    inputs = copy_inputs(tmp_path / "inputs")
    (inputs / "kommunen" / "PAR.xlsx").unlink()
    summary = core.run(
        core.RunOptions(inputs=inputs, outputs=tmp_path / "out", stichtag=STICHTAG, phases=(3,))
    )
    assert summary.error is None
    assert summary.errors == 0 and summary.missing == ["PAR"]
    assert summary.exit_code == core.EXIT_INPUT_ERRORS
