"""The ``hoso`` command: a thin shell over the same calls the web uses."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from archive import settings as settings_mod
from archive.accounts import (
    AccountError,
    add_user,
    create_token,
    ensure_first_admin,
    list_users,
)
from archive.audit import record_event
from archive.errors import RecordNotFound
from archive.facade import Archive
from archive.format import human_size, print_record, print_search
from archive.metadata import MetadataError, parse_assignments
from archive.permissions import ROLE_LABELS
from archive.rebuild import rebuild_catalog, reindex
from search import QuerySyntaxError


@contextmanager
def opened(ctx: click.Context) -> Iterator[Archive]:
    """Open the archive the environment describes, and close it afterwards."""
    archive = Archive.open(ctx.obj)
    try:
        yield archive
    finally:
        archive.close()


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hoso")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Hoso — kho lưu trữ hồ sơ thi đua, khen thưởng."""
    try:
        ctx.obj = settings_mod.from_env()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--meta", "meta", multiple=True, metavar="TRƯỜNG=GIÁ_TRỊ", help="Siêu dữ liệu nhập tay."
)
@click.option("--json", "as_json", is_flag=True, help="Mỗi tệp một dòng JSON.")
@click.option("--user", default="cli", show_default=True, help="Người thực hiện (ghi vào lịch sử).")
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[Path, ...], meta: tuple[str, ...], as_json: bool, user: str
) -> None:
    """Đưa tệp (hoặc cả thư mục) vào kho."""
    from ingest.batch import ingest_paths

    try:
        entered = parse_assignments(meta)
    except MetadataError as exc:
        raise click.BadParameter(str(exc), param_hint="--meta") from exc
    with opened(ctx) as archive:
        counts = ingest_paths(archive, paths, entered=entered, user=user, report=_reporter(as_json))
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
            _echo_json(result.to_json())
        elif result.status == "rejected":
            click.secho(f"✗ {result.filename}: {result.error.message()}", fg="red")
        elif result.status == "duplicate":
            click.echo(f"= {result.filename}: đã có trong kho, mã {result.record.id}")
        else:
            click.echo(f"✓ {result.filename}: đã lưu, mã {result.record.id}")

    return report


