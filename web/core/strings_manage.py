"""Strings of records management: retention, holds, dossiers, disposition (vi, en).

Vietnamese labels of states and actions come from the domain's own tables, so the
pages and the command line name them alike.
"""

from __future__ import annotations

from archive.disposition import ACTIONS, STATES

ACTIONS_EN = {
    "destroy": "Destroy records of no further value",
    "transfer": "Transfer to the historical archive",
}
STATES_EN = {
    "proposed": "Awaiting approval",
    "approved": "Approved and carried out",
    "rejected": "Rejected",
}

MANAGE: dict[str, tuple[str, str]] = {
    # Retention
    "retention.years.one": ("{n} năm", "{n} year"),
    "retention.title": ("Thời hạn bảo quản", "Retention"),
    "retention.period": ("Thời hạn", "Period"),
    "retention.rule": ("Căn cứ", "Rule"),
    "retention.due_label": ("Đến hạn xử lý", "Disposal due"),
    "retention.no_due": (
        "Không có hạn (vĩnh viễn hoặc chưa xác định)",
        "None (permanent or not set)",
    ),
    "retention.until_superseded": ("Đến khi văn bản hết hiệu lực", "Until superseded"),
    "retention.unknown": ("Chưa xác định", "Not set"),
    "retention.override": ("Đặt thời hạn riêng cho tài liệu này", "Set this record's own period"),
    "retention.mode": ("Cách bảo quản", "Keep for"),
    "retention.mode.years": ("Một số năm", "A number of years"),
    "retention.years_label": ("Số năm", "Years"),
    "retention.reason": ("Lý do", "Reason"),
    "retention.save": ("Lưu thời hạn", "Save period"),
    "retention.saved": (
        "Đã lưu thời hạn bảo quản (phiên bản {version}).",
        "Retention saved (version {version}).",
    ),
    "retention.need_years": (
        "Nhập số năm bảo quản (1–200) hoặc chọn «Vĩnh viễn».",
        "Enter the years to keep (1–200) or choose “Permanent”.",
    ),
    # Holds
    "hold.title": ("Lệnh giữ", "Holds"),
    "hold.badge": ("ĐANG BỊ GIỮ", "ON HOLD"),
    "hold.active": ("Đang giữ", "Active"),
    "hold.lifted_state": ("Đã gỡ", "Lifted"),
    "hold.none": ("Chưa có lệnh giữ nào.", "No holds."),
    "hold.inherited": (
        "Hồ sơ {code} chứa tài liệu này đang bị giữ (lý do: {reason}).",
        "Dossier {code}, which holds this record, is on hold (reason: {reason}).",
    ),
    "hold.placed_by": ("Đặt bởi {who} lúc {at}", "Placed by {who} at {at}"),
    "hold.lifted_by": ("Gỡ bởi {who} lúc {at}: {reason}", "Lifted by {who} at {at}: {reason}"),
    "hold.place": ("Đặt lệnh giữ", "Place a hold"),
    "hold.lift": ("Gỡ lệnh giữ", "Lift the hold"),
    "hold.reason": ("Lý do giữ", "Reason for the hold"),
    "hold.reason_placeholder": (
        "Ví dụ: phục vụ thanh tra năm 2026",
        "e.g. for the 2026 inspection",
    ),
    "hold.lift_reason": ("Lý do gỡ", "Reason for lifting"),
    "hold.placed": (
        "Đã đặt lệnh giữ {target}: không ai sửa, chuyển hay hủy được cho đến khi gỡ.",
        "{target} is on hold: nobody can edit, move or dispose of it until lifted.",
    ),
    "hold.lifted": ("Đã gỡ lệnh giữ {target}.", "Hold on {target} lifted."),
    # Tombstone
    "error.original_gone": (
        "Bản gốc của tài liệu này không còn trong kho (đã hủy hoặc nộp lưu); siêu dữ liệu vẫn được giữ.",
        "This record's original is no longer in the archive (destroyed or transferred); its metadata is kept.",
    ),
    "field.disposition": ("Xử lý khi hết hạn", "Disposition"),
    "tombstone.title.destroy": ("Tài liệu này đã bị hủy", "This record has been destroyed"),
    "tombstone.title.transfer": (
        "Tài liệu này đã được nộp lưu vào lưu trữ lịch sử",
        "This record was transferred to the historical archive",
    ),
    "tombstone.text": (
        "Bản gốc và các bản dẫn xuất không còn trong kho; siêu dữ liệu và lịch sử được giữ lại làm chứng cứ.",
        "The original and its derivatives are gone from the archive; the metadata and history are kept as evidence.",
    ),
    "tombstone.who": (
        "Duyệt bởi {by} lúc {at} theo danh sách số {list} (đề xuất: {proposer}).",
        "Approved by {by} at {at} on list no. {list} (proposed by {proposer}).",
    ),
    "tombstone.report": ("Xem biên bản", "Open the report"),
    "tombstone.package": ("Gói giao nộp: {path}", "Transfer package: {path}"),
    # Dossiers
    "dossiers.title": ("Hồ sơ", "Dossiers"),
    "dossiers.lead": (
        "Hồ sơ gom các văn bản về một việc, có thời hạn bảo quản chung.",
        "A dossier gathers the documents of one matter under one retention period.",
    ),
    "dossiers.find": ("Tìm theo mã hoặc tiêu đề", "Find by code or title"),
    "dossiers.list": ("Danh sách hồ sơ", "All dossiers"),
    "dossiers.none": ("Chưa có hồ sơ nào.", "No dossiers yet."),
    "dossiers.create": ("Lập hồ sơ mới", "Open a dossier"),
    "dossier.tag": ("Hồ sơ", "Dossier"),
    "dossier.code": ("Mã hồ sơ", "Code"),
    "dossier.code_hint": (
        "Chữ, số, dấu chấm, gạch ngang, gạch chéo; tối đa 64 ký tự.",
        "Letters, digits, dot, dash, slash; up to 64 characters.",
    ),
    "dossier.title_field": ("Tiêu đề hồ sơ", "Title"),
    "dossier.dates": ("Thời gian", "Dates"),
    "dossier.start": ("Ngày bắt đầu", "Start date"),
    "dossier.end": ("Ngày kết thúc", "End date"),
    "dossier.open": ("Chưa kết thúc", "Still open"),
    "dossier.span": ("Từ {start} đến {end}", "From {start} to {end}"),
    "dossier.retention.schedule": ("Theo bảng thời hạn", "As the schedule says"),
    "dossier.retention.years": ("Một số năm", "A number of years"),
    "dossier.retention.permanent": ("Vĩnh viễn", "Permanent"),
    "dossier.bad_years": (
        "Số năm bảo quản phải là số nguyên từ 1 đến {high}.",
        "Years to keep must be a whole number from 1 to {high}.",
    ),
    "dossier.records": ("Tài liệu trong hồ sơ", "Records"),
    "dossier.count": ("{n} tài liệu", "{n} records"),
    "dossier.count.one": ("{n} tài liệu", "{n} record"),
    "dossier.empty": ("Hồ sơ chưa có tài liệu nào.", "The dossier holds no records yet."),
    "dossier.details": ("Thông tin hồ sơ", "Details"),
    "dossier.edit": ("Sửa hồ sơ", "Edit dossier"),
    "dossier.edit_hint": (
        "Mỗi lần lưu tạo một phiên bản mới; hạn xử lý của các tài liệu trong hồ sơ tính lại theo hồ sơ.",
        "Each save makes a new version; the records' due dates follow the dossier.",
    ),
    "dossier.reason": ("Lý do", "Reason"),
    "dossier.add": ("Đưa tài liệu vào hồ sơ", "Add records"),
    "dossier.ids": ("Mã tài liệu", "Record ids"),
    "dossier.ids_hint": (
        "Một hoặc nhiều mã, cách nhau bởi dấu cách, dấu phẩy hoặc xuống dòng.",
        "One or more ids, separated by spaces, commas or new lines.",
    ),
    "dossier.no_ids": ("Chưa nhập mã tài liệu nào.", "No record id was entered."),
    "dossier.remove": ("Rút khỏi hồ sơ", "Remove"),
    "dossier.remove_confirm": ("Rút tài liệu", "Remove record"),
    "dossier.search_within": ("Tìm trong hồ sơ", "Search this dossier"),
    "dossier.created": ("Đã lập hồ sơ {code}.", "Dossier {code} opened."),
    "dossier.saved": ("Đã lưu hồ sơ, phiên bản {version}.", "Dossier saved, version {version}."),
    "dossier.added": ("Đã đưa {n} tài liệu vào hồ sơ.", "{n} record(s) added."),
    "dossier.removed": (
        "Đã rút tài liệu {id} khỏi hồ sơ.",
        "Record {id} removed from the dossier.",
    ),
    # Disposition
    "disposal.title": ("Xử lý tài liệu hết hạn", "Disposition"),
    "disposal.lead": (
        "Tài liệu hết thời hạn bảo quản: đề xuất hủy hoặc nộp lưu; một quản trị viên khác duyệt.",
        "Records past their retention: propose destruction or transfer; another administrator approves.",
    ),
    "disposal.before": ("Đến hạn trước ngày", "Due by"),
    "disposal.filter": ("Xem", "Show"),
    "disposal.today": ("hôm nay", "today"),
    "disposal.due": ("Tài liệu đến hạn xử lý (đến {date})", "Records due (by {date})"),
    "disposal.due_count": ("{n} tài liệu", "{n} records"),
    "disposal.due_count.one": ("{n} tài liệu", "{n} record"),
    "disposal.none_due": ("Không có tài liệu nào đến hạn.", "No record has fallen due."),
    "disposal.on_list": ("Đã ở danh sách số {id}", "On list no. {id}"),
    "disposal.choose": ("Chọn tài liệu này", "Choose this record"),
    "disposal.action": ("Cách xử lý", "Action"),
    "disposal.reason": ("Lý do đề xuất", "Reason"),
    "disposal.reason_placeholder": (
        "Ví dụ: hết thời hạn bảo quản theo bảng thời hạn",
        "e.g. retention period over",
    ),
    "disposal.propose": ("Lập danh sách đề xuất", "Propose the list"),
    "disposal.four_eyes": (
        "Nguyên tắc bốn mắt: người đề xuất không tự duyệt được; một quản trị viên khác phải duyệt.",
        "Four eyes: the proposer cannot approve; another administrator must.",
    ),
    "disposal.lists": ("Các danh sách xử lý", "Disposal lists"),
    "disposal.no_lists": ("Chưa có danh sách nào.", "No lists yet."),
    "disposal.list_no": ("Danh sách số {id}", "List no. {id}"),
    "disposal.proposed_by": ("Đề xuất bởi {who} lúc {at}", "Proposed by {who} at {at}"),
    "disposal.decided_by": ("Quyết định bởi {who} lúc {at}", "Decided by {who} at {at}"),
    "disposal.records_on": ("{n} tài liệu:", "{n} record(s):"),
    "disposal.report": ("Biên bản (in được)", "Signed-off report (printable)"),
    "disposal.no_report": (
        "Danh sách số {id} chưa có biên bản.",
        "List no. {id} has no report yet.",
    ),
    "disposal.own_list": (
        "Đây là danh sách bạn đề xuất: một quản trị viên khác phải duyệt.",
        "You proposed this list: another administrator must decide it.",
    ),
    "disposal.decision_reason": (
        "Ý kiến duyệt hoặc lý do từ chối",
        "Decision note or reason for rejecting",
    ),
    "disposal.approve": ("Duyệt và thực hiện", "Approve and carry out"),
    "disposal.reject": ("Từ chối", "Reject"),
    "disposal.proposed": (
        "Đã lập danh sách số {id}; chờ quản trị viên khác duyệt.",
        "List no. {id} proposed; awaiting another administrator.",
    ),
    "disposal.approved": (
        "Đã duyệt và thực hiện danh sách số {id}.",
        "List no. {id} approved and carried out.",
    ),
    "disposal.rejected": ("Đã từ chối danh sách số {id}.", "List no. {id} rejected."),
    **{f"disposal.action.{k}": (v, ACTIONS_EN[k]) for k, v in ACTIONS.items()},
    **{f"disposal.state.{k}": (v, STATES_EN[k]) for k, v in STATES.items()},
}
