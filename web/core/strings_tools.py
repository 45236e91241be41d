"""Strings of awards, links, OCR, jobs, review, import, audit and alerts (vi, en).

Vietnamese labels of states and actions come from the domain's own tables.
"""

from __future__ import annotations

from archive.jobs import STATE_LABELS

JOB_STATES_EN = {"queued": "Queued", "running": "Running", "done": "Done", "failed": "Failed"}
IMPORT_STATUS_EN = {
    "created": "Archived",
    "duplicate": "Duplicate, not stored again",
    "rejected": "Rejected",
    "skipped": "Imported by an earlier run",
    "missing": "In the manifest but no file",
    "would_create": "Would be archived (dry run)",
    "manifest": "A manifest, not archived as a document",
}
IMPORT_OCR_EN = {
    "done": "Text read (OCR)",
    "failed": "OCR failed: see «hoso jobs --state failed»",
    "queued": "Waiting for a worker to read the text («hoso worker»)",
    "skipped": "Another worker is reading the text",
}
AUDIT_EN = {
    "upload": "Uploaded", "view": "Viewed", "download": "Downloaded", "edit": "Edited metadata",
    "signin": "Signed in", "signin_failed": "Failed sign-in", "signout": "Signed out",
    "user_add": "Added an account", "token_create": "Created an API token",
    "hold_place": "Placed a hold", "hold_lift": "Lifted a hold",
    "disposal_propose": "Proposed a disposal list", "disposal_approve": "Approved a disposal list",
    "disposal_reject": "Rejected a disposal list", "disposal_destroy": "Destroyed a record",
    "disposal_transfer": "Transferred a record", "fixity": "Fixity check",
    "fixity_failed": "Fixity check: FAILED", "alert_resolve": "Resolved an alert",
    "dossier_create": "Opened a dossier", "dossier_edit": "Changed a dossier",
    "retention_set": "Set a retention period", "setting_change": "Changed a setting",
}  # fmt: skip