@main.command()
@click.argument("query", nargs=-1)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--page", default=1, show_default=True, type=click.IntRange(1))
@click.option("--sort", type=click.Choice(["relevance", "date", "-date"]), default="relevance")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(
    ctx: click.Context, query: tuple[str, ...], limit: int, page: int, sort: str, as_json: bool
) -> None:
    """Tìm kiếm toàn văn (có dấu hoặc không dấu)."""
    with opened(ctx) as archive:
        try:
            found = archive.search(" ".join(query), page=page, per_page=limit, sort=sort)
        except QuerySyntaxError as exc:
            raise click.UsageError(str(exc)) from exc
    if as_json:
        _echo_json(
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


def _get(archive: Archive, record_id: str):  # type: ignore[no-untyped-def]
    try:
        return archive.get(record_id)
    except RecordNotFound as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("record_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx: click.Context, record_id: str, as_json: bool) -> None:
    """Xem siêu dữ liệu một tài liệu."""
    with opened(ctx) as archive:
        record = _get(archive, record_id)
    if as_json:
        _echo_json(record.to_json())
    else:
        print_record(record)


@main.command()
@click.argument("record_id")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def get(ctx: click.Context, record_id: str, output: Path) -> None:
    """Lấy bản gốc (nguyên vẹn từng byte) ra tệp."""
    with opened(ctx) as archive:
        record = _get(archive, record_id)
        with archive.open_original(record) as src, output.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
    click.echo(f"Đã ghi {human_size(record.size)} vào {output}", err=True)


@main.command()
@click.argument("record_id")
@click.pass_context
def text(ctx: click.Context, record_id: str) -> None:
    """In văn bản trích xuất (các trang ngăn bởi ký tự sang trang)."""
    with opened(ctx) as archive:
        pages = archive.text_pages(_get(archive, record_id))
    click.echo("\f".join(pages))


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Thống kê kho: số tài liệu, dung lượng, theo loại và năm."""
    with opened(ctx) as archive:
        data = archive.stats()
    if as_json:
        _echo_json(data)
        return
    click.echo(f"Tài liệu: {data['records']}    Dung lượng: {human_size(data['bytes'])}")
    for title, key in (("Theo loại văn bản", "by_type"), ("Theo năm", "by_year")):
        click.echo(f"\n{title}:")
        for name, count in data[key].items():
            click.echo(f"  {name:<30} {count:>7}")


@main.command(name="reindex")
@click.pass_context
def reindex_command(ctx: click.Context) -> None:
    """Dựng lại chỉ mục tìm kiếm từ kho lưu trữ (tìm kiếm vẫn chạy trong lúc dựng)."""
    with opened(ctx) as archive:
        count = reindex(archive)
    click.echo(f"Đã dựng lại chỉ mục: {count} tài liệu.")


@main.command(name="rebuild")
@click.pass_context
def rebuild_command(ctx: click.Context) -> None:
    """Dựng lại CSDL danh mục từ kho lưu trữ."""
    with opened(ctx) as archive:
        count = rebuild_catalog(archive)
    click.echo(f"Đã dựng lại danh mục: {count} tài liệu.")


@main.group()
def user() -> None:
    """Quản lý tài khoản."""


@user.command(name="add")
@click.argument("username")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["admin", "archivist", "auditor", "viewer"]),
    help="admin: quản trị; archivist: văn thư; auditor: kiểm tra; viewer: chỉ xem",
)
@click.option("--full-name", default="", help="Họ và tên hiển thị.")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ đầu vào chuẩn.")
@click.pass_context
def user_add(
    ctx: click.Context, username: str, role: str, full_name: str, password_stdin: bool
) -> None:
    """Thêm tài khoản (mật khẩu hỏi khi chạy, hoặc từ --password-stdin)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại")
    with opened(ctx) as archive:
        try:
            created = add_user(archive, username, password, role, full_name)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from exc
        record_event(archive, "cli", "user_add", details={"username": username, "role": role})
    click.echo(f"Đã thêm tài khoản {created.username} ({ROLE_LABELS[created.role]}).")


@user.command(name="list")
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """Liệt kê tài khoản."""
    with opened(ctx) as archive:
        for account in list_users(archive):
            state = "" if account.active else " (đã khóa)"
            click.echo(
                f"{account.username:<20} {ROLE_LABELS[account.role]:<22} {account.full_name}{state}"
            )


@main.group()
def token() -> None:
    """Mã truy cập API."""


@token.command(name="create")
@click.argument("username")
@click.option("--label", default="", help="Ghi chú: mã này dùng cho việc gì.")
@click.pass_context
def token_create(ctx: click.Context, username: str, label: str) -> None:
    """Tạo mã API cho tài khoản (chỉ hiện một lần)."""
    with opened(ctx) as archive:
        try:
            value = create_token(archive, username, label)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from exc
        record_event(archive, "cli", "token_create", details={"username": username})
    click.echo(value)
    click.echo("Lưu mã này lại: Hoso không hiện lại nó lần nào nữa.", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """Chạy giao diện web."""
    from waitress import serve as waitress_serve

    from web import create_app

    with opened(ctx) as archive:
        password = ensure_first_admin(archive)
    if password:
        click.secho(
            "Kho mới: đã tạo tài khoản quản trị «admin» với mật khẩu dùng một lần:\n\n"
            f"    {password}\n\nĐăng nhập rồi đổi mật khẩu, hoặc thêm tài khoản bằng "
            "«hoso user add TÊN --role archivist».",
            fg="yellow",
            err=True,
        )
    app = create_app(ctx.obj)
    click.echo(f"Hoso đang chạy tại http://{host}:{port}  (Ctrl-C để dừng)", err=True)
    waitress_serve(app, host=host, port=port, threads=threads)


if __name__ == "__main__":
    main()
