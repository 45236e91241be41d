"""Background work a person looks at or restarts: jobs and the OCR review list."""

from __future__ import annotations

from archive import audit, jobs
from archive.accounts import User
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.permissions import may_see, require
from archive.review import ReviewItem, review_list


def list_jobs(
    archive: Archive, user: User, *, state: str | None = None, limit: int = 100
) -> list[jobs.Job]:
    """The newest background jobs (the people who upload watch and retry them)."""
    require(user.role, "job.manage")
    return jobs.listing(archive, state=state, limit=limit)


def retry_job(archive: Archive, user: User, job_id: int) -> jobs.Job:
    """Queue a failed job again (the caller hands it to a worker)."""
    require(user.role, "job.manage")
    if not jobs.retry(archive, job_id):
        raise ArchiveError(f"Việc {job_id} không có, hoặc không ở trạng thái lỗi")
    audit.record_event(archive, user.username, "job_retry", details={"job": job_id})
    job = jobs.get(archive, job_id)
    assert job is not None
    return job


def review(archive: Archive, user: User) -> list[ReviewItem]:
    """Records whose OCR pages a person should check, among those the user may see."""
    require(user.role, "record.edit")
    return [item for item in review_list(archive) if may_see(user.role, item.record.metadata)]
