"""``hoso import``: a whole box of records, with its manifest, in one command."""

from __future__ import annotations

import errno
import sys
import tempfile
from collections import Counter
from contextlib import ExitStack
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from cli.commands.common import actor, opened, operator, user_option


@click.command(name="import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Bảng kê CSV hoặc XLSX: mỗi dòng một tệp (cột «tệp», «file» hoặc «path»).",
)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Số tiến trình song song."
)
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra hộp và bảng kê, không ghi gì vào kho.")
@click.option("--background", is_flag=True, help="Không chờ OCR: để worker làm sau.")
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Tệp báo cáo CSV (mặc định: <thư mục dữ liệu>/reports/import-<tên>-<thời điểm>.csv; "
    "chạy thử không ghi báo cáo nếu không có --report).",
)
@user_option
@click.pass_context
def import_command(
    ctx: click.Context,
    path: Path,
    manifest: Path | None,
    workers: int | None,
    dry_run: bool,
    background: bool,
    report: Path | None,
    username: str | None,
) -> None:
    """Nhập cả một hộp hồ sơ (thư mục hoặc tệp ZIP); chạy lại để tiếp tục khi bị ngắt."""
    from tqdm import tqdm

    from ingest.import_report import write_report
    from ingest.service import importer as make_importer
    from ingest.service import note_import

    if report is None and not dry_run:
        stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
        report = ctx.obj.data_dir / "reports" / f"import-{path.stem}-{stamp}.csv"
        report.parent.mkdir(parents=True, exist_ok=True)
    elif report is not None and not report.parent.is_dir():
        # Say so before the import, not after an hour of it.
        raise OSError(errno.ENOENT, "không có thư mục này", str(report))
    with ExitStack() as stack:
        if dry_run and not ctx.obj.has_archive:
            # A dry run writes nothing: with no archive yet, check against an empty one
            # made in a temporary folder and thrown away (it has no accounts, and
            # nothing to protect, so the check runs as the operator).
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hoso-")))
            ctx.obj = replace(ctx.obj, data_dir=scratch, storage_url="", index_dir=None)
            archive = stack.enter_context(opened(ctx))
            who = operator()
        else:
            archive = stack.enter_context(opened(ctx))
            who = actor(ctx, archive, username)
        bar = tqdm(unit=" tệp", desc="Kiểm tra" if dry_run else "Nhập", file=sys.stderr)
        importer = make_importer(
            archive,
            who,
            path,
            manifest_path=manifest,
            workers=workers,
            dry_run=dry_run,
            background=background,
            progress=lambda outcome: bar.update(1),
        )
        try:
            tasks, planned = importer.plan()
            bar.total = len(tasks) + len(planned.outcomes)
            run = importer.run()
        finally:
            bar.close()
        note_import(archive, who, path, run, dry_run=dry_run)
    if report is not None:
        write_report(report, run)
    _summary(run, report, dry_run)
    if run.counts["rejected"] or run.counts["missing"]:
        sys.exit(1)


def _summary(run, report: Path | None, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    counts = run.counts
    for problem in run.problems:
        click.secho(f"! {problem}", fg="yellow", err=True)
    verb = "Sẽ lưu" if dry_run else "Đã lưu"
    created = counts["would_create"] if dry_run else counts["created"]
    click.echo(
        f"{verb} {created}, trùng {counts['duplicate']}, từ chối {counts['rejected']}, "
        f"thiếu tệp {counts['missing']}, đã nhập trước {counts['skipped']}.",
        err=True,
    )
    from ingest.plan import OCR_LABELS

    ocr = Counter(o.ocr for o in run.outcomes if o.ocr)
    if ocr:
        click.echo(
            f"Đọc chữ (OCR): xong {ocr['done']}, lỗi {ocr['failed']}, "
            f"chờ worker {ocr['queued']}, worker khác đang đọc {ocr['skipped']}.",
            err=True,
        )
    for outcome in run.outcomes:
        if outcome.status in ("rejected", "missing") or outcome.notes or outcome.ocr == "failed":
            ocr_note = OCR_LABELS["failed"] if outcome.ocr == "failed" else ""
            detail = "; ".join(filter(None, (outcome.message, *outcome.notes, ocr_note)))
            click.echo(f"  {outcome.relpath}: {detail}", err=True)
    if ocr["queued"]:
        click.echo("Chạy «hoso worker» để đọc chữ các bản quét đang chờ.", err=True)
    if report is not None:
        click.echo(f"Báo cáo: {report}", err=True)
