"""Every command the README shows runs on a fresh archive, and no command prints a traceback.

The README is read, not copied: a command added to it without a row here fails
``test_every_readme_command_has_a_row``. The sweep then runs every command of the
click tree with a missing id, a destroyed record and an output path it cannot write,
and each must answer with one ``Lỗi: …`` line and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.documents import write_pdf
from tests.samples import decision, scan_images

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "ba-con-meo-trèo-cây-cau"
MISSING = "0000000000000000"
NOWHERE = "/khong-co-thu-muc-nay/ra.out"


def readme_commands() -> list[str]:
    """Each ``hoso …`` line of the README's shell blocks, without its trailing comment."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = re.split(r"\s+#\s", line)[0].strip()
            if line.startswith("hoso "):
                lines.append(line)
    return lines


@dataclass
class Box:
    """The files the README's commands name, made in a working folder."""

    folder: Path
    ids: dict[str, str] = field(default_factory=dict)

    def sub(self, arg: str) -> str:
        for name, value in self.ids.items():
            arg = arg.replace("{" + name + "}", value)
        return arg.replace("{DIR}", str(self.folder))


# README line -> the invocations that stand for it ({ID} etc. are filled in as the run
# goes), in README order. A tuple starting with "@" is a daemon, started and stopped.
TABLE: dict[str, list[tuple[str, ...]]] = {
    'hoso ingest quyet-dinh.pdf ho-so/ --meta doc_type="Quyết định" --meta issued_date=18/12/2015': [
        ("ingest", "{DIR}/quyet-dinh.pdf", "{DIR}/ho-so/", "--meta", "doc_type=Quyết định",
         "--meta", "issued_date=18/12/2015"),
    ],
    "hoso ingest --json *.pdf": [("ingest", "--json", "{DIR}/quyet-dinh.pdf", "{DIR}/khac.pdf")],
    "hoso search khen thuong": [("search", "khen", "thuong")],
    "hoso search '\"ủy ban nhân dân\" nam:2015 loai:\"quyết định\"' --json": [
        ("search", '"ủy ban nhân dân" nam:2015 loai:"quyết định"', "--json"),
    ],
    "hoso search khen thuong --xlsx ket-qua.xlsx": [
        ("search", "khen", "thuong", "--xlsx", "{DIR}/ket-qua.xlsx"),
    ],
    "hoso show 9906da78b5acc897": [("show", "{ID}")],
    "hoso get 9906da78b5acc897 -o ban-goc.pdf": [("get", "{ID}", "-o", "{DIR}/ban-goc.pdf")],
    "hoso text 9906da78b5acc897": [("text", "{ID}")],
    "hoso stats --json": [("stats", "--json")],
    "hoso reindex": [("reindex",)],
    "hoso --operator rebuild": [("--operator", "rebuild")],
    "hoso --operator user add an --role admin": [
        ("--operator", "user", "add", "an", "--role", "admin", "--password-stdin"),
    ],
    "hoso user add lan --role archivist": [
        ("user", "add", "lan", "--role", "archivist", "--password-stdin"),
    ],
    'hoso token create lan --label "máy quét" [--days 30] [--read-only]': [
        ("token", "create", "lan", "--label", "máy quét"),
        ("token", "create", "lan", "--label", "đọc", "--days", "30", "--read-only"),
    ],
    "hoso token list [lan]": [("token", "list", "lan"), ("token", "list")],
    "hoso token revoke 3f9a0c1b2d4e": [("token", "revoke", "{TOKEN}")],
    "hoso user password lan": [("user", "password", "lan", "--password-stdin")],
    "hoso user lock lan": [("user", "lock", "lan")],
    "hoso user unlock lan": [("user", "unlock", "lan")],
    # And back, for the README's later commands acting as lan.
    "hoso user role lan auditor": [("user", "role", "lan", "auditor"), ("user", "role", "lan", "archivist")],
    "hoso serve --host 127.0.0.1 --port 8000": [("@serve",)],
    "hoso ingest scan.tif": [("ingest", "{DIR}/scan.tif")],
    "hoso ingest --background scan.pdf": [("ingest", "--background", "{DIR}/scan.pdf")],
    "hoso worker": [("@worker",)],
    "hoso jobs [--state failed] [--retry ID]": [("jobs",), ("jobs", "--state", "failed")],
    "hoso review": [("review",)],
    "hoso import hop-2015/ --manifest bang-ke.xlsx [--dry-run] [--workers N] [--report r.csv]": [
        ("import", "{DIR}/hop-2015/", "--manifest", "{DIR}/bang-ke.xlsx", "--dry-run"),
        ("import", "{DIR}/hop-2015/", "--manifest", "{DIR}/bang-ke.xlsx", "--workers", "2",
         "--report", "{DIR}/r.csv"),
    ],
    "hoso import hop-2015.zip": [("import", "{DIR}/hop-2015.zip")],
    "hoso show ID": [("show", "{ID}")],
    'hoso awards --person "nguyen van thang"': [("awards", "--person", "nguyen van thang")],
    'hoso awards --form "bằng khen" --year 2015': [
        ("awards", "--form", "bằng khen", "--year", "2015"),
    ],
    'hoso awards --unit "so noi vu"': [("awards", "--unit", "so noi vu")],
    'hoso awards --person "nguyen van thang" --xlsx qua-trinh.xlsx': [
        ("awards", "--person", "nguyen van thang", "--xlsx", "{DIR}/qua-trinh.xlsx"),
    ],
    "hoso report awards --year 2015 [--by form|level|unit|kind] [--json]": [
        ("report", "awards", "--year", "2015"), ("report", "awards", "--year", "2015", "--by",
         "level", "--json"),
    ],
    "hoso report awards --from 2014 --to 2015 --xlsx thong-ke.xlsx": [
        ("report", "awards", "--from", "2014", "--to", "2015", "--xlsx", "{DIR}/thong-ke.xlsx"),
    ],
    "hoso report duplicates": [("report", "duplicates")],
    'hoso report dismiss N --reason "..."': [],
    "hoso reparse --all": [("reparse", "--all")],
    'hoso dossier create HS-2015-07 --title "Hồ sơ khen thưởng năm 2015" --end 31/12/2015': [
        ("dossier", "create", "HS-2015-07", "--title", "Hồ sơ khen thưởng năm 2015",
         "--end", "31/12/2015"),
    ],
    'hoso dossier add HS-2015-07 ID... --reason "Lập hồ sơ năm"': [
        ("dossier", "add", "HS-2015-07", "{ID}", "--reason", "Lập hồ sơ năm"),
    ],
    "hoso retention schedule": [("retention", "schedule")],
    'hoso retention set ID --years 10 --reason "..."': [
        ("retention", "set", "{ID}", "--years", "10", "--reason", "Theo bảng thời hạn"),
    ],
    "hoso retention due [--before 31/12/2026] [--json]": [
        ("retention", "due"), ("retention", "due", "--before", "31/12/2026", "--json"),
    ],
    "hoso retention due --within 30": [("retention", "due", "--within", "30")],
    'hoso hold add ID --reason "Thanh tra"': [("hold", "add", "{ID}", "--reason", "Thanh tra")],
    'hoso hold remove ID --reason "..." --user admin2': [
        ("hold", "remove", "{ID}", "--reason", "Thanh tra đã xong", "--user", "admin2"),
    ],
    'hoso disposal propose ID... --action destroy --reason "..." --user lan': [
        ("disposal", "propose", "{ID}", "--action", "destroy", "--reason", "Hết hạn bảo quản",
         "--user", "lan"),
    ],
    'hoso disposal approve N --reason "..." --user admin2': [
        ("disposal", "approve", "{N}", "--reason", "Hội đồng đã duyệt", "--user", "admin2"),
    ],
    "hoso disposal report N -o bien-ban.html": [
        ("disposal", "report", "{N}", "-o", "{DIR}/bien-ban.html"),
    ],
    "hoso audit verify": [("audit", "verify")],
    "hoso audit export --csv nhat-ky.csv": [("audit", "export", "--csv", "{DIR}/nhat-ky.csv")],
    "hoso packet ID HS-2015-07 -o goi-thanh-tra.zip": [
        ("packet", "{ID}", "HS-2015-07", "-o", "{DIR}/goi-thanh-tra.zip"),
    ],
    "hoso fixity [--sample N] [--json]": [("fixity",), ("fixity", "--sample", "5", "--json")],
}  # fmt: skip


