"""Deterministic Vietnamese administrative text for the benchmark corpus.

Every document is a pure function of ``(seed, kind, index)``, so any worker can
render any slice of the corpus and the result never depends on how the work was
split or how many documents a run asked for.

Documents follow the shape of real emulation-and-commendation papers: issuer
header, national motto, number and date, type and trích yếu, the legal bases
("Căn cứ …"), numbered articles, a list of awarded people and units, recipients
and signature.  About a third of them write tone marks the old way ("Uỷ ban",
"hoà", "thuỷ"), wholly or in part, as scanned archives do.
"""

from __future__ import annotations

import functools
import random
import re
import unicodedata
from collections.abc import Callable

# Bump when the text changes, so cached files are regenerated.
GENERATOR_VERSION = 1

PROVINCES = (
    "Lai Châu", "Nghệ An", "Tuyên Quang", "Bắc Kạn", "Quảng Ninh", "Đà Nẵng", "Hà Nội",
    "Thanh Hóa", "Khánh Hòa", "Thái Bình", "Hòa Bình", "Quảng Ngãi", "Cà Mau", "Đồng Tháp",
    "Lào Cai", "Yên Bái", "Hà Giang", "Sơn La", "Điện Biên", "Phú Thọ", "Vĩnh Phúc",
    "Bắc Ninh", "Hải Dương", "Hưng Yên", "Nam Định", "Ninh Bình", "Hà Tĩnh", "Quảng Bình",
    "Quảng Trị", "Thừa Thiên Huế", "Bình Định", "Phú Yên", "Gia Lai", "Kon Tum", "Đắk Lắk",
    "Lâm Đồng", "Bình Dương", "Đồng Nai", "Long An", "Tiền Giang", "Bến Tre", "Cần Thơ",
    "An Giang", "Kiên Giang", "Sóc Trăng",
)  # fmt: skip
DISTRICTS = (
    "Tam Đường", "Phong Thổ", "Sìn Hồ", "Quỳnh Lưu", "Diễn Châu", "Yên Sơn", "Chiêm Hóa",
    "Ba Bể", "Uông Bí", "Hòa Vang", "Thủy Nguyên", "Hoài Đức", "Quảng Xương", "Ninh Hòa",
    "Lương Sơn", "Bình Sơn", "Năm Căn", "Cao Lãnh", "Bảo Thắng", "Văn Chấn",
)  # fmt: skip
SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lò", "Vì", "Quàng",
)  # fmt: skip
MIDDLE = ("Văn", "Thị", "Đức", "Ngọc", "Minh", "Thanh", "Hữu", "Quốc", "Xuân", "Thu", "Kim")
GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Hương", "Lan", "Linh",
    "Long", "Mai", "Nam", "Nga", "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Thủy", "Trang",
    "Tuấn", "Việt", "Yến", "Hòa", "Thúy", "Khoa", "Toàn", "Thoa", "Khoa", "Duy", "Hòe",
)  # fmt: skip
JOB_TITLES = (
    "Chuyên viên", "Trưởng phòng", "Phó Trưởng phòng", "Giám đốc", "Phó Giám đốc",
    "Chánh Văn phòng", "Kế toán trưởng", "Giáo viên", "Bác sĩ", "Cán bộ địa chính",
    "Chủ tịch Ủy ban nhân dân xã", "Phó Chủ tịch Ủy ban nhân dân xã", "Trưởng thôn",
)  # fmt: skip
UNITS = (
    "Sở Nội vụ", "Sở Tài chính", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn", "Văn phòng Ủy ban nhân dân tỉnh",
    "Ban Thi đua - Khen thưởng tỉnh", "Bệnh viện Đa khoa tỉnh", "Công an tỉnh",
    "Chi cục Thủy lợi", "Trung tâm Văn hóa tỉnh", "Sở Tài nguyên và Môi trường",
    "Trường Trung học phổ thông chuyên", "Bộ Chỉ huy Quân sự tỉnh", "Kho bạc Nhà nước tỉnh",
    "Phòng Tổ chức - Hành chính", "Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh",
)  # fmt: skip
AWARDS = (
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen của Thủ tướng Chính phủ",
    "Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua của Chính phủ",
    "danh hiệu Chiến sĩ thi đua cơ sở", "danh hiệu Chiến sĩ thi đua cấp tỉnh",
    "danh hiệu Lao động tiên tiến", "danh hiệu Tập thể lao động xuất sắc",
    "Huân chương Lao động hạng Ba", "Huân chương Lao động hạng Nhì", "Giấy khen",
    "Kỷ niệm chương Vì sự nghiệp thi đua - khen thưởng",
)  # fmt: skip
MOVEMENTS = (
    "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
    "Toàn dân đoàn kết xây dựng đời sống văn hóa",
    "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Chung sức xây dựng nông thôn mới",
    "Doanh nghiệp Việt Nam hội nhập và phát triển",
    "Đổi mới, sáng tạo trong quản lý, sản xuất kinh doanh",
    "Vì an ninh Tổ quốc",
)
# (header, number suffix, authority line); {p} is a province, {d} a district.
ISSUERS = (
    ("ỦY BAN NHÂN DÂN\nTỈNH {P}", "QĐ-UBND", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {P}"),
    ("ỦY BAN NHÂN DÂN\nTỈNH {P}", "QĐ-UBND", "ỦY BAN NHÂN DÂN TỈNH {P}"),
    ("ỦY BAN NHÂN DÂN\nHUYỆN {D}", "QĐ-UBND", "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN {D}"),
    ("UBND TỈNH {P}\nSỞ NỘI VỤ", "QĐ-SNV", "GIÁM ĐỐC SỞ NỘI VỤ"),
    ("UBND TỈNH {P}\nBAN THI ĐUA - KHEN THƯỞNG", "QĐ-BTĐKT", "TRƯỞNG BAN THI ĐUA - KHEN THƯỞNG"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "QĐ-TTg", "THỦ TƯỚNG CHÍNH PHỦ"),
)
# Weighted: decisions dominate an award archive.
DOC_TYPES = (
    ("QUYẾT ĐỊNH", "QĐ"), ("QUYẾT ĐỊNH", "QĐ"), ("QUYẾT ĐỊNH", "QĐ"), ("QUYẾT ĐỊNH", "QĐ"),
    ("KẾ HOẠCH", "KH"), ("TỜ TRÌNH", "TTr"), ("HƯỚNG DẪN", "HD"), ("THÔNG BÁO", "TB"),
    ("BÁO CÁO", "BC"),
)  # fmt: skip
SUBJECTS = (
    "Về việc tặng {award}",
    "Về việc tặng {award} cho các tập thể, cá nhân",
    "Về việc công nhận {award} năm {y}",
    "Về việc đề nghị tặng {award}",
    "Về việc tổ chức phong trào thi đua yêu nước năm {y}",
    "Về việc khen thưởng thành tích xuất sắc trong công tác phòng, chống thiên tai",
    "Về việc ban hành Quy chế thi đua, khen thưởng trên địa bàn tỉnh {P}",
    'Về việc phát động phong trào thi đua "{movement}"',
    "Về việc khen thưởng đột xuất cho tập thể, cá nhân có thành tích xuất sắc",
)
BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số "
    "điều của Luật Thi đua, Khen thưởng ngày 16 tháng 11 năm 2013;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Nghị định số 42/2010/NĐ-CP ngày 15 tháng 4 năm 2010 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, Khen thưởng;",
    "Căn cứ Thông tư số 12/2019/TT-BNV ngày 04 tháng 11 năm 2019 của Bộ Nội vụ quy định chi "
    "tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP;",
    "Căn cứ Quyết định số {n}/{y}/QĐ-UBND ngày {date} của Ủy ban nhân dân tỉnh ban hành Quy "
    "chế thi đua, khen thưởng trên địa bàn tỉnh {P};",
)
PROPOSALS = (
    "Xét đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh tại Tờ trình số {n}/TTr-BTĐKT "
    "ngày {date},",
    "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số {n}/TTr-SNV ngày {date},",
    "Theo đề nghị của Hội đồng Thi đua - Khen thưởng tỉnh,",
)
# Body sentences; the corpus is mostly these, recombined.
SENTENCES = (
    "Tặng {award} cho {k} tập thể và {k2} cá nhân (có danh sách kèm theo) đã có thành tích "
    "xuất sắc trong phong trào thi đua yêu nước năm {y}.",
    "Mỗi tập thể được tặng Bằng khen kèm theo tiền thưởng {money} đồng; mỗi cá nhân được tặng "
    "Bằng khen kèm theo tiền thưởng {money2} đồng, từ nguồn quỹ thi đua, khen thưởng của tỉnh.",
    "Chánh Văn phòng Ủy ban nhân dân tỉnh, Trưởng Ban Thi đua - Khen thưởng tỉnh, Thủ trưởng "
    "các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách "
    "nhiệm thi hành Quyết định này./.",
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Tạo khí thế thi đua sôi nổi trong cán bộ, đảng viên và các tầng lớp nhân dân nhằm thực "
    "hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh "
    "trên địa bàn tỉnh {P}.",
    "Công tác thi đua, khen thưởng phải bảo đảm chính xác, công khai, công bằng, kịp thời; "
    "khen thưởng đúng người, đúng thành tích.",
    'Đẩy mạnh phong trào thi đua "{movement}" trong toàn tỉnh.',
    "Phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến, gương người tốt, "
    "việc tốt trong phong trào thi đua yêu nước.",
    "Thực hiện tốt công tác phòng, chống thiên tai, thủy lợi và bảo vệ môi trường, bảo đảm an "
    "toàn cho người và tài sản của nhân dân.",
    "Chú trọng khen thưởng người lao động trực tiếp, công nhân, nông dân, chiến sĩ và cán bộ "
    "cơ sở có thành tích xuất sắc.",
    "Hội đồng Thi đua - Khen thưởng tỉnh có trách nhiệm hướng dẫn, kiểm tra, đôn đốc việc tổ "
    "chức thực hiện Kế hoạch này.",
    "Sở Tài chính bố trí kinh phí từ quỹ thi đua, khen thưởng để thực hiện theo quy định.",
    "Ghi nhận thành tích trong công tác bảo đảm an ninh trật tự, giữ gìn hòa bình và ổn định "
    "xã hội tại địa phương.",
    "Chăm sóc sức khỏe nhân dân, phát triển văn hóa, thể dục thể thao và hòa giải ở cơ sở "
    "được quan tâm thường xuyên.",
    "Năm {y}, {unit} đã hoàn thành xuất sắc nhiệm vụ được giao, được Ủy ban nhân dân tỉnh tặng "
    "Cờ thi đua.",
    "Ông {name}, {job}, {unit}, đã hoàn thành xuất sắc nhiệm vụ năm {y}, được đề nghị tặng "
    "{award}.",
    "Bà {name}, {job}, {unit}, có sáng kiến được Hội đồng sáng kiến cấp tỉnh công nhận.",
    "Các cơ quan, đơn vị gửi hồ sơ đề nghị khen thưởng về Ban Thi đua - Khen thưởng tỉnh "
    "trước ngày {date} để tổng hợp, trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định.",
    "Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm về tính chính xác của hồ sơ, thành tích "
    "đề nghị khen thưởng.",
    "Việc xét tặng danh hiệu thi đua, hình thức khen thưởng phải căn cứ vào kết quả phong trào "
    "thi đua, thành tích đạt được và tiêu chuẩn theo quy định của Luật Thi đua, khen thưởng.",
    "Thực hiện Chỉ thị số {n}/CT-TTg ngày {date} của Thủ tướng Chính phủ về việc phát động thi "
    "đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm {y}.",
    "Phát triển sản xuất thủy sản, nông nghiệp công nghệ cao gắn với xây dựng nông thôn mới "
    "và đô thị văn minh.",
    "Kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích tiêu biểu, xuất sắc "
    "trong khối thi đua các sở, ban, ngành tỉnh.",
)
RECIPIENTS = (
    "- Như Điều 3;",
    "- TT. Tỉnh ủy;",
    "- TT. HĐND tỉnh;",
    "- Chủ tịch, các PCT UBND tỉnh;",
    "- Ban Thi đua - Khen thưởng Trung ương;",
    "- Cổng thông tin điện tử tỉnh;",
    "- Lưu: VT, TĐKT.",
)
SIGNATURES = (
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", 3),
    ("CHỦ TỊCH", 2),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", 2),
    ("GIÁM ĐỐC", 1),
    ("TRƯỞNG BAN", 1),
)

