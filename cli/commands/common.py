"""What every command shares: opening the archive, printing JSON, finding a record."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager

import click

from archive.accounts import User, get_user
from archive.audit_limit import deny
from archive.facade import Archive
from archive.permissions import Forbidden

user_option = click.option(
    "--user",
    "username",
    default=None,
    help="Tài khoản thực hiện (mặc định $HOSO_USER).",
)


def operator() -> User:
    """The machine's operator, acting by ``hoso --operator``: an administrator whose
    audit events name the system account that ran the command."""
    return User(f"operator:{getpass.getuser()}", "Người vận hành máy chủ", "admin")


def actor(ctx: click.Context, archive: Archive, username: str | None = None) -> User:
    """The account a command acts for: ``--user``, else ``HOSO_USER``, else the operator
    when ``hoso --operator`` says so. An unknown or locked account is refused."""
    name = (username or ctx.obj.user or "").strip()
    if name:
        found = get_user(archive, name)
        if found is None:
            raise click.ClickException(
                f"Không có tài khoản «{name}» (xem «hoso --operator user list»)"
            )
        if not found.active:
            raise click.ClickException(f"Tài khoản «{name}» đang bị khóa")
        ctx.find_root().meta["hoso.actor"] = found.username
        return found
    if ctx.find_root().params.get("operator"):
        chosen = operator()
        ctx.find_root().meta["hoso.actor"] = chosen.username
        return chosen
    raise click.ClickException(
        "Lệnh này cần biết ai thực hiện: thêm --user TÊN hoặc đặt HOSO_USER=TÊN. "
        "Người vận hành máy chủ (ví dụ để tạo tài khoản quản trị đầu tiên) dùng "
        "«hoso --operator …»."
    )


@contextmanager
def opened(ctx: click.Context) -> Iterator[Archive]:
    """Open the archive the environment describes, and close it afterwards."""
    archive = Archive.open(ctx.obj)
    try:
        yield archive
    except Forbidden as exc:
        # A refusal on the command line is an audit event, as on the web (bounded rate).
        deny(
            archive,
            ctx.find_root().meta.get("hoso.actor"),
            "forbidden",
            details={"action": exc.action, "via": "cli", "command": ctx.command_path[:200]},
        )
        raise
    finally:
        archive.close()


def echo_json(data: object) -> None:
    """Print one JSON document on one line, Vietnamese unescaped."""
    click.echo(json.dumps(data, ensure_ascii=False))
