"""Word → PDF with LibreOffice headless, many documents per ``soffice`` call.

A plain ``--convert-to pdf`` leaves the table of contents as the template's placeholder:
LibreOffice updates page fields on export but not indexes. So each call gets a private
profile holding a small Basic macro that opens every document hidden, updates all indexes
(twice: the first update may change the page count), exports to PDF and closes it.
Start-up (~2 s) dominates a single conversion, hence one call for the whole list.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

_MACRO = """
Sub ExportAll(listFile As String)
    Dim n As Integer, line As String, parts() As String
    n = FreeFile
    Open listFile For Input As #n
    Do While Not EOF(n)
        Line Input #n, line
        If Len(line) > 0 Then
            parts = Split(line, Chr(9))
            ExportOne(parts(0), parts(1), parts(2))
        End If
    Loop
    Close #n
End Sub

Sub ExportOne(src As String, dst As String, toc As String)
    On Error GoTo Failed
    Dim load(0) As New com.sun.star.beans.PropertyValue
    load(0).Name = "Hidden"
    load(0).Value = True
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL(src, "_blank", 0, load())
    Dim idx As Object, i As Integer, pass As Integer
    idx = doc.getDocumentIndexes()
    For pass = 1 To 2
        For i = 0 To idx.getCount() - 1
            idx.getByIndex(i).update()
        Next i
    Next pass
    doc.getTextFields().refresh()
    If toc <> "-" Then WriteToc(doc, toc)
    If dst <> "-" Then
        Dim pdf(0) As New com.sun.star.beans.PropertyValue
        pdf(0).Name = "FilterName"
        pdf(0).Value = "writer_pdf_Export"
        doc.storeToURL(dst, pdf())
    End If
    doc.close(True)
    Exit Sub
Failed:
    On Error Resume Next
    If Not IsNull(doc) Then doc.close(True)
End Sub

Sub WriteToc(doc As Object, url As String)
    Dim idx As Object, i As Integer, text As String
    idx = doc.getDocumentIndexes()
    For i = 0 To idx.getCount() - 1
        If idx.getByIndex(i).supportsService("com.sun.star.text.ContentIndex") Then
            text = text & idx.getByIndex(i).getAnchor().getString() & Chr(10)
        End If
    Next i
    Dim sfa As Object, out As Object, stream As Object
    sfa = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    If sfa.exists(url) Then sfa.kill(url)
    stream = sfa.openFileWrite(url)
    out = createUnoService("com.sun.star.io.TextOutputStream")
    out.setOutputStream(stream)
    out.setEncoding("UTF-8")
    out.writeString(text)
    out.closeOutput()
End Sub
"""

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_LIB_NS = 'xmlns:library="http://openoffice.org/2000/library"'


class PdfConversionError(RuntimeError):
    """LibreOffice is missing, timed out, or did not write a PDF."""


def soffice_binary() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _init_profile(binary: str, profile: Path, timeout: float) -> None:
    """A fresh profile, then our Basic library (a first start would overwrite it)."""
    try:
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--terminate_after_init",
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PdfConversionError("LibreOffice startet nicht (Zeitüberschreitung).") from exc
    shutil.rmtree(profile / "user" / "basic", ignore_errors=True)
    _write_profile(profile)


def _write_profile(profile: Path) -> None:
    basic = profile / "user" / "basic"
    std = basic / "Standard"
    std.mkdir(parents=True)
    for kind, index in (("script", "script.xlb"), ("dialog", "dialog.xlb")):
        (basic / f"{kind}.xlc").write_text(
            f'{_HEAD}<library:libraries {_LIB_NS} xmlns:xlink="http://www.w3.org/1999/xlink">'
            f'<library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/'
            f'{index}/" xlink:type="simple" library:link="false"/></library:libraries>\n',
            encoding="utf-8",
        )
    (std / "script.xlb").write_text(
        f'{_HEAD}<library:library {_LIB_NS} library:name="Standard" library:readonly="false" '
        'library:passwordprotected="false"><library:element library:name="PdfExport"/>'
        "</library:library>\n",
        encoding="utf-8",
    )
    (std / "dialog.xlb").write_text(
        f'{_HEAD}<library:library {_LIB_NS} library:name="Standard" library:readonly="false" '
        'library:passwordprotected="false"/>\n',
        encoding="utf-8",
    )
    (std / "PdfExport.xba").write_text(
        f'{_HEAD}<script:module xmlns:script="http://openoffice.org/2000/script" '
        f'script:name="PdfExport" script:language="StarBasic">{escape(_MACRO)}</script:module>\n',
        encoding="utf-8",
    )


def convert_to_pdf(
    docx_paths: list[Path], out_dir: Path, timeout: float = 300, update_docx: bool = False
) -> list[Path]:
    """Convert documents to PDF in one LibreOffice call; returns the PDF paths (same order).

    Fields are updated in the PDF: page numbers, NUMPAGES and the table of contents.
    ``update_docx`` also writes the page numbers LibreOffice found into each .docx's table
    of contents (see ``update_docx_fields``), from the same call.
    Raises ``PdfConversionError`` when soffice is missing, times out or a PDF is not written.
    """
    if not docx_paths:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / (p.stem + ".pdf") for p in docx_paths]
    for t in targets:
        t.unlink(missing_ok=True)
    _run_lo(docx_paths, targets, update_docx, timeout)
    missing = [t.name for t in targets if not t.exists() or t.stat().st_size == 0]
    if missing:
        raise PdfConversionError(f"PDF nicht erzeugt: {', '.join(missing)}")
    return targets


def update_docx_fields(docx_paths: list[Path], timeout: float = 300) -> None:
    """Give each .docx's table of contents the page numbers of LibreOffice's layout.

    One soffice call lays every document out and reports its updated TOC; the entries
    (written at render time, without pages) get a dot leader and the page number. The
    .docx stays our own XML otherwise (no LibreOffice round trip of the whole file).
    """
    if docx_paths:
        _run_lo(docx_paths, None, True, timeout)


def _run_lo(docx_paths: list[Path], pdfs: list[Path] | None, tocs: bool, timeout: float) -> None:
    from parthe_reports.render.toc import write_pages

    binary = soffice_binary()
    if binary is None:
        raise PdfConversionError("LibreOffice (soffice) ist nicht installiert.")
    with tempfile.TemporaryDirectory(prefix=f"lo-{uuid.uuid4().hex[:8]}-") as tmp:
        profile = Path(tmp) / "profile"
        _init_profile(binary, profile, timeout)
        toc_files = [Path(tmp) / f"toc-{i}.txt" for i in range(len(docx_paths))]
        dsts: list[Path | None] = list(pdfs) if pdfs else [None] * len(docx_paths)
        listing = Path(tmp) / "list.txt"
        listing.write_text(
            "".join(
                f"{src.resolve().as_uri()}\t{dst.resolve().as_uri() if dst else '-'}"
                f"\t{toc.as_uri() if tocs else '-'}\n"
                for src, dst, toc in zip(docx_paths, dsts, toc_files, strict=True)
            ),
            encoding="ascii",
        )
        cmd = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            f'macro:///Standard.PdfExport.ExportAll("{listing}")',
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfConversionError(
                f"LibreOffice hat die PDF-Erzeugung nach {timeout:.0f} s nicht beendet."
            ) from exc
        for src, toc in zip(docx_paths, toc_files, strict=True):
            if tocs and toc.exists() and src.exists():
                write_pages(src, toc.read_text(encoding="utf-8"))
