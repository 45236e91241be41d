"""The command line acts for a real account, with that account's permissions, or for the
machine's operator when asked explicitly, and says so in the audit trail."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from archive import audit
from archive.facade import Archive
from archive.settings import Settings
from cli import main

PASSWORD = "ba-con-meo-trèo-cây-cau"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {"HOSO_DATA_DIR": str(tmp_path / "data"), "HOSO_USER": ""}
    for name, role in (("an", "admin"), ("lan", "archivist"), ("xem", "viewer")):
        made = hoso(env, "--operator", "user", "add", name, "--role", role, "--password-stdin")
        assert made.exit_code == 0, made.output
    return env


def hoso(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env, input=PASSWORD + "\n")


def test_without_an_account_a_command_says_how_to_name_one(env: dict[str, str]) -> None:
    refused = hoso(env, "stats")
    assert refused.exit_code == 1
    assert "--user TÊN hoặc đặt HOSO_USER" in refused.output and "--operator" in refused.output


def test_unknown_and_locked_accounts_are_refused(env: dict[str, str], tmp_path: Path) -> None:
    assert "Không có tài khoản «ai»" in hoso(env, "stats", "--user", "ai").output
    archive = Archive.open(Settings(data_dir=tmp_path / "data"))
    try:
        from archive.accounts import set_active

        set_active(archive, "lan", False)
    finally:
        archive.close()
    locked = hoso({**env, "HOSO_USER": "lan"}, "stats")
    assert locked.exit_code == 1 and "đang bị khóa" in locked.output


def test_the_same_permissions_as_on_the_web(env: dict[str, str], tmp_path: Path) -> None:
    doc = tmp_path / "qd.txt"
    doc.write_text("Quyết định số 5/QĐ-UBND về khen thưởng", encoding="utf-8")
    viewer = {**env, "HOSO_USER": "xem"}
    denied = hoso(viewer, "ingest", str(doc))
    assert denied.exit_code == 1 and "không được phép" in denied.output
    assert hoso(viewer, "user", "list").exit_code == 1
    assert hoso(viewer, "reindex").exit_code == 1
    made = hoso({**env, "HOSO_USER": "lan"}, "ingest", str(doc))
    assert made.exit_code == 0, made.output
    assert hoso(viewer, "search", "khen").exit_code == 0


def test_every_act_is_audited_under_its_account(env: dict[str, str], tmp_path: Path) -> None:
    doc = tmp_path / "qd.txt"
    doc.write_text("Quyết định số 6/QĐ-UBND về khen thưởng", encoding="utf-8")
    assert hoso({**env, "HOSO_USER": "lan"}, "ingest", str(doc)).exit_code == 0
    assert hoso({**env, "HOSO_USER": "an"}, "reindex").exit_code == 0
    assert hoso(env, "--operator", "fixity").exit_code == 0
    archive = Archive.open(Settings(data_dir=tmp_path / "data"))
    try:
        done = [(e.username, e.action) for e in audit.events(archive)]
    finally:
        archive.close()
    assert ("lan", "upload") in done and ("an", "reindex") in done
    operators = {who for who, action in done if action in ("user_add", "fixity_run")}
    assert len(operators) == 1 and next(iter(operators)).startswith("operator:")


def leaf_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += leaf_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def minimal_args(command: click.Command, existing: Path) -> list[str]:
    """Just enough arguments for ``command`` to be parsed and start its work."""
    args: list[str] = []
    for param in command.params:
        if not param.required and not (isinstance(param, click.Argument) and param.nargs == -1):
            continue
        value = "1"
        if isinstance(param.type, click.Path):
            value = str(existing)
        elif isinstance(param.type, click.Choice):
            value = str(param.type.choices[0])
        if isinstance(param, click.Option):
            args += [param.opts[0], value]
        else:
            args.append(value)
    return args


# Processes, not acts: they run for whoever talks to them and take no account.
PROCESSES = {("serve",), ("worker",)}


def test_every_command_acts_for_an_account(env: dict[str, str], tmp_path: Path) -> None:
    """Walk the command tree: without --user, HOSO_USER or --operator, every command is
    refused before it does anything, with the same words."""
    existing = tmp_path / "co.txt"
    existing.write_text("Quyết định số 1/QĐ-UBND", encoding="utf-8")
    walked = 0
    for path in leaf_commands(main):
        if path in PROCESSES:
            continue
        command = main
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        args = [*path, *minimal_args(command, existing)]
        if path == ("user", "add"):
            args.append("--password-stdin")
        refused = hoso(env, *args)
        assert refused.exit_code == 1, (args, refused.output)
        assert "cần biết ai thực hiện" in refused.output, (args, refused.output)
        walked += 1
    assert walked >= 30
