"""Records management from the command line: dossiers, holds, retention, disposal, audit, fixity.

Every command acts for an account: ``--user`` (default ``$HOSO_USER``), or the
machine's operator with ``hoso --operator``. Four-eyes approval needs two accounts.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import click

from archive.actions import disposal as disposal_actions
from archive.actions import dossiers as dossier_actions
from archive.actions import maintenance
from archive.errors import ArchiveError
from archive.format import dmy, retention_label
from archive.metadata import MetadataError, parse_date
from cli.commands.common import actor, echo_json, opened, user_option

reason_option = click.option("--reason", required=True, help="Lý do (ghi vào nhật ký).")


def fail(exc: Exception) -> click.ClickException:
    """A domain refusal as a clear command-line error."""
    return click.ClickException(str(exc))


# -- dossiers ------------------------------------------------------------------


@click.group()
def dossier() -> None:
    """Hồ sơ: lập, sửa, thêm/bớt tài liệu, xem."""


@dossier.command(name="create")
@click.argument("code")
@click.option("--title", required=True)
@click.option("--start", "start_date", default=None, help="Ngày bắt đầu (dd/mm/yyyy).")
@click.option("--end", "end_date", default=None, help="Ngày kết thúc (dd/mm/yyyy).")
@click.option("--retention", default=None, help="Số năm bảo quản, hoặc «permanent».")
@click.option("--confidentiality", default=None)
@user_option
@click.pass_context
def dossier_create(
    ctx: click.Context, code: str, title: str, username: str | None, **fields: str
) -> None:
    """Lập hồ sơ mới."""
    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        try:
            made = dossier_actions.create(
                archive, who, code, title, **{k: v for k, v in fields.items() if v}
            )
        except (ArchiveError, MetadataError, ValueError) as exc:
            raise fail(exc) from exc
    click.echo(f"Đã lập hồ sơ {made.code}: {made.title}")


@dossier.command(name="edit")
@click.argument("code")
@click.option("--title", default=None)
@click.option("--start", "start_date", default=None)
@click.option("--end", "end_date", default=None)
@click.option("--retention", default=None)
@click.option("--confidentiality", default=None)
@reason_option
@user_option
@click.pass_context
def dossier_edit(
    ctx: click.Context, code: str, reason: str, username: str | None, **fields: str
) -> None:
    """Sửa hồ sơ (một phiên bản mới; hạn của các tài liệu theo hồ sơ)."""
    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        changes = {k: v for k, v in fields.items() if v is not None}
        try:
            updated = dossier_actions.edit(archive, who, code, changes, reason=reason)
        except (ArchiveError, MetadataError, ValueError) as exc:
            raise fail(exc) from exc
    click.echo(f"Đã lưu hồ sơ {updated.code}, phiên bản {updated.version}.")


@dossier.command(name="add")
@click.argument("code")
@click.argument("record_ids", nargs=-1, required=True)
@reason_option
@user_option
@click.pass_context
def dossier_add(
    ctx: click.Context, code: str, record_ids: tuple[str, ...], reason: str, username: str | None
) -> None:
    """Đưa tài liệu vào hồ sơ."""
    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        try:
            moved = dossier_actions.add(archive, who, code, list(record_ids), reason=reason)
        except (ArchiveError, MetadataError) as exc:
            raise fail(exc) from exc
    click.echo(f"Đã đưa {len(moved)} tài liệu vào hồ sơ {code}.")


@dossier.command(name="remove")
@click.argument("code")
@click.argument("record_id")
@reason_option
@user_option
@click.pass_context
def dossier_remove(
    ctx: click.Context, code: str, record_id: str, reason: str, username: str | None
) -> None:
    """Rút tài liệu khỏi hồ sơ."""
    with opened(ctx) as archive:
        who = actor(ctx, archive, username)
        try:
            dossier_actions.remove(archive, who, code, record_id, reason=reason)
        except (ArchiveError, MetadataError) as exc:
            raise fail(exc) from exc
    click.echo(f"Đã rút {record_id} khỏi hồ sơ {code}.")


@dossier.command(name="show")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def dossier_show(ctx: click.Context, code: str, as_json: bool, username: str | None) -> None:
    """Xem hồ sơ và các tài liệu của nó theo thứ tự."""
    with opened(ctx) as archive:
        found, records = dossier_actions.show(archive, actor(ctx, archive, username), code)
    if as_json:
        echo_json({**found.to_json(), "records": [r.to_json() for r in records]})
        return
    click.secho(f"{found.code}  {found.title}", bold=True)
    click.echo(
        f"  Thời gian: {dmy(found.start_date) or '?'} – {dmy(found.end_date) or 'chưa kết thúc'}"
    )
    if found.retention:
        click.echo(f"  Thời hạn bảo quản: {retention_label(found.retention)}")
    for index, record in enumerate(records, start=1):
        meta = record.metadata
        click.echo(
            f"  {index:>3}. {record.id}  {meta.get('number') or ''}  {meta.get('title') or record.filename}"
        )


@dossier.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def dossier_list(ctx: click.Context, as_json: bool, username: str | None) -> None:
    """Liệt kê hồ sơ."""
    with opened(ctx) as archive:
        found = dossier_actions.list_dossiers(archive, actor(ctx, archive, username))
    if as_json:
        echo_json([d.to_json() for d in found])
        return
    for item in found:
        click.echo(f"{item.code:<20} {item.record_count:>5} tài liệu  {item.title}")


# -- holds ------------------------------------------------------------------------


@click.group()
def hold() -> None:
    """Lệnh giữ: không ai được hủy, sửa hay xóa tài liệu (hồ sơ) đang bị giữ."""


@hold.command(name="add")
@click.argument("target")
@reason_option
@user_option
@click.pass_context
def hold_add(ctx: click.Context, target: str, reason: str, username: str | None) -> None:
    """Giữ một tài liệu (theo mã) hoặc một hồ sơ (theo mã hồ sơ)."""
    from archive.holds import place_hold

    with opened(ctx) as archive:
        try:
            placed = place_hold(archive, actor(ctx, archive, username), target, reason=reason)
        except ArchiveError as exc:
            raise fail(exc) from exc
    click.echo(f"Đã giữ {placed.target_id} (lệnh {placed.id}).")


@hold.command(name="remove")
@click.argument("target")
@reason_option
@user_option
@click.pass_context
def hold_remove(ctx: click.Context, target: str, reason: str, username: str | None) -> None:
    """Gỡ lệnh giữ (chỉ quản trị viên)."""
    from archive.holds import lift_hold

    with opened(ctx) as archive:
        try:
            lifted = lift_hold(archive, actor(ctx, archive, username), target, reason=reason)
        except ArchiveError as exc:
            raise fail(exc) from exc
    click.echo(f"Đã gỡ {len(lifted)} lệnh giữ trên {target}.")


# -- retention and disposal ----------------------------------------------------------


@click.group()
def retention() -> None:
    """Thời hạn bảo quản: bảng thời hạn, tài liệu đến hạn, đặt thời hạn riêng."""


@retention.command(name="due")
@click.option(
    "--before",
    default=None,
    help="Kể cả tài liệu đến hạn từ nay đến hết ngày này (dd/mm/yyyy); mặc định hôm nay.",
)
@click.option(
    "--within",
    type=click.IntRange(0, 3660),
    default=None,
    metavar="SỐ_NGÀY",
    help="Kể cả tài liệu sắp hết hạn trong chừng ấy ngày tới "
    "(như thông báo ở trang chủ, mặc định HOSO_DUE_NOTICE_DAYS).",
)
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def retention_due(
    ctx: click.Context, before: str | None, within: int | None, as_json: bool, username: str | None
) -> None:
    """Liệt kê tài liệu đã hết thời hạn bảo quản (và sắp hết, với --within hoặc --before)."""
    from archive.disposition import is_due

    if before and within is not None:
        raise click.UsageError("Chỉ dùng một trong hai: --before hoặc --within")
    try:
        limit = date.fromisoformat(parse_date(before)) if before else None
    except MetadataError as exc:
        raise click.BadParameter(str(exc), param_hint="--before") from exc
    with opened(ctx) as archive:
        if within is not None:
            limit = archive.settings.today() + timedelta(days=within)
        found = disposal_actions.due(archive, actor(ctx, archive, username), limit)
    records = [record for record, _ in found]
    held = {record.id for record, is_held in found if is_held}
    if as_json:
        echo_json([{**r.to_json(), "held": r.id in held, "due_now": is_due(r)} for r in records])
        return
    if not records:
        click.echo("Không có tài liệu nào đến hạn.")
    for record in records:
        mark = "  [ĐANG BỊ GIỮ]" if record.id in held else ""
        if not is_due(record):
            mark += "  [chưa đến hạn: chưa đề xuất hủy được]"
        retention_block = record.metadata.get("retention") or {}
        click.echo(
            f"{record.id}  hạn {dmy(retention_block.get('disposal_due'))}  "
            f"{record.metadata.get('title') or record.filename}{mark}"
        )


@retention.command(name="schedule")
@user_option
@click.pass_context
def retention_schedule(ctx: click.Context, username: str | None) -> None:
    """In bảng thời hạn bảo quản đang dùng và căn cứ pháp lý."""
    with opened(ctx) as archive:
        schedule = disposal_actions.schedule(archive, actor(ctx, archive, username))
    click.secho(schedule.name, bold=True)
    click.echo(f"Căn cứ: {schedule.source}\nTệp: {schedule.origin}")
    if schedule.note:
        click.secho(f"Lưu ý: {schedule.note}", fg="yellow")
    for rule in schedule.rules:
        click.echo(f"  {rule.label():<30} {rule.title}  [{rule.id}]")


@retention.command(name="set")
@click.argument("record_id")
@click.option("--years", type=int, default=None)
@click.option("--permanent", is_flag=True)
@reason_option
@user_option
@click.pass_context
def retention_set(
    ctx: click.Context,
    record_id: str,
    years: int | None,
    permanent: bool,
    reason: str,
    username: str | None,
) -> None:
    """Đặt thời hạn bảo quản riêng cho một tài liệu (thay cho bảng thời hạn)."""
    from archive.retention.decide import set_retention

    with opened(ctx) as archive:
        try:
            updated = set_retention(
                archive,
                actor(ctx, archive, username),
                record_id,
                years=years,
                permanent=permanent,
                reason=reason,
            )
        except (ArchiveError, ValueError) as exc:
            raise fail(exc) from exc
    click.echo(f"Đã đặt: {retention_label(updated.metadata['retention'])}")


@click.group()
def disposal() -> None:
    """Xử lý tài liệu hết hạn: đề xuất, duyệt (người khác), hủy hoặc nộp lưu."""


@disposal.command(name="propose")
@click.argument("record_ids", nargs=-1, required=True)
@click.option("--action", type=click.Choice(["destroy", "transfer"]), default="destroy")
@reason_option
@user_option
@click.pass_context
def disposal_propose(
    ctx: click.Context, record_ids: tuple[str, ...], action: str, reason: str, username: str | None
) -> None:
    """Đề xuất danh sách tài liệu hết hạn để hủy hoặc nộp lưu."""
    from archive.disposition import propose

    with opened(ctx) as archive:
        try:
            made = propose(
                archive,
                actor(ctx, archive, username),
                list(record_ids),
                action=action,
                reason=reason,
            )
        except ArchiveError as exc:
            raise fail(exc) from exc
    click.echo(f"Đã lập danh sách số {made.id} ({len(made.record_ids)} tài liệu), chờ duyệt.")


def _decide(
    ctx: click.Context, disposal_id: int, reason: str, username: str | None, approve: bool
) -> None:
    from archive.disposal_run import decide

    with opened(ctx) as archive:
        try:
            done = decide(
                archive, actor(ctx, archive, username), disposal_id, approve=approve, reason=reason
            )
        except ArchiveError as exc:
            raise fail(exc) from exc
    if approve:
        click.echo(
            f"Đã duyệt và thực hiện danh sách số {done.id}. Biên bản được lưu trong kho; "
            f"lấy ra bằng: hoso disposal report {done.id} -o bien-ban-{done.id}.html"
        )
        if done.package_path:
            click.echo(f"Gói giao nộp: {done.package_path}")
    else:
        click.echo(f"Đã từ chối danh sách số {done.id}.")


@disposal.command(name="approve")
@click.argument("disposal_id", type=int)
@reason_option
@user_option
@click.pass_context
def disposal_approve(
    ctx: click.Context, disposal_id: int, reason: str, username: str | None
) -> None:
    """Duyệt và thực hiện một danh sách (quản trị viên khác người đề xuất)."""
    _decide(ctx, disposal_id, reason, username, approve=True)


@disposal.command(name="reject")
@click.argument("disposal_id", type=int)
@reason_option
@user_option
@click.pass_context
def disposal_reject(
    ctx: click.Context, disposal_id: int, reason: str, username: str | None
) -> None:
    """Từ chối một danh sách."""
    _decide(ctx, disposal_id, reason, username, approve=False)


@disposal.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def disposal_list(ctx: click.Context, as_json: bool, username: str | None) -> None:
    """Các danh sách xử lý."""
    from archive.disposition import STATES

    with opened(ctx) as archive:
        found = disposal_actions.lists(archive, actor(ctx, archive, username))
    if as_json:
        echo_json([d.to_json() for d in found])
        return
    for item in found:
        click.echo(
            f"{item.id:>4}  {item.action:<8} {STATES[item.state]:<24} "
            f"{len(item.record_ids):>4} tài liệu  đề xuất: {item.proposed_by}"
        )


@disposal.command(name="report")
@click.argument("disposal_id", type=int)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@user_option
@click.pass_context
def disposal_report(
    ctx: click.Context, disposal_id: int, output: Path, username: str | None
) -> None:
    """Lấy biên bản (HTML để in) của một danh sách đã thực hiện."""
    with opened(ctx) as archive:
        body = disposal_actions.report(archive, actor(ctx, archive, username), disposal_id)
    output.write_bytes(body)
    click.echo(f"Đã ghi biên bản vào {output}")


# -- audit and fixity ----------------------------------------------------------------


@click.group(name="audit")
def audit_group() -> None:
    """Nhật ký kiểm tra: xác minh chuỗi băm, xuất CSV."""


@audit_group.command(name="verify")
@user_option
@click.pass_context
def audit_verify(ctx: click.Context, username: str | None) -> None:
    """Xác minh nhật ký chưa bị sửa hay xóa; thoát với mã 1 và nêu từng chỗ hỏng."""
    from archive.audit import write_checkpoint

    with opened(ctx) as archive:
        problems = maintenance.verify_audit(archive, actor(ctx, archive, username))
        if not problems:
            write_checkpoint(archive)
    for problem in problems:
        click.secho(problem, fg="red")
    if problems:
        sys.exit(1)
    click.echo("Nhật ký kiểm tra nguyên vẹn.")


@audit_group.command(name="export")
@click.option("--csv", "csv_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--who", default="", help="Chỉ sự kiện của người này.")
@click.option("--action", default="")
@click.option("--record", "record_id", default="")
@click.option("--since", default=None, help="Từ ngày (dd/mm/yyyy), theo giờ cơ quan.")
@click.option("--until", default=None, help="Đến hết ngày (dd/mm/yyyy).")
@user_option
@click.pass_context
def audit_export(
    ctx: click.Context,
    csv_path: Path,
    who: str,
    action: str,
    record_id: str,
    since: str | None,
    until: str | None,
    username: str | None,
) -> None:
    """Xuất nhật ký ra CSV (cùng bộ lọc như trang Nhật ký)."""
    from archive.audit import AuditFilter

    try:
        wanted = AuditFilter(
            username=who,
            action=action,
            record_id=record_id,
            since=date.fromisoformat(parse_date(since)) if since else None,
            until=date.fromisoformat(parse_date(until)) if until else None,
        )
    except MetadataError as exc:
        raise click.BadParameter(str(exc), param_hint="--since/--until") from exc
    with opened(ctx) as archive:
        acting = actor(ctx, archive, username)
        with csv_path.open("w", encoding="utf-8-sig", newline="") as out:
            count = maintenance.export_audit(archive, acting, out, wanted, zone=ctx.obj.zone)
    click.echo(f"Đã xuất {count} sự kiện vào {csv_path}")


@click.command()
@click.option(
    "--sample", type=click.IntRange(1), default=None, help="Chỉ kiểm N bản gốc lâu chưa kiểm nhất."
)
@click.option("--json", "as_json", is_flag=True)
@user_option
@click.pass_context
def fixity(ctx: click.Context, sample: int | None, as_json: bool, username: str | None) -> None:
    """Băm lại bản gốc để phát hiện thay đổi hoặc mất mát; thoát mã 1 nếu có lỗi."""
    with opened(ctx) as archive:
        results = maintenance.check_fixity(archive, actor(ctx, archive, username), sample=sample)
    failed = [r for r in results if r.status != "ok"]
    if as_json:
        echo_json({"checked": len(results), "failed": [r.to_json() for r in failed]})
    else:
        for result in failed:
            label = "MẤT" if result.status == "missing" else "SAI LỆCH"
            click.secho(f"{label}  {result.record_id}  {result.sha256}  {result.detail}", fg="red")
        click.echo(f"Đã kiểm {len(results)} bản gốc; {len(failed)} lỗi.")
    if failed:
        sys.exit(1)
