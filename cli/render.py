"""Records, links and search results printed for the terminal, in Vietnamese."""

from __future__ import annotations

import re
from html import unescape

import click

from archive.facade import ArchiveSearch
from archive.format import dmy, human_size, retention_label
from archive.links import Link
from archive.records import Record

LABELS = {
    "title": "Tiêu đề",
    "doc_type": "Loại văn bản",
    "number": "Số, ký hiệu",
    "issued_date": "Ngày ban hành",
    "place": "Địa danh",
    "issuer": "Cơ quan ban hành",
    "subject": "Trích yếu",
    "signer": "Người ký",
    "signer_title": "Chức vụ người ký",
    "recipients": "Nơi nhận",
    "references": "Văn bản viện dẫn",
    "awards": "Khen thưởng",
    "confidentiality": "Độ mật",
    "urgency": "Độ khẩn",
    "dossier_id": "Hồ sơ",
    "retention": "Thời hạn bảo quản",
}
_TAG = re.compile(r"<mark>(.*?)</mark>")


def print_record(record: Record) -> None:
    """Print a record's metadata, one labelled line per field."""
    click.secho(f"{record.id}  {record.filename}", bold=True)
    click.echo(
        f"  {record.mime_type}, {record.pages} trang, {human_size(record.size)}, "
        f"phiên bản {record.version}, lưu lúc {record.created_at:%d/%m/%Y %H:%M}"
    )
    for key, label in LABELS.items():
        value = record.metadata.get(key)
        if value in (None, "", []):
            continue
        source = record.provenance.get(key, {}).get("source")
        mark = " (nhập tay)" if source == "entered" else ""
        click.echo(f"  {label}{mark}: {_value(key, value)}")


def _value(key: str, value: object) -> str:
    if key == "issued_date":
        return dmy(str(value))
    if key == "retention" and isinstance(value, dict):
        return retention_label(value)
    if key == "references" and isinstance(value, list):
        return "; ".join(
            f"{r.get('doc_type') or ''} {r.get('number') or ''}".strip() for r in value
        )
    if key == "awards" and isinstance(value, list):
        return "; ".join(f"{a.get('recipient')}: {a.get('award_form')}" for a in value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def print_search(found: ArchiveSearch) -> None:
    """Print one page of search results with highlighted snippets."""
    if not found.total:
        click.echo("Không tìm thấy tài liệu nào. Thử bỏ bớt từ, hoặc gõ không dấu.")
        return
    click.echo(f"Tìm thấy {found.total} tài liệu (trang {found.page}/{found.pages}):\n")
    for hit in found.hits:
        meta = hit.record.metadata
        head = " · ".join(
            x for x in (meta.get("doc_type"), meta.get("number"), dmy(meta.get("issued_date"))) if x
        )
        click.secho(f"{hit.record.id}  {head or hit.record.filename}", bold=True)
        if meta.get("title"):
            click.echo(f"  {meta['title']}")
        snippet = _TAG.sub(
            lambda m: click.style(m.group(1), bold=True, underline=True), hit.snippet
        )
        click.echo(f"  {unescape(snippet)}\n")


def print_links(linked: dict[str, list[Link]]) -> None:
    """Print the archived documents a record cites and those citing it."""
    for key, label in (("cites", "Viện dẫn (có trong kho)"), ("cited_by", "Được viện dẫn bởi")):
        if linked.get(key):
            click.echo(f"  {label}:")
            for link in linked[key]:
                head = " ".join(x for x in (link.doc_type, link.number, dmy(link.issued_date)) if x)
                click.echo(f"    {link.record_id}  {head}")
