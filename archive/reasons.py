"""The one rule for the reason a person gives for a change: every path asks it here."""

from __future__ import annotations

from archive.errors import ArchiveError

# Long enough that "ok" or "." is not a reason an inspector can read later.
MIN_REASON = 5


class ReasonMissing(ArchiveError):
    """A change asked for a reason and got none worth keeping."""

    code = "reason_required"


def checked_reason(reason: str | None, what: str, error: type[ArchiveError] = ArchiveError) -> str:
    """The reason with its spaces folded; ``error`` naming ``what`` when it is too short.

    ``what`` is the Vietnamese name of the reason asked for ("lý do giữ", "ý kiến duyệt").
    """
    folded = " ".join((reason or "").split())
    if len(folded) < MIN_REASON:
        raise error(f"Cần ghi {what} (ít nhất {MIN_REASON} ký tự)")
    return folded
