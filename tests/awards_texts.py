"""Award decisions the award-report tests make themselves (Decree 30/2020 form).

Names, numbers and units are illustrative.
"""

from __future__ import annotations

from pathlib import Path

# Issuer header, the capacity line above the body and the signer's block, per level.
ISSUERS = {
    "state": ("CHỦ TỊCH NƯỚC", "CHỦ TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CHỦ TỊCH NƯỚC"),
    "ministry_province": (
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n-------",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
        "CHỦ TỊCH",
    ),
    "agency": (
        "UBND TỈNH HÀ GIANG\nSỞ NỘI VỤ\n-------",
        "GIÁM ĐỐC SỞ NỘI VỤ",
        "GIÁM ĐỐC",
    ),
}

TEMPLATE = """{header}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: {number}
Hà Giang, ngày {day} tháng {month} năm {year}

QUYẾT ĐỊNH
Về việc khen thưởng

{capacity}

Căn cứ Luật Thi đua, Khen thưởng;

QUYẾT ĐỊNH:

Điều 1. Tặng {form} cho {count} tập thể và cá nhân:
{lines}

Điều 2. Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.

{title}

Hoàng Minh Tuấn
"""


def award_decision(
    number: str,
    *,
    level: str,
    form: str,
    year: int,
    recipients: list[str],
    month: int = 3,
    day: int = 15,
) -> str:
    """A decision of ``level`` giving ``form`` to each of ``recipients`` (one line each:
    "Ông Nguyễn Văn A, Trưởng phòng, Sở Nội vụ" or a collective's name)."""
    header, capacity, title = ISSUERS[level]
    lines = "\n".join(
        f"{i}. {who}{'.' if i == len(recipients) else ';'}" for i, who in enumerate(recipients, 1)
    )
    return TEMPLATE.format(
        header=header,
        number=number,
        day=day,
        month=month,
        year=year,
        capacity=capacity,
        form=form,
        count=f"{len(recipients):02d}",
        lines=lines,
        title=title,
    )


def write(folder: Path, name: str, text: str) -> Path:
    """The decision as a text file to ingest."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
