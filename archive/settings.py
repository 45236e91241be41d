"""Every setting of Hoso, declared once as data and read once from ``HOSO_*`` variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from search import DEFAULT_ENGINE, ENGINES, SEARCH_BUDGET_SECONDS

# Without the time-zone database, Vietnam's offset, which has no summer time.
VIETNAM = timezone(timedelta(hours=7), "ICT")


@dataclass(frozen=True)
class Settings:
    """The configuration one archive runs with; embedded defaults need no server."""

    data_dir: Path = Path("hoso-data")
    storage_url: str = ""
    database_url: str = ""
    index_dir: Path | None = None
    search_engine: str = DEFAULT_ENGINE
    search_url: str = ""
    search_budget_seconds: float = SEARCH_BUDGET_SECONDS
    max_upload_mb: int = 200
    secret_key: str = ""
    queue_url: str = ""
    workers: int = 0
    ocr_review_confidence: float = 80.0
    office_name: str = ""
    fixity_period_days: int = 30
    due_notice_days: int = 30
    timezone: str = "Asia/Ho_Chi_Minh"
    user: str = ""
    signin_free_failures: int = 5
    signin_backoff_seconds: int = 30
    signin_backoff_max_seconds: int = 900
    signin_address_failures: int = 20
    token_days: int = 90
    audit_denials_per_minute: int = 10
    cookie_secure: bool = False
    hsts_seconds: int = 0
    proxy_hops: int = 0

    @property
    def effective_storage_url(self) -> str:
        """The storage URL, defaulting to ``<data dir>/objects``."""
        return self.storage_url or (self.data_dir.resolve() / "objects").as_uri()

    @property
    def effective_database_url(self) -> str:
        """The catalog URL, defaulting to SQLite in the data dir."""
        return self.database_url or f"sqlite:///{self.data_dir.resolve() / 'catalog.sqlite3'}"

    @property
    def effective_index_dir(self) -> Path:
        """Where the search index lives, defaulting to ``<data dir>/index``."""
        return self.index_dir or self.data_dir / "index"

    @property
    def effective_search_url(self) -> str:
        """The database of the ``postgres`` search engine: its own URL, else the catalog's."""
        return self.search_url or self.database_url

    @property
    def max_upload_bytes(self) -> int:
        """The size limit of one original, in bytes."""
        return self.max_upload_mb * 1024 * 1024

    @property
    def effective_queue_url(self) -> str:
        """The job queue: SQLite in the data dir unless a Redis URL is given."""
        return self.queue_url or f"sqlite:///{self.data_dir.resolve() / 'queue.sqlite3'}"

    def today(self) -> date:
        """The office's date: after 17:00 UTC, Vietnam is already on the next one."""
        return datetime.now(self.zone).date()

    @property
    def worker_count(self) -> int:
        """How many jobs run at once: the setting, else one per core."""
        return self.workers or os.cpu_count() or 1

    @property
    def has_archive(self) -> bool:
        """Whether an archive was already made here (always assumed for a shared database)."""
        if self.database_url:
            return True
        return (self.data_dir / "catalog.sqlite3").exists()

    @property
    def zone(self) -> tzinfo:
        """The office's time zone: days in filters and dates people read are its days."""
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return VIETNAM

    @property
    def tmp_dir(self) -> Path:
        """Scratch space for spooled uploads, on the same disk as the data."""
        return self.data_dir / "tmp"


