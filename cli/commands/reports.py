"""``hoso report``: award statistics and their files; duplicate awards to review."""

from __future__ import annotations

from pathlib import Path

import click

from archive.actions import reports
from archive.award_history import History
from archive.format import dmy
from cli.commands.common import actor, echo_json, opened, user_option

KIND_WORDS = {"collective": "tập thể", "individual": "cá nhân", "": "không rõ"}


@click.group()
def report() -> None:
    """Thống kê khen thưởng và cảnh báo khen trùng."""


@report.command("awards")
@click.option("--year", type=int, help="Năm thống kê.")
@click.option("--from", "first", type=int, help="Từ năm (cùng --to: một khoảng năm).")
@click.option("--to", "last", type=int, help="Đến năm.")
@click.option(
    "--by",
    type=click.Choice(["form", "level", "unit", "kind"]),
    default="form",
    show_default=True,
    help="Nhóm theo hình thức (và cấp), cấp, đơn vị hoặc loại (tập thể/cá nhân).",
)
@click.option(
    "--xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Ghi bảng ra tệp XLSX."
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ghi bảng ra tệp CSV.",
)
@click.option("--json", "as_json", is_flag=True, help="In JSON: từng dòng kèm mã các quyết định.")
@user_option
@click.pass_context
def awards_report(
    ctx: click.Context,
    year: int | None,
    first: int | None,
    last: int | None,
    by: str,
    xlsx: Path | None,
    csv_path: Path | None,
    as_json: bool,
    username: str | None,
) -> None:
    """Số lượt khen thưởng theo hình thức, tập thể/cá nhân, theo cấp; một năm hoặc nhiều năm."""
    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        found = reports.award_report(archive, who, year=year, first=first, last=last, by=by)
        for path, fmt in ((xlsx, "xlsx"), (csv_path, "csv")):
            if path is not None:
                path.write_bytes(reports.export_report(archive, who, found, fmt))
                if not as_json:
                    click.echo(f"Đã ghi {path}")
    if as_json:
        echo_json(found.to_json())
        return
    period = str(found.start) if found.start == found.end else f"{found.start}–{found.end}"
    click.echo(f"Thống kê khen thưởng {period}: {found.total} lượt\n")
    for row in found.rows:
        name = row.award_form or row.unit or KIND_WORDS.get(row.kind or "", "") or "(không rõ)"
        level = found.levels.labels.get(row.level or "", "")
        click.echo(f"  {row.total:5d}  {name}" + (f" — {level}" if level else ""))
        click.echo(
            f"         tập thể {row.collectives}, cá nhân {row.individuals}"
            + (f", không rõ {row.unknown}" if row.unknown else "")
            + f"; {len(row.decisions)} quyết định: {', '.join(row.decisions[:5])}"
            + ("…" if len(row.decisions) > 5 else "")
        )


@report.command("duplicates")
@click.option("--dismissed", is_flag=True, help="Các cảnh báo đã bỏ, kèm lý do.")
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def duplicates(ctx: click.Context, dismissed: bool, as_json: bool, username: str | None) -> None:
    """Cảnh báo khen trùng: cùng người, cùng hình thức, cùng năm, hai quyết định."""
    with opened(ctx) as archive:
        flags = reports.award_flags(archive, actor(ctx, archive, username), dismissed=dismissed)
    if as_json:
        echo_json({"flags": [flag.to_json() for flag in flags]})
        return
    if not flags:
        click.echo("Không có cảnh báo khen trùng nào.")
        return
    for flag in flags:
        click.echo(f"#{flag.id}  {flag.message()} và {flag.second_record_id}")
        if flag.dismiss_reason:
            click.echo(f"      đã bỏ bởi {flag.dismissed_by}: {flag.dismiss_reason}")


@report.command("dismiss")
@click.argument("flag_id", type=int)
@click.option("--reason", required=True, help="Vì sao đây không phải khen trùng.")
@user_option
@click.pass_context
def dismiss(ctx: click.Context, flag_id: int, reason: str, username: str | None) -> None:
    """Bỏ một cảnh báo khen trùng, ghi lý do (có ghi nhật ký)."""
    with opened(ctx) as archive:
        flag = reports.dismiss_flag(archive, actor(ctx, archive, username), flag_id, reason=reason)
    click.echo(f"Đã bỏ cảnh báo #{flag.id}: {flag.recipient}, {flag.award_form} {flag.year}")


def echo_history(histories: list[History]) -> None:
    """Each recipient's awards in date order, as ``hoso awards --person/--unit`` prints them."""
    if not histories:
        click.echo("Không có khen thưởng nào khớp.")
        return
    for history in histories:
        who = history.recipient + (f" — {history.unit}" if history.unit else "")
        click.echo(f"{who}: {len(history.entries)} lượt khen thưởng")
        for entry in history.entries:
            decision = " ".join(x for x in (entry.decision_number, dmy(entry.decision_date)) if x)
            click.echo(f"  {entry.year or '----'}  {entry.award_form or '?'}")
            click.echo(f"        theo {decision or 'quyết định'} — mã {entry.record_id}")
        click.echo("")
