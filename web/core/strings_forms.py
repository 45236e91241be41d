"""Strings of the upload, account and administration pages: key -> (Vietnamese, English)."""

from __future__ import annotations

FORMS: dict[str, tuple[str, str]] = {
    # Upload
    "upload.title": ("Tiếp nhận tài liệu", "Upload documents"),
    "upload.lead": (
        "Chọn hoặc kéo thả nhiều tệp cùng lúc. Hệ thống kiểm tra định dạng, phát hiện bản trùng và tự đọc thông tin văn bản.",
        "Choose or drop several files at once. Formats are checked, duplicates found and document details read automatically.",
    ),
    "upload.step.files": ("1. Tệp tài liệu", "1. Files"),
    "upload.step.meta": ("2. Thông tin chung cho cả đợt", "2. Details for the whole batch"),
    "upload.meta_hint": (
        "Không bắt buộc. Để trống thì hệ thống tự trích xuất từ văn bản; giá trị nhập tay được ưu tiên và áp dụng cho mọi tệp trong đợt.",
        "Optional. Leave empty to read them from the text; entered values win and apply to every file of the batch.",
    ),
    "upload.drop": (
        "Kéo thả tệp vào đây, hoặc bấm để chọn tệp",
        "Drop files here, or click to choose",
    ),
    "upload.types": (
        "PDF, DOCX, DOC, ODT, RTF, TXT, JPEG, PNG, TIFF · tối đa {limit} mỗi tệp",
        "PDF, DOCX, DOC, ODT, RTF, TXT, JPEG, PNG, TIFF · up to {limit} each",
    ),
    "upload.not_secret": ("Không mật", "Not confidential"),
    "upload.submit": ("Tải lên và lưu trữ", "Upload and archive"),
    "upload.results": ("Kết quả tiếp nhận", "Upload results"),
    "upload.waiting": ("Chờ tải lên", "Waiting"),
    "upload.sending": ("Đang tải lên… {pct}%", "Uploading… {pct}%"),
    "upload.processing": ("Đang xử lý…", "Processing…"),
    "upload.created": ("Đã lưu trữ", "Archived"),
    "upload.duplicate": ("Đã có trong kho (bản trùng)", "Already archived (duplicate)"),
    "upload.rejected": ("Bị từ chối", "Rejected"),
    "upload.open": ("mở tài liệu", "open record"),
    "upload.open_existing": ("mở tài liệu đã có", "open existing record"),
    "upload.failed": (
        "Không gửi được tệp (mất kết nối?). Hãy thử lại.",
        "The file could not be sent (connection lost?). Try again.",
    ),
    "upload.too_large": (
        "Tệp vượt giới hạn dung lượng cho một tệp.",
        "The file is over the size limit for one file.",
    ),
    "upload.summary": (
        "Xong: {created} đã lưu, {duplicate} trùng, {rejected} bị từ chối.",
        "Done: {created} archived, {duplicate} duplicates, {rejected} rejected.",
    ),
    "upload.no_files": ("Chưa chọn tệp nào để tải lên.", "No file was chosen."),
    "upload.remove": ("Bỏ tệp này", "Remove this file"),
    # Account
    "account.title": ("Tài khoản của tôi", "My account"),
    "account.password": ("Đổi mật khẩu", "Change password"),
    "account.current": ("Mật khẩu hiện tại", "Current password"),
    "account.new": ("Mật khẩu mới", "New password"),
    "account.new_hint": ("Ít nhất 10 ký tự.", "At least 10 characters."),
    "account.confirm": ("Nhập lại mật khẩu mới", "Repeat the new password"),
    "account.save": ("Đổi mật khẩu", "Change password"),
    "account.wrong_current": ("Mật khẩu hiện tại không đúng.", "The current password is wrong."),
    "account.mismatch": (
        "Hai lần nhập mật khẩu mới không khớp nhau.",
        "The two new passwords differ.",
    ),
    "account.password_changed": ("Đã đổi mật khẩu.", "Password changed."),
    "account.token": ("Mã truy cập API", "API access token"),
    "account.token_hint": (
        "Dùng cho phần mềm kết nối với kho qua API (tiêu đề Authorization: Bearer). Mã có quyền như tài khoản của bạn.",
        "For programs using the API (Authorization: Bearer header). A token has your account's rights.",
    ),
    "account.token_once": (
        "Hãy lưu mã này ngay: hệ thống không hiển thị lại lần nào nữa.",
        "Save this token now: it will not be shown again.",
    ),
    "account.token_label": ("Ghi chú (mã dùng cho việc gì)", "Label (what the token is for)"),
    "account.token_placeholder": (
        "Ví dụ: phần mềm quản lý văn bản",
        "e.g. document management system",
    ),
    "account.token_create": ("Tạo mã mới", "Create token"),
    # Users
    "users.title": ("Quản trị tài khoản", "Accounts"),
    "users.lead": ("Người dùng của kho và vai trò của họ.", "The archive's users and their roles."),
    "users.list": ("Danh sách tài khoản", "Accounts"),
    "users.username": ("Tên đăng nhập", "Username"),
    "users.username_hint": (
        "Chữ thường không dấu, số, dấu chấm, gạch; 2–64 ký tự.",
        "Lower-case letters, digits, dot, dash; 2–64 characters.",
    ),
    "users.full_name": ("Họ và tên", "Full name"),
    "users.role": ("Vai trò", "Role"),
    "users.state": ("Trạng thái", "State"),
    "users.active": ("Đang hoạt động", "Active"),
    "users.inactive": ("Đã khóa", "Disabled"),
    "users.roles": ("Quyền của từng vai trò", "What each role may do"),
    "users.add": ("Thêm tài khoản", "Add account"),
    "users.password": ("Mật khẩu ban đầu", "Initial password"),
    "users.submit": ("Thêm tài khoản", "Add account"),
    "users.added": ("Đã thêm tài khoản {username}.", "Account {username} added."),
}
