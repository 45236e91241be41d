"""Sending an audit packet from a page (the record's and the dossier's buttons)."""

from __future__ import annotations

from typing import BinaryIO

from werkzeug.wrappers import Response

from archive import packet
from web.core.deps import address, archive, user
from web.core.files import send_spooled


def send_packet(targets: list[str], *, kind: str) -> Response:
    """Build the packet of ``targets`` in a temporary file and send it as a ZIP download."""

    def write(out: BinaryIO) -> str:
        made = packet.build(archive(), user(), targets, out, kind=kind, address=address())
        return f"goi-thanh-tra-{made.id}.zip"

    return send_spooled(archive().settings.tmp_dir, write, "application/zip")
