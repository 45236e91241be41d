"""Read the metadata of one administrative document laid out as Decree 30/2020 prescribes."""

from __future__ import annotations

import re
from typing import Any

from archive import urgency
from archive.classification import stamp

from .awards import find_awards
from .dates import find_dates, place_of_blank_date
from .header import find_title, header_cells, issue_place_date, number_after_so, own_number
from .hygiene import clean_text
from .issuer import find_issuer, has_issuer_cells
from .layout import is_motto, is_upper
from .numbers import type_of_number
from .recipients import find_block, find_recipients
from .references import find_references
from .signature import find_signature
from .subject import authority_line, find_subject, tidy_subject

_OCR_DEBRIS = re.compile(r"^[\s_:;,.|~*•]+|(?<!\.\.)[\s_:;,.|~*•]+$")
_OPENING = {"“": "”", '"': '"', "«": "»", "‘": "’"}
_ADDRESSED = re.compile(r"\s*K[íi]nh\s+g[ửu]i\s*:", re.IGNORECASE)
_LETTER_WINDOW = 30
_VV_LINES = 4
LETTER = "Công văn"
_END_OF_BODY = re.compile(r"\./\.|\.\s*/\s*$|/\.$")


def parse(text: str) -> dict[str, Any]:
    """Return the metadata fields the text shows (None or [] for the rest)."""
    return read(text)[0]


def read(text: str, *, cleaned: bool = False) -> tuple[dict[str, Any], list[str]]:
    """Return the fields and the names of those a person should check.

    ``cleaned`` says the text already went through ``clean_text`` (ingest cleans each
    page before it stores and describes them), which then is not run a second time.

    A stamp of secrecy ("MẬT", "TỐI MẬT", "TUYỆT MẬT") printed alone on a line of
    the header is read as the record's confidentiality, and one of urgency ("KHẨN",
    "THƯỢNG KHẨN", "HỎA TỐC") as its urgency.

    A field is unsure when it was read without the mark the official form gives it:
    a type with no type line, a number not printed after "Số", a signature outside a
    closed signature block, an issuer taken from the body instead of the header.
    """
    lines = (text if cleaned else clean_text(text)).split("\n")
    title = find_title(lines)
    header = header_cells(lines, title)
    level = next((found for cell in header if (found := stamp(cell))), None)
    urgent = next((found for cell in header if (found := urgency.stamp(cell))), None)
    header = [cell for cell in header if not stamp(cell) and not urgency.stamp(cell)]
    number = own_number(header)
    place, issued = issue_place_date(header, lines)
    subject, after_subject = find_subject(lines, title) if title else (_vv_subject(header), 0)
    authority = authority_line(lines, after_subject) if title else None
    (signer, signer_title), signed_sure = _signature(lines)
    issuer, issuer_sure = find_issuer(header, authority, place), has_issuer_cells(header)
    fields = {
        "doc_type": title.doc_type if title else _untitled_type(number, header, lines),
        "number": number,
        "issued_date": issued,
        "place": place,
        "issuer": issuer,
        "subject": subject,
        "signer": signer,
        "signer_title": signer_title,
        "recipients": find_recipients(lines),
        "references": find_references("\n".join(lines), number),
        "awards": find_awards(lines, int(issued[:4]) if issued else None),
        # the grade stamped above the title ("MẬT" alone on its line, in capitals)
        "confidentiality": level,
        "urgency": urgent,  # the same, for "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"
    }
    fields = {name: tidy_field(value) for name, value in fields.items()}
    unsure = {
        "doc_type": title is None,
        "number": not number_after_so(header),
        "issuer": not issuer_sure,
        "signer": not signed_sure,
        "signer_title": not signed_sure,
    }
    return fields, [name for name, doubt in unsure.items() if doubt and fields[name]]


def tidy_field(value: Any) -> Any:
    """Strip the punctuation OCR and layout leave at a field's ends ("Kế hoạch :")."""
    if not isinstance(value, str):
        return value
    text = _OCR_DEBRIS.sub("", value)
    if len(text) > 2 and text[0] in _OPENING and _OPENING[text[0]] == text[-1]:
        text = text[1:-1].strip()
    return text or None


def _untitled_type(number: str | None, header: list[str], lines: list[str]) -> str | None:
    """Type of a document printed without a type line.

    Decree 30 prints no type name on a letter (công văn): it shows "V/v …" under the
    number and "Kính gửi:" above the body. Without either, the type stays unknown.
    """
    found = type_of_number(number) if number else None
    if found:
        return found
    letter = _vv_subject(header) or any(_ADDRESSED.match(line) for line in lines[:_LETTER_WINDOW])
    return LETTER if letter else None


def _vv_subject(header: list[str]) -> str | None:
    """The letter's "V/v …" under its number, with the lines it runs on to.

    Its second line may come after the place-and-date cell printed beside it, so
    cells of the right-hand column (motto, date) are stepped over, not taken.
    """
    for index, cell in enumerate(header):
        if re.match(r"[Vv]\s*/\s*[Vv]\b", cell.strip()):
            parts = [cell.strip()]
            for more in header[index + 1 : index + 1 + _VV_LINES]:
                if is_motto(more) or find_dates(more) or place_of_blank_date(more):
                    continue
                if is_upper(more) or parts[-1].endswith((".", ":", ";")) or ":" in more:
                    break
                parts.append(more.strip())
            return tidy_subject(" ".join(parts))
    return None


def _signature(lines: list[str]) -> tuple[tuple[str | None, str | None], bool]:
    """Return (signer, title) and whether they come from a block the body closed."""
    block = find_block(lines)
    if block is not None:
        return find_signature(lines, block, trusted=True), True
    ends = [i for i, line in enumerate(lines) if _END_OF_BODY.search(line)]
    if ends:
        return find_signature(lines, ends[-1] + 1, trusted=True), True
    return find_signature(lines, 0, trusted=False), False
