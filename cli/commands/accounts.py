"""Commands on accounts: people (``hoso user``) and API tokens (``hoso token``)."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import datetime

import click

from archive.accounts import MAX_TOKEN_DAYS
from archive.actions import accounts as account_actions
from archive.permissions import ROLE_LABELS, ROLES
from cli.commands.common import actor, echo_json, opened, user_option


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
    with opened(ctx) as archive:
        acting = actor(ctx, archive, username)
        password = _read_password(password_stdin, f"hoso user add {name} --role {role}")
        created = account_actions.add_user(archive, acting, name, password, role, full_name)
    click.echo(f"Đã thêm tài khoản {created.username} ({ROLE_LABELS[created.role]}).")


def _read_password(from_stdin: bool, example: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise click.ClickException(
            "Không có bàn phím để hỏi mật khẩu: chạy trong một cửa sổ dòng lệnh, "
            "hoặc đưa mật khẩu qua đầu vào chuẩn với --password-stdin "
            f"(ví dụ: {example} --password-stdin < mat-khau.txt)."
        )
    return str(click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại"))


@user.command(name="password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ đầu vào chuẩn.")
@user_option
@click.pass_context
def user_password(
    ctx: click.Context, name: str, password_stdin: bool, username: str | None
) -> None:
    """Đặt mật khẩu mới cho tài khoản (mọi phiên và mã API của nó chấm dứt)."""
    with opened(ctx) as archive:
        acting = actor(ctx, archive, username)
        password = _read_password(password_stdin, f"hoso user password {name}")
        account_actions.set_password(archive, acting, name, password)
    click.echo(f"Đã đặt mật khẩu mới cho {name}; các phiên và mã API cũ đã chấm dứt.")


@user.command(name="lock")
@click.argument("name")
@user_option
@click.pass_context
def user_lock(ctx: click.Context, name: str, username: str | None) -> None:
    """Khóa tài khoản: mọi phiên và mã API của nó chấm dứt ngay."""
    with opened(ctx) as archive:
        account_actions.set_locked(archive, actor(ctx, archive, username), name, True)
    click.echo(f"Đã khóa tài khoản {name}.")


@user.command(name="unlock")
@click.argument("name")
@user_option
@click.pass_context
def user_unlock(ctx: click.Context, name: str, username: str | None) -> None:
    """Mở khóa tài khoản (mã API cũ vẫn không dùng lại được)."""
    with opened(ctx) as archive:
        account_actions.set_locked(archive, actor(ctx, archive, username), name, False)
    click.echo(f"Đã mở khóa tài khoản {name}.")


@user.command(name="role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@user_option
@click.pass_context
def user_role(ctx: click.Context, name: str, role: str, username: str | None) -> None:
    """Đổi vai trò của tài khoản (admin, archivist, auditor, viewer)."""
    with opened(ctx) as archive:
        changed = account_actions.set_role(archive, actor(ctx, archive, username), name, role)
    click.echo(f"Tài khoản {changed.username} nay có vai trò {ROLE_LABELS[changed.role]}.")


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
@click.option("--label", default="", help="Tên của mã: mã này dùng cho việc gì.")
@click.option(
    "--days",
    type=click.IntRange(1, MAX_TOKEN_DAYS),
    default=None,
    help="Số ngày mã còn hiệu lực (mặc định $HOSO_TOKEN_DAYS, 90).",
)
@click.option("--read-only", is_flag=True, help="Mã chỉ đọc: không thay đổi được gì.")
@user_option
@click.pass_context
def token_create(
    ctx: click.Context,
    owner: str,
    label: str,
    days: int | None,
    read_only: bool,
    username: str | None,
) -> None:
    """Tạo mã API cho tài khoản (chỉ hiện một lần)."""
    with opened(ctx) as archive:
        value = account_actions.create_token(
            archive, actor(ctx, archive, username), owner, label, days=days, read_only=read_only
        )
    click.echo(value)
    click.echo("Lưu mã này lại: Hoso không hiện lại nó lần nào nữa.", err=True)


STATES = {
    "active": "còn hiệu lực",
    "expired": "hết hạn",
    "revoked": "đã thu hồi",
    "ended": "chấm dứt (đổi mật khẩu/khóa)",
    "locked": "tài khoản bị khóa",
}


@token.command(name="list")
@click.argument("owner", required=False)
@click.option("--json", "as_json", is_flag=True, help="In JSON, mỗi mã một dòng.")
@user_option
@click.pass_context
def token_list(ctx: click.Context, owner: str | None, as_json: bool, username: str | None) -> None:
    """Liệt kê mã API (của OWNER; không có OWNER: của mọi người, cần quyền quản trị)."""
    with opened(ctx) as archive:
        found = account_actions.list_tokens(archive, actor(ctx, archive, username), owner)
    for info in found:
        if as_json:
            echo_json({**asdict(info), **{k: _iso(getattr(info, k)) for k in TIMES}})
            continue
        scope = " chỉ đọc" if info.read_only else ""
        expires = f"{info.expires_at:%d/%m/%Y}" if info.expires_at else "không hạn"
        used = f"{info.last_used_at:%d/%m/%Y %H:%M}" if info.last_used_at else "chưa dùng"
        click.echo(
            f"{info.id}  {info.username:<16} {info.label:<20} hạn {expires:<10} "
            f"dùng {used:<16} {STATES[info.state]}{scope}"
        )


TIMES = ("created_at", "expires_at", "last_used_at", "revoked_at")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@token.command(name="revoke")
@click.argument("token_id")
@user_option
@click.pass_context
def token_revoke(ctx: click.Context, token_id: str, username: str | None) -> None:
    """Thu hồi mã API theo mã số (12 ký tự đầu, xem «hoso token list»)."""
    with opened(ctx) as archive:
        found = account_actions.revoke_token(archive, actor(ctx, archive, username), token_id)
    click.echo(f"Đã thu hồi mã {found.id} ({found.label}) của {found.username}.")