def make_files(folder: Path) -> None:
    """quyet-dinh.pdf, khac.pdf, ho-so/, scan.tif, scan.pdf, hop-2015/ with bang-ke.xlsx, its ZIP."""
    from openpyxl import Workbook

    from tests.scans import save_scanned_pdf

    write_pdf(decision(0), folder / "quyet-dinh.pdf")
    write_pdf(decision(1), folder / "khac.pdf")
    (folder / "ho-so").mkdir()
    (folder / "ho-so" / "to-trinh.txt").write_text(decision(2), encoding="utf-8")
    (image,) = scan_images(decision(3), folder / "render")
    image.save(folder / "scan.tif", dpi=(200, 200))
    (image,) = scan_images(decision(4), folder / "render")
    save_scanned_pdf([image], folder / "scan.pdf")
    box = folder / "hop-2015"
    box.mkdir()
    (box / "qd-5.txt").write_text(decision(5), encoding="utf-8")
    (box / "qd-6.txt").write_text(decision(6), encoding="utf-8")
    sheet = Workbook()
    sheet.active.append(["Tệp", "Số ký hiệu", "Ngày ban hành", "Độ mật"])
    sheet.active.append(["qd-5.txt", "1005/QĐ-UBND", "06/11/2019", ""])
    sheet.active.append(["qd-6.txt", "1006/QĐ-UBND", "07/11/2019", ""])
    sheet.save(folder / "bang-ke.xlsx")
    with zipfile.ZipFile(folder / "hop-2015.zip", "w") as out:
        for i in (7, 8):
            out.writestr(f"hop-2015/qd-{i}.txt", decision(i))


