"""Who may do what: four roles, each including the ones below it."""

from __future__ import annotations

from archive.classification import is_confidential
from archive.errors import ArchiveError

ROLES: tuple[str, ...] = ("viewer", "auditor", "archivist", "admin")
ROLE_LABELS = {
    "admin": "Quản trị",
    "archivist": "Văn thư – lưu trữ",
    "auditor": "Kiểm tra – thanh tra",
    "viewer": "Người xem",
}

# The lowest role that may take each action.
_LOWEST: dict[str, str] = {
    "record.read": "viewer",
    "record.read_confidential": "auditor",
    "audit.read": "auditor",
    "hold.place": "auditor",
    "hold.lift": "admin",
    "disposal.propose": "archivist",
    "disposal.approve": "admin",
    "dossier.edit": "archivist",
    "retention.set": "archivist",
    "record.create": "archivist",
    "record.edit": "archivist",
    "user.manage": "admin",
    "settings.manage": "admin",
    "system.maintain": "admin",
    "fixity.run": "auditor",
    "job.manage": "archivist",
}


class Forbidden(ArchiveError):
    """The signed-in person's role does not allow this."""

    code = "forbidden"

    def __init__(self, action: str, role: str) -> None:
        self.action = action
        self.role = role
        super().__init__(f"Vai trò «{ROLE_LABELS.get(role, role)}» không được phép làm việc này")


def allowed(role: str, action: str) -> bool:
    """Tell whether ``role`` may take ``action``."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(_LOWEST[action])


def require(role: str, action: str) -> None:
    """Raise Forbidden unless ``role`` may take ``action``."""
    if not allowed(role, action):
        raise Forbidden(action, role)


def may_see(role: str, metadata: dict) -> bool:
    """Whether ``role`` may see a record with this metadata (confidential ones are kept back)."""
    return not is_confidential(metadata.get("confidentiality")) or allowed(
        role, "record.read_confidential"
    )
