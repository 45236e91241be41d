"""Which rule of the schedule a record falls under, and when it may be disposed of."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from archive.retention.schedule import Rule, Schedule
from archive.vn.folding import key
from search.vietnamese import normalize


def authority(metadata: dict[str, Any], schedule: Schedule) -> str | None:
    """The highest awarding authority among the record's award entries (``state`` first)."""
    # An annexed list repeats a handful of forms hundreds of times.
    forms = {key(a.get("award_form") or "") for a in metadata.get("awards") or []}
    if not forms:
        return None
    issuer = key(metadata.get("issuer") or "")
    for name, spec in schedule.authorities.items():
        if any(key(f) in form for form in forms for f in spec.get("forms_any", [])):
            return name
        if any(key(i) in issuer for i in spec.get("issuers_any", [])):
            return name
    return None


def choose_rule(metadata: dict[str, Any], schedule: Schedule) -> Rule | None:
    """The first rule of the schedule whose conditions the record meets."""
    found = authority(metadata, schedule)
    subject = normalize(" ".join(str(metadata.get(k) or "") for k in ("subject", "title"))).lower()
    doc_type = key(metadata.get("doc_type") or "")
    for rule in schedule.rules:
        if _matches(rule.match, doc_type, subject, found):
            return rule
    return None


def _matches(match: dict[str, list[str]], doc_type: str, subject: str, found: str | None) -> bool:
    if "doc_types" in match and doc_type not in {key(t) for t in match["doc_types"]}:
        return False
    if "authority" in match and found not in match["authority"]:
        return False
    if "subject_any" in match and not any(_says(subject, s) for s in match["subject_any"]):
        return False
    return not any(_says(subject, s) for s in match.get("subject_none", []))


def _says(text: str, phrase: str) -> bool:
    """Whether ``text`` has ``phrase`` as whole words ("6 tháng" is not in "16 tháng 7")."""
    pattern = r"(?<!\w)" + re.escape(normalize(phrase).lower()) + r"(?!\w)"
    return re.search(pattern, text) is not None


def disposal_due(rule: Rule, closed_year: int | None) -> date | None:
    """The last day of keeping: end of the year the matter closed, plus the period.

    Retention counts in whole years from the year the matter closed (the end date
    of its dossier), so a decision closed on 29/02/2016 and kept 5 years may be
    disposed of after 31/12/2021.  Permanent records never fall due, nor do
    records kept "until superseded" before someone records that they were.
    """
    if rule.permanent or rule.until_superseded or rule.period_years is None or not closed_year:
        return None
    return date(closed_year + rule.period_years, 12, 31)