@pytest.fixture(scope="module")
def after_readme(tmp_path_factory: pytest.TempPathFactory) -> tuple[Box, dict[str, str]]:
    """An archive that has been through every README command, in README order."""
    folder = tmp_path_factory.mktemp("readme")
    make_files(folder)
    env = {"HOSO_DATA_DIR": str(folder / "data"), "HOSO_WORKERS": "2"}
    box = Box(folder)
    # A second admin, for the four-eyes steps the README shows with --user admin2.
    for line in readme_commands():
        for args in TABLE[line]:
            if args[0].startswith("@"):
                run_daemon(args[0][1:], env, folder)
                continue
            filled = [box.sub(a) for a in args]
            stdin = PASSWORD if "--password-stdin" in filled else None
            result = invoke(env, *filled, stdin=stdin)
            assert result.exit_code == 0, f"{line}\n→ {filled}\n{result.output}"
            learn(box, filled, result)
            if filled[:3] == ["--operator", "user", "add"]:
                # The README's `export HOSO_USER=an`; and a second administrator for the
                # four-eyes steps it shows with --user admin2.
                env["HOSO_USER"] = filled[3]
                invoke(env, "user", "add", "admin2", "--role", "admin", "--password-stdin",
                       stdin=PASSWORD)  # fmt: skip
    return box, env


def invoke(env: dict[str, str], *args: str, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env, input=stdin, catch_exceptions=True)
    shown = result.output  # standard output and error, as a terminal shows them
    assert "Traceback" not in shown, shown
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"hoso {' '.join(args)} raised {result.exception!r}\n{shown}")
    return result


def test_every_readme_command_has_a_row() -> None:
    commands = readme_commands()
    assert len(commands) >= 30
    missing = [line for line in commands if line not in TABLE]
    assert not missing, f"README commands with no row in TABLE: {missing}"
    stale = [line for line in TABLE if line not in commands]
    assert not stale, f"rows for commands the README no longer shows: {stale}"


