"""The audit packet: records or dossiers in one verifiable package for an inspection."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import click

from archive import packet as packets
from cli.commands.common import actor, opened, user_option


@click.command(name="packet")
@click.argument("targets", nargs=-1, required=True, metavar="TÀI_LIỆU|HỒ_SƠ...")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Tệp ZIP sẽ ghi (gói BagIt).",
)
@user_option
@click.pass_context
def packet(
    ctx: click.Context, targets: tuple[str, ...], output: Path, username: str | None
) -> None:
    """Đóng gói tài liệu (theo mã) hoặc cả hồ sơ (theo mã hồ sơ) để thanh tra, kiểm tra:
    bản gốc, mọi phiên bản siêu dữ liệu, bản có thể tìm kiếm, nhật ký, kết quả kiểm tra
    toàn vẹn và danh mục in được (BagIt, SHA-256), kiểm tra được mà không cần Hoso."""
    folder = output.parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(output))
    # Written beside the target and renamed at the end: a refused packet leaves no file.
    try:
        handle, temporary = tempfile.mkstemp(prefix=".goi-", suffix=".zip", dir=folder)
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, str(output)) from exc
    try:
        with opened(ctx) as archive, os.fdopen(handle, "w+b") as out:
            made = packets.build(archive, actor(ctx, archive, username), list(targets), out)
        os.replace(temporary, output)
    finally:
        Path(temporary).unlink(missing_ok=True)
    click.echo(
        f"Đã ghi gói {made.id} ({len(made.record_ids)} tài liệu, {made.size} byte) vào {output}"
    )
