"""Labels chosen at run time (a role, an audit action, a job state…): their message keys.

A template builds these keys from a value (``t("role." ~ user.role)``), which no extractor
can read; listing them here with ``N_`` puts them in the catalogs. Each tuple is the whole
family, so a test can check it against the table of values it labels.
"""

from __future__ import annotations


def N_(key: str) -> str:
    """Mark ``key`` for extraction; it is translated where it is shown."""
    return key


# Account roles (archive.permissions.ROLES), with a line on what each may do.
ROLES = (
    N_("role.admin"),
    N_("role.archivist"),
    N_("role.auditor"),
    N_("role.viewer"),
    N_("role.admin.help"),
    N_("role.archivist.help"),
    N_("role.auditor.help"),
    N_("role.viewer.help"),
)

# Audit trail actions (archive.audit.ACTION_LABELS).
AUDIT_ACTIONS = (
    N_("audit.signin"),
    N_("audit.signin_failed"),
    N_("audit.signout"),
    N_("audit.upload"),
    N_("audit.view"),
    N_("audit.download"),
    N_("audit.edit"),
    N_("audit.user_add"),
    N_("audit.token_create"),
    N_("audit.hold_place"),
    N_("audit.hold_lift"),
    N_("audit.disposal_propose"),
    N_("audit.disposal_approve"),
    N_("audit.disposal_reject"),
    N_("audit.disposal_destroy"),
    N_("audit.disposal_transfer"),
    N_("audit.fixity"),
    N_("audit.fixity_failed"),
    N_("audit.alert_resolve"),
    N_("audit.dossier_create"),
    N_("audit.dossier_edit"),
    N_("audit.retention_set"),
    N_("audit.setting_change"),
    N_("audit.dossier_add"),
    N_("audit.dossier_remove"),
    N_("audit.reindex"),
    N_("audit.rebuild"),
    N_("audit.fixity_run"),
    N_("audit.audit_export"),
    N_("audit.job_retry"),
    N_("audit.import"),
    N_("audit.operator"),
    N_("audit.password_change"),
    N_("audit.award_export"),
    N_("audit.award_flag_dismiss"),
    N_("audit.search_export"),
    N_("audit.packet"),
    N_("audit.password_set"),
    N_("audit.user_lock"),
    N_("audit.user_unlock"),
    N_("audit.user_role"),
    N_("audit.token_revoke"),
    N_("audit.denied"),
    N_("audit.audit_suppressed"),
)

# States of an API token (archive.accounts.TokenInfo.state).
TOKEN_STATES = (
    N_("account.token_state.active"),
    N_("account.token_state.expired"),
    N_("account.token_state.revoked"),
    N_("account.token_state.ended"),
    N_("account.token_state.locked"),
)

# Kinds of background job.
JOB_KINDS = (
    N_("jobs.kind.ocr"),
    N_("jobs.kind.import"),
)

# Job states (archive.jobs.STATE_LABELS).
JOB_STATES = (
    N_("job.state.queued"),
    N_("job.state.running"),
    N_("job.state.done"),
    N_("job.state.failed"),
)

# Bulk import run states (archive.import_runs.STATES).
IMPORT_STATES = (
    N_("import.state.queued"),
    N_("import.state.running"),
    N_("import.state.done"),
    N_("import.state.failed"),
    N_("import.state.cancelled"),
)

# What became of each file of an import (ingest.plan.STATUS_LABELS).
IMPORT_STATUSES = (
    N_("import.status.created"),
    N_("import.status.duplicate"),
    N_("import.status.rejected"),
    N_("import.status.skipped"),
    N_("import.status.missing"),
    N_("import.status.would_create"),
    N_("import.status.manifest"),
)

# Whether an imported scan's text was read (ingest.plan.OCR_LABELS).
IMPORT_OCR = (
    N_("import.ocr.done"),
    N_("import.ocr.failed"),
    N_("import.ocr.queued"),
    N_("import.ocr.skipped"),
)

# Manifest columns.
IMPORT_COLUMNS = (
    N_("import.col.file"),
    N_("import.col.number"),
    N_("import.col.issued_date"),
    N_("import.col.doc_type"),
    N_("import.col.subject"),
    N_("import.col.dossier_id"),
    N_("import.col.pages"),
    N_("import.col.notes"),
)

