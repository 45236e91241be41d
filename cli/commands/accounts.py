"""Commands on accounts: people (``hoso user``) and API tokens (``hoso token``)."""

from __future__ import annotations

import sys

import click

from archive.actions import accounts as account_actions
from archive.permissions import ROLE_LABELS
from cli.commands.common import actor, opened, user_option


@click.group()
def user() -> None:
    """Quản lý tài khoản."""


@user.command(name="add")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["admin", "archivist", "auditor", "viewer"]),
    help="admin: quản trị; archivist: văn thư; auditor: kiểm tra; viewer: chỉ xem",
)
@click.option("--full-name", default="", help="Họ và tên hiển thị.")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ đầu vào chuẩn.")
@user_option
@click.pass_context
def user_add(
    ctx: click.Context,
    name: str,
    role: str,
    full_name: str,
    password_stdin: bool,
    username: str | None,
) -> None:
    """Thêm tài khoản (mật khẩu hỏi khi chạy, hoặc từ --password-stdin)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not sys.stdin.isatty():
        raise click.ClickException(
            "Không có bàn phím để hỏi mật khẩu: chạy trong một cửa sổ dòng lệnh, "
            "hoặc đưa mật khẩu qua đầu vào chuẩn với --password-stdin "
            f"(ví dụ: hoso user add {name} --role {role} --password-stdin < mat-khau.txt)."
        )
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại")
    with opened(ctx) as archive:
        created = account_actions.add_user(
            archive, actor(ctx, archive, username), name, password, role, full_name
        )
    click.echo(f"Đã thêm tài khoản {created.username} ({ROLE_LABELS[created.role]}).")


@user.command(name="list")
@user_option
@click.pass_context
def user_list(ctx: click.Context, username: str | None) -> None:
    """Liệt kê tài khoản."""
    with opened(ctx) as archive:
        for account in account_actions.list_users(archive, actor(ctx, archive, username)):
            state = "" if account.active else " (đã khóa)"
            click.echo(
                f"{account.username:<20} {ROLE_LABELS[account.role]:<22} {account.full_name}{state}"
            )


@click.group()
def token() -> None:
    """Mã truy cập API."""


@token.command(name="create")
@click.argument("owner")
@click.option("--label", default="", help="Ghi chú: mã này dùng cho việc gì.")
@user_option
@click.pass_context
def token_create(ctx: click.Context, owner: str, label: str, username: str | None) -> None:
    """Tạo mã API cho tài khoản (chỉ hiện một lần)."""
    with opened(ctx) as archive:
        value = account_actions.create_token(archive, actor(ctx, archive, username), owner, label)
    click.echo(value)
    click.echo("Lưu mã này lại: Hoso không hiện lại nó lần nào nữa.", err=True)
