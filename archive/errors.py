"""Domain errors of the archive, with messages for people."""


class ArchiveError(Exception):
    """Something the archive refuses or cannot find."""

    code = "archive_error"


class RecordNotFound(ArchiveError, KeyError):
    """No visible record has that id."""

    code = "not_found"

    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.record_id = record_id

    def __str__(self) -> str:
        return f"Không tìm thấy hồ sơ tài liệu có mã {self.record_id}"
