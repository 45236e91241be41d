"""Several web processes on one port: forked before any thread, stopped together.

One waitress process runs its Python on one core at a time, however many threads
it has; an office server with more cores serves more searches with more processes.
They share nothing but the listening socket (the kernel gives each new connection to
one of them) and what every process shares anyway: the catalog, the store and the
search index, whose reader each process reloads after another's commit.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import sys
import threading
import time


def listening_socket(host: str, port: int) -> socket.socket:
    """The listening socket every server process accepts on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=1024)
    sock.setblocking(False)
    return sock


def fork_servers(processes: int) -> bool:
    """Fork ``processes - 1`` copies of this process; True in the first (the parent).

    The parent stops its children when it ends; a child ends when its parent is gone,
    so no orphan keeps the port.
    """
    children: list[int] = []
    parent = os.getpid()
    for _ in range(processes - 1):
        pid = os.fork()
        if pid == 0:
            _end_with_parent(parent)
            return False
        children.append(pid)
    if children:
        atexit.register(_stop, children)
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    return True


def _end_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _stop(children: list[int]) -> None:
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            continue
