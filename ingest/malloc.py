"""Give page-sized buffers back to the system as soon as they are freed (glibc only).

OCR handles pages of 9 MB or more in several threads at once. glibc raises its
mmap threshold to the size of the largest block freed, so after the first page
such buffers come from per-thread heaps, where they stay resident long after they
are freed: a box of a few dozen pages grew the process by 150 MB that way. A fixed
threshold keeps every block of 1 MiB or more in its own mapping, returned on free.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading

# mallopt's parameter number for the mmap threshold (malloc.h).
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 1024 * 1024
_done = threading.Event()


def map_large_blocks() -> None:
    """Fix glibc's mmap threshold at 1 MiB, once per process; elsewhere do nothing."""
    if _done.is_set():
        return
    _done.set()
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
    except OSError:
        return
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
