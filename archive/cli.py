"""The ``hoso`` command: a thin shell over the same calls the web uses."""

from __future__ import annotations

import click

from archive import settings as settings_mod
from archive.commands import accounts, awards, imports, manage, records, service


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hoso")
@click.pass_context
def main(ctx: click.Context) -> None:
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
    manage.dossier,
    manage.hold,
    manage.retention,
    manage.disposal,
    manage.audit_group,
    manage.fixity,
    accounts.user,
    accounts.token,
    service.serve,
    service.worker,
    service.jobs_command,
    service.review,
):
    main.add_command(command)


if __name__ == "__main__":
    main()
