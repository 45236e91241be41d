"""Strings of the bulk import, the audit trail and alerts (vi, en)."""

from __future__ import annotations

from archive.audit import ACTION_LABELS
from ingest.plan import OCR_LABELS, STATUS_LABELS
from web.core.strings_tools import AUDIT_EN, IMPORT_OCR_EN, IMPORT_STATUS_EN

WORK: dict[str, tuple[str, str]] = {
    # Import
    "import.title": ("Nhập hàng loạt", "Bulk import"),
    "import.lead": (
        "Nhập cả một hộp hồ sơ đã quét (tệp ZIP) cùng bảng kê; chạy thử để kiểm tra trước khi ghi.",
        "Import a whole box of scanned records (a ZIP) with its manifest; do a dry run first to check.",
    ),
    "import.box": ("Hộp hồ sơ (tệp ZIP)", "Box (ZIP file)"),
    "import.box_hint": (
        "Các thư mục trong ZIP được giữ làm đường dẫn của tệp.",
        "Folders inside the ZIP are kept as the files' paths.",
    ),
    "import.manifest": (
        "Bảng kê (CSV hoặc XLSX, không bắt buộc)",
        "Manifest (CSV or XLSX, optional)",
    ),
    "import.manifest_hint": (
        "Mỗi dòng một tệp; cột «tệp» ghi đường dẫn trong ZIP.",
        "One row per file; the “tệp” column names its path in the ZIP.",
    ),
    "import.dry_run": ("Chạy thử (không ghi gì vào kho)", "Dry run (write nothing)"),
    "import.dry_run_short": ("chạy thử", "dry run"),
    "import.dry_run_hint": (
        "Kiểm tra hộp và bảng kê: tệp nào sẽ lưu, trùng, bị từ chối hay thiếu.",
        "Check the box and manifest: what would be archived, duplicated, refused or missing.",
    ),
    "import.start": ("Bắt đầu nhập", "Start import"),
    "import.columns": ("Cột của bảng kê", "Manifest columns"),
    "import.columns_hint": (
        "Tiêu đề cột viết có dấu hay không dấu đều được; cột lạ được báo lại.",
        "Headers with or without accents; unknown columns are reported.",
    ),
    "import.col.file": ("Đường dẫn tệp trong hộp (bắt buộc)", "File path in the box (required)"),
    "import.col.number": ("Số, ký hiệu văn bản", "Document number"),
    "import.col.issued_date": ("Ngày ban hành, dd/mm/yyyy", "Date issued, dd/mm/yyyy"),
    "import.col.doc_type": ("Loại văn bản", "Document type"),
    "import.col.subject": ("Trích yếu", "Subject"),
    "import.col.dossier_id": ("Mã hồ sơ (lập mới nếu chưa có)", "Dossier code (opened when new)"),
    "import.col.pages": (
        "Số trang, để phát hiện trang sót khi quét",
        "Page count, to catch missed pages",
    ),
    "import.col.notes": ("Ghi chú, chép vào báo cáo", "Notes, copied to the report"),
    "import.recent": ("Các lần nhập gần đây", "Recent imports"),
    "import.no_box": ("Chưa chọn tệp ZIP của hộp hồ sơ.", "No ZIP box was chosen."),
    "import.not_zip": ("Tệp {name} không phải tệp ZIP.", "{name} is not a ZIP file."),
    "import.bad_zip": (
        "Tệp ZIP bị hỏng hoặc không đọc được; hãy nén lại hộp hồ sơ.",
        "The ZIP is damaged or unreadable; pack the box again.",
    ),
    "import.bad_manifest_type": (
        "Bảng kê {name} phải là tệp CSV hoặc XLSX.",
        "The manifest {name} must be a CSV or XLSX file.",
    ),
    "import.failed": (
        "Việc nhập dừng vì lỗi ngoài dự kiến; báo quản trị. Chạy lại sẽ tiếp tục phần còn lại.",
        "The import stopped on an unexpected error; tell the administrator. Running it again resumes.",
    ),
    "import.unknown": (
        "Không có lần nhập này (máy chủ có thể đã khởi động lại).",
        "No such import (the server may have restarted).",
    ),
    "import.no_report": (
        "Lần nhập chưa xong nên chưa có báo cáo.",
        "The import has not ended, so there is no report yet.",
    ),
    "import.run_title": ("Nhập hộp {name}", "Importing {name}"),
    "import.with_manifest": ("bảng kê {name}", "manifest {name}"),
    "import.progress": ("Tiến độ", "Progress"),
    "import.count": ("Đã xử lý {done}/{total} tệp", "{done} of {total} files done"),
    "import.reload": ("Tải lại để xem tiến độ", "Reload to see progress"),
    "import.state.queued": ("Đang chờ worker", "Waiting for a worker"),
    "import.state.running": ("Đang chạy", "Running"),
    "import.state.done": ("Xong", "Done"),
    "import.state.failed": ("Dừng vì lỗi", "Stopped"),
    "import.state.cancelled": ("Đã hủy theo yêu cầu", "Cancelled"),
    "import.cancel": ("Dừng lần nhập", "Stop the import"),
    "import.cancel_asked": ("Đang dừng…", "Stopping…"),
    "import.summary": ("Kết quả", "Summary"),
    "import.problems": ("Lưu ý về bảng kê", "About the manifest"),
    "import.file": ("Tệp", "File"),
    "import.result": ("Kết quả", "Result"),
    "import.detail": ("Diễn giải", "Details"),
    "import.report": ("Tải báo cáo (CSV)", "Download report (CSV)"),
    **{f"import.status.{k}": (v, IMPORT_STATUS_EN[k]) for k, v in STATUS_LABELS.items()},
    **{f"import.ocr.{k}": (v, IMPORT_OCR_EN[k]) for k, v in OCR_LABELS.items()},
    # Audit trail
    "audit.title": ("Nhật ký hệ thống", "Audit trail"),
    "audit.lead": (
        "Mọi thao tác, nối với nhau bằng mã băm: sửa hay xóa một dòng đều bị phát hiện.",
        "Every action, chained by hashes: an altered or removed entry is detected.",
    ),
    "audit.record": ("Mã tài liệu", "Record"),
    "audit.details": ("Chi tiết", "Details"),
    "audit.any_action": ("Mọi thao tác", "Any action"),
    "audit.since": ("Từ ngày", "From"),
    "audit.until": ("Đến ngày", "To"),
    "audit.filter": ("Lọc", "Filter"),
    "audit.export": ("Xuất CSV", "Export CSV"),
    "audit.verify": ("Kiểm tra tính toàn vẹn", "Verify the chain"),
    "audit.intact": (
        "Chuỗi nhật ký nguyên vẹn: không có sự kiện nào bị sửa hay xóa.",
        "The chain is intact: no event was altered or removed.",
    ),
    "audit.broken": ("Chuỗi nhật ký bị phá vỡ ở {n} chỗ:", "The chain is broken in {n} place(s):"),
    "audit.none": ("Không có sự kiện nào khớp.", "No event matches."),
    "audit.more": (
        "Chỉ hiện 300 sự kiện mới nhất; thu hẹp bộ lọc hoặc xuất CSV để xem hết.",
        "Only the newest 300 events are shown; narrow the filter or export CSV.",
    ),
    **{f"audit.{k}": (v, AUDIT_EN.get(k, k)) for k, v in ACTION_LABELS.items()},
    # Alerts
    "alert.title": ("{n} cảnh báo chưa xử lý", "{n} open alerts"),
    "alert.title.one": ("{n} cảnh báo chưa xử lý", "{n} open alert"),
    "alert.lead": (
        "Kiểm tra toàn vẹn phát hiện bản gốc bị thay đổi hoặc mất.",
        "Fixity checks found originals changed or lost.",
    ),
    "alert.kind.fixity_mismatch": ("Bản gốc bị thay đổi", "Original changed"),
    "alert.kind.fixity_missing": ("Mất bản gốc", "Original missing"),
    "alert.note": ("Đã xử lý thế nào (ghi vào nhật ký)", "What was done (goes to the audit trail)"),
    "alert.resolve": ("Đánh dấu đã xử lý", "Mark resolved"),
    "alert.need_note": (
        "Ghi rõ đã xử lý cảnh báo thế nào (ít nhất 5 ký tự).",
        "Say how the alert was dealt with (at least 5 characters).",
    ),
    "alert.resolved": ("Đã đóng cảnh báo #{id}.", "Alert #{id} resolved."),
    "alert.gone": ("Cảnh báo #{id} không còn mở.", "Alert #{id} is no longer open."),
}
