"""Every failure of a command as one Vietnamese line and a non-zero exit, never a traceback.

Domain errors already carry words for people; file-system errors are named by the file
and what went wrong with it. Anything else is a defect: its traceback goes to a log
file in the data folder, and the person is told where it is.
"""

from __future__ import annotations

import errno
import logging
import traceback
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import click

from archive.errors import ArchiveError
from archive.metadata import MetadataError
from archive.retention.schedule import ScheduleError
from ingest.errors import Rejected
from ingest.manifest import ManifestError
from search import QuerySyntaxError, SearchTooSlow
from storage import NotFound, StorageError

log = logging.getLogger(__name__)


class Failure(click.ClickException):
    """A command that could not do its work: ``Lỗi: …`` on standard error, exit 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True, file=file)


OS_REASONS = {
    errno.ENOENT: "không có thư mục hoặc tệp này",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không có quyền",
    errno.EROFS: "ổ đĩa chỉ đọc",
    errno.ENOSPC: "hết chỗ trống trên đĩa",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "đã có tệp này",
}


def explain(exc: BaseException) -> str | None:
    """The line a person reads for ``exc``; None when it is not a failure we foresaw."""
    if isinstance(exc, OSError) and not isinstance(exc, StorageError):
        return os_line(exc)
    if isinstance(exc, NotFound):
        return f"Không còn dữ liệu này trong kho lưu trữ ({exc})"
    if isinstance(exc, StorageError):
        return f"Kho lưu trữ báo lỗi: {exc}"
    if isinstance(exc, Rejected):
        return exc.message()
    if isinstance(
        exc,
        (
            ArchiveError,
            MetadataError,
            ScheduleError,
            QuerySyntaxError,
            SearchTooSlow,
            ManifestError,
        ),
    ):
        return str(exc)
    return None


def os_line(exc: OSError) -> str:
    """``Không ghi được «x/y.csv»: không có thư mục hoặc tệp này``."""
    reason = OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    name = exc.filename
    if name is None:
        return f"Lỗi tệp: {reason}"
    return f"Không dùng được «{name}»: {reason}"


def log_defect(exc: BaseException, data_dir: Path | None) -> str:
    """Keep the traceback of an unforeseen failure; return the line that says where."""
    details = "".join(traceback.format_exception(exc))
    if data_dir is not None:
        try:
            folder = data_dir / "logs"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "hoso-cli.log"
            with path.open("a", encoding="utf-8") as out:
                out.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{details}\n")
            return (
                f"Lỗi không lường trước ({type(exc).__name__}: {exc}). "
                f"Chi tiết ghi ở {path}; xin gửi tệp này cho người quản trị."
            )
        except OSError:
            pass
    log.error("%s", details)
    return f"Lỗi không lường trước ({type(exc).__name__}: {exc})."
