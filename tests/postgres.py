"""Start and stop a throw-away PostgreSQL server (Debian's packages) on loopback."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from tests.seaweed import free_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError("không thấy PostgreSQL (gói Debian postgresql)")
    return found[-1]


class PostgreSQL:
    """One cluster in a temporary folder, trusting local connections."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/hoso"

    def _run(self, *args: str) -> None:
        # PostgreSQL refuses to run as root; the Debian package brings a postgres user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(
            _bin("initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        # A free port can be taken by another server between choosing it and binding it
        # (two test runs on one machine): then another port is tried.
        for attempt in range(3):
            options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
            (self.folder / "log").unlink(missing_ok=True)
            try:
                self._run(
                    _bin("pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-w",
                    "-l",
                    str(self.folder / "log"),
                    "start",
                )
                break
            except subprocess.CalledProcessError:
                log = (self.folder / "log").read_text(errors="replace")
                if attempt == 2 or "could not bind" not in log:
                    raise
                self.port = free_port()
        self._run(
            _bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "hoso"
        )

    def create_database(self, name: str) -> str:
        """A new, empty database of this server; return its URL."""
        self._run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
