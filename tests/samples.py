"""Documents the tests make themselves, so that no test but corpus accuracy needs the corpus.

The texts are constructed in the official form of Decree 30/2020/NĐ-CP; names, numbers
and units are illustrative.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.documents import write_pdf

DECISION = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: {number}/QĐ-UBND
Hà Giang, ngày {day} tháng 11 năm 2019

QUYẾT ĐỊNH
Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG

Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;
Xét đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh,

QUYẾT ĐỊNH:

Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho ông {person},
Trưởng phòng Văn hóa huyện Vị Xuyên, đã có thành tích xuất sắc trong công tác
bảo tồn di sản {topic} năm 2019.

Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh và ông {person} chịu trách nhiệm
thi hành Quyết định này.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Đức Quý
"""

# Distinct words that OCR reads reliably, one per generated decision.
TOPICS = ("thổ cẩm", "ruộng bậc thang", "chợ phiên", "nhà trình tường", "khèn Mông", "hát then")
PEOPLE = (
    "Lục Văn Hùng",
    "Vàng Seo Dìn",
    "Hoàng Thị Nhung",
    "Nông Văn Tiến",
    "Giàng A Lử",
    "Lò Thị Mai",
)


def decision(index: int) -> str:
    """A one-page award decision, different for every ``index``."""
    return DECISION.format(
        number=1000 + index,
        day=1 + index % 28,
        person=PEOPLE[index % len(PEOPLE)],
        topic=TOPICS[index % len(TOPICS)],
    )


def scan_images(text: str, folder: Path, *, dpi: int = 200):  # type: ignore[no-untyped-def]
    """The pages of ``text`` as a scanner sees them (grayscale images)."""
    from tests.scans import render_pages

    folder.mkdir(parents=True, exist_ok=True)
    pdf = write_pdf(text, folder / ".render.pdf")
    try:
        return render_pages(pdf, dpi=dpi)
    finally:
        pdf.unlink()


def zip_of(box: Path) -> Path:
    """The folder ``box`` zipped as people zip a folder: its name in front of every path."""
    target = box.with_suffix(".zip")
    with zipfile.ZipFile(target, "w") as out:
        for path in sorted(box.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(box.parent).as_posix())
    return target