# What each variable means, for `hoso settings` and the docs.
HELP: dict[str, str] = {
    "data_dir": "Thư mục dữ liệu (mặc định ./hoso-data): kho tệp, CSDL, chỉ mục",
    "storage_url": "Kho lưu trữ: file:///đường/dẫn hoặc s3://bucket/tiền-tố",
    "database_url": "CSDL danh mục (SQLAlchemy URL); mặc định SQLite trong thư mục dữ liệu",
    "index_dir": "Thư mục chỉ mục tìm kiếm; mặc định <thư mục dữ liệu>/index",
    "search_engine": "Bộ máy tìm kiếm: tantivy (mặc định, nhanh), whoosh (thuần Python) hoặc postgres (dùng chung cho nhiều máy); đổi xong chạy hoso reindex",
    "search_url": "CSDL PostgreSQL của bộ máy tìm kiếm postgres; mặc định CSDL danh mục (HOSO_DATABASE_URL)",
    "search_budget_seconds": "Thời gian tối đa (giây) của một lần tìm kiếm; quá thì từ chối và đề nghị thu hẹp câu tìm kiếm (mặc định 2)",
    "max_upload_mb": "Dung lượng tối đa của một tệp (MB), mặc định 200",
    "secret_key": "Khóa bí mật ký phiên đăng nhập web",
    "queue_url": "Hàng đợi việc nền: mặc định SQLite; redis://máy:6379/0 để chạy worker ở máy khác",
    "workers": "Số việc nền (OCR) chạy cùng lúc; mặc định bằng số lõi CPU",
    "ocr_review_confidence": "Trang OCR có độ tin cậy dưới mức này (0–100) cần kiểm tra lại",
    "office_name": "Tên cơ quan, in trên biên bản hủy, gói giao nộp và thống kê khen thưởng",
    "fixity_period_days": "Số ngày để kiểm tra lại toàn bộ bản gốc một lượt (mặc định 30)",
    "due_notice_days": "Báo trước bao nhiêu ngày khi tài liệu sắp hết thời hạn bảo quản (mặc định 30)",
    "timezone": "Múi giờ của cơ quan (mặc định Asia/Ho_Chi_Minh): ngày trong bộ lọc và khi hiển thị",
    "user": "Tài khoản mà lệnh hoso thực hiện thay (như --user); phải có trong danh sách tài khoản",
    "signin_free_failures": "Số lần đăng nhập sai liên tiếp của một tài khoản trước khi phải chờ (mặc định 5)",
    "signin_backoff_seconds": "Thời gian chờ (giây) sau lần sai đầu tiên vượt mức; gấp đôi mỗi lần sai tiếp (mặc định 30)",
    "signin_backoff_max_seconds": "Thời gian chờ tối đa (giây) khi đăng nhập sai nhiều lần (mặc định 900)",
    "signin_address_failures": "Số lần đăng nhập sai từ một địa chỉ (mọi tên) trước khi địa chỉ đó phải chờ (mặc định 20)",
    "token_days": "Số ngày một mã API còn hiệu lực nếu khi tạo không nói khác (mặc định 90)",
    "audit_denials_per_minute": "Số lần bị từ chối (mỗi người, mỗi loại) ghi vào nhật ký trong một phút; phần vượt chỉ được đếm (mặc định 10)",
    "cookie_secure": "Cookie phiên chỉ gửi qua HTTPS (true/false); bật khi chạy sau proxy HTTPS",
    "hsts_seconds": "Gửi tiêu đề Strict-Transport-Security với thời hạn này (giây); 0 là tắt (mặc định)",
    "proxy_hops": "Số proxy ngược tin cậy đứng trước Hoso (đọc X-Forwarded-For/-Proto); 0 là không có (mặc định)",
}


def from_env(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Build settings from ``HOSO_<NAME>`` variables, then ``overrides``."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for field in fields(Settings):
        raw = env.get(f"HOSO_{field.name.upper()}")
        if raw is None or raw == "":
            continue
        values[field.name] = _convert(field.name, raw)
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = Settings(**values)  # type: ignore[arg-type]
    if settings.search_engine == "postgres" and not settings.effective_search_url.startswith(
        ("postgresql", "postgres:")
    ):
        raise ValueError(
            "HOSO_SEARCH_ENGINE=postgres cần một CSDL PostgreSQL: đặt HOSO_SEARCH_URL "
            "hoặc HOSO_DATABASE_URL=postgresql+psycopg://…"
        )
    return settings


_TRUE = {"1", "true", "yes", "on", "có"}
_FALSE = {"0", "false", "no", "off", "không"}


def _convert(name: str, raw: str) -> object:
    if name in ("data_dir", "index_dir"):
        return Path(raw)
    if name == "cookie_secure":
        word = raw.strip().lower()
        if word not in _TRUE | _FALSE:
            raise ValueError(f"HOSO_COOKIE_SECURE phải là true hoặc false, không phải {raw!r}")
        return word in _TRUE
    kind = {
        "max_upload_mb": int,
        "search_budget_seconds": float,
        "workers": int,
        "ocr_review_confidence": float,
        "fixity_period_days": int,
        "due_notice_days": int,
        "signin_free_failures": int,
        "signin_backoff_seconds": int,
        "signin_backoff_max_seconds": int,
        "signin_address_failures": int,
        "token_days": int,
        "audit_denials_per_minute": int,
        "hsts_seconds": int,
        "proxy_hops": int,
    }.get(name)
    if name == "search_engine" and raw not in ENGINES:
        raise ValueError(
            f"HOSO_SEARCH_ENGINE phải là một trong {', '.join(ENGINES)}, không phải {raw!r}"
        )
    if kind is None:
        return raw
    try:
        value = kind(raw)
    except ValueError:
        raise ValueError(f"HOSO_{name.upper()} phải là một số, không phải {raw!r}") from None
    if name == "search_budget_seconds" and not 0 < value < 3600:
        raise ValueError(
            f"HOSO_SEARCH_BUDGET_SECONDS phải lớn hơn 0 và dưới 3600 giây, không phải {raw!r}"
        )
    return value


def child_environment(**extra: str) -> dict[str, str]:
    """This process's environment with ``extra`` set, for a program Hoso starts.

    Kept here so that the environment is read in one module only.
    """
    return {**os.environ, **extra}