def test_readme_commands_run_in_order(after_readme: tuple[Box, dict[str, str]]) -> None:
    box, env = after_readme
    folder = box.folder
    assert (folder / "ban-goc.pdf").read_bytes() == (folder / "quyet-dinh.pdf").read_bytes()
    assert box.ids["ID"] in (folder / "bien-ban.html").read_text(encoding="utf-8")
    assert (folder / "r.csv").is_file() and (folder / "nhat-ky.csv").is_file()
    jobs = json.loads(invoke(env, "jobs", "--json").output)
    assert [j["state"] for j in jobs] == ["done", "done"]  # the TIFF inline, the PDF by the worker
    stats = json.loads(invoke(env, "stats", "--json").output)
    # 2 PDFs, ho-so/, 2 scans, 2 from the folder box, 2 from the ZIP, less the destroyed one
    assert stats["records"] == 8


def learn(box: Box, args: list[str], result: Result) -> None:
    """Pick the ids later commands need out of earlier answers."""
    if args[:2] == ["ingest", "--json"]:
        first = json.loads(result.output.splitlines()[0])
        box.ids["ID"] = first["id"]
    elif args[:2] == ["token", "list"]:
        box.ids["TOKEN"] = result.output.split()[0]
    elif args[:2] == ["disposal", "propose"]:
        box.ids["N"] = re.search(r"danh sách số (\d+)", result.output).group(1)  # type: ignore[union-attr]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_daemon(kind: str, env: dict[str, str], folder: Path) -> None:
    """``hoso serve`` answers on its port; ``hoso worker`` runs the job queued before it."""
    port = free_port()
    args = ["serve", "--host", "127.0.0.1", "--port", str(port)] if kind == "serve" else ["worker"]
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", *args],
        env={**os.environ, **env},
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not ready(kind, port, env):
            assert process.poll() is None, process.stdout.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, f"hoso {kind} did not get ready"
            time.sleep(0.3)
    finally:
        process.terminate()
        output = process.communicate(timeout=60)[0]
    assert "Traceback" not in output, output


def ready(kind: str, port: int, env: dict[str, str]) -> bool:
    if kind == "serve":
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/signin", timeout=2) as page:
                return bool(page.status == 200)
        except OSError:
            return False
    jobs = invoke(env, "jobs", "--json").output
    return bool(json.loads(jobs)) and all(j["state"] == "done" for j in json.loads(jobs))


# -- no traceback, whatever goes wrong -----------------------------------------

