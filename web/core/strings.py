"""Every visible string of the web app: key -> (Vietnamese, English)."""

from __future__ import annotations

from web.core.strings_forms import FORMS
from web.core.strings_manage import MANAGE
from web.core.strings_pages import PAGES
from web.core.strings_tools import TOOLS
from web.core.strings_work import WORK

FRAME: dict[str, tuple[str, str]] = {
    # Frame
    "app.tagline": (
        "Kho lưu trữ hồ sơ thi đua, khen thưởng",
        "Emulation and commendation records archive",
    ),
    "nav.skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    "nav.label": ("Điều hướng chính", "Main navigation"),
    "nav.home": ("Trang chủ", "Home"),
    "nav.search": ("Tìm kiếm", "Search"),
    "nav.upload": ("Tiếp nhận", "Upload"),
    "nav.admin": ("Quản trị", "Administration"),
    "nav.account": ("Tài khoản của tôi", "My account"),
    "nav.language": ("Ngôn ngữ", "Language"),
    "nav.signout": ("Đăng xuất", "Sign out"),
    "foot.dates": ("Ngày tháng ghi theo dạng ngày/tháng/năm", "Dates are written day/month/year"),
    # Roles
    "role.admin": ("Quản trị", "Administrator"),
    "role.archivist": ("Văn thư – lưu trữ", "Archivist"),
    "role.auditor": ("Kiểm tra – thanh tra", "Auditor"),
    "role.viewer": ("Người xem", "Viewer"),
    "role.admin.help": ("Mọi quyền, kể cả quản lý tài khoản", "Everything, including accounts"),
    "role.archivist.help": (
        "Tiếp nhận tài liệu, sửa siêu dữ liệu, xem tài liệu mật",
        "Upload, edit metadata, read confidential records",
    ),
    "role.auditor.help": (
        "Xem mọi tài liệu (kể cả tài liệu mật) và nhật ký truy cập",
        "Read every record, confidential ones too, and the audit trail",
    ),
    "role.viewer.help": (
        "Tìm và xem tài liệu không mật",
        "Search and read non-confidential records",
    ),
    # Sign-in
    "signin.title": ("Đăng nhập", "Sign in"),
    "signin.lead": (
        "Đăng nhập để tra cứu và tiếp nhận hồ sơ thi đua, khen thưởng.",
        "Sign in to search and file emulation and commendation records.",
    ),
    "signin.username": ("Tên đăng nhập", "Username"),
    "signin.password": ("Mật khẩu", "Password"),
    "signin.submit": ("Đăng nhập", "Sign in"),
    "signin.failed": (
        "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.",
        "Wrong username or password, or the account is disabled.",
    ),
    "signin.help": (
        "Quên mật khẩu? Liên hệ quản trị hệ thống của cơ quan.",
        "Forgot your password? Ask your office's administrator.",
    ),
    # Errors
    "error.title": ("Lỗi", "Error"),
    "error.heading.400": ("Yêu cầu không hợp lệ", "The request is not valid"),
    "error.heading.403": ("Bạn không có quyền làm việc này", "You may not do this"),
    "error.heading.404": ("Không tìm thấy", "Not found"),
    "error.heading.405": ("Thao tác không được hỗ trợ", "Method not allowed"),
    "error.heading.413": ("Tệp quá lớn", "File too large"),
    "error.heading.other": ("Đã có lỗi xảy ra", "Something went wrong"),
    "error.bad_request": ("Yêu cầu không hợp lệ.", "The request is not valid."),
    "error.unauthorized": (
        "Cần đăng nhập hoặc mã truy cập hợp lệ.",
        "Sign in or send a valid access token.",
    ),
    "error.forbidden": (
        "Vai trò của bạn không được phép làm việc này.",
        "Your role does not allow this.",
    ),
    "error.not_found": ("Không có trang hoặc tài liệu này.", "There is no such page or record."),
    "error.method_not_allowed": (
        "Thao tác này không dùng được ở địa chỉ này.",
        "This method is not allowed here.",
    ),
    "error.too_large": (
        "Tệp gửi lên vượt quá dung lượng cho phép của một lần tải lên.",
        "The upload is larger than the limit for one request.",
    ),
    "error.internal_error": (
        "Hệ thống gặp lỗi ngoài dự kiến; hãy thử lại hoặc báo quản trị.",
        "Unexpected error; try again or tell the administrator.",
    ),
    "error.csrf": (
        "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang rồi thử lại.",
        "The session expired or the form is not valid. Reload the page and try again.",
    ),
    # Home
    "home.title": ("Tổng quan kho lưu trữ", "Archive overview"),
    "home.lead": (
        "Hồ sơ, quyết định khen thưởng và văn bản về công tác thi đua, khen thưởng.",
        "Award dossiers, decisions and documents on emulation and commendation work.",
    ),
    "home.stats": ("Số liệu kho", "Archive figures"),
    "home.records": ("Tài liệu", "Records"),
    "home.bytes": ("Dung lượng", "Storage used"),
    "home.types": ("Loại văn bản", "Document types"),
    "home.years": ("Năm ban hành", "Years issued"),
    "home.latest": ("Tiếp nhận gần đây", "Recently received"),
    "home.all": ("Xem tất cả", "See all"),
    "home.col.received": ("Tiếp nhận", "Received"),
    "home.col.document": ("Văn bản", "Document"),
    "home.by_type": ("Theo loại văn bản", "By document type"),
    "home.by_year": ("Theo năm ban hành", "By year issued"),
    "home.unknown": ("(chưa rõ)", "(unknown)"),
    "home.empty.title": ("Kho chưa có tài liệu nào", "The archive is empty"),
    "home.empty.text": (
        "Tiếp nhận tài liệu đầu tiên: hệ thống tự đọc loại, số, ngày, cơ quan ban hành và trích yếu.",
        "Upload the first documents: type, number, date, issuer and subject are read automatically.",
    ),
    "home.empty.action": ("Tiếp nhận tài liệu", "Upload documents"),
}

# The older record-page audit labels win over the domain's longer ones.
CATALOG: dict[str, tuple[str, str]] = {**MANAGE, **TOOLS, **WORK, **FRAME, **PAGES, **FORMS}
