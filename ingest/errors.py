"""Why a file was refused, in words an archivist understands (Vietnamese, or English)."""

from __future__ import annotations

from typing import Any

# code -> (Vietnamese, English); ``{…}`` fields come from the rejection's details.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty_file": (
        "Tệp {filename} rỗng (0 byte): không có nội dung để lưu trữ.",
        "{filename} is empty (0 bytes): there is nothing to archive.",
    ),
    "too_large": (
        "Tệp {filename} nặng {size_mb} MB, vượt giới hạn {limit_mb} MB cho một tệp.",
        "{filename} is {size_mb} MB, over the {limit_mb} MB limit for one file.",
    ),
    "unsupported_type": (
        "Tệp {filename} là «{detected}» ({mime}), không phải loại được lưu trữ "
        "(PDF, DOCX, DOC, ODT, RTF, TXT, JPEG, PNG, TIFF).",
        "{filename} is “{detected}” ({mime}), not a type the archive keeps "
        "(PDF, DOCX, DOC, ODT, RTF, TXT, JPEG, PNG, TIFF).",
    ),
    "encrypted_pdf": (
        "Tệp PDF {filename} được đặt mật khẩu (mã hóa): hãy gỡ mật khẩu rồi tải lên lại.",
        "The PDF {filename} is password-protected (encrypted): remove the password and upload "
        "it again.",
    ),
    "truncated_pdf": (
        "Tệp PDF {filename} bị cắt cụt (thiếu phần cuối tệp): có thể tải lên hoặc sao chép "
        "chưa xong. Hãy lấy lại bản đầy đủ.",
        "The PDF {filename} is truncated (its end is missing): the upload or copy did not "
        "finish. Fetch the complete file again.",
    ),
    "corrupt_file": (
        "Tệp {filename} bị hỏng hoặc không đầy đủ ({kind}): {detail}. Hãy kiểm tra lại bản gốc.",
        "{filename} is damaged or incomplete ({kind}): {detail}. Check the original.",
    ),
    "truncated_image": (
        "Tệp ảnh {filename} bị cắt cụt hoặc hỏng (trang {page}): có thể quét hoặc sao chép "
        "chưa xong. Hãy lấy lại bản đầy đủ.",
        "The image {filename} is truncated or damaged (page {page}): the scan or copy did not "
        "finish. Fetch the complete file again.",
    ),
    "image_too_large": (
        "Tệp ảnh {filename} có {megapixels} triệu điểm ảnh ở trang {page}, vượt giới hạn "
        "{limit} triệu (khổ A0 quét 300 dpi là khoảng 140 triệu).",
        "The image {filename} has {megapixels} megapixels on page {page}, over the limit of "
        "{limit} (an A0 sheet at 300 dpi is about 140).",
    ),
    "too_many_pages": (
        "Tệp {filename} có {pages} trang, vượt giới hạn {limit} trang cho một tệp.",
        "{filename} has {pages} pages, over the limit of {limit} for one file.",
    ),
    "unsafe_archive": (
        "Tệp nén {filename}: mục «{entry}» bị từ chối ({reason}).",
        "Archive {filename}: entry “{entry}” refused ({reason}).",
    ),
    "unsafe_document": (
        "Tệp {filename} ({kind}) bị từ chối: {reason}. Tệp văn bản thật không như vậy; "
        "hãy lưu lại từ phần mềm soạn thảo rồi tải lên lại.",
        "{filename} ({kind}) refused: {reason}. A real document is not like this; save it "
        "again from the word processor and upload it again.",
    ),
    "not_in_manifest": (
        "Tệp {filename} có trong hộp nhưng không có dòng nào trong bảng kê.",
        "{filename} is in the box but no row of the manifest names it.",
    ),
    "missing_file": (
        "Bảng kê (dòng {row}) ghi tệp {filename} nhưng trong hộp không có tệp này.",
        "The manifest (row {row}) names {filename}, which is not in the box.",
    ),
    "bad_manifest_value": (
        "Bảng kê (dòng {row}), tệp {filename}: {detail}",
        "Manifest row {row}, {filename}: {detail}",
    ),
    "unreadable": (
        "Không đọc được tệp {filename}: {detail}.",
        "Cannot read {filename}: {detail}.",
    ),
}


class Rejected(Exception):
    """The file is not archived; ``code`` is stable, ``message()`` is for people."""

    def __init__(self, code: str, **details: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown rejection code {code!r}")
        self.code = code
        self.details = details
        super().__init__(self.message())

    def message(self, lang: str = "vi") -> str:
        """The reason in Vietnamese (``vi``) or English (``en``)."""
        vi, en = MESSAGES[self.code]
        template = en if lang == "en" else vi
        return template.format_map(_Defaults(self.details))

    def to_json(self, lang: str = "vi") -> dict[str, str]:
        """The API's error shape."""
        return {"code": self.code, "message": self.message(lang)}


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "?"