_WORD = re.compile(r"\w+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# New-style open oa/oe/uy syllables ("hòa", "Ủy"), tone on the first vowel; after "q"
# the "u" belongs to the consonant, so "quý" is left alone.
_NEW_STYLE = re.compile(
    rf"(?<![qQ])([oO](?=[{_TONES}][aAeE])|[uU](?=[{_TONES}][yY]))([{_TONES}])(\w)(?!\w)"
)
# What one printed A4 page holds at 11 pt, with room to spare for wrapping.
PAGE_LINES = 40
LINE_CHARS = 82


# A budget counts every line so far each time it is asked; the lines themselves repeat.
@functools.lru_cache(maxsize=8192)
def syllable_count(text: str) -> int:
    """How many syllables (runs of word characters) ``text`` holds."""
    return len(_WORD.findall(text))


class _Writer:
    """Fills the template slots of one document from its own random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.province = rng.choice(PROVINCES)
        self.district = rng.choice(DISTRICTS)
        self.year = rng.randint(2005, 2024)

    def date(self) -> str:
        return f"{self.rng.randint(1, 28)} tháng {self.rng.randint(1, 12)} năm {self.year}"

    def short_date(self) -> str:
        return f"{self.rng.randint(1, 28):02d}/{self.rng.randint(1, 12):02d}/{self.year}"

    def name(self) -> str:
        rng = self.rng
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    def money(self) -> str:
        return f"{self.rng.randint(5, 60) * 115:,}.000".replace(",", ".")

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            P=self.province,
            D=self.district,
            y=self.year,
            n=rng.randint(1, 2999),
            k=rng.randint(2, 40),
            k2=rng.randint(2, 90),
            date=rng.choice((self.date, self.short_date))(),
            award=rng.choice(AWARDS),
            movement=rng.choice(MOVEMENTS),
            money=self.money(),
            money2=self.money(),
            unit=rng.choice(UNITS),
            job=rng.choice(JOB_TITLES),
            name=self.name(),
        )


def _header(w: _Writer) -> list[str]:
    rng = w.rng
    header, suffix, authority = rng.choice(ISSUERS)
    doc_type, code = rng.choice(DOC_TYPES)
    suffix = suffix.replace("QĐ", code, 1)
    number = f"{rng.randint(1, 2999)}/{w.year}/{suffix}" if rng.random() < 0.2 else None
    number = number or f"{rng.randint(1, 2999)}/{suffix}"
    place = w.province if "TỈNH" in header else "Hà Nội"
    return [
        w.fill(header).upper(),
        "-------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        f"Số: {number}",
        f"{place}, ngày {w.date()}",
        "",
        doc_type,
        w.fill(rng.choice(SUBJECTS)),
        "",
        w.fill(authority).upper(),
        "",
        *(w.fill(b) for b in rng.sample(BASES, rng.randint(3, 5))),
        w.fill(rng.choice(PROPOSALS)),
        "",
        f"{doc_type}:",
        "",
    ]


Fits = Callable[[list[str]], bool]


def syllable_budget(budget: int) -> Fits:
    """Keep adding lines while the syllables so far stay under ``budget``."""
    return lambda lines: sum(syllable_count(line) for line in lines) < budget


def page_budget(fixed: list[str]) -> Fits:
    """Keep adding lines while they and ``fixed`` still print on one A4 page."""
    fixed_lines = printed_lines(fixed)
    return lambda lines: fixed_lines + printed_lines(lines) <= PAGE_LINES


def printed_lines(lines: list[str]) -> int:
    """How many printed lines ``lines`` take once wrapped."""
    return sum(max(1, -(-len(line) // LINE_CHARS)) for line in lines)


def _articles(w: _Writer, fits: Fits) -> list[str]:
    """Numbered articles of a few sentences each, while they fit."""
    lines: list[str] = []
    while True:
        body = " ".join(w.fill(w.rng.choice(SENTENCES)) for _ in range(w.rng.randint(1, 3)))
        candidate = [*lines, f"Điều {len(lines) + 1}. {body}"]
        if not fits(candidate):
            return lines
        lines = candidate


def _award_list(w: _Writer, fits: Fits) -> list[str]:
    """The list of awarded people and units annexed to a decision, while it fits."""
    lines = [
        "DANH SÁCH",
        f"TẶNG {w.rng.choice(AWARDS).upper()}",
        f"(Kèm theo Quyết định số {w.rng.randint(1, 2999)}/QĐ-UBND ngày {w.short_date()})",
        "I. TẬP THỂ",
    ]
    while True:
        entry = len(lines) - 3
        if entry % 4 == 0:
            line = f"{entry}. {w.rng.choice(UNITS)} tỉnh {w.province};"
        else:
            line = f"{entry}. {w.name()}, {w.rng.choice(JOB_TITLES)}, {w.rng.choice(UNITS)};"
        if not fits([*lines, line]):
            return lines
        lines.append(line)


def _footer(w: _Writer) -> list[str]:
    signature = w.rng.choices([s for s, _ in SIGNATURES], [n for _, n in SIGNATURES])[0]
    return ["", "Nơi nhận:", *RECIPIENTS, "", signature, "(Đã ký)", w.name()]


def _tone_style(rng: random.Random) -> Callable[[str], str]:
    """Old-style tone placement for a third of documents, in some of them only partly."""
    roll = rng.random()
    if roll < 0.65:
        return lambda text: text
    share = 1.0 if roll < 0.85 else 0.5
    return lambda text: old_tones(text, rng, share)


def old_tones(text: str, rng: random.Random, share: float = 1.0) -> str:
    """Write ``share`` of the open oa/oe/uy syllables the old way: "Ủy" → "Uỷ"."""

    def move(match: re.Match[str]) -> str:
        if rng.random() >= share:
            return match.group(0)
        first, tone, second = match.groups()
        return first + second + tone

    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(move, decomposed))


def document_rng(seed: int, kind: str, index: int) -> random.Random:
    """The random stream of one document, independent of every other document."""
    return random.Random(f"hoso-bench:{GENERATOR_VERSION}:{seed}:{kind}:{index}")


def plain_document(seed: int, index: int, syllables: int = 1200) -> str:
    """One plain-text document of about ``syllables`` syllables."""
    rng = document_rng(seed, "plain", index)
    w = _Writer(rng)
    head = _header(w)
    foot = _footer(w)
    fixed = sum(syllable_count(line) for line in head + foot)
    remaining = max(0, syllables - fixed)
    articles = _articles(w, syllable_budget(remaining * 2 // 3))
    listed = _award_list(w, syllable_budget(remaining - sum(syllable_count(a) for a in articles)))
    text = "\n".join([*head, *articles, *foot, "", *listed]) + "\n"
    return _tone_style(rng)(text)


def pdf_pages(seed: int, index: int) -> list[str]:
    """The two pages of one PDF: the decision, then its annexed list, each filling A4."""
    rng = document_rng(seed, "pdf", index)
    w = _Writer(rng)
    head = _header(w)
    foot = _footer(w)
    first = [*head, *_articles(w, page_budget(head + foot)), *foot]
    second = _award_list(w, page_budget([]))
    style = _tone_style(rng)
    return [style("\n".join(first)), style("\n".join(second))]
