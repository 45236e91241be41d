"""What every command shares: opening the archive, printing JSON, finding a record."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager

import click

from archive.accounts import User, get_user
from archive.errors import RecordNotFound
from archive.facade import Archive
from archive.records import Record

CLI_ACTOR = User("cli", "Người vận hành máy chủ", "admin")
user_option = click.option(
    "--user",
    "username",
    default=lambda: os.environ.get("HOSO_USER", "cli"),
    help="Tài khoản thực hiện (mặc định $HOSO_USER, hoặc cli).",
)


def actor(archive: Archive, username: str) -> User:
    """The account acting, or the server operator."""
    if username == "cli":
        return CLI_ACTOR
    user = get_user(archive, username)
    if user is None or not user.active:
        raise click.ClickException(f"Không có tài khoản đang hoạt động tên {username}")
    return user


@contextmanager
def opened(ctx: click.Context) -> Iterator[Archive]:
    """Open the archive the environment describes, and close it afterwards."""
    archive = Archive.open(ctx.obj)
    try:
        yield archive
    finally:
        archive.close()


def echo_json(data: object) -> None:
    """Print one JSON document on one line, Vietnamese unescaped."""
    click.echo(json.dumps(data, ensure_ascii=False))


def get_record(archive: Archive, record_id: str) -> Record:
    """The record, or a clear error that ends the command."""
    try:
        return archive.get(record_id)
    except RecordNotFound as exc:
        raise click.ClickException(str(exc)) from exc