# Disposal actions (archive.disposition.ACTIONS).
DISPOSAL_ACTIONS = (
    N_("disposal.action.destroy"),
    N_("disposal.action.transfer"),
)

# Disposal list states (archive.disposition.STATES).
DISPOSAL_STATES = (
    N_("disposal.state.proposed"),
    N_("disposal.state.approved"),
    N_("disposal.state.rejected"),
)

# What a disposed record's page says, by disposal action.
TOMBSTONES = (
    N_("tombstone.title.destroy"),
    N_("tombstone.title.transfer"),
)

# Fixity alert kinds.
ALERT_KINDS = (
    N_("alert.kind.fixity_mismatch"),
    N_("alert.kind.fixity_missing"),
)

# Award recipients: a person or a collective.
AWARD_KINDS = (
    N_("award.kind.individual"),
    N_("award.kind.collective"),
)

# Metadata fields (archive.records.METADATA_FIELDS).
FIELDS = (
    N_("field.disposition"),
    N_("field.title"),
    N_("field.doc_type"),
    N_("field.number"),
    N_("field.issued_date"),
    N_("field.place"),
    N_("field.issuer"),
    N_("field.subject"),
    N_("field.signer"),
    N_("field.signer_title"),
    N_("field.recipients"),
    N_("field.references"),
    N_("field.awards"),
    N_("field.confidentiality"),
    N_("field.urgency"),
    N_("field.dossier_id"),
    N_("field.retention"),
)

# Search facets (search.FACETS).
FACETS = (
    N_("facet.doc_type"),
    N_("facet.year"),
    N_("facet.issuer"),
    N_("facet.award_form"),
)

# Search orders.
SORTS = (
    N_("search.sort.relevance"),
    N_("search.sort.date"),
    N_("search.sort.-date"),
)

# Query syntax examples.
SYNTAX = (
    N_("syntax.recipient"),
    N_("syntax.award_year"),
    N_("syntax.dossier"),
    N_("syntax.words"),
    N_("syntax.phrase"),
    N_("syntax.or"),
    N_("syntax.not"),
    N_("syntax.number"),
    N_("syntax.type"),
    N_("syntax.years"),
    N_("syntax.dates"),
    N_("syntax.issuer"),
    N_("syntax.award"),
)

# A dossier's retention: by the schedule, years, permanent.
DOSSIER_RETENTION = (
    N_("dossier.retention.schedule"),
    N_("dossier.retention.years"),
    N_("dossier.retention.permanent"),
)

# Link directions between records.
RELATED = (
    N_("related.cites"),
    N_("related.cited_by"),
)

# HTTP errors, by code (web.core.errors.HTTP_CODES).
ERROR_MESSAGES = (
    N_("error.bad_request"),
    N_("error.unauthorized"),
    N_("error.forbidden"),
    N_("error.not_found"),
    N_("error.method_not_allowed"),
    N_("error.too_large"),
    N_("error.internal_error"),
    N_("error.search_too_slow"),  # SearchTooSlow (web.core.errors.problem)
)

# Error page headings, by status.
ERROR_HEADINGS = (
    N_("error.heading.400"),
    N_("error.heading.403"),
    N_("error.heading.404"),
    N_("error.heading.405"),
    N_("error.heading.413"),
    N_("error.heading.other"),
)

# The management menu.
MANAGE_NAV = (
    N_("nav.import"),
    N_("nav.review"),
    N_("nav.jobs"),
    N_("nav.disposition"),
    N_("nav.audit"),
    N_("nav.duplicates"),
)

# Groupings of the award statistics (archive.statistics.DIMENSIONS).
REPORT_DIMENSIONS = (
    N_("reports.by.form"),
    N_("reports.by.level"),
    N_("reports.by.unit"),
    N_("reports.by.kind"),
)

# What a figure of the statistics selects (archive.statistics.Selection's fields).
REPORT_FIGURE = (
    N_("reports.figure.form"),
    N_("reports.figure.level"),
    N_("reports.figure.kind"),
    N_("reports.figure.unit"),
    N_("reports.figure.year"),
    N_("reports.figure.table"),
    N_("reports.figure.line"),
)
