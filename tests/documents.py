"""Render corpus text into real PDF, DOCX and ODT files for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def write_pdf(text: str, path: Path, *, lines_per_page: int = 0) -> Path:
    """A text PDF (with a real text layer) of ``text``; form feeds start new pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_title("Hoso test document")
    for page in text.split("\f"):
        pdf.add_page()
        lines = page.splitlines()
        for i, line in enumerate(lines):
            if lines_per_page and i and i % lines_per_page == 0:
                pdf.add_page()
            pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_docx(text: str, path: Path) -> Path:
    """A DOCX with one paragraph per line; form feeds become page breaks."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for index, page in enumerate(text.split("\f")):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for line in page.splitlines():
            document.add_paragraph(line)
    document.save(str(path))
    return path


def write_odt(text: str, path: Path) -> Path:
    """An ODT with one paragraph per line."""
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in text.splitlines():
        document.text.addElement(P(text=line))
    document.save(str(path))
    return path
