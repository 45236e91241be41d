"""Sending an audit packet from a page (the record's and the dossier's buttons)."""

from __future__ import annotations

import tempfile

from werkzeug.wrappers import Response

from archive import packet
from web.core.deps import address, archive, user
from web.core.files import send_made_file


def send_packet(targets: list[str], *, kind: str) -> Response:
    """Build the packet of ``targets`` in a temporary file and send it as a ZIP download."""
    settings = archive().settings
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    # On disk, not in memory (a packet holds originals); the response closes it once sent.
    out = tempfile.TemporaryFile(dir=settings.tmp_dir)  # noqa: SIM115
    try:
        made = packet.build(archive(), user(), targets, out, kind=kind, address=address())
    except BaseException:
        out.close()
        raise
    return send_made_file(out, f"goi-thanh-tra-{made.id}.zip", "application/zip")
