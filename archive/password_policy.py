"""Which passwords are refused: too short, too common, or trivially repetitive.

Applied wherever a password is set (a new account, an administrator's reset, one's own
change, the command line), so every path refuses the same ones, in the same words.
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from itertools import pairwise

from archive.errors import AccountError

MIN_PASSWORD = 10
MAX_PASSWORD = 256
MIN_DISTINCT = 4
# A common word followed by these is still the common word ("matkhau2024!").
_TAIL = string.digits + string.punctuation + " "


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list of passwords everybody tries first."""
    text = resources.files("archive").joinpath("data/common-passwords.txt").read_text("utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def check_password(password: str, username: str = "") -> None:
    """Raise AccountError, saying why in Vietnamese, unless ``password`` may be used."""
    reason = weakness(password, username)
    if reason:
        raise AccountError(reason)


def weakness(password: str, username: str = "") -> str | None:
    """Why ``password`` is refused, or None when it may be used."""
    if len(password) < MIN_PASSWORD:
        return f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự"
    if len(password) > MAX_PASSWORD:
        return f"Mật khẩu dài quá {MAX_PASSWORD} ký tự"
    lowered = password.lower()
    if len(set(lowered)) < MIN_DISTINCT:
        return f"Mật khẩu cần ít nhất {MIN_DISTINCT} ký tự khác nhau, không lặp một vài ký tự"
    if _repeats(lowered) or _sequence(lowered):
        return "Mật khẩu là một chuỗi lặp lại hoặc liền nhau (như abcabc, 123456789); hãy chọn khó đoán hơn"
    common = common_passwords()
    if lowered in common or lowered.rstrip(_TAIL) in common or lowered.strip(_TAIL) in common:
        return (
            "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác"
        )
    name = username.strip().lower()
    if len(name) >= 3 and name in lowered:
        return "Mật khẩu không được chứa tên đăng nhập"
    return None


def _repeats(text: str) -> bool:
    """Whether ``text`` is a short piece said again and again ("abcabcabca")."""
    for size in range(1, len(text) // 2 + 1):
        piece = text[:size]
        if (piece * (len(text) // size + 1))[: len(text)] == text:
            return True
    return False


def _sequence(text: str) -> bool:
    """Whether each character is the one after (or before) the previous one ("3456789012")."""
    steps = {
        (ord(b) - ord(a)) % 10 if a.isdigit() and b.isdigit() else ord(b) - ord(a)
        for a, b in pairwise(text)
    }
    return len(steps) == 1 and steps.pop() in (1, -1, 9)
