"""``hoso awards``: award entries across every decision; ``hoso reparse``: read metadata again."""

from __future__ import annotations

from pathlib import Path

import click

from archive import service
from archive.actions import reports
from archive.format import dmy
from cli.commands.common import actor, echo_json, opened, user_option
from cli.commands.reports import echo_history


@click.command()
@click.option("--person", help="Người hoặc tập thể được khen (gõ có dấu hoặc không).")
@click.option("--form", help="Hình thức khen thưởng, ví dụ «bằng khen», «chiến sĩ thi đua».")
@click.option("--year", type=int, help="Năm khen thưởng.")
@click.option("--unit", help="Đơn vị công tác.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10000))
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ghi quá trình khen thưởng (--person/--unit) ra tệp XLSX.",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ghi quá trình khen thưởng (--person/--unit) ra tệp CSV.",
)
@user_option
@click.pass_context
def awards(
    ctx: click.Context,
    person: str | None,
    form: str | None,
    year: int | None,
    unit: str | None,
    limit: int,
    as_json: bool,
    xlsx: Path | None,
    csv_path: Path | None,
    username: str | None,
) -> None:
    """Tra cứu khen thưởng: ai được khen gì, năm nào, theo quyết định nào.

    Chỉ --person hoặc --unit: quá trình khen thưởng của người (hoặc đơn vị) theo thứ tự
    ngày quyết định; cùng tên viết hoa/thường, dấu đặt khác (hoà/hòa) hay cách khoảng là
    một người; người trùng tên ở đơn vị khác được tách riêng.
    """
    if (xlsx or csv_path) and (form or year or not (person or unit)):
        raise click.UsageError(
            "--xlsx/--csv ghi quá trình khen thưởng: chỉ dùng với --person/--unit"
        )
    if (person or unit) and not form and not year:
        with opened(ctx) as archive:
            acting = actor(ctx, archive, username)
            found = reports.history(archive, acting, person=person, unit=unit)
            for path, fmt in ((xlsx, "xlsx"), (csv_path, "csv")):
                if path is not None:
                    path.write_bytes(
                        reports.export_history(archive, acting, fmt, person=person, unit=unit)
                    )
                    click.echo(f"Đã ghi {path}", err=as_json)
        if as_json:
            echo_json(
                {
                    "total": sum(len(h.entries) for h in found),
                    "recipients": [
                        {
                            "recipient": h.recipient,
                            "unit": h.unit,
                            "awards": [e.to_json() for e in h.entries],
                        }
                        for h in found
                    ],
                }
            )
        else:
            echo_history(found)
        return
    with opened(ctx) as archive:
        total, entries = service.awards(
            archive,
            actor(ctx, archive, username),
            person=person,
            form=form,
            year=year,
            unit=unit,
            limit=limit,
        )
    if as_json:
        echo_json({"total": total, "awards": [e.to_json() for e in entries]})
        return
    if not total:
        click.echo("Không có khen thưởng nào khớp.")
        return
    click.echo(f"{total} lượt khen thưởng:\n")
    for entry in entries:
        who = entry.recipient + (f" ({entry.unit})" if entry.unit else "")
        decision = " ".join(x for x in (entry.decision_number, dmy(entry.decision_date)) if x)
        click.echo(f"  {entry.year or '----'}  {entry.award_form or '?'}: {who}")
        click.echo(f"        theo {decision or 'quyết định'} — mã {entry.record_id}")


@click.command()
@click.argument("record_ids", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Đọc lại mọi tài liệu trong kho.")
@user_option
@click.pass_context
def reparse(
    ctx: click.Context, record_ids: tuple[str, ...], everything: bool, username: str | None
) -> None:
    """Đọc lại siêu dữ liệu từ văn bản (sau khi nâng cấp bộ đọc); phần nhập tay được giữ."""
    from archive.rebuild import current_manifests

    if not record_ids and not everything:
        raise click.UsageError("Cho biết mã tài liệu, hoặc dùng --all")
    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        ids = list(record_ids)
        if everything:
            ids = [
                r.id for r in current_manifests(archive.store) if not r.metadata.get("disposition")
            ]
        changed = service.reparse(archive, who, ids)
    click.echo(f"Đã đọc lại {len(ids)} tài liệu; {changed} có siêu dữ liệu mới.")
