"""Running Hoso: the web server and background workers; jobs and the OCR review list."""

from __future__ import annotations

import time

import click

from archive import jobs as job_rows
from archive.accounts import ensure_first_admin
from archive.actions import work
from archive.format import dmy
from cli.commands.common import actor, echo_json, opened, user_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option(
    "--processes",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Số tiến trình web cùng nghe một cổng (mỗi tiến trình một lõi CPU).",
)
@click.option(
    "--workers",
    default=None,
    type=int,
    help="Số việc nền chạy trong tiến trình này (0: để worker ở máy khác làm).",
)
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, threads: int, processes: int, workers: int | None
) -> None:
    """Chạy giao diện web (kèm các worker OCR trong cùng tiến trình)."""
    from waitress import serve as waitress_serve

    from ingest.queue import JobQueue
    from web import create_app
    from web.processes import fork_servers, listening_socket

    with opened(ctx) as archive:
        password = ensure_first_admin(archive)
    del archive  # closed: no connection of it may reach the forked processes
    if password:
        click.secho(
            "Kho mới: đã tạo tài khoản quản trị «admin» với mật khẩu dùng một lần:\n\n"
            f"    {password}\n\nĐăng nhập rồi đổi mật khẩu, hoặc thêm tài khoản bằng "
            "«hoso user add TÊN --role archivist».",
            fg="yellow",
            err=True,
        )
    sock = listening_socket(host, port)
    # Forked before this process starts a thread or opens the archive: each process
    # builds its own app, and the kernel hands each new connection to one of them.
    first = fork_servers(processes)
    app = create_app(ctx.obj)
    queue = JobQueue(app.extensions["hoso.archive"])
    app.extensions["hoso.queue"] = queue
    # Background jobs run in the first process only; the others serve pages.
    count = (ctx.obj.worker_count if workers is None else workers) if first else 0
    if count > 0:
        queue.start_in_background(count)
    if first:
        more = f", {processes} tiến trình" if processes > 1 else ""
        click.echo(f"Hoso đang chạy tại http://{host}:{port}{more}  (Ctrl-C để dừng)", err=True)
    try:
        waitress_serve(app, sockets=[sock], threads=threads)
    finally:
        queue.stop()


@click.command()
@click.option("--workers", default=None, type=int, help="Số việc chạy cùng lúc (mặc định: số lõi).")
@click.pass_context
def worker(ctx: click.Context, workers: int | None) -> None:
    """Chạy worker việc nền (OCR); với HOSO_QUEUE_URL=redis://… chạy được ở máy khác."""
    from ingest.queue import JobQueue

    with opened(ctx) as archive:
        queue = JobQueue(archive)
        queue.redeliver()
        click.echo(f"Worker Hoso đang chạy với {workers or ctx.obj.worker_count} luồng.", err=True)
        queue.consumer(workers or ctx.obj.worker_count).run()


@click.command(name="jobs")
@click.option("--state", type=click.Choice(sorted(job_rows.STATE_LABELS)), default=None)
@click.option("--retry", "retry_id", type=int, default=None, help="Chạy lại một việc bị lỗi.")
@click.option("--wait", is_flag=True, help="Chờ đến khi không còn việc đang chờ hoặc đang chạy.")
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def jobs_command(
    ctx: click.Context,
    state: str | None,
    retry_id: int | None,
    wait: bool,
    as_json: bool,
    username: str | None,
) -> None:
    """Xem việc nền (OCR, nhập hàng loạt): đang chờ, đang chạy, xong, lỗi kèm lý do."""
    from ingest.queue import JobQueue

    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        if retry_id is not None:
            work.retry_job(archive, who, retry_id)
            JobQueue(archive).enqueue(retry_id)
            click.echo(f"Đã xếp lại việc {retry_id}.")
            return
        while wait and work.list_jobs(archive, who, state="queued") + work.list_jobs(
            archive, who, state="running"
        ):
            time.sleep(1)
        rows = work.list_jobs(archive, who, state=state)
    if as_json:
        echo_json(
            [
                {
                    **job.__dict__,
                    "created_at": job.created_at.isoformat(),
                    "finished_at": job.finished_at.isoformat() if job.finished_at else None,
                }
                for job in rows
            ]
        )
        return
    if not rows:
        click.echo("Không có việc nào.")
    for job in rows:
        label = job_rows.STATE_LABELS[job.state]
        extra = job.error or job.progress or ""
        click.echo(f"{job.id:>6}  {job.kind:<4} {job.record_id}  {label:<10} {extra}")


@click.command()
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def review(ctx: click.Context, as_json: bool, username: str | None) -> None:
    """Danh sách tài liệu có trang OCR kém, cần kiểm tra hoặc quét lại."""
    with opened(ctx) as archive:
        items = work.review(archive, actor(ctx, archive, username))
    if as_json:
        echo_json([item.to_json() for item in items])
        return
    if not items:
        click.echo("Không có trang nào cần kiểm tra lại.")
    for item in items:
        pages = ", ".join(f"tr. {n} ({c:.0f}%)" for n, c in item.pages)
        meta = item.record.metadata
        head = " · ".join(
            x for x in (meta.get("doc_type"), meta.get("number"), dmy(meta.get("issued_date"))) if x
        )
        click.echo(f"{item.record.id}  {head or item.record.filename}\n    {pages}")