# Each command of the tree with what goes wrong for it: a missing id, the destroyed
# record ({ID} after the README run), or an output path that cannot be written.
FAILURES: list[tuple[str, ...]] = [
    ("show", MISSING), ("get", MISSING, "-o", "{DIR}/x"), ("text", MISSING),
    ("get", "{ID}", "-o", "{DIR}/x"), ("text", "{ID}"),
    ("get", "{OTHER}", "-o", NOWHERE),
    ("reparse", MISSING),
    ("search", "nam:2015..", "(("),
    ("dossier", "add", "KHONG-CO", "{OTHER}", "--reason", "Lập hồ sơ năm"),
    ("dossier", "add", "HS-2015-07", MISSING, "--reason", "Lập hồ sơ năm"),
    ("dossier", "remove", "HS-2015-07", MISSING, "--reason", "Bỏ nhầm tài liệu"),
    ("dossier", "edit", "KHONG-CO", "--title", "x", "--reason", "Sửa tiêu đề"),
    ("dossier", "show", "KHONG-CO"),
    ("dossier", "create", "HS-2015-07", "--title", "Trùng mã"),
    ("hold", "add", MISSING, "--reason", "Thanh tra"),
    ("hold", "remove", MISSING, "--reason", "Thanh tra đã xong"),
    ("retention", "set", MISSING, "--years", "5", "--reason", "Theo bảng thời hạn"),
    ("retention", "set", "{ID}", "--years", "5", "--reason", "Theo bảng thời hạn"),
    ("retention", "due", "--before", "32/13/2026"),
    ("disposal", "propose", MISSING, "--reason", "Hết hạn bảo quản", "--user", "lan"),
    ("disposal", "propose", "{ID}", "--reason", "Hết hạn bảo quản", "--user", "lan"),
    ("disposal", "approve", "99", "--reason", "Hội đồng đã duyệt", "--user", "admin2"),
    ("disposal", "reject", "99", "--reason", "Không đồng ý", "--user", "admin2"),
    ("disposal", "report", "99", "-o", "{DIR}/x.html"),
    ("disposal", "report", "{N}", "-o", NOWHERE),
    ("audit", "export", "--csv", NOWHERE),
    ("jobs", "--retry", "99999"),
    ("user", "add", "lan", "--role", "archivist", "--password-stdin"),
    ("token", "create", "khong-co-ai"),
    ("token", "list", "khong-co-ai", "--user", "lan"),
    ("token", "revoke", "000000000000"),
    ("user", "password", "lan", "--password-stdin", "--user", "lan"),
    ("user", "lock", "khong-co-ai"),
    ("user", "unlock", "khong-co-ai"),
    ("user", "role", "khong-co-ai", "viewer"),
    ("show", "{OTHER}", "--user", "khong-co-ai"),
    ("import", "{DIR}/hop-2015/", "--report", NOWHERE),
    ("report", "awards", "--year", "2015", "--xlsx", NOWHERE),
    ("awards", "--person", "nguyen van thang", "--xlsx", NOWHERE),
    ("report", "awards", "--from", "2015", "--to", "1990"),
    ("report", "dismiss", "99", "--reason", "Không phải khen trùng"),
    ("packet", MISSING, "-o", "{DIR}/goi.zip"),
    ("packet", "{OTHER}", "-o", NOWHERE),
    ("search", "khen", "--csv", NOWHERE),
    ("retention", "due", "--within", "-1"),
]  # fmt: skip
# Commands that have nothing to fail on in the sense above (they take no id or path),
# or whose failures are covered elsewhere.
NO_FAILURE_CASE = {
    "ingest", "stats", "reindex", "rebuild", "serve", "worker", "review", "awards",
    "user list", "dossier list", "retention schedule", "disposal list", "audit verify",
    "fixity", "retention due", "search", "report duplicates",
}  # fmt: skip


def leaf_commands(group: click.Group, prefix: str = "") -> Iterator[str]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from leaf_commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}"


def test_every_command_is_in_the_failure_sweep() -> None:
    swept = {" ".join(a[:2]) if " ".join(a[:2]) in set(leaf_commands(main)) else a[0]
             for a in FAILURES}  # fmt: skip
    left = set(leaf_commands(main)) - swept - NO_FAILURE_CASE
    assert not left, f"commands with no failure case: {sorted(left)}"


def test_no_command_prints_a_traceback(after_readme: tuple[Box, dict[str, str]]) -> None:
    box, env = after_readme
    records = json.loads(invoke(env, "search", "nam:2019", "--json", "--limit", "50").output)
    box.ids["OTHER"] = next(h["id"] for h in records["hits"] if h["id"] != box.ids["ID"])
    shown = invoke(env, "show", box.ids["ID"])
    assert shown.exit_code == 0 and "đã bị hủy theo danh sách số" in shown.output
    for args in FAILURES:
        filled = [box.sub(a) for a in args]
        result = invoke(env, *filled, stdin=PASSWORD if "--password-stdin" in filled else None)
        assert result.exit_code != 0, f"{filled} succeeded:\n{result.output}"
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert lines, filled
        assert lines[-1].startswith(("Lỗi:", "Error:", "Usage:", "Try ")) or "Lỗi" in result.output
        if filled[0] in ("get", "text") and filled[1] == box.ids["ID"]:
            assert "đã bị hủy theo danh sách số" in result.output
        if NOWHERE in filled:
            assert "Không dùng được «/khong-co-thu-muc-nay/ra.out»" in result.output, result.output