TOOLS: dict[str, tuple[str, str]] = {
    # Navigation
    "nav.awards": ("Tra cứu khen thưởng", "Awards"),
    "nav.dossiers": ("Hồ sơ", "Dossiers"),
    "nav.manage": ("Quản lý lưu trữ", "Records management"),
    "nav.import": ("Nhập hàng loạt", "Bulk import"),
    "nav.review": ("Cần kiểm tra", "Needs review"),
    "nav.jobs": ("Việc nền", "Background jobs"),
    "nav.disposition": ("Xử lý hết hạn", "Disposition"),
    "nav.audit": ("Nhật ký", "Audit trail"),
    # Search syntax
    "syntax.recipient": ("Theo người, tập thể được khen", "By award recipient"),
    "syntax.award_year": ("Theo năm được khen", "By award year"),
    "syntax.dossier": ("Trong một hồ sơ (theo mã hồ sơ)", "Within one dossier (by its code)"),
    # Awards
    "awards.title": ("Tra cứu khen thưởng", "Award look-up"),
    "awards.lead": (
        "Ai được khen thưởng, hình thức gì, năm nào, theo quyết định nào.",
        "Who received which award, when, and by which decision.",
    ),
    "awards.person": ("Cá nhân, tập thể", "Person or collective"),
    "awards.person_hint": (
        "Ví dụ: lo thi huong (không dấu cũng được)",
        "e.g. lo thi huong (accents optional)",
    ),
    "awards.form_hint": ("Ví dụ: Bằng khen", "e.g. Bằng khen"),
    "awards.unit": ("Đơn vị", "Unit"),
    "awards.clear": ("Bỏ lọc", "Clear"),
    "awards.total": ("{n} lượt khen thưởng", "{n} awards"),
    "awards.total.one": ("{n} lượt khen thưởng", "{n} award"),
    "awards.decision": ("Quyết định", "Decision"),
    "awards.none": ("Không có lượt khen thưởng nào khớp.", "No award matches."),
    "awards.search_hint": ("Tìm cả văn bản theo khen thưởng:", "Search documents by award too:"),
    # Related documents
    "related.title": ("Văn bản liên quan", "Related documents"),
    "related.references": ("Văn bản được dẫn trong tài liệu này", "Documents this record names"),
    "related.cites": ("Viện dẫn", "Cites"),
    "related.cited_by": ("Được viện dẫn bởi", "Cited by"),
    "related.not_archived": ("chưa có trong kho", "not archived"),
    "related.none": (
        "Tài liệu không viện dẫn văn bản nào, và chưa văn bản nào viện dẫn nó.",
        "This record cites nothing, and nothing cites it yet.",
    ),
    # OCR
    "ocr.title": ("Nhận dạng chữ (OCR)", "Text recognition (OCR)"),
    "ocr.source.pending": ("chờ OCR", "awaiting OCR"),
    "ocr.source.ocr": ("OCR · tin cậy {n}%", "OCR · confidence {n}%"),
    "ocr.page_pending": (
        "Trang này đang chờ nhận dạng chữ; văn bản sẽ có khi việc nền chạy xong.",
        "This page awaits recognition; its text appears when the background job ends.",
    ),
    "ocr.confidence_hint": (
        "Trang nhận dạng có độ tin cậy dưới {n}% cần đối chiếu với bản quét.",
        "Recognised pages under {n}% confidence need checking against the scan.",
    ),
    "ocr.searchable": ("Xem bản PDF tìm kiếm được", "View the searchable PDF"),
    "ocr.searchable_viewer": (
        "Bản PDF tìm kiếm được (OCR) của {name}",
        "Searchable PDF (OCR) of {name}",
    ),
    "ocr.no_searchable": (
        "Tài liệu này chưa có bản PDF tìm kiếm được.",
        "This record has no searchable PDF.",
    ),
    "upload.ocr_queued": (
        "Bản quét: đã xếp hàng nhận dạng chữ (OCR), văn bản sẽ có sau.",
        "Scan: text recognition (OCR) queued; the text follows.",
    ),
    # Jobs
    "jobs.title": ("Việc nền", "Background jobs"),
    "jobs.lead": (
        "Nhận dạng chữ các bản quét chạy nền; việc lỗi có thể chạy lại.",
        "Scans are recognised in the background; failed jobs can be retried.",
    ),
    "jobs.filter": ("Lọc theo trạng thái", "Filter by state"),
    "jobs.all": ("Tất cả", "All"),
    "jobs.kind": ("Loại việc", "Kind"),
    "jobs.kind.ocr": ("Nhận dạng chữ (OCR)", "Text recognition (OCR)"),
    "jobs.kind.import": ("Nhập hàng loạt", "Bulk import"),
    "jobs.state": ("Trạng thái", "State"),
    "jobs.created": ("Tạo lúc", "Created"),
    "jobs.finished": ("xong lúc {at}", "ended {at}"),
    "jobs.progress": ("trang {progress}", "page {progress}"),
    "jobs.attempts": ("lần chạy thứ {n}", "attempt {n}"),
    "jobs.retry": ("Chạy lại", "Retry"),
    "jobs.none": ("Không có việc nền nào.", "No background jobs."),
    "jobs.requeued": ("Đã xếp việc #{id} chạy lại.", "Job #{id} queued again."),
    "jobs.not_failed": (
        "Việc #{id} không ở trạng thái lỗi nên không chạy lại.",
        "Job #{id} has not failed, so it is not retried.",
    ),
    **{f"job.state.{k}": (v, JOB_STATES_EN[k]) for k, v in STATE_LABELS.items()},
    # Review
    "review.title": ("Cần kiểm tra / quét lại", "Needs checking / rescanning"),
    "review.lead": (
        "Tài liệu có trang nhận dạng chữ với độ tin cậy dưới {n}%: đối chiếu với bản quét, sửa, hoặc quét lại rõ hơn.",
        "Records with a recognised page under {n}% confidence: check against the scan, correct, or rescan.",
    ),
    "review.pages": ("Trang cần xem", "Pages to check"),
    "review.page": ("trang {page}: {n}%", "page {page}: {n}%"),
    "review.none": ("Không có tài liệu nào cần kiểm tra.", "Nothing needs checking."),
    "review.threshold": (
        "Ngưỡng {n}% do quản trị đặt (HOSO_OCR_REVIEW_CONFIDENCE).",
        "The {n}% threshold is set by the administrator (HOSO_OCR_REVIEW_CONFIDENCE).",
    ),
}
