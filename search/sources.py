"""Documents for a rebuild, named by keys and loaded in chunks wherever the engine likes.

Reading the documents (from storage, for ``hoso reindex``) is a good part of a
rebuild's work, as much as preparing their fields. A ``Sources`` lets an engine
hand whole chunks of keys to worker processes, which load and prepare them there,
so that the process that writes the index only adds finished documents. Iterating
over a ``Sources`` loads the chunks here, in order, for engines that do not care.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

# What one load reads at a time: enough to amortise a worker round trip, small enough
# that a few chunks in flight hold little memory.
CHUNK = 64

Loader = Callable[[Any, list[str]], list[dict[str, Any]]]


@dataclass(frozen=True)
class Sources:
    """The documents of ``keys``: ``load(context, chunk)`` returns those of one chunk.

    ``load`` must be a module-level function and ``context`` picklable, since worker
    processes call it; a key whose document is not to be indexed yields nothing.
    """

    keys: Sequence[str]
    load: Loader
    context: Any

    def __len__(self) -> int:
        return len(self.keys)

    def chunks(self, size: int = CHUNK) -> Iterator[list[str]]:
        """The keys, ``size`` at a time, in order."""
        for start in range(0, len(self.keys), size):
            yield list(self.keys[start : start + size])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for chunk in self.chunks():
            yield from self.load(self.context, chunk)
