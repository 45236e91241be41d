"""The shape of the yearly award table, kept as data like the retention schedule.

The shipped layout (``layout_tt02_2023.json``) follows the Home Affairs statistical
forms 0602 and 0603 of Thông tư 02/2023/TT-BNV as the office knows them; an office
puts its own at ``<data dir>/award-report-layout.json`` (same shape).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from archive.errors import ArchiveError
from archive.vn.folding import key

LOCAL_FILE = "award-report-layout.json"
COLUMNS = ("total", "collectives", "individuals")


class LayoutError(ArchiveError):
    """The layout file cannot be used; the message says where and why."""

    code = "bad_report_layout"


@dataclass(frozen=True)
class LayoutRow:
    """One line of a table: the award forms it counts, by the beginning of their names."""

    code: str
    label: str
    forms: tuple[str, ...]
    other: bool

    def takes(self, form_key: str) -> bool:
        """Whether this line counts an award form (given as its folded key)."""
        return any(form_key.startswith(prefix) for prefix in self.forms)


@dataclass(frozen=True)
class LayoutTable:
    """One form: the level it counts, its columns and its lines."""

    id: str
    code: str
    title: str
    level: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[LayoutRow, ...]

    def row_for(self, form: str | None) -> LayoutRow | None:
        """The first line that takes ``form``, else the 'other' line."""
        form_key = key(form or "")
        found = next((row for row in self.rows if not row.other and row.takes(form_key)), None)
        return found or next((row for row in self.rows if row.other), None)


@dataclass(frozen=True)
class Layout:
    """Every table of the yearly report, and where the layout came from."""

    name: str
    source: str
    tables: tuple[LayoutTable, ...]
    origin: str


def load_layout(data_dir: Path) -> Layout:
    """The office's layout if it has one, else the shipped one."""
    local = data_dir / LOCAL_FILE
    if local.is_file():
        return parse_layout(local.read_text(encoding="utf-8"), origin=str(local))
    shipped = resources.files("archive.reports") / "layout_tt02_2023.json"
    return parse_layout(shipped.read_text(encoding="utf-8"), origin="layout_tt02_2023.json")


def parse_layout(text: str, *, origin: str) -> Layout:
    """Read and check a layout document."""
    try:
        data: dict[str, Any] = json.loads(text)
        tables = tuple(_table(item) for item in data["tables"])
        layout = Layout(name=data["name"], source=data["source"], tables=tables, origin=origin)
    except (ValueError, KeyError, TypeError) as error:
        raise LayoutError(f"Tệp mẫu biểu {origin} không đọc được: {error}") from None
    for table in layout.tables:
        bad = [c for c, _ in table.columns if c not in COLUMNS]
        if bad:
            raise LayoutError(f"Tệp mẫu biểu {origin}: cột không biết: {', '.join(bad)}")
    return layout


def _table(item: dict[str, Any]) -> LayoutTable:
    return LayoutTable(
        id=str(item["id"]),
        code=str(item.get("code", "")),
        title=str(item["title"]),
        level=str(item["level"]),
        columns=tuple((str(c["id"]), str(c["label"])) for c in item["columns"]),
        rows=tuple(
            LayoutRow(
                code=str(row.get("code", "")),
                label=str(row["label"]),
                forms=tuple(key(f) for f in row.get("forms", [])),
                other=bool(row.get("other", False)),
            )
            for row in item["rows"]
        ),
    )
