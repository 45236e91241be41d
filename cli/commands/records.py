"""Commands on records: ingest, search, show, get, text, stats, reindex, rebuild."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import BinaryIO

import click

from archive import service
from archive.actions import maintenance
from archive.errors import disposed_line
from archive.format import human_size
from archive.metadata import MetadataError, parse_assignments
from cli.commands.common import actor, echo_json, opened, user_option
from cli.errors import Failure
from cli.render import print_links, print_record, print_search


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--meta", "meta", multiple=True, metavar="TRƯỜNG=GIÁ_TRỊ", help="Siêu dữ liệu nhập tay."
)
@click.option("--json", "as_json", is_flag=True, help="Mỗi tệp một dòng JSON.")
@user_option
@click.option("--background", is_flag=True, help="Không chờ OCR: để worker làm sau.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    meta: tuple[str, ...],
    as_json: bool,
    username: str | None,
    background: bool,
) -> None:
    """Đưa tệp (hoặc cả thư mục) vào kho; ảnh và bản quét được nhận dạng chữ (OCR)."""
    from ingest.service import ingest_files

    try:
        entered = parse_assignments(meta)
    except MetadataError as exc:
        raise Failure(f"--meta: {exc}") from exc
    with opened(ctx) as archive:
        counts = ingest_files(
            archive,
            actor(ctx, archive, username),
            paths,
            entered=entered,
            report=_reporter(as_json),
            background=background,
        )
    if not as_json:
        click.echo(
            f"Đã tạo {counts['created']}, trùng {counts['duplicate']}, từ chối {counts['rejected']}.",
            err=True,
        )
    if counts["rejected"]:
        sys.exit(1)


def _reporter(as_json: bool):  # type: ignore[no-untyped-def]
    def report(result) -> None:  # type: ignore[no-untyped-def]
        if as_json:
            echo_json(result.to_json())
        elif result.status == "rejected":
            click.secho(f"✗ {result.filename}: {result.error.message()}", fg="red")
        elif result.status == "duplicate":
            click.echo(f"= {result.filename}: đã có trong kho, mã {result.record.id}")
        else:
            click.echo(f"✓ {result.filename}: đã lưu, mã {result.record.id}")
        for flag in [] if as_json else result.award_flags:
            click.secho(f"  ! {flag.message()} (xem «hoso report duplicates»)", fg="yellow")
        if not as_json and result.same_number:
            click.secho(f"  ! {result.filename}: {result.same_number_warning()}", fg="yellow")

    return report


@click.command()
@click.argument("query", nargs=-1)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--page", default=1, show_default=True, type=click.IntRange(1))
@click.option("--sort", type=click.Choice(["relevance", "date", "-date"]), default="relevance")
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Xuất mọi kết quả (mọi trang) ra tệp CSV.",
)
@click.option(
    "--xlsx",
    "xlsx_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Xuất mọi kết quả (mọi trang) ra tệp Excel (XLSX).",
)
@user_option
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    limit: int,
    page: int,
    sort: str,
    as_json: bool,
    csv_path: Path | None,
    xlsx_path: Path | None,
    username: str | None,
) -> None:
    """Tìm kiếm toàn văn (có dấu hoặc không dấu); --csv/--xlsx xuất toàn bộ kết quả."""
    if csv_path or xlsx_path:
        _export(ctx, " ".join(query), sort, username, csv_path, xlsx_path)
        return
    with opened(ctx) as archive:
        # A query refused (syntax, limits) is a Failure: ``Lỗi: …`` (cli/errors.py).
        found = service.search(
            archive,
            actor(ctx, archive, username),
            " ".join(query),
            page=page,
            per_page=limit,
            sort=sort,
        )
    if as_json:
        echo_json(
            {
                "total": found.total,
                "hits": [
                    {
                        "id": h.record.id,
                        "score": h.score,
                        "snippet": h.snippet,
                        "metadata": h.record.metadata,
                    }
                    for h in found.hits
                ],
                "facets": {k: dict(v) for k, v in found.facets.items()},
            }
        )
    else:
        print_search(found)


def _export(
    ctx: click.Context,
    query: str,
    sort: str,
    username: str | None,
    csv_path: Path | None,
    xlsx_path: Path | None,
) -> None:
    from archive.actions import searches

    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        for fmt, path in (("csv", csv_path), ("xlsx", xlsx_path)):
            if path is None:
                continue
            try:
                with path.open("wb") as out:
                    rows = searches.export(archive, who, out, query, sort=sort, fmt=fmt)
            except BaseException:
                # A refused query or a failed write leaves no half-written file behind.
                path.unlink(missing_ok=True)
                raise
            click.echo(f"Đã xuất {rows} tài liệu ra {path}")


@click.command()
@click.argument("record_id")
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def show(ctx: click.Context, record_id: str, as_json: bool, username: str | None) -> None:
    """Xem siêu dữ liệu một tài liệu."""
    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        record = service.view(archive, who, record_id)
        linked = service.links(archive, who, record)
    if as_json:
        echo_json(
            {**record.to_json(), "links": {k: [x.to_json() for x in v] for k, v in linked.items()}}
        )
        return
    disposition = record.metadata.get("disposition")
    if disposition:
        click.secho(disposed_line(record.id, disposition), fg="red", bold=True)
    print_record(record)
    print_links(linked)


@click.command()
@click.argument("record_id")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@user_option
@click.pass_context
def get(ctx: click.Context, record_id: str, output: Path, username: str | None) -> None:
    """Lấy bản gốc (nguyên vẹn từng byte) ra tệp."""
    with opened(ctx) as archive:
        record, stream = service.download(archive, actor(ctx, archive, username), record_id)
        with stream as src:
            _write_out(src, output)
    click.echo(f"Đã ghi {human_size(record.size)} vào {output}", err=True)


def _write_out(src: BinaryIO, output: Path) -> None:
    """Copy ``src`` to ``output``; a failed copy leaves no partial file behind."""
    partial = output.with_name(f".{output.name}.partial")
    try:
        with partial.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
        partial.replace(output)
    except OSError as exc:  # name the file the person asked for, not our temporary one
        raise OSError(exc.errno, exc.strerror, str(output)) from exc
    finally:
        partial.unlink(missing_ok=True)


@click.command()
@click.argument("record_id")
@user_option
@click.pass_context
def text(ctx: click.Context, record_id: str, username: str | None) -> None:
    """In văn bản trích xuất (các trang ngăn bởi ký tự sang trang)."""
    with opened(ctx) as archive:
        pages = service.read_text(archive, actor(ctx, archive, username), record_id)
    click.echo("\f".join(pages))


@click.command()
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def stats(ctx: click.Context, as_json: bool, username: str | None) -> None:
    """Thống kê kho: số tài liệu, dung lượng, theo loại và năm."""
    with opened(ctx) as archive:
        data = service.stats(archive, actor(ctx, archive, username))
    if as_json:
        echo_json(data)
        return
    click.echo(f"Tài liệu: {data['records']}    Dung lượng: {human_size(data['bytes'])}")
    for title, key in (("Theo loại văn bản", "by_type"), ("Theo năm", "by_year")):
        click.echo(f"\n{title}:")
        for name, count in data[key].items():
            click.echo(f"  {name:<30} {count:>7}")


@click.command(name="reindex")
@user_option
@click.pass_context
def reindex_command(ctx: click.Context, username: str | None) -> None:
    """Dựng lại chỉ mục tìm kiếm từ kho lưu trữ (tìm kiếm vẫn chạy trong lúc dựng)."""
    with opened(ctx) as archive:
        count = maintenance.reindex(archive, actor(ctx, archive, username))
    click.echo(f"Đã dựng lại chỉ mục: {count} tài liệu.")


@click.command(name="rebuild")
@user_option
@click.pass_context
def rebuild_command(ctx: click.Context, username: str | None) -> None:
    """Dựng lại CSDL danh mục từ kho lưu trữ (với catalog trống: hoso --operator rebuild)."""
    with opened(ctx) as archive:
        count = maintenance.rebuild(archive, actor(ctx, archive, username))
    click.echo(f"Đã dựng lại danh mục: {count} tài liệu.")
