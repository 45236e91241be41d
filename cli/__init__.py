"""The ``hoso`` command: a thin shell over the same calls the web uses."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from archive import settings as settings_mod
from cli.commands import accounts, awards, imports, manage, packets, records, reports, service
from cli.errors import Failure, explain, log_defect


class HosoGroup(click.Group):
    """The command tree, turning every failure into one line for people and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.UsageError, Failure, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except click.ClickException as exc:
            raise Failure(exc.format_message()) from exc
        except BrokenPipeError:
            # The reader went away (``hoso show … | head``): nothing left to say to it.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(1) from None
        except KeyboardInterrupt:
            click.echo("Đã dừng theo yêu cầu.", err=True)
            raise SystemExit(130) from None
        except Exception as exc:
            line = explain(exc)
            if line is None:
                settings = ctx.obj if isinstance(ctx.obj, settings_mod.Settings) else None
                line = log_defect(exc, settings.data_dir if settings else None)
            raise Failure(line) from exc


@click.group(cls=HosoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hoso")
@click.option(
    "--operator",
    is_flag=True,
    help="Thực hiện với tư cách người vận hành máy chủ (quyền quản trị, ghi nhật ký như vậy), "
    "khi không dùng --user/HOSO_USER.",
)
@click.pass_context
def main(ctx: click.Context, operator: bool) -> None:
    """Hoso — kho lưu trữ hồ sơ thi đua, khen thưởng."""
    try:
        ctx.obj = settings_mod.from_env()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


for command in (
    records.ingest,
    records.search,
    records.show,
    records.get,
    records.text,
    records.stats,
    records.reindex_command,
    records.rebuild_command,
    imports.import_command,
    awards.awards,
    awards.reparse,
    reports.report,
    manage.dossier,
    manage.hold,
    manage.retention,
    manage.disposal,
    manage.audit_group,
    manage.fixity,
    packets.packet,
    accounts.user,
    accounts.token,
    service.serve,
    service.worker,
    service.jobs_command,
    service.review,
):
    main.add_command(command)
