"""Errors raised by every blob store."""


class StorageError(Exception):
    """A blob store could not do what was asked."""


class NotFound(StorageError, KeyError):
    """No object is stored under that key."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key

    def __str__(self) -> str:
        return f"không có đối tượng lưu trữ: {self.key}"


class InvalidKey(StorageError, ValueError):
    """The key is empty, absolute or climbs out of the store."""
