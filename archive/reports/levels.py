"""The awarding level of a decision, from the authority that signed it, kept as data.

The shipped rules (``award_levels.json``) say which issuers are the State and which a
ministry or a province; everything else is the agency's own level. An office replaces
them with its own file at ``<data dir>/award-levels.json`` (same shape).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from archive.errors import ArchiveError
from archive.vn.folding import key

LOCAL_FILE = "award-levels.json"
AGENCY = "agency"


class LevelRulesError(ArchiveError):
    """The level rules file cannot be used; the message says where and why."""

    code = "bad_level_rules"


@dataclass(frozen=True)
class LevelRules:
    """Levels in their order of rank, and the rules tried in order."""

    labels: dict[str, str]
    rules: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    origin: str

    def level_of(self, issuer: str | None, signer_title: str | None = None) -> str:
        """The level of a decision issued by ``issuer`` (else read from the signer's title)."""
        for text in (issuer, signer_title):
            folded = key(text or "")
            if not folded:
                continue
            for level, starts, contains in self.rules:
                if any(folded.startswith(s) for s in starts) or any(c in folded for c in contains):
                    return level
        return AGENCY

    @property
    def order(self) -> tuple[str, ...]:
        """The level ids, highest first."""
        return tuple(self.labels)


def load_levels(data_dir: Path) -> LevelRules:
    """The office's rules if it has a file, else the shipped ones."""
    local = data_dir / LOCAL_FILE
    if local.is_file():
        return parse_levels(local.read_text(encoding="utf-8"), origin=str(local))
    shipped = resources.files("archive.reports") / "award_levels.json"
    return parse_levels(shipped.read_text(encoding="utf-8"), origin="award_levels.json")


def parse_levels(text: str, *, origin: str) -> LevelRules:
    """Read and check a level rules document."""
    try:
        data: dict[str, Any] = json.loads(text)
        labels = {str(item["id"]): str(item["label"]) for item in data["levels"]}
        rules = tuple(
            (
                str(rule["level"]),
                tuple(_keyed(rule.get("starts", []))),
                tuple(_keyed(rule.get("contains", []))),
            )
            for rule in data["rules"]
        )
    except (ValueError, KeyError, TypeError) as error:
        raise LevelRulesError(f"Tệp cấp khen thưởng {origin} không đọc được: {error}") from None
    unknown = {level for level, _, _ in rules} - set(labels)
    if unknown or AGENCY not in labels:
        missing = ", ".join(sorted(unknown or {AGENCY}))
        raise LevelRulesError(f"Tệp cấp khen thưởng {origin}: cấp không khai báo: {missing}")
    return LevelRules(labels=labels, rules=rules, origin=origin)


def _keyed(phrases: list[str]) -> list[str]:
    # A trailing space ("Bộ ") is part of the phrase: it keeps "Bộ" from matching "Bồi".
    return [key(p) + (" " if p.endswith(" ") else "") for p in phrases]
